"""The discrete univariate distributions: one table entry each.

Functions work on ``k = x - loc`` (integers inside the support when the base
calls them) and the shape parameters; see ``_distn.py`` for what the base
derives.  Formulas: Johnson, Kemp & Kotz, "Univariate Discrete
Distributions" (3rd ed., 2005).
"""

from __future__ import annotations

import math

from jaxwrap import random as jr

from . import _discrete_sums as DS
from . import _ops as O
from . import _special as S
from ._distn import Discrete, build

__all__: list[str] = []  # distributions are published through NAMESPACES

INF = math.inf
NAN = math.nan


def _prob(p):
    return O.and_(O.ge(p, 0.0), O.le(p, 1.0))


def _count(n):
    return O.and_(O.ge(n, 0.0), O.is_integer(n))


def _lbinom(n, k):
    """log C(n, k) from lgamma."""
    return O.sub(O.lgamma(O.add(n, 1.0)),
                 O.add(O.lgamma(O.add(k, 1.0)), O.lgamma(O.add(O.sub(n, k), 1.0))))


# --- Bernoulli trials -------------------------------------------------------------------
def _bern_ppf(q, p):
    return O.where(O.gt(q, O.sub(1.0, p)), O.full(q, 1.0), 0.0)


def _pq_skew(n, p):
    return O.div(O.sub(1.0, O.mul(2.0, p)), O.sqrt(O.mul(n, O.mul(p, O.sub(1.0, p)))))


def _pq_kurt(n, p):
    pq = O.mul(p, O.sub(1.0, p))
    return O.div(O.sub(1.0, O.mul(6.0, pq)), O.mul(n, pq))


bernoulli = Discrete(
    "bernoulli", "Bernoulli distribution", shapes=("p",), support=(0.0, 1.0), valid=_prob,
    logpmf=lambda k, p: O.add(O.xlogy(k, p), O.xlog1py(O.sub(1.0, k), O.neg(p))),
    cdf=lambda k, p: O.sub(1.0, p), sf=lambda k, p: p,
    logcdf=lambda k, p: O.log1p(O.neg(p)), logsf=lambda k, p: O.log(p),
    ppf=_bern_ppf,
    mean=lambda p: p, var=lambda p: O.mul(p, O.sub(1.0, p)),
    skew=lambda p: _pq_skew(O.full(p, 1.0), p), kurtosis=lambda p: _pq_kurt(O.full(p, 1.0), p),
    entropy=lambda p: O.neg(O.add(O.xlogy(p, p), O.xlog1py(O.sub(1.0, p), O.neg(p)))),
    sample=lambda key, p, shape, dtype: O.cast(jr.bernoulli(key, p, shape), p),
    example=(0.3,),
)


def _binom_logpmf(k, n, p):
    return O.add(_lbinom(n, k), O.add(O.xlogy(k, p), O.xlog1py(O.sub(n, k), O.neg(p))))


def _binom_entropy(n, p):
    """-sum pmf log pmf over np +- (20 sd + 32): Bernstein's inequality bounds the
    mass outside by exp(-t^2 / (2 (sd^2 + t/3))) < e^-48 there; NaN where that
    window exceeds the static cap (sd above ~400).  The terms use the
    saddle-point log-pmf (no lgamma cancellation at large n)."""
    sd = O.sqrt(O.mul(O.mul(n, p), O.sub(1.0, p)))
    radius = O.add(O.mul(20.0, sd), 32.0)
    return DS.entropy_around(DS.binom_logpmf, (n, p), O.full(n, 0.0), n, O.mul(n, p), radius)


def _binom_cdf(k, n, p):
    # P(K <= k) = I_{1-p}(n - k, k + 1) (DLMF 8.17.5); k = n is handled by the base
    return S.betainc(O.sub(n, k), O.add(k, 1.0), O.sub(1.0, p))


binom = Discrete(
    "binom", "binomial distribution", shapes=("n", "p"),
    support=lambda n, p: (O.full(n, 0.0), n),
    valid=lambda n, p: O.and_(_count(n), _prob(p)),
    logpmf=_binom_logpmf, entropy=_binom_entropy,
    cdf=_binom_cdf, sf=lambda k, n, p: S.betainc(O.add(k, 1.0), O.sub(n, k), p),
    mean=lambda n, p: O.mul(n, p), var=lambda n, p: O.mul(O.mul(n, p), O.sub(1.0, p)),
    skew=_pq_skew, kurtosis=_pq_kurt,
    sample=lambda key, n, p, shape, dtype: jr.binomial(key, n, p, shape, dtype),
    example=(5.0, 0.4),
)


def _betabinom_moment(which):
    def f(n, a, b):
        s = O.add(a, b)
        if which == "mean":
            return O.div(O.mul(n, a), s)
        if which == "var":
            num = O.mul(O.mul(n, O.mul(a, b)), O.add(s, n))
            return O.div(num, O.mul(O.square(s), O.add(s, 1.0)))
        if which == "skew":
            num = O.mul(O.mul(O.add(s, O.mul(2.0, n)), O.sub(b, a)), O.sqrt(O.add(s, 1.0)))
            den = O.mul(O.add(s, 2.0), O.sqrt(O.mul(O.mul(n, O.mul(a, b)), O.add(s, n))))
            return O.div(num, den)
        # excess kurtosis: s^2 (1 + s) / (n ab (s + 2)(s + 3)(s + n)) * [s (s - 1 + 6n)
        #   + 3ab (n - 2) + 6n^2 - 3abn (6 - n) / s - 18abn^2 / s^2] - 3
        ab, n2 = O.mul(a, b), O.square(n)
        br = O.mul(s, O.add(O.sub(s, 1.0), O.mul(6.0, n)))
        br = O.add(br, O.add(O.mul(O.mul(3.0, ab), O.sub(n, 2.0)), O.mul(6.0, n2)))
        br = O.sub(br, O.div(O.mul(O.mul(3.0, ab), O.mul(n, O.sub(6.0, n))), s))
        br = O.sub(br, O.div(O.mul(O.mul(18.0, ab), n2), O.square(s)))
        pre = O.div(O.mul(O.square(s), O.add(s, 1.0)),
                    O.mul(O.mul(O.mul(n, ab), O.add(s, 2.0)), O.mul(O.add(s, 3.0), O.add(s, n))))
        return O.sub(O.mul(pre, br), 3.0)
    return f


def _betabinom_logpmf(k, n, a, b):
    return O.add(_lbinom(n, k), O.sub(O.betaln(O.add(k, a), O.add(O.sub(n, k), b)),
                                      O.betaln(a, b)))


def _betabinom_entropy(n, a, b):
    """-sum pmf log pmf over the whole support [0, n] (the law may be U-shaped,
    so no window is safe): NaN where n + 1 exceeds the static cap."""
    zero = O.full(n, 0.0)
    return DS.entropy_window(_betabinom_logpmf, (n, a, b), zero, n)


betabinom = Discrete(
    "betabinom", "beta-binomial distribution", shapes=("n", "a", "b"),
    support=lambda n, a, b: (O.full(n, 0.0), n),
    valid=lambda n, a, b: O.and_(_count(n), O.and_(O.gt(a, 0.0), O.gt(b, 0.0))),
    logpmf=_betabinom_logpmf, entropy=_betabinom_entropy,
    mean=_betabinom_moment("mean"), var=_betabinom_moment("var"),
    skew=_betabinom_moment("skew"), kurtosis=_betabinom_moment("kurtosis"),
    sample=lambda key, n, a, b, shape, dtype: _betabinom_sample(key, n, a, b, shape, dtype),
    example=(5.0, 2.0, 3.0),
)


def _betabinom_sample(key, n, a, b, shape, dtype):
    k1, k2 = jr.fold_in(key, 1), jr.fold_in(key, 2)  # (unpacking split() would slice with jax ops)
    return jr.binomial(k2, n, jr.beta(k1, a, b, shape, dtype), shape, dtype)


# --- waiting times -------------------------------------------------------------------------
geom = Discrete(
    "geom", "geometric distribution", shapes=("p",), support=(1.0, INF),
    valid=lambda p: O.and_(O.gt(p, 0.0), O.le(p, 1.0)),
    logpmf=lambda k, p: O.add(O.xlog1py(O.sub(k, 1.0), O.neg(p)), O.log(p)),
    logsf=lambda k, p: O.xlog1py(k, O.neg(p)),
    sf=lambda k, p: O.exp(O.xlog1py(k, O.neg(p))),
    cdf=lambda k, p: O.neg(O.expm1(O.xlog1py(k, O.neg(p)))),
    ppf=lambda q, p: O.div(O.log1p(O.neg(q)), O.log1p(O.neg(p))),
    mean=lambda p: O.div(1.0, p), var=lambda p: O.div(O.sub(1.0, p), O.square(p)),
    skew=lambda p: O.div(O.sub(2.0, p), O.sqrt(O.sub(1.0, p))),
    kurtosis=lambda p: O.add(6.0, O.div(O.square(p), O.sub(1.0, p))),
    entropy=lambda p: O.div(O.neg(O.add(O.xlog1py(O.sub(1.0, p), O.neg(p)), O.xlogy(p, p))), p),
    sample=lambda key, p, shape, dtype: O.cast(jr.geometric(key, p, shape), p),
    example=(0.3,),
)


def _nbinom_sample(key, n, p, shape, dtype):
    # Poisson with a gamma-distributed rate (the negative binomial as a mixture)
    k1, k2 = jr.fold_in(key, 1), jr.fold_in(key, 2)
    rate = O.mul(jr.gamma(k1, n, shape, dtype), O.div(O.sub(1.0, p), p))
    return O.cast(jr.poisson(k2, rate, shape), rate)


def _nbinom_logpmf(k, n, p):
    return O.add(O.sub(O.lgamma(O.add(n, k)), O.add(O.lgamma(O.add(k, 1.0)), O.lgamma(n))),
                 O.add(O.mul(n, O.log(p)), O.xlog1py(k, O.neg(p))))


def _nbinom_terms(k, n, p):
    # pmf(k) = n/(n + k) binom.pmf(n; n + k, p), by the saddle-point form (JKK 5.1)
    return O.add(O.log(O.div(n, O.add(n, k))), DS.binom_logpmf(n, O.add(n, k), p))


def _nbinom_entropy(n, p):
    """-sum pmf log pmf over mean +- (20 sd + 100 c + 32), c = -1/log(1 - p) the
    scale of the geometric tail (pmf(k) <= C (1 - p)^k k^(n-1)): a Bernstein
    bound for sub-gamma laws puts the mass outside below e^-50.  NaN where
    that window exceeds the static cap (p small with a long tail)."""
    q = O.sub(1.0, p)
    sd = O.div(O.sqrt(O.mul(n, q)), p)
    c = O.div(-1.0, O.log1p(O.neg(p)))
    radius = O.add(O.add(O.mul(20.0, sd), O.mul(100.0, c)), 32.0)
    mean = O.div(O.mul(n, q), p)
    return DS.entropy_around(_nbinom_terms, (n, p), O.full(n, 0.0), O.full(n, INF), mean,
                             radius)


nbinom = Discrete(
    "nbinom", "negative binomial distribution", shapes=("n", "p"), support=(0.0, INF),
    valid=lambda n, p: O.and_(O.gt(n, 0.0), O.and_(O.gt(p, 0.0), O.le(p, 1.0))),
    logpmf=_nbinom_logpmf, entropy=_nbinom_entropy,
    cdf=lambda k, n, p: S.betainc(n, O.add(k, 1.0), p),
    sf=lambda k, n, p: S.betainc(O.add(k, 1.0), n, O.sub(1.0, p)),
    mean=lambda n, p: O.div(O.mul(n, O.sub(1.0, p)), p),
    var=lambda n, p: O.div(O.mul(n, O.sub(1.0, p)), O.square(p)),
    skew=lambda n, p: O.div(O.sub(2.0, p), O.sqrt(O.mul(n, O.sub(1.0, p)))),
    kurtosis=lambda n, p: O.add(O.div(6.0, n), O.div(O.square(p), O.mul(n, O.sub(1.0, p)))),
    sample=_nbinom_sample,
    example=(3.0, 0.4),
)


# --- Poisson --------------------------------------------------------------------------------
_ENT_TERMS = 1024  # window of the entropy sum: mu +- 16 sqrt(mu) while mu <= 1024


def _poisson_entropy(mu):
    """-sum pmf log pmf over a static window of 1024 terms from
    max(0, mu - 16 sqrt(mu)) (the mass outside is below e^-128) for
    mu <= 1000; above, the asymptotic expansion
    0.5 log(2 pi e mu) - 1/(12 mu) - 1/(24 mu^2) - 19/(360 mu^3) (Evans &
    Boersma 1988), whose next term is below 1e-13 there."""
    from ...numpy import _util
    from ... import lax as L
    shape = _util.shape(mu)
    nd = len(shape)
    small = O.minimum(mu, 1000.0)
    start = O.maximum(O.floor(O.sub(small, O.mul(16.0, O.sqrt(small)))), 0.0)
    ks = L.convert_element_type(L.iota(mu.dtype, (_ENT_TERMS,), 0), mu.dtype, False)
    full = shape + (_ENT_TERMS,)
    k = L.add(L.broadcast_in_dim(start, full, tuple(range(nd))),
              L.broadcast_in_dim(ks, full, (nd,)))
    m = L.broadcast_in_dim(small, full, tuple(range(nd)))
    lp = O.sub(O.sub(O.xlogy(k, m), m), O.lgamma(O.add(k, 1.0)))
    terms = O.where(O.isfinite(lp), O.mul(O.exp(lp), lp), 0.0)
    s = O.neg(L.reduce_sum(terms, (nd,)))
    inv = O.div(1.0, mu)
    asym = O.sub(O.mul(0.5, O.add(O.log(mu), O.LOG_2PI + 1.0)),
                 O.mul(inv, O.polyval([19 / 360, 1 / 24, 1 / 12], inv)))
    return O.where(O.gt(mu, 1000.0), asym, s)


poisson = Discrete(
    "poisson", "Poisson distribution", shapes=("mu",), support=(0.0, INF),
    valid=lambda mu: O.ge(mu, 0.0),
    logpmf=lambda k, mu: O.sub(O.sub(O.xlogy(k, mu), mu), O.lgamma(O.add(k, 1.0))),
    cdf=lambda k, mu: S.gammaincc(O.add(k, 1.0), mu),
    sf=lambda k, mu: S.gammainc(O.add(k, 1.0), mu),
    mean=lambda mu: mu, var=lambda mu: mu, skew=lambda mu: O.div(1.0, O.sqrt(mu)),
    kurtosis=lambda mu: O.div(1.0, mu), entropy=_poisson_entropy,
    sample=lambda key, mu, shape, dtype: O.cast(jr.poisson(key, mu, shape), mu),
    example=(2.5,),
)


# --- closed forms on the integers ------------------------------------------------------------
def _planck_moments(which):
    def f(lam):
        if which == "mean":
            return O.div(1.0, O.expm1(lam))
        if which == "var":
            return O.div(O.exp(lam), O.square(O.expm1(lam)))
        if which == "skew":
            return O.mul(2.0, O.cosh(O.mul(0.5, lam)))
        return O.add(4.0, O.mul(2.0, O.cosh(lam)))
    return f


planck = Discrete(
    "planck", "Planck (discrete exponential) distribution", shapes=("lambda_",),
    support=(0.0, INF), valid=lambda lam: O.gt(lam, 0.0),
    logpmf=lambda k, lam: O.sub(O.log(O.neg(O.expm1(O.neg(lam)))), O.mul(lam, k)),
    logsf=lambda k, lam: O.neg(O.mul(lam, O.add(k, 1.0))),
    sf=lambda k, lam: O.exp(O.neg(O.mul(lam, O.add(k, 1.0)))),
    cdf=lambda k, lam: O.neg(O.expm1(O.neg(O.mul(lam, O.add(k, 1.0))))),
    ppf=lambda q, lam: O.sub(O.div(O.neg(O.log1p(O.neg(q))), lam), 1.0),
    mean=_planck_moments("mean"), var=_planck_moments("var"), skew=_planck_moments("skew"),
    kurtosis=_planck_moments("kurtosis"),
    entropy=lambda lam: O.sub(O.div(lam, O.expm1(lam)), O.log(O.neg(O.expm1(O.neg(lam))))),
    example=(0.5,),
)


def _boltz_cdf(k, lam, n):
    return O.div(O.expm1(O.neg(O.mul(lam, O.add(k, 1.0)))), O.expm1(O.neg(O.mul(lam, n))))


def _boltz_cumulant(j):
    """Cumulant j (2, 3, 4) of the Boltzmann law from its cumulant generating
    function log E e^(tK) = g(N (lambda - t)) - g(lambda - t) + const,
    g(x) = log(1 - e^-x): kappa_j = c_j(lambda) - N^j c_j(N lambda) with
    c_2 = r/(1-r)^2, c_3 = r(1+r)/(1-r)^3, c_4 = r(1+4r+r^2)/(1-r)^4, r = e^-x
    (the derivatives of 1/(e^x - 1))."""
    poly = {2: [1.0], 3: [1.0, 1.0], 4: [1.0, 4.0, 1.0]}[j]

    def c(x):
        r = O.exp(O.neg(x))
        return O.div(O.mul(r, O.polyval(poly, r)), O.power(O.neg(O.expm1(O.neg(x))), float(j)))

    def f(lam, n):
        return O.sub(c(lam), O.mul(O.power(n, float(j)), c(O.mul(n, lam))))
    return f


def _boltz_shape(j, lam, n):
    """Skewness (j = 3) or excess kurtosis (j = 4); NaN for N = 1 (one point: 0/0)."""
    k2 = _boltz_cumulant(2)(lam, n)
    v = O.div(_boltz_cumulant(j)(lam, n), O.power(k2, j / 2))
    return O.nan_where(O.eq(n, 1.0), v)


boltzmann = Discrete(
    "boltzmann", "Boltzmann (truncated Planck) distribution", shapes=("lambda_", "N"),
    support=lambda lam, n: (O.full(n, 0.0), O.sub(n, 1.0)),
    valid=lambda lam, n: O.and_(O.gt(lam, 0.0), O.and_(O.ge(n, 1.0), O.is_integer(n))),
    logpmf=lambda k, lam, n: O.sub(O.sub(O.log(O.neg(O.expm1(O.neg(lam)))), O.mul(lam, k)),
                                   O.log(O.neg(O.expm1(O.neg(O.mul(lam, n)))))),
    cdf=_boltz_cdf,
    sf=lambda k, lam, n: O.div(O.sub(O.exp(O.neg(O.mul(lam, O.add(k, 1.0)))),
                                     O.exp(O.neg(O.mul(lam, n)))),
                               O.neg(O.expm1(O.neg(O.mul(lam, n))))),
    ppf=lambda q, lam, n: O.sub(O.div(O.neg(O.log1p(O.mul(q, O.expm1(O.neg(O.mul(lam, n)))))),
                                      lam), 1.0),
    mean=lambda lam, n: O.sub(O.div(1.0, O.expm1(lam)), O.div(n, O.expm1(O.mul(lam, n)))),
    # H = -log p(0) + lambda E[k], p(0) = (1 - e^-lambda) / (1 - e^(-lambda N))
    entropy=lambda lam, n: O.add(
        O.sub(O.log(O.neg(O.expm1(O.neg(O.mul(lam, n))))), O.log(O.neg(O.expm1(O.neg(lam))))),
        O.mul(lam, O.sub(O.div(1.0, O.expm1(lam)), O.div(n, O.expm1(O.mul(lam, n)))))),
    # the second cumulant in e^-lambda (e^lambda / (e^lambda - 1)^2 overflowed past 709)
    var=lambda lam, n: _boltz_cumulant(2)(lam, n),
    skew=lambda lam, n: _boltz_shape(3, lam, n), kurtosis=lambda lam, n: _boltz_shape(4, lam, n),
    example=(0.5, 6.0),
)


def _dlaplace_cdf(k, a):
    # k >= 0: 1 - e^(-a k) / (e^a + 1);  k < 0: e^(a (k + 1)) / (e^a + 1)
    den = O.add(O.exp(a), 1.0)
    return O.where(O.ge(k, 0.0), O.sub(1.0, O.div(O.exp(O.neg(O.mul(a, k))), den)),
                   O.div(O.exp(O.mul(a, O.add(k, 1.0))), den))


dlaplace = Discrete(
    "dlaplace", "discrete Laplace distribution", shapes=("a",), support=(-INF, INF),
    valid=lambda a: O.gt(a, 0.0),
    logpmf=lambda k, a: O.sub(O.log(O.tanh(O.mul(0.5, a))), O.mul(a, O.absolute(k))),
    cdf=_dlaplace_cdf, sf=lambda k, a: _dlaplace_cdf(O.sub(O.neg(k), 1.0), a),
    mean=lambda a: O.full(a, 0.0),
    var=lambda a: O.div(O.mul(2.0, O.exp(a)), O.square(O.expm1(a))),
    skew=lambda a: O.full(a, 0.0),
    # H = -log tanh(a/2) + a E|k|, E|k| = 2 e^-a / (1 - e^-2a) = 1 / sinh(a)
    entropy=lambda a: O.add(O.neg(O.log(O.tanh(O.mul(0.5, a)))), O.div(a, O.sinh(a))),
    # r = e^-a: E k^2 = 2r/(1-r)^2, E k^4 = 2r (1 + 11r + 11r^2 + r^3) / ((1-r)^4 (1+r))
    # (sums of k^n r^k, JKK 2005 ch. 11): kurtosis + 3 = (1 + 11r + 11r^2 + r^3) / (2r (1+r))
    kurtosis=lambda a: O.sub(O.div(O.polyval([1.0, 11.0, 11.0, 1.0], O.exp(O.neg(a))),
                                   O.mul(2.0, O.mul(O.exp(O.neg(a)), O.add(1.0, O.exp(O.neg(a)))))),
                             3.0),
    example=(0.8,),
)


randint = Discrete(
    "randint", "discrete uniform distribution", shapes=("low", "high"),
    support=lambda lo, hi: (lo, O.sub(hi, 1.0)),
    valid=lambda lo, hi: O.and_(O.lt(lo, hi), O.and_(O.is_integer(lo), O.is_integer(hi))),
    logpmf=lambda k, lo, hi: O.neg(O.log(O.sub(hi, lo))),
    cdf=lambda k, lo, hi: O.div(O.add(O.sub(k, lo), 1.0), O.sub(hi, lo)),
    sf=lambda k, lo, hi: O.div(O.sub(O.sub(hi, k), 1.0), O.sub(hi, lo)),
    ppf=lambda q, lo, hi: O.sub(O.add(O.mul(q, O.sub(hi, lo)), lo), 1.0),
    mean=lambda lo, hi: O.mul(0.5, O.sub(O.add(lo, hi), 1.0)),
    var=lambda lo, hi: O.div(O.sub(O.square(O.sub(hi, lo)), 1.0), 12.0),
    skew=lambda lo, hi: O.full(lo, 0.0),
    kurtosis=lambda lo, hi: O.mul(-1.2, O.div(O.add(O.square(O.sub(hi, lo)), 1.0),
                                              O.sub(O.square(O.sub(hi, lo)), 1.0))),
    entropy=lambda lo, hi: O.log(O.sub(hi, lo)),
    example=(1.0, 7.0),
)


TABLE = {d.name: d for d in (bernoulli, betabinom, binom, boltzmann, dlaplace, geom, nbinom,
                             planck, poisson, randint)}
NAMESPACES = {name: build(d) for name, d in TABLE.items()}
