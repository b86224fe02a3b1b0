// The public printing API: `print(a)` and `repr(a)` exactly as NumPy 2.4 shows them with
// default print options.

extension Tensor: CustomStringConvertible {
    /// What `print(a)` shows in NumPy 2.4 (`str(a)`), character for character, under the default
    /// print options (precision 8, floatmode `'maxprec'`, threshold 1000, edgeitems 3,
    /// linewidth 75, suppress off).
    ///
    /// - A 0-D tensor prints as the NumPy scalar it holds: `float32` and `float64` with their
    ///   own shortest round-trip digits (`0.35667497`, `0.9999999999999999`), positional for
    ///   `1e-4 <= |x| <` `1e6` (`float32`) or `1e16` (`float64`) and zero, scientific otherwise
    ///   (`1e-05`, `2.6881171418161356e+43`); `nan`, `inf`, `-inf`; integers in decimal;
    ///   `True` / `False`.
    /// - An empty tensor (any zero extent) prints `[]`.
    /// - Otherwise elements are formatted together (common width, shared notation — see
    ///   NumPy's `FloatingFormat`, `IntegerFormat`, `BoolFormat`), separated by a space,
    ///   nested in brackets with one row per line (`[[1 2]\n [3 4]]`), blank lines between
    ///   the blocks of 3-D and higher tensors, wrapped at 75 columns, and summarised with
    ///   `...` (three items kept at each end of every long axis) when there are more than
    ///   1000 elements.
    ///
    /// Complexity: O(*n*) in the number of printed elements; a float element usually costs one
    /// shortest-digits conversion, occasionally an exact big-integer one.
    public var description: String {
        if shape.isEmpty { return scalarString }
        if count == 0 { return "[]" }
        return arrayToString(separator: " ", prefix: "", lineWidth: PrintOptions.lineWidth)
    }

    /// NumPy 2.4's `repr(a)`, character for character, under the default print options.
    ///
    /// The elements are laid out as for ``description`` but separated by `", "`, wrapped at 74
    /// columns (75 less the closing parenthesis) with continuation lines indented to follow
    /// `array(`. Then, as NumPy does:
    /// - `, dtype=float32` / `, dtype=uint8` is appended for dtypes a literal would not imply
    ///   (never for `float64`, `int64`, `bool`), and always for an empty tensor;
    /// - `, shape=(…)` precedes it for summarised tensors (more than 1000 elements) and for empty
    ///   tensors other than shape `(0,)`;
    /// - these extras move to a new line indented by 6 when they would push the last line past
    ///   75 columns.
    ///
    /// Examples: `array([[1, 2, 3]])`, `array([1., 2.], dtype=float32)`, `array(1.5)`,
    /// `array([], shape=(0, 3), dtype=float64)`, `array([   0,    1, ..., 1000], shape=(1001,))`.
    public var repr: String {
        let prefix = "array("
        let body =
            count == 0
            ? "[]"
            : arrayToString(separator: ", ", prefix: prefix, lineWidth: PrintOptions.lineWidth - 1)
        var extras: [String] = []
        if (count == 0 && shape != [0]) || count > PrintOptions.threshold {
            extras.append("shape=" + Tensor.pythonTuple(shape))
        }
        let implied = dtype == .float64 || dtype == .int64 || dtype == .bool
        if !implied || count == 0 {
            extras.append("dtype=\(dtype.rawValue)")
        }
        if extras.isEmpty { return prefix + body + ")" }
        let head = prefix + body + ","
        let tail = extras.joined(separator: ", ") + ")"
        let lastLineCount: Int
        if let nl = head.utf8.lastIndex(of: UInt8(ascii: "\n")) {
            lastLineCount = head.utf8.distance(from: head.utf8.index(after: nl), to: head.utf8.endIndex)
        } else {
            lastLineCount = head.utf8.count
        }
        let spacer =
            lastLineCount + tail.utf8.count + 1 > PrintOptions.lineWidth
            ? "\n" + String(repeating: " ", count: prefix.utf8.count)
            : " "
        return head + spacer + tail
    }

    /// Python's `repr` of a shape tuple: `()`, `(3,)`, `(0, 3)`.
    static func pythonTuple(_ shape: [Int]) -> String {
        if shape.count == 1 { return "(\(shape[0]),)" }
        return "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }
}
