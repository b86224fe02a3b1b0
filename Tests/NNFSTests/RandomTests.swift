import Foundation
import Testing
@testable import NNFS

// Bit-exact checks of the legacy RandomState against NumPy's own output.
// Fixtures: Tests/NNFSTests/Fixtures/random.json and datasets.json, written by
// scripts/fixtures/gen_random.py (see its header for the encoding and how to regenerate).

/// Loading and decoding the JSON fixtures written by scripts/fixtures/gen_random.py.
enum RandomFixture {
    nonisolated(unsafe) static let random: [String: Any] = load("random")
    nonisolated(unsafe) static let datasets: [String: Any] = load("datasets")

    static func load(_ name: String) -> [String: Any] {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures"),
            let data = try? Data(contentsOf: url),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { fatalError("missing or unreadable fixture Fixtures/\(name).json") }
        return object
    }

    static func int(_ any: Any?) -> Int {
        if let i = any as? Int { return i }
        if let n = any as? NSNumber { return n.intValue }
        fatalError("not an integer: \(String(describing: any))")
    }

    static func ints(_ any: Any?) -> [Int] {
        guard let a = any as? [Any] else { fatalError("not an array: \(String(describing: any))") }
        return a.map { int($0) }
    }

    static func double(_ any: Any?) -> Double {
        if let d = any as? Double { return d }
        if let n = any as? NSNumber { return n.doubleValue }
        fatalError("not a number: \(String(describing: any))")
    }

    static func hex(_ any: Any?) -> UInt64 {
        guard let s = any as? String, let v = UInt64(s, radix: 16) else { fatalError("not hex: \(String(describing: any))") }
        return v
    }

    /// A `{"dtype", "shape", "bits"|"values"}` record.
    struct Record {
        let dtype: String
        let shape: [Int]
        let bits: [UInt64]
        let values: [Int]

        init(_ any: Any?) {
            guard let d = any as? [String: Any] else { fatalError("not an array record: \(String(describing: any))") }
            dtype = d["dtype"] as! String
            shape = RandomFixture.ints(d["shape"])
            bits = (d["bits"] as? [Any])?.map { RandomFixture.hex($0) } ?? []
            values = d["values"].map { RandomFixture.ints($0) } ?? []
        }
    }

    /// The word-wise FNV-1a-64 hash the generator script uses for long streams.
    static func fnv<S: Sequence>(_ words: S) -> UInt64 where S.Element == UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for w in words { h = (h ^ w) &* 0x0000_0100_0000_01B3 }
        return h
    }

    /// Exact comparison of a float tensor with a fixture record: dtype, shape and every bit pattern.
    static func expectBits(_ t: Tensor, _ expected: Record, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(t.dtype.rawValue == expected.dtype, "\(what): dtype", sourceLocation: sourceLocation)
        #expect(t.shape == expected.shape, "\(what): shape", sourceLocation: sourceLocation)
        let got: [UInt64]
        switch t.dtype {
        case .float32: got = t.floats.map { UInt64($0.bitPattern) }
        case .float64: got = t.doubles.map { $0.bitPattern }
        default: Issue.record("\(what): \(t.dtype) is not a float dtype", sourceLocation: sourceLocation); return
        }
        #expect(got.count == expected.bits.count, "\(what): count", sourceLocation: sourceLocation)
        let firstMismatch = zip(got, expected.bits).enumerated().first { $0.element.0 != $0.element.1 }
        #expect(
            firstMismatch == nil,
            "\(what): first mismatch at flat index \(firstMismatch?.offset ?? -1): got \(String(firstMismatch?.element.0 ?? 0, radix: 16)), expected \(String(firstMismatch?.element.1 ?? 0, radix: 16)); \(zip(got, expected.bits).filter { $0 != $1 }.count) mismatches",
            sourceLocation: sourceLocation)
    }

    /// Exact comparison of an integer tensor with a fixture record.
    static func expectInts(_ t: Tensor, _ expected: Record, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(t.dtype.rawValue == expected.dtype, "\(what): dtype", sourceLocation: sourceLocation)
        #expect(t.shape == expected.shape, "\(what): shape", sourceLocation: sourceLocation)
        #expect(t.ints == expected.values, "\(what): values", sourceLocation: sourceLocation)
    }
}

@Suite("MT19937 and legacy RandomState, bit-exact with NumPy")
struct RandomTests {
    let fx = RandomFixture.random

    @Test func rawWordsForIntegerAndArraySeeds() {
        let cases = fx["raw"] as! [[String: Any]]
        #expect(cases.count == 7)
        for c in cases {
            var g: MT19937
            if let keys = c["seed"] as? [Any] {
                g = MT19937(seedArray: RandomFixture.ints(keys).map { UInt32($0) })
            } else {
                g = MT19937(seed: UInt32(RandomFixture.int(c["seed"])))
            }
            let words = (0..<2000).map { _ in g.nextUInt32() }
            let label = "seed \(String(describing: c["seed"]!))"
            #expect(words[0..<20].map { Int($0) } == RandomFixture.ints(c["first20"]), "\(label): first 20")
            #expect(words[620...630].map { Int($0) } == RandomFixture.ints(c["at620to630"]), "\(label): words 620...630")
            #expect(Int(words[1999]) == RandomFixture.int(c["last"]), "\(label): word 1999")
            #expect(RandomFixture.fnv(words.map { UInt64($0) }) == RandomFixture.hex(c["fnv2000"]), "\(label): hash of 2000 words")
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
        RandomFixture.expectBits(rs.randomSample([20]), .init(fx["random_sample_seed0_20"]), "random_sample(20)")
        rs.seed(42)
        RandomFixture.expectBits(rs.rand([3, 4]), .init(fx["rand_seed42_3x4"]), "rand(3, 4)")
        rs.seed(0)
        RandomFixture.expectBits(rs.uniform(low: -1, high: 2, size: [10]), .init(fx["uniform_seed0_m1_2_10"]), "uniform(-1, 2, 10)")
        rs.seed(0)
        let long = rs.randomSample([5000]).doubles
        #expect(RandomFixture.fnv(long.map(\.bitPattern)) == RandomFixture.hex(fx["random_sample_seed0_5000_fnv"]))
        rs.seed(0)
        #expect(rs.randomSample() == long[0])
    }

    @Test func randnFloat64AndLongStream() {
        let rs = RandomState(seed: 0)
        RandomFixture.expectBits(rs.randn([2, 5]), .init(fx["randn_seed0_2x5_f64"]), "randn(2, 5)")
        rs.seed(0)
        let big = rs.randn([10000]).doubles
        let spec = fx["randn_seed0_10000"] as! [String: Any]
        let positions = RandomFixture.ints(spec["positions"])
        let bits = (spec["bits64"] as! [Any]).map { RandomFixture.hex($0) }
        for (p, b) in zip(positions, bits) { #expect(big[p].bitPattern == b, "randn(10000)[\(p)]") }
        #expect(RandomFixture.fnv(big.map(\.bitPattern)) == RandomFixture.hex(spec["fnv64"]), "hash of float64 randn(10000)")
        rs.seed(0)
        let big32 = rs.randn([10000], dtype: .float32).floats
        #expect(RandomFixture.fnv(big32.map { UInt64($0.bitPattern) }) == RandomFixture.hex(spec["fnv32"]), "hash of float32 randn(10000)")
        // Scalar draws continue the same stream.
        rs.seed(0)
        #expect(rs.standardNormal() == big[0])
        #expect(rs.standardNormal() == big[1])
        rs.seed(0)
        RandomFixture.expectBits(rs.normal(loc: 1, scale: 3, size: [7]), .init(fx["normal_seed0_loc1_scale3_7"]), "normal(1, 3, 7)")
    }

    @Test func interleavedCallsCarryTheCachedNormal() {
        let rs = RandomState(seed: 0)
        let steps = fx["interleaved"] as! [[String: Any]]
        let reseedBefore: [Int: UInt32] = [6: 0, 7: 7, 8: 0]  // as gen_random.py does
        for (index, step) in steps.enumerated() {
            let op = step["op"] as! String
            let n = RandomFixture.int(step["count"])
            if let s = reseedBefore[index] { rs.seed(s) }
            let expected = RandomFixture.Record(step["out"])
            switch op {
            case "randn": RandomFixture.expectBits(rs.randn([n]), expected, "step \(index) randn(\(n))")
            case "rand": RandomFixture.expectBits(rs.rand([n]), expected, "step \(index) rand(\(n))")
            case "randint10": RandomFixture.expectInts(rs.randint(0, 10, size: [n]), expected, "step \(index) randint(0, 10, \(n))")
            default: Issue.record("unknown op \(op)")
            }
        }
        #expect(steps.count == 9)
    }

    @Test func randintMaskedRejection() {
        let rs = RandomState(seed: 0)
        let calls = fx["randint_seed0"] as! [[String: Any]]
        func arr(_ i: Int) -> RandomFixture.Record { .init(calls[i]["out"]) }
        RandomFixture.expectInts(rs.randint(0, 10, size: [20]), arr(0), "randint(0, 10, 20)")
        #expect(rs.randint(0, 5) == RandomFixture.int(calls[1]["out"]), "randint(5)")
        RandomFixture.expectInts(rs.randint(-100, 100, size: [10]), arr(2), "randint(-100, 100, 10)")
        RandomFixture.expectInts(rs.randint(0, 1, size: [3]), arr(3), "randint(0, 1, 3)")
        RandomFixture.expectInts(rs.randint(0, 1 << 32, size: [3]), arr(4), "randint(0, 2**32, 3)")
        RandomFixture.expectInts(rs.randint(0, 1 << 40, size: [5]), arr(5), "randint(0, 2**40, 5)")
        RandomFixture.expectInts(rs.randint(-(1 << 62), 1 << 62, size: [3]), arr(6), "randint(-2**62, 2**62, 3)")
        #expect(rs.randint(3, 1000) == RandomFixture.int(calls[7]["out"]), "randint(3, 1000)")
        RandomFixture.expectInts(rs.randint(0, 10, size: [2, 3]), arr(8), "randint(0, 10, (2, 3))")
    }

    @Test func shuffleAndPermutation() {
        let rs = RandomState(seed: 0)
        var keys = Tensor(Array(0..<300))
        rs.shuffle(&keys)
        RandomFixture.expectInts(keys, .init(fx["shuffle_seed0_keys300"]), "shuffle(arange(300))")

        rs.seed(0)
        var list = Array(0..<300)
        rs.shuffle(&list)
        #expect(list == keys.ints, "shuffle of a Swift array follows the same draws")

        rs.seed(1)
        var rows = Tensor(ints: Array(0..<20), shape: [10, 2])
        rs.shuffle(&rows)
        RandomFixture.expectInts(rows, .init(fx["shuffle_seed1_arange20_10x2"]), "shuffle(arange(20).reshape(10, 2))")

        rs.seed(2)
        var f = Tensor(float32: (0..<7).map { Float($0) * 0.5 }, shape: [7])
        rs.shuffle(&f)
        RandomFixture.expectBits(f, .init(fx["shuffle_seed2_float32_7"]), "shuffle(float32 x7)")

        rs.seed(0)
        RandomFixture.expectInts(rs.permutation(10), .init(fx["permutation_seed0_10"]), "permutation(10)")
        let grid = Tensor(ints: Array(0..<12), shape: [6, 2])
        RandomFixture.expectInts(rs.permutation(grid), .init(fx["permutation_seed0_then_arange12_6x2"]), "permutation(6x2)")
        #expect(grid.ints == Array(0..<12), "permutation leaves its argument alone")

        rs.seed(3)
        let p = rs.permutation(60000).ints
        #expect(RandomFixture.fnv(p.map { UInt64($0) }) == RandomFixture.hex(fx["permutation_seed3_60000_fnv"]))
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
        for c in fx["binomial"] as! [[String: Any]] {
            let n = RandomFixture.int(c["n"]), p = RandomFixture.double(c["p"])
            let size = RandomFixture.ints(c["size"])
            let rs = RandomState(seed: UInt32(RandomFixture.int(c["seed"])))
            RandomFixture.expectInts(rs.binomial(n, p, size: size), .init(c["out"]), "binomial(\(n), \(p), \(size))")
        }
        let rs = RandomState(seed: 0)
        for c in fx["binomial_alternating_seed0"] as! [[String: Any]] {
            let n = RandomFixture.int(c["n"]), p = RandomFixture.double(c["p"])
            #expect(rs.binomial(n, p) == RandomFixture.int(c["out"]), "alternating binomial(\(n), \(p))")
        }
        for (key, n, p, shape) in [
            ("binomial_seed0_1_0.9_1000x64", 1, 0.9, [1000, 64]),
            ("binomial_seed0_200_0.3_5000", 200, 0.3, [5000]),
            ("binomial_seed0_100000_0.4_2000", 100000, 0.4, [2000]),
        ] {
            let spec = fx[key] as! [String: Any]
            rs.seed(0)
            let draws = rs.binomial(n, p, size: shape).ints
            #expect(draws.reduce(0, +) == RandomFixture.int(spec["sum"]), "\(key): sum")
            #expect(RandomFixture.fnv(draws.map { UInt64($0) }) == RandomFixture.hex(spec["fnv"]), "\(key): hash")
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

    @Test func bookRandnAfterNNFSInit() {
        Self.withNNFSInit {
            let t = np.random.randn(2, 5)
            RandomFixture.expectBits(t, .init(RandomFixture.datasets["randn_2x5_after_init"]), "np.random.randn(2, 5) after nnfsInit()")
            let book: [Float] = [
                1.7640524, 0.4001572, 0.978738, 2.2408931, 1.867558,
                -0.9772779, 0.95008844, -0.1513572, -0.10321885, 0.41059852,
            ]
            #expect(t.floats == book)
            #expect(t.dtype == .float32)
        }
    }

    @Test func namespaceFunctionsUseTheGlobalStream() {
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
            RandomFixture.expectInts(keys, .init(RandomFixture.random["shuffle_seed0_keys300"]), "np.random.shuffle(keys)")
            np.random.seed(0)
            let mask = np.random.binomial(1, 0.9, size: [4, 10])
            let c0 = (RandomFixture.random["binomial"] as! [[String: Any]])[0]
            RandomFixture.expectInts(mask, .init(c0["out"]), "np.random.binomial(1, 0.9, size: [4, 10])")
            #expect(np.random.randn().shape == [])
        }
    }
}
