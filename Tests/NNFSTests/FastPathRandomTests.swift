import Testing
@testable import NNFS

// The fast paths of docs/performance.md against the reference code they stand in for, element
// for element. (NumPy fixtures for the same functions are in RandomTests, TensorFixtureTests
// and TrainingFixtureTests; these tests pin the fast path to the reference on inputs the
// fixtures do not reach: thousands of draws across many 624-word blocks, every dtype path.)
@Suite struct FastPathRandomTests {
    // MARK: Random words and the dropout mask

    /// Generator positions around the SIMD chunks of the block step and the 16-draw groups
    /// (the block step's halves meet at 227; the last word is special).
    static let positions = [0, 1, 2, 15, 16, 17, 31, 32, 33, 226, 227, 228, 396, 397, 590, 607, 608, 609, 622, 623, 624]

    /// A generator seeded by `seed` and advanced `position` words with the scalar reference.
    static func generator(_ seed: UInt32, at position: Int) -> MT19937 {
        var g = MT19937(seed: seed)
        for _ in 0..<position { _ = g.nextUInt32() }
        return g
    }

    @Test func vectorisedBlockStepEqualsTheScalarStep() {
        let states = [MT19937(seed: 0), MT19937(seed: 1234), MT19937(seed: 0xFFFF_FFFF), MT19937(seedArray: [1, 2, 3])]
        for (s, state) in states.enumerated() {
            var reference = state.key
            var fast = state.key
            for step in 0..<5 {
                reference.withUnsafeMutableBufferPointer { MT19937.regenerate($0.baseAddress!) }
                fast.withUnsafeMutableBufferPointer { MT19937.regenerate(vectorised: $0.baseAddress!) }
                #expect(fast == reference, "state \(s), block \(step)")
            }
            // Tempering 32 words at once is tempering each.
            fast.withUnsafeBufferPointer { mt in
                let words = UnsafeRawPointer(mt.baseAddress! + 100).loadUnaligned(as: SIMD32<UInt32>.self)
                let tempered = MT19937.temper(words)
                #expect((0..<32).allSatisfy { tempered[$0] == MT19937.temper(words[$0]) }, "tempering, state \(s)")
            }
        }
    }

    @Test func wordBlockGivesTheGeneratorsWordsInOrder() {
        for seed: UInt32 in [1234, 7] {
            for start in Self.positions {
                var reference = Self.generator(seed, at: start)
                var fast = reference
                let expected = (0..<3000).map { _ in reference.nextUInt32() }
                let got = fast.withWordBlock { block in (0..<3000).map { _ in block.nextUInt32() } }
                #expect(got == expected, "words from position \(start)")
                #expect(fast == reference, "state after the block, from position \(start)")
                #expect(fast.nextDouble() == reference.nextDouble())
            }
        }
    }

    /// Sizes around the 16-draw groups and the 312 doubles of a block.
    static let sizes = [0, 1, 2, 15, 16, 17, 31, 32, 33, 311, 312, 313, 623, 624, 625, 1000, 5003]

    @Test func blockDoublesEqualScalarDoubles() {
        for (k, count) in Self.sizes.enumerated() {
            for start in Self.positions {
                var reference = Self.generator(UInt32(k), at: start)
                var fast = reference
                let expected = (0..<count).map { _ in reference.nextDouble().bitPattern }
                var got = [Double](repeating: -1, count: count)
                got.withUnsafeMutableBufferPointer { out in fast.withWordBlock { $0.fillDoubles(out.baseAddress!, count) } }
                #expect(got.map(\.bitPattern) == expected, "\(count) doubles from position \(start)")
                #expect(fast == reference, "state after \(count) doubles from position \(start)")
            }
        }
    }

    /// `fillBernoulli` against `binomial(1, p)` one draw at a time (the general inversion loop
    /// on the generator itself; `drawBernoulli` for a made-up sampler, which has no `p`), as
    /// `Int` outcomes `0` / `1`.
    static func checkBernoulli(
        _ s: LegacyBinomial.Inversion, _ generator: MT19937, count: Int, madeUp: Bool = false, _ label: String
    ) {
        var reference = generator
        var fast = generator
        let expected = (0..<count).map { _ in UInt64(madeUp ? s.drawBernoulli(&reference) : s.draw(&reference)) }
        var got = [UInt64](repeating: 7, count: count)
        got.withUnsafeMutableBufferPointer { out in
            fast.withWordBlock { $0.fillBernoulli(s, outcomes: (0, 1), out.baseAddress!, count) }
        }
        let firstDifference = got.indices.first { got[$0] != expected[$0] }
        #expect(firstDifference == nil, "\(label): draw \(firstDifference ?? -1) differs")
        #expect(fast == reference, "state after \(label)")
    }

    @Test func blockBernoulliEqualsScalarDraws() {
        for p in [0.9, 0.5, 0.1, 0.75, 1.0 / 3, 0.0, 1.0] {
            let s = LegacyBinomial(n: 1, p: p).bernoulli!
            for (k, count) in Self.sizes.enumerated() {
                for start in [0, 1, 17, 227, 608, 623, 624] {
                    Self.checkBernoulli(s, Self.generator(UInt32(k) &* 31 &+ 5, at: start), count: count, "p \(p), \(count) from \(start)")
                }
            }
        }
    }

    /// The inverse of ``MT19937/temper(_:)``: the state word that tempers to `y`.
    static func untemper(_ y: UInt32) -> UInt32 {
        var x = y ^ (y >> 18)
        x ^= (x << 15) & 0xEFC6_0000
        var r = x
        for _ in 0..<5 { r = x ^ ((r << 7) & 0x9D2C_5680) }
        x = r
        for _ in 0..<3 { r = x ^ (r >> 11) }
        return r
    }

    /// A generator whose next 312 draws have the uniforms `m / 2**53` for the given `m` (repeated).
    static func generator(drawing ms: [Int64]) -> MT19937 {
        var key = [UInt32](repeating: 0, count: MT19937.stateLength)
        for d in 0..<312 {
            let m = ms[d % ms.count]
            // The low bits the double drops are set, so only the kept bits decide.
            key[2 * d] = untemper(UInt32(m >> 26) << 5 | 0x15)
            key[2 * d + 1] = untemper(UInt32(m & 0x3FF_FFFF) << 6 | 0x2A)
        }
        return MT19937(key: key, position: 0)
    }

    /// Uniforms at, just below and just above each test's threshold (and at the bounds on the
    /// first word), in groups that mix them with plain draws: the settled and the unsettled
    /// groups, the restart, and the words it consumes.
    @Test func bernoulliThresholdsAreExact() {
        #expect(
            (0..<1000).allSatisfy { i in
                let y = UInt32(truncatingIfNeeded: i &* 2_654_435_761)
                return MT19937.temper(Self.untemper(y)) == y
            })
        let restarting = LegacyBinomial.Inversion(bernoulliQn: 0.6, firstStepPx: 0.25)  // u > 0.85 restarts
        let samplers = [0.9, 0.5, 0.3, 0.0].map { LegacyBinomial(n: 1, p: $0).bernoulli! } + [restarting]
        for s in samplers {
            let t = s.bernoulliThresholds
            let uniform = LegacyBinomial.Inversion.BernoulliThresholds.uniform
            #expect(t.lastZero == -1 || s.givesZero(uniform(t.lastZero)))
            #expect(t.lastZero == (1 << 53) - 1 || !s.givesZero(uniform(t.lastZero + 1)))
            #expect(t.lastOne == -1 || s.givesOne(uniform(t.lastOne)))
            #expect(t.lastOne == (1 << 53) - 1 || !s.givesOne(uniform(t.lastOne + 1)))
            var edges: [Int64] = []
            for m in [t.lastZero, t.lastOne] {
                edges += [m - 1, m, m + 1, m & ~0x3FF_FFFF, (m & ~0x3FF_FFFF) - 1, m | 0x3FF_FFFF, (m | 0x3FF_FFFF) + 1]
            }
            edges += [0, 1 << 40, 1 << 52, (1 << 53) - 1]
            edges = edges.map { min(max($0, 0), (1 << 53) - 1) }
            for (g, spacing) in [1, 5, 16, 17, 40].enumerated() {
                // Edge uniforms every `spacing` draws, the rest plain.
                let ms: [Int64] = (0..<(spacing * edges.count)).map { i in
                    i % spacing == 0 ? edges[i / spacing] : Int64(i) &* 0x1E37_79B9_7F4A_7C15 & ((1 << 53) - 1)
                }
                Self.checkBernoulli(
                    s, Self.generator(drawing: ms), count: 700, madeUp: s.qn == restarting.qn, "thresholds \(t), layout \(g)")
            }
        }
        #expect(restarting.bernoulliThresholds.lastOne < (1 << 53) - 1)
    }

    /// `binomial(n, p, size:)` (block reader, and the Bernoulli groups when `n == 1`) against
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

    /// `LayerDropout`'s mask drawn straight into `float64` against the book's
    /// `binomial(1, rate, size:) / rate`, bit for bit, with the same words consumed.
    @Test func dropoutMaskEqualsTheBooksDivision() {
        for (seed, keep) in [0.9, 0.5, 0.6, 0.95, 1.0, 1.0 / 3, 1e-300].enumerated() {
            for shape in [[300, 512], [7, 13], [1], [0, 4], [5, 1, 33]] {
                let fast = RandomState(seed: UInt32(seed))
                let reference = RandomState(seed: UInt32(seed))
                _ = fast.randint(0, 10, size: [seed])  // odd positions too
                _ = reference.randint(0, 10, size: [seed])
                guard let got = LayerDropout.mask(keep: keep, shape: shape, random: fast) else {
                    Issue.record("no fused mask for keep \(keep)")
                    continue
                }
                let expected = LayerDropout.referenceMask(keep: keep, shape: shape, random: reference)
                #expect(got.dtype == .float64 && got.shape == expected.shape)
                #expect(fastPathBits(got) == fastPathBits(expected), "keep \(keep), shape \(shape)")
                #expect(fast.nextUInt32() == reference.nextUInt32(), "words after keep \(keep), shape \(shape)")
            }
        }
        // A keep rate of 0 (dropping everything) divides by zero: the mask is the book's division.
        #expect(RandomState().bernoulliMask(0, size: [3], dividedBy: 0) == nil)
    }

    /// Array samplers interleaved with single draws, against single draws only.
    @Test func arraySamplersInterleavedWithSingleDrawsEqualSingleDraws() {
        for seed: UInt32 in [0, 42, 2024] {
            let fast = RandomState(seed: seed)
            let reference = RandomState(seed: seed)
            var got: [UInt64] = []
            var expected: [UInt64] = []
            for (step, count) in [1, 311, 3, 625, 17, 0, 1000, 2].enumerated() {
                got += fast.randomSample([count]).doubles.map(\.bitPattern)
                expected += (0..<count).map { _ in reference.randomSample().bitPattern }
                got += fast.uniform(low: -3, high: 0.5, size: [count]).doubles.map(\.bitPattern)
                expected += (0..<count).map { _ in reference.uniform(low: -3, high: 0.5).bitPattern }
                got.append(UInt64(fast.nextUInt32()))  // odd word positions from here
                expected.append(UInt64(reference.nextUInt32()))
                got += fast.randn([count]).doubles.map(\.bitPattern)
                expected += (0..<count).map { _ in reference.standardNormal().bitPattern }
                got += fastPathBits(fast.randn([count], dtype: .float32))
                expected += (0..<count).map { _ in UInt64(Float(reference.standardNormal()).bitPattern) }
                got += fast.normal(loc: 1, scale: 0.25, size: [count]).doubles.map(\.bitPattern)
                expected += (0..<count).map { _ in reference.normal(loc: 1, scale: 0.25).bitPattern }
                got += fast.binomial(1, 0.9, size: [count + step]).ints.map { UInt64($0) }
                expected += (0..<(count + step)).map { _ in UInt64(reference.binomial(1, 0.9)) }
                got.append(fast.randomSample().bitPattern)
                expected.append(reference.randomSample().bitPattern)
            }
            #expect(got == expected, "seed \(seed)")
            let (g1, h1, v1) = fast.getState()
            let (g2, h2, v2) = reference.getState()
            #expect(g1 == g2 && h1 == h2 && v1.bitPattern == v2.bitPattern, "state, seed \(seed)")
        }
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
