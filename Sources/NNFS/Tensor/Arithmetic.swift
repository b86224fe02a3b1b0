/// Element-wise arithmetic with NumPy's broadcasting and dtype promotion.
///
/// Contract: each result element is one IEEE-754 operation in the result dtype
/// (`float32 op float32` is computed in `Float`, never in `Double`), matching NumPy's loops
/// bit for bit. A Swift `Double` or `Int` operand is a Python scalar: it is *weak* (NEP 50),
/// so `float32Tensor * 0.01` stays `float32` (0.01 is first rounded to `Float`).
extension Tensor {
    enum ArithmeticOp { case add, subtract, multiply, divide }

    static func arithmetic(_ a: Tensor, _ b: Tensor, _ op: ArithmeticOp, resultType: DType) -> Tensor {
        switch op {
        case .add: return binary(a, b, as: resultType, AddKernel<Float>.self, AddKernel<Double>.self, WrappingAddKernel.self, warnAs: "add")
        case .subtract:
            if resultType == .bool {
                fatalError("numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.")
            }
            return binary(a, b, as: resultType, SubtractKernel<Float>.self, SubtractKernel<Double>.self, WrappingSubtractKernel.self, warnAs: "subtract")
        case .multiply: return binary(a, b, as: resultType, MultiplyKernel<Float>.self, MultiplyKernel<Double>.self, WrappingMultiplyKernel.self, warnAs: "multiply")
        // True division of integers gives float64, as in Python 3 / NumPy.
        case .divide:
            return binary(a, b, as: resultType.isFloatingPoint ? resultType : .float64,
                          DivideKernel<Float>.self, DivideKernel<Double>.self, WrappingMultiplyKernel.self /* never used */, warnAs: "divide")
        }
    }

    /// Runs the kernel for `dtype` on both operands converted to it. Integer results wrap like
    /// NumPy's fixed-width integers (`uint8` modulo 256); booleans compute as `int64`.
    static func binary<F: BinaryKernel, D: BinaryKernel, I: BinaryKernel>(
        _ a: Tensor, _ b: Tensor, as dtype: DType, _ f: F.Type, _ d: D.Type, _ i: I.Type, warnAs name: String? = nil) -> Tensor
        where F.Element == Float, F.Result == Float, D.Element == Double, D.Result == Double,
              I.Element == Int, I.Result == Int {
        let t: Tensor
        switch dtype {
        case .float32:
            let x = a.floats, y = b.floats
            if name != nil { RuntimeWarnings.clearFlags() }
            let r = Broadcast.apply(x, a.shape, y, b.shape, F.self)
            if let name { RuntimeWarnings.checkFlags(name, key: "operator") }
            t = Tensor(float32: r.values, shape: r.shape)
        case .float64:
            let x = a.doubles, y = b.doubles
            if name != nil { RuntimeWarnings.clearFlags() }
            let r = Broadcast.apply(x, a.shape, y, b.shape, D.self)
            if let name { RuntimeWarnings.checkFlags(name, key: "operator") }
            t = Tensor(float64: r.values, shape: r.shape)
        case .int64, .uint8:
            let r = Broadcast.apply(a.ints, a.shape, b.ints, b.shape, I.self)
            let values = dtype == .uint8 ? r.values.map { $0 & 0xFF } : r.values
            t = Tensor(ints: values, shape: r.shape, dtype: dtype)
        case .bool:
            // NumPy's boolean loops: `+` and `maximum` are OR, `*` and `minimum` are AND, which is
            // the integer result tested for non-zero.
            let r = Broadcast.apply(a.ints, a.shape, b.ints, b.shape, I.self)
            t = Tensor(bools: r.values.map { $0 != 0 }, shape: r.shape)
        }
        if a.strides == nil && b.strides == nil { return t }
        return t.withStrides(resultStrides(t.shape, a, b))
    }

    /// The promoted dtype of `a op b`, treating a weak (Python-scalar) operand as NEP 50 does.
    static func resultType(_ a: Tensor, _ b: Tensor) -> DType {
        switch (a.isWeakScalar, b.isWeakScalar) {
        case (false, false), (true, true): return DType.promote(a.dtype, b.dtype)
        case (true, false): return weakPromote(array: b.dtype, scalar: a.dtype)
        case (false, true): return weakPromote(array: a.dtype, scalar: b.dtype)
        }
    }

    static func weakPromote(array: DType, scalar: DType) -> DType {
        scalar.isFloatingPoint ? DType.promote(array, weakFloat: ()) : DType.promote(array, weakInt: ())
    }

    public static func + (a: Tensor, b: Tensor) -> Tensor { arithmetic(a, b, .add, resultType: resultType(a, b)) }
    public static func - (a: Tensor, b: Tensor) -> Tensor { arithmetic(a, b, .subtract, resultType: resultType(a, b)) }
    public static func * (a: Tensor, b: Tensor) -> Tensor { arithmetic(a, b, .multiply, resultType: resultType(a, b)) }
    public static func / (a: Tensor, b: Tensor) -> Tensor { arithmetic(a, b, .divide, resultType: resultType(a, b)) }

    public static func + (a: Tensor, b: Double) -> Tensor { a + Tensor(weak: b) }
    public static func - (a: Tensor, b: Double) -> Tensor { a - Tensor(weak: b) }
    public static func * (a: Tensor, b: Double) -> Tensor { a * Tensor(weak: b) }
    public static func / (a: Tensor, b: Double) -> Tensor { a / Tensor(weak: b) }
    public static func + (a: Double, b: Tensor) -> Tensor { Tensor(weak: a) + b }
    public static func - (a: Double, b: Tensor) -> Tensor { Tensor(weak: a) - b }
    public static func * (a: Double, b: Tensor) -> Tensor { Tensor(weak: a) * b }
    public static func / (a: Double, b: Tensor) -> Tensor { Tensor(weak: a) / b }

    public static func + (a: Tensor, b: Int) -> Tensor { a + Tensor(weak: b) }
    public static func - (a: Tensor, b: Int) -> Tensor { a - Tensor(weak: b) }
    public static func * (a: Tensor, b: Int) -> Tensor { a * Tensor(weak: b) }
    public static func / (a: Tensor, b: Int) -> Tensor { a / Tensor(weak: b) }
    public static func + (a: Int, b: Tensor) -> Tensor { Tensor(weak: a) + b }
    public static func - (a: Int, b: Tensor) -> Tensor { Tensor(weak: a) - b }
    public static func * (a: Int, b: Tensor) -> Tensor { Tensor(weak: a) * b }
    public static func / (a: Int, b: Tensor) -> Tensor { Tensor(weak: a) / b }

    /// `-a`.
    public static prefix func - (a: Tensor) -> Tensor {
        switch a.storage {
        case .float32(let v): return Tensor(float32: v.map { -$0 }, shape: a.shape).withStrides(a.strides)
        case .float64(let v): return Tensor(float64: v.map { -$0 }, shape: a.shape).withStrides(a.strides)
        case .int(let v): return Tensor(ints: v.map { a.dtype == .uint8 ? (0 &- $0) & 0xFF : 0 &- $0 }, shape: a.shape, dtype: a.dtype).withStrides(a.strides)
        case .bool: fatalError("The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead.")
        }
    }

    // In-place forms keep the left operand's dtype, as NumPy's `a += b` does (the operation is
    // done in the promoted dtype and the result cast back, `casting='same_kind'`).

    public static func += (a: inout Tensor, b: Tensor) { a.assignInPlace(a + b) }
    public static func -= (a: inout Tensor, b: Tensor) { a.assignInPlace(a - b) }
    public static func *= (a: inout Tensor, b: Tensor) { a.assignInPlace(a * b) }
    public static func /= (a: inout Tensor, b: Tensor) { a.assignInPlace(a / b) }
    public static func += (a: inout Tensor, b: Double) { a.assignInPlace(a + b) }
    public static func -= (a: inout Tensor, b: Double) { a.assignInPlace(a - b) }
    public static func *= (a: inout Tensor, b: Double) { a.assignInPlace(a * b) }
    public static func /= (a: inout Tensor, b: Double) { a.assignInPlace(a / b) }
    public static func += (a: inout Tensor, b: Int) { a.assignInPlace(a + b) }
    public static func -= (a: inout Tensor, b: Int) { a.assignInPlace(a - b) }
    public static func *= (a: inout Tensor, b: Int) { a.assignInPlace(a * b) }
    public static func /= (a: inout Tensor, b: Int) { a.assignInPlace(a / b) }

    mutating func assignInPlace(_ result: Tensor) {
        if result.shape != shape {
            fatalError("non-broadcastable output operand with shape \(pyShape(shape)) doesn't match the broadcast shape \(pyShape(result.shape))")
        }
        self = result.astype(dtype)
    }
}
