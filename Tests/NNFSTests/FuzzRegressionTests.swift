import Testing

@testable import NNFS

// Inputs found by the libFuzzer targets of scripts/fuzz (docs/fuzzing.md), kept as regression tests.

@Suite("Fuzzing findings: the IDX and gzip readers")
struct FuzzRegressionTests {
    /// From the `idx` target: 11 extents whose product overflows Int, but one of them is 0, so the
    /// file holds no elements and is valid. The reader must not trap on the overflow.
    @Test func idxWithAZeroExtentAndHugeOthersIsEmpty() throws {
        let bytes: [UInt8] = [
            0x00, 0x00, 0x08, 0x0B, 0x00, 0x00, 0x00, 0x54, 0x00, 0x00, 0x00, 0x03, 0x08, 0xDC, 0xAF, 0xE0,
            0x93, 0x80, 0x0C, 0x55, 0xF5, 0x22, 0x0B, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x30, 0x1C,
            0xC0, 0xE4, 0x6F, 0xCC, 0x79, 0xE1, 0x55, 0xF5, 0xD6, 0x8D, 0xBD, 0x0B, 0x41, 0x4D, 0xAA, 0xD9,
        ]
        let file = try IDXFile.parse(bytes, path: "fuzz.idx")
        #expect(file.dims.count == 11)
        #expect(file.dims[0] == 84 && file.dims[1] == 3 && file.dims[5] == 0)
        #expect(file.bytes.isEmpty)
        // One byte more is data the extents do not allow.
        #expect(throws: FileError("fuzz.idx", "IDX data longer than its dimensions \(file.dims) say: 1 bytes, expected 0")) {
            try IDXFile.parse(bytes + [7], path: "fuzz.idx")
        }
    }

    /// From the `idx` target: a gzip stream whose length trailer claims 2 GiB made every call
    /// allocate the capped 128 MiB guess; the guess is now bounded by deflate's 1032:1 ratio.
    /// zlib still checks the trailer, so the damaged length is reported.
    @Test func gzipWithADamagedLengthTrailerNamesTheFile() {
        let bytes: [UInt8] = [
            0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0x63, 0x60, 0xE0, 0x60, 0x64, 0x60,
            0x60, 0x60, 0x66, 0xE7, 0xE0, 0x04, 0x00, 0xAD, 0x98, 0x0A, 0xBA, 0xFF, 0xFF, 0xFF, 0x7F,
        ]
        #expect(throws: FileError("fuzz.idx.gz", "corrupt gzip data: incorrect length check")) {
            try Gzip.decompress(bytes, path: "fuzz.idx.gz")
        }
        var good = bytes
        good.replaceSubrange(27..., with: [11, 0, 0, 0])
        #expect((try? Gzip.decompress(good, path: "fuzz.idx.gz")) == [0, 0, 8, 1, 0, 0, 0, 3, 7, 8, 9])
    }
}
