/// What `plt` accepts as coordinates and colour values: tensors, Swift arrays and single numbers
/// (`plt.scatter(x1, y1)` with two numbers, as the book's chapter 7 does).
public protocol PlotValues {
    /// The values, flattened, as `Double`.
    var plotValues: [Double] { get }
}

extension Tensor: PlotValues { public var plotValues: [Double] { doubles } }
extension Array: PlotValues where Element: BinaryFloatingPoint { public var plotValues: [Double] { map { Double($0) } } }
extension Double: PlotValues { public var plotValues: [Double] { [self] } }
extension Float: PlotValues { public var plotValues: [Double] { [Double(self)] } }
extension Int: PlotValues { public var plotValues: [Double] { [Double(self)] } }

/// The `c:` argument of `plt.scatter` and `plt.plot`: one colour by name (`"k"`, `"tab:red"`,
/// `"#1f77b4"`) or one value per point mapped through `cmap` (the book's `c=y`).
public protocol PlotColorSpec {}
extension String: PlotColorSpec {}
extension Tensor: PlotColorSpec {}
extension Array: PlotColorSpec where Element: BinaryFloatingPoint {}
