import Foundation
@testable import NNFS

/// `scripts/fixtures/gen_safetensors.py`'s output (Fixtures/safetensors/safetensors.json): what
/// Python's `safetensors` wrote into each `python_*.safetensors` file.
struct SafeTensorsFixture: Decodable, Sendable {
    /// Every tensor by `"<file>/<key>"`.
    let tensors: [String: TensorRecord]
    /// Each file by name (`python_mixed`).
    let files: [String: File]

    static let cached = CachedFixture(SafeTensorsFixture.self, "safetensors/safetensors.json")

    struct File: Decodable, Sendable {
        /// The whole file, two hex digits per byte.
        let bytes: String
        let metadata: [String: String]
        /// Its tensor keys in the order written.
        let tensors: [String]
    }

    func file(_ name: String) throws -> File {
        guard let file = files[name] else { throw FixtureError("Fixtures/safetensors/safetensors.json: files: no \"\(name)\"") }
        return file
    }

    /// The value of tensor `key` of file `name`.
    func tensor(_ name: String, _ key: String) throws -> Tensor {
        guard let record = tensors["\(name)/\(key)"] else {
            throw FixtureError("Fixtures/safetensors/safetensors.json: tensors: no \"\(name)/\(key)\"")
        }
        return record.tensor
    }
}
