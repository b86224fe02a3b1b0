import Testing
@testable import NNFS

/// The fused kernels (`Sources/NNFS/Kernels`) against the book-form code they stand in for:
/// every comparison is of bit patterns, with ``NNFSConfig/fastPaths`` on and off.
@Suite struct FastPathKernelTests {
    /// `float32` values with zeros of both signs, tiny and large magnitudes mixed in.
    static func awkward(_ rows: Int, _ cols: Int, scale: Double = 1) -> Tensor {
        var t = (scale * np.random.randn(rows, cols)).astype(.float32)
        let mask = np.random.randint(0, 12, size: [rows, cols])
        t[mask .== 0] = 0
        t[mask .== 1] = -0.0
        t[mask .== 2] = 1e-30
        return t
    }

    // MARK: products

    /// Each `(m, k, n, transpose a, transpose b)`: the book's products (chapters 10, 14-19) and a
    /// few odd sizes around the kernels' tiles (8 and 16 lanes, 4 rows/columns, 32-row and 32-column
    /// tiles) and blocks (384 / 256).
    static let shapes: [(Int, Int, Int, Bool, Bool)] = [
        (3000, 2, 512, false, false), (3000, 512, 3, false, false), (512, 3000, 3, true, false),
        (3000, 3, 512, false, true), (2, 3000, 512, true, false), (3000, 512, 2, false, true),
        (300, 2, 64, false, false), (300, 64, 3, false, false), (64, 300, 3, true, false), (300, 3, 64, false, true),
        (1000, 1, 64, false, false), (1000, 64, 1, false, false), (64, 1000, 1, true, false), (1000, 1, 64, false, true),
        (128, 784, 128, false, false), (128, 128, 10, false, false), (128, 10, 128, false, true), (128, 128, 10, true, false),
        (37, 801, 5, false, false), (5, 777, 33, true, false), (41, 7, 19, false, true), (17, 1, 3, true, true),
        (100, 2, 17, true, true), (3, 1000, 300, true, false),
        // Square-ish (these stay on dgemm; `vectorLoopsEqualPortableLoops` runs them through both C loops).
        (1000, 64, 64, false, false), (64, 1000, 64, true, false), (1000, 64, 64, false, true), (45, 1000, 70, true, true),
    ]

    /// Products with one `float64` operand (chapter 15: dropout's output and the gradients behind
    /// it), where products are not exact and the kernel must add as `dgemm` does, fused or not.
    @Test(arguments: [
        (3000, 512, 3, false, false, true), (512, 3000, 3, true, false, true), (2, 3000, 512, true, false, false),
        (3000, 512, 2, false, true, true), (300, 64, 3, false, false, true), (64, 300, 3, true, false, true),
    ])
    func mixedProductsEqualTheReference(_ shape: (Int, Int, Int, Bool, Bool, Bool)) {
        let (m, k, n, ta, tb, aWide) = shape
        let (fast, reference) = withAndWithoutFastPaths(seed: 11) { () -> [UInt64] in
            BlockedProduct.reset()
            var a = Self.awkward(ta ? k : m, ta ? m : k)
            var b = Self.awkward(tb ? n : k, tb ? k : n, scale: 0.01)
            if aWide {
                a = a * (np.random.binomial(1, 0.9, size: a.shape) / 0.9)
            } else {
                b = b * (np.random.binomial(1, 0.9, size: b.shape) / 0.9)
            }
            #expect((aWide ? a : b).dtype == .float64)
            return fastPathBits(np.dot(ta ? a.T : a, tb ? b.T : b))
        }
        #expect(fast == reference)
    }

    @Test(arguments: 0..<shapes.count)
    func productsEqualTheReference(_ index: Int) {
        let (m, k, n, ta, tb) = Self.shapes[index]
        let (fast, reference) = withAndWithoutFastPaths(seed: UInt32(index)) { () -> [UInt64] in
            BlockedProduct.reset()
            let a = Self.awkward(ta ? k : m, ta ? m : k)
            let b = Self.awkward(tb ? n : k, tb ? k : n, scale: 0.01)
            let c = np.dot(ta ? a.T : a, tb ? b.T : b)
            #expect(c.shape == [m, n] && c.dtype == .float32)
            return fastPathBits(c)
        }
        #expect(fast == reference, "shape \(m)x\(k) by \(k)x\(n), transposes \(ta) \(tb)")
    }

    /// The C kernel's AVX-512 loops against its portable loops, for every shape above, each
    /// operand type pair and every order calibration can choose: the same bits, `float64` and
    /// `float32` results. (The tests above compare whichever loops run with `dgemm`.)
    @Test(.enabled(if: BlockedProduct.vectorLoopsAvailable), arguments: 0..<shapes.count)
    func vectorLoopsEqualPortableLoops(_ index: Int) {
        let (m, k, n, ta, tb) = Self.shapes[index]
        var random = BlockedProduct.ProbeNumbers(seed: UInt64(index))
        func operand(_ count: Int, double: Bool) -> BlockedProduct.Operand {
            double
                ? .float64((0..<count).map { _ in Double(random.next()) * (1 + Double(random.next()) * 0x1p-30) })
                : .float32((0..<count).map { _ in random.next() })
        }
        for (aDouble, bDouble) in [(false, false), (true, false), (false, true)] {
            let s = BlockedProduct.Shape(m: m, k: k, n: n, ta: ta, tb: tb, aDouble: aDouble, bDouble: bDouble)
            let a = operand(m * k, double: aDouble), b = operand(k * n, double: bDouble)
            for c in BlockedProduct.candidates {
                for fused in [true, false] {
                    let order = BlockedProduct.Order(q: c.q, u: c.u, fused: fused)
                    func results(vector: Bool) -> ([UInt64], [UInt32]) {
                        var wide = [Double](repeating: .nan, count: m * n)
                        var narrow = [Float](repeating: .nan, count: m * n)
                        wide.withUnsafeMutableBufferPointer {
                            BlockedProduct.run(a, b, s, order, c32: nil, c64: $0.baseAddress!, vectorLoops: vector)
                        }
                        narrow.withUnsafeMutableBufferPointer {
                            BlockedProduct.run(a, b, s, order, c32: $0.baseAddress!, c64: nil, vectorLoops: vector)
                        }
                        return (wide.map(\.bitPattern), narrow.map(\.bitPattern))
                    }
                    let portable = results(vector: false), vector = results(vector: true)
                    #expect(portable.0 == vector.0 && portable.1 == vector.1, "\(s) \(order)")
                }
            }
        }
    }

    /// The book's skinny products are the ones the blocked kernel is for: calibration must accept
    /// them on this machine's OpenBLAS (otherwise the tests above compare dgemm with itself).
    @Test func calibrationAcceptsTheBooksSkinnyProducts() {
        withGlobalState {
            nnfsInit()
            BlockedProduct.reset()
            for (m, k, n, ta, tb) in [(3000, 512, 3, false, false), (512, 3000, 3, true, false), (3000, 3, 512, false, true)] {
                let a = np.random.randn(ta ? k : m, ta ? m : k).astype(.float32)
                let b = np.random.randn(tb ? n : k, tb ? k : n).astype(.float32)
                #expect(BlockedProduct.product(a.floats, transposed: ta, b.floats, transposed: tb, m: m, k: k, n: n) != nil)
            }
        }
    }

    /// A shape whose `dgemm` adds in another order must be refused, not approximated: the probe
    /// for a model with a wrong block size fails.
    @Test func calibrationRefusesAWrongOrder() {
        let s = BlockedProduct.Shape(m: 40, k: 1000, n: 3, ta: false, tb: false)
        var random = BlockedProduct.ProbeNumbers(seed: 7)
        let a = (0..<(s.m * s.k)).map { _ in random.next() }
        let b = (0..<(s.k * s.n)).map { _ in random.next() }
        var right = [Double](repeating: 0, count: s.m * s.n), wrong = right
        let right_ = BlockedProduct.Order(q: 384, u: 16, fused: true), wrong_ = BlockedProduct.Order(q: 100, u: 1, fused: true)
        right.withUnsafeMutableBufferPointer { BlockedProduct.run(.float32(a), .float32(b), s, right_, c32: nil, c64: $0.baseAddress!) }
        wrong.withUnsafeMutableBufferPointer { BlockedProduct.run(.float32(a), .float32(b), s, wrong_, c32: nil, c64: $0.baseAddress!) }
        let differing = zip(right, wrong).filter { $0.bitPattern != $1.bitPattern }.count
        #expect(differing > s.m * s.n / 2)
    }

    // MARK: layers

    @Test(arguments: [(3000, 2, 512), (300, 2, 64), (1000, 1, 64), (3000, 512, 3), (128, 784, 128), (33, 5, 7)])
    func denseForwardEqualsTheReference(_ shape: (Int, Int, Int)) {
        let (m, k, n) = shape
        let (fast, reference) = withAndWithoutFastPaths(seed: 3) { () -> [UInt64] in
            BlockedProduct.reset()
            let dense = LayerDense(k, n)
            dense.biases = Self.awkward(1, n, scale: 0.1)
            dense.forward(Self.awkward(m, k), training: true)
            #expect(dense.output.shape == [m, n] && dense.output.dtype == .float32)
            return fastPathBits(dense.output)
        }
        #expect(fast == reference)
    }

    /// An overflowing add reports NumPy's warning once either way (the kernel hands the case back).
    @Test func denseForwardWarnsAsTheReference() {
        let (fast, reference) = withAndWithoutFastPaths { () -> ([UInt64], [String]) in
            RuntimeWarnings.recorded = []
            defer { RuntimeWarnings.recorded = nil }
            let dense = LayerDense(2, 4)
            dense.weights = Tensor(float32: [1, 1, 1, 1, 1, 1, 1, 1], shape: [2, 4])
            dense.biases = Tensor(float32: [3e38, 0, -3e38, 1], shape: [1, 4])
            dense.forward(Tensor(float32: [2e38, 1e38, 1, 1], shape: [2, 2]), training: true)
            return (fastPathBits(dense.output), RuntimeWarnings.recorded ?? [])
        }
        #expect(fast.0 == reference.0)
        #expect(fast.1 == reference.1)
        #expect(reference.1 == ["overflow encountered in add"])
    }

    @Test func reluBackwardEqualsTheReference() {
        let (fast, reference) = withAndWithoutFastPaths(seed: 5) { () -> [[UInt64]] in
            var inputs = Self.awkward(301, 37)
            inputs[0, 0] = Tensor(float32: [.nan], shape: [])
            let dvalues = Self.awkward(301, 37)
            let relu = ActivationReLU()
            relu.forward(inputs, training: true)
            relu.backward(dvalues)
            let plain = relu.dinputs
            // A transposed gradient (strided layout) keeps its layout either way.
            relu.forward(inputs.T, training: true)
            relu.backward(dvalues.T)
            #expect(relu.dinputs.strides == dvalues.T.strides)
            let strided = relu.dinputs
            // Behind dropout the gradient is float64 and the inputs float32.
            relu.forward(inputs, training: true)
            relu.backward(dvalues.astype(.float64) * 1.1)
            #expect(relu.dinputs.dtype == .float64)
            return [fastPathBits(plain), fastPathBits(strided), fastPathBits(np.sum(strided, axis: 0)), fastPathBits(relu.dinputs)]
        }
        #expect(fast == reference)
    }

    // MARK: whole training steps

    /// Chapter 14's network (L2, Adam) and chapter 17's regression, a few epochs each: every
    /// parameter and gradient bit for bit.
    @Test func trainingStepsEqualTheReference() {
        let (fast, reference) = withAndWithoutFastPaths { () -> [[UInt64]] in
            BlockedProduct.reset()
            var bits: [[UInt64]] = []
            let (X, y) = spiralData(samples: 200, classes: 3)
            let dense1 = LayerDense(2, 48, weightRegularizerL2: 5e-4, biasRegularizerL2: 5e-4)
            let relu = ActivationReLU()
            let dense2 = LayerDense(48, 3)
            let loss = ActivationSoftmaxLossCategoricalCrossentropy()
            let optimizer = OptimizerAdam(learningRate: 0.02, decay: 5e-7)
            /// Full-batch epochs of dense -> ReLU (-> dropout) -> dense -> softmax loss, with Adam.
            func train(_ first: LayerDense, _ second: LayerDense, dropout: LayerDropout?, epochs: Int) {
                for _ in 0..<epochs {
                    first.forward(X, training: true)
                    relu.forward(first.output, training: true)
                    dropout?.forward(relu.output, training: true)
                    second.forward(dropout?.output ?? relu.output, training: true)
                    _ = loss.forward(second.output, y)
                    loss.backward(loss.output, y)
                    second.backward(loss.dinputs)
                    dropout?.backward(second.dinputs)
                    relu.backward(dropout?.dinputs ?? second.dinputs)
                    first.backward(relu.dinputs)
                    optimizer.preUpdateParams()
                    optimizer.updateParams(first)
                    optimizer.updateParams(second)
                    optimizer.postUpdateParams()
                    bits += [first.dweights, first.dinputs, first.weights, second.dweights, second.dinputs, second.output]
                        .map(fastPathBits)
                }
            }
            train(dense1, dense2, dropout: nil, epochs: 4)
            // Chapter 15's dropout: float64 activations and gradients through the products.
            train(LayerDense(2, 64), LayerDense(64, 3), dropout: LayerDropout(0.1), epochs: 3)
            let (S, t) = sineData()
            let model = Model()
            model.add(LayerDense(1, 64, weightInit: 0.1))
            model.add(ActivationReLU())
            model.add(LayerDense(64, 64, weightInit: 0.1))
            model.add(ActivationReLU())
            model.add(LayerDense(64, 1, weightInit: 0.1))
            model.add(ActivationLinear())
            model.set(
                loss: LossMeanSquaredError(), optimizer: OptimizerAdam(learningRate: 0.005, decay: 1e-3), accuracy: AccuracyRegression())
            model.finalize()
            model.train(S, t, epochs: 3, printEvery: 100)
            bits += model.layers.compactMap { ($0 as? LayerDense)?.weights }.map(fastPathBits)
            return bits
        }
        #expect(fast == reference)
    }
}
