/// RMSprop: like Adagrad, but the cache is an exponential moving average with retention `rho`.
///
/// `cache = rho * cache + (1 - rho) * dweights²; weights += -lr * dweights / (sqrt(cache) + epsilon)`.
public final class OptimizerRMSprop: Optimizer {
    public let learningRate: Double
    public internal(set) var currentLearningRate: Double
    public let decay: Double
    public internal(set) var iterations = 0
    public let epsilon: Double
    public let rho: Double

    public init(learningRate: Double = 0.001, decay: Double = 0, epsilon: Double = 1e-7, rho: Double = 0.9) {
        self.learningRate = learningRate
        self.currentLearningRate = learningRate
        self.decay = decay
        self.epsilon = epsilon
        self.rho = rho
    }

    public func preUpdateParams() {
        if decay != 0 { currentLearningRate = decayedLearningRate(learningRate, decay: decay, iterations: iterations) }
    }

    public func updateParams(_ layer: LayerDense) {
        let weightCache = rho * (layer.weightCache ?? np.zerosLike(layer.weights)) + (1 - rho) * layer.dweights.square()
        let biasCache = rho * (layer.biasCache ?? np.zerosLike(layer.biases)) + (1 - rho) * layer.dbiases.square()
        layer.weightCache = weightCache
        layer.biasCache = biasCache
        layer.weights += -currentLearningRate * layer.dweights / (np.sqrt(weightCache) + epsilon)
        layer.biases += -currentLearningRate * layer.dbiases / (np.sqrt(biasCache) + epsilon)
    }

    public func postUpdateParams() { iterations += 1 }
}
