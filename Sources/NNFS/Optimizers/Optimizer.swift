import Foundation

/// What every optimizer of the book offers: call ``preUpdateParams()`` once per step, then
/// ``updateParams(_:)`` for each trainable layer, then ``postUpdateParams()``.
///
/// Learning-rate decay is the book's 1/t schedule:
/// `currentLearningRate = learningRate * (1 / (1 + decay * iterations))`, in `Double` as Python does.
public protocol Optimizer: AnyObject {
    var learningRate: Double { get }
    var currentLearningRate: Double { get }
    var decay: Double { get }
    var iterations: Int { get }
    func preUpdateParams()
    func updateParams(_ layer: LayerDense)
    func postUpdateParams()
}

/// The 1/t decay, exactly as the book writes it: `lr * (1. / (1. + decay * iterations))`.
func decayedLearningRate(_ learningRate: Double, decay: Double, iterations: Int) -> Double {
    learningRate * (1.0 / (1.0 + decay * Double(iterations)))
}
