/// The common part of every loss: `calculate` averages the per-sample losses of `forward`.
///
/// Subclasses override ``forward(_:_:)`` (per-sample losses) and ``backward(_:_:)`` (which sets
/// ``dinputs``, the gradient with respect to the predictions).
open class Loss {
    /// The gradient of the mean loss with respect to the predictions, from the last `backward`.
    public var dinputs = Tensor.zeros([0])

    public init() {}

    /// Per-sample losses for predictions `yPred` and targets `yTrue`.
    open func forward(_ yPred: Tensor, _ yTrue: Tensor) -> Tensor {
        fatalError("\(type(of: self)) must override forward(_:_:)")
    }

    /// Sets ``dinputs`` from the predictions `dvalues` and targets `yTrue`.
    open func backward(_ dvalues: Tensor, _ yTrue: Tensor) {
        fatalError("\(type(of: self)) must override backward(_:_:)")
    }

    /// `np.mean(self.forward(output, y))`: a 0-D tensor in the predictions' dtype.
    public func calculate(_ output: Tensor, _ y: Tensor) -> Tensor {
        np.mean(forward(output, y))
    }
}
