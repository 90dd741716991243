"""Continuous laws, part B: extreme-value, power, bounded and other shapes.

One :class:`~._distn.Continuous` entry per distribution, on the standardized
variable ``z`` (the base in ``_distn.py`` applies loc/scale, the support, NaN
for invalid parameters and the fallbacks).  Formulas are the textbook ones
(Johnson, Kotz & Balakrishnan, "Continuous Univariate Distributions",
1994/95; Kotz & Nadarajah, "Extreme Value Distributions", 2000), written for
stability: survival functions directly, log1p/expm1 near 0 and 1, the
logarithm of a distribution function from its own closed form.

Several laws are transformations of one core, so one set of functions serves
them: ``mielke(k, s)`` is ``burr(c=s, d=k/s)``, ``kappa3(a)`` is
``a^(1/a) * burr(c=a, d=1/a)``, and the log of a ``burr12`` variate to the
power c is exponential.
"""

from __future__ import annotations

import dataclasses
import math

from ... import lax as _L
from . import _ops as O
from . import _special as S
from ._distn import Continuous, build

__all__: list[str] = []  # distributions are published through NAMESPACES

PI = math.pi
INF = math.inf
NAN = math.nan
EULER = O.EULER
_ZETA3 = 1.2020569031595942854


# --- shared helpers ------------------------------------------------------------------------
def _const(v):
    return lambda *s: v


def _pos(*s):
    out = O.gt(s[0], 0.0)
    for p in s[1:]:
        out = O.and_(out, O.gt(p, 0.0))
    return out


def _log1p_over(c, t):
    """log1p(c t) / c with its limit t at c = 0 (c t clamped to >= -1)."""
    cs = O.where(O.eq(c, 0.0), O.full(c, 1.0), c)
    ct = O.maximum(O.mul(cs, t), -1.0)
    return O.where(O.eq(c, 0.0), t, O.div(O.log1p(ct), cs))


def _expm1_over(c, t):
    """expm1(c t) / c with its limit t at c = 0."""
    cs = O.where(O.eq(c, 0.0), O.full(c, 1.0), c)
    return O.where(O.eq(c, 0.0), t, O.div(O.expm1(O.mul(cs, t)), cs))


def _softplus(z):
    return O.add(O.maximum(z, 0.0), O.log1p(O.exp(O.neg(O.absolute(z)))))


def _neglog_q(q):
    """-log(q)."""
    return O.neg(O.log(q))


def _neglog_1mq(q):
    """-log(1 - q)."""
    return O.neg(O.log1p(O.neg(q)))


def _central(raw):
    """(mean, var, skew, excess kurtosis) from raw moments m1..m4 (arrays)."""
    m1, m2, m3, m4 = raw
    var = O.sub(m2, O.square(m1))
    c3 = O.add(O.sub(m3, O.mul(3.0, O.mul(m1, m2))), O.mul(2.0, O.mul(m1, O.square(m1))))
    c4 = O.sub(O.add(O.sub(m4, O.mul(4.0, O.mul(m1, m3))), O.mul(6.0, O.mul(O.square(m1), m2))),
               O.mul(3.0, O.square(O.square(m1))))
    return m1, var, O.div(c3, O.power(var, 1.5)), O.sub(O.div(c4, O.square(var)), 3.0)


def _moments(raw_fn, exists=None, style="nan"):
    """mean/var/skew/kurtosis entries from ``raw_fn(n, *s)`` = E[Z^n], n = 1..4.

    ``exists(n, *s)`` says where E[Z^n] is finite.  Where it is not, ``style``
    follows scipy: "nan" gives NaN for every moment that needs it; "generic"
    gives what scipy's moment-based fallback gives (mean, var: inf; skew: inf
    where the variance is finite, else NaN; kurtosis likewise one order up).
    """
    def entry(i):
        def f(*s):
            vals = _central([raw_fn(n, *s) for n in (1, 2, 3, 4)])
            v = vals[i]
            if exists is None:
                return v
            ok = exists(i + 1, *s)
            if style == "nan" or i == 0:
                return O.where(ok, v, NAN if style == "nan" else INF)
            if i == 1:
                return O.where(ok, v, INF)
            prev = exists(i, *s)  # one order lower
            return O.where(ok, v, O.where(prev, O.full(v, INF), NAN))
        return f
    return {k: entry(i) for i, k in enumerate(("mean", "var", "skew", "kurtosis"))}


def _vanish(logpdf):
    """logpdf with -inf at z = +-inf (where formulas meet inf - inf): every density
    here vanishes at an infinite end of its support (z is finite on a bounded one)."""
    return lambda z, *s: O.where(O.isfinite(z), logpdf(z, *s), -INF)


def _lbeta(a, b):
    return O.betaln(a, b)


# --- generalized extreme value -------------------------------------------------------------
def _zeta_int(k):
    """zeta(k) for an integer k >= 2, in Python floats: the first 20 terms plus the
    Euler-Maclaurin tail (Abramowitz & Stegun 23.1.30) to the B_8 term; the
    remainder is below 1e-19 for every k >= 2."""
    n = 20
    s = math.fsum(j ** -k for j in range(1, n))
    tail = n ** (1 - k) / (k - 1) + 0.5 * n ** -k
    bern = (1 / 6, -1 / 30, 1 / 42, -1 / 30)  # B_2, B_4, B_6, B_8
    rising = 1.0
    for i, b in enumerate(bern):
        p = 2 * i + 1  # derivative order
        rising = math.prod(k + j for j in range(p))
        tail += b / math.factorial(p + 1) * rising * n ** (-k - p)
    return s + tail


# lgamma(1 + x) = -gamma x + sum_{k>=2} (-1)^k zeta(k) x^k / k  (DLMF 5.7.3), |x| < 1.
# _lg1 uses the first 48 terms for |x| <= 0.4 (remainder below 0.4^48 / 48 < 1e-20); the
# GEV moment series below need the coefficients further.
_LG1_TERMS = 190
_LG1 = [(-1) ** k * _zeta_int(k) / k for k in range(2, _LG1_TERMS + 1)]
_GEV_SERIES_C = 0.2  # |c| below this: the moment series (_gev_series)


def _lg1(x):
    """lgamma(1 + x), relatively accurate near x = 0 (the series there)."""
    xs = O.clip(x, -0.4, 0.4)
    series = O.mul(xs, O.add(O.mul(xs, O.polyval(_LG1[:47][::-1], xs)), -EULER))
    return O.where(O.le(O.absolute(x), 0.4), series, O.lgamma(O.add(x, 1.0)))


def _gev_series():
    """Power series in c of P_n(c) = mu_n(W) / (E[W]^n c^n), n = 2, 3, 4, where
    mu_n(W) = sum_j C(n, j) (-1)^(n-j) exp(A_j(c)) and
    A_j(c) = lgamma(1 + j c) - j lgamma(1 + c) = sum_{k>=2} a_k (j^k - j) c^k.
    exp of a power series by its recurrence (E_m = (1/m) sum_k k A_k E_(m-k));
    the coefficients of c^m, m < n, vanish exactly and are set to 0, so no
    cancellation is left for the arrays.  The series converge for |c| < 1/4 (the
    pole of Gamma(1 + 4c)); used for |c| < 0.2 with 180 terms, the remainder is
    below ~0.8^180 < 1e-17 of the sum."""
    nterms = 180
    exps = {}
    for j in range(5):
        a = [0.0, 0.0] + [_LG1[k - 2] * (j ** k - j) for k in range(2, nterms + 4)]
        e = [1.0]
        for m in range(1, nterms + 4):
            e.append(math.fsum(k * a[k] * e[m - k] for k in range(1, m + 1)) / m)
        exps[j] = e
    out = {}
    for n in (2, 3, 4):
        coef = [math.fsum(math.comb(n, j) * (-1) ** (n - j) * exps[j][m] for j in range(n + 1))
                for m in range(n, n + nterms)]
        out[n] = coef  # P_n(c) = sum_i coef[i] c^i
    return out


_GEV_P = _gev_series()


def _gev_p(n, c):
    """P_n(c) = mu_n(W) / (E[W]^n c^n) (see _gev_series); from lgamma for |c| >= 0.2
    (there the differences of lgamma values cost up to ~1e-11 relative in the kurtosis)."""
    # float32: 50 terms (coefficients below 1e32, no overflow) for |c| < 0.1, where
    # the remainder is below 0.4^50 < 1e-19
    cut, nt = (0.1, 50) if O.is_f32(c) else (_GEV_SERIES_C, len(_GEV_P[n]))
    cs = O.clip(c, -cut, cut)
    series = O.polyval(_GEV_P[n][:nt][::-1], cs)
    lg1 = O.lgamma(O.add(c, 1.0))
    e = {j: O.expm1(O.sub(O.lgamma(O.add(O.mul(float(j), c), 1.0)), O.mul(float(j), lg1)))
         for j in (2, 3, 4)}
    mu = {2: e[2], 3: O.sub(e[3], O.mul(3.0, e[2])),
          4: O.add(O.sub(e[4], O.mul(4.0, e[3])), O.mul(6.0, e[2]))}[n]
    cn = O.power(O.where(O.eq(c, 0.0), O.full(c, 1.0), c), float(n))
    return O.where(O.lt(O.absolute(c), cut), series, O.div(mu, cn))


def _gev_moment(which):
    """Moments of Z = (1 - W)/c, W = exp(-c t), t Gumbel, E[W^j] = Gamma(1 + j c):
    mean (1 - Gamma(1 + c))/c, var Gamma(1 + c)^2 P_2, skew -P_3 / P_2^1.5,
    kurtosis P_4 / P_2^2 - 3 (P_n: _gev_p), continuous through c = 0 (Gumbel).
    NaN where the moment does not exist (c <= -1/n), as scipy."""
    def f(c):
        if which == "mean":
            cs = O.where(O.eq(c, 0.0), O.full(c, 1.0), c)
            v = O.where(O.eq(c, 0.0), EULER, O.div(O.neg(O.expm1(_lg1(c))), cs))
            ok = O.gt(c, -1.0)
        elif which == "var":
            v = O.mul(O.exp(O.mul(2.0, _lg1(c))), _gev_p(2, c))
            ok = O.gt(c, -0.5)
        elif which == "skew":
            v = O.neg(O.div(_gev_p(3, c), O.power(_gev_p(2, c), 1.5)))
            ok = O.gt(c, -1 / 3)
        else:
            v = O.sub(O.div(_gev_p(4, c), O.square(_gev_p(2, c))), 3.0)
            ok = O.gt(c, -0.25)
        return O.where(ok, v, NAN)
    return f


def _gev_t(z, c):
    """t = -log1p(-c z)/c (z at c = 0): the Gumbel variable of a GEV variate."""
    return _log1p_over(O.neg(c), z)


def _gev_logpdf(z, c):
    t = _gev_t(z, c)
    body = O.sub(O.neg(O.mul(O.sub(1.0, c), t)), O.exp(O.neg(t)))
    # end points: t = -inf (c < 0, lower end): density 0; t = +inf (c > 0, upper end):
    # 0 for c < 1, 1 at c = 1 and (as scipy) 0 for c > 1
    body = O.where(O.eq(t, -INF), -INF, body)
    return O.where(O.eq(t, INF), O.where(O.eq(c, 1.0), O.full(c, 0.0), -INF), body)


genextreme = Continuous(
    "genextreme", "generalized extreme value distribution", shapes=("c",),
    support=lambda c: (O.where(O.lt(c, 0.0), O.div(1.0, c), -INF),
                       O.where(O.gt(c, 0.0), O.div(1.0, c), INF)),
    valid=lambda c: O.isfinite(c),
    logpdf=_gev_logpdf,
    cdf=lambda z, c: O.exp(O.neg(O.exp(O.neg(_gev_t(z, c))))),
    logcdf=lambda z, c: O.neg(O.exp(O.neg(_gev_t(z, c)))),
    sf=lambda z, c: O.neg(O.expm1(O.neg(O.exp(O.neg(_gev_t(z, c)))))),
    logsf=lambda z, c: O.log1mexp(O.neg(O.exp(O.neg(_gev_t(z, c))))),
    # t = -log(-log q) is Gumbel's quantile; z = (1 - exp(-c t)) / c
    ppf=lambda q, c: _expm1_over(O.neg(c), O.neg(O.log(_neglog_q(q)))),
    isf=lambda q, c: _expm1_over(O.neg(c), O.neg(O.log(_neglog_1mq(q)))),
    mean=_gev_moment("mean"), var=_gev_moment("var"), skew=_gev_moment("skew"),
    kurtosis=_gev_moment("kurtosis"),
    entropy=lambda c: O.add(O.mul(EULER, O.sub(1.0, c)), 1.0),
    example=(0.3,),
)


# --- four-parameter kappa (Hosking 1994): GEV in t, generalized logistic in h ------------------
def _k4_logcdf(z, h, k):
    """F = (1 - h (1 - k z)^(1/k))^(1/h); with t = -log1p(-k z)/k (the GEV's
    Gumbel variable) log F = log1p(-h e^-t)/h, each with its 0 limit."""
    return _log1p_over(h, O.neg(O.exp(O.neg(_gev_t(z, k)))))


def _k4_logpdf(z, h, k):
    """log f = (1/h - 1) log1p(-h e^-t) - (1 - k) t; at h = 0 the first term is
    -e^-t, at h = 1 it is 0 (also at the lower end, where the log is -inf)."""
    t = _gev_t(z, k)
    e = O.exp(O.neg(t))
    hs = O.where(O.eq(h, 0.0), O.full(h, 1.0), h)
    first = O.mul(O.div(O.sub(1.0, hs), hs), O.log1p(O.neg(O.mul(hs, e))))
    first = O.where(O.eq(h, 0.0), O.neg(e), O.where(O.eq(h, 1.0), O.full(h, 0.0), first))
    v = O.sub(first, O.mul(O.sub(1.0, k), t))
    # t = -inf (lower end, h <= 0): density 0
    return O.where(O.eq(t, -INF), -INF, v)


def _k4_quantile(logp, h, k):
    """z with log F(z) = logp: e^-t = (1 - p^h)/h (-log p at h = 0), z = (1 - e^(-k t))/k."""
    w = O.neg(_expm1_over(h, logp))
    return _expm1_over(O.neg(k), O.neg(O.log(w)))


def _k4_support(h, k):
    lo = O.where(O.gt(h, 0.0), _expm1_over(O.neg(k), O.log(O.where(O.gt(h, 0.0), h, 1.0))),
                 O.where(O.lt(k, 0.0), O.div(1.0, k), -INF))
    hi = O.where(O.gt(k, 0.0), O.div(1.0, k), INF)
    return lo, hi


def _k4_has_moment(r, h, k):
    """Moment r is finite (as scipy counts): r < floor(-k/h) for h < 0 <= k, r < floor(-1/k)
    for k < 0, every r otherwise (the tails are then exponential or bounded)."""
    first = O.and_(O.lt(h, 0.0), O.ge(k, 0.0))
    limit = O.where(first, O.div(O.neg(k), h), O.where(O.lt(k, 0.0), O.div(-1.0, k), INF))
    return O.le(float(r + 1), limit)


kappa4 = Continuous(
    "kappa4", "four-parameter kappa distribution", shapes=("h", "k"), support=_k4_support,
    valid=lambda h, k: O.and_(O.isfinite(h), O.isfinite(k)),
    logpdf=_k4_logpdf, logcdf=_k4_logcdf,
    cdf=lambda z, h, k: O.exp(_k4_logcdf(z, h, k)),
    sf=lambda z, h, k: O.neg(O.expm1(_k4_logcdf(z, h, k))),
    logsf=lambda z, h, k: O.log1mexp(_k4_logcdf(z, h, k)),
    ppf=lambda q, h, k: _k4_quantile(O.log(q), h, k),
    isf=lambda q, h, k: _k4_quantile(O.log1p(O.neg(q)), h, k),
    has_moment=_k4_has_moment,  # moments by quadrature (_quadrature)
    example=(0.5, 0.3),
)


# --- Burr family ---------------------------------------------------------------------------
def _burr_logcdf(z, c, d):
    """-d log(1 + z^-c), from whichever of z^-c, z^c does not overflow."""
    lz = O.log(z)
    big = O.gt(z, 1.0)
    up = O.log1p(O.exp(O.neg(O.mul(c, O.where(big, lz, O.full(lz, 0.0))))))
    down = O.sub(O.log1p(O.exp(O.mul(c, O.where(big, O.full(lz, 0.0), lz)))), O.mul(c, lz))
    return O.neg(O.mul(d, O.where(big, up, down)))


def _burr_logpdf(z, c, d):
    # log(c d) + (c d - 1) log z - (d + 1) log1p(z^c)
    lz = O.log(z)
    v = O.sub(O.add(O.log(O.mul(c, d)), O.mul(O.sub(O.mul(c, d), 1.0), lz)),
              O.mul(O.add(d, 1.0), _softplus(O.mul(c, lz))))
    return O.where(O.eq(z, 0.0), O.where(O.lt(O.mul(c, d), 1.0), INF,
                                         O.where(O.eq(O.mul(c, d), 1.0), O.log(O.mul(c, d)), -INF)),
                   v)


def _burr_ppf(q, c, d):
    # z = (q^(-1/d) - 1)^(-1/c)
    return O.power(O.expm1(O.div(_neglog_q(q), d)), O.div(-1.0, c))


def _burr_isf(q, c, d):
    return O.power(O.expm1(O.div(_neglog_1mq(q), d)), O.div(-1.0, c))


def _burr_raw(n, c, d):
    """E[Z^n] = d B(d + n/c, 1 - n/c) for c > n."""
    nc = O.div(float(n), c)
    return O.mul(d, O.exp(_lbeta(O.add(d, nc), O.sub(1.0, nc))))


def _burr12_raw(n, c, d):
    """E[Z^n] = d B(d - n/c, 1 + n/c) for c d > n."""
    nc = O.div(float(n), c)
    return O.mul(d, O.exp(_lbeta(O.sub(d, nc), O.add(1.0, nc))))


def _burr12_entropy(c, d):
    # log(1 + Z^c) ~ Exp(d) and E[log Z] = (psi(1) - psi(d)) / c (Z^c is beta-prime(1, d))
    elog = O.div(O.sub(-EULER, O.digamma(d)), c)
    return O.add(O.sub(O.neg(O.log(O.mul(c, d))), O.mul(O.sub(c, 1.0), elog)),
                 O.div(O.add(d, 1.0), d))


def _burr_entropy(c, d):
    # 1/Z is burr12(c, d): H(Z) = H(1/Z) - 2 E[log(1/Z)]
    elog = O.div(O.sub(-EULER, O.digamma(d)), c)
    return O.sub(_burr12_entropy(c, d), O.mul(2.0, elog))


burr = Continuous(
    "burr", "Burr (type III) distribution", shapes=("c", "d"), support=(0.0, INF), valid=_pos,
    logpdf=_burr_logpdf, logcdf=_burr_logcdf,
    cdf=lambda z, c, d: O.exp(_burr_logcdf(z, c, d)),
    sf=lambda z, c, d: O.neg(O.expm1(_burr_logcdf(z, c, d))),
    logsf=lambda z, c, d: O.log1mexp(_burr_logcdf(z, c, d)),
    ppf=_burr_ppf, isf=_burr_isf,
    **_moments(_burr_raw, lambda n, c, d: O.gt(c, float(n))),
    entropy=_burr_entropy,
    example=(2.0, 3.0),
)


def _b12_logsf(z, c, d):
    return O.neg(O.mul(d, _softplus(O.mul(c, O.log(z)))))


burr12 = Continuous(
    "burr12", "Burr type XII distribution", shapes=("c", "d"), support=(0.0, INF), valid=_pos,
    logpdf=lambda z, c, d: O.sub(O.add(O.log(O.mul(c, d)), O.xlogy(O.sub(c, 1.0), z)),
                                 O.mul(O.add(d, 1.0), _softplus(O.mul(c, O.log(z))))),
    logsf=_b12_logsf, sf=lambda z, c, d: O.exp(_b12_logsf(z, c, d)),
    cdf=lambda z, c, d: O.neg(O.expm1(_b12_logsf(z, c, d))),
    logcdf=lambda z, c, d: O.log1mexp(_b12_logsf(z, c, d)),
    # z = ((1 - q)^(-1/d) - 1)^(1/c)
    ppf=lambda q, c, d: O.power(O.expm1(O.div(_neglog_1mq(q), d)), O.div(1.0, c)),
    isf=lambda q, c, d: O.power(O.expm1(O.div(_neglog_q(q), d)), O.div(1.0, c)),
    **_moments(_burr12_raw, lambda n, c, d: O.gt(O.mul(c, d), float(n))),
    entropy=_burr12_entropy,
    example=(2.0, 3.0),
)


def _mielke(f):
    """mielke(k, s) = burr(c=s, d=k/s)."""
    return lambda x, k, s: f(x, s, O.div(k, s))


mielke = Continuous(
    "mielke", "Mielke beta-kappa distribution", shapes=("k", "s"), support=(0.0, INF),
    valid=_pos,
    logpdf=_mielke(_burr_logpdf), logcdf=_mielke(_burr_logcdf),
    cdf=_mielke(lambda z, c, d: O.exp(_burr_logcdf(z, c, d))),
    sf=_mielke(lambda z, c, d: O.neg(O.expm1(_burr_logcdf(z, c, d)))),
    logsf=_mielke(lambda z, c, d: O.log1mexp(_burr_logcdf(z, c, d))),
    ppf=_mielke(_burr_ppf), isf=_mielke(_burr_isf),
    **_moments(lambda n, k, s: _burr_raw(n, s, O.div(k, s)),
               lambda n, k, s: O.gt(s, float(n)), style="generic"),
    entropy=lambda k, s: _burr_entropy(s, O.div(k, s)),
    example=(2.0, 3.0),
)


def _kappa3(f, what):
    """kappa3(a) = a^(1/a) * burr(c=a, d=1/a): ``what`` says how f's value scales."""
    def g(x, a):
        la = O.div(O.log(a), a)  # log of the scale a^(1/a)
        d = O.div(1.0, a)
        if what == "x":  # a function of z: evaluate at z / scale
            return f(O.mul(x, O.exp(O.neg(la))), a, d)
        if what == "logpdf":
            return O.sub(f(O.mul(x, O.exp(O.neg(la))), a, d), la)
        return O.mul(f(x, a, d), O.exp(la))  # a quantile
    return g


kappa3 = Continuous(
    "kappa3", "three-parameter kappa distribution", shapes=("a",), support=(0.0, INF),
    valid=_pos,
    logpdf=_kappa3(_burr_logpdf, "logpdf"), logcdf=_kappa3(_burr_logcdf, "x"),
    cdf=_kappa3(lambda z, c, d: O.exp(_burr_logcdf(z, c, d)), "x"),
    sf=_kappa3(lambda z, c, d: O.neg(O.expm1(_burr_logcdf(z, c, d))), "x"),
    logsf=_kappa3(lambda z, c, d: O.log1mexp(_burr_logcdf(z, c, d)), "x"),
    ppf=_kappa3(_burr_ppf, "q"), isf=_kappa3(_burr_isf, "q"),
    **_moments(lambda n, a: O.mul(_burr_raw(n, a, O.div(1.0, a)),
                                  O.exp(O.mul(float(n), O.div(O.log(a), a)))),
               lambda n, a: O.gt(a, float(n))),
    entropy=lambda a: O.add(_burr_entropy(a, O.div(1.0, a)), O.div(O.log(a), a)),
    example=(2.0,),
)


# --- Weibull relatives ---------------------------------------------------------------------
def _ew_logcdf(z, a, c):
    # a log(1 - exp(-z^c))
    return O.mul(a, O.log1mexp(O.neg(O.power(z, c))))


exponweib = Continuous(
    "exponweib", "exponentiated Weibull distribution", shapes=("a", "c"), support=(0.0, INF),
    valid=_pos,
    logpdf=lambda z, a, c: O.sub(O.add(O.add(O.log(O.mul(a, c)),
                                             O.mul(O.sub(a, 1.0),
                                                   O.log1mexp(O.neg(O.power(z, c))))),
                                       O.xlogy(O.sub(c, 1.0), z)), O.power(z, c)),
    logcdf=_ew_logcdf, cdf=lambda z, a, c: O.exp(_ew_logcdf(z, a, c)),
    sf=lambda z, a, c: O.neg(O.expm1(_ew_logcdf(z, a, c))),
    logsf=lambda z, a, c: O.log1mexp(_ew_logcdf(z, a, c)),
    # z = (-log(1 - q^(1/a)))^(1/c)
    ppf=lambda q, a, c: O.power(O.neg(O.log1mexp(O.div(O.log(q), a))), O.div(1.0, c)),
    isf=lambda q, a, c: O.power(O.neg(O.log1mexp(O.div(O.log1p(O.neg(q)), a))), O.div(1.0, c)),
    example=(2.0, 1.5),
)


def _dw_g(c, k):
    return O.exp(O.lgamma(O.add(1.0, O.div(float(k), c))))


def _dw_logcdf(z, c):
    """z < 0: log(exp(-|z|^c) / 2); z >= 0: log(1 - exp(-z^c) / 2)."""
    p = O.power(O.absolute(z), c)
    return O.where(O.lt(z, 0.0), O.sub(O.neg(p), O.LOG_2), O.log1p(O.mul(-0.5, O.exp(O.neg(p)))))


def _dw_ppf(q, c):
    lower = O.lt(q, 0.5)
    t = O.where(lower, O.neg(O.log(O.mul(2.0, q))), O.neg(O.log(O.mul(2.0, O.sub(1.0, q)))))
    r = O.power(t, O.div(1.0, c))
    return O.where(lower, O.neg(r), r)


dweibull = Continuous(
    "dweibull", "double Weibull distribution", shapes=("c",), valid=_pos,
    logpdf=lambda z, c: O.sub(O.add(O.log(O.mul(0.5, c)), O.xlogy(O.sub(c, 1.0), O.absolute(z))),
                              O.power(O.absolute(z), c)),
    logcdf=_dw_logcdf, logsf=lambda z, c: _dw_logcdf(O.neg(z), c),
    cdf=lambda z, c: O.exp(_dw_logcdf(z, c)), sf=lambda z, c: O.exp(_dw_logcdf(O.neg(z), c)),
    ppf=_dw_ppf, isf=lambda q, c: O.neg(_dw_ppf(q, c)),
    mean=lambda c: O.full(c, 0.0), var=lambda c: _dw_g(c, 2), skew=lambda c: O.full(c, 0.0),
    kurtosis=lambda c: O.sub(O.div(_dw_g(c, 4), O.square(_dw_g(c, 2))), 3.0),
    # |Z| is weibull_min(c): H = log 2 + H(weibull_min)
    entropy=lambda c: O.add(O.sub(O.mul(EULER, O.sub(1.0, O.div(1.0, c))), O.log(c)),
                            1.0 + O.LOG_2),
    example=(1.5,),
)


def _tw_parts(c, a, b):
    ac, bc = O.power(a, c), O.power(b, c)
    return ac, bc, O.expm1(O.sub(ac, bc))  # expm1(a^c - b^c) in (-1, 0)


def _tw_logcdf(z, c, a, b):
    # (exp(-a^c) - exp(-z^c)) / (exp(-a^c) - exp(-b^c))
    ac, _, den = _tw_parts(c, a, b)
    return O.sub(O.log(O.neg(O.expm1(O.sub(ac, O.power(z, c))))), O.log(O.neg(den)))


def _tw_logsf(z, c, a, b):
    # exp(a^c - z^c) (1 - exp(z^c - b^c)) / (1 - exp(a^c - b^c))
    ac, bc, den = _tw_parts(c, a, b)
    zc = O.power(z, c)
    return O.sub(O.add(O.sub(ac, zc), O.log(O.neg(O.expm1(O.sub(zc, bc))))), O.log(O.neg(den)))


def _tw_quantile(p, c, a, b):
    """z with cdf(z) = p: z^c = a^c - log1p(p expm1(a^c - b^c))."""
    ac, _, den = _tw_parts(c, a, b)
    return O.power(O.sub(ac, O.log1p(O.mul(p, den))), O.div(1.0, c))


def _tw_isf(q, c, a, b):
    """z with sf(z) = q, from the upper end: z^c = b^c - log1p(q expm1(b^c - a^c)),
    written as a^c - log(exp(-D) + q (1 - exp(-D))), D = b^c - a^c, so that
    nothing overflows for a large D."""
    ac, bc, _ = _tw_parts(c, a, b)
    dd = O.sub(bc, ac)
    inner = O.add(O.exp(O.neg(dd)), O.mul(q, O.neg(O.expm1(O.neg(dd)))))
    return O.power(O.sub(ac, O.log(inner)), O.div(1.0, c))


truncweibull_min = Continuous(
    "truncweibull_min", "doubly truncated Weibull minimum distribution",
    shapes=("c", "a", "b"), support=lambda c, a, b: (a, b),
    valid=lambda c, a, b: O.and_(O.and_(O.gt(c, 0.0), O.ge(a, 0.0)), O.gt(b, a)),
    logpdf=lambda z, c, a, b: O.sub(
        O.add(O.sub(O.add(O.log(c), O.xlogy(O.sub(c, 1.0), z)), O.power(z, c)),
              O.power(a, c)),
        O.log(O.neg(_tw_parts(c, a, b)[2]))),
    logcdf=_tw_logcdf, logsf=_tw_logsf,
    cdf=lambda z, c, a, b: O.exp(_tw_logcdf(z, c, a, b)),
    sf=lambda z, c, a, b: O.exp(_tw_logsf(z, c, a, b)),
    ppf=_tw_quantile,
    isf=lambda q, c, a, b: O.where(O.lt(q, 0.5), _tw_isf(q, c, a, b),
                                   _tw_quantile(O.sub(1.0, q), c, a, b)),
    example=(2.0, 0.5, 3.0),
)


# --- exponential relatives ---------------------------------------------------------------
def _te_logsf(z, b):
    # (exp(-z) - exp(-b)) / (1 - exp(-b))
    return O.sub(O.add(O.neg(z), O.log(O.neg(O.expm1(O.sub(z, b))))),
                 O.log(O.neg(O.expm1(O.neg(b)))))


def _te_p(n, b):
    """P(n + 1, b) (regularized lower incomplete gamma, n a small integer):
    e^-b sum_{k > n} b^k / k! for b < 5 (40 terms: the remainder is below
    5^40 / 40! < 1e-19 of the sum), 1 - e^-b sum_{k <= n} b^k / k! above
    (then P >= 0.4, so the subtraction loses no digits)."""
    bs = O.minimum(b, 5.0)
    term, tail = O.full(b, 1.0), None
    for k in range(1, 41 + n):
        term = O.div(O.mul(term, bs), float(k))
        if k > n:
            tail = term if tail is None else O.add(tail, term)
    small = O.mul(O.exp(O.neg(bs)), tail)
    term, head = O.full(b, 1.0), O.full(b, 1.0)
    for k in range(1, n + 1):
        term = O.div(O.mul(term, b), float(k))
        head = O.add(head, term)
    large = O.sub(1.0, O.mul(O.exp(O.neg(b)), head))
    return O.where(O.lt(b, 5.0), small, large)


def _te_raw(n, b):
    """E[Z^n] = n! P(n + 1, b) / (1 - e^-b)."""
    return O.div(O.mul(float(math.factorial(n)), _te_p(n, b)), O.neg(O.expm1(O.neg(b))))


def _te_mean(b):
    # 1 - b / expm1(b)  (b / expm1(b) -> 1 as b -> 0)
    return O.sub(1.0, O.div(b, O.expm1(b)))


_TE = _moments(_te_raw)

truncexpon = Continuous(
    "truncexpon", "truncated exponential distribution", shapes=("b",),
    support=lambda b: (O.full(b, 0.0), b), valid=_pos,
    logpdf=lambda z, b: O.sub(O.neg(z), O.log(O.neg(O.expm1(O.neg(b))))),
    cdf=lambda z, b: O.div(O.expm1(O.neg(z)), O.expm1(O.neg(b))),
    logcdf=lambda z, b: O.sub(O.log(O.neg(O.expm1(O.neg(z)))), O.log(O.neg(O.expm1(O.neg(b))))),
    logsf=_te_logsf, sf=lambda z, b: O.exp(_te_logsf(z, b)),
    ppf=lambda q, b: O.neg(O.log1p(O.mul(q, O.expm1(O.neg(b))))),
    # exp(-z) = exp(-b) + q (1 - exp(-b)); from the upper end for small q
    isf=lambda q, b: O.where(
        O.lt(q, 0.5),
        O.neg(O.log(O.add(O.exp(O.neg(b)), O.mul(q, O.neg(O.expm1(O.neg(b))))))),
        O.neg(O.log1p(O.mul(O.sub(1.0, q), O.expm1(O.neg(b)))))),
    mean=_te_mean, var=_TE["var"], skew=_TE["skew"], kurtosis=_TE["kurtosis"],
    entropy=lambda b: O.add(_te_mean(b), O.log(O.neg(O.expm1(O.neg(b))))),
    example=(2.0,),
)


def _ep_logsf(z, b):
    return O.neg(O.expm1(O.power(z, b)))  # 1 - exp(z^b)


exponpow = Continuous(
    "exponpow", "exponential power distribution", shapes=("b",), support=(0.0, INF),
    valid=_pos,
    # log b + (b - 1) log z + z^b - expm1(z^b); -inf once z^b overflows
    logpdf=lambda z, b: O.where(O.isfinite(O.power(z, b)),
                                O.add(O.add(O.log(b), O.xlogy(O.sub(b, 1.0), z)),
                                      O.sub(O.power(z, b), O.expm1(O.power(z, b)))), -INF),
    logsf=_ep_logsf, sf=lambda z, b: O.exp(_ep_logsf(z, b)),
    cdf=lambda z, b: O.neg(O.expm1(_ep_logsf(z, b))),
    logcdf=lambda z, b: O.log1mexp(_ep_logsf(z, b)),
    ppf=lambda q, b: O.power(O.log1p(_neglog_1mq(q)), O.div(1.0, b)),
    isf=lambda q, b: O.power(O.log1p(_neglog_q(q)), O.div(1.0, b)),
    example=(2.5,),
)


# --- logistic relatives ------------------------------------------------------------------
def _gl_logcdf(z, c):
    return O.neg(O.mul(c, _softplus(O.neg(z))))  # -c log(1 + exp(-z))


def _psi(n, c):
    return _L.polygamma(O.full(c, float(n)), c)


genlogistic = Continuous(
    "genlogistic", "generalized logistic (type I) distribution", shapes=("c",), valid=_pos,
    logpdf=lambda z, c: O.sub(O.sub(O.log(c), z), O.mul(O.add(c, 1.0), _softplus(O.neg(z)))),
    logcdf=_gl_logcdf, cdf=lambda z, c: O.exp(_gl_logcdf(z, c)),
    sf=lambda z, c: O.neg(O.expm1(_gl_logcdf(z, c))),
    logsf=lambda z, c: O.log1mexp(_gl_logcdf(z, c)),
    # exp(-z) = q^(-1/c) - 1
    ppf=lambda q, c: O.neg(O.log(O.expm1(O.div(_neglog_q(q), c)))),
    isf=lambda q, c: O.neg(O.log(O.expm1(O.div(_neglog_1mq(q), c)))),
    # cumulants: kappa_1 = gamma + psi(c), kappa_n = psi^(n-1)(c) + (-1)^n psi^(n-1)(1)
    mean=lambda c: O.add(O.digamma(c), EULER),
    var=lambda c: O.add(_psi(1, c), PI ** 2 / 6),
    skew=lambda c: O.div(O.add(_psi(2, c), 2 * _ZETA3),
                         O.power(O.add(_psi(1, c), PI ** 2 / 6), 1.5)),
    kurtosis=lambda c: O.div(O.add(_psi(3, c), PI ** 4 / 15),
                             O.square(O.add(_psi(1, c), PI ** 2 / 6))),
    # log(1 + exp(-Z)) ~ Exp(c)
    entropy=lambda c: O.add(O.sub(O.add(O.digamma(c), EULER + 1.0), O.log(c)), O.div(1.0, c)),
    example=(0.5,),
)


def _ghl_lu(z, c):
    return O.div(O.log1p(O.neg(O.mul(c, z))), c)  # log u, u = (1 - c z)^(1/c)


def _ghl_u(z, c):
    return O.exp(_ghl_lu(z, c))


genhalflogistic = Continuous(
    "genhalflogistic", "generalized half-logistic distribution", shapes=("c",),
    support=lambda c: (O.full(c, 0.0), O.div(1.0, c)), valid=_pos,
    logpdf=lambda z, c: O.sub(O.add(O.LOG_2, O.mul(O.sub(1.0, c), _ghl_lu(z, c))),
                              O.mul(2.0, O.log1p(_ghl_u(z, c)))),
    cdf=lambda z, c: O.div(O.sub(1.0, _ghl_u(z, c)), O.add(1.0, _ghl_u(z, c))),
    sf=lambda z, c: O.div(O.mul(2.0, _ghl_u(z, c)), O.add(1.0, _ghl_u(z, c))),
    # (1 - c z)^(1/c) = (1 - q) / (1 + q): c z = 1 - u^c = -expm1(c log u)
    ppf=lambda q, c: O.div(O.neg(O.expm1(O.mul(c, O.sub(O.log1p(O.neg(q)), O.log1p(q))))), c),
    isf=lambda q, c: O.div(O.neg(O.expm1(O.mul(c, O.sub(O.log(q), O.log(O.sub(2.0, q)))))), c),
    entropy=lambda c: O.sub(2.0, O.mul(O.add(O.mul(2.0, c), 1.0), O.LOG_2)),
    example=(0.5,),
)


# --- Laplace relatives -------------------------------------------------------------------
def _la_logcdf(z, k):
    """z < 0: log(k^2/(1+k^2)) + z/k; z >= 0: log(1 - exp(-k z)/(1 + k^2))."""
    k2 = O.square(k)
    lo = O.add(O.sub(O.log(k2), O.log1p(k2)), O.div(O.minimum(z, 0.0), k))
    hi = O.log1p(O.neg(O.div(O.exp(O.neg(O.mul(k, O.maximum(z, 0.0)))), O.add(1.0, k2))))
    return O.where(O.lt(z, 0.0), lo, hi)


def _la_ppf(q, k):
    k2 = O.square(k)
    pc = O.div(k2, O.add(1.0, k2))  # cdf(0)
    lo = O.mul(k, O.log(O.mul(q, O.div(O.add(1.0, k2), k2))))
    hi = O.div(O.neg(O.log(O.mul(O.sub(1.0, q), O.add(1.0, k2)))), k)
    return O.where(O.lt(q, pc), lo, hi)


def _la_isf(q, k):
    k2 = O.square(k)
    ps = O.div(1.0, O.add(1.0, k2))  # sf(0)
    hi = O.div(O.neg(O.log(O.mul(q, O.add(1.0, k2)))), k)
    lo = O.mul(k, O.log(O.mul(O.sub(1.0, q), O.div(O.add(1.0, k2), k2))))
    return O.where(O.lt(q, ps), hi, lo)


laplace_asymmetric = Continuous(
    "laplace_asymmetric", "asymmetric Laplace distribution", shapes=("kappa",), valid=_pos,
    logpdf=lambda z, k: O.sub(O.where(O.lt(z, 0.0), O.div(z, k), O.neg(O.mul(k, z))),
                              O.log(O.add(k, O.div(1.0, k)))),
    logcdf=_la_logcdf, logsf=lambda z, k: _la_logcdf(O.neg(z), O.div(1.0, k)),
    cdf=lambda z, k: O.exp(_la_logcdf(z, k)),
    sf=lambda z, k: O.exp(_la_logcdf(O.neg(z), O.div(1.0, k))),
    ppf=_la_ppf, isf=_la_isf,
    mean=lambda k: O.sub(O.div(1.0, k), k),
    var=lambda k: O.add(O.div(1.0, O.square(k)), O.square(k)),
    skew=lambda k: O.div(O.mul(2.0, O.sub(1.0, O.power(k, 6.0))),
                         O.power(O.add(1.0, O.power(k, 4.0)), 1.5)),
    kurtosis=lambda k: O.div(O.mul(6.0, O.add(1.0, O.power(k, 8.0))),
                             O.square(O.add(1.0, O.power(k, 4.0)))),
    entropy=lambda k: O.add(1.0, O.log(O.add(k, O.div(1.0, k)))),
    example=(2.0,),
)


def _ll_logcdf(z, c):
    """z < 1: log(z^c / 2); z >= 1: log(1 - z^-c / 2)."""
    cl = O.mul(c, O.log(z))
    return O.where(O.lt(z, 1.0), O.sub(cl, O.LOG_2),
                   O.log1p(O.mul(-0.5, O.exp(O.neg(O.maximum(cl, 0.0))))))


def _ll_logsf(z, c):
    cl = O.mul(c, O.log(z))
    return O.where(O.gt(z, 1.0), O.sub(O.neg(cl), O.LOG_2),
                   O.log1p(O.mul(-0.5, O.exp(O.minimum(cl, 0.0)))))


def _ll_ppf(q, c):
    return O.where(O.lt(q, 0.5), O.exp(O.div(O.log(O.mul(2.0, q)), c)),
                   O.exp(O.div(O.neg(O.log(O.mul(2.0, O.sub(1.0, q)))), c)))


loglaplace = Continuous(
    "loglaplace", "log-Laplace distribution", shapes=("c",), support=(0.0, INF), valid=_pos,
    logpdf=lambda z, c: O.add(O.log(O.mul(0.5, c)),
                              O.where(O.lt(z, 1.0), O.xlogy(O.sub(c, 1.0), z),
                                      O.mul(O.neg(O.add(c, 1.0)), O.log(z)))),
    logcdf=_ll_logcdf, logsf=_ll_logsf,
    cdf=lambda z, c: O.exp(_ll_logcdf(z, c)), sf=lambda z, c: O.exp(_ll_logsf(z, c)),
    ppf=_ll_ppf, isf=lambda q, c: _ll_ppf(O.sub(1.0, q), c),
    # E[Z^n] = c^2 / (c^2 - n^2) for c > n
    **_moments(lambda n, c: O.div(O.square(c), O.sub(O.square(c), float(n * n))),
               lambda n, c: O.gt(c, float(n)), style="generic"),
    entropy=lambda c: O.sub(1.0 + O.LOG_2, O.log(c)),
    example=(3.0,),
)


# --- Pareto relatives --------------------------------------------------------------------
def _tp_den(b, c):
    return O.neg(O.expm1(O.neg(O.mul(b, O.log(c)))))  # 1 - c^-b


def _tp_logsf(z, b, c):
    # (z^-b - c^-b) / (1 - c^-b)
    return O.sub(O.add(O.neg(O.mul(b, O.log(z))),
                       O.log(O.neg(O.expm1(O.neg(O.mul(b, O.sub(O.log(c), O.log(z)))))))),
                 O.log(_tp_den(b, c)))


def _tp_raw(n, b, c):
    """E[Z^n] = b (c^(n-b) - 1) / ((n - b)(1 - c^-b))."""
    nb = O.sub(float(n), b)
    return O.div(O.mul(b, _expm1_over(nb, O.log(c))), _tp_den(b, c))


def _tp_elog(b, c):
    """E[log Z]: log Z is exponential(rate b) truncated to [0, log c]."""
    lc = O.log(c)
    return O.div(_te_mean(O.mul(b, lc)), b)


truncpareto = Continuous(
    "truncpareto", "upper truncated Pareto distribution", shapes=("b", "c"),
    support=lambda b, c: (O.full(b, 1.0), c),
    valid=lambda b, c: O.and_(O.gt(b, 0.0), O.gt(c, 1.0)),
    logpdf=lambda z, b, c: O.sub(O.sub(O.log(b), O.mul(O.add(b, 1.0), O.log(z))), O.log(_tp_den(b, c))),
    cdf=lambda z, b, c: O.div(O.neg(O.expm1(O.neg(O.mul(b, O.log(z))))), _tp_den(b, c)),
    logcdf=lambda z, b, c: O.sub(O.log(O.neg(O.expm1(O.neg(O.mul(b, O.log(z)))))),
                                 O.log(_tp_den(b, c))),
    logsf=_tp_logsf, sf=lambda z, b, c: O.exp(_tp_logsf(z, b, c)),
    # z^-b = 1 - q (1 - c^-b)
    ppf=lambda q, b, c: O.exp(O.div(O.neg(O.log1p(O.neg(O.mul(q, _tp_den(b, c))))), b)),
    isf=lambda q, b, c: O.where(
        O.lt(q, 0.5),
        O.exp(O.div(O.neg(O.log(O.add(O.exp(O.neg(O.mul(b, O.log(c)))),
                                      O.mul(q, _tp_den(b, c))))), b)),
        O.exp(O.div(O.neg(O.log1p(O.neg(O.mul(O.sub(1.0, q), _tp_den(b, c))))), b))),
    **_moments(_tp_raw),
    entropy=lambda b, c: O.add(O.sub(O.log(_tp_den(b, c)), O.log(b)),
                               O.mul(O.add(b, 1.0), _tp_elog(b, c))),
    example=(2.0, 5.0),
)


# --- bounded shapes ------------------------------------------------------------------------
def _tz_h(c, d):
    return O.div(2.0, O.sub(O.add(1.0, d), c))  # the plateau height


def _safe(x):
    return O.where(O.eq(x, 0.0), O.full(x, 1.0), x)


def _tz_logpdf(z, c, d):
    left = O.sub(O.log(z), O.log(_safe(c)))
    right = O.sub(O.log1p(O.neg(z)), O.log(_safe(O.sub(1.0, d))))
    v = O.where(O.lt(z, c), left, O.where(O.gt(z, d), right, O.full(z, 0.0)))
    return O.add(O.log(_tz_h(c, d)), v)


def _tz_pieces(z, c, d):
    """(left ramp mass below z, plateau mass, right ramp mass above z), each of its
    own region's formula: cdf = left or mid, sf = right or mid, no 1 - x."""
    h = _tz_h(c, d)
    left = O.mul(O.mul(0.5, h), O.div(O.square(z), _safe(c)))
    right = O.mul(O.mul(0.5, h), O.div(O.square(O.sub(1.0, z)), _safe(O.sub(1.0, d))))
    return h, left, right


def _tz_cdf(z, c, d):
    h, left, right = _tz_pieces(z, c, d)
    mid = O.mul(h, O.sub(z, O.mul(0.5, c)))
    return O.where(O.lt(z, c), left, O.where(O.gt(z, d), O.sub(1.0, right), mid))


def _tz_sf(z, c, d):
    h, left, right = _tz_pieces(z, c, d)
    mid = O.mul(h, O.sub(O.sub(1.0, z), O.mul(0.5, O.sub(1.0, d))))
    return O.where(O.gt(z, d), right, O.where(O.lt(z, c), O.sub(1.0, left), mid))


def _tz_ppf(q, c, d):
    h = _tz_h(c, d)
    qc, qd = O.mul(0.5, O.mul(h, c)), O.sub(1.0, O.mul(0.5, O.mul(h, O.sub(1.0, d))))
    left = O.sqrt(O.div(O.mul(O.mul(2.0, q), c), h))
    mid = O.add(O.div(q, h), O.mul(0.5, c))
    right = O.sub(1.0, _tz_isf_right(O.sub(1.0, q), c, d))
    return O.where(O.lt(q, qc), left, O.where(O.gt(q, qd), right, mid))


def _tz_isf_right(q, c, d):
    """1 - z for sf(z) = q in the right ramp."""
    return O.sqrt(O.div(O.mul(O.mul(2.0, q), O.sub(1.0, d)), _tz_h(c, d)))


def _tz_isf(q, c, d):
    h = _tz_h(c, d)
    qd = O.mul(0.5, O.mul(h, O.sub(1.0, d)))  # sf(d)
    qc = O.sub(1.0, O.mul(0.5, O.mul(h, c)))  # sf(c)
    right = O.sub(1.0, _tz_isf_right(q, c, d))
    mid = O.sub(O.sub(1.0, O.div(q, h)), O.mul(0.5, O.sub(1.0, d)))
    left = O.sqrt(O.div(O.mul(O.mul(2.0, O.sub(1.0, q)), c), h))
    return O.where(O.lt(q, qd), right, O.where(O.gt(q, qc), left, mid))


def _tz_raw(n, c, d):
    """E[Z^n] = h (sum_{i=0}^{n+1} d^i - c^(n+1)) / ((n + 1)(n + 2))."""
    geo = O.polyval([1.0] * (n + 2), d)
    return O.div(O.mul(_tz_h(c, d), O.sub(geo, O.power(c, float(n + 1)))),
                 float((n + 1) * (n + 2)))


def _tz_entropy(c, d):
    # plateau: -(d - c) h log h; each ramp of width w: -w h (log h / 2 - 1/4)
    h = _tz_h(c, d)
    lh = O.log(h)
    ramps = O.add(c, O.sub(1.0, d))
    return O.neg(O.add(O.mul(O.mul(O.sub(d, c), h), lh),
                       O.mul(O.mul(ramps, h), O.sub(O.mul(0.5, lh), 0.25))))


trapezoid = Continuous(
    "trapezoid", "trapezoidal distribution", shapes=("c", "d"), support=(0.0, 1.0),
    valid=lambda c, d: O.and_(O.and_(O.ge(c, 0.0), O.le(c, d)), O.le(d, 1.0)),
    logpdf=_tz_logpdf, cdf=_tz_cdf, sf=_tz_sf, ppf=_tz_ppf, isf=_tz_isf,
    **_moments(_tz_raw), entropy=_tz_entropy,
    example=(0.2, 0.7),
)


def _bf_k(c):
    return O.log1p(c)


def _bf_raw(n, c):
    """E[Z^n] = I_n / log1p(c), I_n = int_0^1 c z^n / (1 + c z) dz.

    c < 1/2: the series c sum_j (-c)^j / (n + j + 1) (60 terms: remainder below
    2^-60); else the recurrence I_n = 1/n - I_(n-1)/c from I_0 = log1p(c),
    which amplifies rounding by at most 2^n there."""
    cs = O.minimum(c, 0.5)
    # sum_j a_j (-c)^j with a_j = 1/(n + j + 1), by Horner in -c
    series = O.mul(cs, O.polyval([1.0 / (n + j + 1) for j in range(59, -1, -1)], O.neg(cs)))
    rec = _bf_k(c)
    for m in range(1, n + 1):
        rec = O.sub(1.0 / m, O.div(rec, c))
    return O.div(O.where(O.lt(c, 0.5), series, rec), _bf_k(c))


bradford = Continuous(
    "bradford", "Bradford distribution", shapes=("c",), support=(0.0, 1.0), valid=_pos,
    logpdf=lambda z, c: O.sub(O.sub(O.log(c), O.log(_bf_k(c))), O.log1p(O.mul(c, z))),
    cdf=lambda z, c: O.div(O.log1p(O.mul(c, z)), _bf_k(c)),
    # log((1 + c) / (1 + c z)) = log1p(c (1 - z) / (1 + c z))
    sf=lambda z, c: O.div(O.log1p(O.div(O.mul(c, O.sub(1.0, z)), O.add(1.0, O.mul(c, z)))),
                          _bf_k(c)),
    ppf=lambda q, c: O.div(O.expm1(O.mul(q, _bf_k(c))), c),
    # 1 + c z = (1 + c) exp(-q log1p(c))
    isf=lambda q, c: O.add(1.0, O.div(O.mul(O.add(1.0, c), O.expm1(O.neg(O.mul(q, _bf_k(c))))), c)),
    **_moments(_bf_raw),
    entropy=lambda c: O.sub(O.mul(0.5, _bf_k(c)), O.log(O.div(c, _bf_k(c)))),
    example=(0.5,),
)


_ANGLIT_M4 = PI ** 4 / 256 - 3 * PI ** 2 / 16 + 1.5  # E[Z^4]
_ANGLIT_VAR = PI ** 2 / 16 - 0.5

anglit = Continuous(
    "anglit", "anglit distribution", support=(-PI / 4, PI / 4),
    logpdf=lambda z: O.log(O.cos(O.mul(2.0, z))),
    cdf=lambda z: O.square(O.sin(O.add(z, PI / 4))),
    sf=lambda z: O.square(O.sin(O.sub(PI / 4, z))),
    ppf=lambda q: O.sub(_L.asin(O.sqrt(q)), PI / 4),
    isf=lambda q: O.sub(PI / 4, _L.asin(O.sqrt(q))),
    mean=_const(0.0), var=_const(_ANGLIT_VAR), skew=_const(0.0),
    kurtosis=_const(_ANGLIT_M4 / _ANGLIT_VAR ** 2 - 3),
    entropy=_const(1 - math.log(2)),
)


# --- Cauchy relatives ----------------------------------------------------------------------
def _fc_ppf(u, c):
    """z >= 0 with atan(z - c) + atan(z + c) = pi (1 - w), given u = cot(pi w)...: the
    positive root of z^2 + 2 u z - (1 + c^2) = 0 (tan of the sum of the two angles),
    u = cot(pi q) for the ppf; written without cancellation for u > 0."""
    r = O.sqrt(O.add(O.square(u), O.add(1.0, O.square(c))))
    return O.where(O.gt(u, 0.0), O.div(O.add(1.0, O.square(c)), O.add(u, r)), O.sub(r, u))


def _cot_pi(q):
    """cot(pi q) for q in (0, 1), accurate at both ends."""
    lower = O.lt(q, 0.5)
    qq = O.where(lower, q, O.sub(1.0, q))
    v = O.div(1.0, O.tan(O.mul(PI, qq)))
    return O.where(lower, v, O.neg(v))


foldcauchy = Continuous(
    "foldcauchy", "folded Cauchy distribution", shapes=("c",), support=(0.0, INF),
    valid=lambda c: O.ge(c, 0.0),
    logpdf=lambda z, c: O.sub(O.log(O.add(O.div(1.0, O.add(1.0, O.square(O.sub(z, c)))),
                                          O.div(1.0, O.add(1.0, O.square(O.add(z, c)))))),
                              math.log(PI)),
    cdf=lambda z, c: O.div(O.add(O.atan(O.sub(z, c)), O.atan(O.add(z, c))), PI),
    sf=lambda z, c: O.div(O.add(O.atan2(O.full(z, 1.0), O.sub(z, c)),
                                O.atan2(O.full(z, 1.0), O.add(z, c))), PI),
    ppf=lambda q, c: _fc_ppf(_cot_pi(q), c),
    isf=lambda q, c: _fc_ppf(O.neg(_cot_pi(q)), c),
    mean=lambda c: O.full(c, INF), var=lambda c: O.full(c, INF),
    skew=lambda c: O.full(c, NAN), kurtosis=lambda c: O.full(c, NAN),
    example=(1.0,),
)


def _sc_tails(z, a):
    """(mass below z for z < 0, mass above z for z >= 0): each side is a half-Cauchy
    of scale 1 -/+ a and mass (1 -/+ a)/2, so each tail is (s/pi) atan2(1, |z|/s)."""
    one = O.full(z, 1.0)
    lo = O.mul(O.div(O.sub(1.0, a), PI), O.atan2(one, O.div(O.neg(O.minimum(z, 0.0)), O.sub(1.0, a))))
    hi = O.mul(O.div(O.add(1.0, a), PI), O.atan2(one, O.div(O.maximum(z, 0.0), O.add(1.0, a))))
    return lo, hi


def _sc_cdf(z, a):
    lo, hi = _sc_tails(z, a)
    return O.where(O.lt(z, 0.0), lo, O.sub(1.0, hi))


def _sc_sf(z, a):
    lo, hi = _sc_tails(z, a)
    return O.where(O.ge(z, 0.0), hi, O.sub(1.0, lo))


def _sc_ppf(q, a):
    """Below cdf(0) = (1 - a)/2: z = -(1 - a) cot(pi q / (1 - a)); above, from the sf."""
    p0 = O.mul(0.5, O.sub(1.0, a))
    lo = O.mul(O.neg(O.sub(1.0, a)), O.div(1.0, O.tan(O.div(O.mul(PI, O.minimum(q, p0)),
                                                              O.sub(1.0, a)))))
    hi = _sc_isf_hi(O.sub(1.0, q), a)
    return O.where(O.lt(q, p0), lo, hi)


def _sc_isf_hi(q, a):
    """z >= 0 with sf(z) = q <= (1 + a)/2: z = (1 + a) cot(pi q / (1 + a))."""
    qq = O.minimum(q, O.mul(0.5, O.add(1.0, a)))
    return O.mul(O.add(1.0, a), O.div(1.0, O.tan(O.div(O.mul(PI, qq), O.add(1.0, a)))))


def _sc_isf(q, a):
    s0 = O.mul(0.5, O.add(1.0, a))
    lo = O.mul(O.neg(O.sub(1.0, a)),
               O.div(1.0, O.tan(O.div(O.mul(PI, O.minimum(O.sub(1.0, q), O.mul(0.5, O.sub(1.0, a)))),
                                      O.sub(1.0, a)))))
    return O.where(O.le(q, s0), _sc_isf_hi(q, a), lo)


skewcauchy = Continuous(
    "skewcauchy", "skewed Cauchy distribution", shapes=("a",),
    valid=lambda a: O.and_(O.gt(a, -1.0), O.lt(a, 1.0)),
    logpdf=lambda z, a: O.neg(O.add(math.log(PI), O.log1p(O.square(
        O.div(z, O.add(1.0, O.mul(a, _L.sign(z)))))))),
    cdf=_sc_cdf, sf=_sc_sf, ppf=_sc_ppf, isf=_sc_isf,
    mean=lambda a: O.full(a, NAN), var=lambda a: O.full(a, NAN),
    skew=lambda a: O.full(a, NAN), kurtosis=lambda a: O.full(a, NAN),
    # two half-Cauchy pieces of scales 1 -/+ a, each of mass half its scale
    entropy=lambda a: O.full(a, math.log(4 * PI)),
    example=(0.3,),
)


# --- circular-segment shapes: semicircular, cosine, rdist -------------------------------------
def _g(u):
    """u - sin u for u in [0, 2 pi]: below u = 1 its Taylor series (10 terms; the
    first omitted one is below 1/23! < 4e-23 of the sum), so it keeps its relative
    accuracy as u -> 0."""
    us = O.minimum(u, 1.0)
    u2 = O.square(us)
    term = O.div(O.mul(us, u2), 6.0)
    acc = term
    for k in range(1, 10):  # term_k = -term_(k-1) u^2 / ((2k+2)(2k+3))
        term = O.mul(term, O.div(u2, float(-(2 * k + 2) * (2 * k + 3))))
        acc = O.add(acc, term)
    return O.where(O.lt(u, 1.0), acc, O.sub(u, O.sin(u)))


def _g_inv(p):
    """u in [0, pi] with u - sin u = p, for p in [0, pi].

    Start at (6 p)^(1/3) (exact as p -> 0, 2.66 at p = pi) and take 6 Newton steps
    (g'(u) = 2 sin^2(u/2), convex, so the iterates settle from the right); measured
    against 700-digit mpmath over p = 2 pi q, q from 1e-300 to 1/2, 4 steps already
    reach 1.3e-16 relative."""
    u = O.minimum(O.power(O.mul(6.0, p), 1.0 / 3.0), PI)
    for _ in range(6):
        d = O.mul(2.0, O.square(O.sin(O.mul(0.5, u))))
        u = O.sub(u, O.div(O.sub(_g(u), p), O.where(O.eq(d, 0.0), O.full(d, 1.0), d)))
        u = O.clip(u, 0.0, PI)
    return u


def _g_quantile(q):
    """u in [0, 2 pi] with (u - sin u) / (2 pi) = q, from the nearer end."""
    upper = O.gt(q, 0.5)
    qq = O.where(upper, O.sub(1.0, q), q)
    u = _g_inv(O.mul(2 * PI, qq))
    return O.where(upper, O.sub(2 * PI, u), u)


def _sc_phi2(z):
    """2 phi with z = -cos(phi): 4 atan2(sqrt(1 + z), sqrt(1 - z)), accurate near z = -1."""
    return O.mul(4.0, O.atan2(O.sqrt(O.add(1.0, z)), O.sqrt(O.sub(1.0, z))))


def _semi_ppf(q):
    """z = -cos(u / 2), u from the nearer end; near 1, 1 - z = 2 sin^2(u_upper / 4)."""
    upper = O.gt(q, 0.5)
    u = _g_inv(O.mul(2 * PI, O.where(upper, O.sub(1.0, q), q)))  # u of the nearer tail
    near = O.sub(O.mul(2.0, O.square(O.sin(O.mul(0.25, u)))), 1.0)  # -cos(u/2) = 2 sin^2(u/4) - 1
    return O.where(upper, O.neg(near), near)


semicircular = Continuous(
    "semicircular", "semicircular (Wigner) distribution", support=(-1.0, 1.0),
    logpdf=lambda z: O.add(math.log(2 / PI), O.mul(0.5, O.add(O.log1p(z), O.log1p(O.neg(z))))),
    # cdf = (2 phi - sin 2 phi) / (2 pi), z = -cos phi
    cdf=lambda z: O.div(_g(_sc_phi2(z)), 2 * PI),
    sf=lambda z: O.div(_g(_sc_phi2(O.neg(z))), 2 * PI),
    ppf=_semi_ppf, isf=lambda q: O.neg(_semi_ppf(q)),
    mean=_const(0.0), var=_const(0.25), skew=_const(0.0), kurtosis=_const(-1.0),
    entropy=_const(math.log(PI) - 0.5),
)

_PI_LO = 1.2246467991473532e-16  # pi - float(pi)


def _cos_t(z):
    """pi + z with the low part of pi (z near -pi keeps its relative accuracy)."""
    return O.add(O.add(z, PI), _PI_LO)


cosine = Continuous(
    "cosine", "cosine distribution", support=(-PI, PI),
    # (1 + cos z) / (2 pi) = cos^2(z/2) / pi
    logpdf=lambda z: O.sub(O.mul(2.0, O.log(O.absolute(O.cos(O.mul(0.5, z))))), math.log(PI)),
    # with t = pi + z: cdf = (t - sin t) / (2 pi)
    cdf=lambda z: O.div(_g(_cos_t(z)), 2 * PI),
    sf=lambda z: O.div(_g(_cos_t(O.neg(z))), 2 * PI),
    ppf=lambda q: O.where(O.gt(q, 0.5), O.sub(O.sub(PI, _g_inv(O.mul(2 * PI, O.sub(1.0, q)))),
                                              O.neg(_PI_LO)),
                          O.sub(O.sub(_g_inv(O.mul(2 * PI, q)), PI), _PI_LO)),
    isf=lambda q: O.where(O.gt(q, 0.5), O.sub(O.sub(_g_inv(O.mul(2 * PI, O.sub(1.0, q))), PI),
                                              _PI_LO),
                          O.add(O.sub(PI, _g_inv(O.mul(2 * PI, q))), _PI_LO)),
    mean=_const(0.0), var=_const(PI ** 2 / 3 - 2), skew=_const(0.0),
    kurtosis=_const(-6 * (PI ** 4 - 90) / (5 * (PI ** 2 - 6) ** 2)),
    entropy=_const(math.log(4 * PI) - 1),
)


def _rd_ppf(q, c):
    """(1 + Z) / 2 is Beta(c/2, c/2): from the nearer tail."""
    a = O.mul(0.5, c)
    upper = O.gt(q, 0.5)
    x = S.betaincinv(a, a, O.where(upper, O.sub(1.0, q), q))
    v = O.sub(O.mul(2.0, x), 1.0)
    return O.where(upper, O.neg(v), v)


def _rd_entropy(c):
    # H(Beta(a, a)) + log 2, H(Beta(a, a)) = log B(a, a) - 2 (a - 1) (psi(a) - psi(2a))
    a = O.mul(0.5, c)
    return O.add(O.sub(O.betaln(a, a), O.mul(O.mul(2.0, O.sub(a, 1.0)),
                                             O.sub(O.digamma(a), O.digamma(O.mul(2.0, a))))),
                 O.LOG_2)


rdist = Continuous(
    "rdist", "R-distribution (symmetric beta on [-1, 1])", shapes=("c",),
    support=(-1.0, 1.0), valid=_pos,
    logpdf=lambda z, c: O.sub(O.mul(O.sub(O.mul(0.5, c), 1.0),
                                    O.add(O.log1p(z), O.log1p(O.neg(z)))),
                              O.betaln(O.full(c, 0.5), O.mul(0.5, c))),
    cdf=lambda z, c: S.betainc(O.mul(0.5, c), O.mul(0.5, c), O.mul(0.5, O.add(1.0, z))),
    sf=lambda z, c: S.betainc(O.mul(0.5, c), O.mul(0.5, c), O.mul(0.5, O.sub(1.0, z))),
    ppf=_rd_ppf, isf=lambda q, c: O.neg(_rd_ppf(q, c)),
    mean=lambda c: O.full(c, 0.0), var=lambda c: O.div(1.0, O.add(c, 1.0)),
    skew=lambda c: O.full(c, 0.0), kurtosis=lambda c: O.div(-6.0, O.add(c, 3.0)),
    entropy=_rd_entropy,
    example=(3.0,),
)


# --- the public namespaces ---------------------------------------------------------------
TABLE = {d.name: dataclasses.replace(d, logpdf=_vanish(d.logpdf)) for d in (
    genextreme, burr, burr12, mielke, kappa3, exponweib, dweibull, truncweibull_min,
    truncexpon, exponpow, genlogistic, genhalflogistic, laplace_asymmetric, loglaplace,
    truncpareto, trapezoid, bradford, anglit, foldcauchy, skewcauchy, semicircular,
    cosine, rdist, kappa4)}
NAMESPACES = {name: build(d) for name, d in TABLE.items()}
