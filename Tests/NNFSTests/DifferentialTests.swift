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

    struct Program {
        let id: Int
        let statements: [[String: Any]]
        let output: [String]
    }

    static func load() throws -> [Program] {
        let url = try #require(Bundle.module.url(forResource: "differential", withExtension: "json", subdirectory: "Fixtures"))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        return (json["programs"] as! [[String: Any]]).map {
            Program(id: $0["id"] as! Int, statements: $0["program"] as! [[String: Any]], output: $0["output"] as! [String])
        }
    }

    @Test func numpyProgramsPrintIdentically() throws {
        let all = try Self.load()
        let full = ProcessInfo.processInfo.environment["NNFS_DIFFERENTIAL_FULL"] == "1"
        let programs = full ? all : Array(all.prefix(Self.quickCount))
        var failures: [String] = []
        try withPlainNumPy {
            let trace = ProcessInfo.processInfo.environment["NNFS_DIFFERENTIAL_TRACE"] == "1"
            for p in programs {
                if trace { FileHandle.standardError.write(Data("program \(p.id)\n".utf8)) }
                let got = Interpreter.run(p.statements)
                if got != p.output {
                    let k = got.indices.first { $0 >= p.output.count || got[$0] != p.output[$0] } ?? got.count
                    failures.append("program \(p.id), print \(k + 1): got \(k < got.count ? got[k] : "<nothing>"), NumPy prints \(k < p.output.count ? p.output[k] : "<nothing>")")
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
    static func run(_ statements: [[String: Any]]) -> [String] {
        var env: [String: Tensor] = [:]
        var out: [String] = []
        for st in statements {
            let t = st["t"] as! String
            if t == "print" {
                let a = env[st["a"] as! String]!
                out.append(st["mode"] as! String == "str" ? a.description : a.repr)
                continue
            }
            if t == "seed" { np.random.seed(st["s"] as! Int); continue }
            env[st["v"] as! String] = evaluate(t, st, env)
        }
        return out
    }

    /// A Python scalar operand: `Int` or `Double`.
    enum Scalar { case int(Int), float(Double) }

    static func scalar(_ any: Any?) -> Scalar {
        let d = any as! [String: Any]
        if let i = d["int"] { return .int((i as! NSNumber).intValue) }
        return .float(double(d["float"]))
    }

    static func double(_ any: Any?) -> Double {
        if let s = any as? String { return Double(s)! }  // not produced; JSON has no inf/nan literal
        return (any as! NSNumber).doubleValue
    }

    static func weak(_ s: Scalar) -> Tensor {
        switch s {
        case .int(let i): return Tensor(weak: i)
        case .float(let x): return Tensor(weak: x)
        }
    }

    static func shape(_ any: Any?) -> [Int] { any as! [Int] }

    static func evaluate(_ t: String, _ st: [String: Any], _ env: [String: Tensor]) -> Tensor {
        func v(_ key: String) -> Tensor { env[st[key] as! String]! }
        switch t {
        case "lit":
            return TensorFixture.tensor(st)
        case "array":
            return array(st)
        case "randn": return np.random.state.randn(shape(st["shape"]))
        case "rand": return np.random.state.rand(shape(st["shape"]))
        case "randint": return np.random.randint(st["lo"] as! Int, st["hi"] as! Int, size: shape(st["shape"]))
        case "uniform": return np.random.uniform(double(st["lo"]), double(st["hi"]), size: shape(st["shape"]))
        case "choice":
            return np.random.choice(st["n"] as! Int, size: shape(st["shape"]), replace: st["replace"] as! Bool,
                                    p: (st["p"] as? [Any])?.map(double))
        case "permutation": return np.random.permutation(st["n"] as! Int)
        case "arange":
            if st["float"] as! Bool { return np.arange(double(st["start"]), double(st["stop"]), double(st["step"])) }
            return np.arange(st["start"] as! Int, st["stop"] as! Int, st["step"] as! Int)
        case "linspace":
            return np.linspace(double(st["start"]), double(st["stop"]), st["num"] as! Int, endpoint: st["endpoint"] as! Bool)
        case "zeros": return Tensor.zeros(shape(st["shape"]))
        case "ones": return Tensor.ones(shape(st["shape"]))
        case "eye": return np.eye(st["n"] as! Int)
        case "full": return np.full(shape(st["shape"]), double(st["value"]))
        case "unary":
            let a = v("a")
            switch st["fn"] as! String {
            case "sqrt": return np.sqrt(a)
            case "abs": return np.abs(a)
            case "square": return np.square(a)
            case "sign": return np.sign(a)
            case "negative": return -a
            case "isnan": return np.isnan(a)
            case "isinf": return np.isinf(a)
            case "exp": return np.exp(a)
            case "log": return np.log(a)
            default: fatalError("unknown unary")
            }
        case "astype": return v("a").astype(DType(rawValue: st["dtype"] as! String)!)
        case "T": return v("a").T
        case "transpose": return np.transpose(v("a"), axes: st["axes"] as! [Int])
        case "reshape": return v("a").reshape(shape(st["shape"]))
        case "flatten": return v("a").flatten()
        case "binary":
            let a = v("a")
            let op = st["op"] as! String
            if st["b"] != nil { return binary(op, a, v("b")) }
            let s = scalar(st["s"])
            return (st["scalarLeft"] as? Bool ?? false) ? binary(op, s, a) : binary(op, a, s)
        case "where":
            let other = st["b"] != nil ? v("b") : weak(scalar(st["s"]))
            return np.where(v("c"), v("a"), other)
        case "clip":
            switch (scalar(st["lo"]), scalar(st["hi"])) {
            case (.int(let lo), .int(let hi)): return np.clip(v("a"), lo, hi)
            case (.float(let lo), .float(let hi)): return np.clip(v("a"), lo, hi)
            default: fatalError("mixed clip bounds are not generated")
            }
        case "reduce":
            let a = v("a")
            let axis = st["axis"] as? Int
            let keep = st["keepdims"] as! Bool
            switch st["fn"] as! String {
            case "sum": return np.sum(a, axis: axis, keepdims: keep)
            case "mean": return np.mean(a, axis: axis, keepdims: keep)
            case "max": return np.max(a, axis: axis, keepdims: keep)
            case "min": return np.min(a, axis: axis, keepdims: keep)
            case "argmax": return np.argmax(a, axis: axis)
            case "argmin": return np.argmin(a, axis: axis)
            case "std": return a.std(axis: axis, keepdims: keep)
            default: fatalError("unknown reduction")
            }
        case "dot": return np.dot(v("a"), v("b"))
        case "index":
            let a = v("a")
            let i = st["i"] as? Int ?? 0, j = st["j"] as? Int ?? 0
            let lo = st["lo"] as? Int ?? 0, hi = st["hi"] as? Int ?? 0
            switch st["kind"] as! String {
            case "row": return a[i]
            case "rows": return a[lo..<Swift.max(lo, hi)]
            case "elem": return a[i, j]
            case "col": return a[..., j]
            case "cols": return a[..., lo..<Swift.max(lo, hi)]
            case "block": return a[lo..., (st["lo2"] as! Int)...]
            case "block3": return a[..., ..., lo...]
            case "mask", "take": return a[v("m")]
            default: fatalError("unknown index kind")
            }
        default:
            fatalError("unknown statement \(t)")
        }
    }

    /// `np.array(list[, dtype=])` from the JSON nested list.
    static func array(_ st: [String: Any]) -> Tensor {
        let shape = shape(st["shape"])
        func flat(_ x: Any) -> [Any] { (x as? [Any]).map { $0.flatMap(flat) } ?? [x] }
        let values = flat(st["list"]!)
        // A Python list without numbers (`[[], []]`) makes float64, as a Swift `[[Double]]` does.
        let isFloat = st["base"] as! String == "f" || values.isEmpty
        let dtype = (st["dtype"] as? String).flatMap(DType.init(rawValue:))
        if isFloat {
            let d = values.map(double)
            switch (shape.count, dtype) {
            case (1, nil): return np.array(d)
            case (1, let dt?): return np.array(d, dtype: dt)
            case (2, let dt): let rows = stride(from: 0, to: d.count, by: Swift.max(shape[1], 1)).map { Array(d[$0..<$0 + shape[1]]) }
                let list = shape[1] == 0 ? [[Double]](repeating: [], count: shape[0]) : rows
                return dt.map { np.array(list, dtype: $0) } ?? np.array(list)
            default: return np.array(d, dtype: dtype ?? .float64).reshape(shape)
            }
        }
        let n = values.map { ($0 as! NSNumber).intValue }
        switch (shape.count, dtype) {
        case (1, nil): return np.array(n)
        case (1, let dt?): return np.array(n, dtype: dt)
        default: return np.array(n, dtype: dtype ?? .int64).reshape(shape)
        }
    }

    static func binary(_ op: String, _ a: Tensor, _ b: Tensor) -> Tensor {
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
        default: fatalError("unknown op")
        }
    }

    static func binary(_ op: String, _ a: Tensor, _ s: Scalar) -> Tensor {
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
        default: fatalError("unknown op")
        }
    }

    /// `op(scalar, a)`: comparisons mirror (`k < a` is `a > k`).
    static func binary(_ op: String, _ s: Scalar, _ a: Tensor) -> Tensor {
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
        case ("less", _): return binary("greater", a, s)
        case ("less_equal", _): return binary("greater_equal", a, s)
        case ("greater", _): return binary("less", a, s)
        case ("greater_equal", _): return binary("less_equal", a, s)
        default: return binary(op, a, s)
        }
    }
}
