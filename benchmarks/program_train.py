"""A training step written once against any namespace: the trace suite's second program.

A 4-layer MLP classifier (tanh hidden layers, softmax cross-entropy with label
smoothing and an L2 penalty), its gradient by ``jax.value_and_grad``, Adam with
bias correction and global-norm gradient clipping, and a few metrics (accuracy,
loss, gradient and update norms). ``MICRO_STEPS`` steps are unrolled in Python,
as a gradient-accumulation loop would be, so that one trace makes about 550
namespace calls, most of them inside ``grad``: the workload of a real training
script, where the forward pass is traced under JVP and the rest under jit.

Every step calls namespace functions only (no Python operators or array
methods, which would bind jax's own primitives whatever ``xp`` is).
"""

from __future__ import annotations

from typing import Any

import jax
import numpy as np

SIZES = (32, 64, 64, 32, 10)       # input, hidden..., classes
BATCH = 64
MICRO_STEPS = 3
LR, BETA1, BETA2, EPS, CLIP, L2, SMOOTH = 1e-3, 0.9, 0.999, 1e-8, 1.0, 1e-4, 0.1


def train_inputs(rng: np.random.Generator) -> tuple[Any, ...]:
    """(params, adam m, adam v, x, labels) as numpy arrays (float32, int32)."""
    params = {}
    for i, (a, b) in enumerate(zip(SIZES[:-1], SIZES[1:], strict=True)):
        params[f"w{i}"] = (rng.standard_normal((a, b)) / np.sqrt(a)).astype(np.float32)
        params[f"b{i}"] = np.zeros(b, np.float32)
    zeros = {k: np.zeros_like(v) for k, v in params.items()}
    x = rng.standard_normal((MICRO_STEPS, BATCH, SIZES[0])).astype(np.float32)
    y = rng.integers(0, SIZES[-1], (MICRO_STEPS, BATCH)).astype(np.int32)
    return params, zeros, dict(zeros), x, y


def build_train_step(xp: Any):
    """``step(params, m, v, x, y) -> (params, m, v, metrics)`` written with ``xp``."""
    n_layers = len(SIZES) - 1

    def forward(params, x):
        h = x
        for i in range(n_layers):
            h = xp.add(xp.matmul(h, params[f"w{i}"]), params[f"b{i}"])
            if i < n_layers - 1:
                h = xp.tanh(h)
        return h

    def loss_fn(params, x, y):
        logits = forward(params, x)
        shifted = xp.subtract(logits, xp.max(logits, axis=-1, keepdims=True))
        logp = xp.subtract(shifted, xp.log(xp.sum(xp.exp(shifted), axis=-1, keepdims=True)))
        onehot = xp.equal(xp.expand_dims(y, -1), xp.arange(SIZES[-1]))
        target = xp.add(xp.multiply(xp.astype(onehot, xp.float32), 1.0 - SMOOTH),
                        SMOOTH / SIZES[-1])
        nll = xp.negative(xp.mean(xp.sum(xp.multiply(target, logp), axis=-1)))
        l2 = xp.sum(xp.stack([xp.sum(xp.square(params[f"w{i}"])) for i in range(n_layers)]))
        return xp.add(nll, xp.multiply(l2, L2)), logits

    def step(params, m, v, x, y):
        metrics = []
        for t in range(1, MICRO_STEPS + 1):
            (loss, logits), grads = jax.value_and_grad(loss_fn, has_aux=True)(
                params, x[t - 1], y[t - 1])
            gnorm = xp.sqrt(xp.sum(xp.stack([xp.sum(xp.square(g)) for g in grads.values()])))
            clip = xp.minimum(1.0, xp.divide(CLIP, xp.maximum(gnorm, 1e-12)))
            new_p, new_m, new_v, upd_sq = {}, {}, {}, []
            for k in params:
                g = xp.multiply(grads[k], clip)
                new_m[k] = xp.add(xp.multiply(m[k], BETA1), xp.multiply(g, 1.0 - BETA1))
                new_v[k] = xp.add(xp.multiply(v[k], BETA2), xp.multiply(xp.square(g), 1.0 - BETA2))
                mhat = xp.divide(new_m[k], 1.0 - BETA1 ** t)
                vhat = xp.divide(new_v[k], 1.0 - BETA2 ** t)
                upd = xp.multiply(xp.divide(mhat, xp.add(xp.sqrt(vhat), EPS)), -LR)
                new_p[k] = xp.add(params[k], upd)
                upd_sq.append(xp.sum(xp.square(upd)))
            params, m, v = new_p, new_m, new_v
            acc = xp.mean(xp.astype(xp.equal(xp.argmax(logits, axis=-1), y[t - 1]), xp.float32))
            metrics.append(xp.stack([loss, acc, gnorm, xp.sqrt(xp.sum(xp.stack(upd_sq)))]))
        return params, m, v, xp.stack(metrics)

    return step


class _Counting:
    """A namespace proxy counting the calls made to ``ns``'s functions."""

    def __init__(self, ns: Any):
        self.ns, self.calls = ns, 0

    def __getattr__(self, name: str):
        attr = getattr(self.ns, name)
        if not callable(attr) or isinstance(attr, type):   # dtypes stay as they are
            return attr

        def counted(*args, **kwargs):
            self.calls += 1
            return attr(*args, **kwargs)
        return counted


def count_calls(ns: Any) -> int:
    """Namespace calls one trace of the step makes (traced abstractly with ``ns``)."""
    proxy = _Counting(ns)
    jax.eval_shape(build_train_step(proxy), *train_inputs(np.random.default_rng(0)))
    return proxy.calls
