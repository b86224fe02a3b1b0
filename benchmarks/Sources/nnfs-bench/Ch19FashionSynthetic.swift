import Foundation
import NNFS

/// Chapter 19's Fashion-MNIST model on synthetic data of the same shape (so the benchmark needs no
/// download): `samples` rows of 784 uniform values in [-1, 1) (`float32`) and `uint8` labels
/// 0-9, a `Model` 784-`neurons`-`neurons`-10 (ReLU, softmax, categorical cross-entropy,
/// Adam(decay 1e-3)), batch 128, a line every 100 steps. The NumPy twin is
/// `benchmarks/numpy/ch19_fashion_synthetic.py` (the book's `Model` class). Returns the last line.
func ch19FashionSynthetic(epochs: Int, samples: Int = 60000, neurons: Int = 128) -> String {
    nnfsInit()
    let X = (np.random.rand(samples, 784) * 2 - 1).astype(.float32)
    let y = np.random.randint(0, 10, size: [samples]).astype(.uint8)
    let model = Model()
    model.add(LayerDense(784, neurons))
    model.add(ActivationReLU())
    model.add(LayerDense(neurons, neurons))
    model.add(ActivationReLU())
    model.add(LayerDense(neurons, 10))
    model.add(ActivationSoftmax())
    model.set(
        loss: LossCategoricalCrossentropy(), optimizer: OptimizerAdam(decay: 1e-3),
        accuracy: AccuracyCategorical())
    model.finalize()
    var last = ""
    model.printer = { last = $0 }
    // Timed as the NumPy twin times itself: training only, not making the data.
    let t0 = DispatchTime.now().uptimeNanoseconds
    model.train(X, y, epochs: epochs, batchSize: 128, printEvery: 100)
    trainingSeconds = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
    return last
}
