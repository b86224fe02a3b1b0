import Foundation

/// Python's format specs for the book's training logs.
///
/// `"acc: \(accuracy, fixed: 3)"` is Python's `f'acc: {accuracy:.3f}'`: the exact binary value
/// rounded half-to-even at that many decimals (C's `%.*f`). `float32` values are formatted from
/// their exact value, as Python does after converting `np.float32` to `float`.
extension DefaultStringInterpolation {
    public mutating func appendInterpolation(_ value: Double, fixed digits: Int) {
        appendLiteral(String(format: "%.\(digits)f", value))
    }

    public mutating func appendInterpolation(_ value: Float, fixed digits: Int) {
        appendInterpolation(Double(value), fixed: digits)
    }

    public mutating func appendInterpolation(_ value: Tensor, fixed digits: Int) {
        appendInterpolation(value.item, fixed: digits)
    }

    public mutating func appendInterpolation(_ value: Int, fixed digits: Int) {
        appendInterpolation(Double(value), fixed: digits)
    }
}
