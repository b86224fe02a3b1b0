import Foundation

/// NumPy's floating-point `RuntimeWarning`s (`overflow encountered in exp`, `divide by zero
/// encountered in log`), written to standard error once per call site, as Python's default
/// warning filter shows them once per source line.
public enum RuntimeWarnings {
    nonisolated(unsafe) static var shown = Set<String>()

    static func warn(_ message: String, file: StaticString, line: UInt) {
        let key = "\(file):\(line):\(message)"
        guard !shown.contains(key) else { return }
        shown.insert(key)
        FileHandle.standardError.write(Data("RuntimeWarning: \(message)\n".utf8))
    }
}
