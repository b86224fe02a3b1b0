import Foundation
@testable import NNFS

/// An unsigned word written as hex text (`"3f8c9f44"`): a float's IEEE bits (so no decimal rounding
/// comes between NumPy's value and ours) or a hash.
struct HexWord<Word: FixedWidthInteger & UnsignedInteger & Sendable>: Decodable, Sendable {
    let word: Word

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        guard let word = Word(text, radix: 16) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "expected \(Word.bitWidth)-bit hex, found \"\(text)\"")
        }
        self.word = word
    }
}

/// A NumPy array as the fixture scripts write it: `{"dtype", "shape", "values"}`, `values` flat in
/// C order. Floats are their bits (``HexWord``); `int64`/`uint8` are JSON integers, `bool` JSON booleans;
/// `pyint` (model.json) is a Python `int`, one integer with shape `[]`.
struct TensorRecord: Decodable, Sendable {
    let dtype: String
    let shape: [Int]
    /// The values as a tensor (a `pyint` as an `int64` scalar).
    let tensor: Tensor
    /// The values of an integer record; empty for floats and bools.
    let ints: [Int]

    private enum CodingKeys: String, CodingKey { case dtype, shape, values }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let dtype = try c.decode(String.self, forKey: .dtype)
        let shape = try c.decode([Int].self, forKey: .shape)
        /// The values, as many as the shape holds.
        func values<V: Decodable>(_ type: V.Type) throws -> [V] {
            let values = try c.decode([V].self, forKey: .values)
            guard values.count == shape.reduce(1, *) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .values, in: c, debugDescription: "\(values.count) values for shape \(shape)")
            }
            return values
        }
        var ints: [Int] = []
        switch dtype {
        case "float32": tensor = Tensor(float32: try values(HexWord<UInt32>.self).map { Float(bitPattern: $0.word) }, shape: shape)
        case "float64": tensor = Tensor(float64: try values(HexWord<UInt64>.self).map { Double(bitPattern: $0.word) }, shape: shape)
        case "bool": tensor = Tensor(bools: try values(Bool.self), shape: shape)
        case "uint8":
            ints = try values(Int.self)
            tensor = Tensor(ints: ints, shape: shape, dtype: .uint8)
        case "int64", "pyint":
            ints = try values(Int.self)
            tensor = Tensor(ints: ints, shape: shape)
        default:
            throw DecodingError.dataCorruptedError(forKey: .dtype, in: c, debugDescription: "unknown dtype \"\(dtype)\"")
        }
        (self.dtype, self.shape, self.ints) = (dtype, shape, ints)
    }
}

/// `scripts/fixtures/gen_tensor.py`'s output (Fixtures/tensor.json): single operations of the
/// book's NumPy calls, inputs and results stored as exact bits.
struct TensorFixture: Decodable, Sendable {
    let numpy: String
    let cases: [Case]

    static let cached = CachedFixture(TensorFixture.self, "tensor.json")

    /// One case; which operands it has depends on `op`.
    enum Case: Decodable, Sendable {
        /// `op(x)` is `out` (sum, mean, exp, log, clip, softmax; sum and mean over all axes).
        case unary(op: String, x: Tensor, out: Tensor)
        /// `a op b` is `out` (add, sub, mul, div, nnfs_dot).
        case binary(op: String, a: Tensor, b: Tensor, out: Tensor)
        /// `a * scalar` (mul_scalar) or `scalar - a` (rsub_scalar) is `out`.
        case scalar(op: String, a: Tensor, scalar: Double, out: Tensor)
        /// Several reductions of `x` (op "reductions").
        case reductions(x: Tensor, outs: [Reduction])

        private enum CodingKeys: String, CodingKey { case op, x, a, b, scalar, out, outs }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            func tensor(_ key: CodingKeys) throws -> Tensor { try c.decode(TensorRecord.self, forKey: key).tensor }
            let op = try c.decode(String.self, forKey: .op)
            switch op {
            case "reductions": self = .reductions(x: try tensor(.x), outs: try c.decode([Reduction].self, forKey: .outs))
            case "add", "sub", "mul", "div", "nnfs_dot": self = .binary(op: op, a: try tensor(.a), b: try tensor(.b), out: try tensor(.out))
            case "mul_scalar", "rsub_scalar":
                self = .scalar(op: op, a: try tensor(.a), scalar: try c.decode(Double.self, forKey: .scalar), out: try tensor(.out))
            default: self = .unary(op: op, x: try tensor(.x), out: try tensor(.out))
            }
        }
    }

    /// One reduction of a "reductions" case.
    struct Reduction: Decodable, Sendable {
        let op: String
        let axis: Int?
        let keepdims: Bool
        let out: TensorRecord
    }

    func unary(_ op: String) -> [(x: Tensor, out: Tensor)] {
        cases.compactMap { if case .unary(op, let x, let out) = $0 { (x, out) } else { nil } }
    }

    func binary(_ op: String) -> [(a: Tensor, b: Tensor, out: Tensor)] {
        cases.compactMap { if case .binary(op, let a, let b, let out) = $0 { (a, b, out) } else { nil } }
    }

    func scalar(_ op: String) -> [(a: Tensor, scalar: Double, out: Tensor)] {
        cases.compactMap { if case .scalar(op, let a, let s, let out) = $0 { (a, s, out) } else { nil } }
    }

    var reductions: [(x: Tensor, outs: [Reduction])] {
        cases.compactMap { if case .reductions(let x, let outs) = $0 { (x, outs) } else { nil } }
    }
}
