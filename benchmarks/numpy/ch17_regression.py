#!/usr/bin/env python3
"""Chapter 17's best regression run (its cell 9: sine 1000 samples, 1-64-64-1, weights
initialised as 0.1 * randn, MSE, Adam(0.005, decay 1e-3)) with the book's own classes
(scripts/fixtures/book_classes.py), timed in-process. Prints `seconds <loop wall time>` then the
last log line. Usage: ch17_regression.py [epochs]
"""
import os
import sys
import time
import numpy as np
import nnfs
from nnfs.datasets import sine_data

nnfs.init()

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'scripts', 'fixtures'))
from book_classes import (Layer_Dense, Activation_ReLU, Activation_Linear,  # noqa: E402
                          Loss_MeanSquaredError, Optimizer_Adam)


class Layer_Dense_01(Layer_Dense):
    """The book's chapter-17 edit of the class: weights 0.1 * randn."""

    def __init__(self, n_inputs, n_neurons):
        super().__init__(0, 0)
        self.weights = 0.1 * np.random.randn(n_inputs, n_neurons)
        self.biases = np.zeros((1, n_neurons))


epochs = int(sys.argv[1]) if len(sys.argv) > 1 else 10001
X, y = sine_data()
dense1 = Layer_Dense_01(1, 64)
activation1 = Activation_ReLU()
dense2 = Layer_Dense_01(64, 64)
activation2 = Activation_ReLU()
dense3 = Layer_Dense_01(64, 1)
activation3 = Activation_Linear()
loss_function = Loss_MeanSquaredError()
optimizer = Optimizer_Adam(learning_rate=0.005, decay=1e-3)
accuracy_precision = np.std(y) / 250
start = time.perf_counter()
last = ''
for epoch in range(epochs):
    dense1.forward(X)
    activation1.forward(dense1.output)
    dense2.forward(activation1.output)
    activation2.forward(dense2.output)
    dense3.forward(activation2.output)
    activation3.forward(dense3.output)
    data_loss = loss_function.calculate(activation3.output, y)
    # chapter 14's `regularization_loss(layer)` (see book_classes.py)
    regularization_loss = \
        loss_function.regularization_loss_of_layer(dense1) + \
        loss_function.regularization_loss_of_layer(dense2) + \
        loss_function.regularization_loss_of_layer(dense3)
    loss = data_loss + regularization_loss
    predictions = activation3.output
    accuracy = np.mean(np.absolute(predictions - y) < accuracy_precision)
    if not epoch % 100:
        last = (f'epoch: {epoch}, acc: {accuracy:.3f}, loss: {loss:.3f} (data_loss: {data_loss:.3f}, '
                f'reg_loss: {regularization_loss:.3f}), lr: {optimizer.current_learning_rate}')
    loss_function.backward(activation3.output, y)
    activation3.backward(loss_function.dinputs)
    dense3.backward(activation3.dinputs)
    activation2.backward(dense3.dinputs)
    dense2.backward(activation2.dinputs)
    activation1.backward(dense2.dinputs)
    dense1.backward(activation1.dinputs)
    optimizer.pre_update_params()
    optimizer.update_params(dense1)
    optimizer.update_params(dense2)
    optimizer.update_params(dense3)
    optimizer.post_update_params()
print('seconds', time.perf_counter() - start)
print(last)
