#!/usr/bin/env python3
"""Chapter 10's Adam training cell with the book's own classes (scripts/fixtures/book_classes.py),
timed in-process.

Prints one line: `seconds <loop wall time>` then the last log line, so `nnfs-bench` can
compare it with the Swift run of the same workload. Usage: ch10_adam.py [epochs]
"""
import os
import sys
import time
import numpy as np
import nnfs
from nnfs.datasets import spiral_data

nnfs.init()


sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'scripts', 'fixtures'))
from book_classes import (Layer_Dense, Activation_ReLU,  # noqa: E402
                          Activation_Softmax_Loss_CategoricalCrossentropy, Optimizer_Adam)

epochs = int(sys.argv[1]) if len(sys.argv) > 1 else 10001
X, y = spiral_data(samples=100, classes=3)
dense1 = Layer_Dense(2, 64)
activation1 = Activation_ReLU()
dense2 = Layer_Dense(64, 3)
loss_activation = Activation_Softmax_Loss_CategoricalCrossentropy()
optimizer = Optimizer_Adam(learning_rate=0.05, decay=5e-7)
start = time.perf_counter()
last = ''
for epoch in range(epochs):
    dense1.forward(X)
    activation1.forward(dense1.output)
    dense2.forward(activation1.output)
    loss = loss_activation.forward(dense2.output, y)
    predictions = np.argmax(loss_activation.output, axis=1)
    accuracy = np.mean(predictions == y)
    if not epoch % 100:
        last = f'epoch: {epoch}, acc: {accuracy:.3f}, loss: {loss:.3f}, lr: {optimizer.current_learning_rate}'
    loss_activation.backward(loss_activation.output, y)
    dense2.backward(loss_activation.dinputs)
    activation1.backward(dense2.dinputs)
    dense1.backward(activation1.dinputs)
    optimizer.pre_update_params()
    optimizer.update_params(dense1)
    optimizer.update_params(dense2)
    optimizer.post_update_params()
print('seconds', time.perf_counter() - start)
print(last)
