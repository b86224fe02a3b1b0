import Testing
@testable import NNFS

// See FastPathRandomTests.swift and docs/performance.md.
@Suite struct FastPathElementwiseTests {
    // MARK: mixed-dtype element-wise operations

    /// `a op b` for the widening fast path against widening both operands first.
    @Test func wideningInsideTheLoopEqualsWideningFirst() {
        withGlobalState {
            nnfsInit()
            let activations = np.maximum(0, np.random.randn(40, 30))  // float32, with zeros
            let mask = np.random.binomial(1, 0.9, size: [40, 30]) / 0.9  // int64 / float -> float64
            let sine = sineData(samples: 1200).y.reshape(40, 30)  // float64 from the sine data
            let labels = Tensor(ints: (0..<1200).map { ($0 * 37) % 256 }, shape: [40, 30], dtype: .uint8)
            let big = Tensor(ints: (0..<1200).map { (1 << 60) + $0 * 12345 }, shape: [40, 30])
            #expect(mask.dtype == .float64)
            func reference(_ a: Tensor, _ b: Tensor, _ op: Tensor.ArithmeticOp) -> [UInt64] {
                let x = a.doubles, y = b.doubles
                let r: [Double]
                switch op {
                case .add: r = Broadcast.apply(x, a.shape, y, b.shape, AddKernel<Double>.self).values
                case .subtract: r = Broadcast.apply(x, a.shape, y, b.shape, SubtractKernel<Double>.self).values
                case .multiply: r = Broadcast.apply(x, a.shape, y, b.shape, MultiplyKernel<Double>.self).values
                case .divide: r = Broadcast.apply(x, a.shape, y, b.shape, DivideKernel<Double>.self).values
                }
                return r.map(\.bitPattern)
            }
            let pairs: [(Tensor, Tensor)] = [
                (activations, mask), (mask, activations), (activations, sine), (sine, activations),
                (labels, Tensor(weak: 0.9)), (big, Tensor(weak: 3.0)),
                (np.random.binomial(1, 0.5, size: [40, 30]), Tensor(weak: 0.5)),
            ]
            for (a, b) in pairs {
                for op in [Tensor.ArithmeticOp.add, .subtract, .multiply, .divide] {
                    let fast = Tensor.arithmetic(a, b, op, resultType: Tensor.resultType(a, b))
                    #expect(fast.dtype == .float64)
                    #expect(fast.shape == [40, 30])
                    #expect(fastPathBits(fast) == reference(a, b, op), "\(a.dtype) \(op) \(b.dtype)")
                }
            }
            // The book's dropout forward and backward, through the public operators.
            let output = activations * mask
            #expect(fastPathBits(output) == reference(activations, mask, .multiply))
            #expect(fastPathBits(mask * activations) == reference(mask, activations, .multiply))
        }
    }
}
