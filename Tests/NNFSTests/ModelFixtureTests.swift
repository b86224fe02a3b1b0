import Testing
@testable import NNFS

/// `Model` against the book's own `Model` class (`scripts/fixtures/gen_model.py`): the printed lines
/// character for character and the final parameters bit for bit.
@Suite struct ModelFixtureTests {
    /// Runs `body` with the model's lines captured; returns them.
    func lines(of model: Model, _ body: () -> Void) -> [String] {
        var lines: [String] = []
        model.printer = { lines.append($0) }
        body()
        return lines
    }

    func expectParameters(
        _ model: Model, _ fixture: ModelFixture.ModelRun, _ what: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let want = fixture.parameters
        let got = model.getParameters()
        #expect(got.count == want.count, sourceLocation: sourceLocation)
        for (i, (parameters, expected)) in zip(got, want).enumerated() {
            expectBitIdentical(parameters.weights, expected.weights, "\(what) layer \(i) weights", sourceLocation: sourceLocation)
            expectBitIdentical(parameters.biases, expected.biases, "\(what) layer \(i) biases", sourceLocation: sourceLocation)
        }
    }

    @Test func chapter18RegressionWithMeanSquaredError() throws {
        let fixture = try ModelFixture.cached.get().modelRegression
        withGlobalState {
            nnfsInit()
            let (X, y) = sineData()
            let model = Model()
            model.add(LayerDense(1, 64))
            model.add(ActivationReLU())
            model.add(LayerDense(64, 64))
            model.add(ActivationReLU())
            model.add(LayerDense(64, 1))
            model.add(ActivationLinear())
            model.set(
                loss: LossMeanSquaredError(), optimizer: OptimizerAdam(learningRate: 0.005, decay: 1e-3),
                accuracy: AccuracyRegression())
            model.finalize()
            #expect(model.softmaxClassifierOutput == nil && model.trainableLayers.count == 3)
            let printed = lines(of: model) { model.train(X, y, epochs: 200, printEvery: 100) }
            #expect(printed == fixture.lines)
            // The book's own first two lines of this run (chapter 18, the Model regression listing).
            #expect(
                printed == [
                    "epoch: 100, acc: 0.006, loss: 0.085 (data_loss: 0.085, reg_loss: 0.000), lr: 0.004549590536851684",
                    "epoch: 200, acc: 0.032, loss: 0.035 (data_loss: 0.035, reg_loss: 0.000), lr: 0.004170141784820684",
                ])
            expectParameters(model, fixture, "regression")
        }
    }

    @Test func chapter18RegressionWithMeanAbsoluteErrorAndValidation() throws {
        let fixture = try ModelFixture.cached.get().modelRegressionMAE
        withGlobalState {
            nnfsInit()
            let (X, y) = sineData()
            let (XTest, yTest) = sineData(samples: 200)
            let model = Model()
            model.add(LayerDense(1, 64))
            model.add(ActivationReLU())
            model.add(LayerDense(64, 1))
            model.add(ActivationLinear())
            model.set(
                loss: LossMeanAbsoluteError(), optimizer: OptimizerAdam(learningRate: 0.005, decay: 1e-3),
                accuracy: AccuracyRegression())
            model.finalize()
            let printed = lines(of: model) { model.train(X, y, epochs: 100, printEvery: 50, validationData: (XTest, yTest)) }
            #expect(printed == fixture.lines)
            expectParameters(model, fixture, "MAE regression")
        }
    }

    @Test func chapter18BinaryLogisticRegression() throws {
        let fixture = try ModelFixture.cached.get().modelBinary
        withGlobalState {
            nnfsInit()
            var (X, y) = spiralData(samples: 100, classes: 2)
            var (XTest, yTest) = spiralData(samples: 100, classes: 2)
            y = y.reshape(-1, 1)
            yTest = yTest.reshape(-1, 1)
            let model = Model()
            model.add(LayerDense(2, 64, weightRegularizerL2: 5e-4, biasRegularizerL2: 5e-4))
            model.add(ActivationReLU())
            model.add(LayerDense(64, 1))
            model.add(ActivationSigmoid())
            model.set(
                loss: LossBinaryCrossentropy(), optimizer: OptimizerAdam(decay: 5e-7),
                accuracy: AccuracyCategorical(binary: true))
            model.finalize()
            let printed = lines(of: model) { model.train(X, y, epochs: 200, printEvery: 100, validationData: (XTest, yTest)) }
            #expect(printed == fixture.lines)
            // The book's own first two lines of this run (chapter 18, the binary listing).
            #expect(
                printed.prefix(2) == [
                    "epoch: 100, acc: 0.625, loss: 0.675 (data_loss: 0.674, reg_loss: 0.001), lr: 0.0009999505024501287",
                    "epoch: 200, acc: 0.630, loss: 0.669 (data_loss: 0.668, reg_loss: 0.001), lr: 0.0009999005098992651",
                ])
            expectParameters(model, fixture, "binary")
        }
    }

    @Test func chapter18DropoutWithTheSoftmaxClassifier() throws {
        let fixture = try ModelFixture.cached.get().modelDropoutSoftmax
        withGlobalState {
            nnfsInit()
            let (X, y) = spiralData(samples: 100, classes: 3)
            let (XTest, yTest) = spiralData(samples: 50, classes: 3)
            let model = Model()
            model.add(LayerDense(2, 64, weightRegularizerL2: 5e-4, biasRegularizerL2: 5e-4))
            model.add(ActivationReLU())
            model.add(LayerDropout(0.1))
            model.add(LayerDense(64, 3))
            model.add(ActivationSoftmax())
            model.set(
                loss: LossCategoricalCrossentropy(), optimizer: OptimizerAdam(learningRate: 0.05, decay: 5e-5),
                accuracy: AccuracyCategorical())
            model.finalize()
            #expect(model.softmaxClassifierOutput != nil)
            let printed = lines(of: model) { model.train(X, y, epochs: 30, printEvery: 10, validationData: (XTest, yTest)) }
            #expect(printed == fixture.lines)
            expectParameters(model, fixture, "dropout")
        }
    }

    func batchesModel(regularized: Bool) -> Model {
        let model = Model()
        model.add(regularized ? LayerDense(2, 32, weightRegularizerL1: 1e-4, biasRegularizerL2: 5e-4) : LayerDense(2, 32))
        model.add(ActivationReLU())
        model.add(LayerDropout(0.2))
        model.add(LayerDense(32, 3))
        model.add(ActivationSoftmax())
        return model
    }

    @Test func chapter19BatchesEvaluatePredictAndParameters() throws {
        let fixture = try ModelFixture.cached.get().modelBatches
        withGlobalState {
            nnfsInit()
            var (X, y) = spiralData(samples: 100, classes: 3)
            let (XTest, yTest) = spiralData(samples: 30, classes: 3)
            var keys = np.array(Array(0..<X.shape[0]))
            np.random.shuffle(&keys)
            X = X[keys]
            y = y[keys]
            let model = batchesModel(regularized: true)
            model.set(
                loss: LossCategoricalCrossentropy(), optimizer: OptimizerAdam(learningRate: 0.02, decay: 1e-3),
                accuracy: AccuracyCategorical())
            model.finalize()
            let printed = lines(of: model) {
                model.train(X, y, epochs: 3, batchSize: 32, printEvery: 4, validationData: (XTest, yTest))
            }
            #expect(printed == fixture.lines)
            expectParameters(model, fixture, "batches")
            #expect(lines(of: model) { model.evaluate(XTest, yTest, batchSize: 40) } == fixture.evaluateLines)
            let confidences = model.predict(XTest[..<25], batchSize: 7)
            expectBitIdentical(confidences, fixture.confidences, "predict confidences")
            expectBitIdentical(model.outputLayerActivation.predictions(confidences), fixture.predictions, "predictions")
            #expect(model.predict(XTest[..<25]) == confidences)

            let model2 = batchesModel(regularized: false)
            model2.set(loss: LossCategoricalCrossentropy(), accuracy: AccuracyCategorical())
            model2.finalize()
            model2.setParameters(model.getParameters())
            #expect(lines(of: model2) { model2.evaluate(XTest, yTest) } == fixture.evaluate2Lines)
        }
    }

    @Test func chapter19BinaryBatches() throws {
        let fixture = try ModelFixture.cached.get().modelBinaryBatches
        withGlobalState {
            nnfsInit()
            var (X, y) = spiralData(samples: 60, classes: 2)
            y = y.reshape(-1, 1)
            let model = Model()
            model.add(LayerDense(2, 16, weightRegularizerL2: 5e-4))
            model.add(ActivationReLU())
            model.add(LayerDense(16, 1))
            model.add(ActivationSigmoid())
            model.set(
                loss: LossBinaryCrossentropy(), optimizer: OptimizerAdam(learningRate: 0.01),
                accuracy: AccuracyCategorical(binary: true))
            model.finalize()
            let printed = lines(of: model) { model.train(X, y, epochs: 2, batchSize: 50, printEvery: 1) }
            #expect(printed == fixture.lines)
            expectParameters(model, fixture, "binary batches")
        }
    }
}
