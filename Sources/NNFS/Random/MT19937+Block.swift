/// An ``MT19937`` state read a block at a time, valid only inside ``MT19937/withWordBlock(_:)``.
///
/// Word for word the stream of ``MT19937/nextUInt32()``, produced with SIMD instead of one word at
/// a time:
/// - the block step (``MT19937/regenerate(vectorised:)``) runs 16 lanes at once. New word `i`
///   depends on old words `i` and `i + 1` and on word `i + 397` (old, for `i < 227`) or word
///   `i - 227` (already new); 16 consecutive lanes never depend on one another, so a chunk computes
///   the same words as the scalar loop;
/// - ``fillDoubles(_:_:)`` tempers the words of 4 draws at once (tempering is a pure function of
///   a word) and turns them into doubles with the same exact arithmetic as ``MT19937/double(_:_:)``;
///   ``fillBernoulli(_:outcomes:_:_:)`` settles 16 Bernoulli draws at once from the first word of
///   each.
/// A group of 16 draws is taken when its 32 words lie in the current block; the few draws at the
/// end of a block (and a double straddling two blocks) are drawn one at a time.
struct WordBlock: RandomWords {
    let mt: UnsafeMutablePointer<UInt32>
    var position: Int

    @inline(__always)
    mutating func nextUInt32() -> UInt32 {
        if position == MT19937.stateLength {
            MT19937.regenerate(vectorised: mt)
            position = 0
        }
        let y = mt[position]
        position &+= 1
        return MT19937.temper(y)
    }

    /// Whether the next 16 draws' 32 words lie in the current block.
    @inline(__always)
    var groupFits: Bool { position &+ 32 <= MT19937.stateLength }

    /// `count` doubles of `random_sample`, each from two words, as ``RandomWords/nextDouble()``
    /// gives them one at a time.
    mutating func fillDoubles(_ out: UnsafeMutablePointer<Double>, _ count: Int) {
        var i = 0
        while i < count {
            if count &- i >= 16 && groupFits {
                for quarter in 0..<4 {
                    let u = doubles(at: position &+ 8 &* quarter)
                    UnsafeMutableRawPointer(out + (i &+ 4 &* quarter)).storeBytes(of: u, as: SIMD4<Double>.self)
                }
                position &+= 32
                i &+= 16
            } else {
                (out + i).initialize(to: nextDouble())
                i &+= 1
            }
        }
    }

    /// The untempered first and second words of the four draws whose words start at `index`.
    @inline(__always)
    func words(at index: Int) -> (first: SIMD4<UInt32>, second: SIMD4<UInt32>) {
        let a = UnsafeRawPointer(mt + index).loadUnaligned(as: SIMD4<UInt32>.self)
        let b = UnsafeRawPointer(mt + (index &+ 4)).loadUnaligned(as: SIMD4<UInt32>.self)
        return (SIMD4(lowHalf: a.evenHalf, highHalf: b.evenHalf), SIMD4(lowHalf: a.oddHalf, highHalf: b.oddHalf))
    }

    /// `random_sample`'s doubles of the four draws whose words start at `index`.
    @inline(__always)
    func doubles(at index: Int) -> SIMD4<Double> {
        // After the shifts the words fit in Int32, whose conversion to Double is exact; so are
        // a * 2**26 + b < 2**53 and scaling it by 2**-53: the value of MT19937.double's division.
        let w = words(at: index)
        let a = unsafeBitCast(MT19937.temper(w.first) &>> 5, to: SIMD4<Int32>.self)
        let b = unsafeBitCast(MT19937.temper(w.second) &>> 6, to: SIMD4<Int32>.self)
        let ad = SIMD4<Double>(Double(a[0]), Double(a[1]), Double(a[2]), Double(a[3]))
        let bd = SIMD4<Double>(Double(b[0]), Double(b[1]), Double(b[2]), Double(b[3]))
        return (ad * 67_108_864.0 + bd) * 0x1p-53
    }

    /// `count` draws of ``LegacyBinomial/Inversion/drawBernoulli(_:)`` (`binomial(1, p)` by
    /// inversion), written as 64-bit patterns: `outcomes.zero` where the draw is 0, `outcomes.one`
    /// where it is 1 (an `Int`, or a `Double`'s bit pattern).
    ///
    /// A draw's uniform is `m / 2**53` with `m = (first >> 5) * 2**26 + (second >> 6)` of its
    /// two tempered words, and both of the draw's tests are monotone in `m`
    /// (``LegacyBinomial/Inversion/BernoulliThresholds``). So `hi = first >> 5` alone settles
    /// almost every draw: 0 when `hi < zeroBelow`, otherwise 1 unless `hi` is the one value
    /// between `zeroBelow` and `oneFrom` — when no `m` can fail the second test (`oneBelow` is
    /// `2**27`, as for every `p` tried; otherwise every draw is made by `drawBernoulli`). Sixteen
    /// draws are settled at once; a group holding a draw that its first word does not settle
    /// (about one in 2**26) is drawn one at a time by `drawBernoulli` itself, so exactly the same
    /// words are consumed with the same results.
    mutating func fillBernoulli(
        _ s: LegacyBinomial.Inversion, outcomes: (zero: UInt64, one: UInt64), _ out: UnsafeMutablePointer<UInt64>, _ count: Int
    ) {
        let t = s.bernoulliThresholds
        let groups = t.zeroBelow < 1 << 27 && t.oneBelow == 1 << 27
        // hi < zeroBelow is first < zeroBelow * 32; hi == zeroBelow is first & ~31 == zeroBelow * 32
        // (when oneFrom == zeroBelow there is no such hi: 1 is never a multiple of 32).
        let zeroLimit = SIMD4<UInt32>(repeating: UInt32(truncatingIfNeeded: t.zeroBelow) << 5)
        let between = SIMD4<UInt32>(repeating: t.oneFrom > t.zeroBelow ? UInt32(truncatingIfNeeded: t.zeroBelow) << 5 : 1)
        let one = SIMD2<UInt64>(repeating: outcomes.one), flip = SIMD2<UInt64>(repeating: outcomes.one ^ outcomes.zero)
        var i = 0
        while i < count {
            var settled = groups && count &- i >= 16 && groupFits
            if settled {
                var unsettled = SIMD4<Int32>()
                for quarter in 0..<4 {
                    let first = MT19937.temper(words(at: position &+ 8 &* quarter).first)
                    let isZero = unsafeBitCast(first .< zeroLimit, to: SIMD4<Int32>.self)  // 0 or -1 per lane
                    unsettled |= unsafeBitCast((first & ~31) .== between, to: SIMD4<Int32>.self)
                    // Each lane's 0 / -1 twice is the 64-bit 0 / -1 of its draw.
                    let low = unsafeBitCast(SIMD4(isZero[0], isZero[0], isZero[1], isZero[1]), to: SIMD2<UInt64>.self)
                    let high = unsafeBitCast(SIMD4(isZero[2], isZero[2], isZero[3], isZero[3]), to: SIMD2<UInt64>.self)
                    let o = UnsafeMutableRawPointer(out + (i &+ 4 &* quarter))
                    o.storeBytes(of: one ^ (low & flip), as: SIMD2<UInt64>.self)
                    o.storeBytes(of: one ^ (high & flip), toByteOffset: 16, as: SIMD2<UInt64>.self)
                }
                settled = (unsettled[0] | unsettled[1] | unsettled[2] | unsettled[3]) == 0
            }
            if settled {
                position &+= 32
                i &+= 16
            } else {  // a group with an unsettled draw, a short group, or a group past the block
                let n = Swift.min(16, count &- i)
                for lane in 0..<n {
                    (out + (i &+ lane)).initialize(to: s.drawBernoulli(&self) == 0 ? outcomes.zero : outcomes.one)
                }
                i &+= n
            }
        }
    }
}

extension MT19937 {
    /// The block step of ``regenerate(_:)`` on 16 words at a time.
    static func regenerate(vectorised mt: UnsafeMutablePointer<UInt32>) {
        let n = stateLength, m = Self.m
        @inline(__always) func twist(_ i: Int, _ c: Int) {
            let y = (mt[i] & upperMask) | (mt[i + 1] & lowerMask)
            mt[i] = mt[c] ^ (y >> 1) ^ ((0 &- (y & 1)) & matrixA)
        }
        @inline(__always) func twist16(_ i: Int, _ c: Int) {
            let y = (load(mt + i) & upperMask) | (load(mt + i + 1) & lowerMask)
            store(load(mt + c) ^ (y &>> 1) ^ ((0 &- (y & 1)) & matrixA), mt + i)
        }
        var i = 0
        while i + 16 <= n - m {  // reads old words i + 1 ... i + 16 and i + 397 ...
            twist16(i, i + m)
            i += 16
        }
        while i < n - m {
            twist(i, i + m)
            i += 1
        }
        while i + 16 <= n - 1 {  // ... and new words i - 227 ..., all before i
            twist16(i, i + m - n)
            i += 16
        }
        while i < n - 1 {
            twist(i, i + m - n)
            i += 1
        }
        let y = (mt[n - 1] & upperMask) | (mt[0] & lowerMask)
        mt[n - 1] = mt[m - 1] ^ (y >> 1) ^ ((0 &- (y & 1)) & matrixA)
    }

    /// ``temper(_:)`` on each word.
    @inline(__always)
    static func temper<V: SIMD>(_ word: V) -> V where V.Scalar == UInt32 {
        var y = word
        y ^= y &>> 11
        y ^= (y &<< 7) & 0x9D2C_5680
        y ^= (y &<< 15) & 0xEFC6_0000
        y ^= y &>> 18
        return y
    }
}

@inline(__always)
private func load(_ p: UnsafeMutablePointer<UInt32>) -> SIMD16<UInt32> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD16<UInt32>.self)
}

@inline(__always)
private func store(_ v: SIMD16<UInt32>, _ p: UnsafeMutablePointer<UInt32>) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD16<UInt32>.self)
}
