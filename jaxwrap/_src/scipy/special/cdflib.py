"""scipy.special's distribution functions (the cdflib / cephes names):
binomial, chi-square, F, gamma, negative binomial, Poisson, Student t and
Kolmogorov.

Each is a composition of the regularized incomplete gamma / beta functions
and their inverses (``gamma.py``), chosen so that no complement is formed by
subtraction: the upper tails call ``gammaincc`` / ``betaincc`` directly, and
where a beta argument would be ``1 - w`` the symmetric form
``I_w(a, b) = 1 - I_{1-w}(b, a)`` is used with ``1 - w`` computed exactly
(e.g. stdtr for large df: ``t^2/(df + t^2)``, not ``1 - df/(df + t^2)``).
Derivatives come from those primitives' JVPs (counts k, n are floored, so
their derivative is zero).

Argument rules follow scipy's: counts are floored; invalid parameters (a
probability outside [0, 1], negative counts, k > n, non-positive degrees of
freedom) give NaN; the values at the ends of the support are scipy's.
Table: one row per function (argument names, kernel, summary, example).
"""

from __future__ import annotations

import math

import numpy as np

from ... import lax as L
from ...numpy._util import public
from . import _errfun_inv as I
from . import _errfun_real as R
from . import gamma as G
from ._errfun_real import c, where
from .errfun import finish, promote

__all__ = [
    "bdtr", "bdtrc", "bdtri", "chdtr", "chdtrc", "chdtri", "fdtr", "fdtrc", "fdtri", "gdtr",
    "gdtrc", "kolmogorov", "nbdtr", "nbdtrc", "nbdtri", "pdtr", "pdtrc", "pdtri", "stdtr",
    "stdtrit",
]

_NAN = np.nan


def _or(*conds):
    out = conds[0]
    for cnd in conds[1:]:
        out = L.or_(out, cnd)
    return out


def _nan_if(cond, v):
    return where(cond, c(v, _NAN), v)


def _bad_p(p):
    return _or(L.lt(p, c(p, 0.0)), L.gt(p, c(p, 1.0)), L.ne(p, p))


# --- binomial ------------------------------------------------------------------------------------
def _bdtr(k, n, p):
    k, n = L.floor(k), L.floor(n)
    # sum_{j<=k} C(n, j) p^j (1-p)^(n-j) = 1 - I_p(k+1, n-k)
    v = G.betaincc(L.add(k, c(k, 1.0)), L.max(L.sub(n, k), c(n, 1.0)), p)
    v = where(L.eq(k, n), c(v, 1.0), v)
    return _nan_if(_or(L.lt(k, c(k, 0.0)), L.gt(k, n), _bad_p(p)), v)


def _bdtrc(k, n, p):
    k, n = L.floor(k), L.floor(n)
    v = G.betainc(L.add(k, c(k, 1.0)), L.max(L.sub(n, k), c(n, 1.0)), p)
    v = where(L.eq(k, n), c(v, 0.0), v)
    v = where(L.lt(k, c(k, 0.0)), c(v, 1.0), v)
    return _nan_if(_or(L.gt(k, n), _bad_p(p)), v)


def _bdtri(k, n, y):
    k, n = L.floor(k), L.floor(n)
    v = G.betainccinv(L.add(k, c(k, 1.0)), L.max(L.sub(n, k), c(n, 1.0)), y)
    return _nan_if(_or(L.lt(k, c(k, 0.0)), L.ge(k, n), _bad_p(y)), v)


# --- chi-square and gamma ------------------------------------------------------------------------
def _half(x):
    return L.mul(x, c(x, 0.5))


def _chdtr(v, x):
    return _nan_if(_or(L.lt(v, c(v, 0.0)), L.lt(x, c(x, 0.0))), G.gammainc(_half(v), _half(x)))


def _chdtrc(v, x):
    return _nan_if(_or(L.lt(v, c(v, 0.0)), L.lt(x, c(x, 0.0))), G.gammaincc(_half(v), _half(x)))


def _chdtri(v, y):
    out = L.mul(G.gammainccinv(_half(v), y), c(v, 2.0))
    return _nan_if(_or(L.le(v, c(v, 0.0)), _bad_p(y)), out)


def _gdtr(a, b, x):
    bad = _or(L.lt(a, c(a, 0.0)), L.lt(b, c(b, 0.0)), L.lt(x, c(x, 0.0)))
    return _nan_if(bad, G.gammainc(b, L.mul(a, x)))


def _gdtrc(a, b, x):
    bad = _or(L.lt(a, c(a, 0.0)), L.lt(b, c(b, 0.0)), L.lt(x, c(x, 0.0)))
    return _nan_if(bad, G.gammaincc(b, L.mul(a, x)))


# --- F ---------------------------------------------------------------------------------------------
def _f_parts(dfn, dfd, x):
    """w = dfn x/(dfd + dfn x) and its exact complement dfd/(dfd + dfn x)."""
    nx = L.mul(dfn, x)
    den = L.add(dfd, nx)
    return L.div(nx, den), L.div(dfd, den)


def _f_bad(dfn, dfd, x=None):
    bad = _or(L.le(dfn, c(dfn, 0.0)), L.le(dfd, c(dfd, 0.0)),
              L.eq(dfn, c(dfn, np.inf)), L.eq(dfd, c(dfd, np.inf)))
    return bad if x is None else L.or_(bad, L.lt(x, c(x, 0.0)))


def _fdtr(dfn, dfd, x):
    a, b = _half(dfn), _half(dfd)
    w, wc = _f_parts(dfn, dfd, x)
    v = where(L.le(w, c(w, 0.5)), G.betainc(a, b, w), G.betaincc(b, a, wc))
    return _nan_if(_f_bad(dfn, dfd, x), v)


def _fdtrc(dfn, dfd, x):
    a, b = _half(dfn), _half(dfd)
    w, wc = _f_parts(dfn, dfd, x)
    v = where(L.le(w, c(w, 0.5)), G.betaincc(a, b, w), G.betainc(b, a, wc))
    return _nan_if(_f_bad(dfn, dfd, x), v)


def _fdtri(dfn, dfd, y):
    a, b = _half(dfn), _half(dfd)
    # lower half: w = I^{-1}(a, b; y); upper: wc = 1 - w from the complement
    w = G.betaincinv(a, b, y)
    wc = G.betainccinv(b, a, y)
    lo = L.div(L.mul(dfd, w), L.mul(dfn, L.sub(c(w, 1.0), w)))
    hi = L.div(L.mul(dfd, L.sub(c(wc, 1.0), wc)), L.mul(dfn, wc))
    v = where(L.le(y, c(y, 0.5)), lo, hi)
    return _nan_if(L.or_(_f_bad(dfn, dfd), _bad_p(y)), v)


# --- negative binomial and Poisson ----------------------------------------------------------------
def _nb_bad(k, n, p):
    return _or(L.lt(k, c(k, 0.0)), L.lt(n, c(n, 1.0)), _bad_p(p))


def _nbdtr(k, n, p):
    k, n = L.floor(k), L.floor(n)
    return _nan_if(_nb_bad(k, n, p), G.betainc(L.max(n, c(n, 1.0)), L.add(k, c(k, 1.0)), p))


def _nbdtrc(k, n, p):
    k, n = L.floor(k), L.floor(n)
    return _nan_if(_nb_bad(k, n, p), G.betaincc(L.max(n, c(n, 1.0)), L.add(k, c(k, 1.0)), p))


def _nbdtri(k, n, y):
    k, n = L.floor(k), L.floor(n)
    return _nan_if(_nb_bad(k, n, y),
                   G.betaincinv(L.max(n, c(n, 1.0)), L.add(k, c(k, 1.0)), y))


def _pdtr(k, m):
    k = L.floor(k)
    bad = _or(L.lt(k, c(k, 0.0)), L.lt(m, c(m, 0.0)))
    return _nan_if(bad, G.gammaincc(L.add(k, c(k, 1.0)), m))


def _pdtrc(k, m):
    k = L.floor(k)
    bad = _or(L.lt(k, c(k, 0.0)), L.lt(m, c(m, 0.0)))
    return _nan_if(bad, G.gammainc(L.add(k, c(k, 1.0)), m))


def _pdtri(k, y):
    k = L.floor(k)
    bad = _or(L.lt(k, c(k, 0.0)), _bad_p(y), L.eq(y, c(y, 1.0)))  # scipy: NaN at y = 1
    return _nan_if(bad, G.gammainccinv(L.add(k, c(k, 1.0)), y))


# --- Student t -------------------------------------------------------------------------------------
_WALLACE_DF = {np.dtype(np.float32): 1e6, np.dtype(np.float64): 1e9}


def _wallace_c(df):
    return L.div(L.add(L.mul(df, c(df, 8.0)), c(df, 1.0)), L.add(L.mul(df, c(df, 8.0)), c(df, 3.0)))


# Hill's normalising transformation (G. W. Hill, "Algorithm 395: Student's
# t-distribution", Comm. ACM 13(10), 1970): with a = df - 1/2 and
# y = a log1p(t^2/df), P(T <= t) = Phi(z), z = sign(t) sqrt(y) (1 + (y + 3)/b
# + (-0.4 y^3 - 3.3 y^2 - 24 y - 85.5)/(b (0.8 y^2 + 100 + b))), b = 48 a^2.
# Its relative error, measured against mpmath (dps 40), is K(y)/a^6 with K
# independent of a (to 3 digits for df in [1e3, 1e4]): K = 9.0e-3, 7.8e-2,
# 4.7, 326, 4.9e4, 5.8e6, 4.7e8, 1.5e10 at y = 2, 8, 18, 50, 100, 200, 400, 700,
# and 1.0e12 at y = 1400 (df = 3e4).  K(y) <= 0.004 (1 + y/8)^7 bounds these
# (by 2x to 40x).  Rounding in z alone costs ~y ULP in Phi(-z) ~ exp(-y/2), so
# Hill is used where the truncation error is below tol (1 + y/8), i.e. where
# 0.004 (1 + y/8)^6 / a^6 <= tol, or a >= (0.004/tol)^(1/6) (1 + y/8); and for
# every y once df > _HILL_DF[1], where K(1416)/a^6 < 1 ULP (y = z^2 <= 1416
# wherever Phi(-z) is a normal float64; y <= 174 in float32).  Below, the
# incomplete beta path.  Rows: (df floor, df for all y, tol).
_HILL_DF = {np.dtype(np.float32): (200.0, 1e3, 3e-8), np.dtype(np.float64): (100.0, 5e4, 1e-16)}
_HILL_POLY = (-0.4, -3.3, -24.0, -85.5)  # Hill's 1/b^2 numerator, highest power first


def _hill_z(df, t):
    """Hill's z for finite df > 0 and finite t (signed like t)."""
    t2 = L.mul(t, t)
    u = L.div(t2, df)
    # y = a log1p(u) written as t^2 (a/df) log1p(u)/u, so that z = t sqrt(...) is smooth
    # (and differentiable) through t = 0
    us = where(L.gt(u, c(u, 0.0)), u, c(u, 1.0))
    g = where(L.gt(u, c(u, 0.0)), L.div(L.log1p(us), us), c(u, 1.0))
    r = L.mul(L.sub(c(df, 1.0), L.div(c(df, 0.5), df)), g)  # (a/df) log1p(u)/u
    y = L.mul(t2, r)
    a = L.sub(df, c(df, 0.5))
    b = L.mul(L.mul(a, a), c(a, 48.0))
    num = c(y, _HILL_POLY[0])
    for k in _HILL_POLY[1:]:  # Horner, 3 steps
        num = L.add(L.mul(num, y), c(y, k))
    den = L.add(L.add(L.mul(L.mul(y, y), c(y, 0.8)), c(y, 100.0)), b)
    corr = L.add(L.div(L.add(L.add(L.div(num, den), y), c(y, 3.0)), b), c(y, 1.0))
    return L.mul(L.mul(t, L.sqrt(r)), corr), y, a


def _stdtr(df, t):
    t2 = L.mul(t, t)
    den = L.add(df, t2)
    x, xc = L.div(df, den), L.div(t2, den)  # xc = 1 - x without cancellation
    a = _half(df)
    # lower tail P(T < -|t|) = I_x(df/2, 1/2) / 2
    tail = where(L.le(x, c(x, 0.5)), G.betainc(a, c(a, 0.5), x),
                 G.betaincc(c(a, 0.5), a, xc))
    tail = L.mul(tail, c(tail, 0.5))
    tail = where(L.eq(L.abs(t), c(t, np.inf)), c(t, 0.0), tail)
    v = where(L.gt(t, c(t, 0.0)), L.sub(c(t, 1.0), tail), tail)
    # large df: Hill's transformation (above), Phi(z) taken directly (no 1 - tail)
    df_min, df_all, tol = _HILL_DF[np.dtype(df.dtype)]
    # t^2 = inf (|t| = inf, or so large that Phi(t) is 0 or 1 anyway) and df = inf
    edge = _or(L.eq(df, c(df, np.inf)), L.eq(t2, c(t2, np.inf)))
    safe = L.and_(L.gt(df, c(df, df_min)), L.not_(edge))
    z, y, ah = _hill_z(where(safe, df, c(df, 1e6)), where(safe, t, c(t, 1.0)))
    # the bound 0.004 (1 + y/8)^6 / a^6 <= tol, as a linear test
    ok = L.ge(ah, L.mul(L.add(L.div(y, c(y, 8.0)), c(y, 1.0)), c(y, (0.004 / tol) ** (1 / 6))))
    big = _or(L.gt(df, c(df, df_all)), L.and_(safe, ok))
    z = where(edge, t, z)  # df = inf: Phi(t); huge |t|: 1 or 0
    # Phi(z) = 1 - Phi(-z) for z > 0, written out (not R.ndtr) so that the derivative
    # at z = 0 comes from the z <= 0 branch, whose -|z| has no kink there
    pos = L.gt(z, c(z, 0.0))
    low = R.ndtr_lower(where(pos, L.neg(z), z))
    v = where(big, where(pos, L.sub(c(low, 1.0), low), low), v)
    return _nan_if(L.le(df, c(df, 0.0)), v)


def _stdtrit(df, p):
    a = _half(df)
    q = L.min(p, L.sub(c(p, 1.0), p))  # lower-tail probability, exact for p >= 1/2
    q2 = L.mul(q, c(q, 2.0))  # = I_x(df/2, 1/2)
    # x = df/(df + t^2): from the inverse in x when q2 <= 1/2, else xc = 1 - x from
    # the complement (t near 0, x near 1)
    x = G.betaincinv(a, c(a, 0.5), q2)
    xc = G.betainccinv(c(a, 0.5), a, q2)
    t_lo = L.sqrt(L.div(L.mul(df, L.sub(c(x, 1.0), x)), x))
    t_hi = L.sqrt(L.div(L.mul(df, xc), L.sub(c(xc, 1.0), xc)))
    # far tail: x = df/(df + t^2) underflows (t ~ 1e190 at df = 1.2, p = 1e-244) or is
    # subnormal (digits lost).  There I_x(a, 1/2) = x^a / (a B(a, 1/2)) (1 + O(x)) (DLMF
    # 8.17.8's first term), so ln x = (ln q2 + ln a + ln B(a, 1/2)) / a and, as 1 - x rounds
    # to 1, t = sqrt(df / x) = sqrt(df) exp(-ln x / 2).
    a1 = where(L.gt(a, c(a, 0.0)), a, c(a, 1.0))
    q2s = where(L.gt(q2, c(q2, 0.0)), q2, c(q2, 1.0))
    logx = L.div(L.add(L.add(L.log(q2s), L.log(a1)), G.betaln(a1, c(a1, 0.5))), a1)
    t_pow = L.mul(L.sqrt(df), L.exp(L.mul(logx, c(logx, -0.5))))
    t_lo = where(L.lt(logx, c(logx, 2 * math.log(np.finfo(logx.dtype).eps))), t_pow, t_lo)
    t = L.neg(where(L.le(q2, c(q2, 0.5)), t_lo, t_hi))
    big = L.gt(df, c(df, _WALLACE_DF[np.dtype(df.dtype)]))
    dfs = where(big, df, c(df, 1.0))
    # huge df: Wallace's normal approximation (Ann. Math. Stat. 30, 1959) inverted:
    # z = (8df+1)/(8df+3) sqrt(df log1p(t^2/df)) (stdtr itself now uses Hill's form)
    z = L.div(I.ndtri(q), _wallace_c(dfs))
    tw = L.neg(L.sqrt(L.mul(dfs, L.expm1(L.div(L.mul(z, z), dfs)))))
    tw = where(L.eq(df, c(df, np.inf)), I.ndtri(q), tw)
    t = where(big, tw, t)
    t = where(L.gt(p, c(p, 0.5)), L.neg(t), t)
    return _nan_if(L.or_(L.le(df, c(df, 0.0)), _bad_p(p)), t)


# --- Kolmogorov ------------------------------------------------------------------------------------
# y >= 1: 2 sum_{k>=1} (-1)^(k-1) exp(-2 k^2 y^2); term k over term 1 is
# exp(-2 (k^2 - 1) y^2) <= exp(-48) at k = 5: 6 terms.  y < 1: the Jacobi-theta
# form 1 - sqrt(2 pi)/y sum_{k>=1} exp(-(2k-1)^2 pi^2 / (8 y^2)); term k over
# term 1 is exp(-((2k-1)^2 - 1) pi^2/8) <= exp(-59) at k = 5: 6 terms.
_KOLM_TERMS = 6


def _kolmogorov(y):
    ys = L.max(y, c(y, 1.0))
    y2 = L.mul(ys, ys)
    s = None
    for k in range(_KOLM_TERMS, 0, -1):
        term = L.exp(L.mul(y2, c(y, -2.0 * k * k)))
        term = term if k % 2 else L.neg(term)
        s = term if s is None else L.add(s, term)
    big = L.mul(s, c(y, 2.0))
    yl = L.min(L.max(y, c(y, 0.05)), c(y, 1.0))  # below 0.05 the sum is < 1e-200
    inv = L.div(c(y, -math.pi ** 2 / 8), L.mul(yl, yl))
    s2 = None
    for k in range(_KOLM_TERMS, 0, -1):
        term = L.exp(L.mul(inv, c(y, (2 * k - 1) ** 2)))
        s2 = term if s2 is None else L.add(s2, term)
    small = L.sub(c(y, 1.0), L.mul(L.div(c(y, math.sqrt(2 * math.pi)), yl), s2))
    small = where(L.lt(y, c(y, 0.05)), c(y, 1.0), small)
    return where(L.ge(y, c(y, 1.0)), big, small)


# --- the table -------------------------------------------------------------------------------------
def _doc(summary, params, returns, example):
    return f"""{summary}

Parameters
----------
{params}

Returns
-------
jax.Array
    {returns}

Examples
--------
>>> import jaxwrap.scipy.special as sp
{example}
"""


_PARAM = {
    "k": "k : array_like\n    Number of successes / events (floored to an integer).",
    "n": "n : array_like\n    Number of trials (floored to an integer).",
    "p": "p : array_like\n    Probability of success in one trial, in [0, 1].",
    "y": "y : array_like\n    Probability, in [0, 1].",
    "v": "v : array_like\n    Degrees of freedom, >= 0.",
    "x": "x : array_like\n    Upper limit of integration, >= 0.",
    "dfn": "dfn : array_like\n    Degrees of freedom of the numerator, > 0.",
    "dfd": "dfd : array_like\n    Degrees of freedom of the denominator, > 0.",
    "a": "a : array_like\n    Rate of the gamma distribution, >= 0.",
    "b": "b : array_like\n    Shape of the gamma distribution, >= 0.",
    "m": "m : array_like\n    Mean of the Poisson distribution, >= 0.",
    "df": "df : array_like\n    Degrees of freedom, > 0 (inf: the normal distribution).",
    "t": "t : array_like\n    Upper limit of integration.",
}


def _make(name, argnames, kernel, summary, returns, example):
    def fn(*args):
        if len(args) != len(argnames):
            raise TypeError(f"{name}() takes {len(argnames)} arguments "
                            f"({', '.join(argnames)}), got {len(args)}")
        arrs, dt, weak = promote(name, argnames, args)
        return finish(kernel(*arrs), dt, weak)

    import inspect
    fn.__signature__ = inspect.Signature(
        [inspect.Parameter(a, inspect.Parameter.POSITIONAL_OR_KEYWORD) for a in argnames])
    fn.__name__ = fn.__qualname__ = name
    params = "\n".join(_PARAM[a] for a in argnames)
    fn.__doc__ = _doc(summary, params, returns, example)
    return public(fn)


bdtr = _make("bdtr", ("k", "n", "p"), _bdtr, "Binomial distribution function: the "
             "probability of at most k successes in n trials.", "P(X <= k).",
             ">>> round(sp.bdtr(2, 5, 0.3).item(), 5)\n0.83692")
bdtrc = _make("bdtrc", ("k", "n", "p"), _bdtrc, "Binomial survival function: the "
              "probability of more than k successes in n trials.", "P(X > k).",
              ">>> round(sp.bdtrc(2, 5, 0.3).item(), 5)\n0.16308")
bdtri = _make("bdtri", ("k", "n", "y"), _bdtri, "Inverse of bdtr in p.",
              "p with bdtr(k, n, p) = y.", ">>> round(sp.bdtri(2, 5, 0.4).item(), 5)\n0.55375")
chdtr = _make("chdtr", ("v", "x"), _chdtr, "Chi-square distribution function.",
              "P(X <= x) for v degrees of freedom.",
              ">>> round(sp.chdtr(2.0, 1.0).item(), 6)\n0.393469")
chdtrc = _make("chdtrc", ("v", "x"), _chdtrc, "Chi-square survival function.",
               "P(X > x) for v degrees of freedom.",
               ">>> round(sp.chdtrc(2.0, 1.0).item(), 6)\n0.606531")
chdtri = _make("chdtri", ("v", "y"), _chdtri, "Inverse of chdtrc in x.",
               "x with chdtrc(v, x) = y.", ">>> round(sp.chdtri(2.0, 0.5).item(), 6)\n1.386294")
fdtr = _make("fdtr", ("dfn", "dfd", "x"), _fdtr, "F distribution function.",
             "P(X <= x).", ">>> round(sp.fdtr(2.0, 3.0, 1.0).item(), 4)\n0.5352")
fdtrc = _make("fdtrc", ("dfn", "dfd", "x"), _fdtrc, "F survival function.",
              "P(X > x).", ">>> round(sp.fdtrc(2.0, 3.0, 1.0).item(), 4)\n0.4648")
fdtri = _make("fdtri", ("dfn", "dfd", "y"), _fdtri, "Inverse of fdtr in x.",
              "x with fdtr(dfn, dfd, x) = y.",
              ">>> round(sp.fdtri(2.0, 3.0, 0.535241).item(), 4)\n1.0")
gdtr = _make("gdtr", ("a", "b", "x"), _gdtr, "Gamma distribution function (rate a, shape b).",
             "gammainc(b, a x).", ">>> round(sp.gdtr(1.0, 2.0, 1.0).item(), 6)\n0.264241")
gdtrc = _make("gdtrc", ("a", "b", "x"), _gdtrc, "Gamma survival function (rate a, shape b).",
              "gammaincc(b, a x).", ">>> round(sp.gdtrc(1.0, 2.0, 1.0).item(), 6)\n0.735759")
nbdtr = _make("nbdtr", ("k", "n", "p"), _nbdtr, "Negative binomial distribution function: "
              "the probability of at most k failures before the n-th success.",
              "I_p(n, k + 1).", ">>> round(sp.nbdtr(2, 5, 0.3).item(), 4)\n0.0288")
nbdtrc = _make("nbdtrc", ("k", "n", "p"), _nbdtrc, "Negative binomial survival function.",
               "1 - nbdtr(k, n, p), computed directly.",
               ">>> round(sp.nbdtrc(2, 5, 0.3).item(), 6)\n0.971205")
nbdtri = _make("nbdtri", ("k", "n", "y"), _nbdtri, "Inverse of nbdtr in p.",
               "p with nbdtr(k, n, p) = y.",
               ">>> round(sp.nbdtri(2, 5, 0.3).item(), 6)\n0.541445")
pdtr = _make("pdtr", ("k", "m"), _pdtr, "Poisson distribution function: the probability "
             "of at most k events.", "gammaincc(k + 1, m).",
             ">>> round(sp.pdtr(2, 1.0).item(), 6)\n0.919699")
pdtrc = _make("pdtrc", ("k", "m"), _pdtrc, "Poisson survival function.",
              "gammainc(k + 1, m).", ">>> round(sp.pdtrc(2, 1.0).item(), 6)\n0.080301")
pdtri = _make("pdtri", ("k", "y"), _pdtri, "Inverse of pdtr in m.",
              "m with pdtr(k, m) = y (NaN at y = 1, like scipy).",
              ">>> round(sp.pdtri(2, 0.5).item(), 6)\n2.67406")
stdtr = _make("stdtr", ("df", "t"), _stdtr, "Student t distribution function.",
              "P(T <= t).", ">>> round(sp.stdtr(1.0, 1.0).item(), 6)\n0.75")
stdtrit = _make("stdtrit", ("df", "p"), _stdtrit, "Inverse of stdtr in t.",
                "t with stdtr(df, t) = p (-inf at p = 0, inf at p = 1).",
                ">>> round(sp.stdtrit(3.0, 0.975).item(), 4)\n3.1824")
kolmogorov = _make("kolmogorov", ("y",), _kolmogorov, "Complementary distribution function "
                   "of the Kolmogorov limit distribution.", "P(sqrt(n) D_n > y) as n -> inf.",
                   ">>> round(sp.kolmogorov(1.0).item(), 6)\n0.27")
