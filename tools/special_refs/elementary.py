"""mpmath references for the elementary, log-space and combinatorial families
(jaxwrap/_src/scipy/special/{elementary,logspace,combinatorics}.py).

Regions: "typical" plus the places where naive formulas cancel (kl_div and
rel_entr with x ~ y, logit near 1/2, powm1 near x = 1, boxcox with tiny
lambda, ...) and the extremes of the range.  The reductions (logsumexp,
softmax, log_softmax) are checked in tests/test_special_logspace.py.
"""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np

from tools.special_refs.make import Case

_rng = np.random.default_rng(20261207)


def _log(lo, hi, n):
    return list(np.exp(_rng.uniform(np.log(lo), np.log(hi), n)))


def _lin(lo, hi, n):
    return list(_rng.uniform(lo, hi, n))


def _signed_log(lo, hi, n):
    return [s * v for s, v in zip(_rng.choice([-1.0, 1.0], n), _log(lo, hi, n))]


def _xlogy(x, y):
    return mp.mpf(0) if x == 0 else x * mp.log(y)


def _xlog1py(x, y):
    return mp.mpf(0) if x == 0 else x * mp.log1p(y)


def _kl(x, y):
    return x * mp.log(x / y) - x + y


def _huber(d, r):
    return r * r / 2 if abs(r) <= d else d * (abs(r) - d / 2)


def _pseudo_huber(d, r):
    return d * d * (mp.sqrt(1 + (r / d) ** 2) - 1)


def _boxcox(x, lm):
    return mp.log(x) if lm == 0 else mp.expm1(lm * mp.log(x)) / lm


def _boxcox1p(x, lm):
    return mp.log1p(x) if lm == 0 else mp.expm1(lm * mp.log1p(x)) / lm


def _inv_boxcox(y, lm):
    return mp.exp(y) if lm == 0 else mp.exp(mp.log1p(lm * y) / lm)


def _inv_boxcox1p(y, lm):
    return mp.expm1(y) if lm == 0 else mp.expm1(mp.log1p(lm * y) / lm)


def _deg(f):
    return lambda x: f(x * mp.pi / 180)


def _diric(x, n):
    s = mp.sin(x / 2)
    return mp.sin(n * x / 2) / (n * s)


def _multifactorial(n, k):
    n = int(n)
    out = 1
    for f in range(n, 0, -k):
        out *= f
    return mp.mpf(out) if n >= 0 else mp.mpf(0)


def _mf_max(k, dt):
    """Largest n with n!(k) below the dtype's max (test points must not overflow)."""
    big = int(np.finfo(dt).max)
    vals = {}
    n = 0
    while True:
        v = max(n, 1) if n - k < 1 else n * vals[n - k]
        if v > big:
            return n - 1
        vals[n] = v
        n += 1


def _cbrt(x):
    return mp.cbrt(x) if x >= 0 else -mp.cbrt(-x)


def _perm(n, k):
    return mp.ff(n, k)


def _comb(n, k):
    return mp.binomial(n, k)


def cases():
    out = []
    for dt in ("float32", "float64"):
        f64 = dt == "float64"
        big_exp = 700.0 if f64 else 80.0
        tiny = 1e-300 if f64 else 1e-35
        x_near = [float(v) for v in _lin(0.1, 10, 32)]
        rel = _signed_log(1e-9 if f64 else 1e-6, 0.4, 32)
        y_near = [x * (1 + d) for x, d in zip(x_near, rel)]
        out += [
            # --- logspace ----------------------------------------------------------------
            Case("xlogy", "typical", dt, [_lin(-10, 10, 32), _log(1e-3, 100, 32)], _xlogy),
            Case("xlogy", "near_one", dt, [_lin(-10, 10, 32), [1 + d for d in _signed_log(1e-7, 1e-2, 32)]], _xlogy),
            Case("xlog1py", "typical", dt, [_lin(-10, 10, 32), _lin(-0.99, 10, 32)], _xlog1py),
            Case("xlog1py", "tiny", dt, [_lin(-10, 10, 32), _signed_log(tiny, 1e-4, 32)], _xlog1py),
            Case("entr", "typical", dt, [_log(1e-3, 100, 32)], lambda x: -x * mp.log(x)),
            Case("entr", "tiny", dt, [_log(tiny, 1e-3, 32)], lambda x: -x * mp.log(x)),
            Case("rel_entr", "typical", dt, [_log(1e-3, 100, 32), _log(1e-3, 100, 32)],
                 lambda x, y: x * mp.log(x / y)),
            Case("rel_entr", "x_near_y", dt, [x_near, y_near], lambda x, y: x * mp.log(x / y),
                 note="log(x/y) cancels: jax loses the digits"),
            Case("kl_div", "typical", dt, [_log(1e-3, 100, 32), _log(1e-3, 100, 32)], _kl),
            Case("kl_div", "x_near_y", dt, [x_near, y_near], _kl,
                 note="x log(x/y) - x + y cancels to ~(x-y)^2/2y"),
            Case("huber", "typical", dt, [_log(0.1, 10, 32), _lin(-20, 20, 32)], _huber),
            Case("pseudo_huber", "typical", dt, [_log(0.1, 10, 32), _lin(-20, 20, 32)], _pseudo_huber),
            Case("pseudo_huber", "small_ratio", dt, [_log(1, 10, 32), _signed_log(1e-8, 1e-3, 32)],
                 _pseudo_huber, note="sqrt(1 + t^2) - 1 cancels for small t"),
            Case("expit", "typical", dt, [_lin(-30, 30, 32)], lambda x: 1 / (1 + mp.exp(-x))),
            Case("expit", "tail", dt, [_lin(-big_exp, -30, 32)], lambda x: 1 / (1 + mp.exp(-x))),
            Case("logit", "typical", dt, [_lin(0.001, 0.999, 32)], lambda p: mp.log(p / (1 - p))),
            Case("logit", "near_half", dt, [[0.5 + d for d in _signed_log(1e-7, 0.2, 32)]],
                 lambda p: mp.log(p / (1 - p)), note="p/(1-p) rounds near 1"),
            Case("logit", "tiny", dt, [_log(tiny, 1e-3, 32)], lambda p: mp.log(p / (1 - p))),
            Case("log_expit", "typical", dt, [_lin(-big_exp, big_exp, 32)],
                 lambda x: -mp.log1p(mp.exp(-x))),
            Case("softplus", "typical", dt, [_lin(-big_exp, big_exp, 32)],
                 lambda x: mp.log1p(mp.exp(x))),
            Case("boxcox", "typical", dt, [_log(1e-2, 100, 32), _lin(-2, 2, 32)], _boxcox),
            Case("boxcox", "tiny_lambda", dt, [_log(1e-2, 100, 32), _signed_log(1e-12, 1e-6, 32)],
                 _boxcox),
            Case("boxcox1p", "typical", dt, [_lin(-0.99, 100, 32), _lin(-2, 2, 32)], _boxcox1p),
            Case("boxcox1p", "tiny_x", dt, [_signed_log(1e-12, 1e-4, 32), _lin(-2, 2, 32)], _boxcox1p),
            Case("inv_boxcox", "typical", dt, [_lin(-0.4, 3, 32), _lin(-0.3, 0.3, 32)], _inv_boxcox),
            Case("inv_boxcox1p", "typical", dt, [_lin(-0.4, 3, 32), _lin(-0.3, 0.3, 32)], _inv_boxcox1p),
            Case("inv_boxcox1p", "tiny_y", dt, [_signed_log(1e-12, 1e-4, 32), _lin(-2, 2, 32)],
                 _inv_boxcox1p),
            # --- elementary ---------------------------------------------------------------
            Case("exp10", "typical", dt, [_lin(-300 if f64 else -37, 300 if f64 else 38, 32)],
                 lambda x: mp.power(10, x)),
            Case("exp10", "small", dt, [_lin(-2, 2, 32)], lambda x: mp.power(10, x)),
            Case("exp2", "typical", dt, [_lin(-1000 if f64 else -125, 1000 if f64 else 127, 32)],
                 lambda x: mp.power(2, x)),
            Case("expm1", "typical", dt, [_lin(-30, big_exp, 32)], mp.expm1),
            Case("expm1", "tiny", dt, [_signed_log(tiny, 1e-3, 32)], mp.expm1),
            Case("log1p", "typical", dt, [_lin(-0.99, 1e6, 32)], mp.log1p),
            Case("log1p", "tiny", dt, [_signed_log(tiny, 1e-3, 32)], mp.log1p),
            Case("cbrt", "typical", dt, [_signed_log(1e-30, 1e30, 32)], _cbrt),
            Case("cosm1", "typical", dt, [_lin(-10, 10, 32)], lambda x: mp.cos(x) - 1),
            Case("cosm1", "tiny", dt, [_signed_log(1e-15 if f64 else 1e-6, 1e-2, 32)],
                 lambda x: mp.cos(x) - 1),
            Case("powm1", "typical", dt, [_log(1e-2, 10, 32), _lin(-5, 5, 32)],
                 lambda x, y: mp.power(x, y) - 1),
            Case("powm1", "near_one", dt, [[1 + d for d in _signed_log(1e-8, 1e-2, 32)], _lin(-50, 50, 32)],
                 lambda x, y: mp.power(x, y) - 1, note="x**y - 1 cancels"),
            Case("exprel", "typical", dt, [_lin(-50, big_exp, 32)], lambda x: mp.expm1(x) / x),
            Case("exprel", "tiny", dt, [_signed_log(1e-20, 1e-3, 32)], lambda x: mp.expm1(x) / x),
            Case("sindg", "typical", dt, [_lin(-720, 720, 32)], _deg(mp.sin)),
            Case("cosdg", "typical", dt, [_lin(-720, 720, 32)], _deg(mp.cos)),
            Case("tandg", "typical", dt, [_lin(-720, 720, 32)], _deg(mp.tan)),
            Case("cotdg", "typical", dt, [_lin(-720, 720, 32)], _deg(mp.cot)),
            Case("sindg", "large", dt, [_signed_log(1e3, 1e7 if f64 else 1e5, 32)], _deg(mp.sin),
                 note="exact reduction modulo 360"),
            Case("cosdg", "near_90", dt, [[90 + d for d in _signed_log(1e-6, 1e-1, 32)]], _deg(mp.cos)),
            Case("radian", "typical", dt, [_lin(-360, 360, 32), _lin(0, 60, 32), _lin(0, 60, 32)],
                 lambda d, m, s: (d + m / 60 + s / 3600) * mp.pi / 180),
            Case("agm", "typical", dt, [_log(1e-3, 1e3, 32), _log(1e-3, 1e3, 32)], mp.agm),
            Case("agm", "extreme", dt, [_log(tiny * 1e10, 1e-10, 32), _log(1e10, 1e30 if not f64 else 1e300, 32)],
                 mp.agm, note="ratio of the arguments up to 1e600"),
            Case("diric", "typical", dt, [_lin(-10, 10, 32), list(_rng.integers(1, 20, 32))], _diric,
                 int_args=(1,)),
            # --- combinatorics -------------------------------------------------------------
            Case("factorial", "integer", dt, [list(_rng.integers(0, 171 if f64 else 35, 32).astype(float))],
                 mp.factorial),
            Case("factorial", "non_integer", dt, [_lin(0, 30, 32)], mp.factorial),
            Case("factorial2", "integer", dt, [list(_rng.integers(0, _mf_max(2, dt) + 1, 32).astype(float))],
                 lambda n: _multifactorial(n, 2)),
            Case("factorialk", "integer_k3", dt, [list(_rng.integers(0, _mf_max(3, dt) + 1, 32).astype(float))],
                 lambda n: _multifactorial(n, 3), kwargs={"k": 3}),
            Case("factorialk", "integer_k5000", dt, [list(_rng.integers(0, 5000 * (34 if f64 else 8), 32).astype(float))],
                 lambda n: _multifactorial(n, 5000), kwargs={"k": 5000},
                 note="the product-loop path (the table would be too long)"),
        ]
        nn = _rng.integers(0, 200 if f64 else 60, 32)
        kk = [int(_rng.integers(0, n + 1)) for n in nn]
        out += [
            Case("comb", "integer", dt, [list(nn.astype(float)), [float(k) for k in kk]], _comb),
            Case("comb", "small_k", dt, [list(_rng.integers(20, 10**6, 32).astype(float)),
                                          list(_rng.integers(0, 8, 32).astype(float))], _comb),
            Case("comb", "non_integer", dt, [_lin(5, 50, 32), _lin(0, 5, 32)], _comb),
            Case("perm", "integer", dt, [list(nn.astype(float)), [float(min(k, 60 if f64 else 12)) for k in kk]],
                 _perm),
        ]
    return out
