/// Reductions (`sum`, `mean`, `max`, `min`, `argmax`) with NumPy's summation order.
///
/// Contract for `sum` (and so `mean`): over a contiguous run (the whole array when `axis` is nil,
/// or the last axis) NumPy adds pairwise: runs shorter than 8 left to right from 0; up to 128
/// elements in 8 interleaved partial sums combined as `((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7))`,
/// then the remainder; longer runs split in two (at a multiple of 8) and recurse. Over any other
/// axis the slices are added one after another, left to right. All in the array's own dtype
/// (`float32` sums accumulate in `Float`), so results agree with NumPy bit for bit.
enum Pairwise {
    static func sum<T: BinaryFloatingPoint>(_ p: UnsafePointer<T>, _ n: Int, _ stride: Int) -> T {
        if n < 8 {
            var res: T = 0
            for i in 0..<n { res += p[i * stride] }
            return res
        } else if n <= 128 {
            var r0 = p[0], r1 = p[stride], r2 = p[2 * stride], r3 = p[3 * stride]
            var r4 = p[4 * stride], r5 = p[5 * stride], r6 = p[6 * stride], r7 = p[7 * stride]
            var i = 8
            let end = n - n % 8
            while i < end {
                let q = p + i * stride
                r0 += q[0]; r1 += q[stride]; r2 += q[2 * stride]; r3 += q[3 * stride]
                r4 += q[4 * stride]; r5 += q[5 * stride]; r6 += q[6 * stride]; r7 += q[7 * stride]
                i += 8
            }
            var res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
            while i < n { res += p[i * stride]; i += 1 }
            return res
        } else {
            var n2 = n / 2
            n2 -= n2 % 8
            return sum(p, n2, stride) + sum(p + n2 * stride, n - n2, stride)
        }
    }
}

extension Tensor {
    /// Splits `shape` around `axis` into (outer, n, inner) extents.
    func axisSplit(_ axis: Int) -> (outer: Int, n: Int, inner: Int, axis: Int) {
        let ax = normalizedAxis(axis)
        let outer = shape[..<ax].reduce(1, *)
        let inner = shape[(ax + 1)...].reduce(1, *)
        return (outer, shape[ax], inner, ax)
    }

    func normalizedAxis(_ axis: Int) -> Int {
        let ax = axis < 0 ? axis + rank : axis
        guard ax >= 0 && ax < Swift.max(rank, 1) && rank > 0 else {
            fatalError("axis \(axis) is out of bounds for array of dimension \(rank)")
        }
        return ax
    }

    func reducedShape(_ axis: Int?, keepdims: Bool) -> [Int] {
        guard let axis else { return keepdims ? [Int](repeating: 1, count: rank) : [] }
        let ax = normalizedAxis(axis)
        var s = shape
        if keepdims { s[ax] = 1 } else { s.remove(at: ax) }
        return s
    }

    func reducedAxes(_ axis: Int?) -> Set<Int> {
        axis.map { [normalizedAxis($0)] } ?? Set(0..<rank)
    }

    /// Replays NumPy's reduction loop: the inner loop either sums a block pairwise into one output
    /// or adds each element into its own output; outputs start at 0 (the identity of `add`).
    static func sumWalk<T: BinaryFloatingPoint>(_ a: [T], _ walk: Layout.ReductionWalk, outputs: Int) -> [T] {
        var out = [T](repeating: 0, count: outputs)
        if walk.innerReduces {
            var block = [T](repeating: 0, count: walk.innerLength)
            var e = 0
            while e < walk.order.count {
                for k in 0..<walk.innerLength { block[k] = a[walk.order[e + k]] }
                var start = 0
                while start < walk.innerLength {
                    let len = Swift.min(walk.chunk, walk.innerLength - start)
                    out[walk.output[e]] += block.withUnsafeBufferPointer { Pairwise.sum($0.baseAddress! + start, len, 1) }
                    start += len
                }
                e += walk.innerLength
            }
        } else {
            for e in walk.order.indices { out[walk.output[e]] += a[walk.order[e]] }
        }
        return out
    }

    static func sumFloat<T: BinaryFloatingPoint>(_ a: [T], _ shape: [Int], axis: Int?, split: (Int, Int, Int)?) -> [T] {
        a.withUnsafeBufferPointer { p -> [T] in
            guard let base = p.baseAddress else {
                // Empty input: sums are 0.
                let n = split.map { $0.0 * $0.2 } ?? 1
                return [T](repeating: 0, count: n)
            }
            guard let (outer, n, inner) = split else { return [Pairwise.sum(base, a.count, 1)] }
            var out = [T](repeating: 0, count: outer * inner)
            if inner == 1 {
                for o in 0..<outer { out[o] = Pairwise.sum(base + o * n, n, 1) }
            } else {
                out.withUnsafeMutableBufferPointer { q in
                    for o in 0..<outer {
                        let dst = q.baseAddress! + o * inner
                        for i in 0..<n {
                            let src = base + (o * n + i) * inner
                            for j in 0..<inner { dst[j] += src[j] }
                        }
                    }
                }
            }
            return out
        }
    }

    /// `np.sum(a, axis=..., keepdims=...)`. Integers and booleans sum as `int64`.
    ///
    /// A tensor standing for a non-C-contiguous NumPy array (a transpose, a column slice, an
    /// element-wise result of one) is summed in NumPy's memory order (see ``Layout``).
    public func sum(axis: Int? = nil, keepdims: Bool = false) -> Tensor {
        let outShape = reducedShape(axis, keepdims: keepdims)
        if let s = strides, count > 0, dtype.isFloatingPoint {
            let reduced = reducedAxes(axis)
            let walk = Layout.reductionWalk(shape, s, reduced: reduced)
            let n = outShape.reduce(1, *)
            let outStrides = Layout.reductionResultStrides(shape, s, reduced: reduced, keepdims: keepdims)
            switch storage {
            case .float32(let a): return Tensor(float32: Tensor.sumWalk(a, walk, outputs: n), shape: outShape).withStrides(outStrides)
            case .float64(let a): return Tensor(float64: Tensor.sumWalk(a, walk, outputs: n), shape: outShape).withStrides(outStrides)
            default: break
            }
        }
        let split = axis.map { ax -> (Int, Int, Int) in let a = axisSplit(ax); return (a.outer, a.n, a.inner) }
        switch storage {
        case .float32(let a): return Tensor(float32: Tensor.sumFloat(a, shape, axis: axis, split: split), shape: outShape)
        case .float64(let a): return Tensor(float64: Tensor.sumFloat(a, shape, axis: axis, split: split), shape: outShape)
        case .int, .bool:
            let a = ints
            guard let (outer, n, inner) = split else { return Tensor(ints: [a.reduce(0, &+)], shape: outShape) }
            var out = [Int](repeating: 0, count: outer * inner)
            for o in 0..<outer { for i in 0..<n { for j in 0..<inner { out[o * inner + j] &+= a[(o * n + i) * inner + j] } } }
            return Tensor(ints: out, shape: outShape)
        }
    }

    /// `np.mean(a, axis=..., keepdims=...)`: the sum divided by the count, in `float32` for
    /// `float32` input and in `float64` otherwise (integers and booleans give `float64`).
    public func mean(axis: Int? = nil, keepdims: Bool = false) -> Tensor {
        let n = axis.map { shape[normalizedAxis($0)] } ?? count
        switch dtype {
        case .float32:
            let s = sum(axis: axis, keepdims: keepdims)
            return Tensor(float32: s.floats.map { $0 / Float(n) }, shape: s.shape).withStrides(s.strides)
        case .float64:
            let s = sum(axis: axis, keepdims: keepdims)
            return Tensor(float64: s.doubles.map { $0 / Double(n) }, shape: s.shape).withStrides(s.strides)
        default:
            let s = astype(.float64).sum(axis: axis, keepdims: keepdims)
            return Tensor(float64: s.doubles.map { $0 / Double(n) }, shape: s.shape)
        }
    }

    /// Index (within each reduced run) of the element `better` prefers, first one on ties; a NaN
    /// wins at once (NumPy's max/argmax propagate NaN). Returns run indices and flat positions.
    ///
    /// With `values` (`np.max`/`np.min` rather than `argmax`/`argmin`) an equal later element
    /// replaces the current one, as NumPy's `maximum` reduction does (`np.max([-0., 0.])` is
    /// `0.`, `np.max([0., -0.])` is `-0.`), and the elements are visited in NumPy's memory order.
    func selectReduce(axis: Int?, keepdims: Bool, name: String, wantMax: Bool, values: Bool = false) -> (indices: [Int], shape: [Int], flatIndex: [Int]) {
        if count == 0 {
            // Only an empty reduced axis has nothing to select; other empty axes give an empty result.
            if axis.map({ shape[normalizedAxis($0)] == 0 }) ?? true {
                fatalError("zero-size array to reduction operation \(name) which has no identity")
            }
            return ([], reducedShape(axis, keepdims: keepdims), [])
        }
        let (outer, n, inner): (Int, Int, Int)
        if let axis { let s = axisSplit(axis); (outer, n, inner) = (s.outer, s.n, s.inner) } else { (outer, n, inner) = (1, count, 1) }
        var idx = [Int](repeating: 0, count: outer * inner)
        var flat = [Int](repeating: 0, count: outer * inner)
        func run<T: Comparable>(_ a: [T], isNaN: (T) -> Bool) {
            a.withUnsafeBufferPointer { p in
                for o in 0..<outer {
                    for j in 0..<inner {
                        let base = o * n * inner + j
                        var best = 0
                        var bv = p[base]
                        if !isNaN(bv) {
                            var i = 1
                            while i < n {
                                let x = p[base + i * inner]
                                if isNaN(x) { best = i; break }
                                if values ? !(wantMax ? bv > x : bv < x) : (wantMax ? x > bv : x < bv) { bv = x; best = i }
                                i += 1
                            }
                        }
                        idx[o * inner + j] = best
                        flat[o * inner + j] = base + best * inner
                    }
                }
            }
        }
        if values, let s = strides, dtype.isFloatingPoint {
            // A view: visit in NumPy's memory order.
            let walk = Layout.reductionWalk(shape, s, reduced: reducedAxes(axis))
            func runWalk<T: FloatingPoint>(_ a: [T]) {
                var seen = [Bool](repeating: false, count: outer * inner)
                for e in walk.order.indices {
                    let o = walk.output[e], p = walk.order[e]
                    if !seen[o] { seen[o] = true; flat[o] = p; continue }
                    let bv = a[flat[o]], x = a[p]
                    if bv.isNaN { continue }
                    if x.isNaN || !(wantMax ? bv > x : bv < x) { flat[o] = p }
                }
            }
            if case .float32(let a) = storage { runWalk(a) } else if case .float64(let a) = storage { runWalk(a) }
            return (idx, reducedShape(axis, keepdims: keepdims), flat)
        }
        switch storage {
        case .float32(let a): run(a) { $0.isNaN }
        case .float64(let a): run(a) { $0.isNaN }
        case .int(let a): run(a) { _ in false }
        case .bool(let a): run(a.map { $0 ? 1 : 0 }) { _ in false }
        }
        return (idx, reducedShape(axis, keepdims: keepdims), flat)
    }

    func gather(flat: [Int], shape outShape: [Int]) -> Tensor {
        switch storage {
        case .float32(let a): return Tensor(float32: flat.map { a[$0] }, shape: outShape)
        case .float64(let a): return Tensor(float64: flat.map { a[$0] }, shape: outShape)
        case .int(let a): return Tensor(ints: flat.map { a[$0] }, shape: outShape, dtype: dtype)
        case .bool(let a): return Tensor(bools: flat.map { a[$0] }, shape: outShape)
        }
    }

    /// `np.max(a, axis=..., keepdims=...)`, in the array's dtype.
    public func max(axis: Int? = nil, keepdims: Bool = false) -> Tensor {
        let r = selectReduce(axis: axis, keepdims: keepdims, name: "maximum", wantMax: true, values: true)
        return gather(flat: r.flatIndex, shape: r.shape).withStrides(strides.flatMap {
            Layout.reductionResultStrides(shape, $0, reduced: reducedAxes(axis), keepdims: keepdims)
        })
    }

    /// `np.min(a, axis=..., keepdims=...)`, in the array's dtype.
    public func min(axis: Int? = nil, keepdims: Bool = false) -> Tensor {
        let r = selectReduce(axis: axis, keepdims: keepdims, name: "minimum", wantMax: false, values: true)
        return gather(flat: r.flatIndex, shape: r.shape).withStrides(strides.flatMap {
            Layout.reductionResultStrides(shape, $0, reduced: reducedAxes(axis), keepdims: keepdims)
        })
    }

    /// `np.argmax(a, axis=...)`: `int64` indices of the first largest value.
    public func argmax(axis: Int? = nil, keepdims: Bool = false) -> Tensor {
        let r = selectReduce(axis: axis, keepdims: keepdims, name: "argmax", wantMax: true)
        return Tensor(ints: r.indices, shape: r.shape)
    }

    /// `np.argmin(a, axis=...)`.
    public func argmin(axis: Int? = nil, keepdims: Bool = false) -> Tensor {
        let r = selectReduce(axis: axis, keepdims: keepdims, name: "argmin", wantMax: false)
        return Tensor(ints: r.indices, shape: r.shape)
    }

    /// `np.std(a)`: the population standard deviation, `sqrt(mean(abs(a - a.mean())**2))`.
    public func std(axis: Int? = nil, keepdims: Bool = false) -> Tensor {
        let m = mean(axis: axis, keepdims: true)
        let d = self.dtype.isFloatingPoint ? self - m : astype(.float64) - m
        return (d * d).mean(axis: axis, keepdims: keepdims).sqrt()
    }
}
