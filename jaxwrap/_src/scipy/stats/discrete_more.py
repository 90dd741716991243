"""More discrete distributions of scipy.stats: one table entry each.

hypergeom, nhypergeom, betanbinom, zipf, zipfian, logser, yulesimon; see
``_distn.py`` for what the base derives from an entry.  Formulas: Johnson,
Kemp & Kotz, "Univariate Discrete Distributions" (3rd ed., 2005) (JKK).

* Log-pmfs are lgamma sums (as in discrete.py): relative error ~eps |lgamma|
  at large counts.
* Moments come from factorial moments E[X (X-1) ... (X-j+1)] (JKK 6.2,
  6.2.2, 6.7.2) converted to mean, variance, skewness and excess kurtosis in
  one place (``_from_factorial``).
* cdf/sf of the finite-support laws (hypergeom, nhypergeom) are tail sums of
  the pmf from the point outwards (``_tail``): chunks of ``_CHUNK`` terms in a
  loop of at most ``_MAX_CHUNKS`` steps that stops once the pmf decreases and
  the remaining terms (at most count x last term, the laws being
  log-concave) are below 2^-60 of the sum; NaN if that has not happened
  within ``_CHUNK * _MAX_CHUNKS`` terms (a standard deviation above ~1500).
* zipf: sf = zeta(a, k + 1) / zeta(a) (Hurwitz zeta); zipfian: generalized
  harmonic numbers by direct terms plus Euler-Maclaurin (``_powsum``);
  logser: the tail sum_{j > k} p^j / j by a geometric series (p <= 1/2) or
  direct terms plus Euler-Maclaurin with E1 (p > 1/2); yulesimon:
  sf(k) = k B(k, alpha + 1) (JKK 6.10.3).
* Entropies (``_discrete_sums.py``): hypergeom, nhypergeom by a window sum
  around the mean; zipf = log zeta - a zeta'/zeta; zipfian from the harmonic
  sum and its derivative in a; logser by Frullani's integral for E[log K];
  yulesimon, betanbinom by direct terms and a power-law tail expansion.
"""

from __future__ import annotations

import math

import jax


from jaxwrap import random as jr

from ... import lax as L
from ...numpy import _util
from ..special._hyp_base import bounded_while
from . import _discrete_sums as DS
from . import _ops as O
from ._distn import Discrete, build

__all__: list[str] = []  # distributions are published through NAMESPACES

INF = math.inf
NAN = math.nan


def _int(x):
    return O.and_(O.ge(x, 0.0), O.is_integer(x))


def _lbinom(a, b):
    """log C(a, b) from lgamma (the form of discrete.py; its Stirling-based betaln
    form is more accurate at huge counts but compiles ~10x slower inside the loops)."""
    return O.sub(O.lgamma(O.add(a, 1.0)),
                 O.add(O.lgamma(O.add(b, 1.0)), O.lgamma(O.add(O.sub(a, b), 1.0))))


# --- vectors of terms ------------------------------------------------------------------------
_lift, _offsets, _rsum = DS.lift, DS.offsets, DS.rsum   # (x, n), (like, n), (x)


# --- moments from factorial moments ------------------------------------------------------------
def _from_factorial(f, which):
    """Mean, variance, skewness or excess kurtosis from the factorial moments
    f = [f1, f2, f3, f4] (raw moments: m2 = f2 + f1, m3 = f3 + 3 f2 + f1,
    m4 = f4 + 6 f3 + 7 f2 + f1, Stirling numbers of the second kind)."""
    f1 = f[0]
    if which == "mean":
        return f1
    f2 = f[1]
    var = O.sub(O.add(f2, f1), O.square(f1))  # E X(X-1) + E X - (E X)^2
    if which == "var":
        return var
    f3 = f[2]
    # third central moment: f3 + 3 f2 (1 - m) + f1 (1 - 3 m + 2 m^2) ... written on raw moments
    m2 = O.add(f2, f1)
    m3 = O.add(O.add(f3, O.mul(3.0, f2)), f1)
    c3 = O.add(O.sub(m3, O.mul(3.0, O.mul(f1, m2))), O.mul(2.0, O.mul(f1, O.square(f1))))
    if which == "skew":
        return O.div(c3, O.power(var, 1.5))
    m4 = O.add(O.add(O.add(f[3], O.mul(6.0, f3)), O.mul(7.0, f2)), f1)
    c4 = O.sub(m4, O.mul(4.0, O.mul(f1, m3)))
    c4 = O.add(c4, O.mul(6.0, O.mul(O.square(f1), m2)))
    c4 = O.sub(c4, O.mul(3.0, O.square(O.square(f1))))
    return O.sub(O.div(c4, O.square(var)), 3.0)


def _fact_moments(factorial):
    """mean/var/skew/kurtosis entry functions from ``factorial(j, *shapes)``."""
    def make(which):
        def f(*s):
            return _from_factorial([factorial(j, *s) for j in range(1, 5)], which)
        return f
    return {w: make(w) for w in ("mean", "var", "skew", "kurtosis")}


def _falling(x, j):
    out = x
    for i in range(1, j):
        out = O.mul(out, O.sub(x, float(i)))
    return out


def _rising(x, j):
    out = x
    for i in range(1, j):
        out = O.mul(out, O.add(x, float(i)))
    return out


# --- tail sums over a finite support ---------------------------------------------------------
_CHUNK = 128       # terms per step of the tail loop
_MAX_CHUNKS = 512  # 65536 terms: the window of a log-concave law with sd up to ~1500
_STOP = 2.0 ** -60  # remaining mass bound, relative to the sum


def _tail(logpmf, start, step, lo, hi, s):
    """sum pmf over k = start, start + step, ... inside
    [lo, hi] (step = +1 or -1, static), for a unimodal pmf.

    The loop stops where the support ends or, once the terms decrease
    (last term of a chunk <= first), where the last term times the number
    of support points left is below 2^-60 of the sum (each later term is
    smaller).  NaN where neither happened within _MAX_CHUNKS chunks.
    """
    offs = O.mul(_offsets(start, _CHUNK), float(step))
    lo_, hi_ = _lift(lo, _CHUNK), _lift(hi, _CHUNK)
    ps = [_lift(p, _CHUNK) for p in s]
    last_off = float(step * (_CHUNK - 1))

    def pmf_at(k, lo_a, hi_a, params):
        inside = O.and_(O.ge(k, lo_a), O.le(k, hi_a))
        lp = O.where(inside, logpmf(O.clip(k, lo_a, hi_a), *params), -INF)
        return lp

    def body(_, carry):
        acc, pos, done = carry
        lp = pmf_at(O.add(_lift(pos, _CHUNK), offs), lo_, hi_, ps)
        p = O.exp(lp)
        acc = O.add(acc, _rsum(p))
        first = _rsum(O.where(O.eq(offs, 0.0), p, 0.0))
        last = _rsum(O.where(O.eq(offs, last_off), p, 0.0))
        nxt = O.add(pos, float(step * _CHUNK))
        if step > 0:
            out, left = O.gt(nxt, hi), O.add(O.sub(hi, nxt), 1.0)
        else:
            out, left = O.lt(nxt, lo), O.add(O.sub(nxt, lo), 1.0)
        small = O.and_(O.le(last, first), O.le(O.mul(last, left), O.mul(_STOP, acc)))
        return acc, nxt, O.or_(out, small)

    zero = O.full(start, 0.0)
    init = (zero, start, O.gt(zero, 1.0))
    acc, _, done = bounded_while(lambda c: O.not_(c[2]), body, init, _MAX_CHUNKS)
    return O.nan_where(O.not_(done), acc)


def _finite_dists(logpmf, support, centre):
    """cdf, sf, logcdf, logsf of a unimodal law on [lo, hi] by tail sums: the
    lower sum from k down where k is below ``centre`` (the mean), else the
    upper sum from k + 1 up; the other function as 1 minus it."""
    def sums(k, *s):
        lo, hi = support(*s)
        low = O.lt(k, centre(*s))
        below = _tail(logpmf, k, -1, lo, hi, s)
        above = _tail(logpmf, O.add(k, 1.0), 1, lo, hi, s)
        return low, below, above

    def cdf(k, *s):
        low, below, above = sums(k, *s)
        return O.where(low, below, O.sub(1.0, above))

    def sf(k, *s):
        low, below, above = sums(k, *s)
        return O.where(low, O.sub(1.0, below), above)

    def logcdf(k, *s):
        low, below, above = sums(k, *s)
        return O.where(low, O.log(below), O.log1p(O.neg(above)))

    def logsf(k, *s):
        low, below, above = sums(k, *s)
        return O.where(low, O.log1p(O.neg(below)), O.log(above))

    return dict(cdf=cdf, sf=sf, logcdf=logcdf, logsf=logsf)


# --- hypergeometric ------------------------------------------------------------------------------
def _hg_support(M, n, N):
    return O.maximum(O.sub(N, O.sub(M, n)), 0.0), O.minimum(n, N)


def _hg_logpmf(k, M, n, N):
    return O.sub(O.add(_lbinom(n, k), _lbinom(O.sub(M, n), O.sub(N, k))), _lbinom(M, N))


def _hg_mean(M, n, N):
    return O.div(O.mul(N, n), M)


def _hg_factorial(j, M, n, N):  # E[(X)_j] = (n)_j (N)_j / (M)_j, falling factorials (JKK 6.2)
    return O.div(O.mul(_falling(n, j), _falling(N, j)), _falling(M, j))


def _hg_var(M, n, N):  # N n (M - n) (M - N) / (M^2 (M - 1)), without the cancellation
    return O.div(O.mul(O.mul(_hg_mean(M, n, N), O.sub(M, n)), O.sub(M, N)),
                 O.mul(M, O.sub(M, 1.0)))


def _hg_entropy(M, n, N):
    """-sum pmf log pmf over mean +- (20 sd + 32): sampling without replacement
    obeys Bernstein's inequality (Serfling 1974), so the mass outside is below
    e^-48; NaN where that window exceeds the static cap (sd above ~400)."""
    radius = O.add(O.mul(20.0, O.sqrt(_hg_var(M, n, N))), 32.0)
    lo, hi = _hg_support(M, n, N)
    return DS.entropy_around(_hg_logpmf, (M, n, N), lo, hi, _hg_mean(M, n, N), radius)


_HG = _finite_dists(_hg_logpmf, _hg_support, _hg_mean)
_HG_M = _fact_moments(_hg_factorial)

hypergeom = Discrete(
    "hypergeom", "hypergeometric distribution", shapes=("M", "n", "N"),
    support=_hg_support,
    valid=lambda M, n, N: O.and_(O.and_(O.gt(M, 0.0), O.is_integer(M)),
                                 O.and_(O.and_(_int(n), _int(N)),
                                        O.and_(O.le(n, M), O.le(N, M)))),
    logpmf=_hg_logpmf, cdf=_HG["cdf"], sf=_HG["sf"], logcdf=_HG["logcdf"], logsf=_HG["logsf"],
    mean=_hg_mean, var=_hg_var, skew=_HG_M["skew"], kurtosis=_HG_M["kurtosis"],
    entropy=_hg_entropy,
    example=(20.0, 7.0, 12.0),
)


# --- negative hypergeometric ---------------------------------------------------------------------
def _nhg_support(M, n, r):
    return O.full(M, 0.0), n


def _nhg_logpmf(k, M, n, r):
    # C(k + r - 1, k) C(M - r - k, n - k) / C(M, n); r = 0 puts all mass at k = 0
    rs = O.where(O.eq(r, 0.0), 1.0, r)
    v = O.sub(O.add(_lbinom(O.sub(O.add(k, rs), 1.0), k), _lbinom(O.sub(O.sub(M, rs), k),
                                                                   O.sub(n, k))),
              _lbinom(M, n))
    return O.where(O.eq(r, 0.0), O.where(O.eq(k, 0.0), O.full(k, 0.0), -INF), v)


def _nhg_factorial(j, M, n, r):  # E[(X)_j] = (n)_j r^(j) / (M - n + 1)^(j)  (JKK 6.2.2)
    return O.div(O.mul(_falling(n, j), _rising(r, j)), _rising(O.add(O.sub(M, n), 1.0), j))


def _nhg_mean(M, n, r):
    return O.div(O.mul(r, n), O.add(O.sub(M, n), 1.0))


def _nhg_var(M, n, r):
    # r (M + 1) n (M - n + 1 - r) / ((M - n + 1)^2 (M - n + 2)), from the factorial moments
    g = O.add(O.sub(M, n), 1.0)
    num = O.mul(O.mul(O.mul(r, O.add(M, 1.0)), n), O.sub(g, r))
    return O.div(num, O.mul(O.square(g), O.add(g, 1.0)))


def _nhg_entropy(M, n, r):
    """-sum pmf log pmf over mean +- (50 sd + 32) within [0, n]: the law is
    log-concave with tails no heavier than the geometric's, whose mass beyond
    50 sd is below e^-50; NaN where that window exceeds the static cap."""
    sd = O.sqrt(_nhg_var(M, n, r))
    radius = O.add(O.mul(50.0, sd), 32.0)
    return DS.entropy_around(_nhg_logpmf, (M, n, r), O.full(M, 0.0), n, _nhg_mean(M, n, r),
                             radius)


_NHG = _finite_dists(_nhg_logpmf, _nhg_support, _nhg_mean)
_NHG_M = _fact_moments(_nhg_factorial)

nhypergeom = Discrete(
    "nhypergeom", "negative hypergeometric distribution", shapes=("M", "n", "r"),
    support=_nhg_support,
    valid=lambda M, n, r: O.and_(O.and_(_int(M), _int(n)),
                                 O.and_(_int(r), O.and_(O.le(n, M), O.le(r, O.sub(M, n))))),
    logpmf=_nhg_logpmf, cdf=_NHG["cdf"], sf=_NHG["sf"], logcdf=_NHG["logcdf"],
    logsf=_NHG["logsf"],
    mean=_nhg_mean, var=_nhg_var, skew=_NHG_M["skew"], kurtosis=_NHG_M["kurtosis"],
    entropy=_nhg_entropy,
    example=(20.0, 7.0, 12.0),
)


# --- beta-negative-binomial ------------------------------------------------------------------------
def _bnb_logpmf(k, n, a, b):
    # C(n + k - 1, k) B(a + n, b + k) / B(a, b); n = 0 puts all mass at k = 0
    ns = O.where(O.eq(n, 0.0), 1.0, n)
    v = O.add(_lbinom(O.sub(O.add(ns, k), 1.0), k),
              O.sub(O.betaln(O.add(a, ns), O.add(b, k)), O.betaln(a, b)))
    return O.where(O.eq(n, 0.0), O.where(O.eq(k, 0.0), O.full(k, 0.0), -INF), v)


def _bnb_factorial(j, n, a, b):
    # E[(X)_j] = n^(j) b^(j) / ((a - 1) ... (a - j)) for a > j, inf otherwise: the
    # negative binomial's n^(j) ((1 - p)/p)^j averaged over p ~ Beta(a, b)
    den = _falling(O.sub(a, 1.0), j)
    v = O.div(O.mul(_rising(n, j), _rising(b, j)), den)
    return O.where(O.gt(a, float(j)), v, INF)


_BNB_M = _fact_moments(_bnb_factorial)


def _bnb_moment(which):
    order = {"mean": 1, "var": 2, "skew": 3, "kurtosis": 4}[which]

    def f(n, a, b):
        v = _BNB_M[which](n, a, b)
        return O.where(O.gt(a, float(order)), v, INF)  # scipy: inf where the moment diverges
    return f


def _bnb_sample(key, n, a, b, shape, dtype):
    # p ~ Beta(a, b), then a negative binomial(n, p): Poisson with a Gamma(n) (1-p)/p rate
    k1, k2, k3 = jr.fold_in(key, 1), jr.fold_in(key, 2), jr.fold_in(key, 3)
    p = jr.beta(k1, a, b, shape, dtype)
    ns = O.where(O.eq(n, 0.0), 1.0, n)
    rate = O.mul(jr.gamma(k2, ns, shape, dtype), O.div(O.sub(1.0, p), p))
    x = O.cast(jr.poisson(k3, rate, shape), rate)
    return O.where(O.eq(n, 0.0), 0.0, x)


def _bb_sum(count, big_n, al, be, grad):
    """sum_{j < count} BetaBinomial(j; big_n, al, be) (and, with grad, its
    derivatives in al and be: each term times its log-derivative, a digamma
    sum).  Chunks of _CHUNK terms, at most _MAX_CHUNKS of them: NaN where
    count exceeds _CHUNK * _MAX_CHUNKS = 65536."""
    offs = _offsets(count, _CHUNK)
    nn, cc = _lift(big_n, _CHUNK), _lift(count, _CHUNK)
    aa, bb = _lift(al, _CHUNK), _lift(be, _CHUNK)
    lnorm = _lift(O.betaln(al, be), _CHUNK)
    if grad:  # d/d al and d/d be of -betaln(al, be) - psi(big_n + al + be) terms
        dab = O.digamma(O.add(O.add(nn, aa), bb))
        dnorm = O.digamma(O.add(aa, bb))
        da0 = O.sub(dnorm, O.add(O.digamma(aa), dab))
        db0 = O.sub(dnorm, O.add(O.digamma(bb), dab))

    def body(_, carry):
        acc, pos = carry[0], carry[-1]
        j = O.add(_lift(pos, _CHUNK), offs)
        inside = O.lt(j, cc)
        jj = O.where(inside, j, 0.0)
        lbeta = O.betaln(O.add(jj, aa), O.add(O.sub(nn, jj), bb))
        lt = O.add(_lbinom(nn, jj), O.sub(lbeta, lnorm))
        t = O.where(inside, O.exp(lt), 0.0)
        out = [O.add(acc, _rsum(t))]
        if grad:
            ga = O.add(O.digamma(O.add(jj, aa)), da0)
            gb = O.add(O.digamma(O.add(O.sub(nn, jj), bb)), db0)
            out += [O.add(carry[1], _rsum(O.mul(t, ga))), O.add(carry[2], _rsum(O.mul(t, gb)))]
        return (*out, O.add(pos, float(_CHUNK)))

    zero = O.full(count, 0.0)
    init = (zero, zero, zero, zero) if grad else (zero, zero)
    out = bounded_while(lambda c: O.lt(c[-1], count), body, init, _MAX_CHUNKS)
    done = O.ge(out[-1], count)
    return tuple(O.nan_where(O.not_(done), v) for v in out[:-1])


@jax.custom_jvp
def _bb_lower(count, big_n, al, be):
    return _bb_sum(count, big_n, al, be, False)[0]


@_bb_lower.defjvp
def _bb_lower_jvp(primals, tangents):
    # count and big_n are integers (no derivative); the loop is not transposable, so
    # the tangent is formed outside it from the derivative sums (reverse mode works)
    v, da, db = _bb_sum(*primals, True)
    ta, tb = tangents[2:]  # (custom_jvp instantiates zero tangents)
    return v, O.add(O.mul(da, ta), O.mul(db, tb))


def _bnb_dists(k, n, a, b):
    """(cdf, sf) at integer k >= 0.

    Given p ~ Beta(a, b), X <= k exactly when a Binomial(n + k, p) count
    is >= n (the negative binomial / binomial duality, JKK 5.1), so
    averaging over p: sf(k) = P(Y <= n - 1) with Y ~ BetaBinomial(n + k, a, b),
    and cdf(k) = P(Y' <= k), Y' = n + k - Y ~ BetaBinomial(n + k, b, a).  The
    side with fewer terms (n, or k + 1) is summed (term by term from lgamma /
    betaln, so the small side keeps its relative accuracy in both tails) and
    the other is 1 minus it; NaN where min(n, k + 1) exceeds 65536 (_bb_sum).
    """
    use_sf = O.le(n, O.add(k, 1.0))
    count = O.where(use_sf, n, O.add(k, 1.0))
    al, be = O.where(use_sf, a, b), O.where(use_sf, b, a)
    acc = O.minimum(_bb_lower(count, O.add(n, k), al, be), 1.0)
    other = O.sub(1.0, acc)
    return O.where(use_sf, other, acc), O.where(use_sf, acc, other)


def _bnb_entropy(n, a, b):
    """-sum pmf log pmf: pmf(k) = C Gamma(n + k) Gamma(b + k) / (Gamma(k + 1)
    Gamma(a + b + n + k)), a power law k^-(a+1): direct terms, then the tail
    expansion (_discrete_sums.entropy_power_tail); NaN where a + b + n > 1024
    unless the tail past 16384 terms is negligible."""
    ns = O.where(O.eq(n, 0.0), 1.0, n)
    logc = O.sub(O.sub(O.lgamma(O.add(a, ns)), O.lgamma(ns)), O.betaln(a, b))
    gam = [(1, ns), (-1, O.full(n, 1.0)), (1, b), (-1, O.add(O.add(a, b), ns))]
    h = DS.entropy_power_tail(_bnb_logpmf, (ns, a, b), O.full(n, 0.0), logc, gam)
    return O.where(O.eq(n, 0.0), 0.0, h)


betanbinom = Discrete(
    "betanbinom", "beta-negative-binomial distribution", shapes=("n", "a", "b"),
    support=(0.0, INF),
    valid=lambda n, a, b: O.and_(_int(n), O.and_(O.gt(a, 0.0), O.gt(b, 0.0))),
    logpmf=_bnb_logpmf,
    cdf=lambda k, n, a, b: _bnb_dists(k, n, a, b)[0],
    sf=lambda k, n, a, b: _bnb_dists(k, n, a, b)[1],
    mean=_bnb_moment("mean"), var=_bnb_moment("var"), skew=_bnb_moment("skew"),
    kurtosis=_bnb_moment("kurtosis"), sample=_bnb_sample, entropy=_bnb_entropy,
    example=(5.0, 6.0, 2.5),
)


# --- power laws: zipf, zipfian ----------------------------------------------------------------------
_DIRECT = 16  # direct terms before Euler-Maclaurin
_EM_TERMS = 10  # Bernoulli terms B_2 .. B_20 (_discrete_sums.em_weight)


def _exprel(x):
    """(e^x - 1) / x, 1 at x = 0."""
    small = O.lt(O.absolute(x), 1e-8)
    xs = O.where(small, 1.0, x)
    return O.where(small, O.add(1.0, O.mul(0.5, x)), O.div(O.expm1(xs), xs))


def _powsum(lo, hi, a):
    """sum_{j=lo}^{hi} j^-a for integers 1 <= lo and hi (0 where hi < lo), any real a.

    _DIRECT terms from lo, then Euler-Maclaurin from m = lo + _DIRECT to hi
    (DLMF 2.10.1): the integral m^(1-a) log(hi/m) exprel((1-a) log(hi/m)),
    the end-point halves and B_{2i}/(2i)! (f^(2i-1)(hi) - f^(2i-1)(m)) for
    i = 1.._EM_TERMS (_discrete_sums.power_em_correction at m minus at hi).
    For a >= 0, f is completely monotone and the error is below the first
    omitted term, ~((a + 20)/(2 pi m))^20 (lo/m)^a relative: below 1e-16 for
    every a at m >= 17; for a < 0 (moments) f^(r) vanishes or decays as x^(-a-r).
    """
    offs = _offsets(lo, _DIRECT)
    j = O.add(_lift(lo, _DIRECT), offs)
    aa = _lift(a, _DIRECT)
    terms = O.where(O.le(j, _lift(hi, _DIRECT)), O.exp(O.mul(O.neg(aa), O.log(j))), 0.0)
    direct = _rsum(terms)
    m = O.add(lo, float(_DIRECT))
    use = O.ge(hi, m)
    h = O.where(use, hi, m)
    lr = O.log(O.div(h, m))
    lm, lh = O.log(m), O.log(h)
    fm, fh = O.exp(O.mul(O.neg(a), lm)), O.exp(O.mul(O.neg(a), lh))
    integral = O.mul(O.mul(O.exp(O.mul(O.sub(1.0, a), lm)), lr),
                     _exprel(O.mul(O.sub(1.0, a), lr)))
    em = O.add(integral, O.mul(0.5, O.add(fm, fh)))
    em = O.add(em, O.sub(DS.power_em_correction(a, lm, _EM_TERMS),
                         DS.power_em_correction(a, lh, _EM_TERMS)))
    return O.add(direct, O.where(use, em, 0.0))


@jax.custom_jvp
def _zeta(a, q):
    """Hurwitz zeta(a, q), with derivatives in both arguments (special.zeta has
    none in a)."""
    return L.zeta(a, q, continued=False)


def _zeta_da(a, q):
    """d zeta(a, q) / da = -sum_j log(j + q) (j + q)^-a for q >= 1, a > 1: _DIRECT
    direct terms, then the derivative in a of the Euler-Maclaurin tail (DLMF 2.10.1)
    at M = q + _DIRECT (_discrete_sums.hurwitz_em with _EM_TERMS corrections).  As
    in _powsum the first omitted term is ~((a + 20)/(2 pi M))^20 relative to the tail."""
    offs = _offsets(q, _DIRECT)
    j = O.add(_lift(q, _DIRECT), offs)
    lj = O.log(j)
    direct = _rsum(O.mul(lj, O.exp(O.mul(O.neg(_lift(a, _DIRECT)), lj))))
    _, dtail = DS.hurwitz_em(a, O.add(q, float(_DIRECT)), _EM_TERMS)
    return O.sub(dtail, direct)


@_zeta.defjvp
def _zeta_jvp(primals, tangents):
    a, q = primals
    ta, tq = tangents
    dq = O.mul(O.neg(a), _zeta(O.add(a, 1.0), q))  # d zeta / dq = -a zeta(a + 1, q)
    return _zeta(a, q), O.add(O.mul(_zeta_da(a, q), ta), O.mul(dq, tq))


_CDF_DIRECT = 64  # zipf/logser cdf: direct sum of the first terms up to k = 64


def _zipf_cdf(k, a):
    # k <= 64: sum_{j<=k} j^-a / zeta(a) directly (relative accuracy where the cdf is small)
    j = O.add(_offsets(k, _CDF_DIRECT), 1.0)
    aa = _lift(a, _CDF_DIRECT)
    t = O.where(O.le(j, _lift(k, _CDF_DIRECT)), O.exp(O.mul(O.neg(aa), O.log(j))), 0.0)
    z = _zeta(a, O.full(a, 1.0))
    direct = O.div(_rsum(t), z)
    return O.where(O.le(k, float(_CDF_DIRECT)), direct,
                   O.sub(1.0, O.div(_zeta(a, O.add(k, 1.0)), z)))


def _zipf_moment(which):
    """Raw moments zeta(a - j) / zeta(a) (a > j + 1); scipy's inf/NaN where they diverge."""
    def raw(a, j):
        ok = O.gt(a, float(j + 1))
        return O.div(_zeta(O.where(ok, O.sub(a, float(j)), 2.0), O.full(a, 1.0)),
                     _zeta(a, O.full(a, 1.0)))

    def f(a):
        m1 = raw(a, 1)
        if which == "mean":
            return O.where(O.gt(a, 2.0), m1, INF)
        m2 = raw(a, 2)
        var = O.sub(m2, O.square(m1))
        if which == "var":
            return O.where(O.gt(a, 3.0), var, INF)
        m3 = raw(a, 3)
        c3 = O.add(O.sub(m3, O.mul(3.0, O.mul(m1, m2))), O.mul(2.0, O.mul(m1, O.square(m1))))
        if which == "skew":
            v = O.div(c3, O.power(var, 1.5))
            return O.where(O.gt(a, 4.0), v, O.where(O.gt(a, 3.0), O.full(a, INF), NAN))
        m4 = raw(a, 4)
        c4 = O.add(O.sub(m4, O.mul(4.0, O.mul(m1, m3))), O.mul(6.0, O.mul(O.square(m1), m2)))
        c4 = O.sub(c4, O.mul(3.0, O.square(O.square(m1))))
        v = O.sub(O.div(c4, O.square(var)), 3.0)
        return O.where(O.gt(a, 5.0), v, O.where(O.gt(a, 4.0), O.full(a, INF), NAN))
    return f


def _zipf_entropy(a):
    """H = log zeta(a) - a zeta'(a) / zeta(a) (-zeta' = sum_k k^-a log k): no
    summation beyond the zeta function's own Euler-Maclaurin.  log zeta(a) is
    log1p(zeta(a, 2)), accurate where zeta(a) - 1 is tiny (large a)."""
    z1 = _zeta(a, O.full(a, 2.0))
    return O.sub(O.log1p(z1), O.div(O.mul(a, _zeta_da(a, O.full(a, 1.0))), O.add(z1, 1.0)))


zipf = Discrete(
    "zipf", "Zipf (zeta) distribution", shapes=("a",), support=(1.0, INF),
    valid=lambda a: O.gt(a, 1.0),
    logpmf=lambda k, a: O.neg(O.add(O.mul(a, O.log(k)), O.log(_zeta(a, O.full(a, 1.0))))),
    cdf=_zipf_cdf,
    sf=lambda k, a: O.div(_zeta(a, O.add(k, 1.0)), _zeta(a, O.full(a, 1.0))),
    logsf=lambda k, a: O.sub(O.log(_zeta(a, O.add(k, 1.0))), O.log(_zeta(a, O.full(a, 1.0)))),
    mean=_zipf_moment("mean"), var=_zipf_moment("var"), skew=_zipf_moment("skew"),
    kurtosis=_zipf_moment("kurtosis"), entropy=_zipf_entropy,
    example=(3.0,),
)


def _harm(k, a):
    return _powsum(O.full(k, 1.0), k, a)


def _powsum_log(lo, hi, a):
    """sum_{j=lo}^{hi} j^-a log j = -d/da _powsum(lo, hi, a), the derivative taken
    through _powsum's direct terms and Euler-Maclaurin formula (elementwise in a,
    so the gradient of the sum is the elementwise derivative)."""
    return O.neg(jax.grad(lambda b: L.reduce_sum(_powsum(lo, hi, b),
                                                 tuple(range(len(_util.shape(b))))))(a))


def _zipfian_entropy(a, n):
    """H = log H(n, a) + a sum_{k<=n} k^-a log k / H(n, a), H(n, a) = sum_{k<=n} k^-a."""
    h = _harm(n, a)
    return O.add(O.log(h), O.div(O.mul(a, _powsum_log(O.full(n, 1.0), n, a)), h))


def _zipfian_moment(which):
    def f(a, n):
        h = _harm(n, a)
        return _from_central_raw([O.div(_harm(n, O.sub(a, float(j))), h) for j in (1, 2, 3, 4)],
                                 which)
    return f


def _from_central_raw(m, which):
    """Mean, variance, skewness, excess kurtosis from raw moments m = [m1..m4]."""
    m1, m2 = m[0], m[1]
    if which == "mean":
        return m1
    var = O.sub(m2, O.square(m1))
    if which == "var":
        return var
    c3 = O.add(O.sub(m[2], O.mul(3.0, O.mul(m1, m2))), O.mul(2.0, O.mul(m1, O.square(m1))))
    if which == "skew":
        return O.div(c3, O.power(var, 1.5))
    c4 = O.add(O.sub(m[3], O.mul(4.0, O.mul(m1, m[2]))), O.mul(6.0, O.mul(O.square(m1), m2)))
    c4 = O.sub(c4, O.mul(3.0, O.square(O.square(m1))))
    return O.sub(O.div(c4, O.square(var)), 3.0)


zipfian = Discrete(
    "zipfian", "Zipfian (truncated power law) distribution", shapes=("a", "n"),
    support=lambda a, n: (O.full(n, 1.0), n),
    valid=lambda a, n: O.and_(O.ge(a, 0.0), O.and_(O.ge(n, 1.0), O.is_integer(n))),
    logpmf=lambda k, a, n: O.neg(O.add(O.mul(a, O.log(k)), O.log(_harm(n, a)))),
    cdf=lambda k, a, n: O.div(_harm(k, a), _harm(n, a)),
    sf=lambda k, a, n: O.div(_powsum(O.add(k, 1.0), n, a), _harm(n, a)),
    mean=_zipfian_moment("mean"), var=_zipfian_moment("var"), skew=_zipfian_moment("skew"),
    kurtosis=_zipfian_moment("kurtosis"), entropy=_zipfian_entropy,
    example=(1.2, 10.0),
)


# --- logarithmic series -------------------------------------------------------------------------
_GEOM_TERMS = 64  # p <= 1/2: the series tail after 64 terms is below 2^-63 relative


def _logser_tail(s, p):
    """sum_{j >= s} p^j / j for integers s >= 1 and 0 < p < 1.

    p <= 1/2: p^s sum_{i < 64} p^i / (s + i).  p > 1/2 (t = -log p < log 2):
    _DIRECT terms, then Euler-Maclaurin for f(x) = e^(-t x) / x from
    m = s + _DIRECT (DLMF 2.10.1): E1(t m) + f(m)/2 - sum B_{2i}/(2i)! f^(2i-1)(m)
    with f^(r)(x) = e^(-t x) sum_l C(r, l) (-t)^(r-l) (-1)^l l! x^(-1-l); f is
    completely monotone, so the error is below the first omitted term,
    ~((t + 1/m) / (2 pi))^22 < 1e-19 relative.
    """
    from ..special.expint import exp1
    lp = O.log(p)
    # geometric branch
    ps = O.minimum(p, 0.5)
    offs = _offsets(s, _GEOM_TERMS)
    j = O.add(_lift(s, _GEOM_TERMS), offs)
    geo = _rsum(O.exp(O.sub(O.mul(j, _lift(O.log(ps), _GEOM_TERMS)), O.log(j))))
    # Euler-Maclaurin branch
    t = O.neg(O.log(O.maximum(p, 0.5)))
    offs = _offsets(s, _DIRECT)
    j = O.add(_lift(s, _DIRECT), offs)
    direct = _rsum(O.exp(O.sub(O.mul(O.neg(_lift(t, _DIRECT)), j), O.log(j))))
    m = O.add(s, float(_DIRECT))
    em = O.add(exp1(O.mul(t, m)), O.mul(0.5, O.exp(O.sub(O.mul(O.neg(t), m), O.log(m)))))
    for i in range(1, _EM_TERMS + 1):
        r = 2 * i - 1
        d = O.full(m, 0.0)
        for l_ in range(r + 1):  # C(r, l) (-t)^(r-l) (-1)^l l! x^(-1-l)
            c = math.comb(r, l_) * math.factorial(l_) * (-1.0) ** r
            term = O.mul(c, O.exp(O.sub(O.mul(float(r - l_), O.log(t)),
                                        O.mul(float(1 + l_), O.log(m)))))
            d = O.add(d, term)
        d = O.mul(d, O.exp(O.mul(O.neg(t), m)))
        em = O.sub(em, O.mul(DS.em_weight(i), d))
    return O.where(O.le(p, 0.5), geo, O.add(direct, em)), lp


def _logser_norm(p):
    return O.neg(O.log1p(O.neg(p)))  # -log(1 - p) = sum_j p^j / j


def _logser_sf(k, p):
    return O.div(_logser_tail(O.add(k, 1.0), p)[0], _logser_norm(p))


def _logser_cdf(k, p):
    j = O.add(_offsets(k, _CDF_DIRECT), 1.0)
    pp = _lift(p, _CDF_DIRECT)
    t = O.where(O.le(j, _lift(k, _CDF_DIRECT)), O.exp(O.sub(O.mul(j, O.log(pp)), O.log(j))), 0.0)
    direct = O.div(_rsum(t), _logser_norm(p))
    return O.where(O.le(k, float(_CDF_DIRECT)), direct, O.sub(1.0, _logser_sf(k, p)))


_LOGSER_SERIES = 64   # p <= 1/2: the omitted p^65 log 65 / 65 / (1 - p) < 1e-19 relative
_LOGSER_NODES = 640   # trapezoid nodes of the Frullani integral (step <= 0.13)


def _logser_sum_logk(p):
    """S = sum_{k >= 2} p^k log k / k.

    p <= 1/2: the first 64 terms.  p > 1/2: Frullani's log k = int_0^inf
    (e^-u - e^-ku) du/u summed under the integral,
    S = int_0^inf [e^-u L(p) - L(p e^-u)] du/u with L(x) = -log(1 - x), taken
    over v = log u by the trapezoid rule on [log(1 - p) - 42, 4] (the
    integrand decays like e^v below, double-exponentially above: both ends
    leave less than 1e-18).  The integrand is analytic in |Im v| < pi/2, so
    the rule's error is ~exp(-pi^2 / step) < 1e-30 (Trefethen & Weideman 2014).
    """
    # series branch
    ps = O.minimum(p, 0.5)
    k = O.add(DS.offsets(p, _LOGSER_SERIES), 2.0)
    lk = O.log(k)
    series = DS.rsum(O.exp(O.add(O.mul(k, DS.lift(O.log(ps), _LOGSER_SERIES)),
                                 O.sub(O.log(lk), lk))))
    # Frullani branch
    pf = O.maximum(p, 0.5)
    q = O.sub(1.0, pf)
    lq = O.log(q)
    big_l = O.neg(lq)
    v_lo = O.sub(lq, 42.0)
    h = O.div(O.sub(4.0, v_lo), float(_LOGSER_NODES - 1))
    v = O.add(DS.lift(v_lo, _LOGSER_NODES), O.mul(DS.offsets(p, _LOGSER_NODES),
                                                   DS.lift(h, _LOGSER_NODES)))
    u = O.exp(v)
    pl, ll, ql = (DS.lift(x, _LOGSER_NODES) for x in (pf, big_l, q))
    em1 = O.expm1(O.neg(u))
    # u <= 1: L(p) - L(p e^-u) = log1p(-p expm1(-u) / (1 - p)), plus expm1(-u) L(p);
    # u > 1: e^-u L(p) + log1p(-p e^-u) (no cancellation on either side)
    small = O.add(O.log1p(O.div(O.mul(O.neg(pl), em1), ql)), O.mul(em1, ll))
    eu = O.exp(O.neg(u))
    large = O.add(O.mul(eu, ll), O.log1p(O.neg(O.mul(pl, eu))))
    g = O.where(O.le(u, 1.0), small, large)
    frullani = O.mul(DS.rsum(g), h)  # (end-point halves: both ends below 1e-18)
    return O.where(O.le(p, 0.5), series, frullani)


def _logser_entropy(p):
    """H = log L - E[K] log p + E[log K], L = -log(1 - p), E[K] = p / ((1 - p) L),
    E[log K] = S / L (S from _logser_sum_logk)."""
    big_l = _logser_norm(p)
    mean = O.div(p, O.mul(O.sub(1.0, p), big_l))
    return O.add(O.sub(O.log(big_l), O.mul(mean, O.log(p))),
                 O.div(_logser_sum_logk(p), big_l))


def _logser_moment(which):
    """Raw moments E X^j = Li_{1-j}(p) / -log(1-p): p/(1-p), p/(1-p)^2,
    p(1+p)/(1-p)^3, p(1+4p+p^2)/(1-p)^4 (JKK 7.1.3)."""
    def f(p):
        q = O.sub(1.0, p)
        c = O.div(p, _logser_norm(p))
        m = [O.div(c, q), O.div(c, O.square(q)), O.div(O.mul(c, O.add(1.0, p)), O.power(q, 3.0)),
             O.div(O.mul(c, O.polyval([1.0, 4.0, 1.0], p)), O.square(O.square(q)))]
        return _from_central_raw(m, which)
    return f


logser = Discrete(
    "logser", "logarithmic series distribution", shapes=("p",), support=(1.0, INF),
    valid=lambda p: O.and_(O.gt(p, 0.0), O.lt(p, 1.0)),
    logpmf=lambda k, p: O.sub(O.sub(O.mul(k, O.log(p)), O.log(k)), O.log(_logser_norm(p))),
    cdf=_logser_cdf, sf=_logser_sf,
    mean=_logser_moment("mean"), var=_logser_moment("var"), skew=_logser_moment("skew"),
    kurtosis=_logser_moment("kurtosis"), entropy=_logser_entropy,
    example=(0.6,),
)


# --- Yule-Simon ----------------------------------------------------------------------------------
def _ys_logsf(k, alpha):  # P(X > k) = k B(k, alpha + 1)
    return O.add(O.log(k), L.betaln(k, O.add(alpha, 1.0)))


def _ys_moment(which):
    def f(al):
        if which == "mean":
            return O.where(O.gt(al, 1.0), O.div(al, O.sub(al, 1.0)), INF)
        if which == "var":
            v = O.div(O.square(al), O.mul(O.square(O.sub(al, 1.0)), O.sub(al, 2.0)))
            return O.where(O.gt(al, 2.0), v, O.where(O.gt(al, 1.0), O.full(al, INF), NAN))
        if which == "skew":
            v = O.div(O.mul(O.sqrt(O.sub(al, 2.0)), O.square(O.add(al, 1.0))),
                      O.mul(al, O.sub(al, 3.0)))
            return O.where(O.gt(al, 3.0), v, O.where(O.gt(al, 2.0), O.full(al, INF), NAN))
        num = O.sub(O.sub(O.mul(11.0, O.power(al, 3.0)), O.mul(49.0, al)), 22.0)
        v = O.add(O.add(al, 3.0), O.div(num, O.mul(O.mul(al, O.sub(al, 4.0)), O.sub(al, 3.0))))
        return O.where(O.gt(al, 4.0), v, O.where(O.gt(al, 2.0), O.full(al, INF), NAN))
    return f


def _ys_entropy(al):
    """-sum pmf log pmf: pmf(k) = alpha Gamma(alpha + 1) Gamma(k) / Gamma(k + alpha + 1),
    direct terms then the power-law tail expansion (_discrete_sums.entropy_power_tail)."""
    one = O.full(al, 1.0)
    logc = O.add(O.log(al), O.lgamma(O.add(al, 1.0)))
    gam = [(1, O.full(al, 0.0)), (-1, O.add(al, 1.0))]
    terms = lambda k, al_: O.add(O.add(O.log(al_), O.lgamma(O.add(al_, 1.0))),  # noqa: E731
                                 O.sub(O.lgamma(k), O.lgamma(O.add(k, O.add(al_, 1.0)))))
    return DS.entropy_power_tail(terms, (al,), one, logc, gam)


def _ys_logpmf(k, al):
    return O.add(O.log(al), L.betaln(k, O.add(al, 1.0)))


yulesimon = Discrete(
    "yulesimon", "Yule-Simon distribution", shapes=("alpha",), support=(1.0, INF),
    valid=lambda al: O.gt(al, 0.0),
    logpmf=_ys_logpmf, entropy=_ys_entropy,
    logsf=_ys_logsf, sf=lambda k, al: O.exp(_ys_logsf(k, al)),
    cdf=lambda k, al: O.neg(O.expm1(_ys_logsf(k, al))),
    logcdf=lambda k, al: O.log1mexp(_ys_logsf(k, al)),
    mean=_ys_moment("mean"), var=_ys_moment("var"), skew=_ys_moment("skew"),
    kurtosis=_ys_moment("kurtosis"),
    example=(2.5,),
)


TABLE = {d.name: d for d in (betanbinom, hypergeom, logser, nhypergeom, yulesimon, zipf,
                             zipfian)}
NAMESPACES = {name: build(d) for name, d in TABLE.items()}
