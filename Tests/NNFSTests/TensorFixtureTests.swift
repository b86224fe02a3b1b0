import Foundation
import Testing
@testable import NNFS

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
    init() throws { fx = try TensorFixture.cached.get() }

    @Test func pairwiseSumsMatchNumPyBitForBit() {
        let cases = fx.unary("sum")
        #expect(cases.count >= 38)
        for c in cases {
            expectIdentical(c.x.sum(), c.out, "sum of \(c.x.count) \(c.x.dtype)")
        }
    }

    @Test func axisReductionsMatchNumPy() {
        let cases = fx.reductions
        #expect(cases.count == 7)
        for c in cases {
            let x = c.x
            for o in c.outs {
                let axis = o.axis, keep = o.keepdims
                let want = o.out.tensor
                let label = "\(o.op) axis=\(axis.map(String.init) ?? "None") keepdims=\(keep) of \(x.shape)"
                switch o.op {
                case "sum": expectIdentical(x.sum(axis: axis, keepdims: keep), want, label)
                case "mean": expectIdentical(x.mean(axis: axis, keepdims: keep), want, label)
                case "max": expectIdentical(x.max(axis: axis, keepdims: keep), want, label)
                case "argmax": expectIdentical(x.argmax(axis: axis, keepdims: keep), want, label)
                default: Issue.record("unknown op \(o.op)")
                }
            }
        }
    }

    @Test func meanOfBooleansIsFloat64() {
        for c in fx.unary("mean") {
            expectIdentical(c.x.mean(), c.out, "mean of bools")
        }
    }

    @Test func nnfsDotRoundsAFloat64ProductToFloat32() {
        let cases = fx.binary("nnfs_dot")
        #expect(cases.count == 7)
        withGlobalState {
            NNFSConfig.dotInFloat64ToFloat32 = true
            for c in cases {
                expectIdentical(Tensor.dot(c.a, c.b), c.out, "dot \(c.a.shape)·\(c.b.shape)")
            }
        }
    }

    @Test func expAndLogRoundFloat64ResultsOnce() throws {
        let e = try #require(fx.unary("exp").first), l = try #require(fx.unary("log").first)
        expectIdentical(e.x.exp(), e.out, "exp")
        expectIdentical(l.x.log(), l.out, "log")
    }

    @Test func clipRoundsItsBoundsToFloat32() throws {
        let c = try #require(fx.unary("clip").first)
        expectIdentical(c.x.clip(1e-7, 1 - 1e-7), c.out, "clip")
    }

    @Test func broadcastingArithmeticAndWeakScalars() {
        for c in fx.binary("add") { expectIdentical(c.a + c.b, c.out, "add") }
        for c in fx.binary("sub") { expectIdentical(c.a - c.b, c.out, "sub") }
        for c in fx.binary("div") { expectIdentical(c.a / c.b, c.out, "div") }
        for c in fx.binary("mul") { expectIdentical(c.a * c.b, c.out, "mul") }
        for c in fx.scalar("mul_scalar") { expectIdentical(c.a * c.scalar, c.out, "a * 0.01") }
        for c in fx.scalar("rsub_scalar") { expectIdentical(c.scalar - c.a, c.out, "1 - a") }
    }

    @Test func softmaxForwardMatchesTheBooksArithmetic() throws {
        let c = try #require(fx.unary("softmax").first)
        let softmax = ActivationSoftmax()
        softmax.forward(c.x)
        expectIdentical(softmax.output, c.out, "softmax")
    }
}
