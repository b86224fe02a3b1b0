/// The 32-bit Mersenne Twister (MT19937) exactly as NumPy's `numpy.random.MT19937` bit generator
/// runs it underneath the legacy `RandomState`.
///
/// Contract (bit-exact with NumPy, any version since 1.17, and with the 2002 reference code):
/// - ``init(seed:)`` / ``seed(_:)`` is `np.random.seed(s)` for an integer `s` in `0...2**32-1`
///   (Knuth's multiplier-1812433253 recurrence, i.e. the reference `init_genrand`).
/// - ``init(seedArray:)`` / ``seed(array:)`` is `np.random.seed([k0, k1, ...])`
///   (the reference `init_by_array`, which ends by setting `key[0] = 0x80000000`).
/// - ``nextUInt32()`` is one tempered output word, `MT19937.random_raw()`.
/// - ``nextUInt64()`` is `(first << 32) | second` of two consecutive words.
/// - ``nextDouble()`` is NumPy's `random_sample`: `(a * 2**26 + b) / 2**53` with
///   `a = first >> 5`, `b = second >> 6`, a multiple of `2**-53` in `[0, 1)`.
///
/// A value type: copying a generator snapshots its state (the analogue of `get_state()`).
public struct MT19937: Sendable, Hashable {
    /// The number of 32-bit words of state (`N` = 624).
    public static let stateLength = 624
    static let m = 397
    static let matrixA: UInt32 = 0x9908_B0DF
    static let upperMask: UInt32 = 0x8000_0000
    static let lowerMask: UInt32 = 0x7FFF_FFFF

    /// The 624 untempered state words (`get_state()[1]`).
    public private(set) var key: [UInt32]
    /// The index of the next word to temper (`get_state()[2]`); 624 means the block of
    /// state is used up and is regenerated before the next draw.
    public private(set) var position: Int

    /// A generator seeded as `np.random.seed(seed)` seeds the legacy global generator.
    public init(seed: UInt32) {
        key = [UInt32](repeating: 0, count: Self.stateLength)
        position = Self.stateLength
        self.seed(seed)
    }

    /// A generator seeded as `np.random.seed(array)` does with a 1-D array of integers in
    /// `0...2**32-1` (the reference `init_by_array`). The array must not be empty.
    public init(seedArray: [UInt32]) {
        key = [UInt32](repeating: 0, count: Self.stateLength)
        position = Self.stateLength
        seed(array: seedArray)
    }

    /// A generator with an explicit state, as `set_state(('MT19937', key, pos, ...))`.
    ///
    /// - Precondition: `key.count == 624` and `0 <= position <= 624`.
    public init(key: [UInt32], position: Int) {
        precondition(key.count == Self.stateLength, "MT19937 state must have 624 words, got \(key.count)")
        precondition((0...Self.stateLength).contains(position), "MT19937 position \(position) is not in 0...624")
        self.key = key
        self.position = position
    }

    /// Reseeds with one 32-bit integer, as `np.random.seed(seed)` (`mt19937_seed`).
    public mutating func seed(_ seed: UInt32) {
        key.withUnsafeMutableBufferPointer { mt in
            var s = seed
            for i in 0..<Self.stateLength {
                mt[i] = s
                s = 1_812_433_253 &* (s ^ (s >> 30)) &+ UInt32(i + 1)
            }
        }
        position = Self.stateLength
    }

    /// Reseeds with an array of 32-bit integers, as `np.random.seed([...])` (`init_by_array`).
    ///
    /// - Precondition: `array` is not empty (NumPy raises "Seed must be non-empty").
    public mutating func seed(array initKey: [UInt32]) {
        precondition(!initKey.isEmpty, "Seed must be non-empty")
        let n = Self.stateLength
        seed(19_650_218)  // init_genrand(19650218): the same recurrence as an integer seed
        key.withUnsafeMutableBufferPointer { mt in
            var i = 1
            var j = 0
            var k = max(n, initKey.count)
            while k > 0 {
                let prev = mt[i - 1]
                mt[i] = (mt[i] ^ ((prev ^ (prev >> 30)) &* 1_664_525)) &+ initKey[j] &+ UInt32(truncatingIfNeeded: j)
                i += 1
                j += 1
                if i >= n { mt[0] = mt[n - 1]; i = 1 }
                if j >= initKey.count { j = 0 }
                k -= 1
            }
            k = n - 1
            while k > 0 {
                let prev = mt[i - 1]
                mt[i] = (mt[i] ^ ((prev ^ (prev >> 30)) &* 1_566_083_941)) &- UInt32(i)
                i += 1
                if i >= n { mt[0] = mt[n - 1]; i = 1 }
                k -= 1
            }
            mt[0] = 0x8000_0000  // MSB is 1: assures a non-zero initial state
        }
        position = n
    }

    /// Refills the 624 state words (the reference `genrand` block step).
    mutating func regenerate() {
        key.withUnsafeMutableBufferPointer { Self.regenerate($0.baseAddress!) }
        position = 0
    }

    /// The block step on raw state words, one word at a time: the reference that
    /// ``regenerate(vectorised:)`` (the step ``WordBlock`` uses) is tested against.
    @inline(__always)
    static func regenerate(_ mt: UnsafeMutablePointer<UInt32>) {
        let n = stateLength, m = Self.m
        @inline(__always) func twist(_ a: UInt32, _ b: UInt32, _ c: UInt32) -> UInt32 {
            let y = (a & upperMask) | (b & lowerMask)
            return c ^ (y >> 1) ^ ((0 &- (y & 1)) & matrixA)
        }
        var i = 0
        while i < n - m {
            mt[i] = twist(mt[i], mt[i + 1], mt[i + m])
            i += 1
        }
        while i < n - 1 {
            mt[i] = twist(mt[i], mt[i + 1], mt[i + m - n])
            i += 1
        }
        mt[n - 1] = twist(mt[n - 1], mt[0], mt[m - 1])
    }

    /// MT19937's output tempering of one state word.
    @inline(__always)
    static func temper(_ word: UInt32) -> UInt32 {
        var y = word
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C_5680
        y ^= (y << 15) & 0xEFC6_0000
        y ^= y >> 18
        return y
    }

    /// The next tempered 32-bit output word (`random_raw()`).
    public mutating func nextUInt32() -> UInt32 {
        if position == Self.stateLength { regenerate() }
        let y = key[position]
        position += 1
        return Self.temper(y)
    }

    /// A 64-bit word from two draws, the first in the high half (`mt19937_next64`).
    public mutating func nextUInt64() -> UInt64 {
        let hi = UInt64(nextUInt32())
        let lo = UInt64(nextUInt32())
        return hi << 32 | lo
    }

    /// A double in `[0, 1)` with 53 random bits from two draws (`random_sample`).
    public mutating func nextDouble() -> Double {
        let first = nextUInt32()
        return Self.double(first, nextUInt32())
    }

    /// `random_sample`'s double from two consecutive words.
    @inline(__always)
    static func double(_ first: UInt32, _ second: UInt32) -> Double {
        (Double(first >> 5) * 67_108_864.0 + Double(second >> 6)) / 9_007_199_254_740_992.0
    }

    /// Runs `body` on a ``WordBlock`` over this generator's state, for loops that draw thousands
    /// of words (the dropout mask, array samplers). It yields the same words in the same order as
    /// ``nextUInt32()``; the state and position it reaches are kept.
    mutating func withWordBlock<R>(_ body: (inout WordBlock) -> R) -> R {
        let start = position
        var end = start
        let result = key.withUnsafeMutableBufferPointer { mt in
            var block = WordBlock(mt: mt.baseAddress!, position: start)
            let r = body(&block)
            end = block.position
            return r
        }
        position = end
        return result
    }
}

/// A source of MT19937 words: the generator itself, or a ``WordBlock`` over its state. Samplers
/// are generic over it, so one algorithm text serves both and specialisation inlines the reads.
protocol RandomWords {
    mutating func nextUInt32() -> UInt32
}

extension RandomWords {
    /// NumPy's `random_sample` from the next two words (see ``MT19937/nextDouble()``).
    @inline(__always)
    mutating func nextDouble() -> Double {
        let first = nextUInt32()
        return MT19937.double(first, nextUInt32())
    }
}

extension MT19937: RandomWords {}
