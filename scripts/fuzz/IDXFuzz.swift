// libFuzzer target: IDX bytes, plain or gzip-compressed -> IDXFile (Gzip.decompress through
// zlib, IDXFile.parse). Built by scripts/fuzz/run with the reader's sources; see docs/fuzzing.md.
//
// Properties checked beyond "does not crash":
// - gzip input either decompresses or throws a FileError naming the file;
// - a parse either throws a FileError naming the file, or returns dimensions whose product is
//   the number of elements, and header + elements is exactly the input's length.
@_cdecl("LLVMFuzzerTestOneInput")
public func idxFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let raw = Array(UnsafeBufferPointer(start: data, count: size))
    do {
        let content = Gzip.isGzip(raw) ? try Gzip.decompress(raw, path: "fuzz.idx") : raw
        let idx = try IDXFile.parse(content, path: "fuzz.idx")
        precondition(idx.dims.count == Int(content[3]), "one extent per dimension")
        // Extents may overflow Int when multiplied, unless one is 0 (then there are no elements).
        let product =
            idx.dims.contains(0)
            ? 0 : idx.dims.reduce(1) { $0.multipliedReportingOverflow(by: $1).overflow ? Int.max : $0 * $1 }
        precondition(product == idx.bytes.count, "extents multiply to the element count")
        precondition(4 + 4 * idx.dims.count + idx.bytes.count == content.count, "header + data is the whole file")
    } catch let error as FileError {
        precondition(error.path == "fuzz.idx", "errors name the file")
    } catch {
        preconditionFailure("the IDX reader threw \(error), not a FileError")
    }
    return 0
}
