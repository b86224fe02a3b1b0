/// `train` and `evaluate`, printing exactly the book's lines.
///
/// Two forms, as the book's chapters have them:
/// - no `batchSize` (chapter 18): one step per epoch on the whole data set; every `printEvery`
///   epochs `epoch: N, acc: ..., loss: ... (data_loss: ..., reg_loss: ...), lr: ...` (values of the
///   forward pass before that epoch's update); with validation data, one `validation, acc: ..., loss: ...`
///   line after the last epoch;
/// - with `batchSize` (chapter 19 on): `epoch: N`, then a `step: ...` line every `printEvery` steps
///   and for the last step, a `training, ...` summary of the epoch's accumulated loss and accuracy,
///   and with validation data ``evaluate(_:_:batchSize:)`` after every epoch.
///
/// Numbers print as Python's f-strings do: `:.3f` for loss and accuracy, `repr` for the learning rate.
extension Model {
    public func train(_ X: Tensor, _ y: Tensor, epochs: Int = 1, batchSize: Int? = nil, printEvery: Int = 1,
                      validationData: (Tensor, Tensor)? = nil) {
        guard let batchSize else {
            trainFullBatch(X, y, epochs: epochs, printEvery: printEvery, validationData: validationData)
            return
        }
        accuracy.`init`(y)
        let trainSteps = Model.steps(X.length, batchSize)
        for epoch in stride(from: 1, through: epochs, by: 1) {
            printer("epoch: \(epoch)")
            loss.newPass()
            accuracy.newPass()
            for step in 0..<trainSteps {
                let (batchX, batchY) = Model.batch(X, y, step: step, batchSize: batchSize)
                let (accuracy, loss, dataLoss, regularizationLoss) = trainStep(batchX, batchY)
                if step % printEvery == 0 || step == trainSteps - 1 {
                    printer("step: \(step), " + summary(accuracy, loss, dataLoss, regularizationLoss))
                }
            }
            let (epochDataLoss, epochRegularizationLoss) = loss.calculateAccumulated(includeRegularization: true)
            let epochLoss = epochDataLoss + epochRegularizationLoss
            let epochAccuracy = accuracy.calculateAccumulated()
            printer("training, " + summary(epochAccuracy, epochLoss, epochDataLoss, epochRegularizationLoss))
            if let (XVal, yVal) = validationData {
                evaluate(XVal, yVal, batchSize: batchSize)
            }
        }
    }

    /// Chapter 18's `train`: full batch, a line every `printEvery` epochs, validation at the end.
    /// (The book's chapter-18 validation computes `np.mean` of the losses and of the matches; the
    /// accumulated sums of `evaluate` divided by the count give the same values bit for bit.)
    func trainFullBatch(_ X: Tensor, _ y: Tensor, epochs: Int, printEvery: Int, validationData: (Tensor, Tensor)?) {
        accuracy.`init`(y)
        for epoch in stride(from: 1, through: epochs, by: 1) {
            let (accuracy, loss, dataLoss, regularizationLoss) = trainStep(X, y)
            if epoch % printEvery == 0 {
                printer("epoch: \(epoch), " + summary(accuracy, loss, dataLoss, regularizationLoss))
            }
        }
        if let (XVal, yVal) = validationData {
            evaluate(XVal, yVal)
        }
    }

    /// One training step on a batch: forward pass, data and regularization loss, predictions and
    /// accuracy, backward pass, then the optimizer's update of every trainable layer.
    func trainStep(_ batchX: Tensor, _ batchY: Tensor)
        -> (accuracy: Tensor, loss: Tensor, dataLoss: Tensor, regularizationLoss: Tensor) {
        let output = forward(batchX, training: true)
        let (dataLoss, regularizationLoss) = loss.calculate(output, batchY, includeRegularization: true)
        let loss = dataLoss + regularizationLoss
        let predictions = outputLayerActivation.predictions(output)
        let accuracy = self.accuracy.calculate(predictions, batchY)
        backward(output, batchY)
        optimizer.preUpdateParams()
        for layer in trainableLayers {
            optimizer.updateParams(layer)
        }
        optimizer.postUpdateParams()
        return (accuracy, loss, dataLoss, regularizationLoss)
    }

    /// `acc: ..., loss: ... (data_loss: ..., reg_loss: ...), lr: ...` as the book's f-strings print it.
    func summary(_ accuracy: Tensor, _ loss: Tensor, _ dataLoss: Tensor, _ regularizationLoss: Tensor) -> String {
        "acc: \(accuracy, fixed: 3), loss: \(loss, fixed: 3) (data_loss: \(dataLoss, fixed: 3), reg_loss: \(regularizationLoss, fixed: 3)), lr: \(optimizer.currentLearningRate)"
    }

    /// Chapter 19's `evaluate`: the loss and accuracy over `XVal` in batches (one batch when
    /// `batchSize` is nil), printed as `validation, acc: ..., loss: ...`.
    public func evaluate(_ XVal: Tensor, _ yVal: Tensor, batchSize: Int? = nil) {
        let validationSteps = batchSize.map { Model.steps(XVal.length, $0) } ?? 1
        loss.newPass()
        accuracy.newPass()
        for step in 0..<validationSteps {
            let (batchX, batchY) = Model.batch(XVal, yVal, step: step, batchSize: batchSize)
            let output = forward(batchX, training: false)
            loss.calculate(output, batchY)
            let predictions = outputLayerActivation.predictions(output)
            accuracy.calculate(predictions, batchY)
        }
        let validationLoss = loss.calculateAccumulated()
        let validationAccuracy = accuracy.calculateAccumulated()
        printer("validation, acc: \(validationAccuracy, fixed: 3), loss: \(validationLoss, fixed: 3)")
    }

    /// The book's step count: `len(X) // batchSize`, plus one for a partial last batch.
    static func steps(_ count: Int, _ batchSize: Int) -> Int {
        precondition(batchSize > 0, "batchSize must be positive, got \(batchSize)")
        var steps = count / batchSize
        if steps * batchSize < count {
            steps += 1
        }
        return steps
    }

    /// Batch `step`: rows `step*batchSize ..< (step+1)*batchSize` (clamped, as Python slices), or
    /// everything when `batchSize` is nil.
    static func batch(_ X: Tensor, _ y: Tensor, step: Int, batchSize: Int?) -> (Tensor, Tensor) {
        guard let batchSize else { return (X, y) }
        let rows = (step * batchSize)..<((step + 1) * batchSize)
        return (X[rows], y[rows])
    }
}
