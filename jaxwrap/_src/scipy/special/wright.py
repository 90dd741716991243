"""Wright's generalized Bessel function Phi(a, b; x) and its logarithm.

    Phi(a, b; x) = sum_{k>=0} x^k / (k! Gamma(a k + b))        (DLMF 10.46.1)

on scipy's domain a >= 0, b >= 0, x >= 0 (NaN outside).  Every term is
non-negative, so the sum has no cancellation; the work is finding where the
terms live.  As a function of a real k the log-term

    l(k) = k log x - lgamma(k + 1) - lgamma(a k + b)

is concave (1/Gamma is log-concave on the right half-line) with its maximum
near the saddle point k* of Wright (1935): log x = psi(k + 1) + a psi(a k + b),
roughly k* = (x / a^a)^(1/(1+a)), and width sigma = 1/sqrt(-l''(k*)).

* When 2 M sigma fits in K terms, the sum is taken over the K integers
  k0 .. k0 + K - 1 with k0 = max(0, floor(k* - M sigma)): what is left out
  lies beyond M sigma of the peak, below exp(-M^2/2) of the sum
  (M = 9 in float64: e^-40.5; M = 6 in float32: e^-18).
* Otherwise (sigma > (K - 1)/(2M), hence k* - M sigma > 0) the sum over the
  integers equals the integral of the entire function exp(l(k)) up to
  terms of order exp(-2 pi^2 sigma^2) (Poisson summation), and so does the
  trapezoidal rule with step h = 2 M sigma / (K - 1) <= sigma / 10: error
  exp(-2 pi^2 sigma^2 / h^2) < e^-1900.  So K evaluations suffice for any x:
  no input loops longer (K = 192 in float64, 96 in float32, static).

The terms are accumulated by a running log-sum-exp, so log_wright_bessel
stays finite where Phi overflows.  a = 0 is the closed form e^x / Gamma(b).
Accuracy: each l(k) carries a rounding error of about eps * |k log x| (the
pieces are larger than their sum), so the relative error of Phi grows like
eps * k* log x: a few ULP for x <= 10, some hundreds near overflow (x ~ 700).

Derivatives: the sum differentiated term by term, accumulated in the same
loop as the value (d/da of term k is -k psi(a k + b) times the term, d/db
-psi(a k + b), d/dx k/x; the last sums to Phi(a, a + b; x), Wright 1935).
"""

from __future__ import annotations

import inspect

import jax
import numpy as np

from ... import lax as L
from ...control import fori_loop
from ...numpy._util import public
from ._errfun_real import c, where
from .errfun import finish, promote

__all__ = ["log_wright_bessel", "wright_bessel"]

# dtype -> (M: half-width of the window in sigmas, K: number of terms); see the docstring
_WINDOW = {np.dtype(np.float32): (6.0, 96), np.dtype(np.float64): (9.0, 192)}


def _saddle(a, b, x):
    """k* and sigma of the terms: Newton steps in u = log(k + 1/2) on
    log x = log(k + 1/2) + a log(a k + b + 1/2) (psi(z) ~ log(z - 1/2)); only a
    centre for the window, which has M sigma of margin either side."""
    lx = L.log(x)
    a1 = L.add(a, c(a, 1.0))
    # start: (x / a^a)^(1/(1+a)), with a^a = 1 at a = 0
    ala = where(L.gt(a, c(a, 0.0)), L.mul(a, L.log(where(L.gt(a, c(a, 0.0)), a, c(a, 1.0)))),
                c(a, 0.0))
    u = L.div(L.sub(lx, ala), a1)
    u = L.max(u, c(u, -1.0))
    for _ in range(4):  # quadratic convergence from a start within O(1) of the root
        k = L.max(L.sub(L.exp(u), c(u, 0.5)), c(u, 0.0))
        inner = L.add(L.mul(a, k), L.add(b, c(b, 0.5)))
        f = L.sub(lx, L.add(L.log(L.add(k, c(k, 0.5))), L.mul(a, L.log(inner))))
        # df/du = -(1 + a^2 (k + 1/2) / inner)
        df = L.neg(L.add(c(u, 1.0), L.div(L.mul(L.mul(a, a), L.add(k, c(k, 0.5))), inner)))
        u = L.max(L.sub(u, L.div(f, df)), c(u, -1.0))
    k = L.max(L.sub(L.exp(u), c(u, 0.5)), c(u, 0.0))
    # -l''(k) ~ 1/(k + 1/2) + a^2 / (a k + b + 1/2)
    curv = L.add(L.div(c(k, 1.0), L.add(k, c(k, 0.5))),
                 L.div(L.mul(a, a), L.add(L.mul(a, k), L.add(b, c(b, 0.5)))))
    return k, L.rsqrt(curv)


def _logterm(a, b, lx, k, xpos):
    """l(k) = k log x - lgamma(k + 1) - lgamma(a k + b), -inf where 1/Gamma(a k + b) = 0
    or where x = 0 and k > 0."""
    arg = L.add(L.mul(a, k), b)
    ok = L.gt(arg, c(arg, 0.0))
    args = where(ok, arg, c(arg, 1.0))  # keep lgamma (and its derivative) finite
    kl = where(xpos, L.mul(k, lx), c(k, 0.0))
    v = L.sub(L.sub(kl, L.lgamma(L.add(k, c(k, 1.0)))), L.lgamma(args))
    dead = L.or_(L.not_(ok), L.and_(L.not_(xpos), L.gt(k, c(k, 0.0))))
    return where(dead, c(v, -np.inf), v)


def _log_core(a, b, x, derivs):
    """log Phi(a, b; x) for valid finite a, b >= 0, x >= 0 (see the module docstring);
    with ``derivs`` also its partial derivatives in a, b, x, summed in the same loop:
    d l(k)/da = -k psi(a k + b), d l(k)/db = -psi(a k + b), d l(k)/dx = k / x."""
    m, kk = _WINDOW[np.dtype(x.dtype)]
    xpos = L.gt(x, c(x, 0.0))
    xs = where(xpos, x, c(x, 1.0))
    lx = L.log(xs)
    ks, sig = _saddle(a, b, xs)
    ks = where(xpos, ks, c(ks, 0.0))
    sig = where(xpos, sig, c(sig, 1.0))
    wide = L.gt(L.mul(sig, c(sig, 2.0 * m)), c(sig, kk - 1.0))
    h = where(wide, L.mul(sig, c(sig, 2.0 * m / (kk - 1.0))), c(sig, 1.0))
    lo = L.sub(ks, L.mul(sig, c(sig, m)))
    k0 = where(wide, lo, L.max(L.floor(lo), c(lo, 0.0)))
    zero = L.mul(x, c(x, 0.0))

    # a running log-sum-exp (max m, sums scaled by exp(-m)): robust where the logs of the
    # terms carry large rounding errors (x ~ 1e30: |l(k)| ~ 1e31)
    def body(i, acc):
        k = L.add(k0, L.mul(h, L.convert_element_type(i, x.dtype, False)))
        lk = _logterm(a, b, lx, k, xpos)
        m = acc[0]
        m_new = L.max(m, lk)
        m_safe = where(L.eq(m_new, c(m_new, -np.inf)), c(m_new, 0.0), m_new)
        r = L.exp(L.sub(m, m_safe))  # rescale of the old sums
        e = L.exp(L.sub(lk, m_safe))
        out = [m_new, L.add(L.mul(acc[1], r), e)]
        if derivs:
            arg = L.add(L.mul(a, k), b)
            psi = L.digamma(where(L.gt(arg, c(arg, 0.0)), arg, c(arg, 1.0)))
            ep = L.mul(e, psi)
            out += [L.sub(L.mul(acc[2], r), L.mul(ep, k)), L.sub(L.mul(acc[3], r), ep),
                    L.add(L.mul(acc[4], r), L.mul(e, k))]
        return tuple(out)

    init = (L.add(zero, c(x, -np.inf)),) + (zero,) * (4 if derivs else 1)
    acc = fori_loop(0, kk, body, init)
    s = acc[1]
    v = L.add(acc[0], L.log(L.mul(s, h)))
    if not derivs:
        return v
    # x = 0: d log Phi / dx = Phi(a, a + b; 0) / Phi(a, b; 0) = Gamma(b) / Gamma(a + b)
    dx0 = L.exp(L.sub(L.lgamma(where(L.gt(b, c(b, 0.0)), b, c(b, 1.0))),
                      L.lgamma(L.add(a, b))))
    dx0 = where(L.gt(b, c(b, 0.0)), dx0, c(b, np.inf))
    dx = where(xpos, L.div(L.div(acc[4], s), xs), dx0)
    return v, (L.div(acc[2], s), L.div(acc[3], s), dx)


def _valid(a, b, x):
    return L.and_(L.and_(L.ge(a, c(a, 0.0)), L.ge(b, c(b, 0.0))), L.ge(x, c(x, 0.0)))


def _log_wright(a, b, x, derivs=False):
    ok = _valid(a, b, x)
    fin = L.and_(L.and_(L.is_finite(a), L.is_finite(b)), L.is_finite(x))
    one = c(x, 1.0)
    as_, bs, xs = (where(L.and_(ok, fin), v, one) for v in (a, b, x))
    out = _log_core(as_, bs, xs, derivs)
    v = out[0] if derivs else out
    # a = 0: Phi = e^x / Gamma(b) exactly (0 at b = 0)
    b0 = where(L.gt(bs, c(bs, 0.0)), bs, one)
    v0 = where(L.gt(bs, c(bs, 0.0)), L.sub(xs, L.lgamma(b0)), c(xs, -np.inf))
    v = where(L.eq(as_, c(as_, 0.0)), v0, v)
    # x = inf: Phi grows without bound; a or b infinite: NaN, like scipy
    v = where(L.eq(x, c(x, np.inf)), c(v, np.inf), v)
    bad = L.or_(L.not_(ok), L.or_(L.ne(a, a), L.or_(L.ne(b, b), L.ne(x, x))))
    bad = L.or_(bad, L.or_(L.eq(a, c(a, np.inf)), L.eq(b, c(b, np.inf))))
    v = where(bad, c(v, np.nan), v)
    if not derivs:
        return v
    return v, tuple(where(bad, c(v, np.nan), g) for g in out[1])


def _dot(grads, tangents):
    out = None
    for g, t in zip(grads, tangents):
        if type(t).__name__ == "SymbolicZero" or t is None:
            continue
        term = L.mul(t, g)
        out = term if out is None else L.add(out, term)
    return out


@jax.custom_jvp
def _log_wright_jvp(a, b, x):
    return _log_wright(a, b, x)


@_log_wright_jvp.defjvp
def _log_wright_jvp_rule(primals, tangents):
    y, grads = _log_wright(*primals, derivs=True)
    return y, _dot(grads, tangents)


@jax.custom_jvp
def _wright(a, b, x):
    return L.exp(_log_wright(a, b, x))


@_wright.defjvp
def _wright_jvp_rule(primals, tangents):
    ly, grads = _log_wright(*primals, derivs=True)
    y = L.exp(ly)
    return y, L.mul(y, _dot(grads, tangents))


# --- public functions ----------------------------------------------------------------------------
_PARAMS = """a : array_like
    Order-like parameter, a >= 0.
b : array_like
    Shift parameter, b >= 0.
x : array_like
    Argument, x >= 0."""


def _make(name, kernel, summary, returns, example):
    argnames = ("a", "b", "x")

    def fn(a, b, x):
        arrs, dt, weak = promote(name, argnames, (a, b, x))
        return finish(kernel(*arrs), dt, weak)

    fn.__signature__ = inspect.Signature(
        [inspect.Parameter(n, inspect.Parameter.POSITIONAL_OR_KEYWORD) for n in argnames])
    fn.__name__ = fn.__qualname__ = name
    fn.__doc__ = f"""{summary}

Parameters
----------
{_PARAMS}

Returns
-------
jax.Array
    {returns}

Notes
-----
Outside a, b, x >= 0 the result is NaN (scipy's domain).  The sum is taken
over a window of K terms around its largest term (a trapezoidal rule in k
for very wide windows), so every input takes the same, bounded time.

Examples
--------
>>> import jaxwrap.scipy.special as sp
{example}
"""
    return public(fn)


wright_bessel = _make(
    "wright_bessel", _wright,
    "Wright's generalized Bessel function Phi(a, b; x) = sum_k x^k / (k! Gamma(a k + b)).",
    "Phi(a, b; x).",
    ">>> round(sp.wright_bessel(1.5, 0.1, 2.5).item(), 5)\n4.53145")
log_wright_bessel = _make(
    "log_wright_bessel", _log_wright_jvp,
    "Logarithm of Wright's generalized Bessel function, finite where Phi overflows.",
    "log Phi(a, b; x).",
    ">>> round(sp.log_wright_bessel(0.5, 1.0, 1000.0).item(), 2)\n185.8")
