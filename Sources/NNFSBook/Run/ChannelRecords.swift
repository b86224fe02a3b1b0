import Foundation

/// Parses the side channel's records (`<kind> <payload>` lines, see ``BookChannel`` in NNFS) as
/// their bytes arrive. Lines longer than ``maxLine`` are dropped and reported, so a runaway
/// writer cannot make the runner hold unbounded memory.
public struct ChannelRecords {
    public enum Record: Equatable {
        case begin(cell: Int)
        case end(cell: Int, nanoseconds: UInt64)
        case figure(CellFigure)
        /// A record the runner does not understand: shown as a problem.
        case malformed(String)
    }

    /// Figures carry an SVG document: generous, but bounded.
    public static let maxLine = 16 << 20

    private var line: [UInt8] = []
    private var overlong = false

    public init() {}

    public mutating func feed(_ bytes: [UInt8]) -> [Record] {
        var records: [Record] = []
        var start = 0
        while let nl = bytes[start...].firstIndex(of: 0x0A) {
            append(bytes[start..<nl])
            if overlong {
                records.append(.malformed("a side-channel record longer than \(Self.maxLine >> 20) MiB was dropped"))
            } else {
                records.append(Self.parse(line))
            }
            line = []
            overlong = false
            start = nl + 1
        }
        append(bytes[start...])
        return records
    }

    /// A record cut off by the end of the stream.
    public mutating func finish() -> [Record] {
        defer { line = []; overlong = false }
        return line.isEmpty && !overlong ? [] : [.malformed("an unterminated side-channel record")]
    }

    private mutating func append(_ bytes: ArraySlice<UInt8>) {
        if overlong { return }
        if line.count + bytes.count > Self.maxLine { overlong = true; line = []; return }
        line += bytes
    }

    static func parse(_ line: [UInt8]) -> Record {
        let text = String(decoding: line, as: UTF8.self)
        let space = text.firstIndex(of: " ") ?? text.endIndex
        let kind = text[..<space]
        let payload = space == text.endIndex ? "" : String(text[text.index(after: space)...])
        let words = payload.split(separator: " ")
        switch kind {
        case "begin":
            if words.count == 1, let c = Int(words[0]) { return .begin(cell: c) }
        case "end":
            if words.count == 2, let c = Int(words[0]), let ns = UInt64(words[1]) { return .end(cell: c, nanoseconds: ns) }
        case "figure":
            if let figure = try? JSONDecoder().decode(CellFigure.self, from: Data(payload.utf8)) { return .figure(figure) }
            return .malformed("a figure record that is not the JSON object {\"svg\", \"data\", \"alt\"}: \(payload.prefix(80))")
        default:
            break
        }
        return .malformed("an unknown side-channel record: \(text.prefix(80))")
    }
}
