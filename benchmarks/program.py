"""A deterministic ~500-call numpy program, written once against any namespace.

``OPS`` is a table of small steps, each a function ``(xp, a, b) -> array`` that
keeps the shape ``SHAPE`` and the dtype float32, so steps chain in any order.
``op_sequence`` picks a fixed sequence of (step, operand, operand, target)
with a seeded ``random.Random``; ``build_program(xp, seq)`` returns a fresh
function ``f(x, y, z)`` applying that sequence to a state of three arrays. The
same sequence is used for every namespace, so the candidate and jax.numpy
trace the very same program.

Every step calls namespace functions only (no Python operators or array
methods, which would bind jax's own primitives whatever ``xp`` is).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

import numpy as np

SHAPE = (16, 16)
N_STATE = 3

Step = Callable[[Any, Any, Any], Any]

OPS: list[tuple[str, Step]] = [
    ("add", lambda xp, a, b: xp.add(a, b)),
    ("subtract", lambda xp, a, b: xp.subtract(a, b)),
    ("multiply", lambda xp, a, b: xp.multiply(a, b)),
    ("divide", lambda xp, a, b: xp.divide(a, xp.add(xp.abs(b), 1.0))),
    ("maximum", lambda xp, a, b: xp.maximum(a, b)),
    ("minimum", lambda xp, a, b: xp.minimum(a, b)),
    ("sin", lambda xp, a, b: xp.sin(a)),
    ("cos", lambda xp, a, b: xp.cos(a)),
    ("tanh", lambda xp, a, b: xp.tanh(a)),
    ("exp", lambda xp, a, b: xp.exp(xp.negative(xp.abs(a)))),
    ("log1p", lambda xp, a, b: xp.log1p(xp.abs(a))),
    ("sqrt", lambda xp, a, b: xp.sqrt(xp.abs(a))),
    ("square", lambda xp, a, b: xp.square(a)),
    ("where", lambda xp, a, b: xp.where(xp.greater(a, b), a, b)),
    ("clip", lambda xp, a, b: xp.clip(a, -1.0, 1.0)),
    ("matmul", lambda xp, a, b: xp.multiply(xp.matmul(a, b), 0.0625)),
    ("dot", lambda xp, a, b: xp.multiply(xp.dot(a, b), 0.0625)),
    ("transpose", lambda xp, a, b: xp.transpose(a)),
    ("reshape", lambda xp, a, b: xp.reshape(xp.reshape(a, (-1,)), SHAPE)),
    ("center", lambda xp, a, b: xp.subtract(a, xp.mean(a, axis=0, keepdims=True))),
    (
        "scale_by_max",
        lambda xp, a, b: xp.divide(a, xp.add(xp.max(xp.abs(a), axis=1, keepdims=True), 1.0)),
    ),
    ("cumsum", lambda xp, a, b: xp.multiply(xp.cumsum(a, axis=0), 0.1)),
    (
        "concat_sum",
        lambda xp, a, b: xp.sum(xp.reshape(xp.concatenate([a, b], axis=0), (2, *SHAPE)), axis=0),
    ),
    ("stack_mean", lambda xp, a, b: xp.mean(xp.stack([a, b]), axis=0)),
    ("astype_roundtrip", lambda xp, a, b: xp.astype(xp.astype(a, xp.float16), xp.float32)),
    ("var_norm", lambda xp, a, b: xp.divide(a, xp.add(xp.var(a, axis=1, keepdims=True), 1.0))),
    (
        "broadcast_add",
        lambda xp, a, b: xp.add(a, xp.broadcast_to(xp.sum(b, axis=0, keepdims=True), SHAPE)),
    ),
]

Instr = tuple[int, int, int, int]  # (op index, operand a, operand b, target slot)


class _CallCounter:
    """A namespace proxy that counts function calls (types such as float32 excluded)."""

    def __init__(self, ns: Any):
        self._ns, self.calls = ns, 0

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._ns, name)
        if callable(attr) and not isinstance(attr, type):
            self.calls += 1
        return attr


def calls_per_op() -> list[int]:
    """Namespace calls made by each step of ``OPS`` (counted once, with numpy)."""
    a = np.ones(SHAPE, np.float32)
    counts = []
    for _, step in OPS:
        c = _CallCounter(np)
        step(c, a, a)
        counts.append(c.calls)
    return counts


def _traceable(xp: Any, step: Step) -> bool:
    import jax

    spec = jax.ShapeDtypeStruct(SHAPE, np.float32)
    try:
        jax.eval_shape(lambda a, b: step(xp, a, b), spec, spec)
    except Exception:  # noqa: BLE001 (a missing or broken function drops the step)
        return False
    return True


def supported_ops(namespaces: list[Any]) -> list[int]:
    """Indices of the steps every namespace can trace (checked with jax.eval_shape)."""
    return [i for i, (_, step) in enumerate(OPS) if all(_traceable(xp, step) for xp in namespaces)]


def op_sequence(n_calls: int = 500, seed: int = 0, allowed: list[int] | None = None) -> list[Instr]:
    """A fixed instruction list making about ``n_calls`` namespace calls.

    ``allowed``: the step indices to draw from (default: all of ``OPS``); the
    sequence is fixed for a given seed and ``allowed``.
    """
    rng = random.Random(seed)
    counts = calls_per_op()
    pool = list(range(len(OPS))) if allowed is None else list(allowed)
    if not pool:
        raise ValueError("no step of OPS can be traced")
    seq: list[Instr] = []
    total = 0
    while total < n_calls:
        i = pool[rng.randrange(len(pool))]
        seq.append((i, rng.randrange(N_STATE), rng.randrange(N_STATE), len(seq) % N_STATE))
        total += counts[i]
    return seq


def count_calls(seq: list[Instr]) -> int:
    counts = calls_per_op()
    return sum(counts[i] for i, *_ in seq)


def build_program(xp: Any, seq: list[Instr]) -> Callable[..., tuple[Any, ...]]:
    """A new function object each call (so jax's tracing caches never hit it)."""
    steps = [OPS[i][1] for i, *_ in seq]

    def program(*state_in: Any) -> tuple[Any, ...]:
        state = list(state_in)
        for step, (_, a, b, t) in zip(steps, seq):
            state[t] = step(xp, state[a], state[b])
        return tuple(state)

    return program


def program_inputs(rng: np.random.Generator) -> tuple[np.ndarray, ...]:
    return tuple(rng.standard_normal(SHAPE).astype(np.float32) for _ in range(N_STATE))
