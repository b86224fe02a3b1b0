/// The memory layout NumPy would give an array, kept as metadata beside our row-major storage.
///
/// A `Tensor`'s elements are always held in row-major (C) order of its shape. NumPy, though,
/// keeps views (`a.T`, `a[:, :4]`) in their parent's memory and gives element-wise results the
/// layout of their inputs (`order='K'`), and its reductions walk memory order: `np.sum(a.T, axis=1)`
/// adds `a`'s rows one after another (bit-identical to `np.sum(a, axis=0)`), while a C-contiguous
/// copy of `a.T` would be summed pairwise. ``Tensor/strides`` records NumPy's strides (in elements
/// of a notional buffer) whenever they differ from C order, and the reductions replay NumPy's
/// iteration (axis ordering, coalescing, inner-loop kind) from them. `nil` means C-contiguous,
/// the fast path every hot loop takes.
enum Layout {
    /// Row-major strides of `shape`, in elements.
    static func cStrides(_ shape: [Int]) -> [Int] {
        var s = [Int](repeating: 0, count: shape.count)
        var step = 1
        for i in stride(from: shape.count - 1, through: 0, by: -1) { s[i] = step; step *= Swift.max(shape[i], 1) }
        return s
    }

    /// Whether `strides` describe a C-contiguous array of `shape` (axes of extent 1 never matter).
    static func isC(_ shape: [Int], _ strides: [Int]) -> Bool {
        var step = 1
        for i in stride(from: shape.count - 1, through: 0, by: -1) where shape[i] != 1 {
            if strides[i] != step { return false }
            step *= shape[i]
        }
        return true
    }

    /// NumPy's iterator axis order (innermost first) for operands seen through `strides`
    /// (one list per operand, already broadcast to `shape`; 0 on stretched axes).
    ///
    /// As `npyiter_find_best_axis_ordering`: starting from C order (innermost = last axis), each
    /// axis is moved outward past an axis whose stride is larger in the first operand where both
    /// are non-zero; on conflicting operands C order wins; axes of extent 1 never reorder.
    static func iterationOrder(_ shape: [Int], _ strides: [[Int]]) -> [Int] {
        let rank = shape.count
        var perm = Array((0..<rank).reversed())  // perm[0] is the innermost axis
        func stride(_ op: Int, _ axis: Int) -> Int { shape[axis] == 1 ? 0 : strides[op][axis] }
        guard rank > 1 else { return perm }
        for i0 in 1..<rank {
            let a0 = perm[i0]
            var pos = i0
            var i1 = i0 - 1
            while i1 >= 0 {
                let a1 = perm[i1]
                var ambiguous = true, swap = false
                for op in strides.indices {
                    let s0 = stride(op, a0), s1 = stride(op, a1)
                    if s0 != 0 && s1 != 0 {
                        if Swift.abs(s1) <= Swift.abs(s0) { swap = false } else if ambiguous { swap = true }
                        ambiguous = false
                    }
                }
                if !ambiguous {
                    if swap { pos = i1 } else { break }
                }
                i1 -= 1
            }
            if pos != i0 {
                perm.remove(at: i0)
                perm.insert(a0, at: pos)
            }
        }
        return perm
    }

    /// The strides of a fresh array NumPy allocates with `order='K'` for these operands: contiguous
    /// in their iteration order. `nil` when that is C order.
    static func resultStrides(_ shape: [Int], _ operands: [(shape: [Int], strides: [Int]?)]) -> [Int]? {
        guard operands.contains(where: { $0.strides != nil }) else { return nil }
        let broadcast = operands.map { op -> [Int] in
            let s = op.strides ?? cStrides(op.shape)
            var out = [Int](repeating: 0, count: shape.count)
            for i in 0..<op.shape.count {
                let o = i + shape.count - op.shape.count
                out[o] = op.shape[i] == 1 && shape[o] != 1 ? 0 : s[i]
            }
            return out
        }
        let perm = iterationOrder(shape, broadcast)
        var strides = [Int](repeating: 0, count: shape.count)
        var step = 1
        for axis in perm { strides[axis] = step; step *= Swift.max(shape[axis], 1) }
        return isC(shape, strides) ? nil : strides
    }

    /// How NumPy's reduction iterator walks an array of `shape` with `strides` when `reduced` axes
    /// are summed: the C-order flat index of every element in visiting order, the output
    /// element each one adds into, and the length of the inner loop.
    ///
    /// The inner loop spans the innermost axes (in memory order) that are all reduced or all
    /// kept, as far as the output keeps one stride. When `innerReduces`, each consecutive block
    /// of `innerLength` entries belongs to one output and is summed pairwise in pieces of `chunk`
    /// (the whole block when the input is contiguous across it; otherwise NumPy copies it
    /// through its 8192-element buffer, in pieces of whole innermost runs), the pieces added in
    /// turn; otherwise every entry is added into its output in turn.
    struct ReductionWalk {
        var order: [Int] = []
        var output: [Int] = []
        var innerLength = 1
        var chunk = 1
        var innerReduces = false
    }

    /// NumPy's iterator buffer size (`np.getbufsize()`).
    static let bufferSize = 8192

    static func reductionWalk(_ shape: [Int], _ strides: [Int], reduced: Set<Int>) -> ReductionWalk {
        let rank = shape.count
        let perm = iterationOrder(shape, [strides]).filter { shape[$0] != 1 }
        var walk = ReductionWalk()
        let n = shape.reduce(1, *)
        guard n > 0 else { return walk }
        if let first = perm.first {
            walk.innerReduces = reduced.contains(first)
            walk.innerLength = shape[first]
            var contiguousLength = shape[first]
            var contiguous = true
            var span = strides[first] * shape[first]
            for axis in perm.dropFirst() {
                guard reduced.contains(axis) == walk.innerReduces else { break }
                if contiguous && strides[axis] == span { contiguousLength *= shape[axis] } else { contiguous = false }
                walk.innerLength *= shape[axis]
                span = strides[axis] * shape[axis]
            }
            walk.chunk = contiguous ? walk.innerLength
                : Swift.max(bufferSize / contiguousLength, 1) * contiguousLength
        }
        let cs = cStrides(shape)
        // Output strides: C order over the kept axes.
        var os = [Int](repeating: 0, count: rank)
        var step = 1
        for axis in stride(from: rank - 1, through: 0, by: -1) where !reduced.contains(axis) {
            os[axis] = step
            step *= shape[axis]
        }
        walk.order.reserveCapacity(n)
        walk.output.reserveCapacity(n)
        var index = [Int](repeating: 0, count: rank)
        var flat = 0, out = 0
        for _ in 0..<n {
            walk.order.append(flat)
            walk.output.append(out)
            // Odometer over perm (innermost first).
            for axis in perm {
                index[axis] += 1
                flat += cs[axis]; out += os[axis]
                if index[axis] < shape[axis] { break }
                flat -= cs[axis] * shape[axis]; out -= os[axis] * shape[axis]
                index[axis] = 0
            }
        }
        return walk
    }
}

extension Layout {
    /// The strides of a reduction's result: NumPy allocates it in the input's memory order.
    static func reductionResultStrides(_ shape: [Int], _ strides: [Int], reduced: Set<Int>, keepdims: Bool) -> [Int]? {
        let perm = iterationOrder(shape, [strides])
        var outStrides = [Int](repeating: 0, count: shape.count)
        var step = 1
        for axis in perm where !reduced.contains(axis) { outStrides[axis] = step; step *= Swift.max(shape[axis], 1) }
        var outShape = shape
        for axis in reduced { outShape[axis] = 1 }
        if !keepdims {
            let kept = (0..<shape.count).filter { !reduced.contains($0) }
            outShape = kept.map { shape[$0] }
            outStrides = kept.map { outStrides[$0] }
        }
        return isC(outShape, outStrides) ? nil : outStrides
    }
}

extension Tensor {
    /// NumPy's strides for this tensor when they are not C order (see ``Layout``).
    var strides: [Int]? { layoutStrides }

    /// This tensor with NumPy strides `s` recorded (`nil` when they are C order).
    func withStrides(_ s: [Int]?) -> Tensor {
        var t = self
        t.layoutStrides = s.flatMap { Layout.isC(shape, $0) ? nil : $0 }
        return t
    }

    /// The strides NumPy gives the result of an element-wise operation on `operands`.
    static func resultStrides(_ shape: [Int], _ operands: Tensor...) -> [Int]? {
        if operands.allSatisfy({ $0.strides == nil }) { return nil }
        return Layout.resultStrides(shape, operands.map { ($0.shape, $0.strides) })
    }
}

extension Tensor {
    /// `np.transpose(a, axes)`: the elements gathered in C order of the permuted shape, with the
    /// permuted strides recorded (NumPy returns a view).
    public func transposed(axes: [Int]) -> Tensor {
        guard axes.sorted() == Array(0..<rank) else { fatalError("axes don't match array") }
        let newShape = axes.map { shape[$0] }
        let cs = Layout.cStrides(shape)
        let src = axes.map { cs[$0] }
        var flat = [Int]()
        flat.reserveCapacity(count)
        var index = [Int](repeating: 0, count: rank)
        var off = 0
        for _ in 0..<count {
            flat.append(off)
            var axis = rank - 1
            while axis >= 0 {
                index[axis] += 1; off += src[axis]
                if index[axis] < newShape[axis] { break }
                off -= src[axis] * newShape[axis]; index[axis] = 0
                axis -= 1
            }
        }
        let old = strides ?? cs
        return gather(flat: flat, shape: newShape).withStrides(axes.map { old[$0] })
    }
}
