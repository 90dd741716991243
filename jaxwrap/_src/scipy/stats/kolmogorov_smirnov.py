"""The Kolmogorov-Smirnov statistics' distributions: ksone and kstwobign.

* ``ksone(n)``: the one-sided statistic D_n^+ of a sample of size n; sf is
  ``smirnov(n, d)`` (exact Birnbaum-Tingey sum, see
  ``special/kolmogorov_smirnov.py``), the density is its term-wise derivative
  summed in the same loop, ppf / isf a safeguarded Newton iteration.  Its
  moments and entropy have no closed form and are not provided (scipy
  integrates numerically).
* ``kstwobign``: the limit law of sqrt(n) D_n (Kolmogorov 1933).  Two
  series (Feller 1948): for y >= 1 the alternating one,
  sf = 2 sum_k (-1)^(k-1) exp(-2 k^2 y^2), for y < 1 the Jacobi-theta form
  cdf = sqrt(2 pi)/y sum_k exp(-(2k-1)^2 pi^2 / (8 y^2)); six terms each
  (the seventh is below e^-48 of the first).  The logs factor out the first
  term, so logcdf / logsf / logpdf stay finite where the values underflow.
  Raw moments E[K^m] = m Gamma(m/2) 2^(-m/2) eta(m) (term-wise integration of
  the sf series; eta is Dirichlet's eta function), the entropy a constant
  computed once at import by composite Simpson quadrature (error < 1e-13).

Quantiles solve log P(d) = log q (P the sf, or the cdf for kstwobign's lower
half) by Newton steps kept inside a shrinking bracket (bisection where a step
leaves it): a static number of iterations (``_ITERS``).
"""

from __future__ import annotations

import math

import numpy as np

from ...control import fori_loop
from ..special import kolmogorov_smirnov as KS
from . import _ops as O
from ._distn import Continuous, build

__all__: list[str] = []  # distributions are published through NAMESPACES

PI = math.pi
INF = math.inf
_TERMS = 6
# float64: Newton converges quadratically once the bracket holds the root; 40 steps also
# cover the worst case of pure bisection from [0, 1] to 1e-12 (then Newton finishes)
_ITERS = {np.dtype(np.float32): 24, np.dtype(np.float64): 40}


def _iters(x):
    return _ITERS[np.dtype(x.dtype)]


def _solve(logp, q, lo, hi, d0, increasing):
    """d in [lo, hi] with P(d) = q, P monotone; logp(d) -> (log P(d), d log P / dd).
    Newton steps on log P - log q, replaced by bisection where a step leaves the bracket."""
    logq = O.log(q)

    def body(_, st):
        d, lo, hi = st
        lp, dlp = logp(d)
        right = O.lt(lp, logq) if increasing else O.gt(lp, logq)  # the root lies above d
        lo = O.where(right, d, lo)
        hi = O.where(right, hi, d)
        dn = O.sub(d, O.div(O.sub(lp, logq), dlp))
        inside = O.and_(O.and_(O.ge(dn, lo), O.le(dn, hi)), O.isfinite(dn))
        dn = O.where(inside, dn, O.mul(0.5, O.add(lo, hi)))
        return dn, lo, hi

    d, _, _ = fori_loop(0, _iters(q), body, (d0, lo, hi))
    return d


# --- ksone -------------------------------------------------------------------------------
def _ks_valid(n):
    return O.and_(O.ge(n, 1.0), O.eq(O.floor(n), n))


def _ks_pdf(z, n):
    return KS._smirnov_sf_pdf(n, z)[1]


def _ks_isf(q, n):
    # start: the leading asymptotic sf ~ exp(-2 n d^2)
    nn = O.where(_ks_valid(n), n, 1.0)
    d0 = O.sqrt(O.div(O.neg(O.log(q)), O.mul(2.0, nn)))
    d0 = O.clip(d0, 1e-3, 0.999)

    def logsf(d):
        sf, pdf = KS._smirnov_sf_pdf(nn, d)
        return O.log(sf), O.neg(O.div(pdf, sf))

    return _solve(logsf, q, O.full(q, 0.0), O.full(q, 1.0), d0, increasing=False)


ksone = Continuous(
    "ksone", "distribution of the one-sided Kolmogorov-Smirnov statistic D_n^+",
    shapes=("n",), support=(0.0, 1.0), valid=_ks_valid,
    logpdf=lambda z, n: O.log(_ks_pdf(z, n)),
    sf=lambda z, n: KS._smirnov(n, z),
    cdf=lambda z, n: KS._smirnov_cdf(n, z),
    isf=_ks_isf,
    ppf=lambda q, n: _ks_isf(O.sub(1.0, q), n),
    example=(10.0,),
)


# --- kstwobign ----------------------------------------------------------------------------
def _sum(terms):
    out = terms[-1]
    for t in reversed(terms[:-1]):  # smallest first
        out = O.add(t, out)
    return out


def _big(y):
    """y >= 1 (clamped): (log sf, log pdf) from the alternating series, first term factored."""
    ys = O.where(O.ge(y, 1.0), y, 1.0)
    y2 = O.square(ys)
    e = [O.exp(O.mul(-2.0 * (k * k - 1), y2)) for k in range(1, _TERMS + 1)]
    s = _sum([O.mul(float((-1) ** (k - 1)), e[k - 1]) for k in range(1, _TERMS + 1)])
    p = _sum([O.mul(float((-1) ** (k - 1) * k * k), e[k - 1]) for k in range(1, _TERMS + 1)])
    logsf = O.add(O.sub(math.log(2.0), O.mul(2.0, y2)), O.log(s))
    logpdf = O.add(O.sub(O.log(O.mul(8.0, ys)), O.mul(2.0, y2)), O.log(p))
    return logsf, logpdf


def _small(y):
    """0 < y < 1 (clamped): (log cdf, log pdf) from the theta series, first term factored."""
    ys = O.clip(y, O.tiny(y), 1.0)
    w = O.div(PI ** 2 / 8, O.square(ys))  # pi^2 / (8 y^2)
    # term k over term 1 (the first is 1: no 0 * inf at y = 0, where w = inf)
    e = [O.full(w, 1.0)] + [O.exp(O.mul(-float((2 * k - 1) ** 2 - 1), w))
                            for k in range(2, _TERMS + 1)]
    s = _sum(e)
    # d/dy [sqrt(2 pi)/y exp(-m^2 w)] = sqrt(2 pi)/y^2 exp(-m^2 w) (2 m^2 w - 1)
    p = _sum([O.mul(e[k - 1], O.sub(O.mul(2.0 * (2 * k - 1) ** 2, w), 1.0))
              for k in range(1, _TERMS + 1)])
    base = O.sub(0.5 * math.log(2 * PI), w)
    logcdf = O.add(O.sub(base, O.log(ys)), O.log(s))
    logpdf = O.add(O.sub(base, O.mul(2.0, O.log(ys))), O.log(p))
    return logcdf, logpdf


def _kb_logpdf(z):
    v = O.where(O.ge(z, 1.0), _big(z)[1], _small(z)[1])
    return O.where(O.gt(z, 0.0), v, -INF)


def _kb_logcdf(z):
    lc = _small(z)[0]
    return O.where(O.ge(z, 1.0), O.log1mexp(_big(z)[0]), O.where(O.gt(z, 0.0), lc, -INF))


def _kb_logsf(z):
    return O.where(O.ge(z, 1.0), _big(z)[0], O.log1mexp(_small(z)[0]))


def _kb_quantile(q, upper):
    """y with sf(y) = q (upper) or cdf(y) = q; log P is solved, so tails keep their digits.
    Starts: sf ~ 2 exp(-2 y^2) and cdf ~ sqrt(2 pi)/y exp(-pi^2/(8 y^2)) ~ exp(-pi^2/(8 y^2))."""
    hi = O.full(q, 40.0)  # sf(40) = 2 e^-3200: below every positive float

    def logp(y):
        lpdf = _kb_logpdf(y)
        lp = _kb_logsf(y) if upper else _kb_logcdf(y)
        dl = O.exp(O.sub(lpdf, lp))
        return lp, (O.neg(dl) if upper else dl)

    if upper:
        d0 = O.sqrt(O.mul(-0.5, O.log(O.mul(0.5, q))))
    else:
        d0 = O.div(PI / math.sqrt(8.0), O.sqrt(O.neg(O.log(q))))
    d0 = O.clip(d0, 0.05, 6.0)
    return _solve(logp, q, O.full(q, 0.0), hi, d0, increasing=not upper)


def _kb_isf(q):
    return O.where(O.le(q, 0.5), _kb_quantile(q, True), _kb_quantile(O.sub(1.0, q), False))


def _kb_ppf(q):
    return O.where(O.le(q, 0.5), _kb_quantile(q, False), _kb_quantile(O.sub(1.0, q), True))


def _kolmogorov_moments():
    """Mean, variance, skewness, excess kurtosis of the Kolmogorov law (closed form)."""
    zeta3 = 1.2020569031595942853997
    eta = {1: math.log(2.0), 2: PI ** 2 / 12, 3: 0.75 * zeta3, 4: 7 * PI ** 4 / 720}
    m = {k: k * math.gamma(k / 2) * 2 ** (-k / 2) * eta[k] for k in eta}
    var = m[2] - m[1] ** 2
    mu3 = m[3] - 3 * m[1] * m[2] + 2 * m[1] ** 3
    mu4 = m[4] - 4 * m[1] * m[3] + 6 * m[1] ** 2 * m[2] - 3 * m[1] ** 4
    return m[1], var, mu3 / var ** 1.5, mu4 / var ** 2 - 3.0


def _kolmogorov_entropy() -> float:
    """-int f log f by composite Simpson on [0.02, 7] (the density is below 1e-40
    outside), 40000 panels of a function analytic there: error < 1e-13."""
    y = np.linspace(0.02, 7.0, 80001)
    k = np.arange(1, 12)[:, None]
    big = 8 * y * np.sum((-1.0) ** (k - 1) * k ** 2 * np.exp(-2 * k ** 2 * y ** 2), axis=0)
    w = PI ** 2 / (8 * y ** 2)
    m2 = (2 * k - 1.0) ** 2
    small = math.sqrt(2 * PI) / y ** 2 * np.sum(np.exp(-m2 * w) * (2 * m2 * w - 1), axis=0)
    f = np.where(y >= 1, big, small)
    g = np.where(f > 0, -f * np.log(np.where(f > 0, f, 1.0)), 0.0)
    h = y[1] - y[0]
    return float(h / 3 * (g[0] + g[-1] + 4 * g[1:-1:2].sum() + 2 * g[2:-1:2].sum()))


_KB_MEAN, _KB_VAR, _KB_SKEW, _KB_KURT = _kolmogorov_moments()
_KB_ENTROPY = _kolmogorov_entropy()

kstwobign = Continuous(
    "kstwobign", "limit distribution of sqrt(n) D_n (the Kolmogorov distribution)",
    support=(0.0, INF),
    logpdf=_kb_logpdf, logcdf=_kb_logcdf, logsf=_kb_logsf,
    cdf=lambda z: O.exp(_kb_logcdf(z)), sf=lambda z: O.exp(_kb_logsf(z)),
    isf=_kb_isf, ppf=_kb_ppf,
    mean=lambda: _KB_MEAN, var=lambda: _KB_VAR, skew=lambda: _KB_SKEW,
    kurtosis=lambda: _KB_KURT, entropy=lambda: _KB_ENTROPY,
)


# --- the public namespaces ----------------------------------------------------------------
TABLE = {d.name: d for d in (ksone, kstwobign)}
NAMESPACES = {name: build(d) for name, d in TABLE.items()}
