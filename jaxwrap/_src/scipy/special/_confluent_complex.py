"""Kummer's M = 1F1(a; b; z) and 0F1(; v; z) for real parameters and complex z.

Both are entire in z and grow like an exponential (e^z, e^{2 sqrt z}).  Two methods,
each with an error estimate; the one with the smaller estimate is returned, and NaN
where neither estimate is below ERR_MAX (2e-13 complex128, 2e-6 complex64):

* the power series (DLMF 13.2.2 / 16.2.1), for 1F1 after Kummer's transformation
  M(a, b, z) = e^z M(b - a, b, -z) (DLMF 13.2.39) when Re z < 0.  Its terms reach
  ~e^{|z|} (0F1: e^{2 |sqrt z|}) while the sum is ~e^{Re z} (e^{2 Re sqrt z}): the
  estimate is 4 eps e^{LOSS}, LOSS = |z| - |Re z| (0F1: 2 (|sqrt z| - Re sqrt z));
* the asymptotic expansions with both exponential terms (complex z): DLMF 13.7.2 for
  1F1, and DLMF 10.40.5 for 0F1 = Gamma(v) z^{(1-v)/2} I_{v-1}(2 sqrt z) (DLMF 10.39.9),
  each summed up to its smallest term (at most ASYM_TERMS terms, tried from |z| (0F1:
  |2 sqrt z|) >= Z_MIN); the estimate is the first omitted term of each sum.

The gap where both fail: moderate |z| (1F1: ~8 to ~40 + the parameters) away from the
real axis (from the positive one for 0F1).  A polynomial 1F1 (a a non-positive integer)
has no gap: the second sum of 13.7.2 terminates and is exact.  b (v) a non-positive
integer: inf for 1F1 (scipy's real convention), NaN for 0F1.
"""

from __future__ import annotations

import math

from . import _hyp_base as B
from . import _hyp_series as S
from ._hyp2f1_complex import _cx, _series
from ._hyp_base import abs_, add, c, div, exp, full, ge, gt, le, log, lt, mul, neg, sub, where

# float64 / float32: the series' loss budget (e^12 eps ~ 4e-11 at most; its estimate
# decides), the accepted error estimate (else NaN), and the modulus (|z| for 1F1,
# |2 sqrt z| for 0F1) from which the asymptotic expansion is tried.
LOSS_MAX = {True: 12.0, False: 6.0}
ERR_MAX = {True: 2e-13, False: 2e-6}
Z_MIN = 6.0
R0 = {True: 38.0, False: 18.0}      # a harmless argument for masked elements
ASYM_TERMS = 80

_NAN = complex(math.nan, math.nan)
_INF = float("inf")


def _asym_sum(p, q, w, nterms, whole=None):
    """sum_s (p)_s (q)_s / s! w^{-s} up to its smallest term (real p, q; complex w);
    every term (at most ``nterms``) where ``whole`` (a terminating series) is set.
    Returns the sum and the modulus of the first term left out (the error estimate of
    an optimally truncated asymptotic series; 0 once a terminating one ends)."""
    one = c(p, 1.0)
    whole = B.L.ne(p, p) if whole is None else whole

    def body(i, carry):
        t, s, live, left = carry
        k = B.as_float(i, p)
        r = div(mul(add(p, k), add(q, k)), add(k, one))
        t2 = div(mul(t, _cx(r, w)), w)
        live = B.and_(live, B.or_(lt(abs_(t2), abs_(t)), whole))
        return t2, where(live, add(s, t2), s), live, where(live, abs_(t2), left)

    init = (full(w, 1), full(w, 1), B.L.eq(p, p), full(p, 1.0))
    _, s, _, left = B.loop(nterms, body, init)
    return s, left


def _phase_sign(z):
    """+1 where Im z >= 0 (DLMF's upper sign), -1 below."""
    im = B.L.imag(z)
    return where(ge(im, c(im, 0.0)), full(im, 1.0), full(im, -1.0))


def _exp_i_pi(s, t):
    """exp(i pi s t) for real s, t."""
    ang = mul(mul(s, t), c(t, math.pi))
    return B.L.complex(B.cos(ang), B.sin(ang))


def _choose(ser, ser_err, asym, asym_err, like):
    """The estimate-wise better of the two; NaN where neither reaches ERR_MAX."""
    f64 = B.is64(like)
    pick_a = lt(asym_err, ser_err)
    err = where(pick_a, asym_err, ser_err)
    f = where(pick_a, asym, ser)
    return where(le(err, c(err, ERR_MAX[f64])), f, c(like, _NAN))


def _rel_err(terms, total):
    """sum |coefficient_i| * left_i / |total| (the first omitted terms, relative)."""
    est = None
    for coef, left in terms:
        e = mul(abs_(coef), left)
        est = e if est is None else add(est, e)
    return div(est, abs_(total))


def hyp1f1(a, b, z):
    """M(a, b, z) for broadcast real a, b (z's real dtype) and complex z."""
    f64 = B.is64(z)
    eps = S.eps(B.L.real(z))
    one = c(a, 1.0)
    x = B.L.real(z)
    az = abs_(z)
    poly = S.is_nonpos_int(a)
    # series, with Kummer's transformation for Re z < 0; its error ~ eps e^{|z| - |Re z|}
    loss = sub(az, abs_(x))
    ser_ok = le(loss, c(loss, LOSS_MAX[f64]))
    zero = full(z, 0)
    kum = B.and_(lt(x, c(x, 0.0)), B.not_(poly))
    zs = where(ser_ok, z, zero)
    ak = where(kum, sub(b, a), a)
    ser = _series((ak,), (b,), where(kum, neg(zs), zs))
    ser = where(kum, mul(exp(zs), ser), ser)
    ser_err = where(ser_ok, mul(c(loss, 4 * eps), exp(loss)), full(loss, _INF))
    # DLMF 13.7.2: Gamma(b)/Gamma(a) e^z z^{a-b} sum (1-a)_s (b-a)_s / s! z^{-s}
    #            + Gamma(b)/Gamma(b-a) e^{+-i pi a} z^{-a} sum (a)_s (a-b+1)_s / s! (-z)^{-s}
    # (a polynomial: the second sum terminates and is exact; degree <= ASYM_TERMS - 1)
    poly_t = B.and_(poly, le(neg(a), c(a, ASYM_TERMS - 1)))
    try_a = B.or_(ge(az, c(az, Z_MIN)), B.and_(poly_t, gt(az, c(az, 0.0))))
    za = where(try_a, z, full(z, 2.0 * R0[f64]))
    lz = log(za)
    s1, left1 = _asym_sum(sub(one, a), sub(b, a), za, ASYM_TERMS)
    s2, left2 = _asym_sum(a, add(sub(a, b), one), neg(za), ASYM_TERMS, poly_t)
    g1 = _cx(S.gamma_ratio((b,), (a,)), z)
    g2 = _cx(S.gamma_ratio((b,), (sub(b, a),)), z)
    e1 = exp(add(za, mul(_cx(sub(a, b), z), lz)))
    sg = _phase_sign(za)
    e2 = mul(_exp_i_pi(sg, a), exp(mul(_cx(neg(a), z), lz)))
    c1, c2 = mul(g1, e1), mul(g2, e2)
    asym = add(mul(c1, s1), mul(c2, s2))
    asym_err = _rel_err(((c1, left1), (c2, left2)), asym)
    asym_err = where(B.and_(try_a, B.L.is_finite(asym_err)), add(asym_err, c(az, 4 * eps)),
                     full(az, _INF))
    f = _choose(ser, ser_err, asym, asym_err, z)
    return where(S.is_nonpos_int(b), c(z, _INF), f)


def hyp0f1(v, z):
    """0F1(; v; z) for broadcast real v (z's real dtype) and complex z."""
    f64 = B.is64(z)
    eps = S.eps(B.L.real(z))
    one = c(v, 1.0)
    sq = B.sqrt(z)                                   # principal: Re sqrt z >= 0
    asq = abs_(sq)
    zeta_abs = mul(c(asq, 2.0), asq)
    # the series; its error ~ eps e^{2 (|sqrt z| - Re sqrt z)}
    loss = mul(c(asq, 2.0), sub(asq, B.L.real(sq)))
    ser_ok = le(loss, c(loss, LOSS_MAX[f64]))
    zero = full(z, 0)
    ser = _series((), (v,), where(ser_ok, z, zero))
    ser_err = where(ser_ok, mul(c(loss, 4 * eps), exp(loss)), full(loss, _INF))
    # DLMF 10.40.5 with nu = v - 1, zeta = 2 sqrt z:  I_nu(zeta) ~ (2 pi zeta)^{-1/2}
    # [e^zeta sum (-1)^k a_k / zeta^k + i s e^{i s nu pi} e^{-zeta} sum a_k / zeta^k],
    # a_k = a_{k-1} (4 nu^2 - (2k - 1)^2) / (8 k), s = +1 (Im zeta >= 0) or -1;
    # written as sums of (1/2 - nu)_k (1/2 + nu)_k / k! (2 zeta)^{-k} (the same a_k).
    nu = sub(v, one)
    try_a = ge(zeta_abs, c(zeta_abs, Z_MIN))
    za = where(try_a, z, full(z, R0[f64] ** 2))
    sqa = B.sqrt(za)
    zeta = mul(c(z, 2.0), sqa)
    half = c(v, 0.5)
    s1, left1 = _asym_sum(sub(half, nu), add(half, nu), mul(c(z, 2.0), zeta), ASYM_TERMS)
    s2, left2 = _asym_sum(sub(half, nu), add(half, nu), neg(mul(c(z, 2.0), zeta)), ASYM_TERMS)
    lz = log(za)
    # Gamma(v) z^{(1-v)/2} (2 pi zeta)^{-1/2}, in logs with e^{+-zeta}
    base = sub(mul(_cx(mul(sub(one, v), half), z), lz),
               mul(c(z, 0.5), log(mul(c(z, 2.0 * math.pi), zeta))))
    gv = _cx(S.gamma_ratio((v,), ()), z)
    sg = _phase_sign(zeta)
    rot = mul(B.L.complex(full(v, 0.0), sg), _exp_i_pi(sg, nu))
    c1 = mul(gv, exp(add(base, zeta)))
    c2 = mul(gv, mul(rot, exp(sub(base, zeta))))
    asym = add(mul(c1, s1), mul(c2, s2))
    asym_err = _rel_err(((c1, left1), (c2, left2)), asym)
    asym_err = where(B.and_(try_a, B.L.is_finite(asym_err)), add(asym_err, c(zeta_abs, 4 * eps)),
                     full(zeta_abs, _INF))
    f = _choose(ser, ser_err, asym, asym_err, z)
    return where(S.is_nonpos_int(v), c(z, _NAN), f)
