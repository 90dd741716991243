"""Compare what XLA gets from jaxwrap.numpy and from jax.numpy, step by step.

For each step of the generated benchmark program (``benchmarks/program.py``,
``OPS``: each a small chain of namespace calls on 16x16 float32 arrays) this
jits a program made of that one step with each namespace and reports

- StableHLO/CHLO ops in the lowered module (what the front end hands XLA),
- instructions and fusions in the optimized HLO (``compiled.as_text()``),
- CPU time of ``lowered.compile()`` (median of ``--repeats`` fresh lowerings:
  a new function object each time, so neither jit's trace cache nor the
  compilation cache keyed on the module can hit),

ranked by the difference jaxwrap - jax weighted by how often the step occurs
in the generated sequence. ``--whole`` also compares the whole generated
program (fusion kinds counted) and ``--dump NAME`` prints both lowerings of one
step.  ``--ufuncs`` instead surveys every numpy ufunc that both namespaces have,
on float32 and on int32 inputs: StableHLO ops and optimized-HLO fusions of each,
the ones where jaxwrap emits more listed first.

Run from the repository root::

    python tools/compile_diff.py [--repeats 5] [--whole] [--dump var_norm] [--ufuncs]
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import numpy as np  # noqa: E402

import jaxwrap.numpy as wnp  # noqa: E402
from benchmarks import program  # noqa: E402

_HLO_OP = re.compile(r"(?:stablehlo|chlo)\.[a-z_]+")
_HLO_INSTR = re.compile(r"^\s*(?:ROOT )?%?[\w.\-]+ = ", re.MULTILINE)
_FUSION_KIND = re.compile(r"kind=(k\w+)")
_HLO_OPCODE = re.compile(r"^\s*(?:ROOT )?%?[\w.\-]+ = \S+ ([a-z][\w\-]*)\(", re.MULTILINE)


def _measure(fn, args, repeats: int) -> dict:
    """Ops, instructions, fusions and median compile CPU time of ``fn()``'s jit."""
    times = []
    for _ in range(repeats):
        lowered = jax.jit(fn()).lower(*args)  # fresh function: fresh trace and module
        t0 = time.process_time()
        compiled = lowered.compile()
        times.append(time.process_time() - t0)
    text = compiled.as_text()
    return {
        "hlo": len(_HLO_OP.findall(lowered.as_text())),
        "instr": len(_HLO_INSTR.findall(text)),
        "fusions": Counter(_FUSION_KIND.findall(text)),
        "ms": 1e3 * statistics.median(times),
        "stablehlo": lowered.as_text(),
        "optimized": text,
    }


def _step_fn(ns, step):
    def make():
        def f(a, b):
            return step(ns, a, b)

        return f

    return make


def per_step(repeats: int) -> list[dict]:
    seq = program.op_sequence(500)
    weight = Counter(program.OPS[i][0] for i, *_ in seq)
    a, b, _ = program.program_inputs(np.random.default_rng(0))
    rows = []
    for name, step in program.OPS:
        r = {"name": name, "n": weight.get(name, 0)}
        # Interleave the two namespaces per repeat so machine load hits both alike.
        per = {"jw": [], "jax": []}
        for _ in range(repeats):
            for key, ns in (("jw", wnp), ("jax", jnp)):
                per[key].append(_measure(_step_fn(ns, step), (a, b), 1))
        for key in per:
            m = per[key][-1]
            m["ms"] = statistics.median(p["ms"] for p in per[key])
            r[key] = m
        rows.append(r)
    rows.sort(key=lambda r: -r["n"] * (r["jw"]["ms"] - r["jax"]["ms"]))
    return rows


def print_table(rows: list[dict]) -> None:
    print("| step | n | StableHLO jw/jax | HLO instr jw/jax | fusions jw/jax "
          "| compile ms jw/jax | n*(d ms) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        w, j = r["jw"], r["jax"]
        print(f"| {r['name']} | {r['n']} | {w['hlo']}/{j['hlo']} | {w['instr']}/{j['instr']} "
              f"| {sum(w['fusions'].values())}/{sum(j['fusions'].values())} "
              f"| {w['ms']:.1f}/{j['ms']:.1f} | {r['n'] * (w['ms'] - j['ms']):+.1f} |")


def whole(repeats: int) -> None:
    seq = program.op_sequence(500)
    args = program.program_inputs(np.random.default_rng(0))
    per = {"jw": [], "jax": []}
    for _ in range(repeats):
        for key, ns in (("jw", wnp), ("jax", jnp)):
            per[key].append(_measure(lambda ns=ns: program.build_program(ns, seq), args, 1))
    for key, ms in per.items():
        m = ms[-1]
        print(f"whole {key}: StableHLO {m['hlo']}, HLO instr {m['instr']}, fusions "
              f"{dict(m['fusions'])}, compile CPU ms median "
              f"{statistics.median(x['ms'] for x in ms):.0f} ({[round(x['ms']) for x in ms]})")
    rj = statistics.median(x["ms"] for x in per["jw"])
    rx = statistics.median(x["ms"] for x in per["jax"])
    print(f"whole ratio jw/jax: {rj / rx:.3f}")
    for key in per:
        ops = Counter(_HLO_OP.findall(per[key][-1]["stablehlo"]))
        print(f"  {key} StableHLO op mix: {dict(ops.most_common())}")
        ops = Counter(_HLO_OPCODE.findall(per[key][-1]["optimized"]))
        print(f"  {key} optimized HLO opcode mix: {dict(ops.most_common())}")


def dump(name: str) -> None:
    step = dict(program.OPS)[name]
    a, b, _ = program.program_inputs(np.random.default_rng(0))
    for key, ns in (("jaxwrap", wnp), ("jax", jnp)):
        m = _measure(_step_fn(ns, step), (a, b), 1)
        print(f"===== {key} StableHLO =====\n{m['stablehlo']}")
        print(f"===== {key} optimized HLO =====\n{m['optimized']}")


def ufunc_survey() -> None:
    """Ops and fusions of every ufunc on (16,) float32 and int32 arguments, jw vs jax."""
    rows = []
    for name in sorted(n for n in dir(np) if isinstance(getattr(np, n), np.ufunc)):
        fw, fj = getattr(wnp, name, None), getattr(jnp, name, None)
        if fw is None or fj is None:
            continue
        for dt in ("float32", "int32"):
            args = [jax.ShapeDtypeStruct((16,), dt)] * getattr(np, name).nin
            got = {}
            for key, f in (("jw", fw), ("jax", fj)):
                try:
                    lowered = jax.jit(f).lower(*args)
                except (TypeError, ValueError):   # bitwise ops on floats, matvec on 1-d: no case
                    break
                got[key] = (len(_HLO_OP.findall(lowered.as_text())),
                            len(_FUSION_KIND.findall(lowered.compile().as_text())))
            if len(got) == 2:
                rows.append((got["jw"][0] - got["jax"][0], name, dt, got["jw"], got["jax"]))
    print("| ufunc | dtype | StableHLO jw/jax | fusions jw/jax |")
    print("|---|---|---:|---:|")
    for _, name, dt, w, j in sorted(rows, key=lambda r: (-r[0], r[1], r[2])):
        print(f"| {name} | {dt} | {w[0]}/{j[0]} | {w[1]}/{j[1]} |")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--repeats", type=int, default=5)
    p.add_argument("--whole", action="store_true", help="also compare the whole program")
    p.add_argument("--dump", default="", help="print both lowerings of this step and stop")
    p.add_argument("--ufuncs", action="store_true",
                   help="survey every ufunc on float32 and int32 inputs and stop")
    args = p.parse_args()
    if args.ufuncs:
        ufunc_survey()
        return
    if args.dump:
        dump(args.dump)
        return
    print_table(per_step(args.repeats))
    if args.whole:
        whole(max(args.repeats, 6))


if __name__ == "__main__":
    main()
