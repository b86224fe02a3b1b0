import Testing
@testable import NNFS

/// Each backward pass against central finite differences, in float64 (before `nnfsInit()`, so
/// `dot` stays float64 and the differences are accurate to ~1e-9).
@Suite struct GradientCheckTests {
    /// d(sum(output * probe))/d(input) numerically, for a function of one tensor.
    func numericGradient(_ x: Tensor, h: Double = 1e-6, _ f: (Tensor) -> Double) -> [Double] {
        var grad = [Double]()
        for i in 0..<x.count {
            var plus = x.doubles, minus = x.doubles
            plus[i] += h; minus[i] -= h
            grad.append((f(Tensor(float64: plus, shape: x.shape)) - f(Tensor(float64: minus, shape: x.shape))) / (2 * h))
        }
        return grad
    }

    func expectClose(_ a: [Double], _ b: [Double], tol: Double = 1e-6, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(a.count == b.count, sourceLocation: sourceLocation)
        let worst = zip(a, b).map { Swift.abs($0 - $1) / Swift.max(1, Swift.abs($1)) }.max() ?? 0
        #expect(worst < tol, "\(what): worst relative difference \(worst)", sourceLocation: sourceLocation)
    }

    let x = Tensor([[0.3, -1.2, 0.5], [1.1, 0.4, -0.7], [-0.2, 0.9, 1.3], [0.05, -0.6, 0.2]])
    let probe = Tensor([[0.7, -0.3, 1.1], [0.2, 0.5, -0.9], [1.4, -0.8, 0.3], [-0.5, 0.6, 0.1]])

    @Test func denseLayer() {
        withPlainNumPy {
            let layer = LayerDense(3, 3)
            layer.weights = Tensor([[0.2, -0.5, 0.1], [0.4, 0.3, -0.2], [-0.6, 0.25, 0.7]])
            layer.biases = Tensor([[0.1, -0.2, 0.3]])
            layer.forward(x)
            layer.backward(probe)
            expectClose(
                layer.dinputs.doubles,
                numericGradient(x) {
                    layer.forward($0); return (layer.output * probe).sum().item
                }, "dinputs")
            let w = layer.weights
            expectClose(
                layer.dweights.doubles,
                numericGradient(w) {
                    layer.weights = $0; layer.forward(x); return (layer.output * probe).sum().item
                }, "dweights")
            layer.weights = w
            expectClose(
                layer.dbiases.doubles,
                numericGradient(layer.biases) {
                    layer.biases = $0; layer.forward(x); return (layer.output * probe).sum().item
                }, "dbiases")
        }
    }

    @Test func relu() {
        withPlainNumPy {
            let relu = ActivationReLU()
            relu.forward(x)
            relu.backward(probe)
            expectClose(
                relu.dinputs.doubles,
                numericGradient(x) {
                    relu.forward($0); return (relu.output * probe).sum().item
                }, "ReLU")
        }
    }

    @Test func softmaxJacobian() {
        withPlainNumPy {
            let softmax = ActivationSoftmax()
            softmax.forward(x)
            softmax.backward(probe)
            expectClose(
                softmax.dinputs.doubles,
                numericGradient(x) {
                    softmax.forward($0); return (softmax.output * probe).sum().item
                }, "softmax")
        }
    }

    @Test func crossEntropyWithSparseAndOneHotTargets() {
        withPlainNumPy {
            let p = Tensor([[0.7, 0.2, 0.1], [0.1, 0.5, 0.4], [0.02, 0.9, 0.08], [0.3, 0.3, 0.4]])
            let y = Tensor([0, 1, 1, 2])
            let oneHot = Tensor([[1.0, 0, 0], [0, 1, 0], [0, 1, 0], [0, 0, 1]])
            let loss = LossCategoricalCrossentropy()
            loss.backward(p, y)
            expectClose(loss.dinputs.doubles, numericGradient(p) { loss.calculate($0, y).item }, "sparse targets")
            loss.backward(p, oneHot)
            expectClose(loss.dinputs.doubles, numericGradient(p) { loss.calculate($0, oneHot).item }, "one-hot targets")
            #expect(Swift.abs(loss.calculate(p, y).item - loss.calculate(p, oneHot).item) < 1e-15)
        }
    }

    @Test func combinedSoftmaxCrossEntropy() {
        withPlainNumPy {
            let y = Tensor([2, 0, 1, 1])
            let combined = ActivationSoftmaxLossCategoricalCrossentropy()
            combined.forward(x, y)
            combined.backward(combined.output, y)
            expectClose(combined.dinputs.doubles, numericGradient(x) { combined.forward($0, y).item }, "combined")
        }
    }
}
