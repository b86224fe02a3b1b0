import Foundation

/// Chapter 21's whole-model file (the book pickles the `Model` object), as one safetensors file
/// that other tools can open. Documented in docs/model-format.md; version 1:
///
/// - metadata `format: nnfs-book model`, `version: 1`, and `model`: a JSON description of the
///   layers in order (type and constructor values), the loss, the optimizer (hyperparameters,
///   `iterations`, `currentLearningRate`) and the accuracy;
/// - tensors `layers.<k>.weights` / `layers.<k>.biases` for each ``LayerDense`` at position `k` of
///   ``Model/layers``, its optimizer state when it has one (`layers.<k>.weight_momentums`,
///   `.bias_momentums`, `.weight_cache`, `.bias_cache`), and `accuracy.precision` for a
///   regression accuracy that has computed it.
///
/// As the book's `save`, it keeps what the trained model needs (parameters, optimizer state,
/// settings) and drops what one pass leaves behind (inputs, outputs, gradients, accumulated sums).
public enum ModelFile {
    static let format = "nnfs-book model"
    static let version = "1"

    struct Description: Codable {
        var layers: [LayerPart]
        var loss: String?
        var optimizer: OptimizerPart?
        var accuracy: AccuracyPart?
    }

    struct LayerPart: Codable {
        var type: String
        var inputs: Int?
        var neurons: Int?
        var weightRegularizerL1: Double?
        var weightRegularizerL2: Double?
        var biasRegularizerL1: Double?
        var biasRegularizerL2: Double?
        /// ``LayerDropout/rate``: the keep probability the book stores (`1 - rate` of its constructor).
        var rate: Double?
    }

    struct OptimizerPart: Codable {
        var type: String
        var learningRate: Double
        var decay: Double
        var iterations: Int
        var currentLearningRate: Double
        var epsilon: Double?
        var beta1: Double?
        var beta2: Double?
        var rho: Double?
        var momentum: Double?
    }

    struct AccuracyPart: Codable {
        var type: String
        var binary: Bool?
    }

    nonisolated(unsafe) static let stateNames: [(name: String, path: ReferenceWritableKeyPath<LayerDense, Tensor?>)] = [
        ("weight_momentums", \.weightMomentums), ("bias_momentums", \.biasMomentums),
        ("weight_cache", \.weightCache), ("bias_cache", \.biasCache),
    ]

    static func checkShape(_ tensor: Tensor, _ shape: [Int], _ what: String, _ path: String) throws {
        guard tensor.shape == shape else {
            throw FileError(path, "mismatched shape: \(what) are \(pyShape(tensor.shape)) in the file, the model needs \(pyShape(shape))")
        }
    }

    /// Builds the file's tensors and description of `model`.
    static func encode(_ model: Model, path: String) throws -> (tensors: [(name: String, tensor: Tensor)], metadata: [String: String]) {
        var description = Description(layers: [])
        var tensors: [(name: String, tensor: Tensor)] = []
        for (k, layer) in model.layers.enumerated() {
            var part = LayerPart(type: typeName(layer))
            switch layer {
            case let dense as LayerDense:
                part.inputs = dense.weights.shape.first
                part.neurons = dense.weights.shape.last
                part.weightRegularizerL1 = dense.weightRegularizerL1
                part.weightRegularizerL2 = dense.weightRegularizerL2
                part.biasRegularizerL1 = dense.biasRegularizerL1
                part.biasRegularizerL2 = dense.biasRegularizerL2
                tensors.append(("layers.\(k).weights", dense.weights))
                tensors.append(("layers.\(k).biases", dense.biases))
                for (name, keyPath) in stateNames {
                    if let state = dense[keyPath: keyPath] { tensors.append(("layers.\(k).\(name)", state)) }
                }
            case let dropout as LayerDropout:
                part.rate = dropout.rate
            case is ActivationReLU, is ActivationSoftmax, is ActivationSigmoid, is ActivationLinear:
                break
            default:
                throw FileError(path, "cannot save layer \(k) of type \(part.type) (only the book's layers and activations)")
            }
            description.layers.append(part)
        }
        if let loss = model.loss {
            let name = typeName(loss)
            guard makeLoss(name) != nil else { throw FileError(path, "cannot save a loss of type \(name)") }
            description.loss = name
        }
        if let optimizer = model.optimizer {
            description.optimizer = try optimizerPart(optimizer, path)
        }
        if let accuracy = model.accuracy {
            switch accuracy {
            case let categorical as AccuracyCategorical:
                description.accuracy = AccuracyPart(type: "AccuracyCategorical", binary: categorical.binary)
            case let regression as AccuracyRegression:
                description.accuracy = AccuracyPart(type: "AccuracyRegression")
                if let precision = regression.precision { tensors.append(("accuracy.precision", precision)) }
            default:
                throw FileError(path, "cannot save an accuracy of type \(typeName(accuracy))")
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(description), as: UTF8.self)
        return (tensors, ["format": format, "version": version, "model": json])
    }

    private static func optimizerPart(_ optimizer: any Optimizer, _ path: String) throws -> OptimizerPart {
        var part = OptimizerPart(
            type: typeName(optimizer), learningRate: optimizer.learningRate, decay: optimizer.decay,
            iterations: optimizer.iterations, currentLearningRate: optimizer.currentLearningRate)
        switch optimizer {
        case let adam as OptimizerAdam: part.epsilon = adam.epsilon; part.beta1 = adam.beta1; part.beta2 = adam.beta2
        case let sgd as OptimizerSGD: part.momentum = sgd.momentum
        case let adagrad as OptimizerAdagrad: part.epsilon = adagrad.epsilon
        case let rmsprop as OptimizerRMSprop: part.epsilon = rmsprop.epsilon; part.rho = rmsprop.rho
        default: throw FileError(path, "cannot save an optimizer of type \(part.type)")
        }
        return part
    }

    /// The `Model` a file describes, finalized, with its parameters and state.
    static func decode(_ tensors: [String: Tensor], _ metadata: [String: String], path: String) throws -> Model {
        guard let found = metadata["format"] else {
            throw FileError(
                path, "not an nnfs-book model: its safetensors metadata has no format (a parameter file? load it with model.loadParameters)"
            )
        }
        guard found == format else {
            throw FileError(
                path,
                found == ParameterFile.format
                    ? "this is a parameter file, not a whole model: load it with model.loadParameters"
                    : "not an nnfs-book model (its metadata says format \"\(found)\")")
        }
        guard metadata["version"] == version else {
            throw FileError(
                path, "model format version \(metadata["version"] ?? "(none)") is not supported (this NNFS reads version \(version))")
        }
        let description: Description
        do {
            description = try JSONDecoder().decode(Description.self, from: Data((metadata["model"] ?? "").utf8))
        } catch {
            throw FileError(path, "corrupt model description (metadata \"model\"): \(error)")
        }
        var used = Set<String>()
        func tensor(_ name: String, _ shape: [Int]?, _ what: String) throws -> Tensor {
            guard let t = tensors[name] else { throw FileError(path, "tensor \"\(name)\" (\(what)) is missing") }
            if let shape { try checkShape(t, shape, what, path) }
            used.insert(name)
            return t
        }
        let model = Model()
        var denseLayers: [(LayerDense, Tensor, Tensor)] = []
        var previousNeurons: Int? = nil
        for (k, part) in description.layers.enumerated() {
            switch part.type {
            case "LayerDense":
                guard let inputs = part.inputs, let neurons = part.neurons, inputs >= 0, neurons >= 0 else {
                    throw FileError(path, "corrupt model description: layer \(k) (LayerDense) has no inputs/neurons")
                }
                if let previous = previousNeurons, previous != inputs {
                    throw FileError(
                        path,
                        "mismatched shape: layer \(k) (LayerDense) takes \(inputs) inputs, the dense layer before it gives \(previous)")
                }
                previousNeurons = neurons
                let weights = try tensor("layers.\(k).weights", [inputs, neurons], "layer \(k) weights")
                let biases = try tensor("layers.\(k).biases", [1, neurons], "layer \(k) biases")
                // LayerDense's initializer draws from np.random: keep the program's stream untouched.
                let saved = np.random.state
                np.random.state = RandomState(seed: 0)
                let dense = LayerDense(
                    inputs, neurons,
                    weightRegularizerL1: part.weightRegularizerL1 ?? 0, weightRegularizerL2: part.weightRegularizerL2 ?? 0,
                    biasRegularizerL1: part.biasRegularizerL1 ?? 0, biasRegularizerL2: part.biasRegularizerL2 ?? 0)
                np.random.state = saved
                for (name, keyPath) in stateNames where tensors["layers.\(k).\(name)"] != nil {
                    let shape = name.hasPrefix("weight") ? [inputs, neurons] : [1, neurons]
                    dense[keyPath: keyPath] = try tensor(
                        "layers.\(k).\(name)", shape, "layer \(k) \(name.replacingOccurrences(of: "_", with: " "))")
                }
                denseLayers.append((dense, weights, biases))
                model.add(dense)
            case "LayerDropout":
                guard let rate = part.rate else {
                    throw FileError(path, "corrupt model description: layer \(k) (LayerDropout) has no rate")
                }
                let dropout = LayerDropout(0)
                dropout.rate = rate
                model.add(dropout)
            case "ActivationReLU": model.add(ActivationReLU())
            case "ActivationSoftmax": model.add(ActivationSoftmax())
            case "ActivationSigmoid": model.add(ActivationSigmoid())
            case "ActivationLinear": model.add(ActivationLinear())
            default:
                throw FileError(path, "layer \(k) has unknown type \"\(part.type)\"")
            }
        }
        var loss: Loss? = nil
        if let name = description.loss {
            guard let made = makeLoss(name) else { throw FileError(path, "unknown loss \"\(name)\"") }
            loss = made
        }
        let optimizer = try description.optimizer.map { try makeOptimizer($0, path) }
        var accuracy: Accuracy? = nil
        if let part = description.accuracy {
            switch part.type {
            case "AccuracyCategorical": accuracy = AccuracyCategorical(binary: part.binary ?? false)
            case "AccuracyRegression":
                let regression = AccuracyRegression()
                if tensors["accuracy.precision"] != nil {
                    regression.precision = try tensor("accuracy.precision", nil, "accuracy precision")
                }
                accuracy = regression
            default: throw FileError(path, "unknown accuracy \"\(part.type)\"")
            }
        }
        if let extra = tensors.keys.sorted().first(where: { !used.contains($0) }) {
            throw FileError(path, "tensor \"\(extra)\" does not belong to any layer of the description")
        }
        model.set(loss: loss, optimizer: optimizer, accuracy: accuracy)
        model.finalize()
        for (dense, weights, biases) in denseLayers { dense.setParameters(weights, biases) }
        return model
    }

    private static func makeLoss(_ name: String) -> Loss? {
        switch name {
        case "LossCategoricalCrossentropy": return LossCategoricalCrossentropy()
        case "LossBinaryCrossentropy": return LossBinaryCrossentropy()
        case "LossMeanSquaredError": return LossMeanSquaredError()
        case "LossMeanAbsoluteError": return LossMeanAbsoluteError()
        default: return nil
        }
    }

    private static func makeOptimizer(_ part: OptimizerPart, _ path: String) throws -> any Optimizer {
        let optimizer: any RestorableOptimizer
        switch part.type {
        case "OptimizerAdam":
            optimizer = OptimizerAdam(
                learningRate: part.learningRate, decay: part.decay, epsilon: part.epsilon ?? 1e-7,
                beta1: part.beta1 ?? 0.9, beta2: part.beta2 ?? 0.999)
        case "OptimizerSGD": optimizer = OptimizerSGD(learningRate: part.learningRate, decay: part.decay, momentum: part.momentum ?? 0)
        case "OptimizerAdagrad":
            optimizer = OptimizerAdagrad(learningRate: part.learningRate, decay: part.decay, epsilon: part.epsilon ?? 1e-7)
        case "OptimizerRMSprop":
            optimizer = OptimizerRMSprop(
                learningRate: part.learningRate, decay: part.decay, epsilon: part.epsilon ?? 1e-7, rho: part.rho ?? 0.9)
        default: throw FileError(path, "unknown optimizer \"\(part.type)\"")
        }
        guard part.iterations >= 0 else { throw FileError(path, "corrupt model description: optimizer iterations \(part.iterations)") }
        // The saved rate must be the one the settings give after `iterations` steps: the last
        // `preUpdateParams` decayed it at `iterations - 1`.
        let expected =
            part.decay != 0 && part.iterations > 0
            ? decayedLearningRate(part.learningRate, decay: part.decay, iterations: part.iterations - 1) : part.learningRate
        guard expected.bitPattern == part.currentLearningRate.bitPattern else {
            throw FileError(
                path,
                "optimizer state does not match its settings: iterations \(part.iterations), current learning rate \(part.currentLearningRate)"
            )
        }
        optimizer.iterations = part.iterations
        optimizer.currentLearningRate = part.currentLearningRate
        return optimizer
    }

    /// What loading a model sets directly on an optimizer (its step counter and decayed rate are
    /// read-only outside the module).
    protocol RestorableOptimizer: Optimizer {
        var iterations: Int { get set }
        var currentLearningRate: Double { get set }
    }

    private static func typeName(_ value: Any) -> String { String(describing: type(of: value)) }
}

extension Model {
    /// Chapter 21's `save(path)`: the whole model (layers, loss, optimizer, accuracy, parameters and
    /// optimizer state) in one safetensors file, written atomically (see ``ModelFile``).
    public func save(_ path: String) throws {
        let (tensors, metadata) = try ModelFile.encode(self, path: path)
        try SafeTensors.write(tensors, metadata: metadata, to: path)
    }

    /// Chapter 21's `Model.load(path)`: the model saved by ``save(_:)``, finalized and ready to
    /// `evaluate` or `predict` (the book's loaded model is used without calling `finalize`).
    public static func load(_ path: String) throws -> Model {
        let (tensors, metadata) = try SafeTensors.read(path)
        return try ModelFile.decode(tensors, metadata, path: path)
    }
}

extension OptimizerSGD: ModelFile.RestorableOptimizer {}
extension OptimizerAdagrad: ModelFile.RestorableOptimizer {}
extension OptimizerRMSprop: ModelFile.RestorableOptimizer {}
extension OptimizerAdam: ModelFile.RestorableOptimizer {}
