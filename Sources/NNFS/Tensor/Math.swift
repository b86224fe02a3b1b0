import Foundation

/// Element-wise functions.
///
/// Contract: `exp` and `log` of `float32` are computed in `Double` (glibc) and rounded once to
/// `Float`. This reproduces the book's printed values, which came from NumPy's non-SIMD float32
/// loops; NumPy's AVX2/AVX-512 float32 `exp` differs from them by up to 2 ulp. Integer input gives
/// `float64` results, as NumPy's ufuncs do.
extension Tensor {
    /// Applies a `Double` function to every element, rounding to `Float` for `float32` input.
    func mapFloating(_ f: (Double) -> Double) -> Tensor {
        switch storage {
        case .float32(let a): return Tensor(float32: a.map { Float(f(Double($0))) }, shape: shape)
        case .float64(let a): return Tensor(float64: a.map(f), shape: shape)
        default: return Tensor(float64: doubles.map(f), shape: shape)
        }
    }

    /// Applies an exact (correctly rounded in any precision) operation in the element's own type.
    func mapExact(_ f32: (Float) -> Float, _ f64: (Double) -> Double) -> Tensor {
        switch storage {
        case .float32(let a): return Tensor(float32: a.map(f32), shape: shape)
        case .float64(let a): return Tensor(float64: a.map(f64), shape: shape)
        default: return Tensor(float64: doubles.map(f64), shape: shape)
        }
    }

    /// `np.exp(a)`. Warns `overflow encountered in exp` when a finite input overflows.
    public func exp(file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        var overflow = false
        let r = mapFloating { x in
            let e = Foundation.exp(x)
            if e == .infinity && x.isFinite { overflow = true }
            return e
        }
        if overflow { RuntimeWarnings.warn("overflow encountered in exp", file: file, line: line) }
        return r
    }

    /// `np.log(a)`. Warns `divide by zero encountered in log` for 0 and
    /// `invalid value encountered in log` for negative input.
    public func log(file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        var zero = false, negative = false
        let r = mapFloating { x in
            if x == 0 { zero = true } else if x < 0 { negative = true }
            return Foundation.log(x)
        }
        if zero { RuntimeWarnings.warn("divide by zero encountered in log", file: file, line: line) }
        if negative { RuntimeWarnings.warn("invalid value encountered in log", file: file, line: line) }
        return r
    }

    /// `np.sqrt(a)` (correctly rounded in the element's dtype).
    public func sqrt() -> Tensor { mapExact({ $0.squareRoot() }, { $0.squareRoot() }) }
    /// `np.abs(a)`.
    public func abs() -> Tensor {
        if case .int(let a) = storage { return Tensor(ints: a.map { Swift.abs($0) }, shape: shape, dtype: dtype) }
        return mapExact({ Swift.abs($0) }, { Swift.abs($0) })
    }
    /// `a ** 2` / `np.square(a)`: `x * x` in the element's dtype.
    public func square() -> Tensor {
        if case .int(let a) = storage { return Tensor(ints: a.map { $0 &* $0 }, shape: shape, dtype: dtype) }
        return mapExact({ $0 * $0 }, { $0 * $0 })
    }
    /// `np.sign(a)`: -1, 0 or 1 (NaN stays NaN).
    public func sign() -> Tensor {
        mapExact({ $0 > 0 ? 1 : $0 < 0 ? -1 : $0 }, { $0 > 0 ? 1 : $0 < 0 ? -1 : $0 })
    }
    /// `a ** p` for a Python-scalar exponent (`pow` in `Double`, rounded for `float32`).
    public func power(_ p: Double) -> Tensor {
        if p == 2 { return square() }
        if p == 0.5 { return sqrt() }
        return mapFloating { Foundation.pow($0, p) }
    }

    /// `np.clip(a, lo, hi)` with Python-scalar bounds (rounded to `float32` for `float32` input).
    public func clip(_ lo: Double, _ hi: Double) -> Tensor {
        switch storage {
        case .float32(let a):
            let l = Float(lo), h = Float(hi)
            return Tensor(float32: a.map { Swift.min(Swift.max($0, l), h) }, shape: shape)
        default:
            return Tensor(float64: doubles.map { Swift.min(Swift.max($0, lo), hi) }, shape: shape)
        }
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
