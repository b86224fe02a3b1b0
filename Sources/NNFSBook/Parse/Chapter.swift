/// A parsed chapter: its source and the cells found in it, in order.
public struct Chapter: Sendable {
    /// The path as the user gave it (relative to the current directory when possible); this is
    /// what messages and `#sourceLocation` show.
    public var displayPath: String
    /// The absolute path of the Markdown file.
    public var absolutePath: String
    public var source: SourceText
    public var cells: [Cell]

    /// The file name without `.md`: `01-introduction`.
    public var stem: String {
        let name = absolutePath.split(separator: "/").last.map(String.init) ?? absolutePath
        return name.hasSuffix(".md") ? String(name.dropLast(3)) : name
    }
}

/// A fenced block's place in the Markdown: all lines are 1-based and inclusive.
public struct FencedBlock: Sendable, Equatable {
    /// The opening fence line.
    public var openLine: Int
    /// The closing fence line.
    public var closeLine: Int
    /// The raw info string (after the fence characters).
    public var info: String
    /// The block's content, with `\n` line ends, ending in `\n` unless empty.
    public var literal: String

    /// The Markdown line of the first content line.
    public var firstContentLine: Int { openLine + 1 }
    /// How many content lines the block has.
    public var contentLineCount: Int { closeLine - openLine - 1 }
}

/// A ```` ```swift ```` code cell and the ```` ```output ```` block that follows it, if any.
public struct Cell: Sendable {
    /// 1-based position among the chapter's swift cells.
    public var index: Int
    public var code: FencedBlock
    public var options: CodeOptions
    public var output: OutputBlock?

    /// The code to compile (the fenced block's content).
    public var source: String { code.literal }
}

/// An ```` ```output ```` block: the text the book prints for the preceding swift cell.
public struct OutputBlock: Sendable {
    public var block: FencedBlock
    public var options: OutputOptions

    /// The expected text (the block's content).
    public var text: String { block.literal }
}
