"""Write docs/stats.md's table of every distribution and its methods.

The table is generated from the distribution namespaces themselves (what each
generated module ``jaxwrap.scipy.stats.<name>`` exports), so it cannot drift
from the code.  It replaces the block between the markers::

    <!-- distributions:begin -->  ...  <!-- distributions:end -->

Usage::

    python tools/stats_doc_table.py           # rewrite the block
    python tools/stats_doc_table.py --check   # exit 1 if the block is out of date
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "stats.md"
BEGIN, END = "<!-- distributions:begin -->", "<!-- distributions:end -->"

# method letter -> the methods it stands for (any one present shows the letter)
LETTERS = (
    ("L", ("logpdf", "pdf", "logpmf", "pmf")),
    ("C", ("cdf", "logcdf", "sf", "logsf")),
    ("Q", ("ppf", "isf")),
    ("M", ("mean", "var", "cov")),
    ("H", ("entropy",)),
    ("R", ("rvs",)),
)
_NOT_SHAPES = {"x", "k", "q", "p", "loc", "scale", "size", "key", "n_samples", "mu", "X"}


def _shapes(mod) -> str:
    fn = next((getattr(mod, m) for m in ("logpdf", "logpmf") if hasattr(mod, m)), None)
    if fn is None:
        return ""
    params = list(inspect.signature(fn).parameters)[1:]
    return ", ".join(p for p in params if p not in ("loc", "scale", "allow_singular"))


def rows() -> list[tuple[str, str, str, str]]:
    pkg = importlib.import_module("jaxwrap.scipy.stats")
    out = []
    for name in sorted(pkg.__object_modules__):
        mod = importlib.import_module(f"jaxwrap.scipy.stats.{name}")
        src = mod.__doc__.split("from the distribution table in")[-1].split("``")[1] \
            if "``jaxwrap._src" in (mod.__doc__ or "") else ""
        family = src.rsplit(".", 1)[-1] if src else ""
        have = {m for m in dir(mod) if not m.startswith("_")}
        letters = " ".join(letter for letter, ms in LETTERS if have & set(ms))
        out.append((name, _shapes(mod), letters, family))
    return out


def table() -> str:
    lines = [BEGIN, "",
             "| distribution | shapes | methods | module |", "| --- | --- | --- | --- |"]
    lines += [f"| `{n}` | {s or '—'} | {m} | `{f}.py` |" for n, s, m, f in rows()]
    lines += ["", f"{len(lines) - 4} distributions.", "", END]
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args(argv)
    text = DOC.read_text()
    if BEGIN not in text or END not in text:
        print(f"{DOC}: markers {BEGIN} / {END} missing", file=sys.stderr)
        return 1
    head, rest = text.split(BEGIN, 1)
    tail = rest.split(END, 1)[1]
    new = head + table() + tail
    if args.check:
        return 0 if new == text else 1
    DOC.write_text(new)
    return 0


if __name__ == "__main__":
    sys.exit(main())
