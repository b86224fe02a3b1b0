extension Tensor {
    /// `a.astype(dtype)`: a copy converted element by element (floats to ints truncate toward
    /// zero; `float64` to `float32` rounds to nearest, ties to even).
    public func astype(_ dtype: DType) -> Tensor {
        if dtype == self.dtype { return self }
        let t: Tensor
        switch dtype {
        case .float32: t = Tensor(float32: floats, shape: shape)
        case .float64: t = Tensor(float64: doubles, shape: shape)
        case .int64: t = Tensor(ints: ints, shape: shape, dtype: .int64)
        case .uint8: t = Tensor(ints: ints.map { $0 & 0xFF }, shape: shape, dtype: .uint8)
        case .bool: t = Tensor(bools: bools, shape: shape)
        }
        // `astype` keeps the memory order (`order='K'`).
        return strides == nil ? t : t.withStrides(strides)
    }

    /// `a.copy()`. Tensors are values, so this is the tensor itself; it exists so code can say
    /// what the book says.
    public func copy() -> Tensor { self }

    /// `a.reshape(...)`; one extent may be `-1` and is inferred.
    public func reshape(_ newShape: [Int]) -> Tensor {
        var dims = newShape
        if let k = dims.firstIndex(of: -1) {
            let known = dims.enumerated().filter { $0.offset != k }.map(\.element).reduce(1, *)
            guard known > 0, count % known == 0 else {
                fatalError("cannot reshape array of size \(count) into shape \(pyShape(newShape))")
            }
            dims[k] = count / known
        }
        guard dims.reduce(1, *) == count else {
            fatalError("cannot reshape array of size \(count) into shape \(pyShape(newShape))")
        }
        var t = self
        if t.transposedView { t.storage = t.storage }  // reshape reads row-major order: materialise
        t.shape = dims
        t.layoutStrides = nil  // a reshape that needs a copy makes it in C order
        return t
    }

    /// `a.reshape(d0, d1, ...)`.
    public func reshape(_ dims: Int...) -> Tensor { reshape(dims) }

    /// `a.flatten()` / `a.ravel()`: the elements as a 1-D tensor.
    public func flatten() -> Tensor { reshape([count]) }

    /// `float(a)` for a one-element tensor.
    public var double: Double { item }
    /// `np.float32(a)` for a one-element tensor.
    public var float: Float {
        guard count == 1 else { fatalError("float() needs a tensor with one element, this one has shape \(pyShape(shape))") }
        return floats[0]
    }
}

extension Double {
    /// `float(t)`: the value of a one-element tensor.
    public init(_ t: Tensor) { self = t.item }
}

extension Float {
    /// `np.float32(t)`: the value of a one-element tensor.
    public init(_ t: Tensor) { self = t.float }
}
