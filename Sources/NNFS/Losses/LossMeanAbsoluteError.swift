/// Mean absolute error, the L1 loss (chapter 17): `mean(|yTrue - yPred|)` over a sample's outputs.
public final class LossMeanAbsoluteError: Loss {
    public override func forward(_ yPred: Tensor, _ yTrue: Tensor) -> Tensor {
        let sampleLosses = np.mean(np.abs(yTrue - yPred), axis: -1)
        return sampleLosses
    }

    /// `dinputs = sign(yTrue - dvalues) / outputs / samples`.
    public override func backward(_ dvalues: Tensor, _ yTrue: Tensor) {
        let samples = dvalues.length
        let outputs = dvalues[0].length
        dinputs = np.sign(yTrue - dvalues) / outputs
        dinputs = dinputs / samples
    }
}
