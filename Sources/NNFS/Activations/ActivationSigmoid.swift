/// Sigmoid (chapter 16): `output = 1 / (1 + exp(-inputs))`, squashing each value into (0, 1) for
/// binary (yes/no) outputs.
///
/// Its derivative is `output * (1 - output)`, taken from the stored output.
public final class ActivationSigmoid: Activation {
    public var inputs = Tensor.zeros([0])
    public var output = Tensor.zeros([0])
    public var dinputs = Tensor.zeros([0])

    public init() {}

    public func forward(_ inputs: Tensor, training: Bool) {
        self.inputs = inputs
        output = 1 / (1 + np.exp(-inputs))
    }

    /// `dinputs = dvalues * (1 - output) * output`.
    public func backward(_ dvalues: Tensor) {
        dinputs = dvalues * (1 - output) * output
    }

    /// 1 where the output is above 0.5, else 0 (`int64`, as `(outputs > 0.5) * 1`).
    public func predictions(_ outputs: Tensor) -> Tensor {
        (outputs .> 0.5) * 1
    }
}
