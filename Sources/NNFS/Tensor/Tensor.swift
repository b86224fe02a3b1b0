/// The element buffer of a ``Tensor``: one contiguous Swift array in row-major (C) order.
///
/// `uint8` and `int64` both live in `.int`; the tensor's ``Tensor/dtype`` tells them apart.
@usableFromInline
enum Storage: Sendable {
    case float32([Float])
    case float64([Double])
    case int([Int])
    case bool([Bool])

    @inlinable var count: Int {
        switch self {
        case .float32(let a): return a.count
        case .float64(let a): return a.count
        case .int(let a): return a.count
        case .bool(let a): return a.count
        }
    }
}

/// An n-dimensional array with NumPy's semantics where the book depends on them.
///
/// A `Tensor` is a value: assignment copies (lazily, copy-on-write), so the book's
/// `weights.copy()` is simply `let best = weights`. Storage is contiguous and row-major.
/// Shapes of any rank are represented; the book uses 0-D (scalars from reductions),
/// 1-D and 2-D.
///
/// Numerical contract (what makes printed digits match the book):
/// - Element-wise `+ - * /` are IEEE operations in the result dtype, with NumPy's promotion
///   (`float32 op float32 -> float32`, a Swift `Double` scalar is weak: `float32 * 0.01 -> float32`).
/// - `sum` follows NumPy's pairwise summation (blocks of 8, 128-element leaves) in the array's dtype.
/// - `exp`/`log` of `float32` are computed in `Double` and rounded once to `Float`.
/// - `dot` after ``nnfsInit(seed:)`` computes in `float64` (OpenBLAS `dgemm`) and rounds to `float32`,
///   exactly as `nnfs.init()` patches `np.dot`.
public struct Tensor: Sendable {
    /// The extent of each axis, outermost first. `[]` for a 0-D (scalar) tensor.
    public internal(set) var shape: [Int]
    /// The element type.
    public internal(set) var dtype: DType
    /// The elements in row-major order of ``shape``. Reading it from a transposed view (see
    /// ``T``) materialises the transpose; writing it makes the tensor an ordinary one again.
    var storage: Storage {
        get { transposedView ? Tensor.transposed(base, rows: shape[1], cols: shape[0]) : base }
        set { base = newValue; transposedView = false }
    }
    /// The stored elements: `storage` itself, or for a transposed view the untransposed matrix.
    var base: Storage
    /// `a.T` of a 2-D tensor is a view: `base` holds the `(shape[1], shape[0])` original, so
    /// `np.dot(a.T, b)` hands BLAS the original with a transpose flag and never copies.
    var transposedView = false
    /// NumPy's strides (in elements) when this tensor stands for a non-C-contiguous array: a
    /// transpose, a column slice, or an element-wise result of one. `nil` = C order. Only
    /// reductions read it (see ``Layout``); the elements are always stored in C order.
    var layoutStrides: [Int]?
    /// A Python scalar (a Swift number literal or `Double`/`Int` operand): under NumPy 2's rules
    /// (NEP 50) it takes the other operand's dtype instead of promoting it.
    @usableFromInline var isWeakScalar = false

    @usableFromInline
    init(shape: [Int], dtype: DType, storage: Storage) {
        precondition(shape.reduce(1, *) == storage.count, "shape \(shape) does not match \(storage.count) elements")
        self.shape = shape
        self.dtype = dtype
        self.base = storage
    }

    // MARK: Building from flat buffers

    /// A `float32` tensor of the given shape from row-major values.
    public init(float32 values: [Float], shape: [Int]) {
        Tensor.checkCount(values.count, shape)
        self.init(shape: shape, dtype: .float32, storage: .float32(values))
    }

    /// A `float64` tensor of the given shape from row-major values.
    public init(float64 values: [Double], shape: [Int]) {
        Tensor.checkCount(values.count, shape)
        self.init(shape: shape, dtype: .float64, storage: .float64(values))
    }

    /// An integer tensor (`int64` by default, or `uint8` as the datasets' labels are).
    public init(ints values: [Int], shape: [Int], dtype: DType = .int64) {
        Tensor.checkCount(values.count, shape)
        guard dtype.isInteger else { fatalError("Tensor(ints:) needs an integer dtype, not \(dtype)") }
        self.init(shape: shape, dtype: dtype, storage: .int(values))
    }

    /// A boolean tensor (a mask).
    public init(bools values: [Bool], shape: [Int]) {
        Tensor.checkCount(values.count, shape)
        self.init(shape: shape, dtype: .bool, storage: .bool(values))
    }

    static func checkCount(_ count: Int, _ shape: [Int]) {
        if shape.contains(where: { $0 < 0 }) { fatalError("negative dimension in shape \(shape)") }
        let n = shape.reduce(1, *)
        if n != count { fatalError("cannot reshape \(count) elements into shape \(shape)") }
    }

    // MARK: Building like np.array(...)

    /// `np.array([1.0, 2.5])`: a 1-D `float64` tensor (Python floats are float64).
    public init(_ values: [Double]) { self.init(float64: values, shape: [values.count]) }

    /// `np.array([[1.0, 2.5], [3.0, 4.0]])`: a 2-D `float64` tensor. Rows must have equal length.
    public init(_ rows: [[Double]]) {
        let cols = Tensor.checkRows(rows.map(\.count))
        self.init(float64: rows.flatMap { $0 }, shape: [rows.count, cols])
    }

    /// `np.array([1, 2, 3])`: a 1-D `int64` tensor.
    public init(_ values: [Int]) { self.init(ints: values, shape: [values.count]) }

    /// `np.array([[1, 2, 3]])`: a 2-D `int64` tensor.
    public init(_ rows: [[Int]]) {
        let cols = Tensor.checkRows(rows.map(\.count))
        self.init(ints: rows.flatMap { $0 }, shape: [rows.count, cols])
    }

    /// `np.array([[[1.0, 2.0], [3.0, 4.0]]])`: a 3-D `float64` tensor. Blocks and rows must agree.
    public init(_ blocks: [[[Double]]]) {
        let rows = Tensor.checkRows(blocks.map(\.count))
        let cols = Tensor.checkRows(blocks.flatMap { $0.map(\.count) })
        self.init(float64: blocks.flatMap { $0.flatMap { $0 } }, shape: [blocks.count, rows, cols])
    }

    /// `np.array([[[1, 2], [3, 4]]])`: a 3-D `int64` tensor.
    public init(_ blocks: [[[Int]]]) {
        let rows = Tensor.checkRows(blocks.map(\.count))
        let cols = Tensor.checkRows(blocks.flatMap { $0.map(\.count) })
        self.init(ints: blocks.flatMap { $0.flatMap { $0 } }, shape: [blocks.count, rows, cols])
    }

    /// Python ints as `dtype`: out-of-range values for `uint8` are an error, as in NumPy 2
    /// (`Python integer 300 out of bounds for uint8`).
    static func fromInts(_ v: [Int], _ shape: [Int], _ dtype: DType) -> Tensor {
        if dtype == .uint8, let bad = v.first(where: { $0 < 0 || $0 > 255 }) {
            fatalError("Python integer \(bad) out of bounds for uint8")
        }
        return Tensor(ints: v, shape: shape).astype(dtype)
    }

    /// `np.array([True, False])`: a 1-D boolean tensor.
    public init(_ values: [Bool]) { self.init(bools: values, shape: [values.count]) }

    /// `np.float32([...])`: a 1-D `float32` tensor.
    public init(_ values: [Float]) { self.init(float32: values, shape: [values.count]) }

    /// `np.array([[...]], dtype=np.float32)`: a 2-D `float32` tensor.
    public init(_ rows: [[Float]]) {
        let cols = Tensor.checkRows(rows.map(\.count))
        self.init(float32: rows.flatMap { $0 }, shape: [rows.count, cols])
    }

    /// A 0-D tensor holding one `Double` (a NumPy `float64` scalar).
    public init(scalar: Double) { self.init(float64: [scalar], shape: []) }
    /// A 0-D tensor holding one `Float` (a NumPy `float32` scalar).
    public init(scalar: Float) { self.init(float32: [scalar], shape: []) }

    /// A weak scalar: how a Python `float` operand behaves in NumPy 2 (NEP 50).
    public init(weak value: Double) {
        self.init(float64: [value], shape: [])
        isWeakScalar = true
    }

    /// A weak scalar: how a Python `int` operand behaves in NumPy 2 (NEP 50).
    public init(weak value: Int) {
        self.init(ints: [value], shape: [])
        isWeakScalar = true
    }

    static func checkRows(_ lengths: [Int]) -> Int {
        guard let first = lengths.first else { return 0 }
        if lengths.contains(where: { $0 != first }) {
            fatalError("rows have different lengths \(lengths): a tensor must be rectangular")
        }
        return first
    }

    // MARK: Facts

    /// The number of elements (`a.size`).
    public var count: Int { base.count }
    /// The number of axes (`a.ndim`).
    public var rank: Int { shape.count }
    /// `len(a)`: the extent of the first axis.
    public var length: Int {
        guard let n = shape.first else { fatalError("len() of a 0-d tensor") }
        return n
    }

    // MARK: Reading elements out

    /// The elements as `Double`, row-major (exact for every dtype but huge integers).
    public var doubles: [Double] {
        switch storage {
        case .float32(let a): return Conversion.toDouble(a)
        case .float64(let a): return a
        case .int(let a): return a.map(Double.init)
        case .bool(let a): return a.map { $0 ? 1 : 0 }
        }
    }

    /// The elements as `Float`, row-major (`float64` values are rounded).
    public var floats: [Float] {
        switch storage {
        case .float32(let a): return a
        case .float64(let a): return Conversion.toFloat(a)
        case .int(let a): return a.map(Float.init)
        case .bool(let a): return a.map { $0 ? 1 : 0 }
        }
    }

    /// The elements as `Int`, row-major (floats truncate toward zero, as `astype(int)`).
    public var ints: [Int] {
        switch storage {
        case .float32(let a): return a.map { Conversion.toInt(Double($0)) }
        case .float64(let a): return a.map(Conversion.toInt)
        case .int(let a): return a
        case .bool(let a): return a.map { $0 ? 1 : 0 }
        }
    }

    /// The elements as `Bool` (non-zero is `true`).
    public var bools: [Bool] {
        switch storage {
        case .float32(let a): return a.map { $0 != 0 }
        case .float64(let a): return a.map { $0 != 0 }
        case .int(let a): return a.map { $0 != 0 }
        case .bool(let a): return a
        }
    }

    /// The single element of a one-element tensor as `Double` (`a.item()`).
    public var item: Double {
        guard count == 1 else { fatalError("item() needs a tensor with one element, this one has shape \(shape)") }
        return doubles[0]
    }
}
