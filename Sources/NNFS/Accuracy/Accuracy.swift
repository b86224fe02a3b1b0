/// The common part of chapter 18's accuracy classes: `calculate` is the mean of `compare`'s
/// element-wise matches; chapter 19 accumulates matches over the batches of a pass.
///
/// Subclasses override ``compare(_:_:)`` and, where they need the targets first, `` `init`(_:reinit:) ``
/// (the book's method is named `init`; in Swift it is spelled with backticks, `` accuracy.`init`(y) ``,
/// and ``Model/train(_:_:epochs:batchSize:printEvery:validationData:)`` calls it).
open class Accuracy {
    /// Number of matches since ``newPass()`` (Python `0` until the first `calculate`; then `int64`).
    public var accumulatedSum = Tensor(weak: 0)
    /// Number of compared values since ``newPass()``.
    public var accumulatedCount = 0

    public init() {}

    /// Prepares for the targets `y` (the book's `init(y)`); nothing by default.
    open func `init`(_ y: Tensor, reinit: Bool = false) {}

    /// Element-wise matches (a boolean tensor) of `predictions` against `y`.
    open func compare(_ predictions: Tensor, _ y: Tensor) -> Tensor {
        fatalError("\(type(of: self)) must override compare(_:_:)")
    }

    /// `np.mean(compare(predictions, y))` (`float64`); adds the matches to the running sums.
    @discardableResult
    public func calculate(_ predictions: Tensor, _ y: Tensor) -> Tensor {
        let comparisons = compare(predictions, y)
        let accuracy = np.mean(comparisons)
        accumulatedSum = accumulatedSum + np.sum(comparisons)
        accumulatedCount += comparisons.length
        return accuracy
    }

    /// The accuracy over everything since ``newPass()``: `accumulatedSum / accumulatedCount`.
    public func calculateAccumulated() -> Tensor {
        accumulatedSum / accumulatedCount
    }

    /// Resets the running sums.
    public func newPass() {
        accumulatedSum = Tensor(weak: 0)
        accumulatedCount = 0
    }
}
