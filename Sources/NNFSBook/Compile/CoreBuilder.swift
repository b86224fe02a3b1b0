import Foundation

/// Where the optimized NNFS core lives once built: what a chapter program compiles against.
public struct CoreBuild: Sendable, Equatable {
    public var root: String
    /// `<root>/.build-core/release`: holds `libNNFS.so`.
    public var libraryDirectory: String
    /// Holds `NNFS.swiftmodule` (Swift 6.3 puts it in `release/Modules`).
    public var moduleDirectory: String
    /// Include paths of the module maps of the C modules NNFS imports (`Sources/C*`: COpenBLAS, CZlib,
    /// CPNG, CKernels, ...): a client of NNFS.swiftmodule must be able to load the modules it imports.
    public var extraIncludes: [String]
}

/// Builds the NNFS core with `swift build -c release --product NNFS --scratch-path <root>/.build-core`
/// (a fast no-op when up to date), once per process and root.
public enum CoreBuilder {
    nonisolated(unsafe) private static var built: [String: Result<CoreBuild, Error>] = [:]
    private static let lock = NSLock()

    /// `progress` receives one line before a build starts and one when it ends.
    public static func build(root: String, progress: (String) -> Void = { _ in }) throws -> CoreBuild {
        lock.lock()
        defer { lock.unlock() }
        if let cached = built[root] { return try cached.get() }
        let result = Result { try buildUncached(root: root, progress: progress) }
        built[root] = result
        return try result.get()
    }

    private static func buildUncached(root: String, progress: (String) -> Void) throws -> CoreBuild {
        let scratch = root + "/.build-core"
        progress("nnfs-book: building the NNFS core (release) in \(Paths.display(scratch)) ...")
        let start = Date()
        let (status, output) = try Subprocess.collect(
            executable: "swift",
            arguments: ["build", "-c", "release", "--product", "NNFS", "--scratch-path", scratch],
            workingDirectory: root)
        guard status.succeeded else {
            let tail = output.split(separator: "\n", omittingEmptySubsequences: false).suffix(40).joined(separator: "\n")
            throw RunnerError("building the NNFS core failed (\(status.description)):\n\(tail)")
        }
        progress(String(format: "nnfs-book: NNFS core ready (%.1f s)", Date().timeIntervalSince(start)))
        let lib = scratch + "/release"
        let candidates = [lib + "/Modules", lib]
        guard let modules = candidates.first(where: { FileManager.default.fileExists(atPath: $0 + "/NNFS.swiftmodule") }) else {
            throw RunnerError("the NNFS core built, but no NNFS.swiftmodule is in \(candidates.joined(separator: " or "))")
        }
        return CoreBuild(
            root: root, libraryDirectory: lib, moduleDirectory: modules,
            extraIncludes: systemLibraryIncludes(root: root))
    }

    /// Every `Sources/C*` folder with a `module.modulemap` (a system library), or whose `include`
    /// folder has one (a C target such as CKernels), sorted (a stable compiler command line).
    static func systemLibraryIncludes(root: String) -> [String] {
        let sources = root + "/Sources"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: sources)) ?? []
        let folders: [String] = names.filter { $0.hasPrefix("C") }.sorted().flatMap { (name: String) -> [String] in
            let folder = sources + "/" + name
            return [folder, folder + "/include"]
        }
        return folders.filter { FileManager.default.fileExists(atPath: $0 + "/module.modulemap") }
    }
}
