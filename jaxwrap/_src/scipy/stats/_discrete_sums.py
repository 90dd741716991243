"""Expectations over a discrete support by summation: the numeric fallback of
the discrete tables (``discrete.py``, ``discrete_more.py``) where an entry has
no closed form.

One core, :func:`window_sum`: ``sum_{j < count} term(start + j)`` per
parameter point, for a *static* maximum number of terms.  It is a
:func:`~jaxwrap._src.control.fori_loop` over ``_MAX_BLOCKS`` blocks of
``_BLOCK`` terms (one block is compiled once; a block past every point's count
is skipped by a ``cond``), so it is jit/vmap/grad-friendly (reverse mode
included) and compiles like one evaluation of the log-pmf.

:func:`entropy_window` puts a window ``[centre - R, centre + R]`` on the
support (``R`` from the caller's tail bound) and returns -sum pmf log pmf over
it, NaN where the window needs more than ``MAX_TERMS`` terms (never a silently
truncated sum).

:func:`power_em_correction` and :func:`hurwitz_em` are the one Euler-Maclaurin
core of stats for sums of j^-s (the Bernoulli table and correction sum used by
the power-law tails here and by discrete_more's zipf, zipfian and logser sums).
"""

from __future__ import annotations

import math

import numpy as np

from ... import lax as L
from ...control import cond, fori_loop
from ...numpy import _util
from . import _ops as O

_BLOCK = 256       # terms per step of the loop
_MAX_BLOCKS = 64   # static cap: 64 x 256 = 16384 terms per parameter point
MAX_TERMS = _BLOCK * _MAX_BLOCKS


def lift(x, n):
    """x (shape S) broadcast to (S..., n)."""
    shape = _util.shape(x)
    return L.broadcast_in_dim(x, shape + (n,), tuple(range(len(shape))))


def offsets(like, n):
    """0, 1, ..., n - 1 along a new last axis, in like's shape and dtype."""
    shape = _util.shape(like)
    ks = L.convert_element_type(L.iota(like.dtype, (n,), 0), like.dtype, False)
    return L.broadcast_in_dim(ks, shape + (n,), (len(shape),))


def rsum(x):
    """Sum over the last axis."""
    return L.reduce_sum(x, (len(_util.shape(x)) - 1,))


def window_sum(term, start, count, s, nout=1):
    """``sum_{j < count} term(start + j, *s)`` per parameter point.

    ``start``, ``count`` and the parameters ``s`` share one shape S and dtype;
    ``term(k, *s)`` gets arrays of shape S + (_BLOCK,) (k clamped to
    ``start`` past ``count``, so it stays inside the support) and returns a
    tuple of ``nout`` arrays of that shape.  At most ``MAX_TERMS`` terms are
    summed (static); the caller decides what a larger ``count`` means.
    """
    offs = offsets(start, _BLOCK)
    st, cnt = lift(start, _BLOCK), lift(count, _BLOCK)
    ps = [lift(p, _BLOCK) for p in s]
    dt = np.dtype(start.dtype)
    nd = len(_util.shape(start))

    def block(i, acc):
        base = O.mul(L.convert_element_type(i, dt, False), float(_BLOCK))  # 0-d

        def compute(acc):
            j = L.add(offs, L.broadcast_in_dim(base, _util.shape(offs), ()))
            inside = O.lt(j, cnt)
            k = O.add(st, O.where(inside, j, 0.0))
            vals = term(k, *ps)
            return tuple(O.add(a, rsum(O.where(inside, v, 0.0))) for a, v in zip(acc, vals))

        need = O.lt(L.broadcast_in_dim(base, _util.shape(count), ()), count)
        if nd:
            need = L.reduce_or(need, tuple(range(nd)))
        return cond(need, compute, lambda acc: acc, acc)

    zero = O.full(start, 0.0)
    return fori_loop(0, _MAX_BLOCKS, block, tuple(zero for _ in range(nout)))


def _plogp(logpmf):
    def term(k, *s):
        lp = logpmf(k, *s)
        fin = O.isfinite(lp)
        lps = O.where(fin, lp, 0.0)  # (no NaN through the masked branch's gradient)
        return (O.where(fin, O.mul(O.exp(lps), lps), 0.0),)
    return term


def entropy_window(logpmf, s, a, b):
    """-sum_{k=a}^{b} pmf(k) log pmf(k) for integers a <= b inside the support;
    NaN where b - a + 1 exceeds MAX_TERMS."""
    count = O.add(O.sub(b, a), 1.0)
    (v,) = window_sum(_plogp(logpmf), a, count, s)
    return O.nan_where(O.gt(count, float(MAX_TERMS)), O.neg(v))


def window(lo, hi, centre, radius):
    """The integers of [centre - radius, centre + radius] within [lo, hi], as (a, b)."""
    a = O.maximum(O.floor(O.sub(centre, radius)), lo)
    b = O.minimum(O.ceil(O.add(centre, radius)), hi)
    return a, O.maximum(a, b)


def entropy_around(logpmf, s, lo, hi, centre, radius):
    """Entropy summed over :func:`window` (the caller's ``radius`` bounds the
    neglected mass); NaN where the window is wider than MAX_TERMS."""
    a, b = window(lo, hi, centre, radius)
    return entropy_window(logpmf, s, a, b)


# --- log-pmfs without lgamma cancellation (for the sums at large counts) -----------------------
_STIRLING = (1 / 12, -1 / 360, 1 / 1260, -1 / 1680, 1 / 1188, -691 / 360360, 1 / 156)
# B_2k / (2k (2k - 1)), k = 1..7 (DLMF 5.11.1)


def stirlerr(x):
    """log Gamma(x + 1) - (x + 1/2) log x + x - log(2 pi)/2 for x >= 1: the
    Stirling series (7 terms, first omitted term < 2e-18 at x >= 16) above 16,
    lgamma below (absolute error a few eps there)."""
    big = O.ge(x, 16.0)
    xb = O.where(big, x, 16.0)
    inv2 = O.div(1.0, O.square(xb))
    series = O.div(O.polyval(list(reversed(_STIRLING)), inv2), xb)
    xs = O.where(big, 1.0, x)
    direct = O.add(O.sub(O.lgamma(O.add(xs, 1.0)), O.mul(O.add(xs, 0.5), O.log(xs))),
                   O.sub(xs, 0.5 * O.LOG_2PI))
    return O.where(big, series, direct)


_BD0_TERMS = 10  # |v| < 0.1: the omitted v^23/23 is below 1e-20 relative to v^3/3


def bd0(x, m):
    """x log(x/m) + m - x for x, m > 0 without cancellation near x = m
    (Loader 2000): with v = (x - m)/(x + m), (x - m) v + 2x sum_j v^(2j+1)/(2j+1)."""
    v = O.div(O.sub(x, m), O.add(x, m))
    near = O.lt(O.absolute(v), 0.1)
    vs = O.where(near, v, 0.0)
    v2 = O.square(vs)
    series = O.polyval([1.0 / (2 * j + 1) for j in range(_BD0_TERMS, 0, -1)], v2)
    series = O.add(O.mul(O.sub(x, m), vs), O.mul(O.mul(2.0, x), O.mul(O.mul(vs, v2), series)))
    xf = O.where(near, 1.0, x)
    mf = O.where(near, 1.0, m)
    direct = O.add(O.mul(xf, O.log(O.div(xf, mf))), O.sub(mf, xf))
    return O.where(near, series, direct)


def binom_logpmf(k, n, p):
    """log of C(n, k) p^k (1-p)^(n-k) for real n >= k >= 0 by Loader's saddle-point
    form (Loader 2000, "Fast and accurate computation of binomial probabilities"):
    stirlerr(n) - stirlerr(k) - stirlerr(n-k) - bd0(k, np) - bd0(n-k, nq)
    + log(n / (2 pi k (n-k)))/2; every piece is O(1) near the mode, so the error
    does not grow with n as lgamma differences do."""
    q = O.sub(1.0, p)
    nk = O.sub(n, k)
    inner = O.and_(O.gt(k, 0.0), O.gt(nk, 0.0))
    ks, nks = O.where(inner, k, 1.0), O.where(inner, nk, 1.0)
    ns = O.add(ks, nks)
    v = O.sub(O.sub(stirlerr(ns), stirlerr(ks)), stirlerr(nks))
    v = O.sub(v, O.add(bd0(ks, O.mul(ns, p)), bd0(nks, O.mul(ns, q))))
    v = O.add(v, O.mul(0.5, O.sub(O.log(O.div(ns, O.mul(ks, nks))), O.LOG_2PI)))
    edge = O.where(O.eq(k, 0.0), O.xlog1py(n, O.neg(p)), O.xlogy(n, p))
    return O.where(inner, v, edge)


# --- Euler-Maclaurin for power sums (one core for every sum of j^-s in stats) ---------------
_BERNOULLI = (1.0, -0.5, 1 / 6, 0.0, -1 / 30, 0.0, 1 / 42, 0.0, -1 / 30, 0.0, 5 / 66, 0.0,
              -691 / 2730, 0.0, 7 / 6, 0.0, -3617 / 510, 0.0, 43867 / 798, 0.0,
              -174611 / 330)  # B_0 .. B_20 (DLMF 24.2.1)
_TAIL_ORDER = 10   # powers k^-1 .. k^-10 of the expansion
_TAIL_RATIO = 16   # the tail starts at k0 >= 16 max|t_i|: omitted term ~ t 16^-11 / 110


def em_weight(i):
    """B_2i / (2i)!, the weight of the i-th correction of Euler-Maclaurin
    (DLMF 2.10.1); i = 1..10."""
    return _BERNOULLI[2 * i] / math.factorial(2 * i)


def power_em_correction(s, lx, terms, deriv=False):
    """The Bernoulli corrections of Euler-Maclaurin for f(j) = j^-s at x = e^lx:
    sum_{i=1}^{terms} B_2i/(2i)! s^(r) x^(-s-r), r = 2i - 1, s^(r) rising
    (f^(r)(x) = -s^(r) x^(-s-r)), so that sum_{j >= x} f(j) is
    x^(1-s)/(s-1) + x^-s/2 + this (any real s; the sum converges for s > 1).
    With ``deriv``, also its derivative in s, term by term
    d/ds [s^(r) x^(-s-r)] = s^(r) x^(-s-r) (sum_{m<r} 1/(s+m) - log x).
    For s >= 0, f is completely monotone and the error is below the first
    omitted term, ~((s + 2 terms) / (2 pi x))^(2 terms) relative to the sum."""
    coef, harm = s, (O.div(1.0, s) if deriv else None)  # s^(r), sum_{m<r} 1/(s+m)
    corr = dcorr = None
    for i in range(1, terms + 1):
        r = 2 * i - 1
        if r > 1:
            coef = O.mul(O.mul(coef, O.add(s, float(r - 2))), O.add(s, float(r - 1)))
            if deriv:
                harm = O.add(harm, O.add(O.div(1.0, O.add(s, float(r - 2))),
                                         O.div(1.0, O.add(s, float(r - 1)))))
        t = O.mul(em_weight(i), O.mul(coef, O.exp(O.mul(O.neg(O.add(s, float(r))), lx))))
        corr = t if corr is None else O.add(corr, t)
        if deriv:
            dt = O.mul(t, O.sub(harm, lx))
            dcorr = dt if dcorr is None else O.add(dcorr, dt)
    return (corr, dcorr) if deriv else corr


def hurwitz_em(s, q, terms):
    """(zeta(s, q), d zeta(s, q) / ds) for s > 1, q > 0 by Euler-Maclaurin from
    n = 0 (DLMF 2.10.1 applied to (n + q)^-s): q^(1-s)/(s-1) + q^-s/2 + the
    corrections of power_em_correction, and the term-by-term derivative in s.
    The caller picks ``terms`` and q so that the first omitted term,
    ~((s + 2 terms) / (2 pi q))^(2 terms), is negligible."""
    lq = O.log(q)
    sm1 = O.sub(s, 1.0)
    p1 = O.exp(O.mul(O.neg(sm1), lq))            # q^(1-s)
    p0 = O.div(p1, q)                              # q^-s
    corr, dcorr = power_em_correction(s, lq, terms, deriv=True)
    z = O.add(O.add(O.div(p1, sm1), O.mul(0.5, p0)), corr)
    dz = O.neg(O.add(O.mul(p1, O.add(O.div(lq, sm1), O.div(1.0, O.square(sm1)))),
                     O.mul(0.5, O.mul(lq, p0))))
    return z, O.add(dz, dcorr)


# --- power-law tails: sums of p log p beyond a point, from an asymptotic expansion ------------
def _bernoulli_poly(n, t):
    """B_n(t) = sum_j C(n, j) B_j t^(n-j) (DLMF 24.2.5)."""
    return O.polyval([math.comb(n, j) * _BERNOULLI[j] for j in range(n + 1)], t)


_HZ_TERMS = 6  # Bernoulli terms of hurwitz_large_q


def hurwitz_large_q(s, q):
    """hurwitz_em with 6 corrections, for q >= max(1024, 16 (s - 11)): the
    error is below the first omitted term, ~((s + 12) / (2 pi q))^12 < 1e-21
    relative in that range."""
    return hurwitz_em(s, q, _HZ_TERMS)


def power_tail_plogp(logc, gammas, k0):
    """(sum_{k >= k0} p(k), sum_{k >= k0} p(k) log p(k)) for
    log p(k) = logc + sum_i sigma_i log Gamma(k + t_i), sum_i sigma_i = 0
    (``gammas``: pairs (sigma_i = +-1, t_i array)), a power law k^-beta,
    beta = -sum sigma_i t_i > 1, times a series in 1/k.

    DLMF 5.11.8 gives log p(k) = logc - beta log k + r(k), r = sum_m c_m k^-m,
    c_m = (-1)^(m+1) sum_i sigma_i B_(m+1)(t_i) / (m (m+1)); then
    e^r = sum d_m k^-m and r e^r = sum g_m k^-m (power-series exponential), so
    p log p = e^logc sum_m k^(-beta-m) [(logc d_m + g_m) - beta d_m log k] and
    the sums over k >= k0 are Hurwitz zeta values zeta(beta + m, k0) and
    their derivatives in the first argument (hurwitz_large_q).
    Truncation after k^-10: relative error ~ t 16^-11 / 110 < 1e-15 for
    k0 >= 16 max |t_i| and max |t_i| <= 1000 (the caller checks k0).
    """
    beta = O.full(logc, 0.0)
    for sig, t in gammas:
        beta = O.sub(beta, O.mul(float(sig), t))
    c = [None]
    for m in range(1, _TAIL_ORDER + 1):
        acc = O.full(logc, 0.0)
        for sig, t in gammas:
            acc = O.add(acc, O.mul(float(sig), _bernoulli_poly(m + 1, t)))
        c.append(O.mul((-1.0) ** (m + 1) / (m * (m + 1)), acc))
    d = [O.full(logc, 1.0)]
    g = [O.full(logc, 0.0)]
    for m in range(1, _TAIL_ORDER + 1):
        dm = O.full(logc, 0.0)
        gm = O.full(logc, 0.0)
        for j in range(1, m + 1):
            dm = O.add(dm, O.mul(float(j), O.mul(c[j], d[m - j])))
            gm = O.add(gm, O.mul(c[j], d[m - j]))
        d.append(O.div(dm, float(m)))
        g.append(gm)
    # the _TAIL_ORDER + 1 zeta values in one call (one compiled kernel, not 11)
    n = _TAIL_ORDER + 1
    stack = lambda xs: L.concatenate([lift(x, 1) for x in xs], len(_util.shape(logc)))  # noqa: E731
    s_m = O.add(lift(beta, n), offsets(beta, n))
    z, zs = hurwitz_large_q(s_m, lift(k0, n))
    dd, gg = stack(d), stack(g)
    mass = rsum(O.mul(dd, z))
    plogp = rsum(O.add(O.mul(O.add(O.mul(lift(logc, n), dd), gg), z),
                       O.mul(O.mul(lift(beta, n), dd), zs)))
    scale = O.exp(logc)
    return O.mul(scale, mass), O.mul(scale, plogp)


def entropy_power_tail(logpmf, s, lo, logc, gammas):
    """-sum pmf log pmf of a law on [lo, inf) whose pmf is
    exp(logc + sum_i sigma_i log Gamma(k + t_i)) (see power_tail_plogp): direct
    terms on [lo, k0), k0 = clip(16 max |t_i|, 1024, MAX_TERMS + lo), and the
    expansion beyond.  Where k0 would exceed the cap, the tail is dropped if
    the power-law bound p(k0) k0 (|log p(k0)| + beta/(beta-1)) / (beta - 1)
    is below 1e-18, else the result is NaN."""
    tmax = O.full(lo, 1.0)
    beta = O.full(lo, 0.0)
    for sig, t in gammas:
        tmax = O.maximum(tmax, O.absolute(t))
        beta = O.sub(beta, O.mul(float(sig), t))
    want = O.maximum(O.ceil(O.mul(float(_TAIL_RATIO), tmax)), 1024.0)
    k0 = O.minimum(O.add(want, lo), O.add(lo, float(MAX_TERMS)))
    (direct,) = window_sum(_plogp(logpmf), lo, O.sub(k0, lo), s)
    ok = O.le(want, float(MAX_TERMS))
    k0s = O.where(ok, k0, 1e6)  # (a harmless argument where the expansion is not used)
    _, tail = power_tail_plogp(logc, gammas, k0s)
    lp0 = logpmf(k0, *s)
    bm1 = O.sub(beta, 1.0)
    bound = O.div(O.mul(O.exp(O.add(lp0, O.log(k0))),
                        O.add(O.absolute(lp0), O.div(beta, bm1))), bm1)
    small = O.or_(O.le(bound, 1e-18), O.eq(bound, 0.0))
    tail = O.where(ok, tail, 0.0)
    return O.nan_where(O.and_(O.not_(ok), O.not_(small)), O.neg(O.add(direct, tail)))
