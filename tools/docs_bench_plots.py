"""Benchmark (and accuracy) figures of the documentation site.

Input: the JSON that ``python -m benchmarks.run --json PATH`` writes. A copy is
kept as ``docs/data/benchmarks.json`` so that the site builds from a fresh
clone; refresh it with::

    python -m benchmarks.run --json /tmp/bench.json
    python tools/docs_bench_plots.py --from /tmp/bench.json

(``--from`` several times merges runs of single suites.)

``docs/conf.py`` calls `write_figures` at every build. It writes, under
``docs/figures/`` (ignored by git):

* ``bench_<suite>.png`` for the eager and compiled suites: the jaxwrap / jax.numpy
  ratio of every row as a dot (log scale) with a bar of its spread s (the larger
  relative inter-quartile range of the two timings: ratio / (1 + s) to
  ratio * (1 + s)), the suite's median spread as a shaded noise band around 1,
  and the suite's target; ``bench_trace.png`` for
  the trace suite's phases;
* ``bench_<suite>.json`` beside each plot: exactly the numbers plotted;
* ``index.rst``: the page that shows them, plus the special-function error
  plots (``docs/img/special_*.png``, ``docs/special_accuracy*.png`` or
  ``docs/special_accuracy/*.png``, ``.svg`` too) when ``tools/special_plots.py``
  or ``tools/special_accuracy_report.py`` has made them.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
DATA = DOCS / "data" / "benchmarks.json"
OUT = DOCS / "figures"

SUITE_TITLES = {
    "eager": "Eager dispatch: small concrete arrays, one call each",
    "compiled": "Compiled workloads: jitted programs on large arrays",
    "trace": "Tracing and compiling one generated program",
}


def _table_data(suite: dict) -> dict:
    rows = [r for r in suite["rows"] if r.get("ratio") is not None]
    spreads = [r["spread"] for r in rows if r.get("spread") is not None]
    return {
        "rows": [
            {
                "name": r["name"],
                "ratio": r["ratio"],
                "spread": r.get("spread"),
                "busy": bool(r.get("busy_cores") and r["busy_cores"] >= 0.5),
            }
            for r in rows
        ],
        "noise_band": statistics.median(spreads) if spreads else 0.0,
        "target": suite["summary"]["target"],
        "value": suite["summary"]["value"],
        "measure": suite["summary"]["measure"],
    }


def _trace_data(suite: dict) -> dict:
    rows = [
        {"name": phase, "ratio": ph["ratio"], "spread": None, "busy": False}
        for phase, ph in suite["phases"].items()
        if ph.get("ratio") is not None
    ]
    s = suite["summary"]
    return {"rows": rows, "noise_band": 0.0, "target": s["target"], "value": s["value"], "measure": s["measure"]}


def _plot(data: dict, title: str, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import matplotlib.ticker

    rows = data["rows"]
    n = len(rows)
    fig, ax = plt.subplots(figsize=(7.5, 1.6 + 0.22 * max(n, 3)))
    ys = list(range(n))[::-1]
    # log scale: a spread s is the multiplicative band [r / (1 + s), r * (1 + s)]
    band = data["noise_band"]
    if band:
        ax.axvspan(1 / (1 + band), 1 + band, color="0.88", label=f"noise band (median spread {band:.0%})")
    ax.axvline(1.0, color="0.3", lw=1)
    ax.axvline(data["target"], color="tab:red", lw=1, ls="--", label=f"target {data['target']:g}")
    for y, r in zip(ys, rows, strict=True):
        s = r["spread"] or 0.0
        lo, hi = r["ratio"] - r["ratio"] / (1 + s), r["ratio"] * s
        color = "tab:orange" if r["busy"] else "tab:blue"
        ax.errorbar(r["ratio"], y, xerr=[[lo], [hi]], fmt="o", ms=4, color=color, ecolor=color, capsize=2)
    if any(r["busy"] for r in rows):
        ax.plot([], [], "o", color="tab:orange", label="timed while the machine was busy")
    ax.set_xscale("log")
    ratios = [r["ratio"] for r in rows]
    ax.set_xlim(max(0.05, min(0.5, min(ratios) / 1.5)), min(20.0, max(2.0, max(ratios) * 1.5)))
    ax.set_yticks(ys, [r["name"] for r in rows], fontsize=7)
    ax.set_xlabel("time ratio jaxwrap / jax.numpy (below 1: jaxwrap faster)")
    ax.set_title(title, fontsize=10)
    ax.set_ylim(-0.7, n - 0.3)
    ax.xaxis.set_major_formatter(matplotlib.ticker.FormatStrFormatter("%g"))
    ax.xaxis.set_minor_formatter(matplotlib.ticker.NullFormatter())
    ax.set_xticks([t for t in (0.1, 0.25, 0.5, 1, 2, 4, 10) if ax.get_xlim()[0] <= t <= ax.get_xlim()[1]])
    fig.legend(fontsize=7, loc="lower center", ncol=3, frameon=False)
    fig.tight_layout(rect=(0, 0.06 + 0.5 / (1.6 + 0.22 * max(n, 3)), 1, 1))
    fig.savefig(path, dpi=110)
    plt.close(fig)


def _special_figures() -> list[Path]:
    found = sorted((DOCS / "img").glob("special_*.png")) if (DOCS / "img").is_dir() else []
    found += sorted(p for ext in ("png", "svg") for p in DOCS.glob(f"special_accuracy*.{ext}"))
    found += sorted(p for ext in ("png", "svg") for p in DOCS.glob(f"special_accuracy/*.{ext}"))
    return found


def write_figures(source: Path = DATA, out: Path = OUT) -> list[str]:
    """Make every figure and the page that shows them; return the suites plotted."""
    out.mkdir(parents=True, exist_ok=True)
    results = json.loads(source.read_text()) if source.exists() else {"suites": {}}
    env = results.get("environment", {})
    lines = [
        "Benchmark and accuracy figures",
        "==============================",
        "",
        "Made at build time by ``tools/docs_bench_plots.py`` from the benchmark results",
        "``docs/data/benchmarks.json`` (written by ``python -m benchmarks.run --json``); the",
        "numbers behind every plot are in the JSON file linked under it. The tables of the last",
        "full run, and how to run the benchmarks, are on the :doc:`benchmarks page <../benchmarks>`.",
        "",
    ]
    if env:
        quick = results.get("config", {}).get("quick")
        lines += [
            f"Run of {results.get('date', '?')} ({'quick' if quick else 'full'} settings): jax "
            f"{env.get('jax', '?')}, {env.get('cpu', '?')}, {env.get('cores', '?')} cores, backend "
            f"{env.get('backend', '?')}. Busy rows ({len(env.get('busy_rows', []))}) were timed while "
            "other processes used the CPU: their ratios are unreliable.",
            "",
        ]
        for run in results.get("runs", []):
            lines += [f"* ``{run['command']}`` ({run['date']}): {', '.join(run['suites'])}", ""]
    plotted = []
    for name, suite in results.get("suites", {}).items():
        data = _trace_data(suite) if name == "trace" else _table_data(suite)
        if not data["rows"]:
            continue
        png, js = out / f"bench_{name}.png", out / f"bench_{name}.json"
        js_text = json.dumps(data, indent=1) + "\n"
        if not png.exists() or not js.exists() or js.read_text() != js_text:
            _plot(data, SUITE_TITLES.get(name, name), png)
            js.write_text(js_text)
        title = SUITE_TITLES.get(name, name)
        value = data["value"]
        lines += [
            title,
            "-" * len(title),
            "",
            f"Suite ``{name}``: {data['measure']} {value:.3g} (target at most {data['target']:g}).",
            "",
            f".. image:: bench_{name}.png",
            f"   :alt: jaxwrap / jax.numpy time ratios of the {name} suite",
            "",
            f"Data: :download:`bench_{name}.json <bench_{name}.json>`.",
            "",
        ]
        plotted.append(name)
    if not plotted:
        lines += ["No benchmark results are recorded yet (``docs/data/benchmarks.json``).", ""]
    special = _special_figures()
    lines += ["Special functions: error plots", "------------------------------", ""]
    if special:
        lines += [
            "Errors in units in the last place against mpmath, made by ``tools/special_plots.py``",
            "(accuracy tables and how the plots are made: :doc:`../special`).",
            "",
        ]
        for p in special:
            rel = "../" + p.relative_to(DOCS).as_posix()
            lines += [f".. image:: {rel}", f"   :alt: {p.stem}", ""]
            data = p.with_suffix(".json")
            if data.exists():
                lines += [f"Data: :download:`{data.name} <../{data.relative_to(DOCS).as_posix()}>`.", ""]
    else:
        lines += [
            "No error plots have been made yet: ``python tools/special_accuracy_report.py`` writes",
            "them (accuracy tables: :doc:`../special`).",
            "",
        ]
    text = "\n".join(lines) + "\n"
    page = out / "index.rst"
    if not page.exists() or page.read_text() != text:
        page.write_text(text)
    return plotted


def merge(runs: list[dict]) -> dict:
    """One result from runs of single suites: the first run's fields, every suite,
    and each run's environment and date kept under ``runs``."""
    out = dict(runs[0])
    out["suites"] = {k: v for r in runs for k, v in r["suites"].items()}
    out["runs"] = [
        {"suites": list(r["suites"]), "date": r.get("date"), "command": r.get("environment", {}).get("command")}
        for r in runs
    ]
    out["environment"] = dict(runs[0].get("environment", {}))
    out["environment"]["busy_rows"] = [b for r in runs for b in r.get("environment", {}).get("busy_rows", [])]
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument(
        "--from",
        dest="sources",
        action="append",
        help="a benchmarks.run JSON to record as docs/data/benchmarks.json first; given "
        "several times (one run per suite), their suites are merged",
    )
    args = p.parse_args(argv)
    if args.sources:
        DATA.parent.mkdir(parents=True, exist_ok=True)
        if len(args.sources) == 1:
            shutil.copyfile(args.sources[0], DATA)
        else:
            DATA.write_text(json.dumps(merge([json.loads(Path(s).read_text()) for s in args.sources]), indent=1))
    print("plotted:", ", ".join(write_figures()) or "nothing")
    return 0


if __name__ == "__main__":
    sys.exit(main())
