import Foundation

// The book's Fashion-MNIST folder: `fashion_mnist_images/{train,test}/<label>/<nnnn>.png`, one
// 28x28 gray PNG per sample, numbered from 0000 within each label folder in IDX-file order, plus
// the data's licence. The book downloads and unzips it; here it is made from Debian's IDX files.

/// The book's download-and-unzip step: writes the Fashion-MNIST PNG folder at `folder` from the
/// IDX files of Debian's `dataset-fashion-mnist` (70,000 PNG files through libpng).
///
/// The folder is built under a temporary name and renamed into place, so it is either complete
/// or absent. If `folder` already exists it is left as it is (the book, too, downloads only once).
/// - Returns: `true` if the folder was created, `false` if it already existed.
@discardableResult
public func createFashionMNISTImages(to folder: String, directory: String = FashionMNIST.directory) throws -> Bool {
    if FileManager.default.fileExists(atPath: folder) { return false }
    let train = try FashionMNIST.readSplit("train", directory: directory)
    let test = try FashionMNIST.readSplit("test", directory: directory)
    do {
        try AtomicWrite.createDirectory(folder) { temp in
            for (name, split) in [("train", train), ("test", test)] {
                try writeTree(split, to: temp + "/" + name)
            }
            let licence = "/usr/share/doc/dataset-fashion-mnist/copyright"
            if FileManager.default.fileExists(atPath: licence) {
                try FileManager.default.copyItem(atPath: licence, toPath: temp + "/LICENSE")
            }
        }
    } catch let error as FileError where FileManager.default.fileExists(atPath: folder) && error.path == folder {
        return false  // another process finished the same folder first
    }
    return true
}

/// Writes one split as `<label>/<nnnn>.png` files under `root`.
private func writeTree(_ split: FashionMNIST.Split, to root: String) throws {
    let size = split.rows * split.cols
    var next = [Int](repeating: 0, count: 10)
    for label in 0..<10 {
        try FileManager.default.createDirectory(atPath: root + "/\(label)", withIntermediateDirectories: true)
    }
    for i in 0..<split.count {
        let label = Int(split.labels[i])
        let path = root + "/\(label)/" + fourDigits(next[label]) + ".png"
        next[label] += 1
        let image = PNGImage(width: split.cols, height: split.rows, channels: 1,
                             pixels: Array(split.images[(i * size)..<((i + 1) * size)]))
        try AtomicWrite.writeFile(try PNGCodec.encode(image, path: path), to: path)
    }
}

private func fourDigits(_ n: Int) -> String {
    let s = String(n)
    return s.count >= 4 ? s : String(repeating: "0", count: 4 - s.count) + s
}

/// The book's `load_mnist_dataset(dataset, path)`: reads every PNG of `path/dataset/<label>/`
/// with `cv2.imread(..., cv2.IMREAD_UNCHANGED)`.
///
/// Folders and files are taken in sorted order (the order `os.listdir` gave the book: labels
/// `0`..`9`, files `0000.png`, `0001.png`, ...), so `X` is grouped by label.
/// - Returns: `X`, `uint8` of shape `(N, rows, cols)`, and `y`, the folder names as `uint8`.
public func loadMnistDataset(_ dataset: String, _ path: String) throws -> (X: Tensor, y: Tensor) {
    let root = path + "/" + dataset
    let labels = try listFolder(root, hint: "create it with createFashionMNISTImages(to: \"\(path)\")")
    var pixels: [Int] = []
    var y: [Int] = []
    var imageShape: [Int]? = nil
    var firstFile = ""
    for label in labels {
        let folder = root + "/" + label
        guard let value = Int(label), (0...255).contains(value) else {
            throw FileError(folder, "label folder names must be numbers 0-255 (np.array(y).astype('uint8'))")
        }
        for file in try listFolder(folder, hint: nil) {
            let filePath = folder + "/" + file
            let image = try cv2.imread(filePath, cv2.IMREAD_UNCHANGED)
            if let shape = imageShape, shape != image.shape {
                throw FileError(filePath, "image shape \(pyShape(image.shape)) differs from \(pyShape(shape)) of \(firstFile): np.array(X) needs equal shapes")
            }
            if imageShape == nil { imageShape = image.shape; firstFile = filePath }
            pixels.append(contentsOf: image.ints)
            y.append(value)
        }
    }
    let shape = [y.count] + (imageShape ?? [0])
    return (Tensor(ints: pixels, shape: shape, dtype: .uint8), Tensor(ints: y, shape: [y.count], dtype: .uint8))
}

/// The book's `create_data_mnist(path)`: the training and test splits of the PNG folder.
public func createDataMnist(_ path: String) throws -> (X: Tensor, y: Tensor, XTest: Tensor, yTest: Tensor) {
    let (X, y) = try loadMnistDataset("train", path)
    let (XTest, yTest) = try loadMnistDataset("test", path)
    return (X, y, XTest, yTest)
}

/// `os.listdir(folder)`, sorted; a missing folder is a ``FileError`` (with `hint` appended).
private func listFolder(_ folder: String, hint: String?) throws -> [String] {
    var isDir: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDir), isDir.boolValue else {
        throw FileError(folder, "no such folder" + (hint.map { ": " + $0 } ?? ""))
    }
    do {
        return try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    } catch {
        throw FileError(folder, "cannot list: \(AtomicWrite.reasonOf(error))")
    }
}

/// A stand-in for the book's chapter-22 photos (`tshirt.png`, `pants.png`), made from the test set:
/// the image `test/<label>/<number>.png` of the book's folder (the `number`-th test image of that
/// label in IDX order), upscaled to `size` x `size` with `cv2.resize` (`INTER_LINEAR`), inverted
/// to dark-on-light like a photo, and saved as an RGB PNG (three equal channels) at `path`.
///
/// `size: 28` keeps the pixels as they are, so reading it back with `IMREAD_GRAYSCALE` and
/// inverting gives the test image exactly.
/// - Returns: the image's true label.
@discardableResult
public func makeFashionMNISTSampleImage(label: Int, number: Int = 0, to path: String, size: Int = 280,
                                        directory: String = FashionMNIST.directory) throws -> Int {
    let split = try FashionMNIST.readSplit("test", directory: directory)
    let matches = split.labels.indices.filter { Int(split.labels[$0]) == label }
    guard number >= 0, number < matches.count else {
        throw FileError(path, "the test set has \(matches.count) images of label \(label), no number \(number)")
    }
    return try makeFashionMNISTSampleImage(index: matches[number], to: path, size: size, directory: directory)
}

/// ``makeFashionMNISTSampleImage(label:number:to:size:directory:)`` for the test image at `index`
/// of the IDX file.
@discardableResult
public func makeFashionMNISTSampleImage(index: Int, to path: String, size: Int = 280,
                                        directory: String = FashionMNIST.directory) throws -> Int {
    let split = try FashionMNIST.readSplit("test", directory: directory)
    guard index >= 0, index < split.count else {
        throw FileError(path, "test image index \(index) is outside 0..<\(split.count)")
    }
    let n = split.rows * split.cols
    let original = Tensor(ints: split.images[(index * n)..<((index + 1) * n)].map(Int.init),
                          shape: [split.rows, split.cols], dtype: .uint8)
    let photo = 255 - cv2.resize(original, (size, size))
    let rgb = Tensor(ints: photo.ints.flatMap { [$0, $0, $0] }, shape: [size, size, 3], dtype: .uint8)
    try cv2.imwrite(path, rgb)
    return Int(split.labels[index])
}
