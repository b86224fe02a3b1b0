import Foundation
import Testing
@testable import NNFS

// Chapter 22's pipeline on image files (what `nnfs-book predict` runs), on the fake Fashion-MNIST.

@Suite("Chapter 22: prediction on image files")
struct PredictionTests {
    static func model(inputs: Int = 784, classes: Int = 10) -> Model {
        let model = Model()
        model.add(LayerDense(inputs, 12)); model.add(ActivationReLU())
        model.add(LayerDense(12, classes)); model.add(ActivationSoftmax())
        model.set(loss: LossCategoricalCrossentropy(), optimizer: OptimizerAdam(learningRate: 0.01), accuracy: AccuracyCategorical())
        model.finalize()
        model.printer = { _ in }
        return model
    }

    @Test func sampleIsTheBooksPreprocessing() throws {
        try ImageFixture.withTemporaryFolder { dir in
            let fake = FashionMNISTTests.fake
            try makeFashionMNISTSampleImage(label: 4, to: dir + "/coat.png", size: 90, directory: fake)
            let sample = try FashionMNIST.sample(fromImage: dir + "/coat.png")
            #expect(sample.shape == [1, 784] && sample.dtype == .float32)
            let gray = try cv2.imread(dir + "/coat.png", cv2.IMREAD_GRAYSCALE)
            let manual = ((255 - cv2.resize(gray, (28, 28))).reshape(1, -1).astype(.float32) - 127.5) / 127.5
            #expect(sample.floats.map(\.bitPattern) == manual.floats.map(\.bitPattern))
        }
    }

    @Test func predictsTheClassOfASavedModel() throws {
        try withGlobalState {
            nnfsInit()
            let fake = FashionMNISTTests.fake
            let (X, y) = try loadFashionMNIST("test", directory: fake)
            let Xs = (X.reshape(X.shape[0], -1).astype(.float32) - 127.5) / 127.5
            let model = Self.model()
            model.train(Xs, y, epochs: 30, printEvery: 100)
            try ImageFixture.withTemporaryFolder { dir in
                try model.save(dir + "/fake.model")
                let loaded = try Model.load(dir + "/fake.model")
                try FashionMNIST.checkModel(loaded, path: dir + "/fake.model")
                // The first test image of each label, as a 28x28 "photo": the model's answer on the
                // file is its answer on the data set's row (the pipeline inverts the photo back).
                let predictions = model.outputLayerActivation.predictions(model.predict(Xs)).ints
                let labels = y.ints
                for label in Set(labels).sorted() {
                    let row = labels.firstIndex(of: label)!
                    try makeFashionMNISTSampleImage(label: label, to: dir + "/\(label).png", size: 28, directory: fake)
                    let result = try FashionMNIST.predict(loaded, image: dir + "/\(label).png")
                    #expect(result.label == predictions[row])
                    #expect(result.name == FashionMNIST.labels[predictions[row]])
                    #expect(result.confidence == model.predict(Xs[row..<(row + 1)]).doubles[predictions[row]])
                }
            }
        }
    }

    @Test func wrongSizedModelsAreRefused() throws {
        withGlobalState {
            #expect(
                ImageFixture.fileError { try FashionMNIST.checkModel(Self.model(inputs: 2), path: "spiral.model") }
                    == FileError(
                        "spiral.model", "the model takes 2 inputs, a 28x28 Fashion-MNIST image gives 784: not a Fashion-MNIST model"))
            #expect(
                ImageFixture.fileError { try FashionMNIST.checkModel(Self.model(classes: 3), path: "three.model") }
                    == FileError("three.model", "the model gives 3 outputs, Fashion-MNIST has 10 classes: not a Fashion-MNIST model"))
            #expect(
                ImageFixture.fileError { try FashionMNIST.checkModel(Model(), path: "empty.model") }?.reason
                    == "the model has no dense layer, so it cannot classify images")
        }
    }
}
