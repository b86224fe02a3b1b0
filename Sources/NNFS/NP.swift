// `np.*` spellings of the tensor API, so a cell can read like the book's Python.
// Each is a one-line alias; the documentation lives on the ``Tensor`` member it calls.

extension np {
    /// `np.array([...])` from Python floats: `float64`.
    public static func array(_ v: [Double]) -> Tensor { Tensor(v) }
    /// `np.array([[...]])` from Python floats: `float64`.
    public static func array(_ v: [[Double]]) -> Tensor { Tensor(v) }
    /// `np.array([...])` from Python ints: `int64`.
    public static func array(_ v: [Int]) -> Tensor { Tensor(v) }
    /// `np.array([[...]])` from Python ints: `int64`.
    public static func array(_ v: [[Int]]) -> Tensor { Tensor(v) }
    /// `np.array([[[...]]])` from Python floats: a 3-D `float64` tensor.
    public static func array(_ v: [[[Double]]]) -> Tensor { Tensor(v) }
    /// `np.array([[[...]]])` from Python ints: a 3-D `int64` tensor.
    public static func array(_ v: [[[Int]]]) -> Tensor { Tensor(v) }
    /// `np.array([True, False])`: a boolean tensor.
    public static func array(_ v: [Bool]) -> Tensor { Tensor(v) }
    /// `np.array([[True, False]])`: a 2-D boolean tensor.
    public static func array(_ v: [[Bool]]) -> Tensor {
        Tensor(bools: v.flatMap { $0 }, shape: [v.count, Tensor.checkRows(v.map(\.count))])
    }
    /// `np.array(a)` of a tensor: a copy.
    public static func array(_ t: Tensor) -> Tensor { t }

    /// `np.array([...], dtype=...)`: the literal converted as `astype` does (floats to integers
    /// truncate toward zero; to `uint8` modulo 256; non-zero is `True`).
    public static func array(_ v: [Double], dtype: DType) -> Tensor { Tensor(v).astype(dtype) }
    public static func array(_ v: [[Double]], dtype: DType) -> Tensor { Tensor(v).astype(dtype) }
    public static func array(_ v: [[[Double]]], dtype: DType) -> Tensor { Tensor(v).astype(dtype) }
    public static func array(_ v: [Int], dtype: DType) -> Tensor { Tensor.fromInts(v, [v.count], dtype) }
    public static func array(_ v: [[Int]], dtype: DType) -> Tensor { Tensor(v).astype(dtype) }
    public static func array(_ v: [[[Int]]], dtype: DType) -> Tensor { Tensor(v).astype(dtype) }
    public static func array(_ v: [Bool], dtype: DType) -> Tensor { Tensor(v).astype(dtype) }
    public static func array(_ t: Tensor, dtype: DType) -> Tensor { t.astype(dtype) }

    public static func dot(_ a: Tensor, _ b: Tensor) -> Tensor { Tensor.dot(a, b) }
    public static func outer(_ a: Tensor, _ b: Tensor) -> Tensor { Tensor.outer(a, b) }
    public static func diagflat(_ v: Tensor) -> Tensor { Tensor.diagflat(v) }
    public static func transpose(_ a: Tensor) -> Tensor { a.T }

    public static func sum(_ a: Tensor, axis: Int? = nil, keepdims: Bool = false) -> Tensor { a.sum(axis: axis, keepdims: keepdims) }
    public static func mean(_ a: Tensor, axis: Int? = nil, keepdims: Bool = false) -> Tensor { a.mean(axis: axis, keepdims: keepdims) }
    public static func max(_ a: Tensor, axis: Int? = nil, keepdims: Bool = false) -> Tensor { a.max(axis: axis, keepdims: keepdims) }
    public static func min(_ a: Tensor, axis: Int? = nil, keepdims: Bool = false) -> Tensor { a.min(axis: axis, keepdims: keepdims) }
    public static func argmax(_ a: Tensor, axis: Int? = nil) -> Tensor { a.argmax(axis: axis) }
    public static func argmin(_ a: Tensor, axis: Int? = nil) -> Tensor { a.argmin(axis: axis) }
    public static func std(_ a: Tensor, axis: Int? = nil) -> Tensor { a.std(axis: axis) }

    public static func exp(_ a: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor { a.exp(file: file, line: line) }
    public static func log(_ a: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor { a.log(file: file, line: line) }
    public static func sqrt(_ a: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor { a.sqrt(file: file, line: line) }
    public static func abs(_ a: Tensor) -> Tensor { a.abs() }
    public static func square(_ a: Tensor) -> Tensor { a.square() }
    public static func sign(_ a: Tensor) -> Tensor { a.sign() }
    public static func clip(_ a: Tensor, _ lo: Double, _ hi: Double) -> Tensor { a.clip(lo, hi) }
    public static func clip(_ a: Tensor, _ lo: Int, _ hi: Int) -> Tensor { a.clip(lo, hi) }
    public static func maximum(_ a: Tensor, _ b: Tensor) -> Tensor { Tensor.maximum(a, b) }
    public static func minimum(_ a: Tensor, _ b: Tensor) -> Tensor { Tensor.minimum(a, b) }
    /// `np.maximum(0, a)`: a Python number against a tensor (the number is a weak scalar).
    public static func maximum(_ a: Double, _ b: Tensor) -> Tensor { Tensor.maximum(Tensor(weak: a), b) }
    public static func maximum(_ a: Int, _ b: Tensor) -> Tensor { Tensor.maximum(Tensor(weak: a), b) }
    public static func maximum(_ a: Tensor, _ b: Double) -> Tensor { Tensor.maximum(a, Tensor(weak: b)) }
    public static func maximum(_ a: Tensor, _ b: Int) -> Tensor { Tensor.maximum(a, Tensor(weak: b)) }
    public static func minimum(_ a: Double, _ b: Tensor) -> Tensor { Tensor.minimum(Tensor(weak: a), b) }
    public static func minimum(_ a: Int, _ b: Tensor) -> Tensor { Tensor.minimum(Tensor(weak: a), b) }
    public static func minimum(_ a: Tensor, _ b: Int) -> Tensor { Tensor.minimum(a, Tensor(weak: b)) }
    public static func minimum(_ a: Tensor, _ b: Double) -> Tensor { Tensor.minimum(a, Tensor(weak: b)) }

    /// `np.where(condition, x, y)`; a Swift number for `x` or `y` is a Python scalar.
    public static func `where`(_ c: Tensor, _ x: Tensor, _ y: Tensor) -> Tensor { Tensor.where(c, x, y) }
    public static func `where`(_ c: Tensor, _ x: Tensor, _ y: Double) -> Tensor { Tensor.where(c, x, Tensor(weak: y)) }
    public static func `where`(_ c: Tensor, _ x: Double, _ y: Tensor) -> Tensor { Tensor.where(c, Tensor(weak: x), y) }
    public static func `where`(_ c: Tensor, _ x: Double, _ y: Double) -> Tensor { Tensor.where(c, Tensor(weak: x), Tensor(weak: y)) }

    /// `np.exp(x)` of a Python number: a `float64` scalar (what `print(np.exp(1))` shows).
    public static func exp(_ x: Double, file: StaticString = #fileID, line: UInt = #line) -> Tensor { Tensor(scalar: x).exp(file: file, line: line) }
    /// `np.log(x)` of a Python number: a `float64` scalar.
    public static func log(_ x: Double, file: StaticString = #fileID, line: UInt = #line) -> Tensor { Tensor(scalar: x).log(file: file, line: line) }

    public static func zeros(_ shape: Int..., dtype: DType? = nil) -> Tensor { Tensor.zeros(shape, dtype: dtype) }
    public static func ones(_ shape: Int..., dtype: DType? = nil) -> Tensor { Tensor.ones(shape, dtype: dtype) }
    public static func eye(_ n: Int, dtype: DType? = nil) -> Tensor { Tensor.eye(n, dtype: dtype) }
    public static func zerosLike(_ a: Tensor) -> Tensor { Tensor.zerosLike(a) }
    public static func onesLike(_ a: Tensor) -> Tensor { Tensor.onesLike(a) }
    public static func emptyLike(_ a: Tensor) -> Tensor { Tensor.emptyLike(a) }
    public static func arange(_ n: Int) -> Tensor { Tensor.arange(n) }
    public static func arange(_ start: Int, _ stop: Int, _ step: Int = 1) -> Tensor { Tensor.arange(start, stop, step) }
    public static func arange(_ start: Double, _ stop: Double, _ step: Double = 1) -> Tensor { Tensor.arange(start, stop, step) }
    public static func linspace(_ start: Double, _ stop: Double, _ num: Int = 50, endpoint: Bool = true) -> Tensor {
        Tensor.linspace(start, stop, num: num, endpoint: endpoint)
    }
    public static func isnan(_ a: Tensor) -> Tensor { a.isnan() }
    public static func isinf(_ a: Tensor) -> Tensor { a.isinf() }
    public static func full(_ shape: [Int], _ value: Double, dtype: DType? = nil) -> Tensor { Tensor.full(shape, value, dtype: dtype) }
    public static func transpose(_ a: Tensor, axes: [Int]) -> Tensor { a.transposed(axes: axes) }
    public static func expandDims(_ a: Tensor, axis: Int) -> Tensor {
        var s = a.shape
        s.insert(1, at: axis < 0 ? axis + s.count + 1 : axis)
        return a.reshape(s)
    }

    /// `np.inf`.
    public static let inf = Double.infinity
    /// `np.e`.
    public static let e = 2.718281828459045
    /// `np.pi`.
    public static let pi = Double.pi
    /// `np.nan` (a quiet NaN; prints `nan`).
    public static let nan = Double.nan
    public static let float32 = DType.float32
    public static let float64 = DType.float64
    public static let int64 = DType.int64
    public static let uint8 = DType.uint8
    public static let bool = DType.bool
}
