import Glibc

/// The switch for the fused kernels that stand in for the book-form code.
///
/// Every class the chapters show (`LayerDense`, `ActivationReLU`, ...) keeps its book-form lines;
/// where a fused kernel exists, the class asks it first and falls back to those lines when the
/// kernel declines (an unusual dtype, shape or layout). Contract of every kernel here: for the
/// inputs it accepts, it returns exactly the tensor the book-form lines return (same shape, dtype,
/// strides and bit pattern of every element, the same `RuntimeWarning`s), only with fewer passes
/// over memory. `Tests/NNFSTests/FastPathKernelTests.swift` proves it by running both with
/// ``NNFSConfig/fastPaths`` on and off.
extension NNFSConfig {
    /// `true` (the default): use the fused kernels. `false`: run only the book-form code (tests,
    /// and anyone who wants to see the reference run). The environment variable
    /// `NNFS_FAST_PATHS=0` starts a process with them off (`nnfs-bench` measures both ways).
    nonisolated(unsafe) public static var fastPaths = getenv("NNFS_FAST_PATHS").map { String(cString: $0) != "0" } ?? true
}
