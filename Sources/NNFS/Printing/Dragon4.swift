// Exact decimal digit generation for binary floating-point values, with the semantics of
// NumPy's Dragon4 (numpy/_core/src/multiarray/dragon4.c, "unique" digit mode), written anew
// from the algorithm of Steele & White / Burger & Dybvig.
//
// This is the ground truth the printer relies on. `FloatFormatting.swift` takes a faster
// route (Swift's shortest round-trip `description`) whenever that provably yields the same
// digits, and falls back to `Dragon4.digits` otherwise.

/// Decimal digits of a non-negative value: `d0.d1d2… × 10^exponent`.
///
/// `digits` holds values `0...9` (not characters). Zero is `[0]` with exponent `0`.
/// Trailing zeros are usually absent but may be present when a minimum digit count forced them.
struct DecimalDigits: Equatable, Sendable {
    var digits: [UInt8]
    /// The decimal exponent of the first digit.
    var exponent: Int
}

/// How `maxDigits` / `minDigits` of ``Dragon4/digits(mantissa:exponent:mantissaBit:unequalMargins:cutoff:maxDigits:minDigits:)``
/// are counted.
enum DigitCutoff: Sendable {
    /// Count significant digits from the first one (scientific notation).
    case totalLength
    /// Count digits after the decimal point (positional notation).
    case fractionLength
}

/// A small arbitrary-precision unsigned integer: little-endian 32-bit limbs, no leading zero limbs.
struct BigUInt {
    var limbs: [UInt32]

    init(_ value: UInt64) {
        limbs = []
        limbs.reserveCapacity(8)
        if value != 0 {
            limbs.append(UInt32(truncatingIfNeeded: value))
            if value >> 32 != 0 { limbs.append(UInt32(truncatingIfNeeded: value >> 32)) }
        }
    }

    /// `2^n`.
    static func pow2(_ n: Int) -> BigUInt {
        var r = BigUInt(1)
        r.shiftLeft(n)
        return r
    }

    var isZero: Bool { limbs.isEmpty }

    mutating func normalize() {
        while let last = limbs.last, last == 0 { limbs.removeLast() }
    }

    mutating func shiftLeft(_ n: Int) {
        guard n > 0, !limbs.isEmpty else { return }
        let whole = n / 32, bits = n % 32
        if bits != 0 {
            var carry: UInt32 = 0
            for i in limbs.indices {
                let v = limbs[i]
                limbs[i] = (v << UInt32(bits)) | carry
                carry = v >> UInt32(32 - bits)
            }
            if carry != 0 { limbs.append(carry) }
        }
        if whole > 0 { limbs.insert(contentsOf: repeatElement(0, count: whole), at: 0) }
    }

    mutating func multiply(by m: UInt32) {
        guard m != 1 else { return }
        if m == 0 { limbs.removeAll(keepingCapacity: true); return }
        var carry: UInt64 = 0
        for i in limbs.indices {
            let p = UInt64(limbs[i]) &* UInt64(m) &+ carry
            limbs[i] = UInt32(truncatingIfNeeded: p)
            carry = p >> 32
        }
        if carry != 0 { limbs.append(UInt32(carry)) }
    }

    /// `self *= 10^n`.
    mutating func multiplyPow10(_ n: Int) {
        var n = n
        while n >= 9 { multiply(by: 1_000_000_000); n -= 9 }
        if n > 0 {
            var p: UInt32 = 1
            for _ in 0..<n { p *= 10 }
            multiply(by: p)
        }
    }

    /// `a + b`.
    static func sum(_ a: BigUInt, _ b: BigUInt) -> BigUInt {
        let (long, short) = a.limbs.count >= b.limbs.count ? (a, b) : (b, a)
        var r = long
        var carry: UInt64 = 0
        for i in r.limbs.indices {
            let s = UInt64(r.limbs[i]) + (i < short.limbs.count ? UInt64(short.limbs[i]) : 0) + carry
            r.limbs[i] = UInt32(truncatingIfNeeded: s)
            carry = s >> 32
            if carry == 0 && i >= short.limbs.count { break }
        }
        if carry != 0 { r.limbs.append(UInt32(carry)) }
        return r
    }

    /// Three-way comparison: negative, zero or positive as `a <, ==, > b`.
    static func compare(_ a: BigUInt, _ b: BigUInt) -> Int {
        if a.limbs.count != b.limbs.count { return a.limbs.count < b.limbs.count ? -1 : 1 }
        var i = a.limbs.count - 1
        while i >= 0 {
            if a.limbs[i] != b.limbs[i] { return a.limbs[i] < b.limbs[i] ? -1 : 1 }
            i -= 1
        }
        return 0
    }

    /// `self -= q * d`; requires the result to be non-negative.
    mutating func subtract(_ d: BigUInt, times q: UInt32) {
        var borrow: UInt64 = 0  // amount (< 2^32 + q) still to subtract at this limb
        for i in limbs.indices {
            let sub = (i < d.limbs.count ? UInt64(d.limbs[i]) * UInt64(q) : 0) + borrow
            let cur = UInt64(limbs[i])
            let low = sub & 0xFFFF_FFFF
            if cur >= low {
                limbs[i] = UInt32(cur - low)
                borrow = sub >> 32
            } else {
                limbs[i] = UInt32(cur + (1 << 32) - low)
                borrow = (sub >> 32) + 1
            }
            if borrow == 0 && i >= d.limbs.count { break }
        }
        precondition(borrow == 0, "BigUInt subtraction underflow")
        normalize()
    }

    /// A `Double` approximation of `self / 2^(32*shift)` from the top three limbs.
    func approximate(droppingLimbs shift: Int) -> Double {
        var r = 0.0
        let n = limbs.count
        var i = n - 1
        let stop = max(0, n - 3)
        while i >= stop {
            let scaleExp = 32 * (i - shift)
            r += Double(limbs[i]) * Double(sign: .plus, exponent: scaleExp, significand: 1)
            i -= 1
        }
        return r
    }

    /// Replaces `self` by `self mod d` and returns `self / d`, which must be below 10.
    mutating func divideSmallQuotient(by d: BigUInt) -> UInt32 {
        if BigUInt.compare(self, d) < 0 { return 0 }
        let shift = max(0, d.limbs.count - 2)
        let ratio = approximate(droppingLimbs: shift) / d.approximate(droppingLimbs: shift)
        var q = UInt32(max(0, min(9, (ratio * (1 - 1e-9)).rounded(.down))))
        if q > 0 { subtract(d, times: q) }
        while BigUInt.compare(self, d) >= 0 {
            subtract(d, times: 1)
            q += 1
        }
        return q
    }
}

/// NumPy's Dragon4 in "unique" digit mode.
enum Dragon4 {
    /// The decimal digits NumPy's Dragon4 prints for `mantissa × 2^exponent`.
    ///
    /// - Parameters:
    ///   - mantissa: the integer significand (implicit bit included for normal numbers).
    ///   - exponent: the binary exponent applied to `mantissa`.
    ///   - mantissaBit: the index of the highest set bit of `mantissa`.
    ///   - unequalMargins: the value is a power of two above the smallest normal, so the gap to
    ///     the next lower float is half the gap to the next higher one.
    ///   - cutoff: whether `maxDigits`/`minDigits` count significant or fractional digits.
    ///   - maxDigits: stop after this many digits (`-1`: no limit); when the shortest unique
    ///     representation is longer, the exact binary value is rounded half-to-even at that digit.
    ///   - minDigits: print at least this many digits (`-1`: no minimum); digits past the unique
    ///     ones are the exact value's, correctly rounded.
    /// - Returns: the digits and the decimal exponent of the first one.
    ///
    /// The rounding interval is closed when `mantissa` is even and open when it is odd (IEEE
    /// round-half-even reading), as in NumPy since 1.14; when both neighbours are admissible the
    /// closer one is taken, ties going to the even digit.
    static func digits(
        mantissa: UInt64, exponent: Int, mantissaBit: Int, unequalMargins: Bool,
        cutoff: DigitCutoff, maxDigits: Int, minDigits: Int
    ) -> DecimalDigits {
        if mantissa == 0 { return DecimalDigits(digits: [0], exponent: 0) }
        let isEven = mantissa & 1 == 0

        // value = scaledValue / scale; the margins are half the gaps to the neighbours.
        var value = BigUInt(mantissa)
        var scale: BigUInt
        var marginLow: BigUInt
        let highFactor: UInt32 = unequalMargins ? 2 : 1
        let extra = unequalMargins ? 2 : 1
        if exponent > 0 {
            value.shiftLeft(exponent + extra)
            scale = BigUInt(UInt64(1) << UInt64(extra))
            marginLow = BigUInt.pow2(exponent)
        } else {
            value.shiftLeft(extra)
            scale = BigUInt.pow2(-exponent + extra)
            marginLow = BigUInt(1)
        }

        // k: one above the exponent of the first digit (estimate, then corrected).
        var k = Int((Double(mantissaBit + exponent) * 0.30102999566398119521373889472449 - 0.69).rounded(.up))
        if maxDigits >= 0 && cutoff == .fractionLength && k <= -maxDigits {
            k = -maxDigits + 1
        }
        if k > 0 {
            scale.multiplyPow10(k)
        } else if k < 0 {
            value.multiplyPow10(-k)
            marginLow.multiplyPow10(-k)
        }
        if BigUInt.compare(value, scale) >= 0 {
            k += 1
        } else {
            value.multiply(by: 10)
            marginLow.multiply(by: 10)
        }
        var marginHigh = marginLow
        marginHigh.multiply(by: highFactor)

        var cutoffMaxExponent = k - 10_000
        if maxDigits >= 0 {
            cutoffMaxExponent = max(cutoffMaxExponent, cutoff == .totalLength ? k - maxDigits : -maxDigits)
        }
        var cutoffMinExponent = k
        if minDigits >= 0 {
            cutoffMinExponent = min(cutoffMinExponent, cutoff == .totalLength ? k - minDigits : -minDigits)
        }
        var outExponent = k - 1

        var out: [UInt8] = []
        out.reserveCapacity(20)
        var low = false, high = false
        var digit: UInt32 = 0
        var digitExponent = k
        while true {
            digitExponent -= 1
            digit = value.divideSmallQuotient(by: scale)
            let c1 = BigUInt.compare(value, marginLow)
            low = isEven ? c1 <= 0 : c1 < 0
            let c2 = BigUInt.compare(BigUInt.sum(value, marginHigh), scale)
            high = isEven ? c2 >= 0 : c2 > 0
            if ((low || high) && digitExponent <= cutoffMinExponent) || digitExponent == cutoffMaxExponent {
                break
            }
            out.append(UInt8(digit))
            value.multiply(by: 10)
            marginLow.multiply(by: 10)
            marginHigh = marginLow
            marginHigh.multiply(by: highFactor)
        }

        var roundDown = low
        if low == high {
            value.multiply(by: 2)
            let c = BigUInt.compare(value, scale)
            roundDown = c < 0
            if c == 0 { roundDown = digit & 1 == 0 }
        }
        if roundDown {
            out.append(UInt8(digit))
        } else if digit == 9 {
            while let last = out.last, last == 9 { out.removeLast() }
            if out.isEmpty {
                out = [1]
                outExponent += 1
            } else {
                out[out.count - 1] += 1
            }
        } else {
            out.append(UInt8(digit + 1))
        }
        return DecimalDigits(digits: out, exponent: outExponent)
    }
}
