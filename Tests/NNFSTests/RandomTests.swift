import Foundation
import Testing
@testable import NNFS

// Bit-exact checks of the legacy RandomState against NumPy's own output.
// Fixtures: Tests/NNFSTests/Fixtures/random.json and datasets.json, written by
// scripts/fixtures/gen_random.py (see its header for the encoding and how to regenerate).

@Suite("MT19937 and legacy RandomState, bit-exact with NumPy")
struct RandomTests {
    let fx: RandomFixture.RandomFile

    init() throws { fx = try RandomFixture.random.get() }

    @Test func rawWordsForIntegerAndArraySeeds() {
        let cases = fx.raw
        #expect(cases.count == 7)
        for c in cases {
            var g: MT19937
            switch c.seed {
            case .array(let keys): g = MT19937(seedArray: keys.map { UInt32($0) })
            case .integer(let seed): g = MT19937(seed: UInt32(seed))
            }
            let words = (0..<2000).map { _ in g.nextUInt32() }
            let label = "seed \(c.seed)"
            #expect(words[0..<20].map { Int($0) } == c.first20, "\(label): first 20")
            #expect(words[620...630].map { Int($0) } == c.at620to630, "\(label): words 620...630")
            #expect(Int(words[1999]) == c.last, "\(label): word 1999")
            #expect(RandomFixture.fnv(words.map { UInt64($0) }) == c.fnv2000.word, "\(label): hash of 2000 words")
        }
    }

    @Test func seedZeroFirstWordsAsTheReference() {
        // The reference MT19937 with init_genrand(0) (also np.random.seed(0)).
        var g = MT19937(seed: 0)
        #expect(g.nextUInt32() == 2_357_136_044)
        #expect(g.nextUInt32() == 2_546_248_239)
        #expect(g.nextUInt32() == 3_071_714_933)
    }

    @Test func stateRoundTripsAndSeedResets() {
        let rs = RandomState(seed: 5)
        _ = rs.randn([3])  // leaves a cached normal
        let saved = rs.getState()
        #expect(saved.hasGauss)
        let a = rs.randn([7]).doubles
        rs.setState(saved)
        #expect(rs.randn([7]).doubles == a)
        rs.seed(5)
        #expect(rs.getState().hasGauss == false)
        #expect(rs.getState().bitGenerator == MT19937(seed: 5))
    }

    @Test func uniformStreams() {
        let rs = RandomState(seed: 0)
        RandomFixture.expectBits(rs.randomSample([20]), fx.randomSample20, "random_sample(20)")
        rs.seed(42)
        RandomFixture.expectBits(rs.rand([3, 4]), fx.rand3x4, "rand(3, 4)")
        rs.seed(0)
        RandomFixture.expectBits(rs.uniform(low: -1, high: 2, size: [10]), fx.uniform10, "uniform(-1, 2, 10)")
        rs.seed(0)
        let long = rs.randomSample([5000]).doubles
        #expect(RandomFixture.fnv(long.map(\.bitPattern)) == fx.randomSample5000Hash.word)
        rs.seed(0)
        #expect(rs.randomSample() == long[0])
    }

    @Test func randnFloat64AndLongStream() {
        let rs = RandomState(seed: 0)
        RandomFixture.expectBits(rs.randn([2, 5]), fx.randn2x5, "randn(2, 5)")
        rs.seed(0)
        let big = rs.randn([10000]).doubles
        let spec = fx.randn10000
        let positions = spec.positions
        let bits = spec.bits64.map(\.word)
        for (p, b) in zip(positions, bits) { #expect(big[p].bitPattern == b, "randn(10000)[\(p)]") }
        #expect(RandomFixture.fnv(big.map(\.bitPattern)) == spec.fnv64.word, "hash of float64 randn(10000)")
        rs.seed(0)
        let big32 = rs.randn([10000], dtype: .float32).floats
        #expect(RandomFixture.fnv(big32.map { UInt64($0.bitPattern) }) == spec.fnv32.word, "hash of float32 randn(10000)")
        // Scalar draws continue the same stream.
        rs.seed(0)
        #expect(rs.standardNormal() == big[0])
        #expect(rs.standardNormal() == big[1])
        rs.seed(0)
        RandomFixture.expectBits(rs.normal(loc: 1, scale: 3, size: [7]), fx.normal7, "normal(1, 3, 7)")
    }

    @Test func interleavedCallsCarryTheCachedNormal() {
        let rs = RandomState(seed: 0)
        let steps = fx.interleaved
        let reseedBefore: [Int: UInt32] = [6: 0, 7: 7, 8: 0]  // as gen_random.py does
        for (index, step) in steps.enumerated() {
            let op = step.op
            let n = step.count
            if let s = reseedBefore[index] { rs.seed(s) }
            let expected = step.out
            switch op {
            case "randn": RandomFixture.expectBits(rs.randn([n]), expected, "step \(index) randn(\(n))")
            case "rand": RandomFixture.expectBits(rs.rand([n]), expected, "step \(index) rand(\(n))")
            case "randint10": RandomFixture.expectInts(rs.randint(0, 10, size: [n]), expected, "step \(index) randint(0, 10, \(n))")
            default: Issue.record("unknown op \(op)")
            }
        }
        #expect(steps.count == 9)
    }

    @Test func randintMaskedRejection() throws {
        let rs = RandomState(seed: 0)
        let calls = fx.randint
        try #require(calls.count == 9)
        func arr(_ i: Int) throws -> RandomFixture.Record {
            guard case .array(let record) = calls[i].out else {
                throw FixtureError("Fixtures/random.json: randint_seed0[\(i)].out: expected an array")
            }
            return record
        }
        func scalar(_ i: Int) throws -> Int {
            guard case .scalar(let k) = calls[i].out else {
                throw FixtureError("Fixtures/random.json: randint_seed0[\(i)].out: expected an integer")
            }
            return k
        }
        try RandomFixture.expectInts(rs.randint(0, 10, size: [20]), arr(0), "randint(0, 10, 20)")
        #expect(try rs.randint(0, 5) == scalar(1), "randint(5)")
        try RandomFixture.expectInts(rs.randint(-100, 100, size: [10]), arr(2), "randint(-100, 100, 10)")
        try RandomFixture.expectInts(rs.randint(0, 1, size: [3]), arr(3), "randint(0, 1, 3)")
        try RandomFixture.expectInts(rs.randint(0, 1 << 32, size: [3]), arr(4), "randint(0, 2**32, 3)")
        try RandomFixture.expectInts(rs.randint(0, 1 << 40, size: [5]), arr(5), "randint(0, 2**40, 5)")
        try RandomFixture.expectInts(rs.randint(-(1 << 62), 1 << 62, size: [3]), arr(6), "randint(-2**62, 2**62, 3)")
        #expect(try rs.randint(3, 1000) == scalar(7), "randint(3, 1000)")
        try RandomFixture.expectInts(rs.randint(0, 10, size: [2, 3]), arr(8), "randint(0, 10, (2, 3))")
    }

    @Test func shuffleAndPermutation() {
        let rs = RandomState(seed: 0)
        var keys = Tensor(Array(0..<300))
        rs.shuffle(&keys)
        RandomFixture.expectInts(keys, fx.shuffleKeys300, "shuffle(arange(300))")

        rs.seed(0)
        var list = Array(0..<300)
        rs.shuffle(&list)
        #expect(list == keys.ints, "shuffle of a Swift array follows the same draws")

        rs.seed(1)
        var rows = Tensor(ints: Array(0..<20), shape: [10, 2])
        rs.shuffle(&rows)
        RandomFixture.expectInts(rows, fx.shuffleRows10x2, "shuffle(arange(20).reshape(10, 2))")

        rs.seed(2)
        var f = Tensor(float32: (0..<7).map { Float($0) * 0.5 }, shape: [7])
        rs.shuffle(&f)
        RandomFixture.expectBits(f, fx.shuffleFloat32, "shuffle(float32 x7)")

        rs.seed(0)
        RandomFixture.expectInts(rs.permutation(10), fx.permutation10, "permutation(10)")
        let grid = Tensor(ints: Array(0..<12), shape: [6, 2])
        RandomFixture.expectInts(rs.permutation(grid), fx.permutationRows6x2, "permutation(6x2)")
        #expect(grid.ints == Array(0..<12), "permutation leaves its argument alone")

        rs.seed(3)
        let p = rs.permutation(60000).ints
        #expect(RandomFixture.fnv(p.map { UInt64($0) }) == fx.permutation60000Hash.word)
        #expect(Set(p).count == 60000)

        // Nothing to shuffle: no draws.
        rs.seed(9)
        var empty = Tensor(ints: [], shape: [0])
        rs.shuffle(&empty)
        var single = Tensor(ints: [4], shape: [1])
        rs.shuffle(&single)
        #expect(rs.getState().bitGenerator == MT19937(seed: 9))
    }

    @Test func binomialInversionAndBTPE() {
        for c in fx.binomial {
            let n = c.n, p = c.p
            let size = c.size
            let rs = RandomState(seed: UInt32(c.seed))
            RandomFixture.expectInts(rs.binomial(n, p, size: size), c.out, "binomial(\(n), \(p), \(size))")
        }
        let rs = RandomState(seed: 0)
        for c in fx.binomialAlternating {
            let n = c.n, p = c.p
            #expect(rs.binomial(n, p) == c.out, "alternating binomial(\(n), \(p))")
        }
        for (key, spec, n, p, shape) in [
            ("binomial_seed0_1_0.9_1000x64", fx.binomialMask1000x64, 1, 0.9, [1000, 64]),
            ("binomial_seed0_200_0.3_5000", fx.binomial200x5000, 200, 0.3, [5000]),
            ("binomial_seed0_100000_0.4_2000", fx.binomial100000x2000, 100000, 0.4, [2000]),
        ] {
            rs.seed(0)
            let draws = rs.binomial(n, p, size: shape).ints
            #expect(draws.reduce(0, +) == spec.sum, "\(key): sum")
            #expect(RandomFixture.fnv(draws.map { UInt64($0) }) == spec.fnv.word, "\(key): hash")
        }
    }
}

/// Tests of the process-wide `np.random` / `nnfsInit` state: each holds the shared
/// global-state lock (`withGlobalState`), which also restores `NNFSConfig`.
@Suite("np.random global state", .serialized)
struct NPRandomTests {
    static func withNNFSInit(_ body: () -> Void) {
        withGlobalState {
            nnfsInit()
            body()
        }
    }

    @Test func bookRandnAfterNNFSInit() throws {
        let want = try RandomFixture.datasets.get().randn2x5AfterInit
        Self.withNNFSInit {
            let t = np.random.randn(2, 5)
            RandomFixture.expectBits(t, want, "np.random.randn(2, 5) after nnfsInit()")
            let book: [Float] = [
                1.7640524, 0.4001572, 0.978738, 2.2408931, 1.867558,
                -0.9772779, 0.95008844, -0.1513572, -0.10321885, 0.41059852,
            ]
            #expect(t.floats == book)
            #expect(t.dtype == .float32)
        }
    }

    @Test func namespaceFunctionsUseTheGlobalStream() throws {
        let fx = try RandomFixture.random.get()
        let c0 = try #require(fx.binomial.first)
        withPlainNumPy {
            np.random.seed(0)
            let a = np.random.randn(3)
            #expect(a.dtype == .float64)
            let b = np.random.rand(2)
            let c = np.random.randn(1)  // the normal cached by randn(3)
            let reference = RandomState(seed: 0)
            #expect(a.doubles == reference.randn([3]).doubles)
            #expect(b.doubles == reference.rand([2]).doubles)
            #expect(c.doubles == reference.randn([1]).doubles)
            np.random.seed([1, 2, 3])
            var arraySeeded = MT19937(seedArray: [1, 2, 3])
            #expect(np.random.randint(0, 1 << 32) == Int(arraySeeded.nextUInt32()))
            np.random.seed(0)
            var keys = Tensor(Array(0..<300))
            np.random.shuffle(&keys)
            RandomFixture.expectInts(keys, fx.shuffleKeys300, "np.random.shuffle(keys)")
            np.random.seed(0)
            let mask = np.random.binomial(1, 0.9, size: [4, 10])
            RandomFixture.expectInts(mask, c0.out, "np.random.binomial(1, 0.9, size: [4, 10])")
            #expect(np.random.randn().shape == [])
        }
    }
}
