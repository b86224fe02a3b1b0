import Testing
@testable import NNFS

// See FastPathRandomTests.swift and docs/performance.md.
@Suite struct FastPathModelTests {
    // MARK: Adam's fused update (AdamKernel)

    /// Every array Adam reads or writes on a layer, as bit patterns.
    func adamState(_ layer: LayerDense) -> [[UInt64]] {
        [layer.weights, layer.biases, layer.weightMomentums, layer.biasMomentums, layer.weightCache, layer.biasCache]
            .map { $0.map(fastPathBits) ?? [] }
    }

    /// Where two lists of bit patterns first differ (array, element, both values), or nil.
    func firstDifference(_ a: [[UInt64]], _ b: [[UInt64]]) -> String? {
        guard a.count == b.count else { return "\(a.count) arrays against \(b.count)" }
        for (k, (x, y)) in zip(a, b).enumerated() where x != y {
            guard x.count == y.count else { return "array \(k): \(x.count) elements against \(y.count)" }
            let i = x.indices.first { x[$0] != y[$0] } ?? 0
            return "array \(k) element \(i): \(x[i]) against \(y[i]) (\(zip(x, y).filter { $0 != $1 }.count) differ)"
        }
        return nil
    }

    /// A copy of `layer`'s parameters and optimizer state (tensors are values).
    func copy(_ layer: LayerDense) -> LayerDense {
        let twin = LayerDense(1, 1)
        twin.setParameters(layer.weights, layer.biases)
        twin.weightMomentums = layer.weightMomentums
        twin.biasMomentums = layer.biasMomentums
        twin.weightCache = layer.weightCache
        twin.biasCache = layer.biasCache
        return twin
    }

    /// Runs `steps` Adam steps on two copies of `layer`, one fused and one the book form, with the
    /// gradients `gradients(step)`, and expects every stored array to match bit for bit after each.
    func expectFusedEqualsBookForm(
        _ layer: LayerDense, steps: Int, adam settings: () -> OptimizerAdam,
        _ gradients: (Int) -> (Tensor, Tensor), fused expectFused: Bool = true
    ) {
        let fast = copy(layer), book = copy(layer)
        let fastAdam = settings(), bookAdam = settings()
        bookAdam.fusedUpdates = false
        for step in 0..<steps {
            let (dweights, dbiases) = gradients(step)
            for (target, optimizer) in [(fast, fastAdam), (book, bookAdam)] {
                target.dweights = dweights
                target.dbiases = dbiases
                optimizer.preUpdateParams()
            }
            let before = adamState(fast)
            #expect(AdamKernel.update(fast, fastAdam) == expectFused, "step \(step)")
            if !expectFused {
                #expect(adamState(fast) == before, "a refused fast path changed nothing")
                fastAdam.updateParams(fast)
            }
            bookAdam.updateParams(book)
            fastAdam.postUpdateParams()
            bookAdam.postUpdateParams()
            #expect(fast.weights.dtype == book.weights.dtype)
            #expect(fast.weightMomentums?.dtype == book.weightMomentums?.dtype)
            #expect(fast.weights.shape == book.weights.shape && fast.biasCache?.shape == book.biasCache?.shape)
            #expect(firstDifference(adamState(fast), adamState(book)) == nil, "step \(step)")
        }
    }

    /// Chapter 19's layers after `nnfsInit` (`float32`), Adam with decay, several steps (the first
    /// one starting from no momentums), on sizes with vector remainders.
    @Test func fusedAdamEqualsTheBookFormInFloat32() {
        withGlobalState {
            nnfsInit()
            for (inputs, neurons) in [(784, 128), (7, 13), (1, 1)] {
                let layer = LayerDense(inputs, neurons)
                #expect(layer.weights.dtype == .float32)
                expectFusedEqualsBookForm(layer, steps: 4, adam: { OptimizerAdam(decay: 1e-3) }) { step in
                    let scale = step == 2 ? 1e-30 : 0.05  // tiny gradients: subnormal squares
                    return (
                        (scale * np.random.randn(inputs, neurons)).astype(.float32),
                        (scale * np.random.randn(1, neurons)).astype(.float32)
                    )
                }
            }
        }
    }

    /// Without `nnfsInit` the parameters are `float64`, and so is every operation.
    @Test func fusedAdamEqualsTheBookFormInFloat64() {
        withPlainNumPy {
            np.random.seed(0)
            let layer = LayerDense(33, 17)
            #expect(layer.weights.dtype == .float64)
            expectFusedEqualsBookForm(
                layer, steps: 3, adam: { OptimizerAdam(learningRate: 0.02, decay: 5e-5, epsilon: 1e-6, beta1: 0.8, beta2: 0.99) }
            ) { _ in
                (np.random.randn(33, 17), np.random.randn(1, 17))
            }
        }
    }

    /// Mixed dtypes (`float32` weights, `float64` gradients) are left to the book form.
    @Test func fusedAdamRefusesMixedDtypes() {
        withGlobalState {
            nnfsInit()
            let layer = LayerDense(5, 4)
            expectFusedEqualsBookForm(
                layer, steps: 2, adam: { OptimizerAdam() },
                { _ in
                    (np.random.randn(5, 4).astype(.float64), np.random.randn(1, 4).astype(.float64))
                }, fused: false)
        }
    }

    /// NaN gradients pass through quietly (no IEEE flag): the fused loop keeps them, bit for bit.
    /// An infinite gradient makes `inf / inf` (invalid): the book form runs and warns as NumPy does.
    @Test func fusedAdamOnNaNAndInfinity() {
        withGlobalState {
            nnfsInit()
            let layer = LayerDense(3, 4)
            var dweights = np.random.randn(3, 4).astype(.float32)
            dweights[1, 2] = Tensor(scalar: Float.nan)
            expectFusedEqualsBookForm(layer, steps: 2, adam: { OptimizerAdam() }) { _ in
                (dweights, np.random.randn(1, 4).astype(.float32))
            }
            var infinite = dweights
            infinite[0, 1] = Tensor(scalar: Float.infinity)
            RuntimeWarnings.recorded = []
            defer { RuntimeWarnings.recorded = nil }
            expectFusedEqualsBookForm(
                layer, steps: 1, adam: { OptimizerAdam() },
                { _ in
                    (infinite, np.random.randn(1, 4).astype(.float32))
                }, fused: false)
            #expect(RuntimeWarnings.recorded?.contains("invalid value encountered in divide") == true)
        }
    }
}
