import ArgumentParser
import Foundation
import NNFS

/// `nnfs-book predict --model FILE IMAGE.png...`: chapter 22's inference on image files.
struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Classify PNG images with a Fashion-MNIST model saved by model.save (chapter 22).",
        discussion: "Each image goes through the book's steps: read as grayscale, resize to 28x28 (as OpenCV's INTER_LINEAR), invert (photos are dark on light, the data set light on dark), scale to [-1, 1], predict. Prints the class name and the model's confidence per image.")

    @Option(help: "A model file written by model.save(...) (see docs/model-format.md).")
    var model: String

    @Argument(help: "PNG images to classify.")
    var images: [String]

    func validate() throws {
        if images.isEmpty { throw ValidationError("give at least one image, e.g. `nnfs-book predict --model fashion_mnist.model tshirt.png`") }
    }

    func run() throws {
        let loaded: Model
        do {
            loaded = try Model.load(model)
            try FashionMNIST.checkModel(loaded, path: model)
        } catch let error as FileError {
            FileHandle.standardError.write(Data("nnfs-book: \(error)\n".utf8))
            throw ExitCode.failure
        }
        var failed = false
        for image in images {
            do {
                let (_, name, confidence) = try FashionMNIST.predict(loaded, image: image)
                let percent = (confidence * 100 * 10).rounded() / 10
                print("\(image): \(name) (confidence \(percent)%)")
            } catch let error as FileError {
                FileHandle.standardError.write(Data("nnfs-book: \(error)\n".utf8))
                failed = true
            }
        }
        if failed { throw ExitCode.failure }
    }
}
