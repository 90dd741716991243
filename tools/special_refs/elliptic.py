"""mpmath references for the elliptic family (jaxwrap/_src/scipy/special/elliptic.py).

``ellipj`` is split into one pseudo-function per output (``ellipj.sn``,
``ellipj.cn``, ``ellipj.dn``, ``ellipj.ph``); the test picks the output.
R_J's Cauchy principal value (p < 0) is the real part of mpmath's value;
ellipkm1's reference K(1 - p) is evaluated with enough digits to keep tiny p.
"""

from __future__ import annotations

import mpmath as mp
import numpy as np

from tools.special_refs.make import Case

_rng = np.random.default_rng(20261208)


def _log(lo, hi, n):
    return list(np.exp(_rng.uniform(np.log(lo), np.log(hi), n)))


def _lin(lo, hi, n):
    return list(_rng.uniform(lo, hi, n))


def _kp(p):
    with mp.workdps(700):
        return +mp.ellipk(1 - p)


def _jac(which):
    def f(u, m):
        if which == "ph":
            return mp.asin(mp.ellipfun("sn", u, m=m)) if abs(u) < mp.ellipk(m) else _am(u, m)
        return mp.ellipfun(which, u, m=m)
    return f


def _am(u, m):
    # amplitude: continuous branch, phi = atan2(sn, cn) + 2 pi n
    sn, cn = mp.ellipfun("sn", u, m=m), mp.ellipfun("cn", u, m=m)
    k = mp.ellipk(m)
    base = mp.atan2(sn, cn)
    n = mp.nint((u / (2 * k) * mp.pi - base) / (2 * mp.pi)) if k != 0 else 0
    return base + 2 * mp.pi * n


def _rj(x, y, z, p):
    return mp.re(mp.elliprj(x, y, z, p))


def cases():
    out = []
    for dt in ("float32", "float64"):
        f64 = dt == "float64"
        tiny = 1e-300 if f64 else 1e-30
        near1 = [1 - v for v in _log(1e-15 if f64 else 1e-7, 1e-2, 40)]
        out += [
            Case("ellipk", "typical", dt, [_lin(-10, 0.99, 40)], mp.ellipk),
            Case("ellipk", "near_one", dt, [near1], mp.ellipk),
            Case("ellipk", "large_negative", dt, [[-v for v in _log(10, 1e30, 40)]], mp.ellipk),
            Case("ellipkm1", "typical", dt, [_lin(0.01, 1, 40)], _kp),
            Case("ellipkm1", "tiny", dt, [_log(tiny, 1e-2, 40)], _kp,
                 note="K(1 - p) with 700 digits"),
            Case("ellipe", "typical", dt, [_lin(-10, 0.99, 40)], mp.ellipe),
            Case("ellipe", "near_one", dt, [near1], mp.ellipe),
            Case("ellipe", "large_negative", dt, [[-v for v in _log(10, 1e30, 40)]], mp.ellipe),
            Case("ellipkinc", "typical", dt, [_lin(-1.5, 1.5, 40), _lin(-5, 0.99, 40)], mp.ellipf),
            Case("ellipkinc", "periodic", dt, [_lin(-20, 20, 40), _lin(-5, 0.99, 40)], mp.ellipf,
                 note="phi beyond pi/2: F(phi + n pi) = F(phi) + 2 n K"),
            Case("ellipkinc", "m_near_one", dt, [_lin(1.0, 1.5, 40), near1], mp.ellipf),
            Case("ellipeinc", "typical", dt, [_lin(-1.5, 1.5, 40), _lin(-5, 0.99, 40)], mp.ellipe),
            Case("ellipeinc", "periodic", dt, [_lin(-20, 20, 40), _lin(-5, 0.99, 40)], mp.ellipe),
            Case("ellipeinc", "m_near_one", dt, [_lin(1.0, 1.5, 40), near1], mp.ellipe),
            Case("elliprf", "typical", dt, [_log(1e-3, 1e3, 40), _log(1e-3, 1e3, 40), _log(1e-3, 1e3, 40)],
                 mp.elliprf),
            Case("elliprf", "one_zero", dt, [[0.0] * 40, _log(1e-3, 1e3, 40), _log(1e-3, 1e3, 40)],
                 mp.elliprf),
            Case("elliprf", "wide", dt, [_log(tiny, 1e-10, 40), _log(1e-3, 1e3, 40),
                                          _log(1e10, 1e300 if f64 else 1e30, 40)], mp.elliprf,
                 note="arguments 1e600 apart: the static duplication count"),
            Case("elliprd", "typical", dt, [_log(1e-3, 1e3, 40), _log(1e-3, 1e3, 40), _log(1e-3, 1e3, 40)],
                 mp.elliprd),
            Case("elliprd", "one_zero", dt, [[0.0] * 40, _log(1e-3, 1e3, 40), _log(1e-3, 1e3, 40)],
                 mp.elliprd),
            Case("elliprc", "typical", dt, [_log(1e-3, 1e3, 40), _log(1e-3, 1e3, 40)], mp.elliprc),
            Case("elliprc", "x_near_y", dt, [[1.0] * 40, [1 + v for v in _log(1e-8, 1e-1, 40)]], mp.elliprc),
            Case("elliprc", "negative_y", dt, [_log(1e-3, 1e3, 40), [-v for v in _log(1e-3, 1e3, 40)]],
                 mp.elliprc, note="Cauchy principal value"),
            Case("elliprg", "typical", dt, [_log(1e-3, 1e3, 40), _log(1e-3, 1e3, 40), _log(1e-3, 1e3, 40)],
                 mp.elliprg),
            Case("elliprg", "one_zero", dt, [[0.0] * 40, _log(1e-3, 1e3, 40), _log(1e-3, 1e3, 40)],
                 mp.elliprg),
            Case("elliprj", "typical", dt, [_log(1e-3, 1e3, 40), _log(1e-3, 1e3, 40), _log(1e-3, 1e3, 40),
                                             _log(1e-3, 1e3, 40)], _rj),
            Case("elliprj", "negative_p", dt, [_log(1e-2, 1e2, 40), _log(1e-2, 1e2, 40), _log(1e-2, 1e2, 40),
                                                [-v for v in _log(1e-2, 1e2, 40)]], _rj,
                 note="Cauchy principal value (real part of mpmath's)"),
        ]
        for which in ("sn", "cn", "dn", "ph"):
            out.append(Case(f"ellipj.{which}", "typical", dt, [_lin(-3, 3, 40), _lin(0, 0.99, 40)],
                            _jac(which)))
            out.append(Case(f"ellipj.{which}", "m_near_one", dt, [_lin(-3, 3, 40), near1],
                            _jac(which)))
    return out
