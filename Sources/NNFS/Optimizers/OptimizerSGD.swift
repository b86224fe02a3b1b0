/// Stochastic gradient descent with optional 1/t decay and momentum.
///
/// Without momentum: `weights += -lr * dweights`. With momentum `m`:
/// `update = m * weightMomentums - lr * dweights; weightMomentums = update; weights += update`.
/// Every step is computed in the order the book writes it (that order decides the last digits
/// of `float32` results); `lr` is a Python float (weak scalar).
public final class OptimizerSGD: Optimizer {
    public let learningRate: Double
    public internal(set) var currentLearningRate: Double
    public let decay: Double
    public internal(set) var iterations = 0
    public let momentum: Double

    public init(learningRate: Double = 1.0, decay: Double = 0, momentum: Double = 0) {
        self.learningRate = learningRate
        self.currentLearningRate = learningRate
        self.decay = decay
        self.momentum = momentum
    }

    public func preUpdateParams() {
        if decay != 0 { currentLearningRate = decayedLearningRate(learningRate, decay: decay, iterations: iterations) }
    }

    public func updateParams(_ layer: LayerDense) {
        let weightUpdates: Tensor, biasUpdates: Tensor
        if momentum != 0 {
            let weightMomentums = layer.weightMomentums ?? np.zerosLike(layer.weights)
            let biasMomentums = layer.biasMomentums ?? np.zerosLike(layer.biases)
            weightUpdates = momentum * weightMomentums - currentLearningRate * layer.dweights
            layer.weightMomentums = weightUpdates
            biasUpdates = momentum * biasMomentums - currentLearningRate * layer.dbiases
            layer.biasMomentums = biasUpdates
        } else {
            weightUpdates = -currentLearningRate * layer.dweights
            biasUpdates = -currentLearningRate * layer.dbiases
        }
        layer.weights += weightUpdates
        layer.biases += biasUpdates
    }

    public func postUpdateParams() { iterations += 1 }
}
