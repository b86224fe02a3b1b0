/// Process-wide settings that `nnfs.init()` changes in the book's Python.
///
/// Chapter programs are single-threaded notebooks; this state is deliberately global, like
/// NumPy's, so that cells read as the book's code does.
public enum NNFSConfig {
    /// After ``nnfsInit(seed:)``: `dot` computes in `float64` and returns `float32`.
    nonisolated(unsafe) public static var dotInFloat64ToFloat32 = false
    /// The dtype `np.zeros`, `np.eye` and `np.random.randn` return: `float64` like NumPy,
    /// `float32` after ``nnfsInit(seed:)``.
    nonisolated(unsafe) public static var defaultFloat: DType = .float64
}

/// `nnfs.init()`: seeds NumPy's legacy generator with `seed` (0 as the book), makes
/// `np.random.randn`, `np.zeros` and `np.eye` return `float32`, and makes `np.dot` compute in
/// `float64` and round its result to `float32`. Exactly what nnfs 0.5.1's `init()` patches:
/// `np.ones`, `np.full`, `np.random.rand` and every other function keep NumPy's `float64`.
public func nnfsInit(seed: UInt32 = 0) {
    NNFSConfig.dotInFloat64ToFloat32 = true
    Allocation.configure()
    NNFSConfig.defaultFloat = .float32
    np.random.seed(seed)
}

/// The NumPy functions the book calls, under the names it calls them by: `np.dot(a, b)`,
/// `np.sum(a, axis: 1, keepdims: true)`, `np.random.randn(2, 5)`. Each is a thin alias of a
/// ``Tensor`` method or initializer; either spelling gives identical results.
public enum np {
    /// `np.random`: NumPy's legacy global `RandomState`.
    public enum random {}
}
