import Testing
@testable import NNFS

@Suite struct TensorSemanticsTests {
    @Test func pythonNumbersBuildNumPyDtypes() {
        #expect(Tensor([1.0, 2.5]).dtype == .float64)
        #expect(Tensor([[1, 2, 3]]).dtype == .int64)
        #expect(Tensor([[1, 2.5]]).dtype == .float64)
        #expect(Tensor([[1, 2, 3]]).shape == [1, 3])
    }

    @Test func weakScalarsKeepFloat32() {
        let a = Tensor([Float(1.5), 2])
        #expect((a * 0.1).dtype == .float32)
        #expect((a * 0.1).floats == [Float(1.5) * Float(0.1), 2 * Float(0.1)])
        #expect((Tensor([1, 2]) * 0.5).dtype == .float64)
        #expect((Tensor([1, 2]) / Tensor([2, 4])).doubles == [0.5, 0.5])
        // A float64 *array* does promote float32.
        #expect((a + Tensor([0.1, 0.1])).dtype == .float64)
    }

    @Test func inPlaceOperatorsKeepTheLeftDtype() {
        var w = Tensor([Float(1), 2])
        w += Tensor([0.1, 0.2])  // float64 operand: computed in float64, stored as float32
        #expect(w.dtype == .float32)
        #expect(w.floats == [Float(1.1), Float(2.2)])
    }

    @Test func broadcastingShapes() {
        let m = Tensor([[1.0, 2, 3], [4, 5, 6]])
        #expect((m + Tensor([10.0, 20, 30])).doubles == [11, 22, 33, 14, 25, 36])
        #expect((m - Tensor([[1.0], [2]])).doubles == [0, 1, 2, 2, 3, 4])
        #expect(Broadcast.shape([2, 1], [1, 3]) == [2, 3])
        #expect((Tensor([[1.0], [2]]) * Tensor([[1.0, 10, 100]])).doubles == [1, 10, 100, 2, 20, 200])
    }

    @Test func indexingLikeTheBook() {
        var probs = Tensor([[0.7, 0.1, 0.2], [0.1, 0.5, 0.4], [0.02, 0.9, 0.08]])
        let y = Tensor([0, 1, 1])
        #expect(probs[0..<3, y].doubles == [0.7, 0.5, 0.9])
        probs[0..<3, y] -= 1
        #expect(probs[1].doubles == [0.1, -0.5, 0.4])
        #expect(probs[..<2].shape == [2, 3])
        #expect(probs[-1].doubles == [0.02, -0.09999999999999998, 0.08])
        #expect(probs[..., 2].doubles == [0.2, 0.4, 0.08])
        var d = Tensor([Float(-1), 2, -3])
        d[d .<= 0] = 0
        #expect(d.floats == [0, 2, 0])
        #expect(d.dtype == .float32)
        let keys = Tensor([2, 0, 1])
        #expect(probs[keys][0].doubles == probs[2].doubles)
    }

    @Test func reductionsAndArgmax() {
        let m = Tensor([[4.8, 1.21, 2.385], [8.9, -1.81, 0.2], [1.41, 1.051, 0.026]])
        #expect(m.sum(axis: 0).doubles == [15.11, 0.45099999999999985, 2.6109999999999998])  // NumPy 2.4.6
        #expect(m.sum(axis: 1, keepdims: true).shape == [3, 1])
        #expect(m.argmax(axis: 1).ints == [0, 0, 0])
        #expect(Tensor([1.0, .nan, 3]).max().item.isNaN)
        #expect((Tensor([0, 1, 1]) .== Tensor([0, 2, 1])).mean().item == 2.0 / 3.0)
    }

    @Test func dotFollowsNumPyBeforeAndAfterNNFSInit() {
        withPlainNumPy {
            let w = Tensor([[0.2, 0.8, -0.5, 1], [0.5, -0.91, 0.26, -0.5], [-0.26, -0.27, 0.17, 0.87]])
            let x = Tensor([1.0, 2.0, 3.0, 2.5])
            let out = Tensor.dot(w, x) + Tensor([2.0, 3.0, 0.5])
            #expect(out.dtype == .float64)
            #expect(out.doubles == [4.8, 1.2099999999999997, 2.385])  // NumPy 2.4.6 (prints [4.8   1.21  2.385])
            #expect(Tensor.dot(Tensor([[1, 2, 3]]), Tensor([[2], [3], [4]])).ints == [20])
            NNFSConfig.dotInFloat64ToFloat32 = true
            #expect(Tensor.dot(w, x).dtype == .float32)
        }
    }

    @Test func transposeOuterDiagflatEye() {
        let m = Tensor([[1, 2, 3], [4, 5, 6]])
        #expect(m.T.shape == [3, 2])
        #expect(m.T.ints == [1, 4, 2, 5, 3, 6])
        #expect(Tensor.outer(Tensor([1.0, 2]), Tensor([3.0, 4])).doubles == [3, 4, 6, 8])
        #expect(Tensor.diagflat(Tensor([1.0, 2])).doubles == [1, 0, 0, 2])
        #expect(Tensor.eye(2, dtype: .float64).doubles == [1, 0, 0, 1])
        withPlainNumPy { #expect(Tensor.eye(2).dtype == .float64) }
        withGlobalState {
            NNFSConfig.defaultFloat = .float32
            #expect(Tensor.eye(2).dtype == .float32)
        }
    }

    @Test func transposeIsAViewThatBehavesLikeACopy() {
        let m = Tensor([[1.0, 2, 3], [4, 5, 6]])
        let t = m.T
        #expect(t.shape == [3, 2])
        #expect(t.doubles == [1, 4, 2, 5, 3, 6])
        #expect(t.T == m)
        #expect(t.reshape(6).doubles == [1, 4, 2, 5, 3, 6])
        #expect(t[1].doubles == [2, 5])
        #expect(t[..., 1].doubles == [4, 5, 6])
        #expect(t.sum(axis: 0).doubles == [6, 15])
        #expect(t.description == "[[1. 4.]\n [2. 5.]\n [3. 6.]]")
        var u = m.T
        u += 1
        #expect(u.doubles == [2, 5, 3, 6, 4, 7])
        #expect(m.doubles == [1, 2, 3, 4, 5, 6])
        var w = m.T
        w[0] = Tensor([9.0, 9])
        #expect(w.doubles == [9, 9, 2, 5, 3, 6])
    }

    @Test func dotReadsTransposedViewsInPlace() {
        withPlainNumPy {
            let a = Tensor([[1.0, 2], [3, 4], [5, 6]])  // (3, 2)
            let b = Tensor([[1.0, 0.5, -1], [2, -2, 0.25]])  // (2, 3)
            let materialised = { (t: Tensor) in Tensor(float64: t.doubles, shape: t.shape) }
            #expect(Tensor.dot(a.T, a) == Tensor.dot(materialised(a.T), a))
            #expect(Tensor.dot(b, b.T) == Tensor.dot(b, materialised(b.T)))
            #expect(Tensor.dot(b.T, a.T) == Tensor.dot(materialised(b.T), materialised(a.T)))
            #expect(Tensor.dot(a.T, a).doubles == [35, 44, 44, 56])
        }
    }
}
