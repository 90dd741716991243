"""mpmath references for the far tails of the stats distributions.

Writes ``tests/data/stats/tails.json``: cases ``{dist, method, args, expected,
rtol}`` where scipy itself is inexact or underflows (log cdf / log sf far in
the tails, extreme quantiles).  Values are computed with mpmath at 50 digits
and stored as decimal strings::

    python tools/stats_refs.py            # rewrite the file
    python tools/stats_refs.py --check    # exit 1 if it is out of date
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import mpmath as mp

OUT = Path(__file__).resolve().parents[1] / "tests" / "data" / "stats" / "tails.json"
mp.mp.dps = 50


def _s(v) -> str:
    return mp.nstr(v, 20, min_fixed=-mp.inf, max_fixed=mp.inf) if mp.isfinite(v) else str(float(v))


def norm_logcdf(x):
    return mp.log(mp.ncdf(x))


def norm_ppf(p):
    return mp.findroot(lambda x: mp.log(mp.ncdf(x)) - mp.log(p),
                       -mp.sqrt(-2 * mp.log(p)) if p < 0.5 else 0, tol=mp.mpf(10) ** -40)


def t_cdf(x, df):
    w = df / (df + x * x)
    lower = mp.betainc(df / 2, mp.mpf(1) / 2, 0, w, regularized=True) / 2
    return lower if x < 0 else 1 - lower


def gamma_sf(x, a):
    return mp.gammainc(a, x, mp.inf, regularized=True)


def truncnorm_cdf(x, a, b):
    return (mp.ncdf(x) - mp.ncdf(a)) / (mp.ncdf(b) - mp.ncdf(a))


def skewnorm_cdf(z, a):
    """F(z; a) = 2 int_{-inf}^{az} phi(y) [Phi(z) - Phi(y / a)] dy for a > 0, a z < 0:
    a smooth integrand of the size of the result (no cancellation)."""
    lam = -a * z
    g = lambda s: mp.exp(-s - s**2 / (2 * lam**2)) * (mp.ncdf(z) - mp.ncdf(z - s / (a * lam)))  # noqa: E731
    # dense break points: with [0, 1, 5, 20, 60, inf] mpmath is 6e-12 off at z = -40
    pts = [0, 0.25, 0.5, 1, 2, 3, 5, 7.5, 10, 15, 20, 30, 40, 60, 100, 200, mp.inf]
    return 2 * mp.npdf(a * z) / lam * mp.quad(g, pts, maxdegree=10)


def skewnorm_ppf(p, a):
    return mp.findroot(lambda z: mp.log(skewnorm_cdf(z, a)) - mp.log(p),
                       -mp.sqrt(-2 * mp.log(p) / (1 + a * a)), tol=mp.mpf(10) ** -30)


def cases():
    out = []

    def add(dist, method, args, f, rtol):
        cols = [list(map(float, col)) for col in args]
        exp = [_s(f(*[mp.mpf(c[i]) for c in cols])) for i in range(len(cols[0]))]
        out.append({"dist": dist, "method": method, "args": cols, "expected": exp,
                    "rtol": rtol})

    xs = [-1e3, -200.0, -40.0, -38.0, -20.5, -19.5, -10.0, -5.0, -1.0, 0.0, 3.0, 9.0]
    add("norm", "logcdf", [xs], norm_logcdf, 1e-13)
    add("norm", "logsf", [[-x for x in xs]], lambda x: norm_logcdf(-x), 1e-13)
    ps = [1e-300, 1e-100, 1e-20, 1e-8, 0.01, 0.2, 0.45]
    add("norm", "ppf", [ps], norm_ppf, 1e-13)
    add("norm", "isf", [ps], lambda p: -norm_ppf(p), 1e-13)
    add("t", "logcdf", [[-1e6, -1e4, -300.0, -50.0, -3.0], [3.0, 1.5, 10.0, 25.0, 4.0]],
        lambda x, df: mp.log(t_cdf(x, df)), 1e-11)
    add("t", "logsf", [[1e30, 1e6, 300.0, 60.0], [3.0, 0.7, 10.0, 25.0]],
        lambda x, df: mp.log(t_cdf(-x, df)), 1e-11)
    add("gamma", "logsf", [[800.0, 2000.0, 120.0, 45.0, 900.0], [2.0, 30.0, 0.5, 3.0, 400.0]],
        lambda x, a: mp.log(gamma_sf(x, a)), 1e-11)
    add("expon", "logcdf", [[1e-300, 1e-20, 1e-5, 0.5, 40.0]],
        lambda x: mp.log(-mp.expm1(-x)), 1e-14)
    add("logistic", "logcdf", [[-800.0, -40.0, 0.0, 40.0]],
        lambda x: -mp.log1p(mp.exp(-x)), 1e-14)
    add("gumbel_r", "logsf", [[-3.0, 5.0, 50.0, 600.0]],
        lambda x: mp.log(-mp.expm1(-mp.exp(-x))), 1e-13)
    add("truncnorm", "logcdf", [[8.2, 8.9], [8.0, 8.0], [9.0, 9.0]],
        lambda x, a, b: mp.log(truncnorm_cdf(x, a, b)), 1e-10)
    add("truncnorm", "logsf", [[-30.5, -30.01], [-31.0, -31.0], [-30.0, -30.0]],
        lambda x, a, b: mp.log1p(-truncnorm_cdf(x, a, b)), 1e-10)
    add("lognorm", "logsf", [[1e10, 1e30], [1.0, 2.0]],
        lambda x, s: norm_logcdf(-mp.log(x) / s), 1e-12)
    add("halfnorm", "logsf", [[5.0, 30.0, 300.0]],
        lambda x: mp.log(2 * mp.ncdf(-x)), 1e-13)
    # the light tail of the skew normal, where Phi(z) - 2 T(z, a) cancels (and scipy's
    # ppf is off: ppf(1e-20, 3) = -4.41 where the root is -2.807)
    add("skewnorm", "logcdf", [[-0.7, -2.0, -4.0, -6.0, -40.0, -13.0], [3.0, 3.0, 3.0, 2.0, 3.0, 0.5]],
        lambda z, a: mp.log(skewnorm_cdf(z, a)), 1e-13)
    add("skewnorm", "logsf", [[2.0, 4.0, 40.0], [-3.0, -3.0, -3.0]],
        lambda z, a: mp.log(skewnorm_cdf(-z, -a)), 1e-13)
    add("skewnorm", "ppf", [[1e-20, 1e-50, 1e-300], [3.0, 0.5, 3.0]], skewnorm_ppf, 1e-12)
    add("skewnorm", "isf", [[1e-20, 1e-100], [-3.0, -0.5]],
        lambda p, a: -skewnorm_ppf(p, -a), 1e-12)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args(argv)
    text = json.dumps({"generator": "tools/stats_refs.py", "mpmath_dps": mp.mp.dps,
                       "cases": cases()}, indent=1) + "\n"
    if args.check:
        return 0 if OUT.exists() and OUT.read_text() == text else 1
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text)
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
