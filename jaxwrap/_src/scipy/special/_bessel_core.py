"""Kernels of the Bessel family (private): real order v >= 0, real x > 0.

Every public Bessel function of real argument is a thin layer over three
cores, all written with jaxwrap primitives through ``_bessel_expr.E``:

``jy(v, x)``  (J_v(x), Y_v(x))
    * J: Miller's backward recurrence (DLMF 10.74(iv); Olver 1964) from a
      start order M above max(v, x), normalised with Neumann's sum
      (x/2)^mu / Gamma(1+mu) = sum_k (mu+2k) Gamma(mu+k)/(k! Gamma(1+mu)) J_{mu+2k}(x)
      (DLMF 10.23.15 with the Gegenbauer weights at cos = 1), mu = frac(v);
      for x >= X_HANKEL and v < x instead the Hankel expansion (DLMF 10.17.3)
      at orders mu, mu+1 and forward recurrence (stable for order < x).
    * Y: Y_mu, Y_{mu+1} (|mu| <= 1/2) from Temme's series (Temme 1976,
      J. Comput. Phys. 21) for x <= 2, Steed's CF2 (Barnett et al. 1974;
      Thompson & Barnett 1986) with J_mu for 2 < x < X_HANKEL, the Hankel
      expansion beyond; then forward recurrence (always stable for Y).
``ik(v, x)``  (e^{-x} I_v(x), e^{x} K_v(x))
    * K_mu, K_{mu+1}: Temme's series (Temme 1975, J. Comput. Phys. 19) for
      x <= 2, Steed's CF2 for x > 2; forward recurrence to K_v (stable).
    * I_v from the Wronskian I_v K_{v+1} + I_{v+1} K_v = 1/x (DLMF 10.28.2)
      with the ratio I_{v+1}/I_v from the continued fraction CF1
      (DLMF 10.33.1), evaluated bottom-up from a start depth chosen per
      element.

Loops: every recurrence runs in a ``while`` loop whose trip count is the
largest count the batch needs, capped by a static maximum (``MAX_STEPS``);
elements needing fewer steps are masked.  Past the cap (orders or arguments
beyond ``MAX_STEPS``) the result is NaN rather than a wrong number.
"""

from __future__ import annotations

import math

import jax
import numpy as np

from ... import lax as L
from ._bessel_expr import (
    E,
    any_,
    cos,
    cosh,
    exp,
    floor,
    full,
    horner,
    log,
    max_all,
    maximum,
    pow,
    round,
    sin,
    sinh,
    sqrt,
    where,
)
from . import _bessel_expr as X
from ... import control
from ...control import fori_loop

# Taylor coefficients of 1/Gamma(1+z) about z = 0 (DLMF 5.7.1), computed with
# mpmath (``mpmath.taylor(lambda z: 1/mpmath.gamma(1+z), 0, 30)``, 40 digits);
# 30 terms give 1/Gamma(1+z) to < 1e-19 for |z| <= 1.
_RGAMMA1P = [
    1.0, 0.5772156649015328606065121, -0.6558780715202538810770195,
    -0.04200263503409523552900393, 0.1665386113822914895017008, -0.04219773455554433674820830,
    -0.009621971527876973562114922, 0.007218943246663099542395010, -0.001165167591859065112113971,
    -0.0002152416741149509728157300, 0.0001280502823881161861531986, -0.00002013485478078823865568939,
    -1.250493482142670657345359e-6, 1.133027231981695882374130e-6, -2.056338416977607103450154e-7,
    6.116095104481415817862499e-9, 5.002007644469222930055665e-9, -1.181274570487020144588127e-9,
    1.043426711691100510491540e-10, 7.782263439905071254049937e-12, -3.696805618642205708187816e-12,
    5.100370287454475979015481e-13, -2.058326053566506783222429e-14, -5.348122539423017982370017e-15,
    1.226778628238260790158893e-15, -1.181259301697458769513765e-16, 1.186692254751600332579777e-18,
    1.412380655318031781555804e-18, -2.298745684435370206592479e-19, 1.714406321927337433383963e-20,
]

MAX_STEPS = 20000       # static cap of every recurrence / continued-fraction loop


# --- per-dtype plans: term counts from the truncation error -----------------------------
def _plan(dtype):
    f64 = np.dtype(dtype) == np.float64
    return dict(
        temme=20 if f64 else 11,      # x <= 2: (x^2/4)^k / (k!)^2-like decay, < eps at k = 20 / 11
        cf2=160 if f64 else 30,       # iterations of the K CF2 / depth of the J-Y CF2 at x >= 2 (K: 160 reach eps at x = 2; measured)
        hankel=24 if f64 else 10,     # Hankel terms at x >= X_HANKEL (first omitted < eps/2)
        x_hankel=25.0 if f64 else 12.0,
        miller_c=14.0 if f64 else 8.0,   # start order margin c * max(v, x)^(1/3) + 2c
        cf1_c=46.0 if f64 else 22.0,     # CF1 depth: sqrt((v+1)^2 + c x) - v + 10
    )


def rgamma1p(mu: E) -> E:
    """1 / Gamma(1 + mu) for |mu| <= 1."""
    return horner(mu, _RGAMMA1P)


def _temme_gammas(mu: E):
    """Temme's Gamma1(mu) = (1/G(1-mu) - 1/G(1+mu)) / (2 mu), Gamma2 = (1/G(1-mu) + 1/G(1+mu))/2,
    and 1/G(1+mu), 1/G(1-mu), from the even and odd parts of the series above."""
    m2 = mu * mu
    g1 = -horner(m2, _RGAMMA1P[1::2])
    g2 = horner(m2, _RGAMMA1P[0::2])
    return g1, g2, g2 - mu * g1, g2 + mu * g1


def _sinhc(s: E) -> E:
    return where(X.abs(s) < 1e-8, 1.0 + s * s * (1.0 / 6.0), sinh(s) / where(s.eq(0), 1.0, s))


def _mu_pi_over_sin(mu: E) -> E:
    return where(X.abs(mu) < 1e-8, 1.0 + mu * mu * (math.pi ** 2 / 6), (mu * math.pi) / where(mu.eq(0), 1.0, sin(mu * math.pi)))


# --- a bounded, masked loop ---------------------------------------------------------------
def bounded_loop(n_steps, body, init):
    """Run ``body(i, carry)`` for i = 0 .. n_steps-1, with ``n_steps`` a traced int32 scalar
    no larger than MAX_STEPS (the caller clamps it): a ``while`` loop whose trip count is
    data dependent but statically bounded."""
    n_steps = L.min(n_steps, np.int32(MAX_STEPS))

    def cond(c):
        return L.lt(c[0], n_steps)

    def step(c):
        i, carry = c
        return L.add(i, np.int32(1)), body(i, carry)

    return jax.lax.while_loop(cond, step, (np.int32(0), init))[1]


def _count(n: E):
    """max over the batch of the float counts ``n`` as an int32 scalar, clamped to MAX_STEPS."""
    m = max_all(X.minimum(X.maximum(n, 0.0), float(MAX_STEPS)))
    return L.convert_element_type(m, np.int32, False)


def _i(i, like: E) -> E:
    """The loop counter as an array of ``like``'s dtype and shape."""
    return E(L.broadcast_in_dim(L.convert_element_type(i, like.dtype, False), like.shape, ()))


# --- K: Temme's series and Steed's CF2 -----------------------------------------------------
def k_mu(mu: E, x: E):
    """(e^x K_mu(x), e^x K_{mu+1}(x)) for |mu| <= 1/2, x > 0: Temme's series for x <= 2,
    Steed's CF2 for 2 < x < X_HANKEL, Hankel's expansion (DLMF 10.40.2) beyond."""
    p = _plan(x.dtype)
    small = x <= 2.0
    large = x >= p["x_hankel"]
    xs = where(small, x, 1.0)
    xm = where(small | large, 3.0, x)
    xl = where(large, x, p["x_hankel"])
    k0s, k1s = _k_temme(mu, xs, p["temme"])
    es = exp(xs)
    k0m, k1m = _k_cf2(mu, xm, p["cf2"])
    amp = sqrt((math.pi / 2.0) / xl)
    k0l = amp * hankel_sum(mu, xl, p["hankel"], False)
    k1l = amp * hankel_sum(mu + 1.0, xl, p["hankel"], False)
    k0 = where(small, k0s * es, where(large, k0l, k0m))
    k1 = where(small, k1s * es, where(large, k1l, k1m))
    return k0, k1


def hankel_sum(nu: E, x: E, n: int, alternate: bool) -> E:
    """sum_{k<n} (+-1)^k a_k(nu) / x^k, a_k(nu) = prod_{j<=k} (4 nu^2 - (2j-1)^2) / (k! 8^k)
    (DLMF 10.17.1): the series of K (all +) and of I (alternating, DLMF 10.40.1-2)."""
    m4 = 4.0 * nu * nu
    inv8x = 1.0 / (8.0 * x)
    sgn = -1.0 if alternate else 1.0

    def body(i, c):
        term, acc = c
        k = _i(i, x)
        term = term * (m4 - (2.0 * k - 1.0) * (2.0 * k - 1.0)) * inv8x / k * sgn
        return term, acc + term
    return fori_loop(1, n, body, (full(x, 1.0), full(x, 1.0)))[1]


def _k_temme(mu, x, n):
    # Temme (1975), eqs. (2.5)-(2.8): K_mu = sum c_k f_k, K_{mu+1} = (2/x) sum c_k h_k.
    g1, g2, gp, gm = _temme_gammas(mu)
    lx = -log(x * 0.5)                       # log(2/x)
    sig = mu * lx
    f = _mu_pi_over_sin(mu) * (cosh(sig) * g1 + _sinhc(sig) * lx * g2)
    e = exp(sig)                             # (x/2)^(-mu)
    pk = 0.5 * e / gp                        # (1/2) (x/2)^(-mu) Gamma(1+mu)
    qk = 0.5 / (e * gm)                      # (1/2) (x/2)^(mu) Gamma(1-mu)
    t = x * x * 0.25

    def body(i, c):
        f, pk, qk, ck, s0, s1 = c
        k = _i(i, x)
        f = (f * k + pk + qk) / (k * k - mu * mu)
        ck = ck * t / k
        pk = pk / (k - mu)
        qk = qk / (k + mu)
        return f, pk, qk, ck, s0 + ck * f, s1 + ck * (pk - f * k)
    *_, s0, s1 = fori_loop(1, n, body, (f, pk, qk, full(x, 1.0), f, pk))
    return s0, s1 * 2.0 / x


def _k_cf2(mu, x, n):
    # Steed's algorithm for Temme's CF2 (Thompson & Barnett 1987, J. Comput. Phys. 64):
    # K_mu = sqrt(pi/2x) e^{-x} / S with S the sum of the series accompanying the
    # continued fraction for K_{mu+1}/K_mu.  Returns e^x-scaled values.
    b = 2.0 * (1.0 + x)
    d = 1.0 / b
    h = d
    delh = d
    q1 = full(x, 0.0)
    q2 = full(x, 1.0)
    a1 = 0.25 - mu * mu
    q = a1
    c = a1
    a = -a1
    s = 1.0 + q * delh

    def body(ii, cr):
        a, b, c, d, h, delh, q, q1, q2, s = cr
        i = _i(ii, x)
        a = a - 2.0 * (i - 1.0)
        c = -a * c / i
        qnew = (q1 - b * q2) / a
        q1, q2 = q2, qnew
        q = q + c * qnew
        b = b + 2.0
        d = 1.0 / (b + a * d)
        delh = (b * d - 1.0) * delh
        h = h + delh
        return a, b, c, d, h, delh, q, q1, q2, s + q * delh
    a, b, c, d, h, delh, q, q1, q2, s = fori_loop(2, n + 1, body, (a, b, c, d, h, delh, q, q1, q2, s))
    k0 = sqrt(math.pi / 2.0 / x) / s
    k1 = k0 * (mu + x + 0.5 - a1 * h) / x
    return k0, k1


def _forward(y0: E, y1: E, nu0: E, n: E, x: E, sign: float):
    """Forward recurrence y_{k+1} = sign * (2 (nu0+k)/x) y_k + y_{k-1} ... written as
    y_{k+1} = (2 (nu0 + k) / x) y_k - sign' y_{k-1}: sign = -1 for J/Y (DLMF 10.6.1),
    +1 for K (DLMF 10.29.1 with K_{v-1} - K_{v+1} = -(2v/x) K_v).  Returns (y_n, y_{n+1})."""
    def body(i, c):
        a, b = c
        k = _i(i, x)
        go = k < n
        nxt = (2.0 * (nu0 + k + 1.0) / x) * b + sign * a
        nxt = where(X.abs(b).eq(np.inf), b, nxt)      # an overflowed value stays +-inf
        return where(go, b, a), where(go, nxt, b)
    return bounded_loop(_count(n), body, (y0, y1))


def lead(v: E, x: E) -> E:
    """(x/2)^v / Gamma(v+1) for v >= 0 as (x/2)^f / Gamma(1+f) * prod_{k=1..n} (x/2) / (f+k),
    v = n + f: a product of n well-rounded factors (error ~ sqrt(n)/2 ulp), which
    underflows gracefully.  The loop runs max(n) steps (bounded)."""
    n = floor(v)
    f = v - n
    h = x * 0.5
    base = pow(h, f) * rgamma1p(f)

    def body(i, acc):
        k = _i(i, x) + 1.0
        return where(k <= n, acc * (h / (f + k)), acc)
    return bounded_loop(_count(n), body, base)


def small_series(v: E, x: E, sign: float) -> E:
    """sum_k (sign x^2/4)^k / (k! (v+1)_k) (DLMF 10.2.2, 10.25.2), for x^2/4 <= v + 1 where
    the k-th term is below 1/k!: 20 terms (float64) or 12 (float32) reach the rounding level."""
    nterms = 20 if x.dtype == np.float64 else 12
    t = x * x * (0.25 * sign)
    def body(i, c):
        term, acc = c
        k = _i(i, x)
        term = term * t / (k * (v + k))
        return term, acc + term
    return fori_loop(1, nterms, body, (full(x, 1.0), full(x, 1.0)))[1]


def ik(v: E, x: E, want_i: bool = True):
    """(e^{-x} I_v(x), e^{x} K_v(x)) for v >= 0, x > 0 (see the module docstring).

    I_v: power series where x^2/4 <= v+1; Hankel's expansion (DLMF 10.40.1) where
    x >= max(X_HANKEL, 4 v^2); elsewhere the Wronskian with CF1."""
    p = _plan(x.dtype)
    n = round(v)
    mu = v - n
    k0, k1 = k_mu(mu, x)
    kv, kv1 = _forward(k0, k1, mu, n, x, 1.0)
    kv = where(n > float(MAX_STEPS), np.nan, kv)
    if not want_i:
        return None, kv
    series = x * x * 0.25 <= v + 1.0
    hank = (x >= p["x_hankel"]) & (x >= 4.0 * v * v) & ~series
    cf = ~series & ~hank
    # series (x small for the order)
    xs = where(series, x, 1.0)
    i_series = lead(where(series, v, 0.0), xs) * small_series(v, xs, 1.0) * exp(-xs)
    # Hankel (x large for the order)
    xl = where(hank, x, p["x_hankel"])
    i_hank = hankel_sum(v, xl, p["hankel"], True) / sqrt((2.0 * math.pi) * xl)
    # CF1 for r = I_{v+1}/I_v, bottom-up from depth m: r_j = 1 / (2 (v + j + 1)/x + r_{j+1}).
    m = where(cf, floor(sqrt((v + 1.0) * (v + 1.0) + p["cf1_c"] * x) - v) + 10.0, 0.0)
    mmax = _count(m)
    mmax_f = E(L.broadcast_in_dim(L.convert_element_type(mmax, x.dtype, False), x.shape, ()))

    def body(i, r):
        j = mmax_f - _i(i, x)                   # j runs mmax .. 1
        new = 1.0 / (2.0 * (v + j) / x + r)
        return where(j <= m, new, r)
    r = bounded_loop(mmax, body, full(x, 0.0))
    i_cf = 1.0 / (x * (kv1 + r * kv))
    i_cf = where((m > float(MAX_STEPS)) | (n > float(MAX_STEPS)), np.nan, i_cf)
    return where(series, i_series, where(hank, i_hank, i_cf)), kv


# --- J and Y -------------------------------------------------------------------------------
def _hankel_pq(mu: E, x: E, n: int):
    """Hankel's P(mu, x), Q(mu, x) (DLMF 10.17.3): sums of (-1)^k a_2k / x^2k and
    (-1)^k a_{2k+1} / x^{2k+1}, a_k(mu) = prod_{j<=k} (4mu^2 - (2j-1)^2) / (k! 8^k)."""
    m4 = 4.0 * mu * mu
    inv8x = 1.0 / (8.0 * x)
    # two terms per step: t_{2m-1} (odd, into Q) and t_{2m} (even, into P), with the
    # signs (-1)^m folded into the running term.
    def body(i, c):
        term, P, Q = c
        m = _i(i, x)
        k1 = 2.0 * m - 1.0
        t1 = term * (m4 - (2.0 * k1 - 1.0) * (2.0 * k1 - 1.0)) * inv8x / k1
        k2 = 2.0 * m
        t2 = t1 * (m4 - (2.0 * k2 - 1.0) * (2.0 * k2 - 1.0)) * inv8x / k2 * -1.0
        # Q collects (-1)^(m-1) a_{2m-1}, P (-1)^m a_{2m}: term carries (-1)^(m-1) a_{2m-2}
        return t2, P + t2, Q + t1
    _, P, Q = fori_loop(1, n // 2 + 1, body, (full(x, 1.0), full(x, 1.0), full(x, 0.0)))
    return P, Q


def _hankel_jy(mu: E, x: E, n: int):
    """(J_mu, Y_mu) for large x via DLMF 10.17.3; the phase x - (mu/2 + 1/4) pi is
    expanded as cos x cos c + sin x sin c so that no rounding of x - c enters."""
    P, Q = _hankel_pq(mu, x, n)
    c = mu * 0.5 + 0.25
    cc, sc = X.cospi(c), X.sinpi(c)
    cx, sx = cos(x), sin(x)
    cw = cx * cc + sx * sc                 # cos(x - c pi)
    sw = sx * cc - cx * sc                 # sin(x - c pi)
    amp = sqrt(2.0 / math.pi / x)
    return amp * (P * cw - Q * sw), amp * (P * sw + Q * cw)


def _y_temme(mu, x, n):
    # Temme (1976): Y_mu = -sum c_k g_k, Y_{mu+1} = -(2/x) sum c_k h_k, c_k = (-x^2/4)^k / k!,
    # g_k = f_k + (2/mu) sin^2(mu pi/2) q_k, h_k = -k g_k + p_k.
    g1, g2, gp, gm = _temme_gammas(mu)
    lx = -log(x * 0.5)
    sig = mu * lx
    f = (2.0 / math.pi) * _mu_pi_over_sin(mu) * (cosh(sig) * g1 + _sinhc(sig) * lx * g2)
    e = exp(sig)
    pk = e / gp * (1.0 / math.pi)
    qk = 1.0 / (e * gm) * (1.0 / math.pi)
    half = mu * (math.pi * 0.5)
    sinc = where(X.abs(half) < 1e-8, 1.0, sin(half) / where(half.eq(0), 1.0, half))
    gfac = mu * (math.pi * math.pi / 2.0) * sinc * sinc   # (2/mu) sin^2(mu pi / 2)
    t = -(x * x * 0.25)

    def body(i, c):
        f, pk, qk, ck, s0, s1 = c
        k = _i(i, x)
        f = (f * k + pk + qk) / (k * k - mu * mu)
        ck = ck * t / k
        pk = pk / (k - mu)
        qk = qk / (k + mu)
        g = f + gfac * qk
        return f, pk, qk, ck, s0 + ck * g, s1 + ck * (pk - g * k)
    *_, s0, s1 = fori_loop(1, n, body, (f, pk, qk, full(x, 1.0), f + gfac * qk, pk))
    return -s0, -s1 * 2.0 / x


def _cf2_pq(mu, x, n):
    """p + i q = (J' + i Y') / (J + i Y) at order mu (Barnett's CF2), evaluated bottom-up
    with a static depth: p + iq = -1/(2x) + i + (i/x) T,
    T = a_1 / (b_1 + a_2 / (b_2 + ...)), a_k = (k - 1/2)^2 - mu^2, b_k = 2 (x + i k)."""
    tr = full(x, 0.0)
    ti = full(x, 0.0)
    m2 = mu * mu
    def body(i, c):
        tr, ti = c
        k = float(n) - _i(i, x)                 # k = n .. 1
        ak = (k - 0.5) * (k - 0.5) - m2
        dr = 2.0 * x + tr
        di = ti + 2.0 * k
        den = dr * dr + di * di
        return ak * dr / den, -(ak * di) / den
    tr, ti = fori_loop(0, n, body, (tr, ti))
    # (i/x) (tr + i ti) = (-ti + i tr)/x
    return -0.5 / x - ti / x, 1.0 + tr / x


def jy(v: E, x: E, want_j: bool = True, want_y: bool = True):
    """(J_v(x), Y_v(x)) for v >= 0, x > 0 (see the module docstring)."""
    p = _plan(x.dtype)
    xh = p["x_hankel"]
    big = x >= xh
    nj = floor(v)
    muj = v - nj                             # in [0, 1)
    # --- Hankel at orders muj, muj+1 (only used where x >= X_HANKEL)
    xb = where(big, x, xh)
    jh0, yh0 = _hankel_jy(muj, xb, p["hankel"])
    jh1, yh1 = _hankel_jy(muj + 1.0, xb, p["hankel"])
    # --- power series where x^2/4 <= v + 1 (covers tiny x)
    series = x * x * 0.25 <= v + 1.0
    xs = where(series, x, 1.0)
    j_series = lead(where(series, v, 0.0), xs) * small_series(v, xs, -1.0)
    # --- Miller for J where x < X_HANKEL or the order exceeds x; it also feeds Steed's
    # method for Y (2 < x < X_HANKEL), so only the tiny-x series points skip it.
    use_miller = ((~big) | (v >= x)) & ~(series & (x <= 2.0))
    top = maximum(v, x)
    m = where(use_miller, floor(top + p["miller_c"] * pow(top, 1.0 / 3.0) + 2.0 * p["miller_c"]), 0.0)
    mmax = _count(m)
    mmax_f = E(L.broadcast_in_dim(L.convert_element_type(mmax, x.dtype, False), x.shape, ()))
    xm = where(use_miller, x, 1.0)

    def body(i, c):
        y_hi, y, s, g, jv_cap = c              # y_hi = y_{j+1}, y = y_j (order muj + j)
        j = mmax_f - _i(i, x)                   # j runs mmax .. 1; produce y_{j-1}
        active = j <= m
        start = j.eq(m)
        y_j = where(start, 1.0, y)
        y_jp1 = where(start, 0.0, y_hi)
        y_lo = (2.0 * (muj + j) / xm) * y_j - y_jp1
        # Neumann weights: order muj + 2k carries (muj + 2k) g_k, g_k ~ Gamma(muj+k)/k! up to a
        # common factor; g_{k-1} = g_k k / (muj + k - 1), k >= 2 (the true g_1 is 1).
        jm1 = j - 1.0
        k = jm1 * 0.5
        even = (k - floor(k)).eq(0)
        g_new = where(start, 1.0, g)
        add_term = active & even & (k >= 1.0)
        s_new = where(add_term, s + (muj + 2.0 * k) * g_new * y_lo, s)
        g_next = where(add_term & (k >= 2.0), g_new * k / (muj + k - 1.0), g_new)
        cap = where(active & jm1.eq(nj), y_lo, jv_cap)
        # keep |y_{j-1}| <= 1 (the values grow by up to 2j/x per step)
        a = X.abs(y_lo)
        sc = where(a > 1.0, 1.0 / where(a > 1.0, a, 1.0), 1.0)
        return (where(active, y_j * sc, y_hi), where(active, y_lo * sc, y),
                where(active, s_new * sc, s), where(active, g_next, g), where(active, cap * sc, jv_cap))

    z = full(x, 0.0)
    y1m, y0m, s, g, cap = bounded_loop(mmax, body, (z, z, z, full(x, 1.0), z))
    # y0m = J_muj (unnormalised), y1m = J_{muj+1}; the terms k >= 1 of the sum carry weights
    # scaled by the accumulated g at k = 1, whose true value is 1.
    s_tot = y0m + s / g
    norm = pow(xm * 0.5, muj) * rgamma1p(muj) / s_tot
    j_miller = where(m > float(MAX_STEPS), np.nan, cap * norm)
    jm0, jm1_ = y0m * norm, y1m * norm
    # --- J by forward recurrence from Hankel where x >= X_HANKEL and v < x
    jf, _ = _forward(jh0, jh1, muj, nj, xb, -1.0)
    jf = where(nj > float(MAX_STEPS), np.nan, jf)
    jv = where(series, j_series, where(use_miller, j_miller, jf))
    if not want_y:
        return jv, None
    # --- Y: order muy = v - round(v) in [-1/2, 1/2]
    ny = round(v)
    muy = v - ny
    shift = muy < muj - 0.5                  # muy = muj - 1
    xs = where(x <= 2.0, x, 1.0)
    ys0, ys1 = _y_temme(muy, xs, p["temme"])
    # Steed: J at order muy from Miller's J_muj, J_{muj+1}
    ja = where(shift, (2.0 * muj / xm) * jm0 - jm1_, jm0)
    jb = where(shift, jm0, jm1_)
    xc = where((x > 2.0) & ~big, x, 3.0)
    pp, qq = _cf2_pq(muy, xc, p["cf2"])
    jprime = (muy / xc) * ja - jb
    yc0 = (pp * ja - jprime) / qq
    ycp = pp * yc0 + qq * ja
    yc1 = (muy / xc) * yc0 - ycp
    # Hankel at order muy, muy+1
    yh0b = where(shift, (2.0 * muj / xb) * yh0 - yh1, yh0)   # Y_{muj-1} from Y_muj, Y_{muj+1}
    yh1b = where(shift, yh0, yh1)
    y0 = where(x <= 2.0, ys0, where(big, yh0b, yc0))
    y1 = where(x <= 2.0, ys1, where(big, yh1b, yc1))
    yv, _ = _forward(y0, y1, muy, ny, x, -1.0)
    return jv, where(ny > float(MAX_STEPS), np.nan, yv)


# (mantissa bits, exponent bias, integer type) of the float formats
_FMT = {np.dtype(np.float32): (23, 127, np.int32), np.dtype(np.float64): (52, 1023, np.int64)}


def _pow2_down(y: E) -> E:
    """2^-e for |y| in [2^e, 2^(e+1)), e >= 0 (1 where |y| < 2), built from the exponent
    bits: scaling by it is exact (no rounding, unlike 1 / |y|) and costs no division."""
    nm, bias, it = _FMT[np.dtype(y.dtype)]
    field = L.shift_right_logical(L.bitcast_convert_type(X.abs(y).a, it), np.array(nm, it))
    e = L.clamp(np.array(bias, it), field, np.array(2 * bias - 1, it))
    return E(L.bitcast_convert_type(L.shift_left(L.sub(np.array(2 * bias, it), e),
                                                 np.array(nm, it)), y.dtype))


def jn_all(vmax: int, x: E):
    """[J_0(x), ..., J_vmax(x)] for x > 0 and a static vmax: one Miller run (normalised by
    J_0 + 2 sum J_2k = 1, DLMF 10.12.4) captures every order; where x >= X_HANKEL and
    vmax < x, Hankel's J_0, J_1 and forward recurrence instead."""
    p = _plan(x.dtype)
    big = x >= p["x_hankel"]
    forward = big & (x > float(vmax))
    xm = where(forward, 1.0, x)
    top = maximum(xm, float(vmax))
    m = where(forward, 0.0, floor(top + p["miller_c"] * pow(top, 1.0 / 3.0) + 2.0 * p["miller_c"]))
    mmax = _count(m)

    # Every element starts at the largest start order mmax (a higher start than an element
    # needs only adds accuracy): the order j is then common to all elements, so the loop
    # body has no per-element start / activity selects, and j's parity is static (below).
    def step(jf, even: bool, y_hi, y, s, first_order=False):
        """One backward step from order j (jf: j broadcast; even: is j - 1 even): the
        carries, the new value J_{j-1} (scaled) and the scale factor applied to everything
        kept."""
        y_lo = (2.0 * jf / xm) * y - y_hi            # order j - 1
        if even:                                     # J_0 + 2 J_2 + 2 J_4 + ... = 1
            s = s + (y_lo if first_order else 2.0 * y_lo)
        sc = _pow2_down(y_lo)                        # keep |J_{j-1}| < 2: no overflow
        return (y * sc, y_lo * sc, s * sc), y_lo * sc, sc

    # j = M, ..., vmax + 2: orders above vmax, nothing kept (three carries per step), two
    # steps per trip of the loop.  M >= mmax is raised by one where needed to make
    # M - vmax - 1 even: then the first order of each pair, j - 1 = M - 2i - 1, has the
    # parity of vmax (static), and the loop runs (M - vmax - 1) / 2 trips.
    n_odd = L.max(L.sub(mmax, np.int32(vmax + 1)), np.int32(0))
    big_m = L.add(mmax, L.and_(n_odd, np.int32(1)))
    big_mf = E(L.broadcast_in_dim(L.convert_element_type(big_m, x.dtype, False), x.shape, ()))
    first_even = vmax % 2 == 0

    def body(i, c):
        j = big_mf - 2.0 * _i(i, x)
        c = step(j, first_even, *c)[0]
        return step(j - 1.0, not first_even, *c)[0]

    n_pairs = L.shift_right_logical(L.add(n_odd, L.and_(n_odd, np.int32(1))), np.int32(1))
    carry = bounded_loop(n_pairs, body, (full(x, 0.0), full(x, 1.0), full(x, 0.0)))
    # j = vmax + 1, ..., 1 unrolled (vmax is static): keep J_{j-1}, rescaling the kept
    # values with every later step (a loop carrying all vmax + 1 rows rescaled the whole
    # stack on each of its ~mmax steps).  Where any element takes this branch,
    # mmax >= vmax + 2 miller_c > vmax + 1: the loop above has run, these steps continue it.
    kept = []
    for jj in range(vmax + 1, 0, -1):
        carry, y_lo, sc = step(full(x, float(jj)), (jj - 1) % 2 == 0, *carry,
                               first_order=jj == 1)
        kept = [k * sc for k in kept] + [y_lo]
    s = carry[2]
    miller = [kept[vmax - k] / s for k in range(vmax + 1)]
    # forward recurrence from Hankel's J_0, J_1 (stable for orders below x)
    # (behind a cond: only where some element takes it; under vmap both run, selected)
    def hankel_forward(xb):
        xb = E(xb)
        zero = full(xb, 0.0)
        j0, _ = _hankel_jy(zero, xb, p["hankel"])
        j1, _ = _hankel_jy(zero + 1.0, xb, p["hankel"])
        fw = [j0, j1]
        for k in range(1, vmax):
            fw.append((2.0 * float(k) / xb) * fw[-1] - fw[-2])
        return tuple(f.a for f in fw[:vmax + 1])

    xb = where(forward, x, p["x_hankel"])
    fw = control.cond(X.any_(forward), hankel_forward,
                      lambda xb: tuple(L.broadcast_in_dim(np.array(0, xb.dtype), xb.shape, ())
                                       for _ in range(vmax + 1)), xb.a)
    fw = [E(f) for f in fw]
    bad = m > float(MAX_STEPS)
    return [where(bad, np.nan, where(forward, f, mi)) for f, mi in zip(fw, miller)]
