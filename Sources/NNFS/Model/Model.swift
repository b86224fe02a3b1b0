/// The book's `Model` (chapters 18-22): a list of layers trained with one loss, optimizer and
/// accuracy.
///
/// ```swift
/// let model = Model()
/// model.add(LayerDense(1, 64))
/// model.add(ActivationReLU())
/// model.add(LayerDense(64, 1))
/// model.add(ActivationLinear())
/// model.set(loss: LossMeanSquaredError(), optimizer: OptimizerAdam(learningRate: 0.005, decay: 1e-3),
///           accuracy: AccuracyRegression())
/// model.finalize()
/// model.train(X, y, epochs: 10000, printEvery: 100)
/// ```
///
/// The book links each layer to its neighbours (`layer.prev`, `layer.next`) and passes
/// `layer.prev.output` forward and `layer.next.dinputs` backward; here ``forward(_:training:)`` and
/// ``backward(_:_:)`` walk ``layers`` in order and hand each layer its neighbour's output or gradient,
/// which is the same computation.
public final class Model {
    /// The layers and activations, in the order they were added.
    public var layers: [any Layer] = []
    public var loss: Loss!
    public var optimizer: (any Optimizer)!
    public var accuracy: Accuracy!
    /// Feeds the first layer (set by ``finalize()``).
    public private(set) var inputLayer = LayerInput()
    /// The layers with weights and biases, in order (set by ``finalize()``).
    public private(set) var trainableLayers: [LayerDense] = []
    /// The last layer, whose `predictions` turn outputs into predictions (set by ``finalize()``).
    public private(set) var outputLayerActivation: (any Activation)!
    /// Softmax + categorical cross-entropy as one step, for the faster combined gradient: set by
    /// ``finalize()`` when the last layer is ``ActivationSoftmax`` and the loss ``LossCategoricalCrossentropy``.
    public private(set) var softmaxClassifierOutput: ActivationSoftmaxLossCategoricalCrossentropy?
    /// Where `train` and `evaluate` print their lines (standard output, as `print`).
    public var printer: (String) -> Void = { print($0) }

    public init() {}

    /// Appends a layer or activation.
    public func add(_ layer: any Layer) {
        layers.append(layer)
    }

    /// Sets the loss, optimizer and accuracy; an argument left out keeps its current value (chapter
    /// 21 sets no optimizer on a model it will not train).
    public func set(loss: Loss? = nil, optimizer: (any Optimizer)? = nil, accuracy: Accuracy? = nil) {
        if let loss { self.loss = loss }
        if let optimizer { self.optimizer = optimizer }
        if let accuracy { self.accuracy = accuracy }
    }

    /// Prepares the model for training: the input layer, the trainable layers (every ``LayerDense``)
    /// which the loss remembers for its regularization, the output layer's activation, and the
    /// combined softmax/cross-entropy gradient when it applies.
    public func finalize() {
        inputLayer = LayerInput()
        trainableLayers = []
        for layer in layers {
            if let dense = layer as? LayerDense {
                trainableLayers.append(dense)
            }
        }
        outputLayerActivation = layers.last as? any Activation
        if let loss {
            loss.rememberTrainableLayers(trainableLayers)
        }
        if layers.last is ActivationSoftmax && loss is LossCategoricalCrossentropy {
            softmaxClassifierOutput = ActivationSoftmaxLossCategoricalCrossentropy()
        } else {
            softmaxClassifierOutput = nil
        }
    }

    /// Runs `X` through every layer (`training` reaches dropout) and returns the last layer's output.
    @discardableResult
    public func forward(_ X: Tensor, training: Bool) -> Tensor {
        inputLayer.forward(X, training: training)
        var previousOutput = inputLayer.output
        for layer in layers {
            layer.forward(previousOutput, training: training)
            previousOutput = layer.output
        }
        return previousOutput
    }

    /// Chapter 18's first `forward(X)`, before the training flag existed: a training pass.
    @discardableResult
    public func forward(_ X: Tensor) -> Tensor {
        forward(X, training: true)
    }

    /// Backpropagates from the loss through every layer, last to first. With the softmax classifier
    /// the combined gradient goes straight into the softmax layer's `dinputs`, and its own (slower,
    /// equal up to rounding) backward is skipped.
    public func backward(_ output: Tensor, _ y: Tensor) {
        if let softmaxClassifierOutput {
            softmaxClassifierOutput.backward(output, y)
            layers[layers.count - 1].dinputs = softmaxClassifierOutput.dinputs
            var nextDinputs = softmaxClassifierOutput.dinputs
            for layer in layers.dropLast().reversed() {
                layer.backward(nextDinputs)
                nextDinputs = layer.dinputs
            }
            return
        }
        loss.backward(output, y)
        var nextDinputs = loss.dinputs
        for layer in layers.reversed() {
            layer.backward(nextDinputs)
            nextDinputs = layer.dinputs
        }
    }
}
