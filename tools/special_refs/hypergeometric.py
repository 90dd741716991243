"""mpmath references for hyp0f1, hyp1f1 and hyp2f1 (real arguments)."""

from __future__ import annotations

import mpmath as mp
import numpy as np

from tools.special_refs.make import Case

_rng = np.random.default_rng(20261207)


def _u(lo, hi, n):
    return list(_rng.uniform(lo, hi, n))


def _log(lo, hi, n):
    return list(np.exp(_rng.uniform(np.log(lo), np.log(hi), n)))


def _neglog(lo, hi, n):
    return list(-np.array(_log(lo, hi, n)))


def _f21(a, b, c, x):
    return mp.hyp2f1(a, b, c, x)


def cases():
    out = []
    for dt in ("float32", "float64"):
        n = 40 if dt == "float64" else 30
        a, b = _u(-4.5, 4.5, n), _u(-4.5, 4.5, n)
        out.append(Case("hyp2f1", "typical", dt, [a, b, _u(0.5, 6, n), _u(-0.9, 0.9, n)], _f21))
        out.append(Case("hyp2f1", "near_one", dt,
                        [_u(0.1, 4, n), _u(0.1, 4, n), _u(0.5, 8, n), _u(0.9, 0.9999, n)], _f21,
                        note="1 - x connection formula"))
        a, b = _u(0.1, 4, n), _u(0.1, 4, n)
        m = list(_rng.integers(-2, 4, n))
        out.append(Case("hyp2f1", "c_minus_a_b_integer", dt,
                        [a, b, [x + y + k for x, y, k in zip(a, b, m)], _u(0.55, 0.99, n)], _f21,
                        note="c = a + b + m before rounding; reference at the rounded point"))
        out.append(Case("hyp2f1", "negative_x", dt,
                        [_u(0.1, 3, n), _u(0.1, 3, n), _u(0.5, 6, n), _neglog(1, 1e3, n)],
                        _f21, note="Pfaff transformation"))
        out.append(Case("hyp2f1", "polynomial", dt,
                        [list(-_rng.integers(1, 30, n).astype(float)), _u(0.5, 5, n), _u(0.5, 8, n),
                         _u(0.0, 1.0, n)], _f21, note="a = -n: a terminating series"))
        out.append(Case("hyp1f1", "typical", dt, [_u(0.1, 5, n), _u(0.5, 6, n), _u(-30, 30, n)],
                        mp.hyp1f1))
        out.append(Case("hyp1f1", "negative_x", dt,
                        [_u(0.1, 5, n), _u(0.5, 6, n), _neglog(1, 300, n)], mp.hyp1f1,
                        note="Kummer's transformation; jax returns NaN"))
        out.append(Case("hyp1f1", "large_x", dt,
                        [_u(0.1, 5, n), _u(0.5, 6, n),
                         _log(*((100, 600) if dt == "float64" else (30, 70)), n)], mp.hyp1f1,
                        note="asymptotic expansion; jax returns NaN for x >= 100"))
        out.append(Case("hyp1f1", "negative_a", dt,
                        [_u(-5, -0.1, n), _u(0.5, 6, n), _u(-20, 20, n)], mp.hyp1f1))
        out.append(Case("hyp0f1", "typical", dt, [_u(0.5, 5, n), _u(-6, 50, n)], mp.hyp0f1))
        out.append(Case("hyp0f1", "negative_x", dt, [_u(0.5, 5, n), _neglog(6, 500, n)],
                        mp.hyp0f1, note="through J_{b-1}"))
    return out
