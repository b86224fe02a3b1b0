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
        let n = ProcessInfo.processInfo.environment["NNFS_BLAS_THREADS"].flatMap(Int32.init) ?? 1
        openblas_set_num_threads(n)
    }

    /// `np.dot(a, b)`.
    public static func dot(_ a: Tensor, _ b: Tensor) -> Tensor {
        if a.rank == 0 || b.rank == 0 { return a * b }
        guard a.rank <= 2 && b.rank <= 2 else { fatalError("dot of arrays with more than 2 dimensions is not supported") }
        let k = a.shape[a.rank - 1]
        let kb = b.rank == 1 ? b.shape[0] : b.shape[0]
        guard k == kb else {
            fatalError("shapes \(pyShape(a.shape)) and \(pyShape(b.shape)) not aligned: \(k) (dim \(a.rank - 1)) != \(kb) (dim 0)")
        }
        let m = a.rank == 2 ? a.shape[0] : 1
        let n = b.rank == 2 ? b.shape[1] : 1
        var outShape: [Int] = []
        if a.rank == 2 { outShape.append(m) }
        if b.rank == 2 { outShape.append(n) }
        let nnfs = NNFSConfig.dotInFloat64ToFloat32
        let type = nnfs ? DType.float64 : DType.promote(a.dtype, b.dtype)
        configureBLAS()
        switch type {
        case .float64:
            let r = gemm(a.doubles, b.doubles, m: m, k: k, n: n, aRank: a.rank, bRank: b.rank)
            return nnfs ? Tensor(float32: r.map(Float.init), shape: outShape) : Tensor(float64: r, shape: outShape)
        case .float32:
            let x = a.floats, y = b.floats
            var c = [Float](repeating: 0, count: m * n)
            if m > 0 && n > 0 {
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(n), Int32(k),
                            1, x, Int32(Swift.max(k, 1)), y, Int32(Swift.max(n, 1)), 0, &c, Int32(Swift.max(n, 1)))
            }
            return Tensor(float32: c, shape: outShape)
        default:
            let x = a.ints, y = b.ints
            var c = [Int](repeating: 0, count: m * n)
            for i in 0..<m { for p in 0..<k { let v = x[i * k + p]; for j in 0..<n { c[i * n + j] &+= v &* y[p * n + j] } } }
            return Tensor(ints: c, shape: outShape, dtype: type == .bool ? .int64 : type)
        }
    }

    /// `float64` product through the BLAS routine NumPy would pick for these ranks.
    static func gemm(_ x: [Double], _ y: [Double], m: Int, k: Int, n: Int, aRank: Int, bRank: Int) -> [Double] {
        var c = [Double](repeating: 0, count: m * n)
        guard m > 0 && n > 0 && k > 0 else { return c }
        let M = Int32(m), N = Int32(n), K = Int32(k)
        switch (aRank, bRank) {
        case (1, 1):
            c[0] = cblas_ddot(K, x, 1, y, 1)
        case (2, 1):
            cblas_dgemv(CblasRowMajor, CblasNoTrans, M, K, 1, x, K, y, 1, 0, &c, 1)
        case (1, 2):
            cblas_dgemv(CblasRowMajor, CblasTrans, K, N, 1, y, N, x, 1, 0, &c, 1)
        default:
            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, M, N, K, 1, x, K, y, N, 0, &c, N)
        }
        return c
    }

    /// `a.T`: the transpose (axes reversed; a 1-D tensor is unchanged).
    public var T: Tensor {
        guard rank == 2 else {
            if rank < 2 { return self }
            fatalError("transpose of arrays with more than 2 dimensions is not supported")
        }
        let r = shape[0], c = shape[1]
        func tr<E>(_ a: [E]) -> [E] {
            [E](unsafeUninitializedCapacity: a.count) { out, count in
                a.withUnsafeBufferPointer { p in
                    for i in 0..<r { for j in 0..<c { (out.baseAddress! + j * r + i).initialize(to: p[i * c + j]) } }
                }
                count = a.count
            }
        }
        var t = self
        t.shape = [c, r]
        switch storage {
        case .float32(let a): t.storage = .float32(tr(a))
        case .float64(let a): t.storage = .float64(tr(a))
        case .int(let a): t.storage = .int(tr(a))
        case .bool(let a): t.storage = .bool(tr(a))
        }
        return t
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
