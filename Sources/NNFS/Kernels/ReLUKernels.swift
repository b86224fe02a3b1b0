/// The fused kernel for ``ActivationReLU/backward(_:)``.
///
/// Reference (the book-form lines): `dinputs = dvalues` then `dinputs[inputs .<= 0] = 0`, which
/// builds a boolean mask (one pass), copies `dvalues` because the copy is about to be written (a
/// second) and writes the zeros (a third). The kernel does it in one: each element is `+0.0` where
/// `inputs <= 0` (false for NaN, as the comparison) and the `dvalues` element otherwise, the same
/// bits. The result keeps `dvalues`' layout, as the assignment does. `float32` only; `nil` (run
/// the reference) for any other dtype, different shapes (the reference's error) or a transposed view.
enum ReLUKernels {
    static func backward(_ dvalues: Tensor, inputs: Tensor) -> Tensor? {
        guard NNFSConfig.fastPaths, dvalues.shape == inputs.shape, !dvalues.transposedView, !inputs.transposedView,
            case .float32(let d) = dvalues.base, case .float32(let x) = inputs.base
        else { return nil }
        let values = [Float](unsafeUninitializedCapacity: d.count) { out, count in
            d.withUnsafeBufferPointer { pd in
                x.withUnsafeBufferPointer { px in
                    masked(out.baseAddress!, pd.baseAddress!, px.baseAddress!, pd.count)
                }
            }
            count = d.count
        }
        var result = dvalues
        result.base = .float32(values)
        return result
    }

    /// `o[i] = x[i] <= 0 ? +0.0 : d[i]`, sixteen lanes at a time (a scalar select compiles to a
    /// branch per element).
    @inline(never)
    static func masked(_ o: UnsafeMutablePointer<Float>, _ d: UnsafePointer<Float>, _ x: UnsafePointer<Float>, _ n: Int) {
        typealias V = SIMD16<Float>
        let lanes = V.scalarCount
        var i = 0
        while i &+ lanes <= n {
            let dv = UnsafeRawPointer(d + i).loadUnaligned(as: V.self)
            let xv = UnsafeRawPointer(x + i).loadUnaligned(as: V.self)
            UnsafeMutableRawPointer(o + i).storeBytes(of: dv.replacing(with: 0, where: xv .<= 0), as: V.self)
            i &+= lanes
        }
        while i < n {
            o[i] = x[i] <= 0 ? 0 : d[i]
            i &+= 1
        }
    }
}
