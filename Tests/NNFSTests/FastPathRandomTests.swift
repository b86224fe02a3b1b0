import Testing
@testable import NNFS

// The fast paths of docs/performance.md against the reference code they stand in for, element
// for element. (NumPy fixtures for the same functions are in RandomTests, TensorFixtureTests
// and TrainingFixtureTests; these tests pin the fast path to the reference on inputs the
// fixtures do not reach: thousands of draws across many 624-word blocks, every dtype path.)
@Suite struct FastPathRandomTests {
    // MARK: Random words and the dropout mask

    @Test func wordBlockGivesTheGeneratorsWordsInOrder() {
        for start in [0, 1, 623, 624] {
            var reference = MT19937(seed: 1234)
            for _ in 0..<start { _ = reference.nextUInt32() }
            var fast = reference
            let expected = (0..<3000).map { _ in reference.nextUInt32() }
            let got = fast.withWordBlock { block in (0..<3000).map { _ in block.nextUInt32() } }
            #expect(got == expected, "words from position \(start)")
            #expect(fast == reference, "state after the block, from position \(start)")
            #expect(fast.nextDouble() == reference.nextDouble())
        }
    }

    /// `binomial(n, p, size:)` (block reader, and the Bernoulli loop when `n == 1`) against
    /// `binomial(n, p)` one draw at a time (the generic sampler on the generator itself).
    @Test func binomialArraysEqualSingleDraws() {
        let cases: [(n: Int, p: Double)] = [
            (1, 0.9), (1, 0.5), (1, 0.1), (1, 0.0), (1, 1.0), (1, 0.75),
            (3, 0.9), (40, 0.2), (200, 0.3), (1000, 0.95),
        ]
        for (seed, c) in cases.enumerated() {
            let fast = RandomState(seed: UInt32(seed))
            let reference = RandomState(seed: UInt32(seed))
            _ = fast.randn([7])  // start mid-block, with a cached normal
            _ = reference.randn([7])
            let count = 5003
            let draws = fast.binomial(c.n, c.p, size: [count]).ints
            let expected = (0..<count).map { _ in reference.binomial(c.n, c.p) }
            #expect(draws == expected, "binomial(\(c.n), \(c.p))")
            let (g1, h1, v1) = fast.getState()
            let (g2, h2, v2) = reference.getState()
            #expect(g1 == g2 && h1 == h2 && v1 == v2, "state after binomial(\(c.n), \(c.p))")
        }
    }

    @Test func dropoutShapedMaskEqualsSingleDraws() {
        // The book's mask shape: a 2-D `binomial(1, keep)` over many blocks of state; the words
        // consumed must match too (the next word after the mask is the same).
        let fast = RandomState(seed: 99)
        let reference = RandomState(seed: 99)
        let mask = fast.binomial(1, 0.9, size: [200, 300]).ints
        let expected = (0..<60000).map { _ in reference.binomial(1, 0.9) }
        #expect(mask == expected)
        #expect(mask.reduce(0, +) > 50000 && mask.reduce(0, +) < 58000)
        #expect(fast.nextUInt32() == reference.nextUInt32())
    }
}

/// The bit patterns of a tensor's elements (`float32`, `float64`; integers as themselves).
func fastPathBits(_ t: Tensor) -> [UInt64] {
    switch t.storage {
    case .float32(let v): return v.map { UInt64($0.bitPattern) }
    case .float64(let v): return v.map(\.bitPattern)
    default: return t.ints.map { UInt64(bitPattern: Int64($0)) }
    }
}
