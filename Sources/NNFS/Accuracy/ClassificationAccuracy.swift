/// Classification accuracy: the fraction of rows whose largest output is the target class.
///
/// `targets` may be class indices or one-hot rows. Returns a `float64` 0-D tensor, as NumPy's
/// `np.mean(predictions == y)` over booleans does.
public func accuracy(_ output: Tensor, _ targets: Tensor) -> Tensor {
    let predictions = np.argmax(output, axis: 1)
    let labels = targets.rank == 2 ? np.argmax(targets, axis: 1) : targets
    return np.mean(predictions .== labels)
}
