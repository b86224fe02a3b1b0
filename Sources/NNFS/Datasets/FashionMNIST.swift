import Foundation

/// Fashion-MNIST as Debian's `dataset-fashion-mnist` package installs it: four gzip-compressed IDX
/// files in `/usr/share/datasets/fashion-mnist/` (60,000 training and 10,000 test images of
/// 28x28 uint8 pixels, labels 0-9).
public enum FashionMNIST {
    /// Where Debian installs the IDX files. The environment variable `NNFS_FASHION_MNIST_DIR`
    /// overrides it (tests point it at small generated files).
    public static var directory: String {
        ProcessInfo.processInfo.environment["NNFS_FASHION_MNIST_DIR"] ?? "/usr/share/datasets/fashion-mnist"
    }

    /// The class names of labels 0-9, as the book's `fashion_mnist_labels` dictionary.
    public static let labels: [Int: String] = [
        0: "T-shirt/top", 1: "Trouser", 2: "Pullover", 3: "Dress", 4: "Coat",
        5: "Sandal", 6: "Shirt", 7: "Sneaker", 8: "Bag", 9: "Ankle boot",
    ]

    /// The one line shown when the data set is not installed.
    static func missingMessage(_ directory: String) -> String {
        "Fashion-MNIST is not installed (no IDX files in \(directory)): install Debian's package dataset-fashion-mnist, e.g. `sudo apt-get install dataset-fashion-mnist` (scripts/setup does it)"
    }

    /// One split of the data set in IDX order: the images as one row-major byte buffer.
    struct Split {
        var images: [UInt8]
        var labels: [UInt8]
        var count: Int
        var rows: Int
        var cols: Int

        /// The sample order of the book's folder walk: grouped by label (folders `0`..`9`), IDX
        /// order within a label (files `0000.png`, `0001.png`, ... were numbered in IDX order).
        /// This is `np.argsort(labels, kind='stable')`.
        var bookOrder: [Int] {
            var buckets = [[Int]](repeating: [], count: 256)
            for (i, label) in labels.enumerated() { buckets[Int(label)].append(i) }
            return buckets.flatMap { $0 }
        }
    }

    /// `"train"` or `"test"` (the book's folder names) to the IDX file prefix.
    static func idxPrefix(_ dataset: String) throws -> String {
        switch dataset {
        case "train": return "train"
        case "test": return "t10k"
        default: throw FileError(dataset, "unknown Fashion-MNIST split (use \"train\" or \"test\")")
        }
    }

    /// Reads one split from the IDX files and checks that images and labels agree.
    static func readSplit(_ dataset: String, directory: String = FashionMNIST.directory) throws -> Split {
        let prefix = try idxPrefix(dataset)
        let imagesPath = directory + "/\(prefix)-images-idx3-ubyte.gz"
        let labelsPath = directory + "/\(prefix)-labels-idx1-ubyte.gz"
        if !FileManager.default.fileExists(atPath: imagesPath) && !FileManager.default.fileExists(atPath: labelsPath) {
            throw FileError(directory, missingMessage(directory))
        }
        let images = try IDXFile.read(imagesPath)
        let labels = try IDXFile.read(labelsPath)
        guard images.dims.count == 3 else {
            throw FileError(imagesPath, "expected 3 dimensions (images, rows, columns), found \(images.dims)")
        }
        guard labels.dims.count == 1 else {
            throw FileError(labelsPath, "expected 1 dimension (labels), found \(labels.dims)")
        }
        guard labels.dims[0] == images.dims[0] else {
            throw FileError(labelsPath, "\(labels.dims[0]) labels for \(images.dims[0]) images in \(imagesPath)")
        }
        if let bad = labels.bytes.firstIndex(where: { $0 > 9 }) {
            throw FileError(labelsPath, "label \(labels.bytes[bad]) at index \(bad) is not a Fashion-MNIST class (0-9)")
        }
        return Split(images: images.bytes, labels: labels.bytes, count: images.dims[0], rows: images.dims[1], cols: images.dims[2])
    }
}

/// The fast path of ``loadMnistDataset(_:_:)``: the same arrays, read straight from Debian's IDX
/// files instead of 60,000 PNG files. `X` is `uint8` of shape `(N, 28, 28)`, `y` `uint8` of shape
/// `(N,)`, in the book's order (grouped by label, IDX order within a label).
public func loadFashionMNIST(_ dataset: String, directory: String = FashionMNIST.directory) throws -> (X: Tensor, y: Tensor) {
    let split = try FashionMNIST.readSplit(dataset, directory: directory)
    let order = split.bookOrder
    let size = split.rows * split.cols
    var pixels = [Int](repeating: 0, count: split.count * size)
    split.images.withUnsafeBufferPointer { src in
        pixels.withUnsafeMutableBufferPointer { dst in
            for (row, sample) in order.enumerated() {
                let s = sample * size, d = row * size
                for k in 0..<size { dst[d + k] = Int(src[s + k]) }
            }
        }
    }
    let X = Tensor(ints: pixels, shape: [split.count, split.rows, split.cols], dtype: .uint8)
    let y = Tensor(ints: order.map { Int(split.labels[$0]) }, shape: [split.count], dtype: .uint8)
    return (X, y)
}

/// ``createDataMnist(_:)`` straight from the IDX files: identical arrays, no PNG folder needed.
public func createDataFashionMNIST(directory: String = FashionMNIST.directory) throws -> (X: Tensor, y: Tensor, XTest: Tensor, yTest: Tensor) {
    let (X, y) = try loadFashionMNIST("train", directory: directory)
    let (XTest, yTest) = try loadFashionMNIST("test", directory: directory)
    return (X, y, XTest, yTest)
}
