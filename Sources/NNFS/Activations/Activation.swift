/// An activation function: a ``Layer`` that can also turn the model's outputs into predictions
/// (chapter 18's `predictions` method), used when it is the model's last layer.
public protocol Activation: Layer {
    /// Class indices, 0/1 decisions or values, depending on the activation.
    func predictions(_ outputs: Tensor) -> Tensor
}
