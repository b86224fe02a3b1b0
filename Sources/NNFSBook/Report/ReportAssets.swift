import Foundation

/// Files the report ships beside its pages, so it works offline (no CDN, no network request):
/// Debian's highlight.js (package `libjs-highlight.js`, which includes Swift) for the code, and a
/// small script that runs it. Where the package is missing the pages are complete without it:
/// the code is shown plain and no page refers to a file that is not there.
public struct ReportAssets: Sendable, Equatable {
    /// Highlight.js was copied to `assets/highlight.min.js`.
    public var highlight: Bool
    /// Types with a page in the DocC reference built into `docs/` of the report folder (see the
    /// README), by name: a chapter's first mention of one links to its page.
    public var documentedTypes: Set<String> = []

    public static let none = ReportAssets(highlight: false)

    public init(highlight: Bool, documentedTypes: Set<String> = []) {
        self.highlight = highlight
        self.documentedTypes = documentedTypes
    }

    /// The page of `type` in the DocC reference, relative to the report folder.
    static func docPage(_ type: String) -> String { "docs/documentation/nnfs/\(type.lowercased())/index.html" }

    /// The types of `names` that have a DocC page under `directory`.
    static func documented(_ names: [String], in directory: String) -> Set<String> {
        Set(names.filter { FileManager.default.fileExists(atPath: directory + "/" + docPage($0)) })
    }

    /// Where Debian installs highlight.js.
    static let highlightSource = "/usr/share/javascript/highlight.js/highlight.min.js"

    /// Copies what is available into `directory/assets` and says what was copied.
    static func install(in directory: String, typeNames: [String] = []) throws -> ReportAssets {
        let fm = FileManager.default
        let docs = documented(typeNames, in: directory)
        let dir = directory + "/assets"
        // AtomicFile.write creates `assets/` with a plain message when it cannot.
        guard let js = fm.contents(atPath: highlightSource) else { return ReportAssets(highlight: false, documentedTypes: docs) }
        try AtomicFile.write([UInt8](js), to: dir + "/highlight.min.js")
        try AtomicFile.write(script, to: dir + "/report.js")
        return ReportAssets(highlight: true, documentedTypes: docs)
    }

    var headTags: String {
        highlight ? "<script src=\"assets/highlight.min.js\" defer></script>\n<script src=\"assets/report.js\" defer></script>\n" : ""
    }

    /// Colours every cell's code with highlight.js's Swift grammar (9.x API).
    static let script = """
    // nnfs-book report: syntax colouring of the cells' Swift code by highlight.js (from Debian).
    if (window.hljs) {
      hljs.configure({ languages: ["swift"] });
      document.querySelectorAll("pre.src code.language-swift").forEach(function (block) { hljs.highlightBlock(block); });
    }

    """
}
