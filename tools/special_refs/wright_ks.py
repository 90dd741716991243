"""mpmath references for wright_bessel / log_wright_bessel
(jaxwrap/_src/scipy/special/wright.py) and smirnov
(jaxwrap/_src/scipy/special/kolmogorov_smirnov.py).

* Wright's function: the defining series sum_k x^k / (k! Gamma(a k + b))
  (DLMF 10.46.1), summed at 60 digits until the terms, past their peak, fall
  below 1e-60 of the sum (every term is positive: no cancellation).
* smirnov: the exact Birnbaum-Tingey (1951) sum at 60 digits; positive terms.

Regions: typical (a, b <= 3, x <= 20), tiny x, small a with large x (the
window is wide), large x (Phi near the float range; log form beyond it),
and for smirnov small n, large n and the tail (sf down to 1e-300).
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


def _wright_sum(a, b, x):
    if x == 0:
        return mp.rgamma(b)
    s, peak, k = mp.mpf(0), mp.mpf(0), 0
    tol = mp.mpf(10) ** (-mp.mp.dps)
    while True:
        t = mp.power(x, k) * mp.rgamma(k + 1) * mp.rgamma(a * k + b)
        s += t
        peak = max(peak, t)
        if k > 3 and t < peak * tol and t <= s * tol:
            return s
        k += 1


def _wright(a, b, x):
    return _wright_sum(a, b, x)


def _log_wright(a, b, x):
    return mp.log(_wright_sum(a, b, x))


def _smirnov(n, d):
    n = int(n)
    if d == 0:
        return mp.mpf(1)
    if d >= 1:
        return mp.mpf(0)
    s = mp.mpf(0)
    for j in range(0, int(mp.floor(n * (1 - d))) + 1):
        a = 1 - d - mp.mpf(j) / n
        if a <= 0:
            continue
        s += mp.binomial(n, j) * a ** (n - j) * (d + mp.mpf(j) / n) ** (j - 1)
    return d * s


def cases():
    out = []
    for dt in ("float32", "float64"):
        f64 = dt == "float64"
        big = 600.0 if f64 else 70.0  # log Phi below the dtype's overflow
        out += [
            Case("wright_bessel", "typical", dt, [_lin(0.05, 3, 40), _lin(0, 3, 40),
                                                  _lin(0, 20, 40)], _wright),
            Case("wright_bessel", "tiny_x", dt, [_lin(0, 5, 24), _lin(0, 5, 24),
                                                 _log(1e-30 if f64 else 1e-20, 1e-2, 24)],
                 _wright),
            Case("wright_bessel", "small_a", dt, [_log(1e-4, 0.1, 24), _lin(0.1, 3, 24),
                                                  _lin(1, big / 1.2, 24)], _wright,
                 note="dominant term index ~ x: the window of the sum is wide"),
            Case("wright_bessel", "large_x", dt, [_lin(0.5, 5, 24), _lin(0, 5, 24),
                                                  _log(20, 1e4 if f64 else 300, 24)], _wright,
                 note="Phi up to the top of the float range (inf beyond is exact)"),
            Case("log_wright_bessel", "typical", dt, [_lin(0.05, 3, 32), _lin(0, 3, 32),
                                                      _lin(0.01, 20, 32)], _log_wright),
            Case("log_wright_bessel", "huge_x", dt, [_lin(0.5, 5, 20), _lin(0, 5, 20),
                                                     _log(1e3, 1e6, 20)], _log_wright,
                 note="Phi overflows; its log does not"),
            Case("smirnov", "typical", dt, [list(_rng.integers(1, 60, 40)), _lin(0, 1, 40)],
                 _smirnov, int_args=(0,)),
            Case("smirnov", "large_n", dt, [list(_rng.integers(100, 2000, 16)),
                                            _lin(0.002, 0.08, 16)], _smirnov, int_args=(0,),
                 note="sqrt(n) d ~ 0.1 .. 3: the typical range of the test statistic"),
            Case("smirnov", "tail", dt, [list(_rng.integers(20, 400, 24)), _lin(0.3, 0.95, 24)],
                 _smirnov, int_args=(0,), note="sf down to ~1e-300 (0 below the range)"),
        ]
    return out
