/// `verify --shard I/N`: one of N parts of the chapter list, for CI matrices (GitHub Actions
/// `matrix`, GitLab `parallel`). The chapters, sorted by file name, are dealt out in turn: the
/// k-th chapter (from 0) goes to shard `k % N + 1`. Every machine given the same checkout makes
/// the same split; together the N shards run every chapter exactly once; neighbouring chapters
/// (often of similar length) land on different shards.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    /// 1-based.
    public var index: Int
    public var count: Int

    public init(index: Int, count: Int) throws {
        guard count >= 1, (1...count).contains(index) else {
            throw RunnerError("--shard \(index)/\(count): the shard number must be between 1 and the shard count (e.g. 1/3, 2/3, 3/3)")
        }
        self.index = index
        self.count = count
    }

    /// Parses `I/N`.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]) else {
            throw RunnerError("--shard \(text): expected I/N, e.g. 2/4 for the second of four shards")
        }
        try self.init(index: i, count: n)
    }

    /// This shard's chapters, in chapter order.
    public func select(_ paths: [String]) -> [String] {
        paths.sorted().enumerated().filter { $0.offset % count == index - 1 }.map(\.element)
    }

    public var description: String { "\(index)/\(count)" }
}
