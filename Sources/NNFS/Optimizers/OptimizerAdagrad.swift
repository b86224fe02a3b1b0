/// Adagrad: per-parameter learning rates from the running sum of squared gradients.
///
/// `cache += dweights²; weights += -lr * dweights / (sqrt(cache) + epsilon)`.
public final class OptimizerAdagrad: Optimizer {
    public let learningRate: Double
    public internal(set) var currentLearningRate: Double
    public let decay: Double
    public internal(set) var iterations = 0
    public let epsilon: Double

    public init(learningRate: Double = 1.0, decay: Double = 0, epsilon: Double = 1e-7) {
        self.learningRate = learningRate
        self.currentLearningRate = learningRate
        self.decay = decay
        self.epsilon = epsilon
    }

    public func preUpdateParams() {
        if decay != 0 { currentLearningRate = decayedLearningRate(learningRate, decay: decay, iterations: iterations) }
    }

    public func updateParams(_ layer: LayerDense) {
        var weightCache = layer.weightCache ?? np.zerosLike(layer.weights)
        var biasCache = layer.biasCache ?? np.zerosLike(layer.biases)
        weightCache += layer.dweights.square()
        biasCache += layer.dbiases.square()
        layer.weightCache = weightCache
        layer.biasCache = biasCache
        layer.weights += -currentLearningRate * layer.dweights / (np.sqrt(weightCache) + epsilon)
        layer.biases += -currentLearningRate * layer.dbiases / (np.sqrt(biasCache) + epsilon)
    }

    public func postUpdateParams() { iterations += 1 }
}
