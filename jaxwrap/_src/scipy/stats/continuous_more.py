"""Continuous laws, part C: crystalball, argus, rel_breitwigner, genexpon, jf_skew_t.

One :class:`~._distn.Continuous` entry per distribution, on the standardized
variable ``z`` (the base in ``_distn.py`` applies loc/scale, the support, NaN
for invalid parameters and the fallbacks).  Closed forms are derived from the
densities (references per law); quantiles without a closed form use the
bounded, safeguarded Newton solver of ``continuous_related`` (128 static
steps).
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np


from . import _ops as O
from . import _special as S
from . import continuous_related as CR
from ._distn import Continuous, build

__all__: list[str] = []  # distributions are published through NAMESPACES

INF = math.inf
_SQRT_2PI = math.sqrt(2.0 * math.pi)
_LOG_SQRT_2PI = 0.5 * O.LOG_2PI


def _pos(*s):
    out = O.gt(s[0], 0.0)
    for p in s[1:]:
        out = O.and_(out, O.gt(p, 0.0))
    return out


def _vanish(logpdf):
    """logpdf with -inf at z = +-inf (where formulas may meet inf - inf)."""
    return lambda z, *s: O.where(O.isfinite(z), logpdf(z, *s), -INF)


# --- crystalball(beta, m) --------------------------------------------------------------------
# Oreglia (1980), Gaiser (1982): a normal core exp(-z^2/2) for z > -beta joined, with
# a continuous first derivative, to a power-law tail A (B - z)^-m, A = (m/beta)^m
# exp(-beta^2/2), B = m/beta - beta.  With u = 1 + beta (-beta - z) / m >= 1 in the
# tail, A (B - z)^-m = exp(-beta^2/2) u^-m; the tail's mass is T = m / (beta (m - 1))
# exp(-beta^2/2), the core's G = sqrt(2 pi) Phi(beta), and N = 1 / (T + G).
def _cb_consts(beta, m):
    t = O.mul(O.div(m, O.mul(beta, O.sub(m, 1.0))), O.exp(O.mul(-0.5, O.square(beta))))
    g = O.mul(_SQRT_2PI, S.ndtr(beta))
    return t, g, O.div(1.0, O.add(t, g))


def _cb_log_u(z, beta, m):
    """log u = log1p(-beta (beta + z) / m), only used in the tail z <= -beta."""
    zt = O.minimum(z, O.neg(beta))
    return O.log1p(O.neg(O.div(O.mul(beta, O.add(beta, zt)), m)))


def _cb_logpdf(z, beta, m):
    _, _, n = _cb_consts(beta, m)
    core = O.mul(-0.5, O.square(z))
    tail = O.sub(O.mul(-0.5, O.square(beta)), O.mul(m, _cb_log_u(z, beta, m)))
    return O.add(O.log(n), O.where(O.gt(z, O.neg(beta)), core, tail))


def _cb_cdf(z, beta, m):
    t, _, n = _cb_consts(beta, m)
    tail = O.mul(t, O.exp(O.mul(O.sub(1.0, m), _cb_log_u(z, beta, m))))
    core = O.add(t, O.mul(_SQRT_2PI, O.sub(S.ndtr(z), S.ndtr(O.neg(beta)))))
    return O.mul(n, O.where(O.gt(z, O.neg(beta)), core, tail))


def _cb_logcdf(z, beta, m):
    t, _, n = _cb_consts(beta, m)
    tail = O.add(O.log(O.mul(n, t)), O.mul(O.sub(1.0, m), _cb_log_u(z, beta, m)))
    return O.where(O.gt(z, O.neg(beta)), O.log(_cb_cdf(z, beta, m)), tail)


def _cb_sf(z, beta, m):
    t, g, n = _cb_consts(beta, m)
    core = O.mul(_SQRT_2PI, S.ndtr(O.neg(z)))
    tail = O.sub(g, O.mul(t, O.expm1(O.mul(O.sub(1.0, m), _cb_log_u(z, beta, m)))))
    return O.mul(n, O.where(O.gt(z, O.neg(beta)), core, tail))


def _cb_logsf(z, beta, m):
    _, _, n = _cb_consts(beta, m)
    core = O.add(O.add(O.log(n), _LOG_SQRT_2PI), S.log_ndtr(O.neg(z)))
    return O.where(O.gt(z, O.neg(beta)), core, O.log(_cb_sf(z, beta, m)))


def _cb_tail_quantile(q, beta, m):
    """z <= -beta with cdf(z) = q (q <= N T): u = (q / (N T))^(1 / (1 - m))."""
    t, _, n = _cb_consts(beta, m)
    um1 = O.expm1(O.div(O.log(O.div(q, O.mul(n, t))), O.sub(1.0, m)))
    return O.sub(O.neg(beta), O.div(O.mul(um1, m), beta))


def _cb_upper_quantile(p, beta, m):
    """z > -beta with sf(z) = p (p <= N G): Phi(-z) = p / (N sqrt(2 pi))."""
    _, _, n = _cb_consts(beta, m)
    return O.neg(S.ndtri(O.div(p, O.mul(n, _SQRT_2PI))))


def _cb_ppf(q, beta, m):
    t, _, n = _cb_consts(beta, m)
    q0 = O.mul(n, t)  # cdf(-beta)
    # each branch sees q clamped into its own range, so the branch not taken stays
    # finite (and so do its derivatives)
    qt, qc = O.minimum(q, q0), O.maximum(q, q0)
    # the core below the median: Phi(z) = Phi(-beta) + (q / N - T) / sqrt(2 pi)
    ql = O.minimum(qc, 0.5)
    lower = S.ndtri(O.add(S.ndtr(O.neg(beta)), O.div(O.sub(O.div(ql, n), t), _SQRT_2PI)))
    upper = _cb_upper_quantile(O.sub(1.0, O.maximum(qc, 0.5)), beta, m)
    core = O.where(O.le(q, 0.5), lower, upper)
    return O.where(O.le(q, q0), _cb_tail_quantile(qt, beta, m), core)


def _cb_isf(p, beta, m):
    _, g, n = _cb_consts(beta, m)
    p0 = O.mul(n, g)  # sf(-beta)
    return O.where(O.lt(p, p0), _cb_upper_quantile(O.minimum(p, p0), beta, m),
                   _cb_ppf(O.sub(1.0, O.maximum(p, p0)), beta, m))


def _cb_raw(beta, m, n):
    """E[Z^n] (finite for m > n + 1): N (I_n + J_n) with the core's integral
    I_n = int_(-beta)^inf z^n exp(-z^2/2) dz = (-beta)^(n-1) e + (n - 1) I_(n-2)
    (by parts; I_0 = G, I_1 = e, e = exp(-beta^2/2)) and the tail's, by y = B - z and
    the binomial theorem: J_n = e sum_j C(n, j) B^(n-j) (-1)^j y0^(j+1) / (m - j - 1),
    y0 = m / beta."""
    _, g, nrm = _cb_consts(beta, m)
    e = O.exp(O.mul(-0.5, O.square(beta)))
    core = [g, e]
    for k in range(2, n + 1):
        core.append(O.add(O.mul(O.power(O.neg(beta), float(k - 1)), e),
                          O.mul(float(k - 1), core[k - 2])))
    y0 = O.div(m, beta)
    b = O.sub(y0, beta)
    tail = O.full(beta, 0.0)
    for j in range(n + 1):
        t = O.div(O.mul(O.power(b, float(n - j)), O.power(y0, float(j + 1))),
                  O.sub(m, float(j + 1)))
        tail = O.add(tail, O.mul(float(math.comb(n, j) * (-1) ** j), t))
    return O.mul(nrm, O.add(core[n], O.mul(e, tail)))


def _cb_central(beta, m):
    """Mean, variance and the third and fourth central moments (from the raw ones)."""
    m1, m2, m3, m4 = (_cb_raw(beta, m, n) for n in (1, 2, 3, 4))
    var = O.sub(m2, O.square(m1))
    c3 = O.add(O.sub(m3, O.mul(3.0, O.mul(m1, m2))), O.mul(2.0, O.power(m1, 3.0)))
    c4 = O.sub(O.add(O.sub(m4, O.mul(4.0, O.mul(m1, m3))), O.mul(6.0, O.mul(O.square(m1), m2))),
               O.mul(3.0, O.power(m1, 4.0)))
    return m1, var, c3, c4


# Where a moment diverges the conventions are scipy's: inf for the mean (m <= 2) and
# variance (m <= 3); skew and kurtosis inf where the variance is finite, else NaN.
def _cb_mean(beta, m):
    return O.where(O.gt(m, 2.0), _cb_raw(beta, m, 1), INF)


def _cb_var(beta, m):
    return O.where(O.gt(m, 3.0), _cb_central(beta, m)[1], INF)


def _cb_skew(beta, m):
    _, var, c3, _ = _cb_central(beta, m)
    v = O.div(c3, O.power(var, 1.5))
    return O.where(O.gt(m, 4.0), v, O.where(O.gt(m, 3.0), O.full(m, INF), math.nan))


def _cb_kurtosis(beta, m):
    _, var, _, c4 = _cb_central(beta, m)
    v = O.sub(O.div(c4, O.square(var)), 3.0)
    return O.where(O.gt(m, 5.0), v, O.where(O.gt(m, 3.0), O.full(m, INF), math.nan))


crystalball = Continuous(
    "crystalball", "Crystal Ball distribution (normal core, power-law lower tail)",
    shapes=("beta", "m"), valid=lambda beta, m: O.and_(O.gt(beta, 0.0), O.gt(m, 1.0)),
    logpdf=_cb_logpdf, cdf=_cb_cdf, logcdf=_cb_logcdf, sf=_cb_sf, logsf=_cb_logsf,
    ppf=_cb_ppf, isf=_cb_isf, mean=_cb_mean, var=_cb_var, skew=_cb_skew,
    kurtosis=_cb_kurtosis,
    quad_split=lambda beta, m: _cb_cdf(O.neg(beta), beta, m),  # the joint (entropy by quadrature)
    example=(2.0, 3.0),
)


# --- argus(chi) ----------------------------------------------------------------------------
# Albrecht et al. (ARGUS, 1990): density chi^3 / (sqrt(2 pi) Psi(chi)) x sqrt(1 - x^2)
# exp(-chi^2 (1 - x^2) / 2) on (0, 1), Psi(chi) = Phi(chi) - chi phi(chi) - 1/2 =
# int_0^chi t^2 phi(t) dt = P(3/2, chi^2 / 2) / 2 (DLMF 8.2.1 with t^2 / 2 = v).  With
# w = chi^2 / 2 and y = 1 - x^2, V = w y is a gamma(3/2) variable truncated to (0, w):
#   sf(x) = P(3/2, w y) / P(3/2, w),
#   cdf(x) = (Q(3/2, w y) - Q(3/2, w)) / P(3/2, w) = int_(chi s)^chi t^2 phi(t) dt / Psi(chi),
# s = sqrt(y).  The cdf is taken as 1 - sf where it is >= 1/2, as the difference of
# Q's where that does not cancel (Q(w y) >= 2 Q(w)), and else by Gauss-Legendre
# quadrature of t^2 phi(t) over (chi s, chi): there t^2 / 2 changes by less than
# ~log 2 + log(t ratio) across the interval (or chi < 1.4), so 20 nodes give full
# precision (the rule is exact for polynomials of degree 39).
_GL_X, _GL_W = np.polynomial.legendre.leggauss(20)
_P32_TERMS = 20  # v < 1: the n-th term is below 1 / prod_(k=1..n) (3/2 + k), < 1e-19 at n = 20


def _Q32(a, v):
    """Q(3/2, v) = erfc(sqrt v) + 2 sqrt(v / pi) exp(-v) (DLMF 8.4.8 with a recurrence):
    two positive terms, so relative accuracy everywhere; ``a`` (= 3/2) is ignored."""
    r = O.sqrt(v)
    return O.add(O.erfc(r), O.mul(2.0 / math.sqrt(math.pi), O.mul(r, O.exp(O.neg(v)))))


def _P32(a, v):
    """P(3/2, v): the series v^a exp(-v) sum v^n / Gamma(a + n + 1) (DLMF 8.7.1) for
    v < 1 (where 1 - Q would cancel), else 1 - Q(3/2, v) (Q <= 0.58 there)."""
    vs = O.minimum(v, 1.0)
    term = O.full(v, 1.0 / math.gamma(2.5))
    acc = term
    for n in range(1, _P32_TERMS + 1):
        term = O.mul(term, O.div(vs, 1.5 + n))
        acc = O.add(acc, term)
    series = O.mul(O.mul(vs, O.sqrt(vs)), O.mul(O.exp(O.neg(vs)), acc))
    return O.where(O.lt(v, 1.0), series, O.sub(1.0, _Q32(a, v)))


def _ar_parts(x, chi):
    w = O.mul(0.5, O.square(chi))
    y = O.mul(O.sub(1.0, x), O.add(1.0, x))
    return w, y, O.mul(w, y)


def _ar_logpdf(x, chi):
    w, y, wy = _ar_parts(x, chi)
    a = O.full(chi, 1.5)
    log_psi = O.add(O.log(_P32(a, w)), -O.LOG_2)
    return O.sub(O.add(O.add(O.mul(3.0, O.log(chi)), O.log(x)), O.mul(0.5, O.log(y))),
                 O.add(O.add(_LOG_SQRT_2PI, log_psi), wy))


def _ar_sf(x, chi):
    w, _, wy = _ar_parts(x, chi)
    a = O.full(chi, 1.5)
    return O.div(_P32(a, wy), _P32(a, w))


def _ar_cdf(x, chi):
    w, y, wy = _ar_parts(x, chi)
    a = O.full(chi, 1.5)
    pw = _P32(a, w)
    sf = O.div(_P32(a, wy), pw)
    qwy, qw = _Q32(a, wy), _Q32(a, w)
    diff = O.div(O.sub(qwy, qw), pw)
    # quadrature over (chi s, chi), h = chi - chi s = chi x^2 / (1 + s) without cancellation
    s = O.sqrt(y)
    h = O.div(O.mul(chi, O.square(x)), O.add(1.0, s))
    lo = O.mul(chi, s)
    acc = O.full(x, 0.0)
    for xi, wi in zip(_GL_X, _GL_W):
        t = O.add(lo, O.mul(h, 0.5 * (1.0 + float(xi))))
        acc = O.add(acc, O.mul(float(wi), O.mul(O.square(t), O.exp(O.mul(-0.5, O.square(t))))))
    # (h / 2) sum / (sqrt(2 pi) Psi), Psi = P / 2
    quad = O.div(O.mul(h, acc), O.mul(_SQRT_2PI, pw))
    small = O.where(O.ge(qwy, O.mul(2.0, qw)), diff, quad)
    return O.where(O.le(sf, 0.5), O.sub(1.0, sf), small)


def _ar_mean(chi):
    # sqrt(pi / 8) chi exp(-chi^2 / 4) I1(chi^2 / 4) / Psi(chi)  (Albrecht et al. 1990)
    pw = _P32(O.full(chi, 1.5), O.mul(0.5, O.square(chi)))
    num = O.mul(math.sqrt(math.pi / 8.0), O.mul(chi, S.i1e(O.mul(0.25, O.square(chi)))))
    return O.div(O.mul(2.0, num), pw)


def _ar_var(chi):
    # E[X^2] = 1 - 3 / chi^2 + chi phi(chi) / Psi(chi)
    pw = _P32(O.full(chi, 1.5), O.mul(0.5, O.square(chi)))
    phi_term = O.div(O.mul(2.0, O.mul(chi, O.exp(O.sub(O.mul(-0.5, O.square(chi)),
                                                       _LOG_SQRT_2PI)))), pw)
    m2 = O.add(O.sub(1.0, O.div(3.0, O.square(chi))), phi_term)
    return O.sub(m2, O.square(_ar_mean(chi)))


_ar_law = CR.types_law(logpdf=_ar_logpdf, logcdf=lambda x, chi: O.log(_ar_cdf(x, chi)),
                       logsf=lambda x, chi: O.log(_ar_sf(x, chi)))


def _unit_bracket(q, qc, chi):
    return O.full(q, 0.0), O.full(q, 1.0)


argus = Continuous(
    "argus", "ARGUS distribution", shapes=("chi",), support=(0.0, 1.0), valid=_pos,
    logpdf=_ar_logpdf, cdf=_ar_cdf, sf=_ar_sf,
    **CR._solved(_ar_law, _unit_bracket),
    mean=_ar_mean, var=_ar_var,
    example=(1.5,),
)


# --- rel_breitwigner(rho) ----------------------------------------------------------------------
# Density k / ((z^2 - rho^2)^2 + rho^2) on z >= 0.  The quartic factors as
# (z^2 + p z + q)(z^2 - p z + q) with q = rho sqrt(rho^2 + 1), p = sqrt(2 (q + rho^2));
# partial fractions give the antiderivative
#   F(z) = log((z^2 + p z + q) / (z^2 - p z + q)) / (4 p q) + atan2(2 z r, q - z^2) / (4 q r)
# with r = rho / p (the two arctangents of the partial fractions combined by the
# addition formula, so small z keeps its relative accuracy), and k = 4 q r / pi.
def _rbw_consts(rho):
    q = O.mul(rho, O.sqrt(O.add(O.square(rho), 1.0)))
    p = O.sqrt(O.mul(2.0, O.add(q, O.square(rho))))
    return q, p, O.div(rho, p)


def _rbw_logpdf(z, rho):
    q, p, r = _rbw_consts(rho)
    logk = O.log(O.div(O.mul(4.0, O.mul(q, r)), math.pi))
    # log(d^2 + rho^2), d = (z - rho)(z + rho), without overflow: 2 log max + log1p(ratio^2)
    ld = O.add(O.log(O.absolute(O.sub(z, rho))), O.log(O.add(z, rho)))
    lr = O.log(rho)
    hi, lo = O.maximum(ld, lr), O.minimum(ld, lr)
    return O.sub(logk, O.add(O.mul(2.0, hi), O.log1p(O.exp(O.mul(2.0, O.sub(lo, hi))))))


def _rbw_log_term(z, rho):
    """(rho / p^2) log1p(2 p z / (z^2 - p z + q)): the logarithmic part of pi cdf."""
    q, p, r = _rbw_consts(rho)
    zf = O.where(O.isfinite(z), z, 0.0)
    den = O.add(O.mul(zf, O.sub(zf, p)), q)
    lt = O.mul(O.div(rho, O.square(p)), O.log1p(O.div(O.mul(2.0, O.mul(p, zf)), den)))
    return O.where(O.isfinite(z), lt, 0.0)


def _rbw_cdf(z, rho):
    q, p, r = _rbw_consts(rho)
    at = O.atan2(O.mul(2.0, O.mul(z, r)), O.sub(q, O.square(z)))
    return O.div(O.add(_rbw_log_term(z, rho), at), math.pi)


_RBW_TERMS = 30  # z^2 >= 4 q: terms bounded by (n + 1) 4^-n, 31 * 4^-30 < 3e-17


def _rbw_sf(z, rho):
    q, p, r = _rbw_consts(rho)
    closed = O.div(O.sub(O.atan2(O.mul(2.0, O.mul(z, r)), O.sub(O.square(z), q)),
                         _rbw_log_term(z, rho)), math.pi)
    # z^2 >= 4 q: the closed form cancels (sf ~ k / (3 z^3)); expand the density in
    # s = 1 / z^2: 1 / (1 - 2 rho^2 s + q^2 s^2) = sum c_n s^n, c_n = 2 rho^2 c_(n-1)
    # - q^2 c_(n-2), and integrate termwise: sf = k sum c_n z^-(2n+3) / (2n + 3).
    big = O.ge(O.square(z), O.mul(4.0, q))
    zs = O.where(big, z, O.full(z, 1.0))
    zs = O.where(O.isfinite(zs), zs, O.full(z, 1.0))
    s = O.div(1.0, O.square(zs))
    a1, a2 = O.mul(O.mul(2.0, O.square(rho)), s), O.mul(O.square(q), O.square(s))
    e_prev, e = O.full(z, 0.0), O.full(z, 1.0)
    total = O.full(z, 1.0 / 3.0)
    for n in range(1, _RBW_TERMS):
        e_prev, e = e, O.sub(O.mul(a1, e), O.mul(a2, e_prev))
        total = O.add(total, O.div(e, 2.0 * n + 3.0))
    k = O.div(O.mul(4.0, O.mul(q, r)), math.pi)
    series = O.div(O.mul(k, total), O.mul(zs, O.square(zs)))
    series = O.where(O.isfinite(z), series, 0.0)
    return O.where(big, series, closed)


_rbw_law = CR.types_law(logpdf=_rbw_logpdf, logcdf=lambda z, rho: O.log(_rbw_cdf(z, rho)),
                        logsf=lambda z, rho: O.log(_rbw_sf(z, rho)))


rel_breitwigner = Continuous(
    "rel_breitwigner", "relativistic Breit-Wigner distribution", shapes=("rho",),
    support=(0.0, INF), valid=_pos,
    logpdf=_rbw_logpdf, cdf=_rbw_cdf, sf=_rbw_sf,
    **CR._solved(_rbw_law, CR._log_bracket, log_x=True),
    # the density falls as z^-4: mean and variance are finite, skew and kurtosis are
    # not (NaN, as scipy); mean and variance by quadrature (_quadrature)
    has_moment=lambda r, rho: O.lt(O.full(rho, float(r)), 3.0),
    example=(2.0,),
)


# --- genexpon(a, b, c) -----------------------------------------------------------------------
# Ryu (1993), Johnson, Kotz & Balakrishnan vol. 2, ch. 19: the survival function is
# exp(-h(z)), h(z) = (a + b) z - (b / c) (1 - exp(-c z)), the density h'(z) exp(-h(z)).
def _gx_h(z, a, b, c):
    return O.add(O.mul(O.add(a, b), z), O.mul(O.div(b, c), O.expm1(O.mul(O.neg(c), z))))


def _gx_logpdf(z, a, b, c):
    rate = O.sub(a, O.mul(b, O.expm1(O.mul(O.neg(c), z))))
    return O.sub(O.log(rate), _gx_h(z, a, b, c))


_genexpon_law = CR.types_law(
    logpdf=_gx_logpdf,
    logcdf=lambda z, a, b, c: O.log1mexp(O.neg(_gx_h(z, a, b, c))),
    logsf=lambda z, a, b, c: O.neg(_gx_h(z, a, b, c)))


genexpon = Continuous(
    "genexpon", "generalized exponential distribution", shapes=("a", "b", "c"),
    support=(0.0, INF), valid=_pos,
    logpdf=_gx_logpdf,
    cdf=lambda z, a, b, c: O.neg(O.expm1(O.neg(_gx_h(z, a, b, c)))),
    sf=lambda z, a, b, c: O.exp(O.neg(_gx_h(z, a, b, c))),
    logcdf=_genexpon_law.logcdf, logsf=_genexpon_law.logsf,
    **CR._solved(_genexpon_law, CR._log_bracket, log_x=True),
    example=(9.0, 16.0, 3.0),
)


# --- jf_skew_t(a, b) -------------------------------------------------------------------------
# Jones & Faddy (2003), "A skew extension of the t-distribution": with r = sqrt(a + b + t^2),
# X = (1 + t / r) / 2 is beta(a, b), so cdf(t) = I_X(a, b) and t = (2X - 1) sqrt(a + b) /
# (2 sqrt(X (1 - X))).  X and 1 - X are formed without cancellation: for t >= 0,
# 2 r (1 - X) = r - t = (a + b) / (r + t) (and symmetrically for t < 0).
def _jf_parts(t, a, b):
    """(X, 1 - X), each with relative accuracy."""
    ab = O.add(a, b)
    at = O.absolute(t)
    big = O.gt(at, 1.0)
    ats = O.where(big, at, O.full(t, 1.0))
    # r = |t| sqrt(1 + (a + b) / t^2) for |t| > 1 (no overflow of t^2)
    r = O.where(big, O.mul(ats, O.sqrt(O.add(1.0, O.div(ab, O.square(ats))))),
                O.sqrt(O.add(ab, O.square(t))))
    near, far = O.div(ab, O.add(r, at)), O.add(r, at)  # r - |t| and r + |t|
    pos = O.ge(t, 0.0)
    two_r = O.mul(2.0, r)
    x = O.div(O.where(pos, far, near), two_r)
    xc = O.div(O.where(pos, near, far), two_r)
    return x, xc


def _jf_logpdf(t, a, b):
    x, xc = _jf_parts(t, a, b)
    ab = O.add(a, b)
    # (1 + t / r) = 2 X, (1 - t / r) = 2 (1 - X); log C = (a + b - 1) log 2 + log B(a, b)
    # + log(a + b) / 2
    logc = O.add(O.add(O.mul(O.sub(ab, 1.0), O.LOG_2), O.betaln(a, b)), O.mul(0.5, O.log(ab)))
    la = O.mul(O.add(a, 0.5), O.add(O.LOG_2, O.log(x)))
    lb = O.mul(O.add(b, 0.5), O.add(O.LOG_2, O.log(xc)))
    return O.sub(O.add(la, lb), logc)


def _jf_from_x(x, xc, a, b):
    """t from X and 1 - X: (X - (1 - X)) sqrt(a + b) / (2 sqrt(X (1 - X)))."""
    return O.div(O.mul(O.sub(x, xc), O.sqrt(O.add(a, b))),
                 O.mul(2.0, O.mul(O.sqrt(x), O.sqrt(xc))))


def _jf_quantile(q, a, b, upper):
    """ppf (upper=False) or isf: one incomplete-beta inverse on the smaller tail,
    I_X(a, b) = q or, by symmetry, I_(1-X)(b, a) = 1 - q."""
    qc = O.sub(1.0, q)
    p_low = qc if upper else q  # the cdf at the root
    p_up = q if upper else qc  # the sf at the root
    low = O.le(p_low, 0.5)
    v = S.betaincinv(O.where(low, a, b), O.where(low, b, a), O.where(low, p_low, p_up))
    x = O.where(low, v, O.sub(1.0, v))
    xc = O.where(low, O.sub(1.0, v), v)
    return _jf_from_x(x, xc, a, b)


def _jf_raw(a, b):
    """E[T^n], n = 1..4, from T = sqrt(a + b) (X - (1 - X)) / (2 sqrt(X (1 - X))) with X
    beta(a, b): expanding (X - (1 - X))^n binomially, each term is a beta integral,
    E[T^n] = (a + b)^(n/2) / 2^n sum_i C(n, i) (-1)^i B(a + n/2 - i, b - n/2 + i) / B(a, b);
    finite where a > n/2 and b > n/2 (NaN otherwise, as scipy)."""
    out = []
    lb = O.betaln(a, b)
    for n in range(1, 5):
        total = O.full(a, 0.0)
        ok = O.and_(O.gt(a, n / 2), O.gt(b, n / 2))
        for i in range(n + 1):
            # positive where the moment exists (1 elsewhere: masked below)
            ai = O.where(ok, O.add(a, n / 2 - i), 1.0)
            bi = O.where(ok, O.sub(b, n / 2 - i), 1.0)
            term = O.exp(O.sub(O.betaln(ai, bi), lb))
            total = O.add(total, O.mul(float(math.comb(n, i) * (-1) ** i), term))
        v = O.mul(O.power(O.add(a, b), n / 2), O.mul(total, 0.5 ** n))
        out.append(O.where(ok, v, math.nan))
    return out


def _jf_entropy(a, b):
    """-E[log pdf(T)]: log pdf = (a + 1/2) log(2X) + (b + 1/2) log(2(1 - X)) - log C with X
    beta(a, b), and E[log X] = psi(a) - psi(a + b), E[log(1 - X)] = psi(b) - psi(a + b)."""
    ab = O.add(a, b)
    logc = O.add(O.add(O.mul(O.sub(ab, 1.0), O.LOG_2), O.betaln(a, b)), O.mul(0.5, O.log(ab)))
    pab = O.digamma(ab)
    ea = O.mul(O.add(a, 0.5), O.add(O.LOG_2, O.sub(O.digamma(a), pab)))
    eb = O.mul(O.add(b, 0.5), O.add(O.LOG_2, O.sub(O.digamma(b), pab)))
    return O.sub(O.sub(logc, ea), eb)


jf_skew_t = Continuous(
    "jf_skew_t", "Jones and Faddy skew-t distribution", shapes=("a", "b"), valid=_pos,
    logpdf=_jf_logpdf, **CR._moments_from(_jf_raw), entropy=_jf_entropy,
    cdf=lambda t, a, b: S.betainc(a, b, _jf_parts(t, a, b)[0]),
    sf=lambda t, a, b: S.betainc(b, a, _jf_parts(t, a, b)[1]),
    ppf=lambda q, a, b: _jf_quantile(q, a, b, False),
    isf=lambda q, a, b: _jf_quantile(q, a, b, True),
    example=(3.0, 2.0),
)


# --- the public namespaces ---------------------------------------------------------------
TABLE = {d.name: dataclasses.replace(d, logpdf=_vanish(d.logpdf)) for d in (
    crystalball, argus, rel_breitwigner, genexpon, jf_skew_t)}
NAMESPACES = {name: build(d) for name, d in TABLE.items()}
