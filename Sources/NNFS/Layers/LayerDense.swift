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

    public init(_ nInputs: Int, _ nNeurons: Int) {
        weights = 0.01 * np.random.state.randn([nInputs, nNeurons]).astype(NNFSConfig.defaultFloat)  // TEMP until np.random.randn lands
        biases = np.zeros(1, nNeurons)
    }

    /// Computes `output = np.dot(inputs, weights) + biases`.
    public func forward(_ inputs: Tensor) {
        self.inputs = inputs
        output = np.dot(inputs, weights) + biases
    }
}
