"""Suites as tables: one ``Row`` per benchmarked call, one runner for all tables.

A row is written once against a numpy-like namespace ``xp``::

    Row("sum_axis0", mat(1000, 1000), lambda xp, x: xp.sum(x, axis=0))

``setup(rng)`` returns the host (numpy) arguments; the runner moves them to the
device for the jax-based implementations. ``fn(xp, *args)`` is timed:

- eager mode: called as is on concrete arrays, result waited for;
- compiled mode: ``jax.jit(partial(fn, xp))`` compiled during warm-up, then
  timed with ``block_until_ready``; numpy runs ``fn(numpy, *args)``.

Inside ``fn`` call namespace functions (``xp.add(x, y)``), not Python
operators or array methods: ``x + y`` on a jax array is jax's own ``add``
whatever ``xp`` is, so it would not measure the candidate.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import jax
import numpy as np

from benchmarks.environment import BUSY_CORES, Contention, wait_for_idle
from benchmarks.timing import (
    CANDIDATE,
    HOST,
    PEER,
    Impl,
    Stats,
    compare_outputs,
    describe_error,
    interleaved,
    ratio,
)

Setup = Callable[[np.random.Generator], tuple[Any, ...]]


def sibling(xp: Any, name: str) -> Any:
    """The module ``name`` next to the numpy-like namespace ``xp``.

    ``sibling(xp, "scipy.linalg")`` is ``jaxwrap.scipy.linalg`` for the
    candidate ``jaxwrap.numpy``, ``jax.scipy.linalg`` for ``jax.numpy`` and
    ``scipy.linalg`` for ``numpy``; ``sibling(xp, "random")`` is
    ``jaxwrap.random`` / ``jax.random`` (numpy has none: such rows set
    ``host=False``).  Rows of other modules are written once this way.
    """
    import importlib

    root = xp.__name__.rpartition(".")[0]  # "jaxwrap.numpy" -> "jaxwrap", "numpy" -> ""
    return importlib.import_module(f"{root}.{name}" if root else name)


@dataclass(frozen=True)
class Row:
    name: str
    setup: Setup
    fn: Callable[..., Any]
    # numpy reference: True runs ``fn(numpy, ...)``, False skips numpy,
    # a callable replaces ``fn`` for numpy (e.g. to pass numpy-only options).
    host: bool | Callable[..., Any] = True
    rtol: float = 1e-4  # for the candidate-vs-jax output check (not timed)
    atol: float = 1e-5
    doc: str = ""


def family_rows(attr: str) -> list[Row]:
    """The rows that ``benchmarks/rows_*.py`` list under ``attr``, file by file."""
    import importlib
    import pkgutil

    import benchmarks

    out: list[Row] = []
    for info in sorted(pkgutil.iter_modules(benchmarks.__path__), key=lambda i: i.name):
        if info.name.startswith("rows_"):
            out += getattr(importlib.import_module(f"benchmarks.{info.name}"), attr, [])
    return out


# ---- setup helpers (deterministic: each row gets a fresh rng seeded 0) ----


def mat(*shape: int, dtype: Any = np.float32, positive: bool = False) -> Setup:
    """One standard-normal (or uniform (0.5, 2) if positive) array."""
    return arrays([shape], dtype=dtype, positive=positive)


def arrays(
    shapes: Sequence[Sequence[int]], dtype: Any = np.float32, positive: bool = False
) -> Setup:
    def setup(rng: np.random.Generator) -> tuple[Any, ...]:
        if positive:
            return tuple(rng.uniform(0.5, 2.0, s).astype(dtype) for s in shapes)
        return tuple(rng.standard_normal(s).astype(dtype) for s in shapes)

    return setup


def no_args(rng: np.random.Generator) -> tuple[Any, ...]:
    return ()


# ---- the runner ----


@dataclass
class RowResult:
    name: str
    stats: dict[str, Stats]
    errors: dict[str, str]
    check: str  # candidate output vs jax output
    busy: float | None = None  # cores used by other processes while timing

    @property
    def ratio(self) -> float | None:
        return ratio(self.stats)

    @property
    def ratio_median(self) -> float | None:
        return ratio(self.stats, by="median")

    @property
    def ratio_min(self) -> float | None:
        return ratio(self.stats, by="min")


def _host_fn(row: Row) -> Callable[..., Any] | None:
    if row.host is False:
        return None
    return row.fn if row.host is True else row.host


def _make_call(row: Row, impl: Impl, mode: str, host_args: tuple[Any, ...], sync_each: bool):
    """Build a zero-arg callable doing the row's work on ``impl``; run it once."""
    args = impl.put(host_args)
    if impl.key == HOST:
        fn = _host_fn(row)
        assert fn is not None

        def call() -> Any:
            return fn(impl.ns, *args)

    elif mode == "eager" and not sync_each:

        def call() -> Any:  # waited for at the end of each batch (see run_table)
            return row.fn(impl.ns, *args)

    elif mode == "eager":

        def call() -> Any:
            return jax.block_until_ready(row.fn(impl.ns, *args))

    elif mode == "compiled":
        jitted = jax.jit(functools.partial(row.fn, impl.ns))

        def call() -> Any:
            return jax.block_until_ready(jitted(*args))

    else:
        raise ValueError(f"unknown mode {mode!r}")
    first = impl.block(call())  # eager: warms jax's caches; compiled: compiles
    return call, first


def run_table(
    rows: Sequence[Row],
    impls: Sequence[Impl],
    mode: str,
    repeats: int,
    target_s: float,
    sync_each: bool = False,
    wait_idle_s: float = 0.0,
    log: Callable[[str], None] = lambda s: print(s, file=sys.stderr),
) -> list[RowResult]:
    """Time every row under every implementation.

    Eager mode on jax arrays: unless ``sync_each``, the outputs of a timed
    batch are kept and waited for together at its end. Waiting after every
    call adds the CPU client's thread hand-off (tens of µs, very noisy) to
    both sides and hides the dispatch cost being compared.

    ``wait_idle_s``: before timing a row, wait up to this long for other
    processes to leave the CPU alone. Each row records how many cores other
    processes used while it was timed.
    """
    finish = {
        i.key: jax.block_until_ready
        for i in impls
        if i.on_device and mode == "eager" and not sync_each
    }
    results = []
    for row in rows:
        host_args = row.setup(np.random.default_rng(0))
        calls: dict[str, Callable[[], Any]] = {}
        firsts: dict[str, Any] = {}
        errors: dict[str, str] = {}
        for impl in impls:
            if impl.key == HOST and _host_fn(row) is None:
                continue
            try:
                calls[impl.key], firsts[impl.key] = _make_call(
                    row, impl, mode, host_args, sync_each
                )
            except Exception as e:  # noqa: BLE001 (a missing or broken function: report, go on)
                errors[impl.key] = describe_error(e)
        if CANDIDATE in firsts and PEER in firsts:
            check = compare_outputs(firsts[CANDIDATE], firsts[PEER], row.rtol, row.atol)
        else:
            check = "n/a"
        stats: dict[str, Stats] = {}
        busy = None
        if calls:
            if wait_idle_s > 0:
                wait_for_idle(wait_idle_s)
            contention = Contention().start()
            try:
                stats = interleaved(calls, repeats, target_s, finish=finish)
            except Exception as e:  # noqa: BLE001 (report any failure, go on)
                errors["timing"] = describe_error(e)
            busy = contention.cores()
        res = RowResult(row.name, stats, errors, check, busy)
        r = res.ratio
        log(
            f"  {mode:8s} {row.name:28s} "
            + (f"ratio {r:5.2f}" if r is not None else f"error {errors}")
            + ("" if check in ("ok", "n/a") else f"  [check: {check}]")
            + (f"  [busy: {busy:.1f} cores]" if busy is not None and busy > BUSY_CORES else "")
        )
        results.append(res)
    return results
