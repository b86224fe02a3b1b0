extension Model {
    /// Chapter 21's `get_parameters`: `(weights, biases)` of every trainable layer, in order.
    public func getParameters() -> [(weights: Tensor, biases: Tensor)] {
        var parameters: [(weights: Tensor, biases: Tensor)] = []
        for layer in trainableLayers {
            parameters.append(layer.getParameters())
        }
        return parameters
    }

    /// Chapter 21's `set_parameters`: gives each trainable layer its `(weights, biases)`, in order
    /// (call ``finalize()`` first; extra entries on either side are ignored, as Python's `zip`).
    public func setParameters(_ parameters: [(weights: Tensor, biases: Tensor)]) {
        for (parameterSet, layer) in zip(parameters, trainableLayers) {
            layer.setParameters(parameterSet.weights, parameterSet.biases)
        }
    }
}
