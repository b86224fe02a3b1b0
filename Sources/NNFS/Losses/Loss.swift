/// The common part of every loss: `calculate` averages the per-sample losses of `forward`.
///
/// Subclasses override ``forward(_:_:)`` (per-sample losses) and ``backward(_:_:)`` (which sets
/// ``dinputs``, the gradient with respect to the predictions).
///
/// Chapter 14 adds the regularization penalty of a layer (``regularizationLoss(_:)``); chapter 18
/// lets the loss remember the model's trainable layers and sum their penalties
/// (``regularizationLoss()``); chapter 19 accumulates the per-sample losses of a pass over
/// batches (``calculateAccumulated()``, reset by ``newPass()``).
///
/// Dtypes follow the book's Python exactly: the running sums start as Python's `0` (a weak scalar)
/// and take the dtype of what is added, so `float32` losses give `float32` sums and means.
open class Loss {
    /// The gradient of the mean loss with respect to the predictions, from the last `backward`.
    public var dinputs = Tensor.zeros([0])
    /// The layers whose regularization ``regularizationLoss()`` adds up (set by `Model.finalize`).
    public var trainableLayers: [LayerDense] = []
    /// Sum of the per-sample losses since ``newPass()`` (Python `0` until the first `calculate`).
    public var accumulatedSum = Tensor(weak: 0)
    /// Number of samples since ``newPass()``.
    public var accumulatedCount = 0

    public init() {}

    /// Per-sample losses for predictions `yPred` and targets `yTrue`.
    open func forward(_ yPred: Tensor, _ yTrue: Tensor) -> Tensor {
        fatalError("\(type(of: self)) must override forward(_:_:)")
    }

    /// Sets ``dinputs`` from the predictions `dvalues` and targets `yTrue`.
    open func backward(_ dvalues: Tensor, _ yTrue: Tensor) {
        fatalError("\(type(of: self)) must override backward(_:_:)")
    }

    /// The L1/L2 penalty of one layer (chapter 14): `λ₁·Σ|w| + λ₂·Σw²` for weights, then biases,
    /// each term only when its strength is above 0. Python's `0` (an `int64` weak scalar) when
    /// none is set; otherwise `float32` for `float32` parameters.
    public func regularizationLoss(_ layer: LayerDense) -> Tensor {
        addRegularizationLoss(of: layer, to: Tensor(weak: 0))
    }

    /// Chapter 18's form: the penalties of every remembered trainable layer, added into one running
    /// sum in the book's order (layer by layer, weights L1, weights L2, biases L1, biases L2).
    public func regularizationLoss() -> Tensor {
        var regularizationLoss = Tensor(weak: 0)
        for layer in trainableLayers {
            regularizationLoss = addRegularizationLoss(of: layer, to: regularizationLoss)
        }
        return regularizationLoss
    }

    /// `regularizationLoss += ...` for each active term of `layer`. (Python's `+=` on a number
    /// rebinds it, so the sum takes the added term's dtype: written as `x = x + term` here.)
    func addRegularizationLoss(of layer: LayerDense, to total: Tensor) -> Tensor {
        var regularizationLoss = total
        if layer.weightRegularizerL1 > 0 {
            regularizationLoss = regularizationLoss + layer.weightRegularizerL1 * np.sum(np.abs(layer.weights))
        }
        if layer.weightRegularizerL2 > 0 {
            regularizationLoss = regularizationLoss + layer.weightRegularizerL2 * np.sum(layer.weights * layer.weights)
        }
        if layer.biasRegularizerL1 > 0 {
            regularizationLoss = regularizationLoss + layer.biasRegularizerL1 * np.sum(np.abs(layer.biases))
        }
        if layer.biasRegularizerL2 > 0 {
            regularizationLoss = regularizationLoss + layer.biasRegularizerL2 * np.sum(layer.biases * layer.biases)
        }
        return regularizationLoss
    }

    /// Remembers the layers whose penalties ``regularizationLoss()`` sums.
    public func rememberTrainableLayers(_ trainableLayers: [LayerDense]) {
        self.trainableLayers = trainableLayers
    }

    /// `np.mean(self.forward(output, y))`: a 0-D tensor in the losses' dtype. Also adds the
    /// per-sample losses to ``accumulatedSum`` and their count to ``accumulatedCount``.
    @discardableResult
    public func calculate(_ output: Tensor, _ y: Tensor) -> Tensor {
        let sampleLosses = forward(output, y)
        let dataLoss = np.mean(sampleLosses)
        accumulatedSum = accumulatedSum + np.sum(sampleLosses)
        accumulatedCount += sampleLosses.length
        return dataLoss
    }

    /// `calculate(output, y, include_regularization=True)`: the data loss and ``regularizationLoss()``.
    /// (With `includeRegularization: false` the second value is Python's `0`; the book returns the
    /// data loss alone, which is ``calculate(_:_:)``.)
    @discardableResult
    public func calculate(
        _ output: Tensor, _ y: Tensor,
        includeRegularization: Bool
    ) -> (dataLoss: Tensor, regularizationLoss: Tensor) {
        let dataLoss = calculate(output, y)
        return (dataLoss, includeRegularization ? regularizationLoss() : Tensor(weak: 0))
    }

    /// The mean loss over everything since ``newPass()``: `accumulatedSum / accumulatedCount`.
    public func calculateAccumulated() -> Tensor {
        accumulatedSum / accumulatedCount
    }

    /// The accumulated data loss and the current ``regularizationLoss()``.
    public func calculateAccumulated(includeRegularization: Bool) -> (dataLoss: Tensor, regularizationLoss: Tensor) {
        (calculateAccumulated(), includeRegularization ? regularizationLoss() : Tensor(weak: 0))
    }

    /// Resets the accumulated sum and count (start of an epoch or of an evaluation).
    public func newPass() {
        accumulatedSum = Tensor(weak: 0)
        accumulatedCount = 0
    }
}
