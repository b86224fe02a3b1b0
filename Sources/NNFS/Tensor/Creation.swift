/// Constructors named after NumPy's.
///
/// `zeros` and `eye` give ``NNFSConfig/defaultFloat`` when no dtype is named: `float64` as in
/// NumPy, `float32` after ``nnfsInit(seed:)`` (which patches exactly `np.zeros` and `np.eye`).
/// `ones` and `full` are not patched by nnfs 0.5.1 and always default to `float64`.
extension Tensor {
    /// `np.full(shape, value)`: a tensor of `shape` filled with `value` converted to `dtype`
    /// (`float64` unless named).
    public static func full(_ shape: [Int], _ value: Double, dtype: DType? = nil) -> Tensor {
        let dtype = dtype ?? .float64
        let n = shape.reduce(1, *)
        switch dtype {
        case .float32: return Tensor(float32: [Float](repeating: Float(value), count: n), shape: shape)
        case .float64: return Tensor(float64: [Double](repeating: value, count: n), shape: shape)
        case .int64, .uint8: return Tensor(ints: [Int](repeating: Int(value), count: n), shape: shape, dtype: dtype)
        case .bool: return Tensor(bools: [Bool](repeating: value != 0, count: n), shape: shape)
        }
    }

    /// `np.zeros(shape)`.
    public static func zeros(_ shape: [Int], dtype: DType? = nil) -> Tensor { full(shape, 0, dtype: dtype ?? NNFSConfig.defaultFloat) }
    /// `np.ones(shape)`: `float64` unless named, even after ``nnfsInit(seed:)``.
    public static func ones(_ shape: [Int], dtype: DType? = nil) -> Tensor { full(shape, 1, dtype: dtype) }

    /// `np.eye(n)`: the identity matrix.
    public static func eye(_ n: Int, dtype: DType? = nil) -> Tensor {
        var t = zeros([n, n], dtype: dtype ?? NNFSConfig.defaultFloat)
        for i in 0..<n { t.setFlat(i * n + i, 1) }
        return t
    }

    /// `np.zeros_like(a)`: zeros with `a`'s shape and dtype.
    public static func zerosLike(_ a: Tensor) -> Tensor { zeros(a.shape, dtype: a.dtype) }
    /// `np.ones_like(a)`: ones with `a`'s shape and dtype.
    public static func onesLike(_ a: Tensor) -> Tensor { ones(a.shape, dtype: a.dtype) }
    /// `np.empty_like(a)`: a tensor with `a`'s shape and dtype (zero-filled here: Swift never
    /// exposes uninitialised memory).
    public static func emptyLike(_ a: Tensor) -> Tensor { zeros(a.shape, dtype: a.dtype) }

    /// `np.arange(n)`: `0, 1, ..., n-1` as `int64`.
    public static func arange(_ n: Int) -> Tensor { Tensor(ints: Array(0..<n), shape: [n]) }

    /// Sets flat element `i` to `value` converted to the dtype.
    mutating func setFlat(_ i: Int, _ value: Double) {
        switch storage {
        case .float32(var a): storage = .bool([]); a[i] = Float(value); storage = .float32(a)
        case .float64(var a): storage = .bool([]); a[i] = value; storage = .float64(a)
        case .int(var a): storage = .bool([]); a[i] = Int(value); storage = .int(a)
        case .bool(var a): storage = .bool([]); a[i] = value != 0; storage = .bool(a)
        }
    }
}
