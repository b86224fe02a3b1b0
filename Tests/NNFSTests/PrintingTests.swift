import Foundation
import Testing
@testable import NNFS

/// One case of Tests/NNFSTests/Fixtures/printing.json (see scripts/fixtures/gen_printing.py): an
/// array (a ``TensorRecord``: dtype, shape, values) and NumPy's `str` and `repr` of it.
private struct PrintingCase: Decodable {
    let name: String
    let array: TensorRecord
    let str: String
    let repr: String

    private enum CodingKeys: String, CodingKey { case name, str, repr }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        array = try TensorRecord(from: decoder)
        str = try c.decode(String.self, forKey: .str)
        repr = try c.decode(String.self, forKey: .repr)
    }

    func tensor() -> Tensor { array.tensor }
}

private struct PrintingFixture: Decodable {
    let numpy: String
    let cases: [PrintingCase]
}

private func loadFixture() throws -> PrintingFixture {
    try FixtureFile.load(PrintingFixture.self, "printing.json")
}

/// Shows the first differing line of two multi-line texts, with both texts in full (abridged).
private func explainMismatch(_ name: String, _ what: String, expected: String, actual: String) -> String {
    let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
    var line = 0
    while line < min(e.count, a.count) && e[line] == a[line] { line += 1 }
    let el = line < e.count ? String(e[line]) : "<end>"
    let al = line < a.count ? String(a[line]) : "<end>"
    func abridge(_ s: String) -> String { s.count > 600 ? String(s.prefix(600)) + "…" : s }
    return """
        [\(name)] \(what) differs at line \(line + 1):
          numpy: \(el.debugDescription)
          swift: \(al.debugDescription)
        --- numpy \(what) ---
        \(abridge(expected))
        --- swift \(what) ---
        \(abridge(actual))
        """
}

@Suite("Printing like NumPy")
struct PrintingTests {
    @Test func fixtureStrAndReprMatchNumPy() throws {
        let fixture = try loadFixture()
        #expect(fixture.cases.count > 800)
        var failures: [String] = []
        var strPass = 0, reprPass = 0
        for c in fixture.cases {
            let t = c.tensor()
            let s = t.description
            if s == c.str { strPass += 1 } else { failures.append(explainMismatch(c.name, "str", expected: c.str, actual: s)) }
            let r = t.repr
            if r == c.repr { reprPass += 1 } else { failures.append(explainMismatch(c.name, "repr", expected: c.repr, actual: r)) }
        }
        let summary =
            "printing fixture (numpy \(fixture.numpy)): str \(strPass)/\(fixture.cases.count), repr \(reprPass)/\(fixture.cases.count) match"
        print(summary)
        if !failures.isEmpty {
            Issue.record("\(summary); \(failures.count) mismatches, first ones:\n\(failures.prefix(8).joined(separator: "\n\n"))")
        }
    }

    /// The fast path (Swift's shortest `description`) must agree with the exact Dragon4 port.
    /// Set `NNFS_PRINT_STRESS=<iterations>` for a longer run (default 3000; each iteration checks
    /// 8 values under 3 cutoff settings).
    @Test func fastDigitsAgreeWithExactDragon4() {
        let iterations = ProcessInfo.processInfo.environment["NNFS_PRINT_STRESS"].flatMap { Int($0) } ?? 3000
        var rng = SplitMix64(seed: 0x5eed ^ UInt64(iterations))
        var mismatches: [String] = []
        func check<F: PrintableFloat>(_ x: F, _ cutoff: DigitCutoff, _ maxD: Int, _ minD: Int) {
            guard x.isFinite else { return }
            let fast = FloatFormatting.digits(x, cutoff: cutoff, maxDigits: maxD, minDigits: minD)
            var exact = FloatFormatting.exactDigits(x, cutoff: cutoff, maxDigits: maxD, minDigits: minD)
            while exact.digits.count > 1 && exact.digits.last == 0 { exact.digits.removeLast() }
            if fast != exact && mismatches.count < 10 {
                mismatches.append("\(F.self) \(x) \(cutoff) max \(maxD) min \(minD): fast \(fast) exact \(exact)")
            }
        }
        for i in 0..<iterations {
            let f = Float(bitPattern: UInt32(truncatingIfNeeded: rng.next()))
            let d = Double(bitPattern: rng.next())
            // Typical magnitudes, short decimals and dyadic values (rounding ties), not just
            // uniformly random exponents.
            let typical =
                Double(Int64(bitPattern: rng.next()) >> 11) * 0x1p-52
                * [1e-6, 1e-4, 1e-2, 1, 1e2, 1e5, 1e7][Int(rng.next() % 7)]
            let decimal =
                Double(Int64(rng.next() % 2_000_001) - 1_000_000)
                * [1e-9, 1e-7, 1e-5, 1e-3, 0.1, 1][Int(rng.next() % 6)]
            let dyadic = Double(Int64(rng.next() % 40_001) - 20_000) / Double(1 << (8 + Int(rng.next() % 20)))
            let p = Int(rng.next() % 9)
            for x in [f, Float(typical), Float(decimal), Float(dyadic)] {
                check(x, .totalLength, -1, -1)
                check(x, .totalLength, p + 1, i % 2 == 0 ? p + 1 : -1)
                check(x, .fractionLength, i % 5 == 0 ? p : 8, i % 3 == 0 ? 0 : -1)
            }
            for x in [d, typical, decimal, dyadic] {
                check(x, .totalLength, -1, -1)
                check(x, .totalLength, p + 1, i % 2 == 0 ? p + 1 : -1)
                check(x, .fractionLength, i % 5 == 0 ? p : 8, i % 3 == 0 ? 0 : -1)
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
    }

    @Test func examplesFromTheBrief() {
        #expect(Tensor([[1, 2, 3]]).repr == "array([[1, 2, 3]])")
        #expect(Tensor([Float(1), 2]).repr == "array([1., 2.], dtype=float32)")
        #expect(Tensor([[1, 2], [3, 4]]).description == "[[1 2]\n [3 4]]")
        #expect(Tensor([0.0, 2, 0, 3.3, 0]).description == "[0.  2.  0.  3.3 0. ]")
        #expect(Tensor(scalar: 1.5).repr == "array(1.5)")
        #expect(Tensor(scalar: 1.5).description == "1.5")
        #expect(Tensor(scalar: Float(0.35667497)).description == "0.35667497")
        #expect(Tensor(scalar: 0.9999999999999999).description == "0.9999999999999999")
        #expect(Tensor(scalar: 2.6881171418161356e+43).description == "2.6881171418161356e+43")
        #expect(Tensor(scalar: 1e-05).description == "1e-05")
        #expect(Tensor(scalar: Double.infinity).description == "inf")
        #expect(Tensor([-0.0]).description == "[-0.]")
        #expect(Tensor(float64: [], shape: [0, 3]).description == "[]")
        #expect(Tensor(float64: [], shape: [0, 3]).repr == "array([], shape=(0, 3), dtype=float64)")
    }
}

/// A tiny deterministic generator for the property tests.
private struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
