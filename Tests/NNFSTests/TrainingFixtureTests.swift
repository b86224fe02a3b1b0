import Foundation
import Testing
@testable import NNFS

/// `scripts/fixtures/gen_training.py`: the book's chapter 9-10 classes run with NumPy.
@Suite struct TrainingFixtureTests {
    let fx: TrainingFixture

    init() throws { fx = try TrainingFixture.cached.get() }

    func expectSame(_ got: Tensor, _ want: TensorRecord, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let w = want.tensor
        #expect(
            got.shape == w.shape && got.dtype == w.dtype, "\(what): \(got.dtype)\(got.shape) vs \(w.dtype)\(w.shape)",
            sourceLocation: sourceLocation)
        let g = got.doubles, e = w.doubles
        if g.count == e.count, let i = g.indices.first(where: { g[$0].bitPattern != e[$0].bitPattern }) {
            Issue.record("\(what): element \(i) is \(g[i]), the book's code gives \(e[i])", sourceLocation: sourceLocation)
        }
    }

    /// The book's network: spiral data, 2-64-3, softmax + cross-entropy, stepped by `optimizer`.
    func train(_ optimizer: Optimizer, steps: Int, check: (Int, Tensor, LayerDense, LayerDense) -> Void) {
        withGlobalState {
            nnfsInit()
            let (X, y) = spiralData(samples: 100, classes: 3)
            let dense1 = LayerDense(2, 64), relu = ActivationReLU(), dense2 = LayerDense(64, 3)
            let lossActivation = ActivationSoftmaxLossCategoricalCrossentropy()
            for step in 0..<steps {
                dense1.forward(X)
                relu.forward(dense1.output)
                dense2.forward(relu.output)
                let loss = lossActivation.forward(dense2.output, y)
                lossActivation.backward(lossActivation.output, y)
                dense2.backward(lossActivation.dinputs)
                relu.backward(dense2.dinputs)
                dense1.backward(relu.dinputs)
                optimizer.preUpdateParams()
                optimizer.updateParams(dense1)
                optimizer.updateParams(dense2)
                optimizer.postUpdateParams()
                check(step, loss, dense1, dense2)
            }
        }
    }

    @Test(arguments: ["sgd", "sgd_decay_momentum", "adagrad", "rmsprop", "adam"])
    func optimizerStepsMatchTheBooksCode(name: String) throws {
        let run = try #require(fx.runs.first { $0.name == name })
        let steps = run.steps
        let optimizer: Optimizer =
            switch name {
            case "sgd": OptimizerSGD()
            case "sgd_decay_momentum": OptimizerSGD(decay: 1e-3, momentum: 0.9)
            case "adagrad": OptimizerAdagrad(decay: 1e-4)
            case "rmsprop": OptimizerRMSprop(learningRate: 0.02, decay: 1e-5, rho: 0.999)
            default: OptimizerAdam(learningRate: 0.05, decay: 5e-7)
            }
        train(optimizer, steps: steps.count) { step, loss, dense1, dense2 in
            let want = steps[step]
            expectSame(loss, want.loss, "\(name) step \(step) loss")
            // Stored as bits: Foundation's JSON parser does not round every decimal correctly.
            expectSame(Tensor(scalar: optimizer.currentLearningRate), want.lr, "\(name) step \(step) lr")
            expectSame(dense1.weights, want.w1, "\(name) step \(step) dense1.weights")
            expectSame(dense1.biases, want.b1, "\(name) step \(step) dense1.biases")
            expectSame(dense2.weights, want.w2, "\(name) step \(step) dense2.weights")
            expectSame(dense2.biases, want.b2, "\(name) step \(step) dense2.biases")
        }
    }

    @Test func everyGradientOfOnePassMatchesTheBooksCode() {
        let b = fx.backprop
        withGlobalState {
            nnfsInit()
            let (X, y) = spiralData(samples: 100, classes: 3)
            let dense1 = LayerDense(2, 3), relu = ActivationReLU(), dense2 = LayerDense(3, 3)
            let lossActivation = ActivationSoftmaxLossCategoricalCrossentropy()
            dense1.forward(X); relu.forward(dense1.output); dense2.forward(relu.output)
            let loss = lossActivation.forward(dense2.output, y)
            lossActivation.backward(lossActivation.output, y)
            dense2.backward(lossActivation.dinputs); relu.backward(dense2.dinputs); dense1.backward(relu.dinputs)
            let softmax = ActivationSoftmax(), cce = LossCategoricalCrossentropy()
            softmax.output = lossActivation.output
            cce.backward(softmax.output, y)
            softmax.backward(cce.dinputs)
            expectSame(loss, b.loss, "loss")
            expectSame(lossActivation.output, b.softmaxOutput, "softmax output")
            expectSame(lossActivation.dinputs, b.combinedDinputs, "combined dinputs")
            expectSame(softmax.dinputs, b.separateDinputs, "separate softmax/loss dinputs")
            expectSame(dense1.dweights, b.dweights1, "dense1.dweights")
            expectSame(dense1.dbiases, b.dbiases1, "dense1.dbiases")
            expectSame(dense2.dweights, b.dweights2, "dense2.dweights")
            expectSame(dense2.dbiases, b.dbiases2, "dense2.dbiases")
            expectSame(dense1.dinputs, b.dinputs1, "dense1.dinputs")
        }
    }
}
