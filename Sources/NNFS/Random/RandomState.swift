import Synchronization
#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// NumPy's legacy `numpy.random.RandomState` over ``MT19937``, reproducing its streams bit for bit.
///
/// Every method consumes exactly the 32-bit words NumPy's C code consumes, in the same order, and
/// combines them with the same IEEE `double` operations (no fused multiply-adds; `log`, `exp` from
/// the platform C library as NumPy calls them), so interleaving calls in any order gives NumPy's
/// values:
/// - ``randomSample()`` / ``rand(_:)``: 53-bit doubles, two words each (``MT19937/nextDouble()``).
/// - ``standardNormal()`` / ``randn(_:)``: the legacy polar Box-Muller `legacy_gauss`; each accepted
///   pair yields two normals, the second cached and returned by the next normal draw. Uniform and
///   integer draws leave the cache alone; ``seed(_:)`` clears it.
/// - ``randint(_:_:)``: masked rejection sampling on `[low, high)` (one word per try for spans up to
///   `2**32`, two words otherwise), as `RandomState.randint` with its default `int64` dtype.
/// - ``shuffle(_:)-(Tensor)`` / ``permutation(_:)-(Int)``: Fisher-Yates from the last index down,
///   `j = random_interval(i)` (masked rejection, one word per try).
/// - ``binomial(_:_:)``: legacy inversion when `min(p, 1-p) * n <= 30`, legacy BTPE otherwise.
///
/// A `RandomState` is a reference, like NumPy's: copies of the reference share one stream. Each
/// call takes an internal lock, so concurrent use is memory-safe, but the interleaving of draws
/// between threads is then unspecified (as with NumPy's lock).
public final class RandomState: Sendable {
    let core: Mutex<LegacyRandomCore>

    /// A generator seeded as `np.random.RandomState(seed)` / `np.random.seed(seed)`.
    public init(seed: UInt32 = 0) {
        core = Mutex(LegacyRandomCore(bitGenerator: MT19937(seed: seed)))
    }

    /// A generator seeded as `np.random.seed([k0, k1, ...])` (`init_by_array`).
    public init(seedArray: [UInt32]) {
        core = Mutex(LegacyRandomCore(bitGenerator: MT19937(seedArray: seedArray)))
    }

    /// `seed(s)`: reseeds the bit generator with an integer and drops any cached normal.
    public func seed(_ seed: UInt32) {
        core.withLock { $0.reset(MT19937(seed: seed)) }
    }

    /// `seed([k0, k1, ...])`: reseeds with an array (`init_by_array`) and drops any cached normal.
    public func seed(array: [UInt32]) {
        let g = MT19937(seedArray: array)
        core.withLock { $0.reset(g) }
    }

    /// The complete legacy state, as `get_state()`: `('MT19937', key, pos, has_gauss, cached_gaussian)`.
    public func getState() -> (bitGenerator: MT19937, hasGauss: Bool, cachedGaussian: Double) {
        core.withLock { ($0.bitGenerator, $0.hasGauss, $0.cachedGauss) }
    }

    /// Restores a state obtained from ``getState()`` (`set_state`).
    public func setState(_ state: (bitGenerator: MT19937, hasGauss: Bool, cachedGaussian: Double)) {
        core.withLock {
            $0.bitGenerator = state.bitGenerator
            $0.hasGauss = state.hasGauss
            $0.cachedGauss = state.cachedGaussian
        }
    }

    // MARK: Raw words and uniforms

    /// One raw tempered 32-bit word (`MT19937.random_raw()`); does not touch the normal cache.
    public func nextUInt32() -> UInt32 {
        core.withLock { $0.bitGenerator.nextUInt32() }
    }

    /// `random_sample()`: one double in `[0, 1)`, a multiple of `2**-53`, from two words.
    public func randomSample() -> Double {
        core.withLock { $0.bitGenerator.nextDouble() }
    }

    /// `random_sample(size=shape)`: a `float64` tensor of doubles in `[0, 1)`, filled in row-major order.
    public func randomSample(_ shape: [Int]) -> Tensor {
        let n = checkedCount(shape)
        let values = fillDoubles(count: n) { out, c in c.bitGenerator.withWordBlock { $0.fillDoubles(out, n) } }
        return Tensor(float64: values, shape: shape)
    }

    /// `rand(d0, d1, ...)`: the same stream as ``randomSample(_:)``, always `float64`.
    public func rand(_ shape: [Int]) -> Tensor { randomSample(shape) }

    /// `uniform(low, high)`: `low + (high - low) * random_sample()`, in that IEEE order.
    ///
    /// - Precondition: `high - low` is finite (NumPy raises `OverflowError`).
    public func uniform(low: Double = 0.0, high: Double = 1.0) -> Double {
        let range = high - low
        precondition(range.isFinite, "Range exceeds valid bounds")
        return core.withLock { low + range * $0.bitGenerator.nextDouble() }
    }

    /// `uniform(low, high, size=shape)`: a `float64` tensor; each element as ``uniform(low:high:)``.
    public func uniform(low: Double = 0.0, high: Double = 1.0, size shape: [Int]) -> Tensor {
        let range = high - low
        precondition(range.isFinite, "Range exceeds valid bounds")
        let n = checkedCount(shape)
        let values = fillDoubles(count: n) { out, c in
            c.bitGenerator.withWordBlock { $0.fillDoubles(out, n) }
            for i in 0..<n { out[i] = low + range * out[i] }
        }
        return Tensor(float64: values, shape: shape)
    }

    // MARK: Normals

    /// `standard_normal()`: one legacy polar Box-Muller normal (`legacy_gauss`), using the cached
    /// second value of the previous pair when there is one.
    public func standardNormal() -> Double {
        core.withLock { $0.nextGauss() }
    }

    /// `randn(*shape)` as NumPy returns it: a `float64` tensor of legacy normals, row-major.
    public func randn(_ shape: [Int]) -> Tensor {
        randn(shape, dtype: .float64)
    }

    /// `randn(*shape).astype(dtype)`: the `float64` legacy normals rounded once to `dtype`
    /// (`.float32` is what `nnfs.init()`'s wrapper returns). The draws are identical to ``randn(_:)``.
    ///
    /// - Precondition: `dtype` is `.float32` or `.float64`.
    public func randn(_ shape: [Int], dtype: DType) -> Tensor {
        let n = checkedCount(shape)
        switch dtype {
        case .float64:
            return Tensor(float64: fillDoubles(count: n) { out, c in c.fillGauss(n) { (out + $0).initialize(to: $1) } }, shape: shape)
        case .float32:
            let values = [Float](unsafeUninitializedCapacity: n) { buffer, initialized in
                if n > 0 {
                    core.withLock { c in c.fillGauss(n) { (buffer.baseAddress! + $0).initialize(to: Float($1)) } }
                }
                initialized = n
            }
            return Tensor(float32: values, shape: shape)
        default:
            preconditionFailure("randn returns float32 or float64, not \(dtype)")
        }
    }

    /// `normal(loc, scale)`: `loc + scale * standard_normal()` (`legacy_normal`).
    ///
    /// - Precondition: `scale >= 0`.
    public func normal(loc: Double = 0.0, scale: Double = 1.0) -> Double {
        precondition(scale >= 0, "scale < 0")
        return core.withLock { loc + scale * $0.nextGauss() }
    }

    /// `normal(loc, scale, size=shape)`: a `float64` tensor; each element as ``normal(loc:scale:)``.
    public func normal(loc: Double = 0.0, scale: Double = 1.0, size shape: [Int]) -> Tensor {
        precondition(scale >= 0, "scale < 0")
        let n = checkedCount(shape)
        let values = fillDoubles(count: n) { out, c in c.fillGauss(n) { (out + $0).initialize(to: loc + scale * $1) } }
        return Tensor(float64: values, shape: shape)
    }

    // MARK: Integers

    /// `randint(low, high)`: one integer uniform on `[low, high)` by legacy masked rejection
    /// (`random_bounded_uint64_fill` with `use_masked=True`): for `span = high - 1 - low`,
    /// `mask` = the smallest all-ones mask covering `span`; draw `word & mask` until `<= span`, with a
    /// 32-bit word when `span < 2**32 - 1`, the raw 32-bit word when `span == 2**32 - 1`, and a
    /// 64-bit word (two draws) beyond; `span == 0` consumes nothing.
    ///
    /// - Precondition: `low < high` (NumPy raises "low >= high").
    public func randint(_ low: Int, _ high: Int) -> Int {
        let (off, rng) = Self.boundedRange(low, high)
        return core.withLock { Int(truncatingIfNeeded: off &+ $0.bounded(rng: rng, mask: LegacyRandomCore.mask(rng))) }
    }

    /// `randint(low, high, size=shape)`: an `int64` tensor, each element as ``randint(_:_:)``.
    public func randint(_ low: Int, _ high: Int, size shape: [Int]) -> Tensor {
        let n = checkedCount(shape)
        let (off, rng) = Self.boundedRange(low, high)
        let mask = LegacyRandomCore.mask(rng)
        let values = [Int](unsafeUninitializedCapacity: n) { buffer, initialized in
            if n > 0 {
                core.withLock { c in
                    for i in 0..<n {
                        (buffer.baseAddress! + i).initialize(to: Int(truncatingIfNeeded: off &+ c.bounded(rng: rng, mask: mask)))
                    }
                }
            }
            initialized = n
        }
        return Tensor(ints: values, shape: shape, dtype: .int64)
    }

    static func boundedRange(_ low: Int, _ high: Int) -> (off: UInt64, rng: UInt64) {
        precondition(low < high, low == 0 ? "high <= 0" : "low >= high")
        let off = UInt64(bitPattern: Int64(low))
        return (off, UInt64(bitPattern: Int64(high - 1)) &- off)
    }

    /// `random_interval(max)`: an integer uniform on `0...max` by masked rejection (32-bit words
    /// for `max < 2**32`), the primitive behind ``shuffle(_:)-(Tensor)``.
    ///
    /// - Precondition: `max >= 0`.
    public func randomInterval(_ max: Int) -> Int {
        precondition(max >= 0, "random_interval needs max >= 0")
        return core.withLock { Int($0.interval(UInt64(max))) }
    }

    // MARK: Shuffling

    /// The Fisher-Yates index order `shuffle` applies to `n` items: position `k` of the result holds
    /// the original index that ends up at `k`. Consumes `random_interval(i)` for `i = n-1, ..., 1`.
    func shuffledOrder(_ n: Int) -> [Int] {
        var order = Array(0..<n)
        guard n > 1 else { return order }
        order.withUnsafeMutableBufferPointer { o in
            core.withLock { c in
                var i = n - 1
                while i >= 1 {
                    let j = Int(c.interval(UInt64(i)))
                    o.swapAt(i, j)
                    i -= 1
                }
            }
        }
        return order
    }

    /// `shuffle(x)`: permutes a Swift array in place with NumPy's draw sequence (its `Sequence` path).
    public func shuffle<T>(_ a: inout [T]) {
        let order = shuffledOrder(a.count)
        let source = a
        for k in 0..<order.count where order[k] != k { a[k] = source[order[k]] }
    }

    /// `shuffle(x)` on an ndarray: permutes the tensor along axis 0 in place (rows move, their
    /// contents stay), with the draws NumPy makes for `len(x)` items. Tensors with no elements
    /// consume no draws, as in NumPy.
    ///
    /// - Precondition: `t` has at least one axis.
    public func shuffle(_ t: inout Tensor) {
        precondition(t.rank >= 1, "len() of unsized object: shuffle needs at least one axis")
        if t.count == 0 { return }
        t = Self.gatherRows(t, shuffledOrder(t.shape[0]))
    }

    /// `permutation(n)`: `arange(n)` (`int64`) shuffled as ``shuffle(_:)-(Tensor)`` does.
    public func permutation(_ n: Int) -> Tensor {
        precondition(n >= 0, "negative dimensions are not allowed")
        return Tensor(ints: shuffledOrder(n), shape: [n], dtype: .int64)
    }

    /// `permutation(x)` for an array: a shuffled copy along axis 0 (same draws as ``shuffle(_:)-(Tensor)``).
    ///
    /// - Precondition: `t` has at least one axis.
    public func permutation(_ t: Tensor) -> Tensor {
        var copy = t
        precondition(t.rank >= 1, "x must be an integer or at least 1-dimensional")
        shuffle(&copy)
        return copy
    }

    /// Rows of `t` (along axis 0) taken in `order`, through the public Tensor API only.
    static func gatherRows(_ t: Tensor, _ order: [Int]) -> Tensor {
        let rows = t.shape[0]
        let width = rows == 0 ? 0 : t.count / rows
        func gather<E>(_ src: [E]) -> [E] {
            var dst = src
            dst.withUnsafeMutableBufferPointer { d in
                src.withUnsafeBufferPointer { s in
                    for (k, from) in order.enumerated() where from != k {
                        for e in 0..<width { d[k * width + e] = s[from * width + e] }
                    }
                }
            }
            return dst
        }
        switch t.dtype {
        case .float32: return Tensor(float32: gather(t.floats), shape: t.shape)
        case .float64: return Tensor(float64: gather(t.doubles), shape: t.shape)
        case .uint8, .int64: return Tensor(ints: gather(t.ints), shape: t.shape, dtype: t.dtype)
        case .bool: return Tensor(bools: gather(t.bools), shape: t.shape)
        }
    }

    // MARK: Binomial

    /// `binomial(n, p)`: one legacy binomial draw (`legacy_random_binomial`). With
    /// `q = min(p, 1 - p)`: inversion when `q * n <= 30` (one double per try), BTPE (Kachitvichyanukul
    /// and Schmeiser, with NumPy's legacy Stirling terms) otherwise; `p > 0.5` draws with `1 - p`
    /// and returns `n - x`. Even `n == 0` or `p == 0` consumes one double, as NumPy does.
    ///
    /// - Precondition: `n >= 0` and `0 <= p <= 1`.
    public func binomial(_ n: Int, _ p: Double) -> Int {
        let sampler = LegacyBinomial(n: n, p: p)
        return core.withLock { sampler.draw(&$0.bitGenerator) }
    }

    /// `binomial(n, p, size=shape)`: an `int64` tensor of draws as ``binomial(_:_:)``, row-major.
    /// `binomial(1, keep, size=shape)` is the book's dropout mask.
    public func binomial(_ n: Int, _ p: Double, size shape: [Int]) -> Tensor {
        let count = checkedCount(shape)
        let sampler = LegacyBinomial(n: n, p: p)
        let values = [Int](unsafeUninitializedCapacity: count) { buffer, initialized in
            if count > 0 {
                core.withLock { $0.bitGenerator.withWordBlock { sampler.fill(buffer.baseAddress!, count, &$0) } }
            }
            initialized = count
        }
        return Tensor(ints: values, shape: shape, dtype: .int64)
    }

    /// `binomial(1, p, size=shape) / divisor`, the dropout mask, drawn straight into `float64`:
    /// the same draws as ``binomial(_:_:size:)``, and where a draw is 0 (or 1) the element is
    /// `0.0 / divisor` (or `1.0 / divisor`), exactly what dividing the `int64` tensor gives.
    /// `nil` (nothing drawn) unless `divisor > 0` and `1 / divisor` is finite, so the division
    /// would raise no warning; the caller then divides as written.
    func bernoulliMask(_ p: Double, size shape: [Int], dividedBy divisor: Double) -> Tensor? {
        let sampler = LegacyBinomial(n: 1, p: p)
        guard divisor > 0, (1.0 / divisor).isFinite, let s = sampler.bernoulli else { return nil }
        let count = checkedCount(shape)
        let (zero, one) = sampler.bernoulliOutcomes(Double(0) / divisor, Double(1) / divisor)
        let values = [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
            if count > 0 {
                buffer.baseAddress!.withMemoryRebound(to: UInt64.self, capacity: count) { out in
                    core.withLock {
                        $0.bitGenerator.withWordBlock { $0.fillBernoulli(s, outcomes: (zero.bitPattern, one.bitPattern), out, count) }
                    }
                }
            }
            initialized = count
        }
        return Tensor(float64: values, shape: shape)
    }

    // MARK: Helpers

    private func checkedCount(_ shape: [Int]) -> Int {
        precondition(!shape.contains { $0 < 0 }, "negative dimensions are not allowed")
        return shape.reduce(1, *)
    }

    /// `count` doubles written by `fill` (which initializes all of them) on the locked core.
    private func fillDoubles(count n: Int, _ fill: (UnsafeMutablePointer<Double>, inout LegacyRandomCore) -> Void) -> [Double] {
        [Double](unsafeUninitializedCapacity: n) { buffer, initialized in
            if n > 0 {
                core.withLock { fill(buffer.baseAddress!, &$0) }
            }
            initialized = n
        }
    }
}

/// The mutable state of a legacy `RandomState`: the bit generator plus the cached normal
/// (`aug_bitgen_t`). Algorithms live here so hot loops run on one `inout` value.
struct LegacyRandomCore: Sendable {
    var bitGenerator: MT19937
    var hasGauss = false
    var cachedGauss = 0.0

    init(bitGenerator: MT19937) { self.bitGenerator = bitGenerator }

    mutating func reset(_ g: MT19937) {
        bitGenerator = g
        hasGauss = false
        cachedGauss = 0.0
    }

    /// `legacy_gauss`: polar Box-Muller with the second value cached.
    @inline(__always)
    mutating func nextGauss() -> Double {
        Self.gauss(&bitGenerator, &hasGauss, &cachedGauss)
    }

    /// `count` normals of ``nextGauss()``, in order, handed to `put(index, value)`; the words
    /// come through a ``WordBlock`` (the same words, read faster).
    @inline(__always)
    mutating func fillGauss(_ count: Int, _ put: (Int, Double) -> Void) {
        var has = hasGauss, cached = cachedGauss
        bitGenerator.withWordBlock { block in
            for i in 0..<count { put(i, Self.gauss(&block, &has, &cached)) }
        }
        hasGauss = has
        cachedGauss = cached
    }

    /// `legacy_gauss` on any word source, with the cache passed in.
    @inline(__always)
    static func gauss<G: RandomWords>(_ g: inout G, _ hasGauss: inout Bool, _ cachedGauss: inout Double) -> Double {
        if hasGauss {
            hasGauss = false
            let cached = cachedGauss
            cachedGauss = 0.0
            return cached
        }
        var x1: Double, x2: Double, r2: Double
        repeat {
            x1 = 2.0 * g.nextDouble() - 1.0
            x2 = 2.0 * g.nextDouble() - 1.0
            r2 = x1 * x1 + x2 * x2
        } while r2 >= 1.0 || r2 == 0.0
        let f = (-2.0 * log(r2) / r2).squareRoot()  // IEEE sqrt, as C's sqrt
        cachedGauss = f * x1
        hasGauss = true
        return f * x2
    }

    /// The smallest mask of the form `2**k - 1` that is `>= max` (`gen_mask`).
    static func mask(_ max: UInt64) -> UInt64 {
        var m = max
        m |= m >> 1
        m |= m >> 2
        m |= m >> 4
        m |= m >> 8
        m |= m >> 16
        m |= m >> 32
        return m
    }

    /// `random_interval(max)`: uniform on `0...max` by masked rejection.
    mutating func interval(_ max: UInt64) -> UInt64 {
        if max == 0 { return 0 }
        let m = Self.mask(max)
        if max <= 0xFFFF_FFFF {
            while true {
                let v = UInt64(bitGenerator.nextUInt32()) & m
                if v <= max { return v }
            }
        }
        while true {
            let v = bitGenerator.nextUInt64() & m
            if v <= max { return v }
        }
    }

    /// `random_bounded_uint64` with `use_masked=True`: uniform on `0...rng` (`mask == gen_mask(rng)`).
    @inline(__always)
    mutating func bounded(rng: UInt64, mask: UInt64) -> UInt64 {
        if rng == 0 { return 0 }
        if rng <= 0xFFFF_FFFF {
            if rng == 0xFFFF_FFFF { return UInt64(bitGenerator.nextUInt32()) }
            let m32 = UInt32(truncatingIfNeeded: mask), r32 = UInt32(truncatingIfNeeded: rng)
            while true {
                let v = bitGenerator.nextUInt32() & m32
                if v <= r32 { return UInt64(v) }
            }
        }
        if rng == UInt64.max { return bitGenerator.nextUInt64() }
        while true {
            let v = bitGenerator.nextUInt64() & mask
            if v <= rng { return v }
        }
    }
}

/// The legacy binomial sampler with its setup precomputed once per `(n, p)`, as NumPy's
/// `binomial_t` cache holds it (`legacy_random_binomial_original` and the two algorithms it picks).
///
/// All arithmetic mirrors the C expressions operand for operand: C's `int64`-to-`double`
/// conversions are explicit `Double(...)` here, evaluated at the same points.
struct LegacyBinomial: Sendable {
    enum Method: Sendable {
        case inversion(Inversion)
        case btpe(BTPE)
    }

    let n: Int
    /// `true` when `p > 0.5`: the draw uses `1 - p` and returns `n - x`.
    let complement: Bool
    let method: Method

    init(n: Int, p: Double) {
        precondition(n >= 0, "n < 0")
        precondition(p >= 0 && p <= 1, "p < 0, p > 1 or p is NaN")
        self.n = n
        let pp: Double
        if p <= 0.5 {
            complement = false
            pp = p
        } else {
            complement = true
            pp = 1.0 - p
        }
        if pp * Double(n) <= 30.0 {
            method = .inversion(Inversion(n: n, p: pp))
        } else {
            method = .btpe(BTPE(n: n, p: pp))
        }
    }

    @inline(__always)
    func draw<G: RandomWords>(_ g: inout G) -> Int {
        let x: Int
        switch method {
        case .inversion(let s): x = s.draw(&g)
        case .btpe(let s): x = s.draw(&g)
        }
        return complement ? n - x : x
    }

    /// The inversion sampler when every draw is one Bernoulli trial (`n == 1`, the dropout mask),
    /// which ``Inversion/drawBernoulli(_:)`` and ``WordBlock/fillBernoulli(_:outcomes:_:_:)`` run.
    var bernoulli: Inversion? {
        if case .inversion(let s) = method, n == 1, s.bound == 1 { return s }
        return nil
    }

    /// The values a Bernoulli draw's inner outcome 0 and 1 stand for: `n - x` when `complement`.
    func bernoulliOutcomes<T>(_ zero: T, _ one: T) -> (zero: T, one: T) {
        complement ? (one, zero) : (zero, one)
    }

    /// `count` draws into uninitialized memory, dispatching on the method once. Bernoulli draws
    /// take ``WordBlock/fillBernoulli(_:outcomes:_:_:)``: ``Inversion/drawBernoulli(_:)`` (the
    /// inversion loop unrolled for one trial) on 16 uniforms at once; same words, same comparisons,
    /// same results.
    func fill(_ out: UnsafeMutablePointer<Int>, _ count: Int, _ g: inout WordBlock) {
        if let s = bernoulli {
            let (zero, one) = bernoulliOutcomes(0, 1)
            out.withMemoryRebound(to: UInt64.self, capacity: count) {
                g.fillBernoulli(s, outcomes: (UInt64(zero), UInt64(one)), $0, count)
            }
            return
        }
        switch method {
        case .inversion(let s):
            for i in 0..<count { (out + i).initialize(to: complement ? n - s.draw(&g) : s.draw(&g)) }
        case .btpe(let s):
            for i in 0..<count { (out + i).initialize(to: complement ? n - s.draw(&g) : s.draw(&g)) }
        }
    }

    /// `legacy_random_binomial_inversion`.
    struct Inversion: Sendable {
        let n: Int, p: Double, q: Double, qn: Double, bound: Int
        /// `px` after the loop's first step (`x = 1`), as ``draw(_:)`` computes it.
        let firstStepPx: Double

        init(n: Int, p: Double) {
            self.n = n
            self.p = p
            q = 1.0 - p
            qn = exp(Double(n) * log(q))
            let np = Double(n) * p
            let limit = np + 10.0 * (np * q + 1).squareRoot()
            // MIN(n, limit) is evaluated in double, then truncated to an integer.
            bound = Int(Double(n) < limit ? Double(n) : limit)
            firstStepPx = (Double(n - 1 + 1) * p * qn) / (Double(1) * q)
        }

        /// A one-trial sampler with chosen `qn` and first-step `px` (which `init(n:p:)` derives
        /// from `p`): for tests of the restart path, which real `p` almost never take.
        init(bernoulliQn qn: Double, firstStepPx: Double) {
            n = 1
            q = qn
            p = 1 - qn
            self.qn = qn
            bound = 1
            self.firstStepPx = firstStepPx
        }

        /// ``draw(_:)`` for `n == 1` and `bound == 1`: `u <= qn` gives 0; otherwise the first step
        /// (`u -= qn`, `px = firstStepPx`) gives 1 when `u <= px`, and `x = 2 > bound` restarts
        /// with a fresh `u`. The same comparisons on the same values, so the same draws.
        @inline(__always)
        func drawBernoulli<G: RandomWords>(_ g: inout G) -> Int {
            while true {
                let u = g.nextDouble()
                if givesZero(u) { return 0 }
                if givesOne(u) { return 1 }
            }
        }

        /// ``drawBernoulli(_:)``'s first test: `u <= qn` (as `!(u > qn)`) draws 0.
        @inline(__always)
        func givesZero(_ u: Double) -> Bool { !(u > qn) }

        /// ``drawBernoulli(_:)``'s second test, after the first failed: `u - qn <= px₁` draws 1.
        @inline(__always)
        func givesOne(_ u: Double) -> Bool { !(u - qn > firstStepPx) }

        /// Where the two tests of ``drawBernoulli(_:)`` change, in terms of `m`, the 53-bit
        /// integer of a uniform `u = m / 2**53` (``MT19937/double(_:_:)``: `m = hi * 2**26 + lo`
        /// with `hi = first >> 5`, `lo = second >> 6`).
        ///
        /// `u` grows with `m`, and `u - qn` (rounded) never decreases as `u` grows, so each test
        /// holds exactly for `m <= ` its last passing value, found by bisection on the tests
        /// themselves (`lastZero`, `lastOne`; -1 when none passes). The bounds on `hi` settle a
        /// draw whatever `lo` is: `hi < zeroBelow` draws 0; `oneFrom <= hi < oneBelow` fails
        /// the first test and passes the second, so draws 1.
        struct BernoulliThresholds: Sendable {
            let lastZero: Int64, lastOne: Int64
            let zeroBelow: Int32, oneFrom: Int32, oneBelow: Int32

            init(_ s: Inversion) {
                lastZero = Self.lastPassing { s.givesZero($0) }
                lastOne = Self.lastPassing { s.givesOne($0) }
                zeroBelow = Int32((lastZero + 1) >> 26)  // every m of hi passes: hi * 2**26 + 2**26 - 1 <= last
                oneFrom = Int32((lastZero >> 26) + 1)  // no m of hi passes the first test
                oneBelow = Int32((lastOne + 1) >> 26)
            }

            /// `u = m / 2**53` as the generator computes it from the words that give `m`.
            static func uniform(_ m: Int64) -> Double {
                MT19937.double(UInt32(truncatingIfNeeded: m >> 26) << 5, UInt32(truncatingIfNeeded: m & 0x3FF_FFFF) << 6)
            }

            /// The largest `m` in `0..<2**53` whose uniform passes `test` (which holds for all
            /// `m` up to some point and for none after), or -1.
            static func lastPassing(_ test: (Double) -> Bool) -> Int64 {
                var lo: Int64 = -1, hi: Int64 = 1 << 53  // test(lo) holds (or lo = -1); hi is past the end
                while hi - lo > 1 {
                    let mid = lo + (hi - lo) / 2
                    if test(uniform(mid)) { lo = mid } else { hi = mid }
                }
                return lo
            }
        }

        /// The thresholds of this sampler's Bernoulli draws.
        var bernoulliThresholds: BernoulliThresholds { BernoulliThresholds(self) }

        @inline(__always)
        func draw<G: RandomWords>(_ g: inout G) -> Int {
            var x = 0
            var px = qn
            var u = g.nextDouble()
            while u > px {
                x += 1
                if x > bound {
                    x = 0
                    px = qn
                    u = g.nextDouble()
                } else {
                    u -= px
                    px = (Double(n - x + 1) * p * px) / (Double(x) * q)
                }
            }
            return x
        }
    }

    /// `legacy_random_binomial_btpe` (with the legacy, incorrectly signed Stirling terms).
    struct BTPE: Sendable {
        let n: Int, p: Double
        let r: Double, q: Double, fm: Double, m: Int
        let p1: Double, xm: Double, xl: Double, xr: Double, c: Double
        let laml: Double, lamr: Double, p2: Double, p3: Double, p4: Double

        init(n: Int, p: Double) {
            self.n = n
            self.p = p
            r = Swift.min(p, 1.0 - p)
            q = 1.0 - r
            fm = Double(n) * r + r
            m = Int(floor(fm))
            p1 = floor(2.195 * (Double(n) * r * q).squareRoot() - 4.6 * q) + 0.5
            xm = Double(m) + 0.5
            xl = xm - p1
            xr = xm + p1
            c = 0.134 + 20.5 / (15.3 + Double(m))
            var a = (fm - xl) / (fm - xl * r)
            laml = a * (1.0 + a / 2.0)
            a = (xr - fm) / (xr * q)
            lamr = a * (1.0 + a / 2.0)
            p2 = p1 * (1.0 + 2.0 * c)
            p3 = p2 + c / laml
            p4 = p3 + c / lamr
        }

        @inline(__always)
        private static func stirling(_ x2: Double, _ x: Double) -> Double {
            (13680.0 - (462.0 - (132.0 - (99.0 - 140.0 / x2) / x2) / x2) / x2) / x / 166320.0
        }

        func draw<G: RandomWords>(_ g: inout G) -> Int {
            let nd = Double(n)
            step10: while true {
                let nrq = nd * r * q
                let u = g.nextDouble() * p4
                var v = g.nextDouble()
                var y: Int
                if u <= p1 {
                    y = Int(floor(xm - p1 * v + u))
                    return finish(y)
                }
                if u <= p2 {  // Step20: parallelogram
                    let x = xl + (u - p1) / c
                    v = v * c + 1.0 - abs(Double(m) - x + 0.5) / p1
                    if v > 1.0 { continue step10 }
                    y = Int(floor(x))
                } else if u <= p3 {  // Step30: left exponential tail
                    // C casts before testing v == 0; testing first avoids casting -inf.
                    if v == 0.0 { continue step10 }
                    let yd = floor(xl + log(v) / laml)
                    if yd < 0 { continue step10 }
                    y = Int(yd)
                    v = v * (u - p2) * laml
                } else {  // Step40: right exponential tail
                    if v == 0.0 { continue step10 }
                    let yd = floor(xr - log(v) / lamr)
                    if !(yd <= nd) { continue step10 }
                    y = Int(yd)
                    v = v * (u - p3) * lamr
                }
                // Step50
                let k = abs(y - m)
                if !(k > 20 && Double(k) < nrq / 2.0 - 1) {
                    let s = r / q
                    let a = s * Double(n + 1)
                    var f = 1.0
                    if m < y {
                        var i = m + 1
                        while i <= y { f *= (a / Double(i) - s); i += 1 }
                    } else if m > y {
                        var i = y + 1
                        while i <= m { f /= (a / Double(i) - s); i += 1 }
                    }
                    if v > f { continue step10 }
                    return finish(y)
                }
                // Step52: squeeze
                let kd = Double(k)
                let rho = (kd / nrq) * ((kd * (kd / 3.0 + 0.625) + 0.16666666666666666) / nrq + 0.5)
                let t = Double(-k * k) / (2.0 * nrq)
                let bigA = log(v)
                if bigA < t - rho { return finish(y) }
                if bigA > t + rho { continue step10 }
                let x1 = Double(y) + 1
                let f1 = Double(m) + 1
                let z = nd + 1 - Double(m)
                let w = nd - Double(y) + 1
                let x2 = x1 * x1, f2 = f1 * f1, z2 = z * z, w2 = w * w
                var bound = xm * log(f1 / x1)
                bound = bound + (Double(n - m) + 0.5) * log(z / w)
                bound = bound + Double(y - m) * log(w * r / (x1 * q))
                bound = bound + Self.stirling(f2, f1)
                bound = bound + Self.stirling(z2, z)
                bound = bound + Self.stirling(x2, x1)
                bound = bound + Self.stirling(w2, w)
                if bigA > bound { continue step10 }
                return finish(y)
            }
        }

        @inline(__always)
        private func finish(_ y: Int) -> Int { p > 0.5 ? n - y : y }  // Step60
    }
}
