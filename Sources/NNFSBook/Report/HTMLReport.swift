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
        }
        let assets = try ReportAssets.install(in: dir, typeNames: HTMLChapterPage.mentionedTypes(results))
        let links = zip(results, pages).map { r, page -> HTMLChapterPage.Link in
            let o = ChapterOutline(r)
            return HTMLChapterPage.Link(href: page, title: (o.number.map { "\($0). " } ?? "") + o.title)
        }
        for (i, r) in results.enumerated() {
            let html = HTMLChapterPage.render(r, previous: i > 0 ? links[i - 1] : nil,
                                              next: i + 1 < links.count ? links[i + 1] : nil, assets: assets)
            try AtomicFile.write(html, to: dir + "/" + pages[i])
        }
        let index = dir + "/index.html"
        try AtomicFile.write(HTMLIndex.render(results, pages: pages, seconds: seconds, assets: assets), to: index)
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
