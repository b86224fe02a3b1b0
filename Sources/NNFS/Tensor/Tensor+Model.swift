// NumPy functions the Model chapters (14-22) use that the core had no spelling for.

extension np {
    /// `np.absolute(a)`: the same function as `np.abs`.
    public static func absolute(_ a: Tensor) -> Tensor { a.abs() }

    /// `np.vstack(tensors)`: stacks rows; 1-D tensors become one row each. The dtype is the
    /// promotion of all inputs' dtypes.
    public static func vstack(_ tensors: [Tensor]) -> Tensor { Tensor.vstack(tensors) }
}

extension Tensor {
    /// `np.vstack`: concatenation along axis 0 of the inputs seen as at least 2-D.
    public static func vstack(_ tensors: [Tensor]) -> Tensor {
        guard let first = tensors.first else { fatalError("need at least one array to concatenate") }
        let parts = tensors.map { $0.rank >= 2 ? $0 : $0.reshape(1, -1) }
        let rowShape = Array(parts[0].shape.dropFirst())
        for (index, p) in parts.enumerated() where Array(p.shape.dropFirst()) != rowShape {
            fatalError("vstack: the array at index \(index) has shape \(pyShape(p.shape)), rows of shape \(pyShape(rowShape)) expected")
        }
        let dtype = tensors.dropFirst().reduce(first.dtype) { DType.promote($0, $1.dtype) }
        let shape = [parts.reduce(0) { $0 + $1.shape[0] }] + rowShape
        switch dtype {
        case .float32: return Tensor(float32: parts.flatMap { $0.astype(.float32).floats }, shape: shape)
        case .float64: return Tensor(float64: parts.flatMap { $0.astype(.float64).doubles }, shape: shape)
        case .int64, .uint8: return Tensor(ints: parts.flatMap { $0.astype(dtype).ints }, shape: shape, dtype: dtype)
        case .bool: return Tensor(bools: parts.flatMap { $0.bools }, shape: shape)
        }
    }
}
