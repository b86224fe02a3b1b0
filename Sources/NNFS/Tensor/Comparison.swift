/// Element-wise comparisons give boolean masks. They are spelled with Swift's pointwise
/// operators (`.<`, `.<=`, `.==`, ...), as for SIMD vectors, because `==` on tensors compares
/// whole tensors (`Equatable`): NumPy's `predictions == y` is `predictions .== y` here.
extension Tensor {
    static func compare(_ a: Tensor, _ b: Tensor, _ op: (Double, Double) -> Bool) -> Tensor {
        // Comparing in Double is exact for every dtype the book uses (float32, float64, ints < 2^53).
        let r = Broadcast.apply(a.doubles, a.shape, b.doubles, b.shape, op)
        return Tensor(bools: r.values, shape: r.shape)
    }

    public static func .< (a: Tensor, b: Tensor) -> Tensor { compare(a, b, <) }
    public static func .<= (a: Tensor, b: Tensor) -> Tensor { compare(a, b, <=) }
    public static func .> (a: Tensor, b: Tensor) -> Tensor { compare(a, b, >) }
    public static func .>= (a: Tensor, b: Tensor) -> Tensor { compare(a, b, >=) }
    public static func .== (a: Tensor, b: Tensor) -> Tensor { compare(a, b, ==) }
    public static func .!= (a: Tensor, b: Tensor) -> Tensor { compare(a, b, !=) }

    // Python-scalar right-hand sides compare against the scalar as given (Python/NumPy compare
    // `float32 <= 0.1` against the float32-rounded 0.1 under NEP 50).
    public static func .< (a: Tensor, b: Double) -> Tensor { compare(a, Tensor(weak: b).weakCast(to: a.dtype), <) }
    public static func .<= (a: Tensor, b: Double) -> Tensor { compare(a, Tensor(weak: b).weakCast(to: a.dtype), <=) }
    public static func .> (a: Tensor, b: Double) -> Tensor { compare(a, Tensor(weak: b).weakCast(to: a.dtype), >) }
    public static func .>= (a: Tensor, b: Double) -> Tensor { compare(a, Tensor(weak: b).weakCast(to: a.dtype), >=) }
    public static func .== (a: Tensor, b: Double) -> Tensor { compare(a, Tensor(weak: b).weakCast(to: a.dtype), ==) }
    public static func .!= (a: Tensor, b: Double) -> Tensor { compare(a, Tensor(weak: b).weakCast(to: a.dtype), !=) }

    public static func .< (a: Tensor, b: Int) -> Tensor { compare(a, Tensor(weak: b), <) }
    public static func .<= (a: Tensor, b: Int) -> Tensor { compare(a, Tensor(weak: b), <=) }
    public static func .> (a: Tensor, b: Int) -> Tensor { compare(a, Tensor(weak: b), >) }
    public static func .>= (a: Tensor, b: Int) -> Tensor { compare(a, Tensor(weak: b), >=) }
    public static func .== (a: Tensor, b: Int) -> Tensor { compare(a, Tensor(weak: b), ==) }
    public static func .!= (a: Tensor, b: Int) -> Tensor { compare(a, Tensor(weak: b), !=) }

    /// A weak float scalar as it takes part in an operation with an array of `dtype`.
    func weakCast(to dtype: DType) -> Tensor { dtype == .float32 ? astype(.float32) : self }

    /// `~mask` / `np.logical_not`.
    public static prefix func .! (a: Tensor) -> Tensor { Tensor(bools: a.bools.map { !$0 }, shape: a.shape) }
    /// `mask1 & mask2`.
    public static func .& (a: Tensor, b: Tensor) -> Tensor {
        let r = Broadcast.apply(a.bools, a.shape, b.bools, b.shape) { $0 && $1 }
        return Tensor(bools: r.values, shape: r.shape)
    }
    /// `mask1 | mask2`.
    public static func .| (a: Tensor, b: Tensor) -> Tensor {
        let r = Broadcast.apply(a.bools, a.shape, b.bools, b.shape) { $0 || $1 }
        return Tensor(bools: r.values, shape: r.shape)
    }
}

extension Tensor: Equatable {
    /// Whole-tensor equality: same shape, same dtype and equal elements (NaN != NaN).
    /// (NumPy's element-wise `==` is ``.==(_:_:)``.)
    public static func == (a: Tensor, b: Tensor) -> Bool {
        guard a.shape == b.shape && a.dtype == b.dtype else { return false }
        switch (a.storage, b.storage) {
        case (.float32(let x), .float32(let y)): return x == y
        case (.float64(let x), .float64(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.bool(let x), .bool(let y)): return x == y
        default: return false
        }
    }
}

extension Tensor: Comparable {
    /// Orders one-element tensors by value (`if loss < lowestLoss` with scalar losses).
    public static func < (a: Tensor, b: Tensor) -> Bool { a.item < b.item }
}
