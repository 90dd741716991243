"""Fit the rational approximations used by jaxwrap's real special-function kernels.

Method: a near-minimax fit in relative error of ``f(v) ~ P(v) / Q(v)`` on
``[lo, hi]`` by the linearised least-squares iteration of Loeb (1957) /
Sanathanan & Koerner (1963) (weights ``1 / (f Q_prev)``), combined with
Lawson's (1961) reweighting (multiply each point's weight by its current
error) so the least-squares error curve approaches equal ripple.  All
linear algebra runs in mpmath at 40 digits, the target function at 40 digits;
the reported error is that of the float64-rounded coefficients evaluated by
Horner's rule in float64, on a grid 8x denser than the fitting points.

Usage::

    python -m tools.fit_rational dawsn    # prints the coefficient tables

The tables it prints are pasted into the kernels (with the fitted interval and
the measured error in a comment); the script is the record of how they were made.
"""

from __future__ import annotations

import sys

import mpmath as mp
import numpy as np

mp.mp.dps = 40


def _horner(coef, v):
    acc = coef[-1]
    for a in reversed(coef[:-1]):
        acc = acc * v + a
    return acc


def fit(f, lo, hi, n, m, npts=300, iters=40, center=True, verbose=False):
    """Coefficients (lowest order first) of P (degree n) and Q (degree m, Q(0) = 1) in
    ``u = (v - mid) / half`` approximating ``f(v)`` on [lo, hi] in relative error, the
    pair (mid, 1 / half), and the measured max error of the float64 evaluation.
    ``center=False``: coefficients in v itself (mid = 0, half = 1), better where P and Q
    have terms of one sign on [0, hi]."""
    lo, hi = mp.mpf(lo), mp.mpf(hi)
    # Chebyshev points of the second kind (the ends included)
    vs = [lo + (hi - lo) * (1 - mp.cos(mp.pi * k / (npts - 1))) / 2 for k in range(npts)]
    fs = [f(v) for v in vs]
    mid, half = ((lo + hi) / 2, (hi - lo) / 2) if center else (mp.mpf(0), max(abs(lo), abs(hi)))
    # fit in u = (v - mid) / half in [-1, 1]: monomials in u are well conditioned there
    # (in v itself an interval away from 0 makes P and Q cancel in float64)
    us = [(v - mid) / half for v in vs]
    lam = [mp.mpf(1)] * npts
    qprev = [mp.mpf(1)] * npts
    best = None
    for it in range(iters):
        rows, rhs = [], []
        for u, fv, lw, qp in zip(us, fs, lam, qprev):
            w = mp.sqrt(lw) / abs(fv * qp)
            row = [w * u ** k for k in range(n + 1)] + [-w * fv * u ** k for k in range(1, m + 1)]
            rows.append(row)
            rhs.append(w * fv)
        A = mp.matrix(rows)
        b = mp.matrix(rhs)
        sol = mp.lu_solve(A.T * A, A.T * b)
        p = [sol[k] for k in range(n + 1)]
        q = [mp.mpf(1)] + [sol[n + k] for k in range(1, m + 1)]
        errs = [abs(_horner(p, u) / _horner(q, u) / fv - 1) for u, fv in zip(us, fs)]
        emax = max(errs)
        if best is None or emax < best[0]:
            best = (emax, p, q)
        if verbose:
            print(it, mp.nstr(emax, 5))
        qprev = [_horner(q, u) for u in us]
        tot = sum(lw * e for lw, e in zip(lam, errs))
        lam = [lw * e / tot for lw, e in zip(lam, errs)]
    _, p, q = best
    if not center:  # back to v
        p = [a / half ** k for k, a in enumerate(p)]
        q = [a / half ** k for k, a in enumerate(q)]
        mid, half = mp.mpf(0), mp.mpf(1)
    pc = [float(a) for a in p]
    qc = [float(a) for a in q]
    shift = (float(mid), float(1 / half))
    return pc, qc, shift, check(f, lo, hi, pc, qc, shift, 8 * npts)


def check(f, lo, hi, pc, qc, shift, npts, dtype=np.float64):
    """Max relative error of the Horner evaluation in ``dtype`` (in u = (v - mid) / half,
    as the kernels do) against f."""
    vs = np.linspace(float(lo), float(hi), npts).astype(dtype)
    mid, ihalf = dtype(shift[0]), dtype(shift[1])
    us = (vs - mid) * ihalf
    pc, qc = [dtype(a) for a in pc], [dtype(a) for a in qc]
    got = np.array([_horner(pc, u) / _horner(qc, u) for u in us])
    ref = np.array([float(f(mp.mpf(float(v)))) for v in vs])  # at the rounded v
    return float(np.max(np.abs(got / ref - 1)))


# --- the targets ----------------------------------------------------------------------------
def _dawsn(x):
    return mp.sqrt(mp.pi) / 2 * mp.exp(-x * x) * mp.erfi(x)


def dawsn_small(s):
    """D(x) / x as a function of s = x^2."""
    if s == 0:
        return mp.mpf(1)
    x = mp.sqrt(s)
    return _dawsn(x) / x


def dawsn_large(t):
    """(2 x D(x) - 1) / t as a function of t = 1 / x^2 (2 x D = 1 + t/2 + 3 t^2/4 + ...)."""
    if t == 0:
        return mp.mpf(1) / 2
    x = 1 / mp.sqrt(t)
    return (2 * x * _dawsn(x) - 1) / t


def _sici_fg(x):
    """The auxiliary functions f, g of DLMF 6.2.17-18: Si = pi/2 - f cos - g sin,
    Ci = f sin - g cos."""
    si = mp.si(x) - mp.pi / 2
    ci = mp.ci(x)
    s, c = mp.sin(x), mp.cos(x)
    return ci * s - si * c, -ci * c - si * s


def sici_f(t):
    """x f(x) as a function of t = 1/x^2 (1 - 2 t + 24 t^2 - ...)."""
    if t == 0:
        return mp.mpf(1)
    x = 1 / mp.sqrt(t)
    return x * _sici_fg(x)[0]


def sici_g(t):
    """x^2 g(x) as a function of t = 1/x^2 (1 - 6 t + 120 t^2 - ...)."""
    if t == 0:
        return mp.mpf(1)
    x = 1 / mp.sqrt(t)
    return x * x * _sici_fg(x)[1]


def sici_fc(t):
    """(x f(x) - 1) / t, t = 1/x^2 (-2 + 24 t - ...)."""
    return mp.mpf(-2) if t == 0 else (sici_f(t) - 1) / t


def sici_gc(t):
    """(x^2 g(x) - 1) / t, t = 1/x^2 (-6 + 120 t - ...)."""
    return mp.mpf(-6) if t == 0 else (sici_g(t) - 1) / t


# (name, function, lo, hi, (n, m), center) per region and dtype: Cody, Paciorek & Thacher
# (1970) split Dawson's integral at x = 3.25 and 6.25 (D(x)/x in x^2 below, the
# correction (2 x D - 1) / x^-2 in t = 1/x^2 above); the degrees are ours, the smallest
# whose float64 / float32 evaluation error stays at the rounding level.
SPECS = {
    # sici beyond x = 3: f and g (DLMF 6.2.17-18) as x f = 1 + t F(t), x^2 g = 1 + t G(t),
    # t = 1/x^2; float64 splits at x = 8.
    "sici": {
        "float64": [("f 3..8", sici_fc, 1 / 64, 1 / 9, (8, 8), False),
                    ("f 8..inf", sici_fc, 0, 1 / 64, (8, 8), False),
                    ("g 3..8", sici_gc, 1 / 64, 1 / 9, (8, 8), False),
                    ("g 8..inf", sici_gc, 0, 1 / 64, (8, 8), False)],
        "float32": [("f 3..inf", sici_fc, 0, 1 / 9, (5, 5), False),
                    ("g 3..inf", sici_gc, 0, 1 / 9, (5, 5), False)],
    },
    "dawsn": {
        "float64": [("small", dawsn_small, 0, 3.25 ** 2, (9, 10), False),
                    ("mid", dawsn_large, 1 / 6.25 ** 2, 1 / 3.25 ** 2, (10, 10), True),
                    ("large", dawsn_large, 0, 1 / 6.25 ** 2, (4, 4), False)],
        "float32": [("small", dawsn_small, 0, 3.25 ** 2, (5, 6), False),
                    ("mid", dawsn_large, 1 / 6.25 ** 2, 1 / 3.25 ** 2, (5, 5), True),
                    ("large", dawsn_large, 0, 1 / 6.25 ** 2, (2, 2), False)],
    },
}


def _wrap(coefs, indent=5, width=92):
    """The list's repr in lines of at most ``width`` characters."""
    import textwrap
    body = textwrap.wrap(", ".join(repr(float(a)) for a in coefs), width - indent - 1)
    pad = " " * indent
    return pad + "[" + ("\n" + pad + " ").join(body) + "]"


def main(argv):
    name = argv[0]
    if name == "sici":
        mp.mp.dps = 50  # (f and g from Si, Ci: cancellation at large x)
    print(f"# made by: python -m tools.fit_rational {name}")
    for dt, regions in SPECS[name].items():
        print(f"{dt!r}: [")
        for label, f, lo, hi, (n, m), center in regions:
            pc, qc, shift, err = fit(f, lo, hi, n, m, npts=100, iters=20, center=center)
            err32 = check(f, lo, hi, pc, qc, shift, 800, np.float32)
            print(f"    # {label}: v in [{float(lo):.6g}, {float(hi):.6g}], degrees ({n}, {m}),\n"
                  f"    # max relative error {err if dt == 'float64' else err32:.1e} ({dt} Horner)")
            print(f"    ({shift!r},\n{_wrap(pc)},\n{_wrap(qc)}),")
        print("],")


if __name__ == "__main__":
    main(sys.argv[1:])
