/// Element-wise comparisons give boolean masks. They are spelled with Swift's pointwise
/// operators (`.<`, `.<=`, `.==`, ...), as for SIMD vectors, because `==` on tensors compares
/// whole tensors (`Equatable`): NumPy's `predictions == y` is `predictions .== y` here.
extension Tensor {
    static func compare<F: BinaryKernel, D: BinaryKernel, I: BinaryKernel>(
        _ a: Tensor, _ b: Tensor, _ f: F.Type, _ d: D.Type, _ i: I.Type) -> Tensor
        where F.Element == Float, F.Result == Bool, D.Element == Double, D.Result == Bool, I.Element == Int, I.Result == Bool {
        let r: (values: [Bool], shape: [Int])
        switch (a.storage, b.storage) {
        case (.float32(let x), .float32(let y)): r = Broadcast.apply(x, a.shape, y, b.shape, F.self)
        case (.int(let x), .int(let y)): r = Broadcast.apply(x, a.shape, y, b.shape, I.self)
        // Comparing in Double is exact for every mix of the book's dtypes (ints < 2^53).
        default: r = Broadcast.apply(a.doubles, a.shape, b.doubles, b.shape, D.self)
        }
        return Tensor(bools: r.values, shape: r.shape).withStrides(resultStrides(r.shape, a, b))
    }

    static func compare(_ a: Tensor, _ b: Tensor, _ op: ComparisonOp) -> Tensor {
        switch op {
        case .lt: return compare(a, b, LessKernel<Float>.self, LessKernel<Double>.self, LessKernel<Int>.self)
        case .le: return compare(a, b, LessEqualKernel<Float>.self, LessEqualKernel<Double>.self, LessEqualKernel<Int>.self)
        case .gt: return compare(a, b, GreaterKernel<Float>.self, GreaterKernel<Double>.self, GreaterKernel<Int>.self)
        case .ge: return compare(a, b, GreaterEqualKernel<Float>.self, GreaterEqualKernel<Double>.self, GreaterEqualKernel<Int>.self)
        case .eq: return compare(a, b, EqualKernel<Float>.self, EqualKernel<Double>.self, EqualKernel<Int>.self)
        case .ne: return compare(a, b, NotEqualKernel<Float>.self, NotEqualKernel<Double>.self, NotEqualKernel<Int>.self)
        }
    }

    enum ComparisonOp { case lt, le, gt, ge, eq, ne }

    public static func .< (a: Tensor, b: Tensor) -> Tensor { compare(a, b, .lt) }
    public static func .<= (a: Tensor, b: Tensor) -> Tensor { compare(a, b, .le) }
    public static func .> (a: Tensor, b: Tensor) -> Tensor { compare(a, b, .gt) }
    public static func .>= (a: Tensor, b: Tensor) -> Tensor { compare(a, b, .ge) }
    public static func .== (a: Tensor, b: Tensor) -> Tensor { compare(a, b, .eq) }
    public static func .!= (a: Tensor, b: Tensor) -> Tensor { compare(a, b, .ne) }

    // Python-scalar right-hand sides compare against the scalar as given (Python/NumPy compare
    // `float32 <= 0.1` against the float32-rounded 0.1 under NEP 50).
    public static func .< (a: Tensor, b: Double) -> Tensor { compare(a, Tensor(weak: b).weakCast(to: a.dtype), .lt) }
    public static func .<= (a: Tensor, b: Double) -> Tensor { compare(a, Tensor(weak: b).weakCast(to: a.dtype), .le) }
    public static func .> (a: Tensor, b: Double) -> Tensor { compare(a, Tensor(weak: b).weakCast(to: a.dtype), .gt) }
    public static func .>= (a: Tensor, b: Double) -> Tensor { compare(a, Tensor(weak: b).weakCast(to: a.dtype), .ge) }
    public static func .== (a: Tensor, b: Double) -> Tensor { compare(a, Tensor(weak: b).weakCast(to: a.dtype), .eq) }
    public static func .!= (a: Tensor, b: Double) -> Tensor { compare(a, Tensor(weak: b).weakCast(to: a.dtype), .ne) }

    public static func .< (a: Tensor, b: Int) -> Tensor { compare(a, Tensor(weak: b).weakCast(to: a.dtype), .lt) }
    public static func .<= (a: Tensor, b: Int) -> Tensor { compare(a, Tensor(weak: b).weakCast(to: a.dtype), .le) }
    public static func .> (a: Tensor, b: Int) -> Tensor { compare(a, Tensor(weak: b).weakCast(to: a.dtype), .gt) }
    public static func .>= (a: Tensor, b: Int) -> Tensor { compare(a, Tensor(weak: b).weakCast(to: a.dtype), .ge) }
    public static func .== (a: Tensor, b: Int) -> Tensor { compare(a, Tensor(weak: b).weakCast(to: a.dtype), .eq) }
    public static func .!= (a: Tensor, b: Int) -> Tensor { compare(a, Tensor(weak: b).weakCast(to: a.dtype), .ne) }

    /// A weak float scalar as it takes part in an operation with an array of `dtype`.
    func weakCast(to dtype: DType) -> Tensor { dtype == .float32 ? astype(.float32) : self }

    /// `~mask` / `np.logical_not`.
    public static prefix func .! (a: Tensor) -> Tensor { Tensor(bools: a.bools.map { !$0 }, shape: a.shape) }
    /// `mask1 & mask2`.
    public static func .& (a: Tensor, b: Tensor) -> Tensor {
        let r = Broadcast.apply(a.bools, a.shape, b.bools, b.shape, AndKernel.self)
        return Tensor(bools: r.values, shape: r.shape)
    }
    /// `mask1 | mask2`.
    public static func .| (a: Tensor, b: Tensor) -> Tensor {
        let r = Broadcast.apply(a.bools, a.shape, b.bools, b.shape, OrKernel.self)
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
