import Foundation

/// Path helpers: absolute paths for the file system, short relative ones for people.
public enum Paths {
    public static var currentDirectory: String { FileManager.default.currentDirectoryPath }

    /// `path` made absolute against the current directory, with `.` and `..` resolved.
    public static func absolute(_ path: String, relativeTo base: String = Paths.currentDirectory) -> String {
        let joined = path.hasPrefix("/") ? path : base + "/" + path
        return normalize(joined)
    }

    /// The path to show: relative to the current directory when the file is under it.
    public static func display(_ absolutePath: String, relativeTo base: String = Paths.currentDirectory) -> String {
        let base = normalize(base)
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return absolutePath.hasPrefix(prefix) ? String(absolutePath.dropFirst(prefix.count)) : absolutePath
    }

    /// Resolves `.`, `..` and repeated slashes of an absolute path (symlinks are kept).
    public static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." { _ = parts.popLast(); continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    public static func fileName(of path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
