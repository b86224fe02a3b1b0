/// A problem with a chapter's input (its Markdown, an option, a snapshot), located at `file:line`
/// so an editor or a terminal can jump to it.
public struct BookError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The chapter path as shown to the user.
    public var file: String
    /// 1-based line, or nil when the problem is with the file as a whole.
    public var line: Int?
    public var message: String

    public init(file: String, line: Int?, _ message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var location: String {
        line.map { "\(file):\($0)" } ?? file
    }

    public var description: String { "\(location): error: \(message)" }
}

/// Several input errors found in one pass: a chapter reports all of them, not just the first.
public struct BookErrors: Error, CustomStringConvertible, Sendable {
    public var errors: [BookError]
    public init(_ errors: [BookError]) { self.errors = errors }
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
