"""The implementations under comparison and the interleaved timer.

Every suite times the same work under each implementation in one process.
Inside each repeat the implementations take turns (round-robin; the candidate
and jax.numpy swap places from one repeat to the next, numpy runs last), so
slow drift of the machine (frequency, other processes, caches) lands on all of
them alike. A suite reports the median over repeats.
"""

from __future__ import annotations

import gc
import importlib
import math
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import jax
import numpy as np

CANDIDATE = "candidate"
PEER = "jax"
HOST = "numpy"
IMPL_KEYS = (CANDIDATE, PEER, HOST)


@dataclass(frozen=True)
class Impl:
    """One implementation: a numpy-like namespace and how to feed and wait for it."""

    key: str  # CANDIDATE, PEER or HOST
    module: str  # import name, e.g. "jaxwrap.numpy"
    ns: ModuleType
    on_device: bool  # True: takes and returns jax arrays; False: numpy arrays

    def put(self, host_args: Sequence[Any]) -> tuple[Any, ...]:
        """Turn host (numpy) arguments into this implementation's concrete inputs."""
        if not self.on_device:
            return tuple(host_args)
        return tuple(jax.block_until_ready(jax.device_put(a)) for a in host_args)

    def block(self, out: Any) -> Any:
        if self.on_device:
            return jax.block_until_ready(out)
        return out


class CandidateError(Exception):
    """The candidate namespace cannot be benchmarked (import failed, or it is empty)."""


# Names whose absence means "nothing has been implemented yet".
_PROBE_NAMES = ("add", "sum", "asarray", "zeros", "matmul")


def load_impls(candidate: str, with_host: bool = True) -> list[Impl]:
    """Import the candidate, the jax.numpy peer and numpy; candidate first."""
    try:
        cand_ns = importlib.import_module(candidate)
    except Exception as e:  # any import-time failure of a module being written
        raise CandidateError(
            f"cannot import candidate namespace {candidate!r}: {type(e).__name__}: {e}\n"
            "  (to self-test the runner meanwhile, use --candidate jax.numpy)"
        ) from e
    if not any(hasattr(cand_ns, n) for n in _PROBE_NAMES):
        raise CandidateError(
            f"candidate namespace {candidate!r} imports but defines none of "
            f"{', '.join(_PROBE_NAMES)} (empty package?); nothing to benchmark yet\n"
            "  (to self-test the runner meanwhile, use --candidate jax.numpy)"
        )
    impls = [
        Impl(CANDIDATE, candidate, cand_ns, on_device=True),
        Impl(PEER, "jax.numpy", importlib.import_module("jax.numpy"), on_device=True),
    ]
    if with_host:
        impls.append(Impl(HOST, "numpy", np, on_device=False))
    return impls


@dataclass
class Stats:
    """Per-call times in seconds, one value per repeat."""

    samples: list[float]
    number: int = 1  # calls per timed batch

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def min(self) -> float:
        return min(self.samples)

    @property
    def iqr(self) -> float:
        if len(self.samples) < 4:
            return max(self.samples) - min(self.samples)
        q = statistics.quantiles(self.samples, n=4)
        return q[2] - q[0]

    def to_json(self, scale: float) -> dict[str, Any]:
        return {
            "median": self.median * scale,
            "min": self.min * scale,
            "iqr": self.iqr * scale,
            "repeats": len(self.samples),
            "number": self.number,
        }


def rotated(keys: Sequence[str], r: int) -> list[str]:
    """The order of repeat ``r``: the jax-based implementations rotate, numpy goes last.

    Rotating all three would make the candidate follow numpy in two repeats of
    three and jax.numpy in one; numpy's after-effects (BLAS threads still
    spinning, caches flushed by large arrays) would then bias the ratio. With
    numpy last, candidate and jax.numpy each follow numpy equally often.
    """
    dev = [k for k in keys if k != HOST]
    k = r % len(dev) if dev else 0
    return dev[k:] + dev[:k] + [h for h in keys if h == HOST]


def _batch(call: Callable[[], Any], n: int, finish: Callable[[list], Any] | None) -> float:
    """Seconds for ``n`` calls; with ``finish``, outputs are kept and finished at the end."""
    if finish is None:
        t0 = time.perf_counter()
        for _ in range(n):
            call()
        return time.perf_counter() - t0
    outs = []
    t0 = time.perf_counter()
    for _ in range(n):
        outs.append(call())
    finish(outs)
    return time.perf_counter() - t0


def settle(max_s: float = 0.3, slice_s: float = 0.005) -> float:
    """Wait until this process's background threads stop burning CPU; return the wait.

    After a BLAS call, OpenBLAS keeps its worker threads spinning for ~70 ms,
    holding one of the cores that the next implementation's batch needs. The
    runner calls this (outside the timed region) after every numpy batch.
    """
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < max_s:
        c0 = time.process_time()
        time.sleep(slice_s)
        if time.process_time() - c0 < 0.1 * slice_s:
            break
    return time.perf_counter() - t0


def _calibrate(
    call: Callable[[], Any],
    target_s: float,
    max_number: int,
    finish: Callable[[list], Any] | None,
) -> int:
    """Calls per batch so that a batch takes about ``target_s``."""
    n = 1
    while True:
        elapsed = _batch(call, n, finish)
        if elapsed >= min(target_s, 1e-3) * 0.5 or n >= max_number:
            break
        n *= 4
    per_call = max(elapsed / n, 1e-9)
    return max(1, min(max_number, math.ceil(target_s / per_call)))


def interleaved(
    calls: dict[str, Callable[[], Any]],
    repeats: int,
    target_s: float,
    warmup: int = 2,
    max_number: int = 10_000,
    finish: dict[str, Callable[[list], Any]] | None = None,
    settle_after: Sequence[str] = (HOST,),
) -> dict[str, Stats]:
    """Time zero-argument callables against each other, interleaved.

    Each callable does one piece of work. Without ``finish[key]`` it must also
    wait for it; with it, the outputs of a batch are kept and passed to
    ``finish[key]`` (e.g. ``jax.block_until_ready``) inside the timed region.
    After each batch of a key in ``settle_after`` the runner waits for the
    process to go quiet (see ``settle``). Returns the per-call time of each
    batch, one sample per repeat.
    """
    keys = list(calls)
    fin = {k: (finish or {}).get(k) for k in keys}
    for k in keys:
        for _ in range(warmup):
            calls[k]()
        if k in settle_after:
            settle()
    numbers = {}
    for k in keys:
        numbers[k] = _calibrate(calls[k], target_s, max_number, fin[k])
        if k in settle_after:
            settle()
    out = {k: Stats([], numbers[k]) for k in keys}
    gc_was_enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        for r in range(repeats):
            for k in rotated(keys, r):
                n = numbers[k]
                out[k].samples.append(_batch(calls[k], n, fin[k]) / n)
                if k in settle_after:
                    settle()
    finally:
        if gc_was_enabled:
            gc.enable()
    return out


def ratio(
    stats: dict[str, Stats], num: str = CANDIDATE, den: str = PEER, by: str = "paired"
) -> float | None:
    """candidate / jax.numpy.

    by="paired" (the default, held to the targets): within each repeat the two
    batches ran back to back, so their ratio is free of drift slower than a
    repeat; consecutive repeats swap which of the two runs first, so the
    geometric mean of the ratios of repeats 2i and 2i+1 is free of any effect of
    running first; the result is the median of those. "median": ratio of the
    medians. "min": ratio of the fastest repeats.
    """
    if num not in stats or den not in stats:
        return None
    a, b = stats[num], stats[den]
    if by != "paired":
        return getattr(a, by) / getattr(b, by)
    rs = [x / y for x, y in zip(a.samples, b.samples, strict=False)]
    if len(rs) >= 2:
        rs = [math.sqrt(rs[i] * rs[i + 1]) for i in range(0, len(rs) - 1, 2)]
    return statistics.median(rs)


def compare_outputs(a: Any, b: Any, rtol: float, atol: float) -> str:
    """A short verdict on whether candidate output ``a`` matches peer output ``b``."""
    la, lb = jax.tree.leaves(a), jax.tree.leaves(b)
    if len(la) != len(lb):
        return f"structure differs ({len(la)} vs {len(lb)} leaves)"
    for x, y in zip(la, lb):
        x, y = np.asarray(x), np.asarray(y)
        if x.shape != y.shape:
            return f"shape {x.shape} vs {y.shape}"
        if x.dtype != y.dtype:
            return f"dtype {x.dtype} vs {y.dtype}"
        if x.dtype.kind in "fc":
            ok = np.allclose(x, y, rtol=rtol, atol=atol, equal_nan=True)
        else:
            ok = np.array_equal(x, y)
        if not ok:
            return "values differ"
    return "ok"


def describe_error(e: BaseException) -> str:
    msg = str(e).strip().splitlines()
    first = msg[0] if msg else ""
    if len(first) > 100:
        first = first[:97] + "..."
    return f"{type(e).__name__}: {first}" if first else type(e).__name__
