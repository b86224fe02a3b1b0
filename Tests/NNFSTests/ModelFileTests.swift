import Foundation
import Testing
@testable import NNFS

// Model.save / Model.load / saveParameters / loadParameters: a trained model survives the round
// trip exactly (predictions, parameters, optimizer state: training on continues identically), and
// bad files get errors naming the file and the problem.

@Suite("Model files: save -> load -> identical model")
struct ModelFileTests {
    enum Kind: String, CaseIterable { case categorical, regression, binary }

    /// A small trained model of each kind, and its training data.
    static func trained(_ kind: Kind) -> (Model, Tensor, Tensor) {
        nnfsInit()
        let model = Model()
        model.printer = { _ in }
        var X: Tensor, y: Tensor
        switch kind {
        case .categorical:
            (X, y) = spiralData(samples: 60, classes: 3)
            model.add(LayerDense(2, 16, weightRegularizerL2: 5e-4, biasRegularizerL2: 5e-4))
            model.add(ActivationReLU())
            model.add(LayerDropout(0.1))
            model.add(LayerDense(16, 3))
            model.add(ActivationSoftmax())
            model.set(
                loss: LossCategoricalCrossentropy(), optimizer: OptimizerAdam(learningRate: 0.05, decay: 5e-5),
                accuracy: AccuracyCategorical())
        case .regression:
            (X, y) = sineData(samples: 200)
            model.add(LayerDense(1, 8))
            model.add(ActivationReLU())
            model.add(LayerDense(8, 1))
            model.add(ActivationLinear())
            model.set(
                loss: LossMeanSquaredError(), optimizer: OptimizerSGD(learningRate: 0.01, decay: 1e-3, momentum: 0.9),
                accuracy: AccuracyRegression())
        case .binary:
            (X, y) = spiralData(samples: 50, classes: 2)
            y = y.reshape(-1, 1)
            model.add(LayerDense(2, 8, weightRegularizerL1: 1e-4))
            model.add(ActivationReLU())
            model.add(LayerDense(8, 1))
            model.add(ActivationSigmoid())
            model.set(
                loss: LossBinaryCrossentropy(), optimizer: OptimizerRMSprop(learningRate: 0.01, decay: 1e-4),
                accuracy: AccuracyCategorical(binary: true))
        }
        model.finalize()
        model.train(X, y, epochs: 3, batchSize: 32, printEvery: 100)
        return (model, X, y)
    }

    static func bits(_ t: Tensor) -> [UInt64] {
        t.dtype == .float32 ? t.floats.map { UInt64($0.bitPattern) } : t.doubles.map(\.bitPattern)
    }

    static func sameParameters(_ a: Model, _ b: Model) -> Bool {
        let (p, q) = (a.getParameters(), b.getParameters())
        return p.count == q.count
            && zip(p, q).allSatisfy {
                $0.weights.dtype == $1.weights.dtype && bits($0.weights) == bits($1.weights) && bits($0.biases) == bits($1.biases)
            }
    }

    @Test(arguments: Kind.allCases)
    func saveLoadGivesTheSameModel(kind: Kind) throws {
        try withGlobalState {
            let (model, X, y) = Self.trained(kind)
            try ImageFixture.withTemporaryFolder { dir in
                let path = dir + "/\(kind).model"
                try model.save(path)
                #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["\(kind).model"])
                let stream = np.random.state.getState().bitGenerator
                let loaded = try Model.load(path)
                #expect(np.random.state.getState().bitGenerator == stream, "loading must not draw random numbers")
                loaded.printer = { _ in }
                #expect(loaded.layers.map { String(describing: type(of: $0)) } == model.layers.map { String(describing: type(of: $0)) })
                #expect(Self.bits(loaded.predict(X)) == Self.bits(model.predict(X)))
                #expect(Self.sameParameters(model, loaded))
                #expect(loaded.optimizer.iterations == model.optimizer.iterations && model.optimizer.iterations > 0)
                #expect(loaded.optimizer.currentLearningRate == model.optimizer.currentLearningRate)
                // Training on from the loaded model (optimizer state included) matches training on the original.
                np.random.seed(5)
                model.train(X, y, epochs: 2, batchSize: 32, printEvery: 100)
                np.random.seed(5)
                loaded.train(X, y, epochs: 2, batchSize: 32, printEvery: 100)
                #expect(Self.sameParameters(model, loaded))
            }
        }
    }

    @Test func parametersRoundTripIntoAFreshModel() throws {
        try withGlobalState {
            let (model, X, _) = Self.trained(.categorical)
            try ImageFixture.withTemporaryFolder { dir in
                try model.saveParameters(dir + "/fashion.parms")
                let fresh = Model()
                fresh.add(LayerDense(2, 16)); fresh.add(ActivationReLU()); fresh.add(LayerDropout(0.1))
                fresh.add(LayerDense(16, 3)); fresh.add(ActivationSoftmax())
                fresh.set(loss: LossCategoricalCrossentropy(), accuracy: AccuracyCategorical())
                fresh.finalize()
                try fresh.loadParameters(dir + "/fashion.parms")
                #expect(Self.sameParameters(model, fresh))
                #expect(Self.bits(fresh.predict(X)) == Self.bits(model.predict(X)))
            }
        }
    }

    @Test func badModelFiles() throws {
        try withGlobalState {
            let (model, _, _) = Self.trained(.categorical)
            try ImageFixture.withTemporaryFolder { dir in
                let good = dir + "/good.model"
                try model.save(good)
                let (tensors, metadata) = try SafeTensors.read(good)
                func variant(_ name: String, tensors t: [String: Tensor] = tensors, metadata m: [String: String] = metadata) throws
                    -> String
                {
                    let path = dir + "/" + name
                    try SafeTensors.write(t.map { (name: $0.key, tensor: $0.value) }, metadata: m, to: path)
                    return path
                }
                func loadError(_ path: String) -> FileError? { ImageFixture.fileError { _ = try Model.load(path) } }

                var m = metadata; m["version"] = "2"
                var path = try variant("v2.model", metadata: m)
                #expect(loadError(path) == FileError(path, "model format version 2 is not supported (this NNFS reads version 1)"))

                var t = tensors; t["layers.0.weights"] = Tensor(float32: [Float](repeating: 0, count: 48), shape: [3, 16])
                path = try variant("shape.model", tensors: t)
                #expect(
                    loadError(path) == FileError(path, "mismatched shape: layer 0 weights are (3, 16) in the file, the model needs (2, 16)")
                )

                t = tensors; t["layers.3.biases"] = nil
                path = try variant("missing.model", tensors: t)
                #expect(loadError(path) == FileError(path, "tensor \"layers.3.biases\" (layer 3 biases) is missing"))

                m = metadata; m["model"] = "{\"layers\": [{\"type\": \"LayerConv2D\"}]}"
                path = try variant("unknown.model", metadata: m)
                #expect(loadError(path)?.reason == "layer 0 has unknown type \"LayerConv2D\"")

                m = metadata; m["model"] = "{not json"
                path = try variant("json.model", metadata: m)
                #expect(loadError(path)?.reason.hasPrefix("corrupt model description (metadata \"model\"): ") == true)

                let bytes = try readFileBytes(good)
                try AtomicWrite.writeFile(Array(bytes.prefix(bytes.count / 2)), to: dir + "/truncated.model")
                #expect(loadError(dir + "/truncated.model")?.reason.hasPrefix("truncated: ") == true)
                try AtomicWrite.writeFile(Array(bytes.dropLast(5)), to: dir + "/short.model")
                #expect(loadError(dir + "/short.model")?.reason.hasPrefix("truncated: the header describes ") == true)

                // a parameter file is not a model, and a model is not a parameter file
                try model.saveParameters(dir + "/p.parms")
                #expect(
                    loadError(dir + "/p.parms")?.reason == "this is a parameter file, not a whole model: load it with model.loadParameters")
                #expect(
                    ImageFixture.fileError { try model.loadParameters(good) }?.reason
                        == "this is a whole model (format \"nnfs-book model\"), not a parameter file: load it with Model.load")
                #expect(loadError(dir + "/nothing.model") == FileError(dir + "/nothing.model", "no such file"))

                // parameters of another architecture
                let other = Model()
                other.add(LayerDense(2, 32)); other.add(ActivationReLU()); other.add(LayerDense(32, 3)); other.add(ActivationSoftmax())
                other.finalize()
                #expect(
                    ImageFixture.fileError { try other.loadParameters(dir + "/p.parms") }?.reason
                        == "mismatched shape: layer 0 weights are (2, 16) in the file, the model needs (2, 32)")
                let unfinalized = Model()
                unfinalized.add(LayerDense(2, 16)); unfinalized.add(LayerDense(16, 3))
                #expect(
                    ImageFixture.fileError { try unfinalized.loadParameters(dir + "/p.parms") }?.reason
                        == "holds parameters for 2 dense layers, the model has 0 (call model.finalize() before loadParameters)")
            }
        }
    }

    /// The file is plain safetensors: the description sits in its metadata as JSON.
    @Test func fileIsReadableSafetensorsWithADescription() throws {
        try withGlobalState {
            let (model, _, _) = Self.trained(.regression)
            try ImageFixture.withTemporaryFolder { dir in
                try model.save(dir + "/sine.model")
                let (tensors, metadata) = try SafeTensors.read(dir + "/sine.model")
                #expect(metadata["format"] == "nnfs-book model" && metadata["version"] == "1")
                #expect(
                    tensors.keys.sorted() == [
                        "accuracy.precision", "layers.0.bias_momentums", "layers.0.biases", "layers.0.weight_momentums",
                        "layers.0.weights", "layers.2.bias_momentums", "layers.2.biases", "layers.2.weight_momentums", "layers.2.weights",
                    ])
                let json = try #require(metadata["model"], "no model description in the metadata")
                let description = try FixtureFile.decode(ModelDescription.self, from: Data(json.utf8), name: "sine.model's description")
                #expect(description.loss == "LossMeanSquaredError")
                #expect(description.optimizer.momentum == 0.9)
                #expect(
                    description.layers.map(\.type) == [
                        "LayerDense", "ActivationReLU", "LayerDense", "ActivationLinear",
                    ])
            }
        }
    }
}

/// The model file's JSON description as docs/model-format.md documents it (the fields read here),
/// decoded independently of the `Codable` types that write it.
private struct ModelDescription: Decodable {
    let loss: String
    let optimizer: Optimizer
    let layers: [Layer]

    struct Optimizer: Decodable {
        let type: String
        let momentum: Double?
    }

    struct Layer: Decodable {
        let type: String
    }
}
