"""Hypergeometric functions 0F1, 1F1 (Kummer's M) and 2F1 (Gauss), real arguments.

Regimes and domain of accuracy (measured against mpmath in
tests/test_special_hypergeometric.py; every loop is bounded, see
``_hyp_series.MAX_TERMS``):

* ``hyp2f1(a, b, c, x)``:
  - a or b a non-positive integer (a polynomial, degree up to ``MAX_TERMS``):
    the terminating series for x < 0; Euler's transformation (DLMF 15.8.1, a
    convergent series of one sign) for 0 <= x <= 1/2; DLMF 15.8.7 (the
    polynomial in 1 - x) for x > 1/2, where c - b is not an integer;
  - 0 <= x <= 1/2, or x <= 0.8 (float32, or c - a - b an integer: 0.9) when
    a, b > -4, c > 0 (terms of one sign but the first few): the Gauss series
    (DLMF 15.2.1);
  - x < 0: Pfaff's transformation (DLMF 15.8.1) to z = x / (x - 1) in
    (1/3, 1), in the form (a, c - b) or (c - a, b) whose parameters are
    larger, then as below with 1 - z = 1 / (1 - x) computed directly;
  - otherwise for x < 1: the 1 - x connection formula (DLMF 15.8.4); when c - a - b
    is an integer m, the limit form (Abramowitz & Stegun 15.3.10-12, DLMF
    15.8.10), whose log-series digammas run by recurrence;
  - x = 1: Gauss's sum (DLMF 15.4.20) for c - a - b > 0, inf otherwise;
    x > 1 (not a polynomial): inf, as scipy.
  Accurate to ~1e-13 relative for moderate parameters (|a|, |b|, |c| <= ~30);
  loses digits when c - a - b is within ~1e-4 of a non-zero integer (the two
  terms of 15.8.4 cancel) and, for polynomials of high degree, where the
  terms cancel (|result| << largest term).
* ``hyp1f1(a, b, x)``:
  - x >= 0 up to the asymptotic threshold: the Kummer series (DLMF 13.2.2);
  - x < 0: Kummer's transformation M(a, b, x) = e^x M(b - a, b, -x)
    (DLMF 13.2.39), so that for a > 0, b - a >= 0 every term is positive;
    a non-positive integer a keeps the (terminating) direct series; where b - a
    is one (a polynomial after the transformation) and -x exceeds m |1 - b - m|,
    the polynomial from its top term with e^x in its logarithm (no inf * 0);
  - |x| beyond max(40, 4 (|a| + |b|)): the
    asymptotic expansion DLMF 13.7.2 (the exponentially dominant term),
    summed up to its smallest term;
  - a < 0 not an integer, 0 < b <= 3000, 0 < x <= 1000, where the series lost more digits than
    the recurrence would (its error estimate eps sum|t_k| / |sum|), or past the
    asymptotic threshold where the one-term expansion misses the recessive part:
    ``_hyp1f1_neg`` (the three-term recurrence in a, DLMF 13.3.1, upward from
    Tricomi's Bessel expansion A&S 13.3.7 at a - K for x >= b, downward from
    M(f), M(f - 1) for x < b); a = -m: the Laguerre recurrence (DLMF 13.6.19);
  - x = +-inf: the limits (DLMF 13.2.4, 13.7.2; ``_f11_at_inf``).
  Accurate to ~1e-13 relative for moderate |a|, |b| where the series has no
  cancellation (a > 0, b > 0); for a < 0, b in (0, 100], x in (0, 200]: median
  2.5e-14, max 2e-10 relative (near zeros of M in a); x in (260, 1000]: median
  3e-13 .. 1e-11, max 6e-10, see _hyp1f1_neg.
* ``hyp0f1(b, x)``: the series (DLMF 16.2.1) for x >= -6; for x < -6,
  0F1(; b; x) = Gamma(b) y^{(1-b)/2} J_{b-1}(2 sqrt(y)), y = -x (DLMF 10.16.9)
  through ``jv``.

Derivatives: in the argument by jax.custom_jvp from the shifted function (DLMF 15.5.1,
13.3.15, 16.3.1; every order, forward and reverse mode); in a parameter NaN.

Complex z (real parameters, as scipy's loops): ``hyp2f1`` in ``_hyp2f1_complex``
(linear transformations to the variable of smallest modulus, limit forms for integer
parameter differences, a Taylor step near exp(+-i pi/3)); ``hyp1f1`` and ``hyp0f1``
see their docstrings.  A complex parameter raises TypeError.
"""

from __future__ import annotations

import jax
import numpy as np

from ...numpy._util import public
from . import _confluent_complex as _CF
from . import _hyp2f1_complex as _H2C
from . import _hyp_base as B
from . import _hyp_series as S
from ._hyp_base import (
    abs_,
    add,
    c,
    div,
    eq,
    exp,
    full,
    ge,
    gt,
    le,
    log,
    log1p,
    lt,
    mul,
    neg,
    sub,
    where,
)

__all__ = ["hyp0f1", "hyp1f1", "hyp2f1"]


def _prepare_cplx(name, argnames, *args):
    """For a complex last argument (z), real parameters: the promoted, broadcast
    arguments with the parameters in z's real dtype; None when z is real.  A complex
    parameter raises TypeError naming it (scipy's loops take real parameters)."""
    *params, z = args
    if not (isinstance(z, complex) or np.dtype(getattr(z, "dtype", np.float64)).kind == "c"):
        return None
    B.prepare(name, argnames[:-1], *params)             # TypeError for a complex parameter
    *ps, zz = B.prepare(name, argnames, *args, complex_ok=True)
    return (*(B.L.real(p) for p in ps), zz)

_INF = float("inf")
_NAN = float("nan")


# --- 2F1 -------------------------------------------------------------------------------
def _f21_series(a, b, c_, x):
    return S.pfq_series((a, b), (c_,), x)


def _f21_one_minus(a, b, c_, w):
    """F(a, b; c; 1 - w) for 0 < w < 1/2 through DLMF 15.8.4, c - a - b not an integer."""
    m = sub(sub(c_, a), b)
    t1 = mul(S.gamma_ratio((c_, m), (sub(c_, a), sub(c_, b))),
             S.pfq_series((a, b), (sub(c(m, 1), m),), w))
    t2 = mul(mul(B.L.pow(w, m), S.gamma_ratio((c_, neg(m)), (a, b))),
             S.pfq_series((sub(c_, a), sub(c_, b)), (add(c(m, 1), m),), w))
    return add(t1, t2)


def _f21_one_minus_int(a, b, c_, w):
    """F(a, b; c; 1 - w), c - a - b = m an integer (A&S 15.3.10-12).

    With p = |m| and (A, B) = (a, b) for m >= 0, (a + m, b + m) for m < 0, so
    that c = A + B + p:  F = w^{min(m, 0)} [Gamma(p) Gamma(c) / (Gamma(A+p) Gamma(B+p))
    sum_{n<p} (A)_n (B)_n / (n! (1-p)_n) w^n - (-1)^p Gamma(c) / (Gamma(A) Gamma(B)) w^p
    sum_n (A+p)_n (B+p)_n / (n! (n+p)!) w^n (ln w - psi(n+1) - psi(n+p+1)
    + psi(A+p+n) + psi(B+p+n))].
    """
    m = B.L.round(sub(sub(c_, a), b), rounding_method=1)
    p = abs_(m)
    neg_m = lt(m, c(m, 0))
    A = where(neg_m, add(a, m), a)
    Bb = where(neg_m, add(b, m), b)
    one = c(w, 1)

    # the finite sum (p terms, p <= MAX_TERMS)
    def fin_flags(carry):
        n, t, s = carry
        return lt(n, p)

    def fin_body(i, carry):
        n, t, s = carry
        t2 = div(mul(mul(t, add(A, n)), mul(add(Bb, n), w)), mul(add(n, one), add(sub(one, p), n)))
        n1 = add(n, one)
        return n1, t2, where(lt(n1, p), add(s, t2), s)

    _, _, fin = B.bounded_while(fin_flags, fin_body, (full(w, 0), full(w, 1), full(w, 1)),
                                S.MAX_TERMS)
    fin = mul(fin, S.gamma_ratio((p, c_), (add(A, p), add(Bb, p))))
    fin = where(eq(p, c(p, 0)), full(w, 0), fin)

    # the logarithmic series, digammas by psi(z + 1) = psi(z) + 1/z
    lw = log(w)
    e = c(w, S.eps(w))
    Ap, Bp = add(A, p), add(Bb, p)

    def log_flags(carry):
        n, t, s, *_ = carry
        return B.and_(gt(abs_(t), mul(e, abs_(s))), B.L.is_finite(s))

    def log_body(i, carry):
        n, t, s, p1, pm, pa, pb = carry
        n1 = add(n, one)
        t = div(mul(mul(t, add(Ap, n)), mul(add(Bp, n), w)), mul(n1, add(n1, p)))
        p1, pm = add(p1, div(one, n1)), add(pm, div(one, add(n1, p)))
        pa, pb = add(pa, div(one, add(Ap, n))), add(pb, div(one, add(Bp, n)))
        term = mul(t, add(sub(sub(lw, p1), pm), add(pa, pb)))
        return n1, t, add(s, term), p1, pm, pa, pb

    psi1 = full(w, -B.EULER)
    psim = S.digamma(add(p, one))
    psia, psib = S.digamma(Ap), S.digamma(Bp)
    t0 = S.rgamma(add(p, one))
    s0 = mul(t0, add(sub(sub(lw, psi1), psim), add(psia, psib)))
    carry = (full(w, 0), t0, s0, psi1, psim, psia, psib)
    logs = B.bounded_while(log_flags, log_body, carry, S.MAX_TERMS)[2]
    sgn = where(eq(B.L.rem(p, c(p, 2)), c(p, 0)), full(w, 1), full(w, -1))
    logs = mul(mul(sgn, mul(S.gamma_ratio((c_,), (A, Bb)), B.L.pow(w, p))), logs)
    out = sub(fin, logs)
    return where(neg_m, mul(B.L.pow(w, m), out), out)


def _f21_unit(a, b, c_, z, w):
    """F(a, b; c; z) for 0 <= z < 1 with w = 1 - z given accurately."""
    poly = B.or_(S.is_nonpos_int(a), S.is_nonpos_int(b))
    m = sub(sub(c_, a), b)
    # c - a - b within the rounding of the parameters of an integer: the limit form
    tol = mul(c(m, 8 * S.eps(m)), add(add(abs_(a), abs_(b)), abs_(c_)))
    m_int = le(abs_(sub(m, B.L.round(m, rounding_method=1))), tol)
    # Terms of one sign after the first four or so (a, b > -4, c > 0) sum more
    # accurately than the connection formula's two terms up to z = 0.8 (float64,
    # ~250 terms for z^k k^{a+b-c-1} to reach the rounding level; measured) or
    # 0.9 (float32); otherwise z <= 1/2.
    positive = B.and_(B.and_(gt(a, c(a, -4)), gt(b, c(b, -4))), gt(c_, c(c_, 0)))
    # (0.9 in float64 too when c - a - b is an integer: the limit form's
    # log-series with its digammas is the less accurate one there)
    zmax = where(m_int, full(z, 0.9), full(z, 0.8 if B.is64(z) else 0.9))
    use_series = B.or_(poly, le(z, where(positive, zmax, full(z, 0.5))))
    zs = where(use_series, z, full(z, 0))
    wt = where(use_series, full(w, 0.25), w)
    ser = _f21_series(a, b, c_, zs)
    # the transformed branches get harmless parameters where they are not used
    mi = B.and_(m_int, B.not_(use_series))
    mn = B.and_(B.not_(m_int), B.not_(use_series))
    ci = where(mi, c_, add(add(a, b), full(c_, 1)))
    cn = where(mn, c_, add(add(a, b), full(c_, 0.5)))
    r_int = _f21_one_minus_int(a, b, ci, wt)
    r_non = _f21_one_minus(a, b, cn, wt)
    return where(use_series, ser, where(m_int, r_int, r_non))


def _f21_poly(a, b, c_, x):
    """F(-n, b; c; x), a = -n (or b = -n): the series in x, or for x > 1/2
    (c - b)_n / (c)_n F(-n, b; b - c - n + 1; 1 - x) (DLMF 15.8.7), whose terms
    shrink like (1 - x)^k, where c - b is not an integer."""
    a_is = S.is_nonpos_int(a)
    b_is = S.is_nonpos_int(b)
    # the smaller degree goes first
    swap = B.and_(b_is, B.or_(B.not_(a_is), gt(b, a)))
    a, b = where(swap, b, a), where(swap, a, b)
    n = neg(a)
    one = c(x, 1)
    cb = sub(c_, b)
    use_t = B.and_(gt(x, c(x, 0.5)), B.not_(eq(cb, B.L.round(cb, rounding_method=1))))
    use_t = B.and_(use_t, B.not_(S.is_nonpos_int(c_)))
    nt = where(use_t, n, full(n, 0))

    def flags(carry):
        k, _ = carry
        return lt(k, nt)

    def body(i, carry):
        k, pr = carry
        return add(k, one), mul(pr, div(add(cb, k), add(c_, k)))

    _, pref = B.bounded_while(flags, body, (full(x, 0), full(x, 1)), S.MAX_TERMS)
    c2 = where(use_t, add(sub(sub(b, c_), n), one), c_)
    xt = where(use_t, sub(one, x), x)
    f = S.pfq_series((a, b), (c2,), xt)
    f = where(use_t, mul(pref, f), f)
    # 0 <= x <= 1/2, c > 0, c - b > -3: Euler's transformation (DLMF 15.8.1)
    # (1 - x)^{c-a-b} F(c - a, c - b; c; x), a convergent series whose terms keep
    # one sign after the first few, where the polynomial's own terms cancel.
    use_e = B.and_(B.and_(ge(x, c(x, 0)), le(x, c(x, 0.5))),
                   B.and_(gt(c_, c(c_, 0)), gt(cb, c(cb, -3))))
    xe = where(use_e, x, full(x, 0))
    fe = mul(B.L.pow(sub(one, xe), sub(sub(c_, a), b)), S.pfq_series((sub(c_, a), cb), (c_,), xe))
    return where(use_e, fe, f)


def _hyp2f1(a, b, c_, x):
    poly = B.or_(S.is_nonpos_int(a), S.is_nonpos_int(b))
    # x < 0: Pfaff's transformation (z = x / (x - 1) in (0, 1)), whose series has
    # terms of one sign where the direct one alternates
    neg_far = lt(x, c(x, 0))
    one = c(x, 1)
    # x in [-1/2, 1): direct; x < -1/2: Pfaff, z = x / (x - 1), w = 1 / (1 - x)
    xn = where(neg_far, x, full(x, -1))
    z = where(neg_far, div(xn, sub(xn, one)), where(lt(x, one), x, full(x, 0)))
    w = where(neg_far, div(one, sub(one, xn)), sub(one, z))
    # Pfaff: (1-x)^{-a} F(a, c-b; c; z) or (1-x)^{-b} F(c-a, b; c; z): the form
    # whose smaller parameter is larger (fewer sign changes in its terms)
    use_b = gt(B.L.min(sub(c_, a), b), B.L.min(a, sub(c_, b)))
    p1 = where(B.and_(neg_far, use_b), sub(c_, a), a)
    p2 = where(neg_far, where(use_b, b, sub(c_, b)), b)
    f = _f21_unit(p1, p2, c_, where(poly, full(x, 0), z), where(poly, full(x, 1), w))
    f = where(neg_far, mul(B.L.pow(w, where(use_b, b, a)), f), f)  # (1 - x)^{-a} = w^a
    # polynomials: the terminating series at x itself, or in 1 - x for x > 1/2
    xp = where(poly, x, full(x, 0))
    f = where(poly, _f21_poly(a, b, c_, xp), f)
    # x = 1 (Gauss), x > 1 (scipy: inf)
    m = sub(sub(c_, a), b)
    # divergent (c - a - b <= 0): +inf, except for a negative integer c - a - b, where
    # scipy 1.17 gives the sign of the true limit x -> 1-, that of Gamma(c) Gamma(a + b - c)
    # / (Gamma(a) Gamma(b)) (DLMF 15.4.23; hyp2f1(-0.3, 3.3, 2, 1) = -inf, but
    # hyp2f1(-0.3, 2.3, 1.5, 1) = +inf): the same here, for drop-in fidelity
    neg_int = B.and_(lt(m, c(m, 0)), eq(m, B.L.floor(m)))
    sgn = mul(mul(S.gamma_sign(c_), S.gamma_sign(neg(m))),
              mul(S.gamma_sign(a), S.gamma_sign(b)))
    div_inf = where(neg_int, mul(sgn, full(x, _INF)), full(x, _INF))
    gauss = where(gt(m, c(m, 0)), S.gamma_ratio((c_, where(gt(m, c(m, 0)), m, full(m, 1))),
                                                (sub(c_, a), sub(c_, b))), div_inf)
    f = where(B.and_(eq(x, one), B.not_(poly)), gauss, f)
    f = where(B.and_(gt(x, one), B.not_(poly)), full(x, _INF), f)
    f = where(B.and_(S.is_nonpos_int(c_), B.not_(poly)), full(x, _INF), f)
    # NaN x: every comparison above is false, which would route it to z = 0 (value 1)
    return where(B.isnan(x), full(x, np.nan), f)


@public
def hyp2f1(a, b, c, x):
    """Gauss hypergeometric function 2F1(a, b; c; x).

    Parameters
    ----------
    a, b, c : array_like
        Real parameters.
    x : array_like
        Real argument, ``x <= 1`` (``x > 1`` gives inf unless the series
        terminates, as in scipy), or complex: the principal branch, cut along
        ``[1, inf)``, whose side a signed zero imaginary part selects.

    Returns
    -------
    Array
        ``2F1(a, b; c; x)``.

    Notes
    -----
    See the module docstring for the regimes and the domain where the result
    is accurate.  Not differentiable with respect to the parameters.

    Complex x: each point goes to the one of z, z/(z-1), 1-z, 1/(1-z), 1/z,
    1-1/z (DLMF 15.8.1-15.8.5) of smallest modulus, with the limit form
    DLMF 15.8.10 for integer c-a-b or a-b; near exp(+-i pi/3), where all of
    them have modulus ~1, a Taylor expansion from the hypergeometric
    equation.  Accurate to ~1e-13 relative (complex128) for moderate
    parameters; complex64 to ~1e-5 where the two terms of a connection
    formula cancel.  Polynomials of high degree lose digits where their terms
    cancel (as in scipy).

    Examples
    --------
    >>> import jaxwrap.scipy.special as sp
    >>> print(f"{float(sp.hyp2f1(1.0, 1.0, 2.0, 0.5)):.4f}")  # -log(1 - x) / x
    1.3863
    """
    args = _prepare_cplx("hyp2f1", ("a", "b", "c", "x"), a, b, c, x)
    if args is not None:
        return _H2C_D(*args)
    a, b, c_, x = B.prepare("hyp2f1", ("a", "b", "c", "x"), a, b, c, x)
    return _HYP2F1_D(a, b, c_, x)


# --- 1F1 -------------------------------------------------------------------------------
def _asym_threshold(a, b, x):
    base = 40.0
    return B.L.max(c(x, base), mul(c(x, 4), add(abs_(a), abs_(b))))


def _f11_asymptotic(a, b, x, scaled):
    """M(a, b, x) ~ Gamma(b) / Gamma(a) e^x x^{a-b} sum_s (b-a)_s (1-a)_s / s! x^{-s}
    (DLMF 13.7.2, the dominant term, x -> +inf), summed to its smallest term
    (at most 60 terms); without the factor e^x when ``scaled``."""
    terms = 60
    one = c(x, 1)
    u, v = sub(b, a), sub(one, a)

    def body(i, carry):
        t, s, live = carry
        k = B.as_float(i, x)
        t2 = div(mul(mul(t, add(u, k)), add(v, k)), mul(add(k, one), x))
        live = B.and_(live, lt(abs_(t2), abs_(t)))
        return t2, where(live, add(s, t2), s), live

    _, s, _ = B.loop(terms, body, (full(x, 1), full(x, 1), B.L.ne(x, c(x, -1))))
    xab = B.L.pow(x, sub(a, b))
    if scaled:
        pw = xab
    else:
        # e^x x^{a-b}: as a product while e^x cannot overflow, else through logs
        direct = mul(exp(x), xab)
        vialog = exp(add(x, mul(sub(a, b), log(x))))
        pw = where(lt(x, c(x, 600.0 if B.is64(x) else 80.0)), direct, vialog)
    return mul(mul(S.gamma_ratio((b,), (a,)), pw), s)


def _f11_poly_large(a, b, x, scaled):
    """M(-m, b, x) (times e^{-x} when ``scaled``) for a polynomial (a = -m) at large x,
    from the top term down: M = (-x)^m / (b)_m sum_s (-m)_s (1 - b - m)_s / s! (-1/x)^s
    (the terminating second sum of DLMF 13.7.2, exact here).  The callers send
    x > m |1 - b - m| (and above the asymptotic threshold), where every term ratio is
    below 1: the series has no cancellation and ``pfq_series`` stops at its rounding
    level.  The prefactor x^m / (b)_m (e^{-x}) goes through logarithms, so an overflowing
    polynomial times a vanishing exponential gives its true (often 0) value, not NaN."""
    m = neg(a)
    ser = S.pfq_series((a, sub(sub(c(x, 1), b), m)), (), neg(B.recip(x)))
    bm = add(b, m)
    lpre = sub(sub(mul(m, log(x)), S.lgamma(bm)), B.neg(S.lgamma(b)))
    if scaled:
        lpre = sub(lpre, x)
    odd = B.L.ne(B.L.rem(m, c(x, 2)), c(x, 0))
    sgn = mul(mul(S.gamma_sign(bm), S.gamma_sign(b)), where(odd, full(x, -1), full(x, 1)))
    return mul(mul(sgn, exp(lpre)), ser)


def _f11_nonneg(a, b, x, scaled=False):
    """M(a, b, x) for x >= 0 (times e^{-x} when ``scaled``)."""
    thr = _asym_threshold(a, b, x)
    poly = S.is_nonpos_int(a)
    big = B.and_(gt(x, thr), B.not_(poly))
    xl = where(big, x, thr)
    if not scaled:
        # unscaled, a polynomial's series only overflows where its value does
        ser, sabs = S.pfq_series((a,), (b,), where(big, full(x, 0), x), with_abs=True)
        ser = where(big, _f11_asymptotic(a, b, xl, scaled), ser)
        return _f11_neg_a(a, b, x, ser, sabs, B.not_(poly), big)
    # scaled (Kummer's e^{-x} M(-m, b, x)): far out (x > m |1 - b - m|) the polynomial
    # from its top term with the e^{-x} in its logarithm (_f11_poly_large); the plain
    # series there overflows while e^{-x} underflows (inf * 0 = NaN)
    far = mul(neg(a), abs_(sub(sub(c(x, 1), b), neg(a))))
    pbig = B.and_(B.and_(poly, gt(x, thr)), gt(x, far))
    xs = where(B.or_(big, pbig), full(x, 0), x)
    ser = mul(exp(neg(xs)), S.pfq_series((a,), (b,), xs))
    xp = where(pbig, x, B.L.max(thr, add(far, c(x, 1))))
    ap = where(pbig, a, full(a, -1))
    r = where(pbig, _f11_poly_large(ap, b, xp, scaled), ser)
    return where(big, _f11_asymptotic(a, b, xl, scaled), r)


# The series' rounding error is at most ~eps sum|t_k| / |sum| (typically a tenth of
# it); the recurrences of _hyp1f1_neg lose ~eps (100 + 4 steps) (measured; 1e-14 ..
# 1e-12 in float64): they replace the series where the bound exceeds ten times that
# (a smaller factor took the recurrence where the series was still better: 456 ulp
# against the series' 67 at hyp1f1(-4.31, 5.04, 13.2)).
_NEG_STEP_ERR = (1000.0, 40.0)


def _f11_neg_a(a, b, x, ser, sabs, ok, big):
    """The series value ``ser`` (with sum|t_k| = ``sabs``), or for a < 0 non-integer,
    b > 0, 0 < x <= X_MAX where it cancelled (or where x is past the asymptotic
    threshold ``big``, whose one-term expansion misses the recessive part), the value
    from ``_hyp1f1_neg``; that path only runs (jaxwrap's cond) when some element
    needs it."""
    from . import _hyp1f1_neg as NA
    from ... import control

    zero = c(x, 0)
    ok = B.and_(ok, B.and_(B.and_(lt(a, c(a, 0)), gt(b, c(b, 0))), gt(x, zero)))
    ok = B.and_(ok, B.and_(le(x, c(x, NA.X_MAX)), le(b, c(b, NA.B_MAX))))
    n = NA.nsteps(where(ok, a, full(a, -0.5)), where(ok, b, full(b, 1)), where(ok, x, full(x, 1)))
    ok = B.and_(ok, le(n, c(x, NA.K_MAX)))
    est = add(c(x, _NEG_STEP_ERR[0]), mul(c(x, _NEG_STEP_ERR[1]), n))
    # past the threshold the one-term asymptotic value stands where (1) the recessive
    # part ~ Gamma(b) cos(pi a) x^{-a} / Gamma(b - a) is below 1e-17 of the dominant one
    # (DLMF 13.7.2; the truncation error of the dominant sum is of its size too) and
    # (2) that sum's terms fall from the first, (b - a)(1 - a) / x <= 1 (it stops at
    # the first term that does not: measured 0.9 relative off where they rise first)
    xs = where(big, x, full(x, 1))
    bs, as_ = where(big, b, full(b, 1)), where(big, a, full(a, -0.5))
    lrec = add(sub(S.lgamma(as_), S.lgamma(sub(bs, as_))),
               sub(mul(sub(bs, mul(c(x, 2), as_)), log(xs)), xs))
    rising = gt(mul(sub(bs, as_), sub(c(x, 1), as_)), xs)
    big = B.and_(big, B.or_(gt(lrec, c(x, -39.0)), rising))
    # (a series whose terms overflow, float32, counts as cancelled)
    lost = B.or_(gt(sabs, mul(est, abs_(ser))), B.not_(B.L.is_finite(sabs)))
    ok = B.and_(ok, B.or_(big, lost))
    anyok = B.L.reduce_or(ok, tuple(range(ok.ndim))) if ok.ndim else ok
    r = control.cond(anyok, lambda: NA.f11_neg(a, b, x, ok), lambda: ser)
    return where(ok, r, ser)


def _f11_at_inf(a, b, x):
    """M(a, b, +-inf), the limits of DLMF 13.2.4 and 13.7.2 (scipy 1.17 gives NaN or
    does not return there): a = 0: 1.  x = +inf: a = -m, a polynomial ~ (-x)^m / (b)_m,
    +-inf by the sign of (-1)^m / (b)_m; else ~ Gamma(b) / Gamma(a) e^x x^{a-b}, +-inf by
    the signs of Gamma(b), Gamma(a).  x = -inf (Kummer, M = e^x M(b - a, b, -x)): a = -m:
    (-x)^m / (b)_m, +-inf by the sign of (b)_m; b - a = 0, -1, ...: e^x times a
    polynomial, 0; else ~ Gamma(b) / Gamma(b - a) (-x)^{-a}: 0 for a > 0, +-inf by the
    signs of Gamma(b), Gamma(b - a) for a < 0."""
    one = full(x, 1)
    poly = S.is_nonpos_int(a)
    m = neg(a)
    odd = B.L.ne(B.L.rem(m, c(m, 2)), c(m, 0))
    sgn_bm = mul(S.gamma_sign(add(b, m)), S.gamma_sign(b))      # sign of (b)_m
    sg_b = S.gamma_sign(b)
    pos_poly = mul(where(odd, neg(one), one), sgn_bm)
    pos = where(poly, pos_poly, mul(sg_b, S.gamma_sign(a)))
    neg_gen = where(gt(a, c(a, 0)), full(x, 0), mul(full(x, _INF), mul(sg_b, S.gamma_sign(sub(b, a)))))
    negv = where(poly, mul(full(x, _INF), sgn_bm),
                 where(S.is_nonpos_int(sub(b, a)), full(x, 0), neg_gen))
    r = where(gt(x, c(x, 0)), mul(full(x, _INF), pos), negv)
    return where(eq(a, c(a, 0)), one, r)


def _hyp1f1(a, b, x):
    at_inf = B.isinf(x)
    r_inf = _f11_at_inf(a, b, x)
    x = where(at_inf, full(x, 1), x)
    r = _hyp1f1_finite(a, b, x)
    r = where(at_inf, r_inf, r)
    return where(S.is_nonpos_int(b), full(x, _INF), r)  # scipy: inf at the poles in b


def _hyp1f1_finite(a, b, x):
    neg_x = lt(x, c(x, 0))
    kummer = B.and_(neg_x, B.not_(S.is_nonpos_int(a)))
    xk = where(kummer, neg(x), full(x, 0))
    ak = where(kummer, sub(b, a), a)
    direct_x = where(kummer, full(x, 0), x)
    # direct: x >= 0, or the terminating series (a = 0, -1, -2, ...)
    r_direct = where(neg_x, S.pfq_series((a,), (b,), where(neg_x, direct_x, full(x, 0))),
                     _f11_nonneg(a, b, where(neg_x, full(x, 0), x)))
    # Kummer: e^x M(b - a, b, -x), the factor e^x folded into the evaluation
    r_kummer = _f11_nonneg(ak, b, xk, scaled=True)
    r = where(kummer, r_kummer, r_direct)
    use = _laguerre_case(a, b, x)
    return where(use, _f11_laguerre(a, b, x, use), r)


def _laguerre_case(a, b, x):
    """Polynomials a = -m at x > 0 with b > 0 (m <= N_MAX, the recurrence's cap)."""
    from ._orth import N_MAX
    ok = B.and_(S.is_nonpos_int(a), B.and_(gt(b, c(b, 0)), gt(x, c(x, 0))))
    return B.and_(ok, B.L.le(neg(a), c(a, float(N_MAX))))


def _f11_laguerre(a, b, x, use):
    """M(-m, b, x) = L_m^(b-1)(x) / binom(m + b - 1, m) (DLMF 13.6.19) by the Laguerre
    three-term recurrence: the alternating series cancels for x > 0 (hyp1f1(-50, 47.5,
    70) lost 14 digits: 8.8e-16 came out as 29), the recurrence does not (6e-14 there,
    against mpmath). The binomial goes through lgamma (b > 0)."""
    from ._orth import evaluate   # the orthogonal-polynomial cores (no cycle at import)
    m = where(use, neg(a), full(a, 0))
    bb = where(use, b, full(b, 1))
    n = B.L.convert_element_type(m, np.int32, False)
    lag = evaluate("genlaguerre", n, where(use, x, full(x, 1)), sub(bb, c(bb, 1)))
    lbinom = sub(S.lgamma(add(m, bb)), add(S.lgamma(bb), S.lgamma(add(m, c(m, 1)))))
    return div(lag, exp(lbinom))


@public
def hyp1f1(a, b, x):
    """Confluent hypergeometric function 1F1(a; b; x) (Kummer's M).

    Parameters
    ----------
    a, b : array_like
        Real parameters.
    x : array_like
        Real or complex argument.

    Returns
    -------
    Array
        ``1F1(a; b; x)``.

    Notes
    -----
    Uses Kummer's transformation for x < 0 and the asymptotic expansion for
    large |x| (see the module docstring).  Differentiable in x (jax.custom_jvp,
    DLMF 13.3.15); the derivative in a parameter is NaN.

    Complex x: the series (after Kummer's transformation for Re x < 0) or
    the two-term asymptotic expansion DLMF 13.7.2, whichever has the smaller
    error estimate; NaN where neither estimate is below 2e-13 (complex64:
    2e-6): moderate |x| (~8 to ~40 plus the parameters) away from the real
    axis.  Polynomials (a = 0, -1, ...) have no such gap.

    Examples
    --------
    >>> import jaxwrap.scipy.special as sp
    >>> print(f"{float(sp.hyp1f1(1.0, 1.0, -2.0)):.6f}")  # exp(x)
    0.135335
    """
    args = _prepare_cplx("hyp1f1", ("a", "b", "x"), a, b, x)
    if args is not None:
        return _CF1_D(*args)
    a, b, x = B.prepare("hyp1f1", ("a", "b", "x"), a, b, x)
    return _HYP1F1_D(a, b, x)


# --- 0F1 -------------------------------------------------------------------------------
_F01_SERIES_MIN = -6.0  # the series loses < 7 bits to cancellation above this x


def _hyp0f1(b, x):
    series_ok = ge(x, c(x, _F01_SERIES_MIN))
    xs = where(series_ok, x, full(x, 0))
    ser = S.pfq_series((), (b,), xs)
    from .bessel import jv  # sibling family module, imported when used

    y = where(series_ok, full(x, 1), neg(x))
    bb = where(series_ok, full(b, 1.5), b)
    nu = sub(bb, c(b, 1))
    jpart = jv(nu, mul(c(x, 2), B.sqrt(y)))
    gb = S.gamma_ratio((bb,), ())
    big = mul(mul(gb, B.L.pow(y, mul(c(x, -0.5), nu))), jpart)
    r = where(series_ok, ser, big)
    return where(S.is_nonpos_int(b), full(x, _NAN), r)


@public
def hyp0f1(v, z):
    """Confluent hypergeometric limit function 0F1(; v; z).

    Parameters
    ----------
    v : array_like
        Real parameter (NaN at non-positive integers, as scipy).
    z : array_like
        Real or complex argument.  Complex z: the series or the Bessel
        asymptotic expansion (DLMF 10.40.5 through 0F1 = Gamma(v)
        z^((1-v)/2) I_(v-1)(2 sqrt z)), whichever has the smaller error
        estimate; NaN where neither is below 2e-13 (complex64: 2e-6), which
        happens near the negative real axis for large |v|.

    Returns
    -------
    Array
        ``0F1(; v; z) = sum_k z^k / ((v)_k k!)``.

    Examples
    --------
    >>> import jaxwrap.scipy.special as sp
    >>> print(f"{float(sp.hyp0f1(0.5, 1.0)):.6f}")  # cosh(2 sqrt(z))
    3.762196
    """
    args = _prepare_cplx("hyp0f1", ("v", "z"), v, z)
    if args is not None:
        return _CF0_D(*args)
    v, z = B.prepare("hyp0f1", ("v", "z"), v, z)
    return _HYP0F1_D(v, z)



# --- derivatives in the argument (custom_jvp) ---------------------------------------------
# d/dx pFq(a; b; x) = prod a / prod b pFq(a + 1; b + 1; x) (DLMF 15.5.1, 13.3.15, 16.3.1),
# through the same (custom_jvp) function, so higher derivatives work too; the loops of
# the series are then never differentiated (reverse mode cannot go through a bounded
# while).  The derivative in a parameter has no closed form: NaN, never a silent 0.
def _with_dx(f, coef):
    from jax.custom_derivatives import SymbolicZero

    import jaxwrap.numpy as jnp

    g = jax.custom_jvp(f)

    def rule(primals, tangents):
        *p, x = primals
        *tp, tx = tangents
        y = g(*p, x)
        dy = jnp.zeros_like(y)
        if not isinstance(tx, SymbolicZero):
            up = g(*[jnp.add(v, 1.0) for v in p], x)
            dy = jnp.multiply(jnp.multiply(coef(*p), up), tx)
        for t in tp:
            if not isinstance(t, SymbolicZero):
                dy = jnp.add(dy, jnp.multiply(t, np.nan))
        return y, jnp.astype(dy, y.dtype)

    g.defjvp(rule, symbolic_zeros=True)
    return g


def _coef2(a, b, c_):
    return div(mul(a, b), c_)


def _recip(b):
    return B.recip(b)


_HYP2F1_D = _with_dx(_hyp2f1, _coef2)
_H2C_D = _with_dx(_H2C.hyp2f1, _coef2)
_HYP1F1_D = _with_dx(_hyp1f1, div)
_CF1_D = _with_dx(_CF.hyp1f1, div)
_HYP0F1_D = _with_dx(_hyp0f1, _recip)
_CF0_D = _with_dx(_CF.hyp0f1, _recip)

del log1p
