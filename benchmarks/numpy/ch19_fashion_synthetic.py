#!/usr/bin/env python3
"""Chapter 19's Fashion-MNIST model (784-128-128-10, Adam(decay=1e-3), batch 128, print every
100 steps) with the book's own `Model` class (scripts/fixtures/book_classes.py), on synthetic data
of Fashion-MNIST's shape: rows of 784 uniform values in [-1, 1) as float32 and uint8 labels 0-9,
drawn after nnfs.init() exactly as benchmarks/Sources/nnfs-bench/Ch19FashionSynthetic.swift draws
them. Prints `seconds <training wall time>` then the last line `train` printed.
Usage: ch19_fashion_synthetic.py [epochs] [samples] [neurons]
"""
import contextlib
import io
import os
import sys
import time
import numpy as np
import nnfs

nnfs.init()

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'scripts', 'fixtures'))
from book_classes import (Model, Layer_Dense, Activation_ReLU, Activation_Softmax,  # noqa: E402
                          Loss_CategoricalCrossentropy, Optimizer_Adam, Accuracy_Categorical)

epochs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
samples = int(sys.argv[2]) if len(sys.argv) > 2 else 60000
neurons = int(sys.argv[3]) if len(sys.argv) > 3 else 128
X = (np.random.rand(samples, 784) * 2 - 1).astype(np.float32)
y = np.random.randint(0, 10, size=samples).astype(np.uint8)
model = Model()
model.add(Layer_Dense(784, neurons))
model.add(Activation_ReLU())
model.add(Layer_Dense(neurons, neurons))
model.add(Activation_ReLU())
model.add(Layer_Dense(neurons, 10))
model.add(Activation_Softmax())
model.set(loss=Loss_CategoricalCrossentropy(), optimizer=Optimizer_Adam(decay=1e-3),
          accuracy=Accuracy_Categorical())
model.finalize()
out = io.StringIO()
start = time.perf_counter()
with contextlib.redirect_stdout(out):
    model.train(X, y, epochs=epochs, batch_size=128, print_every=100)
seconds = time.perf_counter() - start
print('seconds', seconds)
print(out.getvalue().strip().split('\n')[-1])
