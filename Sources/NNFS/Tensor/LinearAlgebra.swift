internal import COpenBLAS
import Foundation

/// Matrix products and shape transforms.
///
/// Contract for `dot` after ``nnfsInit(seed:)``: both operands are converted to `float64`
/// exactly, multiplied with OpenBLAS (`ddot`, `dgemv` or `dgemm`, as NumPy chooses by rank) and
/// the result rounded once to `float32`: what `nnfs.init()` makes `np.dot` do. Before it, `dot`
/// follows NumPy: `float64` stays `float64`, `float32` uses `sgemm`, integers multiply exactly.
extension Tensor {
    /// BLAS threads: one by default (these machines have 2 cores and BLAS threads collapse under
    /// load); `NNFS_BLAS_THREADS` overrides.

    nonisolated(unsafe) static var blasConfigured = false
    static func configureBLAS() {
        guard !blasConfigured else { return }
        blasConfigured = true
        Allocation.configure()
        let n = ProcessInfo.processInfo.environment["NNFS_BLAS_THREADS"].flatMap(Int32.init) ?? 1
        openblas_set_num_threads(n)
    }

    /// `np.dot(a, b)`.
    public static func dot(_ a: Tensor, _ b: Tensor) -> Tensor {
        // A transposed view goes to BLAS as the stored matrix with a transpose flag.
        func untransposed(_ t: Tensor) -> Tensor {
            guard t.transposedView else { return t }
            var u = t
            u.shape = [t.shape[1], t.shape[0]]
            u.transposedView = false
            return u
        }
        return dot(untransposed(a), transposed: a.transposedView, untransposed(b), transposed: b.transposedView)
    }

    /// `np.dot(op(a), op(b))` where `op` transposes a 2-D operand when asked: BLAS reads the operands
    /// transposed. Results are identical to multiplying materialised transposes (the BLAS
    /// kernel's order of operations does not depend on the operands' layout).
    static func dot(_ a: Tensor, transposed ta: Bool, _ b: Tensor, transposed tb: Bool) -> Tensor {
        if a.rank == 0 || b.rank == 0 { return a * b }
        guard a.rank <= 2 && b.rank <= 2 else { fatalError("dot of arrays with more than 2 dimensions is not supported") }
        // Logical shapes: op(a) is (m, k), op(b) is (k, n).
        let aShape = ta ? [a.shape[1], a.shape[0]] : a.shape
        let bShape = tb ? [b.shape[1], b.shape[0]] : b.shape
        let k = aShape[aShape.count - 1]
        let kb = bShape[0]
        guard k == kb else {
            fatalError("shapes \(pyShape(aShape)) and \(pyShape(bShape)) not aligned: \(k) (dim \(aShape.count - 1)) != \(kb) (dim 0)")
        }
        let m = aShape.count == 2 ? aShape[0] : 1
        let n = bShape.count == 2 ? bShape[1] : 1
        var outShape: [Int] = []
        if a.rank == 2 { outShape.append(m) }
        if b.rank == 2 { outShape.append(n) }
        let nnfs = NNFSConfig.dotInFloat64ToFloat32
        let type = nnfs ? DType.float64 : DType.promote(a.dtype, b.dtype)
        configureBLAS()
        if nnfs, let direct = DenseKernels.product(a, transposed: ta, b, transposed: tb, m: m, k: k, n: n) {
            return Tensor(float32: direct, shape: outShape)
        }
        if nnfs, a.rank == 2, b.rank == 2, let x = BlockedProduct.Operand(a.base), let y = BlockedProduct.Operand(b.base),
            let blocked = BlockedProduct.product(x, transposed: ta, y, transposed: tb, m: m, k: k, n: n)
        {
            return Tensor(float32: blocked, shape: outShape)
        }
        switch type {
        case .float64:
            let x = a.float64Buffer(), y = b.float64Buffer()
            let r = gemm(x, y, m: m, k: k, n: n, aRank: a.rank, bRank: b.rank, ta: ta, tb: tb)
            return nnfs ? Tensor(float32: Conversion.toFloat(r), shape: outShape) : Tensor(float64: r, shape: outShape)
        case .float32:
            let x = a.floats, y = b.floats
            var c = [Float](repeating: 0, count: m * n)
            if m > 0 && n > 0 {
                cblas_sgemm(
                    CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), 1, x, Int32(Swift.max(a.shape.last ?? 1, 1)),
                    y, Int32(Swift.max(b.shape.last ?? 1, 1)), 0, &c, Int32(Swift.max(n, 1)))
            }
            return Tensor(float32: c, shape: outShape)
        default:
            let aa = ta ? a.T : a, bb = tb ? b.T : b
            let x = aa.ints, y = bb.ints
            var c = [Int](repeating: 0, count: m * n)
            for i in 0..<m { for p in 0..<k { let v = x[i * k + p]; for j in 0..<n { c[i * n + j] &+= v &* y[p * n + j] } } }
            return Tensor(ints: c, shape: outShape, dtype: type == .bool ? .int64 : type)
        }
    }

    /// The elements as `Double` (the storage itself when it already is `float64`; a `float32`
    /// buffer converted through ``WideningCache``, exact either way).
    func float64Buffer() -> [Double] {
        switch storage {
        case .float64(let a): return a
        case .float32(let a): return WideningCache.toDouble(a)
        default: return doubles
        }
    }

    /// `float64` product through the BLAS routine NumPy would pick for these ranks.
    /// `x` is stored `(m, k)` or, when `ta`, `(k, m)`; `y` is `(k, n)` or, when `tb`, `(n, k)`.
    static func gemm(
        _ x: [Double], _ y: [Double], m: Int, k: Int, n: Int, aRank: Int, bRank: Int,
        ta: Bool = false, tb: Bool = false
    ) -> [Double] {
        guard m > 0 && n > 0 && k > 0 else { return [Double](repeating: 0, count: m * n) }
        let M = Int32(m), N = Int32(n), K = Int32(k)
        // beta = 0: BLAS writes every element of C without reading it.
        return [Double](unsafeUninitializedCapacity: m * n) { c, count in
            let out = c.baseAddress!
            switch (aRank, bRank) {
            case (1, 1):
                out[0] = cblas_ddot(K, x, 1, y, 1)
            case (2, 1):
                if ta {
                    cblas_dgemv(CblasRowMajor, CblasTrans, K, M, 1, x, M, y, 1, 0, out, 1)
                } else {
                    cblas_dgemv(CblasRowMajor, CblasNoTrans, M, K, 1, x, K, y, 1, 0, out, 1)
                }
            case (1, 2):
                if tb {
                    cblas_dgemv(CblasRowMajor, CblasNoTrans, N, K, 1, y, K, x, 1, 0, out, 1)
                } else {
                    cblas_dgemv(CblasRowMajor, CblasTrans, K, N, 1, y, N, x, 1, 0, out, 1)
                }
            default:
                cblas_dgemm(
                    CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans,
                    M, N, K, 1, x, ta ? M : K, y, tb ? K : N, 0, out, N)
            }
            count = m * n
        }
    }

    /// `a.T`: the transpose (axes reversed; a 1-D tensor is unchanged).
    ///
    /// For a 2-D tensor this is a view that costs nothing: `np.dot` reads it in place through
    /// BLAS's transpose flag, and any other use materialises the transposed elements.
    public var T: Tensor {
        guard rank == 2 else {
            if rank < 2 { return self }
            return transposed(axes: Array((0..<rank).reversed()))
        }
        var t = self
        t.shape = [shape[1], shape[0]]
        t.transposedView.toggle()
        return t.withStrides((strides ?? Layout.cStrides(shape)).reversed())
    }

    /// The row-major transpose of a `rows` x `cols` matrix stored in `s`.
    static func transposed(_ s: Storage, rows r: Int, cols c: Int) -> Storage {
        func tr<E>(_ a: [E]) -> [E] {
            [E](unsafeUninitializedCapacity: a.count) { out, count in
                a.withUnsafeBufferPointer { p in
                    for i in 0..<r { for j in 0..<c { (out.baseAddress! + j * r + i).initialize(to: p[i * c + j]) } }
                }
                count = a.count
            }
        }
        switch s {
        case .float32(let a): return .float32(tr(a))
        case .float64(let a): return .float64(tr(a))
        case .int(let a): return .int(tr(a))
        case .bool(let a): return .bool(tr(a))
        }
    }

    /// `np.outer(a, b)`: `a[i] * b[j]` for the flattened operands.
    public static func outer(_ a: Tensor, _ b: Tensor) -> Tensor {
        a.flatten().reshape(-1, 1) * b.flatten().reshape(1, -1)
    }

    /// `np.diagflat(v)`: a square matrix with `v` (flattened) on its diagonal.
    public static func diagflat(_ v: Tensor) -> Tensor {
        let n = v.count
        let values = v.doubles
        var out = Tensor.zeros([n, n], dtype: v.dtype)
        for i in 0..<n { out.setFlat(i * n + i, values[i]) }
        return out
    }
}
