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
            if da == db || db == 1 { out[i] = da } else if da == 1 { out[i] = db } else {
                fatalError("operands could not be broadcast together with shapes \(pyShape(a)) \(pyShape(b))")
            }
        }
        return out
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
    /// Fast paths for equal shapes and for a one-element operand; otherwise the last axis is the
    /// inner loop and the outer axes are walked with a counter (no per-element index arithmetic).
    static func apply<T, R>(_ a: [T], _ aShape: [Int], _ b: [T], _ bShape: [Int],
                            _ op: (T, T) -> R) -> (values: [R], shape: [Int]) {
        if aShape == bShape {
            let n = a.count
            let values = [R](unsafeUninitializedCapacity: n) { out, count in
                a.withUnsafeBufferPointer { pa in
                    b.withUnsafeBufferPointer { pb in
                        for i in 0..<n { (out.baseAddress! + i).initialize(to: op(pa[i], pb[i])) }
                    }
                }
                count = n
            }
            return (values, aShape)
        }
        let outShape = shape(aShape, bShape)
        let n = outShape.reduce(1, *)
        if b.count == 1 && n == a.count {
            let s = b[0]
            let values = [R](unsafeUninitializedCapacity: n) { out, count in
                a.withUnsafeBufferPointer { pa in
                    for i in 0..<n { (out.baseAddress! + i).initialize(to: op(pa[i], s)) }
                }
                count = n
            }
            return (values, outShape)
        }
        if a.count == 1 && n == b.count {
            let s = a[0]
            let values = [R](unsafeUninitializedCapacity: n) { out, count in
                b.withUnsafeBufferPointer { pb in
                    for i in 0..<n { (out.baseAddress! + i).initialize(to: op(s, pb[i])) }
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
                            (out.baseAddress! + o).initialize(to: op(pa[ja], pb[jb]))
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
