import Foundation

/// Writes the HTML report: `index.html` and one page per chapter, each atomically.
public enum HTMLReport {
    /// Returns the path of `index.html`.
    @discardableResult
    public static func write(_ results: [ChapterResult], to directory: String, seconds: Double) throws -> String {
        let dir = Paths.absolute(directory)
        var pages: [String] = []
        var used = Set<String>()
        for r in results {
            var name = safeName(r.name) + ".html"
            var n = 2
            while used.contains(name) { name = safeName(r.name) + "-\(n).html"; n += 1 }
            used.insert(name)
            pages.append(name)
            try AtomicFile.write(HTMLChapterPage.render(r), to: dir + "/" + name)
        }
        let index = dir + "/index.html"
        try AtomicFile.write(HTMLIndex.render(results, pages: pages, seconds: seconds), to: index)
        return index
    }

    static func safeName(_ s: String) -> String {
        let kept = s.unicodeScalars.map { c -> Character in
            CharacterSet.alphanumerics.contains(c) || c == "-" || c == "_" || c == "." ? Character(c) : "_"
        }
        let name = String(kept)
        return name.isEmpty || name == "index" ? "chapter-" + name : name
    }
}
