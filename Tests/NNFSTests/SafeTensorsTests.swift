import Foundation
import Testing
@testable import NNFS

// safetensors interoperability with Python's `safetensors` package, both ways:
// Tests/NNFSTests/Fixtures/safetensors/ from scripts/fixtures/gen_safetensors.py.

@Suite("safetensors: interoperable with Python's safetensors, bit for bit")
struct SafeTensorsTests {
    static let folder = Bundle.module.url(forResource: "safetensors", withExtension: nil, subdirectory: "Fixtures")!.path
    static let files = ["python_parameters", "python_plain", "python_mixed"]

    static func fixture() throws -> SafeTensorsFixture { try SafeTensorsFixture.cached.get() }

    /// The fixture's value of tensor `key` of file `name`.
    static func expected(_ name: String, _ key: String) throws -> Tensor { try fixture().tensor(name, key) }

    /// File `name`'s tensors, in the order Python wrote them, with their fixture values.
    static func tensors(_ name: String) throws -> [(name: String, tensor: Tensor)] {
        try fixture().file(name).tensors.map { (name: $0, tensor: try expected(name, $0)) }
    }

    static func sameBits(_ a: Tensor, _ b: Tensor) -> Bool {
        guard a.dtype == b.dtype, a.shape == b.shape else { return false }
        switch a.dtype {
        case .float32: return a.floats.map(\.bitPattern) == b.floats.map(\.bitPattern)
        case .float64: return a.doubles.map(\.bitPattern) == b.doubles.map(\.bitPattern)
        default: return a.ints == b.ints
        }
    }

    @Test(arguments: files)
    func readsWhatPythonWrote(name: String) throws {
        let (tensors, metadata) = try SafeTensors.read(Self.folder + "/\(name).safetensors")
        let record = try Self.fixture().file(name)
        #expect(metadata == record.metadata)
        #expect(tensors.keys.sorted() == record.tensors)
        for (key, tensor) in tensors {
            #expect(try Self.sameBits(tensor, Self.expected(name, key)), "\(name)/\(key)")
        }
    }

    /// Our writer produces Python's bytes exactly, so Python reads our files as its own.
    @Test(arguments: files)
    func writesPythonsBytes(name: String) throws {
        let record = try Self.fixture().file(name)
        let bytes = try SafeTensors.encode(Self.tensors(name), metadata: record.metadata, path: "x")
        #expect(bytes.map { String(format: "%02x", $0) }.joined() == record.bytes)
    }

    /// The checked-in Swift-written files (which gen_safetensors.py loads with Python) are what
    /// NNFS writes today.
    @Test(arguments: files)
    func checkedInSwiftFilesAreCurrent(name: String) throws {
        let record = try Self.fixture().file(name)
        let bytes = try SafeTensors.encode(Self.tensors(name), metadata: record.metadata, path: "x")
        #expect(try readFileBytes(Self.folder + "/swift_" + name.dropFirst("python_".count) + ".safetensors") == bytes)
    }

    /// The Swift side of the interop proof: run with NNFS_WRITE_FIXTURES=1, then
    /// scripts/fixtures/gen_safetensors.py loads these files with Python's safetensors.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["NNFS_WRITE_FIXTURES"] == "1"))
    func writesTheInteropFiles() throws {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path + "/Fixtures/safetensors"
        for name in Self.files {
            let record = try Self.fixture().file(name)
            let out = source + "/swift_" + name.dropFirst("python_".count) + ".safetensors"
            try SafeTensors.write(Self.tensors(name), metadata: record.metadata, to: out)
        }
    }

    @Test(arguments: ["python_parameters", "python_plain"])
    func parameterListFromPython(name: String) throws {
        let parameters = try ParameterFile.read(Self.folder + "/\(name).safetensors")
        #expect(parameters.count == 2)
        #expect(try Self.sameBits(parameters[0].weights, Self.expected(name, "0.weights")))
        #expect(try Self.sameBits(parameters[1].biases, Self.expected(name, "1.biases")))
        #expect(parameters[1].biases.dtype == .float64)
    }

    @Test func parameterListRoundTrip() throws {
        try ImageFixture.withTemporaryFolder { dir in
            let parameters = [
                (weights: Tensor(float32: [1, 2, 3, 4, 5, 6], shape: [2, 3]), biases: Tensor(float32: [0.5, -0.25, 0], shape: [1, 3])),
                (weights: Tensor(float32: [0.1, 0.2, 0.3], shape: [3, 1]), biases: Tensor(float64: [0.7], shape: [1, 1])),
            ]
            try ParameterFile.write(parameters, to: dir + "/p.parms")
            let back = try ParameterFile.read(dir + "/p.parms")
            #expect(back.count == 2)
            for (a, b) in zip(parameters, back) {
                #expect(Self.sameBits(a.weights, b.weights) && Self.sameBits(a.biases, b.biases))
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["p.parms"])
        }
    }

    // MARK: bad files

    /// A valid file's bytes with `edit` applied, written to a temporary file; the FileError reading it gives.
    static func readError(
        _ edit: ([UInt8]) -> [UInt8], file: String = "python_mixed",
        read: (String) throws -> Void = { _ = try SafeTensors.read($0) }
    ) throws -> FileError? {
        let bytes = try readFileBytes(folder + "/\(file).safetensors")
        return try ImageFixture.withTemporaryFolder { dir in
            let path = dir + "/bad.safetensors"
            try AtomicWrite.writeFile(edit(bytes), to: path)
            return ImageFixture.fileError { try read(path) }
        }
    }

    /// A file with the given header text and `data` bytes.
    static func file(header: String, data: Int) -> [UInt8] {
        var h = Array(header.utf8)
        var out: [UInt8] = []
        withUnsafeBytes(of: UInt64(h.count).littleEndian) { out.append(contentsOf: $0) }
        out += h
        h = [UInt8](repeating: 0, count: data)
        return out + h
    }

    @Test func truncatedFiles() throws {
        #expect(
            try Self.readError { Array($0.prefix(5)) }?.reason
                == "truncated: 5 bytes, shorter than the 8-byte header length of a safetensors file")
        #expect(try Self.readError { Array($0.prefix(100)) }?.reason.hasPrefix("truncated: the header says it is ") == true)
        #expect(try Self.readError { Array($0.dropLast(3)) }?.reason.hasPrefix("truncated: the header describes ") == true)
        #expect(try Self.readError { $0 + [0] }?.reason == "corrupt: 1 bytes after the last tensor's data")
    }

    @Test func corruptHeaders() throws {
        #expect(
            try Self.readError { _ in Self.file(header: "[1, 2]", data: 0) }?.reason
                == "not a safetensors file: the header is not a JSON object")
        #expect(
            try Self.readError { _ in Array("PK\u{3}\u{4} this is a zip file, not safetensors".utf8) }?.reason.hasPrefix(
                "not a safetensors file: header length") == true)
        #expect(
            try Self.readError { _ in Self.file(header: #"{"a":{"dtype":"F16","shape":[2],"data_offsets":[0,4]}}"#, data: 4) }?.reason
                == "tensor \"a\" has dtype F16, which NNFS does not support (F32, F64, U8, I64, BOOL)")
        #expect(
            try Self.readError { _ in Self.file(header: #"{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#, data: 8) }?.reason
                == "corrupt header: tensor \"a\" of shape [3] and dtype F32 needs 12 bytes, its data_offsets [0, 8] give 8")
        #expect(
            try Self.readError { _ in
                Self.file(
                    header: #"{"a":{"dtype":"U8","shape":[2],"data_offsets":[0,2]},"b":{"dtype":"U8","shape":[2],"data_offsets":[4,6]}}"#,
                    data: 6)
            }?.reason
                == "corrupt header: tensor \"b\" starts at byte 4 of the data, expected 2 (tensors must not overlap or leave gaps)")
        #expect(
            try Self.readError { _ in Self.file(header: #"{"a":{"dtype":"BOOL","shape":[1],"data_offsets":[0,1]}}"#, data: 0) + [7] }?
                .reason
                == "corrupt: tensor \"a\" holds a BOOL byte other than 0 or 1")
    }

    @Test func parameterFileVersionAndKind() throws {
        try ImageFixture.withTemporaryFolder { dir in
            let w = Tensor(float32: [1, 2], shape: [1, 2]), b = Tensor(float32: [0, 0], shape: [1, 2])
            try SafeTensors.write(
                [("0.weights", w), ("0.biases", b)], metadata: ["format": "nnfs-book parameters", "version": "2"], to: dir + "/v2.parms")
            #expect(
                ImageFixture.fileError { _ = try ParameterFile.read(dir + "/v2.parms") }
                    == FileError(dir + "/v2.parms", "parameter file version 2 is not supported (this NNFS reads version 1)"))
            try SafeTensors.write([("0.weights", w)], to: dir + "/half.parms")
            #expect(ImageFixture.fileError { _ = try ParameterFile.read(dir + "/half.parms") }?.reason == "tensor \"0.biases\" is missing")
            try SafeTensors.write([("dense.kernel", w)], to: dir + "/keras.parms")
            #expect(
                ImageFixture.fileError { _ = try ParameterFile.read(dir + "/keras.parms") }?.reason
                    == "tensor \"dense.kernel\" is not a parameter (expected names like \"0.weights\" and \"0.biases\")")
            #expect(
                ImageFixture.fileError { _ = try ParameterFile.read(dir + "/missing.parms") }
                    == FileError(dir + "/missing.parms", "no such file"))
        }
    }
}
