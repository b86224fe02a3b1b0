import Foundation

/// Finds the nnfs-book package: the nearest directory above a chapter (or the current directory)
/// whose Package.swift declares `name: "nnfs-book"`. `NNFS_BOOK_ROOT` overrides the search.
public enum PackageRoot {
    public static let environmentKey = "NNFS_BOOK_ROOT"

    public static func find(startingAt paths: [String], environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        if let forced = environment[environmentKey], !forced.isEmpty {
            let root = Paths.absolute(forced)
            guard isPackageRoot(root) else {
                throw RunnerError("\(environmentKey)=\(forced) is not the nnfs-book package (no Package.swift naming \"nnfs-book\")")
            }
            return root
        }
        for start in paths + [Paths.currentDirectory] {
            var dir = Paths.absolute(start)
            var isDir: ObjCBool = false
            if !(FileManager.default.fileExists(atPath: dir, isDirectory: &isDir) && isDir.boolValue) {
                dir = Paths.directory(of: dir)
            }
            while true {
                if isPackageRoot(dir) { return dir }
                if dir == "/" { break }
                dir = Paths.directory(of: dir)
            }
        }
        throw RunnerError("cannot find the nnfs-book package above \(paths.first ?? Paths.currentDirectory) or the current directory; run from the repository or set \(environmentKey)")
    }

    static func isPackageRoot(_ dir: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: dir + "/Package.swift") else { return false }
        let text = String(decoding: data, as: UTF8.self)
        return text.range(of: #"name:\s*"nnfs-book""#, options: .regularExpression) != nil
    }
}
