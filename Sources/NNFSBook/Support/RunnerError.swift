/// A problem running the book that is not tied to a chapter line: the package or core cannot be
/// found or built, a file cannot be written, a bad command-line value. (Input errors located at
/// `file:line` are ``BookError``.)
public struct RunnerError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
