import Testing
@testable import NNFS

/// Chapters 14-17 against the book's own classes (`scripts/fixtures/gen_model.py`): every value of a
/// few training steps, bit for bit, dtypes included.
@Suite struct LayerFixtureTests {
    @Test func regularizationMatchesTheBooksCode() throws {
        let fixture = try ModelFixture.cached.get().regularization
        let steps = fixture.steps
        withGlobalState {
            nnfsInit()
            let (X, y) = spiralData(samples: 100, classes: 3)
            let dense1 = LayerDense(
                2, 64, weightRegularizerL1: 5e-4, weightRegularizerL2: 5e-4,
                biasRegularizerL1: 2e-4, biasRegularizerL2: 5e-4)
            let activation1 = ActivationReLU()
            let dense2 = LayerDense(64, 3, weightRegularizerL2: 1e-3)
            let lossActivation = ActivationSoftmaxLossCategoricalCrossentropy()
            let optimizer = OptimizerAdam(learningRate: 0.02, decay: 5e-7)
            for (step, want) in steps.enumerated() {
                dense1.forward(X)
                activation1.forward(dense1.output)
                dense2.forward(activation1.output)
                let dataLoss = lossActivation.forward(dense2.output, y)
                let reg1 = lossActivation.loss.regularizationLoss(dense1)
                let reg2 = lossActivation.loss.regularizationLoss(dense2)
                let regularizationLoss = reg1 + reg2
                let loss = dataLoss + regularizationLoss
                lossActivation.backward(lossActivation.output, y)
                dense2.backward(lossActivation.dinputs)
                activation1.backward(dense2.dinputs)
                dense1.backward(activation1.dinputs)
                let what = "step \(step)"
                expectBitIdentical(dataLoss, want["data_loss"], "\(what) data loss")
                expectBitIdentical(reg1, want["reg1"], "\(what) dense1 regularization loss")
                expectBitIdentical(reg2, want["reg2"], "\(what) dense2 regularization loss")
                expectBitIdentical(loss, want["loss"], "\(what) loss")
                expectDense(dense1, want, "dense1", what)
                expectDense(dense2, want, "dense2", what)
                optimizer.preUpdateParams()
                optimizer.updateParams(dense1)
                optimizer.updateParams(dense2)
                optimizer.postUpdateParams()
                expectBitIdentical(dense1.weights, want["dense1.updated"], "\(what) dense1 weights after Adam")
                expectBitIdentical(dense2.biases, want["dense2.updated"], "\(what) dense2 biases after Adam")
            }
            let none = LossCategoricalCrossentropy().regularizationLoss(LayerDense(2, 3))
            expectBitIdentical(none, fixture.noRegularizer, "no regularizer")
            #expect("\(none, fixed: 3)" == "0.000")
        }
    }

    @Test func dropoutMatchesTheBooksCode() throws {
        let fixture = try ModelFixture.cached.get().dropout
        let steps = fixture.steps
        withGlobalState {
            nnfsInit()
            let (X, y) = spiralData(samples: 20, classes: 3)
            let dense1 = LayerDense(2, 16, weightRegularizerL2: 5e-4, biasRegularizerL2: 5e-4)
            let activation1 = ActivationReLU()
            let dropout1 = LayerDropout(0.1)
            let dense2 = LayerDense(16, 3)
            let lossActivation = ActivationSoftmaxLossCategoricalCrossentropy()
            let optimizer = OptimizerSGD(learningRate: 0.5, decay: 1e-3, momentum: 0.9)
            expectBitIdentical(Tensor(scalar: dropout1.rate), fixture.rate, "rate")
            for (step, want) in steps.enumerated() {
                dense1.forward(X)
                activation1.forward(dense1.output)
                dropout1.forward(activation1.output)
                dense2.forward(dropout1.output)
                let loss = lossActivation.forward(dense2.output, y)
                lossActivation.backward(lossActivation.output, y)
                dense2.backward(lossActivation.dinputs)
                dropout1.backward(dense2.dinputs)
                activation1.backward(dropout1.dinputs)
                dense1.backward(activation1.dinputs)
                let what = "step \(step)"
                expectBitIdentical(loss, want["loss"], "\(what) loss")
                expectBitIdentical(dropout1.binaryMask, want["binary_mask"], "\(what) binary mask")
                expectBitIdentical(dropout1.output, want["dropout.output"], "\(what) dropout output")
                expectBitIdentical(dropout1.dinputs, want["dropout.dinputs"], "\(what) dropout dinputs")
                expectBitIdentical(dense2.output, want["dense2.output"], "\(what) dense2 output")
                expectDense(dense1, want, "dense1", what)
                optimizer.preUpdateParams()
                optimizer.updateParams(dense1)
                optimizer.updateParams(dense2)
                optimizer.postUpdateParams()
            }
            dropout1.forward(activation1.output, training: false)
            expectBitIdentical(dropout1.output, fixture.predictOutput, "output when not training")
            #expect(dropout1.output == activation1.output)
        }
    }

    @Test func dropoutMaskValuesAndDtypes() {
        withGlobalState {
            nnfsInit()
            let dropout = LayerDropout(0.2)
            #expect(dropout.rate == 1 - 0.2)
            let inputs = np.ones(50, 40)
            dropout.forward(inputs)
            #expect(dropout.binaryMask.dtype == .float64 && dropout.output.dtype == .float64)
            #expect(Set(dropout.binaryMask.doubles) == [0, 1 / (1 - 0.2)])
            dropout.backward(np.ones(50, 40))
            #expect(dropout.dinputs == dropout.binaryMask)
        }
    }

    @Test func sigmoidAndBinaryCrossEntropyMatchTheBooksCode() throws {
        let steps = try ModelFixture.cached.get().binary.steps
        withGlobalState {
            nnfsInit()
            var (X, y) = spiralData(samples: 100, classes: 2)
            y = y.reshape(-1, 1)
            let dense1 = LayerDense(2, 64, weightRegularizerL2: 5e-4, biasRegularizerL2: 5e-4)
            let activation1 = ActivationReLU()
            let dense2 = LayerDense(64, 1)
            let activation2 = ActivationSigmoid()
            let lossFunction = LossBinaryCrossentropy()
            let optimizer = OptimizerAdam(decay: 5e-7)
            for (step, want) in steps.enumerated() {
                dense1.forward(X)
                activation1.forward(dense1.output)
                dense2.forward(activation1.output)
                activation2.forward(dense2.output)
                let sampleLosses = lossFunction.forward(activation2.output, y)
                let dataLoss = lossFunction.calculate(activation2.output, y)
                let predictions = (activation2.output .> 0.5) * 1
                let accuracy = np.mean(predictions .== y)
                lossFunction.backward(activation2.output, y)
                activation2.backward(lossFunction.dinputs)
                dense2.backward(activation2.dinputs)
                activation1.backward(dense2.dinputs)
                dense1.backward(activation1.dinputs)
                let what = "step \(step)"
                expectBitIdentical(activation2.output, want["sigmoid.output"], "\(what) sigmoid output")
                expectBitIdentical(sampleLosses, want["sample_losses"], "\(what) sample losses")
                expectBitIdentical(dataLoss, want["data_loss"], "\(what) data loss")
                expectBitIdentical(predictions, want["predictions"], "\(what) predictions")
                expectBitIdentical(activation2.predictions(activation2.output), want["predictions"], "\(what) predictions()")
                expectBitIdentical(accuracy, want["accuracy"], "\(what) accuracy")
                expectBitIdentical(lossFunction.dinputs, want["loss.dinputs"], "\(what) loss dinputs")
                expectBitIdentical(activation2.dinputs, want["sigmoid.dinputs"], "\(what) sigmoid dinputs")
                expectDense(dense1, want, "dense1", what)
                optimizer.preUpdateParams()
                optimizer.updateParams(dense1)
                optimizer.updateParams(dense2)
                optimizer.postUpdateParams()
            }
        }
    }

    @Test(arguments: ["regression_mse", "regression_mae"])
    func linearRegressionMatchesTheBooksCode(name: String) throws {
        let file = try ModelFixture.cached.get()
        let fixture = name == "regression_mse" ? file.regressionMSE : file.regressionMAE
        let steps = fixture.steps
        withGlobalState {
            nnfsInit()
            let (X, y) = sineData()
            let weightInit = name == "regression_mse" ? 0.1 : 0.01
            let dense1 = LayerDense(1, 64, weightInit: weightInit)
            let activation1 = ActivationReLU()
            let dense2 = LayerDense(64, 64, weightInit: weightInit)
            let activation2 = ActivationReLU()
            let dense3 = LayerDense(64, 1, weightInit: weightInit)
            let activation3 = ActivationLinear()
            let lossFunction: Loss = name == "regression_mse" ? LossMeanSquaredError() : LossMeanAbsoluteError()
            let optimizer = OptimizerAdam(learningRate: 0.005, decay: 1e-3)
            let accuracyPrecision = np.std(y) / 250
            expectBitIdentical(accuracyPrecision, fixture.precision, "precision")
            for (step, want) in steps.enumerated() {
                dense1.forward(X)
                activation1.forward(dense1.output)
                dense2.forward(activation1.output)
                activation2.forward(dense2.output)
                dense3.forward(activation2.output)
                activation3.forward(dense3.output)
                let dataLoss = lossFunction.calculate(activation3.output, y)
                let accuracy = np.mean(np.absolute(activation3.output - y) .< accuracyPrecision)
                lossFunction.backward(activation3.output, y)
                activation3.backward(lossFunction.dinputs)
                dense3.backward(activation3.dinputs)
                activation2.backward(dense3.dinputs)
                dense2.backward(activation2.dinputs)
                activation1.backward(dense2.dinputs)
                dense1.backward(activation1.dinputs)
                let what = "\(name) step \(step)"
                expectBitIdentical(activation3.output, want["linear.output"], "\(what) output")
                expectBitIdentical(dataLoss, want["data_loss"], "\(what) data loss")
                expectBitIdentical(accuracy, want["accuracy"], "\(what) accuracy")
                expectBitIdentical(lossFunction.dinputs, want["loss.dinputs"], "\(what) loss dinputs")
                expectDense(dense3, want, "dense3", what)
                expectDense(dense1, want, "dense1", what)
                optimizer.preUpdateParams()
                for layer in [dense1, dense2, dense3] { optimizer.updateParams(layer) }
                optimizer.postUpdateParams()
                expectBitIdentical(dense1.biasMomentums!, want["dense1.bias_momentums"], "\(what) dense1 bias momentums")
                expectBitIdentical(dense3.biases, want["dense3.updated_biases"], "\(what) dense3 biases after Adam")
            }
        }
    }
}
