"""Suite (b): trace, lowering and compile time of two numpy programs.

* ``generated``: a ~500-call program drawn from a table of small steps
  (``benchmarks/program.py``), all traced under jit;
* ``train``: a training step (MLP, softmax cross-entropy, ``jax.value_and_grad``,
  Adam, metrics; ``benchmarks/program_train.py``), ~600 calls, most under grad.

For each implementation, on every repeat, with a fresh function object:

- trace:   ``jax.make_jaxpr(f)(x, y, z)``  (the Python cost of the namespace)
- lower:   ``jax.jit(f).lower(x, y, z)``   (trace + StableHLO emission)
- compile: ``lowered.compile()``            (XLA on the emitted module)

The implementations take turns inside each repeat. Compiling takes ~100x
longer than tracing, so it gets fewer repeats (the first ``compile_repeats``). jax's caches of inner
jitted helpers stay warm (the steady state of a long-running program), only
the top-level function is new each time. numpy has no counterpart here.
Target: trace-time ratio candidate / jax.numpy <= 0.8 on each program (compile
is reported); jaxpr equations (inner jits inlined) are counted for both.
"""

from __future__ import annotations

import gc
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import jax
import numpy as np

from benchmarks import program, program_train
from benchmarks.environment import BUSY_CORES, Contention, wait_for_idle
from benchmarks.timing import (
    CANDIDATE,
    HOST,
    PEER,
    Impl,
    Stats,
    compare_outputs,
    describe_error,
    ratio,
    rotated,
)

METRICS = ("trace", "lower", "compile")


@dataclass
class Program:
    """One traced workload: ``build(ns)`` makes a fresh function of ``args``."""
    name: str
    description: str
    build: Callable[[Any], Callable]
    args: tuple
    n_calls: int
    n_steps: int
    dropped: list[str] = field(default_factory=list)


def generated_program(impls: Sequence[Impl], n_calls: int, log) -> Program:
    # While the candidate lacks some functions, trace the program made of the
    # steps that every implementation has (the same program for all of them).
    allowed = program.supported_ops([i.ns for i in impls])
    dropped = [name for j, (name, _) in enumerate(program.OPS) if j not in allowed]
    if dropped:
        log(f"  trace    steps left out (not traceable by every implementation): "
            f"{', '.join(dropped)}")
    seq = program.op_sequence(n_calls, allowed=allowed)
    calls = program.count_calls(seq)
    return Program(
        "generated",
        f"A generated program of {calls} namespace calls ({len(seq)} steps over three "
        "16x16 float32 arrays), traced under jit.",
        lambda ns: program.build_program(ns, seq),
        program.program_inputs(np.random.default_rng(0)), calls, len(seq), dropped)


def train_program() -> Program:
    import jax.numpy as jnp
    sizes = "-".join(map(str, program_train.SIZES))
    return Program(
        "train",
        f"A training step: MLP {sizes} on batches of {program_train.BATCH}, softmax "
        f"cross-entropy, `jax.value_and_grad`, Adam with clipping, metrics; "
        f"{program_train.MICRO_STEPS} steps unrolled (about 600 namespace calls, most "
        "under grad).",
        program_train.build_train_step,
        program_train.train_inputs(np.random.default_rng(0)),
        program_train.count_calls(jnp), program_train.MICRO_STEPS)


@dataclass
class TraceResult:
    n_calls: int
    n_steps: int
    name: str = "generated"
    description: str = ""
    dropped: list[str] = field(default_factory=list)  # OPS steps left out
    stats: dict[str, dict[str, Stats]] = field(default_factory=dict)  # metric -> impl -> s
    eqns: dict[str, int] = field(default_factory=dict)  # impl -> top-level jaxpr eqns
    # impl -> jaxpr eqns with inner jit equations inlined (jax.numpy wraps many
    # functions in a jit of their own: counted by what is inside, as XLA sees it)
    eqns_inlined: dict[str, int] = field(default_factory=dict)
    hlo_ops: dict[str, int] = field(default_factory=dict)  # impl -> StableHLO/CHLO ops
    errors: dict[str, str] = field(default_factory=dict)
    check: str = "n/a"
    busy: float | None = None  # cores used by other processes while timing

    def ratio(self, metric: str, by: str = "paired") -> float | None:
        return ratio(self.stats.get(metric, {}), by=by)


def count_eqns(jaxpr: Any) -> int:
    """Equations of ``jaxpr`` with every inner ``jit`` equation replaced by its body."""
    n = 0
    for e in jaxpr.eqns:
        subs = [v for v in e.params.values() if hasattr(v, "eqns") or hasattr(v, "jaxpr")]
        if e.primitive.name in ("jit", "pjit") and subs:
            n += sum(count_eqns(getattr(s, "jaxpr", s)) for s in subs)
        else:
            n += 1
    return n


_HLO_OP = re.compile(r"^\s*(?:%[^=]+= )?\"?(?:stablehlo|chlo)\.[a-z_]+", re.MULTILINE)


def count_hlo_ops(lowered: Any) -> int:
    """StableHLO/CHLO operations in a lowered module (all its functions)."""
    return len(_HLO_OP.findall(lowered.as_text()))


def _one_round(
    impl: Impl, prog: Program, args: tuple[Any, ...], compile: bool = True
) -> tuple[dict[str, float], Any, Any]:
    t0 = time.perf_counter()
    jaxpr = jax.make_jaxpr(prog.build(impl.ns))(*args)
    t1 = time.perf_counter()
    lowered = jax.jit(prog.build(impl.ns)).lower(*args)
    t2 = time.perf_counter()
    times = {"trace": t1 - t0, "lower": t2 - t1}
    compiled = None
    if compile:
        compiled = lowered.compile()
        times["compile"] = time.perf_counter() - t2
    return times, jaxpr, compiled


def run(
    impls: Sequence[Impl],
    repeats: int,
    compile_repeats: int,
    n_calls: int = 500,
    wait_idle_s: float = 0.0,
    log: Callable[[str], None] = lambda s: print(s, file=sys.stderr),
    which: str = "generated",
) -> TraceResult:
    impls = [i for i in impls if i.key != HOST]
    prog = generated_program(impls, n_calls, log) if which == "generated" else train_program()
    res = TraceResult(n_calls=prog.n_calls, n_steps=prog.n_steps, name=prog.name,
                      description=prog.description, dropped=prog.dropped)
    args = prog.args
    compiled: dict[str, Any] = {}
    live: dict[str, Impl] = {}
    dev_args: dict[str, tuple[Any, ...]] = {}
    for impl in impls:  # warm-up round (no compile), also finds what cannot run at all
        try:
            dev_args[impl.key] = impl.put(args)
            _, jaxpr, _ = _one_round(impl, prog, dev_args[impl.key], compile=False)
            res.eqns[impl.key] = len(jaxpr.jaxpr.eqns)
            res.eqns_inlined[impl.key] = count_eqns(jaxpr.jaxpr)
            res.hlo_ops[impl.key] = count_hlo_ops(
                jax.jit(prog.build(impl.ns)).lower(*dev_args[impl.key]))
            live[impl.key] = impl
        except Exception as e:  # noqa: BLE001 (report any failure, go on)
            res.errors[impl.key] = describe_error(e)
            log(f"  trace    {impl.key}: {res.errors[impl.key]}")
    samples: dict[str, dict[str, list[float]]] = {m: {k: [] for k in live} for m in METRICS}
    if wait_idle_s > 0:
        wait_for_idle(wait_idle_s)
    contention = Contention().start()
    for r in range(max(repeats, compile_repeats)):
        for k in rotated(list(live), r):
            gc.collect()
            try:
                times, _, exe = _one_round(live[k], prog, dev_args[k], r < compile_repeats)
            except Exception as e:  # noqa: BLE001 (e.g. XLA rejects the module)
                res.errors[k] = describe_error(e)
                log(f"  trace    {k}: {res.errors[k]}")
                del live[k]
                continue
            if exe is not None:
                compiled.setdefault(k, exe)
            for m, t in times.items():
                samples[m][k].append(t)
    res.busy = contention.cores()
    if CANDIDATE in compiled and PEER in compiled:
        outs = {k: compiled[k](*jax.device_put(args)) for k in (CANDIDATE, PEER)}
        res.check = compare_outputs(outs[CANDIDATE], outs[PEER], rtol=1e-3, atol=1e-3)
    res.stats = {m: {k: Stats(v) for k, v in d.items() if v} for m, d in samples.items()}
    log(
        f"  trace    {res.name}, {res.n_calls} calls: "
        + ", ".join(f"{m} ratio {res.ratio(m):.2f}" for m in METRICS if res.ratio(m) is not None)
        + "".join(
            f"; {label} {res_d.get(CANDIDATE, '-')} vs {res_d.get(PEER, '-')}"
            for label, res_d in (("jaxpr eqns (inlined)", res.eqns_inlined),
                                 ("top-level", res.eqns), ("HLO ops", res.hlo_ops)))
        + ("" if res.check in ("ok", "n/a") else f"  [check: {res.check}]")
        + (f"  [busy: {res.busy:.1f} cores]" if res.busy and res.busy > BUSY_CORES else "")
    )
    return res
