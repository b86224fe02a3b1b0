/// Rectified linear unit: `output = max(0, inputs)` element-wise.
public final class ActivationReLU {
    public var output = Tensor.zeros([0])
    public var inputs = Tensor.zeros([0])

    public init() {}

    /// `self.output = np.maximum(0, inputs)`.
    public func forward(_ inputs: Tensor) {
        self.inputs = inputs
        output = np.maximum(0, inputs)
    }
}
