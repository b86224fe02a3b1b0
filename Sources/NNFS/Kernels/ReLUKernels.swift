/// The fused kernel for ``ActivationReLU/backward(_:)``.
///
/// Reference (the book-form lines): `dinputs = dvalues` then `dinputs[inputs .<= 0] = 0`, which
/// builds a boolean mask (one pass), copies `dvalues` because the copy is about to be written (a
/// second) and writes the zeros (a third). The kernel does it in one: each element is `+0.0` where
/// `inputs <= 0` (false for NaN, as the comparison) and the `dvalues` element otherwise, the same
/// bits. The result keeps `dvalues`' layout and dtype, as the assignment does. `float32` or `float64`
/// floats; `nil` (run the reference) for any other dtype, different shapes (the reference's error) or a
/// transposed view.
enum ReLUKernels {
    static func backward(_ dvalues: Tensor, inputs: Tensor) -> Tensor? {
        guard NNFSConfig.fastPaths, dvalues.shape == inputs.shape, !dvalues.transposedView, !inputs.transposedView
        else { return nil }
        var result = dvalues
        switch (dvalues.base, inputs.base) {
        case (.float32(let d), .float32(let x)):
            result.base = .float32(newArray(d.count) { masked($0, d, x, d.count) })
        // Behind dropout the gradient is float64 (the mask is), the layer's inputs float32.
        case (.float64(let d), .float32(let x)):
            result.base = .float64(newArray(d.count) { masked($0, d, x, d.count) })
        case (.float64(let d), .float64(let x)):
            result.base = .float64(newArray(d.count) { o in for i in 0..<d.count { o[i] = x[i] <= 0 ? 0 : d[i] } })
        default:
            return nil
        }
        return result
    }

    /// An array of `count` elements, each written by `fill`.
    static func newArray<E>(_ count: Int, _ fill: (UnsafeMutablePointer<E>) -> Void) -> [E] {
        [E](unsafeUninitializedCapacity: count) { out, initialized in
            if let o = out.baseAddress { fill(o) }
            initialized = count
        }
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

    /// The `float64` gradient behind dropout with the layer's `float32` inputs, eight lanes at a time
    /// (`Double(x) <= 0` exactly when `x <= 0`).
    @inline(never)
    static func masked(_ o: UnsafeMutablePointer<Double>, _ d: UnsafePointer<Double>, _ x: UnsafePointer<Float>, _ n: Int) {
        typealias V = SIMD8<Double>
        let lanes = V.scalarCount
        var i = 0
        while i &+ lanes <= n {
            let dv = UnsafeRawPointer(d + i).loadUnaligned(as: V.self)
            let xv = V(UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<Float>.self))
            UnsafeMutableRawPointer(o + i).storeBytes(of: dv.replacing(with: 0, where: xv .<= 0), as: V.self)
            i &+= lanes
        }
        while i < n {
            o[i] = x[i] <= 0 ? 0 : d[i]
            i &+= 1
        }
    }
}
