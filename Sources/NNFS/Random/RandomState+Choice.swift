/// `RandomState.choice`, drawing exactly as NumPy's legacy implementation does.
///
/// - uniform, with replacement: `randint(0, n, size)` (legacy masked rejection);
/// - uniform, without replacement: the first `size` entries of `permutation(n)`;
/// - with probabilities `p`, with replacement: `cdf = cumsum(p) / cdf[-1]` (sequential sums in
///   `float64`), `random_sample(size)`, then the right-side `searchsorted` of each sample;
/// - with `p`, without replacement: NumPy's loop of `rand(size - found)` batches over the
///   cdf of the not-yet-chosen entries, keeping each batch's first occurrences in draw order.
extension RandomState {
    /// Indices `0..<n` as `choice(n, size, replace, p)` draws them, `int64`, shaped `size`.
    public func choice(_ n: Int, size: [Int], replace: Bool = true, p: [Double]? = nil) -> Tensor {
        guard n >= 0 else { fatalError("a must be a positive integer unless no samples are taken") }
        let count = size.reduce(1, *)
        if n == 0 && count > 0 { fatalError("a cannot be empty unless no samples are taken") }
        if let p {
            guard p.count == n else { fatalError("a and p must have same size") }
            guard p.allSatisfy({ $0 >= 0 }) else { fatalError("probabilities are not non-negative") }
            let total = p.reduce(0, +)
            guard Swift.abs(total - 1) <= 1.4901161193847656e-08 else { fatalError("probabilities do not sum to 1") }
        }
        if replace {
            if let p {
                let cdf = Self.normalizedCumsum(p)
                let u = randomSample([count]).doubles
                return Tensor(ints: u.map { Self.searchRight(cdf, $0) }, shape: size)
            }
            return randint(0, n, size: size)
        }
        guard count <= n else { fatalError("Cannot take a larger sample than population when 'replace=False'") }
        guard var weights = p else {
            return Tensor(ints: Array(permutation(n).ints.prefix(count)), shape: size)
        }
        guard weights.filter({ $0 > 0 }).count >= count else { fatalError("Fewer non-zero entries in p than size") }
        var found: [Int] = []
        while found.count < count {
            let x = randomSample([count - found.count]).doubles
            for i in found { weights[i] = 0 }
            let cdf = Self.normalizedCumsum(weights)
            var seen = Set<Int>()
            for v in x {
                let k = Self.searchRight(cdf, v)
                if seen.insert(k).inserted { found.append(k) }
            }
        }
        return Tensor(ints: found, shape: size)
    }

    /// `np.cumsum(p)` divided by its last element, as NumPy computes it.
    static func normalizedCumsum(_ p: [Double]) -> [Double] {
        var cdf = [Double]()
        cdf.reserveCapacity(p.count)
        var s = 0.0
        for x in p { s += x; cdf.append(s) }
        let last = cdf.last ?? 1
        return cdf.map { $0 / last }
    }

    /// `np.searchsorted(cdf, v, side='right')`: the number of entries `<= v`.
    static func searchRight(_ cdf: [Double], _ v: Double) -> Int {
        var lo = 0, hi = cdf.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if cdf[mid] <= v { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}

extension np.random {
    /// `np.random.choice(n, size, replace, p)`: `int64` indices in `0..<n` (legacy draws).
    public static func choice(_ n: Int, size: [Int], replace: Bool = true, p: [Double]? = nil) -> Tensor {
        state.choice(n, size: size, replace: replace, p: p)
    }

    /// `np.random.choice(n, size, ...)` with one extent.
    public static func choice(_ n: Int, size: Int, replace: Bool = true, p: [Double]? = nil) -> Tensor {
        state.choice(n, size: [size], replace: replace, p: p)
    }

    /// `np.random.choice(n)`: one index (a NumPy scalar, here a Swift `Int`).
    public static func choice(_ n: Int, replace: Bool = true, p: [Double]? = nil) -> Int {
        state.choice(n, size: [], replace: replace, p: p).ints[0]
    }

    /// `np.random.choice(a, size, ...)`: elements of the 1-D tensor `a` (rows of a 2-D one).
    public static func choice(_ a: Tensor, size: [Int], replace: Bool = true, p: [Double]? = nil) -> Tensor {
        guard a.rank >= 1 else { fatalError("a must be 1-dimensional or an integer") }
        let idx = state.choice(a.length, size: size, replace: replace, p: p)
        return a[idx]
    }

    /// `np.random.choice(a, size)` with one extent.
    public static func choice(_ a: Tensor, size: Int, replace: Bool = true, p: [Double]? = nil) -> Tensor {
        choice(a, size: [size], replace: replace, p: p)
    }

    /// `np.random.choice(a)`: one element of `a`, as a 0-D tensor.
    public static func choice(_ a: Tensor, replace: Bool = true, p: [Double]? = nil) -> Tensor {
        guard a.rank >= 1 else { fatalError("a must be 1-dimensional or an integer") }
        return a[state.choice(a.length, size: [], replace: replace, p: p).ints[0]]
    }
}
