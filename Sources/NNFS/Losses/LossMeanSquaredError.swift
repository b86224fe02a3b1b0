/// Mean squared error, the L2 loss (chapter 17): `mean((yTrue - yPred)²)` over a sample's outputs.
public final class LossMeanSquaredError: Loss {
    public override func forward(_ yPred: Tensor, _ yTrue: Tensor) -> Tensor {
        let sampleLosses = np.mean(np.square(yTrue - yPred), axis: -1)
        return sampleLosses
    }

    /// `dinputs = -2 * (yTrue - dvalues) / outputs / samples`.
    public override func backward(_ dvalues: Tensor, _ yTrue: Tensor) {
        let samples = dvalues.length
        let outputs = dvalues[0].length
        dinputs = -2 * (yTrue - dvalues) / outputs
        dinputs = dinputs / samples
    }
}
