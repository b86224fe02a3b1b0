import Foundation
@testable import NNFS

/// `scripts/fixtures/gen_fidelity.py`'s output (Fixtures/fidelity.json, NumPy 2.4 + nnfs 0.5.1):
/// reductions over views, and three cases of named results (dtypes, printed texts, warnings).
struct FidelityFixture: Decodable, Sendable {
    let numpy: String
    let cases: [Case]

    static let cached = CachedFixture(FidelityFixture.self, "fidelity.json")

    /// One case; its `kind` says which.
    enum Case: Decodable, Sendable {
        case view(View)
        /// The dtype of each call after `nnfs.init()`.
        case nnfsInit(dtypes: [String: String])
        /// What NumPy printed, by name.
        case text(texts: [String: String])
        /// The RuntimeWarnings of each call, in order.
        case warnings(warnings: [String: [String]])

        private enum CodingKeys: String, CodingKey { case kind, dtypes, texts, warnings }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            switch try c.decode(String.self, forKey: .kind) {
            case "view": self = .view(try View(from: decoder))
            case "nnfsinit": self = .nnfsInit(dtypes: try c.decode([String: String].self, forKey: .dtypes))
            case "text": self = .text(texts: try c.decode([String: String].self, forKey: .texts))
            case "warnings": self = .warnings(warnings: try c.decode([String: [String]].self, forKey: .warnings))
            case let kind: throw DecodingError.dataCorruptedError(forKey: .kind, in: c, debugDescription: "unknown kind \"\(kind)\"")
            }
        }
    }

    /// `op(view of randn(shape) from seed, axis)` is `out`.
    struct View: Decodable, Sendable {
        let seed: Int
        let shape: [Int]
        let dtype: String
        let view: String
        let op: String
        let axis: Int?
        let out: TensorRecord
    }

    var views: [View] { cases.compactMap { if case .view(let v) = $0 { v } else { nil } } }

    /// The one case of a kind (`nnfsInit`, `text`, `warnings`), e.g. `named { if case .text(let t) = $0 { t } else { nil } }`.
    func named<T>(_ kind: String, _ match: (Case) -> T?) throws -> T {
        guard let value = cases.lazy.compactMap(match).first else {
            throw FixtureError("Fixtures/fidelity.json: cases: no case of kind \"\(kind)\"")
        }
        return value
    }
}
