/// `np.arange`, `np.linspace`, `np.isnan`, `np.isinf`.
extension Tensor {
    /// `np.arange(start, stop, step)` with Python ints: `int64`, `ceil((stop - start) / step)` values.
    public static func arange(_ start: Int, _ stop: Int, _ step: Int = 1) -> Tensor {
        guard step != 0 else { fatalError("Maximum allowed size exceeded") }
        let n = Swift.max(0, (stop - start + step + (step > 0 ? -1 : 1)) / step)
        return Tensor(ints: (0..<n).map { start + $0 * step }, shape: [n])
    }

    /// `np.arange(start, stop, step)` with a Python float among them: `float64`. As NumPy: the
    /// length is `ceil((stop - start) / step)`; element 1 is `start + step` and element `i >= 2`
    /// is `start + i * delta` with `delta = (start + step) - start`.
    public static func arange(_ start: Double, _ stop: Double, _ step: Double = 1) -> Tensor {
        guard step != 0 else { fatalError("Maximum allowed size exceeded") }
        let len = ((stop - start) / step).rounded(.up)
        guard !len.isNaN else { fatalError("arange: cannot compute length") }
        let n = Swift.max(0, Int(len))
        var v = [Double](repeating: 0, count: n)
        if n > 0 { v[0] = start }
        if n > 1 { v[1] = start + step }
        if n > 2 {
            let delta = v[1] - start
            for i in 2..<n { v[i] = start + Double(i) * delta }
        }
        return Tensor(float64: v, shape: [n])
    }

    /// `np.linspace(start, stop, num, endpoint)`: `float64`, computed as NumPy does
    /// (`i * step + start` with `step = (stop - start) / div`, the last value set to `stop`).
    public static func linspace(_ start: Double, _ stop: Double, num: Int = 50, endpoint: Bool = true) -> Tensor {
        guard num >= 0 else { fatalError("Number of samples, \(num), must be non-negative.") }
        let div = endpoint ? num - 1 : num
        let delta = stop - start
        var v = [Double](repeating: 0, count: num)
        if div > 0 {
            let step = delta / Double(div)
            for i in 0..<num { v[i] = step == 0 ? Double(i) / Double(div) * delta + start : Double(i) * step + start }
        } else {
            for i in 0..<num { v[i] = Double(i) * delta + start }
        }
        if endpoint && num > 1 { v[num - 1] = stop }
        return Tensor(float64: v, shape: [num])
    }

    /// `np.isnan(a)`: a boolean mask (all `False` for integers and booleans).
    public func isnan() -> Tensor {
        switch storage {
        case .float32(let a): return Tensor(bools: a.map(\.isNaN), shape: shape).withStrides(strides)
        case .float64(let a): return Tensor(bools: a.map(\.isNaN), shape: shape).withStrides(strides)
        default: return Tensor(bools: [Bool](repeating: false, count: count), shape: shape).withStrides(strides)
        }
    }

    /// `np.isinf(a)`: a boolean mask of `inf` and `-inf`.
    public func isinf() -> Tensor {
        switch storage {
        case .float32(let a): return Tensor(bools: a.map(\.isInfinite), shape: shape).withStrides(strides)
        case .float64(let a): return Tensor(bools: a.map(\.isInfinite), shape: shape).withStrides(strides)
        default: return Tensor(bools: [Bool](repeating: false, count: count), shape: shape).withStrides(strides)
        }
    }
}
