import Foundation
import Testing
@testable import NNFS

/// Regression tests for NumPy behaviour beyond the book's cells (issue 9), against
/// `scripts/fixtures/gen_fidelity.py`'s output (NumPy 2.4 + nnfs 0.5.1).
@Suite struct FidelityTests {
    let fx: FidelityFixture

    init() throws { fx = try FidelityFixture.cached.get() }

    static func view(_ a: Tensor, _ kind: String) throws -> Tensor {
        switch kind {
        case "T": return a.T
        case "cols": return a[..., ..<(a.shape[1] - 2)]
        case "block": return a[1..., 2...]
        case "colsT": return a[..., ..<(a.shape[1] - 2)].T
        case "Tsq": return a.T * a.T
        case "Tabs": return np.abs(a.T) - 0.25
        default: throw FixtureError("Fixtures/fidelity.json: unknown view \(kind)")
        }
    }

    /// Every reduction over every axis of transposed, sliced and derived views, bit for bit.
    @Test func reductionsOverViewsFollowNumPysMemoryOrder() throws {
        var checked = 0
        for c in fx.views {
            let shape = c.shape
            let dtype = try #require(DType(rawValue: c.dtype), "unknown dtype \(c.dtype)")
            let base = RandomState(seed: UInt32(c.seed)).randn(shape).astype(dtype)
            let v = try Self.view(base, c.view)
            let axis = c.axis
            let got: Tensor
            switch c.op {
            case "sum": got = np.sum(v, axis: axis)
            case "sumKeep": got = np.sum(v, axis: axis, keepdims: true)
            case "mean": got = np.mean(v, axis: axis)
            case "max": got = np.max(v, axis: axis)
            case "min": got = np.min(v, axis: axis)
            case "std": got = np.std(v, axis: axis)
            case "argmax": got = np.argmax(v, axis: axis)
            default: throw FixtureError("Fixtures/fidelity.json: unknown op \(c.op)")
            }
            let want = c.out.tensor
            let what = "\(c.op)(\(c.view) of \(dtype) \(shape), axis: \(axis.map(String.init) ?? "None"))"
            #expect(got.shape == want.shape && got.dtype == want.dtype, "\(what): \(got.dtype)\(got.shape)")
            let g = got.doubles, w = want.doubles
            if let i = g.indices.first(where: { g[$0].bitPattern != w[$0].bitPattern && !(g[$0].isNaN && w[$0].isNaN) }) {
                Issue.record("\(what): element \(i) is \(g[i]), NumPy gives \(w[i])")
            }
            checked += 1
        }
        #expect(checked > 1000)
    }

    /// `nnfs.init()` patches exactly `np.zeros`, `np.eye`, `np.random.randn` and `np.dot`.
    @Test func nnfsInitPatchesWhatNnfsPatches() throws {
        let want = try fx.named("nnfsinit") { if case .nnfsInit(let dtypes) = $0 { dtypes } else { nil } }
        withGlobalState {
            nnfsInit()
            var got = [String: String]()
            got["zeros"] = np.zeros(2, 3).dtype.rawValue
            got["ones"] = np.ones(2, 3).dtype.rawValue
            got["eye"] = np.eye(3).dtype.rawValue
            got["randn"] = np.random.randn(2, 2).dtype.rawValue
            got["rand"] = np.random.rand(2).dtype.rawValue
            got["dotInt"] = np.dot(np.array([[1, 2]]), np.array([[3], [4]])).dtype.rawValue
            got["zerosLike"] = np.zerosLike(np.array([1.5])).dtype.rawValue
            #expect(got == want)
        }
    }

    /// Integer clip, signed zeros and NaN in maximum/minimum/where/abs/ReLU, subnormal printing.
    @Test func printedResultsMatchNumPy() throws {
        let want = try fx.named("text") { if case .text(let texts) = $0 { texts } else { nil } }
        let relu = ActivationReLU()
        relu.forward(Tensor([[-0.0, 1.0], [2.0, -3.0]] as [[Float]]))
        var got = [String: String]()
        got["clipInt"] = np.clip(np.array([1, 5, 10, -3]), 2, 8).repr
        got["clipUint8"] = np.clip(np.array([1, 5, 10]).astype(np.uint8), 2, 8).repr
        got["clipIntFloat"] = np.clip(np.array([1, 5, 10]), 2.5, 8).repr
        got["clipFloat32"] = np.clip(Tensor([-0.0, 0.5, 3.0, .nan] as [Float]), 0.0, 1.0).repr
        got["maxScalarNegZero"] = np.maximum(0, np.array([-0.0, 0.0, -1.0, 2.0])).repr
        got["maxNegZeroScalar"] = np.maximum(np.array([-0.0, 0.0, -1.0]), 0.0).repr
        got["maxNegZeroFirst"] = np.maximum(np.array([-0.0]), np.array([0.0])).repr
        got["minNegZero"] = np.minimum(np.array([0.0, -0.0]), np.array([-0.0, 0.0])).repr
        got["maxNaN"] = np.maximum(np.array([np.nan, 1.0, 2.0]), np.array([0.0, np.nan, 1.0])).repr
        got["minNaN"] = np.minimum(np.array([np.nan, 1.0, 2.0]), np.array([0.0, np.nan, 1.0])).repr
        got["reduceMaxZeros1"] = np.max(np.array([-0.0, 0.0])).description
        got["reduceMaxZeros2"] = np.max(np.array([0.0, -0.0])).description
        got["reduceMinZeros"] = np.min(np.array([0.0, -0.0])).description
        got["reduceMaxNaN"] = np.max(np.array([1.0, np.nan, 3.0])).description
        got["reduceMaxAxis"] = np.max(np.array([[0.0, -0.0], [-0.0, 0.0]]), axis: 0).repr
        got["absNegZero"] = np.abs(Tensor([-0.0, -1.5, .nan] as [Float])).repr
        got["reluNegZero"] = relu.output.repr
        got["whereNegZero"] = np.where(np.array([true, false, true]), np.array([-0.0, 1.0, 2.0]), -0.0).repr
        got["sumNegZero"] = np.sum(np.array([-0.0, -0.0])).description
        // Subnormals parsed from text as Python parses its literals (a subnormal Swift literal warns).
        func f64(_ text: String) -> Double { Double(text)! }
        got["subnormal1"] = np.array([f64("5e-324"), 1.5]).repr
        got["subnormal2"] = np.array([f64("5e-324"), f64("1e-310"), 2.2250738585072014e-308]).description
        got["subnormal3"] = np.array([f64("1e-320"), 3.0, 7.0]).description
        got["subnormalScalar"] = Tensor(scalar: f64("5e-324")).description
        got["subnormal32"] = Tensor([Float("1e-45")!, 2.5] as [Float]).description
        // Writing through a slice writes into the tensor, as through a NumPy view.
        var w = np.arange(0.0, 20.0).reshape(4, 5)
        w[..., ..<2] = Tensor(scalar: -1.0)
        got["sliceWriteCols"] = w.repr
        w[1..., 3...] = np.array([[7.5, 8.5]])
        got["sliceWriteBlock"] = w.repr
        var x = np.zeros(2, 2, 3, dtype: .float64)
        x[..., ..., 1...] = Tensor(weak: 5)
        got["sliceWrite3"] = x.description
        got["sliceReadSum"] = np.sum(w[..., 1..<4], axis: 0).description
        for (key, text) in want.sorted(by: { $0.key < $1.key }) {
            #expect(got[key] == text, "\(key)")
        }
    }

    /// NumPy's RuntimeWarnings, one of each kind per call, in NumPy's order.
    @Test func runtimeWarningsMatchNumPy() throws {
        let want = try fx.named("warnings") { if case .warnings(let warnings) = $0 { warnings } else { nil } }
        func warned(_ body: () -> Tensor) -> [String] {
            RuntimeWarnings.recorded = []
            _ = body()
            defer { RuntimeWarnings.recorded = nil }
            return RuntimeWarnings.recorded ?? []
        }
        withGlobalState {
            var got = [String: [String]]()
            got["expFloat32"] = warned { np.exp(Tensor([1.0, 100.0] as [Float])) }
            got["expFloat64"] = warned { np.exp(np.array([1.0, 800.0])) }
            got["divideByZero"] = warned { np.array([1.0, 2.0]) / np.array([0.0, 1.0]) }
            got["divideInvalid"] = warned { np.array([0.0]) / np.array([0.0]) }
            got["divideBoth"] = warned { Tensor([1.0, 0.0] as [Float]) / Tensor([0.0, 0.0] as [Float]) }
            got["sqrtNegative"] = warned { np.sqrt(np.array([-1.0, 4.0])) }
            got["logNegative32"] = warned { np.log(Tensor([-1.0, 2.0] as [Float])) }
            got["logZero32"] = warned { np.log(Tensor([0.0, 2.0] as [Float])) }
            got["logNaN"] = warned { np.log(np.array([np.nan])) }
            got["multiplyOverflow"] = warned { np.array([1e308]) * 10.0 }
            got["subtractInf"] = warned { np.array([np.inf]) - np.array([np.inf]) }
            got["intDivideZero"] = warned { np.array([1, 0]) / np.array([0, 0]) }
            got["none"] = warned { np.exp(Tensor([1.0] as [Float])) }
            for (key, messages) in want.sorted(by: { $0.key < $1.key }) {
                #expect(got[key] == messages, "\(key)")
            }
        }
    }
}
