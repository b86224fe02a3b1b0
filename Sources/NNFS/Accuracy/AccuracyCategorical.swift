/// Classification accuracy (chapter 18): predictions (class indices, or 0/1 for binary outputs)
/// equal to the targets.
///
/// One-hot targets are turned into class indices first, unless `binary` is set: binary targets
/// are `(samples, 1)` columns of 0/1 and are compared as they are. The book's prose describes this
/// switch but its printed class lacks it; without it, binary targets would be `argmax`-ed to
/// zeros and compared against `(samples, 1)` predictions by broadcasting to `(samples, samples)`.
public final class AccuracyCategorical: Accuracy {
    public let binary: Bool

    public init(binary: Bool = false) {
        self.binary = binary
    }

    public override func compare(_ predictions: Tensor, _ y: Tensor) -> Tensor {
        var y = y
        if !binary && y.rank == 2 {
            y = np.argmax(y, axis: 1)
        }
        return predictions .== y
    }
}
