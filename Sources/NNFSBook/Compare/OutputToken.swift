/// A normalised output line split into numbers and the text around them.
public enum OutputToken: Equatable, Sendable {
    case text(String)
    case number(NumberLiteral)

    /// Splits a line. A number starts at a digit (or a sign or `.` followed by one) that does not
    /// continue a word: `float32` and `x1` stay text, compared exactly. `nan`, `inf`, `-inf` are
    /// text too, so they match only themselves.
    public static func tokenize(_ line: String) -> [OutputToken] {
        let chars = Array(line)
        var tokens: [OutputToken] = []
        var text = ""
        var i = 0
        while i < chars.count {
            if let (number, next) = NumberLiteral.scan(chars, at: i) {
                if !text.isEmpty { tokens.append(.text(text)); text = "" }
                tokens.append(.number(number))
                i = next
            } else {
                text.append(chars[i])
                i += 1
            }
        }
        if !text.isEmpty { tokens.append(.text(text)) }
        return tokens
    }

    public var display: String {
        switch self {
        case .text(let t): return t
        case .number(let n): return n.text
        }
    }
}

/// A number as printed: its value and the precision its digits imply.
public struct NumberLiteral: Equatable, Sendable {
    public var text: String
    public var value: Double
    /// Digits after the decimal point (nil for a NumPy-style trailing dot, `1.`).
    public var decimals: Int?
    public var exponent: Int

    /// Printed without a decimal point or exponent (`20`, `-3`).
    public var isInteger: Bool { !text.contains(".") && !text.lowercased().contains("e") }

    /// Half a unit in the last printed digit: `0.920` -> 0.0005, `1.25e-05` -> 5e-08, `20` -> 0.5.
    /// A trailing-dot number (`1.`) takes `impliedDecimals`, the precision of its neighbours.
    public func halfUnit(impliedDecimals: Int = 0) -> Double {
        0.5 * pow10(exponent - (decimals ?? impliedDecimals))
    }

    static func scan(_ c: [Character], at start: Int) -> (NumberLiteral, Int)? {
        if start > 0 {
            let p = c[start - 1]
            if p.isLetter || p.isNumber || p == "_" || p == "." { return nil }
        }
        var i = start
        if c[i] == "-" || c[i] == "+" { i += 1 }
        let intStart = i
        while i < c.count, c[i].isASCIIDigit { i += 1 }
        let intDigits = i - intStart
        var fracDigits: Int?
        if i < c.count, c[i] == "." {
            let f = i + 1
            var j = f
            while j < c.count, c[j].isASCIIDigit { j += 1 }
            if intDigits > 0 || j > f {
                fracDigits = j - f
                i = j
            }
        }
        guard intDigits > 0 || (fracDigits ?? 0) > 0 else { return nil }
        var exponent = 0
        if i < c.count, c[i] == "e" || c[i] == "E" {
            var j = i + 1
            if j < c.count, c[j] == "-" || c[j] == "+" { j += 1 }
            let e = j
            while j < c.count, c[j].isASCIIDigit { j += 1 }
            if j > e, let v = Int(String(c[(i + 1)..<j])) { exponent = v; i = j }
        }
        // A number directly followed by a letter or digit is part of a word ("3rd", "2x").
        if i < c.count, c[i].isLetter || c[i] == "_" { return nil }
        let text = String(c[start..<i])
        guard let value = Double(text) else { return nil }
        let decimals: Int? = fracDigits == 0 ? nil : (fracDigits ?? 0)
        return (NumberLiteral(text: text, value: value, decimals: decimals, exponent: exponent), i)
    }
}

/// 10^n, correctly rounded.
func pow10(_ n: Int) -> Double {
    Double("1e\(n)") ?? (n < 0 ? 0 : .infinity)
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
