import Foundation
@testable import NNFS

/// NNFS keeps NumPy-like process-wide state (the legacy random generator, `nnfsInit()`'s dtype and
/// `dot` settings). Swift Testing runs tests in parallel, so every test that reads or changes that
/// state runs inside this lock, and gets the state back as it found it.
private let globalStateLock = NSRecursiveLock()

func withGlobalState<T>(_ body: () throws -> T) rethrows -> T {
    globalStateLock.lock()
    defer { globalStateLock.unlock() }
    let dot = NNFSConfig.dotInFloat64ToFloat32, float = NNFSConfig.defaultFloat, fast = NNFSConfig.fastPaths
    defer {
        NNFSConfig.dotInFloat64ToFloat32 = dot
        NNFSConfig.defaultFloat = float
        NNFSConfig.fastPaths = fast
    }
    return try body()
}

/// Runs `body` as a NumPy program that has not called `nnfs.init()` (float64 defaults, plain `dot`).
func withPlainNumPy<T>(_ body: () throws -> T) rethrows -> T {
    try withGlobalState {
        NNFSConfig.dotInFloat64ToFloat32 = false
        NNFSConfig.defaultFloat = .float64
        return try body()
    }
}

/// `body` run twice, with the fused kernels and with only the book-form code (``NNFSConfig/fastPaths``),
/// each from the same seeded start; both results are returned for comparison.
func withAndWithoutFastPaths<T>(seed: UInt32 = 0, _ body: () throws -> T) rethrows -> (fast: T, reference: T) {
    try withGlobalState {
        NNFSConfig.fastPaths = true
        nnfsInit(seed: seed)
        let fast = try body()
        NNFSConfig.fastPaths = false
        nnfsInit(seed: seed)
        let reference = try body()
        return (fast, reference)
    }
}
