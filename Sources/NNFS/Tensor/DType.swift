/// The element types the book's arrays take, with NumPy's names.
///
/// The book relies on `float32` (what `nnfs.init()` makes `randn`, `zeros` and `dot` return),
/// `float64` (Python floats, `np.array([1.0, ...])`, `sine_data`), integer labels (`uint8` from the
/// datasets, `int64` from `np.array([1, 2])` and `argmax`) and boolean masks.
public enum DType: String, Sendable, CaseIterable, CustomStringConvertible {
    case bool
    case uint8
    case int64
    case float32
    case float64

    public var description: String { rawValue }

    public var isFloatingPoint: Bool { self == .float32 || self == .float64 }
    public var isInteger: Bool { self == .uint8 || self == .int64 }

    /// NumPy's promotion of two array dtypes (`np.result_type` for arrays, not weak scalars).
    ///
    /// `bool < uint8 < int64`, `float32 < float64`; mixing an integer with `float32` gives
    /// `float32` for `uint8` and `float64` for `int64`, as NumPy does.
    public static func promote(_ a: DType, _ b: DType) -> DType {
        if a == b { return a }
        switch (a, b) {
        case (.bool, let o), (let o, .bool): return o
        case (.float64, _), (_, .float64): return .float64
        case (.float32, .uint8), (.uint8, .float32): return .float32
        case (.float32, .int64), (.int64, .float32): return .float64
        case (.uint8, .int64), (.int64, .uint8): return .int64
        default: return .float64
        }
    }

    /// The dtype of `array op pythonScalar` under NumPy 2's rules (NEP 50): a Python float is
    /// "weak" and takes the array's float dtype; with an integer or boolean array it gives `float64`.
    public static func promote(_ a: DType, weakFloat: Void) -> DType {
        a.isFloatingPoint ? a : .float64
    }

    /// The dtype of `array op pythonInt` (NEP 50): integer arrays keep their dtype, booleans become `int64`.
    public static func promote(_ a: DType, weakInt: Void) -> DType {
        a == .bool ? .int64 : a
    }
}
