/// Dropout (chapter 15): during training, zeroes each input with probability `rate` and scales the
/// survivors by `1 / (1 - rate)`, so the expected output equals the input.
///
/// As in the book, the stored ``rate`` is the *keep* probability `1 - rate`. The mask is
/// `np.random.binomial(1, rate, size: inputs.shape) / rate`: `int64` draws divided by a Python
/// float, so `float64`; `float32` inputs times it give `float64` outputs, exactly as NumPy.
/// When not training the layer passes its inputs through unchanged.
public final class LayerDropout: Layer {
    /// The keep probability, `1 - rate` of the initializer.
    public var rate: Double
    public var inputs = Tensor.zeros([0])
    public var output = Tensor.zeros([0])
    public var dinputs = Tensor.zeros([0])
    /// The scaled mask of the last training pass: `0` or `1 / rate` per element.
    public var binaryMask = Tensor.zeros([0])

    /// `rate` is the fraction of inputs to drop (0.1 drops 10%).
    public init(_ rate: Double) {
        self.rate = 1 - rate
    }

    public func forward(_ inputs: Tensor, training: Bool) {
        self.inputs = inputs
        if !training {
            output = inputs.copy()
            return
        }
        // The same mask drawn straight into float64 (see `mask`); the book's line is the reference.
        if NNFSConfig.fastPaths, let fused = Self.mask(keep: rate, shape: inputs.shape) {
            binaryMask = fused
        } else {
            binaryMask = np.random.binomial(1, rate, size: inputs.shape) / rate
        }
        output = inputs * binaryMask
    }

    /// `dinputs = dvalues * binaryMask`.
    public func backward(_ dvalues: Tensor) {
        dinputs = dvalues * binaryMask
    }

    /// The book's mask, `binomial(1, rate, size: shape) / rate`, drawn from `random`. The draws go
    /// straight into `float64` (``RandomState/bernoulliMask(_:size:dividedBy:)``: the same words,
    /// elements and bits as ``referenceMask(keep:shape:random:)``, which `FastPathRandomTests`
    /// checks).
    /// `nil` for a rate whose division would warn: the book's line then runs.
    static func mask(keep rate: Double, shape: [Int], random: RandomState = np.random.state) -> Tensor? {
        random.bernoulliMask(rate, size: shape, dividedBy: rate)
    }

    /// The mask exactly as the book computes it.
    static func referenceMask(keep rate: Double, shape: [Int], random: RandomState) -> Tensor {
        random.binomial(1, rate, size: shape) / rate
    }
}
