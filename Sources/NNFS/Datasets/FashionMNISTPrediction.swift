/// Chapter 22: a Fashion-MNIST model's prediction on an image file, by the book's steps.
extension FashionMNIST {
    /// The book's preprocessing of a photo: `cv2.imread(path, cv2.IMREAD_GRAYSCALE)`,
    /// `cv2.resize(image, (28, 28))` (`INTER_LINEAR`), `255 - image` (the data set is light on
    /// dark, photos are dark on light), `reshape(1, -1)`, `astype(float32)`, `(x - 127.5) / 127.5`.
    /// - Returns: one `float32` sample of shape `(1, 784)`.
    public static func sample(fromImage path: String) throws -> Tensor {
        var imageData = try cv2.imread(path, cv2.IMREAD_GRAYSCALE)
        imageData = cv2.resize(imageData, (28, 28))
        imageData = 255 - imageData
        return (imageData.reshape(1, -1).astype(.float32) - 127.5) / 127.5
    }

    /// Checks that `model` (loaded from `path`) classifies Fashion-MNIST images: its first dense
    /// layer takes 784 inputs (28x28 pixels) and its last gives 10 classes.
    public static func checkModel(_ model: Model, path: String) throws {
        let dense = model.layers.compactMap { $0 as? LayerDense }
        guard let first = dense.first, let last = dense.last else {
            throw FileError(path, "the model has no dense layer, so it cannot classify images")
        }
        guard first.weights.shape[0] == 784 else {
            throw FileError(path, "the model takes \(first.weights.shape[0]) inputs, a 28x28 Fashion-MNIST image gives 784: not a Fashion-MNIST model")
        }
        guard last.weights.shape[1] == labels.count else {
            throw FileError(path, "the model gives \(last.weights.shape[1]) outputs, Fashion-MNIST has \(labels.count) classes: not a Fashion-MNIST model")
        }
    }

    /// The class and the model's confidence in it for the image at `path`.
    public static func predict(_ model: Model, image path: String) throws -> (label: Int, name: String, confidence: Double) {
        let confidences = model.predict(try sample(fromImage: path))
        let prediction = model.outputLayerActivation.predictions(confidences).ints[0]
        return (prediction, labels[prediction] ?? "class \(prediction)", confidences.doubles[prediction])
    }
}
