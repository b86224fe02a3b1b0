/// Softmax followed by categorical cross-entropy, with the combined gradient.
///
/// The derivative of the loss with respect to the softmax *inputs* simplifies to
/// `(predictions - oneHot(targets)) / samples`, which is far cheaper than chaining the softmax
/// Jacobian with the loss gradient (and gives the same values up to rounding).
public final class ActivationSoftmaxLossCategoricalCrossentropy {
    public let activation = ActivationSoftmax()
    public let loss = LossCategoricalCrossentropy()
    /// The softmax output of the last forward pass.
    public var output = Tensor.zeros([0])
    /// The gradient with respect to the softmax inputs, from the last `backward`.
    public var dinputs = Tensor.zeros([0])

    public init() {}

    /// Runs softmax on `inputs`, keeps its output and returns the mean loss against `yTrue`.
    @discardableResult
    public func forward(_ inputs: Tensor, _ yTrue: Tensor) -> Tensor {
        activation.forward(inputs)
        output = activation.output
        return loss.calculate(output, yTrue)
    }

    /// `dinputs = dvalues; dinputs[range(samples), yTrue] -= 1; dinputs /= samples`.
    public func backward(_ dvalues: Tensor, _ yTrue: Tensor) {
        let samples = dvalues.length
        let labels = yTrue.rank == 2 ? np.argmax(yTrue, axis: 1) : yTrue
        dinputs = dvalues
        dinputs[0..<samples, labels] -= 1
        dinputs = dinputs / samples
    }
}
