"""mpmath references for the exponential-integral family (exp1, expi, expn,
sici, shichi, spence).

Multi-output functions are split into one pseudo-function per output
(``sici.si``, ``sici.ci``, ``shichi.shi``, ``shichi.chi``); the test picks the
output.  ``spence(z) = Li_2(1 - z)`` (scipy's convention).
"""

from __future__ import annotations

import mpmath as mp
import numpy as np

from tools.special_refs.make import Case

_rng = np.random.default_rng(20261206)


def _log(lo, hi, n):
    return list(np.exp(_rng.uniform(np.log(lo), np.log(hi), n)))


def _lin(lo, hi, n):
    return list(_rng.uniform(lo, hi, n))


def _expn(n, x):
    # mpmath's expint loses digits for large n and x at the default precision:
    # evaluate at two higher precisions and insist they agree.
    with mp.workdps(mp.mp.dps + 80):
        a = mp.expint(n, x)
    with mp.workdps(mp.mp.dps + 160):
        b = mp.expint(n, x)
    assert a == 0 or abs(a / b - 1) < mp.mpf(10) ** (-40), (n, x)
    return b


def _mesh(rlo, rhi, ilo, ihi, n):
    return [complex(r, i) for r, i in zip(_lin(rlo, rhi, n), _lin(ilo, ihi, n))]


def cases():
    # every case has 40 points, so that one compiled executable per function and
    # dtype serves all its cases in the test
    out = []
    for dt in ("float32", "float64"):
        big = 80.0 if dt == "float32" else 700.0
        tiny = 1e-30 if dt == "float32" else 1e-300
        out += [
            Case("exp1", "typical", dt, [_log(1e-3, 30, 40)], mp.e1),
            Case("exp1", "switch", dt, [_lin(0.8, 2.5, 40)], mp.e1,
                 note="series / continued fraction boundary"),
            Case("exp1", "tiny", dt, [_log(tiny, 1e-4, 40)], mp.e1,
                 note="jax's exp1 hangs here: no peer"),
            Case("exp1", "large", dt, [_log(30, big, 40)], mp.e1),
            Case("expi", "typical", dt, [_lin(-30, 30, 40)], mp.ei),
            Case("expi", "near_zero", dt, [_lin(0.36, 0.385, 40)], mp.ei,
                 note="Ei has its zero at 0.3725"),
            Case("expi", "tiny", dt, [_log(tiny, 1e-4, 40)], mp.ei),
            Case("expi", "large", dt, [_log(30, big, 40)], mp.ei),
            Case("expi", "negative_large", dt, [list(-np.array(_log(30, big, 40)))], mp.ei),
            Case("expn", "typical", dt,
                 [list(_rng.integers(0, 12, 40)), _log(1e-2, 30, 40)], _expn, int_args=(0,)),
            Case("expn", "small_x", dt,
                 [list(_rng.integers(1, 40, 40)), _log(tiny, 1.0, 40)], _expn, int_args=(0,),
                 note="jax's expn hangs on tiny x: no peer"),
            Case("expn", "large_order", dt,
                 [list(_rng.integers(40, 2000, 40)),
                  _log(1e-2, 300 if dt == "float64" else 40, 40)], _expn,
                 int_args=(0,)),
            Case("sici.si", "typical", dt, [_lin(-30, 30, 40)], mp.si),
            Case("sici.ci", "typical", dt, [_lin(0.05, 30, 40)], mp.ci),
            Case("sici.ci", "near_first_zero", dt, [_lin(0.6, 0.63, 40)], mp.ci),
            Case("sici.si", "large", dt, [_log(30, 1e6, 40)], mp.si),
            Case("sici.ci", "large", dt, [_log(30, 1e6, 40)], mp.ci),
            Case("sici.si", "tiny", dt, [_log(tiny, 1e-4, 40)], mp.si),
            Case("sici.ci", "tiny", dt, [_log(tiny, 1e-4, 40)], mp.ci),
            Case("shichi.shi", "typical", dt, [_lin(-30, 30, 40)], mp.shi),
            Case("shichi.chi", "typical", dt, [_lin(0.05, 30, 40)], mp.chi),
            Case("shichi.chi", "near_zero", dt, [_lin(0.5, 0.55, 40)], mp.chi),
            Case("shichi.shi", "large", dt, [_log(30, big, 40)], mp.shi),
            Case("shichi.chi", "large", dt, [_log(30, big, 40)], mp.chi),
            Case("spence", "typical", dt, [_lin(0, 10, 40)],
                 lambda z: mp.polylog(2, 1 - z)),
            Case("spence", "near_one", dt, [_lin(0.9, 1.1, 40)],
                 lambda z: mp.polylog(2, 1 - z)),
            Case("spence", "large", dt, [_log(10, 1e30, 40)],
                 lambda z: mp.polylog(2, 1 - z)),
            Case("spence", "tiny", dt, [_log(tiny, 1e-4, 40)],
                 lambda z: mp.polylog(2, 1 - z)),
        ]
    for dt in ("complex64", "complex128"):
        out += [
            Case("exp1", "complex", dt, [_mesh(-4, 4, -4, 4, 40)], mp.e1),
            Case("exp1", "complex_large", dt, [_mesh(-30, 60, -60, 60, 40)], mp.e1),
            Case("expi", "complex", dt, [_mesh(-4, 4, -4, 4, 40)], mp.ei),
            Case("expi", "complex_large", dt, [_mesh(-60, 30, -60, 60, 40)], mp.ei),
        ]
    return out
