import NNFS

/// Chapter 17's best regression run (its cell 9): sine data (1000 samples), 1-64-64-1 with weights
/// initialised as `0.1 * randn`, MSE, Adam(0.005, decay 1e-3), full batch. The same workload as
/// `benchmarks/numpy/ch17_regression.py`. Returns the last log line.
func ch17Regression(epochs: Int) -> String {
    nnfsInit()
    let (X, y) = sineData()
    let dense1 = LayerDense(1, 64, weightInit: 0.1)
    let activation1 = ActivationReLU()
    let dense2 = LayerDense(64, 64, weightInit: 0.1)
    let activation2 = ActivationReLU()
    let dense3 = LayerDense(64, 1, weightInit: 0.1)
    let activation3 = ActivationLinear()
    let lossFunction = LossMeanSquaredError()
    let optimizer = OptimizerAdam(learningRate: 0.005, decay: 1e-3)
    let accuracyPrecision = np.std(y) / 250
    var last = ""
    for epoch in 0..<epochs {
        dense1.forward(X)
        activation1.forward(dense1.output)
        dense2.forward(activation1.output)
        activation2.forward(dense2.output)
        dense3.forward(activation2.output)
        activation3.forward(dense3.output)
        let dataLoss = lossFunction.calculate(activation3.output, y)
        let regularizationLoss = lossFunction.regularizationLoss(dense1) + lossFunction.regularizationLoss(dense2) + lossFunction.regularizationLoss(dense3)
        let loss = dataLoss + regularizationLoss
        let predictions = activation3.output
        let accuracy = np.mean(np.absolute(predictions - y) .< accuracyPrecision)
        if epoch % 100 == 0 {
            last = "epoch: \(epoch), acc: \(accuracy, fixed: 3), loss: \(loss, fixed: 3) (data_loss: \(dataLoss, fixed: 3), reg_loss: \(regularizationLoss, fixed: 3)), lr: \(optimizer.currentLearningRate)"
        }
        lossFunction.backward(activation3.output, y)
        activation3.backward(lossFunction.dinputs)
        dense3.backward(activation3.dinputs)
        activation2.backward(dense3.dinputs)
        dense2.backward(activation2.dinputs)
        activation1.backward(dense2.dinputs)
        dense1.backward(activation1.dinputs)
        optimizer.preUpdateParams()
        optimizer.updateParams(dense1)
        optimizer.updateParams(dense2)
        optimizer.updateParams(dense3)
        optimizer.postUpdateParams()
    }
    return last
}
