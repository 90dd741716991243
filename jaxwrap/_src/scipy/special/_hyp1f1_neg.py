"""Kummer's M(a, b, x) for non-integer a < 0, b > 0, x > 0 where its series cancels.

For a < 0 the terms of the Kummer series alternate in sign up to k ~ -a and the sum
can be smaller than its largest term by many orders of magnitude (hyp1f1(-43.5, 50,
65) ~ -6e-15 out of terms ~ 1e6: the series is 8e10 relative off).  Here instead:

1. Tricomi's expansion in Bessel functions (Abramowitz & Stegun 13.3.7),

       M(a, b, x) = Gamma(b) e^{x/2} sum_n A_n (x/2)^n (kappa x)^{(1-b-n)/2}
                    J_{b-1+n}(2 sqrt(kappa x)),      kappa = b/2 - a,
       A_0 = 1, A_1 = 0, A_2 = b/2, (n+1) A_{n+1} = (n+b-1) A_{n-1} + (2a-b) A_{n-2},

   converges fast and without cancellation when kappa is large against x, so it is
   evaluated at a_N = a - K and a_N + 1, with K (an integer) chosen so that
   kappa_N >= 6.25 x (ratio x / y <= 1/5, y = 2 sqrt(kappa_N x)), kappa_N >= x^3 / 9216
   (the coefficients A_n (x/y)^n grow like (q/3)^k / k! over n = 3k, q = |2a - b|
   (x/y)^3 = x^{3/2} / (4 sqrt(kappa)), and the sum cancels by up to e^{q/3}; q <= 24
   keeps that below e^8 ~ 3e3: without it, 1e-2 relative at x ~ 1000) and
   y >= b + x + 60 (then every order b - 1 + n, n < x + 40 terms, is below the
   argument y, where the forward recurrence of J in its order is stable: DLMF 10.6.1,
   Gil, Segura & Temme, "Numerical Methods for Special Functions", SIAM 2007, 4.5).
   J_{b-1} and J_b come from Hankel's expansion at the orders mu, mu + 1 in [0, 2)
   and the same recurrence (``_j_pair``).
2. The three-term recurrence in a (DLMF 13.3.1),
       a M(a+1) = (b - a) M(a-1) + (2a - b + x) M(a),
   run K - 1 steps upward, from (a_N, a_N + 1) to a.  Upward, for x > 0 above the
   lower turning point x > (sqrt(b - a) - sqrt(-a))^2, the recurrence is either in
   its oscillatory regime (both solutions of one size: no error growth) or in its
   monotone one near a ~ 0, where M (its e^x part) is the dominant solution:
   stable (Deano, Segura & Temme, "Computational properties of three-term recurrence
   relations for Kummer functions", J. Comput. Appl. Math. 233 (2010)).  The callers
   send only points above 1.5 times that turning point.

The values are carried scaled by Gamma(b) e^{x/2} (y_N/2)^{1-b}, applied at the end
through logarithms (no overflow or underflow on the way).  Measured against mpmath on
a grid a in [-100, 0), b in (0, 100], x in (0, 200] (see tools/make_hyp1f1_refs.py):
median ~2e-13, max ~1e-11 relative where the series lost up to 1e14; on x in
(260, 1000] (200 seeded points): median 3e-13 (x <= 500) .. 1e-11 (x ~ 1000), max
6e-10 (scipy 1.17: median 3e-14, max 4e-12): the Bessel arguments y ~ 2e4 carry
y eps of rounding and the recurrence ~1e5 steps.
"""

from __future__ import annotations

import numpy as np

from . import _hyp_base as B
from . import _hyp_series as S
from ._hyp_base import abs_, add, c, div, exp, full, gt, le, log, lt, mul, ne, sub, where

# Tricomi terms: with x / y <= 1/5 the terms fall below 1e-17 of the sum before
# n = x + 20 (measured over a in [-100, 0), b in (0, 100], x in [1, 200]; checked
# against mpmath up to x = 1000, tools/make_hyp1f1_refs.py); each element sums
# n < x + _EXTRA terms in a loop that stops at the largest such n, at most N_TERMS
# (static), so the callers send x <= X_MAX only.  (X_MAX was 260 before: beyond it the
# one-term asymptotic expansion stood, 100 % off where the recessive part or rising
# terms matter, e.g. hyp1f1(-98.07, 38.1, 262.0).)
_EXTRA = 40
X_MAX = 1000.0
N_TERMS = int(X_MAX) + _EXTRA
# Upward steps: K ~ max(6.25 x, x^3 / 9216, (b + x + 60)^2 / (4 x)) + a - b/2;
# K <= 120000 covers b <= 100, 2 <= x <= X_MAX = 1000 (1000^3 / 9216 + 100 ~ 108600;
# the callers keep the series or the asymptotic expansion beyond it).  Each step is a
# few flops per element: ~1e5 steps stay well under a second.
K_MAX = 120000


def steps(a, b, x):
    """The number K of upward steps (an integer-valued float of x's dtype)."""
    kap = sub(mul(c(b, 0.5), b), a)
    need = B.L.max(B.L.max(mul(c(x, 6.25), x), mul(mul(x, x), mul(x, c(x, 1 / 9216)))),
                   div(B.square(add(add(b, x), c(b, _EXTRA + 20))), mul(c(x, 4), x)))
    return B.L.max(B.L.ceil(sub(need, kap)), full(x, 0))


# Hankel's expansion below: for orders mu <= 2 and y >= 60 the k-th term is below
# prod_{j<=k} (2j - 1)^2 / (8 j y) <= k! / (2 y)^k: under 1e-22 at k = 20.
_HANKEL_TERMS = 20
# b - 1 is reached from the order in [0, 1) by floor(b) steps, at most _ORDER_STEPS:
# the callers send b <= B_MAX only (K <= K_MAX alone would let b reach ~4600 at
# x = X_MAX).
_ORDER_STEPS = 3000
B_MAX = float(_ORDER_STEPS)


def _j_pair(b, y):
    """(J_{b-1}(y), J_b(y)) for b > 0, y >= b + 60: Hankel's expansion (DLMF 10.17.3)
    at the orders mu, mu + 1 (mu = b - floor(b)), one step down to mu - 1 and floor(b)
    steps up (DLMF 10.6.1; every order stays below y, where the recurrence is stable
    in both directions: Gil, Segura & Temme 2007, 4.5)."""
    one = c(y, 1)
    fl = B.L.floor(b)
    mu = sub(b, fl)
    rz = B.recip(y)
    # Hankel's P, Q (DLMF 10.17.3) at both orders mu and mu + 1 in one loop:
    # t_k = t_{k-1} (4 nu^2 - (2k-1)^2) / (8 k y), P = sum_even (-1)^{k/2} t_k,
    # Q = sum_odd (-1)^{(k-1)/2} t_k
    m0 = mul(c(y, 4), mul(mu, mu))
    m1 = mul(c(y, 4), B.square(add(mu, one)))
    y8 = mul(c(y, 8), y)

    def hbody(i, carry):
        t0, t1, p0, q0, p1, q1 = carry
        k = add(B.as_float(i, y), one)                 # k = 1 .. _HANKEL_TERMS
        od = B.square(sub(mul(c(y, 2), k), one))
        den = mul(k, y8)
        t0 = div(mul(t0, sub(m0, od)), den)
        t1 = div(mul(t1, sub(m1, od)), den)
        # the sign (-1)^{floor(k/2)} and the parity of k
        half = mul(c(y, 0.5), k)
        odd = ne(half, B.L.floor(half))
        q4 = mul(c(y, 0.25), k)
        sg = where(lt(sub(q4, B.L.floor(q4)), c(y, 0.5)), one, c(y, -1))
        u0, u1 = mul(sg, t0), mul(sg, t1)
        return (t0, t1, where(odd, p0, add(p0, u0)), where(odd, add(q0, u0), q0),
                where(odd, p1, add(p1, u1)), where(odd, add(q1, u1), q1))

    o, z = full(y, 1), full(y, 0)
    _, _, p0, q0, p1, q1 = B.loop(_HANKEL_TERMS, hbody, (o, o, o, z, o, z))
    # J_nu = sqrt(2 / (pi y)) (P cos w - Q sin w), w = y - nu pi/2 - pi/4; for nu = mu + 1
    # (w shifted by -pi/2): sqrt(2 / (pi y)) (P sin w + Q cos w), w taken at mu
    ph = add(mul(c(y, 0.5 * np.pi), mu), c(y, 0.25 * np.pi))
    cy, sy, cp, sp_ = B.cos(y), B.sin(y), B.cos(ph), B.sin(ph)
    cw = add(mul(cy, cp), mul(sy, sp_))
    sw = sub(mul(sy, cp), mul(cy, sp_))
    amp = B.sqrt(mul(c(y, 2 / np.pi), rz))
    j0 = mul(amp, sub(mul(cw, p0), mul(sw, q0)))
    j1 = mul(amp, add(mul(sw, p1), mul(cw, q1)))
    jm = sub(mul(mul(mul(c(y, 2), mu), rz), j0), j1)      # J_{mu-1}

    def flags(carry):
        k, *_ = carry
        return lt(k, fl)

    def body(i, carry):
        k, lo, hi = carry
        order = add(sub(mu, one), add(k, one))               # order of ``hi``
        return add(k, one), hi, sub(mul(mul(mul(c(y, 2), order), rz), hi), lo)

    _, lo, hi = B.bounded_while(flags, body, (full(y, 0), jm, j0), _ORDER_STEPS)
    return lo, hi


def _tricomi_pair(a, b, x, K):
    """(M(a_N), M(a_N + 1)) over Gamma(b) e^{x/2} (y_N/2)^{1-b}, a_N = a - K, and the
    logarithm of that scale."""
    one = c(x, 1)
    aN = sub(a, K)
    half_b = mul(c(b, 0.5), b)
    k0 = sub(half_b, aN)                      # kappa at a_N, a_N + 1
    k1 = sub(k0, one)
    y0 = mul(c(x, 2), B.sqrt(mul(k0, x)))
    y1 = mul(c(x, 2), B.sqrt(mul(k1, x)))
    nu = sub(b, one)

    def two(u, v):            # the pair side by side on a new leading axis: one kernel
        return B.L.stack([u, v], 0)

    # J_{b-1}(y), J_b(y) at y0 and y1
    jnu, jnu1 = (B.L.unstack(j, 0) for j in _j_pair(two(b, b), two(y0, y1)))

    # the two Tricomi sums side by side: leading axis (a_N, a_N + 1)
    A2 = two(aN, add(aN, one))
    Bb = two(b, b)
    Y = two(y0, y1)
    r = div(two(x, x), Y)
    jm = two(jnu[0], jnu[1])
    jc = two(jnu1[0], jnu1[1])
    nu2 = two(nu, nu)
    coef = sub(mul(c(x, 2), A2), Bb)           # 2a - b
    # n = 0 and 1 (A_1 = 0); the loop adds n = 2 .. N_TERMS - 1
    # the coefficients carried as C_n = A_n (x/y)^n (no overflow of A_n, no underflow
    # of (x/y)^n): (n+1) C_{n+1} = (n+b-1) r^2 C_{n-1} + (2a-b) r^3 C_{n-2}, r = x/y
    r2 = mul(r, r)
    r3 = mul(r2, r)
    init = (full(r, 2), jm, jc, full(r, 1), full(r, 0), mul(mul(c(x, 0.5), Bb), r2), jm)
    nmax = add(two(x, x), c(x, _EXTRA))        # terms n < x + _EXTRA (orders below y)

    def more(carry):
        return lt(carry[0], nmax)

    def body(i, carry):
        nn, jm_, jc_, cm2, cm1, cn, s = carry  # n = 2, 3, ...
        live = lt(nn, nmax)
        jn = sub(div(mul(mul(c(r, 2), add(nu2, sub(nn, one))), jc_), Y), jm_)
        s = where(live, add(s, mul(cn, jn)), s)
        cnew = div(add(mul(mul(add(nn, sub(Bb, one)), r2), cm1), mul(mul(coef, r3), cm2)),
                   add(nn, one))
        # past n_max the orders may exceed y (unstable J recurrence): frozen
        return (add(nn, c(r, 1)), where(live, jc_, jm_), where(live, jn, jc_),
                where(live, cm1, cm2), where(live, cn, cm1), where(live, cnew, cn), s)

    # a bounded while: an element stops at its own n_max, the loop at the largest
    m0, m1 = B.L.unstack(B.bounded_while(more, body, init, N_TERMS - 2)[-1], 0)
    # (y1 / y0)^{1-b} = (kappa_1 / kappa_0)^{(1-b)/2}
    m1 = mul(m1, exp(mul(mul(c(x, 0.5), sub(one, b)), B.L.log1p(B.neg(div(one, k0))))))

    lscale = add(add(S.lgamma(b), mul(c(x, 0.5), x)), mul(sub(one, b), log(mul(c(x, 0.5), y0))))
    return m0, m1, lscale


def up_region(a, b, x):
    """Where the upward path applies (x >= b: no lower turning point on the way);
    elsewhere (x < b) the downward one."""
    return B.L.ge(x, b)


def f11_neg(a, b, x, active):
    """M(a, b, x) for the elements where ``active`` (a < 0 non-integer, b > 0,
    0 < x <= X_MAX, at most K_MAX steps: ``nsteps``); other elements get harmless
    parameters and an unspecified value.

    x >= b: Tricomi at a_N, a_N + 1 and the recurrence upward (module docstring).
    x < b: the recurrence downward from M(f) and M(f - 1), a = f - m, f in (0, 1),
    both by their series (x < b: no cancellation to speak of).  There the path starts
    below the lower turning point x = (sqrt(b - a) - sqrt(-a))^2, where M is the
    dominant solution downward, and goes on into the oscillatory regime (neutral):
    stable (Deano, Segura & Temme 2010); measured max 2e-12, median 4e-15 relative
    on the grid's x < b points."""
    one = c(x, 1)
    zero = c(x, 0)
    a = where(active, a, full(a, -0.5))
    b = where(active, b, full(b, 1))
    x = where(active, x, full(x, 1))
    up = up_region(a, b, x)
    K = where(active, nsteps(a, b, x), full(x, 0))
    Ku = where(up, K, full(x, 0))
    m0, m1, lscale = _tricomi_pair(a, b, x, Ku)
    # downward starts: M(f) and M(f - 1) (the series, scaled by M(f))
    f = sub(a, B.L.floor(a))
    xd = where(up, zero, x)
    stk = lambda u, v: B.L.stack([u, v], 0)  # noqa: E731  (both series in one loop)
    mf, mf1 = B.L.unstack(S.pfq_series((stk(f, sub(f, one)),), (stk(b, b),), stk(xd, xd)), 0)
    mf1 = div(mf1, mf)
    ym = where(up, m0, full(x, 1))
    yc = where(up, m1, mf1)
    aa = where(up, add(sub(a, Ku), one), sub(f, one))
    lscale = where(up, lscale, zero)

    # one loop, both directions (DLMF 13.3.1):
    #   up:   a M(a+1) = (b - a) M(a-1) + (2a - b + x) M(a)      (ym = M(a-1), yc = M(a))
    #   down: (b - a) M(a-1) = a M(a+1) - (2a - b + x) M(a)      (ym = M(a+1), yc = M(a))
    def flags(carry):
        k, *_ = carry
        return lt(k, sub(K, one))

    # the pair is rescaled by 2^-+60 whenever |M| leaves [2^-60, 2^60] (the amplitude
    # changes like kappa^{(1-b)/2} along the way: float32 overflowed), the exponent
    # kept in ``e2``
    big, tiny = c(x, 2.0 ** 60), c(x, 2.0 ** -60)

    def rec(i, carry):
        k, aa, ym, yc, e2 = carry
        q = add(sub(mul(c(x, 2), aa), b), x)
        p_, r_ = sub(b, aa), aa
        yn = div(add(mul(where(up, p_, r_), ym), mul(where(up, q, B.neg(q)), yc)),
                 where(up, r_, p_))
        hi = gt(abs_(yn), big)
        lo = B.and_(lt(abs_(yn), tiny), gt(abs_(yn), zero))
        f = where(hi, tiny, where(lo, big, one))
        e2 = add(e2, where(hi, full(x, 60), where(lo, full(x, -60), zero)))
        return add(k, one), where(up, add(aa, one), sub(aa, one)), mul(yc, f), mul(yn, f), e2

    _, _, _, ya, e2 = B.bounded_while(flags, rec, (full(x, 0), aa, ym, yc, full(x, 0)), K_MAX)
    ya = where(le(K, zero), where(up, m0, mf1), ya)
    lscale = add(lscale, mul(e2, c(x, np.log(2.0))))
    r = mul(B.sign(ya), exp(add(log(abs_(ya)), lscale)))
    return where(up, r, mul(r, mf))


def nsteps(a, b, x):
    """Recurrence steps of ``f11_neg``: K (upward) or ceil(-a) (downward)."""
    return where(up_region(a, b, x), steps(a, b, x), B.L.ceil(B.neg(a)))
