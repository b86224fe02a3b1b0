import Foundation
import Testing
@testable import NNFS

/// Decodes `scripts/fixtures/gen_tensor.py`'s output: tensors stored as exact bit patterns.
struct TensorFixture {
    let cases: [[String: Any]]

    init() throws {
        let url = try #require(Bundle.module.url(forResource: "tensor", withExtension: "json", subdirectory: "Fixtures"))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        cases = json["cases"] as! [[String: Any]]
    }

    func cases(_ op: String) -> [[String: Any]] { cases.filter { $0["op"] as? String == op } }

    static func tensor(_ any: Any?) -> Tensor {
        let d = any as! [String: Any]
        let shape = d["shape"] as! [Int]
        switch d["dtype"] as! String {
        case "float32":
            return Tensor(float32: (d["values"] as! [String]).map { Float(bitPattern: UInt32($0, radix: 16)!) }, shape: shape)
        case "float64":
            return Tensor(float64: (d["values"] as! [String]).map { Double(bitPattern: UInt64($0, radix: 16)!) }, shape: shape)
        case "bool":
            return Tensor(bools: d["values"] as! [Bool], shape: shape)
        case "uint8":
            return Tensor(ints: d["values"] as! [Int], shape: shape, dtype: .uint8)
        default:
            return Tensor(ints: d["values"] as! [Int], shape: shape)
        }
    }
}

/// Bit-exact equality with a readable first difference.
private func expectIdentical(_ got: Tensor, _ want: Tensor, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(got.shape == want.shape, "\(what): shape", sourceLocation: sourceLocation)
    #expect(got.dtype == want.dtype, "\(what): dtype", sourceLocation: sourceLocation)
    let g = got.doubles, w = want.doubles
    if g.count == w.count, let i = g.indices.first(where: { g[$0].bitPattern != w[$0].bitPattern && !(g[$0].isNaN && w[$0].isNaN) }) {
        Issue.record("\(what): element \(i) is \(g[i]), NumPy gives \(w[i]) (\(g.count) elements)", sourceLocation: sourceLocation)
    }
}

@Suite struct TensorFixtureTests {
    let fx: TensorFixture
    init() throws { fx = try TensorFixture() }

    @Test func pairwiseSumsMatchNumPyBitForBit() {
        let cases = fx.cases("sum")
        #expect(cases.count >= 38)
        for c in cases {
            let x = TensorFixture.tensor(c["x"])
            expectIdentical(x.sum(), TensorFixture.tensor(c["out"]), "sum of \(x.count) \(x.dtype)")
        }
    }

    @Test func axisReductionsMatchNumPy() {
        let cases = fx.cases("reductions")
        #expect(cases.count == 7)
        for c in cases {
            let x = TensorFixture.tensor(c["x"])
            for o in c["outs"] as! [[String: Any]] {
                let axis = o["axis"] as? Int, keep = o["keepdims"] as! Bool
                let want = TensorFixture.tensor(o["out"])
                let label = "\(o["op"]!) axis=\(axis.map(String.init) ?? "None") keepdims=\(keep) of \(x.shape)"
                switch o["op"] as! String {
                case "sum": expectIdentical(x.sum(axis: axis, keepdims: keep), want, label)
                case "mean": expectIdentical(x.mean(axis: axis, keepdims: keep), want, label)
                case "max": expectIdentical(x.max(axis: axis, keepdims: keep), want, label)
                case "argmax": expectIdentical(x.argmax(axis: axis, keepdims: keep), want, label)
                default: Issue.record("unknown op \(o["op"]!)")
                }
            }
        }
    }

    @Test func meanOfBooleansIsFloat64() {
        for c in fx.cases("mean") {
            expectIdentical(TensorFixture.tensor(c["x"]).mean(), TensorFixture.tensor(c["out"]), "mean of bools")
        }
    }

    @Test func nnfsDotRoundsAFloat64ProductToFloat32() {
        let cases = fx.cases("nnfs_dot")
        #expect(cases.count == 7)
        withGlobalState {
            NNFSConfig.dotInFloat64ToFloat32 = true
            for c in cases {
                let a = TensorFixture.tensor(c["a"]), b = TensorFixture.tensor(c["b"])
                expectIdentical(Tensor.dot(a, b), TensorFixture.tensor(c["out"]), "dot \(a.shape)·\(b.shape)")
            }
        }
    }

    @Test func expAndLogRoundFloat64ResultsOnce() throws {
        let e = try #require(fx.cases("exp").first), l = try #require(fx.cases("log").first)
        expectIdentical(TensorFixture.tensor(e["x"]).exp(), TensorFixture.tensor(e["out"]), "exp")
        expectIdentical(TensorFixture.tensor(l["x"]).log(), TensorFixture.tensor(l["out"]), "log")
    }

    @Test func clipRoundsItsBoundsToFloat32() throws {
        let c = try #require(fx.cases("clip").first)
        expectIdentical(TensorFixture.tensor(c["x"]).clip(1e-7, 1 - 1e-7), TensorFixture.tensor(c["out"]), "clip")
    }

    @Test func broadcastingArithmeticAndWeakScalars() {
        for c in fx.cases("add") {
            expectIdentical(TensorFixture.tensor(c["a"]) + TensorFixture.tensor(c["b"]), TensorFixture.tensor(c["out"]), "add")
        }
        for c in fx.cases("sub") {
            expectIdentical(TensorFixture.tensor(c["a"]) - TensorFixture.tensor(c["b"]), TensorFixture.tensor(c["out"]), "sub")
        }
        for c in fx.cases("div") {
            expectIdentical(TensorFixture.tensor(c["a"]) / TensorFixture.tensor(c["b"]), TensorFixture.tensor(c["out"]), "div")
        }
        for c in fx.cases("mul") {
            expectIdentical(TensorFixture.tensor(c["a"]) * TensorFixture.tensor(c["b"]), TensorFixture.tensor(c["out"]), "mul")
        }
        for c in fx.cases("mul_scalar") {
            expectIdentical(TensorFixture.tensor(c["a"]) * (c["scalar"] as! Double), TensorFixture.tensor(c["out"]), "a * 0.01")
        }
        for c in fx.cases("rsub_scalar") {
            expectIdentical((c["scalar"] as! Double) - TensorFixture.tensor(c["a"]), TensorFixture.tensor(c["out"]), "1 - a")
        }
    }

    @Test func softmaxForwardMatchesTheBooksArithmetic() throws {
        let c = try #require(fx.cases("softmax").first)
        let softmax = ActivationSoftmax()
        softmax.forward(TensorFixture.tensor(c["x"]))
        expectIdentical(softmax.output, TensorFixture.tensor(c["out"]), "softmax")
    }
}
