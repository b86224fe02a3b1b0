// libFuzzer target: safetensors bytes -> tensors and metadata (SafeTensors.decode), then the
// whole-model reader (ModelFile.decode) and the parameter-file reader (ParameterFile.read).
// Built by scripts/fuzz/run together with the NNFS sources; see docs/fuzzing.md.
//
// Properties checked beyond "does not crash":
// - a decode either throws a FileError naming the file, or returns tensors whose element counts
//   and byte sizes add up to exactly the data that follows the header;
// - ModelFile.decode and ParameterFile.read of a decoded file either succeed or throw a FileError
//   naming the file.
import Foundation

private let scratch = NSTemporaryDirectory() + "/nnfs-fuzz-\(getpid()).safetensors"

@_cdecl("LLVMFuzzerTestOneInput")
public func safeTensorsFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let decoded: (tensors: [String: Tensor], metadata: [String: String])
    do {
        decoded = try SafeTensors.decode(bytes, path: "fuzz.safetensors")
    } catch let error as FileError {
        precondition(error.path == "fuzz.safetensors", "errors name the file")
        return 0
    } catch {
        preconditionFailure("SafeTensors.decode threw \(error), not a FileError")
    }
    var n: Int = 0
    for k in 0..<8 { n |= Int(bytes[k]) << (8 * k) }
    var dataBytes = 0
    for (_, tensor) in decoded.tensors {
        precondition(tensor.count == tensor.shape.reduce(1, *), "element count matches the shape")
        dataBytes += tensor.count * SafeTensors.size(tensor.dtype)
    }
    precondition(8 + n + dataBytes == bytes.count, "tensors account for every data byte")
    do {
        _ = try ModelFile.decode(decoded.tensors, decoded.metadata, path: "fuzz.safetensors")
    } catch let error as FileError {
        precondition(error.path == "fuzz.safetensors", "model errors name the file")
    } catch {
        preconditionFailure("ModelFile.decode threw \(error), not a FileError")
    }
    _ = FileManager.default.createFile(atPath: scratch, contents: Data(bytes))
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    do {
        let layers = try ParameterFile.read(scratch)
        for layer in layers { precondition(layer.weights.count >= 0 && layer.biases.count >= 0) }
    } catch let error as FileError {
        precondition(error.path == scratch, "parameter-file errors name the file")
    } catch {
        preconditionFailure("ParameterFile.read threw \(error), not a FileError")
    }
    return 0
}
