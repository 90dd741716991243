"""Continuous laws derived from the gamma, beta and normal families.

One table entry per law, on the standardized variable ``z`` (the base in
``_distn.py`` applies loc/scale, the support, NaN for invalid parameters and
the fallbacks between cdf/sf and their logs).  The formulas are the textbook
ones (Johnson, Kotz & Balakrishnan, "Continuous Univariate Distributions",
1994/95; DLMF chapters 7 and 8), each law written through the special
function of its family: the incomplete gamma function (chi, invgamma,
nakagami, gengamma, loggamma, dgamma, halfgennorm, erlang, pearson3), the
incomplete beta function (f, betaprime) or the normal distribution function
(skewnorm, invgauss, exponnorm, foldnorm, johnson*, fatiguelife, ...).

Quantiles are closed forms through ndtri or the incomplete gamma / beta
inverses where one exists; otherwise (skewnorm, invgauss, wald,
recipinvgauss, exponnorm, foldnorm) :func:`_invert` solves cdf(x) = q by a
safeguarded Newton iteration with a static step count inside a bracket that
provably holds the root, and its derivative comes from one last Newton step
(the implicit function theorem), not from the iterations.
"""

from __future__ import annotations

import dataclasses
import math
import types

import jax
import numpy as np

from jaxwrap import random as jr

from ... import lax as L
from ...control import fori_loop
from ...numpy import _util
from . import _ops as O
from . import _special as S
from . import continuous as C
from ._distn import Continuous, build

__all__: list[str] = []  # distributions are published through NAMESPACES

PI = math.pi
INF = math.inf
NAN = math.nan
_LOG_SQRT_2PI = 0.5 * O.LOG_2PI
_pos, _const = C._pos, C._const
_gamma_logsf = C._gamma_logsf
polygamma = S.special("gamma", "polygamma")
owens_t = S.special("errfun", "owens_t")


def types_law(**fns):
    """The few functions of a law the quantile solver needs, as a namespace."""
    return types.SimpleNamespace(**fns)


def _norm_logpdf(z):
    return O.sub(O.mul(-0.5, O.square(z)), _LOG_SQRT_2PI)


def _keys(key):
    """Two independent keys (unpacking split() would slice with jax ops)."""
    return jr.fold_in(key, 1), jr.fold_in(key, 2)


def _central(raw):
    """(mean, var, skew, excess kurtosis) from raw moments E[X^k], k = 1..4."""
    m1, m2, m3, m4 = raw
    var = O.sub(m2, O.square(m1))
    c3 = O.add(O.sub(m3, O.mul(3.0, O.mul(m1, m2))), O.mul(2.0, O.mul(m1, O.square(m1))))
    c4 = O.sub(O.add(O.sub(m4, O.mul(4.0, O.mul(m1, m3))), O.mul(6.0, O.mul(O.square(m1), m2))),
               O.mul(3.0, O.square(O.square(m1))))
    return m1, var, O.div(c3, O.power(var, 1.5)), O.sub(O.div(c4, O.square(var)), 3.0)


def _moments_from(raw_fn):
    """mean, var, skew, kurtosis entries computed from a raw-moment function."""
    return {k: (lambda *s, i=i: _central(raw_fn(*s))[i])
            for i, k in enumerate(("mean", "var", "skew", "kurtosis"))}


# --- a bounded, safeguarded Newton solver for quantiles without a closed form ------------
_NEWTON_STEPS = 128
# Each step is a Newton step when it stays inside the bracket and is at most half the
# step before last, else a bisection, so the step length halves at least every other
# step.  Brackets are at most ~1420 wide (log scale: log(tiny) to log(max) in float64):
# 64 halvings reach 1420 / 2^64 < 1e-16, so 128 steps bound the work for every input;
# where Newton's step is good (the usual case) it converges in under 10.


def _invert(law, q, s, upper, bracket, log_x=False):
    """x with cdf(x) = q (upper=False) or sf(x) = q (upper=True).

    Works on the tail that is smaller: log cdf(x) = log p where p <= 1/2, else
    log sf(x) = log(1 - p), so tail quantiles keep their relative accuracy.
    ``bracket(q, qc, *s)`` gives (lo, hi) in the solver's variable u (x = u, or
    x = exp(u) with ``log_x``), qc = 1 - q.  The iterations are not differentiated
    (a custom_jvp with a zero tangent): the derivative in q and the shape parameters
    is that of one more Newton step taken from the root, which is
    (dq - dF/ds ds) / pdf by the implicit function theorem.
    """
    def setup(q):
        qc = O.sub(1.0, q)
        p_cdf, p_sf = (qc, q) if upper else (q, qc)  # the cdf and sf at the root
        lower = O.le(p_cdf, 0.5)  # match log cdf (else log sf)
        return qc, lower, O.where(lower, O.log(p_cdf), O.log(p_sf))

    def g(u, lower, target, *s):
        """Increasing in u, zero at the root; and its derivative in u."""
        x = O.exp(u) if log_x else u
        lcdf, lsf = law.logcdf(x, *s), law.logsf(x, *s)
        lpdf = law.logpdf(x, *s)
        val = O.where(lower, O.sub(lcdf, target), O.sub(target, lsf))
        dval = O.exp(O.sub(lpdf, O.where(lower, lcdf, lsf)))
        if log_x:
            dval = O.mul(dval, x)
        return val, dval

    @jax.custom_jvp
    def root(q, *s):
        qc, lower, target = setup(q)
        a, b = bracket(*((qc, q) if upper else (q, qc)), *s)
        u0 = O.mul(0.5, O.add(a, b))
        w0 = O.sub(b, a)

        def step(i, state):
            # Newton's step unless it leaves the bracket, is not at most half the step
            # before last (Press et al., Numerical Recipes, rtsafe) or is zero where the
            # function is not (a derivative lost to rounding far in a tail): then
            # bisection.  The steps shrink geometrically even where the derivative is
            # inexact; the best point seen is kept.
            u, a, b, dx, dxold, best, best_val = state
            val, dval = g(u, lower, target, *s)
            better = O.lt(O.absolute(val), best_val)  # False for NaN
            best = O.where(better, u, best)
            best_val = O.where(better, O.absolute(val), best_val)
            a = O.where(O.lt(val, 0.0), u, a)
            b = O.where(O.gt(val, 0.0), u, b)
            ndx = O.div(val, dval)
            newton = O.sub(u, ndx)
            ok = O.and_(O.and_(O.ge(newton, a), O.le(newton, b)), O.isfinite(newton))
            ok = O.and_(ok, O.le(O.absolute(O.mul(2.0, ndx)), O.absolute(dxold)))
            ok = O.and_(ok, O.ne(ndx, 0.0))
            half = O.mul(0.5, O.sub(b, a))
            nu = O.where(ok, newton, O.add(a, half))
            ndx = O.where(ok, ndx, half)
            done = O.eq(val, 0.0)
            return (O.where(done, u, nu), a, b, O.where(done, 0.0, ndx), dx, best, best_val)

        init = (u0, a, b, w0, w0, u0, O.full(u0, INF))
        return fori_loop(0, _NEWTON_STEPS, step, init)[5]

    @root.defjvp
    def _root_jvp(primals, tangents):
        u = root(*primals)
        return u, O.full(u, 0.0)

    u = root(q, *s)
    _, lower, target = setup(q)
    val, dval = g(u, lower, target, *s)  # the differentiable last step
    delta = O.div(val, dval)
    u = O.sub(u, O.where(O.isfinite(delta), delta, 0.0))
    return O.exp(u) if log_x else u


def _log_bracket(q, qc, *s):
    """The whole positive axis on the log scale (log tiny .. log max)."""
    lo = math.log(2.2250738585072014e-308) if not O.is_f32(q) else math.log(1.1754944e-38)
    hi = math.log(1.7976931348623157e308) if not O.is_f32(q) else math.log(3.4028235e38)
    return O.full(q, lo), O.full(q, hi)


def _solved(law, bracket, log_x=False):
    """ppf and isf entries from the solver."""
    return {"ppf": lambda q, *s: _invert(law, q, s, False, bracket, log_x),
            "isf": lambda q, *s: _invert(law, q, s, True, bracket, log_x)}


# ========================= the gamma family ================================================
# --- chi: sqrt of a chi-squared variable -------------------------------------------------
def _chi_mean(df):
    return O.mul(O.SQRT2, O.exp(O.sub(O.lgamma(O.mul(0.5, O.add(df, 1.0))),
                                      O.lgamma(O.mul(0.5, df)))))


def _chi_raw(df):
    """E[X^k] = 2^(k/2) Gamma((df + k)/2) / Gamma(df/2)."""
    m1 = _chi_mean(df)
    return m1, df, O.mul(m1, O.add(df, 1.0)), O.mul(df, O.add(df, 2.0))


def _chi_logpdf(z, df):
    """(df - 1) log z - z^2/2 - (df/2 - 1) log 2 - lgamma(df/2)."""
    v = O.add(O.xlogy(O.sub(df, 1.0), z), O.mul(O.sub(1.0, O.mul(0.5, df)), O.LOG_2))
    return O.sub(O.sub(v, O.mul(0.5, O.square(z))), O.lgamma(O.mul(0.5, df)))


chi = Continuous(
    "chi", "chi distribution", shapes=("df",), support=(0.0, INF), valid=_pos("df"),
    logpdf=_chi_logpdf,
    cdf=lambda z, df: S.gammainc(O.mul(0.5, df), O.mul(0.5, O.square(z))),
    sf=lambda z, df: S.gammaincc(O.mul(0.5, df), O.mul(0.5, O.square(z))),
    logsf=lambda z, df: _gamma_logsf(O.mul(0.5, O.square(z)), O.mul(0.5, df)),
    ppf=lambda q, df: O.sqrt(O.mul(2.0, S.gammaincinv(O.mul(0.5, df), q))),
    isf=lambda q, df: O.sqrt(O.mul(2.0, S.gammainccinv(O.mul(0.5, df), q))),
    **_moments_from(_chi_raw),
    entropy=lambda df: O.add(O.lgamma(O.mul(0.5, df)), O.mul(0.5, O.sub(
        O.sub(df, O.LOG_2), O.mul(O.sub(df, 1.0), O.digamma(O.mul(0.5, df)))))),
    sample=lambda key, df, shape, dtype: O.sqrt(jr.chisquare(key, df, shape, dtype)),
    example=(3.0,),
)


# --- invgamma: 1 / Gamma(a) ----------------------------------------------------------------
def _invgamma_logpdf(z, a):
    v = O.sub(O.sub(O.mul(O.neg(O.add(a, 1.0)), O.log(z)), O.div(1.0, z)), O.lgamma(a))
    return O.where(O.eq(z, 0.0), -INF, v)


def _gt_or(a, k, v, other=INF):
    """v where a > k, else ``other`` (moments that exist only for large shapes)."""
    return O.where(O.gt(a, k), v, other)


invgamma = Continuous(
    "invgamma", "inverted gamma distribution", shapes=("a",), support=(0.0, INF),
    valid=_pos("a"), logpdf=_invgamma_logpdf,
    cdf=lambda z, a: S.gammaincc(a, O.div(1.0, z)), sf=lambda z, a: S.gammainc(a, O.div(1.0, z)),
    logcdf=lambda z, a: _gamma_logsf(O.div(1.0, z), a),
    ppf=lambda q, a: O.div(1.0, S.gammainccinv(a, q)),
    isf=lambda q, a: O.div(1.0, S.gammaincinv(a, q)),
    mean=lambda a: _gt_or(a, 1.0, O.div(1.0, O.sub(a, 1.0))),
    var=lambda a: _gt_or(a, 2.0, O.div(1.0, O.mul(O.square(O.sub(a, 1.0)), O.sub(a, 2.0)))),
    skew=lambda a: _gt_or(a, 3.0, O.div(O.mul(4.0, O.sqrt(O.sub(a, 2.0))), O.sub(a, 3.0)), NAN),
    kurtosis=lambda a: _gt_or(a, 4.0, O.div(O.mul(6.0, O.sub(O.mul(5.0, a), 11.0)),
                                            O.mul(O.sub(a, 3.0), O.sub(a, 4.0))), NAN),
    entropy=lambda a: O.add(O.sub(a, O.mul(O.add(a, 1.0), O.digamma(a))), O.lgamma(a)),
    sample=lambda key, a, shape, dtype: O.div(1.0, jr.gamma(key, a, shape, dtype)),
    example=(3.0,),
)


# --- nakagami: sqrt(Gamma(nu) / nu) ---------------------------------------------------------
def _nakagami_raw(nu):
    """E[X^k] = Gamma(nu + k/2) / (Gamma(nu) nu^(k/2))."""
    m1 = O.exp(O.sub(O.sub(O.lgamma(O.add(nu, 0.5)), O.lgamma(nu)), O.mul(0.5, O.log(nu))))
    m3 = O.mul(m1, O.div(O.add(nu, 0.5), nu))
    return m1, O.full(nu, 1.0), m3, O.div(O.add(nu, 1.0), nu)


nakagami = Continuous(
    "nakagami", "Nakagami distribution", shapes=("nu",), support=(0.0, INF), valid=_pos("nu"),
    logpdf=lambda z, nu: O.sub(O.sub(O.add(O.add(O.LOG_2, O.mul(nu, O.log(nu))),
                                           O.xlogy(O.sub(O.mul(2.0, nu), 1.0), z)),
                                     O.mul(nu, O.square(z))), O.lgamma(nu)),
    cdf=lambda z, nu: S.gammainc(nu, O.mul(nu, O.square(z))),
    sf=lambda z, nu: S.gammaincc(nu, O.mul(nu, O.square(z))),
    logsf=lambda z, nu: _gamma_logsf(O.mul(nu, O.square(z)), nu),
    ppf=lambda q, nu: O.sqrt(O.div(S.gammaincinv(nu, q), nu)),
    isf=lambda q, nu: O.sqrt(O.div(S.gammainccinv(nu, q), nu)),
    **_moments_from(_nakagami_raw),
    # h = nu + lgamma(nu) + (1/2 - nu) psi(nu) - log(nu)/2 - log 2 (from Gamma's entropy)
    entropy=lambda nu: O.sub(O.add(O.add(nu, O.lgamma(nu)), O.mul(O.sub(0.5, nu), O.digamma(nu))),
                             O.add(O.mul(0.5, O.log(nu)), O.LOG_2)),
    sample=lambda key, nu, shape, dtype: O.sqrt(O.div(jr.gamma(key, nu, shape, dtype), nu)),
    example=(1.5,),
)

erlang = dataclasses.replace(C.gamma, name="erlang", summary="Erlang distribution")


# --- gengamma: Gamma(a)^(1/c) ---------------------------------------------------------------
def _gengamma_logpdf(z, a, c):
    v = O.sub(O.sub(O.add(O.log(O.absolute(c)), O.xlogy(O.sub(O.mul(c, a), 1.0), z)),
                    O.power(z, c)), O.lgamma(a))
    return O.where(O.and_(O.lt(c, 0.0), O.eq(z, 0.0)), -INF, v)


def _gengamma_raw(a, c):
    """E[X^k] = Gamma(a + k/c) / Gamma(a), +inf where a + k/c <= 0 (a diverging moment)."""
    out = []
    for k in (1.0, 2.0, 3.0, 4.0):
        ak = O.add(a, O.div(k, c))
        out.append(O.where(O.gt(ak, 0.0), O.exp(O.sub(O.lgamma(ak), O.lgamma(a))), INF))
    return tuple(out)


gengamma = Continuous(
    "gengamma", "generalized gamma distribution", shapes=("a", "c"), support=(0.0, INF),
    valid=lambda a, c: O.and_(O.gt(a, 0.0), O.ne(c, 0.0)),
    logpdf=_gengamma_logpdf,
    cdf=lambda z, a, c: O.where(O.gt(c, 0.0), S.gammainc(a, O.power(z, c)),
                                S.gammaincc(a, O.power(z, c))),
    sf=lambda z, a, c: O.where(O.gt(c, 0.0), S.gammaincc(a, O.power(z, c)),
                               S.gammainc(a, O.power(z, c))),
    # one inverse call with the tail chosen by the sign of c
    ppf=lambda q, a, c: O.power(S.gammaincinv(a, O.where(O.gt(c, 0.0), q, O.sub(1.0, q))),
                                O.div(1.0, c)),
    isf=lambda q, a, c: O.power(S.gammainccinv(a, O.where(O.gt(c, 0.0), q, O.sub(1.0, q))),
                                O.div(1.0, c)),
    **_moments_from(_gengamma_raw),
    # h = a + lgamma(a) - log|c| + psi(a) (1/c - a)  (Gamma's entropy, changed variable)
    entropy=lambda a, c: O.add(O.sub(O.add(a, O.lgamma(a)), O.log(O.absolute(c))),
                               O.mul(O.digamma(a), O.sub(O.div(1.0, c), a))),
    sample=lambda key, a, c, shape, dtype: O.power(jr.gamma(key, a, shape, dtype),
                                                   O.div(1.0, c)),
    example=(2.0, 1.5),
)


# --- loggamma: log Gamma(c) -----------------------------------------------------------------
loggamma = Continuous(
    "loggamma", "log-gamma distribution", shapes=("c",), valid=_pos("c"),
    logpdf=lambda z, c: O.sub(O.sub(O.mul(c, z), O.exp(z)), O.lgamma(c)),
    cdf=lambda z, c: S.gammainc(c, O.exp(z)), sf=lambda z, c: S.gammaincc(c, O.exp(z)),
    logsf=lambda z, c: _gamma_logsf(O.exp(z), c),
    ppf=lambda q, c: O.log(S.gammaincinv(c, q)), isf=lambda q, c: O.log(S.gammainccinv(c, q)),
    # the cumulants of log Gamma(c) are the polygamma functions
    mean=O.digamma, var=lambda c: polygamma(O.full(c, 1.0), c),
    skew=lambda c: O.div(polygamma(O.full(c, 2.0), c), O.power(polygamma(O.full(c, 1.0), c), 1.5)),
    kurtosis=lambda c: O.div(polygamma(O.full(c, 3.0), c), O.square(polygamma(O.full(c, 1.0), c))),
    entropy=lambda c: O.add(O.sub(O.lgamma(c), O.mul(c, O.digamma(c))), c),
    sample=lambda key, c, shape, dtype: jr.loggamma(key, c, shape, dtype),
    example=(1.5,),
)


# --- dgamma: Gamma(a) with a random sign ----------------------------------------------------
def _dgamma_cdf(z, a):
    half = O.mul(0.5, S.gammaincc(a, O.absolute(z)))
    return O.where(O.lt(z, 0.0), half, O.sub(1.0, half))


def _dgamma_ppf(q, a):
    # |z| = P^-1(a, |2q - 1|): 2q - 1 is exact for q >= 1/2 and loses at most an ulp of
    # 1 - 2q below (that is, of the tail mass, where the quantile is ill-conditioned anyway)
    mag = S.gammaincinv(a, O.absolute(O.sub(O.mul(2.0, q), 1.0)))
    return O.where(O.lt(q, 0.5), O.neg(mag), mag)


def _dgamma_sample(key, a, shape, dtype):
    k1, k2 = _keys(key)
    return O.mul(jr.gamma(k1, a, shape, dtype), O.cast(jr.rademacher(k2, shape), O.full(a, 0.0)))


dgamma = Continuous(
    "dgamma", "double gamma distribution", shapes=("a",), valid=_pos("a"),
    logpdf=lambda z, a: O.sub(O.sub(O.xlogy(O.sub(a, 1.0), O.absolute(z)), O.absolute(z)),
                              O.add(O.lgamma(a), O.LOG_2)),
    cdf=_dgamma_cdf, sf=lambda z, a: _dgamma_cdf(O.neg(z), a),
    logcdf=lambda z, a: O.where(O.lt(z, 0.0), O.sub(_gamma_logsf(O.neg(z), a), O.LOG_2),
                                O.log1p(O.mul(-0.5, S.gammaincc(a, z)))),
    logsf=lambda z, a: O.where(O.gt(z, 0.0), O.sub(_gamma_logsf(z, a), O.LOG_2),
                               O.log1p(O.mul(-0.5, S.gammaincc(a, O.neg(z))))),
    ppf=_dgamma_ppf, isf=lambda q, a: O.neg(_dgamma_ppf(q, a)),
    mean=lambda a: O.full(a, 0.0), var=lambda a: O.mul(a, O.add(a, 1.0)),
    skew=lambda a: O.full(a, 0.0),
    kurtosis=lambda a: O.sub(O.div(O.mul(O.add(a, 2.0), O.add(a, 3.0)), O.mul(a, O.add(a, 1.0))),
                             3.0),
    entropy=lambda a: O.add(C.gamma.entropy(a), O.LOG_2),
    sample=_dgamma_sample,
    example=(1.5,),
)


# --- halfgennorm: Gamma(1/beta)^(1/beta) ----------------------------------------------------
def _halfgennorm_raw(b):
    """E[X^k] = Gamma((k + 1)/b) / Gamma(1/b)."""
    lg1 = O.lgamma(O.div(1.0, b))
    return tuple(O.exp(O.sub(O.lgamma(O.div(k + 1.0, b)), lg1)) for k in (1.0, 2.0, 3.0, 4.0))


halfgennorm = Continuous(
    "halfgennorm", "upper half of the generalized normal distribution", shapes=("beta",),
    support=(0.0, INF), valid=_pos("beta"),
    logpdf=lambda z, b: O.sub(O.sub(O.log(b), O.lgamma(O.div(1.0, b))), O.power(z, b)),
    cdf=lambda z, b: S.gammainc(O.div(1.0, b), O.power(z, b)),
    sf=lambda z, b: S.gammaincc(O.div(1.0, b), O.power(z, b)),
    logsf=lambda z, b: _gamma_logsf(O.power(z, b), O.div(1.0, b)),
    ppf=lambda q, b: O.power(S.gammaincinv(O.div(1.0, b), q), O.div(1.0, b)),
    isf=lambda q, b: O.power(S.gammainccinv(O.div(1.0, b), q), O.div(1.0, b)),
    **_moments_from(_halfgennorm_raw),
    entropy=lambda b: O.add(O.sub(O.div(1.0, b), O.log(b)), O.lgamma(O.div(1.0, b))),
    sample=lambda key, b, shape, dtype: O.power(jr.gamma(key, O.div(1.0, b), shape, dtype),
                                                O.div(1.0, b)),
    example=(1.5,),
)


# --- pearson3: a gamma variable standardized to mean 0, variance 1, skewness `skew` ---------
_P3_NORMAL = 1.6e-5  # below this |skew| the law is the normal one (alpha = 4/skew^2 > 1.5e10)


def _p3(skew):
    """(alpha, beta, normal?) with z = t / beta - alpha / beta, t ~ Gamma(alpha)."""
    normal = O.lt(O.absolute(skew), _P3_NORMAL)
    sk = O.where(normal, 1.0, skew)  # placeholder where the normal law is used
    beta = O.div(2.0, sk)
    return O.square(beta), beta, normal


def _p3_t(z, skew):
    """The gamma variable t = beta z + alpha (>= 0 inside the support)."""
    alpha, beta, _ = _p3(skew)
    return O.maximum(O.add(O.mul(beta, z), alpha), 0.0)


def _p3_dist(gamma_fn, normal_fn, flip_fn):
    """A distribution function: gamma_fn(alpha, t) for skew > 0, flip_fn for skew < 0."""
    def f(z, skew):
        alpha, _, normal = _p3(skew)
        t = _p3_t(z, skew)
        v = O.where(O.gt(skew, 0.0), gamma_fn(alpha, t), flip_fn(alpha, t))
        return O.where(normal, normal_fn(z), v)
    return f


def _p3_logpdf(z, skew):
    alpha, beta, normal = _p3(skew)
    v = O.add(C.gamma.logpdf(_p3_t(z, skew), alpha), O.log(O.absolute(beta)))
    return O.where(normal, _norm_logpdf(z), v)


def _p3_quantile(inv, inv_c, normal_fn):
    def f(q, skew):
        alpha, beta, normal = _p3(skew)
        t = O.where(O.gt(skew, 0.0), inv(alpha, q), inv_c(alpha, q))
        return O.where(normal, normal_fn(q), O.div(O.sub(t, alpha), beta))
    return f


def _p3_support(skew):
    end = O.where(O.eq(skew, 0.0), -INF, O.div(-2.0, skew))
    normal = O.lt(O.absolute(skew), _P3_NORMAL)
    lo = O.where(O.or_(normal, O.lt(skew, 0.0)), -INF, end)
    return lo, O.where(O.or_(normal, O.gt(skew, 0.0)), INF, end)


def _p3_sample(key, skew, shape, dtype):
    k1, k2 = _keys(key)
    alpha, beta, normal = _p3(skew)
    t = jr.gamma(k1, alpha, shape, dtype)
    return O.where(normal, jr.normal(k2, shape, dtype), O.div(O.sub(t, alpha), beta))


pearson3 = Continuous(
    "pearson3", "Pearson type III distribution", shapes=("skew",), support=_p3_support,
    valid=lambda skew: O.isfinite(skew),
    logpdf=_p3_logpdf,
    cdf=_p3_dist(S.gammainc, S.ndtr, S.gammaincc),
    sf=_p3_dist(S.gammaincc, lambda z: S.ndtr(O.neg(z)), S.gammainc),
    ppf=_p3_quantile(S.gammaincinv, S.gammainccinv, S.ndtri),
    isf=_p3_quantile(S.gammainccinv, S.gammaincinv, lambda q: O.neg(S.ndtri(q))),
    mean=lambda skew: O.full(skew, 0.0), var=lambda skew: O.full(skew, 1.0),
    skew=lambda skew: skew, kurtosis=lambda skew: O.mul(1.5, O.square(skew)),
    entropy=lambda skew: O.where(
        _p3(skew)[2], 0.5 * (O.LOG_2PI + 1.0),
        O.sub(C.gamma.entropy(_p3(skew)[0]), O.log(O.absolute(_p3(skew)[1])))),
    sample=_p3_sample,
    example=(0.8,),
)


# ========================= the beta family ================================================
# --- betaprime: X / (1 - X) for X ~ Beta(a, b) ----------------------------------------------
def _betaprime_quantile(upper):
    """One incomplete-beta inverse on the smaller tail: with y = x / (1 + x),
    I_y(a, b) = q below the median side, I_(1-y)(b, a) = 1 - q above it."""
    def f(q, a, b):
        p_cdf = O.sub(1.0, q) if upper else q
        p_sf = q if upper else O.sub(1.0, q)
        lower = O.le(p_cdf, 0.5)
        y = S.betaincinv(O.where(lower, a, b), O.where(lower, b, a), O.where(lower, p_cdf, p_sf))
        return O.where(lower, O.div(y, O.sub(1.0, y)), O.div(O.sub(1.0, y), y))
    return f


def _betaprime_raw(a, b):
    """E[X^k] = prod_{i<k} (a + i) / (b - 1 - i), +inf where b <= k."""
    out, acc = [], O.full(a, 1.0)
    for k in range(4):
        acc = O.mul(acc, O.div(O.add(a, float(k)), O.sub(b, float(k + 1))))
        out.append(O.where(O.gt(b, float(k + 1)), acc, INF))
    return tuple(out)


def _betaprime_moment(i):
    bounds = (1.0, 2.0, 3.0, 4.0)

    def f(a, b):
        v = _central(_betaprime_raw(a, b))[i]
        return O.where(O.gt(b, bounds[i]), v, INF if i < 2 else NAN)
    return f


def _betaprime_sample(key, a, b, shape, dtype):
    k1, k2 = _keys(key)
    return O.div(jr.gamma(k1, a, shape, dtype), jr.gamma(k2, b, shape, dtype))


betaprime = Continuous(
    "betaprime", "beta prime distribution", shapes=("a", "b"), support=(0.0, INF),
    valid=_pos("a", "b"),
    logpdf=lambda z, a, b: O.sub(O.sub(O.xlogy(O.sub(a, 1.0), z), O.xlog1py(O.add(a, b), z)),
                                 O.betaln(a, b)),
    cdf=lambda z, a, b: S.betainc(a, b, O.div(z, O.add(1.0, z))),
    sf=lambda z, a, b: S.betainc(b, a, O.div(1.0, O.add(1.0, z))),
    ppf=_betaprime_quantile(False), isf=_betaprime_quantile(True),
    mean=_betaprime_moment(0), var=_betaprime_moment(1), skew=_betaprime_moment(2),
    kurtosis=_betaprime_moment(3),
    # h(X) = h(Beta(a, b)) - 2 E[log(1 - Y)] with Y = X / (1 + X)
    entropy=lambda a, b: O.sub(C.beta.entropy(a, b),
                               O.mul(2.0, O.sub(O.digamma(b), O.digamma(O.add(a, b))))),
    sample=_betaprime_sample,
    example=(2.0, 3.0),
)


# --- f: (dfd / dfn) * betaprime(dfn/2, dfd/2) -------------------------------------------------
def _f_args(fn):
    """A betaprime function of (y, a, b) as one of (z, dfn, dfd), y = z dfn / dfd."""
    return lambda z, n, m: fn(O.mul(z, O.div(n, m)), O.mul(0.5, n), O.mul(0.5, m))


def _f_moment(i):
    def f(n, m):
        v = _betaprime_moment(i)(O.mul(0.5, n), O.mul(0.5, m))
        return O.mul(v, O.div(m, n)) if i == 0 else (
            O.mul(v, O.square(O.div(m, n))) if i == 1 else v)
    return f


f = Continuous(
    "f", "F distribution", shapes=("dfn", "dfd"), support=(0.0, INF), valid=_pos("dfn", "dfd"),
    logpdf=lambda z, n, m: O.add(_f_args(betaprime.logpdf)(z, n, m), O.log(O.div(n, m))),
    cdf=_f_args(betaprime.cdf), sf=_f_args(betaprime.sf),
    ppf=lambda q, n, m: O.mul(O.div(m, n), betaprime.ppf(q, O.mul(0.5, n), O.mul(0.5, m))),
    isf=lambda q, n, m: O.mul(O.div(m, n), betaprime.isf(q, O.mul(0.5, n), O.mul(0.5, m))),
    mean=_f_moment(0), var=_f_moment(1), skew=_f_moment(2), kurtosis=_f_moment(3),
    entropy=lambda n, m: O.add(betaprime.entropy(O.mul(0.5, n), O.mul(0.5, m)),
                               O.log(O.div(m, n))),
    sample=lambda key, n, m, shape, dtype: jr.f(key, n, m, shape, dtype),
    example=(4.0, 7.0),
)


# ========================= the normal family ==============================================
# --- skewnorm: density 2 phi(z) Phi(a z); cdf Phi(z) - 2 T(z, a) (Owen 1956) ----------------
def _skewnorm_cdf(z, a):
    return O.clip(O.sub(S.ndtr(z), O.mul(2.0, owens_t(z, a))), 0.0, 1.0)


def _skewnorm_sf(z, a):
    return O.clip(O.add(S.ndtr(O.neg(z)), O.mul(2.0, owens_t(z, a))), 0.0, 1.0)


def _skewnorm_bracket(q, qc, a):
    """Phi(z) - 1 + 2 Phi(...)...: for a >= 0 the law lies between N(0, 1) and the
    half-normal (cdf between 2 Phi(z) - 1 and Phi(z)); for a < 0 between the
    mirrored half-normal and N(0, 1).  One unit of margin for the rounding of q."""
    pos = O.ge(a, 0.0)
    # ndtri(q) from the smaller of q, 1 - q (ndtri(1.0) = inf for q = 1 - 1e-20)
    nq = O.where(O.le(q, 0.5), S.ndtri(q), O.neg(S.ndtri(qc)))
    nqc = O.where(O.le(qc, 0.5), S.ndtri(qc), O.neg(S.ndtri(q)))
    lo = O.where(pos, nq, S.ndtri(O.mul(0.5, q)))
    hi = O.where(pos, O.neg(S.ndtri(O.mul(0.5, qc))), O.neg(nqc))
    return O.sub(lo, 1.0), O.add(hi, 1.0)


def _skewnorm_moments(which):
    def f(a):
        d = O.div(a, O.sqrt(O.add(1.0, O.square(a))))
        mu = O.mul(math.sqrt(2 / PI), d)
        var = O.sub(1.0, O.square(mu))
        if which == "mean":
            return mu
        if which == "var":
            return var
        if which == "skew":
            return O.div(O.mul((4 - PI) / 2, O.mul(mu, O.square(mu))), O.power(var, 1.5))
        return O.div(O.mul(2 * (PI - 3), O.square(O.square(mu))), O.square(var))
    return f


def _skewnorm_sample(key, a, shape, dtype):
    # Z = d |U0| + sqrt(1 - d^2) U1 (Azzalini 1985, the stochastic representation)
    k1, k2 = _keys(key)
    d = O.div(a, O.sqrt(O.add(1.0, O.square(a))))
    u0 = O.absolute(jr.normal(k1, shape, dtype))
    u1 = jr.normal(k2, shape, dtype)
    return O.add(O.mul(d, u0), O.mul(O.sqrt(O.sub(1.0, O.square(d))), u1))


def _skewnorm_logpdf(z, a):
    return O.add(O.add(_norm_logpdf(z), S.log_ndtr(O.mul(a, z))), O.LOG_2)


def _skewnorm_entropy(a):
    """-E[log pdf] = (log(2 pi) + 1)/2 - log 2 - E[log Phi(a Z)] (E[Z^2] = 1), and with
    c = |a|, b = max(1, c), z = y / b:
    E[log Phi(a Z)] = int 2 phi(y / b) / b  Phi(c y / b) log Phi(c y / b) dy.
    Both factors vary on a unit scale in y and fall off like a Gaussian beyond
    |y| = 10 (below 1e-20); Phi log Phi is analytic for |Im y| < 2.8 (the first
    complex zeros of Phi), so the trapezoid sum with step 1/4 (81 nodes) errs by
    about exp(-2 pi 2.8 * 4) < 1e-30 (_quadrature.line_sum)."""
    from ._quadrature import line_sum
    c = O.absolute(a)
    b = O.maximum(c, 1.0)

    def f(y, c, b):
        lphi = S.log_ndtr(O.div(O.mul(c, y), b))
        w = O.sub(O.mul(-0.5, O.square(O.div(y, b))), O.add(_LOG_SQRT_2PI, O.log(b)))
        return O.mul(O.mul(2.0, O.exp(O.add(w, lphi))), lphi)
    e = line_sum(f, (c, b), a, 0.25, 10.0)
    return O.sub(0.5 * (O.LOG_2PI + 1.0) - O.LOG_2, e)


# The light tail (a z <= -2: the lower tail for a > 0) by a cancellation-free integral.
# Phi(z) - 2 T(z, a) there subtracts two numbers many orders larger than the result
# (cdf(-4, 3) = 1.2e-38 from Phi(-4) = 3e-5), so instead, with X, Y standard normal,
# F(z; a) = 2 P(X <= z, Y <= a X) = 2 int_{-inf}^{az} phi(y) [Phi(z) - Phi(y / a)] dy,
# whose integrand is of the size of the result. With y = az - s / lam, lam = -az:
# F = 2 phi(az) / lam int_0^inf e^-s e^(-s^2 / 2 lam^2) [Phi(z) - Phi(z - s / (a lam))] ds,
# a smooth factor against e^-s for lam >= 2: 40-node Gauss-Laguerre (Golub & Welsch
# 1969) is within 1e-15 of mpmath (50 digits) for a z from -2 to -120.
_GL_NODES, _GL_WEIGHTS = np.polynomial.laguerre.laggauss(40)
_LIGHT = -2.0


def _broadcast(z, a):
    return _util.broadcast_arrays("skewnorm", z, a)


def _shape(x):
    return _util.shape(x)


def _skewnorm_light_logcdf(z, a):
    """log F(z; a) for a > 0, a z <= -2 (other points: a finite placeholder)."""
    lam = O.maximum(O.neg(O.mul(a, z)), -_LIGHT)
    z = O.minimum(z, O.div(_LIGHT, O.maximum(a, O.tiny(a))))   # in the regime
    shape = _shape(z)
    n = len(_GL_NODES)

    def lift(x):
        return L.broadcast_in_dim(x, shape + (n,), tuple(range(len(shape))))

    def nodes(v):
        return L.broadcast_in_dim(np.asarray(v, z.dtype), shape + (n,), (len(shape),))

    sn, zl, lamn = nodes(_GL_NODES), lift(z), lift(lam)
    lz = S.log_ndtr(zl)
    shift = O.div(sn, O.mul(lift(a), lamn))
    lg = O.add(O.neg(O.div(O.square(sn), O.mul(2.0, O.square(lamn)))),
               O.add(lz, O.log(O.neg(O.expm1(O.sub(S.log_ndtr(O.sub(zl, shift)), lz))))))
    lg = O.add(lg, nodes(np.log(_GL_WEIGHTS)))
    top = L.reduce_max(lg, (len(shape),))
    total = O.add(top, O.log(L.reduce_sum(O.exp(O.sub(lg, lift(top))), (len(shape),))))
    log_phi = O.sub(O.mul(-0.5, O.square(O.mul(a, z))), 0.5 * O.LOG_2PI)
    return O.add(O.sub(O.add(O.LOG_2, log_phi), O.log(lam)), total)


def _skewnorm_logcdf(z, a):
    z, a = _broadcast(z, a)
    light = O.and_(O.gt(a, 0.0), O.le(O.mul(a, z), _LIGHT))
    return O.where(light, _skewnorm_light_logcdf(z, a), O.log(_skewnorm_cdf(z, a)))


def _skewnorm_logsf(z, a):
    """sf(z; a) = cdf(-z; -a): the light upper tail of a < 0 mirrored."""
    z, a = _broadcast(z, a)
    light = O.and_(O.lt(a, 0.0), O.le(O.mul(a, z), _LIGHT))
    return O.where(light, _skewnorm_light_logcdf(O.neg(z), O.neg(a)),
                   O.log(_skewnorm_sf(z, a)))


def _skewnorm_cdf_acc(z, a):
    z, a = _broadcast(z, a)
    light = O.and_(O.gt(a, 0.0), O.le(O.mul(a, z), _LIGHT))
    return O.where(light, O.exp(_skewnorm_light_logcdf(z, a)), _skewnorm_cdf(z, a))


def _skewnorm_sf_acc(z, a):
    z, a = _broadcast(z, a)
    light = O.and_(O.lt(a, 0.0), O.le(O.mul(a, z), _LIGHT))
    return O.where(light, O.exp(_skewnorm_light_logcdf(O.neg(z), O.neg(a))),
                   _skewnorm_sf(z, a))


_skewnorm_law = types_law(logpdf=_skewnorm_logpdf, logcdf=_skewnorm_logcdf,
                          logsf=_skewnorm_logsf)

skewnorm = Continuous(
    "skewnorm", "skew-normal distribution", shapes=("a",), valid=lambda a: O.isfinite(a),
    logpdf=_skewnorm_logpdf, cdf=_skewnorm_cdf_acc, sf=_skewnorm_sf_acc,
    logcdf=_skewnorm_logcdf, logsf=_skewnorm_logsf,
    **_solved(_skewnorm_law, _skewnorm_bracket),
    mean=_skewnorm_moments("mean"), var=_skewnorm_moments("var"),
    skew=_skewnorm_moments("skew"), kurtosis=_skewnorm_moments("kurtosis"),
    entropy=_skewnorm_entropy, sample=_skewnorm_sample,
    example=(2.0,),
)


# --- invgauss, wald, recipinvgauss: the inverse Gaussian (lambda = 1) -------------------------
def _ig_terms(z, mu):
    """log Phi(-a), log of exp(2/mu) Phi(-b) and log Phi(a) with
    a = (z/mu - 1)/sqrt z, b = (z/mu + 1)/sqrt z (Chhikara & Folks 1989, 2.2)."""
    r = O.sqrt(z)
    a = O.div(O.sub(O.div(z, mu), 1.0), r)
    b = O.div(O.add(O.div(z, mu), 1.0), r)
    second = O.add(O.div(2.0, mu), S.log_ndtr(O.neg(b)))
    return S.log_ndtr(O.neg(a)), second, S.log_ndtr(a)


def _ig_logcdf(z, mu):
    _, second, la = _ig_terms(z, mu)
    return O.logaddexp(la, second)


def _ig_logsf(z, mu):
    lna, second, _ = _ig_terms(z, mu)
    # Phi(-a) - exp(2/mu) Phi(-b), the second term the smaller
    return O.add(lna, O.log1mexp(O.minimum(O.sub(second, lna), 0.0)))


def _ig_logpdf(z, mu):
    v = O.sub(O.sub(O.mul(-1.5, O.log(z)), _LOG_SQRT_2PI),
              O.div(O.square(O.sub(z, mu)), O.mul(O.mul(2.0, z), O.square(mu))))
    return O.where(O.eq(z, 0.0), -INF, v)


def _ig_entry(name, summary, shapes, wrap, **extra):
    """invgauss (mu), wald (mu = 1): ``wrap`` turns a function of (z, mu) into one of the
    law's own arguments."""
    law = types_law(logpdf=wrap(_ig_logpdf), logcdf=wrap(_ig_logcdf), logsf=wrap(_ig_logsf))
    return Continuous(
        name, summary, shapes=shapes, support=(0.0, INF),
        logpdf=law.logpdf, logcdf=law.logcdf, logsf=law.logsf,
        cdf=lambda z, *s: O.exp(law.logcdf(z, *s)), sf=lambda z, *s: O.exp(law.logsf(z, *s)),
        **_solved(law, _log_bracket, log_x=True), **extra)


invgauss = _ig_entry(
    "invgauss", "inverse Gaussian distribution", ("mu",), lambda fn: fn,
    valid=_pos("mu"),
    mean=lambda mu: mu, var=lambda mu: O.mul(mu, O.square(mu)),
    skew=lambda mu: O.mul(3.0, O.sqrt(mu)), kurtosis=lambda mu: O.mul(15.0, mu),
    sample=lambda key, mu, shape, dtype: jr.wald(key, mu, shape, dtype),
    example=(0.7,),
)

wald = _ig_entry(
    "wald", "Wald distribution", (), lambda fn: (lambda z: fn(z, O.full(z, 1.0))),
    mean=_const(1.0), var=_const(1.0), skew=_const(3.0), kurtosis=_const(15.0),
    sample=lambda key, shape, dtype: jr.wald(key, np.ones((), dtype), shape, dtype),
)


def _rig_raw(mu):
    """E[X^k] = E[Y^(k+1)] / mu^(2k+1) for X = 1/Y, Y ~ IG(mu, 1) (Tweedie 1957):
    polynomials in r = 1/mu."""
    r = O.div(1.0, mu)
    return (O.add(r, 1.0), O.polyval([1.0, 3.0, 3.0], r), O.polyval([1.0, 6.0, 15.0, 15.0], r),
            O.polyval([1.0, 10.0, 45.0, 105.0, 105.0], r))


def _rig_logpdf(z, mu):
    v = O.sub(O.mul(-0.5, O.add(O.log(z), O.LOG_2PI)),
              O.div(O.square(O.sub(1.0, O.mul(mu, z))), O.mul(O.mul(2.0, z), O.square(mu))))
    return O.where(O.eq(z, 0.0), -INF, v)


_rig_law = types_law(
    logpdf=_rig_logpdf,
    # X <= z  <=>  Y >= 1/z (the limits at z = 0 set apart: 1/z is inf there)
    logcdf=lambda z, mu: O.where(O.eq(z, 0.0), -INF, _ig_logsf(O.div(1.0, z), mu)),
    logsf=lambda z, mu: O.where(O.eq(z, 0.0), 0.0, _ig_logcdf(O.div(1.0, z), mu)))

recipinvgauss = Continuous(
    "recipinvgauss", "reciprocal inverse Gaussian distribution", shapes=("mu",),
    support=(0.0, INF), valid=_pos("mu"),
    logpdf=_rig_logpdf, logcdf=_rig_law.logcdf, logsf=_rig_law.logsf,
    cdf=lambda z, mu: O.exp(_rig_law.logcdf(z, mu)), sf=lambda z, mu: O.exp(_rig_law.logsf(z, mu)),
    **_solved(_rig_law, _log_bracket, log_x=True),
    **_moments_from(_rig_raw),
    sample=lambda key, mu, shape, dtype: O.div(1.0, jr.wald(key, mu, shape, dtype)),
    example=(0.7,),
)


# --- exponnorm: N(0, 1) + Exp(mean K) (the exponentially modified Gaussian) ------------------
def _emg_log_second(z, k):
    """log of exp(1/(2K^2) - z/K) Phi(z - 1/K), the exponential part of the cdf."""
    ik = O.div(1.0, k)
    return O.add(O.sub(O.mul(0.5, O.square(ik)), O.mul(z, ik)), S.log_ndtr(O.sub(z, ik)))


def _emg_logcdf(z, k):
    ln = S.log_ndtr(z)
    return O.add(ln, O.log1mexp(O.minimum(O.sub(_emg_log_second(z, k), ln), 0.0)))


def _emg_bracket(q, qc, k):
    """Phi(z) >= cdf(z) gives z >= ndtri(q); the union bound
    P(N > a) + P(K E > b) = (1 - q)/2 + (1 - q)/2 gives z <= a + b."""
    hi = O.sub(O.neg(S.ndtri(O.mul(0.5, qc))), O.mul(k, O.log(O.mul(0.5, qc))))
    return O.sub(S.ndtri(q), 1.0), O.add(hi, 1.0)


_emg_law = types_law(
    logpdf=lambda z, k: O.sub(_emg_log_second(z, k), O.log(k)),
    logcdf=_emg_logcdf,
    logsf=lambda z, k: O.logaddexp(S.log_ndtr(O.neg(z)), _emg_log_second(z, k)))


def _emg_sample(key, k, shape, dtype):
    k1, k2 = _keys(key)
    return O.add(jr.normal(k1, shape, dtype), O.mul(k, jr.exponential(k2, shape, dtype)))


exponnorm = Continuous(
    "exponnorm", "exponentially modified normal distribution", shapes=("K",), valid=_pos("K"),
    logpdf=_emg_law.logpdf, logcdf=_emg_law.logcdf, logsf=_emg_law.logsf,
    cdf=lambda z, k: O.exp(_emg_logcdf(z, k)), sf=lambda z, k: O.exp(_emg_law.logsf(z, k)),
    **_solved(_emg_law, _emg_bracket),
    mean=lambda k: k, var=lambda k: O.add(1.0, O.square(k)),
    skew=lambda k: O.div(O.mul(2.0, O.power(k, 3.0)), O.power(O.add(1.0, O.square(k)), 1.5)),
    kurtosis=lambda k: O.div(O.mul(6.0, O.power(k, 4.0)), O.square(O.add(1.0, O.square(k)))),
    sample=_emg_sample,
    example=(1.5,),
)


# --- foldnorm: |N(c, 1)| ----------------------------------------------------------------------
def _foldnorm_logpdf(z, c):
    # phi(z - c) + phi(z + c) = phi(z - c) (1 + exp(-2 c z))
    return O.add(_norm_logpdf(O.sub(z, c)), O.log1p(O.exp(O.mul(-2.0, O.mul(c, z)))))


def _foldnorm_cdf(z, c):
    # Phi(z - c) - Phi(-z - c) as a difference of erfs: exact near z = 0
    return O.mul(0.5, O.add(O.erf(O.div(O.sub(z, c), O.SQRT2)), O.erf(O.div(O.add(z, c), O.SQRT2))))


def _foldnorm_logsf(z, c):
    return O.logaddexp(S.log_ndtr(O.sub(c, z)), S.log_ndtr(O.neg(O.add(z, c))))


def _foldnorm_bracket(q, qc, c):
    """|Y| <= z implies Y <= z: z >= c + ndtri(q); for z >= c, P(|Y| > z) <= 2 Phi(c - z)."""
    lo = O.maximum(O.add(c, S.ndtri(q)), 0.0)
    hi = O.sub(c, S.ndtri(O.mul(0.5, qc)))
    return O.sub(lo, 1.0), O.add(O.maximum(hi, c), 1.0)


def _foldnorm_raw(c):
    """E|Y|^k for Y ~ N(c, 1): with e = sqrt(2/pi) exp(-c^2/2) and r = erf(c / sqrt 2),
    E|Y| = e + c r, E Y^2 = c^2 + 1, E|Y|^3 = (c^2 + 2) e + c (c^2 + 3) r,
    E Y^4 = c^4 + 6 c^2 + 3."""
    e = O.mul(math.sqrt(2 / PI), O.exp(O.mul(-0.5, O.square(c))))
    r = O.erf(O.div(c, O.SQRT2))
    c2 = O.square(c)
    return (O.add(e, O.mul(c, r)), O.add(c2, 1.0),
            O.add(O.mul(O.add(c2, 2.0), e), O.mul(O.mul(c, O.add(c2, 3.0)), r)),
            O.polyval([1.0, 6.0, 3.0], c2))


_foldnorm_law = types_law(
    logpdf=lambda z, c: _foldnorm_logpdf(O.maximum(z, 0.0), c),
    logcdf=lambda z, c: O.log(_foldnorm_cdf(O.maximum(z, 0.0), c)),
    logsf=lambda z, c: _foldnorm_logsf(O.maximum(z, 0.0), c))

foldnorm = Continuous(
    "foldnorm", "folded normal distribution", shapes=("c",), support=(0.0, INF),
    valid=lambda c: O.ge(c, 0.0),
    logpdf=_foldnorm_logpdf, cdf=_foldnorm_cdf, logsf=_foldnorm_logsf,
    sf=lambda z, c: O.exp(_foldnorm_logsf(z, c)),
    **_solved(_foldnorm_law, _foldnorm_bracket),
    **_moments_from(_foldnorm_raw),
    sample=lambda key, c, shape, dtype: O.absolute(O.add(jr.normal(key, shape, dtype), c)),
    example=(1.5,),
)


# --- fatiguelife (Birnbaum-Saunders): Phi((sqrt z - 1/sqrt z) / c) ---------------------------
def _bs_w(z, c):
    r = O.sqrt(z)
    return O.div(O.sub(r, O.div(1.0, r)), c)


def _bs_from_normal(n, c):
    """z with (sqrt z - 1/sqrt z)/c = n: sqrt z = t + sqrt(t^2 + 1), t = c n / 2, written
    as 1 / (sqrt(t^2 + 1) - t) for t < 0 (no cancellation)."""
    t = O.mul(0.5, O.mul(c, n))
    s = O.sqrt(O.add(O.square(t), 1.0))
    root = O.where(O.ge(t, 0.0), O.add(t, s), O.div(1.0, O.sub(s, t)))
    return O.square(root)


def _bs_logpdf(z, c):
    w = _bs_w(z, c)
    v = O.sub(O.add(_norm_logpdf(w), O.log(O.add(z, 1.0))),
              O.add(O.log(O.mul(2.0, c)), O.mul(1.5, O.log(z))))
    return O.where(O.eq(z, 0.0), -INF, v)


fatiguelife = Continuous(
    "fatiguelife", "fatigue-life (Birnbaum-Saunders) distribution", shapes=("c",),
    support=(0.0, INF), valid=_pos("c"),
    logpdf=_bs_logpdf,
    cdf=lambda z, c: S.ndtr(_bs_w(z, c)), sf=lambda z, c: S.ndtr(O.neg(_bs_w(z, c))),
    logcdf=lambda z, c: S.log_ndtr(_bs_w(z, c)), logsf=lambda z, c: S.log_ndtr(O.neg(_bs_w(z, c))),
    ppf=lambda q, c: _bs_from_normal(S.ndtri(q), c),
    isf=lambda q, c: _bs_from_normal(O.neg(S.ndtri(q)), c),
    mean=lambda c: O.add(1.0, O.mul(0.5, O.square(c))),
    var=lambda c: O.mul(O.square(c), O.add(1.0, O.mul(1.25, O.square(c)))),
    skew=lambda c: O.div(O.mul(O.mul(4.0, c), O.add(O.mul(11.0, O.square(c)), 6.0)),
                         O.power(O.add(O.mul(5.0, O.square(c)), 4.0), 1.5)),
    kurtosis=lambda c: O.div(O.mul(O.mul(6.0, O.square(c)), O.add(O.mul(93.0, O.square(c)), 40.0)),
                             O.square(O.add(O.mul(5.0, O.square(c)), 4.0))),
    sample=lambda key, c, shape, dtype: _bs_from_normal(jr.normal(key, shape, dtype), c),
    example=(0.8,),
)


# --- Johnson's S_U and S_B: a + b g(z) is standard normal ------------------------------------
def _su_raw(a, b):
    """E[sinh(Y)^k], Y = (N - a)/b, from E[exp(j Y)] = exp(-j a/b + j^2 / (2 b^2))."""
    def e(j):
        return O.exp(O.add(O.mul(float(-j), O.div(a, b)), O.div(float(j * j) * 0.5, O.square(b))))
    m1 = O.mul(0.5, O.sub(e(1), e(-1)))
    m2 = O.mul(0.25, O.sub(O.add(e(2), e(-2)), 2.0))
    m3 = O.mul(0.125, O.add(O.sub(e(3), e(-3)), O.mul(3.0, O.sub(e(-1), e(1)))))
    m4 = O.mul(0.0625, O.add(O.sub(O.add(e(4), e(-4)), O.mul(4.0, O.add(e(2), e(-2)))), 6.0))
    return m1, m2, m3, m4


def _su_w(z, a, b):
    return O.add(a, O.mul(b, _asinh(z)))


def _asinh(z):
    """asinh(z) = sign(z) log1p(|z| + z^2 / (1 + sqrt(1 + z^2))), exact for small z."""
    az = O.absolute(z)
    v = O.log1p(O.add(az, O.div(O.square(az), O.add(1.0, O.sqrt(O.add(1.0, O.square(az)))))))
    # for huge |z|, z^2 overflows: log(2|z|)
    v = O.where(O.gt(az, 1e150 if not O.is_f32(z) else 1e18), O.add(O.log(az), O.LOG_2), v)
    return O.where(O.lt(z, 0.0), O.neg(v), v)


johnsonsu = Continuous(
    "johnsonsu", "Johnson S_U distribution", shapes=("a", "b"), valid=lambda a, b: O.and_(
        O.isfinite(a), O.gt(b, 0.0)),
    logpdf=lambda z, a, b: O.sub(O.add(_norm_logpdf(_su_w(z, a, b)), O.log(b)),
                                 O.mul(0.5, O.log1p(O.square(z)))),
    cdf=lambda z, a, b: S.ndtr(_su_w(z, a, b)), sf=lambda z, a, b: S.ndtr(O.neg(_su_w(z, a, b))),
    logcdf=lambda z, a, b: S.log_ndtr(_su_w(z, a, b)),
    logsf=lambda z, a, b: S.log_ndtr(O.neg(_su_w(z, a, b))),
    ppf=lambda q, a, b: O.sinh(O.div(O.sub(S.ndtri(q), a), b)),
    isf=lambda q, a, b: O.sinh(O.div(O.sub(O.neg(S.ndtri(q)), a), b)),
    **_moments_from(_su_raw),
    sample=lambda key, a, b, shape, dtype: O.sinh(O.div(O.sub(jr.normal(key, shape, dtype), a), b)),
    example=(0.5, 1.5),
)


def _sb_w(z, a, b):
    return O.add(a, O.mul(b, O.sub(O.log(z), O.log1p(O.neg(z)))))


def _sb_logpdf(z, a, b):
    v = O.sub(O.add(_norm_logpdf(_sb_w(z, a, b)), O.log(b)), O.add(O.log(z), O.log1p(O.neg(z))))
    return O.where(O.or_(O.eq(z, 0.0), O.eq(z, 1.0)), -INF, v)


def _sb_from_normal(n, a, b):
    return O.logistic(O.div(O.sub(n, a), b))


johnsonsb = Continuous(
    "johnsonsb", "Johnson S_B distribution", shapes=("a", "b"), support=(0.0, 1.0),
    valid=lambda a, b: O.and_(O.isfinite(a), O.gt(b, 0.0)),
    logpdf=_sb_logpdf,
    cdf=lambda z, a, b: S.ndtr(_sb_w(z, a, b)), sf=lambda z, a, b: S.ndtr(O.neg(_sb_w(z, a, b))),
    logcdf=lambda z, a, b: S.log_ndtr(_sb_w(z, a, b)),
    logsf=lambda z, a, b: S.log_ndtr(O.neg(_sb_w(z, a, b))),
    ppf=lambda q, a, b: _sb_from_normal(S.ndtri(q), a, b),
    isf=lambda q, a, b: _sb_from_normal(O.neg(S.ndtri(q)), a, b),
    sample=lambda key, a, b, shape, dtype: _sb_from_normal(jr.normal(key, shape, dtype), a, b),
    example=(0.5, 1.5),
)


# --- alpha: 1 / (a - N) conditioned on N < a -------------------------------------------------
def _alpha_logpdf(z, a):
    v = O.sub(O.sub(_norm_logpdf(O.sub(a, O.div(1.0, z))), O.mul(2.0, O.log(z))), S.log_ndtr(a))
    return O.where(O.eq(z, 0.0), -INF, v)


def _alpha_sf(z, a):
    # (Phi(a) - Phi(a - 1/z)) / Phi(a) as a difference of erfs
    d = O.mul(0.5, O.sub(O.erf(O.div(a, O.SQRT2)), O.erf(O.div(O.sub(a, O.div(1.0, z)), O.SQRT2))))
    return O.div(d, S.ndtr(a))


alpha = Continuous(
    "alpha", "alpha distribution", shapes=("a",), support=(0.0, INF), valid=_pos("a"),
    logpdf=_alpha_logpdf,
    cdf=lambda z, a: O.div(S.ndtr(O.sub(a, O.div(1.0, z))), S.ndtr(a)),
    logcdf=lambda z, a: O.sub(S.log_ndtr(O.sub(a, O.div(1.0, z))), S.log_ndtr(a)),
    sf=_alpha_sf,
    ppf=lambda q, a: O.div(1.0, O.sub(a, S.ndtri(O.mul(q, S.ndtr(a))))),
    isf=lambda q, a: O.div(1.0, O.sub(a, S.ndtri(O.mul(O.sub(1.0, q), S.ndtr(a))))),
    # no finite moments (the density decays like 1/z^2)
    mean=lambda a: O.full(a, INF), var=lambda a: O.full(a, INF),
    skew=lambda a: O.full(a, NAN), kurtosis=lambda a: O.full(a, NAN),
    example=(3.5,),
)


# --- moyal: -log of a chi-squared(1) variable ----------------------------------------------
def _moyal_u(z):
    """exp(-z/2) / sqrt 2: cdf = erfc(u), sf = erf(u)."""
    return O.div(O.exp(O.mul(-0.5, z)), O.SQRT2)


moyal = Continuous(
    "moyal", "Moyal distribution",
    logpdf=lambda z: O.sub(O.mul(-0.5, O.add(z, O.exp(O.neg(z)))), _LOG_SQRT_2PI),
    cdf=lambda z: O.erfc(_moyal_u(z)), sf=lambda z: O.erf(_moyal_u(z)),
    # erfc(u) = 2 Phi(-sqrt 2 u), Phi(-sqrt 2 u) with sqrt 2 u = exp(-z/2)
    logcdf=lambda z: O.add(S.log_ndtr(O.neg(O.exp(O.mul(-0.5, z)))), O.LOG_2),
    ppf=lambda q: O.mul(-2.0, O.log(O.neg(S.ndtri(O.mul(0.5, q))))),
    isf=lambda q: O.mul(-2.0, O.log(O.mul(O.SQRT2, O.erf_inv(q)))),
    mean=_const(O.EULER + math.log(2.0)), var=_const(PI ** 2 / 2),
    skew=_const(28 * math.sqrt(2) * 1.2020569031595942 / PI ** 3), kurtosis=_const(4.0),
    entropy=_const(0.5 * (1.0 + O.EULER + math.log(4 * PI))),
    sample=lambda key, shape, dtype: O.neg(O.log(O.square(jr.normal(key, shape, dtype)))),
)


# --- powernorm and powerlognorm: sf = Phi(-w)^c --------------------------------------------
def _power_entries(w, w_inv, log_jac):
    """logpdf, cdf, ... of a law with sf(z) = Phi(-w(z))^c; w_inv maps back,
    log_jac(z, s) = log w'(z)."""
    def logsf(z, c, *s):
        return O.mul(c, S.log_ndtr(O.neg(w(z, *s))))

    def logpdf(z, c, *s):
        ww = w(z, *s)
        return O.add(O.add(O.add(O.log(c), _norm_logpdf(ww)),
                           O.mul(O.sub(c, 1.0), S.log_ndtr(O.neg(ww)))), log_jac(z, *s))

    return dict(
        logpdf=logpdf, logsf=logsf, sf=lambda z, c, *s: O.exp(logsf(z, c, *s)),
        logcdf=lambda z, c, *s: O.log1mexp(logsf(z, c, *s)),
        cdf=lambda z, c, *s: O.neg(O.expm1(logsf(z, c, *s))),
        # Phi(-w) = (1 - q)^(1/c): w = -ndtri_exp(log1p(-q) / c)
        ppf=lambda q, c, *s: w_inv(O.neg(S.ndtri_exp(O.div(O.log1p(O.neg(q)), c))), *s),
        isf=lambda q, c, *s: w_inv(O.neg(S.ndtri_exp(O.div(O.log(q), c))), *s),
    )


powernorm = Continuous(
    "powernorm", "power normal distribution", shapes=("c",), valid=_pos("c"),
    **_power_entries(lambda z: z, lambda w: w, lambda z: O.full(z, 0.0)),
    example=(2.0,),
)


def _pln_logpdf_fix(entries):
    logpdf = entries["logpdf"]
    entries["logpdf"] = lambda z, c, s: O.where(O.eq(z, 0.0), -INF, logpdf(z, c, s))
    return entries


powerlognorm = Continuous(
    "powerlognorm", "power log-normal distribution", shapes=("c", "s"), support=(0.0, INF),
    valid=_pos("c", "s"),
    **_pln_logpdf_fix(_power_entries(lambda z, s: O.div(O.log(z), s),
                                     lambda w, s: O.exp(O.mul(s, w)),
                                     lambda z, s: O.neg(O.log(O.mul(z, s))))),
    example=(2.0, 0.5),
)


# --- the public namespaces ---------------------------------------------------------------
TABLE = {d.name: d for d in (
    chi, invgamma, nakagami, erlang, gengamma, loggamma, dgamma, halfgennorm, pearson3,
    betaprime, f,
    skewnorm, invgauss, wald, recipinvgauss, exponnorm, foldnorm, fatiguelife,
    johnsonsu, johnsonsb, alpha, moyal, powernorm, powerlognorm)}
NAMESPACES = {name: build(d) for name, d in TABLE.items()}
