"""Gauss's hypergeometric function 2F1(a, b; c; z) for real a, b, c and complex z.

Principal branch, cut along [1, inf) (scipy's).  Every point z goes to the one of six
variables w below with the smallest |w|, where the power series in w (DLMF 15.2.1)
converges geometrically:

====================  ======================================  ==========================
w                     formula                                 degenerate when
====================  ======================================  ==========================
z                     the Gauss series                        never
z / (z - 1)           Pfaff, DLMF 15.8.1                      never
1 - z                 DLMF 15.8.4                             c - a - b an integer
1 / (1 - z)           DLMF 15.8.3 (Pfaff, then 15.8.4)        a - b an integer
1 / z                 DLMF 15.8.2                             a - b an integer
1 - 1 / z             DLMF 15.8.5                             c - a - b an integer
====================  ======================================  ==========================

Where a connection formula is degenerate (its two terms have poles that cancel), the
1 - z and 1 / (1 - z) variables use the limit form (DLMF 15.8.10, Abramowitz & Stegun
15.3.10-12: a finite sum and a logarithmic series, the real kernel's formula evaluated in
complex arithmetic), and the 1 / z and 1 - 1 / z variables are not used.

Points whose best usable |w| exceeds W_TAYLOR = 0.9 (next to exp(+-i pi / 3), where
every |w| is 1, and for integer a - b and c - a - b the arc |1 - z| ~ 1, Re z > 1/2)
take a Taylor step from z0 = 1 + 0.7 (z - 1) / |z - 1| with the coefficients of the
hypergeometric equation (see ``_taylor``); F(z0) and F'(z0) come from the
transformations, in the same stacked evaluation.  NaN is left only as a guard (best
|w| > W_MAX outside the Taylor region: not reached).  Polynomials (a or b a
non-positive integer) take their terminating series for |z| <= 1.5, c a non-positive
integer, or where no variable is usable, and otherwise the same choice without the
limit forms.  c a non-positive integer (not a polynomial): inf, as scipy's real code;
z = 0: 1.  A signed zero imaginary part selects the side of the cut, as in scipy.

The Gamma functions of all the formulas are evaluated in one stacked batch
(``_gamma_ratios``) and the two series of every formula in one loop: compile time.
"""

from __future__ import annotations

import math

import numpy as np

from ... import lax as L
from . import _hyp_base as B
from . import _hyp_series as S
from ._hyp_base import abs_, add, c, div, eq, exp, full, gt, le, log, lt, mul, neg, sub, where

# A series in w stops at its rounding level or after this many terms: |w| <= W_MAX
# takes ~log(eps) / log(W_MAX) + O(|a b / c|) terms (~1100 at 0.97 in float64).
W_MAX = 0.97
MAX_TERMS = 3000

_INF = float("inf")


def _cx(v, like):
    """A real array as ``like``'s complex dtype."""
    return L.convert_element_type(v, like.dtype, False)


def _cpow_log(logu, p):
    """exp(p log u) for real p, given log u."""
    return exp(mul(_cx(p, logu), logu))


def _series(num, den, w):
    """sum_k prod (num_i)_k / prod (den_j)_k w^k / k! for complex w, real parameters:
    until the term is below eps |sum| while the term ratio's modulus is below 1, at most
    MAX_TERMS terms (a terminating series stops at its zero term)."""
    aw = abs_(w)
    e = c(aw, S.eps(aw))
    one = c(aw, 1.0)

    def flags(carry):
        t, s, k, r = carry
        small = B.and_(le(abs_(t), mul(e, abs_(s))), lt(r, one))
        done = B.or_(B.or_(small, eq(abs_(t), c(aw, 0.0))), B.not_(B.L.is_finite(abs_(s))))
        return B.not_(done)

    def body(i, carry):
        t, s, k, _ = carry
        ratio = div(one, add(k, one))
        for p in num:
            ratio = mul(ratio, add(p, k))
        for q in den:
            ratio = div(ratio, add(q, k))
        t = mul(t, mul(_cx(ratio, w), w))
        return t, add(s, t), add(k, one), mul(abs_(ratio), aw)

    init = (full(w, 1), full(w, 1), full(aw, 0), full(aw, 2))
    return B.bounded_while(flags, body, init, MAX_TERMS)[1]


def _gamma_ratios(specs):
    """prod Gamma(num) / prod Gamma(den) for each ``(num, den)`` of ``specs`` (arrays of
    one shape), as ``_hyp_series.gamma_ratio`` computes them (zero at a pole of a
    denominator), with every Gamma function of the batch in one stacked evaluation: the
    compiled program holds one copy of the lgamma and recurrence code, not one per
    argument."""
    import jaxwrap.numpy as jnp

    args = [v for num, den in specs for v in (*num, *den)]
    X = jnp.stack(args)
    lim = c(X, S._SHIFT[B.is64(X)])
    small = le(abs_(X), lim)
    direct = jnp.unstack(S.gamma_small(where(small, X, full(X, 1.5))))
    lg = jnp.unstack(S.lgamma(X))
    sg = jnp.unstack(S.gamma_sign(X))
    ok_all = jnp.unstack(small)
    pole = jnp.unstack(S.is_nonpos_int(X))
    out, k = [], 0
    for num, den in specs:
        idx_n = range(k, k + len(num))
        idx_d = range(k + len(num), k + len(num) + len(den))
        k += len(num) + len(den)
        x = args[idx_n[0] if num else idx_d[0]]
        ok = B.not_(B.L.ne(x, x))
        d, lsum, sgn = full(x, 1), full(x, 0), full(x, 1)
        for i in idx_n:
            ok = B.and_(ok, ok_all[i])
            d, lsum, sgn = mul(d, direct[i]), add(lsum, lg[i]), mul(sgn, sg[i])
        for i in idx_d:
            ok = B.and_(ok, ok_all[i])
            d, lsum, sgn = div(d, direct[i]), sub(lsum, lg[i]), mul(sgn, sg[i])
        r = where(ok, d, mul(sgn, exp(lsum)))
        for i in idx_d:
            r = where(pole[i], full(x, 0), r)
        out.append(r)
    return out


def _limit_params(a, b, c_):
    """m = c - a - b rounded, p = |m|, m < 0, and (A, B) of the limit form."""
    m = B.L.round(sub(sub(c_, a), b), rounding_method=1)
    p = abs_(m)
    neg_m = lt(m, c(m, 0))
    return m, p, neg_m, where(neg_m, add(a, m), a), where(neg_m, add(b, m), b)


def _is_int(v, scale):
    """v within the rounding of the parameters (``scale`` their size) of an integer."""
    tol = mul(c(v, 8 * S.eps(v)), scale)
    return le(abs_(sub(v, B.L.round(v, rounding_method=1))), tol)


def _one_minus_int(a, b, c_, w, logw, lp, ratios, psis):
    """F(a, b; c; 1 - w) for c - a - b = m an integer: the limit form (A&S 15.3.10-12,
    DLMF 15.8.10) with p = |m| and (A, B) = (a, b) for m >= 0, (a + m, b + m) for m < 0:
    F = w^{min(m, 0)} [Gamma(p) Gamma(c) / (Gamma(A + p) Gamma(B + p)) sum_{n < p}
    (A)_n (B)_n / (n! (1 - p)_n) w^n - (-1)^p Gamma(c) / (Gamma(A) Gamma(B)) w^p
    sum_n (A + p)_n (B + p)_n / (n! (n + p)!) w^n (log w - psi(n + 1) - psi(n + p + 1)
    + psi(A + p + n) + psi(B + p + n))], digammas by psi(x + 1) = psi(x) + 1/x.
    The finite sum has p <= MAX_TERMS terms; the log series converges like |w|^n.
    ``lp = _limit_params(a, b, c)``; ``ratios`` = (Gamma(p) Gamma(c) / (Gamma(A + p)
    Gamma(B + p)), Gamma(c) / (Gamma(A) Gamma(B)), 1 / Gamma(p + 1)); ``psis`` =
    (psi(p + 1), psi(A + p), psi(B + p)) (computed by the caller in one batch)."""
    m, p, neg_m, A, Bb = lp
    one = c(a, 1.0)
    aw = abs_(w)

    def fin_flags(carry):
        n, _, _ = carry
        return lt(n, p)

    def fin_body(i, carry):
        n, t, s = carry
        r = div(mul(add(A, n), add(Bb, n)), mul(add(n, one), add(sub(one, p), n)))
        t2 = mul(t, mul(_cx(r, w), w))
        n1 = add(n, one)
        return n1, t2, where(lt(n1, p), add(s, t2), s)

    _, _, fin = B.bounded_while(fin_flags, fin_body, (full(a, 0), full(w, 1), full(w, 1)),
                                MAX_TERMS)
    fin = mul(fin, _cx(ratios[0], w))
    fin = where(eq(p, c(p, 0)), full(w, 0), fin)

    e = c(aw, S.eps(aw))
    Ap, Bp = add(A, p), add(Bb, p)

    def log_flags(carry):
        n, t, s, *_ = carry
        return B.and_(gt(abs_(t), mul(e, abs_(s))), B.L.is_finite(abs_(s)))

    def log_body(i, carry):
        n, t, s, p1, pm, pa, pb = carry
        n1 = add(n, one)
        r = div(mul(add(Ap, n), add(Bp, n)), mul(n1, add(n1, p)))
        t = mul(t, mul(_cx(r, w), w))
        p1, pm = add(p1, div(one, n1)), add(pm, div(one, add(n1, p)))
        pa, pb = add(pa, div(one, add(Ap, n))), add(pb, div(one, add(Bp, n)))
        term = mul(t, add(logw, _cx(add(sub(neg(p1), pm), add(pa, pb)), w)))
        return n1, t, add(s, term), p1, pm, pa, pb

    psi1 = full(a, -B.EULER)
    psim, psia, psib = psis
    t0 = _cx(ratios[2], w)
    s0 = mul(t0, add(logw, _cx(add(sub(neg(psi1), psim), add(psia, psib)), w)))
    carry = (full(a, 0), t0, s0, psi1, psim, psia, psib)
    logs = B.bounded_while(log_flags, log_body, carry, MAX_TERMS)[2]
    sgn = where(eq(B.L.rem(p, c(p, 2)), c(p, 0)), full(a, 1), full(a, -1))
    pre = mul(_cx(mul(sgn, ratios[1]), w), _cpow_log(logw, p))
    out = sub(fin, mul(pre, logs))
    return where(neg_m, mul(_cpow_log(logw, m), out), out)


def _radii(a, b, c_, z):
    """|w| of the six variables (inf where the formula is unusable), the best and which."""
    rz = abs_(z)
    zm1 = sub(z, c(z, 1.0))
    scale = add(add(abs_(a), abs_(b)), abs_(c_))
    m_int = _is_int(sub(sub(c_, a), b), scale)
    d_int = _is_int(sub(a, b), scale)
    inf = c(rz, _INF)
    one = c(rz, 1.0)
    # the limit forms' gamma functions meet poles for polynomials: not used for them
    poly = B.or_(S.is_nonpos_int(a), S.is_nonpos_int(b))
    r = [rz,                                            # 0: z
         div(rz, abs_(zm1)),                            # 1: z / (z - 1)
         where(B.and_(poly, m_int), inf, abs_(zm1)),    # 2: 1 - z (limit form if m_int)
         where(B.and_(poly, d_int), inf, div(one, abs_(zm1))),  # 3: 1 / (1 - z) (d_int: limit)
         where(d_int, inf, div(one, rz)),               # 4: 1 / z
         where(m_int, inf, div(abs_(zm1), rz))]         # 5: 1 - 1 / z
    best = r[0]
    pick = full(rz, 0)
    for k in range(1, 6):
        better = lt(r[k], best)
        best = where(better, r[k], best)
        pick = where(better, full(rz, k), pick)
    return best, pick, m_int, d_int


def _select(a, b, c_, z):
    """2F1 through the variable of smallest |w|; NaN beyond W_MAX (not polynomials).

    Every variable's formula has the shape  P1 G1 S1 + P2 G2 S2:  S_i = 2F1(n_i1, n_i2;
    d_i; w) series, G_i = Gamma(c) Gamma(g_i) / (Gamma(h_i1) Gamma(h_i2)), P_i a power of
    z, 1 - z or -z.  Each element picks its row of parameters, so one loop sums the
    series of every element (the two series stacked) and one call makes the gamma
    ratios; the limit forms run in one more call.
    """
    import jaxwrap.numpy as jnp

    best, pick, m_int, d_int = _radii(a, b, c_, z)
    poly = B.or_(S.is_nonpos_int(a), S.is_nonpos_int(b))
    one = c(z, 1.0)
    # polynomials out of reach of every series, at z = 1, for |z| <= 1.5 or c a
    # non-positive integer (the connection formulas' Gamma functions meet poles): their
    # terminating series
    far = B.or_(B.or_(gt(best, c(best, W_MAX)), eq(z, one)),
                B.or_(le(abs_(z), c(best, 1.5)), S.is_nonpos_int(c_)))
    pick = where(B.and_(poly, far), full(best, 0), pick)
    sel = [eq(pick, c(pick, k)) for k in range(6)]
    one_r = c(a, 1.0)
    zero_r = full(a, 0)
    m = sub(sub(c_, a), b)
    # logarithms for the powers (z = 1 itself is Gauss's sum, set by the caller)
    zs = where(B.or_(sel[0], eq(z, one)), full(z, 0.5), z)
    l1z = log(sub(one, zs))                             # log(1 - z)
    lmz = log(neg(zs))                                  # log(-z)
    lz = log(zs)                                        # log z
    w = [z, div(zs, sub(zs, one)), sub(one, zs), div(one, sub(one, zs)), div(one, zs),
         div(sub(zs, one), zs)]
    # Pfaff: (1 - z)^{-a} F(a, c - b; c; z/(z-1)) or (1 - z)^{-b} F(c - a, b; c; ...):
    # the form whose smaller parameter is larger (fewer sign changes in its terms);
    # a polynomial keeps its non-positive integer parameter (a terminating series)
    use_b = gt(B.L.min(sub(c_, a), b), B.L.min(a, sub(c_, b)))
    use_b = B.and_(use_b, B.not_(S.is_nonpos_int(a)))
    use_b = B.or_(use_b, B.and_(S.is_nonpos_int(b), B.not_(S.is_nonpos_int(a))))
    pa = where(use_b, b, a)
    cma, cmb, amb = sub(c_, a), sub(c_, b), sub(a, b)
    am1 = add(sub(a, c_), one_r)                        # a - c + 1
    # per variable: (n11, n12, d1), (g1, h11, h12), (n21, n22, d2), (g2, h21, h22), and
    # log P1, log P2 (None: P = 1; second term absent where n21 is None)
    rows = [
        ((a, b, c_), None, None, None, None, None),
        ((where(use_b, cma, a), where(use_b, b, cmb), c_), None, None, None,
         mul(_cx(neg(pa), z), l1z), None),
        ((a, b, sub(one_r, m)), (m, cma, cmb), (cma, cmb, add(one_r, m)), (neg(m), a, b),
         None, mul(_cx(m, z), l1z)),
        ((a, cmb, add(amb, one_r)), (neg(amb), b, cma), (cma, b, sub(one_r, amb)),
         (amb, a, cmb), mul(_cx(neg(a), z), l1z), mul(_cx(neg(b), z), l1z)),
        ((a, am1, add(amb, one_r)), (neg(amb), b, cma),
         (b, add(sub(b, c_), one_r), sub(one_r, amb)), (amb, a, cmb),
         mul(_cx(neg(a), z), lmz), mul(_cx(neg(b), z), lmz)),
        ((a, am1, sub(one_r, m)), (m, cma, cmb), (cma, sub(one_r, a), add(one_r, m)),
         (neg(m), a, b), mul(_cx(neg(a), z), lz),
         add(mul(_cx(m, z), l1z), mul(_cx(sub(a, c_), z), lz))),
    ]

    def choose(j, i, default):
        out = default
        for k, row in enumerate(rows):
            v = row[j]
            if v is not None:
                out = where(sel[k], v[i] if i is not None else v, out)
        return out

    ww = zero = full(z, 0)
    for k in range(6):
        ww = where(sel[k], w[k], ww)
    second = B.not_(B.or_(sel[0], sel[1]))
    n1 = [choose(0, i, one_r) for i in range(3)]
    n2 = [where(second, choose(2, i, one_r), zero_r if i == 0 else one_r) for i in range(3)]
    g1 = [choose(1, i, one_r) for i in range(3)]
    g2 = [choose(3, i, one_r) for i in range(3)]
    lp1 = choose(4, None, zero)
    lp2 = choose(5, None, zero)
    # the degenerate 1 - z (c - a - b an integer) and 1/(1 - z) (a - b an integer): the
    # limit form, for F(a, b; c; 1 - z) or (1 - z)^{-a} F(a, c - b; c; zeta), 1 - zeta = w
    lim = B.or_(B.and_(sel[2], m_int), B.and_(sel[3], d_int))
    st = lambda u, v: jnp.stack([u, v])                 # noqa: E731
    ser = _series((st(n1[0], n2[0]), st(n1[1], n2[1])), (st(n1[2], n2[2]),),
                  st(where(lim, zero, ww), where(B.or_(lim, B.not_(second)), zero, ww)))
    s1, s2 = jnp.unstack(ser)
    # every Gamma function in one batch: the two terms, the limit form, Gauss's sum
    lb = where(sel[3], cmb, b)
    cl = where(lim, c_, add(add(a, lb), one_r))
    lp = _limit_params(a, lb, cl)
    _, p_, _, A_, B_ = lp
    mpos = gt(m, c(m, 0))
    G1, G2, Rf, Rl, Rp, gauss = _gamma_ratios([
        ((c_, g1[0]), (g1[1], g1[2])), ((c_, g2[0]), (g2[1], g2[2])),
        ((p_, cl), (add(A_, p_), add(B_, p_))), ((cl,), (A_, B_)), ((), (add(p_, one_r),)),
        ((c_, where(mpos, m, one_r)), (cma, cmb))])
    psis = jnp.unstack(S.digamma(jnp.stack([add(p_, one_r), add(A_, p_), add(B_, p_)])))
    G1, G2 = _cx(G1, z), _cx(G2, z)
    t1 = mul(s1, where(B.or_(sel[0], sel[1]), one, G1))
    t1 = mul(t1, exp(lp1))
    t2 = where(second, mul(mul(s2, G2), exp(lp2)), zero)
    f = add(t1, t2)
    wl = where(lim, ww, full(z, 0.25))
    ll = where(lim, where(sel[3], neg(l1z), l1z), full(z, math.log(0.25)))
    fl = _one_minus_int(a, lb, cl, wl, ll, lp, (Rf, Rl, Rp), psis)
    fl = where(sel[3], mul(fl, exp(mul(_cx(neg(a), z), l1z))), fl)
    f = where(lim, fl, f)
    nan = c(z, complex(math.nan, math.nan))
    f = where(B.and_(gt(best, c(best, W_MAX)), B.not_(poly)), nan, f)
    # z = 1: Gauss's sum for c - a - b > 0, inf otherwise
    gauss = where(mpos, _cx(gauss, z), c(z, _INF))
    return where(B.and_(eq(z, one), B.not_(poly)), gauss, f)


# Points whose best |w| exceeds W_TAYLOR (all of them have 0.9 < |1 - z| < 1/0.9: the
# variables 1 - z and 1/(1 - z) are always usable) go through a Taylor expansion of 2F1
# about z0 = 1 + RHO (z - 1)/|z - 1|, where 1 - z0 is the variable (|w| = RHO).  The
# coefficients follow from the hypergeometric equation z(1-z)F'' + (c - (a+b+1)z)F' - ab F
# = 0 (DLMF 15.10.1) about an ordinary point:  with d_n = F^(n)(z0) h^n / n!, h = z - z0,
# z0(1-z0)(n+1)(n+2) d_{n+2} = (n+a)(n+b) h^2 d_n - (n+1)((1-2 z0) n + c - (a+b+1) z0) h d_{n+1}.
# Convergence radius min(|z0|, |1 - z0|) = RHO (|z0| >= 0.77 there), |h| <= 1/0.9 - RHO:
# the terms fall like 0.59^n, 120 terms (float64; 60 in float32) reach the rounding.
W_TAYLOR = 0.9
RHO = 0.7


def _taylor(a, b, c_, z0, h, f0, df0, nterms):
    one = c(z0, 1.0)
    k = c(a, 1.0)
    den0 = mul(z0, sub(one, z0))
    lin = sub(_cx(c_, z0), mul(_cx(add(add(a, b), k), z0), z0))
    h2 = mul(h, h)
    d1 = mul(df0, h)

    def body(i, carry):
        n, dm, d, s = carry
        n1 = add(n, k)
        t1 = mul(_cx(mul(add(n, a), add(b, n)), z0), mul(h2, dm))
        t2 = mul(mul(_cx(n1, z0), add(mul(sub(one, add(z0, z0)), _cx(n, z0)), lin)), mul(h, d))
        dn = div(sub(t1, t2), mul(den0, _cx(mul(n1, add(n1, k)), z0)))
        return n1, d, dn, add(s, dn)

    init = (full(a, 0), f0, d1, add(f0, d1))
    return B.loop(nterms, body, init)[3]


def hyp2f1(a, b, c_, z):
    """2F1 for broadcast real a, b, c (z's real dtype) and complex z."""
    import jaxwrap.numpy as jnp


    # the two sides of the cut [1, inf): a signed zero imaginary part becomes a tiny
    # number of its sign (2^40 times the smallest normal one, so that products with
    # O(1) factors stay normal: XLA flushes subnormals), which the arithmetic below
    # cannot lose; it moves F by ~1e-296 (float32: ~1e-26) relative
    z_in = z
    re, im = B.L.real(z), B.L.imag(z)
    tiny = c(im, np.finfo(im.dtype).tiny * 2.0**40)
    on_cut = B.and_(eq(im, c(im, 0.0)), gt(re, c(re, 1.0)))
    z = where(on_cut, B.L.complex(re, where(jnp.signbit(im), neg(tiny), tiny)), z)
    best, *_ = _radii(a, b, c_, z)
    poly = B.or_(S.is_nonpos_int(a), S.is_nonpos_int(b))
    tay = B.and_(gt(best, c(best, W_TAYLOR)), B.not_(poly))
    one = c(z, 1.0)
    zm1 = sub(z, one)
    dist = _cx(abs_(zm1), z)
    z0 = where(tay, add(one, mul(c(z, RHO), div(zm1, where(tay, dist, one)))), full(z, 0))
    # one evaluation for z (Taylor points masked to 0), z0 with (a, b, c) and z0 with
    # (a + 1, b + 1, c + 1) for F'(z0) = ab/c F(a + 1, b + 1; c + 1; z0)
    k = c(a, 1.0)
    zz = jnp.stack([where(tay, full(z, 0), z), z0, z0])
    aa, bb, cc = (jnp.stack([p, p, add(p, k)]) for p in (a, b, c_))
    f_all = _select(aa, bb, cc, zz)
    f, fz0, g = jnp.unstack(f_all)
    df0 = mul(_cx(div(mul(a, b), c_), z), g)
    h = where(tay, sub(z, z0), full(z, 0))
    ft = _taylor(a, b, c_, z0, h, fz0, df0, 120 if B.is64(z) else 60)
    f = where(tay, ft, f)
    f = where(B.and_(S.is_nonpos_int(c_), B.not_(poly)), c(z, _INF), f)
    return where(eq(z_in, c(z, 0.0)), one, f)                 # scipy: 1 at z = 0 always
