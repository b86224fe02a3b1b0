import Foundation

/// Element-wise functions.
///
/// Contract: `exp` and `log` of `float32` are computed in `Double` (glibc) and rounded once to
/// `Float`. This reproduces the book's printed values, which came from NumPy's non-SIMD float32
/// loops; NumPy's AVX2/AVX-512 float32 `exp` differs from them by up to 2 ulp. Integer input gives
/// `float64` results, as NumPy's ufuncs do.
extension Tensor {
    /// Applies a `Double` function to every element, rounding to `Float` for `float32` input.
    /// The result keeps the input's memory order (``Layout``). With `warnAs`, the IEEE flags the
    /// loop raises become NumPy's `RuntimeWarning`s for that ufunc name.
    func mapFloating(warnAs name: String? = nil, file: StaticString = #fileID, line: UInt = #line,
                     _ f: (Double) -> Double) -> Tensor {
        if name != nil { RuntimeWarnings.clearFlags() }
        let t: Tensor
        switch storage {
        case .float32(let a): t = Tensor(float32: a.map { Float(f(Double($0))) }, shape: shape)
        case .float64(let a): t = Tensor(float64: a.map(f), shape: shape)
        default: t = Tensor(float64: doubles.map(f), shape: shape)
        }
        if let name { RuntimeWarnings.checkFlags(name, file: file, line: line) }
        return strides == nil ? t : t.withStrides(strides)
    }

    /// Applies an exact (correctly rounded in any precision) operation in the element's own type.
    func mapExact(warnAs name: String? = nil, file: StaticString = #fileID, line: UInt = #line,
                  _ f32: (Float) -> Float, _ f64: (Double) -> Double) -> Tensor {
        if name != nil { RuntimeWarnings.clearFlags() }
        let t: Tensor
        switch storage {
        case .float32(let a): t = Tensor(float32: a.map(f32), shape: shape)
        case .float64(let a): t = Tensor(float64: a.map(f64), shape: shape)
        default: t = Tensor(float64: doubles.map(f64), shape: shape)
        }
        if let name { RuntimeWarnings.checkFlags(name, file: file, line: line) }
        return strides == nil ? t : t.withStrides(strides)
    }

    /// `np.exp(a)`. Warns `overflow encountered in exp` when a finite input overflows the result
    /// dtype (for `float32` from about 88.7).
    public func exp(file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        mapFloating(warnAs: "exp", file: file, line: line) { Foundation.exp($0) }
    }

    /// `np.log(a)`. Warns `divide by zero encountered in log` for 0 and
    /// `invalid value encountered in log` for negative input.
    public func log(file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        mapFloating(warnAs: "log", file: file, line: line) { Foundation.log($0) }
    }

    /// `np.sqrt(a)` (correctly rounded in the element's dtype).
    /// Warns `invalid value encountered in sqrt` for negative input.
    public func sqrt(file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        mapExact(warnAs: "sqrt", file: file, line: line, { $0.squareRoot() }, { $0.squareRoot() })
    }
    /// `np.abs(a)` (`abs(-0.)` is `0.`; integers keep their dtype, `uint8` is unchanged).
    public func abs() -> Tensor {
        if dtype == .bool { return self }
        if case .int(let a) = storage {
            // Wrapping, as NumPy: abs(-2**63) is -2**63.
            return Tensor(ints: a.map { $0 < 0 ? 0 &- $0 : $0 }, shape: shape, dtype: dtype).withStrides(strides)
        }
        return mapExact({ Swift.abs($0) }, { Swift.abs($0) })
    }
    /// `a ** 2` / `np.square(a)`: `x * x` in the element's dtype.
    public func square() -> Tensor {
        if case .int(let a) = storage {
            return Tensor(ints: a.map { dtype == .uint8 ? ($0 &* $0) & 0xFF : $0 &* $0 }, shape: shape, dtype: dtype).withStrides(strides)
        }
        return mapExact(warnAs: "square", { $0 * $0 }, { $0 * $0 })
    }
    /// `np.sign(a)`: -1, 0 or 1 (NaN stays NaN).
    public func sign() -> Tensor {
        if case .int(let a) = storage {
            return Tensor(ints: a.map { $0 > 0 ? 1 : $0 < 0 ? (dtype == .uint8 ? 255 : -1) : 0 }, shape: shape, dtype: dtype).withStrides(strides)
        }
        if dtype == .bool { fatalError("The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead.") }
        // Zero of either sign gives 0. (NumPy's sign has no -0.); NaN stays NaN.
        return mapExact({ $0 > 0 ? 1 : $0 < 0 ? -1 : $0 == 0 ? 0 : $0 }, { $0 > 0 ? 1 : $0 < 0 ? -1 : $0 == 0 ? 0 : $0 })
    }
    /// `a ** p` for a Python-scalar exponent (`pow` in `Double`, rounded for `float32`).
    public func power(_ p: Double) -> Tensor {
        if p == 2 { return square() }
        if p == 0.5 { return sqrt() }
        return mapFloating { Foundation.pow($0, p) }
    }

    /// `np.clip(a, lo, hi)` with Python-float bounds: `float32` stays `float32` (bounds rounded to
    /// `float32`), anything else gives `float64` (NEP 50). Computed as NumPy's
    /// `min(max(x, lo), hi)` with NaN passed through.
    public func clip(_ lo: Double, _ hi: Double) -> Tensor {
        switch storage {
        case .float32(let a):
            let l = Float(lo), h = Float(hi)
            return Tensor(float32: a.map { Tensor.clipped($0, l, h) }, shape: shape).withStrides(strides)
        default:
            return Tensor(float64: doubles.map { Tensor.clipped($0, lo, hi) }, shape: shape).withStrides(strides)
        }
    }

    /// `np.clip(a, lo, hi)` with Python-int bounds: an integer tensor keeps its dtype (NEP 50:
    /// `np.clip(np.array([1, 5, 10]), 2, 8)` is `int64`); floats clip as with float bounds.
    public func clip(_ lo: Int, _ hi: Int) -> Tensor {
        guard case .int(let a) = storage else {
            if dtype == .bool { return astype(.int64).clip(lo, hi) }
            return clip(Double(lo), Double(hi))
        }
        return Tensor(ints: a.map { Swift.min(Swift.max($0, lo), hi) }, shape: shape, dtype: dtype).withStrides(strides)
    }

    /// NumPy's float clip: a bound replaces `x` only when strictly beyond it, so
    /// `np.clip(-0., 0., 1.)` is `-0.` and NaN passes through.
    @inline(__always) static func clipped<T: FloatingPoint>(_ x: T, _ lo: T, _ hi: T) -> T {
        let m = x < lo ? lo : x
        return m > hi ? hi : m
    }

    /// `np.maximum(a, b)`: element-wise maximum with broadcasting; NaN propagates.
    public static func maximum(_ a: Tensor, _ b: Tensor) -> Tensor {
        binary(a, b, as: resultType(a, b), MaximumKernel<Float>.self, MaximumKernel<Double>.self, IntMaximumKernel.self)
    }

    /// `np.minimum(a, b)`: element-wise minimum with broadcasting; NaN propagates.
    public static func minimum(_ a: Tensor, _ b: Tensor) -> Tensor {
        binary(a, b, as: resultType(a, b), MinimumKernel<Float>.self, MinimumKernel<Double>.self, IntMinimumKernel.self)
    }
}
