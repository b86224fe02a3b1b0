/// `np.random.*`: NumPy's module-level functions, all drawing from the one legacy global
/// ``RandomState`` in ``np/random/state``, bit-identical to NumPy's streams (see ``RandomState``).
///
/// Only `randn` follows ``NNFSConfig/defaultFloat`` (`float32` after ``nnfsInit(seed:)``), because
/// `nnfs.init()` wraps only `np.random.randn` (with `.astype('float32')`); `rand`, `uniform`,
/// `normal` and `standard_normal` stay `float64`, and integer results are `int64` (`np.long`).
extension np.random {
    /// The global generator behind `np.random.*` (NumPy's `np.random.mtrand._rand`), seeded with 0.
    /// Chapter programs are single-threaded; replace or reseed it between runs, not concurrently.
    nonisolated(unsafe) public static var state = RandomState(seed: 0)

    /// `np.random.seed(s)` for `s` in `0...2**32-1`: reseeds the global generator and drops the
    /// cached normal.
    public static func seed(_ s: UInt32) { state.seed(s) }

    /// `np.random.seed(s)` with a Python-style integer.
    ///
    /// - Precondition: `0 <= s <= 2**32 - 1` (NumPy raises "Seed must be between 0 and 2**32 - 1").
    public static func seed(_ s: Int) {
        precondition(s >= 0 && s <= 0xFFFF_FFFF, "Seed must be between 0 and 2**32 - 1")
        state.seed(UInt32(s))
    }

    /// `np.random.seed([k0, k1, ...])`: seeds by array (`init_by_array`).
    ///
    /// - Precondition: the array is non-empty and every key is in `0...2**32-1`.
    public static func seed(_ keys: [Int]) {
        precondition(keys.allSatisfy { $0 >= 0 && $0 <= 0xFFFF_FFFF }, "Seed must be between 0 and 2**32 - 1")
        state.seed(array: keys.map { UInt32($0) })
    }

    /// `np.random.randn(d0, d1, ...)`: legacy standard normals in ``NNFSConfig/defaultFloat``
    /// (drawn as `float64`, then rounded once to `float32` after ``nnfsInit(seed:)``).
    /// With no dimensions, a 0-D tensor (NumPy's scalar).
    ///
    /// After `nnfsInit()`, `np.random.randn(2, 5)` is the book's
    /// `[[1.7640524 0.4001572 0.978738 2.2408931 1.867558] [-0.9772779 0.95008844 -0.1513572 -0.10321885 0.41059852]]`.
    public static func randn(_ dims: Int...) -> Tensor {
        state.randn(dims, dtype: NNFSConfig.defaultFloat.isFloatingPoint ? NNFSConfig.defaultFloat : .float64)
    }

    /// `np.random.standard_normal(size)` (Swift-style name): the same draws as `randn`, always `float64`.
    public static func standardNormal(size: [Int]) -> Tensor { state.randn(size) }

    /// `np.random.standard_normal()`: one legacy normal.
    public static func standardNormal() -> Double { state.standardNormal() }

    /// `np.random.normal(loc, scale, size)`: `loc + scale * standard_normal()`, `float64`.
    public static func normal(_ loc: Double = 0.0, _ scale: Double = 1.0, size: [Int]) -> Tensor {
        state.normal(loc: loc, scale: scale, size: size)
    }

    /// `np.random.normal(loc, scale)`: one `loc + scale * standard_normal()`.
    public static func normal(_ loc: Double = 0.0, _ scale: Double = 1.0) -> Double {
        state.normal(loc: loc, scale: scale)
    }

    /// `np.random.rand(d0, d1, ...)`: uniform doubles in `[0, 1)`, `float64` (not wrapped by nnfs).
    /// With no dimensions, a 0-D tensor.
    public static func rand(_ dims: Int...) -> Tensor { state.rand(dims) }

    /// `np.random.random_sample(size)` (Swift-style name; also `np.random.random`): uniform `float64` in `[0, 1)`.
    public static func randomSample(size: [Int]) -> Tensor { state.randomSample(size) }

    /// `np.random.random_sample()`: one uniform double in `[0, 1)`.
    public static func randomSample() -> Double { state.randomSample() }

    /// `np.random.uniform(low, high, size)`: `low + (high - low) * random_sample()`, `float64`.
    public static func uniform(_ low: Double = 0.0, _ high: Double = 1.0, size: [Int]) -> Tensor {
        state.uniform(low: low, high: high, size: size)
    }

    /// `np.random.uniform(low, high)`: one value.
    public static func uniform(_ low: Double = 0.0, _ high: Double = 1.0) -> Double {
        state.uniform(low: low, high: high)
    }

    /// `np.random.randint(low, high, size)`: `int64` integers in `[low, high)` (legacy masked rejection).
    public static func randint(_ low: Int, _ high: Int, size: [Int]) -> Tensor {
        state.randint(low, high, size: size)
    }

    /// `np.random.randint(high, size=size)`: `int64` integers in `[0, high)`.
    public static func randint(_ high: Int, size: [Int]) -> Tensor {
        state.randint(0, high, size: size)
    }

    /// `np.random.randint(low, high)`: one integer in `[low, high)`.
    public static func randint(_ low: Int, _ high: Int) -> Int { state.randint(low, high) }

    /// `np.random.randint(high)`: one integer in `[0, high)`.
    public static func randint(_ high: Int) -> Int { state.randint(0, high) }

    /// `np.random.binomial(n, p, size=shape)`: `int64` legacy binomial draws; the book's dropout
    /// mask is `np.random.binomial(1, 1 - rate, size: inputs.shape)`.
    public static func binomial(_ n: Int, _ p: Double, size: [Int]) -> Tensor {
        state.binomial(n, p, size: size)
    }

    /// `np.random.binomial(n, p, size=count)`: a 1-D `int64` tensor.
    public static func binomial(_ n: Int, _ p: Double, size: Int) -> Tensor {
        state.binomial(n, p, size: [size])
    }

    /// `np.random.binomial(n, p)`: one draw.
    public static func binomial(_ n: Int, _ p: Double) -> Int { state.binomial(n, p) }

    /// `np.random.shuffle(x)`: shuffles a tensor in place along axis 0 (the book's
    /// `np.random.shuffle(keys)`), with NumPy's Fisher-Yates draws.
    public static func shuffle(_ t: inout Tensor) { state.shuffle(&t) }

    /// `np.random.shuffle(x)` for a Swift array (a Python list): the same draws and order.
    public static func shuffle<T>(_ a: inout [T]) { state.shuffle(&a) }

    /// `np.random.permutation(n)`: a shuffled `arange(n)` (`int64`).
    public static func permutation(_ n: Int) -> Tensor { state.permutation(n) }

    /// `np.random.permutation(x)`: a copy of `x` shuffled along axis 0.
    public static func permutation(_ t: Tensor) -> Tensor { state.permutation(t) }
}
