"""numpy's numerical-math functions: finite differences and gradients, the
cross product, trapezoidal integration, 1-D convolution and correlation,
linear interpolation, phase unwrapping, sinc, the modified Bessel function
``i0``, gcd/lcm and the Vandermonde matrix.

Shapes, axes, ``n`` and modes are static; array values may be traced.

Convolution and correlation have no convolution primitive underneath: the
output is a sum of shifted slices, ``out[i] = sum_j w[j] * x[i + j]``, one
slice per kernel tap (the shorter operand is always the kernel).  XLA fuses
the slices, products and a balanced tree of additions into one loop, which
for kernels up to ``_UNROLL`` taps beats a general convolution on CPU.
Longer kernels go through a ``scan`` over blocks of ``_UNROLL`` taps, each a
fused slice-sum, so memory stays O(output) and the program stays small.
"""

from __future__ import annotations

import math
import operator

import jax
import numpy as np

from .. import dtypes, lax
from . import ufuncs
from ._util import (
    asarray,
    broadcast_shapes,
    broadcast_to,
    canonicalize_axis,
    check_arraylike,
    promote_dtypes,
    promote_dtypes_inexact,
    public,
)
from ._util import where as _select
from .sorting import searchsorted

__all__ = [
    "convolve", "correlate", "cross", "diff", "ediff1d", "gcd", "gradient", "i0", "interp",
    "lcm", "sinc", "trapezoid", "unwrap", "vander",
]


# --- small helpers (all on static shapes) -----------------------------------------------------
def _arr(name, x, argname="a"):
    check_arraylike(name, x, argnames=(argname,))
    return asarray(x, name=name)


def _c(x, value):
    """A rank-0 constant of ``x``'s dtype (elementwise primitives broadcast it), weakly
    typed when ``x`` is, so that it does not make the result strong (jax's rule)."""
    c = np.array(value, dtype=x.dtype)
    return lax.convert_element_type(c, c.dtype, True) if dtypes.is_weakly_typed(x) else c


def _sl(x, axis, start, stop):
    """``x[..., start:stop, ...]`` along ``axis`` (static bounds)."""
    lo = [0] * x.ndim
    hi = list(x.shape)
    lo[axis], hi[axis] = start, stop
    return lax.slice(x, tuple(lo), tuple(hi))


def _moveaxis(x, src, dst):
    if src == dst:
        return x
    order = [i for i in range(x.ndim) if i != src]
    order.insert(dst, src)
    return lax.transpose(x, tuple(order))


def _along(v, nd, axis):
    """A 1-D array shaped to broadcast along ``axis`` of an ``nd``-dim array."""
    shape = [1] * nd
    shape[axis] = v.shape[0]
    return lax.reshape(v, tuple(shape))


def _broadcasting(op):
    """``op`` with numpy broadcasting (operands of one dtype)."""
    def f(x, y):
        shp = broadcast_shapes(op.__name__, x.shape, y.shape)
        return op(broadcast_to(x, shp), broadcast_to(y, shp))
    return f


_bmul = _broadcasting(lax.mul)


def _static_int(name, argname, value):
    try:
        return operator.index(value)
    except TypeError:
        raise TypeError(f"{name}(): argument '{argname}' must be an integer, got "
                        f"{type(value).__name__}") from None


def _sub_or_ne(x, y):
    return lax.ne(x, y) if x.dtype == np.bool_ else lax.sub(x, y)


# --- diff, ediff1d -------------------------------------------------------------------------
def _edge_piece(name, argname, v, x, axis):
    """``prepend=``/``append=``: a scalar is broadcast to one slice along ``axis``."""
    v = _arr(name, v, argname)
    if v.ndim == 0:
        shape = list(x.shape)
        shape[axis] = 1
        return lax.broadcast_in_dim(v, tuple(shape), ())
    return v


@public(static=("n", "axis"))
def diff(a, n=1, axis=-1, prepend=None, append=None):
    """The n-th discrete difference along an axis.

    ``out[i] = a[i + 1] - a[i]``, applied ``n`` times (bools use ``!=``).

    Parameters
    ----------
    a : array_like
        Input array, at least 1-D.
    n : int, default 1
        How many times to difference; 0 returns ``a``.
    axis : int, default -1
        The axis to difference along.
    prepend, append : array_like, optional
        Values joined to ``a`` along ``axis`` first; scalars are broadcast to
        one slice.

    Returns
    -------
    jax.Array
        The differences; ``axis`` is ``n`` shorter (never below zero).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.diff(jnp.array([1, 4, 9, 16]))
    Array([3, 5, 7], dtype=int32)
    >>> jnp.diff(jnp.array([1, 4, 9, 16]), n=2)
    Array([2, 2], dtype=int32)
    """
    x = _arr("diff", a)
    n = _static_int("diff", "n", n)
    if n < 0:
        raise ValueError(f"diff(): order 'n' must be non-negative, got {n}")
    if x.ndim == 0:
        raise ValueError("diff(): argument 'a' must be at least one-dimensional")
    axis = canonicalize_axis(axis, x.ndim, "diff")
    if n == 0:
        return x
    parts = []
    if prepend is not None:
        parts.append(_edge_piece("diff", "prepend", prepend, x, axis))
    parts.append(x)
    if append is not None:
        parts.append(_edge_piece("diff", "append", append, x, axis))
    if len(parts) > 1:
        parts = promote_dtypes(*parts)
        for p in parts:
            if p.ndim != x.ndim or any(p.shape[i] != x.shape[i] for i in range(x.ndim)
                                       if i != axis):
                raise ValueError(f"diff(): prepend/append of shape {p.shape} does not fit "
                                 f"'a' of shape {x.shape} along axis {axis}")
        x = lax.concatenate(parts, axis)
    for _ in range(n):
        m = x.shape[axis]
        if m == 0:
            break
        x = _sub_or_ne(_sl(x, axis, 1, m), _sl(x, axis, 0, m - 1))
    return x


@public
def ediff1d(ary, to_end=None, to_begin=None):
    """Differences between consecutive elements of the flattened array.

    Parameters
    ----------
    ary : array_like
        Input; flattened.
    to_end, to_begin : array_like, optional
        Values (flattened, cast to ``ary``'s dtype) appended / prepended to the
        differences.

    Returns
    -------
    jax.Array
        1-D differences.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.ediff1d(jnp.array([1, 2, 4, 7]), to_begin=-1)
    Array([-1,  1,  2,  3], dtype=int32)
    """
    x = _arr("ediff1d", ary, "ary")
    x = lax.reshape(x, (x.size,))
    d = _sub_or_ne(_sl(x, 0, 1, x.size), _sl(x, 0, 0, x.size - 1)) if x.size else x
    parts = []
    for v, argname in ((to_begin, "to_begin"), (to_end, "to_end")):
        if v is None:
            parts.append(None)
            continue
        v = asarray(_arr("ediff1d", v, argname), d.dtype)
        parts.append(lax.reshape(v, (v.size,)))
    pieces = [p for p in (parts[0], d, parts[1]) if p is not None]
    return lax.concatenate(pieces, 0) if len(pieces) > 1 else d


# --- gradient ----------------------------------------------------------------------------------
def _spacings(name, f, axes, varargs):
    """One spacing per axis: a scalar (uniform) or a 1-D coordinate array."""
    if not varargs:
        return [None] * len(axes)
    if len(varargs) == 1 and np.ndim(varargs[0]) == 0:
        return [varargs[0]] * len(axes)
    if len(varargs) != len(axes):
        raise TypeError(f"{name}(): invalid number of spacing arguments: got {len(varargs)} "
                        f"for {len(axes)} axes")
    out = []
    for ax, v in zip(axes, varargs):
        check_arraylike(name, v, argnames=("varargs",))
        nd = np.ndim(v)
        if nd > 1:
            raise ValueError(f"{name}(): spacing (varargs) must be scalars or 1-D arrays")
        if nd == 1 and np.shape(v)[0] != f.shape[ax]:
            raise ValueError(f"{name}(): a 1-D spacing (varargs) must match the length of "
                             f"axis {ax} ({f.shape[ax]}), got {np.shape(v)[0]}")
        out.append(v)
    return out


def _gradient_axis(f, axis, h, edge_order):
    """Second-order central differences inside, one-sided of ``edge_order`` at the
    edges (Fornberg's weights for unequal spacing, as numpy uses)."""
    n = f.shape[axis]
    nd = f.ndim

    def s(i, j):
        return _sl(f, axis, i % n if i < 0 else i, n + j if j <= 0 else j)

    f0, f1, f2 = s(0, -2), s(1, -1), s(2, 0)    # f[:-2], f[1:-1], f[2:]
    if h is None or h.ndim == 0:
        hh = _c(f, 1.0) if h is None else h
        inner = lax.div(lax.sub(f2, f0), lax.mul(_c(f, 2.0), hh))
        if edge_order == 1:
            first = lax.div(lax.sub(s(1, 2), s(0, 1)), hh)
            last = lax.div(lax.sub(s(n - 1, n), s(n - 2, n - 1)), hh)
        else:
            first = lax.div(lax.add(lax.add(lax.mul(_c(f, -1.5), s(0, 1)),
                                            lax.mul(_c(f, 2.0), s(1, 2))),
                                    lax.mul(_c(f, -0.5), s(2, 3))), hh)
            last = lax.div(lax.add(lax.add(lax.mul(_c(f, 0.5), s(n - 3, n - 2)),
                                           lax.mul(_c(f, -2.0), s(n - 2, n - 1))),
                                   lax.mul(_c(f, 1.5), s(n - 1, n))), hh)
        return lax.concatenate([first, inner, last], axis)
    dx = lax.sub(_sl(h, 0, 1, n), _sl(h, 0, 0, n - 1))      # n - 1 steps

    def d(i, j=None):
        v = _sl(dx, 0, i % (n - 1), (i % (n - 1)) + 1) if j is None else _sl(dx, 0, i, j)
        return _along(v, nd, axis)

    def comb(terms):
        out = None
        for w, v in terms:
            t = _bmul(w, v)
            out = t if out is None else lax.add(out, t)
        return out

    add, sub, mul, div = (_broadcasting(op) for op in (lax.add, lax.sub, lax.mul, lax.div))
    dx1, dx2 = d(0, n - 2), d(1, n - 1)
    a = div(ufuncs.negative(dx2), mul(dx1, add(dx1, dx2)))
    b = div(sub(dx2, dx1), mul(dx1, dx2))
    c = div(dx1, mul(dx2, add(dx1, dx2)))
    inner = comb([(a, f0), (b, f1), (c, f2)])
    if edge_order == 1:
        first = div(sub(s(1, 2), s(0, 1)), d(0))
        last = div(sub(s(n - 1, n), s(n - 2, n - 1)), d(-1))
    else:
        e1, e2 = d(0), d(1)
        a = div(ufuncs.negative(add(add(e1, e1), e2)), mul(e1, add(e1, e2)))
        b = div(add(e1, e2), mul(e1, e2))
        c = div(ufuncs.negative(e1), mul(e2, add(e1, e2)))
        first = comb([(a, s(0, 1)), (b, s(1, 2)), (c, s(2, 3))])
        e1, e2 = d(-2), d(-1)
        a = div(e2, mul(e1, add(e1, e2)))
        b = div(ufuncs.negative(add(e2, e1)), mul(e1, e2))
        c = div(add(add(e2, e2), e1), mul(e2, add(e1, e2)))
        last = comb([(a, s(n - 3, n - 2)), (b, s(n - 2, n - 1)), (c, s(n - 1, n))])
    return lax.concatenate([first, inner, last], axis)


@public(static=("axis", "edge_order"))
def gradient(f, *varargs, axis=None, edge_order=None):
    """The gradient of an N-D array by finite differences.

    Second-order accurate central differences in the interior; first- or
    second-order one-sided differences at the boundaries.

    Parameters
    ----------
    f : array_like
        Samples of a function.
    *varargs : scalars or 1-D arrays, optional
        Spacing: none (unit spacing), one scalar for every axis, or one per
        axis, each a scalar step or the 1-D coordinates along that axis.
    axis : None, int or tuple of ints, optional
        Axes to differentiate along (default: all).
    edge_order : {1, 2}, optional
        Accuracy order at the boundaries (default 1).

    Returns
    -------
    jax.Array or tuple of jax.Array
        One array per axis (a single array when there is one axis).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.gradient(jnp.array([1., 2., 4., 7., 11.]))
    Array([1. , 1.5, 2.5, 3.5, 4. ], dtype=float32)
    """
    name = "gradient"
    x = _arr(name, f, "f")
    edge_order = 1 if edge_order is None else edge_order
    if edge_order not in (1, 2) or isinstance(edge_order, bool):
        raise ValueError(f"{name}(): 'edge_order' must be 1 or 2, got {edge_order!r}")
    if axis is None:
        axes = tuple(range(x.ndim))
    elif isinstance(axis, (tuple, list)):
        axes = tuple(canonicalize_axis(a, x.ndim, name) for a in axis)
    else:
        axes = (canonicalize_axis(axis, x.ndim, name),)
    if len(set(axes)) != len(axes):
        raise ValueError(f"{name}(): repeated axis in 'axis'")
    hs = _spacings(name, x, axes, varargs)
    for ax in axes:
        if x.shape[ax] < edge_order + 1:
            raise ValueError(f"{name}(): shape of 'f' too small along axis {ax} to compute a "
                             f"gradient: at least edge_order + 1 = {edge_order + 1} elements "
                             "are required")
    promoted = promote_dtypes_inexact(x, *[h for h in hs if h is not None])
    x, rest = promoted[0], iter(promoted[1:])
    hs = [None if h is None else asarray(next(rest)) for h in hs]
    outs = tuple(_gradient_axis(x, ax, h, edge_order) for ax, h in zip(axes, hs))
    return outs[0] if len(outs) == 1 else outs


# --- cross -----------------------------------------------------------------------------------
@public(static=("axisa", "axisb", "axisc", "axis"))
def cross(a, b, axisa=-1, axisb=-1, axisc=-1, axis=None):
    """Cross product of two (arrays of) 2- or 3-vectors.

    Parameters
    ----------
    a, b : array_like
        Vectors along ``axisa`` / ``axisb``, of length 2 or 3; the other axes
        broadcast.  A 2-vector has an implicit zero z component.
    axisa, axisb, axisc : int, default -1
        Axes of the vectors in ``a``, ``b`` and the result.
    axis : int, optional
        If given, overrides all three.

    Returns
    -------
    jax.Array
        The cross products; for two 2-vectors, the z components (no vector axis).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.cross(jnp.array([1, 0, 0]), jnp.array([0, 1, 0]))
    Array([0, 0, 1], dtype=int32)
    """
    name = "cross"
    x, y = (_arr(name, v, n) for v, n in ((a, "a"), (b, "b")))
    if axis is not None:
        axisa = axisb = axisc = axis
    if x.ndim == 0 or y.ndim == 0:
        raise ValueError(f"{name}(): arguments 'a' and 'b' must be at least 1-D")
    x = _moveaxis(x, canonicalize_axis(axisa, x.ndim, name, "axisa"), x.ndim - 1)
    y = _moveaxis(y, canonicalize_axis(axisb, y.ndim, name, "axisb"), y.ndim - 1)
    if x.shape[-1] not in (2, 3) or y.shape[-1] not in (2, 3):
        raise ValueError(f"{name}(): incompatible dimensions for cross product: vector "
                         f"lengths {x.shape[-1]} and {y.shape[-1]} (must be 2 or 3)")
    x, y = promote_dtypes(x, y)
    lead = broadcast_shapes(name, x.shape[:-1], y.shape[:-1])

    def comps(v):
        v = broadcast_to(v, lead + v.shape[-1:])
        k = v.ndim - 1
        return list(lax.unstack(v, k))

    xs, ys = comps(x), comps(y)
    sub, mul = lax.sub, lax.mul
    if len(xs) == 2 and len(ys) == 2:
        return sub(mul(xs[0], ys[1]), mul(xs[1], ys[0]))
    zero = lax.broadcast_in_dim(np.array(0, x.dtype), lead, ())
    xs, ys = xs + [zero] * (3 - len(xs)), ys + [zero] * (3 - len(ys))
    out = [sub(mul(xs[(i + 1) % 3], ys[(i + 2) % 3]), mul(xs[(i + 2) % 3], ys[(i + 1) % 3]))
           for i in range(3)]
    res = lax.stack(out, len(lead))
    axisc = canonicalize_axis(axisc, res.ndim, name, "axisc")
    return _moveaxis(res, res.ndim - 1, axisc)


# --- trapezoid --------------------------------------------------------------------------------
@public(static=("axis",))
def trapezoid(y, x=None, dx=1.0, axis=-1):
    """Integrate along an axis with the composite trapezoidal rule.

    Parameters
    ----------
    y : array_like
        Values to integrate.
    x : array_like, optional
        Sample points: 1-D (the length of ``y`` along ``axis``) or of ``y``'s
        shape.  Default: equally spaced by ``dx``.
    dx : scalar, default 1.0
        Spacing when ``x`` is None.
    axis : int, default -1
        The axis to integrate along.

    Returns
    -------
    jax.Array
        The integral, with ``axis`` removed.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.trapezoid(jnp.array([1., 2., 3.]))
    Array(4., dtype=float32)
    """
    name = "trapezoid"
    v = _arr(name, y, "y")
    if v.ndim == 0:
        raise ValueError(f"{name}(): argument 'y' must be at least 1-D")
    axis_arg = operator.index(axis)
    axis = canonicalize_axis(axis, v.ndim, name)
    n = v.shape[axis]
    if x is None:
        check_arraylike(name, dx, argnames=("dx",))
        # y alone goes inexact, as in jax: a Python dx then does not make the result weak
        (v,) = promote_dtypes_inexact(v)
        v, d = promote_dtypes(v, dx)
        d = asarray(d)
    else:
        xa = _arr(name, x, "x")
        v, xa = promote_dtypes_inexact(v, xa)
        if xa.ndim == 1:
            if xa.shape[0] != n:
                raise ValueError(f"{name}(): 'x' has length {xa.shape[0]}, 'y' has {n} "
                                 f"samples along axis {axis}")
            d = _along(lax.sub(_sl(xa, 0, 1, n), _sl(xa, 0, 0, max(n - 1, 0))), v.ndim, axis)
        else:
            # numpy's (and jax's) rule: the differences of x along ``axis`` (counted in
            # x's own dimensions) broadcast against y's midpoints, and the sum runs over
            # ``axis`` of the broadcast product
            ax_x = canonicalize_axis(axis_arg, xa.ndim, name)
            m = xa.shape[ax_x]
            d = lax.sub(_sl(xa, ax_x, 1, m), _sl(xa, ax_x, 0, max(m - 1, 0)))
    if n == 0:
        mid = _sl(v, axis, 0, 0)
    else:
        mid = lax.mul(lax.add(_sl(v, axis, 1, n), _sl(v, axis, 0, n - 1)), _c(v, 0.5))
    prod = _bmul(d, mid) if d.ndim else lax.mul(mid, d)
    if d.ndim <= 1:
        return lax.reduce_sum(prod, (axis,))
    return lax.reduce_sum(prod, (canonicalize_axis(axis_arg, prod.ndim, name),))


# --- convolve, correlate ---------------------------------------------------------------------
_UNROLL = 128       # kernel taps summed in one fused loop; longer kernels scan over blocks


def _tap(w, j, shape):
    return lax.broadcast_in_dim(lax.reshape(lax.slice(w, (j,), (j + 1,)), ()), shape, ())


def _slide_sum(xp, w, length):
    """``out[i] = sum_j w[j] * xp[i + j]`` for ``i < length`` (balanced-tree sum)."""
    terms = [lax.mul(_tap(w, j, (length,)), lax.slice(xp, (j,), (j + length,)))
             for j in range(w.shape[0])]
    while len(terms) > 1:
        terms = [lax.add(terms[i], terms[i + 1]) if i + 1 < len(terms) else terms[i]
                 for i in range(0, len(terms), 2)]
    return terms[0]


def _slide(xp, w, length):
    m = w.shape[0]
    if m <= _UNROLL:
        return _slide_sum(xp, w, length)
    nblocks = -(-m // _UNROLL)
    extra = nblocks * _UNROLL - m          # zero taps pad the last block
    zero = np.array(0, xp.dtype)
    w = lax.pad(w, zero, ((0, extra, 0),))
    xp = lax.pad(xp, zero, ((0, extra, 0),))

    def block(acc, b):
        start = lax.mul(b, np.int32(_UNROLL))
        seg = lax.dynamic_slice(xp, (start,), (length + _UNROLL - 1,))
        wb = lax.dynamic_slice(w, (start,), (_UNROLL,))
        return lax.add(acc, _slide_sum(seg, wb, length)), None

    acc = lax.broadcast_in_dim(zero, (length,), ())
    return jax.lax.scan(block, acc, lax.iota(np.int32, (nblocks,)))[0]


def _corr(x, w, start, length):
    """Window ``[start, start + length)`` of the full correlation
    ``c[k] = sum_j w[j] * x[k + j - (len(w) - 1)]`` (no conjugation)."""
    n, m = x.shape[0], w.shape[0]
    xp = lax.pad(x, np.array(0, x.dtype), ((m - 1 - start, start + length - n, 0),))
    return _slide(xp, w, length)


def _window(mode, n, m):
    """(start, length) of ``mode``'s output inside the full correlation of an
    ``n``-vector with an ``m``-vector (numpy's conventions)."""
    lo, hi = min(n, m), max(n, m)
    if mode == "full":
        return 0, n + m - 1
    if mode == "valid":
        return lo - 1, hi - lo + 1
    return (m - 1 - m // 2 if n >= m else n // 2), hi


def _conv_args(name, a, v, mode, preferred_element_type):
    if mode not in ("full", "same", "valid"):
        raise ValueError(f"{name}(): 'mode' must be one of 'full', 'same', 'valid', got "
                         f"{mode!r}")
    x, w = _arr(name, a, "a"), _arr(name, v, "v")
    if x.ndim != 1 or w.ndim != 1:
        raise ValueError(f"{name}(): 'a' and 'v' must be 1-D, got shapes {x.shape} and "
                         f"{w.shape}")
    if x.size == 0 or w.size == 0:
        raise ValueError(f"{name}(): 'a' and 'v' cannot be empty")
    x, w = promote_dtypes_inexact(x, w)
    if preferred_element_type is not None:
        dt = dtypes.check_user_dtype(preferred_element_type, name, "preferred_element_type")
        x, w = (lax.convert_element_type(u, dt) for u in (x, w))
    return asarray(x), asarray(w)


@public(static=("mode", "precision", "preferred_element_type"))
def convolve(a, v, mode="full", *, precision=None, preferred_element_type=None):
    """Discrete linear convolution of two 1-D arrays.

    ``out[k] = sum_j a[j] * v[k - j]``.

    Parameters
    ----------
    a, v : array_like
        1-D, non-empty inputs.
    mode : {'full', 'same', 'valid'}, default 'full'
        Output length ``N + M - 1``, ``max(N, M)`` or ``max(N, M) - min(N, M) + 1``.
    precision : optional
        Accepted for jax compatibility; products are formed elementwise at the
        input precision, so it has no effect.
    preferred_element_type : dtype, optional
        Dtype to compute and return in.

    Returns
    -------
    jax.Array
        The convolution (floating point: integer inputs are promoted, like jax).

    Notes
    -----
    Built without a convolution primitive: a sum of one shifted slice per tap of
    the shorter input, fused by XLA (see the module docstring).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.convolve(jnp.array([1., 2., 3.]), jnp.array([0., 1., 0.5]))
    Array([0. , 1. , 2.5, 4. , 1.5], dtype=float32)
    """
    x, w = _conv_args("convolve", a, v, mode, preferred_element_type)
    if w.shape[0] > x.shape[0]:
        x, w = w, x
    start, length = _window(mode, x.shape[0], w.shape[0])
    return _corr(x, lax.rev(w, (0,)), start, length)


@public(static=("mode", "precision", "preferred_element_type"))
def correlate(a, v, mode="valid", *, precision=None, preferred_element_type=None):
    """Cross-correlation of two 1-D arrays.

    ``out[k] = sum_n a[n + k] * conj(v[n])``.

    Parameters
    ----------
    a, v : array_like
        1-D, non-empty inputs.
    mode : {'valid', 'same', 'full'}, default 'valid'
        As for :func:`convolve`.
    precision : optional
        Accepted for jax compatibility; no effect.
    preferred_element_type : dtype, optional
        Dtype to compute and return in.

    Returns
    -------
    jax.Array
        The cross-correlation.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.correlate(jnp.array([1., 2., 3.]), jnp.array([0., 1., 0.5]))
    Array([3.5], dtype=float32)
    """
    x, w = _conv_args("correlate", a, v, mode, preferred_element_type)
    n, m = x.shape[0], w.shape[0]
    start, length = _window(mode, n, m)
    if m <= n:
        return _corr(x, ufuncs.conj(w) if dtypes.is_complex(w.dtype) else w, start, length)
    # Slide the shorter input instead: c(a, v)[k] = conj(c(v, a)[n + m - 2 - k]).
    xc = ufuncs.conj(x) if dtypes.is_complex(x.dtype) else x
    out = lax.rev(_corr(w, xc, n + m - 1 - start - length, length), (0,))
    return ufuncs.conj(out) if dtypes.is_complex(out.dtype) else out


# --- unwrap --------------------------------------------------------------------------------------
@public(static=("axis",))
def unwrap(p, discont=None, axis=-1, period=2 * math.pi):
    """Unwrap a signal by replacing jumps larger than ``discont`` by their
    complement modulo ``period``.

    Parameters
    ----------
    p : array_like
        Input (e.g. phases).
    discont : scalar, optional
        Smallest jump treated as a wrap (default and minimum ``period / 2``).
    axis : int, default -1
        The axis to unwrap along.
    period : scalar, default 2*pi
        Period of the signal.

    Returns
    -------
    jax.Array
        The unwrapped signal (floating point, like jax).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.unwrap(jnp.array([0., 3., 6.5, 0.5]))
    Array([0.       , 3.       , 0.216815 , 0.5000005], dtype=float32)
    """
    name = "unwrap"
    x = _arr(name, p, "p")
    if x.ndim == 0:
        raise ValueError(f"{name}(): argument 'p' must be at least 1-D")
    axis = canonicalize_axis(axis, x.ndim, name)
    check_arraylike(name, period, argnames=("period",))
    # p alone goes inexact, as in jax: Python period/discont then do not make it weak
    (x,) = promote_dtypes_inexact(x)
    args = [x, period] + ([] if discont is None else [discont])
    args = [asarray(v) for v in promote_dtypes(*args)]
    x, per = args[0], args[1]
    n = x.shape[axis]
    if n < 2:
        return x
    half = lax.mul(per, _c(per, 0.5))
    disc = half if discont is None else ufuncs.maximum(args[2], half)
    dd = lax.sub(_sl(x, axis, 1, n), _sl(x, axis, 0, n - 1))
    # Fold each step into [-period/2, period/2); a step of exactly +period/2
    # keeps its sign (numpy's rule for the ambiguous boundary).
    ddmod = lax.sub(ufuncs.mod(lax.add(dd, _bshape(half, dd)), _bshape(per, dd)),
                    _bshape(half, dd))
    at_low = lax.and_(lax.eq(ddmod, ufuncs.negative(_bshape(half, dd))),
                      lax.gt(dd, _c(dd, 0)))
    ddmod = _select(at_low, _bshape(half, dd), ddmod)
    corr = lax.sub(ddmod, dd)
    corr = _select(lax.lt(ufuncs.abs(dd), _bshape(disc, dd)), _c(dd, 0), corr)
    tail = lax.add(_sl(x, axis, 1, n), lax.cumsum(corr, axis))
    return lax.concatenate([_sl(x, axis, 0, 1), tail], axis)


def _bshape(v, like):
    """Broadcast a (rank-0) parameter to ``like``'s shape."""
    return v if v.shape == like.shape else broadcast_to(v, like.shape)


# --- sinc, i0 ------------------------------------------------------------------------------------
@public
def sinc(x, /):
    """The normalised sinc function, ``sin(pi x) / (pi x)`` (1 at 0).

    Parameters
    ----------
    x : array_like
        Input.

    Returns
    -------
    jax.Array
        ``sinc(x)``, floating point.

    Notes
    -----
    Near zero a Taylor polynomial is used, so derivatives of every order are
    exact there (``sinc''(0) = -pi**2/3``).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.sinc(jnp.array([0., 0.5]))
    Array([1.        , 0.63661975], dtype=float32)
    """
    (v,) = promote_dtypes_inexact(_arr("sinc", x, "x"))
    v = asarray(v)
    t = lax.mul(v, _c(v, math.pi))
    small = lax.lt(ufuncs.abs(t), np.array(1e-2, dtypes.to_floating_dtype(v.dtype)))
    safe = _select(small, _c(t, 1.0), t)
    exact = lax.div(lax.sin(safe), safe)
    t2 = lax.mul(t, t)
    # 1 - t^2/3! + t^4/5! - t^6/7!, Horner in t^2; exact to ~1e-22 for |t| < 1e-2.
    taylor = _c(t, -1.0 / 5040)
    for coef in (1.0 / 120, -1.0 / 6, 1.0):
        taylor = lax.add(lax.mul(taylor, t2), _c(t, coef))
    return _select(small, taylor, exact)


# I0 (modified Bessel function of the first kind, order 0), two expansions:
#   |x| <= _I0_SWITCH: the power series I0(x) = sum_k (x^2/4)^k / (k!)^2
#     (Abramowitz & Stegun 9.6.12); every term is positive, so Horner in x^2/4
#     is stable and accurate to a few ulp;
#   |x| >  _I0_SWITCH: the asymptotic series
#     I0(x) ~ e^x / sqrt(2 pi x) * sum_k c_k / x^k, c_k = ((2k-1)!!)^2 / (k! 8^k)
#     (A&S 9.7.1), also with positive terms; at x = 20 its smallest term is
#     below 1e-16, which sets the switch point and the number of terms.
# (Cephes, which numpy uses, fits Chebyshev series instead; this is our own.)
_I0_SWITCH = 20.0


# Both are evaluated in a variable scaled to [0, 1] (u = (x / 20)^2, s = 20 / x),
# so no coefficient underflows or overflows in float32.
def _i0_series_coeffs(nterms):
    """(y0^k / (k!)^2 for y0 = SWITCH^2 / 4): I0 = sum_k coeffs[k] u^k."""
    out, c, y0 = [], 1.0, _I0_SWITCH ** 2 / 4
    for k in range(nterms):
        out.append(c)
        c *= y0 / (k + 1) ** 2
    return out


def _i0_asym_coeffs(nterms):
    """c_k / SWITCH^k: the asymptotic sum is sum_k coeffs[k] s^k."""
    out, c = [], 1.0
    for k in range(nterms):
        out.append(c)
        c *= (2 * k + 1) ** 2 / (8.0 * (k + 1) * _I0_SWITCH)
    return out


_I0_SERIES = _i0_series_coeffs(42)
_I0_ASYM = _i0_asym_coeffs(40)


def _horner(coeffs, t):
    """sum_k coeffs[k] * t**k."""
    acc = _c(t, coeffs[-1])
    for c in reversed(coeffs[:-1]):
        acc = lax.add(lax.mul(acc, t), _c(t, c))
    return acc


def _i0(x):
    ax = ufuncs.abs(x)
    small = lax.le(ax, _c(ax, _I0_SWITCH))
    # Each branch sees only inputs in its own domain, so the branch not
    # selected cannot overflow (and poison gradients with inf * 0).
    xs = _select(small, x, _c(x, 0.0))
    u = lax.mul(lax.mul(xs, xs), _c(x, 1.0 / _I0_SWITCH ** 2))
    series = _horner(_I0_SERIES, u)
    xl = _select(small, _c(x, 2 * _I0_SWITCH), ax)
    half = lax.exp(lax.mul(xl, _c(x, 0.5)))            # e^x = half**2 without overflow
    scale = lax.div(half, lax.sqrt(lax.mul(xl, _c(x, 2 * math.pi))))
    asym = lax.mul(lax.mul(half, scale), _horner(_I0_ASYM, lax.div(_c(x, _I0_SWITCH), xl)))
    return _select(small, series, asym)


@public
def i0(x):
    """Modified Bessel function of the first kind, order 0, element-wise.

    Parameters
    ----------
    x : array_like
        Real input.

    Returns
    -------
    jax.Array
        ``I0(x)``, floating point.

    Notes
    -----
    Computed from the power series for ``|x| <= 20`` and the asymptotic
    expansion beyond (Abramowitz & Stegun 9.6.12 and 9.7.1); differentiable.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.i0(jnp.array([0., 1.]))
    Array([1.       , 1.2660658], dtype=float32)
    """
    v = _arr("i0", x, "x")
    if dtypes.is_complex(v.dtype):
        raise TypeError("i0(): complex input 'x' is not supported")
    (v,) = promote_dtypes_inexact(v)
    v = asarray(v)
    dt = v.dtype
    if dtypes.itemsize_bits(dt) < 32:      # half precision: compute in float32
        return lax.convert_element_type(_i0(lax.convert_element_type(v, np.float32)), dt)
    return _i0(v)


# --- gcd, lcm ---------------------------------------------------------------------------------
def _int_args(name, x1, x2):
    a, b = promote_dtypes(_arr(name, x1, "x1"), _arr(name, x2, "x2"))
    a, b = asarray(a), asarray(b)
    if not dtypes.is_integer(a.dtype):
        raise TypeError(f"{name}(): arguments 'x1' and 'x2' must be integers, got dtype "
                        f"{a.dtype}")
    shp = broadcast_shapes(name, a.shape, b.shape)
    a, b = broadcast_to(a, shp), broadcast_to(b, shp)
    if dtypes.is_signed(a.dtype):
        a, b = ufuncs.abs(a), ufuncs.abs(b)
    return a, b


def _gcd(a, b):
    """Euclid's algorithm, all elements in lock step until every remainder is 0.

    An operand abs(INT_MIN) wraps to INT_MIN and gives negative remainders: each
    divisor kept is made nonnegative (abs inside the loop fuses there; an abs after
    the loop would be one more pass over memory), so that gcd(INT_MIN, 6) is 2 as in
    numpy, and gcd(INT_MIN, 0) is INT_MIN (numpy's wrapped 2**(n-1)).

    Bounded: by Lame's theorem the remainders of n-bit integers reach 0 within
    log_phi(2**n) + 2 < 1.45 n + 2 steps (the Fibonacci pairs are the worst case;
    magnitudes are those of the unsigned values, 2**(n-1) for INT_MIN), so the loop
    also stops at that static count, which it never reaches on a correct run.
    """
    zero, one = _c(a, 0), _c(a, 1)
    signed = dtypes.is_signed(a.dtype)
    axes = tuple(range(a.ndim))
    max_steps = np.int32(int(1.45 * 8 * np.dtype(a.dtype).itemsize) + 3)

    def cond(s):
        more = lax.reduce_or(lax.ne(s[2], zero), axes) if axes else lax.ne(s[2], zero)
        return lax.and_(lax.lt(s[0], max_steps), more)

    def body(s):
        k, x, y = s
        nz = lax.ne(y, zero)
        # rem(x, 1) = 0: where y is 0 already it stays 0 and x stays put.
        return (lax.add(k, np.int32(1)), _select(nz, lax.abs(y) if signed else y, x),
                lax.rem(x, _select(nz, y, one)))

    return jax.lax.while_loop(cond, body, (np.int32(0), a, b))[1]


@public
def gcd(x1, x2):
    """Greatest common divisor of ``|x1|`` and ``|x2|``, element-wise.

    Parameters
    ----------
    x1, x2 : array_like of int
        Integer inputs (broadcast together).

    Returns
    -------
    jax.Array
        The gcds (``gcd(0, 0) = 0``).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.gcd(jnp.array([12, 20, 0]), 8)
    Array([4, 4, 8], dtype=int32)
    """
    return _gcd(*_int_args("gcd", x1, x2))


@public
def lcm(x1, x2):
    """Lowest common multiple of ``|x1|`` and ``|x2|``, element-wise.

    Parameters
    ----------
    x1, x2 : array_like of int
        Integer inputs (broadcast together).

    Returns
    -------
    jax.Array
        The lcms (0 if either is 0).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.lcm(jnp.array([4, 6, 0]), 6)
    Array([12,  6,  0], dtype=int32)
    """
    a, b = _int_args("lcm", x1, x2)
    g = _gcd(a, b)
    zero = lax.eq(g, _c(g, 0))
    return _select(zero, _c(g, 0), lax.mul(lax.div(a, _select(zero, _c(g, 1), g)), b))


# --- vander ----------------------------------------------------------------------------------
@public(static=("N", "increasing"))
def vander(x, N=None, increasing=False):
    """The Vandermonde matrix: columns are powers of ``x``.

    Parameters
    ----------
    x : array_like
        1-D input.
    N : int, optional
        Number of columns (default ``len(x)``).
    increasing : bool, default False
        Powers increasing left to right (default: decreasing, ``x**(N-1)`` first).

    Returns
    -------
    jax.Array
        Shape ``(len(x), N)``; powers are running products, like numpy.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.vander(jnp.array([1, 2, 3]), 3)
    Array([[1, 1, 1],
           [4, 2, 1],
           [9, 3, 1]], dtype=int32)
    """
    name = "vander"
    v = _arr(name, x, "x")
    if v.ndim != 1:
        raise ValueError(f"{name}(): argument 'x' must be one-dimensional, got shape {v.shape}")
    n = v.shape[0] if N is None else _static_int(name, "N", N)
    if n < 0:
        raise ValueError(f"{name}(): 'N' must be non-negative, got {n}")
    m = v.shape[0]
    if n == 0:
        return lax.broadcast_in_dim(np.array(0, v.dtype), (m, 0), ())
    ones = lax.broadcast_in_dim(np.array(1, v.dtype), (m, 1), ())
    cols = lax.concatenate([ones, lax.broadcast_in_dim(v, (m, n - 1), (0,))], 1)
    out = lax.cumprod(cols, 1) if v.dtype != np.bool_ else lax.cummin(cols, 1)
    return out if increasing else lax.rev(out, (1,))


# --- interp ---------------------------------------------------------------------------------
def _take1d(v, idx):
    """``v[idx]`` for a 1-D ``v`` and int32 ``idx`` of any shape (in bounds)."""
    dn = lax.GatherDimensionNumbers(offset_dims=(), collapsed_slice_dims=(0,),
                                    start_index_map=(0,))
    return lax.gather(v, lax.expand_dims(idx, (idx.ndim,)), dn, (1,),
                      mode=lax.GatherScatterMode.PROMISE_IN_BOUNDS)


def _edge_value(name, argname, value, default, dt, shape):
    if value is None:
        return lax.broadcast_in_dim(default, shape, ())
    check_arraylike(name, value, argnames=(argname,))
    v = asarray(value)
    if v.ndim != 0:
        raise ValueError(f"{name}(): '{argname}' must be a scalar, got shape {v.shape}")
    return lax.broadcast_in_dim(lax.convert_element_type(v, dt, False), shape, ())


@public(static=("left_mode", "right_mode"))
def _interp(x, xp, fp, left, right, period, left_mode, right_mode):
    name = "interp"
    xv, xpv, fpv = _arr(name, x, "x"), _arr(name, xp, "xp"), _arr(name, fp, "fp")
    if xpv.ndim != 1 or fpv.ndim != 1:
        raise ValueError(f"{name}(): 'xp' and 'fp' must be 1-D, got shapes {xpv.shape} and "
                         f"{fpv.shape}")
    if xpv.shape[0] != fpv.shape[0]:
        raise ValueError(f"{name}(): 'fp' and 'xp' must have the same length, got "
                         f"{fpv.shape[0]} and {xpv.shape[0]}")
    if xpv.shape[0] == 0:
        raise ValueError(f"{name}(): 'xp' and 'fp' cannot be empty")
    if dtypes.is_complex(xv.dtype) or dtypes.is_complex(xpv.dtype):
        raise TypeError(f"{name}(): 'x' and 'xp' must be real")
    xv, xpv = (asarray(t) for t in promote_dtypes_inexact(xv, xpv))
    dt = dtypes.to_inexact_dtype(dtypes.result_type(xv.dtype, fpv.dtype))
    fpv = lax.convert_element_type(fpv, dt, False)
    if period is not None:
        check_arraylike(name, period, argnames=("period",))
        per = ufuncs.abs(lax.convert_element_type(asarray(period), xv.dtype, False))
        if per.ndim != 0:
            raise ValueError(f"{name}(): 'period' must be a scalar")
        xv = ufuncs.mod(xv, per)
        xpv, fpv = lax.sort_key_val(ufuncs.mod(xpv, per), fpv, dimension=0)
        m = xpv.shape[0]
        perv = lax.reshape(per, (1,))
        xpv = lax.concatenate([lax.sub(lax.slice(xpv, (m - 1,), (m,)), perv), xpv,
                               lax.add(lax.slice(xpv, (0,), (1,)), perv)], 0)
        fpv = lax.concatenate([lax.slice(fpv, (m - 1,), (m,)), fpv, lax.slice(fpv, (0,), (1,))],
                              0)
    m = xpv.shape[0]
    shape = xv.shape
    if m == 1:
        return lax.broadcast_in_dim(lax.reshape(fpv, ()), shape, ())
    # segment [xp[i-1], xp[i]] holding x (clipped to the first / last segment)
    i = lax.convert_element_type(searchsorted(xpv, xv, side="right"), np.int32)
    i = lax.clamp(np.int32(1), i, np.int32(m - 1))
    im1 = lax.sub(i, np.int32(1))
    x0, x1 = _take1d(xpv, im1), _take1d(xpv, i)
    f0, f1 = _take1d(fpv, im1), _take1d(fpv, i)
    dx = lax.sub(x1, x0)
    # a zero-width segment takes its left value (and keeps gradients finite)
    flat = lax.le(ufuncs.abs(dx), _c(dx, 0))
    t = lax.div(lax.sub(xv, x0), _select(flat, _c(dx, 1), dx))
    t = lax.convert_element_type(t, dt, False)
    f = _select(flat, f0, lax.add(f0, lax.mul(t, lax.sub(f1, f0))))
    if period is None:
        first = lax.broadcast_in_dim(lax.reshape(lax.slice(xpv, (0,), (1,)), ()), shape, ())
        last = lax.broadcast_in_dim(lax.reshape(lax.slice(xpv, (m - 1,), (m,)), ()), shape, ())
        fp0 = lax.reshape(lax.slice(fpv, (0,), (1,)), ())
        fpn = lax.reshape(lax.slice(fpv, (m - 1,), (m,)), ())
        if left_mode != "extrapolate":
            f = _select(lax.lt(xv, first), _edge_value(name, "left", left, fp0, dt, shape), f)
        if right_mode != "extrapolate":
            f = _select(lax.gt(xv, last), _edge_value(name, "right", right, fpn, dt, shape), f)
        f = _select(lax.eq(xv, last), lax.broadcast_in_dim(fpn, shape, ()), f)
    return f


def interp(x, xp, fp, left=None, right=None, period=None):
    """One-dimensional piecewise-linear interpolation.

    Parameters
    ----------
    x : array_like
        Points to evaluate at.
    xp : array_like
        1-D increasing sample points (not checked), or any order with ``period``.
    fp : array_like
        1-D sample values (real or complex), same length as ``xp``.
    left, right : scalar or 'extrapolate', optional
        Value below ``xp[0]`` / above ``xp[-1]`` (default ``fp[0]`` / ``fp[-1]``);
        'extrapolate' (jax extension) extends the first / last segment.
    period : scalar, optional
        Period of the x-coordinates; ``left``/``right`` are then ignored.

    Returns
    -------
    jax.Array
        Interpolated values, shape of ``x``.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.interp(jnp.array([0.5, 2.5, 9.]), jnp.array([0., 1., 3.]), jnp.array([0., 10., 0.]))
    Array([5. , 2.5, 0. ], dtype=float32)
    """
    modes = []
    for argname, v in (("left", left), ("right", right)):
        if isinstance(v, str):
            if v != "extrapolate":
                raise ValueError(f"interp(): '{argname}' must be a scalar or 'extrapolate', got "
                                 f"{v!r}")
            modes.append("extrapolate")
        else:
            modes.append(None)
    left = None if modes[0] else left
    right = None if modes[1] else right
    return _interp(x, xp, fp, left, right, period, modes[0], modes[1])


interp.__module__ = "jaxwrap.numpy"
