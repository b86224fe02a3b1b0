import Foundation
import Testing
@testable import NNFS

/// `scripts/fixtures/gen_model.py`'s output (Fixtures/model.json): the book's chapter 14-22 classes
/// run with NumPy. The layer sections hold every value of a few training steps; the `model_*`
/// sections what the book's `Model` printed and its final parameters.
struct ModelFixture: Decodable, Sendable {
    let numpy: String
    let regularization, dropout, binary, regressionMSE, regressionMAE: LayerRun
    let modelRegression, modelRegressionMAE, modelBinary, modelDropoutSoftmax, modelBatches, modelBinaryBatches: ModelRun

    static let cached = CachedFixture(ModelFixture.self, "model.json")

    private enum CodingKeys: String, CodingKey {
        case numpy, regularization, dropout, binary
        case regressionMSE = "regression_mse", regressionMAE = "regression_mae"
        case modelRegression = "model_regression", modelRegressionMAE = "model_regression_mae", modelBinary = "model_binary"
        case modelDropoutSoftmax = "model_dropout_softmax", modelBatches = "model_batches", modelBinaryBatches = "model_binary_batches"
    }

    /// A hand-written training loop: per step, named values (`"loss"`, `"dense1.weights"`, ...).
    struct LayerRun: Decodable, Sendable {
        let steps: [[String: TensorRecord]]
        /// regularization: the loss of a layer without regularizers.
        let noRegularizer: TensorRecord?
        /// dropout: the layer's stored rate and its output when not training.
        let rate, predictOutput: TensorRecord?
        /// regression: the accuracy precision (`np.std(y) / 250`).
        let precision: TensorRecord?

        private enum CodingKeys: String, CodingKey {
            case steps, rate, precision
            case noRegularizer = "no_regularizer", predictOutput = "predict_output"
        }
    }

    /// A `Model` run: its printed lines and final parameters (plus evaluate/predict for batches).
    struct ModelRun: Decodable, Sendable {
        let lines: [String]
        let parameters: [LayerParameters]
        let evaluateLines, evaluate2Lines: [String]?
        let confidences, predictions: TensorRecord?

        private enum CodingKeys: String, CodingKey {
            case lines, parameters, confidences, predictions
            case evaluateLines = "evaluate_lines", evaluate2Lines = "evaluate2_lines"
        }
    }

    /// `model.get_parameters()`'s `(weights, biases)` tuple, a two-element JSON array.
    struct LayerParameters: Decodable, Sendable {
        let weights, biases: TensorRecord

        init(from decoder: any Decoder) throws {
            var pair = try decoder.unkeyedContainer()
            weights = try pair.decode(TensorRecord.self)
            biases = try pair.decode(TensorRecord.self)
            guard pair.isAtEnd else {
                throw DecodingError.dataCorruptedError(in: pair, debugDescription: "expected [weights, biases], found more")
            }
        }
    }
}

/// Bit-for-bit equality of a tensor with a fixture value (dtype, shape, every element's bits).
/// The fixture dtype `pyint` is Python's `int` (a weak `int64` scalar here); a value missing from
/// the fixture (`nil`) is a failure.
func expectBitIdentical(_ got: Tensor, _ want: TensorRecord?, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
    guard let want else {
        Issue.record("\(what): not in the fixture", sourceLocation: sourceLocation)
        return
    }
    if want.dtype == "pyint" {
        #expect(
            got.dtype == .int64 && got.isWeakScalar && got.shape == [] && got.ints == want.ints,
            "\(what): \(got.dtype)\(got.shape) weak=\(got.isWeakScalar), want Python int \(want.ints)", sourceLocation: sourceLocation)
        return
    }
    let w = want.tensor
    #expect(
        got.shape == w.shape && got.dtype == w.dtype, "\(what): \(got.dtype)\(got.shape) vs \(w.dtype)\(w.shape)",
        sourceLocation: sourceLocation)
    let g = got.doubles, e = w.doubles
    if g.count == e.count, let i = g.indices.first(where: { g[$0].bitPattern != e[$0].bitPattern }) {
        Issue.record("\(what): element \(i) is \(g[i]), the book's code gives \(e[i])", sourceLocation: sourceLocation)
    }
}

/// Checks a dense layer against the fixture's `prefix.weights`, `.biases`, `.dweights`, `.dbiases`
/// (and `.dinputs` when stored).
func expectDense(
    _ layer: LayerDense, _ record: [String: TensorRecord], _ prefix: String, _ what: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    expectBitIdentical(layer.weights, record["\(prefix).weights"], "\(what) \(prefix).weights", sourceLocation: sourceLocation)
    expectBitIdentical(layer.biases, record["\(prefix).biases"], "\(what) \(prefix).biases", sourceLocation: sourceLocation)
    expectBitIdentical(layer.dweights, record["\(prefix).dweights"], "\(what) \(prefix).dweights", sourceLocation: sourceLocation)
    expectBitIdentical(layer.dbiases, record["\(prefix).dbiases"], "\(what) \(prefix).dbiases", sourceLocation: sourceLocation)
    if let dinputs = record["\(prefix).dinputs"] {
        expectBitIdentical(layer.dinputs, dinputs, "\(what) \(prefix).dinputs", sourceLocation: sourceLocation)
    }
}
