import Testing
@testable import NNFS

// See FastPathRandomTests.swift and docs/performance.md.
@Suite struct FastPathDotTests {
    // MARK: dot's float64 widening cache

    /// The reference: `dot` with nothing remembered.
    func uncachedDot(_ a: Tensor, _ b: Tensor) -> Tensor {
        WideningCache.clear()
        return np.dot(a, b)
    }

    @Test func cachedWideningGivesTheSameProducts() {
        withGlobalState {
            nnfsInit()
            let x = np.random.randn(300, 64).astype(.float32)  // 19,200 elements: cached
            let w = np.random.randn(64, 20).astype(.float32)
            let d = np.random.randn(300, 20).astype(.float32)
            let forward = uncachedDot(x, w)
            #expect(forward.dtype == .float32)
            // forward, then the backward products that read the same buffers again
            #expect(fastPathBits(np.dot(x, w)) == fastPathBits(forward))
            #expect(fastPathBits(np.dot(x.T, d)) == fastPathBits(uncachedDot(x.T, d)))
            _ = np.dot(x, w)
            #expect(fastPathBits(np.dot(x.T, d)) == fastPathBits(uncachedDot(x.T, d)))
            #expect(fastPathBits(np.dot(d, w.T)) == fastPathBits(uncachedDot(d, w.T)))
        }
    }

    @Test func cachedWideningSeesWritesToTheSameTensor() {
        withGlobalState {
            nnfsInit()
            var x = np.random.randn(200, 50).astype(.float32)
            let w = np.random.randn(50, 4).astype(.float32)
            let before = np.dot(x, w)  // remembered
            x[x .> 2] = 1000  // writes in place: copy-on-write gives x a new buffer
            x[x .< 0] = 0
            let after = np.dot(x, w)
            #expect(fastPathBits(after) == fastPathBits(uncachedDot(x, w)))
            #expect(fastPathBits(after) != fastPathBits(before))
            // A float64 operand (dropout's output) and a uint8-derived one keep their own paths.
            let mask = np.random.binomial(1, 0.9, size: [200, 50]) / 0.9
            let dropped = x * mask
            #expect(dropped.dtype == .float64)
            #expect(fastPathBits(np.dot(dropped, w)) == fastPathBits(uncachedDot(dropped, w)))
            let labels = Tensor(ints: (0..<10_000).map { $0 % 256 }, shape: [200, 50], dtype: .uint8)
            #expect(fastPathBits(np.dot(labels, w)) == fastPathBits(uncachedDot(labels, w)))
        }
    }
}
