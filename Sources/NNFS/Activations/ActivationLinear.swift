/// The identity activation (chapter 17), for regression outputs: `output = inputs`,
/// `dinputs = dvalues`.
public final class ActivationLinear: Activation {
    public var inputs = Tensor.zeros([0])
    public var output = Tensor.zeros([0])
    public var dinputs = Tensor.zeros([0])

    public init() {}

    public func forward(_ inputs: Tensor, training: Bool) {
        self.inputs = inputs
        output = inputs
    }

    /// The derivative is 1: `dinputs = dvalues.copy()`.
    public func backward(_ dvalues: Tensor) {
        dinputs = dvalues.copy()
    }

    /// The outputs themselves.
    public func predictions(_ outputs: Tensor) -> Tensor {
        outputs
    }
}
