// STUB: replaced by the MT19937/legacy RandomState implementation.
public final class RandomState: @unchecked Sendable {
    public init(seed: UInt32 = 0) {}
    public func seed(_ seed: UInt32) {}
    /// `randn(*shape)` as float64 values (legacy polar Box-Muller).
    public func randn(_ shape: [Int]) -> Tensor { fatalError("not implemented") }
}

extension np.random {
    /// The global generator behind `np.random.*`.
    nonisolated(unsafe) public static var state = RandomState(seed: 0)
    /// `np.random.seed(s)`.
    public static func seed(_ s: UInt32) { state.seed(s) }
}
