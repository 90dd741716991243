"""Results as one JSON-able dict, and the same results as Markdown tables."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from typing import Any

from benchmarks.environment import BUSY_CORES
from benchmarks.suite_trace import METRICS, TraceResult
from benchmarks.table import RowResult
from benchmarks.timing import CANDIDATE, HOST, IMPL_KEYS, PEER

# The targets, in one place: (what is compared, bound on candidate / jax.numpy).
TARGETS = {
    "eager": ("median over functions of the ratio", 1.0),
    "trace": ("trace-time ratio, generated program", 0.8),
    "trace_train": ("trace-time ratio, training step", 0.8),
    "compiled": ("ratio on every workload", 1.05),
}


def is_busy(cores: float | None) -> bool:
    return cores is not None and cores > BUSY_CORES


def _status(value: float | None, bound: float, incomplete: bool) -> str:
    if value is None:
        return "incomplete"
    if value > bound:
        return "FAIL"
    return "incomplete" if incomplete else "pass"


def _spread(stats: dict[str, Any]) -> float | None:
    """Largest relative IQR among candidate and jax: a noise gauge for the ratio."""
    vals = [stats[k].iqr / stats[k].median for k in (CANDIDATE, PEER) if k in stats]
    return max(vals) if vals else None


def table_suite(results: Sequence[RowResult], name: str) -> dict[str, Any]:
    rows = []
    for r in results:
        rows.append(
            {
                "name": r.name,
                "seconds": {k: r.stats[k].median for k in IMPL_KEYS if k in r.stats},
                "ratio": r.ratio,
                "ratio_median": r.ratio_median,
                "ratio_min": r.ratio_min,
                "spread": _spread(r.stats),
                "check": r.check,
                "errors": r.errors,
                "busy_cores": r.busy,
                "stats_us": {k: s.to_json(1e6) for k, s in r.stats.items()},
            }
        )
    ratios = [row["ratio"] for row in rows if row["ratio"] is not None]
    failed = [row["name"] for row in rows if row["ratio"] is None]
    what, bound = TARGETS[name]
    if name == "eager":
        value = statistics.median(ratios) if ratios else None
    else:
        value = max(ratios) if ratios else None
    summary = {
        "measure": what,
        "value": value,
        "target": bound,
        "status": _status(value, bound, bool(failed)),
        "median_ratio": statistics.median(ratios) if ratios else None,
        "geomean_ratio": statistics.geometric_mean(ratios) if ratios else None,
        "rows_failed": failed,
        "rows_over_target": [
            row["name"] for row in rows if row["ratio"] is not None and row["ratio"] > bound
        ],
        "mismatches": [row["name"] for row in rows if row["check"] not in ("ok", "n/a")],
        "rows_busy": [row["name"] for row in rows if is_busy(row["busy_cores"])],
    }
    return {"rows": rows, "summary": summary}


def trace_suite(res: TraceResult, key: str = "trace") -> dict[str, Any]:
    what, bound = TARGETS[key]
    value = res.ratio("trace")
    incomplete = bool(res.errors or res.dropped)
    return {
        "program": {"name": res.name, "description": res.description, "calls": res.n_calls,
                    "steps": res.n_steps, "steps_left_out": res.dropped},
        "phases": {
            m: {
                "seconds": {k: s.median for k, s in res.stats.get(m, {}).items()},
                "ratio": res.ratio(m),
                "ratio_median": res.ratio(m, by="median"),
                "ratio_min": res.ratio(m, by="min"),
                "stats_ms": {k: s.to_json(1e3) for k, s in res.stats.get(m, {}).items()},
            }
            for m in METRICS
        },
        "jaxpr_eqns": res.eqns,
        "jaxpr_eqns_inlined": res.eqns_inlined,
        "hlo_ops": res.hlo_ops,
        "busy_cores": res.busy,
        "check": res.check,
        "errors": res.errors,
        "summary": {
            "measure": what,
            "value": value,
            "target": bound,
            "status": _status(value, bound, incomplete),
            "compile_ratio": res.ratio("compile"),
        },
    }


# ---- Markdown ----


def _t(seconds: float | None, unit: str | None = None) -> str:
    if seconds is None:
        return "—"
    if unit == "us" or (unit is None and seconds < 1e-3):
        return f"{seconds * 1e6:.1f} µs" if unit is None else f"{seconds * 1e6:.1f}"
    if seconds < 1.0:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds:.2f} s"


def _r(x: float | None, digits: int = 2) -> str:
    return "—" if x is None else f"{x:.{digits}f}"


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{100 * x:.0f}%"


def _note(row: dict[str, Any]) -> str:
    parts = []
    if is_busy(row["busy_cores"]):
        parts.append(f"busy: {row['busy_cores']:.1f} cores used by others")
    if row["check"] not in ("ok", "n/a"):
        parts.append(f"output: {row['check']}")
    for k, e in row["errors"].items():
        parts.append(f"{k}: {e}")
    return "; ".join(parts).replace("|", "\\|")


# docs/benchmarks.md holds one generated block (the latest full run) between these
# markers; what is around it is written by hand (readings, history, hardware that
# the runner cannot reach) and survives a re-run.
BEGIN_MARK = "<!-- benchmarks.run: begin generated block -->"
END_MARK = "<!-- benchmarks.run: end generated block -->"


def splice_generated(existing: str | None, md: str) -> str:
    """Put ``md`` between the markers of ``existing``; the whole page if it has none."""
    if existing is not None and BEGIN_MARK in existing:
        # inside the page its headings sit one level below the page's title
        md = md.replace("# Benchmarks", "# Latest full run", 1)
        md = "\n".join("#" + ln if ln.startswith("#") else ln for ln in md.splitlines())
    block = f"{BEGIN_MARK}\n{md.rstrip()}\n{END_MARK}\n"
    if existing is None or BEGIN_MARK not in existing or END_MARK not in existing:
        return block
    head, _, rest = existing.partition(BEGIN_MARK)
    _, _, tail = rest.partition(END_MARK)
    tail = tail.lstrip("\n")
    return head + block + ("\n" + tail if tail else "")


def to_markdown(results: dict[str, Any]) -> str:
    env, cfg, suites = results["environment"], results["config"], results["suites"]
    cand = env["candidate"]
    out = [
        "# Benchmarks",
        "",
        (
            f"Candidate `{cand}` against `jax.numpy`, with `numpy` for reference, all in one "
            "process; implementations take turns inside every repeat and each figure is a "
            "median over repeats. **ratio = candidate / jax.numpy** (below 1 is faster)."
        ),
        "",
        (
            f"Command: `{env['command']}` ({'quick' if cfg['quick'] else 'full'} run, "
            f"{results['elapsed_s']:.0f} s, {results['date']}). "
            "How to run and what each suite measures: `benchmarks/README.md`."
        ),
        "",
        "## Targets",
        "",
        "| suite | measure | value | target | status |",
        "| --- | --- | ---: | ---: | --- |",
    ]
    for name in ("eager", "trace", "trace_train", "compiled"):
        if name in suites:
            s = suites[name]["summary"]
            out.append(
                f"| {name} | {s['measure']} | {_r(s['value'], 3)} | ≤ {s['target']:.2f} "
                f"| {s['status']} |"
            )
    blas = env["numpy_blas"]
    out += [
        "",
        "## Environment",
        "",
        "| | |",
        "| --- | --- |",
        f"| jax / jaxlib | {env['jax']} / {env['jaxlib']} |",
        (
            f"| numpy | {env['numpy']} (BLAS {blas.get('build', '?')}; "
            f"{blas.get('runtime', 'runtime kernel unknown')}) |"
        ),
        f"| python | {env['python']} |",
        f"| CPU | {env['cpu']}, {env['cores']} cores ({env['cores_usable']} usable) |",
        f"| backend | {env['backend']} ({env['devices']}), x64 {env['x64']} |",
        "| OPENBLAS_CORETYPE / _L2_SIZE unset | "
        + ("yes" if env["openblas_env_unset"] else f"**no** ({env['openblas_env']})")
        + " |",
    ]
    load = env.get("load_average", {})
    if load:
        out.append(f"| load average (1 min) before / after | {load['before']} / {load['after']} |")
    n_busy = len(env.get("busy_rows", []))
    out.append(
        "| measurements disturbed by other processes | "
        + (f"**{n_busy}** (marked busy below; ratios unreliable)" if n_busy else "none")
        + " |"
    )
    if env["XLA_FLAGS"]:
        out.append(f"| XLA_FLAGS | `{env['XLA_FLAGS']}` |")

    if "eager" in suites:
        s = suites["eager"]
        out += [
            "",
            f"## Eager dispatch latency (µs per call, {cfg['eager_repeats']} repeats)",
            "",
            "Small (32x32 float32) concrete arrays, result waited for; numpy on numpy arrays.",
            "",
            "| function | candidate | jax.numpy | numpy | ratio | ratio of mins | spread | note |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
        ]
        for row in s["rows"]:
            sec = row["seconds"]
            out.append(
                f"| {row['name']} | {_t(sec.get(CANDIDATE), 'us')} | {_t(sec.get(PEER), 'us')} "
                f"| {_t(sec.get(HOST), 'us')} | {_r(row['ratio'])} | {_r(row['ratio_min'])} "
                f"| {_pct(row['spread'])} "
                f"| {_note(row)} |"
            )
        sm = s["summary"]
        out += [
            "",
            (
                f"Median ratio **{_r(sm['median_ratio'], 3)}** (target ≤ 1.00: "
                f"{sm['status']}), geometric mean {_r(sm['geomean_ratio'])}."
            ),
        ]
        out += _failed_lines(sm)

    for key in ("trace", "trace_train"):
        if key not in suites:
            continue
        s = suites[key]
        p = s["program"]
        out += [
            "",
            (
                f"## Trace and compile time: {p.get('name', 'generated')} program "
                f"({cfg['trace_repeats']} repeats, compile {cfg['compile_repeats']})"
            ),
            "",
            (
                f"{p.get('description') or 'A generated program of ' + str(p['calls']) + ' namespace calls.'} "
                "trace: `jax.make_jaxpr`; lower: "
                "`jax.jit(f).lower` (includes trace); compile: `lowered.compile()`."
            ),
            "",
            "| phase | candidate | jax.numpy | ratio | ratio of mins | target |",
            "| --- | ---: | ---: | ---: | ---: | --- |",
        ]
        for m in METRICS:
            ph = s["phases"][m]
            tgt = (f"≤ {s['summary']['target']:.2f}: {s['summary']['status']}" if m == "trace"
                   else "(reported)")
            out.append(
                f"| {m} | {_t(ph['seconds'].get(CANDIDATE))} | "
                f"{_t(ph['seconds'].get(PEER))} | {_r(ph['ratio'])} "
                f"| {_r(ph['ratio_min'])} | {tgt} |"
            )
        eq = s["jaxpr_eqns"]
        out += [
            "",
            (
                f"Top-level jaxpr equations: candidate {eq.get(CANDIDATE, '—')}, "
                f"jax.numpy {eq.get(PEER, '—')}. Output check: {s['check']}."
            ),
            (
                "With inner jits inlined: candidate "
                f"{s['jaxpr_eqns_inlined'].get(CANDIDATE, '—')}, jax.numpy "
                f"{s['jaxpr_eqns_inlined'].get(PEER, '—')}; StableHLO ops "
                f"{s['hlo_ops'].get(CANDIDATE, '—')} vs {s['hlo_ops'].get(PEER, '—')}."
            ),
        ]
        if is_busy(s["busy_cores"]):
            out.append(
                f"Measured while other processes used {s['busy_cores']:.1f} cores (unreliable)."
            )
        if p["steps_left_out"]:
            out.append(
                f"Steps left out (not traceable by every implementation): "
                f"{', '.join(p['steps_left_out'])}; the target needs the full program."
            )
        for k, e in s["errors"].items():
            out.append(f"Error ({k}): {e}")

    if "compiled" in suites:
        s = suites["compiled"]
        out += [
            "",
            f"## Compiled run time (per call, {cfg['compiled_repeats']} repeats)",
            "",
            (
                "`jax.jit`, compiled beforehand, `block_until_ready`; numpy runs the same "
                "function eagerly (einsum chains with `optimize=True`)."
            ),
            "",
            (
                "| workload | candidate | jax.numpy | numpy | ratio | ≤ 1.05 | ratio of mins "
                "| ÷ numpy | spread | note |"
            ),
            "| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | --- |",
        ]
        for row in s["rows"]:
            sec, r = row["seconds"], row["ratio"]
            ok = "—" if r is None else ("pass" if r <= TARGETS["compiled"][1] else "FAIL")
            # candidate / numpy (scipy): the only ratio of a row jax has no function for
            vs_host = (sec[CANDIDATE] / sec[HOST]
                       if sec.get(CANDIDATE) and sec.get(HOST) else None)
            out.append(
                f"| {row['name']} | {_t(sec.get(CANDIDATE))} | {_t(sec.get(PEER))} "
                f"| {_t(sec.get(HOST))} | {_r(r)} | {ok} | {_r(row['ratio_min'])} "
                f"| {_r(vs_host)} "
                f"| {_pct(row['spread'])} "
                f"| {_note(row)} |"
            )
        sm = s["summary"]
        out += [
            "",
            (
                f"Worst ratio **{_r(sm['value'], 3)}** (target ≤ 1.05 on every workload: "
                f"{sm['status']}), median {_r(sm['median_ratio'])}."
            ),
        ]
        out += _failed_lines(sm)
    out += [
        "",
        (
            "Times: medians over repeats. ratio (the figure held to the target): within a "
            "repeat the two sides run back to back, and consecutive repeats swap which runs "
            "first; the ratio is the median over pairs of repeats of the geometric mean of "
            "their two within-repeat ratios, so slow drift and any first-runner effect "
            "cancel. ratio of mins: of the fastest repeats. spread: the larger relative "
            "interquartile range of the candidate's and jax.numpy's repeats, a gauge of "
            "the noise. busy: cores used by other processes while the row was timed."
        ),
        "",
    ]
    return "\n".join(out)


def _failed_lines(sm: dict[str, Any]) -> list[str]:
    out = []
    if sm["rows_failed"]:
        out.append(f"Could not run: {', '.join(sm['rows_failed'])}.")
    if sm["mismatches"]:
        out.append(f"Output differs from jax.numpy: {', '.join(sm['mismatches'])}.")
    if sm["rows_busy"]:
        out.append(
            f"Measured while other processes used the CPU (unreliable): "
            f"{', '.join(sm['rows_busy'])}."
        )
    return out
