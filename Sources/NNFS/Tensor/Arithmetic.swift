/// Element-wise arithmetic with NumPy's broadcasting and dtype promotion.
///
/// Contract: each result element is one IEEE-754 operation in the result dtype
/// (`float32 op float32` is computed in `Float`, never in `Double`), matching NumPy's loops
/// bit for bit. A Swift `Double` or `Int` operand is a Python scalar: it is *weak* (NEP 50),
/// so `float32Tensor * 0.01` stays `float32` (0.01 is first rounded to `Float`).
///
/// Operands are taken `consuming`, so that a temporary (`x * 2` in `x * 2 - 1`) arrives as the
/// last holder of its elements and the result can be computed in them: see
/// ``binaryInPlace(_:_:as:_:_:_:warnAs:)``. A caller's variable is copied in, never changed.
extension Tensor {
    enum ArithmeticOp { case add, subtract, multiply, divide }

    static func arithmetic(_ a: consuming Tensor, _ b: consuming Tensor, _ op: ArithmeticOp) -> Tensor {
        let type = resultType(a, b)
        return arithmetic(consume a, consume b, op, resultType: type)
    }

    static func arithmetic(_ a: consuming Tensor, _ b: consuming Tensor, _ op: ArithmeticOp, resultType: DType) -> Tensor {
        switch op {
        case .add:
            return binary(
                consume a, consume b, as: resultType, AddKernel<Float>.self, AddKernel<Double>.self, WrappingAddKernel.self,
                warnAs: "add")
        case .subtract:
            if resultType == .bool {
                fatalError(
                    "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead."
                )
            }
            return binary(
                consume a, consume b, as: resultType, SubtractKernel<Float>.self, SubtractKernel<Double>.self,
                WrappingSubtractKernel.self, warnAs: "subtract")
        case .multiply:
            return binary(
                consume a, consume b, as: resultType, MultiplyKernel<Float>.self, MultiplyKernel<Double>.self,
                WrappingMultiplyKernel.self, warnAs: "multiply")
        // True division of integers gives float64, as in Python 3 / NumPy (so the integer
        // kernel passed here is never used).
        case .divide:
            return binary(
                consume a, consume b, as: resultType.isFloatingPoint ? resultType : .float64,
                DivideKernel<Float>.self, DivideKernel<Double>.self, WrappingMultiplyKernel.self, warnAs: "divide")
        }
    }

    /// Runs the kernel for `dtype` on both operands converted to it. Integer results wrap like
    /// NumPy's fixed-width integers (`uint8` modulo 256); booleans compute as `int64`.
    static func binary<F: BinaryKernel, D: BinaryKernel, I: BinaryKernel>(
        _ a: consuming Tensor, _ b: consuming Tensor, as dtype: DType, _ f: F.Type, _ d: D.Type, _ i: I.Type,
        warnAs name: String? = nil
    ) -> Tensor
    where
        F.Element == Float, F.Result == Float, D.Element == Double, D.Result == Double,
        I.Element == Int, I.Result == Int
    {
        if let elided = binaryInPlace(&a, &b, as: dtype, F.self, D.self, I.self, warnAs: name) { return elided }
        let t: Tensor
        switch dtype {
        case .float32:
            let x = a.floats, y = b.floats
            if name != nil { RuntimeWarnings.clearFlags() }
            let r = Broadcast.apply(x, a.shape, y, b.shape, F.self)
            if let name { RuntimeWarnings.checkFlags(name, key: "operator") }
            t = Tensor(float32: r.values, shape: r.shape)
        case .float64:
            if name != nil { RuntimeWarnings.clearFlags() }
            let r = widening(a, b, D.self) ?? Broadcast.apply(a.doubles, a.shape, b.doubles, b.shape, D.self)
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

    /// A `float64` operation on a `float32` or integer operand and a `float64` one of the same
    /// shape, or an integer array and a `float64` scalar (dropout: `float32` activations times the
    /// `float64` mask, `int64` draws divided by the keep rate): each element is widened inside
    /// the loop instead of in a separate pass. `Double(x)` is the same exact (or, for integers
    /// beyond 2^53, the same rounded) value either way, so the results are identical to widening
    /// first (`FastPathTests`). `nil` for every other combination.
    static func widening<D: BinaryKernel>(_ a: Tensor, _ b: Tensor, _ d: D.Type) -> (values: [Double], shape: [Int])?
    where D.Element == Double, D.Result == Double {
        guard !a.transposedView && !b.transposedView, a.count > 0 else { return nil }
        @inline(__always) func run<X, Y>(
            _ x: [X], _ y: [Y], _ wx: (X) -> Double, _ wy: (Y) -> Double,
            scalar: Bool
        ) -> [Double] {
            [Double](unsafeUninitializedCapacity: x.count) { out, count in
                x.withUnsafeBufferPointer { px in
                    y.withUnsafeBufferPointer { py in
                        let o = out.baseAddress!, n = px.count
                        if scalar {
                            let v = wy(py[0])
                            for i in 0..<n { (o + i).initialize(to: D.op(wx(px[i]), v)) }
                        } else {
                            for i in 0..<n { (o + i).initialize(to: D.op(wx(px[i]), wy(py[i]))) }
                        }
                    }
                }
                count = x.count
            }
        }
        if a.shape == b.shape {
            switch (a.base, b.base) {
            case (.float32(let x), .float64(let y)): return (run(x, y, { Double($0) }, { $0 }, scalar: false), a.shape)
            case (.float64(let x), .float32(let y)): return (run(x, y, { $0 }, { Double($0) }, scalar: false), a.shape)
            default: return nil
            }
        }
        if b.shape.isEmpty, case .int(let x) = a.base, case .float64(let y) = b.base {
            return (run(x, y, { Double($0) }, { $0 }, scalar: true), a.shape)
        }
        return nil
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

    public static func + (a: consuming Tensor, b: consuming Tensor) -> Tensor { arithmetic(consume a, consume b, .add) }
    public static func - (a: consuming Tensor, b: consuming Tensor) -> Tensor { arithmetic(consume a, consume b, .subtract) }
    public static func * (a: consuming Tensor, b: consuming Tensor) -> Tensor { arithmetic(consume a, consume b, .multiply) }
    public static func / (a: consuming Tensor, b: consuming Tensor) -> Tensor { arithmetic(consume a, consume b, .divide) }

    public static func + (a: consuming Tensor, b: Double) -> Tensor { arithmetic(consume a, Tensor(weak: b), .add) }
    public static func - (a: consuming Tensor, b: Double) -> Tensor { arithmetic(consume a, Tensor(weak: b), .subtract) }
    public static func * (a: consuming Tensor, b: Double) -> Tensor { arithmetic(consume a, Tensor(weak: b), .multiply) }
    public static func / (a: consuming Tensor, b: Double) -> Tensor { arithmetic(consume a, Tensor(weak: b), .divide) }
    public static func + (a: Double, b: consuming Tensor) -> Tensor { arithmetic(Tensor(weak: a), consume b, .add) }
    public static func - (a: Double, b: consuming Tensor) -> Tensor { arithmetic(Tensor(weak: a), consume b, .subtract) }
    public static func * (a: Double, b: consuming Tensor) -> Tensor { arithmetic(Tensor(weak: a), consume b, .multiply) }
    public static func / (a: Double, b: consuming Tensor) -> Tensor { arithmetic(Tensor(weak: a), consume b, .divide) }

    public static func + (a: consuming Tensor, b: Int) -> Tensor { arithmetic(consume a, Tensor(weak: b), .add) }
    public static func - (a: consuming Tensor, b: Int) -> Tensor { arithmetic(consume a, Tensor(weak: b), .subtract) }
    public static func * (a: consuming Tensor, b: Int) -> Tensor { arithmetic(consume a, Tensor(weak: b), .multiply) }
    public static func / (a: consuming Tensor, b: Int) -> Tensor { arithmetic(consume a, Tensor(weak: b), .divide) }
    public static func + (a: Int, b: consuming Tensor) -> Tensor { arithmetic(Tensor(weak: a), consume b, .add) }
    public static func - (a: Int, b: consuming Tensor) -> Tensor { arithmetic(Tensor(weak: a), consume b, .subtract) }
    public static func * (a: Int, b: consuming Tensor) -> Tensor { arithmetic(Tensor(weak: a), consume b, .multiply) }
    public static func / (a: Int, b: consuming Tensor) -> Tensor { arithmetic(Tensor(weak: a), consume b, .divide) }

    /// `-a`.
    public static prefix func - (a: Tensor) -> Tensor {
        switch a.storage {
        case .float32(let v): return Tensor(float32: v.map { -$0 }, shape: a.shape).withStrides(a.strides)
        case .float64(let v): return Tensor(float64: v.map { -$0 }, shape: a.shape).withStrides(a.strides)
        case .int(let v):
            return Tensor(ints: v.map { a.dtype == .uint8 ? (0 &- $0) & 0xFF : 0 &- $0 }, shape: a.shape, dtype: a.dtype).withStrides(
                a.strides)
        case .bool:
            fatalError(
                "The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead.")
        }
    }

    // In-place forms keep the left operand's dtype, as NumPy's `a += b` does (the operation is
    // done in the promoted dtype and the result cast back, `casting='same_kind'`). The old value
    // is handed to the operation, so when nothing else shares its elements the result is
    // computed in them, as NumPy's `a += b` is.

    public static func += (a: inout Tensor, b: consuming Tensor) { a.update(.add, consume b) }
    public static func -= (a: inout Tensor, b: consuming Tensor) { a.update(.subtract, consume b) }
    public static func *= (a: inout Tensor, b: consuming Tensor) { a.update(.multiply, consume b) }
    public static func /= (a: inout Tensor, b: consuming Tensor) { a.update(.divide, consume b) }
    public static func += (a: inout Tensor, b: Double) { a.update(.add, Tensor(weak: b)) }
    public static func -= (a: inout Tensor, b: Double) { a.update(.subtract, Tensor(weak: b)) }
    public static func *= (a: inout Tensor, b: Double) { a.update(.multiply, Tensor(weak: b)) }
    public static func /= (a: inout Tensor, b: Double) { a.update(.divide, Tensor(weak: b)) }
    public static func += (a: inout Tensor, b: Int) { a.update(.add, Tensor(weak: b)) }
    public static func -= (a: inout Tensor, b: Int) { a.update(.subtract, Tensor(weak: b)) }
    public static func *= (a: inout Tensor, b: Int) { a.update(.multiply, Tensor(weak: b)) }
    public static func /= (a: inout Tensor, b: Int) { a.update(.divide, Tensor(weak: b)) }

    /// `self = self op b`, keeping this tensor's shape (a result that broadcasts to a larger one is
    /// NumPy's error) and dtype.
    mutating func update(_ op: ArithmeticOp, _ b: consuming Tensor) {
        let (shape, dtype) = (self.shape, self.dtype)
        let result = Tensor.arithmetic(consume self, consume b, op)
        if result.shape != shape {
            fatalError(
                "non-broadcastable output operand with shape \(pyShape(shape)) doesn't match the broadcast shape \(pyShape(result.shape))")
        }
        self = result.astype(dtype)
    }
}

// MARK: Temporary elision

extension Tensor {
    /// NumPy's temporary elision: the result of `a op b` computed in the element buffer of an
    /// operand that no one else can see, instead of a new one. In `(np.random.rand(m, n) * 2 - 1)`
    /// both operators then write into `rand`'s array, and the expression's peak memory is one
    /// array, as NumPy's is (it elides an operand whose reference count is 1).
    ///
    /// An operand is written into only when:
    /// - it is the only holder of its elements (checked with ``Swift/Array/hasUniqueBuffer()``):
    ///   the caller handed over a temporary, or a variable with `consume`. A variable still in
    ///   use is a second holder, so `let b = a * 2` never changes `a`;
    /// - it has the result's dtype and shape (the other operand may broadcast to it, it may not),
    ///   is not a transposed view (whose stored order is not the result's), and the shapes take one
    ///   of ``Broadcast/fastPath(_:_:_:_:_:_:)``'s loops;
    /// - the other operand has the result's dtype already or is smaller than the result (a scalar,
    ///   a row): converting a same-size operand would allocate what elision saves.
    ///
    /// Why the result cannot differ: every element is the same `op` on the same two values in
    /// the same order as in the allocating loop, between the same flag clearing and checking (so
    /// the same warnings), and the result gets the same dtype, shape and strides
    /// (`TemporaryElisionTests`). The uniqueness check only decides speed: the write goes through
    /// `Array`'s own copy-on-write, which copies a shared buffer before anything changes it.
    ///
    /// Returns `nil`, both operands untouched, when no operand qualifies.
    static func binaryInPlace<F: BinaryKernel, D: BinaryKernel, I: BinaryKernel>(
        _ a: inout Tensor, _ b: inout Tensor, as dtype: DType, _ f: F.Type, _ d: D.Type, _ i: I.Type, warnAs name: String?
    ) -> Tensor?
    where
        F.Element == Float, F.Result == Float, D.Element == Double, D.Result == Double,
        I.Element == Int, I.Result == Int
    {
        guard let (path, left, right) = elisionCandidates(a, b, dtype) else { return nil }
        let shape = left ? a.shape : b.shape
        let result =
            (left ? compute(into: &a, isLeft: true, b, path, dtype, F.self, D.self, I.self, warnAs: name) : nil)
            ?? (right ? compute(into: &b, isLeft: false, a, path, dtype, F.self, D.self, I.self, warnAs: name) : nil)
        guard let result else { return nil }
        return a.strides == nil && b.strides == nil ? result : result.withStrides(resultStrides(shape, a, b))
    }

    /// The loop for `a op b`, and which operands `binaryInPlace` may write into by everything but
    /// uniqueness; `nil` if neither.
    static func elisionCandidates(_ a: Tensor, _ b: Tensor, _ dtype: DType) -> (path: Broadcast.FastPath, left: Bool, right: Bool)? {
        guard dtype != .bool else { return nil }
        let shape = a.shape == b.shape ? a.shape : Broadcast.shape(a.shape, b.shape)
        let n = shape.reduce(1, *)
        guard n > 0, let path = Broadcast.fastPath(a.shape, a.count, b.shape, b.count, shape, n) else { return nil }
        func fits(_ t: Tensor, spansResult: Bool, other: Tensor) -> Bool {
            spansResult && t.dtype == dtype && t.shape == shape && !t.transposedView
                && (other.dtype == dtype || other.count < n)
        }
        let left = fits(a, spansResult: path.mode.leftIsFull, other: b)
        let right = fits(b, spansResult: path.mode.rightIsFull, other: a)
        return left || right ? (path, left, right) : nil
    }

    /// `target op other` (`other op target` unless `isLeft`) in `target`'s elements, or `nil`,
    /// `target` untouched, if they are shared. `target` has `dtype`.
    static func compute<F: BinaryKernel, D: BinaryKernel, I: BinaryKernel>(
        into target: inout Tensor, isLeft: Bool, _ other: Tensor, _ path: Broadcast.FastPath, _ dtype: DType,
        _ f: F.Type, _ d: D.Type, _ i: I.Type, warnAs name: String?
    ) -> Tensor?
    where
        F.Element == Float, F.Result == Float, D.Element == Double, D.Result == Double,
        I.Element == Int, I.Result == Int
    {
        let shape = target.shape
        switch dtype {
        case .float32:
            guard var x = target.takeUniqueElements({ if case .float32(let v) = $0 { v } else { nil } }, Storage.float32)
            else { return nil }
            let y = other.floats
            if name != nil { RuntimeWarnings.clearFlags() }
            Broadcast.applyInPlace(&x, targetIsLeft: isLeft, y, path, F.self)
            if let name { RuntimeWarnings.checkFlags(name, key: "operator") }
            return Tensor(float32: x, shape: shape)
        case .float64:
            guard var x = target.takeUniqueElements({ if case .float64(let v) = $0 { v } else { nil } }, Storage.float64)
            else { return nil }
            if name != nil { RuntimeWarnings.clearFlags() }
            Broadcast.applyInPlace(&x, targetIsLeft: isLeft, other.doubles, path, D.self)
            if let name { RuntimeWarnings.checkFlags(name, key: "operator") }
            return Tensor(float64: x, shape: shape)
        case .int64, .uint8:
            guard var x = target.takeUniqueElements({ if case .int(let v) = $0 { v } else { nil } }, Storage.int)
            else { return nil }
            Broadcast.applyInPlace(&x, targetIsLeft: isLeft, other.ints, path, I.self)
            if dtype == .uint8 { x.withUnsafeMutableBufferPointer { for k in $0.indices { $0[k] &= 0xFF } } }
            return Tensor(ints: x, shape: shape, dtype: dtype)
        case .bool:
            return nil
        }
    }

    /// The element array moved out of this tensor when the tensor is its only holder (so writing
    /// to it copies nothing); the tensor is then left without elements and must not be used.
    /// `nil`, the tensor untouched, when the array is shared or `payload` does not match.
    mutating func takeUniqueElements<T>(_ payload: (Storage) -> [T]?, _ wrap: ([T]) -> Storage) -> [T]? {
        guard var values = payload(base) else { return nil }
        base = .bool([])  // the tensor's own reference goes, leaving `values` alone if nothing else holds it
        guard values.hasUniqueBuffer() else {
            base = wrap(values)
            return nil
        }
        return values
    }
}

extension Array {
    /// Whether this array value is the only reference to its element buffer, so that writing
    /// through it will not copy.
    ///
    /// `Array` has no public query for this. Where there is no Objective-C bridging, an array
    /// value is one strong reference to its native buffer object, and `isKnownUniquelyReferenced`
    /// reads that object's reference count in place through the same bits typed as
    /// ``NativeBufferReference`` (the check reads nothing but the count, which every native
    /// object keeps alike). Elsewhere the answer is `false`. A wrong answer could only cost speed:
    /// writes still go through `Array`'s copy-on-write.
    mutating func hasUniqueBuffer() -> Bool {
        #if _runtime(_ObjC)
            return false
        #else
            guard !isEmpty, MemoryLayout<Self>.size == MemoryLayout<NativeBufferReference>.size else { return false }
            return withUnsafeMutablePointer(to: &self) { array in
                array.withMemoryRebound(to: NativeBufferReference.self, capacity: 1) { isKnownUniquelyReferenced(&$0.pointee) }
            }
        #endif
    }
}

/// The static type under which ``Swift/Array/hasUniqueBuffer()`` checks an array's buffer
/// reference. A concrete native class, not `AnyObject`: through an `AnyObject` existential the
/// check answers `false` for a unique object in unoptimised Swift 6 builds.
final class NativeBufferReference {}
