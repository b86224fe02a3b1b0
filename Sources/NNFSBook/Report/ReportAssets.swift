import Foundation

/// Files the report ships beside its pages, so it works offline (no CDN, no network request):
/// Debian's highlight.js (package `libjs-highlight.js`, which includes Swift) for the code, and a
/// small script that runs it. Where the package is missing the pages are complete without it:
/// the code is shown plain and no page refers to a file that is not there.
public struct ReportAssets: Sendable, Equatable {
    /// Highlight.js was copied to `assets/highlight.min.js`.
    public var highlight: Bool

    public static let none = ReportAssets(highlight: false)

    /// Where Debian installs highlight.js.
    static let highlightSource = "/usr/share/javascript/highlight.js/highlight.min.js"

    /// Copies what is available into `directory/assets` and says what was copied.
    static func install(in directory: String) throws -> ReportAssets {
        let fm = FileManager.default
        let dir = directory + "/assets"
        guard let js = fm.contents(atPath: highlightSource) else { return .none }
        try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try AtomicFile.write([UInt8](js), to: dir + "/highlight.min.js")
        try AtomicFile.write(script, to: dir + "/report.js")
        return ReportAssets(highlight: true)
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
