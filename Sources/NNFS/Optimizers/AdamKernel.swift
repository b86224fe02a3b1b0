import Foundation

#if arch(x86_64)
    import _Builtin_intrinsics.intel
#endif

/// The fast path of ``OptimizerAdam/updateParams(_:)``: each parameter array's momentum, cache and
/// new values computed in one pass, instead of the book form's dozen whole-array temporaries.
///
/// Contract (what makes it bit-identical to the book form, `FastPathModelTests`): for every element
/// the loop performs the book form's IEEE operations, in its order and in the parameters' dtype
/// `T` (`float32` after `nnfsInit`, else `float64`), with each Python-float constant rounded once
/// to `T` as NumPy 2 rounds a weak scalar:
///
///     m  = T(beta1) * m + T(1 - beta1) * g          ;  mHat = m / T(1 - beta1^(t+1))
///     v  = T(beta2) * v + T(1 - beta2) * (g * g)    ;  vHat = v / T(1 - beta2^(t+1))
///     w  = w + (T(-lr) * mHat) / (sqrt(vHat) + T(epsilon))
///
/// (`m` and `v` start as zeros, as `np.zeros_like`). Swift does not contract `a * b + c` into a
/// fused multiply-add, so each operation rounds on its own as NumPy's loops do. On x86-64 the
/// `float32` loop runs four lanes at a time with SSE's `mulps`/`addps`/`divps`/`sqrtps`, which are
/// the same correctly rounded operations per lane (Swift's scalar `squareRoot` keeps a libm call
/// for `errno`, which stops the compiler from vectorising the loop itself).
///
/// It applies only when weights, biases, their gradients and any existing momentums and caches
/// all have `T`'s dtype, C order and matching shapes; otherwise, or when the loop raises an IEEE
/// divide-by-zero, overflow or invalid flag (which the book form reports as NumPy's
/// `RuntimeWarning`s, op by op), nothing is stored and the book form runs instead.
enum AdamKernel {
    /// Adam's constants for one step, each rounded to the element type.
    struct Constants<T: FusedElement> {
        let beta1, oneMinusBeta1, correction1, beta2, oneMinusBeta2, correction2, negativeRate, epsilon: T

        init(_ adam: OptimizerAdam) {
            let step = Double(adam.iterations + 1)
            beta1 = T.rounded(adam.beta1)
            oneMinusBeta1 = T.rounded(1 - adam.beta1)
            correction1 = T.rounded(1 - pow(adam.beta1, step))
            beta2 = T.rounded(adam.beta2)
            oneMinusBeta2 = T.rounded(1 - adam.beta2)
            correction2 = T.rounded(1 - pow(adam.beta2, step))
            negativeRate = T.rounded(-adam.currentLearningRate)
            epsilon = T.rounded(adam.epsilon)
        }
    }

    /// The new parameter, momentum and cache arrays of one parameter tensor.
    struct Result<T: FusedElement> {
        let values, momentums, cache: [T]
        let shape: [Int]
    }

    /// Updates `layer` as the book form would, or returns false having changed nothing.
    static func update(_ layer: LayerDense, _ adam: OptimizerAdam) -> Bool {
        switch layer.weights.base {
        case .float32: return update(layer, adam, Float.self)
        case .float64: return update(layer, adam, Double.self)
        default: return false
        }
    }

    static func update<T: FusedElement>(_ layer: LayerDense, _ adam: OptimizerAdam, _: T.Type) -> Bool {
        let constants = Constants<T>(adam)
        RuntimeWarnings.clearFlags()
        guard
            let weights = step(layer.weights, layer.dweights, layer.weightMomentums, layer.weightCache, constants),
            let biases = step(layer.biases, layer.dbiases, layer.biasMomentums, layer.biasCache, constants)
        else { return false }
        guard fetestexcept(FE_DIVBYZERO | FE_OVERFLOW | FE_INVALID) == 0 else { return false }
        layer.weightMomentums = T.tensor(weights.momentums, weights.shape)
        layer.biasMomentums = T.tensor(biases.momentums, biases.shape)
        layer.weightCache = T.tensor(weights.cache, weights.shape)
        layer.biasCache = T.tensor(biases.cache, biases.shape)
        layer.weights = T.tensor(weights.values, weights.shape)
        layer.biases = T.tensor(biases.values, biases.shape)
        return true
    }

    /// One parameter tensor's update, or nil when a dtype, layout or shape does not fit.
    static func step<T: FusedElement>(
        _ parameter: Tensor, _ gradient: Tensor, _ momentums: Tensor?, _ cache: Tensor?, _ c: Constants<T>
    ) -> Result<T>? {
        let shape = parameter.shape
        guard let w = T.elements(parameter), let g = T.elements(gradient), gradient.shape == shape else { return nil }
        let m = momentums.map { $0.shape == shape ? T.elements($0) : nil } ?? [T](repeating: 0, count: w.count)
        let v = cache.map { $0.shape == shape ? T.elements($0) : nil } ?? [T](repeating: 0, count: w.count)
        guard let m, let v else { return nil }
        let n = w.count
        var newMomentums = [T](), newCache = [T]()
        let newValues = [T](unsafeUninitializedCapacity: n) { values, count in
            newMomentums = [T](unsafeUninitializedCapacity: n) { momentumsOut, momentumsCount in
                newCache = [T](unsafeUninitializedCapacity: n) { cacheOut, cacheCount in
                    w.withUnsafeBufferPointer { w in
                        g.withUnsafeBufferPointer { g in
                            m.withUnsafeBufferPointer { m in
                                v.withUnsafeBufferPointer { v in
                                    loop(
                                        n, w.baseAddress!, g.baseAddress!, m.baseAddress!, v.baseAddress!,
                                        values.baseAddress!, momentumsOut.baseAddress!, cacheOut.baseAddress!, c)
                                }
                            }
                        }
                    }
                    cacheCount = n
                }
                momentumsCount = n
            }
            count = n
        }
        return Result(values: newValues, momentums: newMomentums, cache: newCache, shape: shape)
    }

    /// The element loop (every bound a parameter, so it vectorises; see the contract above).
    @inline(never)
    static func loop<T: FusedElement>(
        _ n: Int, _ w: UnsafePointer<T>, _ g: UnsafePointer<T>, _ m: UnsafePointer<T>, _ v: UnsafePointer<T>,
        _ wOut: UnsafeMutablePointer<T>, _ mOut: UnsafeMutablePointer<T>, _ vOut: UnsafeMutablePointer<T>,
        _ c: Constants<T>
    ) {
        guard n > 0 else { return }
        var start = 0
        #if arch(x86_64)
            if T.self == Float.self {
                start = n - n % 4
                sseLoop(
                    start, cast(w), cast(g), cast(m), cast(v), cast(wOut), cast(mOut), cast(vOut),
                    unsafeBitCast(c, to: Constants<Float>.self))
            }
        #endif
        for i in start..<n {
            let gradient = g[i]
            let momentum = c.beta1 * m[i] + c.oneMinusBeta1 * gradient
            let momentumCorrected = momentum / c.correction1
            let cache = c.beta2 * v[i] + c.oneMinusBeta2 * (gradient * gradient)
            let cacheCorrected = cache / c.correction2
            (mOut + i).initialize(to: momentum)
            (vOut + i).initialize(to: cache)
            (wOut + i).initialize(to: w[i] + (c.negativeRate * momentumCorrected) / (cacheCorrected.squareRoot() + c.epsilon))
        }
    }
}

#if arch(x86_64)
    extension AdamKernel {
        static func cast<T>(_ p: UnsafePointer<T>) -> UnsafePointer<Float> { UnsafeRawPointer(p).assumingMemoryBound(to: Float.self) }
        static func cast<T>(_ p: UnsafeMutablePointer<T>) -> UnsafeMutablePointer<Float> {
            UnsafeMutableRawPointer(p).assumingMemoryBound(to: Float.self)
        }

        /// ``loop(_:_:_:_:_:_:_:_:_:)`` for `float32`, four elements per step (`n` a multiple of 4):
        /// the scalar loop's operations in its order, lane by lane.
        @inline(never)
        static func sseLoop(
            _ n: Int, _ w: UnsafePointer<Float>, _ g: UnsafePointer<Float>, _ m: UnsafePointer<Float>, _ v: UnsafePointer<Float>,
            _ wOut: UnsafeMutablePointer<Float>, _ mOut: UnsafeMutablePointer<Float>, _ vOut: UnsafeMutablePointer<Float>,
            _ c: Constants<Float>
        ) {
            let beta1 = _mm_set1_ps(c.beta1), oneMinusBeta1 = _mm_set1_ps(c.oneMinusBeta1), correction1 = _mm_set1_ps(c.correction1)
            let beta2 = _mm_set1_ps(c.beta2), oneMinusBeta2 = _mm_set1_ps(c.oneMinusBeta2), correction2 = _mm_set1_ps(c.correction2)
            let negativeRate = _mm_set1_ps(c.negativeRate), epsilon = _mm_set1_ps(c.epsilon)
            var i = 0
            while i < n {
                let gradient = _mm_loadu_ps(g + i)
                let momentum = _mm_add_ps(_mm_mul_ps(beta1, _mm_loadu_ps(m + i)), _mm_mul_ps(oneMinusBeta1, gradient))
                let momentumCorrected = _mm_div_ps(momentum, correction1)
                let cache = _mm_add_ps(_mm_mul_ps(beta2, _mm_loadu_ps(v + i)), _mm_mul_ps(oneMinusBeta2, _mm_mul_ps(gradient, gradient)))
                let cacheCorrected = _mm_div_ps(cache, correction2)
                _mm_storeu_ps(mOut + i, momentum)
                _mm_storeu_ps(vOut + i, cache)
                let step = _mm_div_ps(_mm_mul_ps(negativeRate, momentumCorrected), _mm_add_ps(_mm_sqrt_ps(cacheCorrected), epsilon))
                _mm_storeu_ps(wOut + i, _mm_add_ps(_mm_loadu_ps(w + i), step))
                i &+= 4
            }
        }
    }
#endif

/// `Float` or `Double` as a fused element loop sees it: reading a plain tensor's elements,
/// building one, and rounding a Python float to the type (NumPy 2's weak-scalar rule).
protocol FusedElement: BinaryFloatingPoint {
    /// The elements of a C-order tensor of this dtype (nil for any other tensor).
    static func elements(_ t: Tensor) -> [Self]?
    static func tensor(_ values: [Self], _ shape: [Int]) -> Tensor
    /// `x` rounded to nearest (ties to even), as `Conversion.toFloat`.
    static func rounded(_ x: Double) -> Self
}

extension Float: FusedElement {
    static func elements(_ t: Tensor) -> [Float]? {
        guard !t.transposedView, t.layoutStrides == nil, !t.isWeakScalar, case .float32(let a) = t.base else { return nil }
        return a
    }
    static func tensor(_ values: [Float], _ shape: [Int]) -> Tensor { Tensor(float32: values, shape: shape) }
    @inline(__always) static func rounded(_ x: Double) -> Float { Float(x) }
}

extension Double: FusedElement {
    static func elements(_ t: Tensor) -> [Double]? {
        guard !t.transposedView, t.layoutStrides == nil, !t.isWeakScalar, case .float64(let a) = t.base else { return nil }
        return a
    }
    static func tensor(_ values: [Double], _ shape: [Int]) -> Tensor { Tensor(float64: values, shape: shape) }
    @inline(__always) static func rounded(_ x: Double) -> Double { x }
}
