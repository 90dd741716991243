"""The continuous univariate distributions: one table entry each.

Every function below works on the standardized variable ``z`` (the base in
``_distn.py`` applies loc/scale, the support, NaN for invalid parameters and
the fallbacks between cdf/sf and their logs), so an entry only states the
mathematics.  Formulas are the textbook ones (Johnson, Kotz & Balakrishnan,
"Continuous Univariate Distributions", 1994/95) written for stability: tails
by sf/logsf instead of 1 - cdf, log1p/expm1 near 0 and 1.
"""

from __future__ import annotations

import math

from jaxwrap import random as jr

from ... import lax as _L
from . import _ops as O
from . import _special as S
from ._distn import Continuous, build

__all__: list[str] = []  # distributions are published through NAMESPACES

L_asin = _L.asin
PI = math.pi
INF = math.inf
NAN = math.nan
_LOG_SQRT_2PI = 0.5 * O.LOG_2PI


def _pos(*names):
    """valid: every shape parameter > 0."""
    def valid(*s):
        out = O.gt(s[0], 0.0)
        for p in s[1:]:
            out = O.and_(out, O.gt(p, 0.0))
        return out
    return valid


def _std(sampler):
    """A sampler of jaxwrap.random taking (key, shape, dtype)."""
    return lambda key, *s, shape, dtype: sampler(key, shape, dtype)


def _const(v):
    return lambda *s: v


def _piecewise(cond, *pairs):
    """Moments defined on ranges of a shape parameter: ``pairs`` are
    (condition, value) tried in order, NaN where none holds."""
    def f(*s):
        out = O.full(s[0], NAN)
        for c, v in reversed(pairs):
            out = O.where(c(*s), v(*s), out)
        return out
    return f


# --- normal family ---------------------------------------------------------------------
# norm's logcdf / logsf: jaxwrap.scipy.special's log_ndtr kernel (erfcx-based; measured
# against mpmath: <= 3 ulp for x > 1 where the erfc-based kernel of _special reaches 68
# (float32) / 101 (float64), and 1.0x jax's time where that one costs 1.35x).
_log_ndtr = S.special("errfun", "log_ndtr_")
norm = Continuous(
    "norm", "normal distribution",
    logpdf=lambda z: O.sub(O.mul(-0.5, O.square(z)), _LOG_SQRT_2PI),
    cdf=S.ndtr, sf=lambda z: S.ndtr(O.neg(z)),
    logcdf=_log_ndtr, logsf=lambda z: _log_ndtr(O.neg(z)),
    ppf=S.ndtri, isf=lambda q: O.neg(S.ndtri(q)),
    mean=_const(0.0), var=_const(1.0), skew=_const(0.0), kurtosis=_const(0.0),
    entropy=_const(0.5 * (O.LOG_2PI + 1.0)),
    sample=_std(jr.normal),
)

halfnorm = Continuous(
    "halfnorm", "half-normal distribution", support=(0.0, INF),
    logpdf=lambda z: O.sub(O.mul(-0.5, O.square(z)), _LOG_SQRT_2PI - O.LOG_2),
    cdf=lambda z: O.erf(O.div(z, O.SQRT2)),
    sf=lambda z: O.erfc(O.div(z, O.SQRT2)),
    logsf=lambda z: O.add(S.log_ndtr(O.neg(z)), O.LOG_2),
    # ppf: erf_inv where q is small (relative accuracy), the normal tail above 1/2
    ppf=lambda q: O.where(O.lt(q, 0.5), O.mul(O.SQRT2, O.erf_inv(q)),
                          O.neg(S.ndtri(O.mul(0.5, O.sub(1.0, q))))),
    isf=lambda q: O.neg(S.ndtri(O.mul(0.5, q))),
    mean=_const(math.sqrt(2 / PI)), var=_const(1 - 2 / PI),
    skew=_const(math.sqrt(2) * (4 - PI) / (PI - 2) ** 1.5),
    kurtosis=_const(8 * (PI - 3) / (PI - 2) ** 2),
    entropy=_const(0.5 * math.log(PI * math.e / 2)),
    sample=lambda key, shape, dtype: O.absolute(jr.normal(key, shape, dtype)),
)


def _lognorm_logpdf(z, s):
    lz = O.log(z)
    v = O.sub(O.neg(O.div(O.square(lz), O.mul(2.0, O.square(s)))), O.add(lz, O.log(s)))
    return O.where(O.eq(z, 0.0), -INF, O.sub(v, _LOG_SQRT_2PI))


lognorm = Continuous(
    "lognorm", "log-normal distribution", shapes=("s",), support=(0.0, INF), valid=_pos("s"),
    logpdf=_lognorm_logpdf,
    cdf=lambda z, s: S.ndtr(O.div(O.log(z), s)), sf=lambda z, s: S.ndtr(O.div(O.neg(O.log(z)), s)),
    logcdf=lambda z, s: S.log_ndtr(O.div(O.log(z), s)),
    logsf=lambda z, s: S.log_ndtr(O.div(O.neg(O.log(z)), s)),
    ppf=lambda q, s: O.exp(O.mul(s, S.ndtri(q))),
    isf=lambda q, s: O.exp(O.neg(O.mul(s, S.ndtri(q)))),
    mean=lambda s: O.exp(O.mul(0.5, O.square(s))),
    var=lambda s: O.mul(O.expm1(O.square(s)), O.exp(O.square(s))),
    skew=lambda s: O.mul(O.add(O.exp(O.square(s)), 2.0), O.sqrt(O.expm1(O.square(s)))),
    kurtosis=lambda s: O.sub(O.add(O.add(O.exp(O.mul(4.0, O.square(s))),
                                         O.mul(2.0, O.exp(O.mul(3.0, O.square(s))))),
                                   O.mul(3.0, O.exp(O.mul(2.0, O.square(s))))), 6.0),
    entropy=lambda s: O.add(O.log(s), 0.5 * (1.0 + O.LOG_2PI)),
    sample=lambda key, s, shape, dtype: jr.lognormal(key, s, shape, dtype),
    example=(0.5,),
)


# --- truncated normal ------------------------------------------------------------------
def _tn_logz(a, b):
    """log(Phi(b) - Phi(a)), from the side of zero where the tails are small:
    for a > 0 the mirror image log(Phi(-a) - Phi(-b)).  The arguments are
    chosen before the (costly) log_ndtr calls, so each is compiled once."""
    up = O.gt(a, 0.0)
    lo, hi = O.where(up, O.neg(b), a), O.where(up, O.neg(a), b)
    lhi = S.log_ndtr(hi)
    return O.add(lhi, O.log1mexp(O.sub(S.log_ndtr(lo), lhi)))


def _tn_logcdf_direct(z, a, b):
    # a <= 0: log(Phi(z) - Phi(a)) - log Z;  a > 0: log(Q(a) - Q(z)) - log Z (Q = 1 - Phi),
    # i.e. log(Phi(u) - Phi(v)) with (u, v) = (z, a), or (-a, -z) for a > 0
    up = O.gt(a, 0.0)
    u, v = O.where(up, O.neg(a), z), O.where(up, O.neg(z), a)
    lu = S.log_ndtr(u)
    d = O.add(lu, O.log1mexp(O.minimum(O.sub(S.log_ndtr(v), lu), 0.0)))
    return O.sub(d, _tn_logz(a, b))


def _tn_logcdf(z, a, b):
    """The direct form where the cdf is below 1/2, else log1p(-sf) from the
    (then small and accurate) survival function."""
    lcdf = _tn_logcdf_direct(z, a, b)
    lsf = _tn_logcdf_direct(O.neg(z), O.neg(b), O.neg(a))
    return O.where(O.lt(lsf, -O.LOG_2), O.log1mexp(lsf), lcdf)


def _tn_logsf(z, a, b):
    return _tn_logcdf(O.neg(z), O.neg(b), O.neg(a))


def _tn_ppf(q, a, b):
    # a <= 0: Phi(x) = Phi(a) + q Z;  a > 0: Q(x) = Q(a) - q Z = Q(b) + (1 - q) Z, i.e.
    # Phi(-x) = Phi(-b) + (1 - q) Z: one ndtri_exp on the mirrored arguments
    up = O.gt(a, 0.0)
    lo = O.where(up, O.neg(b), a)
    lq = O.where(up, O.log1p(O.neg(q)), O.log(q))
    x = S.ndtri_exp(O.logaddexp(S.log_ndtr(lo), O.add(lq, _tn_logz(a, b))))
    return O.clip(O.where(up, O.neg(x), x), a, b)


def _phi(x):
    return O.where(O.isfinite(x), O.exp(O.sub(O.mul(-0.5, O.square(x)), _LOG_SQRT_2PI)), 0.0)


def _tn_raw(a, b):
    """E[Z^n], n = 1..4, by E[Z^n] = (n-1) E[Z^(n-2)] + (a^(n-1) phi(a) - b^(n-1) phi(b)) / Z."""
    z = O.exp(_tn_logz(a, b))
    pa, pb = _phi(a), _phi(b)
    fa = O.where(O.isfinite(a), a, 0.0)
    fb = O.where(O.isfinite(b), b, 0.0)
    m = [O.full(a, 1.0)]
    m.append(O.div(O.sub(pa, pb), z))
    powa, powb = pa, pb
    for n in range(2, 5):
        powa, powb = O.mul(powa, fa), O.mul(powb, fb)
        m.append(O.add(O.mul(float(n - 1), m[n - 2]), O.div(O.sub(powa, powb), z)))
    return m


def _tn_central(k):
    def f(a, b):
        m = _tn_raw(a, b)
        mu = m[1]
        var = O.sub(m[2], O.square(mu))
        if k == "var":
            return var
        c3 = O.add(O.sub(m[3], O.mul(3.0, O.mul(mu, m[2]))), O.mul(2.0, O.power(mu, 3.0)))
        if k == "skew":
            return O.div(c3, O.power(var, 1.5))
        c4 = O.sub(O.add(O.sub(m[4], O.mul(4.0, O.mul(mu, m[3]))),
                         O.mul(6.0, O.mul(O.square(mu), m[2]))), O.mul(3.0, O.power(mu, 4.0)))
        return O.sub(O.div(c4, O.square(var)), 3.0)
    return f


def _tn_entropy(a, b):
    fa = O.where(O.isfinite(a), O.mul(a, _phi(a)), 0.0)
    fb = O.where(O.isfinite(b), O.mul(b, _phi(b)), 0.0)
    logz = _tn_logz(a, b)
    return O.add(O.add(0.5 * (O.LOG_2PI + 1.0), logz),
                 O.div(O.sub(fa, fb), O.mul(2.0, O.exp(logz))))


truncnorm = Continuous(
    "truncnorm", "truncated normal distribution", shapes=("a", "b"),
    support=lambda a, b: (a, b), valid=lambda a, b: O.lt(a, b),
    logpdf=lambda z, a, b: O.sub(O.sub(O.mul(-0.5, O.square(z)), _LOG_SQRT_2PI), _tn_logz(a, b)),
    logcdf=_tn_logcdf, logsf=_tn_logsf,
    cdf=lambda z, a, b: O.exp(_tn_logcdf(z, a, b)), sf=lambda z, a, b: O.exp(_tn_logsf(z, a, b)),
    ppf=_tn_ppf, isf=lambda q, a, b: O.neg(_tn_ppf(q, O.neg(b), O.neg(a))),
    mean=lambda a, b: _tn_raw(a, b)[1], var=_tn_central("var"), skew=_tn_central("skew"),
    kurtosis=_tn_central("kurtosis"), entropy=_tn_entropy,
    sample=lambda key, a, b, shape, dtype: jr.truncated_normal(key, a, b, shape, dtype),
    example=(-1.0, 2.0),
)


# --- exponential family of simple closed forms ----------------------------------------
expon = Continuous(
    "expon", "exponential distribution", support=(0.0, INF),
    logpdf=O.neg, cdf=lambda z: O.neg(O.expm1(O.neg(z))), sf=lambda z: O.exp(O.neg(z)),
    logcdf=lambda z: O.log1mexp(O.neg(z)), logsf=O.neg,
    ppf=lambda q: O.neg(O.log1p(O.neg(q))), isf=lambda q: O.neg(O.log(q)),
    mean=_const(1.0), var=_const(1.0), skew=_const(2.0), kurtosis=_const(6.0),
    entropy=_const(1.0), sample=_std(jr.exponential),
)


def _laplace_logcdf(z):
    return O.where(O.lt(z, 0.0), O.sub(z, O.LOG_2), O.log1p(O.mul(-0.5, O.exp(O.neg(z)))))


laplace = Continuous(
    "laplace", "Laplace (double exponential) distribution",
    logpdf=lambda z: O.sub(O.neg(O.absolute(z)), O.LOG_2),
    logcdf=_laplace_logcdf, logsf=lambda z: _laplace_logcdf(O.neg(z)),
    cdf=lambda z: O.exp(_laplace_logcdf(z)), sf=lambda z: O.exp(_laplace_logcdf(O.neg(z))),
    ppf=lambda q: O.where(O.lt(q, 0.5), O.log(O.mul(2.0, q)),
                          O.neg(O.log(O.mul(2.0, O.sub(1.0, q))))),
    isf=lambda q: O.where(O.lt(q, 0.5), O.neg(O.log(O.mul(2.0, q))),
                          O.log(O.mul(2.0, O.sub(1.0, q)))),
    mean=_const(0.0), var=_const(2.0), skew=_const(0.0), kurtosis=_const(3.0),
    entropy=_const(O.LOG_2 + 1.0), sample=_std(jr.laplace),
)


def _softplus(z):
    return O.add(O.maximum(z, 0.0), O.log1p(O.exp(O.neg(O.absolute(z)))))


logistic = Continuous(
    "logistic", "logistic distribution",
    logpdf=lambda z: O.sub(O.neg(O.absolute(z)),
                           O.mul(2.0, O.log1p(O.exp(O.neg(O.absolute(z)))))),
    cdf=O.logistic, sf=lambda z: O.logistic(O.neg(z)),
    logcdf=lambda z: O.neg(_softplus(O.neg(z))), logsf=lambda z: O.neg(_softplus(z)),
    ppf=lambda q: O.sub(O.log(q), O.log1p(O.neg(q))),
    isf=lambda q: O.sub(O.log1p(O.neg(q)), O.log(q)),
    mean=_const(0.0), var=_const(PI ** 2 / 3), skew=_const(0.0), kurtosis=_const(1.2),
    entropy=_const(2.0), sample=_std(jr.logistic),
    argnames={"ppf": "x", "isf": "x"},
)

def _halflogistic_moments():
    """Mean, variance, skew, excess kurtosis from the raw moments
    E[X] = 2 log 2, E[X^n] = 2 n! (1 - 2^(1-n)) zeta(n) for n >= 2."""
    zeta = {2: PI ** 2 / 6, 3: 1.2020569031595942854, 4: PI ** 4 / 90}
    m = [1.0, 2 * math.log(2)] + [2 * math.factorial(n) * (1 - 2.0 ** (1 - n)) * zeta[n]
                                  for n in (2, 3, 4)]
    var = m[2] - m[1] ** 2
    c3 = m[3] - 3 * m[1] * m[2] + 2 * m[1] ** 3
    c4 = m[4] - 4 * m[1] * m[3] + 6 * m[1] ** 2 * m[2] - 3 * m[1] ** 4
    return m[1], var, c3 / var ** 1.5, c4 / var ** 2 - 3


_HL = _halflogistic_moments()

halflogistic = Continuous(
    "halflogistic", "half-logistic distribution", support=(0.0, INF),
    logpdf=lambda z: O.sub(O.sub(O.LOG_2, z), O.mul(2.0, O.log1p(O.exp(O.neg(z))))),
    cdf=lambda z: O.tanh(O.mul(0.5, z)),
    sf=lambda z: O.div(2.0, O.add(1.0, O.exp(z))),
    logsf=lambda z: O.sub(O.LOG_2, _softplus(z)),
    ppf=lambda q: O.sub(O.log1p(q), O.log1p(O.neg(q))),
    isf=lambda q: O.log(O.sub(O.div(2.0, q), 1.0)),
    mean=_const(_HL[0]), var=_const(_HL[1]), skew=_const(_HL[2]), kurtosis=_const(_HL[3]),
    entropy=_const(2 - math.log(2)),
    sample=lambda key, shape, dtype: O.absolute(jr.logistic(key, shape, dtype)),
)


# --- extreme value --------------------------------------------------------------------
_ZETA3 = 1.2020569031595942854
_GUMBEL_SKEW = 12 * math.sqrt(6) * _ZETA3 / PI ** 3

gumbel_r = Continuous(
    "gumbel_r", "right-skewed Gumbel distribution",
    logpdf=lambda z: O.sub(O.neg(z), O.exp(O.neg(z))),
    cdf=lambda z: O.exp(O.neg(O.exp(O.neg(z)))), logcdf=lambda z: O.neg(O.exp(O.neg(z))),
    sf=lambda z: O.neg(O.expm1(O.neg(O.exp(O.neg(z))))),
    logsf=lambda z: O.log1mexp(O.neg(O.exp(O.neg(z)))),
    ppf=lambda q: O.neg(O.log(O.neg(O.log(q)))),
    isf=lambda q: O.neg(O.log(O.neg(O.log1p(O.neg(q))))),
    mean=_const(O.EULER), var=_const(PI ** 2 / 6), skew=_const(_GUMBEL_SKEW),
    kurtosis=_const(2.4), entropy=_const(O.EULER + 1.0),
    sample=lambda key, shape, dtype: jr.gumbel(key, shape, dtype),
    argnames={"ppf": "p"},
)

gumbel_l = Continuous(
    "gumbel_l", "left-skewed Gumbel distribution",
    logpdf=lambda z: O.sub(z, O.exp(z)),
    sf=lambda z: O.exp(O.neg(O.exp(z))), logsf=lambda z: O.neg(O.exp(z)),
    cdf=lambda z: O.neg(O.expm1(O.neg(O.exp(z)))),
    logcdf=lambda z: O.log1mexp(O.neg(O.exp(z))),
    ppf=lambda q: O.log(O.neg(O.log1p(O.neg(q)))),
    isf=lambda q: O.log(O.neg(O.log(q))),
    mean=_const(-O.EULER), var=_const(PI ** 2 / 6), skew=_const(-_GUMBEL_SKEW),
    kurtosis=_const(2.4), entropy=_const(O.EULER + 1.0),
    sample=lambda key, shape, dtype: O.neg(jr.gumbel(key, shape, dtype)),
    argnames={"ppf": "p"},
)


def _wb_g(c, k):
    return O.exp(O.lgamma(O.add(1.0, O.div(float(k), c))))


def _wb_moment(which, sign=1.0):
    def f(c):
        g1, g2, g3, g4 = (_wb_g(c, k) for k in (1, 2, 3, 4))
        var = O.sub(g2, O.square(g1))
        if which == "mean":
            return O.mul(sign, g1)
        if which == "var":
            return var
        if which == "skew":
            num = O.add(O.sub(g3, O.mul(3.0, O.mul(g1, g2))), O.mul(2.0, O.power(g1, 3.0)))
            return O.mul(sign, O.div(num, O.power(var, 1.5)))
        num = O.sub(O.add(O.sub(g4, O.mul(4.0, O.mul(g1, g3))),
                          O.mul(6.0, O.mul(O.square(g1), g2))), O.mul(3.0, O.power(g1, 4.0)))
        return O.sub(O.div(num, O.square(var)), 3.0)
    return f


def _wb_logpdf(z, c):
    return O.sub(O.add(O.log(c), O.xlogy(O.sub(c, 1.0), z)), O.power(z, c))


def _wb_entropy(c):
    return O.add(O.sub(O.mul(O.EULER, O.sub(1.0, O.div(1.0, c))), O.log(c)), 1.0)


weibull_min = Continuous(
    "weibull_min", "Weibull minimum distribution", shapes=("c",), support=(0.0, INF),
    valid=_pos("c"), logpdf=_wb_logpdf,
    cdf=lambda z, c: O.neg(O.expm1(O.neg(O.power(z, c)))),
    sf=lambda z, c: O.exp(O.neg(O.power(z, c))), logsf=lambda z, c: O.neg(O.power(z, c)),
    ppf=lambda q, c: O.power(O.neg(O.log1p(O.neg(q))), O.div(1.0, c)),
    isf=lambda q, c: O.power(O.neg(O.log(q)), O.div(1.0, c)),
    mean=_wb_moment("mean"), var=_wb_moment("var"), skew=_wb_moment("skew"),
    kurtosis=_wb_moment("kurtosis"), entropy=_wb_entropy,
    sample=lambda key, c, shape, dtype: jr.weibull_min(key, 1.0, c, shape, dtype),
    example=(1.5,),
)

weibull_max = Continuous(
    "weibull_max", "Weibull maximum distribution", shapes=("c",), support=(-INF, 0.0),
    valid=_pos("c"), logpdf=lambda z, c: _wb_logpdf(O.neg(z), c),
    sf=lambda z, c: O.neg(O.expm1(O.neg(O.power(O.neg(z), c)))),
    cdf=lambda z, c: O.exp(O.neg(O.power(O.neg(z), c))),
    logcdf=lambda z, c: O.neg(O.power(O.neg(z), c)),
    isf=lambda q, c: O.neg(O.power(O.neg(O.log1p(O.neg(q))), O.div(1.0, c))),
    ppf=lambda q, c: O.neg(O.power(O.neg(O.log(q)), O.div(1.0, c))),
    mean=_wb_moment("mean", -1.0), var=_wb_moment("var"), skew=_wb_moment("skew", -1.0),
    kurtosis=_wb_moment("kurtosis"), entropy=_wb_entropy,
    sample=lambda key, c, shape, dtype: O.neg(jr.weibull_min(key, 1.0, c, shape, dtype)),
    example=(1.5,),
)


# --- heavy tails -----------------------------------------------------------------------
def _cauchy_ppf(q):
    # lower half: -cot(pi q), accurate as q -> 0; upper half by symmetry (1 - q exact there)
    return O.where(O.lt(q, 0.5), O.neg(O.div(1.0, O.tan(O.mul(PI, q)))),
                   O.div(1.0, O.tan(O.mul(PI, O.sub(1.0, q)))))


cauchy = Continuous(
    "cauchy", "Cauchy distribution",
    logpdf=lambda z: O.neg(O.add(O.log1p(O.square(z)), math.log(PI))),
    cdf=lambda z: O.div(O.atan2(O.full(z, 1.0), O.neg(z)), PI),
    sf=lambda z: O.div(O.atan2(O.full(z, 1.0), z), PI),
    ppf=_cauchy_ppf, isf=lambda q: O.neg(_cauchy_ppf(q)),
    mean=_const(NAN), var=_const(NAN), skew=_const(NAN), kurtosis=_const(NAN),
    entropy=_const(math.log(4 * PI)), sample=_std(jr.cauchy),
)

halfcauchy = Continuous(
    "halfcauchy", "half-Cauchy distribution", support=(0.0, INF),
    logpdf=lambda z: O.sub(math.log(2 / PI), O.log1p(O.square(z))),
    cdf=lambda z: O.mul(2 / PI, O.atan(z)),
    sf=lambda z: O.mul(2 / PI, O.atan2(O.full(z, 1.0), z)),
    ppf=lambda q: O.tan(O.mul(PI / 2, q)), isf=lambda q: O.div(1.0, O.tan(O.mul(PI / 2, q))),
    mean=_const(INF), var=_const(INF), skew=_const(NAN), kurtosis=_const(NAN),
    entropy=_const(math.log(2 * PI)),
    sample=lambda key, shape, dtype: O.absolute(jr.cauchy(key, shape, dtype)),
)


def _pareto_moments(which):
    def mean(b):
        return O.where(O.gt(b, 1.0), O.div(b, O.sub(b, 1.0)), INF)

    def var(b):
        v = O.div(b, O.mul(O.square(O.sub(b, 1.0)), O.sub(b, 2.0)))
        return O.where(O.gt(b, 2.0), v, INF)

    def skew(b):
        v = O.mul(O.div(O.mul(2.0, O.add(1.0, b)), O.sub(b, 3.0)),
                  O.sqrt(O.div(O.sub(b, 2.0), b)))
        return O.where(O.gt(b, 3.0), v, NAN)

    def kurt(b):
        num = O.mul(6.0, O.sub(O.sub(O.add(O.power(b, 3.0), O.square(b)), O.mul(6.0, b)), 2.0))
        den = O.mul(b, O.mul(O.sub(b, 3.0), O.sub(b, 4.0)))
        return O.where(O.gt(b, 4.0), O.div(num, den), NAN)
    return {"mean": mean, "var": var, "skew": skew, "kurtosis": kurt}[which]


pareto = Continuous(
    "pareto", "Pareto distribution", shapes=("b",), support=(1.0, INF), valid=_pos("b"),
    logpdf=lambda z, b: O.sub(O.log(b), O.mul(O.add(b, 1.0), O.log(z))),
    logsf=lambda z, b: O.neg(O.mul(b, O.log(z))),
    sf=lambda z, b: O.exp(O.neg(O.mul(b, O.log(z)))),
    cdf=lambda z, b: O.neg(O.expm1(O.neg(O.mul(b, O.log(z))))),
    ppf=lambda q, b: O.exp(O.div(O.neg(O.log1p(O.neg(q))), b)),
    isf=lambda q, b: O.exp(O.div(O.neg(O.log(q)), b)),
    mean=_pareto_moments("mean"), var=_pareto_moments("var"), skew=_pareto_moments("skew"),
    kurtosis=_pareto_moments("kurtosis"),
    entropy=lambda b: O.add(O.sub(O.div(1.0, b), O.log(b)), 1.0),
    sample=lambda key, b, shape, dtype: jr.pareto(key, b, shape, dtype),
    example=(2.5,),
)


def _lomax_m(which):
    pm = _pareto_moments(which)
    if which == "mean":
        return lambda c: O.where(O.gt(c, 1.0), O.div(1.0, O.sub(c, 1.0)), INF)
    return pm  # variance, skewness and kurtosis are those of the Pareto law (a shift)


lomax = Continuous(
    "lomax", "Lomax (Pareto of the second kind) distribution", shapes=("c",),
    support=(0.0, INF), valid=_pos("c"),
    logpdf=lambda z, c: O.sub(O.log(c), O.mul(O.add(c, 1.0), O.log1p(z))),
    logsf=lambda z, c: O.neg(O.mul(c, O.log1p(z))),
    sf=lambda z, c: O.exp(O.neg(O.mul(c, O.log1p(z)))),
    cdf=lambda z, c: O.neg(O.expm1(O.neg(O.mul(c, O.log1p(z))))),
    ppf=lambda q, c: O.expm1(O.div(O.neg(O.log1p(O.neg(q))), c)),
    isf=lambda q, c: O.expm1(O.div(O.neg(O.log(q)), c)),
    mean=_lomax_m("mean"), var=_lomax_m("var"), skew=_lomax_m("skew"),
    kurtosis=_lomax_m("kurtosis"),
    entropy=lambda c: O.add(O.sub(O.div(1.0, c), O.log(c)), 1.0),
    sample=lambda key, c, shape, dtype: O.expm1(O.div(jr.exponential(key, shape, dtype), c)),
    example=(2.5,),
)


# --- uniform and circular ---------------------------------------------------------------
uniform = Continuous(
    "uniform", "uniform distribution", support=(0.0, 1.0),
    logpdf=lambda z: O.full(z, 0.0), cdf=lambda z: z, sf=lambda z: O.sub(1.0, z),
    logcdf=O.log, logsf=lambda z: O.log1p(O.neg(z)),
    ppf=lambda q: q, isf=lambda q: O.sub(1.0, q),
    mean=_const(0.5), var=_const(1 / 12), skew=_const(0.0), kurtosis=_const(-1.2),
    entropy=_const(0.0),
    sample=lambda key, shape, dtype: jr.uniform(key, shape, dtype),
)


def _wc_cdf_half(z, c):
    # z in [0, pi]: (1/pi) atan((1 + c)/(1 - c) tan(z/2))
    r = O.div(O.add(1.0, c), O.sub(1.0, c))
    return O.div(O.atan2(O.mul(r, O.sin(O.mul(0.5, z))), O.cos(O.mul(0.5, z))), PI)


def _wc_cdf(z, c):
    upper = O.gt(z, PI)
    zz = O.where(upper, O.sub(2 * PI, z), z)
    v = _wc_cdf_half(zz, c)
    return O.where(upper, O.sub(1.0, v), v)


def _wc_ppf(q, c):
    upper = O.gt(q, 0.5)
    qq = O.where(upper, O.sub(1.0, q), q)
    r = O.div(O.sub(1.0, c), O.add(1.0, c))
    z = O.mul(2.0, O.atan2(O.mul(r, O.sin(O.mul(PI, qq))), O.cos(O.mul(PI, qq))))
    return O.where(upper, O.sub(2 * PI, z), z)


def _bernoulli(n):
    """B_0 .. B_n (B_1 = -1/2) as exact fractions (the recurrence sum_k C(m+1, k) B_k = 0)."""
    from fractions import Fraction
    b = [Fraction(1)]
    for m in range(1, n + 1):
        b.append(-sum(math.comb(m + 1, k) * b[k] for k in range(m)) / (m + 1))
    return b


_LI_TERMS = 60  # c <= 1/2: c^60 < 1e-18
_LI_LOG_TERMS = 30  # c > 1/2: |log c| / (2 pi) < 0.12, 0.12^30 < 1e-27
# zeta(-m) = -B_(m+1) / (m + 1) in the convention B_1 = +1/2 (zeta(0) = -1/2)
_B = _bernoulli(_LI_LOG_TERMS + 2)
_ZETA_NEG = [-0.5] + [float(-_B[m + 1] / (m + 1)) for m in range(1, _LI_LOG_TERMS + 1)]
_ZETA_POS = {2: PI ** 2 / 6, 3: 1.2020569031595942854, 4: PI ** 4 / 90}


def _polylog(s, c):
    """Li_s(c) for s = 2 or 4 and 0 < c < 1: the power series sum c^n / n^s for c <= 1/2,
    else the expansion about c = 1 in mu = log c (DLMF 25.12.12),
    Li_s(e^mu) = mu^(s-1) / (s-1)! (H_(s-1) - log(-mu)) + sum_(k != s-1) zeta(s-k) mu^k / k!."""
    cs = O.minimum(c, 0.5)
    acc, p = O.full(c, 0.0), O.full(c, 1.0)
    for n in range(1, _LI_TERMS + 1):
        p = O.mul(p, cs)
        acc = O.add(acc, O.div(p, float(n) ** s))
    mu = O.log(O.maximum(c, 0.5))
    harmonic = sum(1.0 / j for j in range(1, s))
    log_term = O.sub(harmonic, O.log(O.maximum(O.neg(mu), 1e-300)))
    near = O.mul(O.div(O.power(mu, float(s - 1)), float(math.factorial(s - 1))), log_term)
    for k in range(_LI_LOG_TERMS + 1):
        if k == s - 1:
            continue
        z = _ZETA_POS[s - k] if s - k >= 2 else _ZETA_NEG[k - s]  # zeta(s - k)
        if z != 0.0:
            near = O.add(near, O.mul(z / math.factorial(k), O.power(mu, float(k))))
    return O.where(O.le(c, 0.5), acc, near)


def _wc_central(c):
    """E[(X - pi)^2], E[(X - pi)^4] from the Fourier series of the density,
    (1 + 2 sum c^n cos(n y)) / (2 pi) in y = x - pi (with (-1)^n folded in), against those
    of y^2 and y^4 on [-pi, pi]: pi^2/3 + 4 Li_2(c) and pi^4/5 + 8 pi^2 Li_2(c) - 48 Li_4(c)."""
    li2, li4 = _polylog(2, c), _polylog(4, c)
    m2 = O.add(PI ** 2 / 3, O.mul(4.0, li2))
    m4 = O.sub(O.add(PI ** 4 / 5, O.mul(8 * PI ** 2, li2)), O.mul(48.0, li4))
    return m2, m4


wrapcauchy = Continuous(
    "wrapcauchy", "wrapped Cauchy distribution", shapes=("c",), support=(0.0, 2 * PI),
    valid=lambda c: O.and_(O.gt(c, 0.0), O.lt(c, 1.0)),
    logpdf=lambda z, c: O.sub(O.sub(O.log1p(O.neg(O.square(c))), O.LOG_2PI),
                              O.log(O.sub(O.add(1.0, O.square(c)),
                                          O.mul(O.mul(2.0, c), O.cos(z))))),
    cdf=_wc_cdf, sf=lambda z, c: _wc_cdf(O.sub(2 * PI, z), c), ppf=_wc_ppf,
    entropy=lambda c: O.add(O.LOG_2PI, O.log1p(O.neg(O.square(c)))),
    mean=lambda c: O.full(c, PI), var=lambda c: _wc_central(c)[0],
    skew=lambda c: O.full(c, 0.0),
    kurtosis=lambda c: O.sub(O.div(_wc_central(c)[1], O.square(_wc_central(c)[0])), 3.0),
    example=(0.5,),
)


def _vm_logpdf(z, kappa):
    return O.sub(O.sub(O.mul(kappa, O.sub(O.cos(z), 1.0)), O.LOG_2PI), O.log(S.i0e(kappa)))


# vonmises: the same law read as periodic (scipy's conventions).  The density is defined on
# the whole line (periodic in x); the cdf is not periodic but counts whole turns,
# F(x + 2 pi k) = k + F(x), so cdf > 1 and sf < 0 beyond [-pi, pi] (as scipy), and the
# support is the whole line (ppf(0) = -inf, ppf(1) = inf).  Quantiles of q in (0, 1), the
# moments and the entropy are those of the angle in [-pi, pi]: vonmises_line's
# (von_mises.py, which imports this module, hence the imports at call time).
def _vm_line(name):
    def f(*args):
        from . import von_mises
        return getattr(von_mises, name)(*args)
    return f


def _vm_turns(z):
    """(k, r): z = 2 pi k + r with k an integer and r in [-pi, pi] (z finite)."""
    k = O.floor(O.add(O.div(z, 2 * PI), 0.5))
    return k, O.sub(z, O.mul(2 * PI, k))


def _vm_cdf(z, kappa):
    k, r = _vm_turns(O.where(O.isfinite(z), z, 0.0))
    v = O.add(k, _vm_line("_cdf")(r, kappa))
    return O.where(O.isfinite(z), v, O.where(O.gt(z, 0.0), 1.0, O.full(z, 0.0)))  # as scipy


def _vm_sf(z, kappa):
    k, r = _vm_turns(O.where(O.isfinite(z), z, 0.0))
    v = O.sub(_vm_line("_sf")(r, kappa), k)
    return O.where(O.isfinite(z), v, O.where(O.gt(z, 0.0), 0.0, O.full(z, 1.0)))


def _vm_kurtosis(kappa):
    from . import von_mises
    return von_mises.vonmises_line.kurtosis(kappa)


vonmises = Continuous(
    "vonmises", "von Mises distribution", shapes=("kappa",), support=(-INF, INF),
    valid=_pos("kappa"), logpdf=_vm_logpdf, periodic=True,
    cdf=_vm_cdf, sf=_vm_sf, ppf=_vm_line("_ppf"),
    isf=lambda q, kappa: O.neg(_vm_line("_ppf")(q, kappa)),
    mean=lambda kappa: O.full(kappa, 0.0), var=lambda kappa: _vm_line("_moments")(kappa)[0],
    skew=lambda kappa: O.full(kappa, 0.0), kurtosis=_vm_kurtosis,
    entropy=_vm_line("_entropy"),
    example=(1.5,),
)


# --- gamma family (through the incomplete gamma function) ---------------------------------
def _gamma_logsf(z, a):
    """log Q(a, z).  Where Q underflows (far right tail), the Legendre continued
    fraction (DLMF 8.9.2) in log form: log Q = a log z - z - lgamma(a) - log CF,
    evaluated bottom-up with a static depth of 64 (converges for z > a + 1,
    the only region used)."""
    q = S.gammaincc(a, z)
    tail = O.gt(z, O.add(a, 1.0))
    zt = O.where(tail, z, O.add(a, 2.0))
    # CF: Gamma(a, z) = z^a e^-z / (z + 1 - a - 1 (1 - a) / (z + 3 - a - 2 (2 - a) / (z + 5 - a ...)))
    f = O.add(zt, O.sub(float(2 * 64 + 1), a))
    for k in range(64, 0, -1):
        num = O.mul(float(k), O.sub(float(k), a))
        f = O.sub(O.add(zt, O.sub(float(2 * k - 1), a)), O.div(num, f))
    cf = O.sub(O.sub(O.mul(a, O.log(zt)), zt), O.add(O.lgamma(a), O.log(f)))
    small = O.lt(q, 1e-250 if not O.is_f32(q) else 1e-30)
    return O.where(O.and_(tail, small), cf, O.log(q))


def _gamma_moments(which):
    return {
        "mean": lambda a: a, "var": lambda a: a,
        "skew": lambda a: O.div(2.0, O.sqrt(a)), "kurtosis": lambda a: O.div(6.0, a),
    }[which]


gamma = Continuous(
    "gamma", "gamma distribution", shapes=("a",), support=(0.0, INF), valid=_pos("a"),
    logpdf=lambda z, a: O.sub(O.sub(O.xlogy(O.sub(a, 1.0), z), z), O.lgamma(a)),
    cdf=lambda z, a: S.gammainc(a, z), sf=lambda z, a: S.gammaincc(a, z), logsf=_gamma_logsf,
    ppf=lambda q, a: S.gammaincinv(a, q), isf=lambda q, a: S.gammainccinv(a, q),
    mean=_gamma_moments("mean"), var=_gamma_moments("var"), skew=_gamma_moments("skew"),
    kurtosis=_gamma_moments("kurtosis"),
    entropy=lambda a: O.add(O.add(a, O.lgamma(a)), O.mul(O.sub(1.0, a), O.digamma(a))),
    sample=lambda key, a, shape, dtype: jr.gamma(key, a, shape, dtype),
    example=(2.0,),
)


def _half(f):
    """A gamma-family function of (z, a) as one of (z, df) with a = df/2, z -> z/2."""
    return lambda z, df: f(O.mul(0.5, z), O.mul(0.5, df))


chi2 = Continuous(
    "chi2", "chi-squared distribution", shapes=("df",), support=(0.0, INF), valid=_pos("df"),
    logpdf=lambda z, df: O.sub(gamma.logpdf(O.mul(0.5, z), O.mul(0.5, df)), O.LOG_2),
    cdf=lambda z, df: S.gammainc(O.mul(0.5, df), O.mul(0.5, z)),
    sf=lambda z, df: S.gammaincc(O.mul(0.5, df), O.mul(0.5, z)),
    logsf=_half(_gamma_logsf),
    ppf=lambda q, df: O.mul(2.0, S.gammaincinv(O.mul(0.5, df), q)),
    isf=lambda q, df: O.mul(2.0, S.gammainccinv(O.mul(0.5, df), q)),
    mean=lambda df: df, var=lambda df: O.mul(2.0, df),
    skew=lambda df: O.sqrt(O.div(8.0, df)), kurtosis=lambda df: O.div(12.0, df),
    entropy=lambda df: O.add(gamma.entropy(O.mul(0.5, df)), O.LOG_2),
    sample=lambda key, df, shape, dtype: jr.chisquare(key, df, shape, dtype),
    example=(3.0,),
)


def _maxwell_cdf(z):
    return S.gammainc(O.full(z, 1.5), O.mul(0.5, O.square(z)))


maxwell = Continuous(
    "maxwell", "Maxwell-Boltzmann distribution", support=(0.0, INF),
    logpdf=lambda z: O.add(O.sub(O.xlogy(O.full(z, 2.0), z), O.mul(0.5, O.square(z))),
                           0.5 * math.log(2 / PI)),
    cdf=_maxwell_cdf,
    sf=lambda z: S.gammaincc(O.full(z, 1.5), O.mul(0.5, O.square(z))),
    logsf=lambda z: _gamma_logsf(O.mul(0.5, O.square(z)), O.full(z, 1.5)),
    ppf=lambda q: O.sqrt(O.mul(2.0, S.gammaincinv(O.full(q, 1.5), q))),
    isf=lambda q: O.sqrt(O.mul(2.0, S.gammainccinv(O.full(q, 1.5), q))),
    mean=_const(2 * math.sqrt(2 / PI)), var=_const((3 * PI - 8) / PI),
    skew=_const(2 * math.sqrt(2) * (16 - 5 * PI) / (3 * PI - 8) ** 1.5),
    kurtosis=_const(4 * (-96 + 40 * PI - 3 * PI ** 2) / (3 * PI - 8) ** 2),
    entropy=_const(_LOG_SQRT_2PI + O.EULER - 0.5),
    sample=lambda key, shape, dtype: jr.maxwell(key, shape, dtype),
)

rayleigh = Continuous(
    "rayleigh", "Rayleigh distribution", support=(0.0, INF),
    logpdf=lambda z: O.sub(O.log(z), O.mul(0.5, O.square(z))),
    cdf=lambda z: O.neg(O.expm1(O.mul(-0.5, O.square(z)))),
    sf=lambda z: O.exp(O.mul(-0.5, O.square(z))), logsf=lambda z: O.mul(-0.5, O.square(z)),
    ppf=lambda q: O.sqrt(O.mul(-2.0, O.log1p(O.neg(q)))),
    isf=lambda q: O.sqrt(O.mul(-2.0, O.log(q))),
    mean=_const(math.sqrt(PI / 2)), var=_const((4 - PI) / 2),
    skew=_const(2 * math.sqrt(PI) * (PI - 3) / (4 - PI) ** 1.5),
    kurtosis=_const(-(6 * PI ** 2 - 24 * PI + 16) / (4 - PI) ** 2),
    entropy=_const(1 + O.EULER / 2 - 0.5 * math.log(2)),
    sample=lambda key, shape, dtype: jr.rayleigh(key, 1.0, shape, dtype),
)


def _gennorm_cdf(z, b):
    half = O.mul(0.5, S.gammaincc(O.div(1.0, b), O.power(O.absolute(z), b)))
    return O.where(O.lt(z, 0.0), half, O.sub(1.0, half))


def _gennorm_ppf(q, b):
    lower = O.lt(q, 0.5)
    tail = O.where(lower, O.mul(2.0, q), O.mul(2.0, O.sub(1.0, q)))
    mag = O.power(S.gammainccinv(O.div(1.0, b), tail), O.div(1.0, b))
    return O.where(lower, O.neg(mag), mag)


gennorm = Continuous(
    "gennorm", "generalized normal distribution", shapes=("beta",), valid=_pos("beta"),
    logpdf=lambda z, b: O.sub(O.sub(O.log(O.mul(0.5, b)), O.lgamma(O.div(1.0, b))),
                              O.power(O.absolute(z), b)),
    cdf=_gennorm_cdf, sf=lambda z, b: _gennorm_cdf(O.neg(z), b),
    ppf=_gennorm_ppf, isf=lambda q, b: O.neg(_gennorm_ppf(q, b)),
    mean=lambda b: O.full(b, 0.0),
    var=lambda b: O.exp(O.sub(O.lgamma(O.div(3.0, b)), O.lgamma(O.div(1.0, b)))),
    skew=lambda b: O.full(b, 0.0),
    kurtosis=lambda b: O.sub(O.exp(O.sub(O.add(O.lgamma(O.div(5.0, b)), O.lgamma(O.div(1.0, b))),
                                         O.mul(2.0, O.lgamma(O.div(3.0, b))))), 3.0),
    entropy=lambda b: O.sub(O.div(1.0, b), O.sub(O.log(O.mul(0.5, b)), O.lgamma(O.div(1.0, b)))),
    sample=lambda key, b, shape, dtype: jr.generalized_normal(key, b, shape, dtype),
    example=(1.5,),
)


# --- beta and Student t (through the incomplete beta function) ----------------------------
def _beta_logpdf(z, a, b):
    return O.sub(O.add(O.xlogy(O.sub(a, 1.0), z), O.xlog1py(O.sub(b, 1.0), O.neg(z))),
                 O.betaln(a, b))


def _beta_moment(which):
    def f(a, b):
        s = O.add(a, b)
        if which == "mean":
            return O.div(a, s)
        if which == "var":
            return O.div(O.mul(a, b), O.mul(O.square(s), O.add(s, 1.0)))
        if which == "skew":
            return O.div(O.mul(O.mul(2.0, O.sub(b, a)), O.sqrt(O.add(s, 1.0))),
                         O.mul(O.add(s, 2.0), O.sqrt(O.mul(a, b))))
        ab = O.mul(a, b)
        num = O.sub(O.mul(O.square(O.sub(a, b)), O.add(s, 1.0)), O.mul(ab, O.add(s, 2.0)))
        return O.div(O.mul(6.0, num), O.mul(O.mul(ab, O.add(s, 2.0)), O.add(s, 3.0)))
    return f


beta = Continuous(
    "beta", "beta distribution", shapes=("a", "b"), support=(0.0, 1.0), valid=_pos("a", "b"),
    logpdf=_beta_logpdf,
    cdf=lambda z, a, b: S.betainc(a, b, z), sf=lambda z, a, b: S.betainc(b, a, O.sub(1.0, z)),
    ppf=lambda q, a, b: S.betaincinv(a, b, q),
    isf=lambda q, a, b: O.sub(1.0, S.betaincinv(b, a, q)),
    mean=_beta_moment("mean"), var=_beta_moment("var"), skew=_beta_moment("skew"),
    kurtosis=_beta_moment("kurtosis"),
    entropy=lambda a, b: O.add(O.sub(O.sub(O.betaln(a, b), O.mul(O.sub(a, 1.0), O.digamma(a))),
                                     O.mul(O.sub(b, 1.0), O.digamma(b))),
                               O.mul(O.sub(O.add(a, b), 2.0), O.digamma(O.add(a, b)))),
    sample=lambda key, a, b, shape, dtype: jr.beta(key, a, b, shape, dtype),
    example=(2.0, 3.0),
)


def _t_logpdf(z, df):
    h = O.mul(0.5, O.add(df, 1.0))
    c = O.sub(O.sub(O.lgamma(h), O.lgamma(O.mul(0.5, df))), O.mul(0.5, O.log(O.mul(PI, df))))
    return O.sub(c, O.mul(h, O.log1p(O.div(O.square(z), df))))


def _t_lower(z, df):
    """P(T < -|z|) = I_x(df/2, 1/2) / 2 with x = df / (df + z^2)."""
    x = O.div(df, O.add(df, O.square(z)))
    return O.mul(0.5, S.betainc(O.mul(0.5, df), O.full(z, 0.5), x))


def _t_cdf(z, df):
    lo = _t_lower(z, df)
    return O.where(O.lt(z, 0.0), lo, O.sub(1.0, lo))


def _t_logcdf(z, df):
    """Far left tail: log of the leading term of the tail series
    P(T < z) ~ C df^(df/2 - 1/2)... kept exact by using log(I_x) only where
    it is finite, else log of the asymptote t^-df (from the t density)."""
    lo = _t_lower(z, df)
    v = O.where(O.lt(z, 0.0), O.log(lo), O.log1p(O.neg(lo)))
    # I_x(a, 1/2) ~ x^a / (a B(a, 1/2)) for x -> 0 (DLMF 8.17.8, first term)
    a = O.mul(0.5, df)
    x_log = O.sub(O.log(df), O.log(O.add(df, O.square(z))))
    asym = O.sub(O.sub(O.mul(a, x_log), O.log(a)), O.add(O.betaln(a, O.full(a, 0.5)), O.LOG_2))
    return O.where(O.and_(O.lt(z, 0.0), O.eq(lo, 0.0)), asym, v)


def _t_ppf(q, df):
    lower = O.lt(q, 0.5)
    p2 = O.mul(2.0, O.where(lower, q, O.sub(1.0, q)))  # two-sided tail mass
    x = S.betaincinv(O.mul(0.5, df), O.full(q, 0.5), p2)  # x = df / (df + t^2)
    t = O.sqrt(O.mul(df, O.div(O.sub(1.0, x), x)))
    return O.where(lower, O.neg(t), t)


t = Continuous(
    "t", "Student's t distribution", shapes=("df",), valid=_pos("df"),
    logpdf=_t_logpdf, cdf=_t_cdf, sf=lambda z, df: _t_cdf(O.neg(z), df),
    logcdf=_t_logcdf, logsf=lambda z, df: _t_logcdf(O.neg(z), df),
    ppf=_t_ppf, isf=lambda q, df: O.neg(_t_ppf(q, df)),
    mean=lambda df: O.where(O.gt(df, 1.0), O.full(df, 0.0), INF),
    var=lambda df: O.where(O.gt(df, 2.0), O.div(df, O.sub(df, 2.0)),
                           O.where(O.gt(df, 1.0), O.full(df, INF), NAN)),
    skew=lambda df: O.where(O.gt(df, 3.0), O.full(df, 0.0), NAN),
    kurtosis=lambda df: O.where(O.gt(df, 4.0), O.div(6.0, O.sub(df, 4.0)),
                                O.where(O.gt(df, 2.0), O.full(df, INF), NAN)),
    entropy=lambda df: O.add(
        O.mul(O.mul(0.5, O.add(df, 1.0)),
              O.sub(O.digamma(O.mul(0.5, O.add(df, 1.0))), O.digamma(O.mul(0.5, df)))),
        O.add(O.mul(0.5, O.log(df)), O.betaln(O.mul(0.5, df), O.full(df, 0.5)))),
    sample=lambda key, df, shape, dtype: jr.t(key, df, shape, dtype),
    example=(4.0,),
)


# --- more closed forms (the manifest's planned laws) ----------------------------------------
def _levy_cdf_of(f):
    """levy's functions from halfnorm's: sf_levy(z) = cdf_halfnorm(1/sqrt z).
    (|z| turns a -0.0 into +0.0, so 1/sqrt(z) is +inf there, not -inf.)"""
    return lambda z: f(O.div(1.0, O.sqrt(O.absolute(z))))


levy = Continuous(
    "levy", "Levy distribution", support=(0.0, INF),
    logpdf=lambda z: O.where(O.eq(z, 0.0), -INF, O.sub(O.sub(O.mul(-1.5, O.log(z)),
                                                             O.div(0.5, z)), _LOG_SQRT_2PI)),
    cdf=_levy_cdf_of(halfnorm.sf), sf=_levy_cdf_of(halfnorm.cdf),
    logcdf=_levy_cdf_of(halfnorm.logsf),
    ppf=lambda q: O.div(1.0, O.square(halfnorm.isf(q))),
    isf=lambda q: O.div(1.0, O.square(halfnorm.ppf(q))),
    mean=_const(INF), var=_const(INF), skew=_const(NAN), kurtosis=_const(NAN),
    entropy=_const((1 + 3 * O.EULER + math.log(16 * PI)) / 2),
)

levy_l = Continuous(
    "levy_l", "left-skewed Levy distribution", support=(-INF, 0.0),
    logpdf=lambda z: levy.logpdf(O.neg(z)),
    cdf=lambda z: levy.sf(O.neg(z)), sf=lambda z: levy.cdf(O.neg(z)),
    logsf=lambda z: levy.logcdf(O.neg(z)),
    ppf=lambda q: O.neg(levy.isf(q)), isf=lambda q: O.neg(levy.ppf(q)),
    mean=_const(INF), var=_const(INF), skew=_const(NAN), kurtosis=_const(NAN),  # as scipy
    entropy=_const((1 + 3 * O.EULER + math.log(16 * PI)) / 2),
)


def _shape_moment(raw, i):
    """Skewness (i = 2) or excess kurtosis (i = 3) from raw(*s) = [E X^k, k = 1..4]
    (continuous_related._central; imported at call time: that module imports this one)."""
    def f(*s):
        from .continuous_related import _central
        return _central(raw(*s))[i]
    return f


def _fisk_moment(n):
    # E[X^n] = (n pi / c) / sin(n pi / c) for c > n (NaN otherwise, as scipy)
    return lambda c: O.where(O.gt(c, float(n)),
                             O.div(O.div(n * PI, c), O.sin(O.div(n * PI, c))), NAN)


fisk = Continuous(
    "fisk", "Fisk (log-logistic) distribution", shapes=("c",), support=(0.0, INF),
    valid=_pos("c"),
    logpdf=lambda z, c: O.sub(O.add(O.log(c), O.xlogy(O.sub(c, 1.0), z)),
                              O.mul(2.0, _softplus(O.mul(c, O.log(z))))),
    logcdf=lambda z, c: O.neg(_softplus(O.neg(O.mul(c, O.log(z))))),
    logsf=lambda z, c: O.neg(_softplus(O.mul(c, O.log(z)))),
    cdf=lambda z, c: O.logistic(O.mul(c, O.log(z))),
    sf=lambda z, c: O.logistic(O.neg(O.mul(c, O.log(z)))),
    ppf=lambda q, c: O.exp(O.div(O.sub(O.log(q), O.log1p(O.neg(q))), c)),
    isf=lambda q, c: O.exp(O.div(O.sub(O.log1p(O.neg(q)), O.log(q)), c)),
    mean=_fisk_moment(1),
    var=lambda c: O.where(O.gt(c, 2.0), O.sub(_fisk_moment(2)(c), O.square(_fisk_moment(1)(c))),
                          NAN),
    skew=_shape_moment(lambda c: [_fisk_moment(n)(c) for n in (1, 2, 3, 4)], 2),
    kurtosis=_shape_moment(lambda c: [_fisk_moment(n)(c) for n in (1, 2, 3, 4)], 3),
    entropy=lambda c: O.sub(2.0, O.log(c)),
    example=(3.0,),
)


def _lu(a, b):
    return O.log(a), O.sub(O.log(b), O.log(a))  # log a, log(b / a)


def _lu_raw(a, b):
    # E[Z^n] = (b^n - a^n) / (n log(b / a))  (JKB 1995, ch. 26)
    return [O.div(O.sub(O.power(b, float(n)), O.power(a, float(n))), O.mul(float(n), _lu(a, b)[1]))
            for n in (1, 2, 3, 4)]


def _loguniform(name):
    return Continuous(
        name, "log-uniform (reciprocal) distribution", shapes=("a", "b"),
        support=lambda a, b: (a, b), valid=lambda a, b: O.and_(O.gt(a, 0.0), O.lt(a, b)),
        logpdf=lambda z, a, b: O.neg(O.add(O.log(z), O.log(_lu(a, b)[1]))),
        cdf=lambda z, a, b: O.div(O.sub(O.log(z), O.log(a)), _lu(a, b)[1]),
        sf=lambda z, a, b: O.div(O.sub(O.log(b), O.log(z)), _lu(a, b)[1]),
        ppf=lambda q, a, b: O.exp(O.add(O.log(a), O.mul(q, _lu(a, b)[1]))),
        isf=lambda q, a, b: O.exp(O.sub(O.log(b), O.mul(q, _lu(a, b)[1]))),
        mean=lambda a, b: O.div(O.sub(b, a), _lu(a, b)[1]),
        var=lambda a, b: O.sub(O.div(O.sub(O.square(b), O.square(a)), O.mul(2.0, _lu(a, b)[1])),
                               O.square(O.div(O.sub(b, a), _lu(a, b)[1]))),
        skew=_shape_moment(_lu_raw, 2), kurtosis=_shape_moment(_lu_raw, 3),
        entropy=lambda a, b: O.add(O.mul(0.5, O.add(O.log(a), O.log(b))), O.log(_lu(a, b)[1])),
        example=(0.5, 4.0),
    )


loguniform = _loguniform("loguniform")
reciprocal = _loguniform("reciprocal")

_E = math.e
gibrat = Continuous(
    "gibrat", "Gibrat (standard log-normal) distribution", support=(0.0, INF),
    logpdf=lambda z: _lognorm_logpdf(z, O.full(z, 1.0)),
    cdf=lambda z: S.ndtr(O.log(z)), sf=lambda z: S.ndtr(O.neg(O.log(z))),
    logcdf=lambda z: S.log_ndtr(O.log(z)), logsf=lambda z: S.log_ndtr(O.neg(O.log(z))),
    ppf=lambda q: O.exp(S.ndtri(q)), isf=lambda q: O.exp(O.neg(S.ndtri(q))),
    mean=_const(math.sqrt(_E)), var=_const(_E * (_E - 1)),
    skew=_const((_E + 2) * math.sqrt(_E - 1)),
    kurtosis=_const(_E ** 4 + 2 * _E ** 3 + 3 * _E ** 2 - 6),
    entropy=_const(0.5 + _LOG_SQRT_2PI),
    sample=lambda key, shape, dtype: jr.lognormal(key, 1.0, shape, dtype),
)


def _log1p_over(c, t):
    """log1p(c t) / c, with its limit t at c = 0."""
    cs = O.where(O.eq(c, 0.0), O.full(c, 1.0), c)
    ct = O.maximum(O.mul(cs, t), -1.0)  # c t >= -1 on the support; rounding may step past it
    return O.where(O.eq(c, 0.0), t, O.div(O.log1p(ct), cs))


def _expm1_over(c, t):
    """expm1(c t) / c, with its limit t at c = 0."""
    cs = O.where(O.eq(c, 0.0), O.full(c, 1.0), c)
    return O.where(O.eq(c, 0.0), t, O.div(O.expm1(O.mul(cs, t)), cs))


def _gp_logsf(z, c):
    return O.neg(_log1p_over(c, z))


def _gp_moment(which):
    def f(c):
        if which == "mean":
            return O.where(O.lt(c, 1.0), O.div(1.0, O.sub(1.0, c)), O.full(c, INF))
        if which == "var":
            v = O.div(1.0, O.mul(O.square(O.sub(1.0, c)), O.sub(1.0, O.mul(2.0, c))))
            return O.where(O.lt(c, 0.5), v, O.full(c, INF))
        if which == "skew":
            v = O.div(O.mul(O.mul(2.0, O.add(1.0, c)), O.sqrt(O.sub(1.0, O.mul(2.0, c)))),
                      O.sub(1.0, O.mul(3.0, c)))
            return O.where(O.lt(c, 1 / 3), v, NAN)
        num = O.mul(O.mul(3.0, O.sub(1.0, O.mul(2.0, c))),
                    O.add(O.add(O.mul(2.0, O.square(c)), c), 3.0))
        den = O.mul(O.sub(1.0, O.mul(3.0, c)), O.sub(1.0, O.mul(4.0, c)))
        return O.where(O.lt(c, 0.25), O.sub(O.div(num, den), 3.0), NAN)
    return f


genpareto = Continuous(
    "genpareto", "generalized Pareto distribution", shapes=("c",),
    support=lambda c: (O.full(c, 0.0), O.where(O.lt(c, 0.0), O.div(-1.0, c), O.full(c, INF))),
    valid=lambda c: O.isfinite(c),
    logpdf=lambda z, c: O.mul(O.neg(O.add(c, 1.0)), _log1p_over(c, z)),
    logsf=_gp_logsf, sf=lambda z, c: O.exp(_gp_logsf(z, c)),
    cdf=lambda z, c: O.neg(O.expm1(_gp_logsf(z, c))),
    ppf=lambda q, c: _expm1_over(c, O.neg(O.log1p(O.neg(q)))),
    isf=lambda q, c: _expm1_over(c, O.neg(O.log(q))),
    mean=_gp_moment("mean"), var=_gp_moment("var"), skew=_gp_moment("skew"),
    kurtosis=_gp_moment("kurtosis"), entropy=lambda c: O.add(c, 1.0),
    example=(0.2,),
)


def _triang_left(z, c):
    return O.and_(O.le(z, c), O.gt(c, 0.0))


triang = Continuous(
    "triang", "triangular distribution", shapes=("c",), support=(0.0, 1.0),
    valid=lambda c: O.and_(O.ge(c, 0.0), O.le(c, 1.0)),
    logpdf=lambda z, c: O.add(O.LOG_2, O.where(
        _triang_left(z, c), O.sub(O.log(z), O.log(c)),
        O.sub(O.log1p(O.neg(z)), O.log1p(O.neg(c))))),
    cdf=lambda z, c: O.where(_triang_left(z, c), O.div(O.square(z), c),
                             O.sub(1.0, O.div(O.square(O.sub(1.0, z)), O.sub(1.0, c)))),
    sf=lambda z, c: O.where(_triang_left(z, c), O.sub(1.0, O.div(O.square(z), c)),
                            O.div(O.square(O.sub(1.0, z)), O.sub(1.0, c))),
    ppf=lambda q, c: O.where(O.lt(q, c), O.sqrt(O.mul(q, c)),
                             O.sub(1.0, O.sqrt(O.mul(O.sub(1.0, q), O.sub(1.0, c))))),
    isf=lambda q, c: O.where(O.le(q, O.sub(1.0, c)), O.sub(1.0, O.sqrt(O.mul(q, O.sub(1.0, c)))),
                             O.sqrt(O.mul(O.sub(1.0, q), c))),
    mean=lambda c: O.div(O.add(1.0, c), 3.0),
    var=lambda c: O.div(O.add(O.sub(1.0, c), O.square(c)), 18.0),
    skew=lambda c: O.div(O.mul(O.mul(math.sqrt(2), O.sub(O.mul(2.0, c), 1.0)),
                               O.mul(O.add(c, 1.0), O.sub(c, 2.0))),
                         O.mul(5.0, O.power(O.add(O.sub(1.0, c), O.square(c)), 1.5))),
    kurtosis=lambda c: O.full(c, -0.6), entropy=lambda c: O.full(c, 0.5 - O.LOG_2),
    example=(0.3,),
)

powerlaw = Continuous(
    "powerlaw", "power-function distribution", shapes=("a",), support=(0.0, 1.0),
    valid=_pos("a"),
    logpdf=lambda z, a: O.add(O.log(a), O.xlogy(O.sub(a, 1.0), z)),
    logcdf=lambda z, a: O.mul(a, O.log(z)), cdf=lambda z, a: O.power(z, a),
    sf=lambda z, a: O.neg(O.expm1(O.mul(a, O.log(z)))),
    ppf=lambda q, a: O.power(q, O.div(1.0, a)),
    isf=lambda q, a: O.exp(O.div(O.log1p(O.neg(q)), a)),
    mean=lambda a: O.div(a, O.add(a, 1.0)),
    var=lambda a: O.div(a, O.mul(O.add(a, 2.0), O.square(O.add(a, 1.0)))),
    skew=lambda a: O.div(O.mul(O.mul(-2.0, O.sub(a, 1.0)), O.sqrt(O.add(a, 2.0))),
                         O.mul(O.add(a, 3.0), O.sqrt(a))),
    kurtosis=lambda a: O.div(O.mul(6.0, O.add(O.sub(O.sub(O.power(a, 3.0), O.square(a)),
                                                    O.mul(6.0, a)), 2.0)),
                             O.mul(a, O.mul(O.add(a, 3.0), O.add(a, 4.0)))),
    entropy=lambda a: O.sub(O.sub(1.0, O.div(1.0, a)), O.log(a)),
    example=(1.7,),
)

arcsine = Continuous(
    "arcsine", "arcsine distribution", support=(0.0, 1.0),
    logpdf=lambda z: O.neg(O.add(math.log(PI), O.mul(0.5, O.add(O.log(z), O.log1p(O.neg(z)))))),
    cdf=lambda z: O.mul(2 / PI, L_asin(O.sqrt(z))),
    sf=lambda z: O.mul(2 / PI, L_asin(O.sqrt(O.sub(1.0, z)))),
    ppf=lambda q: O.square(O.sin(O.mul(PI / 2, q))),
    isf=lambda q: O.square(O.cos(O.mul(PI / 2, q))),
    mean=_const(0.5), var=_const(0.125), skew=_const(0.0), kurtosis=_const(-1.5),
    entropy=_const(math.log(PI / 4)),
)


def _logcosh(z):
    a = O.absolute(z)
    return O.sub(O.add(a, O.log1p(O.exp(O.mul(-2.0, a)))), O.LOG_2)


hypsecant = Continuous(
    "hypsecant", "hyperbolic secant distribution",
    logpdf=lambda z: O.neg(O.add(math.log(PI), _logcosh(z))),
    cdf=lambda z: O.mul(2 / PI, O.atan(O.exp(z))), sf=lambda z: O.mul(2 / PI, O.atan(O.exp(O.neg(z)))),
    ppf=lambda q: O.log(O.tan(O.mul(PI / 2, q))),
    isf=lambda q: O.neg(O.log(O.tan(O.mul(PI / 2, q)))),
    mean=_const(0.0), var=_const(PI ** 2 / 4), skew=_const(0.0), kurtosis=_const(2.0),
    entropy=_const(math.log(2 * PI)),
)


def _iw_g(c, k):
    return O.exp(O.lgamma(O.sub(1.0, O.div(float(k), c))))


invweibull = Continuous(
    "invweibull", "inverted Weibull (Frechet) distribution", shapes=("c",), support=(0.0, INF),
    valid=_pos("c"),
    logpdf=lambda z, c: O.where(O.eq(z, 0.0), -INF, O.sub(O.sub(O.log(c), O.mul(O.add(c, 1.0),
                                                                                 O.log(z))),
                                                          O.power(z, O.neg(c)))),
    logcdf=lambda z, c: O.neg(O.power(z, O.neg(c))),
    cdf=lambda z, c: O.exp(O.neg(O.power(z, O.neg(c)))),
    sf=lambda z, c: O.neg(O.expm1(O.neg(O.power(z, O.neg(c))))),
    ppf=lambda q, c: O.power(O.neg(O.log(q)), O.div(-1.0, c)),
    isf=lambda q, c: O.power(O.neg(O.log1p(O.neg(q))), O.div(-1.0, c)),
    mean=lambda c: O.where(O.gt(c, 1.0), _iw_g(c, 1), O.full(c, INF)),
    var=lambda c: O.where(O.gt(c, 2.0), O.sub(_iw_g(c, 2), O.square(_iw_g(c, 1))), O.full(c, INF)),
    # E[X^n] = Gamma(1 - n/c) for c > n (JKB 1994, 21.11), NaN otherwise (as scipy)
    skew=_shape_moment(lambda c: [O.where(O.gt(c, float(n)), _iw_g(c, n), NAN)
                                  for n in (1, 2, 3, 4)], 2),
    kurtosis=_shape_moment(lambda c: [O.where(O.gt(c, float(n)), _iw_g(c, n), NAN)
                                      for n in (1, 2, 3, 4)], 3),
    entropy=lambda c: O.sub(O.add(1.0 + O.EULER, O.div(O.EULER, c)), O.log(c)),
    example=(2.5,),
)

gompertz = Continuous(
    "gompertz", "Gompertz (truncated Gumbel) distribution", shapes=("c",), support=(0.0, INF),
    valid=_pos("c"),
    logpdf=lambda z, c: O.sub(O.add(O.log(c), z), O.mul(c, O.expm1(z))),
    logsf=lambda z, c: O.neg(O.mul(c, O.expm1(z))),
    sf=lambda z, c: O.exp(O.neg(O.mul(c, O.expm1(z)))),
    cdf=lambda z, c: O.neg(O.expm1(O.neg(O.mul(c, O.expm1(z))))),
    ppf=lambda q, c: O.log1p(O.div(O.neg(O.log1p(O.neg(q))), c)),
    isf=lambda q, c: O.log1p(O.div(O.neg(O.log(q)), c)),
    example=(0.8,),
)


# --- the public namespaces ---------------------------------------------------------------
TABLE = {d.name: d for d in (
    beta, cauchy, chi2, expon, gamma, gennorm, gumbel_l, gumbel_r, halfcauchy, halflogistic,
    halfnorm, laplace, logistic, lognorm, lomax, maxwell, norm, pareto, rayleigh, t, truncnorm,
    uniform, vonmises, weibull_max, weibull_min, wrapcauchy,
    levy, levy_l, fisk, loguniform, reciprocal, gibrat, genpareto, triang, powerlaw, arcsine,
    hypsecant, invweibull, gompertz)}
NAMESPACES = {name: build(d) for name, d in TABLE.items()}
