/// What every layer and activation of the book offers, and what ``Model`` chains together.
///
/// The book's classes share these members by convention (duck typing); here they are a protocol.
/// `forward(inputs, training:)` is chapter 18's form: a layer that behaves differently when
/// predicting (``LayerDropout``) looks at `training`, the others ignore it. Chapters 14-17 call
/// `forward(inputs)`, which is `forward(inputs, training: true)`.
public protocol Layer: AnyObject {
    /// The result of the last forward pass.
    var output: Tensor { get }
    /// The gradient of the loss with respect to the last forward pass's inputs, from `backward`.
    /// Settable: the model writes the combined softmax/cross-entropy gradient into the last layer.
    var dinputs: Tensor { get set }
    func forward(_ inputs: Tensor, training: Bool)
    func backward(_ dvalues: Tensor)
}

extension Layer {
    /// `forward(inputs)` as chapters 14-17 call it: a training pass.
    public func forward(_ inputs: Tensor) {
        forward(inputs, training: true)
    }
}
