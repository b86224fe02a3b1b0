import Foundation
import Testing
@testable import NNFS

/// The differential test: random programs over the documented `np.*` API, drawn and run by
/// NumPy 2.4 in `scripts/fixtures/gen_differential.py` (the statement language is described
/// there), interpreted here with NNFS; every printed line must be identical text.
///
/// `swift test` runs the first ``quickCount`` programs; `NNFS_DIFFERENTIAL_FULL=1` runs all.
@Suite struct DifferentialTests {
    static let quickCount = 600

    @Test func numpyProgramsPrintIdentically() throws {
        let all = try DifferentialFixture.cached.get().programs
        let full = ProcessInfo.processInfo.environment["NNFS_DIFFERENTIAL_FULL"] == "1"
        let programs = full ? all : Array(all.prefix(Self.quickCount))
        var failures: [String] = []
        try withPlainNumPy {
            let trace = ProcessInfo.processInfo.environment["NNFS_DIFFERENTIAL_TRACE"] == "1"
            for (index, p) in programs.enumerated() {
                if trace { FileHandle.standardError.write(Data("program \(p.id)\n".utf8)) }
                let got = try Interpreter.run(p.program, at: "programs[\(index)]")
                if got != p.output {
                    let k = got.indices.first { $0 >= p.output.count || got[$0] != p.output[$0] } ?? got.count
                    failures.append(
                        "program \(p.id), print \(k + 1): got \(k < got.count ? got[k] : "<nothing>"), NumPy prints \(k < p.output.count ? p.output[k] : "<nothing>")"
                    )
                }
            }
            if let path = ProcessInfo.processInfo.environment["NNFS_DIFFERENTIAL_REPORT"] {
                try failures.joined(separator: "\n=====\n").write(toFile: path, atomically: true, encoding: .utf8)
            }
        }
        for f in failures.prefix(25) { Issue.record(Comment(rawValue: f)) }
        #expect(failures.isEmpty, "\(failures.count) of \(programs.count) programs differ")
        #expect(programs.count >= (full ? 2000 : Self.quickCount))
    }
}

/// Runs one program of the differential language with NNFS's `np.*` API.
enum Interpreter {
    typealias Statement = DifferentialFixture.Statement
    typealias Number = DifferentialFixture.Number

    /// A statement the interpreter cannot run: ``run(_:at:)`` makes it a ``FixtureError`` naming the statement.
    struct Problem: Error {
        let text: String
    }

    /// Runs `statements` (at fixture key path `path`) and returns the printed lines.
    static func run(_ statements: [Statement], at path: String) throws -> [String] {
        var env: [String: Tensor] = [:]
        var out: [String] = []
        for (k, st) in statements.enumerated() {
            do {
                switch st.t {
                case "print":
                    let a = try variable(st.a, "a", env)
                    out.append(try need(st.mode, "mode") == "str" ? a.description : a.repr)
                case "seed": np.random.seed(try integer(st.s, "s"))
                default: env[try need(st.v, "v")] = try evaluate(st, env)
                }
            } catch let problem as Problem {
                throw FixtureError("Fixtures/differential.json: \(path).program[\(k)]: \(st.t) statement: \(problem.text)")
            }
        }
        return out
    }

    static func need<T>(_ value: T?, _ key: String) throws -> T {
        guard let value else { throw Problem(text: "no \(key)") }
        return value
    }

    static func integer(_ number: Number?, _ key: String) throws -> Int {
        guard case .int(let k) = try need(number, key) else { throw Problem(text: "\(key) is not an integer") }
        return k
    }

    static func double(_ number: Number?, _ key: String) throws -> Double { try need(number, key).double }

    static func variable(_ name: String?, _ key: String, _ env: [String: Tensor]) throws -> Tensor {
        let name = try need(name, key)
        guard let value = env[name] else { throw Problem(text: "\(key): \(name) is not defined") }
        return value
    }

    static func weak(_ s: Number) -> Tensor {
        switch s {
        case .int(let i): return Tensor(weak: i)
        case .float(let x): return Tensor(weak: x)
        }
    }

    static func evaluate(_ st: Statement, _ env: [String: Tensor]) throws -> Tensor {
        func v(_ name: String?, _ key: String) throws -> Tensor { try variable(name, key, env) }
        func shape() throws -> [Int] { try need(st.shape, "shape") }
        switch st.t {
        case "lit":
            return try need(st.literal, "values").tensor
        case "array":
            return try array(st)
        case "randn": return np.random.state.randn(try shape())
        case "rand": return np.random.state.rand(try shape())
        case "randint": return np.random.randint(try integer(st.lo, "lo"), try integer(st.hi, "hi"), size: try shape())
        case "uniform": return np.random.uniform(try double(st.lo, "lo"), try double(st.hi, "hi"), size: try shape())
        case "choice":
            return np.random.choice(try need(st.n, "n"), size: try shape(), replace: try need(st.replace, "replace"), p: st.p)
        case "permutation": return np.random.permutation(try need(st.n, "n"))
        case "arange":
            if try need(st.float, "float") {
                return np.arange(try double(st.start, "start"), try double(st.stop, "stop"), try double(st.step, "step"))
            }
            return np.arange(try integer(st.start, "start"), try integer(st.stop, "stop"), try integer(st.step, "step"))
        case "linspace":
            return np.linspace(
                try double(st.start, "start"), try double(st.stop, "stop"), try need(st.num, "num"),
                endpoint: try need(st.endpoint, "endpoint"))
        case "zeros": return Tensor.zeros(try shape())
        case "ones": return Tensor.ones(try shape())
        case "eye": return np.eye(try need(st.n, "n"))
        case "full": return np.full(try shape(), try double(st.value, "value"))
        case "unary":
            let a = try v(st.a, "a")
            switch try need(st.fn, "fn") {
            case "sqrt": return np.sqrt(a)
            case "abs": return np.abs(a)
            case "square": return np.square(a)
            case "sign": return np.sign(a)
            case "negative": return -a
            case "isnan": return np.isnan(a)
            case "isinf": return np.isinf(a)
            case "exp": return np.exp(a)
            case "log": return np.log(a)
            case let fn: throw Problem(text: "unknown fn \(fn)")
            }
        case "astype":
            let dtype = try need(st.dtype, "dtype")
            guard let dt = DType(rawValue: dtype) else { throw Problem(text: "unknown dtype \(dtype)") }
            return try v(st.a, "a").astype(dt)
        case "T": return try v(st.a, "a").T
        case "transpose": return np.transpose(try v(st.a, "a"), axes: try need(st.axes, "axes"))
        case "reshape": return try v(st.a, "a").reshape(try shape())
        case "flatten": return try v(st.a, "a").flatten()
        case "binary":
            let a = try v(st.a, "a")
            let op = try need(st.op, "op")
            if st.b != nil { return try binary(op, a, v(st.b, "b")) }
            let s = try need(st.s, "s")
            return (st.scalarLeft ?? false) ? try binary(op, s, a) : try binary(op, a, s)
        case "where":
            let other = st.b != nil ? try v(st.b, "b") : weak(try need(st.s, "s"))
            return np.where(try v(st.c, "c"), try v(st.a, "a"), other)
        case "clip":
            switch (try need(st.lo, "lo"), try need(st.hi, "hi")) {
            case (.int(let lo), .int(let hi)): return np.clip(try v(st.a, "a"), lo, hi)
            case (.float(let lo), .float(let hi)): return np.clip(try v(st.a, "a"), lo, hi)
            default: throw Problem(text: "mixed clip bounds are not generated")
            }
        case "reduce":
            let a = try v(st.a, "a")
            let axis = st.axis
            let keep = try need(st.keepdims, "keepdims")
            switch try need(st.fn, "fn") {
            case "sum": return np.sum(a, axis: axis, keepdims: keep)
            case "mean": return np.mean(a, axis: axis, keepdims: keep)
            case "max": return np.max(a, axis: axis, keepdims: keep)
            case "min": return np.min(a, axis: axis, keepdims: keep)
            case "argmax": return np.argmax(a, axis: axis)
            case "argmin": return np.argmin(a, axis: axis)
            case "std": return a.std(axis: axis, keepdims: keep)
            case let fn: throw Problem(text: "unknown reduction \(fn)")
            }
        case "dot": return np.dot(try v(st.a, "a"), try v(st.b, "b"))
        case "index":
            let a = try v(st.a, "a")
            let i = st.i ?? 0, j = st.j ?? 0
            let lo = try st.lo.map { try integer($0, "lo") } ?? 0, hi = try st.hi.map { try integer($0, "hi") } ?? 0
            switch try need(st.kind, "kind") {
            case "row": return a[i]
            case "rows": return a[lo..<Swift.max(lo, hi)]
            case "elem": return a[i, j]
            case "col": return a[..., j]
            case "cols": return a[..., lo..<Swift.max(lo, hi)]
            case "block": return a[lo..., try need(st.lo2, "lo2")...]
            case "block3": return a[..., ..., lo...]
            case "mask", "take": return a[try v(st.m, "m")]
            case let kind: throw Problem(text: "unknown index kind \(kind)")
            }
        default:
            throw Problem(text: "unknown statement")
        }
    }

    /// `np.array(list[, dtype=])` from the JSON nested list.
    static func array(_ st: Statement) throws -> Tensor {
        let shape = try need(st.shape, "shape")
        let values = try need(st.list, "list").flat
        // A Python list without numbers (`[[], []]`) makes float64, as a Swift `[[Double]]` does.
        let isFloat = try need(st.base, "base") == "f" || values.isEmpty
        let dtype = st.dtype.flatMap(DType.init(rawValue:))
        if isFloat {
            let d = values.map(\.double)
            switch (shape.count, dtype) {
            case (1, nil): return np.array(d)
            case (1, let dt?): return np.array(d, dtype: dt)
            case (2, let dt):
                let rows = stride(from: 0, to: d.count, by: Swift.max(shape[1], 1)).map { Array(d[$0..<$0 + shape[1]]) }
                let list = shape[1] == 0 ? [[Double]](repeating: [], count: shape[0]) : rows
                return dt.map { np.array(list, dtype: $0) } ?? np.array(list)
            default: return np.array(d, dtype: dtype ?? .float64).reshape(shape)
            }
        }
        let n = try values.map { try integer($0, "list element") }
        switch (shape.count, dtype) {
        case (1, nil): return np.array(n)
        case (1, let dt?): return np.array(n, dtype: dt)
        default: return np.array(n, dtype: dtype ?? .int64).reshape(shape)
        }
    }

    static func binary(_ op: String, _ a: Tensor, _ b: Tensor) throws -> Tensor {
        switch op {
        case "add": return a + b
        case "subtract": return a - b
        case "multiply": return a * b
        case "divide": return a / b
        case "maximum": return np.maximum(a, b)
        case "minimum": return np.minimum(a, b)
        case "less": return a .< b
        case "less_equal": return a .<= b
        case "greater": return a .> b
        case "greater_equal": return a .>= b
        case "equal": return a .== b
        case "not_equal": return a .!= b
        default: throw Problem(text: "unknown op \(op)")
        }
    }

    static func binary(_ op: String, _ a: Tensor, _ s: Number) throws -> Tensor {
        switch (op, s) {
        case ("add", .int(let k)): return a + k
        case ("add", .float(let x)): return a + x
        case ("subtract", .int(let k)): return a - k
        case ("subtract", .float(let x)): return a - x
        case ("multiply", .int(let k)): return a * k
        case ("multiply", .float(let x)): return a * x
        case ("divide", .int(let k)): return a / k
        case ("divide", .float(let x)): return a / x
        case ("maximum", .int(let k)): return np.maximum(a, k)
        case ("maximum", .float(let x)): return np.maximum(a, x)
        case ("minimum", .int(let k)): return np.minimum(a, k)
        case ("minimum", .float(let x)): return np.minimum(a, x)
        case ("less", .int(let k)): return a .< k
        case ("less", .float(let x)): return a .< x
        case ("less_equal", .int(let k)): return a .<= k
        case ("less_equal", .float(let x)): return a .<= x
        case ("greater", .int(let k)): return a .> k
        case ("greater", .float(let x)): return a .> x
        case ("greater_equal", .int(let k)): return a .>= k
        case ("greater_equal", .float(let x)): return a .>= x
        case ("equal", .int(let k)): return a .== k
        case ("equal", .float(let x)): return a .== x
        case ("not_equal", .int(let k)): return a .!= k
        case ("not_equal", .float(let x)): return a .!= x
        default: throw Problem(text: "unknown op \(op)")
        }
    }

    /// `op(scalar, a)`: comparisons mirror (`k < a` is `a > k`).
    static func binary(_ op: String, _ s: Number, _ a: Tensor) throws -> Tensor {
        switch (op, s) {
        case ("add", .int(let k)): return k + a
        case ("add", .float(let x)): return x + a
        case ("subtract", .int(let k)): return k - a
        case ("subtract", .float(let x)): return x - a
        case ("multiply", .int(let k)): return k * a
        case ("multiply", .float(let x)): return x * a
        case ("divide", .int(let k)): return k / a
        case ("divide", .float(let x)): return x / a
        case ("maximum", .int(let k)): return np.maximum(k, a)
        case ("maximum", .float(let x)): return np.maximum(x, a)
        case ("minimum", .int(let k)): return np.minimum(k, a)
        case ("minimum", .float(let x)): return np.minimum(x, a)
        case ("less", _): return try binary("greater", a, s)
        case ("less_equal", _): return try binary("greater_equal", a, s)
        case ("greater", _): return try binary("less", a, s)
        case ("greater_equal", _): return try binary("less_equal", a, s)
        default: return try binary(op, a, s)
        }
    }
}
