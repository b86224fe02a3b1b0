/// Indexing the way the book does it.
///
/// | NumPy | here |
/// |---|---|
/// | `a[i]`, `a[-1]` | `a[i]`, `a[-1]` (a row: rank drops by one) |
/// | `a[:5]`, `a[2:]`, `a[1:3]` | `a[..<5]`, `a[2...]`, `a[1..<3]` (rows) |
/// | `a[i, j]` | `a[i, j]` (a 0-D tensor) |
/// | `a[:, 0]` | `a[..., 0]` (a column) |
/// | `a[range(n), y]` | `a[0..<n, y]` (one element per row, read and write) |
/// | `a[mask]` | `a[mask]` (`mask` a boolean tensor: the selected elements, read and write) |
/// | `a[keys]` | `a[keys]` (`keys` an integer tensor: those rows, in that order) |
///
/// Reads copy (tensors are values); writes go through the subscript setters, so
/// `dinputs[0..<samples, yTrue] -= 1` and `dinputs[inputs .<= 0] = 0` work as in the book.
extension Tensor {
    /// Elements per row (product of all but the first axis).
    var rowSize: Int { shape.dropFirst().reduce(1, *) }

    func checkedRow(_ i: Int) -> Int {
        let n = length
        let r = i < 0 ? i + n : i
        guard r >= 0 && r < n else { fatalError("index \(i) is out of bounds for axis 0 with size \(n)") }
        return r
    }

    /// Rows `rows` (a contiguous block) as a new tensor with `shape[0] = rows.count`.
    func rows(_ rows: Range<Int>) -> Tensor {
        let w = rowSize
        var s = shape
        s[0] = rows.count
        let r = (rows.lowerBound * w)..<(rows.upperBound * w)
        let t: Tensor
        switch storage {
        case .float32(let a): t = Tensor(float32: Array(a[r]), shape: s)
        case .float64(let a): t = Tensor(float64: Array(a[r]), shape: s)
        case .int(let a): t = Tensor(ints: Array(a[r]), shape: s, dtype: dtype)
        case .bool(let a): t = Tensor(bools: Array(a[r]), shape: s)
        }
        // A row slice is a view with the parent's strides.
        return strides == nil ? t : t.withStrides(strides)
    }

    /// Overwrites the rows `rows` with `value` (broadcast to their shape, cast to this dtype).
    mutating func setRows(_ rows: Range<Int>, _ value: Tensor) {
        var target = shape
        target[0] = rows.count
        let v = (Tensor.zeros(target, dtype: dtype) + value).astype(dtype)
        if v.shape != target {
            fatalError("could not broadcast input array from shape \(pyShape(value.shape)) into shape \(pyShape(target))")
        }
        let w = rowSize
        let r = (rows.lowerBound * w)..<(rows.upperBound * w)
        switch (storage, v.storage) {
        case (.float32(var a), .float32(let b)): storage = .bool([]); a.replaceSubrange(r, with: b); storage = .float32(a)
        case (.float64(var a), .float64(let b)): storage = .bool([]); a.replaceSubrange(r, with: b); storage = .float64(a)
        case (.int(var a), .int(let b)): storage = .bool([]); a.replaceSubrange(r, with: b); storage = .int(a)
        case (.bool(var a), .bool(let b)): storage = .bool([]); a.replaceSubrange(r, with: b); storage = .bool(a)
        default: fatalError("unreachable: dtype mismatch after cast")
        }
    }

    func clampedRange<R: RangeExpression>(_ r: R) -> Range<Int> where R.Bound == Int {
        let n = length
        let rr = r.relative(to: 0..<n)
        // Python slices clamp to the array's bounds.
        let lo = Swift.min(Swift.max(rr.lowerBound, 0), n), hi = Swift.min(Swift.max(rr.upperBound, lo), n)
        return lo..<hi
    }

    /// `a[i]`: row `i` (negative counts from the end).
    public subscript(_ i: Int) -> Tensor {
        get {
            let r = checkedRow(i)
            var t = rows(r..<(r + 1))
            t.shape.removeFirst()
            return t.withStrides(strides.map { Array($0.dropFirst()) })
        }
        set {
            let r = checkedRow(i)
            setRows(r..<(r + 1), newValue.reshape([1] + newValue.shape))
        }
    }

    /// `a[lo:hi]`: a block of rows.
    public subscript<R: RangeExpression>(_ r: R) -> Tensor where R.Bound == Int {
        get { rows(clampedRange(r)) }
        set { setRows(clampedRange(r), newValue) }
    }

    /// `a[i, j]`: one element of a 2-D tensor, as a 0-D tensor.
    public subscript(_ i: Int, _ j: Int) -> Tensor {
        get { self[i][j] }
        set {
            var row = self[i]
            row[j] = newValue
            self[i] = row
        }
    }

    /// `a[:, j]`: column `j` of a 2-D tensor.
    public subscript(_: UnboundedRange, _ j: Int) -> Tensor {
        guard rank == 2 else { fatalError("a[..., j] needs a 2-D tensor, this one has shape \(pyShape(shape))") }
        let c = shape[1]
        let jj = j < 0 ? j + c : j
        guard jj >= 0 && jj < c else { fatalError("index \(j) is out of bounds for axis 1 with size \(c)") }
        return gather(flat: (0..<shape[0]).map { $0 * c + jj }, shape: [shape[0]])
    }

    /// Flat positions of `a[rows, cols]` for paired row and column indices.
    func pairedPositions(_ rows: [Int], _ cols: Tensor) -> [Int] {
        guard rank == 2 else { fatalError("a[rows, cols] needs a 2-D tensor, this one has shape \(pyShape(shape))") }
        guard cols.dtype.isInteger else {
            fatalError("arrays used as indices must be of integer type, not \(cols.dtype)")
        }
        let c = cols.ints
        guard c.count == rows.count else {
            fatalError(
                "shape mismatch: indexing arrays could not be broadcast together with shapes (\(rows.count),) \(pyShape(cols.shape))")
        }
        let w = shape[1]
        return zip(rows, c).map { r, j in
            let jj = j < 0 ? j + w : j
            guard jj >= 0 && jj < w else { fatalError("index \(j) is out of bounds for axis 1 with size \(w)") }
            return checkedRow(r) * w + jj
        }
    }

    /// `a[range(n), y]`: element `y[k]` of row `k` for each `k` in `rows`.
    public subscript(_ rows: Range<Int>, _ cols: Tensor) -> Tensor {
        get { gather(flat: pairedPositions(Array(rows), cols), shape: [rows.count]) }
        set { scatter(pairedPositions(Array(rows), cols), newValue) }
    }

    /// `a[rowIndices, colIndices]` with two integer tensors.
    public subscript(_ rows: Tensor, _ cols: Tensor) -> Tensor {
        get { gather(flat: pairedPositions(rows.ints, cols), shape: [rows.count]) }
        set { scatter(pairedPositions(rows.ints, cols), newValue) }
    }

    /// `a[mask]` (boolean tensor of `a`'s shape: the selected elements, flattened) or
    /// `a[keys]` (integer tensor: those rows, in that order).
    public subscript(_ index: Tensor) -> Tensor {
        get {
            if index.dtype == .bool {
                let positions = maskPositions(index)
                return gather(flat: positions, shape: [positions.count])
            }
            let w = rowSize
            var flat = [Int]()
            flat.reserveCapacity(index.count * w)
            for r in index.ints { let base = checkedRow(r) * w; for j in 0..<w { flat.append(base + j) } }
            return gather(flat: flat, shape: index.shape + Array(shape.dropFirst()))
        }
        set {
            if index.dtype == .bool {
                if newValue.count == 1 && index.shape == shape { fill(where: index, with: newValue); return }
                scatter(maskPositions(index), newValue)
                return
            }
            let w = rowSize
            var flat = [Int]()
            for r in index.ints { let base = checkedRow(r) * w; for j in 0..<w { flat.append(base + j) } }
            scatter(flat, newValue)
        }
    }

    /// `a[mask] = scalar` without materialising the selected positions.
    mutating func fill(where mask: Tensor, with value: Tensor) {
        guard case .bool(let m) = mask.storage else { fatalError("unreachable: mask is not boolean") }
        let v = value.astype(dtype)
        func put<E>(_ a: inout [E], _ x: E) {
            a.withUnsafeMutableBufferPointer { p in
                m.withUnsafeBufferPointer { q in for i in 0..<q.count { p[i] = q[i] ? x : p[i] } }
            }
        }
        switch (storage, v.storage) {
        case (.float32(var a), .float32(let b)): storage = .bool([]); put(&a, b[0]); storage = .float32(a)
        case (.float64(var a), .float64(let b)): storage = .bool([]); put(&a, b[0]); storage = .float64(a)
        case (.int(var a), .int(let b)): storage = .bool([]); put(&a, b[0]); storage = .int(a)
        case (.bool(var a), .bool(let b)): storage = .bool([]); put(&a, b[0]); storage = .bool(a)
        default: fatalError("unreachable: dtype mismatch after cast")
        }
    }

    /// `a[mask] = 0`, `a[keys] = x`: assigns one Python number to every selected element.
    /// (Reading through this form gives the single selected element; read a selection as a
    /// tensor with the `Tensor`-typed subscript.)
    @_disfavoredOverload
    public subscript(_ index: Tensor) -> Double {
        get { (self[index] as Tensor).item }
        set { self[index] = Tensor(weak: newValue) }
    }

    /// `a[range(n), y] = 0`: assigns one Python number to each selected element.
    @_disfavoredOverload
    public subscript(_ rows: Range<Int>, _ cols: Tensor) -> Double {
        get { (self[rows, cols] as Tensor).item }
        set { self[rows, cols] = Tensor(weak: newValue) }
    }

    func maskPositions(_ mask: Tensor) -> [Int] {
        guard mask.shape == shape else {
            fatalError("boolean index did not match indexed array: shape \(pyShape(mask.shape)) vs \(pyShape(shape))")
        }
        return mask.bools.enumerated().compactMap { $0.element ? $0.offset : nil }
    }

    /// Writes `value` (one element, or one per position) into flat `positions`, cast to this dtype.
    mutating func scatter(_ positions: [Int], _ value: Tensor) {
        let v = value.astype(dtype)
        guard v.count == 1 || v.count == positions.count else {
            fatalError(
                "NumPy boolean array indexing assignment cannot assign \(v.count) input values to the \(positions.count) output values where the mask is true"
            )
        }
        func put<E>(_ a: inout [E], _ b: [E]) {
            if b.count == 1 { for p in positions { a[p] = b[0] } } else { for (k, p) in positions.enumerated() { a[p] = b[k] } }
        }
        switch (storage, v.storage) {
        case (.float32(var a), .float32(let b)): storage = .bool([]); put(&a, b); storage = .float32(a)
        case (.float64(var a), .float64(let b)): storage = .bool([]); put(&a, b); storage = .float64(a)
        case (.int(var a), .int(let b)): storage = .bool([]); put(&a, b); storage = .int(a)
        case (.bool(var a), .bool(let b)): storage = .bool([]); put(&a, b); storage = .bool(a)
        default: fatalError("unreachable: dtype mismatch after cast")
        }
    }
}
