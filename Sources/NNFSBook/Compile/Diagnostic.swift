/// One compiler error, at the place the compiler names (a chapter line thanks to `#sourceLocation`).
public struct Diagnostic: Sendable, Equatable {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String
    /// The compiler's lines after the message (source excerpt, caret, notes).
    public var detail: [String]

    public var location: String { "\(file):\(line):\(column)" }
    public var description: String { "\(location): error: \(message)" }

    /// Parses `swiftc -diagnostic-style llvm` output: `file:line:col: error: message` lines and
    /// the lines that follow each up to the next diagnostic. Warnings and notes attach to the
    /// error before them.
    public static func parseErrors(_ output: String) -> [Diagnostic] {
        var found: [Diagnostic] = []
        var current: Diagnostic?
        for raw in output.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw)
            if let d = parseHeader(line), d.kind == "error" {
                if let c = current { found.append(c) }
                current = Diagnostic(file: d.file, line: d.line, column: d.column, message: d.message, detail: [])
            } else if current != nil, !line.isEmpty {
                current?.detail.append(line)
            }
        }
        if let c = current { found.append(c) }
        return found
    }

    private static func parseHeader(_ line: String) -> (file: String, line: Int, column: Int, kind: String, message: String)? {
        for kind in ["error", "warning", "note"] {
            guard let r = line.range(of: ": \(kind): ") else { continue }
            let location = line[..<r.lowerBound].split(separator: ":", omittingEmptySubsequences: false)
            guard location.count >= 3, let col = Int(location[location.count - 1]), let ln = Int(location[location.count - 2]) else {
                continue
            }
            let file = location[..<(location.count - 2)].joined(separator: ":")
            return (file, ln, col, kind, String(line[r.upperBound...]))
        }
        return nil
    }
}
