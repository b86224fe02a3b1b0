import Foundation
import Testing
@testable import NNFS

// IDX reading (zlib), the book's PNG folder and its loaders, on the tiny fake Fashion-MNIST of
// Tests/NNFSTests/Fixtures/images/fashion and the broken files of .../idx
// (scripts/fixtures/gen_images.py); plus checks on Debian's real data set when it is installed.

@Suite("Fashion-MNIST: IDX through zlib, the book's PNG folder")
struct FashionMNISTTests {
    static let fake = ImageFixture.path("fashion")

    @Test func idxPlainAndGzipParse() throws {
        let good = try ImageFixture.cached.get().idxGood
        for name in ["good.idx", "good.idx.gz"] {
            let file = try IDXFile.read(ImageFixture.path("idx/" + name))
            #expect(file.dims == good.dims)
            #expect(file.bytes.map(Int.init) == good.bytes.values)
        }
    }

    @Test(arguments: [
        ("bad_magic.idx", "not an IDX file: magic number starts 12 34, expected 00 00"),
        ("bad_type.idx", "IDX element type 0d is not supported (only 08, unsigned bytes)"),
        ("truncated_header.idx", "truncated IDX header: 3 dimensions need 16 bytes, the file has 9"),
        ("truncated_data.idx", "truncated IDX data: dimensions [3, 4, 5] need 60 bytes, the file has 53"),
        ("trailing_data.idx", "IDX data longer than its dimensions [3, 4, 5] say: 63 bytes, expected 60"),
        ("truncated.idx.gz", "truncated gzip data (the file ends inside the compressed stream)"),
    ])
    func brokenIDXNamesFileAndProblem(file: String, reason: String) {
        let path = ImageFixture.path("idx/" + file)
        #expect(ImageFixture.fileError { _ = try IDXFile.read(path) } == FileError(path, reason))
    }

    @Test func corruptGzipNamesFile() {
        let path = ImageFixture.path("idx/corrupt.idx.gz")
        let error = ImageFixture.fileError { _ = try IDXFile.read(path) }
        #expect(error?.path == path)
        #expect(error?.reason.hasPrefix("corrupt gzip data: ") == true)
    }

    @Test func missingDataSetNamesTheDebianPackage() {
        let error = ImageFixture.fileError { _ = try loadFashionMNIST("train", directory: "/nonexistent/fashion-mnist") }
        #expect(
            error?.description
                == "/nonexistent/fashion-mnist: Fashion-MNIST is not installed (no IDX files in /nonexistent/fashion-mnist): install Debian's package dataset-fashion-mnist, e.g. `sudo apt-get install dataset-fashion-mnist` (scripts/setup does it)"
        )
    }

    /// The fast path gives the book's order: np.argsort(labels, kind='stable') of the IDX labels.
    @Test(arguments: [("train", "train"), ("test", "t10k")])
    func fastPathIsTheStableSortByLabel(dataset: String, prefix: String) throws {
        let record = try #require(try ImageFixture.cached.get().fashion[prefix], "\(prefix) is not in images.json")
        let order = record.order, labels = record.labels
        let split = try FashionMNIST.readSplit(dataset, directory: Self.fake)
        let (X, y) = try loadFashionMNIST(dataset, directory: Self.fake)
        #expect(X.dtype == .uint8 && y.dtype == .uint8)
        #expect(X.shape == [order.count, 28, 28] && y.shape == [order.count])
        #expect(y.ints == order.map { labels[$0] })
        let pixels = X.ints
        for (row, sample) in order.enumerated() {
            #expect(
                pixels[(row * 784)..<((row + 1) * 784)].elementsEqual(split.images[(sample * 784)..<((sample + 1) * 784)].map(Int.init)))
        }
    }

    /// The PNG folder, read back as the book does, equals the fast path exactly; its layout and
    /// names are the book's; the folder appears whole (no temporary folder is left).
    @Test func pngFolderRoundTripEqualsFastPath() throws {
        try ImageFixture.withTemporaryFolder { dir in
            let folder = dir + "/fashion_mnist_images"
            #expect(try createFashionMNISTImages(to: folder, directory: Self.fake))
            #expect(try createFashionMNISTImages(to: folder, directory: Self.fake) == false)
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["fashion_mnist_images"])
            let train = try #require(try ImageFixture.cached.get().fashion["train"], "train is not in images.json")
            let zeros = train.labels.filter { $0 == 0 }.count
            let files = try FileManager.default.contentsOfDirectory(atPath: folder + "/train/0").sorted()
            #expect(files == (0..<zeros).map { String(format: "%04d.png", $0) })
            let tree = try createDataMnist(folder)
            let idx = try createDataFashionMNIST(directory: Self.fake)
            #expect(tree.X.shape == idx.X.shape && tree.X.ints == idx.X.ints && tree.y.ints == idx.y.ints)
            #expect(tree.XTest.shape == idx.XTest.shape && tree.XTest.ints == idx.XTest.ints && tree.yTest.ints == idx.yTest.ints)
            #expect(tree.X.dtype == .uint8 && tree.y.dtype == .uint8)
            let image = try cv2.imread(folder + "/train/0/0000.png", cv2.IMREAD_UNCHANGED)
            #expect(image.shape == [28, 28] && image.ints == Array(idx.X.ints[0..<784]))
        }
    }

    @Test func folderErrorsNameTheProblem() throws {
        try ImageFixture.withTemporaryFolder { dir in
            let error = ImageFixture.fileError { _ = try createDataMnist(dir + "/nowhere") }
            #expect(
                error
                    == FileError(dir + "/nowhere/train", "no such folder: create it with createFashionMNISTImages(to: \"\(dir)/nowhere\")"))
            try FileManager.default.createDirectory(atPath: dir + "/set/train/3", withIntermediateDirectories: true)
            try cv2.imwrite(dir + "/set/train/3/0000.png", Tensor(ints: [Int](repeating: 7, count: 784), shape: [28, 28], dtype: .uint8))
            try cv2.imwrite(dir + "/set/train/3/0001.png", Tensor(ints: [Int](repeating: 7, count: 30), shape: [5, 6], dtype: .uint8))
            let shapeError = ImageFixture.fileError { _ = try loadMnistDataset("train", dir + "/set") }
            #expect(shapeError?.path == dir + "/set/train/3/0001.png")
            #expect(shapeError?.reason.hasPrefix("image shape (5, 6) differs from (28, 28)") == true)
            try FileManager.default.removeItem(atPath: dir + "/set/train/3/0001.png")
            #expect(try loadMnistDataset("train", dir + "/set").y.ints == [3])
            try FileManager.default.createDirectory(atPath: dir + "/set/train/shoes", withIntermediateDirectories: true)
            #expect(ImageFixture.fileError { _ = try loadMnistDataset("train", dir + "/set") }?.path == dir + "/set/train/shoes")
        }
    }

    @Test func sampleImageIsTheTestImageInvertedAndUpscaled() throws {
        try ImageFixture.withTemporaryFolder { dir in
            let (XTest, yTest) = try loadFashionMNIST("test", directory: Self.fake)
            let label = yTest.ints[0]
            let original = Tensor(ints: Array(XTest.ints[0..<784]), shape: [28, 28], dtype: .uint8)
            // size 28: exactly the inverted test image
            #expect(try makeFashionMNISTSampleImage(label: label, to: dir + "/same.png", size: 28, directory: Self.fake) == label)
            let same = try cv2.imread(dir + "/same.png", cv2.IMREAD_UNCHANGED)
            #expect(same.shape == [28, 28, 3])
            let sameGray = try cv2.imread(dir + "/same.png", cv2.IMREAD_GRAYSCALE)
            #expect((255 - sameGray).ints == original.ints)
            // size 280: the book's pipeline (grayscale, resize to 28x28, invert) gives it back
            try makeFashionMNISTSampleImage(label: label, to: dir + "/photo.png", directory: Self.fake)
            let photo = try cv2.imread(dir + "/photo.png", cv2.IMREAD_GRAYSCALE)
            #expect(photo.shape == [280, 280])
            let back = 255 - cv2.resize(photo, (28, 28))
            let expected = 255 - cv2.resize(255 - cv2.resize(original, (280, 280)), (28, 28))
            #expect(back.ints == expected.ints)
            #expect(
                ImageFixture.fileError { try makeFashionMNISTSampleImage(label: 3, number: 999, to: dir + "/x.png", directory: Self.fake) }
                    != nil)
        }
    }

    /// Debian's real data (installed by scripts/setup): sizes, balance, and the image the book
    /// prints in chapter 19 (`train/7/0002.png`, its first row with ink).
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz")))
    func debianDataSet() throws {
        let (XTest, yTest) = try loadFashionMNIST("test", directory: "/usr/share/datasets/fashion-mnist")
        #expect(XTest.shape == [10000, 28, 28])
        let y = yTest.ints
        #expect((0..<10).map { l in y.filter { $0 == l }.count } == [Int](repeating: 1000, count: 10))
        #expect(y == y.sorted())
        // The book's train/7/0002.png (chapter 19 prints it): in book order it is sample 7 * 6000 + 2.
        let (X, yTrain) = try loadFashionMNIST("train", directory: "/usr/share/datasets/fashion-mnist")
        #expect(X.shape == [60000, 28, 28] && yTrain.ints[42002] == 7)
        let image = Array(X.ints[(42002 * 784)..<(42003 * 784)])
        #expect(
            Array(image[(7 * 28)..<(8 * 28)]) == [Int](repeating: 0, count: 13) + [1, 0, 0, 0, 49, 135, 182, 150, 59, 0, 0, 0, 0, 0, 0])
        #expect(Array(image[(8 * 28 + 16)..<(8 * 28 + 26)]) == [78, 255, 220, 212, 219, 255, 246, 191, 155, 87])
    }
}
