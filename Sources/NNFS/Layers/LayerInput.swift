/// The model's first link (chapter 18): its `output` is the batch of inputs, so the first real
/// layer can read its inputs from the previous object like every other layer.
public final class LayerInput {
    public var output = Tensor.zeros([0])

    public init() {}

    public func forward(_ inputs: Tensor, training: Bool) {
        output = inputs
    }
}
