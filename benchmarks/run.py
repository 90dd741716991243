"""Benchmark runner: candidate namespace vs jax.numpy (and numpy), one process.

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python -m benchmarks.run [options]

See ``benchmarks/README.md`` and ``--help``.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: python benchmarks/run.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import environment

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs" / "benchmarks.md"

# (full, quick) settings per suite.
# Even numbers: consecutive repeats swap which of candidate / jax.numpy runs first.
REPEATS = {"eager": (24, 6), "trace": (30, 6), "compile": (6, 1), "compiled": (24, 6)}
BATCH_S = {"eager": (0.02, 0.002), "compiled": (0.025, 0.01)}  # time of one timed batch


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        prog="python -m benchmarks.run",
        description="Compare a numpy-like namespace (the candidate) with jax.numpy and numpy.",
    )
    p.add_argument(
        "--candidate",
        default="jaxwrap.numpy",
        help="import name of the namespace under test (default: %(default)s; "
        "use jax.numpy to self-test the runner)",
    )
    p.add_argument("--suite", choices=("eager", "trace", "compiled", "all"), default="all")
    p.add_argument(
        "--quick", action="store_true", help="few repeats, short batches: a smoke test (< 1 minute)"
    )
    p.add_argument("--repeats", type=int, help="repeats for every suite (overrides defaults)")
    p.add_argument(
        "--filter", default="", help="only eager/compiled rows whose name contains this string"
    )
    p.add_argument(
        "--n-calls",
        type=int,
        default=500,
        help="namespace calls in the trace-suite program (default: %(default)s)",
    )
    p.add_argument(
        "--sync-each",
        action="store_true",
        help="eager suite: wait for every call's result, not once per batch",
    )
    p.add_argument(
        "--wait-idle",
        type=float,
        default=0.0,
        metavar="S",
        help="before each row, wait up to S seconds for other processes to leave the CPU "
        "(for shared machines; default: do not wait)",
    )
    p.add_argument("--no-numpy", action="store_true", help="skip the numpy reference")
    p.add_argument("--markdown", metavar="PATH", help="write the results as Markdown")
    p.add_argument(
        "--write-docs",
        action="store_true",
        help=f"write the Markdown to {DOCS.relative_to(REPO)} (unless --markdown)",
    )
    p.add_argument("--json", metavar="PATH", help="write the results as JSON")
    p.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 when a target is not met (default: exit 0 whatever the ratios)",
    )
    p.add_argument("--list", action="store_true", help="list the rows of each suite and exit")
    return p.parse_args(argv)


def _log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    # Imported here so --help works even when jax is slow to import.
    from benchmarks import report, suite_compiled, suite_eager, suite_trace, table, timing

    if args.list:
        print("eager:   ", ", ".join(r.name for r in suite_eager.ROWS))
        print(
            "trace:    one generated program, ops:",
            ", ".join(n for n, _ in suite_trace.program.OPS),
        )
        print("compiled:", ", ".join(r.name for r in suite_compiled.ROWS))
        return 0

    load_before = environment.load_average()
    warnings = [
        w
        for w in (
            environment.blas_env_warning(),
            environment.busy_warning(load_before, os.cpu_count()),
        )
        if w
    ]
    for w in warnings:
        _log(w)
    try:
        impls = timing.load_impls(args.candidate, with_host=not args.no_numpy)
    except timing.CandidateError as e:
        _log(f"error: {e}")
        return 2

    q = 1 if args.quick else 0
    reps = {s: (args.repeats or v[q]) for s, v in REPEATS.items()}
    reps = {s: n if n == 1 else n + n % 2 for s, n in reps.items()}  # even, see REPEATS
    suites = ["eager", "trace", "compiled"] if args.suite == "all" else [args.suite]
    command = " ".join(["python -m benchmarks.run", *(sys.argv[1:] if argv is None else argv)])
    env = environment.collect(args.candidate, command.strip())
    _log(
        f"candidate {args.candidate} vs jax.numpy {env['jax']}"
        f"{'' if args.no_numpy else ' and numpy ' + env['numpy']}; "
        f"{env['cpu']}, {env['cores']} cores, backend {env['backend']}; "
        f"suites {', '.join(suites)} ({'quick' if args.quick else 'full'})"
    )

    t0 = time.perf_counter()
    out: dict = {}
    for name in suites:
        _log(f"[{name}]")
        if name == "trace":
            for which, key in (("generated", "trace"), ("train", "trace_train")):
                res = suite_trace.run(
                    impls,
                    reps["trace"],
                    reps["compile"],
                    n_calls=args.n_calls,
                    wait_idle_s=args.wait_idle,
                    log=_log,
                    which=which,
                )
                out[key] = report.trace_suite(res, key)
            continue
        rows = (suite_eager if name == "eager" else suite_compiled).ROWS
        rows = [r for r in rows if args.filter in r.name]
        res = table.run_table(
            rows,
            impls,
            name,
            reps[name],
            BATCH_S[name][q],
            sync_each=args.sync_each,
            wait_idle_s=args.wait_idle,
            log=_log,
        )
        out[name] = report.table_suite(res, name)
    elapsed = time.perf_counter() - t0
    env["load_average"] = {"before": load_before, "after": environment.load_average()}
    busy_rows = [
        *(f"{n}/{r}" for n, su in out.items() for r in su["summary"].get("rows_busy", [])),
        *(n for n, su in out.items() if report.is_busy(su.get("busy_cores"))),
    ]
    env["busy_rows"] = busy_rows
    warnings = [w for w in warnings if "is busy" not in w]
    if busy_rows:
        warnings.append(
            f"warning: {len(busy_rows)} measurement(s) ran while other processes used the "
            f"CPU ({', '.join(busy_rows[:6])}{', ...' if len(busy_rows) > 6 else ''}); "
            "their ratios are unreliable. Re-run when the machine is idle, or use --wait-idle."
        )

    results = {
        "environment": env,
        "config": {
            "quick": args.quick,
            "eager_repeats": reps["eager"],
            "trace_repeats": reps["trace"],
            "compile_repeats": reps["compile"],
            "compiled_repeats": reps["compiled"],
            "trace_program_calls": args.n_calls,
            "eager_sync_each": args.sync_each,
        },
        "targets": {k: {"measure": m, "max_ratio": b} for k, (m, b) in report.TARGETS.items()},
        "suites": out,
        "date": datetime.datetime.now().isoformat(timespec="seconds"),
        "elapsed_s": elapsed,
    }
    md = report.to_markdown(results)
    print(md)
    md_path = args.markdown or (str(DOCS) if args.write_docs else None)
    if md_path:
        path = Path(md_path)
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.resolve() == DOCS.resolve():  # keep the hand-written sections
            md = report.splice_generated(path.read_text() if path.exists() else None, md)
        path.write_text(md)
        _log(f"wrote {md_path}")
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(results, indent=1, default=str))
        _log(f"wrote {args.json}")
    for w in warnings:
        _log(w)
    _log(f"done in {elapsed:.0f} s")
    statuses = [s["summary"]["status"] for s in out.values()]
    return 1 if args.strict and any(s != "pass" for s in statuses) else 0


if __name__ == "__main__":
    sys.exit(main())
