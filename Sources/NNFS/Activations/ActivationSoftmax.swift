/// Softmax over each row: `exp(x - max(x)) / sum(exp(x - max(x)))`.
///
/// Subtracting the row maximum first keeps `exp` from overflowing and leaves the result unchanged
/// (softmax is invariant to adding a constant to a row). Rounding follows NumPy's `float32`
/// arithmetic with `exp` computed in `float64` (see ``Tensor/exp(file:line:)``).
public final class ActivationSoftmax: Activation {
    public var output = Tensor.zeros([0])
    public var inputs = Tensor.zeros([0])
    public var dinputs = Tensor.zeros([0])

    public init() {}

    public func forward(_ inputs: Tensor, training: Bool) {
        self.inputs = inputs
        let expValues = np.exp(inputs - np.max(inputs, axis: 1, keepdims: true))
        output = expValues / np.sum(expValues, axis: 1, keepdims: true)
    }

    /// The book's per-sample Jacobian form: for each row `s` of `output`,
    /// `J = diagflat(s) - s·sᵀ` and `dinputs[i] = J · dvalues[i]`.
    public func backward(_ dvalues: Tensor) {
        dinputs = np.emptyLike(dvalues)
        for index in 0..<dvalues.length {
            let singleOutput = output[index].reshape(-1, 1)
            let jacobianMatrix = np.diagflat(singleOutput) - np.dot(singleOutput, singleOutput.T)
            dinputs[index] = np.dot(jacobianMatrix, dvalues[index])
        }
    }

    /// The class with the highest probability in each row: `np.argmax(outputs, axis: 1)`.
    public func predictions(_ outputs: Tensor) -> Tensor {
        np.argmax(outputs, axis: 1)
    }
}
