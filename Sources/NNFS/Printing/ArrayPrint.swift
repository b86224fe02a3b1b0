// STUB: replaced by the NumPy-exact array printer.
extension Tensor: CustomStringConvertible {
    /// What `print(a)` shows in NumPy (`str(a)`).
    public var description: String { "\(shape) \(doubles)" }
}
