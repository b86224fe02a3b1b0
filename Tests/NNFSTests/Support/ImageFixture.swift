import Foundation
import Testing
@testable import NNFS

/// Tests/NNFSTests/Fixtures/images/ (written by scripts/fixtures/gen_images.py with OpenCV).
enum ImageFixture {
    /// The fixture folder on disk.
    static let folder: String = {
        Bundle.module.url(forResource: "images", withExtension: nil, subdirectory: "Fixtures")!.path
    }()

    nonisolated(unsafe) static let json: [String: Any] = {
        let data = try! Data(contentsOf: URL(fileURLWithPath: folder + "/images.json"))
        return try! JSONSerialization.jsonObject(with: data) as! [String: Any]
    }()

    static func path(_ relative: String) -> String { folder + "/" + relative }

    /// Bytes from the fixture's two-hex-digits-per-byte strings.
    static func bytes(_ hex: String) -> [Int] {
        var out: [Int] = []
        out.reserveCapacity(hex.utf8.count / 2)
        var high: Int? = nil
        for c in hex.utf8 {
            let v = Int(c >= 97 ? c - 87 : c - 48)
            if let h = high { out.append(h << 4 | v); high = nil } else { high = v }
        }
        return out
    }

    /// A fixture image (shape and hex pixels) as a `uint8` tensor.
    static func tensor(_ hex: String, _ shape: [Int]) -> Tensor {
        Tensor(ints: bytes(hex), shape: shape, dtype: .uint8)
    }

    /// A temporary folder removed when `body` returns.
    static func withTemporaryFolder<T>(_ body: (String) throws -> T) throws -> T {
        let dir = NSTemporaryDirectory() + "nnfs-tests-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        return try body(dir)
    }

    /// The error `body` throws, as a ``FileError`` (records an issue if it throws something else or nothing).
    static func fileError(sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) -> FileError? {
        do {
            try body()
            Issue.record("expected a FileError, nothing was thrown", sourceLocation: sourceLocation)
        } catch let error as FileError {
            return error
        } catch {
            Issue.record("expected a FileError, got \(error)", sourceLocation: sourceLocation)
        }
        return nil
    }
}
