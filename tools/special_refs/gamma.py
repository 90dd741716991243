"""mpmath references for the gamma / beta / zeta family (jaxwrap.scipy.special.gamma).

Regions: "typical"; "tiny_a" (shape parameters 1e-10 .. 1e-3); "x_near_a"
(large a, x within a few standard deviations of a: Temme's transition
region); "upper_tail" / "lower_tail" (values down to ~1e-250); "near_mean"
(betainc with a = b = 1e3 .. 1e5 and x near 1/2); "integer" (integer shape
parameters, where the continued fractions terminate).

``temme_coefficients`` regenerates the table ``_TEMME_D`` of
``jaxwrap_extend/_prims/special.py`` (DLMF 8.12.8-8.12.9 by exact power-series
arithmetic; tests/test_prims_special.py compares the two).
"""

from __future__ import annotations

import math
from fractions import Fraction as F

import mpmath as mp
import numpy as np

from tools.special_refs.make import Case

SEED = 20261206


def _rng(tag: str):
    return np.random.default_rng([SEED, sum(map(ord, tag))])


def _logu(r, lo, hi, k):
    return np.exp(r.uniform(math.log(lo), math.log(hi), size=k))


def _P(a, x):
    return mp.gammainc(a, 0, x, regularized=True)


def _Q(a, x):
    return mp.gammainc(a, x, mp.inf, regularized=True)


def _beta_cf(a, b, x):
    """I_x(a, b) by the continued fraction DLMF 8.17.22 at the working precision (mpmath's
    hypergeometric series takes minutes for a, b ~ 1e5 near the mean); x < (a+1)/(a+b+2)."""
    tiny = mp.mpf(10) ** (-mp.mp.dps * 3)
    f, c, d = mp.mpf(1), mp.mpf(1) / tiny, mp.mpf(1)
    eps = mp.mpf(10) ** (-mp.mp.dps + 5)
    for k in range(1, 200000):
        m = k // 2
        if k % 2:
            dk = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
        else:
            dk = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
        d = 1 + dk * d
        d = 1 / (d if d != 0 else tiny)
        c = 1 + dk / c
        c = c if c != 0 else tiny
        f *= c * d
        if abs(c * d - 1) < eps:
            break
    lpre = a * mp.log(x) + b * mp.log1p(-x) - (mp.loggamma(a) + mp.loggamma(b) - mp.loggamma(a + b))
    return mp.exp(lpre) / a * f


def _betainc_mp(a, b, x, upper):
    if a + b < 500:
        return mp.betainc(a, b, x, 1, regularized=True) if upper else \
            mp.betainc(a, b, 0, x, regularized=True)
    if x * (a + b + 2) < a + 1:
        v = _beta_cf(a, b, x)
        return 1 - v if upper else v
    v = _beta_cf(b, a, 1 - x)
    return v if upper else 1 - v


def _I(a, b, x):
    return _betainc_mp(a, b, x, False)


def _Ic(a, b, x):
    return _betainc_mp(a, b, x, True)


def _gamma_points(k=40):
    """region -> (a, x) lists."""
    out = {}
    r = _rng("typ")
    a = _logu(r, 0.1, 60, k)
    out["typical"] = (a, a * _logu(r, 0.2, 5, k))
    r = _rng("tiny")
    out["tiny_a"] = (_logu(r, 1e-10, 1e-3, k), _logu(r, 1e-4, 20, k))
    r = _rng("near")
    a = _logu(r, 50, 1e6, k)
    out["x_near_a"] = (a, a + r.uniform(-4, 4, k) * np.sqrt(a))
    r = _rng("upper")
    a = _logu(r, 0.5, 1e4, k)
    out["upper_tail"] = (a, a + np.sqrt(a) * r.uniform(8, 25, k) + r.uniform(5, 300, k))
    r = _rng("lower")
    a = _logu(r, 2, 1e4, k)
    out["lower_tail"] = (a, a * r.uniform(0.01, 0.5, k))
    r = _rng("int")
    a = r.integers(1, 40, k).astype(float)
    out["integer"] = (a, a * _logu(r, 0.3, 3, k))
    return out


def _beta_points(k=40):
    out = {}
    r = _rng("btyp")
    out["typical"] = (_logu(r, 0.1, 30, k), _logu(r, 0.1, 30, k), r.uniform(0.01, 0.99, k))
    r = _rng("btiny")
    a, b = _logu(r, 1e-10, 1e-3, k), _logu(r, 0.1, 20, k)
    swap = r.uniform(size=k) < 0.5
    out["tiny_a"] = (np.where(swap, b, a), np.where(swap, a, b), r.uniform(0.01, 0.99, k))
    r = _rng("bmean")
    a = _logu(r, 1e3, 1e5, k)
    out["near_mean"] = (a, a, 0.5 + r.uniform(-3, 3, k) * 0.5 / np.sqrt(2 * a + 1))
    r = _rng("btail")
    a, b = _logu(r, 0.5, 50, k), _logu(r, 50, 2000, k)
    out["lower_tail"] = (a, b, a / b * r.uniform(0.01, 0.3, k))
    r = _rng("bint")
    a, b = r.integers(1, 30, k).astype(float), r.integers(1, 30, k).astype(float)
    out["integer"] = (a, b, r.uniform(0.02, 0.98, k))
    return out


def _plain_points(k=40):
    """(function, region) -> (args, mpmath reference) for the one- and two-argument functions."""
    r = _rng("plain")
    pos = _logu(r, 1e-3, 170, k)
    neg = -_logu(r, 0.01, 60, k)
    neg = np.where(np.abs(neg - np.round(neg)) < 1e-3, neg + 0.25, neg)
    near = np.r_[r.uniform(0.9, 1.1, k // 2), r.uniform(1.9, 2.1, k - k // 2)]
    root = 1.4616321449683622 + r.uniform(-0.05, 0.05, k)
    a, b = _logu(r, 0.01, 300, k), _logu(r, 0.01, 300, k)
    big_a, small_b = _logu(r, 1e3, 1e7, k), _logu(r, 0.1, 10, k)
    n = r.integers(1, 12, k).astype(float)
    return {
        ("gamma", "typical"): ([pos.clip(None, 171)], mp.gamma),
        ("gamma", "negative"): ([neg.clip(-170, None)], mp.gamma),
        ("rgamma", "typical"): ([pos], mp.rgamma),
        ("rgamma", "negative"): ([neg], mp.rgamma),
        ("gammaln", "typical"): ([pos], lambda x: mp.log(abs(mp.gamma(x)))),
        ("gammaln", "near_zeros"): ([near], lambda x: mp.log(abs(mp.gamma(x)))),
        ("gammaln", "negative"): ([neg], lambda x: mp.log(abs(mp.gamma(x)))),
        ("digamma", "typical"): ([pos], mp.digamma),
        ("digamma", "near_root"): ([root], mp.digamma),
        ("digamma", "negative"): ([neg], mp.digamma),
        ("betaln", "typical"): ([a, b], lambda x, y: mp.log(mp.beta(x, y))),
        ("betaln", "large_small"): ([big_a, small_b], lambda x, y: mp.log(mp.beta(x, y))),
        ("beta", "typical"): ([a / 3, b / 3], mp.beta),
        ("beta", "negative"): ([neg / 4, b / 30], mp.beta),
        ("poch", "typical"): ([a / 3, r.uniform(-5, 5, k)], mp.rf),
        ("polygamma", "typical"): ([n, pos.clip(None, 100)], lambda m, x: mp.polygamma(int(m), x)),
        ("polygamma", "negative"): ([n, neg / 6], lambda m, x: mp.polygamma(int(m), x)),
        ("zeta", "typical"): ([_logu(r, 1.01, 60, k), _logu(r, 0.01, 100, k)], mp.zeta),
        ("zetac", "typical"): ([_logu(r, 1.01, 80, k)], lambda x: mp.zeta(x) - 1),
        ("zetac", "negative"): ([-_logu(r, 0.1, 40, k)], lambda x: mp.zeta(x) - 1),
    }


def cases() -> list[Case]:
    out = []
    for dt in ("float32", "float64"):
        for (fn, region), (args, ref) in _plain_points().items():
            if dt == "float32" and fn in ("gamma", "rgamma", "beta", "poch") and region != "negative":
                args = [np.clip(a, None, 30.0) for a in args]   # float32 range
            if dt == "float32" and region == "negative" and fn in ("gamma", "rgamma"):
                args = [np.clip(a, -30.0, None) for a in args]
            if dt == "float32" and fn == "zeta":
                args = [args[0], np.clip(args[1], 1.0, None)]   # q^-x overflows float32 below
            out.append(Case(fn, region, dt, [list(map(float, a)) for a in args], ref))
    gp, bp = _gamma_points(), _beta_points()
    for dt in ("float32", "float64"):
        for region, (a, x) in gp.items():
            if dt == "float32" and region in ("upper_tail", "lower_tail"):
                continue   # values below float32's range
            out.append(Case("gammainc", region, dt, [a.tolist(), x.tolist()], _P))
            out.append(Case("gammaincc", region, dt, [a.tolist(), x.tolist()], _Q))
        for region, (a, b, x) in bp.items():
            out.append(Case("betainc", region, dt, [a.tolist(), b.tolist(), x.tolist()], _I))
            out.append(Case("betaincc", region, dt, [a.tolist(), b.tolist(), x.tolist()], _Ic))
    return out


# --- Temme's coefficients (DLMF 8.12.8 - 8.12.9) -----------------------------------------------
def _mul(p, q, n):
    out = [F(0)] * n
    for i, a in enumerate(p[:n]):
        if a:
            for j, b in enumerate(q[:n - i]):
                out[i + j] += a * b
    return out


def _inv(p, n):
    out = [F(0)] * n
    out[0] = 1 / p[0]
    for k in range(1, n):
        out[k] = -sum(p[j] * out[k - j] for j in range(1, min(k, len(p) - 1) + 1)) / p[0]
    return out


def _bernoulli(n):
    b = [F(0)] * (n + 1)
    b[0] = F(1)
    for m in range(1, n + 1):
        b[m] = -sum(math.comb(m + 1, k) * b[k] for k in range(m)) / (m + 1)
    return b


def _stirling_g(k_max):
    """g_k of Gamma(z) ~ sqrt(2 pi / z) (z/e)^z sum g_k z^-k (DLMF 5.11.3), as exp of the
    Stirling series sum B_2j / (2j (2j-1)) z^(1-2j)."""
    bern = _bernoulli(2 * k_max + 2)
    s = [F(0)] * (k_max + 1)
    for j in range(1, k_max + 1):
        if 2 * j - 1 <= k_max:
            s[2 * j - 1] = bern[2 * j] / (2 * j * (2 * j - 1))
    out = [F(1)] + [F(0)] * k_max
    term = [F(1)] + [F(0)] * k_max
    for m in range(1, k_max + 1):
        term = [c / m for c in _mul(term, s, k_max + 1)]
        out = [a + b for a, b in zip(out, term)]
    return out


def temme_coefficients(K: int = 12, N: int = 30) -> list[list[float]]:
    """d[k][n] for k < K, n < N: c_k(eta) = sum_n d[k][n] eta^n."""
    M = N + 2 * K + 4
    # eta = u sqrt(h(u)) with lambda = 1 + u and h = 2 (u - log1p u) / u^2 = sum 2 (-1)^k u^k / (k+2)
    h = [F(2 * (-1) ** k, k + 2) for k in range(M + 1)]
    r = [F(0)] * (M + 1)
    r[0] = F(1)
    for k in range(1, M + 1):
        r[k] = (h[k] - sum(r[j] * r[k - j] for j in range(1, k))) / 2
    eta = [F(0)] + r[:M]
    u = [F(0), F(1)] + [F(0)] * (M - 1)          # series reversion: u(eta)
    for k in range(2, M + 1):
        comp = [F(0)] * (M + 1)
        pw = [F(1)] + [F(0)] * M
        for j in range(1, k + 1):
            pw = _mul(pw, u, M + 1)
            comp = [c + eta[j] * p for c, p in zip(comp, pw)]
        u[k] -= comp[k]
    w = _inv(u[1:], M)                            # 1/u = sum w[k] eta^(k-1)
    g = _stirling_g(K + 1)
    c = [w[1:]]                                   # c_0 = 1/u - 1/eta (DLMF 8.12.8)
    for k in range(1, K):
        prev = c[-1]
        d = [j * prev[j] for j in range(len(prev))]
        sgn = (-1) ** k
        assert d[1] + sgn * g[k] * w[0] == 0      # the poles cancel (DLMF 8.12.9)
        c.append([d[j + 2] + sgn * g[k] * w[j + 1] for j in range(len(prev) - 2)])
    return [[float(v) for v in row[:N]] for row in c]
