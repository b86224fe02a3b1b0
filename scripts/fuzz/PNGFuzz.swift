// libFuzzer target: PNG bytes -> PNGImage (PNGCodec.decode through libpng's simplified API),
// then a re-encode and decode round trip. Built by scripts/fuzz/run with the codec's sources;
// see docs/fuzzing.md.
//
// Properties checked beyond "does not crash":
// - a decode either throws a FileError naming the file, or returns width x height x channels
//   pixels with 1-4 channels;
// - a decoded image encodes and decodes back to the same pixels.
@_cdecl("LLVMFuzzerTestOneInput")
public func pngFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let image: PNGImage
    do {
        image = try PNGCodec.decode(bytes, path: "fuzz.png")
    } catch let error as FileError {
        precondition(error.path == "fuzz.png", "errors name the file")
        return 0
    } catch {
        preconditionFailure("PNGCodec.decode threw \(error), not a FileError")
    }
    precondition((1...4).contains(image.channels), "1 to 4 channels")
    precondition(image.pixels.count == image.width * image.height * image.channels, "pixel count matches the size")
    // Round trip only small images, so one input cannot spend the whole time encoding.
    if image.width > 0, image.height > 0, image.pixels.count <= 1 << 20 {
        do {
            let again = try PNGCodec.decode(try PNGCodec.encode(image, path: "fuzz.png"), path: "fuzz.png")
            precondition(again == image, "encode then decode gives the same image")
        } catch {
            preconditionFailure("re-encoding a decoded image failed: \(error)")
        }
    }
    return 0
}
