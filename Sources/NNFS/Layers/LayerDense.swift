/// A fully connected layer: `output = inputs · weights + biases`.
///
/// Built as the book's `Layer_Dense`: weights drawn as `0.01 * np.random.randn(nInputs, nNeurons)`
/// (so they consume the global random stream in the same order), biases zero, shaped `(1, nNeurons)`.
/// Chapter 17 edits that factor to 0.1 in the class source; here it is `weightInit:`.
///
/// Chapter 14 adds L1 and L2 regularization: each of the four strengths (weights/biases x L1/L2,
/// 0 = off) adds its penalty to the loss (``Loss/regularizationLoss(_:)``) and its gradient in
/// ``backward(_:)``.
public final class LayerDense: Layer {
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

    /// Regularization strengths (Python floats; 0 turns a term off).
    public var weightRegularizerL1: Double
    public var weightRegularizerL2: Double
    public var biasRegularizerL1: Double
    public var biasRegularizerL2: Double

    /// Optimizer state kept on the layer, as the book keeps it (`nil` until an optimizer creates it):
    /// momentum (SGD with momentum, Adam's first moment) and cache (Adagrad, RMSprop, Adam's second moment).
    public var weightMomentums: Tensor?
    public var biasMomentums: Tensor?
    public var weightCache: Tensor?
    public var biasCache: Tensor?

    /// `weightInit` is the factor in front of `np.random.randn`: 0.01 as the book's class, 0.1 where
    /// chapter 17 changes it.
    public init(
        _ nInputs: Int, _ nNeurons: Int,
        weightRegularizerL1: Double = 0, weightRegularizerL2: Double = 0,
        biasRegularizerL1: Double = 0, biasRegularizerL2: Double = 0,
        weightInit: Double = 0.01
    ) {
        weights = weightInit * np.random.randn(nInputs, nNeurons)
        biases = np.zeros(1, nNeurons)
        self.weightRegularizerL1 = weightRegularizerL1
        self.weightRegularizerL2 = weightRegularizerL2
        self.biasRegularizerL1 = biasRegularizerL1
        self.biasRegularizerL2 = biasRegularizerL2
    }

    /// `output = np.dot(inputs, weights) + biases` (`training` makes no difference here).
    public func forward(_ inputs: Tensor, training: Bool) {
        self.inputs = inputs
        // The same values in one pass (see `DenseKernels`); the book's line is the reference.
        if let fused = DenseKernels.forward(inputs, weights, biases) { output = fused; return }
        output = np.dot(inputs, weights) + biases
    }

    /// `dweights = inputs.T · dvalues`, `dbiases = sum(dvalues, axis 0)`, `dinputs = dvalues · weights.T`,
    /// plus the regularization gradients in the book's order: L1 adds `λ·sign` (through a ones
    /// array with -1 where the parameter is negative, so 0 counts as positive), L2 adds `2λ·w`.
    public func backward(_ dvalues: Tensor) {
        // `.T` is a view: BLAS reads the transposes in place.
        dweights = np.dot(inputs.T, dvalues)
        dbiases = np.sum(dvalues, axis: 0, keepdims: true)
        if weightRegularizerL1 > 0 {
            var dL1 = np.onesLike(weights)
            dL1[weights .< 0] = -1
            dweights += weightRegularizerL1 * dL1
        }
        if weightRegularizerL2 > 0 {
            dweights += 2 * weightRegularizerL2 * weights
        }
        if biasRegularizerL1 > 0 {
            var dL1 = np.onesLike(biases)
            dL1[biases .< 0] = -1
            dbiases += biasRegularizerL1 * dL1
        }
        if biasRegularizerL2 > 0 {
            dbiases += 2 * biasRegularizerL2 * biases
        }
        dinputs = np.dot(dvalues, weights.T)
    }

    /// `(weights, biases)`, as chapter 21's `get_parameters`.
    public func getParameters() -> (weights: Tensor, biases: Tensor) {
        (weights, biases)
    }

    /// Replaces weights and biases (chapter 21's `set_parameters`).
    public func setParameters(_ weights: Tensor, _ biases: Tensor) {
        self.weights = weights
        self.biases = biases
    }
}
