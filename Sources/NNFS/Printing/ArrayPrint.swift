// NumPy's `array2string` for default print options: chooses the element formatter from the
// dtype, formats the shown elements and hands them to the layout.

extension Tensor {
    /// NumPy's `_array2string(a, options, separator, prefix)` with default options, for a tensor
    /// with at least one element (`array2string` itself answers `[]` for empty arrays).
    ///
    /// - Parameters:
    ///   - separator: `" "` for `str`, `", "` for `repr`.
    ///   - prefix: `""` for `str`, `"array("` for `repr`; continuation lines are indented by its
    ///     length plus one.
    ///   - lineWidth: 75 for `str`, 74 for `repr` (NumPy subtracts the length of the `)` suffix).
    func arrayToString(separator: String, prefix: String, lineWidth: Int) -> String {
        let summarize = count > PrintOptions.threshold
        let shown = ArrayLayout.shownIndices(shape: shape, summarize: summarize, edgeItems: PrintOptions.edgeItems)
        let words: [String]
        switch storage {
        case .float32(let a): words = FloatingFormat<Float>.format(shown.map { a[$0] })
        case .float64(let a): words = FloatingFormat<Double>.format(shown.map { a[$0] })
        case .int(let a):
            // uint8 values are stored widened; print them as the unsigned bytes they are.
            let values = shown.map { a[$0] }
            words = IntegerFormat.format(dtype == .uint8 ? values.map { Int(UInt8(truncatingIfNeeded: $0)) } : values)
        case .bool(let a): words = BoolFormat.format(shown.map { a[$0] }, zeroDimensional: shape.isEmpty)
        }
        return ArrayLayout.format(
            shape: shape, words: words, lineWidth: lineWidth,
            nextLinePrefix: String(repeating: " ", count: 1 + prefix.utf8.count),
            separator: separator, edgeItems: PrintOptions.edgeItems, summarize: summarize)
    }

    /// `str(a[()])` for a 0-D tensor: the NumPy scalar's own text.
    var scalarString: String {
        switch storage {
        case .float32(let a): return FloatFormatting.scalarString(a[0])
        case .float64(let a): return FloatFormatting.scalarString(a[0])
        case .int(let a): return dtype == .uint8 ? String(UInt8(truncatingIfNeeded: a[0])) : String(a[0])
        case .bool(let a): return a[0] ? "True" : "False"
        }
    }
}
