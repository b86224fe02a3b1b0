import Testing
@testable import NNFS

/// Chapters 14-17's backward passes against central finite differences, in float64 (before
/// `nnfsInit()`, so `dot` stays float64).
@Suite struct GradientCheckModelTests {
    func numericGradient(_ x: Tensor, h: Double = 1e-6, _ f: (Tensor) -> Double) -> [Double] {
        (0..<x.count).map { i in
            var plus = x.doubles, minus = x.doubles
            plus[i] += h; minus[i] -= h
            return (f(Tensor(float64: plus, shape: x.shape)) - f(Tensor(float64: minus, shape: x.shape))) / (2 * h)
        }
    }

    func expectClose(_ a: [Double], _ b: [Double], tol: Double = 1e-6, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(a.count == b.count, sourceLocation: sourceLocation)
        let worst = zip(a, b).map { Swift.abs($0 - $1) / Swift.max(1, Swift.abs($1)) }.max() ?? .infinity
        #expect(worst < tol, "\(what): worst relative difference \(worst)", sourceLocation: sourceLocation)
    }

    let x = Tensor([[0.3, -1.2, 0.5], [1.1, 0.4, -0.7], [-0.2, 0.9, 1.3], [0.05, -0.6, 0.2]])
    let probe = Tensor([[0.7, -0.3, 1.1], [0.2, 0.5, -0.9], [1.4, -0.8, 0.3], [-0.5, 0.6, 0.1]])
    /// Probabilities in (0, 1) and 0/1 targets of the same shape.
    let p = Tensor([[0.7, 0.2, 0.9], [0.1, 0.5, 0.4], [0.02, 0.9, 0.08], [0.3, 0.65, 0.4]])
    let targets = Tensor([[1.0, 0, 1], [0, 1, 0], [0, 1, 1], [1, 0, 0]])

    @Test func sigmoid() {
        withPlainNumPy {
            let sigmoid = ActivationSigmoid()
            sigmoid.forward(x)
            sigmoid.backward(probe)
            expectClose(
                sigmoid.dinputs.doubles,
                numericGradient(x) {
                    sigmoid.forward($0); return (sigmoid.output * probe).sum().item
                }, "sigmoid")
        }
    }

    @Test func binaryCrossEntropy() {
        withPlainNumPy {
            let loss = LossBinaryCrossentropy()
            loss.backward(p, targets)
            expectClose(loss.dinputs.doubles, numericGradient(p) { loss.calculate($0, targets).item }, "binary cross-entropy")
        }
    }

    @Test func sigmoidWithBinaryCrossEntropy() {
        withPlainNumPy {
            let sigmoid = ActivationSigmoid(), loss = LossBinaryCrossentropy()
            sigmoid.forward(x)
            loss.backward(sigmoid.output, targets)
            sigmoid.backward(loss.dinputs)
            expectClose(
                sigmoid.dinputs.doubles,
                numericGradient(x) {
                    sigmoid.forward($0); return loss.calculate(sigmoid.output, targets).item
                }, "sigmoid + BCE")
        }
    }

    @Test func meanSquaredError() {
        withPlainNumPy {
            let loss = LossMeanSquaredError()
            loss.backward(x, probe)
            expectClose(loss.dinputs.doubles, numericGradient(x) { loss.calculate($0, probe).item }, "MSE")
        }
    }

    /// The book's MAE backward is `np.sign(y_true - dvalues) / outputs`: the derivative of
    /// `|y - ŷ|` with respect to ŷ is `-sign(y - ŷ)`, so the book's gradient has the opposite sign
    /// of the true one. We keep the book's code (its printed chapter 17 results depend on it).
    @Test func meanAbsoluteErrorIsTheNegatedGradientAsInTheBook() {
        withPlainNumPy {
            let loss = LossMeanAbsoluteError()
            loss.backward(x, probe)
            let numeric = numericGradient(x) { loss.calculate($0, probe).item }
            expectClose(loss.dinputs.doubles, numeric.map { -$0 }, "MAE (book's sign)")
            #expect(loss.dinputs.doubles.contains { $0 != 0 })
        }
    }

    /// `sum(output * probe) + regularization loss` through a dense layer with every regularizer on.
    @Test(arguments: [(0.01, 0.0, 0.02, 0.0), (0.0, 0.03, 0.0, 0.05), (0.01, 0.03, 0.02, 0.05)])
    func regularizedDenseLayer(strengths: (Double, Double, Double, Double)) {
        withPlainNumPy {
            let layer = LayerDense(
                3, 3, weightRegularizerL1: strengths.0, weightRegularizerL2: strengths.1,
                biasRegularizerL1: strengths.2, biasRegularizerL2: strengths.3)
            layer.weights = Tensor([[0.2, -0.5, 0.1], [0.4, 0.3, -0.2], [-0.6, 0.25, 0.7]])
            layer.biases = Tensor([[0.1, -0.2, 0.3]])
            let loss = LossMeanSquaredError()
            func total() -> Double {
                layer.forward(x)
                return (layer.output * probe).sum().item + loss.regularizationLoss(layer).item
            }
            layer.forward(x)
            layer.backward(probe)
            let w = layer.weights, b = layer.biases
            expectClose(
                layer.dweights.doubles,
                numericGradient(w) {
                    layer.weights = $0; return total()
                }, "dweights \(strengths)")
            layer.weights = w
            expectClose(
                layer.dbiases.doubles,
                numericGradient(b) {
                    layer.biases = $0; return total()
                }, "dbiases \(strengths)")
            layer.biases = b
            // The ch18 form over remembered layers adds the same terms (in one running sum, so the
            // last bits may differ from doubling the one-layer value).
            loss.rememberTrainableLayers([layer, layer])
            #expect(Swift.abs(loss.regularizationLoss().item - loss.regularizationLoss(layer).item * 2) < 1e-15)
        }
    }
}
