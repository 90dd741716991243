"""mpmath references for scipy.special's distribution functions
(jaxwrap/_src/scipy/special/cdflib.py).

Forward functions are the regularized incomplete gamma / beta integrals at
60 digits (mpmath.gammainc / betainc with regularized=True), with the
complement taken as the integral over the other side, never as 1 - value.
Inverses are mpmath.findroot of the forward function at 60 digits, started
from scipy's float64 answer (which is close, so the secant steps converge).

Regions: "typical", the lower and upper tails (probabilities down to 1e-300),
large degrees of freedom / counts, and stdtr for large df and far tails.
"""

from __future__ import annotations

import mpmath as mp
import numpy as np
import scipy.special as ssp

from tools.special_refs.make import Case

_rng = np.random.default_rng(20261208)
N = 24


def _lin(lo, hi, n=N):
    return list(_rng.uniform(lo, hi, n))


def _log(lo, hi, n=N):
    return list(np.exp(_rng.uniform(np.log(lo), np.log(hi), n)))


def _ints(lo, hi, n=N):
    return [float(v) for v in _rng.integers(lo, hi, n)]


def _P(a, x):
    return mp.gammainc(a, 0, x, regularized=True)


def _Q(a, x):
    return mp.gammainc(a, x, mp.inf, regularized=True)


def _I(a, b, x):
    return mp.betainc(a, b, 0, x, regularized=True)


def _Ic(a, b, x):
    # by symmetry, not as an integral from x to 1 (mpmath forms that as a
    # difference, which cancels for tiny results)
    return mp.betainc(b, a, 0, 1 - x, regularized=True)


def _binom_terms(n, p, js):
    return mp.fsum(mp.binomial(n, j) * p ** j * (1 - p) ** (n - j) for j in js)


def _bdtr(k, n, p):  # exact sums (n <= 200 here)
    k, n = int(mp.floor(k)), int(mp.floor(n))
    return _binom_terms(n, p, range(0, k + 1))


def _bdtrc(k, n, p):
    k, n = int(mp.floor(k)), int(mp.floor(n))
    return _binom_terms(n, p, range(k + 1, n + 1))


def _stdtr(df, t):
    tail = _I(df / 2, mp.mpf(1) / 2, df / (df + t * t)) / 2
    return tail if t < 0 else 1 - tail


def _fdtr(dfn, dfd, x):
    return _I(dfn / 2, dfd / 2, dfn * x / (dfd + dfn * x))


def _fdtrc(dfn, dfd, x):
    return _Ic(dfn / 2, dfd / 2, dfn * x / (dfd + dfn * x))


def _kolmogorov(y):
    if y <= 0:
        return mp.mpf(1)
    if y >= 1:
        return 2 * mp.nsum(lambda k: (-1) ** (k - 1) * mp.exp(-2 * k * k * y * y), [1, mp.inf])
    s = mp.nsum(lambda k: mp.exp(-(2 * k - 1) ** 2 * mp.pi ** 2 / (8 * y * y)), [1, mp.inf])
    return 1 - mp.sqrt(2 * mp.pi) / y * s


def _verified(f, x, y):
    """x if forward(x) reproduces y to 1e-30 relative, else None."""
    try:
        return x if abs(f(x)) <= abs(mp.mpf(y)) * mp.mpf(10) ** -30 else None
    except (ZeroDivisionError, ValueError):
        return None


def _bracketed(f, x0):
    """Root of a monotone f by bisection on a bracket grown by decades from x0 (the fallback
    where the secant from scipy's answer fails, e.g. stdtrit's far tail, where scipy is off
    by 13 decades).  A bracket of one sign is bisected geometrically; 400 halvings
    of its logarithm go far below the working precision."""
    f0 = f(x0)
    for k in range(1, 400):
        for cand in (x0 * mp.mpf(10) ** k, x0 / mp.mpf(10) ** k, -x0 * mp.mpf(10) ** k):
            if mp.sign(f(cand)) != mp.sign(f0):
                a, b = x0, cand
                for _ in range(400):
                    m = mp.sign(a) * mp.sqrt(a * b) if a * b > 0 else (a + b) / 2
                    if mp.sign(f(m)) == mp.sign(f0):
                        a = m
                    else:
                        b = m
                return a
    raise RuntimeError("no sign change")


def _inverse(forward, scipy_inv, lo=None):
    """Reference of an inverse: root in the last argument of forward(*params, x) = y, started
    from scipy's answer and verified (an unverifiable point raises: it must not become a NaN
    expectation)."""
    def ref(*args):
        *params, y = args
        with np.errstate(all="ignore"):
            x0 = float(scipy_inv(*[float(v) for v in args]))
        if not np.isfinite(x0) or x0 == 0:
            x0 = 1.0
        x0 = mp.mpf(x0)
        f = lambda x: forward(*params, x) - y  # noqa: E731
        try:
            x = mp.findroot(f, (x0, x0 * (1 + mp.mpf(10) ** -8)), solver="secant",
                            tol=mp.mpf(10) ** -100, maxsteps=200, verify=False)
        except (ZeroDivisionError, ValueError):
            x = None
        x = _verified(f, x, y) if x is not None else None
        if x is None:
            x = _verified(f, _bracketed(f, x0), y)
        if x is None:
            raise RuntimeError(f"inverse reference failed at {args}")
        return x
    return ref


def cases():
    out = []
    for dt in ("float32", "float64"):
        f64 = dt == "float64"
        tiny_p = 1e-300 if f64 else 1e-35
        out += [
            Case("bdtr", "typical", dt, [_ints(0, 20), _ints(20, 40), _lin(0.05, 0.95)], _bdtr),
            Case("bdtr", "lower_tail", dt, [_ints(0, 5), _ints(50, 200 if f64 else 70), _lin(0.3, 0.7)],
                 _bdtr),
            Case("bdtrc", "typical", dt, [_ints(0, 20), _ints(20, 40), _lin(0.05, 0.95)], _bdtrc),
            Case("bdtrc", "upper_tail", dt, [_ints(60, 100), _ints(100, 120), _lin(0.05, 0.3)],
                 _bdtrc),
            Case("bdtri", "typical", dt, [_ints(0, 20), _ints(20, 40), _lin(0.01, 0.99)],
                 _inverse(_bdtr, ssp.bdtri)),
            Case("chdtr", "typical", dt, [_lin(0.5, 30), _lin(0.1, 40)],
                 lambda v, x: _P(v / 2, x / 2)),
            Case("chdtrc", "typical", dt, [_lin(0.5, 30), _lin(0.1, 40)],
                 lambda v, x: _Q(v / 2, x / 2)),
            Case("chdtrc", "upper_tail", dt, [_lin(1, 10), _lin(100, 1000 if f64 else 150)],
                 lambda v, x: _Q(v / 2, x / 2)),
            Case("chdtri", "typical", dt, [_lin(0.5, 30), _lin(0.01, 0.99)],
                 _inverse(lambda v, x: _Q(v / 2, x / 2), ssp.chdtri)),
            Case("chdtri", "small_y", dt, [_lin(0.5, 30), _log(tiny_p, 1e-3)],
                 _inverse(lambda v, x: _Q(v / 2, x / 2), ssp.chdtri)),
            Case("fdtr", "typical", dt, [_lin(0.5, 30), _lin(0.5, 30), _log(0.05, 20)], _fdtr),
            Case("fdtrc", "typical", dt, [_lin(0.5, 30), _lin(0.5, 30), _log(0.05, 20)], _fdtrc),
            Case("fdtrc", "upper_tail", dt, [_lin(1, 10), _lin(5, 30), _log(50, 1e4)], _fdtrc),
            Case("fdtri", "typical", dt, [_lin(0.5, 30), _lin(0.5, 30), _lin(0.01, 0.99)],
                 _inverse(_fdtr, ssp.fdtri)),
            Case("gdtr", "typical", dt, [_log(0.1, 10), _lin(0.5, 20), _log(0.1, 20)],
                 lambda a, b, x: _P(b, a * x)),
            Case("gdtrc", "typical", dt, [_log(0.1, 10), _lin(0.5, 20), _log(0.1, 20)],
                 lambda a, b, x: _Q(b, a * x)),
            Case("nbdtr", "typical", dt, [_ints(0, 30), _ints(1, 30), _lin(0.05, 0.95)],
                 lambda k, n, p: _I(n, k + 1, p)),
            Case("nbdtrc", "typical", dt, [_ints(0, 30), _ints(1, 30), _lin(0.05, 0.95)],
                 lambda k, n, p: _Ic(n, k + 1, p)),
            Case("nbdtri", "typical", dt, [_ints(0, 30), _ints(1, 30), _lin(0.01, 0.99)],
                 _inverse(lambda k, n, p: _I(n, k + 1, p), ssp.nbdtri)),
            Case("pdtr", "typical", dt, [_ints(0, 30), _lin(0.1, 30)],
                 lambda k, m: _Q(k + 1, m)),
            Case("pdtr", "lower_tail", dt, [_ints(0, 10), _lin(50, 300 if f64 else 80)],
                 lambda k, m: _Q(k + 1, m)),
            Case("pdtrc", "typical", dt, [_ints(0, 30), _lin(0.1, 30)],
                 lambda k, m: _P(k + 1, m)),
            Case("pdtri", "typical", dt, [_ints(0, 30), _lin(0.01, 0.99)],
                 _inverse(lambda k, m: _Q(k + 1, m), ssp.pdtri)),
            Case("stdtr", "typical", dt, [_lin(0.5, 30), _lin(-6, 6)], _stdtr),
            Case("stdtr", "large_df", dt, [_log(1e3, 1e12), _lin(-6, 6)], _stdtr,
                 note="df/(df + t^2) near 1: the complement t^2/(df + t^2) is used"),
            Case("stdtr", "far_tail", dt, [_lin(1, 20), [-v for v in _log(1e2, 1e12)]], _stdtr),
            Case("stdtrit", "typical", dt, [_lin(0.5, 30), _lin(0.01, 0.99)],
                 _inverse(_stdtr, ssp.stdtrit)),
            Case("stdtrit", "tail", dt, [_lin(1, 20), _log(tiny_p, 1e-3)],
                 _inverse(_stdtr, ssp.stdtrit)),
            Case("kolmogorov", "typical", dt, [_lin(0.2, 3)], _kolmogorov),
            Case("kolmogorov", "tail", dt, [_lin(3, 18 if f64 else 6)], _kolmogorov),
        ]
    return out
