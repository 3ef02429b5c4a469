"""The reference: the same 4 500-start Huber fit in log space with SciPy's L-BFGS-B and analytic gradients."""
import csv
import sys
import time

import numpy as np
from scipy.optimize import minimize

DELTA = 1e-3


def load(path):
    with open(path) as f:
        rows = [(float(r["Model Size"]), float(r["Training FLOP"]), float(r["loss"])) for r in csv.DictReader(f)]
    rows.sort(key=lambda r: r[2])
    rows = rows[:-5]  # Epoch drops the 5 highest losses
    n = np.array([r[0] for r in rows])
    c = np.array([r[1] for r in rows])
    loss = np.array([r[2] for r in rows])
    return np.log(n), np.log(c / (6 * n)), np.log(loss)


def objective(theta, log_n, log_d, log_loss):
    e, a, b, alpha, beta = theta
    terms = np.stack([np.full_like(log_n, e), a - alpha * log_n, b - beta * log_d])
    top = terms.max(axis=0)
    weights = np.exp(terms - top)
    total = weights.sum(axis=0)
    weights /= total
    residual = top + np.log(total) - log_loss
    clamped = np.clip(residual, -DELTA, DELTA)
    value = np.sum(clamped * (residual - 0.5 * clamped))
    gradient = np.array([
        np.dot(clamped, weights[0]),
        np.dot(clamped, weights[1]),
        np.dot(clamped, weights[2]),
        -np.dot(clamped, weights[1] * log_n),
        -np.dot(clamped, weights[2] * log_d),
    ])
    return value, gradient


def grid():
    for alpha in np.arange(0, 2.01, 0.5):
        for beta in np.arange(0, 2.01, 0.5):
            for e in np.arange(-1, 1.01, 0.5):
                for a in np.arange(0, 25.1, 5):
                    for b in np.arange(0, 25.1, 5):
                        yield np.array([e, a, b, alpha, beta])


def main():
    log_n, log_d, log_loss = load(sys.argv[1])
    starts = list(grid())
    began = time.perf_counter()
    best = None
    for start in starts:
        result = minimize(objective, start, args=(log_n, log_d, log_loss), jac=True, method="L-BFGS-B")
        if best is None or result.fun < best.fun:
            best = result
    seconds = time.perf_counter() - began
    e, a, b, alpha, beta = best.x
    print(f"scipy seconds={seconds:.3f} starts={len(starts)} points={len(log_loss)} objective={best.fun:.7e} "
          f"E={np.exp(e):.4f} alpha={alpha:.4f} beta={beta:.4f}")


if __name__ == "__main__":
    main()
