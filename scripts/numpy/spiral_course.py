"""The course's case study (CS231n "Putting it together: minimal neural network case study"),
run as written there with numpy: a 2-layer network, 100 hidden ReLU units, softmax, step 1.0,
reg 1e-3, 10,000 full-batch iterations. Prints one JSON line with its iterations per second,
for Soma's side-by-side benchmark (bench/spiral.bench.ts).

usage: /usr/bin/python3 scripts/numpy/spiral_course.py [--data FILE.json] [--iters N] [--seed S] [--model two-layer|linear]
--data reads {"x": [[x1, x2], ...], "y": [...]} (Soma's spiral, so both train on the same points);
without it the course's own spiral generator is used.
"""
import argparse
import json
import time

import numpy as np

ap = argparse.ArgumentParser()
ap.add_argument("--data")
ap.add_argument("--iters", type=int, default=10000)
ap.add_argument("--seed", type=int, default=0)
ap.add_argument("--model", default="two-layer", choices=["two-layer", "linear"])
args = ap.parse_args()

np.random.seed(args.seed)
if args.data:
    with open(args.data) as f:
        d = json.load(f)
    X = np.array(d["x"], dtype=np.float64)
    y = np.array(d["y"], dtype=np.int64)
    K = int(y.max()) + 1
    D = X.shape[1]
else:
    N = 100  # number of points per class
    D = 2  # dimensionality
    K = 3  # number of classes
    X = np.zeros((N * K, D))
    y = np.zeros(N * K, dtype="uint8")
    for j in range(K):
        ix = range(N * j, N * (j + 1))
        r = np.linspace(0.0, 1, N)  # radius
        t = np.linspace(j * 4, (j + 1) * 4, N) + np.random.randn(N) * 0.2  # theta
        X[ix] = np.c_[r * np.sin(t), r * np.cos(t)]
        y[ix] = j

num_examples = X.shape[0]
step_size = 1e-0
reg = 1e-3
losses = []

if args.model == "two-layer":
    h = 100  # size of hidden layer
    W = 0.01 * np.random.randn(D, h)
    b = np.zeros((1, h))
    W2 = 0.01 * np.random.randn(h, K)
    b2 = np.zeros((1, K))
    t0 = time.perf_counter(); c0 = time.process_time()
    for i in range(args.iters):
        # evaluate class scores, [N x K]
        hidden_layer = np.maximum(0, np.dot(X, W) + b)  # note, ReLU activation
        scores = np.dot(hidden_layer, W2) + b2
        # compute the class probabilities
        exp_scores = np.exp(scores)
        probs = exp_scores / np.sum(exp_scores, axis=1, keepdims=True)  # [N x K]
        # compute the loss: average cross-entropy loss and regularization
        correct_logprobs = -np.log(probs[range(num_examples), y])
        data_loss = np.sum(correct_logprobs) / num_examples
        reg_loss = 0.5 * reg * np.sum(W * W) + 0.5 * reg * np.sum(W2 * W2)
        loss = data_loss + reg_loss
        if i % 1000 == 0 or i == args.iters - 1:
            losses.append([i, float(loss)])
        # compute the gradient on scores
        dscores = probs
        dscores[range(num_examples), y] -= 1
        dscores /= num_examples
        # backpropate the gradient to the parameters
        # first backprop into parameters W2 and b2
        dW2 = np.dot(hidden_layer.T, dscores)
        db2 = np.sum(dscores, axis=0, keepdims=True)
        # next backprop into hidden layer
        dhidden = np.dot(dscores, W2.T)
        # backprop the ReLU non-linearity
        dhidden[hidden_layer <= 0] = 0
        # finally into W,b
        dW = np.dot(X.T, dhidden)
        db = np.sum(dhidden, axis=0, keepdims=True)
        # add regularization gradient contribution
        dW2 += reg * W2
        dW += reg * W
        # perform a parameter update
        W += -step_size * dW
        b += -step_size * db
        W2 += -step_size * dW2
        b2 += -step_size * db2
    seconds = time.perf_counter() - t0; cpu_seconds = time.process_time() - c0
    hidden_layer = np.maximum(0, np.dot(X, W) + b)
    scores = np.dot(hidden_layer, W2) + b2
else:
    W = 0.01 * np.random.randn(D, K)
    b = np.zeros((1, K))
    t0 = time.perf_counter(); c0 = time.process_time()
    for i in range(args.iters):
        scores = np.dot(X, W) + b
        exp_scores = np.exp(scores)
        probs = exp_scores / np.sum(exp_scores, axis=1, keepdims=True)
        correct_logprobs = -np.log(probs[range(num_examples), y])
        data_loss = np.sum(correct_logprobs) / num_examples
        reg_loss = 0.5 * reg * np.sum(W * W)
        loss = data_loss + reg_loss
        if i % 10 == 0 or i == args.iters - 1:
            losses.append([i, float(loss)])
        dscores = probs
        dscores[range(num_examples), y] -= 1
        dscores /= num_examples
        dW = np.dot(X.T, dscores)
        db = np.sum(dscores, axis=0, keepdims=True)
        dW += reg * W
        W += -step_size * dW
        b += -step_size * db
    seconds = time.perf_counter() - t0; cpu_seconds = time.process_time() - c0
    scores = np.dot(X, W) + b

predicted_class = np.argmax(scores, axis=1)
print(json.dumps({
    "engine": "numpy " + np.__version__,
    "model": args.model,
    "iters": args.iters,
    "final_loss": losses[-1][1],
    "train_acc": float(np.mean(predicted_class == y)),
    "seconds": seconds,
    "iters_per_s": args.iters / seconds,
    # CPU time of the process (all its threads) over the loop: less sensitive to other jobs' load
    "cpu_iters_per_s": args.iters / cpu_seconds,
    "loss_curve": losses,
}))
