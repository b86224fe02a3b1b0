/// Regression "accuracy" (chapters 17-18): the fraction of predictions within ``precision`` of the
/// target, where the precision is `np.std(y) / 250` of the training targets.
public final class AccuracyRegression: Accuracy {
    /// `np.std(y) / 250` (a `float64` 0-D tensor for `float64` targets); `nil` until `init`.
    public var precision: Tensor?

    public override init() {}

    /// Sets the precision from `y` the first time, or again when `reinit` is true.
    public override func `init`(_ y: Tensor, reinit: Bool = false) {
        if precision == nil || reinit {
            precision = np.std(y) / 250
        }
    }

    /// `np.absolute(predictions - y) < precision`.
    public override func compare(_ predictions: Tensor, _ y: Tensor) -> Tensor {
        guard let precision else { fatalError("AccuracyRegression: call `init`(y) before compare (Model.train does)") }
        return np.absolute(predictions - y) .< precision
    }
}
