import Foundation

/// `--json FILE`: the whole result of a run as one JSON document (schema in docs/results-json.md,
/// `"schema": "nnfs-book-results/1"`). Optional fields are absent when they do not apply.
public enum JSONResults {
    public static let schema = "nnfs-book-results/1"

    struct Run: Codable {
        var schema: String
        var seconds: Double
        var passed: Int
        var failed: Int
        var skipped: Int
        var notRun: Int
        var chapters: [ChapterRecord]
    }

    struct ChapterRecord: Codable {
        var path: String
        var name: String
        var failed: Bool
        var errors: [String]
        var updateLog: [String]
        var compileSeconds: Double
        var runSeconds: Double
        var totalSeconds: Double
        var cells: [CellRecord]
    }

    struct CellRecord: Codable {
        var index: Int
        var line: Int
        var info: String
        var outcome: String
        var failure: String?
        var reason: String?
        var seconds: Double?
        var messages: [String]
        var notes: [String]
        var expected: String?
        var expectedLine: Int?
        var actual: String?
        var snapshot: String?
        var figures: [CellFigure]
        var figureSnapshots: [String]
        var crash: CrashRecord?
    }

    struct CrashRecord: Codable {
        var message: String?
        var location: String?
        var backtrace: String
    }

    public static func render(_ results: [ChapterResult], seconds: Double) throws -> String {
        let run = Run(
            schema: schema, seconds: seconds,
            passed: results.reduce(0) { $0 + $1.passedCount },
            failed: results.reduce(0) { $0 + $1.failedCount },
            skipped: results.reduce(0) { $0 + $1.count(.skipped) },
            notRun: results.reduce(0) { $0 + $1.count(.notRun) },
            chapters: results.map(record))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(run), as: UTF8.self) + "\n"
    }

    static func record(_ r: ChapterResult) -> ChapterRecord {
        ChapterRecord(path: r.path, name: r.name, failed: r.failed, errors: r.errors, updateLog: r.updateLog,
                      compileSeconds: r.compileSeconds, runSeconds: r.runSeconds, totalSeconds: r.totalSeconds,
                      cells: r.cells.map(record))
    }

    static func record(_ c: CellResult) -> CellRecord {
        var reason: String?
        switch c.outcome {
        case .skipped(let why), .notRun(let why): reason = why
        default: reason = nil
        }
        return CellRecord(
            index: c.index, line: c.cell.code.openLine, info: c.cell.code.info, outcome: c.status.rawValue,
            failure: c.failure?.rawValue, reason: reason, seconds: c.seconds, messages: c.messages, notes: c.notes,
            expected: c.cell.output?.text, expectedLine: c.cell.output?.block.openLine, actual: c.actual,
            snapshot: c.snapshot, figures: c.figures, figureSnapshots: c.figureSnapshots,
            crash: c.crash.map { CrashRecord(message: $0.message, location: $0.location, backtrace: $0.backtrace) })
    }
}
