"""The ``ufunc`` class, its methods, and jax.numpy's 14 ufunc objects.

Layering: this module sits above ``ufuncs`` (the element-wise functions, plain
jitted functions), ``reductions``, ``structure`` and ``indexing``, and none of
them imports it, so the imports run one way.  The methods:

* ``reduce`` / ``accumulate``: the dedicated reductions (``sum``, ``cumprod``...)
  for the builtin objects that have one; otherwise a sequential fold
  (``lax.scan``) in a jitted program cached per (ufunc, static arguments).
* ``at``: ONE scatter of the matching kind where the ufunc has a scatter
  counterpart (add, subtract, multiply, minimum, maximum; logical and bitwise
  and/or on booleans), through ``at(x)[idx]``; otherwise a scan of
  read-modify-write steps, one per index, so that repeated indices apply
  repeatedly (numpy's unbuffered ``at``).  Out-of-bounds indices are dropped
  in both paths (jax's rule for ``x.at[idx]`` updates); negative ones wrap.
* ``reduceat`` (static indices): one reduction per slice; ``outer``: one
  broadcast call.

Which names are ufunc objects follows jax.numpy (14 of them); the other
element-wise functions are plain functions, as in jax.
"""

from __future__ import annotations

import math
import operator

import jax
import numpy as np

from .. import dtypes, lax
from . import reductions, ufuncs
from ._util import (
    asarray,
    broadcast_shapes,
    broadcast_to,
    canonicalize_axes,
    canonicalize_axis,
    check_arraylike,
    const,
    full_like,
    public,
    where,
)
from .indexing import at as _at_ref
from .shape import moveaxis
from .structure import vectorize

__all__ = [
    "add", "bitwise_and", "bitwise_or", "bitwise_xor", "frompyfunc", "logaddexp",
    "logaddexp2", "logical_and", "logical_or", "logical_xor", "maximum", "minimum",
    "multiply", "negative", "subtract", "ufunc",
]

# numpy's / jax's identities of the binary ufuncs (the value e with f(e, y) == y);
# None where there is none (reductions then need an initial value or data).
_IDENTITIES = {
    "add": 0, "multiply": 1, "logical_and": True, "logical_or": False, "logical_xor": False,
    "bitwise_and": -1, "bitwise_or": 0, "bitwise_xor": 0, "logaddexp": -np.inf,
    "logaddexp2": -np.inf,
}
# Builtin objects whose reduce / accumulate is a dedicated reduction.
_FAST_REDUCE = {"add": "sum", "multiply": "prod", "maximum": "max", "minimum": "min",
                "logical_and": "all", "logical_or": "any"}
_FAST_ACCUMULATE = {"add": "cumsum", "multiply": "cumprod"}
# ufunc.at as one scatter: ufunc name -> at(x)[idx] method.  ``_AT_ANY`` works for
# every dtype whose promotion with b is a's own dtype; ``_AT_BOOL`` only on boolean
# arrays, where min is AND and max is OR.
_AT_ANY = {"add": "add", "subtract": "subtract", "multiply": "multiply",
           "minimum": "min", "maximum": "max"}
_AT_BOOL = {"logical_and": "min", "logical_or": "max", "bitwise_and": "min",
            "bitwise_or": "max"}
_FROZEN = ("nin", "nout", "nargs", "identity", "__name__", "__qualname__", "__doc__")


class ufunc:
    """A universal function: an element-wise function with broadcasting, plus
    the ``reduce``, ``accumulate``, ``reduceat``, ``outer`` and ``at`` methods.

    jax.numpy's 14 ufunc objects (``add``, ``multiply``, ``maximum``...) are
    instances; build your own with :func:`frompyfunc` or by calling the class.

    Parameters
    ----------
    func : callable
        The element-wise function, taking ``nin`` arrays.  Without ``call``
        it is applied element by element (through
        :class:`jaxwrap.numpy.vectorize`), so it may be written for scalars.
    nin, nout : int
        Numbers of inputs and outputs.
    name : str, optional
        Name (default ``func.__name__``).
    nargs : int, optional
        Number of arguments (default ``nin``, jax's definition; numpy counts
        the outputs too).
    identity : scalar, optional
        The value ``e`` with ``func(e, x) == x``, used for empty reductions.
    call, reduce, accumulate, at, reduceat : callable, optional
        Implementations to use instead of the generic ones (``call`` must
        already broadcast).

    Notes
    -----
    Differences from NumPy: no ``out``/``where`` keywords on the call (arrays
    are immutable); ``at`` is functional (``inplace=False``, returns the
    updated array) and drops out-of-bounds indices like jax; ``reduceat``'s
    indices must be static.  The attributes are read-only.

    Examples
    --------
    >>> import jaxwrap.numpy as jwnp
    >>> double = jwnp.ufunc(lambda x: jwnp.multiply(x, 2), 1, 1, name="double")
    >>> double.nin, double.nargs
    (1, 1)
    """

    __module__ = "jaxwrap.numpy"

    def __init__(self, func, /, nin, nout, *, name=None, nargs=None, identity=None,
                 call=None, reduce=None, accumulate=None, at=None, reduceat=None):
        if not callable(func):
            raise TypeError("ufunc(): `func` must be callable")
        init = object.__setattr__
        init(self, "_func", func)
        init(self, "nin", operator.index(nin))
        init(self, "nout", operator.index(nout))
        init(self, "nargs", self.nin if nargs is None else operator.index(nargs))
        init(self, "identity", identity)
        init(self, "__name__", name or getattr(func, "__name__", "ufunc"))
        init(self, "__qualname__", self.__name__)
        init(self, "_call", call if call is not None else vectorize(func))
        init(self, "_reduce", reduce)
        init(self, "_accumulate", accumulate)
        init(self, "_at", at)
        init(self, "_reduceat", reduceat)
        init(self, "_builtin", False)

    def __setattr__(self, name, value):
        raise AttributeError(f"ufunc attribute {name!r} is read-only")

    def __delattr__(self, name):
        raise AttributeError(f"ufunc attribute {name!r} is read-only")

    def __repr__(self):
        return f"<jaxwrap.numpy.ufunc {self.__name__!r}>"

    def __hash__(self):
        return hash((self._func, self.__name__, self.identity, self.nin, self.nout, self.nargs))

    def __eq__(self, other):
        key = ("_func", "__name__", "identity", "nin", "nout", "nargs")
        return isinstance(other, ufunc) and all(
            getattr(self, k) is getattr(other, k) or getattr(self, k) == getattr(other, k)
            for k in key)

    def __call__(self, *args, out=None, where=None):
        if out is None and where is None:
            if self._call is not self._func and len(args) != self.nin:
                raise TypeError(f"{self.__name__}() takes {self.nin} positional argument(s) "
                                f"but {len(args)} were given")
            return self._call(*args)   # the hot path: one Python frame over the jit
        if out is not None:
            raise NotImplementedError(f"{self.__name__}(): the 'out' argument is not "
                                      "supported: jax arrays are immutable")
        raise NotImplementedError(f"{self.__name__}(): the 'where' argument is not "
                                  "supported; use jaxwrap.numpy.where on the result")

    # -- helpers
    def _binary_only(self, method):
        if self.nin != 2 or self.nout != 1:
            raise ValueError(f"{self.__name__}.{method}() is only supported for binary "
                             f"functions with one output (nin=2, nout=1)")

    def _fast(self, table):
        return table.get(self.__name__) if self._builtin else None

    # -- methods
    def reduce(self, a, axis=0, dtype=None, out=None, keepdims=False, initial=None,
               where=None):
        """Reduce ``a`` along ``axis`` by applying the function repeatedly.

        Parameters
        ----------
        a : array_like
            Input array.
        axis : int, tuple of ints or None, optional
            Axes to reduce (None: all).  Several axes need a reorderable
            function (one with an identity).
        dtype : dtype, optional
            Cast ``a`` to this dtype first.
        out : None
            Not supported.
        keepdims : bool, optional
            Keep reduced axes with length 1.
        initial : scalar, optional
            Starting value of the reduction.
        where : array_like of bool, optional
            Elements to include (needs ``initial`` or an identity).

        Returns
        -------
        jax.Array

        Examples
        --------
        >>> import jaxwrap.numpy as jwnp
        >>> jwnp.subtract.reduce(jwnp.array([10, 1, 2]))
        Array(7, dtype=int32)
        """
        self._binary_only("reduce")
        _check_out(self.__name__ + ".reduce", out)
        if self._reduce is not None:
            return self._reduce(a, axis=axis, dtype=dtype, keepdims=keepdims,
                                initial=initial, where=where)
        fast = self._fast(_FAST_REDUCE)
        if fast is not None:
            kw = {} if where is None else {"where": where}
            if initial is not None:
                kw["initial"] = initial
            if fast in ("sum", "prod"):
                kw["dtype"] = dtype
                return getattr(reductions, fast)(a, axis=axis, keepdims=keepdims, **kw)
            x = _prepare(self, "reduce", a, dtype)
            return getattr(reductions, fast)(x, axis=axis, keepdims=keepdims, **kw)
        check_arraylike(f"{self.__name__}.reduce", a)
        return _reduce(self, a, axis, dtype, keepdims, initial, where)

    def accumulate(self, a, axis=0, dtype=None, out=None):
        """Running results of the function along ``axis``.

        Parameters
        ----------
        a : array_like
        axis : int, optional
        dtype : dtype, optional
        out : None
            Not supported.

        Returns
        -------
        jax.Array
            Same shape as ``a``: ``r[i] = f(r[i-1], a[i])``, ``r[0] = a[0]``.

        Examples
        --------
        >>> import jaxwrap.numpy as jwnp
        >>> jwnp.maximum.accumulate(jwnp.array([1, 3, 2]))
        Array([1, 3, 3], dtype=int32)
        """
        self._binary_only("accumulate")
        _check_out(self.__name__ + ".accumulate", out)
        if self._accumulate is not None:
            return self._accumulate(a, axis=axis, dtype=dtype)
        fast = self._fast(_FAST_ACCUMULATE)
        if fast is not None:
            x = _prepare(self, "accumulate", a, None)
            if x.ndim == 0:
                raise ValueError(f"{self.__name__}.accumulate(): cannot accumulate a 0-d array")
            # jax: the running result keeps the input dtype (booleans count as ints).
            dt = dtype if dtype is not None else (None if x.dtype == np.bool_ else x.dtype)
            return getattr(reductions, fast)(x, axis=axis, dtype=dt)
        check_arraylike(f"{self.__name__}.accumulate", a)
        return _accumulate(self, a, axis, dtype)

    def outer(self, A, B, /):
        """The function applied to every pair ``(A[i...], B[j...])``.

        Parameters
        ----------
        A, B : array_like

        Returns
        -------
        jax.Array
            Shape ``A.shape + B.shape``.

        Examples
        --------
        >>> import jaxwrap.numpy as jwnp
        >>> jwnp.multiply.outer(jwnp.array([1, 2]), jwnp.array([1, 10, 100]))
        Array([[  1,  10, 100],
               [  2,  20, 200]], dtype=int32)
        """
        self._binary_only("outer")
        check_arraylike(f"{self.__name__}.outer", A, B)
        a, b = asarray(A), asarray(B)
        # A's axes first, then B's: A gets trailing 1s, B leading ones.
        a2 = lax.reshape(a, a.shape + (1,) * b.ndim)
        b2 = lax.reshape(b, (1,) * a.ndim + b.shape)
        return self(a2, b2)

    def reduceat(self, a, indices, axis=0, dtype=None, out=None):
        """Reductions over the slices ``a[indices[i]:indices[i+1]]`` along ``axis``.

        Parameters
        ----------
        a : array_like
        indices : sequence of ints
            Static slice starts; where ``indices[i] >= indices[i+1]`` the
            result is ``a[indices[i]]`` (numpy's rule).
        axis : int, optional
        dtype : dtype, optional
        out : None
            Not supported.

        Returns
        -------
        jax.Array

        Examples
        --------
        >>> import jaxwrap.numpy as jwnp
        >>> jwnp.add.reduceat(jwnp.arange(6), [0, 2, 5])
        Array([1, 9, 5], dtype=int32)
        """
        self._binary_only("reduceat")
        _check_out(self.__name__ + ".reduceat", out)
        if self._reduceat is not None:
            return self._reduceat(a, indices, axis=axis, dtype=dtype)
        name = f"{self.__name__}.reduceat"
        check_arraylike(name, a)
        try:
            idx = np.asarray(indices)
        except jax.errors.ConcretizationTypeError:
            raise TypeError(f"{name}(): `indices` must be static") from None
        if idx.size == 0:
            idx = idx.astype(np.int64)
        if idx.ndim != 1 or idx.dtype.kind not in "iu":
            raise TypeError(f"{name}(): `indices` must be a 1-d sequence of integers")
        return _reduceat(self, a, tuple(int(i) for i in idx), axis, dtype)

    def at(self, a, indices, b=None, /, *, inplace=True):
        """``a`` with the function applied at ``indices`` (unbuffered: repeated
        indices apply repeatedly).

        Parameters
        ----------
        a : array_like
        indices : int, array of ints, or tuple of them
            Integer indices into the leading axes of ``a``; negative ones
            count from the end, out-of-bounds ones are dropped.
        b : array_like, optional
            Second operand for binary functions, broadcast to the indexed
            elements.
        inplace : bool
            Must be False: jax arrays are immutable, the updated array is
            returned.

        Returns
        -------
        jax.Array
            The updated copy of ``a``, with ``a``'s dtype.

        Examples
        --------
        >>> import jaxwrap.numpy as jwnp
        >>> jwnp.add.at(jwnp.zeros(3), jwnp.array([0, 0, 2]), 1.0, inplace=False)
        Array([2., 0., 1.], dtype=float32)
        """
        if inplace:
            raise ValueError(f"{self.__name__}.at(): jax arrays are immutable; pass "
                             "inplace=False and use the returned array")
        if self._at is not None:
            return self._at(a, indices) if b is None else self._at(a, indices, b)
        name = f"{self.__name__}.at"
        if self.nout != 1 or self.nin not in (1, 2) or (self.nin == 2) != (b is not None):
            raise ValueError(f"{name}(): needs a function with one output, and `b` exactly "
                             "when it is binary")
        check_arraylike(name, a)
        x = asarray(a, name=name)
        idx = _index_arrays(name, x, indices)
        if isinstance(b, list | tuple):
            b = asarray(b)
        kind = _scatter_kind(self, x, b)
        if kind is not None:
            if x.dtype == np.bool_ and not (isinstance(b, jax.Array | np.ndarray)
                                            and b.dtype == np.bool_):
                b = ufuncs.not_equal(b, False)   # logical ops: nonzero is True
            if kind == "multiply" and x.dtype != np.bool_:
                return _multiply_at(x, idx, asarray(b))
            return getattr(_at_ref(x)[idx], kind)(b)
        return _generic_at(self, x, idx, b)


# --- helpers of the methods ------------------------------------------------------------------
def _check_out(name, out):
    if out is not None:
        raise NotImplementedError(f"{name}(): the 'out' argument is not supported: jax arrays "
                                  "are immutable")


def _prepare(uf, method, a, dtype):
    name = f"{uf.__name__}.{method}"
    check_arraylike(name, a)
    x = asarray(a, name=name)
    if dtype is not None:
        x = lax.convert_element_type(x, dtypes.check_user_dtype(dtype, name), False)
    return x


def _as_bool(v):
    m = asarray(v)
    return m if m.dtype == np.bool_ else lax.ne(m, np.array(0, m.dtype))


def _as_like(value, x):
    return np.array(value, dtype=x.dtype)


def _fold(uf, x, axis, initial):
    """``uf`` folded left over ``axis`` (sequentially, as numpy), from ``initial`` if
    given; returns (final, running results after the first) with the axis removed."""
    x = moveaxis(x, axis, 0)
    first = lax.squeeze(lax.slice(x, (0,) * x.ndim, (1,) + x.shape[1:], (1,) * x.ndim), (0,))
    carry = first if initial is None else uf(_as_like(initial, first), first)
    rest = lax.slice(x, (1,) + (0,) * (x.ndim - 1), x.shape, (1,) * x.ndim)
    out_aval = jax.eval_shape(uf._call, carry, first)
    if carry.dtype != out_aval.dtype:
        carry = lax.convert_element_type(carry, out_aval.dtype, False)

    def step(c, v):
        r = uf(c, v)
        return (lax.convert_element_type(r, c.dtype, False) if r.dtype != c.dtype else r), r
    if rest.shape[0] == 0:
        return carry, None
    # Bounded: one step per element of the axis (a static length).
    return jax.lax.scan(step, carry, rest)


@public(static=("uf", "axis", "dtype", "keepdims", "initial"))
def _reduce(uf, a, axis, dtype, keepdims, initial, where_):
    name = f"{uf.__name__}.reduce"
    x = _prepare(uf, "reduce", a, dtype)
    axes = canonicalize_axes(axis, x.ndim, name)
    if len(axes) > 1 and uf.identity is None:
        raise ValueError(f"{name}(): reduction over several axes needs a reorderable "
                         "operation (one with an identity)")
    if where_ is not None:
        fill = initial if initial is not None else uf.identity
        if fill is None:
            raise ValueError(f"{name}(): reduction with `where` needs an identity or an "
                             "`initial` value")
        mask = broadcast_to(_as_bool(where_), x.shape)
        x = where(mask, x, full_like(x, fill))
    if initial is None and uf.identity is not None and any(x.shape[ax] == 0 for ax in axes):
        initial = uf.identity
    res = x
    for k, ax in enumerate(sorted(axes, reverse=True)):
        if res.shape[ax] == 0 and initial is None:
            raise ValueError(f"zero-size array to reduction operation {uf.__name__} which has "
                             "no identity")
        if res.shape[ax] == 0:
            shp = res.shape[:ax] + res.shape[ax + 1:]
            res = lax.broadcast_in_dim(_as_like(initial, res), shp, ())
            continue
        res, _ = _fold(uf, res, ax, initial if k == 0 else None)
    if keepdims:
        res = lax.reshape(res, tuple(1 if i in axes else d for i, d in enumerate(x.shape)))
    return res


@public(static=("uf", "axis", "dtype"))
def _accumulate(uf, a, axis, dtype):
    name = f"{uf.__name__}.accumulate"
    x = _prepare(uf, "accumulate", a, dtype)
    if x.ndim == 0:
        raise ValueError(f"{name}(): cannot accumulate a 0-d array")
    ax = canonicalize_axis(axis, x.ndim, name)
    if x.shape[ax] == 0:
        return x
    carry, ys = _fold(uf, x, ax, None)
    xm = moveaxis(x, ax, 0)
    first = lax.slice(xm, (0,) * x.ndim, (1,) + xm.shape[1:], (1,) * x.ndim)
    if first.dtype != carry.dtype:
        first = lax.convert_element_type(first, carry.dtype, False)
    if ys is None:
        return moveaxis(first, 0, ax)
    if ys.dtype != carry.dtype:
        ys = lax.convert_element_type(ys, carry.dtype, False)
    return moveaxis(lax.concatenate([first, ys], 0), 0, ax)


@public(static=("uf", "indices", "axis", "dtype"))
def _reduceat(uf, a, indices, axis, dtype):
    name = f"{uf.__name__}.reduceat"
    x = _prepare(uf, "reduceat", a, dtype)
    ax = canonicalize_axis(axis, x.ndim, name)
    n = x.shape[ax]
    for i in indices:
        if not 0 <= i < n:
            raise IndexError(f"{name}(): index {i} out-of-bounds in reduceat for axis {ax} "
                             f"of size {n}")

    def piece(start, stop):
        starts, limits = [0] * x.ndim, list(x.shape)
        starts[ax], limits[ax] = start, stop
        part = lax.slice(x, tuple(starts), tuple(limits), (1,) * x.ndim)
        return uf.reduce(part, axis=ax, keepdims=True)
    if not indices:
        # numpy: an empty result along the axis, in the dtype a reduction gives.
        dt = jax.eval_shape(lambda: piece(0, 1)).dtype if n else x.dtype
        shp = x.shape[:ax] + (0,) + x.shape[ax + 1:]
        return lax.broadcast_in_dim(np.zeros((), dt), shp, ())
    pieces = []
    for k, start in enumerate(indices):
        stop = indices[k + 1] if k + 1 < len(indices) else n
        pieces.append(piece(start, stop if stop > start else start + 1))
    dt = dtypes.result_type(*pieces)
    pieces = [p if p.dtype == dt else lax.convert_element_type(p, dt, False) for p in pieces]
    return lax.concatenate(pieces, ax) if len(pieces) > 1 else pieces[0]


def _index_arrays(name, x, indices):
    """``indices`` as a tuple of integer arrays (lists become arrays, as numpy's)."""
    idx = indices if isinstance(indices, tuple) else (indices,)
    if len(idx) > x.ndim:
        raise IndexError(f"{name}(): too many indices for array of dimension {x.ndim}")
    out = []
    for i in idx:
        if isinstance(i, slice) or i is None or i is Ellipsis:
            raise TypeError(f"{name}(): only integer (array) indices are supported")
        v = asarray(i)
        if v.dtype == np.bool_ or not dtypes.issubdtype(v.dtype, np.integer):
            raise IndexError(f"{name}(): indices must be integers")
        out.append(v)
    return tuple(out)


def _scatter_kind(uf, x, b):
    """The at(x)[idx] method doing ``uf.at`` as one scatter, or None."""
    if not uf._builtin or b is None:
        return None
    if x.dtype == np.bool_ and uf.__name__ in _AT_BOOL:
        # Logical ops read b as a truth value; bitwise ones only scatter a boolean b.
        if uf.__name__.startswith("logical") or dtypes.result_type(x, b) == np.bool_:
            return _AT_BOOL[uf.__name__]
        return None
    kind = _AT_ANY.get(uf.__name__)
    if kind is None or (kind == "subtract" and x.dtype == np.bool_):
        return None
    # Only where b casts to a's dtype without changing the arithmetic: otherwise
    # f(a, b) is computed in the promoted dtype and cast back (the generic path).
    if np.dtype(dtypes.result_type(x, b)) != np.dtype(x.dtype):
        return None
    return kind


@public(static=("uf",))
def _generic_at(uf, x, idx, b):
    """Sequential read-modify-write over the index list (a scan), so repeated indices
    accumulate like numpy's unbuffered ``at``; out-of-bounds indices change nothing."""
    name = f"{uf.__name__}.at"
    ishape = broadcast_shapes(name, *(v.shape for v in idx))
    count = math.prod(ishape)
    flat = tuple(lax.reshape(broadcast_to(v, ishape), (count,)) for v in idx)
    k = len(idx)
    sub = x.shape[k:]
    bv = None
    if b is not None:
        bv = asarray(b)
        bshape = broadcast_shapes(name, bv.shape, ishape + sub)
        if bshape != ishape + sub:
            raise ValueError(f"{name}(): `b` of shape {bv.shape} does not broadcast to the "
                             f"indexed shape {ishape + sub}")
        bv = lax.reshape(broadcast_to(bv, ishape + sub), (count,) + sub)
    if count == 0:
        return x

    def body(acc, item):
        ids, bj = item
        pos, ok = [], None
        for d, i in enumerate(ids):
            i = where(lax.lt(i, const(i, 0)), lax.add(i, const(i, x.shape[d])), i)
            inside = lax.and_(lax.ge(i, const(i, 0)), lax.lt(i, const(i, x.shape[d])))
            ok = inside if ok is None else lax.and_(ok, inside)
            pos.append(lax.convert_element_type(i, np.int32, False))
        starts = tuple(pos) + (np.array(0, np.int32),) * (x.ndim - k)
        cur = lax.dynamic_slice(acc, starts, (1,) * k + sub)
        new = uf(cur) if bj is None else uf(cur, lax.reshape(bj, (1,) * k + sub))
        if new.dtype != acc.dtype:
            new = lax.convert_element_type(new, acc.dtype, False)
        new = where(ok, new, cur)
        return lax.dynamic_update_slice(acc, new, starts), None

    # Bounded: one step per index (a static count).
    out, _ = jax.lax.scan(body, x, (flat, bv))
    return out


@jax.custom_jvp
def _multiply_at(x, idx, b):
    """multiply.at as one scatter_mul, differentiable in ``b`` with repeated indices."""
    return _at_ref(x)[idx].multiply(b)


@_multiply_at.defjvp
def _multiply_at_jvp(primals, tangents):
    # The derivative in b at a repeated index needs the product of the other updates
    # landing there (scatter_mul's own rule needs unique indices, as jax's): take the
    # tangent of the sequential loop, which forms exactly those products.
    x, idx, b = primals
    tx, _, tb = tangents
    _, t = jax.jvp(lambda x_, b_: _generic_at(multiply, x_, idx, b_), (x, b), (tx, tb))
    return _multiply_at(x, idx, b), t


def frompyfunc(func, /, nin, nout, *, identity=None):
    """Make a :class:`ufunc` from a Python function written for scalars.

    Parameters
    ----------
    func : callable
        Takes ``nin`` scalars (0-d jax arrays) and returns ``nout`` values;
        it must be traceable (it is vectorized with ``jax.vmap``).
    nin, nout : int
        Numbers of inputs and outputs.
    identity : scalar, optional
        Identity of the operation, for empty reductions.

    Returns
    -------
    ufunc

    Notes
    -----
    Differences from NumPy: no object arrays; the function is traced, not
    called per element.

    Examples
    --------
    >>> import jaxwrap.numpy as jwnp
    >>> f = jwnp.frompyfunc(lambda x, y: jwnp.add(jwnp.multiply(x, y), 1), 2, 1)
    >>> f.reduce(jwnp.arange(1, 4))
    Array(10, dtype=int32)
    """
    return ufunc(func, nin, nout, identity=identity)


def _builtin(name):
    fn = getattr(ufuncs, name)
    u = ufunc(fn, 1 if name == "negative" else 2, 1, name=name,
              identity=_IDENTITIES.get(name), call=fn)
    object.__setattr__(u, "_builtin", True)
    object.__setattr__(u, "__doc__", fn.__doc__)
    return u


# --- jax.numpy's ufunc objects -------------------------------------------------------------
add = _builtin("add")
subtract = _builtin("subtract")
multiply = _builtin("multiply")
maximum = _builtin("maximum")
minimum = _builtin("minimum")
logaddexp = _builtin("logaddexp")
logaddexp2 = _builtin("logaddexp2")
logical_and = _builtin("logical_and")
logical_or = _builtin("logical_or")
logical_xor = _builtin("logical_xor")
bitwise_and = _builtin("bitwise_and")
bitwise_or = _builtin("bitwise_or")
bitwise_xor = _builtin("bitwise_xor")
negative = _builtin("negative")
