"""Products and contractions: matmul, matvec, vecmat, dot, vdot, vecdot,
inner, outer, tensordot, einsum, einsum_path, kron, trace, diagonal.

Every contraction here ends in one core, ``_contract``: two operands whose
axes carry labels, contracted into a requested list of result labels with a
single ``dot_general`` (plus squeezes, sums over labels that occur on one side
only, and one transpose).  numpy's broadcasting of batch axes is expressed in
labels: a size-1 axis facing a larger one is squeezed away and the larger
axis simply becomes a free axis of the other operand, so nothing is
materialised by broadcasting.  ``einsum`` asks opt_einsum for the pairwise
order and feeds each pair to the same core.

Dtypes follow jax: the operands are promoted together (jax's lattice, 32-bit
defaults) and ``preferred_element_type`` sets the accumulation and result
type.
"""

from __future__ import annotations

import collections
import operator

import numpy as np
import opt_einsum

from .. import dtypes, lax
from . import ufuncs
from ._util import (
    asarray,
    broadcast_shapes,
    canonicalize_axis,
    check_arraylike,
    check_out,
    ndim,
    promote_dtypes,
    public,
    shape,
)

__all__ = ["diagonal", "dot", "einsum", "einsum_path", "inner", "kron", "matmul", "matvec",
           "outer", "tensordot", "trace", "vdot", "vecdot", "vecmat"]


# --- dtype handling shared by every product ------------------------------------------------------
def _result_dtype(name, args, preferred_element_type):
    """(result dtype, weak flag, dtype to pass to dot_general or None)."""
    if preferred_element_type is None:
        dt, weak = dtypes.result_type(*args, return_weak_type_flag=True)
        return dt, weak, None
    dt = dtypes.check_user_dtype(preferred_element_type, name, "preferred_element_type")
    in_dt = dtypes.result_type(*args)
    _check_preferred(name, in_dt, dt)
    return dt, False, dt


def _check_preferred(name, in_dt, out_dt):
    src, dst = np.dtype(in_dt), np.dtype(out_dt)
    if src == dst:
        return
    integral = dtypes.is_bool(src) or dtypes.is_integer(src)
    ok = ((integral and (dtypes.is_integer(dst) or dtypes.is_floating(dst)))
          or (dtypes.is_floating(src) and dtypes.is_floating(dst))
          or (dtypes.is_complex(src) and dtypes.is_complex(dst)))
    if ok and dtypes.is_integer(src) and dtypes.is_integer(dst) and dst.itemsize < src.itemsize:
        ok = False
    if not ok:
        raise TypeError(f"{name}(): preferred_element_type={dst.name} is not compatible with "
                        f"operands of dtype {src.name} (integral operands accumulate in a "
                        "wider integer or a float, floats in a float, complex in complex)")


def _finish(out, dt, weak):
    if out.dtype != dt or dtypes.is_weakly_typed(out) != weak:
        return lax.convert_element_type(out, dt, weak)
    return out


def _prepare(name, args, preferred_element_type):
    check_arraylike(name, *args)
    arrays = [asarray(a, name=name) for a in args]
    dt, weak, pref = _result_dtype(name, arrays, preferred_element_type)
    return promote_dtypes(*arrays), dt, weak, pref


def _hashable_precision(precision):
    return tuple(precision) if isinstance(precision, list) else precision


def _conj(x):
    return lax.conj(x) if dtypes.is_complex(x.dtype) else x


# --- the core: one labelled pairwise contraction --------------------------------------------------
def _sum_labels(x, names, drop, pref):
    """Sum ``x`` over the axes labelled ``drop`` (logical or for booleans)."""
    if not drop:
        return x, names
    if pref is not None and dtypes.promote_types(x.dtype, pref) != x.dtype:
        x = lax.convert_element_type(x, pref)
    axes = tuple(names.index(d) for d in drop)
    x = lax.reduce_or(x, axes) if x.dtype == np.bool_ else lax.reduce_sum(x, axes)
    return x, [n for n in names if n not in drop]


def _diag_of_last_two(x, row0: int, col0: int, length: int):
    """Entries ``x[..., row0 + i, col0 + i]`` for i < length, as the new last axis.

    Take the ``length`` rows wanted, flatten them, and step through the flat
    row-major data with stride ``cols + 1``: only slices and reshapes, so
    the derivative is a pad.
    """
    *lead, _, cols = shape(x)
    lead = tuple(lead)
    nl = len(lead)
    if length == 0:
        return lax.reshape(lax.slice(x, (0,) * (nl + 2), lead + (0, cols)), lead + (0,))
    block = lax.slice(x, (0,) * nl + (row0, 0), lead + (row0 + length, cols))
    flat = lax.reshape(block, lead + (length * cols,))
    return lax.slice(flat, (0,) * nl + (col0,), lead + (col0 + (length - 1) * (cols + 1) + 1,),
                     (1,) * nl + (cols + 1,))


def _move_to_end(x, axes):
    rest = [i for i in range(ndim(x)) if i not in axes]
    return lax.transpose(x, tuple(rest) + tuple(axes)), rest


def _take_diagonals(x, names):
    """Collapse labels repeated within one operand to their diagonal."""
    counts = collections.Counter(names)
    for label, count in counts.items():
        if count < 2:
            continue
        pos = [i for i, n in enumerate(names) if n == label]
        x, rest = _move_to_end(x, pos)
        names = [names[i] for i in rest] + [label]
        n = shape(x)[-1]
        for _ in range(count - 1):
            x = _diag_of_last_two(x, 0, 0, n)
    return x, names


def _to_order(x, names, result):
    if names != list(result):
        x = lax.transpose(x, tuple(names.index(n) for n in result))
    return x


def _contract_one(x, names, result, pref):
    """Single-operand einsum step: diagonals, sums, transpose."""
    x, names = _take_diagonals(x, list(names))
    x, names = _sum_labels(x, names, [n for n in names if n not in result], pref)
    return _to_order(x, names, result)


def _contract(lhs, lnames, rhs, rnames, result, precision, pref):
    """Contract two labelled operands into axes labelled ``result`` with one dot_general.

    Labels shared by both operands and kept in ``result`` are batch axes,
    shared labels not kept are contracted, the rest are free.  A shared
    label of size 1 on one side only is squeezed from that side (numpy
    broadcasting).  Labels of one operand that are neither shared nor kept
    are summed first.
    """
    result = list(result)
    lhs, lnames = _take_diagonals(lhs, list(lnames))
    rhs, rnames = _take_diagonals(rhs, list(rnames))
    lshape, rshape = dict(zip(lnames, shape(lhs))), dict(zip(rnames, shape(rhs)))
    lsq = [n for n in lnames if n in rshape and lshape[n] == 1 and rshape[n] != 1]
    rsq = [n for n in rnames if n in lshape and rshape[n] == 1 and lshape[n] != 1]
    if lsq:
        lhs = lax.squeeze(lhs, tuple(lnames.index(n) for n in lsq))
        lnames = [n for n in lnames if n not in lsq]
    if rsq:
        rhs = lax.squeeze(rhs, tuple(rnames.index(n) for n in rsq))
        rnames = [n for n in rnames if n not in rsq]
    lhs, lnames = _sum_labels(lhs, lnames, [n for n in lnames
                                            if n not in rnames and n not in result], pref)
    rhs, rnames = _sum_labels(rhs, rnames, [n for n in rnames
                                            if n not in lnames and n not in result], pref)
    if lhs.dtype != rhs.dtype:  # an einsum intermediate already in preferred_element_type
        common = dtypes.promote_types(lhs.dtype, rhs.dtype)
        lhs, rhs = (lax.convert_element_type(v, common) for v in (lhs, rhs))
    batch = [n for n in result if n in lnames and n in rnames]
    contract = [n for n in lnames if n in rnames and n not in result]
    lfree = [n for n in lnames if n not in rnames]
    rfree = [n for n in rnames if n not in lnames]
    if batch + rfree + lfree == result and batch + lfree + rfree != result:
        lhs, lnames, rhs, rnames, lfree, rfree = rhs, rnames, lhs, lnames, rfree, lfree
    dims = ((tuple(lnames.index(n) for n in contract), tuple(rnames.index(n) for n in contract)),
            (tuple(lnames.index(n) for n in batch), tuple(rnames.index(n) for n in batch)))
    out = lax.dot_general(lhs, rhs, dims, precision=precision, preferred_element_type=pref)
    return _to_order(out, batch + lfree + rfree, result)


# --- matmul and friends -----------------------------------------------------------------------
@public(static=("precision", "preferred_element_type"))
def matmul(x1, x2, /, *, precision=None, preferred_element_type=None):
    """Matrix product of two arrays, broadcasting over leading (batch) axes.

    Parameters
    ----------
    x1 : array_like, at least 1-d
        Shape ``(..., n, k)``; a 1-d ``x1`` of shape ``(k,)`` acts as a row
        vector whose axis is removed from the result.
    x2 : array_like, at least 1-d
        Shape ``(..., k, m)``; a 1-d ``x2`` acts as a column vector whose axis
        is removed from the result.
    precision : None, str, jax.lax.Precision or a pair of them, optional
        Precision of the underlying dot product on accelerators.
    preferred_element_type : dtype, optional
        Accumulation and result dtype.  Default: the promoted dtype.

    Returns
    -------
    out : jax.Array
        Shape ``broadcast(x1.shape[:-2], x2.shape[:-2]) + (n, m)`` (with the
        vector axes dropped).

    Raises
    ------
    ValueError
        If an operand is 0-d, the core dimensions ``k`` differ, or the batch
        axes do not broadcast.

    Notes
    -----
    Differences from NumPy: dtypes follow jax's promotion (32-bit defaults);
    ``precision`` and ``preferred_element_type`` are jax extensions; no
    ``out``, ``casting``, ``order`` or ``axes`` keywords.

    Examples
    --------
    >>> import jaxwrap.numpy as jwnp
    >>> jwnp.matmul(jwnp.ones((2, 3)), jwnp.ones(3))
    Array([3., 3.], dtype=float32)
    """
    name = "matmul"
    (a, b), dt, weak, pref = _prepare(name, (x1, x2), preferred_element_type)
    for i, x in enumerate((a, b)):
        if ndim(x) == 0:
            raise ValueError(f"matmul(): input operand x{i + 1} is 0-d; matmul needs arrays "
                             "with at least one dimension (use multiply for scalars)")
    sa, sb = shape(a), shape(b)
    a_vec, b_vec = len(sa) == 1, len(sb) == 1
    ka, kb = sa[-1], (sb[0] if b_vec else sb[-2])
    if ka != kb:
        raise ValueError(f"matmul(): core dimension mismatch: x1 has {ka} columns "
                         f"(shape {sa}) but x2 has {kb} rows (shape {sb})")
    ba, bb = sa[:-2], sb[:-2]
    broadcast_shapes(name, ba, bb)
    nb = max(len(ba), len(bb))
    batch = list(range(nb))
    lnames = batch[nb - len(ba):] + ([] if a_vec else ["m"]) + ["k"]
    rnames = batch[nb - len(bb):] + ["k"] + ([] if b_vec else ["n"])
    result = batch + ([] if a_vec else ["m"]) + ([] if b_vec else ["n"])
    out = _contract(a, lnames, b, rnames, result, precision, pref)
    return _finish(out, dt, weak)


def _stacked_product(name, x1, x2, lcore, rcore, result_core, conj_x1=False):
    """A gufunc-style product: core axes labelled ``lcore`` / ``rcore`` at the end of
    ``x1`` / ``x2``, the leading (loop) axes broadcast against each other."""
    (a, b), dt, weak, pref = _prepare(name, (x1, x2), None)
    for i, (x, core) in enumerate(((a, lcore), (b, rcore))):
        if ndim(x) < len(core):
            raise ValueError(f"{name}(): input operand x{i + 1} has {ndim(x)} dimension(s) "
                             f"(shape {shape(x)}) but needs at least {len(core)}")
    sa, sb = shape(a), shape(b)
    ka = sa[len(sa) - len(lcore) + lcore.index("k")]
    kb = sb[len(sb) - len(rcore) + rcore.index("k")]
    if ka != kb:
        raise ValueError(f"{name}(): core dimension mismatch: the summed axis has length {ka} "
                         f"in x1 (shape {sa}) and {kb} in x2 (shape {sb})")
    ba, bb = sa[:len(sa) - len(lcore)], sb[:len(sb) - len(rcore)]
    broadcast_shapes(name, ba, bb)
    nb = max(len(ba), len(bb))
    batch = list(range(nb))
    if conj_x1:
        a = _conj(a)
    out = _contract(a, batch[nb - len(ba):] + list(lcore), b, batch[nb - len(bb):] + list(rcore),
                    batch + list(result_core), None, pref)
    return _finish(out, dt, weak)


@public
def matvec(x1, x2, /):
    """Matrix-vector product over stacks of matrices and vectors (numpy 2.2 ``matvec``).

    ``out[..., i] = sum_j x1[..., i, j] * x2[..., j]``: a generalized ufunc with
    signature ``(m,n),(n)->(m)`` whose leading (loop) axes broadcast.

    Parameters
    ----------
    x1 : array_like, at least 2-d
        Matrices of shape ``(..., m, n)``.
    x2 : array_like, at least 1-d
        Vectors of shape ``(..., n)``.  Neither operand is conjugated.

    Returns
    -------
    out : jax.Array
        Shape ``broadcast(x1.shape[:-2], x2.shape[:-1]) + (m,)``, in the
        promoted dtype.

    Raises
    ------
    ValueError
        If an operand has too few dimensions (scalars included), the lengths
        of ``n`` differ, or the loop axes do not broadcast.

    Notes
    -----
    Differences from NumPy: dtypes follow jax's promotion (32-bit defaults);
    no ``out``, ``axes``, ``dtype`` or other ufunc keywords.

    Examples
    --------
    >>> import jaxwrap.numpy as jwnp
    >>> jwnp.matvec([[1., 2.], [3., 4.]], [1., 1.])
    Array([3., 7.], dtype=float32)
    """
    return _stacked_product("matvec", x1, x2, ("m", "k"), ("k",), ("m",))


@public
def vecmat(x1, x2, /):
    """Vector-matrix product over stacks, conjugating the vector (numpy 2.2 ``vecmat``).

    ``out[..., j] = sum_i conj(x1[..., i]) * x2[..., i, j]``: a generalized
    ufunc with signature ``(n),(n,m)->(m)`` whose leading (loop) axes
    broadcast.

    Parameters
    ----------
    x1 : array_like, at least 1-d
        Vectors of shape ``(..., n)``; complex vectors are conjugated.
    x2 : array_like, at least 2-d
        Matrices of shape ``(..., n, m)``.

    Returns
    -------
    out : jax.Array
        Shape ``broadcast(x1.shape[:-1], x2.shape[:-2]) + (m,)``, in the
        promoted dtype.

    Raises
    ------
    ValueError
        If an operand has too few dimensions (scalars included), the lengths
        of ``n`` differ, or the loop axes do not broadcast.

    Notes
    -----
    Differences from NumPy: dtypes follow jax's promotion (32-bit defaults);
    no ``out``, ``axes``, ``dtype`` or other ufunc keywords.

    Examples
    --------
    >>> import jaxwrap.numpy as jwnp
    >>> jwnp.vecmat([1j, 1.], [[1., 2.], [3., 4.]])
    Array([3.-1.j, 4.-2.j], dtype=complex64)
    """
    return _stacked_product("vecmat", x1, x2, ("k",), ("k", "n"), ("n",), conj_x1=True)


@public(static=("precision", "preferred_element_type"))
def dot(a, b, *, precision=None, preferred_element_type=None):
    """Dot product of two arrays, with numpy's rules for each rank.

    Scalars multiply; for 1-d and 2-d operands this is the inner product /
    matrix product; for N-d operands it is a sum product over the last axis
    of ``a`` and the second-to-last of ``b`` (the last, if ``b`` is 1-d):
    ``dot(a, b)[i, j, k, m] = sum(a[i, j, :] * b[k, :, m])``.

    Parameters
    ----------
    a, b : array_like
    precision : None, str, jax.lax.Precision or a pair of them, optional
        Precision of the underlying dot product on accelerators.
    preferred_element_type : dtype, optional
        Accumulation and result dtype.  Default: the promoted dtype.

    Returns
    -------
    out : jax.Array
        Shape ``a.shape[:-1] + b.shape[:-2] + b.shape[-1:]`` (N-d case).

    Raises
    ------
    ValueError
        If the contracted axes have different lengths.

    Notes
    -----
    Differences from NumPy: jax's promotion; no ``out``. Unlike ``matmul``,
    leading axes are not broadcast but stacked (an outer product over them).

    Examples
    --------
    >>> import jaxwrap.numpy as jwnp
    >>> jwnp.dot([1, 2], [3, 4])
    Array(11, dtype=int32)
    """
    name = "dot"
    (a, b), dt, weak, pref = _prepare(name, (a, b), preferred_element_type)
    na, nb_ = ndim(a), ndim(b)
    if na == 0 or nb_ == 0:
        contract = ((), ())
    else:
        cb = 0 if nb_ == 1 else nb_ - 2
        if shape(a)[-1] != shape(b)[cb]:
            raise ValueError(f"dot(): shapes {shape(a)} and {shape(b)} not aligned: "
                             f"{shape(a)[-1]} (dim {na - 1}) != {shape(b)[cb]} (dim {cb})")
        contract = ((na - 1,), (cb,))
    out = lax.dot_general(a, b, (contract, ((), ())), precision=precision,
                          preferred_element_type=pref)
    return _finish(out, dt, weak)


@public(static=("precision", "preferred_element_type"))
def vdot(a, b, /, *, precision=None, preferred_element_type=None):
    """Dot product of two arrays flattened to vectors, conjugating the first.

    Parameters
    ----------
    a, b : array_like
        Any shapes with the same number of elements; both are flattened.
        ``a`` is complex-conjugated.
    precision : None, str, jax.lax.Precision or a pair of them, optional
        Precision of the underlying dot product on accelerators.
    preferred_element_type : dtype, optional
        Accumulation and result dtype.  Default: the promoted dtype.

    Returns
    -------
    out : jax.Array
        A 0-d array, ``sum(conj(a.ravel()) * b.ravel())``.

    Notes
    -----
    Differences from NumPy: jax's promotion.

    Examples
    --------
    >>> import jaxwrap.numpy as jwnp
    >>> jwnp.vdot([1j, 2], [1j, 3])
    Array(7.+0.j, dtype=complex64)
    """
    name = "vdot"
    (a, b), dt, weak, pref = _prepare(name, (a, b), preferred_element_type)
    na, nb_ = int(np.prod(shape(a))), int(np.prod(shape(b)))
    if na != nb_:
        raise ValueError(f"vdot(): a and b must have the same number of elements, got "
                         f"{na} (shape {shape(a)}) and {nb_} (shape {shape(b)})")
    a, b = lax.reshape(_conj(a), (na,)), lax.reshape(b, (nb_,))
    out = lax.dot_general(a, b, (((0,), (0,)), ((), ())), precision=precision,
                          preferred_element_type=pref)
    return _finish(out, dt, weak)


@public(static=("axis", "precision", "preferred_element_type"))
def vecdot(x1, x2, /, *, axis=-1, precision=None, preferred_element_type=None):
    """Vector dot product along ``axis``, conjugating ``x1`` (Array API ``vecdot``).

    Parameters
    ----------
    x1, x2 : array_like
        Arrays with equal length along ``axis``; their other axes broadcast.
    axis : int, optional
        The axis (of each operand, counted in its own rank) to contract.
        Default -1.
    precision : None, str, jax.lax.Precision or a pair of them, optional
        Precision of the underlying dot product on accelerators.
    preferred_element_type : dtype, optional
        Accumulation and result dtype.  Default: the promoted dtype.

    Returns
    -------
    out : jax.Array
        ``sum(conj(x1) * x2, axis)`` over the broadcast shape.

    Raises
    ------
    ValueError
        If the lengths along ``axis`` differ or the other axes do not
        broadcast; ``AxisError`` for a bad ``axis``.

    Notes
    -----
    Differences from NumPy: jax's promotion; no ``out``/``axes`` keywords.

    Examples
    --------
    >>> import jaxwrap.numpy as jwnp
    >>> jwnp.vecdot([[1., 2.], [3., 4.]], [1., 1.])
    Array([3., 7.], dtype=float32)
    """
    name = "vecdot"
    (a, b), dt, weak, pref = _prepare(name, (x1, x2), preferred_element_type)
    for i, x in enumerate((a, b)):
        if ndim(x) == 0:
            raise ValueError(f"vecdot(): input x{i + 1} is 0-d; vecdot needs at least 1-d arrays")
    ax = canonicalize_axis(axis, ndim(a), name, "axis")
    bx = canonicalize_axis(axis, ndim(b), name, "axis")
    if shape(a)[ax] != shape(b)[bx]:
        raise ValueError(f"vecdot(): x1 and x2 must have the same length along axis {axis}, "
                         f"got shapes {shape(a)} and {shape(b)}")
    a, _ = _move_to_end(_conj(a), [ax])
    b, _ = _move_to_end(b, [bx])
    ba, bb = shape(a)[:-1], shape(b)[:-1]
    broadcast_shapes(name, ba, bb)
    nb = max(len(ba), len(bb))
    batch = list(range(nb))
    out = _contract(a, batch[nb - len(ba):] + ["k"], b, batch[nb - len(bb):] + ["k"], batch,
                    precision, pref)
    return _finish(out, dt, weak)


@public(static=("precision", "preferred_element_type"))
def inner(a, b, /, *, precision=None, preferred_element_type=None):
    """Inner product over the last axes of two arrays.

    Parameters
    ----------
    a, b : array_like
        Their last axes must have equal length (scalars multiply).
    precision : None, str, jax.lax.Precision or a pair of them, optional
        Precision of the underlying dot product on accelerators.
    preferred_element_type : dtype, optional
        Accumulation and result dtype.  Default: the promoted dtype.

    Returns
    -------
    out : jax.Array
        Shape ``a.shape[:-1] + b.shape[:-1]``; no conjugation.

    Notes
    -----
    Differences from NumPy: jax's promotion.

    Examples
    --------
    >>> import jaxwrap.numpy as jwnp
    >>> jwnp.inner([1, 2], [[1, 0], [0, 1]])
    Array([1, 2], dtype=int32)
    """
    name = "inner"
    (a, b), dt, weak, pref = _prepare(name, (a, b), preferred_element_type)
    na, nb_ = ndim(a), ndim(b)
    if na == 0 or nb_ == 0:
        contract = ((), ())
    else:
        if shape(a)[-1] != shape(b)[-1]:
            raise ValueError(f"inner(): last dimensions differ: a has shape {shape(a)}, "
                             f"b has shape {shape(b)}")
        contract = ((na - 1,), (nb_ - 1,))
    out = lax.dot_general(a, b, (contract, ((), ())), precision=precision,
                          preferred_element_type=pref)
    return _finish(out, dt, weak)


@public
def outer(a, b, out=None):
    """Outer product of two arrays, flattened to vectors first.

    Parameters
    ----------
    a : array_like, size ``m``
    b : array_like, size ``n``
    out : None
        Not supported (jax arrays are immutable).

    Returns
    -------
    out : jax.Array
        Shape ``(m, n)``, ``out[i, j] = a.ravel()[i] * b.ravel()[j]``.

    Notes
    -----
    Differences from NumPy: jax's promotion; ``out`` must be None.

    Examples
    --------
    >>> import jaxwrap.numpy as jwnp
    >>> jwnp.outer([1, 2], [1, 10, 100])
    Array([[  1,  10, 100],
           [  2,  20, 200]], dtype=int32)
    """
    check_out("outer", out)
    check_arraylike("outer", a, b)
    a, b = asarray(a, name="outer"), asarray(b, name="outer")
    m, n = int(np.prod(shape(a))), int(np.prod(shape(b)))
    return ufuncs.multiply(lax.reshape(a, (m, 1)), lax.reshape(b, (1, n)))


def _canonical_tensordot_axes(axes, na, nb):
    name = "tensordot"
    if isinstance(axes, (int, np.integer)) and not isinstance(axes, bool):
        k = int(axes)
        if k < 0:
            raise ValueError(f"tensordot(): axes must be non-negative, got {k}")
        if k > min(na, nb):
            raise ValueError(f"tensordot(): axes={k} exceeds the rank of an operand "
                             f"(ranks {na} and {nb})")
        return tuple(range(na - k, na)), tuple(range(k))
    try:
        ax_a, ax_b = axes
    except (TypeError, ValueError):
        raise TypeError("tensordot(): axes must be an int or a pair of sequences of ints, "
                        f"got {axes!r}") from None

    def seq(ax, nd, which):
        ax = ax.tolist() if isinstance(ax, np.ndarray) else ax
        ax = [ax] if not isinstance(ax, (list, tuple)) else list(ax)
        return tuple(canonicalize_axis(v, nd, name, f"axes[{which}]") for v in ax)

    ta, tb = seq(ax_a, na, 0), seq(ax_b, nb, 1)
    if len(ta) != len(tb):
        raise ValueError(f"tensordot(): axes[0] and axes[1] must have the same length, got "
                         f"{len(ta)} and {len(tb)}")
    for seq_, which in ((ta, 0), (tb, 1)):
        if len(set(seq_)) != len(seq_):
            raise ValueError(f"tensordot(): repeated axis in axes[{which}]")
    return ta, tb


def tensordot(a, b, axes=2, *, precision=None, preferred_element_type=None):
    """Sum products over the chosen axes of two arrays.

    Parameters
    ----------
    a, b : array_like
    axes : int or (sequence of int, sequence of int), optional
        An int ``k`` contracts the last ``k`` axes of ``a`` with the first
        ``k`` of ``b`` in order; a pair lists the axes of ``a`` and of ``b``
        to contract pairwise.  Default 2.
    precision : None, str, jax.lax.Precision or a pair of them, optional
        Precision of the underlying dot product on accelerators.
    preferred_element_type : dtype, optional
        Accumulation and result dtype.  Default: the promoted dtype.

    Returns
    -------
    out : jax.Array
        The free axes of ``a`` followed by the free axes of ``b``.

    Raises
    ------
    ValueError
        If paired axes have different lengths or ``axes`` is malformed.

    Notes
    -----
    Differences from NumPy: jax's promotion. ``axes`` is static (it is
    normalised here and the rest runs through a cached compiled path).

    Examples
    --------
    >>> import jaxwrap.numpy as jwnp
    >>> jwnp.tensordot(jwnp.ones((2, 3, 4)), jwnp.ones((3, 4, 5))).shape
    (2, 5)
    """
    check_arraylike("tensordot", a, b)
    axes = _canonical_tensordot_axes(axes, ndim(a), ndim(b))
    return _tensordot(a, b, axes=axes, precision=_hashable_precision(precision),
                      preferred_element_type=preferred_element_type)


@public(static=("axes", "precision", "preferred_element_type"))
def _tensordot(a, b, *, axes, precision, preferred_element_type):
    name = "tensordot"
    (a, b), dt, weak, pref = _prepare(name, (a, b), preferred_element_type)
    ta, tb = axes
    sa, sb = shape(a), shape(b)
    for i, j in zip(ta, tb):
        if sa[i] != sb[j]:
            raise ValueError(f"tensordot(): shape mismatch for sum: axis {i} of a has length "
                             f"{sa[i]} but axis {j} of b has length {sb[j]}")
    out = lax.dot_general(a, b, ((ta, tb), ((), ())), precision=precision,
                          preferred_element_type=pref)
    return _finish(out, dt, weak)


@public
def kron(a, b):
    """Kronecker product of two arrays.

    Parameters
    ----------
    a, b : array_like
        The one of lower rank gets leading axes of length 1.

    Returns
    -------
    out : jax.Array
        Shape ``a.shape * b.shape`` (element-wise), made of blocks
        ``a[i, j, ...] * b``.

    Notes
    -----
    Differences from NumPy: jax's promotion.

    Examples
    --------
    >>> import jaxwrap.numpy as jwnp
    >>> jwnp.kron([1, 10], [1, 2, 3])
    Array([ 1,  2,  3, 10, 20, 30], dtype=int32)
    """
    check_arraylike("kron", a, b)
    a, b = asarray(a, name="kron"), asarray(b, name="kron")
    nd = max(ndim(a), ndim(b))
    sa = (1,) * (nd - ndim(a)) + shape(a)
    sb = (1,) * (nd - ndim(b)) + shape(b)
    a = lax.reshape(a, tuple(v for d in sa for v in (d, 1)))
    b = lax.reshape(b, tuple(v for d in sb for v in (1, d)))
    return lax.reshape(ufuncs.multiply(a, b), tuple(x * y for x, y in zip(sa, sb)))


# --- diagonals -----------------------------------------------------------------------------------
def _diagonal(name, a, offset, axis1, axis2):
    nd = ndim(a)
    if nd < 2:
        raise ValueError(f"{name}(): the input must have at least 2 dimensions, got shape "
                         f"{shape(a)}")
    ax1 = canonicalize_axis(axis1, nd, name, "axis1")
    ax2 = canonicalize_axis(axis2, nd, name, "axis2")
    if ax1 == ax2:
        raise ValueError(f"{name}(): axis1 and axis2 cannot be the same axis ({axis1}, {axis2})")
    try:
        offset = operator.index(offset)
    except TypeError:
        raise TypeError(f"{name}(): offset must be an integer, got "
                        f"{type(offset).__name__}") from None
    x, _ = _move_to_end(a, [ax1, ax2])
    n, m = shape(x)[-2:]
    if offset >= 0:
        row0, col0, length = 0, offset, max(0, min(n, m - offset))
    else:
        row0, col0, length = -offset, 0, max(0, min(n + offset, m))
    if length == 0:
        row0 = col0 = 0
    return _diag_of_last_two(x, row0, col0, length)


@public(static=("offset", "axis1", "axis2"))
def diagonal(a, offset=0, axis1=0, axis2=1):
    """Return the chosen diagonal of an array.

    Parameters
    ----------
    a : array_like, at least 2-d
    offset : int, optional
        Diagonal above (> 0) or below (< 0) the main one.  Default 0.
    axis1, axis2 : int, optional
        The two axes whose diagonal is taken.  Default 0 and 1.

    Returns
    -------
    out : jax.Array
        ``a`` without ``axis1`` and ``axis2``, with the diagonal appended as
        the last axis.

    Notes
    -----
    Differences from NumPy: returns a new array, never a (read-only) view.

    Examples
    --------
    >>> import jaxwrap.numpy as jwnp
    >>> jwnp.diagonal(jwnp.arange(9).reshape(3, 3), 1)
    Array([1, 5], dtype=int32)
    """
    check_arraylike("diagonal", a)
    return _diagonal("diagonal", asarray(a, name="diagonal"), offset, axis1, axis2)


def _sum_dtype(dt):
    """numpy's accumulator for sums: small integers and bools widen to the default int."""
    dt = np.dtype(dt)
    small_signed = dtypes.is_signed(dt) and dt.itemsize < dtypes.default_int_dtype().itemsize
    if dtypes.is_bool(dt) or small_signed:
        return dtypes.default_int_dtype()
    if dtypes.is_unsigned(dt) and dt.itemsize < dtypes.default_uint_dtype().itemsize:
        return dtypes.default_uint_dtype()
    return dt


@public(static=("offset", "axis1", "axis2", "dtype"))
def trace(a, offset=0, axis1=0, axis2=1, dtype=None, out=None):
    """Sum along a diagonal of an array.

    Parameters
    ----------
    a : array_like, at least 2-d
    offset : int, optional
        Which diagonal (see ``diagonal``).  Default 0.
    axis1, axis2 : int, optional
        Axes of the 2-d sub-arrays whose diagonals are summed.  Default 0, 1.
    dtype : dtype, optional
        Accumulator and result dtype.  Default: that of ``a``, with bools and
        small integers widened to the default integer (like ``sum``).
    out : None
        Not supported.

    Returns
    -------
    out : jax.Array
        ``a`` without ``axis1`` and ``axis2``.

    Notes
    -----
    Differences from NumPy: the default integer is jax's (int32 unless
    ``jax_enable_x64``); no ``out``.

    Examples
    --------
    >>> import jaxwrap.numpy as jwnp
    >>> jwnp.trace(jwnp.eye(3))
    Array(3., dtype=float32)
    """
    name = "trace"
    check_out(name, out)
    check_arraylike(name, a)
    a = asarray(a, name=name)
    d = _diagonal(name, a, offset, axis1, axis2)
    dt = _sum_dtype(a.dtype) if dtype is None else dtypes.check_user_dtype(dtype, name)
    if d.dtype != dt:
        d = lax.convert_element_type(d, dt)
    axis = ndim(d) - 1
    return lax.reduce_or(d, (axis,)) if dt == np.bool_ else lax.reduce_sum(d, (axis,))


# --- einsum -------------------------------------------------------------------------------------
class _Unoptimized(opt_einsum.paths.PathOptimizer):
    """Contract the operands in the order given (``optimize=False``)."""

    def __call__(self, inputs, output, size_dict, memory_limit=None):
        return [(0, 1)] * (len(inputs) - 1) if len(inputs) > 1 else [(0,)]


def _path_type(optimize):
    if optimize is True:
        return "optimal"
    if optimize is False or optimize is None:
        return _Unoptimized()
    if isinstance(optimize, str):
        return optimize
    if isinstance(optimize, (list, tuple)):
        path = list(optimize)
        if path and path[0] == "einsum_path":  # numpy's explicit-path format
            path = path[1:]
        return [tuple(int(i) for i in step) for step in path]
    raise TypeError(f"einsum(): optimize must be a bool, a strategy name or an explicit path, "
                    f"got {optimize!r}")


def _einsum_args(name, subscripts, operands):
    """Arrays converted, subscript parts kept: the args opt_einsum expects."""
    if isinstance(subscripts, str):
        check_arraylike(name, *operands)
        return (subscripts, *(asarray(o, name=name) for o in operands)), len(operands)
    full = (subscripts, *operands)
    n_arrays = len(full) // 2
    args = list(full)
    for i in range(0, 2 * n_arrays, 2):
        check_arraylike(name, args[i], argnames=[f"operand {i // 2}"])
        args[i] = asarray(args[i], name=name)
    return tuple(args), n_arrays


def _contraction_list(name, args, n_arrays, optimize):
    if n_arrays == 0:
        raise ValueError(f"{name}(): at least one operand is required")
    try:
        return opt_einsum.contract_path(*args, einsum_call=True, use_blas=True,
                                        optimize=_path_type(optimize))
    except (ValueError, KeyError, IndexError, TypeError) as e:
        if isinstance(e, TypeError) and str(e).startswith(f"{name}()"):
            raise
        raise ValueError(f"{name}(): {e}") from None


def einsum(subscripts, /, *operands, out=None, optimize="auto", precision=None,
           preferred_element_type=None):
    """Einstein summation over the labelled axes of any number of arrays.

    Parameters
    ----------
    subscripts : str
        Comma-separated labels per operand, optionally ``->`` and the output
        labels (implicit mode: the labels seen once, sorted).  ``...``
        stands for broadcast leading axes.  Alternatively the interleaved
        form ``einsum(a, [0, 1], b, [1, 2], [0, 2])`` with integer labels
        and ``Ellipsis``.
    *operands : array_like
    out : None
        Not supported.
    optimize : {'auto', 'greedy', 'optimal', 'dp', ...}, bool or path, optional
        How to order the pairwise contractions (via opt_einsum):
        ``True`` means 'optimal', ``False`` contracts in the order given, a
        list (or numpy's ``['einsum_path', ...]``) is an explicit path.
        Default 'auto'.
    precision : None, str, jax.lax.Precision or a pair of them, optional
        Precision of the underlying dot product on accelerators.
    preferred_element_type : dtype, optional
        Accumulation and result dtype.  Default: the promoted dtype.

    Returns
    -------
    out : jax.Array

    Notes
    -----
    Each pairwise contraction is one ``dot_general`` (plus transposes and
    reshapes); repeated labels within an operand take diagonals, and labels
    found in one operand only are summed first.  Differences from NumPy:
    jax's promotion; the default ``optimize`` is 'auto' (NumPy: False);
    ``optimize=True`` means 'optimal'; ``precision`` and
    ``preferred_element_type`` are jax extensions.

    Examples
    --------
    >>> import jaxwrap.numpy as jwnp
    >>> jwnp.einsum('ij,jk->ik', jwnp.ones((2, 3)), jwnp.ones((3, 4))).shape
    (2, 4)
    >>> jwnp.einsum('ii', jwnp.eye(3))
    Array(3., dtype=float32)
    """
    name = "einsum"
    check_out(name, out)
    args, n_arrays = _einsum_args(name, subscripts, operands)
    arrays, contractions = _contraction_list(name, args, n_arrays, optimize)
    steps = tuple((tuple(c[0]), c[2]) for c in contractions)
    if preferred_element_type is not None:
        preferred_element_type = dtypes.check_user_dtype(preferred_element_type, name,
                                                         "preferred_element_type")
    return _einsum(list(arrays), steps=steps, precision=_hashable_precision(precision),
                   preferred_element_type=preferred_element_type)


@public(static=("steps", "precision", "preferred_element_type"))
def _einsum(operands, *, steps, precision, preferred_element_type):
    name = "einsum"
    ops, dt, weak, pref = _prepare(name, operands, preferred_element_type)
    ops = list(ops)
    for inds, einstr in steps:
        inputs, result = einstr.split("->")
        names = inputs.split(",")
        # opt_einsum removes the operands in the order given (descending positions)
        picked = []
        for i in inds:
            picked.append(ops.pop(i))
        if len(picked) == 1:
            x = _contract_one(picked[0], names[0], result, pref)
        else:
            x, xnames = picked[0], list(names[0])
            for j in range(1, len(picked)):
                if j == len(picked) - 1:
                    keep = list(result)
                else:
                    later = set(result).union(*names[j + 1:])
                    keep = [n for n in dict.fromkeys(xnames + list(names[j])) if n in later]
                x = _contract(x, xnames, picked[j], names[j], keep, precision, pref)
                xnames = keep
        ops.append(x)
    (out,) = ops
    return _finish(out, dt, weak)


def einsum_path(subscripts, /, *operands, optimize="greedy"):
    """The contraction order einsum would use, with a printable report.

    Parameters
    ----------
    subscripts : str
        As for ``einsum`` (the interleaved form works too).
    *operands : array_like
        Only their shapes are used.
    optimize : {'greedy', 'optimal', 'auto', 'dp', ...}, bool or path, optional
        Strategy passed to opt_einsum (``True``: 'optimal', ``False``: the
        order given).  Default 'greedy', like NumPy.

    Returns
    -------
    path : list
        ``['einsum_path', (i, j), ...]``; pass it as ``einsum(...,
        optimize=path)``.
    report : str
        opt_einsum's description of the path (scaling, FLOPs, steps).

    Notes
    -----
    Differences from NumPy: the report is opt_einsum's (same information,
    slightly different layout); jax.numpy returns opt_einsum's path and info
    object instead.

    Examples
    --------
    >>> import jaxwrap.numpy as jwnp
    >>> a = jwnp.ones((2, 3)); b = jwnp.ones((3, 4)); c = jwnp.ones((4, 5))
    >>> jwnp.einsum_path('ij,jk,kl', a, b, c)[0]
    ['einsum_path', (1, 2), (0, 1)]
    """
    name = "einsum_path"
    args, n_arrays = _einsum_args(name, subscripts, operands)
    if n_arrays == 0:
        raise ValueError(f"{name}(): at least one operand is required")
    try:
        path, info = opt_einsum.contract_path(*args, optimize=_path_type(optimize))
    except (ValueError, KeyError, IndexError, TypeError) as e:
        raise ValueError(f"{name}(): {e}") from None
    return ["einsum_path", *(tuple(step) for step in path)], str(info)
