/// `np.where(condition, x, y)` and `np.broadcast_to`.
extension Tensor {
    /// `np.broadcast_to(a, shape)`: the elements of `a` repeated along stretched axes (a copy
    /// here; NumPy returns a read-only view). Values are copied bit for bit (`-0.` stays `-0.`).
    public func broadcast(to outShape: [Int]) -> Tensor {
        if outShape == shape { return self }
        let target = Broadcast.shape(shape, outShape)
        guard target == outShape else {
            fatalError("operands could not be broadcast together with remapped shapes [original->remapped]: \(pyShape(shape)) and requested shape \(pyShape(outShape))")
        }
        let st = Broadcast.strides(shape, in: outShape)
        let n = outShape.reduce(1, *)
        var flat = [Int]()
        flat.reserveCapacity(n)
        var index = [Int](repeating: 0, count: outShape.count)
        var off = 0
        for _ in 0..<n {
            flat.append(off)
            var axis = outShape.count - 1
            while axis >= 0 {
                index[axis] += 1; off += st[axis]
                if index[axis] < outShape[axis] { break }
                off -= st[axis] * outShape[axis]; index[axis] = 0
                axis -= 1
            }
        }
        return gather(flat: flat, shape: outShape)
    }

    /// `np.where(condition, x, y)`: `x` where `condition` is true, else `y`, broadcast together;
    /// the dtype is `x`'s and `y`'s promoted one (Python numbers are weak). Elements are taken
    /// unchanged, so signed zeros and NaNs come through as they are.
    public static func `where`(_ condition: Tensor, _ x: Tensor, _ y: Tensor) -> Tensor {
        let shape = Broadcast.shape(Broadcast.shape(condition.shape, x.shape), y.shape)
        let type = resultType(x, y)
        let c = condition.broadcast(to: shape).bools
        let xs = x.astype(type).broadcast(to: shape), ys = y.astype(type).broadcast(to: shape)
        switch (xs.storage, ys.storage) {
        case (.float32(let a), .float32(let b)): return Tensor(float32: c.indices.map { c[$0] ? a[$0] : b[$0] }, shape: shape)
        case (.float64(let a), .float64(let b)): return Tensor(float64: c.indices.map { c[$0] ? a[$0] : b[$0] }, shape: shape)
        case (.int(let a), .int(let b)): return Tensor(ints: c.indices.map { c[$0] ? a[$0] : b[$0] }, shape: shape, dtype: type)
        case (.bool(let a), .bool(let b)): return Tensor(bools: c.indices.map { c[$0] ? a[$0] : b[$0] }, shape: shape)
        default: fatalError("unreachable: operands cast to one dtype")
        }
    }
}
