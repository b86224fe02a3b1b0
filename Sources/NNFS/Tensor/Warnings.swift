import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// NumPy's floating-point `RuntimeWarning`s (`overflow encountered in exp`, `divide by zero
/// encountered in log`), written to standard error once per call site, as Python's default
/// warning filter shows them once per source line.
///
/// Like NumPy, the warnings come from the IEEE status flags the operation raised: they are
/// cleared before the element loop and read after it, and reported in NumPy's order (divide by
/// zero, overflow, invalid value; underflow is ignored, as NumPy's default `np.errstate` does).
/// Arithmetic operators have no call site to report, so each of their messages shows once per
/// process.
public enum RuntimeWarnings {
    nonisolated(unsafe) static var shown = Set<String>()
    /// When set (by tests), every message is also appended here, shown before or not.
    nonisolated(unsafe) static var recorded: [String]?

    static func warn(_ message: String, file: StaticString, line: UInt) {
        warn(message, key: "\(file):\(line)")
    }

    static func warn(_ message: String, key: String) {
        recorded?.append(message)
        let full = "\(key):\(message)"
        guard !shown.contains(full) else { return }
        shown.insert(full)
        FileHandle.standardError.write(Data("RuntimeWarning: \(message)\n".utf8))
    }

    /// Clears the IEEE exception flags before an element loop. Reading them is cheap and they are
    /// almost always clear already; glibc's `feclearexcept` (which rewrites the x87 environment
    /// too) runs only when one is set.
    @inline(__always) static func clearFlags() {
        let mask: Int32 = FE_DIVBYZERO | FE_OVERFLOW | FE_INVALID
        if fetestexcept(mask) != 0 { feclearexcept(mask) }
    }

    /// Whether an operation since ``clearFlags()`` raised divide-by-zero, overflow or invalid.
    @inline(__always) static func anyFlagRaised() -> Bool {
        fetestexcept(FE_DIVBYZERO | FE_OVERFLOW | FE_INVALID) != 0
    }

    /// Reports the flags raised since ``clearFlags()`` as NumPy would for ufunc `name`.
    static func checkFlags(_ name: String, key: String) {
        let raised = fetestexcept(FE_DIVBYZERO | FE_OVERFLOW | FE_INVALID)
        guard raised != 0 else { return }
        if raised & FE_DIVBYZERO != 0 { warn("divide by zero encountered in \(name)", key: key) }
        if raised & FE_OVERFLOW != 0 { warn("overflow encountered in \(name)", key: key) }
        if raised & FE_INVALID != 0 { warn("invalid value encountered in \(name)", key: key) }
    }

    static func checkFlags(_ name: String, file: StaticString, line: UInt) {
        checkFlags(name, key: "\(file):\(line)")
    }
}
