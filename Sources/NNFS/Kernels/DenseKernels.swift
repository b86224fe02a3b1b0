/// Fused kernels for the products a dense layer computes after ``nnfsInit(seed:)``.
///
/// The reference is the book-form code: `np.dot` widens both `float32` operands to `float64`, calls
/// OpenBLAS `dgemm` (C zeroed, then `C += A·B`), rounds C to `float32`, and `+ biases` adds in
/// `float32` (see `Tensor.dot` and `Tensor.arithmetic`). The kernels here give the same bits:
///
/// - **Inner dimension 1 or 2** (a layer fed by the book's 2-feature spiral or 1-feature sine data;
///   the input gradient of a 1-output layer). Each product of two widened `float32` values is exact
///   in `float64` (24 + 24 significant bits < 53), so `dgemm`'s element is one correctly rounded
///   sum `0.0 + (p0 + p1)` whatever order or fused multiply-add its kernel uses; the leading `0.0 +`
///   is the zeroed C it accumulates into (it turns a `-0.0` sum into `+0.0`, exactly as `dgemm`
///   does). The kernel computes that expression directly, one pass, no `float64` matrix at all.
///   With three or more terms the order of the additions matters, and only `dgemm` knows it.
/// - **Any other inner dimension** (dense forward only): the product as `Tensor.dot` computes it
///   (``BlockedProduct`` or `dgemm`), then the bias added in place instead of into a new array.
///
/// A kernel declines (`nil`) for anything else, and when the fused loop raised an IEEE flag: the
/// book-form code then runs, so the `RuntimeWarning`s are exactly the reference's (its `dot` raises
/// none; its `+` reports what the add alone raised).
enum DenseKernels {
    /// The largest inner dimension computed without BLAS (see the type's contract).
    static let directInnerLimit = 2

    /// `np.dot(inputs, weights) + biases` (``LayerDense/forward(_:training:)``), or `nil`.
    static func forward(_ inputs: Tensor, _ weights: Tensor, _ biases: Tensor) -> Tensor? {
        guard NNFSConfig.fastPaths, NNFSConfig.dotInFloat64ToFloat32,
            inputs.rank == 2, weights.rank == 2, !inputs.transposedView, !weights.transposedView,
            !biases.transposedView, biases.strides == nil,
            case .float32(let x) = inputs.base, case .float32(let w) = weights.base, case .float32(let b) = biases.base
        else { return nil }
        let m = inputs.shape[0], k = inputs.shape[1], n = weights.shape[1]
        guard k == weights.shape[0], m > 0, n > 0, k > 0, biases.shape == [1, n] || biases.shape == [n] else { return nil }
        RuntimeWarnings.clearFlags()
        var values: [Float]
        if k <= directInnerLimit {
            values = directProduct(x, transposed: false, w, transposed: false, m: m, k: k, n: n, plus: b)
        } else {
            // The dot as `Tensor.dot` computes it (blocked kernel or `dgemm`), then the add.
            values = Tensor.dot(inputs, transposed: false, weights, transposed: false).floats
            RuntimeWarnings.clearFlags()
            values.withUnsafeMutableBufferPointer { o in
                b.withUnsafeBufferPointer { bias in
                    for i in 0..<m {
                        let row = o.baseAddress! + i * n
                        for j in 0..<n { row[j] = row[j] + bias[j] }
                    }
                }
            }
        }
        guard !RuntimeWarnings.anyFlagRaised() else { return nil }
        return Tensor(float32: values, shape: [m, n])
    }

    /// `np.dot(op(a), op(b))` of two `float32` matrices after `nnfsInit` when the inner dimension
    /// is 1 or 2 (`Tensor.dot` asks first), or `nil`. `a` is stored `(m, k)`, or `(k, m)` when
    /// `ta`; `b` is `(k, n)`, or `(n, k)` when `tb`.
    static func product(_ a: Tensor, transposed ta: Bool, _ b: Tensor, transposed tb: Bool, m: Int, k: Int, n: Int) -> [Float]? {
        guard NNFSConfig.fastPaths, NNFSConfig.dotInFloat64ToFloat32, a.rank == 2, b.rank == 2,
            !a.transposedView, !b.transposedView, k >= 1, k <= directInnerLimit, m > 0, n > 0,
            case .float32(let x) = a.base, case .float32(let y) = b.base
        else { return nil }
        // Like the reference (`dgemm`, then rounding), it reports no warning.
        return directProduct(x, transposed: ta, y, transposed: tb, m: m, k: k, n: n, plus: nil)
    }

    /// `Float(0.0 + Σ_p Double(a[i,p]) * Double(b[p,j])) (+ bias[j])` for `k` ≤ 2: see the type's
    /// contract for why this is `dgemm`'s value bit for bit.
    static func directProduct(
        _ a: [Float], transposed ta: Bool, _ b: [Float], transposed tb: Bool, m: Int, k: Int, n: Int, plus bias: [Float]?
    ) -> [Float] {
        // Strides of op(a)[i, p] and op(b)[p, j] in the stored arrays.
        let (ai, ap) = ta ? (1, m) : (k, 1)
        let (bp, bj) = tb ? (1, k) : (n, 1)
        return [Float](unsafeUninitializedCapacity: m * n) { out, count in
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    let o = out.baseAddress!, x = pa.baseAddress!, y = pb.baseAddress!
                    // Row j of op(b) gathered once into float64: w0[j] = op(b)[0, j], w1[j] = op(b)[1, j].
                    let w0 = (0..<n).map { Double(y[$0 * bj]) }
                    let w1 = k == 2 ? (0..<n).map { Double(y[bp + $0 * bj]) } : w0
                    w0.withUnsafeBufferPointer { w0 in
                        w1.withUnsafeBufferPointer { w1 in
                            for i in 0..<m {
                                let row = o + i * n
                                let x0 = Double(x[i * ai])
                                if k == 1 {
                                    for j in 0..<n { row[j] = Float(0.0 + x0 * w0[j]) }
                                } else {
                                    let x1 = Double(x[i * ai + ap])
                                    for j in 0..<n { row[j] = Float(0.0 + (x0 * w0[j] + x1 * w1[j])) }
                                }
                                if let bias {
                                    bias.withUnsafeBufferPointer { bb in for j in 0..<n { row[j] = row[j] + bb[j] } }
                                }
                            }
                        }
                    }
                }
            }
            count = m * n
        }
    }
}
