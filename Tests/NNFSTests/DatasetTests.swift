import Testing
@testable import NNFS

// nnfs.datasets reproduced bit for bit (values, dtypes, shapes), against
// Tests/NNFSTests/Fixtures/datasets.json from scripts/fixtures/gen_random.py.

@Suite("nnfs.datasets, bit-exact with nnfs 0.5.1 on NumPy")
struct DatasetTests {
    let fx: RandomFixture.DatasetsFile

    init() throws { fx = try RandomFixture.datasets.get() }

    func check(_ got: (X: Tensor, y: Tensor), _ key: String, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let record = fx.sets[key] else {
            Issue.record("\(key) is not in datasets.json", sourceLocation: sourceLocation)
            return
        }
        RandomFixture.expectBits(got.X, record.X, "\(key) X", sourceLocation: sourceLocation)
        if got.y.dtype.isFloatingPoint {
            RandomFixture.expectBits(got.y, record.y, "\(key) y", sourceLocation: sourceLocation)
        } else {
            RandomFixture.expectInts(got.y, record.y, "\(key) y", sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: [(100, 3), (1000, 3), (5, 2), (1, 2)])
    func spiralAfterNNFSInit(samples: Int, classes: Int) {
        let data = NNFSDatasets.spiral(samples: samples, classes: classes, floatType: .float32, rng: RandomState(seed: 0))
        #expect(data.X.dtype == .float32 && data.y.dtype == .uint8)
        check(data, "spiral_\(samples)_\(classes)")
    }

    @Test func spiralWithoutNNFSInitIsFloat64() {
        let data = NNFSDatasets.spiral(samples: 100, classes: 3, floatType: .float64, rng: RandomState(seed: 0))
        #expect(data.X.dtype == .float64)
        check(data, "spiral_100_3_float64")
    }

    @Test func verticalAfterNNFSInit() {
        let data = NNFSDatasets.vertical(samples: 100, classes: 3, floatType: .float32, rng: RandomState(seed: 0))
        #expect(data.X.dtype == .float32 && data.y.dtype == .uint8)
        check(data, "vertical_100_3")
    }

    @Test func verticalWithoutNNFSInitIsFloat64() {
        check(NNFSDatasets.vertical(samples: 100, classes: 3, floatType: .float64, rng: RandomState(seed: 0)), "vertical_100_3_float64")
    }

    @Test func sine() {
        let data = sineData()
        #expect(data.X.shape == [1000, 1] && data.y.shape == [1000, 1])
        check(data, "sine_1000")
        check(sineData(samples: 7), "sine_7")
    }

    @Test func linspaceMatchesNumPy() {
        #expect(NNFSDatasets.linspace(0, 1, 5) == [0, 0.25, 0.5, 0.75, 1])
        #expect(NNFSDatasets.linspace(4, 8, 1) == [4])
        #expect(NNFSDatasets.linspace(4, 8, 0) == [])
        #expect(NNFSDatasets.linspace(2, 2, 3) == [2, 2, 2])
        // np.linspace(0.0, 1, 100)[1:4]: i * (1/99), not i / 99.
        let l = NNFSDatasets.linspace(0, 1, 100)
        #expect(l[3] == 3 * (1.0 / 99.0) && l[99] == 1)
    }

    @Test func datasetsConsumeTheStreamLikeNNFS() {
        // Two spirals in a row continue one stream, as two spiral_data calls do in Python.
        let rs = RandomState(seed: 0)
        _ = NNFSDatasets.spiral(samples: 100, classes: 3, floatType: .float32, rng: rs)
        let next = rs.randn([1]).doubles[0]
        let reference = RandomState(seed: 0)
        _ = reference.randn([300])
        #expect(next == reference.randn([1]).doubles[0])
    }
}

extension NPRandomTests {
    @Test func publicDatasetFunctionsFollowNNFSInit() throws {
        let sets = try RandomFixture.datasets.get().sets
        let record = try #require(sets["spiral_100_3"]), v = try #require(sets["vertical_100_3"])
        Self.withNNFSInit {
            let spiral = spiralData(samples: 100, classes: 3)
            RandomFixture.expectBits(spiral.X, record.X, "spiralData(100, 3) after nnfsInit()")
            RandomFixture.expectInts(spiral.y, record.y, "spiralData(100, 3) labels")
            np.random.seed(0)
            let vertical = verticalData(samples: 100, classes: 3)
            RandomFixture.expectBits(vertical.X, v.X, "verticalData(100, 3) after nnfsInit()")
        }
    }
}
