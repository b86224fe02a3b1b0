/// Categorical cross-entropy: `-log(p[correct class])` per sample.
///
/// Targets may be sparse (class indices, shape `(samples,)`) or one-hot (shape `(samples, classes)`).
/// Predictions are clipped to `[1e-7, 1 - 1e-7]` first (both bounds rounded to the predictions'
/// dtype, as NumPy 2 does with Python-float bounds), so `log` never sees 0 and a perfect
/// prediction is not rewarded past `-log(1 - 1e-7)`.
public final class LossCategoricalCrossentropy: Loss {
    public override func forward(_ yPred: Tensor, _ yTrue: Tensor) -> Tensor {
        let samples = yPred.length
        let yPredClipped = np.clip(yPred, 1e-7, 1 - 1e-7)
        let correctConfidences: Tensor
        switch yTrue.rank {
        case 1: correctConfidences = yPredClipped[0..<samples, yTrue]
        case 2: correctConfidences = np.sum(yPredClipped * yTrue, axis: 1)
        default: fatalError("targets must be class indices (1-D) or one-hot (2-D), got shape \(pyShape(yTrue.shape))")
        }
        return -np.log(correctConfidences)
    }

    /// `dinputs = -yTrue / dvalues / samples`, with sparse targets turned one-hot by `np.eye(labels)[yTrue]`.
    public override func backward(_ dvalues: Tensor, _ yTrue: Tensor) {
        let samples = dvalues.length
        let labels = dvalues[0].length
        let oneHot = yTrue.rank == 1 ? np.eye(labels)[yTrue] : yTrue
        dinputs = -oneHot / dvalues
        dinputs = dinputs / samples
    }
}
