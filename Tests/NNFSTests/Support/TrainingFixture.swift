import Foundation
@testable import NNFS

/// `scripts/fixtures/gen_training.py`'s output (Fixtures/training.json): the book's chapter 9-10
/// network (spiral data, 2-64-3) stepped by each optimizer, and one full backward pass.
struct TrainingFixture: Decodable, Sendable {
    let numpy: String
    let runs: [Run]
    let backprop: Backprop

    static let cached = CachedFixture(TrainingFixture.self, "training.json")

    /// One optimizer's run: the values after each step.
    struct Run: Decodable, Sendable {
        let name: String
        let steps: [Step]
    }

    /// The loss, the learning rate used (stored as bits) and both layers' parameters after the update.
    struct Step: Decodable, Sendable {
        let loss, lr, w1, b1, w2, b2: TensorRecord
    }

    /// Every gradient of one forward and backward pass of a 2-3-3 network.
    struct Backprop: Decodable, Sendable {
        let loss, softmaxOutput, combinedDinputs, separateDinputs: TensorRecord
        let dweights1, dbiases1, dweights2, dbiases2, dinputs1: TensorRecord

        private enum CodingKeys: String, CodingKey {
            case loss, dweights1, dbiases1, dweights2, dbiases2, dinputs1
            case softmaxOutput = "softmax_output", combinedDinputs = "combined_dinputs", separateDinputs = "separate_dinputs"
        }
    }
}
