"""Where ``lowered.compile()`` spends its time, jaxwrap.numpy vs jax.numpy.

For the two programs of ``benchmarks/suite_trace.py`` (``generated``: the
~500-call program of ``benchmarks/program.py``; ``train``: the training step of
``benchmarks/program_train.py``) this reports, per namespace:

1. **The module handed to XLA**: StableHLO/CHLO ops by kind, and the ops that
   carry no work: a scalar ``stablehlo.constant`` broadcast to a shape by a
   ``broadcast_in_dim`` (``scalar splats``, a splat constant would do) and
   ``stablehlo.convert`` from a type to itself (``no-op converts``).
2. **Phases of one compile** from a ``jax.profiler`` trace (XLA's own TraceMe
   events; the profiler inflates every number, so read them as a split, not
   as absolute times):

   - ``convert``: StableHLO -> HLO (``mlir_module_to_xla_computation`` on the
     module's bytecode, timed directly without the profiler, CPU ms);
   - ``hlo passes``: XLA's HLO pipelines (simplification, fusion, layout...);
   - ``thunks``: ``ThunkEmitter`` (emits one kernel per fusion);
   - ``codegen``: LLVM of the kernels (``FusionCompiler::Compile`` plus the
     rest of ``TaskDispatcher::dispatch`` on the codegen threads, summed over
     threads: busy time, the bulk of the CPU time);
   - ``backend``: ``CpuCompiler::RunBackend`` (wall, contains thunks and
     waits for codegen);
   - ``front``: everything before the backend (``backend_compile_and_load``
     minus ``RunBackend``: conversion, HLO passes, bookkeeping).

   plus the optimized HLO: fusions and instructions (inside fusions too), and,
   without the profiler, each compile's CPU time per thread (Linux schedstat):
   the main thread (module serialization), then the others largest first; on
   CPU the largest are XLA's LLVM codegen workers and the smallest busy one is
   PjRt's compile thread (conversion, HLO passes, thunk emission).
   ``--fusions`` lists the kernels (fused computations, by opcodes and root
   shape) that one namespace has and the other has not: with the same
   optimized HLO the codegen (most of the time) costs the same.
3. **What input size alone costs**: ``--fold`` rewrites jaxwrap's lowered module
   in place before compiling it (every scalar splat becomes one splat
   constant, no-op converts are dropped, then MLIR ``canonicalize`` + ``cse``
   deduplicate constants), so its compile time can be compared, in
   interleaved rounds, with the module as emitted and with jax's.  XLA folds
   all of this itself, so the folded module compiles to the same program.
   ``--strip`` also compiles both modules with their source locations dropped
   (what the op_name / stack-frame metadata costs XLA).

Compile CPU time is ``time.process_time()`` around ``lowered.compile()`` on a
fresh lowering of a fresh function each round (no trace or compilation cache
hit), the variants taking turns inside each round; medians and ratios to jax.

What it found (jax 0.10.2, CPU, issue 15): LLVM codegen of the kernels is
~80-90% of compile CPU, PjRt's compile thread ~10-17% (of which conversion +
HLO passes ~3%), the main thread <1%.  Folding jaxwrap's module below jax's op
count (generated 981 -> 716 ops vs jax 720; train 1819 -> 1294 vs 1893) or
stripping locations changed compile CPU by less than the run-to-run noise
(< 1-2%): the optimized HLO, hence the codegen, is the same.  What differs is
the optimized program: ``--fusions`` (e.g. train: a max reduce next to an
argmax that XLA does not merge for jaxwrap's argmax reducer).

Run from the repository root::

    python tools/compile_phases.py [--rounds 7] [--program generated|train|both]
                                   [--fold] [--strip] [--profile N] [--fusions]
"""

from __future__ import annotations

import argparse
import gc
import glob
import re
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import numpy as np  # noqa: E402

# Measurement only: the tool may reach into jax internals (jaxwrap may not).
from jax._src.interpreters import mlir as jax_mlir  # noqa: E402
from jax._src.lib import xla_client  # noqa: E402
from jax._src.lib.mlir import ir, passmanager  # noqa: E402

import jaxwrap.numpy as wnp  # noqa: E402
from benchmarks import program, program_train  # noqa: E402

_FUSION = re.compile(r"^\s*(?:ROOT )?%?[\w.\-]+ = \S+ fusion\(", re.MULTILINE)
_INSTR = re.compile(r"^\s*(?:ROOT )?%?[\w.\-]+ = ", re.MULTILINE)

NAMESPACES = {"jw": wnp, "jax": jnp}


def programs(which: str) -> dict:
    """name -> (build(ns) -> fresh function, args)."""
    out = {}
    if which in ("generated", "both"):
        seq = program.op_sequence(500, allowed=program.supported_ops([wnp, jnp]))
        out["generated"] = (lambda ns: program.build_program(ns, seq),
                            program.program_inputs(np.random.default_rng(0)))
    if which in ("train", "both"):
        out["train"] = (program_train.build_train_step,
                        program_train.train_inputs(np.random.default_rng(0)))
    return out


# --- 1. the module --------------------------------------------------------------
def _ops(module: ir.Module):
    """Every operation of ``module`` (nested regions too), in order."""
    found = []

    def visit(op):
        for region in op.regions:
            for block in region.blocks:
                for inner in block.operations:
                    found.append(inner.operation)
                    visit(inner.operation)
    visit(module.operation)
    return found


def _is_scalar_splat(op) -> bool:
    """A broadcast_in_dim of a rank-0 stablehlo.constant."""
    if op.name != "stablehlo.broadcast_in_dim":
        return False
    src = op.operands[0].owner  # an Operation, or a Block for a block argument
    return (getattr(src, "name", "") == "stablehlo.constant"
            and ir.RankedTensorType(op.operands[0].type).rank == 0)


def _is_noop_convert(op) -> bool:
    return op.name == "stablehlo.convert" and op.operands[0].type == op.results[0].type


def module_stats(module: ir.Module) -> dict:
    ops = _ops(module)
    kinds = Counter(op.name for op in ops if op.name.startswith(("stablehlo.", "chlo.")))
    return {"ops": sum(kinds.values()), "kinds": kinds,
            "scalar_splats": sum(map(_is_scalar_splat, ops)),
            "noop_converts": sum(map(_is_noop_convert, ops))}


def fold_module(module: ir.Module) -> None:
    """Rewrite ``module`` in place: scalar splats -> splat constants, no-op converts
    dropped, then ``canonicalize`` + ``cse`` (dead and duplicate constants go)."""
    with module.context, ir.Location.unknown():
        for op in _ops(module):
            if _is_noop_convert(op):
                op.results[0].replace_all_uses_with(op.operands[0])
            elif _is_scalar_splat(op):
                value = op.operands[0].owner.attributes["value"]
                ty = op.results[0].type
                splat = ir.DenseElementsAttr.get_splat(
                    ty, ir.DenseElementsAttr(value).get_splat_value())
                ip = ir.InsertionPoint(op)
                new = ir.Operation.create("stablehlo.constant", results=[ty],
                                          attributes={"value": splat}, ip=ip)
                op.results[0].replace_all_uses_with(new.results[0])
        passmanager.PassManager.parse(
            "builtin.module(func.func(canonicalize,cse))").run(module.operation)


# --- 2. phases --------------------------------------------------------------------
def convert_ms(module: ir.Module, repeats: int = 5) -> float:
    """CPU ms of StableHLO -> HLO conversion of ``module`` (median)."""
    code = jax_mlir.module_to_bytecode(module)
    ts = []
    for _ in range(repeats):
        t0 = time.process_time()
        xla_client._xla.mlir.mlir_module_to_xla_computation(
            code, use_tuple_args=False, return_tuple=False)
        ts.append(time.process_time() - t0)
    return 1e3 * statistics.median(ts)


_HLO_PIPELINES = ("HLO passes through layout assignment", "HLO passes after layout assignment")


def profile_phases(lowered) -> dict:
    """Compile ``lowered`` under the profiler; ms per phase (see module doc)."""
    with tempfile.TemporaryDirectory() as d:
        with jax.profiler.trace(d):
            lowered.compile()
        data = jax.profiler.ProfileData.from_file(
            glob.glob(d + "/**/*.xplane.pb", recursive=True)[0])
    ms = defaultdict(float)
    for plane in data.planes:
        for line in plane.lines:
            for e in line.events:
                n, t = e.name, e.duration_ns / 1e6
                if n.startswith(_HLO_PIPELINES):
                    ms["hlo passes"] += t
                elif n == "CpuCompiler::RunBackend":
                    ms["backend"] += t
                elif n == "ThunkEmitter::EmitEntryComputation":
                    ms["thunks"] += t
                elif n == "TaskDispatcher::dispatch":
                    ms["codegen"] += t
                elif n == "PjRtCpuClient::Compile":
                    ms["pjrt compile"] += t
                elif n == "backend_compile_and_load":
                    ms["compile_and_load"] += t
    return dict(ms)


def _thread_ns() -> dict[int, int]:
    """CPU ns run so far by each thread of this process (Linux schedstat)."""
    out = {}
    for tid in Path("/proc/self/task").iterdir():
        try:
            out[int(tid.name)] = int((tid / "schedstat").read_text().split()[0])
        except (OSError, ValueError, IndexError):  # thread gone, or no schedstat
            continue
    return out


def thread_split(before: dict[int, int], after: dict[int, int]) -> list[float]:
    """CPU ms per thread between two ``_thread_ns`` snapshots: the main thread
    first, then the others largest first (threads under 1 ms left out)."""
    import os
    main = os.getpid()
    d = {t: (n - before.get(t, 0)) / 1e6 for t, n in after.items()}
    rest = sorted((v for t, v in d.items() if t != main and v >= 1.0), reverse=True)
    return [d.get(main, 0.0), *rest]


def optimized_stats(compiled) -> dict:
    text = compiled.as_text()
    return {"fusions": len(_FUSION.findall(text)), "instr": len(_INSTR.findall(text))}


_OPCODE = re.compile(r"^\s*(?:ROOT )?%?[\w.\-]+ = \S+ ([a-z][\w\-]*)\(", re.MULTILINE)
_FUSED = re.compile(r"^%(?:fused|wrapped)\S* \(.*?\n\}", re.MULTILINE | re.DOTALL)
_ROOT_SHAPE = re.compile(r"ROOT %\S+ = (\S+)")


def fusion_signatures(compiled) -> Counter:
    """Fused computations of the optimized HLO by (sorted opcodes, root shape);
    parameters, constants, broadcasts and bitcasts left out (free in a kernel)."""
    out = Counter()
    for m in _FUSED.finditer(compiled.as_text()):
        body = m.group(0)
        ops = tuple(sorted(o for o in _OPCODE.findall(body)
                           if o not in ("parameter", "constant", "broadcast", "bitcast")))
        out[(" ".join(ops), _ROOT_SHAPE.search(body).group(1))] += 1
    return out


def print_fusion_diff(build, args) -> None:
    """The kernels (fused computations) that jaxwrap and jax do not share."""
    sig = {k: fusion_signatures(_lower(build, args, k).compile()) for k in NAMESPACES}
    print(f"  fused computations: jw {sum(sig['jw'].values())}, jax {sum(sig['jax'].values())};"
          " differing kinds (jw/jax  ops -> root):")
    for key in sorted(set(sig["jw"]) | set(sig["jax"])):
        if sig["jw"][key] != sig["jax"][key]:
            print(f"    {sig['jw'][key]}/{sig['jax'][key]}  {key[0]} -> {key[1]}")


# --- 3. compile time ------------------------------------------------------------------
def _variants(fold: bool, strip: bool = False):
    """(label, namespace key, module transform) of each compiled variant."""
    out = [("jw", "jw", None), ("jax", "jax", None)]
    if fold:
        out.insert(1, ("jw folded", "jw", "fold"))
    if strip:
        out += [("jw stripped", "jw", "strip"), ("jax stripped", "jax", "strip")]
    return out


def strip_locations(module: ir.Module) -> None:
    """Drop every source location from ``module`` in place (MLIR ``strip-debuginfo``):
    XLA then gets no op_name / source metadata to carry through its passes."""
    with module.context:
        passmanager.PassManager.parse("builtin.module(strip-debuginfo)").run(module.operation)


def _lower(build, args, ns_key: str, transform: str | None = None):
    """A fresh lowering (fresh function: no cache hit), transformed in place if asked."""
    lowered = jax.jit(build(NAMESPACES[ns_key])).lower(*args)
    if transform == "fold":
        fold_module(lowered.compiler_ir("stablehlo"))
    elif transform == "strip":
        strip_locations(lowered.compiler_ir("stablehlo"))
    return lowered


def compile_rounds(build, args, rounds: int, fold: bool, strip: bool = False) -> dict:
    """Interleaved rounds; variant -> list of compile CPU seconds."""
    variants = _variants(fold, strip)
    ts = {v: [] for v, *_ in variants}
    split = {v: [] for v, *_ in variants}
    outs = {}
    for r in range(rounds):
        order = variants[r % len(variants):] + variants[:r % len(variants)]
        for name, ns_key, transform in order:
            lowered = _lower(build, args, ns_key, transform)
            gc.collect()
            before = _thread_ns()
            t0 = time.process_time()
            compiled = lowered.compile()
            ts[name].append(time.process_time() - t0)
            split[name].append(thread_split(before, _thread_ns()))
            if r == 0:
                outs[name] = jax.tree.leaves(compiled(*args))
    # A transform must not change a bit of the results.
    for name in outs:
        if " " in name:
            ref = outs[name.split()[0]]
            same = all(np.array_equal(np.asarray(a), np.asarray(b), equal_nan=True)
                       for a, b in zip(outs[name], ref, strict=True))
            print(f"  {name}: outputs bit-identical to {name.split()[0]}: {same}")
    for name, rows in split.items():
        n = min(len(r) for r in rows)
        med = [statistics.median(r[i] for r in rows) for i in range(n)]
        print(f"  {name}: compile CPU ms by thread (median per rank; main thread first, "
              f"then largest first): {[round(m) for m in med]}")
    return ts


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rounds", type=int, default=7)
    p.add_argument("--program", default="both", choices=("generated", "train", "both"))
    p.add_argument("--fold", action="store_true",
                   help="also compile jaxwrap's module with scalar splats folded")
    p.add_argument("--strip", action="store_true",
                   help="also compile both modules with source locations stripped")
    p.add_argument("--profile", type=int, default=0, metavar="N",
                   help="also profile N compiles per variant (phase split)")
    p.add_argument("--fusions", action="store_true",
                   help="list the fused computations jaxwrap and jax do not share, and stop")
    a = p.parse_args()
    for pname, (build, args) in programs(a.program).items():
        print(f"== {pname}")
        if a.fusions:
            print_fusion_diff(build, args)
            continue
        for name, ns_key, transform in _variants(a.fold, a.strip):
            lowered = _lower(build, args, ns_key, transform)
            s = module_stats(lowered.compiler_ir("stablehlo"))
            print(f"  {name}: {s['ops']} ops, scalar splats {s['scalar_splats']}, "
                  f"no-op converts {s['noop_converts']}, convert-to-HLO "
                  f"{convert_ms(lowered.compiler_ir('stablehlo')):.1f} ms CPU")
            print(f"    kinds: {dict(s['kinds'].most_common(14))}")
            print(f"    optimized: {optimized_stats(lowered.compile())}")
        if a.profile:
            phases = defaultdict(lambda: defaultdict(list))
            for _ in range(a.profile):
                for name, ns_key, transform in _variants(a.fold, a.strip):
                    ph = profile_phases(_lower(build, args, ns_key, transform))
                    ph["front"] = ph["compile_and_load"] - ph["backend"]
                    for k, v in ph.items():
                        phases[name][k].append(v)
            for name, ph in phases.items():
                print(f"  {name} profile ms (median of {a.profile}): " + ", ".join(
                    f"{k} {statistics.median(v):.0f}" for k, v in ph.items()))
        ts = compile_rounds(build, args, a.rounds, a.fold, a.strip)
        base = statistics.median(ts["jax"])
        for name, t in ts.items():
            m = statistics.median(t)
            print(f"  compile CPU {name}: median {1e3 * m:.0f} ms, ratio to jax "
                  f"{m / base:.3f}  ({[round(1e3 * x) for x in t]})")


if __name__ == "__main__":
    main()
