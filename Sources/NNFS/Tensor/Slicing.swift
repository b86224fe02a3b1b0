/// Range slices on any axis: `w[..., ..<4]` is NumPy's `w[:, :4]`, `w[1..., 2...]` is `w[1:, 2:]`.
///
/// NumPy returns a view: it shares the parent's memory, keeps the parent's strides and is
/// written through. Here a read gives the selected elements (tensors are values) with the
/// parent's strides recorded (``Layout``), so reductions over it add in NumPy's order
/// (`np.sum(w[:, :4], axis=1)` sums each row's 4 elements pairwise; `np.sum(w[:, :4])` goes
/// through NumPy's 8192-element buffer, pairwise per buffer-full); assigning
/// through the same subscript writes into the parent, as a NumPy view does. Bounds clamp as
/// Python's slices do.
extension Tensor {
    /// Flat C-order positions of the block `ranges` (one per leading axis; later axes whole).
    func blockPositions(_ ranges: [Range<Int>]) -> (positions: [Int], shape: [Int]) {
        var r = ranges
        for axis in r.count..<rank { r.append(0..<shape[axis]) }
        let newShape = r.map(\.count)
        let cs = Layout.cStrides(shape)
        let n = newShape.reduce(1, *)
        var out = [Int]()
        out.reserveCapacity(n)
        guard n > 0 else { return ([], newShape) }
        var index = [Int](repeating: 0, count: rank)
        var off = zip(r, cs).reduce(0) { $0 + $1.0.lowerBound * $1.1 }
        for _ in 0..<n {
            out.append(off)
            var axis = rank - 1
            while axis >= 0 {
                index[axis] += 1; off += cs[axis]
                if index[axis] < newShape[axis] { break }
                off -= cs[axis] * newShape[axis]; index[axis] = 0
                axis -= 1
            }
        }
        return (out, newShape)
    }

    /// A Python slice of axis `axis` clamped to its extent.
    func clampedRange<R: RangeExpression>(_ r: R, axis: Int) -> Range<Int> where R.Bound == Int {
        let n = shape[axis]
        let rr = r.relative(to: 0..<n)
        let lo = Swift.min(Swift.max(rr.lowerBound, 0), n), hi = Swift.min(Swift.max(rr.upperBound, lo), n)
        return lo..<hi
    }

    /// The block `ranges` as a tensor standing for NumPy's view.
    func block(_ ranges: [Range<Int>]) -> Tensor {
        guard ranges.count <= rank else { fatalError("too many indices for array: array is \(rank)-dimensional, but \(ranges.count) were indexed") }
        let (positions, newShape) = blockPositions(ranges)
        return gather(flat: positions, shape: newShape).withStrides(strides ?? Layout.cStrides(shape))
    }

    /// Writes `value` (broadcast to the block's shape, cast to this dtype) into the block.
    mutating func setBlock(_ ranges: [Range<Int>], _ value: Tensor) {
        let (positions, newShape) = blockPositions(ranges)
        let v = (Tensor.zeros(newShape, dtype: dtype) + value).astype(dtype)
        if v.shape != newShape { fatalError("could not broadcast input array from shape \(pyShape(value.shape)) into shape \(pyShape(newShape))") }
        scatter(positions, v)
    }

    /// `a[:, lo:hi]`: a range of columns (axis 1) of every row.
    public subscript<R: RangeExpression>(_: UnboundedRange, _ cols: R) -> Tensor where R.Bound == Int {
        get { block([0..<length, clampedRange(cols, axis: 1)]) }
        set { setBlock([0..<length, clampedRange(cols, axis: 1)], newValue) }
    }

    /// `a[lo:hi, lo2:hi2]`: a block of the first two axes.
    public subscript<R: RangeExpression, S: RangeExpression>(_ rows: R, _ cols: S) -> Tensor where R.Bound == Int, S.Bound == Int {
        get { block([clampedRange(rows, axis: 0), clampedRange(cols, axis: 1)]) }
        set { setBlock([clampedRange(rows, axis: 0), clampedRange(cols, axis: 1)], newValue) }
    }

    /// `a[:, :, lo:hi]`: a range on axis 2 of a 3-D tensor.
    public subscript<R: RangeExpression>(_: UnboundedRange, _: UnboundedRange, _ r: R) -> Tensor where R.Bound == Int {
        get { block([0..<length, 0..<shape[1], clampedRange(r, axis: 2)]) }
        set { setBlock([0..<length, 0..<shape[1], clampedRange(r, axis: 2)], newValue) }
    }

    /// `a[lo:hi, lo2:hi2, lo3:hi3]`: a block of the first three axes.
    public subscript<R: RangeExpression, S: RangeExpression, U: RangeExpression>(_ a: R, _ b: S, _ c: U) -> Tensor
        where R.Bound == Int, S.Bound == Int, U.Bound == Int {
        get { block([clampedRange(a, axis: 0), clampedRange(b, axis: 1), clampedRange(c, axis: 2)]) }
        set { setBlock([clampedRange(a, axis: 0), clampedRange(b, axis: 1), clampedRange(c, axis: 2)], newValue) }
    }
}
