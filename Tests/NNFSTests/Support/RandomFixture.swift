import Foundation
import Testing
@testable import NNFS

/// Fixtures/random.json and datasets.json, written by scripts/fixtures/gen_random.py (see its
/// header for the encoding and how to regenerate): NumPy's legacy RandomState and nnfs.datasets.
enum RandomFixture {
    static let random = CachedFixture(RandomFile.self, "random.json")
    static let datasets = CachedFixture(DatasetsFile.self, "datasets.json")

    /// A `{"dtype", "shape", "bits"|"values"}` record: float arrays as hex bits (a float32's bits
    /// widened to 64), integer arrays as values.
    struct Record: Decodable, Sendable {
        let dtype: String
        let shape: [Int]
        let bits: [UInt64]
        let values: [Int]

        private enum CodingKeys: String, CodingKey { case dtype, shape, bits, values }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            dtype = try c.decode(String.self, forKey: .dtype)
            shape = try c.decode([Int].self, forKey: .shape)
            bits = try c.decodeIfPresent([HexWord<UInt64>].self, forKey: .bits)?.map(\.word) ?? []
            values = try c.decodeIfPresent([Int].self, forKey: .values) ?? []
        }
    }

    /// random.json. Long streams are checked by their FNV-1a hash (``fnv(_:)``), written in hex.
    struct RandomFile: Decodable, Sendable {
        let raw: [RawWords]
        let randomSample20, rand3x4, uniform10, randn2x5, normal7: Record
        let randomSample5000Hash: HexWord<UInt64>
        let randn10000: RandnStream
        let interleaved: [InterleavedStep]
        let randint: [RandintCall]
        let shuffleKeys300, shuffleRows10x2, shuffleFloat32, permutation10, permutationRows6x2: Record
        let permutation60000Hash: HexWord<UInt64>
        let binomial: [BinomialCase]
        let binomialAlternating: [BinomialDraw]
        let binomialMask1000x64, binomial200x5000, binomial100000x2000: SumAndHash

        private enum CodingKeys: String, CodingKey {
            case raw, interleaved, binomial
            case randomSample20 = "random_sample_seed0_20", rand3x4 = "rand_seed42_3x4", uniform10 = "uniform_seed0_m1_2_10"
            case randn2x5 = "randn_seed0_2x5_f64", normal7 = "normal_seed0_loc1_scale3_7"
            case randomSample5000Hash = "random_sample_seed0_5000_fnv", randn10000 = "randn_seed0_10000", randint = "randint_seed0"
            case shuffleKeys300 = "shuffle_seed0_keys300", shuffleRows10x2 = "shuffle_seed1_arange20_10x2"
            case shuffleFloat32 = "shuffle_seed2_float32_7", permutation10 = "permutation_seed0_10"
            case permutationRows6x2 = "permutation_seed0_then_arange12_6x2", permutation60000Hash = "permutation_seed3_60000_fnv"
            case binomialAlternating = "binomial_alternating_seed0", binomialMask1000x64 = "binomial_seed0_1_0.9_1000x64"
            case binomial200x5000 = "binomial_seed0_200_0.3_5000", binomial100000x2000 = "binomial_seed0_100000_0.4_2000"
        }
    }

    /// MT19937's raw words after seeding with an integer or an array of integers.
    struct RawWords: Decodable, Sendable {
        let seed: Seed
        let first20: [Int]
        let at620to630: [Int]
        let last: Int
        let fnv2000: HexWord<UInt64>
    }

    /// `np.random.seed`'s argument: an integer or a list of integers.
    enum Seed: Decodable, Sendable, CustomStringConvertible {
        case integer(Int)
        case array([Int])

        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let keys = try? c.decode([Int].self) { self = .array(keys) } else { self = .integer(try c.decode(Int.self)) }
        }

        var description: String {
            switch self {
            case .integer(let s): "\(s)"
            case .array(let keys): "\(keys)"
            }
        }
    }

    /// randn(10000) from seed 0: some positions' bits, and the hashes of the float64 and float32 streams.
    struct RandnStream: Decodable, Sendable {
        let positions: [Int]
        let bits64: [HexWord<UInt64>]
        let fnv64, fnv32: HexWord<UInt64>
    }

    /// One call of a sequence sharing one generator (`op` is randn, rand or randint10).
    struct InterleavedStep: Decodable, Sendable {
        let op: String
        let count: Int
        let out: Record
    }

    /// One randint call (`call` is its arguments): an array, or one integer when called without a size.
    struct RandintCall: Decodable, Sendable {
        let call: String
        let out: Out

        enum Out: Decodable, Sendable {
            case array(Record)
            case scalar(Int)

            init(from decoder: any Decoder) throws {
                let c = try decoder.singleValueContainer()
                if let k = try? c.decode(Int.self) { self = .scalar(k) } else { self = .array(try c.decode(Record.self)) }
            }
        }
    }

    struct BinomialCase: Decodable, Sendable {
        let seed, n: Int
        let p: Double
        let size: [Int]
        let out: Record
    }

    /// One scalar `binomial(n, p)` draw of an alternating sequence.
    struct BinomialDraw: Decodable, Sendable {
        let n: Int
        let p: Double
        let out: Int
    }

    struct SumAndHash: Decodable, Sendable {
        let sum: Int
        let fnv: HexWord<UInt64>
    }

    /// datasets.json: `meta`, `randn_2x5_after_init`, and every other key a data set (`spiral_100_3`, ...).
    struct DatasetsFile: Decodable, Sendable {
        let randn2x5AfterInit: Record
        let sets: [String: DataSet]

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: FixtureKey.self)
            randn2x5AfterInit = try c.decode(Record.self, forKey: FixtureKey("randn_2x5_after_init"))
            var sets: [String: DataSet] = [:]
            for key in c.allKeys where !["meta", "randn_2x5_after_init"].contains(key.stringValue) {
                sets[key.stringValue] = try c.decode(DataSet.self, forKey: key)
            }
            self.sets = sets
        }
    }

    struct DataSet: Decodable, Sendable {
        let X, y: Record
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
