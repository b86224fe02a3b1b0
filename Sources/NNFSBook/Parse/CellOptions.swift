/// Options of a ```` ```swift ```` info string. See docs/chapter-format.md.
public struct CodeOptions: Sendable, Equatable {
    /// `skip reason="..."`: shown, never compiled or run.
    public var skipReason: String?
    /// `timeout=SECONDS`: the cell's time limit.
    public var timeout: Double?
    /// `global`: declarations emitted at file scope.
    public var global = false

    public static let defaultTimeout: Double = 300

    public var isSkipped: Bool { skipReason != nil }
    public var effectiveTimeout: Double { timeout ?? Self.defaultTimeout }

    public init(skipReason: String? = nil, timeout: Double? = nil, global: Bool = false) {
        self.skipReason = skipReason
        self.timeout = timeout
        self.global = global
    }
}

/// Options of an ```` ```output ```` info string. See docs/chapter-format.md.
public struct OutputOptions: Sendable, Equatable {
    /// `tolerance=X reason="..."`: numbers compared with relative tolerance X, plus a strict
    /// snapshot of our own output.
    public var tolerance: Double?
    /// `unchecked reason="..."`: shown, never compared.
    public var unchecked = false
    /// `ours`: our own output, not the book's; `--update` may rewrite it.
    public var ours = false
    /// Why `tolerance` or `unchecked` is needed.
    public var reason: String?

    public init(tolerance: Double? = nil, unchecked: Bool = false, ours: Bool = false, reason: String? = nil) {
        self.tolerance = tolerance
        self.unchecked = unchecked
        self.ours = ours
        self.reason = reason
    }
}

/// What kind of cell a fenced block's info string makes, with its options.
public enum InfoString: Equatable, Sendable {
    case code(CodeOptions)
    case output(OutputOptions)
    /// Any other fenced block (```python, ```text, ...): prose.
    case other

    /// Parses an info string. Throws a message (without location) for bad options.
    public static func parse(_ info: String) throws(InfoStringError) -> InfoString {
        let words = try tokenize(info)
        guard let language = words.first else { return .other }
        guard language.value == nil else { return .other }
        let options = words.dropFirst()
        switch language.key {
        case "swift":
            return .code(try parseCode(options))
        case "output":
            return .output(try parseOutput(options))
        default:
            let lowered = language.key.lowercased()
            if lowered == "swift" || lowered == "output" {
                throw InfoStringError("write the info string in lower case: `\(lowered)`, not `\(language.key)`")
            }
            if let meant = nearMiss(lowered) {
                throw InfoStringError("unknown block language `\(language.key)`: did you mean `\(meant)`? (a block that is not `swift` or `output` is prose; use e.g. `text` for one on purpose)")
            }
            return .other
        }
    }

    /// `swift` or `output` when `word` looks like a typo of one (`swfit`, `swift5`, `ouptut`,
    /// `outputs`): such a block would otherwise silently become prose.
    static func nearMiss(_ word: String) -> String? {
        for target in ["swift", "output"] {
            if word.hasPrefix(target) { return target }
            if word.count >= 3 && editDistance(word, target) <= 2 { return target }
        }
        return nil
    }

    struct Word {
        var key: String
        var value: String?
    }

    static let codeKeys = ["skip", "timeout", "global", "reason"]
    static let outputKeys = ["tolerance", "unchecked", "ours", "reason"]

    private static func parseCode(_ words: ArraySlice<Word>) throws(InfoStringError) -> CodeOptions {
        var skip = false, reason: String?, timeout: Double?, global = false
        var seen = Set<String>()
        for word in words {
            guard seen.insert(word.key).inserted else { throw InfoStringError("option `\(word.key)` given twice") }
            switch word.key {
            case "skip": skip = try flag(word)
            case "global": global = try flag(word)
            case "reason": reason = try text(word)
            case "timeout":
                guard let v = try number(word), v > 0 else {
                    throw InfoStringError("`timeout` takes a positive number of seconds, e.g. `timeout=60`")
                }
                timeout = v
            default: throw unknown(word.key, allowed: codeKeys, kind: "swift")
            }
        }
        if skip && reason == nil { throw InfoStringError("`skip` needs a reason: `swift skip reason=\"...\"`") }
        if !skip && reason != nil { throw InfoStringError("`reason` on a swift cell only goes with `skip`") }
        if global && timeout != nil { throw InfoStringError("a `global` cell only declares and never runs: drop `timeout`") }
        return CodeOptions(skipReason: skip ? reason : nil, timeout: timeout, global: global)
    }

    private static func parseOutput(_ words: ArraySlice<Word>) throws(InfoStringError) -> OutputOptions {
        var o = OutputOptions()
        var seen = Set<String>()
        for word in words {
            guard seen.insert(word.key).inserted else { throw InfoStringError("option `\(word.key)` given twice") }
            switch word.key {
            case "ours": o.ours = try flag(word)
            case "unchecked": o.unchecked = try flag(word)
            case "reason": o.reason = try text(word)
            case "tolerance":
                guard let v = try number(word), v > 0, v < 1 else {
                    throw InfoStringError("`tolerance` takes a relative tolerance between 0 and 1, e.g. `tolerance=1e-5`")
                }
                o.tolerance = v
            default: throw unknown(word.key, allowed: outputKeys, kind: "output")
            }
        }
        if o.tolerance != nil && o.unchecked { throw InfoStringError("`tolerance` and `unchecked` exclude each other") }
        if o.tolerance != nil && o.ours { throw InfoStringError("`ours` output is compared exactly: drop `tolerance`") }
        if o.tolerance != nil && o.reason == nil {
            throw InfoStringError("`tolerance` needs a reason: `output tolerance=1e-5 reason=\"...\"`")
        }
        if o.unchecked && o.reason == nil {
            throw InfoStringError("`unchecked` needs a reason: `output unchecked reason=\"...\"`")
        }
        if o.reason != nil && o.tolerance == nil && !o.unchecked {
            throw InfoStringError("`reason` on an output block only goes with `tolerance` or `unchecked`")
        }
        return o
    }

    private static func flag(_ w: Word) throws(InfoStringError) -> Bool {
        if w.value != nil { throw InfoStringError("`\(w.key)` takes no value") }
        return true
    }

    private static func text(_ w: Word) throws(InfoStringError) -> String {
        guard let v = w.value, !v.trimmingSpaces.isEmpty else {
            throw InfoStringError("`\(w.key)` needs a non-empty value: `\(w.key)=\"...\"`")
        }
        return v
    }

    private static func number(_ w: Word) throws(InfoStringError) -> Double? {
        guard let v = w.value else { throw InfoStringError("`\(w.key)` needs a value: `\(w.key)=...`") }
        guard let d = Double(v), d.isFinite else { return nil }
        return d
    }

    private static func unknown(_ key: String, allowed: [String], kind: String) -> InfoStringError {
        var message = "unknown \(kind) option `\(key)`"
        if let near = allowed.min(by: { editDistance($0, key) < editDistance($1, key) }),
           editDistance(near, key) <= max(2, key.count / 3) {
            message += " (did you mean `\(near)`?)"
        }
        message += "; \(kind) options are: " + allowed.joined(separator: ", ")
        return InfoStringError(message)
    }

    /// Splits on whitespace; `key="a b"` keeps its quoted value whole (`\"` escapes a quote).
    static func tokenize(_ info: String) throws(InfoStringError) -> [Word] {
        var words: [Word] = []
        let chars = Array(info)
        var i = 0
        while i < chars.count {
            if chars[i] == " " || chars[i] == "\t" { i += 1; continue }
            var key = ""
            while i < chars.count, chars[i] != " ", chars[i] != "\t", chars[i] != "=" {
                key.append(chars[i]); i += 1
            }
            guard i < chars.count, chars[i] == "=" else {
                words.append(Word(key: key, value: nil)); continue
            }
            i += 1
            var value = ""
            if i < chars.count, chars[i] == "\"" {
                i += 1
                var closed = false
                while i < chars.count {
                    if chars[i] == "\\", i + 1 < chars.count, chars[i + 1] == "\"" {
                        value.append("\""); i += 2; continue
                    }
                    if chars[i] == "\"" { closed = true; i += 1; break }
                    value.append(chars[i]); i += 1
                }
                if !closed { throw InfoStringError("unterminated quote in `\(key)=\"...`") }
            } else {
                while i < chars.count, chars[i] != " ", chars[i] != "\t" { value.append(chars[i]); i += 1 }
            }
            if key.isEmpty { throw InfoStringError("`=\(value)` has no option name") }
            words.append(Word(key: key, value: value))
        }
        return words
    }
}

public struct InfoStringError: Error, Equatable, Sendable {
    public var message: String
    init(_ message: String) { self.message = message }
}

/// Levenshtein distance, for "did you mean" hints.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}

extension String {
    var trimmingSpaces: Substring {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return s
    }
}
