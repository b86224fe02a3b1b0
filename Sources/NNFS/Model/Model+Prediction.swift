extension Model {
    /// Chapter 22's `predict`: the model's outputs for `X` (a prediction pass, dropout off), computed
    /// in batches when `batchSize` is given and stacked with `np.vstack`.
    public func predict(_ X: Tensor, batchSize: Int? = nil) -> Tensor {
        let predictionSteps = batchSize.map { Model.steps(X.length, $0) } ?? 1
        var output: [Tensor] = []
        for step in 0..<predictionSteps {
            let (batchX, _) = Model.batch(X, X, step: step, batchSize: batchSize)
            let batchOutput = forward(batchX, training: false)
            output.append(batchOutput)
        }
        return np.vstack(output)
    }
}
