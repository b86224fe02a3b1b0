/// NumPy broadcasting: shapes are aligned at their last axis; an axis of extent 1 (or a missing
/// leading axis) stretches to match the other operand.
enum Broadcast {
    /// The broadcast shape of two shapes, or a NumPy-worded fatal error.
    static func shape(_ a: [Int], _ b: [Int]) -> [Int] {
        if a == b { return a }
        let rank = max(a.count, b.count)
        var out = [Int](repeating: 1, count: rank)
        for i in 0..<rank {
            let da = i < rank - a.count ? 1 : a[i - (rank - a.count)]
            let db = i < rank - b.count ? 1 : b[i - (rank - b.count)]
            if da == db || db == 1 {
                out[i] = da
            } else if da == 1 {
                out[i] = db
            } else {
                fatalError("operands could not be broadcast together with shapes \(pyShape(a)) \(pyShape(b))")
            }
        }
        return out
    }

    /// How the two operands of a fast-path loop line up (`rows` x `cols` output).
    enum MatrixBroadcast {
        case same, fullByScalar, scalarByFull, fullByRow, fullByColumn, rowByFull, columnByFull

        /// Whether the left operand spans the whole output (it is not stretched).
        var leftIsFull: Bool {
            switch self {
            case .same, .fullByScalar, .fullByRow, .fullByColumn: return true
            case .scalarByFull, .rowByFull, .columnByFull: return false
            }
        }

        /// Whether the right operand spans the whole output.
        var rightIsFull: Bool { self == .same || !leftIsFull }

        /// The mode with the operands exchanged (`scalarByFull` is `fullByScalar` seen from the right).
        var mirrored: MatrixBroadcast {
            switch self {
            case .same: return .same
            case .fullByScalar: return .scalarByFull
            case .scalarByFull: return .fullByScalar
            case .fullByRow: return .rowByFull
            case .rowByFull: return .fullByRow
            case .fullByColumn: return .columnByFull
            case .columnByFull: return .fullByColumn
            }
        }
    }

    /// A fast-path loop and the `rows` x `cols` output it covers.
    struct FastPath {
        let mode: MatrixBroadcast
        let rows: Int
        let cols: Int
    }

    /// The fast path for operands of these shapes and element counts under broadcasting to
    /// `outShape` (`n` elements): equal shapes, a one-element operand, or a row `(n,)`/`(1, n)` or
    /// a column `(m, 1)` against an `(m, n)` matrix (bias rows, keepdims sums). `nil` when the
    /// general loop must run.
    static func fastPath(_ aShape: [Int], _ aCount: Int, _ bShape: [Int], _ bCount: Int, _ outShape: [Int], _ n: Int) -> FastPath? {
        if aShape == bShape { return FastPath(mode: .same, rows: 1, cols: n) }
        if bCount == 1 && n == aCount { return FastPath(mode: .fullByScalar, rows: 1, cols: n) }
        if aCount == 1 && n == bCount { return FastPath(mode: .scalarByFull, rows: 1, cols: n) }
        guard outShape.count == 2 else { return nil }
        // (m, n) against a row (n,) / (1, n) or a column (m, 1), either side.
        let (rows, cols) = (outShape[0], outShape[1])
        let aFull = aCount == n, bFull = bCount == n
        let bRow = !bFull && bCount == cols && (bShape.count == 1 || bShape[0] == 1)
        let bCol = !bFull && bCount == rows && bShape.count == 2 && bShape[1] == 1
        let aRow = !aFull && aCount == cols && (aShape.count == 1 || aShape[0] == 1)
        let aCol = !aFull && aCount == rows && aShape.count == 2 && aShape[1] == 1
        let mode: MatrixBroadcast
        if aFull && bRow {
            mode = .fullByRow
        } else if aFull && bCol {
            mode = .fullByColumn
        } else if bFull && aRow {
            mode = .rowByFull
        } else if bFull && aCol {
            mode = .columnByFull
        } else {
            return nil
        }
        return FastPath(mode: mode, rows: rows, cols: cols)
    }

    /// The `(m, n)`-against-row/column loops. A function of its own so that every bound is a
    /// parameter (not a captured variable the compiler must reload after each store), which lets
    /// the inner loops vectorise.
    @inline(never)
    static func matrixLoop<K: BinaryKernel>(
        _ o: UnsafeMutablePointer<K.Result>, _ x: UnsafePointer<K.Element>,
        _ y: UnsafePointer<K.Element>, rows: Int, cols: Int,
        _ mode: MatrixBroadcast, _ kernel: K.Type
    ) {
        // Row pointers are advanced outside the inner loops, which then carry no overflow-checked
        // index arithmetic (a trap path would stop vectorisation).
        switch mode {
        case .same:
            for i in 0..<rows &* cols { (o + i).initialize(to: K.op(x[i], y[i])) }
        case .fullByScalar:
            let v = y[0]
            for i in 0..<rows &* cols { (o + i).initialize(to: K.op(x[i], v)) }
        case .scalarByFull:
            let v = x[0]
            for i in 0..<rows &* cols { (o + i).initialize(to: K.op(v, y[i])) }
        case .fullByRow:
            for i in 0..<rows {
                let orow = o + i &* cols, xrow = x + i &* cols
                for j in 0..<cols { (orow + j).initialize(to: K.op(xrow[j], y[j])) }
            }
        case .fullByColumn:
            for i in 0..<rows {
                let orow = o + i &* cols, xrow = x + i &* cols, v = y[i]
                for j in 0..<cols { (orow + j).initialize(to: K.op(xrow[j], v)) }
            }
        case .rowByFull:
            for i in 0..<rows {
                let orow = o + i &* cols, yrow = y + i &* cols
                for j in 0..<cols { (orow + j).initialize(to: K.op(x[j], yrow[j])) }
            }
        case .columnByFull:
            for i in 0..<rows {
                let orow = o + i &* cols, yrow = y + i &* cols, v = x[i]
                for j in 0..<cols { (orow + j).initialize(to: K.op(v, yrow[j])) }
            }
        }
    }

    /// ``apply(_:_:_:_:_:)`` on a fast `path`, with the result written over `target`, the operand
    /// (the left one when `targetIsLeft`) that spans the whole result; `other` is the second operand.
    /// Each element is the same `K.op` on the same two values, in the same order, as `apply` does.
    static func applyInPlace<K: BinaryKernel>(
        _ target: inout [K.Element], targetIsLeft: Bool, _ other: [K.Element], _ path: FastPath, _ kernel: K.Type
    ) where K.Result == K.Element {
        precondition(targetIsLeft ? path.mode.leftIsFull : path.mode.rightIsFull, "the target must span the result")
        target.withUnsafeMutableBufferPointer { t in
            other.withUnsafeBufferPointer { o in
                let (t, o) = (t.baseAddress!, o.baseAddress!)
                if targetIsLeft {
                    matrixLoopInPlace(t, o, rows: path.rows, cols: path.cols, path.mode, K.self)
                } else {
                    matrixLoopInPlace(t, o, rows: path.rows, cols: path.cols, path.mode.mirrored, SwappedKernel<K>.self)
                }
            }
        }
    }

    /// ``matrixLoop(_:_:_:rows:cols:_:_:)`` for a mode whose left operand spans the output,
    /// writing over that operand `t`. One pointer reads and writes it: were the output and an
    /// input two pointers to the same memory, the vectoriser's overlap check would send every
    /// loop to its scalar fallback.
    @inline(never)
    static func matrixLoopInPlace<K: BinaryKernel>(
        _ t: UnsafeMutablePointer<K.Element>, _ y: UnsafePointer<K.Element>, rows: Int, cols: Int,
        _ mode: MatrixBroadcast, _ kernel: K.Type
    ) where K.Result == K.Element {
        switch mode {
        case .same:
            for i in 0..<rows &* cols { t[i] = K.op(t[i], y[i]) }
        case .fullByScalar:
            let v = y[0]
            for i in 0..<rows &* cols { t[i] = K.op(t[i], v) }
        case .fullByRow:
            for i in 0..<rows {
                let trow = t + i &* cols
                for j in 0..<cols { trow[j] = K.op(trow[j], y[j]) }
            }
        case .fullByColumn:
            for i in 0..<rows {
                let trow = t + i &* cols, v = y[i]
                for j in 0..<cols { trow[j] = K.op(trow[j], v) }
            }
        case .scalarByFull, .rowByFull, .columnByFull:
            preconditionFailure("the left operand of \(mode) does not span the output")
        }
    }

    /// Row-major strides of `shape` as seen from `outShape` (0 on stretched axes).
    static func strides(_ shape: [Int], in outShape: [Int]) -> [Int] {
        let rank = outShape.count
        var strides = [Int](repeating: 0, count: rank)
        var step = 1
        for i in stride(from: shape.count - 1, through: 0, by: -1) {
            let o = i + rank - shape.count
            strides[o] = shape[i] == 1 && outShape[o] != 1 ? 0 : step
            step *= shape[i]
        }
        return strides
    }

    /// Applies `op` element-wise to two row-major buffers under broadcasting.
    ///
    /// `kernel` is a type, so specialisation inlines its operation into tight (vectorised) loops.
    /// The ``fastPath(_:_:_:_:_:_:)`` cases run ``matrixLoop(_:_:_:rows:cols:_:_:)``; otherwise the
    /// last axis is the inner loop and the outer axes are walked with a counter.
    static func apply<K: BinaryKernel>(
        _ a: [K.Element], _ aShape: [Int], _ b: [K.Element], _ bShape: [Int],
        _ kernel: K.Type
    ) -> (values: [K.Result], shape: [Int]) {
        typealias R = K.Result
        let outShape = aShape == bShape ? aShape : shape(aShape, bShape)
        let n = outShape.reduce(1, *)
        if n == 0 { return ([], outShape) }
        if let path = fastPath(aShape, a.count, bShape, b.count, outShape, n) {
            let values = [R](unsafeUninitializedCapacity: n) { out, count in
                a.withUnsafeBufferPointer { pa in
                    b.withUnsafeBufferPointer { pb in
                        matrixLoop(
                            out.baseAddress!, pa.baseAddress!, pb.baseAddress!, rows: path.rows, cols: path.cols, path.mode, K.self)
                    }
                }
                count = n
            }
            return (values, outShape)
        }
        let sa = strides(aShape, in: outShape)
        let sb = strides(bShape, in: outShape)
        let rank = outShape.count
        let inner = rank == 0 ? 1 : outShape[rank - 1]
        let ia = rank == 0 ? 0 : sa[rank - 1]
        let ib = rank == 0 ? 0 : sb[rank - 1]
        let outer = inner == 0 ? 0 : n / inner
        let values = [R](unsafeUninitializedCapacity: n) { out, count in
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    var index = [Int](repeating: 0, count: max(rank - 1, 0))
                    var offA = 0, offB = 0, o = 0
                    for _ in 0..<outer {
                        var ja = offA, jb = offB
                        for _ in 0..<inner {
                            (out.baseAddress! + o).initialize(to: K.op(pa[ja], pb[jb]))
                            ja += ia; jb += ib; o += 1
                        }
                        // Advance the outer counter (odometer over axes 0..<rank-1).
                        var axis = rank - 2
                        while axis >= 0 {
                            index[axis] += 1
                            offA += sa[axis]; offB += sb[axis]
                            if index[axis] < outShape[axis] { break }
                            offA -= sa[axis] * outShape[axis]; offB -= sb[axis] * outShape[axis]
                            index[axis] = 0
                            axis -= 1
                        }
                    }
                }
            }
            count = n
        }
        return (values, outShape)
    }
}

/// A shape as Python prints a tuple: `(2, 3)`, `(3,)`, `()`.
func pyShape(_ shape: [Int]) -> String {
    shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
}

/// One element-wise operation, as a type so generic specialisation inlines it.
protocol BinaryKernel {
    associatedtype Element
    associatedtype Result
    static func op(_ a: Element, _ b: Element) -> Result
}

enum AddKernel<T: FloatingPoint>: BinaryKernel { @inline(__always) static func op(_ a: T, _ b: T) -> T { a + b } }
enum SubtractKernel<T: FloatingPoint>: BinaryKernel { @inline(__always) static func op(_ a: T, _ b: T) -> T { a - b } }
enum MultiplyKernel<T: FloatingPoint>: BinaryKernel { @inline(__always) static func op(_ a: T, _ b: T) -> T { a * b } }
enum DivideKernel<T: FloatingPoint>: BinaryKernel { @inline(__always) static func op(_ a: T, _ b: T) -> T { a / b } }
/// `K` with its operands exchanged: `SwappedKernel<K>.op(x, y)` is `K.op(y, x)`, the same operation
/// on the same values, so a loop that writes over its left operand serves a right one too.
enum SwappedKernel<K: BinaryKernel>: BinaryKernel {
    @inline(__always) static func op(_ a: K.Element, _ b: K.Element) -> K.Result { K.op(b, a) }
}
/// NumPy's `maximum`/`minimum`: a NaN in either operand propagates.
/// On equal operands (`0.` and `-0.`) the second one is the result, as NumPy gives it:
/// `np.maximum(0, -0.)` is `-0.`, `np.maximum(-0., 0)` is `0.`.
enum MaximumKernel<T: FloatingPoint>: BinaryKernel { @inline(__always) static func op(_ a: T, _ b: T) -> T { a.isNaN || a > b ? a : b } }
enum MinimumKernel<T: FloatingPoint>: BinaryKernel { @inline(__always) static func op(_ a: T, _ b: T) -> T { a.isNaN || a < b ? a : b } }

enum WrappingAddKernel: BinaryKernel { @inline(__always) static func op(_ a: Int, _ b: Int) -> Int { a &+ b } }
enum WrappingSubtractKernel: BinaryKernel { @inline(__always) static func op(_ a: Int, _ b: Int) -> Int { a &- b } }
enum WrappingMultiplyKernel: BinaryKernel { @inline(__always) static func op(_ a: Int, _ b: Int) -> Int { a &* b } }
enum IntMaximumKernel: BinaryKernel { @inline(__always) static func op(_ a: Int, _ b: Int) -> Int { Swift.max(a, b) } }
enum IntMinimumKernel: BinaryKernel { @inline(__always) static func op(_ a: Int, _ b: Int) -> Int { Swift.min(a, b) } }

enum LessKernel<T: Comparable>: BinaryKernel { @inline(__always) static func op(_ a: T, _ b: T) -> Bool { a < b } }
enum LessEqualKernel<T: Comparable>: BinaryKernel { @inline(__always) static func op(_ a: T, _ b: T) -> Bool { a <= b } }
enum GreaterKernel<T: Comparable>: BinaryKernel { @inline(__always) static func op(_ a: T, _ b: T) -> Bool { a > b } }
enum GreaterEqualKernel<T: Comparable>: BinaryKernel { @inline(__always) static func op(_ a: T, _ b: T) -> Bool { a >= b } }
enum EqualKernel<T: Comparable>: BinaryKernel { @inline(__always) static func op(_ a: T, _ b: T) -> Bool { a == b } }
enum NotEqualKernel<T: Comparable>: BinaryKernel { @inline(__always) static func op(_ a: T, _ b: T) -> Bool { a != b } }
enum AndKernel: BinaryKernel { @inline(__always) static func op(_ a: Bool, _ b: Bool) -> Bool { a && b } }
enum OrKernel: BinaryKernel { @inline(__always) static func op(_ a: Bool, _ b: Bool) -> Bool { a || b } }
