internal import CKernels
import Synchronization

/// `np.dot` of two `float32` matrices after ``nnfsInit(seed:)``, computed from the `float32`
/// operands in the order OpenBLAS's `dgemm` adds (the C kernel `nnfs_blocked_product`).
///
/// Reference: `Tensor.dot` widens both operands to `float64`, calls `dgemm` and rounds the result
/// to `float32`. For the book's skinny matrices (3000 x 512 by 512 x 3, its transposes) most of that
/// time goes to the `float64` copies and OpenBLAS's packing, not to arithmetic.
///
/// Contract: every product of widened `float32` values is exact, so `dgemm`'s `float64` value is
/// fixed by its order of additions, which its level-3 driver sets from two build constants per CPU
/// kernel: the inner-dimension block `Q` and the unroll `U` (SkylakeX: 384 and 16; Haswell: 256 and
/// 4; see ``candidates``). Other routes inside OpenBLAS (its small-matrix kernels, one-column products) add in other
/// orders. So the kernel is used for a shape only after **calibration**: the first product of each
/// shape `(m, k, n, transposes)` is also computed by `dgemm` on probe operands (seeded, magnitudes
/// spread over 2^±12, some zeros), and the kernel is kept for that shape only if all `m·n`
/// `float64` results are bit-identical for one of the known `(Q, U)` pairs; otherwise that shape
/// always goes to `dgemm`. Two different addition orders agreeing on every element of such data
/// would be a coincidence of probability far below one in a million for the sizes calibrated here
/// (at least ``minimumElements`` results, each a sum of at least three terms).
/// `Tests/NNFSTests/FastPathKernelTests.swift` also compares whole training steps with the
/// reference (``NNFSConfig/fastPaths`` off).
enum BlockedProduct {
    /// Products with fewer outputs, or with fewer than three terms (see ``DenseKernels``), are left
    /// to `dgemm`/the direct kernel: calibration would cost more than it saves.
    static let minimumElements = 256
    static let minimumInner = 3
    /// The `(Q, U)` pairs of OpenBLAS's x86-64 double-precision kernels tried in calibration, as
    /// measured against OpenBLAS 0.3.21 with `OPENBLAS_CORETYPE` set to each: SkylakeX/Cooperlake,
    /// Haswell/Zen, Sandybridge, Prescott (what it falls back to on an unrecognised CPU).
    static let candidates: [(q: Int, u: Int)] = [(384, 16), (256, 4), (256, 8), (128, 4)]

    /// Where the kernel beats `dgemm`: few columns or rows, or a short inner dimension, where the
    /// reference's time is its `float64` copies. For square-ish products OpenBLAS's register-blocked
    /// kernels are as fast (measured: a version that widened both operands once and ran 4 x 32
    /// register-blocked multiply-adds in OpenBLAS's order matched `dgemm` alone, but not
    /// `WideningCache` + `dgemm` in chapters 17 and 19), so they stay on `dgemm`.
    static func isSkinny(m: Int, k: Int, n: Int) -> Bool {
        n < 16 || m <= 4 || k <= 16
    }

    struct Shape: Hashable {
        let m: Int, k: Int, n: Int, ta: Bool, tb: Bool
        var aDouble = false, bDouble = false
    }

    /// An operand as stored: `float32`, or `float64` (dropout's output and the gradients that
    /// flow back through it).
    enum Operand {
        case float32([Float])
        case float64([Double])

        init?(_ storage: Storage) {
            switch storage {
            case .float32(let v): self = .float32(v)
            case .float64(let v): self = .float64(v)
            default: return nil
            }
        }

        var isDouble: Bool {
            if case .float64 = self { return true }
            return false
        }

        func withPointer<R>(_ body: (UnsafeRawPointer) -> R) -> R {
            switch self {
            case .float32(let v): return v.withUnsafeBytes { body($0.baseAddress!) }
            case .float64(let v): return v.withUnsafeBytes { body($0.baseAddress!) }
            }
        }
    }

    /// A way of adding: the block parameters and whether products are fused into the sums.
    struct Order: Hashable {
        let q: Int, u: Int, fused: Bool
    }

    /// Calibration verdicts: the order that reproduces `dgemm` for a shape, or `nil` = use `dgemm`.
    static let verdicts = Mutex<[Shape: Order?]>([:])

    /// `Float(dgemm(widen(op(a)), widen(op(b))))`, or `nil` when this shape goes to `dgemm`.
    static func product(_ a: [Float], transposed ta: Bool, _ b: [Float], transposed tb: Bool, m: Int, k: Int, n: Int) -> [Float]? {
        product(.float32(a), transposed: ta, .float32(b), transposed: tb, m: m, k: k, n: n)
    }

    static func product(_ a: Operand, transposed ta: Bool, _ b: Operand, transposed tb: Bool, m: Int, k: Int, n: Int) -> [Float]? {
        guard NNFSConfig.fastPaths, m * n >= minimumElements, k >= minimumInner, isSkinny(m: m, k: k, n: n),
            !(a.isDouble && b.isDouble)
        else { return nil }
        let shape = Shape(m: m, k: k, n: n, ta: ta, tb: tb, aDouble: a.isDouble, bDouble: b.isDouble)
        let known = verdicts.withLock { $0[shape] }
        let order: Order?
        if let known {
            order = known
        } else {
            order = calibrate(shape)
            verdicts.withLock { $0[shape] = order }
        }
        guard let order else { return nil }
        return [Float](unsafeUninitializedCapacity: m * n) { out, count in
            run(a, b, shape, order, c32: out.baseAddress!, c64: nil)
            count = m * n
        }
    }

    /// The C kernel on `a` and `b`. `vectorLoops: false` runs its portable loops instead of the
    /// AVX-512 ones (which it uses where the CPU has them): both add in the same order, and
    /// `FastPathKernelTests` compares them bit for bit.
    static func run(
        _ a: Operand, _ b: Operand, _ s: Shape, _ o: Order, c32: UnsafeMutablePointer<Float>?, c64: UnsafeMutablePointer<Double>?,
        vectorLoops: Bool = true
    ) {
        let bytes = nnfs_blocked_product_scratch(s.m, s.n, s.k, s.tb ? 1 : 0)
        withUnsafeTemporaryAllocation(of: Double.self, capacity: Swift.max(bytes / 8, 1)) { scratch in
            a.withPointer { pa in
                b.withPointer { pb in
                    nnfs_blocked_product(
                        s.ta ? 1 : 0, s.tb ? 1 : 0, s.aDouble ? 1 : 0, s.bDouble ? 1 : 0, o.fused ? 1 : 0,
                        s.m, s.n, s.k, pa, pb, c32, c64, o.q, o.u, vectorLoops ? 1 : 0, scratch.baseAddress!)
                }
            }
        }
    }

    /// Which order reproduces `dgemm` bit for bit on probe operands of this shape (see the type's contract).
    static func calibrate(_ s: Shape) -> Order? {
        // A seed from the shape itself (Swift's `hashValue` changes from run to run).
        let seed = [s.m, s.k, s.n, s.ta ? 1 : 0, s.tb ? 1 : 0, s.aDouble ? 1 : 0, s.bDouble ? 1 : 0]
            .reduce(UInt64(0x6E6E_6673)) { ($0 &* 1_000_003) ^ UInt64($1) }
        var random = ProbeNumbers(seed: seed)
        func operand(_ count: Int, double: Bool) -> Operand {
            // float64 probes carry bits below float32's precision, so that fused and unfused
            // multiply-adds give different sums.
            double
                ? .float64((0..<count).map { _ in Double(random.next()) * (1 + Double(random.next()) * 0x1p-30) })
                : .float32((0..<count).map { _ in random.next() })
        }
        let a = operand(s.m * s.k, double: s.aDouble)
        let b = operand(s.k * s.n, double: s.bDouble)
        func wide(_ o: Operand) -> [Double] {
            switch o {
            case .float32(let v): return Conversion.toDouble(v)
            case .float64(let v): return v
            }
        }
        Tensor.configureBLAS()
        let reference = Tensor.gemm(wide(a), wide(b), m: s.m, k: s.k, n: s.n, aRank: 2, bRank: 2, ta: s.ta, tb: s.tb)
        var mine = [Double](repeating: 0, count: s.m * s.n)
        for c in candidates {
            for fused in [true, false] {
                let order = Order(q: c.q, u: c.u, fused: fused)
                mine.withUnsafeMutableBufferPointer { run(a, b, s, order, c32: nil, c64: $0.baseAddress!) }
                if zip(mine, reference).allSatisfy({ $0.bitPattern == $1.bitPattern }) { return order }
            }
        }
        return nil
    }

    /// Whether this CPU runs the C kernel's AVX-512 loops.
    static let vectorLoopsAvailable = nnfs_blocked_product_vector_loops_available() != 0

    /// Forgets the calibrations (tests).
    static func reset() { verdicts.withLock { $0.removeAll() } }

    /// Probe values: `float32` numbers of both signs with exponents spread over 2^±12 and about one
    /// in 16 an exact zero (SplitMix64; the probe only needs variety, not NumPy's stream).
    struct ProbeNumbers {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func word() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func next() -> Float {
            let w = word()
            if w & 15 == 0 { return 0 }
            let mantissa = Float(UInt32(truncatingIfNeeded: w >> 40)) / Float(1 << 24) + 0.5
            let exponent = Int((w >> 8) & 31) - 12
            let sign: Float = w & 32 == 0 ? 1 : -1
            return sign * Float(sign: .plus, exponent: exponent, significand: mantissa)
        }
    }
}
