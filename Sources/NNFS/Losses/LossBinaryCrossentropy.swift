/// Binary cross-entropy (chapter 16): for each output `p` with target `t` (0 or 1),
/// `-(t·log(p) + (1 - t)·log(1 - p))`, averaged over a sample's outputs (the last axis).
///
/// Predictions are clipped to `[1e-7, 1 - 1e-7]` first, as in categorical cross-entropy.
/// Targets have the predictions' shape: `(samples, outputs)`, so the book reshapes the spiral
/// labels with `y.reshape(-1, 1)`.
public final class LossBinaryCrossentropy: Loss {
    public override func forward(_ yPred: Tensor, _ yTrue: Tensor) -> Tensor {
        let yPredClipped = np.clip(yPred, 1e-7, 1 - 1e-7)
        var sampleLosses = -(yTrue * np.log(yPredClipped) + (1 - yTrue) * np.log(1 - yPredClipped))
        sampleLosses = np.mean(sampleLosses, axis: -1)
        return sampleLosses
    }

    /// `dinputs = -(t / p - (1 - t) / (1 - p)) / outputs / samples`, with `p` clipped as in `forward`.
    public override func backward(_ dvalues: Tensor, _ yTrue: Tensor) {
        let samples = dvalues.length
        let outputs = dvalues[0].length
        let clippedDvalues = np.clip(dvalues, 1e-7, 1 - 1e-7)
        dinputs = -(yTrue / clippedDvalues - (1 - yTrue) / (1 - clippedDvalues)) / outputs
        dinputs = dinputs / samples
    }
}
