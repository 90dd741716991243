"""Run the docstring examples of every public name and list the failures.

The pytest file ``tests/test_docs_examples.py`` runs a seeded sample in CI;
this runs them all (minutes) and prints one line per failing docstring with
the file that defines it, then the first failure reports.

    python tools/docs_doctest_all.py [--json PATH]
"""

from __future__ import annotations

import argparse
import inspect
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import test_docs_examples as t  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--json", help="write {name: {file, seconds, failures, report}} here")
    args = p.parse_args(argv)
    results = {}
    cands = t.candidates()
    # the biggest module (scipy.stats, mostly covered by its own test files) last
    order = sorted(cands, key=lambda m: len(cands[m]))
    for name, obj in (c for m in order for c in cands[m]):
        t0 = time.perf_counter()
        try:
            failures, report = t.run_example(name, obj)
        except Exception as e:  # a docstring the parser rejects
            failures, report = 1, f"{type(e).__name__}: {e}"
        try:
            src = inspect.getsourcefile(inspect.unwrap(obj) if callable(obj) else type(obj))
            src = str(Path(src).resolve().relative_to(ROOT)) if src else "?"
        except (TypeError, ValueError):
            src = "?"
        if failures:
            print(f"FAIL {name}  ({src})", flush=True)
        results[name] = {
            "file": src,
            "seconds": round(time.perf_counter() - t0, 3),
            "failures": failures,
            "report": report[:2000],
        }
    bad = {n: r for n, r in results.items() if r["failures"]}
    print(f"{len(results)} docstrings, {len(bad)} failing, "
          f"{sum(r['seconds'] for r in results.values()):.0f} s")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
