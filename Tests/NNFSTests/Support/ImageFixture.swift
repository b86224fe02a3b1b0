import Foundation
import Testing
@testable import NNFS

/// Tests/NNFSTests/Fixtures/images/ (written by scripts/fixtures/gen_images.py with OpenCV).
enum ImageFixture {
    /// The fixture folder on disk.
    static let folder: String = {
        Bundle.module.url(forResource: "images", withExtension: nil, subdirectory: "Fixtures")!.path
    }()

    static let cached = CachedFixture(File.self, "images/images.json")

    static func path(_ relative: String) -> String { folder + "/" + relative }

    /// images.json: what OpenCV returned for the PNG files, resize cases, the IDX and fake
    /// Fashion-MNIST contents.
    struct File: Decodable, Sendable {
        let opencv: String
        /// Per data set prefix ("train", "t10k"): the labels and the stable sort order by label.
        let fashion: [String: FashionSplit]
        let idxGood: IDXContents
        /// Per PNG file, per flag name ("unchanged", "grayscale", "color"): what cv2.imread
        /// returned, `nil` (JSON null) when OpenCV could not read it.
        let imread: [String: [String: Image?]]
        let resize: [Resize]

        private enum CodingKeys: String, CodingKey {
            case opencv, fashion, imread, resize
            case idxGood = "idx_good"
        }
    }

    struct FashionSplit: Decodable, Sendable {
        let order: [Int]
        let labels: [Int]
    }

    /// good.idx's dimensions and data bytes.
    struct IDXContents: Decodable, Sendable {
        let dims: [Int]
        let bytes: HexBytes
    }

    /// An image as OpenCV returned it; `pixels` is `nil` for a dtype the fixture does not store (uint16).
    struct Image: Decodable, Sendable, Equatable {
        let shape: [Int]
        let dtype: String
        let pixels: HexBytes?
    }

    /// `cv2.resize(src, dsize)`, images as bytes.
    struct Resize: Decodable, Sendable {
        let srcShape: [Int]
        let src: HexBytes
        let dsize: [Int]
        let shape: [Int]
        let out: HexBytes

        private enum CodingKeys: String, CodingKey {
            case src, dsize, shape, out
            case srcShape = "src_shape"
        }

        /// The source image as a `uint8` tensor.
        var source: Tensor { Tensor(ints: src.values, shape: srcShape, dtype: .uint8) }
    }

    /// Bytes written as two lowercase hex digits each (`"00ff7f"`).
    struct HexBytes: Decodable, Sendable, Equatable {
        let values: [Int]

        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            let hex = Array(try c.decode(String.self).utf8)
            let digits = hex.map { c in
                switch c {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(c - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(c - UInt8(ascii: "a")) + 10
                default: -1
                }
            }
            guard hex.count.isMultiple(of: 2), !digits.contains(-1) else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "expected pairs of lowercase hex digits")
            }
            values = stride(from: 0, to: digits.count, by: 2).map { digits[$0] << 4 | digits[$0 + 1] }
        }
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
