"""scipy.special's Bessel functions of real argument.

All of them are thin layers over the kernels of ``_bessel_core`` (real order
v >= 0, x > 0): ``jy`` for J/Y and ``ik`` for the scaled I/K, plus the
primitives ``bessel_i0e`` / ``bessel_i1e`` for the order-0/1 modified
functions.  Here: argument checks and promotion, negative orders (reflection,
DLMF 10.4.7 / 10.27.2-3), negative and zero arguments, derivatives.

Derivatives in the argument are ``jax.custom_jvp`` rules from the recurrences
(C_v' = (C_{v-1} - C_{v+1}) / 2, DLMF 10.6.1, 10.29.1).  The derivative in a
real order has no closed form and is reported as NaN, never a silent zero.

Complex arguments z (real order) of jv, jve, yv, yve, iv, ive, kv, kve, jn,
the Hankel functions and the derivatives jvp ... h2vp go to the kernels of
``_bessel_complex``; spherical_jn/yn/in/kn to ``_spherical_complex`` (the same
kernels at order n + 1/2); the other functions raise TypeError for a complex
argument, naming it.
"""

from __future__ import annotations

import math
import operator

import jax
import numpy as np

from ... import lax as L
from ...numpy import _util
from ...numpy._util import public
from . import _bessel_complex as BC
from . import _bessel_core as C
from . import _bessel_expr as X
from . import _spherical_complex as SC
from ._bessel_expr import E, where

__all__ = [
    "bessel_jn", "h1vp", "h2vp", "hankel1", "hankel1e", "hankel2", "hankel2e",
    "i0", "i0e", "i1", "i1e", "iv", "ive", "ivp", "j0", "j1", "jn", "jv", "jve", "jvp",
    "k0", "k0e", "k1", "k1e", "kn", "kv", "kve", "kvp",
    "spherical_in", "spherical_jn", "spherical_kn", "spherical_yn",
    "y0", "y1", "yn", "yv", "yve", "yvp",
]


# --- argument handling -------------------------------------------------------------------
def _real(name, *pairs):
    """Promote (argname, value) pairs to one float dtype and broadcast; complex -> TypeError."""
    names = [p[0] for p in pairs]
    vals = [p[1] for p in pairs]
    _util.check_arraylike(name, *vals, argnames=names)
    out = _util.promote_args_inexact(name, *vals)
    if np.dtype(out[0].dtype).kind == "c":
        bad = next((n for n, v in zip(names, vals) if np.iscomplexobj(v)), names[-1])
        raise TypeError(f"{name}(): complex {bad} is not supported (real arguments only)")
    return [E(o) for o in out]


def _complex(name, v, z, kernel=None, argnames=("v", "z")):
    """Complex z with a real order: the kernels of _bessel_complex; None for real z."""
    if not np.iscomplexobj(z):
        return None
    _util.check_arraylike(name, v, z, argnames=list(argnames))
    if np.iscomplexobj(v):
        raise TypeError(f"{name}(): complex {argnames[0]} is not supported (real orders only)")
    v, z = _util.promote_args_inexact(name, v, z)
    return BC.bessel(kernel or name, L.real(v), z)


def _static_int(name, argname, n):
    try:
        return operator.index(n)
    except TypeError:
        raise TypeError(f"{name}(): {argname} must be an integer, got {type(n).__name__}") from None


def _nan_deriv_in_order(f):
    """custom_jvp for f(v, x) given the x-derivative rule; the order's tangent gives NaN."""
    from jax.custom_derivatives import SymbolicZero

    def wrap(dfdx):
        g = jax.custom_jvp(f)

        @g.defjvp
        def rule(primals, tangents):
            v, x = primals
            tv, tx = tangents
            y = g(v, x)
            dy = L.mul(y, np.array(0, y.dtype))
            if not isinstance(tx, SymbolicZero):
                dy = L.add(dy, L.mul(dfdx(v, x, y), tx))
            if not isinstance(tv, SymbolicZero):
                dy = L.add(dy, L.mul(tv, np.array(np.nan, y.dtype)))
            return y, dy
        g.defjvp(rule, symbolic_zeros=True)
        return g
    return wrap


# --- J and Y of real order ------------------------------------------------------------------
def _prep(v: E, x: E):
    """Core arguments: |v|, |x| where finite and nonzero (else 1, patched afterwards)."""
    a = X.abs(v)
    ax = X.abs(x)
    good = (ax > 0.0) & (ax < np.inf) & (a < np.inf)
    return a, where(good, ax, 1.0), where(good, a, 0.0), good


def _is_int(v: E) -> E:
    return (v - X.floor(v)).eq(0)


def _odd(v: E) -> E:
    return (v * 0.5 - X.floor(v * 0.5)).ne(0)


def _mul0(c: E, y: E) -> E:
    """c * y, exactly 0 where c == 0 (so 0 * inf from a reflection term is 0)."""
    return where(c.eq(0), 0.0, c * y)


def _jy_real(v: E, x: E):
    """(J_v(x), Y_v(x)) for real v and x: one core call gives both (the reflection
    formulas for v < 0 need both anyway)."""
    a, xc, ac, good = _prep(v, x)
    j, y = C.jy(ac, xc, want_y=True)
    # limits: x = 0 (J_0 = 1, J_a = 0, Y_a = -inf), |x| = inf (both 0)
    zero = x.eq(0)
    j = where(good, j, where(zero, where(a.eq(0), X.full(x, 1.0), 0.0), 0.0))
    y = where(good, y, where(zero, X.full(x, -np.inf), 0.0))
    neg = v < 0.0
    s, c = X.sinpi(a), X.cospi(a)
    rj = where(neg, _mul0(c, j) - _mul0(s, y), j)        # J_{-a} = cos(a pi) J_a - sin(a pi) Y_a
    rj = where(x < 0.0, where(_is_int(v), where(_odd(v), -rj, rj), np.nan), rj)
    ry = where(neg, _mul0(s, j) + _mul0(c, y), y)        # Y_{-a} = sin(a pi) J_a + cos(a pi) Y_a
    ry = where(x < 0.0, np.nan, ry)
    bad = X.isnan(v) | X.isnan(x) | v.eq(np.inf) | v.eq(-np.inf)
    return where(bad, np.nan, rj), where(bad, np.nan, ry)


def _jv_impl(v, x):
    return _jy_real(E(v), E(x))[0].a


def _yv_impl(v, x):
    return _jy_real(E(v), E(x))[1].a


def _stacked_orders(f, orders, x):
    """[f(o, x) for o in orders] from one call of ``f`` on the orders stacked along a new
    leading axis (one kernel, not len(orders)); ``f`` may return a tuple of arrays."""
    shape = (1,) + tuple(np.shape(x))
    k = len(orders)
    vv = L.concatenate([L.reshape(o, shape) for o in orders], 0)
    xx = L.concatenate([L.reshape(x, shape)] * k, 0)
    out = f(vv, xx)
    n = len(shape)

    def part(a, i):
        return L.reshape(L.slice(a, (i,) + (0,) * (n - 1), (i + 1,) + shape[1:]), shape[1:])

    if isinstance(out, tuple):
        return [tuple(part(a, i) for a in out) for i in range(k)]
    return [part(out, i) for i in range(k)]


def _neighbours(f, v, x):
    """(f(v-1, x), f(v+1, x)) from one call on both orders stacked (one kernel, not two)."""
    one = np.array(1, v.dtype)
    lo, hi = _stacked_orders(f, [L.sub(v, one), L.add(v, one)], x)
    return lo, hi


def _half_diff(f):
    # C_v' = (C_{v-1} - C_{v+1}) / 2   (DLMF 10.6.1 for J, Y)
    def rule(v, x, y):
        lo, hi = _neighbours(f, v, x)
        return L.mul(L.sub(lo, hi), np.array(0.5, y.dtype))
    return rule


_jv = _nan_deriv_in_order(_jv_impl)(_half_diff(lambda v, x: _jv(v, x)))
_yv = _nan_deriv_in_order(_yv_impl)(_half_diff(lambda v, x: _yv(v, x)))


def _jy_pair_impl(v, x):
    j, y = _jy_real(E(v), E(x))
    return j.a, y.a


# (J_v, Y_v) from one kernel (Hankel functions and their derivatives need both: two
# separate _jv, _yv calls compile two full J-and-Y kernels).  d/dx by DLMF 10.6.1 from
# one call at the stacked orders v -+ 1; the order's tangent gives NaN, as _jv's.
_jy_pair = jax.custom_jvp(_jy_pair_impl)


def _jy_pair_rule(primals, tangents):
    from jax.custom_derivatives import SymbolicZero
    v, x = primals
    tv, tx = tangents
    out = _jy_pair(v, x)
    d = [L.mul(o, np.array(0, o.dtype)) for o in out]
    if not isinstance(tx, SymbolicZero):
        (jl, yl), (jh, yh) = _neighbours(_jy_pair, v, x)
        half = np.array(0.5, out[0].dtype)
        d = [L.add(d[0], L.mul(L.mul(L.sub(jl, jh), half), tx)),
             L.add(d[1], L.mul(L.mul(L.sub(yl, yh), half), tx))]
    if not isinstance(tv, SymbolicZero):
        nan = L.mul(tv, np.array(np.nan, out[0].dtype))
        d = [L.add(t, nan) for t in d]
    return out, tuple(d)


_jy_pair.defjvp(_jy_pair_rule, symbolic_zeros=True)


# --- I and K of real order -------------------------------------------------------------------
def _ik_real(v: E, x: E, which: str) -> E:
    """which: 'ive' (e^{-|x|} I_v), 'kve' (e^x K_v)."""
    a, xc, ac, good = _prep(v, x)
    i, k = C.ik(ac, xc, want_i=(which == "ive"))
    zero = x.eq(0)
    if which == "kve":
        r = where(good, k, where(zero, X.full(x, np.inf), 0.0))          # K_{-a} = K_a
        r = where(x < 0.0, np.nan, r)
    else:
        i = where(good, i, where(zero, where(a.eq(0), X.full(x, 1.0), 0.0), 0.0))
        # I_{-a} = I_a + (2/pi) sin(a pi) K_a (DLMF 10.27.2); in scaled form K_a e^{-|x|}
        # relative to I's scale e^{|x|}: the term is (2/pi) sin(a pi) kve e^{-2|x|}.
        neg = v < 0.0
        s = X.sinpi(a)
        kk = where(good, k, where(zero, X.full(x, np.inf), 0.0))
        term = _mul0(s, kk * X.exp(-2.0 * xc)) * (2.0 / math.pi)
        r = where(neg, i + term, i)
        r = where(x < 0.0, where(_is_int(v), where(_odd(v), -r, r), np.nan), r)
    nan = X.isnan(v) | X.isnan(x)
    return where(nan, np.nan, r)


def _ive_impl(v, x):
    return _ik_real(E(v), E(x), "ive").a


def _kve_impl(v, x):
    return _ik_real(E(v), E(x), "kve").a


def _ive_dx(v, x, y):
    # (e^{-|x|} I_v)' = (ive_{v-1} + ive_{v+1})/2 - sign(x) ive_v   (DLMF 10.29.1)
    lo, hi = _neighbours(_ive, v, x)
    s = L.mul(L.add(lo, hi), np.array(0.5, y.dtype))
    return L.sub(s, L.mul(L.sign(x), y))


def _kve_dx(v, x, y):
    # (e^x K_v)' = kve_v - (kve_{v-1} + kve_{v+1})/2   (DLMF 10.29.1)
    lo, hi = _neighbours(_kve, v, x)
    s = L.mul(L.add(lo, hi), np.array(0.5, y.dtype))
    return L.sub(y, s)


_ive = _nan_deriv_in_order(_ive_impl)(_ive_dx)
_kve = _nan_deriv_in_order(_kve_impl)(_kve_dx)


def _scale(y, s):
    """y * e^s without spurious overflow: two half steps."""
    h = L.exp(L.mul(s, np.array(0.5, s.dtype)))
    return L.mul(L.mul(y, h), h)


# --- public: real order ------------------------------------------------------------------------
@public
def jv(v, z):
    """Bessel function of the first kind of real order, J_v(z).

    Parameters
    ----------
    v : array_like
        Order (real; negative orders use the reflection formula).
    z : array_like
        Argument (real or complex; complex z: principal branch, cut on z < 0). For real z, non-integer orders give NaN for z < 0.

    Returns
    -------
    jax.Array
        J_v(z), broadcast over ``v`` and ``z``.

    Examples
    --------
    >>> from jaxwrap.scipy import special
    >>> print(f"{float(special.jv(0.5, 1.0)):.4f}")
    0.6714
    """
    if (r := _complex("jv", v, z)) is not None:
        return r
    v, z = _real("jv", ("v", v), ("z", z))
    return _jv(v.a, z.a)


@public
def yv(v, z):
    """Bessel function of the second kind of real order, Y_v(z).

    Parameters
    ----------
    v : array_like
        Order (real).
    z : array_like
        Argument (real or complex; complex z: principal branch, cut on z < 0); real z < 0 gives NaN, z = 0 gives -inf.

    Returns
    -------
    jax.Array
        Y_v(z).

    Examples
    --------
    >>> from jaxwrap.scipy import special
    >>> print(f"{float(special.yv(0.5, 1.0)):.4f}")
    -0.4311
    """
    if (r := _complex("yv", v, z)) is not None:
        return r
    v, z = _real("yv", ("v", v), ("z", z))
    return _yv(v.a, z.a)


@public
def jve(v, z):
    """Exponentially scaled J_v(z) * exp(-|Im z|); for real ``z`` this is J_v(z).

    Parameters
    ----------
    v : array_like
        Order (real).
    z : array_like
        Argument (real or complex; complex z: principal branch, cut on z < 0).

    Returns
    -------
    jax.Array
        J_v(z).

    Examples
    --------
    >>> from jaxwrap.scipy import special
    >>> print(f"{float(special.jve(1, 2.0)):.4f}")
    0.5767
    """
    if (r := _complex("jve", v, z)) is not None:
        return r
    v, z = _real("jve", ("v", v), ("z", z))
    return _jv(v.a, z.a)


@public
def yve(v, z):
    """Exponentially scaled Y_v(z) * exp(-|Im z|); for real ``z`` this is Y_v(z).

    Parameters
    ----------
    v : array_like
        Order (real).
    z : array_like
        Argument (real or complex; complex z: principal branch, cut on z < 0).

    Returns
    -------
    jax.Array
        Y_v(z).

    Examples
    --------
    >>> from jaxwrap.scipy import special
    >>> print(f"{float(special.yve(1, 2.0)):.4f}")
    -0.1070
    """
    if (r := _complex("yve", v, z)) is not None:
        return r
    v, z = _real("yve", ("v", v), ("z", z))
    return _yv(v.a, z.a)


@public
def ive(v, z):
    """Exponentially scaled modified Bessel function of the first kind, exp(-|z|) I_v(z).

    Parameters
    ----------
    v : array_like
        Order (real).
    z : array_like
        Argument (real or complex; complex z: principal branch, cut on z < 0); for real z, non-integer orders give NaN for z < 0.

    Returns
    -------
    jax.Array
        exp(-|z|) I_v(z).

    Examples
    --------
    >>> from jaxwrap.scipy import special
    >>> print(f"{float(special.ive(1.5, 3.0)):.4f}")
    0.1543
    """
    if (r := _complex("ive", v, z)) is not None:
        return r
    v, z = _real("ive", ("v", v), ("z", z))
    return _ive(v.a, z.a)


@public
def iv(v, z):
    """Modified Bessel function of the first kind of real order, I_v(z).

    Parameters
    ----------
    v : array_like
        Order (real).
    z : array_like
        Argument (real or complex; complex z: principal branch, cut on z < 0); for real z, non-integer orders give NaN for z < 0.

    Returns
    -------
    jax.Array
        I_v(z).

    Examples
    --------
    >>> from jaxwrap.scipy import special
    >>> print(f"{float(special.iv(1.5, 3.0)):.4f}")
    3.0995
    """
    if (r := _complex("iv", v, z)) is not None:
        return r
    v, z = _real("iv", ("v", v), ("z", z))
    return _scale(_ive(v.a, z.a), L.abs(z.a))


@public
def kve(v, z):
    """Exponentially scaled modified Bessel function of the second kind, exp(z) K_v(z).

    Parameters
    ----------
    v : array_like
        Order (real; K_{-v} = K_v).
    z : array_like
        Argument (real or complex; complex z: principal branch, cut on z < 0); real z < 0 gives NaN, z = 0 gives inf.

    Returns
    -------
    jax.Array
        exp(z) K_v(z).

    Examples
    --------
    >>> from jaxwrap.scipy import special
    >>> print(f"{float(special.kve(0.5, 2.0)):.4f}")
    0.8862
    """
    if (r := _complex("kve", v, z)) is not None:
        return r
    v, z = _real("kve", ("v", v), ("z", z))
    return _kve(v.a, z.a)


@public
def kv(v, z):
    """Modified Bessel function of the second kind of real order, K_v(z).

    Parameters
    ----------
    v : array_like
        Order (real).
    z : array_like
        Argument (real or complex; complex z: principal branch, cut on z < 0); real z < 0 gives NaN, z = 0 gives inf.

    Returns
    -------
    jax.Array
        K_v(z).

    Examples
    --------
    >>> from jaxwrap.scipy import special
    >>> print(f"{float(special.kv(0.5, 2.0)):.4f}")
    0.1199
    """
    if (r := _complex("kv", v, z)) is not None:
        return r
    v, z = _real("kv", ("v", v), ("z", z))
    return _scale(_kve(v.a, z.a), L.neg(z.a))


# --- integer order ---------------------------------------------------------------------------
def _int_order(name, n, x):
    """scipy's yn/kn take integer orders; float orders are truncated toward zero."""
    n, x = _real(name, ("n", n), ("x", x))
    n = where(n < 0.0, -X.floor(-n), X.floor(n))
    return n, x


@public
def jn(n, x):
    """Bessel function of the first kind of integer order (scipy's alias of :func:`jv`).

    Parameters
    ----------
    n : array_like
        Order (integer; real orders are accepted like :func:`jv`).
    x : array_like
        Argument (real or complex; complex z: principal branch, cut on z < 0).

    Returns
    -------
    jax.Array
        J_n(x).

    Examples
    --------
    >>> from jaxwrap.scipy import special
    >>> print(f"{float(special.jn(2, 3.0)):.4f}")
    0.4861
    """
    if (r := _complex("jn", n, x, "jv", ("n", "x"))) is not None:
        return r
    n, x = _real("jn", ("n", n), ("x", x))
    return _jv(n.a, x.a)


@public
def yn(n, x):
    """Bessel function of the second kind of integer order, Y_n(x).

    Parameters
    ----------
    n : array_like
        Order (float orders are truncated toward zero, like scipy).
    x : array_like
        Argument (real).

    Returns
    -------
    jax.Array
        Y_n(x).

    Examples
    --------
    >>> from jaxwrap.scipy import special
    >>> print(f"{float(special.yn(2, 3.0)):.4f}")
    -0.1604
    """
    n, x = _int_order("yn", n, x)
    return _yv(n.a, x.a)


@public
def kn(n, x):
    """Modified Bessel function of the second kind of integer order, K_n(x).

    Parameters
    ----------
    n : array_like
        Order (float orders are truncated toward zero; K_{-n} = K_n).
    x : array_like
        Argument (real).

    Returns
    -------
    jax.Array
        K_n(x).

    Examples
    --------
    >>> from jaxwrap.scipy import special
    >>> print(f"{float(special.kn(2, 3.0)):.4f}")
    0.0615
    """
    n, x = _int_order("kn", n, x)
    return _scale(_kve(n.a, x.a), L.neg(x.a))


# --- orders 0 and 1 ---------------------------------------------------------------------------
def _order(x, k):
    return L.broadcast_in_dim(np.array(k, x.dtype), tuple(np.shape(x)), ())


def _unary(name, body, summary, example, value):
    def f(x):
        (x,) = _real(name, ("x", x))
        return body(x.a)
    f.__name__ = f.__qualname__ = name
    f.__doc__ = (f"{summary}\n\n    Parameters\n    ----------\n    x : array_like\n"
                 f"        Argument (real).\n\n    Returns\n    -------\n    jax.Array\n"
                 f"        The function's values at ``x``.\n\n    Examples\n    --------\n"
                 f"    >>> from jaxwrap.scipy import special\n"
                 f"    >>> print(f\"{{float(special.{name}({example})):.4f}}\")\n    {value}\n")
    f.__module__ = __name__
    return public(f)


#          name   body                                                     summary, example, value
j0 = _unary("j0", lambda x: _jv(_order(x, 0), x), "Bessel function of the first kind of order 0.", "1.0", "0.7652")
j1 = _unary("j1", lambda x: _jv(_order(x, 1), x), "Bessel function of the first kind of order 1.", "1.0", "0.4401")
y0 = _unary("y0", lambda x: _yv(_order(x, 0), x), "Bessel function of the second kind of order 0.", "1.0", "0.0883")
y1 = _unary("y1", lambda x: _yv(_order(x, 1), x), "Bessel function of the second kind of order 1.", "1.0", "-0.7812")
i0e = _unary("i0e", L.bessel_i0e, "Exponentially scaled modified Bessel function of order 0, exp(-|x|) I0(x).", "1.0", "0.4658")
i1e = _unary("i1e", L.bessel_i1e, "Exponentially scaled modified Bessel function of order 1, exp(-|x|) I1(x).", "1.0", "0.2079")
i0 = _unary("i0", lambda x: _scale(L.bessel_i0e(x), L.abs(x)), "Modified Bessel function of the first kind of order 0.", "1.0", "1.2661")
i1 = _unary("i1", lambda x: _scale(L.bessel_i1e(x), L.abs(x)), "Modified Bessel function of the first kind of order 1.", "1.0", "0.5652")
k0e = _unary("k0e", lambda x: _kve(_order(x, 0), x), "Exponentially scaled modified Bessel function of the second kind of order 0, exp(x) K0(x).", "1.0", "1.1445")
k1e = _unary("k1e", lambda x: _kve(_order(x, 1), x), "Exponentially scaled modified Bessel function of the second kind of order 1, exp(x) K1(x).", "1.0", "1.6362")
k0 = _unary("k0", lambda x: _scale(_kve(_order(x, 0), x), L.neg(x)), "Modified Bessel function of the second kind of order 0.", "1.0", "0.4210")
k1 = _unary("k1", lambda x: _scale(_kve(_order(x, 1), x), L.neg(x)), "Modified Bessel function of the second kind of order 1.", "1.0", "0.6019")


# --- Hankel functions -------------------------------------------------------------------------
def _cdtype(x):
    return np.complex128 if x.dtype == np.float64 else np.complex64


def _hankel(name, v, z, sign, scaled):
    if (r := _complex(name, v, z)) is not None:
        return r
    v, z = _real(name, ("v", v), ("z", z))
    j, y = _jy_pair(v.a, z.a)
    if sign < 0:
        y = L.neg(y)
    if scaled:   # times exp(-+ i z): (J +- iY)(cos z -+ i sin z)
        c, s = L.cos(z.a), L.sin(z.a)
        s = L.neg(s) if sign > 0 else s
        j, y = L.sub(L.mul(j, c), L.mul(y, s)), L.add(L.mul(j, s), L.mul(y, c))
    return L.complex(j, y)


def _hankel_doc(name, summary, example):
    return f"""{summary}

    Parameters
    ----------
    v : array_like
        Order (real).
    z : array_like
        Argument (real or complex; the principal branch, cut along the negative real axis).

    Returns
    -------
    jax.Array
        Complex values (complex64 for float32 input, complex128 for float64).

    Examples
    --------
    >>> from jaxwrap.scipy import special
    >>> h = complex(special.{name}(1, 2.0))
    >>> print(f"{{h.real:.4f}} {{h.imag:+.4f}}")
    {example}
    """


@public
def hankel1(v, z):
    return _hankel("hankel1", v, z, 1, False)


@public
def hankel2(v, z):
    return _hankel("hankel2", v, z, -1, False)


@public
def hankel1e(v, z):
    return _hankel("hankel1e", v, z, 1, True)


@public
def hankel2e(v, z):
    return _hankel("hankel2e", v, z, -1, True)


hankel1.__doc__ = _hankel_doc("hankel1", "Hankel function of the first kind, J_v(z) + i Y_v(z).",
                              "0.5767 -0.1070")
hankel2.__doc__ = _hankel_doc("hankel2", "Hankel function of the second kind, J_v(z) - i Y_v(z).",
                              "0.5767 +0.1070")
hankel1e.__doc__ = _hankel_doc("hankel1e", "Exponentially scaled Hankel function of the first kind, "
                               "H1_v(z) exp(-iz).", "-0.3373 -0.4799")
hankel2e.__doc__ = _hankel_doc("hankel2e", "Exponentially scaled Hankel function of the second kind, "
                               "H2_v(z) exp(iz).", "-0.3373 +0.4799")


# --- derivatives in the argument (DLMF 10.6.7, 10.29.5) ------------------------------------------
# the complex kernel (_bessel_complex) behind each derivative of complex z
_DERIV_KERNEL = {"jvp": "jv", "yvp": "yv", "ivp": "iv", "kvp": "kv", "h1vp": "hankel1",
                 "h2vp": "hankel2"}


def _deriv(name, fun, v, z, n, sign):
    """sum_j (-1)^j C(n, j) f(v - n + 2j, z) / 2^n, with sign = -1 for J/Y/H (alternating),
    +1 for I, and K's (-1)^n overall factor passed as sign = 'k'."""
    n = _static_int(name, "n", n)
    if n < 0:
        raise ValueError(f"{name}(): n must be >= 0, got {n}")
    if np.iscomplexobj(z):
        # complex z (real order): the same sum over _bessel_complex's kernel
        _util.check_arraylike(name, v, z, argnames=["v", "z"])
        if np.iscomplexobj(v):
            raise TypeError(f"{name}(): complex v is not supported (real orders only)")
        vc, za = _util.promote_args_inexact(name, v, z)
        va = L.real(vc)
        kernel = _DERIV_KERNEL[name]
        fun = lambda o, zz: BC.bessel(kernel, o, zz)   # noqa: E731
    else:
        v, z = _real(name, ("v", v), ("z", z))
        va, za = v.a, z.a
    orders = [L.add(va, np.array(float(2 * j - n), va.dtype)) for j in range(n + 1)]
    # the n + 1 orders in one kernel call (stacked), not n + 1 kernels
    terms = _stacked_orders(fun, orders, za) if n else [fun(orders[0], za)]
    acc = None
    for j, t in enumerate(terms):
        w = math.comb(n, j) / 2.0 ** n
        if sign == "j" and j % 2:
            w = -w
        if sign == "k":
            w = w * (-1) ** n
        t = L.mul(t, np.array(w, t.dtype))
        acc = t if acc is None else L.add(acc, t)
    return acc


def _kv_arr(v, z):
    return _scale(_kve(v, z), L.neg(z))


def _iv_arr(v, z):
    return _scale(_ive(v, z), L.abs(z))


def _h(sign):
    def f(v, z):
        j, y = _jy_pair(v, z)
        return L.complex(j, y if sign > 0 else L.neg(y))
    return f


def _vp_doc(name, summary, example):
    return f"""{summary}

    Parameters
    ----------
    v : array_like
        Order (real).
    z : array_like
        Argument, real or complex (complex: the kernels of the complex Bessel
        functions, with their NaN regions).
    n : int, optional
        Order of the derivative (default 1; 0 gives the function itself).

    Returns
    -------
    jax.Array
        The n-th derivative in ``z``.

    Examples
    --------
    >>> from jaxwrap.scipy import special
    >>> print(f"{{complex(special.{name}(1, 2.0)).real:.4f}}")
    {example}
    """


@public(static=("n",))
def jvp(v, z, n=1):
    return _deriv("jvp", _jv, v, z, n, "j")


@public(static=("n",))
def yvp(v, z, n=1):
    return _deriv("yvp", _yv, v, z, n, "j")


@public(static=("n",))
def ivp(v, z, n=1):
    return _deriv("ivp", _iv_arr, v, z, n, "i")


@public(static=("n",))
def kvp(v, z, n=1):
    return _deriv("kvp", _kv_arr, v, z, n, "k")


@public(static=("n",))
def h1vp(v, z, n=1):
    return _deriv("h1vp", _h(1), v, z, n, "j")


@public(static=("n",))
def h2vp(v, z, n=1):
    return _deriv("h2vp", _h(-1), v, z, n, "j")


jvp.__doc__ = _vp_doc("jvp", "Derivatives of J_v(z) with respect to z.", "-0.0645")
yvp.__doc__ = _vp_doc("yvp", "Derivatives of Y_v(z) with respect to z.", "0.5639")
ivp.__doc__ = _vp_doc("ivp", "Derivatives of I_v(z) with respect to z.", "1.4843")
kvp.__doc__ = _vp_doc("kvp", "Derivatives of K_v(z) with respect to z.", "-0.1838")
h1vp.__doc__ = _vp_doc("h1vp", "Derivatives of the Hankel function H1_v(z) with respect to z.",
                       "-0.0645")
h2vp.__doc__ = _vp_doc("h2vp", "Derivatives of the Hankel function H2_v(z) with respect to z.",
                       "-0.0645")


# --- spherical Bessel functions (DLMF 10.47.3, 10.47.7, 10.51.2, 10.51.5) -----------------------
def _sph_value(kind, n: E, x: E) -> E:
    """j_n, y_n, i_n, k_n for integer n >= 0 (n < 0 -> NaN)."""
    nu = n + 0.5
    ax = X.abs(x)
    xs = where(ax.eq(0) | ~(ax < np.inf), 1.0, ax)
    f = X.sqrt((math.pi / 2.0) / xs)
    if kind == "j":
        r = f * E(_jv(nu.a, xs.a))
        r = where(ax.eq(0), where(n.eq(0), X.full(x, 1.0), 0.0), r)
        r = where(ax.eq(np.inf), 0.0, r)
        r = where(x < 0.0, where(_odd(n), -r, r), r)
    elif kind == "y":
        r = f * E(_yv(nu.a, xs.a))
        r = where(ax.eq(0), -np.inf, r)
        r = where(ax.eq(np.inf), 0.0, r)
        r = where(x < 0.0, where(_odd(n), r, -r), r)       # y_n(-x) = (-1)^{n+1} y_n(x)
    elif kind == "i":
        r = f * E(_ive(nu.a, xs.a))
        r = E(_scale(r.a, xs.a))
        r = where(ax.eq(0), where(n.eq(0), X.full(x, 1.0), 0.0), r)
        r = where(ax.eq(np.inf), np.inf, r)
        r = where(x < 0.0, where(_odd(n), -r, r), r)
    else:
        r = f * E(_kve(nu.a, xs.a))
        r = E(_scale(r.a, L.neg(xs.a)))
        r = where(ax.eq(0), np.inf, r)
        r = where(ax.eq(np.inf), 0.0, r)
        r = where(x < 0.0, np.nan, r)
    return where((n < 0.0) | X.isnan(x), np.nan, r)


def _sph(name, kind, n, z, derivative):
    _util.check_arraylike(name, n, z, argnames=["n", "z"])
    if np.iscomplexobj(z):
        # complex z (integer order): _spherical_complex over the complex Bessel kernel
        if np.iscomplexobj(n):
            raise TypeError(f"{name}(): complex n is not supported (real orders only)")
        nc, zc = _util.promote_args_inexact(name, n, z)
        nr = L.real(nc)
        nr = where(E(nr) < 0.0, -X.floor(-E(nr)), X.floor(E(nr))).a
        return SC.spherical(kind, nr, zc, derivative)
    n, z = _real(name, ("n", n), ("z", z))
    n = where(n < 0.0, -X.floor(-n), X.floor(n))
    if not derivative:
        return _sph_value(kind, n, z).a
    # f_n' = (n f_{n-1} -+ (n+1) f_{n+1}) / (2n+1); n = 0: j0' = -j1, y0' = -y1, i0' = i1, k0' = -k1
    lo = _sph_value(kind, X.maximum(n - 1.0, 0.0), z)
    hi = _sph_value(kind, n + 1.0, z)
    s = {"j": -1.0, "y": -1.0, "i": 1.0, "k": -1.0}[kind]
    if kind == "k":
        d = -(_mul0(n, lo) + (n + 1.0) * hi) / (2.0 * n + 1.0)
    else:
        d = (_mul0(n, lo) + s * (n + 1.0) * hi) / (2.0 * n + 1.0)
    return where(n < 0.0, np.nan, d).a


def _sph_doc(name, what, example_value, dvalue):
    return f"""Spherical Bessel function {what}, or its derivative.

    Parameters
    ----------
    n : array_like
        Order (integer >= 0; float orders are truncated, negative orders give NaN).
    z : array_like
        Argument, real or complex (complex: orders up to 100, NaN above).
    derivative : bool, optional
        If True, return the derivative in ``z`` instead.

    Returns
    -------
    jax.Array
        The function (or derivative) values.

    Examples
    --------
    >>> from jaxwrap.scipy import special
    >>> print(f"{{float(special.{name}(1, 2.0)):.4f}}")
    {example_value}
    >>> print(f"{{float(special.{name}(1, 2.0, derivative=True)):.4f}}")
    {dvalue}
    """


@public(static=("derivative",))
def spherical_jn(n, z, derivative=False):
    return _sph("spherical_jn", "j", n, z, derivative)


@public(static=("derivative",))
def spherical_yn(n, z, derivative=False):
    return _sph("spherical_yn", "y", n, z, derivative)


@public(static=("derivative",))
def spherical_in(n, z, derivative=False):
    return _sph("spherical_in", "i", n, z, derivative)


@public(static=("derivative",))
def spherical_kn(n, z, derivative=False):
    return _sph("spherical_kn", "k", n, z, derivative)


spherical_jn.__doc__ = _sph_doc("spherical_jn", "of the first kind, j_n(z)", "0.4354", "0.0193")
spherical_yn.__doc__ = _sph_doc("spherical_yn", "of the second kind, y_n(z)", "-0.3506", "0.5587")
spherical_in.__doc__ = _sph_doc("spherical_in", "modified, of the first kind, i_n(z)", "0.9744",
                                "0.8390")
spherical_kn.__doc__ = _sph_doc("spherical_kn", "modified, of the second kind, k_n(z)", "0.1594",
                                "-0.2657")


# --- jax's bessel_jn ---------------------------------------------------------------------------
@public(static=("v", "n_iter"))
def bessel_jn(z, *, v, n_iter=50):
    """J_0(z), ..., J_v(z) stacked on a new leading axis (jax.scipy.special's bessel_jn).

    Parameters
    ----------
    z : array_like
        Argument (real).
    v : int
        Largest order (static, >= 0).
    n_iter : int, optional
        Accepted for compatibility with jax; the result is accurate whatever its
        value (the recurrence length is chosen from ``z`` and ``v``).

    Returns
    -------
    jax.Array
        Shape ``(v + 1,) + z.shape``.

    Examples
    --------
    >>> from jaxwrap.scipy import special
    >>> print([round(float(t), 4) for t in special.bessel_jn(1.0, v=2)])
    [0.7652, 0.4401, 0.1149]
    """
    v = _static_int("bessel_jn", "v", v)
    _static_int("bessel_jn", "n_iter", n_iter)
    if v < 0:
        raise ValueError(f"bessel_jn(): v must be >= 0, got {v}")
    (z,) = _real("bessel_jn", ("z", z))
    ax = X.abs(z)
    good = (ax > 0.0) & (ax < np.inf)
    orders = C.jn_all(v, where(good, ax, 1.0))
    out = []
    for k, jk in enumerate(orders):
        r = where(good, jk, where(ax.eq(0), X.full(z, 1.0 if k == 0 else 0.0), 0.0))
        r = where(z < 0.0, -r, r) if k % 2 else r          # J_k(-x) = (-1)^k J_k(x)
        out.append(L.reshape(where(X.isnan(z), np.nan, r).a, (1,) + z.shape))
    return L.concatenate(out, 0)
