"""The accuracy table and error plots of docs/special.md.

Runs every case of ``tests/data/special/*.json`` (the mpmath references made
by ``python -m tools.special_refs.make``) through jaxwrap.scipy.special,
jax.scipy.special and scipy.special, and writes

* ``docs/special_accuracy.json`` — max / median ULP error per function,
  region and dtype, for each implementation (the data behind the table);
* the table between the markers in ``docs/special.md``;
* ``docs/img/special_<function>.png`` — error against the argument for the
  functions listed in ``PLOTS`` (one-argument cases), with the data beside
  each plot as ``docs/img/special_<function>.json``.

Usage::

    python tools/special_accuracy_report.py              # everything
    python tools/special_accuracy_report.py gamma bessel # some families
    python tools/special_accuracy_report.py --from-jsonl run.jsonl [--no-plots]

``--from-jsonl`` builds the table from the measurements a test run recorded
(``JAXWRAP_ACCURACY_OUT=run.jsonl pytest tests/test_special_*.py``), without
evaluating anything again.

Cases on which jax.scipy.special is known to hang (jax's exp1 / expi / expn
on small arguments, complex loggamma at large |z|) are not run through jax:
``HANGS_JAX`` lists them.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import accuracy as acc  # noqa: E402

DOC = ROOT / "docs" / "special.md"
BEGIN, END = "<!-- accuracy-table:begin -->", "<!-- accuracy-table:end -->"
# jax.scipy.special 0.10.2 does not return on these (measured: > 25 s).
HANGS_JAX = {"exp1", "expi", "expn"}
PLOTS = ("gammaln", "digamma", "erfcx", "log_ndtr", "ndtri", "gammainc", "j0", "y0", "jv",
         "i0e", "k0", "exp1", "expi", "hyp1f1", "lambertw", "spence", "zeta")


def _families(argv):
    return argv or sorted(p.stem for p in acc.DATA.glob("*.json"))


def measure_all(families):
    rows = []
    for fam in families:
        for case in acc.load(fam):
            peer = not (case.function in HANGS_JAX or
                        (case.function == "loggamma" and case.dtype.startswith("complex")))
            try:
                m = acc.measure(case, peer=peer)
            except Exception as e:  # a function that is not there yet: report, go on
                print(f"skip {case.id}: {type(e).__name__}: {e}", file=sys.stderr)
                continue
            rows.append({"family": fam, "function": case.function, "region": case.region,
                         "dtype": case.dtype, "n": int(case.expected.size),
                         "jaxwrap": m.max_ulp, "median": m.median_ulp, "jax": m.peer_max_ulp,
                         "scipy": m.scipy_max_ulp, "worst_args": list(map(str, m.worst_args))})
    return rows


def _fmt(v):
    if v is None:
        return "–"
    if not np.isfinite(v):
        return "**inf/NaN**"
    return f"{v:.3g}" if v < 1e4 else f"{v:.1e}"


def table(rows) -> str:
    by = defaultdict(list)
    for r in rows:
        by[(r["function"], r["dtype"])].append(r)
    out = ["| function | dtype | regions | points | jaxwrap max ULP (typical / hard) | "
           "jax | scipy |", "|---|---|---|---|---|---|---|"]
    for (fn, dt), rs in sorted(by.items()):
        typ = [r for r in rs if r["region"] == "typical"]
        hard = [r for r in rs if r["region"] != "typical"]

        def mx(sel, key):
            vals = [r[key] for r in sel if r[key] is not None]
            return max(vals) if vals else None
        ours = f"{_fmt(mx(typ, 'jaxwrap'))} / {_fmt(mx(hard, 'jaxwrap'))}"
        out.append(f"| {fn} | {dt} | {len(rs)} | {sum(r['n'] for r in rs)} | {ours} | "
                   f"{_fmt(mx(rs, 'jax'))} | {_fmt(mx(rs, 'scipy'))} |")
    return "\n".join(out)


def plots(families):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    img = ROOT / "docs" / "img"
    img.mkdir(parents=True, exist_ok=True)
    import importlib
    special = importlib.import_module("jaxwrap.scipy.special")
    for fam in families:
        for fn_name in PLOTS:
            cases = [c for c in acc.load(fam) if c.function == fn_name and len(c.args) == 1
                     and not c.dtype.startswith("complex")]
            if not cases or not hasattr(special, fn_name):
                continue
            fig, ax = plt.subplots(figsize=(6, 3.2))
            data = {}
            for impl, mod in (("jaxwrap", "jaxwrap.scipy.special"),
                              ("jax", "jax.scipy.special"), ("scipy", "scipy.special")):
                f = acc.peer_function(mod, fn_name)
                if f is None or (impl == "jax" and fn_name in HANGS_JAX):
                    continue
                for c in cases:
                    if c.dtype != "float64":
                        continue
                    try:
                        err = acc.ulp_error(acc._call(f, c), c.expected, c.dtype)
                    except Exception:
                        continue
                    x = np.asarray(c.args[0], np.float64)
                    order = np.argsort(x)
                    shown = np.clip(err[order], 0.25, 1e16)
                    ax.semilogy(x[order], shown, ".", ms=2,
                                label=impl if c is cases[0] else None,
                                color={"jaxwrap": "C0", "jax": "C3", "scipy": "C2"}[impl])
                    data.setdefault(impl, []).append(
                        {"region": c.region, "x": x.tolist(), "ulp": err.tolist()})
            ax.set_title(f"{fn_name}: error in float64 ULPs vs mpmath")
            ax.set_xlabel("x")
            ax.set_ylabel("ULP (clipped to [0.25, 1e16])")
            ax.legend(loc="best", fontsize=8)
            fig.tight_layout()
            fig.savefig(img / f"special_{fn_name}.png", dpi=110)
            plt.close(fig)
            (img / f"special_{fn_name}.json").write_text(json.dumps(data))


def _from_jsonl(path):
    rows, seen = [], set()
    for line in Path(path).read_text().splitlines():
        r = json.loads(line)
        key = (r["function"], r["region"], r["dtype"])
        if key in seen:  # a case measured twice in one run: keep the first
            continue
        seen.add(key)
        r.setdefault("family", "")
        r.setdefault("worst_args", [])
        rows.append(r)
    return rows


def main(argv) -> int:
    plot = "--no-plots" not in argv
    argv = [a for a in argv if a != "--no-plots"]
    if argv[:1] == ["--from-jsonl"]:
        rows, fams, argv = _from_jsonl(argv[1]), [], []
    else:
        fams = _families(argv)
        rows = measure_all(fams)
    out = ROOT / "docs" / "special_accuracy.json"
    old = json.loads(out.read_text()) if out.exists() and argv else []
    keep = [r for r in old if r["family"] not in fams]
    rows = sorted(keep + rows, key=lambda r: (r["function"], r["dtype"], r["region"]))
    out.write_text(json.dumps(rows, indent=0) + "\n")
    text = DOC.read_text() if DOC.exists() else f"# jaxwrap.scipy.special\n\n{BEGIN}\n{END}\n"
    head, _, rest = text.partition(BEGIN)
    _, _, tail = rest.partition(END)
    DOC.write_text(f"{head}{BEGIN}\n{table(rows)}\n{END}{tail}")
    if plot:
        plots(fams or _families([]))
    print(f"{len(rows)} measurements -> {out.relative_to(ROOT)}, {DOC.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
