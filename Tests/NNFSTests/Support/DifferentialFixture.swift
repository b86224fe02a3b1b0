import Foundation
@testable import NNFS

/// `scripts/fixtures/gen_differential.py`'s output (Fixtures/differential.json): random programs
/// over the documented `np.*` API and what NumPy printed running them. The statement language is
/// described in the script; ``DifferentialTests`` interprets it.
struct DifferentialFixture: Decodable, Sendable {
    let numpy: String
    let programs: [Program]

    static let cached = CachedFixture(DifferentialFixture.self, "differential.json")

    struct Program: Decodable, Sendable {
        let id: Int
        let program: [Statement]
        let output: [String]
    }

    /// One statement: `t` says which; the other keys are those the statement kind uses (one flat
    /// record, as the script writes it). A `lit` statement is also a ``TensorRecord``.
    @dynamicMemberLookup
    struct Statement: Decodable, Sendable {
        let fields: Fields
        /// The array of a `lit` statement.
        let literal: TensorRecord?

        init(from decoder: any Decoder) throws {
            fields = try Fields(from: decoder)
            literal = fields.t == "lit" ? try TensorRecord(from: decoder) : nil
        }

        subscript<T>(dynamicMember key: KeyPath<Fields, T>) -> T { fields[keyPath: key] }
    }

    struct Fields: Decodable, Sendable {
        let t: String
        /// Variable names: the result `v`, operands `a`, `b`, condition `c`, mask/index `m`.
        let v, a, b, c, m: String?
        let mode, op, fn, kind, dtype, base: String?
        /// Numbers whose type depends on the statement: `seed`'s `s` is an integer, `binary`'s and
        /// `where`'s a Python scalar; `lo`/`hi` are integers (randint, index), floats (uniform) or
        /// Python scalars (clip); `arange`'s are integers or floats as `float` says.
        let s, lo, hi, start, stop, step, value: Number?
        let n, num, i, j, lo2: Int?
        /// `null` is Python's `None`.
        let axis: Int?
        let keepdims, replace, endpoint, float, scalarLeft: Bool?
        let shape, axes: [Int]?
        let p: [Double]?
        let list: NestedList?
    }

    /// A Python number. JSON has no inf/nan, so the script writes those as strings (`"inf"`,
    /// `"-inf"`, `"nan"`); a Python scalar operand is `{"int": k}` or `{"float": x}`, which keeps
    /// `2` and `2.0` apart.
    enum Number: Decodable, Sendable {
        case int(Int)
        case float(Double)

        private enum CodingKeys: String, CodingKey { case int, float }

        init(from decoder: any Decoder) throws {
            if let scalar = try? decoder.container(keyedBy: CodingKeys.self) {
                if scalar.contains(.int) {
                    self = .int(try scalar.decode(Int.self, forKey: .int))
                } else {
                    self = .float(try scalar.decode(Number.self, forKey: .float).double)
                }
                return
            }
            let c = try decoder.singleValueContainer()
            if let x = try? c.decode(Double.self) {
                // JSONDecoder reads any integral JSON number (`2`, `2.0`, `-0.0`) as an Int too; the
                // statement says which it is, except that -0.0 must keep its sign.
                if let k = try? c.decode(Int.self), k != 0 || x.sign == .plus { self = .int(k) } else { self = .float(x) }
            } else if let text = try? c.decode(String.self), let x = Double(text) {
                self = .float(x)
            } else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "expected a number, \"inf\", \"-inf\" or \"nan\"")
            }
        }

        var double: Double {
            switch self {
            case .int(let k): Double(k)
            case .float(let x): x
            }
        }
    }

    /// `np.array`'s argument: a Python list nested to any depth (`[[1, 2], [3, 4]]`, `[[], []]`),
    /// flattened in row-major order.
    struct NestedList: Decodable, Sendable {
        let flat: [Number]

        init(from decoder: any Decoder) throws {
            guard var items = try? decoder.unkeyedContainer() else {
                flat = [try Number(from: decoder)]
                return
            }
            var flat: [Number] = []
            while !items.isAtEnd { flat += try items.decode(NestedList.self).flat }
            self.flat = flat
        }
    }
}
