/// Rectified linear unit: `output = max(0, inputs)` element-wise.
///
/// Its derivative is 1 where the input was positive and 0 elsewhere (the book takes 0 at 0).
public final class ActivationReLU: Activation {
    public var output = Tensor.zeros([0])
    public var inputs = Tensor.zeros([0])
    public var dinputs = Tensor.zeros([0])

    public init() {}

    /// `output = np.maximum(0, inputs)`.
    public func forward(_ inputs: Tensor, training: Bool) {
        self.inputs = inputs
        output = np.maximum(0, inputs)
    }

    /// `dinputs = dvalues` with zeros where `inputs <= 0`.
    public func backward(_ dvalues: Tensor) {
        // The same values in one pass (see `ReLUKernels`); the book's lines are the reference.
        if let fused = ReLUKernels.backward(dvalues, inputs: inputs) { dinputs = fused; return }
        dinputs = dvalues
        dinputs[inputs .<= 0] = 0
    }

    /// The outputs themselves.
    public func predictions(_ outputs: Tensor) -> Tensor {
        outputs
    }
}
