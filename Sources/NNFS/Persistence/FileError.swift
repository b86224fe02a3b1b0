/// A file that could not be read or written: which file, and what is wrong with it.
///
/// Every reader and writer of the data, image and persistence code throws this, so a learner
/// sees one line such as `fashion_mnist.model: truncated: header says 412 bytes, file has 100`
/// instead of a crash.
public struct FileError: Error, CustomStringConvertible, Equatable {
    /// The file (or folder) concerned, as the caller named it.
    public let path: String
    /// What is wrong, in words.
    public let reason: String

    public init(_ path: String, _ reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}
