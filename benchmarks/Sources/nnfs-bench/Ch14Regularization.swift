import NNFS

/// Chapter 14's largest cell: spiral data (3000 samples), 2-512-3 with L2 5e-4 on the first layer,
/// full batch, Adam(0.02, decay 5e-7). The NumPy twin is `benchmarks/numpy/spiral512.py`.
func ch14L2(epochs: Int) -> String {
    spiral512(epochs: epochs, dropout: nil, learningRate: 0.02, decay: 5e-7)
}

/// Chapter 15's largest cell: the same network with `LayerDropout(0.1)` after the ReLU and
/// Adam(0.05, decay 5e-5). The NumPy twin is `benchmarks/numpy/spiral512.py ... dropout`.
func ch15Dropout(epochs: Int) -> String {
    spiral512(epochs: epochs, dropout: 0.1, learningRate: 0.05, decay: 5e-5)
}

/// The book's chapter 14/15 training loop (regularization loss printed separately). Returns the
/// last log line.
func spiral512(epochs: Int, dropout: Double?, learningRate: Double, decay: Double) -> String {
    nnfsInit()
    let (X, y) = spiralData(samples: 1000, classes: 3)
    let dense1 = LayerDense(2, 512, weightRegularizerL2: 5e-4, biasRegularizerL2: 5e-4)
    let activation1 = ActivationReLU()
    let dropout1 = dropout.map { LayerDropout($0) }
    let dense2 = LayerDense(512, 3)
    let lossActivation = ActivationSoftmaxLossCategoricalCrossentropy()
    let optimizer = OptimizerAdam(learningRate: learningRate, decay: decay)
    var last = ""
    for epoch in 0..<epochs {
        dense1.forward(X)
        activation1.forward(dense1.output)
        if let dropout1 {
            dropout1.forward(activation1.output)
            dense2.forward(dropout1.output)
        } else {
            dense2.forward(activation1.output)
        }
        let dataLoss = lossActivation.forward(dense2.output, y)
        let regularizationLoss = lossActivation.loss.regularizationLoss(dense1) + lossActivation.loss.regularizationLoss(dense2)
        let loss = dataLoss + regularizationLoss
        let predictions = np.argmax(lossActivation.output, axis: 1)
        let accuracy = np.mean(predictions .== y)
        if epoch % 100 == 0 {
            last = "epoch: \(epoch), acc: \(accuracy, fixed: 3), loss: \(loss, fixed: 3) (data_loss: \(dataLoss, fixed: 3), reg_loss: \(regularizationLoss, fixed: 3)), lr: \(optimizer.currentLearningRate)"
        }
        lossActivation.backward(lossActivation.output, y)
        dense2.backward(lossActivation.dinputs)
        if let dropout1 {
            dropout1.backward(dense2.dinputs)
            activation1.backward(dropout1.dinputs)
        } else {
            activation1.backward(dense2.dinputs)
        }
        dense1.backward(activation1.dinputs)
        optimizer.preUpdateParams()
        optimizer.updateParams(dense1)
        optimizer.updateParams(dense2)
        optimizer.postUpdateParams()
    }
    return last
}
