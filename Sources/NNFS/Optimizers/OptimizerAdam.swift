import Foundation

/// Adam: momentum (first moment, `beta1`) plus an RMSprop cache (second moment, `beta2`), both
/// bias-corrected by `1 - beta^(iterations + 1)`.
///
/// Per layer, in the book's order:
/// `m = beta1 * m + (1 - beta1) * dw; mHat = m / (1 - beta1^(t+1))`;
/// `v = beta2 * v + (1 - beta2) * dw²; vHat = v / (1 - beta2^(t+1))`;
/// `w += -lr * mHat / (sqrt(vHat) + epsilon)`. The corrections are Python floats (`pow` in `Double`).
public final class OptimizerAdam: Optimizer {
    public let learningRate: Double
    public internal(set) var currentLearningRate: Double
    public let decay: Double
    public internal(set) var iterations = 0
    public let epsilon: Double
    public let beta1: Double
    public let beta2: Double
    /// Whether ``updateParams(_:)`` may take the fused one-pass loop (``AdamKernel``), which stores
    /// exactly what the book form below computes; tests turn it off to get the book form itself, as
    /// ``NNFSConfig/fastPaths`` does for every optimizer at once.
    var fusedUpdates = true

    public init(
        learningRate: Double = 0.001, decay: Double = 0, epsilon: Double = 1e-7,
        beta1: Double = 0.9, beta2: Double = 0.999
    ) {
        self.learningRate = learningRate
        self.currentLearningRate = learningRate
        self.decay = decay
        self.epsilon = epsilon
        self.beta1 = beta1
        self.beta2 = beta2
    }

    public func preUpdateParams() {
        if decay != 0 { currentLearningRate = decayedLearningRate(learningRate, decay: decay, iterations: iterations) }
    }

    public func updateParams(_ layer: LayerDense) {
        if fusedUpdates && NNFSConfig.fastPaths && AdamKernel.update(layer, self) { return }
        let weightMomentums = beta1 * (layer.weightMomentums ?? np.zerosLike(layer.weights)) + (1 - beta1) * layer.dweights
        let biasMomentums = beta1 * (layer.biasMomentums ?? np.zerosLike(layer.biases)) + (1 - beta1) * layer.dbiases
        layer.weightMomentums = weightMomentums
        layer.biasMomentums = biasMomentums
        let correction1 = 1 - pow(beta1, Double(iterations + 1))
        let weightMomentumsCorrected = weightMomentums / correction1
        let biasMomentumsCorrected = biasMomentums / correction1

        let weightCache = beta2 * (layer.weightCache ?? np.zerosLike(layer.weights)) + (1 - beta2) * layer.dweights.square()
        let biasCache = beta2 * (layer.biasCache ?? np.zerosLike(layer.biases)) + (1 - beta2) * layer.dbiases.square()
        layer.weightCache = weightCache
        layer.biasCache = biasCache
        let correction2 = 1 - pow(beta2, Double(iterations + 1))
        let weightCacheCorrected = weightCache / correction2
        let biasCacheCorrected = biasCache / correction2

        layer.weights += -currentLearningRate * weightMomentumsCorrected / (np.sqrt(weightCacheCorrected) + epsilon)
        layer.biases += -currentLearningRate * biasMomentumsCorrected / (np.sqrt(biasCacheCorrected) + epsilon)
    }

    public func postUpdateParams() { iterations += 1 }
}
