"""Accuracy plots for jaxwrap.scipy.special (issue 10), written under docs/special_accuracy/.

Three kinds of figure, each PNG with the JSON of its data beside it:

* ``<family>_summary.png``: the accuracy table (docs/special_accuracy.json) as bars, the
  max error in ULP per function and region, jaxwrap against jax and scipy, float32 and
  float64 panels.
* ``<family>_vs_arg.png``: error in ULP against the argument, per function, on the
  mpmath reference points of tests/data/special/<family>.json (float64), for jaxwrap,
  jax and scipy; the x axis is the last real argument (symlog scale).
* ``complex_<function>.png``: log10 of the relative error over the complex plane
  (|z| from 1e-3 to 1e3, all arguments, polar grid) against mpmath at 30 digits, for
  jaxwrap and scipy (and jax where it has the complex form), complex128.  The maxima,
  with the complex64 figures against jax, go to docs/special_accuracy_complex.json.

Usage::

    python -m tools.special_plots                 # everything
    python -m tools.special_plots summary         # just the bar charts (seconds)
    python -m tools.special_plots complex         # the complex-plane maps
    python -m tools.special_plots vs_arg gamma errfun
    python -m tools.special_plots inventory       # complex support against scipy's loops

Needs matplotlib (the docs extra) and mpmath.
"""

from __future__ import annotations

import json
import sys
import warnings
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "special_accuracy"
TABLE = ROOT / "docs" / "special_accuracy.json"
COMPLEX_TABLE = ROOT / "docs" / "special_accuracy_complex.json"
HARD_FAMILIES = ("gamma", "errfun", "expint", "bessel", "hypergeometric")
# Tuple-valued functions: which element a case measures ("<function>.<part>" names,
# or fresnel's regions S_* / C_*).
PARTS = {"sici": ("si", "ci"), "shichi": ("shi", "chi")}
# jax.scipy.special 0.10.2 never returns on arrays of small arguments for these
# (measured, issue 10): the plots leave jax out rather than hang.
JAX_HANGS = {"exp1", "expi", "expn"}


def _part_fn(fn, name, region):
    base, _, part = name.partition(".")
    if base in PARTS and part:
        i = PARTS[base].index(part)
    elif base == "fresnel":
        i = 1 if region.startswith("C") else 0
    else:
        return fn
    return lambda *a, **k: fn(*a, **k)[i]
COLORS = {"jaxwrap": "tab:blue", "jax": "tab:orange", "scipy": "tab:green"}


def _plt():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _save(fig, name, data):
    OUT.mkdir(parents=True, exist_ok=True)
    fig.savefig(OUT / f"{name}.png", dpi=80, bbox_inches="tight")
    _plt().close(fig)
    (OUT / f"{name}.json").write_text(json.dumps(data, indent=0, allow_nan=True) + "\n")
    print("wrote", OUT / f"{name}.png")


# --- 1. the accuracy table as bars ----------------------------------------------------------
def summary():
    plt = _plt()
    rows = json.loads(TABLE.read_text())
    fams = defaultdict(list)
    for r in rows:
        fams[r["family"]].append(r)
    for fam, rs in sorted(fams.items()):
        dts = ("float32", "float64")
        labels = sorted({f"{r['function']} / {r['region']}" for r in rs})
        fig, axes = plt.subplots(1, 2, figsize=(11, 0.22 * len(labels) + 1.5), sharey=True)
        for ax, dt in zip(axes, dts):
            by = {f"{r['function']} / {r['region']}": r for r in rs if r["dtype"] == dt}
            y = np.arange(len(labels))
            for k, impl in enumerate(("jaxwrap", "jax", "scipy")):
                v = [by.get(lab, {}).get(impl) for lab in labels]
                v = np.array([np.nan if a is None else max(float(a), 0.5) for a in v])
                ax.barh(y + (k - 1) * 0.27, v, height=0.27, color=COLORS[impl], label=impl)
            ax.set_xscale("log")
            ax.set_title(f"{fam}, {dt}: max error (ULP)")
            ax.axvline(1, color="k", lw=0.5)
            ax.set_yticks(y, labels, fontsize=7)
            ax.invert_yaxis()
        axes[0].legend(fontsize=7, loc="lower right")
        _save(fig, f"{fam}_summary", rs)


# --- 2. error against the argument on the reference points ----------------------------------
def vs_arg(families=HARD_FAMILIES):
    sys.path.insert(0, str(ROOT))
    from tests import accuracy as A

    plt = _plt()
    for fam in families:
        cases = [c for c in A.load(fam) if c.dtype == "float64" and c.kwargs in ({}, None)]
        by_fn = defaultdict(list)
        for c in cases:
            by_fn[c.function].append(c)
        names = sorted(by_fn)
        ncol = 4
        nrow = -(-len(names) // ncol)
        fig, axes = plt.subplots(nrow, ncol, figsize=(4 * ncol, 2.8 * nrow), squeeze=False,
                                 layout="constrained")
        data = []
        for ax, name in zip(axes.flat, names):
            pts = defaultdict(list)
            for c in by_fn[name]:
                xi = max((i for i, a in enumerate(c.args) if a.dtype.kind == "f"), default=None)
                if xi is None:
                    continue
                x = np.asarray(c.args[xi], np.float64)
                for impl, mod in (("jaxwrap", "jaxwrap.scipy.special"),
                                  ("jax", "jax.scipy.special"), ("scipy", "scipy.special")):
                    base = name.partition(".")[0]
                    if impl == "jax" and base in JAX_HANGS:
                        continue
                    fn = A.peer_function(mod, name if base not in PARTS else base)
                    if fn is None:
                        continue
                    fn = _part_fn(fn, name, c.region)
                    try:
                        with warnings.catch_warnings(), np.errstate(all="ignore"):
                            warnings.simplefilter("ignore")
                            got = A._call(fn, c) if impl != "scipy" else fn(*c.args)
                        err = A.ulp_error(got, c.expected, c.dtype)
                        xs = np.broadcast_to(x, err.shape).ravel()
                    except Exception:  # the peer rejects these arguments (or shapes differ)
                        continue
                    pts[impl].append((xs, err.ravel()))
            for impl, parts in pts.items():
                x = np.concatenate([p[0] for p in parts])
                e = np.concatenate([p[1] for p in parts])
                shown = np.where(np.isfinite(e), np.maximum(e, 0.1), 1e17)  # inf/NaN on top
                ax.scatter(x, shown, s=4, color=COLORS[impl], label=impl, alpha=0.7)
                data.append({"function": name, "impl": impl, "x": [float(v) for v in x],
                             "ulp": [float(v) if np.isfinite(v) else None for v in e]})
            ax.set_xscale("symlog", linthresh=1e-3)
            ax.set_yscale("log")
            ax.set_ylim(0.05, 3e17)
            ax.set_title(name, fontsize=9)
            ax.tick_params(labelsize=6)
        for ax in list(axes.flat)[len(names):]:
            ax.axis("off")
        axes[0, 0].legend(fontsize=7)
        fig.suptitle(f"{fam}, float64: error (ULP) against the last real argument "
                     "(non-finite errors drawn at 1e17)", fontsize=10)
        _save(fig, f"{fam}_vs_arg", data)


# --- 3. complex-plane maps --------------------------------------------------------------------
def _complex_refs():
    import mpmath as mp

    s2 = mp.sqrt(2)

    def log_ndtr(v):
        return mp.log1p(-mp.erfc(v / s2) / 2) if v.real > 0 else mp.log(mp.erfc(-v / s2) / 2)

    # name: (mpmath reference, jax peer has it, |z| max for jax)
    return {
        "loggamma": (mp.loggamma, True),
        "gamma": (mp.gamma, True),
        "digamma": (mp.digamma, False),
        "spence": (lambda v: mp.polylog(2, 1 - v), False),
        "log_ndtr": (log_ndtr, False),
        "erf": (mp.erf, False),
    }


JAX_RMAX = 300.0  # jax 0.10.2's complex loggamma does not return for |z| >= 1e3 (issue 10)


def _grid(nr=48, nt=64):
    r = np.logspace(-3, 3, nr)
    # arguments just off the cut (+-pi) included, none exactly on it
    t = np.linspace(-np.pi, np.pi, nt + 1)[:-1] + np.pi / nt / 2
    return r, t, (r[:, None] * np.exp(1j * t[None, :]))


def complex_maps(names=None):
    import jax
    import jax.scipy.special as jsp
    import mpmath as mp
    import scipy.special as ss

    import jaxwrap.scipy.special as js

    mp.mp.dps = 30
    plt = _plt()
    refs = _complex_refs()
    r, t, z = _grid()
    table = []
    for name in names or refs:
        f, has_jax = refs[name]
        flat = z.ravel()
        ref = np.array([complex(f(mp.mpc(v.real, v.imag))) for v in flat])
        ok = np.isfinite(ref) & (np.abs(ref) > 1e-300) & (np.abs(ref) < 1e300)
        errs = {}
        with jax.enable_x64(True):
            errs["jaxwrap"] = np.abs(np.asarray(jax.jit(getattr(js, name))(flat)) - ref) / np.abs(ref)
            if has_jax:
                near = np.abs(flat) < JAX_RMAX
                e = np.full(flat.shape, np.nan)
                e[near] = np.abs(np.asarray(jax.jit(getattr(jsp, name))(flat[near])) - ref[near]) \
                    / np.abs(ref[near])
                errs["jax"] = e
                row_same = float(np.nanmax(np.where(near & ok, errs["jaxwrap"], np.nan)))
        with np.errstate(all="ignore"):
            errs["scipy"] = np.abs(getattr(ss, name)(flat) - ref) / np.abs(ref)
        row = {"function": name, "dtype": "complex128", "n": int(ok.sum())}
        if has_jax:  # jaxwrap on the points where jax was measured (|z| < JAX_RMAX)
            row["jaxwrap_same_points"] = row_same
        for impl, e in errs.items():
            e = np.where(ok, e, np.nan)
            row[impl] = float(np.nanmax(np.where(np.isnan(e) & ok & (impl != "jax"), np.inf, e)))
            row[impl + "_median"] = float(np.nanmedian(e))
        # complex64 against jax (and the complex128 reference), where jax has the form
        z32 = flat.astype(np.complex64)
        ref32 = np.array([complex(f(mp.mpc(complex(v).real, complex(v).imag))) for v in z32])
        ok32 = np.isfinite(ref32) & (np.abs(ref32) > 1e-30) & (np.abs(ref32) < 1e30)
        e32 = np.abs(np.asarray(getattr(js, name)(z32)).astype(complex) - ref32) / np.abs(ref32)
        row["jaxwrap_complex64"] = float(np.nanmax(np.where(ok32, e32, np.nan)))
        if has_jax:
            near = ok32 & (np.abs(z32) < JAX_RMAX)
            ej = np.abs(np.asarray(getattr(jsp, name)(z32[near])).astype(complex) - ref32[near]) \
                / np.abs(ref32[near])
            row["jax_complex64"] = float(np.nanmax(ej))
            row["jaxwrap_complex64_same_points"] = float(np.nanmax(e32[near]))
        table.append(row)
        impls = list(errs)
        fig, axes = plt.subplots(1, len(impls), figsize=(4.2 * len(impls), 3.6), squeeze=False)
        data = {"function": name, "abs_z": r.tolist(), "arg_z": t.tolist()}
        for ax, impl in zip(axes[0], impls):
            e = np.where(ok, errs[impl], np.nan).reshape(z.shape)
            le = np.log10(np.maximum(e, 1e-17))
            im = ax.pcolormesh(t, np.log10(r), le, vmin=-17, vmax=-10, cmap="viridis",
                               shading="nearest")
            ax.set_xlabel("arg z")
            if ax is axes[0][0]:
                ax.set_ylabel("log10 |z|")
            ax.set_title(f"{impl}: max {np.nanmax(e):.1e}", fontsize=9)
            data[impl] = np.round(le, 2).tolist()
        fig.colorbar(im, ax=axes[0].tolist(), label="log10 relative error")
        fig.suptitle(f"{name}(z), complex128, against mpmath", fontsize=10)
        _save(fig, f"complex_{name}", data)
    COMPLEX_TABLE.write_text(json.dumps(table, indent=1) + "\n")
    print("wrote", COMPLEX_TABLE)
    update_doc()


# --- 4. which scipy ufuncs take complex input, and does jaxwrap ----------------------------------
def inventory():
    """For every scipy.special ufunc with a complex loop ('D' or 'F' among its inputs), call
    jaxwrap's function of that name on a few complex points and compare with scipy; writes
    docs/special_accuracy/complex_inventory.json and prints the table."""
    import jax
    import scipy.special as ss

    import jaxwrap.scipy.special as js

    rng = np.random.default_rng(0)
    rows = []
    for name in sorted(dir(ss)):
        f = getattr(ss, name)
        if not isinstance(f, np.ufunc):
            continue
        loops = [t.split("->")[0] for t in f.types]
        loops = [t for t in loops if "D" in t] or [t for t in loops if "F" in t]
        if not loops:
            continue
        sig = loops[0]
        args = []
        for ch in sig:
            if ch in "DF":
                args.append(rng.uniform(0.2, 2.0, 6) + 1j * rng.uniform(-1.5, 1.5, 6))
            elif ch in "lip":
                args.append(np.array([1, 2, 0, 3, 1, 2]))
            else:
                args.append(rng.uniform(0.2, 1.5, 6))
        row = {"function": name, "scipy_loop": sig}
        if not hasattr(js, name):
            row["jaxwrap"] = "missing"
        else:
            try:
                with jax.enable_x64(True), np.errstate(all="ignore"):
                    ref = f(*args)
                    got = getattr(js, name)(*args)
                ref = ref if isinstance(ref, tuple) else (ref,)
                got = got if isinstance(got, tuple) else (got,)
                err = max(float(np.nanmax(np.abs(np.asarray(g) - r) / np.abs(r)))
                          for g, r in zip(got, ref))
                row["jaxwrap"] = "matches scipy" if err < 1e-12 else "differs from scipy"
                row["max_rel_diff"] = err
                row["dtype"] = str(np.asarray(got[0]).dtype)
            except TypeError as e:
                row["jaxwrap"] = "TypeError: " + str(e)[:90]
        rows.append(row)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "complex_inventory.json").write_text(json.dumps(rows, indent=1) + "\n")
    for r in rows:
        print(f"{r['function']:18s} {r['scipy_loop']:6s} {r['jaxwrap']}")


# --- docs/special.md: the complex table between its markers ---------------------------------
DOC = ROOT / "docs" / "special.md"


def update_doc():
    rows = json.loads(COMPLEX_TABLE.read_text())

    def f(v):
        return "–" if v is None else f"{v:.2g}"

    lines = ["| function | points | jaxwrap | jaxwrap (same points as jax) | jax | scipy | "
             "jaxwrap complex64 | jax complex64 |", "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['function']} | {r['n']} | {f(r.get('jaxwrap'))} | "
                     f"{f(r.get('jaxwrap_same_points'))} | {f(r.get('jax'))} | "
                     f"{f(r.get('scipy'))} | {f(r.get('jaxwrap_complex64'))} | "
                     f"{f(r.get('jax_complex64'))} |")
    text = DOC.read_text()
    a, b = "<!-- complex-table:begin -->\n", "<!-- complex-table:end -->"
    i, j = text.index(a) + len(a), text.index(b)
    DOC.write_text(text[:i] + "\n".join(lines) + "\n" + text[j:])
    print("updated", DOC)


def main(argv):
    what = argv[:1] or ["all"]
    rest = argv[1:]
    if what[0] in ("all", "summary"):
        summary()
    if what[0] in ("all", "complex"):
        complex_maps(rest or None)
    if what[0] in ("all", "vs_arg"):
        vs_arg(rest or HARD_FAMILIES)
    if what[0] in ("all", "inventory"):
        inventory()
    if what[0] == "doc":
        update_doc()


if __name__ == "__main__":
    main(sys.argv[1:])
