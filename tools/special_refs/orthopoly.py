"""mpmath references for the orthogonal polynomials (jaxwrap.scipy.special.orthopoly).

Regions: "typical" (degree <= 50, x on the orthogonality interval or the
usual range, at points where the value is well conditioned: relative
condition number |x p'(x) / p(x)| <= 4 (n + 1), i.e. not next to one of the
n zeros), "near_zero" (the same kind of points next to a zero, where any
evaluation's relative error is the condition number times a few ulps), "large_n" (degree 100 .. 1000), "edge" (x next to the
interval's end points, where trigonometric forms lose digits), "outside"
(|x| > 1 for the Jacobi-type families: monotone growth), "real_n"
(non-integral degree, Chebyshev only).
"""

from __future__ import annotations

import mpmath as mp
import numpy as np

from tools.special_refs.make import Case

SEED = 20261206


def _rng(tag: str):
    return np.random.default_rng([SEED, sum(map(ord, tag))])


def _pts(tag, k, n_lo, n_hi, x_lo, x_hi, extra=()):
    r = _rng(tag)
    n = r.integers(n_lo, n_hi + 1, size=k).tolist()
    x = r.uniform(x_lo, x_hi, size=k).tolist()
    return n, x, [r.uniform(lo, hi, size=k).tolist() for lo, hi in extra]


def _sh(f):
    return lambda n, *a: f(n, *a[:-1], 2 * a[-1] - 1)


# function -> (mpmath reference of (n, *params, x), x range, parameter ranges)
FUNCS = {
    "eval_chebyt": (mp.chebyt, (-1, 1), ()),
    "eval_chebyu": (mp.chebyu, (-1, 1), ()),
    "eval_chebyc": (lambda n, x: 2 * mp.chebyt(n, x / 2), (-2, 2), ()),
    "eval_chebys": (lambda n, x: mp.chebyu(n, x / 2), (-2, 2), ()),
    "eval_sh_chebyt": (_sh(mp.chebyt), (0, 1), ()),
    "eval_sh_chebyu": (_sh(mp.chebyu), (0, 1), ()),
    "eval_legendre": (mp.legendre, (-1, 1), ()),
    "eval_sh_legendre": (_sh(mp.legendre), (0, 1), ()),
    "eval_gegenbauer": (mp.gegenbauer, (-1, 1), ((-0.4, 5.0),)),
    "eval_jacobi": (mp.jacobi, (-1, 1), ((-0.9, 5.0), (-0.9, 5.0))),
    "eval_sh_jacobi": (lambda n, p, q, x: mp.jacobi(n, p - q, q - 1, 2 * x - 1)
                       / mp.binomial(2 * n + p - 1, n), (0, 1), ((1.0, 6.0), (0.2, 1.0))),
    "eval_laguerre": (lambda n, x: mp.laguerre(n, 0, x), (0, 30), ()),
    "eval_genlaguerre": (mp.laguerre, (0, 30), ((-0.9, 5.0),)),
    "eval_hermite": (mp.hermite, (-8, 8), ()),
    "eval_hermitenorm": (lambda n, x: mp.hermite(n, x / mp.sqrt(2)) / mp.sqrt(2) ** n,
                         (-8, 8), ()),
}
LARGE_N = {"eval_chebyt", "eval_chebyu", "eval_legendre", "eval_gegenbauer", "eval_jacobi",
           "eval_sh_legendre"}
OUTSIDE = {"eval_chebyt": (1, 3), "eval_chebyu": (1, 3), "eval_legendre": (1, 3),
           "eval_gegenbauer": (1, 3), "eval_jacobi": (1, 3)}


def _split(ref, dt, n, ps, x, keep=40, near=12):
    """Split sample points into well-conditioned ones and ones next to a zero."""
    good, bad = [], []
    with mp.workdps(30):
        for row in zip(n, *ps, x):
            args = [row[0]] + [mp.mpf(float(np.dtype(dt).type(v))) for v in row[1:]]
            f = lambda t: ref(*args[:-1], t)
            val, der = f(args[-1]), mp.diff(f, args[-1])
            if abs(val) > np.finfo(dt).max / 4:   # keep values representable in dt
                continue
            cond = abs(args[-1] * der / val) if val != 0 else mp.inf
            (good if cond <= 4 * (row[0] + 1) else bad).append(row)
    cols = lambda rows: [list(c) for c in zip(*rows)] if rows else [[] for _ in range(2 + len(ps))]
    return cols(good[:keep]), cols(bad[:near])


def cases() -> list[Case]:
    out = []
    for name, (ref, (lo, hi), extra) in FUNCS.items():
        for dt in ("float64", "float32"):
            n, x, ps = _pts(name + dt, 60, 0, 50, lo, hi, extra)
            good, bad = _split(ref, dt, n, ps, x)
            out.append(Case(name, "typical", dt, [good[0], *good[1:-1], good[-1]], ref,
                            int_args=(0,)))
            if bad[0] and dt == "float64":
                out.append(Case(name, "near_zero", dt, bad, ref, int_args=(0,),
                                note="next to a zero of p_n: cond(x) > 4 (n + 1)"))
        if name in LARGE_N:
            n, x, ps = _pts(name + "large", 40, 100, 1000, lo, hi, extra)
            good, _ = _split(ref, "float64", n, ps, x, keep=24)
            out.append(Case(name, "large_n", "float64", good, ref, int_args=(0,)))
        if name in OUTSIDE:
            n, x, ps = _pts(name + "out", 24, 0, 40, *OUTSIDE[name], extra)
            x = [v if i % 2 else -v for i, v in enumerate(x)]
            out.append(Case(name, "outside", "float64", [n, *ps, x], ref, int_args=(0,)))
    # next to x = +-1 (chebyshev, legendre): 1 - x from 1e-14 to 1e-3
    r = _rng("edge")
    for name in ("eval_chebyt", "eval_chebyu", "eval_legendre"):
        n = r.integers(1, 60, size=24).tolist()
        d = (10.0 ** r.uniform(-14, -3, size=24)).tolist()
        x = [(1 - v) if i % 2 else (v - 1) for i, v in enumerate(d)]
        out.append(Case(name, "edge", "float64", [n, x], FUNCS[name][0], int_args=(0,)))
    # Chebyshev with a real (non-integral) degree: cos(nu arccos x) etc.
    for name, ref in (("eval_chebyt", lambda nu, x: mp.cos(nu * mp.acos(x))),
                      ("eval_chebyu", lambda nu, x: mp.sin((nu + 1) * mp.acos(x))
                       / mp.sin(mp.acos(x)))):
        nu = (r.uniform(0, 30, size=24) + 0.25).tolist()
        x = r.uniform(-0.99, 0.99, size=24).tolist()
        out.append(Case(name, "real_n", "float64", [nu, x], ref))
    # assoc_laguerre(x, n, k): argument order differs
    r = _rng("assoc")
    x, n, k = r.uniform(0, 20, 24).tolist(), r.integers(0, 30, 24).tolist(), \
        r.uniform(-0.5, 4, 24).tolist()
    out.append(Case("assoc_laguerre", "typical", "float64", [x, n, k],
                    lambda x, n, k: mp.laguerre(n, k, x), int_args=(1,)))
    out += _legendre_cases()
    return out


def _legendre_cases() -> list[Case]:
    """Legendre functions (legendre.py): integer degree and order."""
    r = _rng("legendre")
    k = 40
    n = r.integers(0, 40, k)
    m = np.array([r.integers(-v, v + 1) for v in n])
    x = r.uniform(-1, 1, k).tolist()
    th, ph = r.uniform(0, np.pi, k).tolist(), r.uniform(0, 2 * np.pi, k).tolist()
    n, m = n.tolist(), m.tolist()
    # mpmath's legenp(n, m, x) is P_n^m with the Condon-Shortley phase (type 2)
    out = [Case("lpmv", "typical", "float64", [m, n, x],
                lambda m_, v, x_: mp.legenp(int(v), int(m_), x_)),
           Case("assoc_legendre_p", "typical", "float64", [n, m, x],
                lambda n_, m_, x_: mp.legenp(n_, m_, x_), int_args=(0, 1)),
           Case("assoc_legendre_p", "normalized", "float64", [n, m, x],
                lambda n_, m_, x_: mp.legenp(n_, m_, x_) * mp.sqrt(
                    (2 * n_ + 1) * mp.factorial(n_ - m_) / (2 * mp.factorial(n_ + m_))),
                int_args=(0, 1), kwargs={"norm": True}, note="norm=True"),
           Case("sph_harm_y", "typical", "float64", [n, m, th, ph],
                lambda n_, m_, t, p: mp.spherharm(n_, m_, t, p), int_args=(0, 1)),
           Case("sph_harm_y", "typical", "float32", [n, m, th, ph],
                lambda n_, m_, t, p: mp.spherharm(n_, m_, t, p), int_args=(0, 1))]
    # high degree and order, normalized (no factorial overflow): n = 100 .. 160
    n = r.integers(100, 160, 12)
    m = np.array([r.integers(-v, v + 1) for v in n]).tolist()
    th, ph = r.uniform(0.05, np.pi - 0.05, 12).tolist(), r.uniform(0, 2 * np.pi, 12).tolist()
    out.append(Case("sph_harm_y", "large_n", "float64", [n.tolist(), m, th, ph],
                    lambda n_, m_, t, p: mp.spherharm(n_, m_, t, p), int_args=(0, 1)))
    return out
