#!/usr/bin/env python3
"""Chapter 14's largest cell (spiral 3000 samples, 2-512-3, L2 5e-4 on the first layer,
Adam(0.02, decay 5e-7)) or, with `dropout`, chapter 15's (the same network with Dropout(0.1)
after the ReLU, Adam(0.05, decay 5e-5)), with the book's own classes
(scripts/fixtures/book_classes.py), timed in-process. Prints `seconds <loop wall time>` then the
last log line. Usage: spiral512.py [epochs] [dropout]
"""
import os
import sys
import time
import numpy as np
import nnfs
from nnfs.datasets import spiral_data

nnfs.init()

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'scripts', 'fixtures'))
from book_classes import (Layer_Dense, Layer_Dropout, Activation_ReLU,  # noqa: E402
                          Activation_Softmax_Loss_CategoricalCrossentropy, Optimizer_Adam)

epochs = int(sys.argv[1]) if len(sys.argv) > 1 else 10001
with_dropout = len(sys.argv) > 2 and sys.argv[2] == 'dropout'
X, y = spiral_data(samples=1000, classes=3)
dense1 = Layer_Dense(2, 512, weight_regularizer_l2=5e-4, bias_regularizer_l2=5e-4)
activation1 = Activation_ReLU()
dropout1 = Layer_Dropout(0.1) if with_dropout else None
dense2 = Layer_Dense(512, 3)
loss_activation = Activation_Softmax_Loss_CategoricalCrossentropy()
optimizer = Optimizer_Adam(learning_rate=0.05, decay=5e-5) if with_dropout else \
    Optimizer_Adam(learning_rate=0.02, decay=5e-7)
start = time.perf_counter()
last = ''
for epoch in range(epochs):
    dense1.forward(X)
    activation1.forward(dense1.output)
    if dropout1:
        dropout1.forward(activation1.output)
        dense2.forward(dropout1.output)
    else:
        dense2.forward(activation1.output)
    data_loss = loss_activation.forward(dense2.output, y)
    # chapter 14's `regularization_loss(layer)` (see book_classes.py)
    regularization_loss = \
        loss_activation.loss.regularization_loss_of_layer(dense1) + \
        loss_activation.loss.regularization_loss_of_layer(dense2)
    loss = data_loss + regularization_loss
    predictions = np.argmax(loss_activation.output, axis=1)
    accuracy = np.mean(predictions == y)
    if not epoch % 100:
        last = (f'epoch: {epoch}, acc: {accuracy:.3f}, loss: {loss:.3f} (data_loss: {data_loss:.3f}, '
                f'reg_loss: {regularization_loss:.3f}), lr: {optimizer.current_learning_rate}')
    loss_activation.backward(loss_activation.output, y)
    dense2.backward(loss_activation.dinputs)
    if dropout1:
        dropout1.backward(dense2.dinputs)
        activation1.backward(dropout1.dinputs)
    else:
        activation1.backward(dense2.dinputs)
    dense1.backward(activation1.dinputs)
    optimizer.pre_update_params()
    optimizer.update_params(dense1)
    optimizer.update_params(dense2)
    optimizer.post_update_params()
print('seconds', time.perf_counter() - start)
print(last)
