/// A fully connected layer: `output = inputs · weights + biases`.
///
/// Built as the book's `Layer_Dense`: weights drawn as `0.01 * np.random.randn(nInputs, nNeurons)`
/// (so they consume the global random stream in the same order), biases zero, shaped `(1, nNeurons)`.
public final class LayerDense {
    /// Shape `(nInputs, nNeurons)`: one column per neuron.
    public var weights: Tensor
    /// Shape `(1, nNeurons)`.
    public var biases: Tensor
    /// The last forward pass's result, shape `(batch, nNeurons)`.
    public var output = Tensor.zeros([0])
    /// The last forward pass's inputs (kept for `backward`).
    public var inputs = Tensor.zeros([0])

    /// Gradients from the last `backward`: of the loss with respect to weights, biases and inputs.
    public var dweights = Tensor.zeros([0])
    public var dbiases = Tensor.zeros([0])
    public var dinputs = Tensor.zeros([0])

    /// Optimizer state kept on the layer, as the book keeps it (`nil` until an optimizer creates it):
    /// momentum (SGD with momentum, Adam's first moment) and cache (Adagrad, RMSprop, Adam's second moment).
    public var weightMomentums: Tensor?
    public var biasMomentums: Tensor?
    public var weightCache: Tensor?
    public var biasCache: Tensor?

    public init(_ nInputs: Int, _ nNeurons: Int) {
        weights = 0.01 * np.random.randn(nInputs, nNeurons)
        biases = np.zeros(1, nNeurons)
    }

    /// `output = np.dot(inputs, weights) + biases`.
    public func forward(_ inputs: Tensor) {
        self.inputs = inputs
        output = np.dot(inputs, weights) + biases
    }

    /// `dweights = inputs.T · dvalues`, `dbiases = sum(dvalues, axis 0)`, `dinputs = dvalues · weights.T`.
    public func backward(_ dvalues: Tensor) {
        // `.T` is a view: BLAS reads the transposes in place.
        dweights = np.dot(inputs.T, dvalues)
        dbiases = np.sum(dvalues, axis: 0, keepdims: true)
        dinputs = np.dot(dvalues, weights.T)
    }
}
