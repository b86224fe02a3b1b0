import NNFS

/// Chapter 10's Adam cell: spiral data (300 samples), 2-64-3, full batch, Adam(0.05, decay 5e-7).
/// The same workload as `benchmarks/numpy/ch10_adam.py`. Returns the last log line.
func ch10Adam(epochs: Int) -> String {
    nnfsInit()
    let (X, y) = spiralData(samples: 100, classes: 3)
    let dense1 = LayerDense(2, 64)
    let activation1 = ActivationReLU()
    let dense2 = LayerDense(64, 3)
    let lossActivation = ActivationSoftmaxLossCategoricalCrossentropy()
    let optimizer = OptimizerAdam(learningRate: 0.05, decay: 5e-7)
    var last = ""
    for epoch in 0..<epochs {
        dense1.forward(X)
        activation1.forward(dense1.output)
        dense2.forward(activation1.output)
        let loss = lossActivation.forward(dense2.output, y)
        let predictions = np.argmax(lossActivation.output, axis: 1)
        let accuracy = np.mean(predictions .== y)
        if epoch % 100 == 0 {
            last = "epoch: \(epoch), acc: \(accuracy, fixed: 3), loss: \(loss, fixed: 3), lr: \(optimizer.currentLearningRate)"
        }
        lossActivation.backward(lossActivation.output, y)
        dense2.backward(lossActivation.dinputs)
        activation1.backward(dense2.dinputs)
        dense1.backward(activation1.dinputs)
        optimizer.preUpdateParams()
        optimizer.updateParams(dense1)
        optimizer.updateParams(dense2)
        optimizer.postUpdateParams()
    }
    return last
}
