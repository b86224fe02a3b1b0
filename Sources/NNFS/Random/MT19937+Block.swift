/// An ``MT19937`` state read a block at a time, valid only inside ``MT19937/withWordBlock(_:)``.
///
/// Word for word the stream of ``MT19937/nextUInt32()``, produced with SIMD instead of one word at
/// a time:
/// - the block step (``MT19937/regenerate(_:tempered:)``) runs 16 lanes at once. New word `i`
///   depends on old words `i` and `i + 1` and on word `i + 397` (old, for `i < 227`) or word
///   `i - 227` (already new); 16 consecutive lanes never depend on one another, so a chunk computes
///   the same words as the scalar loop;
/// - each new block is tempered at once into `tempered` (tempering is a pure function of a word);
/// - ``fillDoubles(_:_:)`` turns 32 tempered words into 16 doubles with the same exact arithmetic
///   as ``MT19937/double(_:_:)``; ``fillBernoulli(_:outcomes:_:_:)`` settles 16 Bernoulli draws
///   from their words at once.
///
/// `tempered` holds the tempered words of the current block at the indices of `mt`, plus
/// ``padding`` zero words after them, so a 16-lane read near the end of the block stays in bounds
/// (lanes past the block are never used).
struct WordBlock: RandomWords {
    let mt: UnsafeMutablePointer<UInt32>
    let tempered: UnsafeMutablePointer<UInt32>
    var position: Int

    static let padding = 32
    static let temperedCapacity = MT19937.stateLength + padding

    /// Starts reading `mt` at `position` (624: the block is used up and is regenerated first).
    init(mt: UnsafeMutablePointer<UInt32>, tempered: UnsafeMutablePointer<UInt32>, position: Int) {
        self.mt = mt
        self.tempered = tempered
        self.position = position
        let n = MT19937.stateLength
        (tempered + n).initialize(repeating: 0, count: Self.padding)
        if position < n {
            var i = 0
            while i < n {  // 624 = 39 x 16
                store(MT19937.temper(load(mt + i)), tempered + i)
                i += 16
            }
        }
    }

    @inline(__always)
    mutating func nextUInt32() -> UInt32 {
        if position == MT19937.stateLength { refill() }
        let y = tempered[position]
        position &+= 1
        return y
    }

    /// The next block of state, tempered.
    @inline(__always)
    mutating func refill() {
        MT19937.regenerate(mt, tempered: tempered)
        position = 0
    }

    /// `count` doubles of `random_sample`, each from two words, as ``RandomWords/nextDouble()``
    /// gives them one at a time.
    mutating func fillDoubles(_ out: UnsafeMutablePointer<Double>, _ count: Int) {
        var i = 0
        while i < count {
            let whole = (MT19937.stateLength &- position) >> 1  // doubles left inside this block
            if whole == 0 {  // 0 or 1 word left: this double straddles the refill
                (out + i).initialize(to: nextDouble())
                i &+= 1
                continue
            }
            let k = min(16, whole, count &- i)
            let u = doubles16()
            if k == 16 {
                UnsafeMutableRawPointer(out + i).storeBytes(of: u, as: SIMD16<Double>.self)
            } else {
                for lane in 0..<k { (out + i + lane).initialize(to: u[lane]) }
            }
            position &+= 2 &* k
            i &+= k
        }
    }

    /// `count` draws of ``LegacyBinomial/Inversion/drawBernoulli(_:)`` (`binomial(1, p)` by
    /// inversion), written as 64-bit patterns: `outcomes.zero` where the draw is 0, `outcomes.one`
    /// where it is 1 (an `Int`, or a `Double`'s bit pattern).
    ///
    /// A draw's uniform is `m / 2**53` with `m = (first >> 5) * 2**26 + (second >> 6)` of its
    /// two words, and both of the draw's tests are monotone in `m`
    /// (``LegacyBinomial/Inversion/BernoulliThresholds``). So `first >> 5` alone settles almost
    /// every draw: 0 when it is below ``BernoulliThresholds/zeroBelow``, 1 when it is in
    /// `oneFrom..<oneBelow`. Sixteen draws are settled at once; a group holding any draw that
    /// the first word does not settle (about one in 2**25, or a restart) is drawn one at a time
    /// by `drawBernoulli` itself, so exactly the same words are consumed with the same results.
    mutating func fillBernoulli(
        _ s: LegacyBinomial.Inversion, outcomes: (zero: UInt64, one: UInt64), _ out: UnsafeMutablePointer<UInt64>, _ count: Int
    ) {
        let t = s.bernoulliThresholds
        let zeroBelow = SIMD4<Int32>(repeating: t.zeroBelow), oneFrom = SIMD4<Int32>(repeating: t.oneFrom)
        let oneBelow = SIMD4<Int32>(repeating: t.oneBelow)
        let one = SIMD4<UInt64>(repeating: outcomes.one), flip = SIMD4<UInt64>(repeating: outcomes.one ^ outcomes.zero)
        var i = 0
        while i < count {
            let whole = (MT19937.stateLength &- position) >> 1
            let k = min(16, whole, count &- i)
            var settled = k == 16
            if settled {
                var unsettled = SIMD4<Int32>()
                for quarter in 0..<4 {
                    let words = UnsafeRawPointer(tempered + (position &+ 8 &* quarter)).loadUnaligned(as: SIMD8<UInt32>.self)
                    let hi = SIMD4<Int32>(truncatingIfNeeded: words.evenHalf &>> 5)
                    // x &- bound &>> 31 is -1 where x < bound, else 0 (no overflow: all in 0...2**27).
                    let isZero = (hi &- zeroBelow) &>> 31
                    let belowOneFrom = (hi &- oneFrom) &>> 31
                    let belowOneBelow = (hi &- oneBelow) &>> 31
                    unsettled |= ~isZero & (belowOneFrom | ~belowOneBelow)
                    let wide = SIMD4<Int64>(truncatingIfNeeded: isZero)
                    let bits = one ^ (SIMD4<UInt64>(truncatingIfNeeded: wide) & flip)
                    UnsafeMutableRawPointer(out + (i &+ 4 &* quarter)).storeBytes(of: bits, as: SIMD4<UInt64>.self)
                }
                settled = unsettled == SIMD4<Int32>()
            }
            if settled {
                position &+= 32
                i &+= 16
            } else {  // a group with an unsettled draw, a short group, or a draw straddling the refill
                let n = Swift.max(k, 1)
                for lane in 0..<n {
                    (out + (i &+ lane)).initialize(to: s.drawBernoulli(&self) == 0 ? outcomes.zero : outcomes.one)
                }
                i &+= n
            }
        }
    }

    /// The 16 doubles of the next 32 tempered words (those past the block are padding).
    @inline(__always)
    func doubles16() -> SIMD16<Double> {
        let w = UnsafeRawPointer(tempered + position).loadUnaligned(as: SIMD32<UInt32>.self)
        // After the shifts the words fit in Int32, whose conversion to Double is one instruction.
        let a = SIMD16<Double>(SIMD16<Int32>(truncatingIfNeeded: w.evenHalf &>> 5))
        let b = SIMD16<Double>(SIMD16<Int32>(truncatingIfNeeded: w.oddHalf &>> 6))
        // a * 2**26 + b < 2**53 is exact, and so is scaling by 2**-53: the same value as
        // MT19937.double's division by 2**53.
        return (a * 67_108_864.0 + b) * 0x1p-53
    }
}

extension MT19937 {
    /// The block step of ``regenerate(_:)`` on 16 words at a time, also writing each new word
    /// tempered to `tempered`.
    static func regenerate(_ mt: UnsafeMutablePointer<UInt32>, tempered: UnsafeMutablePointer<UInt32>) {
        let n = stateLength, m = Self.m
        @inline(__always) func twist(_ i: Int, _ c: Int) {
            let y = (mt[i] & upperMask) | (mt[i + 1] & lowerMask)
            mt[i] = mt[c] ^ (y >> 1) ^ ((0 &- (y & 1)) & matrixA)
            tempered[i] = temper(mt[i])
        }
        @inline(__always) func twist16(_ i: Int, _ c: Int) {
            let y = (load(mt + i) & upperMask) | (load(mt + i + 1) & lowerMask)
            let v = load(mt + c) ^ (y &>> 1) ^ ((0 &- (y & 1)) & matrixA)
            store(v, mt + i)
            store(temper(v), tempered + i)
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
        tempered[n - 1] = temper(mt[n - 1])
    }

    /// ``temper(_:)`` on 16 words.
    @inline(__always)
    static func temper(_ word: SIMD16<UInt32>) -> SIMD16<UInt32> {
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
