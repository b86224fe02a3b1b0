import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// The execution cache (like Jupyter Book's): what a chapter program did, stored under a key that
/// changes whenever anything that decides what the program does changes. On a hit the runner
/// skips compiling and running and judges the stored outputs against the chapter's *current*
/// expected blocks and snapshots, so editing an expected block needs no rerun.
/// What the key holds is listed in docs/cache.md; ``Environment`` is the part shared by every
/// chapter of a session, ``key(for:)`` adds the chapter's own.
///
/// Only clean runs are stored (the program compiled, every cell ran to its end, exit 0, no
/// protocol problem): a crash or a timeout is never replayed. An entry is a header line
/// `nnfs-book-cache 1 <sha256 of the body> <body bytes>` and a JSON body; it is written through
/// ``AtomicFile`` and trusted only when the header, the length, the checksum, the JSON and the key
/// inside it all agree.
public struct ResultCache: Sendable {
    public static let formatVersion = 1
    public var directory: String
    public var environment: Environment

    public init(directory: String, environment: Environment) {
        self.directory = directory
        self.environment = environment
    }

    /// `<root>/.build-book/cache` (ignored by git through `.build-*/`).
    public static func defaultDirectory(root: String) -> String { root + "/.build-book/cache" }

    /// The key parts every chapter of a session shares.
    public struct Environment: Sendable, Codable, Equatable {
        /// `swift --version` (the compiler that builds the core and the chapter programs).
        public var toolchain: String
        /// The runner: path, size and modification time (ns) of the running executable.
        public var runner: String
        /// SHA-256 over Package.swift and every file under Sources/NNFS and Sources/C* (path and bytes).
        public var core: String
        /// Each library the core's module maps link: resolved path, size, modification time.
        public var systemLibraries: String
        /// The CPU model, a digest of its feature flags, and the OPENBLAS_* / NNFS_* variables
        /// the chapter program inherits (NNFS_BOOK_* excluded: those are per run).
        public var machine: String

        public init(toolchain: String, runner: String, core: String, systemLibraries: String, machine: String) {
            self.toolchain = toolchain
            self.runner = runner
            self.core = core
            self.systemLibraries = systemLibraries
            self.machine = machine
        }

        /// Reads the environment of `root` (one `swift --version`, one pass over the core's
        /// sources; with `memo`, a folder, the sources' digest is kept there under a digest of
        /// their paths, sizes, inodes and modification times, and read back while those hold).
        public static func current(root: String, memo: String? = nil) throws -> Environment {
            let (status, version) = try Subprocess.collect(executable: "swift", arguments: ["--version"], workingDirectory: root)
            guard status.succeeded else { throw RunnerError("`swift --version` failed (\(status.description)): \(version)") }
            return Environment(
                toolchain: version.trimmingCharacters(in: .whitespacesAndNewlines),
                runner: fileIdentity("/proc/self/exe") ?? "unknown runner",
                core: memo.map { coreDigest(root: root, memo: $0) } ?? coreDigest(root: root), systemLibraries: systemLibraries(root: root),
                machine: machine(ProcessInfo.processInfo.environment))
        }

        static func coreDigest(root: String, memo: String) -> String {
            var stats = ""
            for rel in coreFiles(root: root) {
                var st = stat()
                guard stat(root + "/" + rel, &st) == 0 else { return coreDigest(root: root) }
                stats += "\(rel) \(st.st_size) \(st.st_ino) \(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)\n"
            }
            let file = memo + "/core-" + SHA256.hex(stats) + ".digest"
            if let data = FileManager.default.contents(atPath: file), data.count == 64,
                data.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) })
            {
                return String(decoding: data, as: UTF8.self)
            }
            let digest = coreDigest(root: root)
            try? AtomicFile.write(digest, to: file)
            return digest
        }

        static func coreDigest(root: String) -> String {
            var d = SHA256()
            for rel in coreFiles(root: root) {
                let bytes = FileManager.default.contents(atPath: root + "/" + rel).map { Array($0) } ?? []
                d.update("\(rel)\0\(bytes.count)\0")
                d.update(bytes)
            }
            return d.finalize()
        }

        /// Package.swift and every file under Sources/NNFS and Sources/C*, relative, sorted.
        static func coreFiles(root: String) -> [String] {
            var files = ["Package.swift"]
            let sources = root + "/Sources"
            let tops = ((try? FileManager.default.contentsOfDirectory(atPath: sources)) ?? []).filter { $0 == "NNFS" || $0.hasPrefix("C") }
            for top in tops {
                let base = sources + "/" + top
                let inner = FileManager.default.enumerator(atPath: base)?.compactMap { $0 as? String } ?? []
                for rel in inner {
                    var isDir: ObjCBool = false
                    if FileManager.default.fileExists(atPath: base + "/" + rel, isDirectory: &isDir), !isDir.boolValue {
                        files.append("Sources/" + top + "/" + rel)
                    }
                }
            }
            return files.sorted()
        }

        static func systemLibraries(root: String) -> String {
            let sources = root + "/Sources"
            let maps = ((try? FileManager.default.contentsOfDirectory(atPath: sources)) ?? []).filter { $0.hasPrefix("C") }.sorted()
            var names: [String] = []
            for m in maps {
                guard let text = try? String(contentsOfFile: sources + "/" + m + "/module.modulemap", encoding: .utf8) else { continue }
                for line in text.split(separator: "\n") {
                    let parts = line.split(separator: "\"")
                    if line.trimmingCharacters(in: .whitespaces).hasPrefix("link"), parts.count >= 2 { names.append(String(parts[1])) }
                }
            }
            let dirs =
                (ProcessInfo.processInfo.environment["LD_LIBRARY_PATH"] ?? "").split(separator: ":").map(String.init)
                + [
                    "/usr/local/lib", "/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
                    "/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib", "/lib",
                ]
            return names.map { name in
                let found = dirs.lazy.compactMap { fileIdentity($0 + "/lib\(name).so") }.first
                return "\(name)=\(found ?? "not found")"
            }.joined(separator: "; ")
        }

        static func machine(_ env: [String: String]) -> String {
            var parts: [String] = []
            if let cpu = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) {
                let lines = cpu.split(separator: "\n")
                if let model = lines.first(where: { $0.hasPrefix("model name") }) {
                    parts.append(String(model.split(separator: ":", maxSplits: 1).last ?? "").trimmingCharacters(in: .whitespaces))
                }
                if let flags = lines.first(where: { $0.hasPrefix("flags") }) {
                    parts.append("flags " + String(SHA256.hex(String(flags)).prefix(16)))
                }
            }
            for (k, v) in env.sorted(by: { $0.key < $1.key })
            where k.hasPrefix("OPENBLAS_") || (k.hasPrefix("NNFS_") && !k.hasPrefix("NNFS_BOOK_")) {
                parts.append("\(k)=\(v)")
            }
            return parts.joined(separator: "; ")
        }

        /// `realpath size mtime-ns` of a file (symbolic links followed), nil when it does not exist.
        static func fileIdentity(_ path: String) -> String? {
            guard let real = realpath(path, nil) else { return nil }
            defer { free(real) }
            var st = stat()
            guard stat(real, &st) == 0 else { return nil }
            return "\(String(cString: real)) \(st.st_size) \(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)"
        }
    }

    /// The chapter's part of the key: the generated program's source (every compiled cell's code
    /// and options that shape it, the glue, the chapter's path), each run cell's time limit, the
    /// startup limit and the output cap.
    public struct ChapterKey: Sendable, Codable, Equatable {
        public var program: String
        public var limits: String
        public var outputCap: Int
    }

    public func chapterKey(for plan: ProgramPlan, outputCap: Int) -> ChapterKey {
        let limits =
            plan.runCells.map { "\($0.index):\($0.options.effectiveTimeout)" }.joined(separator: ",")
            + " startup:\(CodeOptions.defaultTimeout)"
        return ChapterKey(program: SHA256.hex(ProgramGenerator.generate(plan).source), limits: limits, outputCap: outputCap)
    }

    /// The key: SHA-256 of the format version, the environment and the chapter's part, as JSON.
    public func key(for chapter: ChapterKey) -> String {
        SHA256.hex(Self.describe(environment, chapter))
    }

    static func describe(_ environment: Environment, _ chapter: ChapterKey) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let env = (try? encoder.encode(environment)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        let ch = (try? encoder.encode(chapter)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        return "nnfs-book-cache \(formatVersion)\n\(env)\n\(ch)"
    }

    /// One stored run.
    public struct Entry: Sendable, Codable, Equatable {
        public var key: String
        /// When the run happened.
        public var storedAt: Date
        public var compileSeconds: Double
        public var runSeconds: Double
        public var cells: [StoredCell]
        public var strayOutput: String

        public struct StoredCell: Sendable, Codable, Equatable {
            public var index: Int
            public var output: String
            public var began: Bool
            public var ended: Bool
            public var seconds: Double?
            public var figures: [CellFigure]
            public var bytesCut: Int
            public var outputCap: Int
            public var problems: [String]
        }

        /// The entry for a clean run; nil when the run should not be replayed.
        public init?(key: String, compiled: ChapterCompiler.Outcome, execution: ChapterExecution, storedAt: Date = Date()) {
            guard compiled.failedCell == nil, compiled.programError == nil, compiled.errors.isEmpty,
                execution.ending == .completed, execution.problems.isEmpty
            else { return nil }
            self.key = key
            self.storedAt = storedAt
            compileSeconds = compiled.seconds
            runSeconds = execution.seconds
            strayOutput = execution.strayOutput
            cells = execution.cells.keys.sorted().map { i in
                let c = execution.cells[i]!
                return StoredCell(
                    index: i, output: c.output, began: c.began, ended: c.ended, seconds: c.seconds,
                    figures: c.figures, bytesCut: c.bytesCut, outputCap: c.outputCap, problems: c.problems)
            }
        }

        /// The stored run as the runner's execution.
        public var execution: ChapterExecution {
            var e = ChapterExecution()
            e.ending = .completed
            e.seconds = runSeconds
            e.strayOutput = strayOutput
            for c in cells {
                var run = ChapterExecution.CellRun()
                run.output = c.output
                run.began = c.began
                run.ended = c.ended
                run.seconds = c.seconds
                run.figures = c.figures
                run.bytesCut = c.bytesCut
                run.outputCap = c.outputCap
                run.problems = c.problems
                e.cells[c.index] = run
            }
            return e
        }
    }

    public func path(forKey key: String) -> String { directory + "/" + key + ".entry" }

    /// The entry stored under `key`, or nil when there is none or it cannot be trusted (wrong
    /// header, length or checksum; unreadable JSON; another key inside).
    public func load(key: String) -> Entry? {
        guard let data = FileManager.default.contents(atPath: path(forKey: key)) else { return nil }
        let bytes = Array(data)
        guard let newline = bytes.firstIndex(of: 10) else { return nil }
        let header = String(decoding: bytes[..<newline], as: UTF8.self).split(separator: " ")
        let body = bytes[(newline + 1)...]
        guard header.count == 4, header[0] == "nnfs-book-cache", header[1] == "\(Self.formatVersion)",
            Int(header[3]) == body.count, SHA256.hex(body) == header[2]
        else { return nil }
        let decoder = JSONDecoder()
        guard let entry = try? decoder.decode(Entry.self, from: Data(body)), entry.key == key else { return nil }
        return entry
    }

    /// Stores `entry` atomically. A cache that cannot be written is not an error of the run.
    @discardableResult
    public func store(_ entry: Entry) -> Bool {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let body = try? encoder.encode(entry) else { return false }
        let bytes = Array(body)
        let header = "nnfs-book-cache \(Self.formatVersion) \(SHA256.hex(bytes)) \(bytes.count)\n"
        do {
            try AtomicFile.write(Array(header.utf8) + bytes, to: path(forKey: entry.key))
            return true
        } catch {
            return false
        }
    }
}
