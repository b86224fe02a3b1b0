import Foundation
import Testing
@testable import NNFS

// cv2.imread / cv2.resize / cv2.imwrite against what OpenCV (opencv-python-headless 5.0) returns:
// Tests/NNFSTests/Fixtures/images/images.json from scripts/fixtures/gen_images.py.

@Suite("cv2: PNG through libpng, bit-exact with OpenCV")
struct ImageTests {
    static let readable = [
        "gray.png", "rgb.png", "rgba.png", "gray_alpha.png", "palette.png",
        "palette_trns.png", "gray_1bit.png", "gray_gamma1.png", "rgb_gamma1.png",
    ]
    static let flags: [(String, Int)] = [
        ("unchanged", cv2.IMREAD_UNCHANGED), ("grayscale", cv2.IMREAD_GRAYSCALE), ("color", cv2.IMREAD_COLOR),
    ]

    @Test(arguments: readable)
    func imreadMatchesOpenCV(file: String) throws {
        let expected = try #require(try ImageFixture.cached.get().imread[file], "\(file) is not in images.json")
        for (name, flag) in Self.flags {
            let want = try #require(expected[name] ?? nil, "\(file) \(name): not in images.json, or null")
            let got = try cv2.imread(ImageFixture.path("png/" + file), flag)
            #expect(got.dtype == .uint8)
            #expect(got.shape == want.shape, "\(file) \(name)")
            #expect(got.ints == want.pixels?.values, "\(file) \(name)")
        }
    }

    /// The gray conversion is OpenCV's (libpng's 15-bit weights, truncated), not the rounded
    /// 0.299/0.587/0.114 of cv2.cvtColor: pure green shows the difference (149 vs 150).
    @Test func grayscaleWeights() {
        #expect(cv2.grayscale(red: 0, green: 255, blue: 0) == 149)
        #expect(cv2.grayscale(red: 255, green: 0, blue: 0) == 76)
        #expect(cv2.grayscale(red: 0, green: 0, blue: 255) == 29)
        #expect(cv2.grayscale(red: 200, green: 200, blue: 200) == 200)
    }

    @Test func sixteenBitPNGIsRefusedWithAReason() {
        let path = ImageFixture.path("png/gray16.png")
        let error = ImageFixture.fileError { _ = try cv2.imread(path, cv2.IMREAD_GRAYSCALE) }
        #expect(error?.path == path)
        #expect(error?.reason.contains("16-bit") == true)
    }

    @Test(arguments: ["truncated.png", "bad_crc.png", "text.png"])
    func brokenPNGThrowsNamingTheFile(file: String) throws {
        let expected = try #require(try ImageFixture.cached.get().imread[file], "\(file) is not in images.json")
        #expect(expected["unchanged"] == .some(nil), "OpenCV could read \(file)?")  // present, and null
        let path = ImageFixture.path("png/" + file)
        let error = ImageFixture.fileError { _ = try cv2.imread(path, cv2.IMREAD_UNCHANGED) }
        #expect(error?.path == path)
        #expect(error.map { !$0.reason.isEmpty } == true)
    }

    @Test func missingFileThrowsNamingIt() {
        let error = ImageFixture.fileError { _ = try cv2.imread("/nonexistent/tshirt.png", cv2.IMREAD_GRAYSCALE) }
        #expect(error == FileError("/nonexistent/tshirt.png", "no such file"))
    }

    @Test func resizeMatchesOpenCVBitForBit() throws {
        let cases = try ImageFixture.cached.get().resize
        #expect(cases.count == 17)
        for c in cases {
            let src = c.source
            let dsize = c.dsize
            try #require(dsize.count == 2, "dsize \(dsize)")
            let out = cv2.resize(src, (dsize[0], dsize[1]))
            #expect(out.shape == c.shape, "\(src.shape) -> \(dsize)")
            #expect(out.ints == c.out.values, "\(src.shape) -> \(dsize)")
        }
    }

    /// OpenCV returns a (rows, cols, 1) image resized as a 2-D array.
    @Test func resizeOfOneChannelImageIsTwoD() {
        let img = Tensor(ints: (0..<25).map { $0 * 9 }, shape: [5, 5, 1], dtype: .uint8)
        let out = cv2.resize(img, (3, 3))
        #expect(out.shape == [3, 3])
        #expect(out.ints == cv2.resize(img.reshape(5, 5), (3, 3)).ints)
    }

    @Test(arguments: [[7, 5], [7, 5, 3], [4, 6, 4], [3, 2, 1]])
    func pngRoundTrip(shape: [Int]) throws {
        let count = shape.reduce(1, *)
        let img = Tensor(ints: (0..<count).map { ($0 * 37 + 11) % 256 }, shape: shape, dtype: .uint8)
        try ImageFixture.withTemporaryFolder { dir in
            let path = dir + "/round.png"
            #expect(try cv2.imwrite(path, img))
            let back = try cv2.imread(path, cv2.IMREAD_UNCHANGED)
            #expect(back.ints == img.ints)
            #expect(back.shape == (shape.count == 3 && shape[2] == 1 ? [shape[0], shape[1]] : shape))
            // no temporary file is left beside it
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["round.png"])
        }
    }

    @Test func imwriteRefusesWhatItCannotWrite() throws {
        try ImageFixture.withTemporaryFolder { dir in
            let img = Tensor(ints: [1, 2, 3, 4], shape: [2, 2], dtype: .uint8)
            #expect(ImageFixture.fileError { try cv2.imwrite(dir + "/a.jpg", img) }?.reason.contains("PNG") == true)
            let floats = Tensor(float32: [1, 2, 3, 4], shape: [2, 2])
            #expect(ImageFixture.fileError { try cv2.imwrite(dir + "/a.png", floats) }?.reason == "image must be uint8, not float32")
            #expect(ImageFixture.fileError { try cv2.imwrite(dir + "/missing/a.png", img) }?.path == dir + "/missing/a.png")
        }
    }

    /// The chapter-22 pipeline on a made-up "photo": resize then invert then scale.
    @Test func bookPreprocessingShapesAndRange() {
        let photo = Tensor(ints: (0..<(60 * 40)).map { $0 % 256 }, shape: [60, 40], dtype: .uint8)
        var imageData = cv2.resize(photo, (28, 28))
        imageData = 255 - imageData
        #expect(imageData.dtype == .uint8 && imageData.shape == [28, 28])
        let scaled = (imageData.reshape(1, -1).astype(.float32) - 127.5) / 127.5
        #expect(scaled.shape == [1, 784] && scaled.dtype == .float32)
        #expect(scaled.floats.allSatisfy { $0 >= -1 && $0 <= 1 })
    }
}
