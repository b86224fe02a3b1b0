import Foundation

/// Writes a file by writing a temporary file beside it and renaming it over the target, so a
/// reader (or a crash) never sees a half-written file.
public enum AtomicFile {
    public static func write(_ text: String, to path: String) throws {
        try write(Array(text.utf8), to: path)
    }

    public static func write(_ bytes: [UInt8], to path: String) throws {
        let dir = Paths.directory(of: path)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let temp = dir + "/.\(Paths.fileName(of: path)).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        guard FileManager.default.createFile(atPath: temp, contents: Data(bytes)) else {
            throw SubprocessError("cannot write \(temp)")
        }
        guard rename(temp, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temp)
            throw SubprocessError("cannot replace \(path): \(reason)")
        }
    }
}
