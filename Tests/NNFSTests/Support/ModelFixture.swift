import Foundation
import Testing
@testable import NNFS

/// `scripts/fixtures/gen_model.py`: the book's chapter 14-22 classes run with NumPy.
enum ModelFixture {
    nonisolated(unsafe) static let json: [String: Any] = {
        let url = Bundle.module.url(forResource: "model", withExtension: "json", subdirectory: "Fixtures")!
        return try! JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    }()

    static func section(_ name: String) -> [String: Any] { json[name] as! [String: Any] }

    static func steps(_ name: String) -> [[String: Any]] { section(name)["steps"] as! [[String: Any]] }
}

/// Bit-for-bit equality of a tensor with a fixture value (dtype, shape, every element's bits).
/// The fixture dtype `pyint` is Python's `int` (a weak `int64` scalar here).
func expectBitIdentical(_ got: Tensor, _ want: Any?, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let d = want as! [String: Any]
    if d["dtype"] as? String == "pyint" {
        #expect(
            got.dtype == .int64 && got.isWeakScalar && got.shape == [] && got.ints == (d["values"] as! [Int]),
            "\(what): \(got.dtype)\(got.shape) weak=\(got.isWeakScalar), want Python int \(d["values"]!)", sourceLocation: sourceLocation)
        return
    }
    let w = TensorFixture.tensor(want)
    #expect(
        got.shape == w.shape && got.dtype == w.dtype, "\(what): \(got.dtype)\(got.shape) vs \(w.dtype)\(w.shape)",
        sourceLocation: sourceLocation)
    let g = got.doubles, e = w.doubles
    if g.count == e.count, let i = g.indices.first(where: { g[$0].bitPattern != e[$0].bitPattern }) {
        Issue.record("\(what): element \(i) is \(g[i]), the book's code gives \(e[i])", sourceLocation: sourceLocation)
    }
}

/// Checks a dense layer against the fixture's `prefix.weights`, `.biases`, `.dweights`, `.dbiases`
/// (and `.dinputs` when stored).
func expectDense(
    _ layer: LayerDense, _ record: [String: Any], _ prefix: String, _ what: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    expectBitIdentical(layer.weights, record["\(prefix).weights"], "\(what) \(prefix).weights", sourceLocation: sourceLocation)
    expectBitIdentical(layer.biases, record["\(prefix).biases"], "\(what) \(prefix).biases", sourceLocation: sourceLocation)
    expectBitIdentical(layer.dweights, record["\(prefix).dweights"], "\(what) \(prefix).dweights", sourceLocation: sourceLocation)
    expectBitIdentical(layer.dbiases, record["\(prefix).dbiases"], "\(what) \(prefix).dbiases", sourceLocation: sourceLocation)
    if let dinputs = record["\(prefix).dinputs"] {
        expectBitIdentical(layer.dinputs, dinputs, "\(what) \(prefix).dinputs", sourceLocation: sourceLocation)
    }
}
