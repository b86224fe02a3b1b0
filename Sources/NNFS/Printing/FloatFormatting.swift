// Digit generation and single-value layout for floats, as NumPy's
// `format_float_positional` / `format_float_scientific` (Dragon4, unique mode) produce them.

/// The float types the printer handles (`Float` for `float32`, `Double` for `float64`).
///
/// Everything here is computed from the exact binary value of `Self`: digits are those of the
/// shortest decimal that round-trips *in `Self`*, so a `float32` element prints as
/// `np.float32` would (`0.1` as `0.1`, not `0.10000000149011612`).
protocol PrintableFloat: BinaryFloatingPoint, CustomStringConvertible, Sendable {
    /// NumPy's `10.**min(8, np.finfo(dtype).precision)`: arrays whose largest magnitude reaches
    /// it print in scientific notation (`1e6` for `float32`, `1e8` for `float64`).
    static var arrayExpCutoff: Self { get }
    /// Scalars (`str(np.float32(x))`) at or above this magnitude print in scientific notation
    /// (`1e6` for `float32`, `1e16` for `float64`).
    static var scalarMaxPositional: Self { get }
    /// The largest binary exponent (of the integer significand) for which Swift's
    /// `description` is trusted to give the same shortest digits as NumPy's Dragon4.
    static var fastPathMaxExponent: Int { get }
}

extension Float: PrintableFloat {
    static var arrayExpCutoff: Float { 1e6 }
    static var scalarMaxPositional: Float { 1e6 }
    static var fastPathMaxExponent: Int { -3 }
}

extension Double: PrintableFloat {
    static var arrayExpCutoff: Double { 1e8 }
    static var scalarMaxPositional: Double { 1e16 }
    static var fastPathMaxExponent: Int { -3 }
}

/// Trailing-zero handling, as NumPy's `trim` argument.
enum TrimMode: Sendable {
    /// `'k'`: keep trailing zeros (pad with zeros up to the minimum digit count).
    case none
    /// `'.'`: trim trailing zeros, keep the decimal point (`1.`).
    case zeros
    /// `'0'`: trim trailing zeros but leave one after the point (`1.0`).
    case leaveOneZero
    /// `'-'`: trim trailing zeros and the decimal point (`1`).
    case dptZeros
}

/// The decomposition of a finite float into `mantissa × 2^exponent`, as Dragon4 consumes it.
struct FloatBits {
    var mantissa: UInt64
    var exponent: Int
    var mantissaBit: Int
    var unequalMargins: Bool

    init<F: BinaryFloatingPoint>(_ x: F) {
        let biased = Int(x.exponentBitPattern)
        let fraction = UInt64(x.significandBitPattern)
        let sbc = F.significandBitCount
        let bias = (1 << (F.exponentBitCount - 1)) - 1
        if biased != 0 {
            mantissa = (UInt64(1) << UInt64(sbc)) | fraction
            exponent = biased - bias - sbc
            mantissaBit = sbc
            unequalMargins = biased != 1 && fraction == 0
        } else {
            mantissa = fraction
            exponent = 1 - bias - sbc
            mantissaBit = fraction == 0 ? 0 : 63 - fraction.leadingZeroBitCount
            unequalMargins = false
        }
    }
}

enum FloatFormatting {
    /// NumPy's Dragon4 digits of `|x|` (`x` finite), in unique mode with the given cutoffs,
    /// with trailing zeros removed (they carry no information for the layouts, which pad or trim).
    ///
    /// Fast route, used whenever it is certain to give Dragon4's answer:
    /// - `D` = Swift's shortest round-trip digits (`description`), which equal Dragon4's unique
    ///   digits for values with a binary exponent `<= F.fastPathMaxExponent` (checked by the
    ///   property test against the exact port);
    /// - when `D` is longer than the cutoff allows, Dragon4 rounds the exact binary value
    ///   half-to-even at the cutoff; rounding `D` there gives the same digit except when the
    ///   dropped tail of `D` is exactly `5` (the midpoint may then lie on either side of `x`),
    ///   which goes to the exact route;
    /// - when more digits than `D` are required (scientific `min_digits`, at most 9 significant
    ///   digits), Dragon4 prints the exact value correctly rounded: for `float64` that is `D`
    ///   itself (the gap to the neighbours is far below one unit of the 9th digit); for `float32`
    ///   it is the exact `Double(x)` rounded the same way, from its own shortest digits.
    /// Everything else (large or exactly-tied values, unusual cutoffs) uses the exact big-integer
    /// ``Dragon4``.
    static func digits<F: PrintableFloat>(
        _ x: F, cutoff: DigitCutoff, maxDigits: Int, minDigits: Int
    ) -> DecimalDigits {
        let bits = FloatBits(x)
        if bits.mantissa == 0 { return DecimalDigits(digits: [0], exponent: 0) }
        if bits.exponent <= F.fastPathMaxExponent, let s = shortestFromDescription(x.magnitude),
           let r = applyCutoffs(s, x, cutoff: cutoff, maxDigits: maxDigits, minDigits: minDigits) {
            return r
        }
        var d = exactDigits(x, cutoff: cutoff, maxDigits: maxDigits, minDigits: minDigits)
        while d.digits.count > 1 && d.digits[d.digits.count - 1] == 0 { d.digits.removeLast() }
        return d
    }

    /// Dragon4's result from the shortest digits `s` of `x`, or `nil` when that needs the exact value.
    private static func applyCutoffs<F: PrintableFloat>(
        _ s: DecimalDigits, _ x: F, cutoff: DigitCutoff, maxDigits: Int, minDigits: Int
    ) -> DecimalDigits? {
        let n = s.digits.count
        switch cutoff {
        case .totalLength:
            if maxDigits >= 0 && n > maxDigits {
                return maxDigits >= 1 ? round(s, keeping: maxDigits) : nil
            }
            if minDigits >= 0 && n < minDigits {
                guard minDigits <= 9 else { return nil }
                // A normal float64 is within 1e-16 (relative) of its shortest digits, so those,
                // padded, are the exact value rounded to <= 9 digits. A subnormal is not
                // (`5e-324` is exactly 4.94065645...e-324): it takes the exact route.
                if F.significandBitCount == Double.significandBitCount { return x.isNormal ? s : nil }
                guard F.significandBitCount == Float.significandBitCount,
                      let wide = shortestFromDescription(Double(x.magnitude)) else { return nil }
                return wide.digits.count <= minDigits ? wide : round(wide, keeping: minDigits)
            }
            return s
        case .fractionLength:
            let lastExponent = s.exponent - n + 1
            if maxDigits >= 0 && lastExponent < -maxDigits {
                let keep = s.exponent + 1 + maxDigits
                return keep >= 1 ? round(s, keeping: keep) : nil
            }
            if minDigits >= 0 && lastExponent > min(s.exponent + 1, -minDigits) { return nil }
            return s
        }
    }

    /// `d` (shortest digits, no trailing zeros) rounded to its first `keep` digits, or `nil`
    /// when the dropped tail is exactly one `5` (a tie for `d`, not necessarily for the value).
    static func round(_ d: DecimalDigits, keeping keep: Int) -> DecimalDigits? {
        let next = d.digits[keep]
        let up: Bool
        if next != 5 {
            up = next > 5
        } else if keep + 1 < d.digits.count {
            up = true
        } else {
            return nil
        }
        var out = Array(d.digits[0..<keep])
        var e = d.exponent
        if up {
            while let last = out.last, last == 9 { out.removeLast() }
            if out.isEmpty {
                out = [1]
                e += 1
            } else {
                out[out.count - 1] += 1
            }
        }
        while out.count > 1 && out[out.count - 1] == 0 { out.removeLast() }
        return DecimalDigits(digits: out, exponent: e)
    }

    /// The exact (big-integer) Dragon4 digits of `|x|`.
    static func exactDigits<F: PrintableFloat>(
        _ x: F, cutoff: DigitCutoff, maxDigits: Int, minDigits: Int
    ) -> DecimalDigits {
        let b = FloatBits(x)
        return Dragon4.digits(
            mantissa: b.mantissa, exponent: b.exponent, mantissaBit: b.mantissaBit,
            unequalMargins: b.unequalMargins, cutoff: cutoff, maxDigits: maxDigits, minDigits: minDigits)
    }

    /// Parses Swift's shortest round-trip text of a positive finite value into digits and the
    /// exponent of the first one, dropping leading and trailing zeros.
    static func shortestFromDescription<F: PrintableFloat>(_ x: F) -> DecimalDigits? {
        var digits: [UInt8] = []
        digits.reserveCapacity(20)
        var intDigits = 0
        var seenPoint = false
        var exp = 0
        var expSign = 1
        var inExponent = false
        for c in x.description.utf8 {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if inExponent {
                    exp = exp * 10 + Int(c - UInt8(ascii: "0"))
                } else {
                    digits.append(c - UInt8(ascii: "0"))
                    if !seenPoint { intDigits += 1 }
                }
            case UInt8(ascii: "."): seenPoint = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"): inExponent = true
            case UInt8(ascii: "-"): if inExponent { expSign = -1 } else { return nil }
            case UInt8(ascii: "+"): break
            default: return nil
            }
        }
        var lead = 0
        while lead < digits.count && digits[lead] == 0 { lead += 1 }
        if lead == digits.count { return nil }
        var end = digits.count
        while digits[end - 1] == 0 { end -= 1 }
        let firstExponent = intDigits - lead - 1 + expSign * exp
        if lead > 0 || end < digits.count {
            digits = Array(digits[lead..<end])
        }
        return DecimalDigits(digits: digits, exponent: firstExponent)
    }

    // MARK: Laying out one value

    /// `np.format_float_positional(x, precision, unique=True, fractional=True, trim, sign=False,
    /// pad_left, pad_right, min_digits)` for a finite `x`; `-1` means "not given".
    static func positional<F: PrintableFloat>(
        _ x: F, precision: Int, minDigits: Int, trim: TrimMode, padLeft: Int = -1, padRight: Int = -1
    ) -> String {
        let d = digits(x, cutoff: .fractionLength, maxDigits: precision, minDigits: minDigits)
        return layoutPositional(
            d, negative: x.sign == .minus, minDigits: minDigits, trim: trim, padLeft: padLeft, padRight: padRight)
    }

    /// The positional text split at the decimal point (the integer part carries the sign),
    /// as NumPy's `FloatingFormat.fillFormat` sees it with `trim='.'`.
    static func positionalParts(_ d: DecimalDigits, negative: Bool) -> (int: String, frac: String) {
        let s = layoutPositional(d, negative: negative, minDigits: -1, trim: .zeros, padLeft: -1, padRight: -1)
        let u = Array(s.utf8)
        let dot = u.firstIndex(of: UInt8(ascii: "."))!
        return (String(decoding: u[..<dot], as: UTF8.self), String(decoding: u[(dot + 1)...], as: UTF8.self))
    }

    static func layoutPositional(
        _ d: DecimalDigits, negative: Bool, minDigits: Int, trim: TrimMode, padLeft: Int, padRight: Int
    ) -> String {
        var buf: [UInt8] = []
        buf.reserveCapacity(32)
        let hasSign = negative ? 1 : 0
        if negative { buf.append(UInt8(ascii: "-")) }
        let zero = UInt8(ascii: "0")
        let n = d.digits.count
        var wholeDigits: Int
        var fractionDigits = 0
        if d.exponent >= 0 {
            wholeDigits = d.exponent + 1
            if n <= wholeDigits {
                for digit in d.digits { buf.append(zero + digit) }
                for _ in 0..<(wholeDigits - n) { buf.append(zero) }
            } else {
                for digit in d.digits[..<wholeDigits] { buf.append(zero + digit) }
                buf.append(UInt8(ascii: "."))
                for digit in d.digits[wholeDigits...] { buf.append(zero + digit) }
                fractionDigits = n - wholeDigits
            }
        } else {
            wholeDigits = 1
            buf.append(zero)
            buf.append(UInt8(ascii: "."))
            let zeros = -(d.exponent + 1)
            for _ in 0..<zeros { buf.append(zero) }
            for digit in d.digits { buf.append(zero + digit) }
            fractionDigits = zeros + n
        }
        if trim != .dptZeros && fractionDigits == 0 && d.exponent >= 0 {
            buf.append(UInt8(ascii: "."))
        }
        let desired = max(minDigits, 0)
        if trim == .leaveOneZero {
            if fractionDigits == 0 {
                buf.append(zero)
                fractionDigits = 1
            }
        } else if trim == .none && desired > fractionDigits {
            for _ in 0..<(desired - fractionDigits) { buf.append(zero) }
            fractionDigits = desired
        }
        if trim != .none && fractionDigits > 0 {
            while buf.last == zero {
                buf.removeLast()
                fractionDigits -= 1
            }
            if buf.last == UInt8(ascii: ".") {
                if trim == .leaveOneZero {
                    buf.append(zero)
                    fractionDigits += 1
                } else if trim == .dptZeros {
                    buf.removeLast()
                }
            }
        }
        if padRight >= fractionDigits {
            if trim == .dptZeros && fractionDigits == 0 { buf.append(UInt8(ascii: " ")) }
            for _ in 0..<(padRight - fractionDigits) { buf.append(UInt8(ascii: " ")) }
        }
        if padLeft > wholeDigits + hasSign {
            buf.insert(contentsOf: repeatElement(UInt8(ascii: " "), count: padLeft - wholeDigits - hasSign), at: 0)
        }
        return String(decoding: buf, as: UTF8.self)
    }

    /// `np.format_float_scientific(x, precision, unique=True, trim, sign=False, pad_left,
    /// exp_digits, min_digits)` for a finite `x`; `-1` means "not given".
    static func scientific<F: PrintableFloat>(
        _ x: F, precision: Int, minDigits: Int, trim: TrimMode, padLeft: Int = -1, expDigits: Int = -1
    ) -> String {
        let d = digits(
            x, cutoff: .totalLength,
            maxDigits: precision < 0 ? -1 : precision + 1,
            minDigits: minDigits < 0 ? -1 : minDigits + 1)
        return layoutScientific(
            d, negative: x.sign == .minus, minDigits: minDigits, trim: trim, padLeft: padLeft, expDigits: expDigits)
    }

    static func layoutScientific(
        _ d: DecimalDigits, negative: Bool, minDigits: Int, trim: TrimMode, padLeft: Int, expDigits: Int
    ) -> String {
        var buf: [UInt8] = []
        buf.reserveCapacity(32)
        let zero = UInt8(ascii: "0")
        let leftChars = negative ? 2 : 1
        if padLeft > leftChars {
            for _ in 0..<(padLeft - leftChars) { buf.append(UInt8(ascii: " ")) }
        }
        if negative { buf.append(UInt8(ascii: "-")) }
        buf.append(zero + d.digits[0])
        var fractionDigits = d.digits.count - 1
        if fractionDigits > 0 {
            buf.append(UInt8(ascii: "."))
            for digit in d.digits[1...] { buf.append(zero + digit) }
        }
        if trim != .dptZeros && fractionDigits == 0 { buf.append(UInt8(ascii: ".")) }
        let add = max(minDigits, 0)
        if trim == .leaveOneZero {
            if fractionDigits == 0 {
                buf.append(zero)
                fractionDigits = 1
            }
        } else if trim == .none && add > fractionDigits {
            for _ in 0..<(add - fractionDigits) { buf.append(zero) }
            fractionDigits = add
        }
        if trim != .none && fractionDigits > 0 {
            while buf.last == zero {
                buf.removeLast()
                fractionDigits -= 1
            }
            if trim == .leaveOneZero && buf.last == UInt8(ascii: ".") {
                buf.append(zero)
            }
        }
        buf.append(UInt8(ascii: "e"))
        var e = d.exponent
        if e >= 0 {
            buf.append(UInt8(ascii: "+"))
        } else {
            buf.append(UInt8(ascii: "-"))
            e = -e
        }
        let minExp = expDigits < 0 ? 2 : min(expDigits, 5)
        var expText: [UInt8] = []
        repeat {
            expText.append(zero + UInt8(e % 10))
            e /= 10
        } while e > 0
        while expText.count < minExp { expText.append(zero) }
        buf.append(contentsOf: expText.reversed())
        return String(decoding: buf, as: UTF8.self)
    }

    // MARK: Scalars

    /// `str(np.float32(x))` / `str(np.float64(x))` in NumPy 2.x: shortest round-trip digits,
    /// positional (`1.0`, `0.0001`, `-0.0`) when `x` is zero, NaN, or `1e-4 <= |x| < max`
    /// (`1e6` for `float32`, `1e16` for `float64`), else scientific without a trailing point
    /// (`1e-05`, `2.6881171418161356e+43`); `nan`, `inf`, `-inf`.
    static func scalarString<F: PrintableFloat>(_ x: F) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        // NumPy compares in long double against 1e-4L; in Double the verdict is the same
        // for every float32 and float64 value.
        let a = Double(x.magnitude)
        if x == 0 || (a >= 0.0001 && a < Double(F.scalarMaxPositional)) {
            return positional(x, precision: -1, minDigits: -1, trim: .leaveOneZero)
        }
        return scientific(x, precision: -1, minDigits: -1, trim: .dptZeros)
    }
}
