import Foundation
import Testing
@testable import NNFS

/// Defects found while writing chapters 19-22, each pinned by a test.
@Suite("Regressions found by the chapters", .serialized)
struct RegressionFromChaptersTests {
    /// libpng reads the file's bytes again in `png_image_finish_read`: the buffer must outlive
    /// both calls. Before the fix, reading back hundreds of freshly written PNGs failed at random
    /// ("IDAT: unknown compression method"), as chapter 19's folder of 60,000 images did.
    @Test func everyWrittenPNGReadsBackIdentically() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nnfs-png-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for i in 0..<400 {
            var pixels = [Int](repeating: 0, count: 28 * 28)
            for k in pixels.indices {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                pixels[k] = Int(state >> 57) * (k % 7 == 0 ? 2 : 1)  // compressible and not
            }
            let image = np.array(pixels).reshape(28, 28).astype(.uint8)
            let path = dir + "/\(i).png"
            #expect(try cv2.imwrite(path, image))
            let back = try cv2.imread(path, cv2.IMREAD_UNCHANGED)
            #expect(back.shape == [28, 28])
            #expect(back.description == image.description, "image \(i)")
        }
    }

    /// `np.set_printoptions(linewidth=200)` as chapter 19 prints a 28x28 image; the expected text
    /// is what NumPy 2.4 prints for `np.arange(40, dtype=np.uint8).reshape(2, 20) * 3`. The layout
    /// is checked at width 200 without changing the process-wide setting (tests run in parallel,
    /// and other tests print at NumPy's default 75); chapter 19 runs the setter itself.
    @Test func printOptionsLineWidth() {
        let a = (np.array(Array(0..<40)).reshape(2, 20) * 3).astype(.uint8)
        #expect(a.arrayToString(separator: " ", prefix: "", lineWidth: 200) == """
            [[  0   3   6   9  12  15  18  21  24  27  30  33  36  39  42  45  48  51  54  57]
             [ 60  63  66  69  72  75  78  81  84  87  90  93  96  99 102 105 108 111 114 117]]
            """)
        #expect(a.arrayToString(separator: " ", prefix: "", lineWidth: 75).split(separator: "\n").count == 4)
    }
}
