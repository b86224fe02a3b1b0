/// Separates a crashed cell's own output from the Swift runtime's crash report (the backtrace),
/// and finds the chapter line where the crash happened.
public struct CrashReport: Sendable, Equatable {
    /// What the cell printed before the backtrace, including the runtime's
    /// "Fatal error: ..." line.
    public var output: String
    /// The runtime's error line(s), e.g. "Swift/Array.swift:692: Fatal error: Index out of range".
    public var message: String?
    /// The innermost backtrace frame in the chapter, e.g. "chapters/02-x.md:31".
    public var location: String?
    /// The backtrace as printed.
    public var backtrace: String

    public init(output raw: String, chapterPath: String) {
        let markers = ["\n*** Signal ", "*** Signal ", "\n💣 Program crashed", "\nCurrent stack trace:", "Current stack trace:"]
        var cut = raw.endIndex
        for m in markers {
            if let r = raw.range(of: m), r.lowerBound < cut { cut = r.lowerBound }
        }
        // The runtime's own notes about the backtrace belong to the backtrace, not to the cell.
        var kept: [Substring] = [], noise: [Substring] = []
        for line in raw[..<cut].split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("swift-runtime: ") { noise.append(line) } else { kept.append(line) }
        }
        output = kept.joined(separator: "\n")
        backtrace = (noise.map { $0 + "\n" }.joined()) + raw[cut...]
        message = output.split(separator: "\n").last { $0.contains("Fatal error") || $0.contains("Precondition failed") || $0.contains("Assertion failed") }.map(String.init)
        location = Self.firstFrame(in: backtrace, file: chapterPath)
    }

    /// The first " at <file>:<line>:<col>" in the backtrace naming the chapter (as `file:line`).
    /// A path holding quotes, backslashes or a newline appears in the backtrace as written in the
    /// program's `#sourceLocation` literal (escaped), so both forms are looked for.
    static func firstFrame(in backtrace: String, file: String) -> String? {
        let escaped = String(ProgramGenerator.stringLiteral(file).dropFirst().dropLast())
        for line in backtrace.split(separator: "\n") {
            guard let r = line.range(of: " at \(file):") ?? line.range(of: " at \(escaped):")
                    ?? line.range(of: "/\(escaped):") else { continue }
            let digits = line[r.upperBound...].prefix(while: { $0.isNumber })
            if !digits.isEmpty { return "\(file):\(digits)" }
        }
        return nil
    }
}
