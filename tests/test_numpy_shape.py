"""Shape-manipulation functions of jaxwrap.numpy against numpy (reference) and
jax.numpy (peer: values and dtypes), eagerly, under jit and vmap, with
gradients for the float case.  One table row per (function, shapes, static
arguments); bad-input tests at the end."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from jaxwrap._src.numpy import shape as S
from tests.harness import NUM_CASES, check, stable_seed

F, I, B, C = np.float32, np.int32, np.bool_, np.complex64
ALL = (F, I, B, C)


class A(NamedTuple):
    """An array argument of the row's dtype and this shape."""
    shape: tuple


class Row(NamedTuple):
    id: str
    fn: Callable
    ref: Callable | None
    peer: Callable | None
    args: tuple
    kwargs: dict
    grad: int = 0
    dtypes: tuple = ALL


def _draw(shape, dt, rng):
    dt = np.dtype(dt)
    if dt == np.bool_:
        return rng.integers(0, 2, shape).astype(bool)
    if dt.kind in "iu":
        return rng.integers(-9, 10, shape).astype(dt)
    x = rng.uniform(-3, 3, shape)
    if dt.kind == "c":
        x = x + 1j * rng.uniform(-3, 3, shape)
    return np.asarray(x).astype(dt)


def _args(spec, dt, seed):
    rng = np.random.default_rng(seed)
    return tuple(_draw(a.shape, dt, rng) if isinstance(a, A) else a for a in spec)


def _cases(rows):
    """One dtype per row: float32 for rows with a gradient check, else rotating through
    the row's dtypes.  JAXWRAP_NUM_CASES >= 4 adds a second dtype to the gradient rows;
    a deep run (>= 8) takes every dtype."""
    for i, row in enumerate(rows):
        dts = row.dtypes
        if NUM_CASES >= 8:
            chosen = list(dts)
        elif row.grad:
            extra = NUM_CASES >= 4 and len(dts) > 1
            chosen = [dts[0]] + ([dts[1 + i % (len(dts) - 1)]] if extra else [])
        else:
            chosen = [dts[i % len(dts)]]
        for k, dt in enumerate(chosen):
            yield pytest.param(row, dt, row.grad if k == 0 else 0,
                               id=f"{row.id}-{np.dtype(dt).name}")


def _list2(f):
    """``f([a, b], **kw)`` as a function of two array arguments."""
    def g(a, b, **kw):
        return f([a, b], **kw)
    g.__name__ = getattr(f, "__name__", "f")
    return g


def _pair(f):
    def g(a, b, **kw):
        return f(a, b, **kw)
    g.__name__ = getattr(f, "__name__", "f")
    return g


ROWS = [
    Row("reshape", S.reshape, np.reshape, jnp.reshape, (A((2, 3)),), {"shape": (3, -1)}, 2),
    Row("reshape-0d", S.reshape, np.reshape, jnp.reshape, (A(()),), {"shape": (1, 1)}),
    Row("reshape-empty", S.reshape, np.reshape, jnp.reshape, (A((0, 3)),), {"shape": (3, -1)}),
    Row("reshape-F", S.reshape, np.reshape, jnp.reshape, (A((2, 3, 4)),),
        {"shape": [4, 6], "order": "F"}, 1),
    Row("ravel", S.ravel, np.ravel, jnp.ravel, (A((2, 3)),), {}, 1),
    Row("ravel-F", S.ravel, np.ravel, jnp.ravel, (A((2, 3, 2)),), {"order": "F"}),
    Row("transpose", S.transpose, np.transpose, jnp.transpose, (A((2, 3, 4)),),
        {"axes": (1, -1, 0)}, 1),
    Row("transpose-default", S.transpose, np.transpose, jnp.transpose, (A((2, 3)),), {}),
    Row("transpose-0d", S.transpose, np.transpose, jnp.transpose, (A(()),), {}),
    Row("permute_dims", S.permute_dims, np.permute_dims, jnp.permute_dims, (A((2, 3, 4)),),
        {"axes": [2, 0, 1]}),
    Row("matrix_transpose", S.matrix_transpose, np.matrix_transpose, jnp.matrix_transpose,
        (A((4, 2, 3)),), {}, 1),
    Row("moveaxis", S.moveaxis, np.moveaxis, jnp.moveaxis, (A((2, 3, 4)),),
        {"source": 0, "destination": -1}, 1),
    Row("moveaxis-multi", S.moveaxis, np.moveaxis, jnp.moveaxis, (A((2, 3, 4)),),
        {"source": (0, 1), "destination": (2, 0)}),
    Row("swapaxes", S.swapaxes, np.swapaxes, jnp.swapaxes, (A((2, 3, 4)),),
        {"axis1": 0, "axis2": -1}, 1),
    Row("expand_dims", S.expand_dims, np.expand_dims, jnp.expand_dims, (A((2, 3)),),
        {"axis": (0, -1)}, 1),
    Row("expand_dims-0d", S.expand_dims, np.expand_dims, jnp.expand_dims, (A(()),),
        {"axis": 0}),
    Row("squeeze", S.squeeze, np.squeeze, jnp.squeeze, (A((1, 3, 1)),), {}, 1),
    Row("squeeze-axis", S.squeeze, np.squeeze, jnp.squeeze, (A((1, 3, 1)),), {"axis": -1}),
    Row("squeeze-to-0d", S.squeeze, np.squeeze, jnp.squeeze, (A((1, 1)),), {}),
    Row("broadcast_to", S.broadcast_to, np.broadcast_to, jnp.broadcast_to, (A((3,)),),
        {"shape": (2, 3)}, 1),
    Row("broadcast_to-empty", S.broadcast_to, np.broadcast_to, jnp.broadcast_to, (A((2, 1)),),
        {"shape": (2, 0)}),
    Row("broadcast_to-0d", S.broadcast_to, np.broadcast_to, jnp.broadcast_to, (A(()),),
        {"shape": [2, 2]}),
    Row("broadcast_arrays", _pair(S.broadcast_arrays), _pair(np.broadcast_arrays),
        _pair(jnp.broadcast_arrays), (A((3, 1)), A((4,))), {}, 1),
    Row("broadcast_arrays-0d", _pair(S.broadcast_arrays), _pair(np.broadcast_arrays),
        _pair(jnp.broadcast_arrays), (A(()), A((0,))), {}),
    Row("concatenate", _list2(S.concatenate), _list2(np.concatenate), _list2(jnp.concatenate),
        (A((2, 3)), A((2, 1))), {"axis": 1}, 2),
    Row("concatenate-None", _list2(S.concatenate), _list2(np.concatenate),
        _list2(jnp.concatenate), (A((2, 3)), A((4,))), {"axis": None}),
    Row("concatenate-empty", _list2(S.concatenate), _list2(np.concatenate),
        _list2(jnp.concatenate), (A((0, 3)), A((2, 3))), {}),
    Row("concat", _list2(S.concat), _list2(np.concat), _list2(jnp.concat),
        (A((2,)), A((3,))), {}),
    Row("stack", _list2(S.stack), _list2(np.stack), _list2(jnp.stack), (A((2, 3)), A((2, 3))),
        {"axis": -1}, 1),
    Row("stack-0d", _list2(S.stack), _list2(np.stack), _list2(jnp.stack), (A(()), A(())), {}),
    Row("hstack", _list2(S.hstack), _list2(np.hstack), _list2(jnp.hstack), (A((2,)), A((3,))),
        {}, 1),
    Row("hstack-2d", _list2(S.hstack), _list2(np.hstack), _list2(jnp.hstack),
        (A((2, 3)), A((2, 1))), {}),
    Row("vstack", _list2(S.vstack), _list2(np.vstack), _list2(jnp.vstack), (A((3,)), A((2, 3))),
        {}, 1),
    Row("vstack-0d", _list2(S.vstack), _list2(np.vstack), _list2(jnp.vstack), (A(()), A(())), {}),
    Row("dstack", _list2(S.dstack), _list2(np.dstack), _list2(jnp.dstack), (A((2,)), A((2,))),
        {}, 1),
    Row("dstack-2d", _list2(S.dstack), _list2(np.dstack), _list2(jnp.dstack),
        (A((2, 3)), A((2, 3, 2))), {}),
    Row("column_stack", _list2(S.column_stack), _list2(np.column_stack),
        _list2(jnp.column_stack), (A((3,)), A((3, 2))), {}, 1),
    Row("split", S.split, np.split, jnp.split, (A((6, 4)),), {"indices_or_sections": 3}, 1),
    Row("split-indices", S.split, np.split, jnp.split, (A((6, 4)),),
        {"indices_or_sections": [1, 3], "axis": 1}),
    Row("split-clipped", S.split, np.split, None, (A((5,)),),
        {"indices_or_sections": [-2, 10]}),
    Row("array_split", S.array_split, np.array_split, jnp.array_split, (A((7, 2)),),
        {"indices_or_sections": 3}, 1),
    Row("hsplit", S.hsplit, np.hsplit, jnp.hsplit, (A((2, 4, 3)),),
        {"indices_or_sections": 2}),
    Row("vsplit", S.vsplit, np.vsplit, jnp.vsplit, (A((4, 3)),), {"indices_or_sections": [1]}),
    Row("dsplit", S.dsplit, np.dsplit, jnp.dsplit, (A((1, 2, 6)),), {"indices_or_sections": 3}),
    Row("unstack", S.unstack, np.unstack, jnp.unstack, (A((2, 3)),), {"axis": 1}, 1),
    Row("flip", S.flip, np.flip, jnp.flip, (A((2, 3, 4)),), {"axis": (0, 2)}, 1),
    Row("flip-all", S.flip, np.flip, jnp.flip, (A((2, 3)),), {}),
    Row("flip-0d", S.flip, np.flip, jnp.flip, (A(()),), {}),
    Row("fliplr", S.fliplr, np.fliplr, jnp.fliplr, (A((2, 3)),), {}),
    Row("flipud", S.flipud, np.flipud, jnp.flipud, (A((2, 3)),), {}),
    Row("roll", S.roll, np.roll, jnp.roll, (A((5,)),), {"shift": 2}, 1),
    Row("roll-multi", S.roll, np.roll, jnp.roll, (A((2, 3, 4)),),
        {"shift": (1, -5), "axis": (2, 1)}),
    Row("roll-flat", S.roll, np.roll, jnp.roll, (A((2, 3)),), {"shift": 7}),
    Row("roll-empty", S.roll, np.roll, jnp.roll, (A((0, 3)),), {"shift": 1, "axis": 0}),
    Row("roll-traced", lambda a, s: S.roll(a, s, axis=(1, 0)),
        lambda a, s: np.roll(a, tuple(s), axis=(1, 0)),
        lambda a, s: jnp.roll(a, s, axis=(1, 0)),
        (A((3, 4)), np.array([5, -1], np.int32)), {}, 1),
    Row("tile", S.tile, np.tile, jnp.tile, (A((2, 3)),), {"reps": (2, 1, 2)}, 1),
    Row("tile-int", S.tile, np.tile, jnp.tile, (A((3,)),), {"reps": 2}),
    Row("tile-0d", S.tile, np.tile, jnp.tile, (A(()),), {"reps": (2, 3)}),
    Row("repeat", S.repeat, np.repeat, jnp.repeat, (A((2, 3)),), {"repeats": 2, "axis": 1}, 1),
    Row("repeat-list", S.repeat, np.repeat, jnp.repeat, (A((2, 3)),),
        {"repeats": np.array([1, 0, 2]), "axis": -1}, 1),
    Row("repeat-flat", S.repeat, np.repeat, jnp.repeat, (A((2, 2)),), {"repeats": np.array([1, 2, 2, 1])}),
    Row("repeat-0d", S.repeat, np.repeat, jnp.repeat, (A(()),), {"repeats": 3}),
    Row("repeat-traced", lambda a, r: S.repeat(a, r, axis=0, total_repeat_length=6), None,
        lambda a, r: jnp.repeat(a, r, axis=0, total_repeat_length=6),
        (A((3, 2)), np.array([2, 0, 1], np.int32)), {}, 1),
    Row("atleast_1d", S.atleast_1d, np.atleast_1d, jnp.atleast_1d, (A(()),), {}),
    Row("atleast_2d", S.atleast_2d, np.atleast_2d, jnp.atleast_2d, (A((3,)),), {}),
    Row("atleast_3d", S.atleast_3d, np.atleast_3d, jnp.atleast_3d, (A((2, 3)),), {}),
    Row("atleast_3d-1d", S.atleast_3d, np.atleast_3d, jnp.atleast_3d, (A((3,)),), {}),
]


@pytest.mark.parametrize("row,dt,grad", list(_cases(ROWS)))
def test_shape_function(row: Row, dt, grad):
    args = _args(row.args, dt, stable_seed(row.id))
    check(row.fn, row.ref, args, kwargs=row.kwargs, peer=row.peer,
          grad=grad if np.dtype(dt).kind == "f" else 0)


# --- promotion, weak types and static queries ----------------------------------------------
@pytest.mark.parametrize("fn,peer", [(S.concatenate, jnp.concatenate), (S.stack, jnp.stack),
                                     (S.hstack, jnp.hstack)])
def test_join_promotion(fn, peer):
    parts = [np.ones(2, np.int32), np.ones(2, np.float32), np.ones(2, np.bool_)]
    out, expected = fn(parts), peer(parts)
    assert out.dtype == expected.dtype
    weak = [jnp.asarray(np.ones(2, np.float32)).astype(np.float32)] * 2
    w = fn([jnp.array(1.0)[None], jnp.array(2.0)[None]])
    assert w.weak_type == peer([jnp.array(1.0)[None], jnp.array(2.0)[None]]).weak_type
    assert fn(weak, dtype=np.int32).dtype == np.int32


def test_concatenate_casting():
    with pytest.raises(TypeError, match="concatenate.*same_kind"):
        S.concatenate([np.ones(2, np.float32)], dtype=np.int32, casting="same_kind")
    assert S.concatenate([np.ones(2, np.float32)], dtype=np.int32).dtype == np.int32


def test_queries():
    x = np.ones((2, 3, 4))
    assert S.ndim(x) == 3 and S.ndim(1.0) == 0 and S.ndim([[1, 2]]) == 2
    assert S.shape(x) == (2, 3, 4) and S.shape([[1], [2]]) == (2, 1)
    assert S.size(x) == 24 and S.size(x, 1) == 3 and S.size(x, (0, -1)) == 8
    assert S.broadcast_shapes((3, 1), 4, ()) == (3, 4)
    assert S.broadcast_shapes() == ()

    @jax.jit
    def f(y):
        assert S.shape(y) == (2, 3) and S.ndim(y) == 2 and S.size(y) == 6
        assert S.shape([y, y]) == (2, 2, 3)
        return y
    f(np.ones((2, 3), np.float32))


def test_atleast_many_and_lists():
    a, b = S.atleast_2d(1.0, [1, 2])
    assert a.shape == (1, 1) and b.shape == (1, 2)
    assert S.reshape([[1, 2], [3, 4]], -1).tolist() == [1, 2, 3, 4]
    assert S.stack(np.arange(6).reshape(2, 3)).shape == (2, 3)   # an array is a sequence
    assert S.concatenate(np.arange(6).reshape(2, 3)).shape == (6,)


def test_split_returns_list_and_tuple_kinds():
    assert isinstance(S.split(np.arange(4), 2), list)
    assert isinstance(S.unstack(np.arange(4)), tuple)
    assert isinstance(S.broadcast_arrays(1.0, np.ones(2)), list)  # jax / Array API


def test_repeat_traced_needs_length():
    with pytest.raises(TypeError, match="total_repeat_length"):
        jax.jit(lambda r: S.repeat(np.ones(3), r))(np.array([1, 2, 3]))


def test_repeat_total_length_static_matches_jax():
    x = np.arange(6.0, dtype=np.float32).reshape(3, 2)
    for total in (0, 2, 3, 7):
        got = S.repeat(x, [2, 0, 1], axis=0, total_repeat_length=total)
        np.testing.assert_array_equal(
            got, jnp.repeat(x, np.array([2, 0, 1]), axis=0, total_repeat_length=total))


# --- bad input ---------------------------------------------------------------------------------
AxisError = np.exceptions.AxisError
x23 = np.ones((2, 3), np.float32)

BAD = [
    (lambda: S.transpose(x23, (0, 2)), AxisError, r"transpose\(\): axes"),
    (lambda: S.transpose(x23, (0,)), ValueError, "transpose.*axes"),
    (lambda: S.transpose(x23, (0, 0)), ValueError, "repeated axis"),
    (lambda: S.moveaxis(x23, 3, 0), AxisError, "moveaxis.*source"),
    (lambda: S.moveaxis(x23, (0, 1), 0), ValueError, "moveaxis.*same number"),
    (lambda: S.swapaxes(x23, 0, 2), AxisError, "swapaxes.*axis2"),
    (lambda: S.expand_dims(x23, 3), AxisError, "expand_dims.*axis"),
    (lambda: S.expand_dims(x23, (0, 0)), ValueError, "expand_dims.*repeated"),
    (lambda: S.squeeze(x23, 0), ValueError, "squeeze.*size not equal to one"),
    (lambda: S.squeeze(x23, 5), AxisError, "squeeze.*axis"),
    (lambda: S.flip(x23, -3), AxisError, "flip.*axis"),
    (lambda: S.concatenate([x23, x23], axis=2), AxisError, "concatenate.*axis"),
    (lambda: S.stack([x23], axis=3), AxisError, "stack.*axis"),
    (lambda: S.split(x23, 2, axis=2), AxisError, "split.*axis"),
    (lambda: S.roll(x23, 1, axis=2), AxisError, "roll.*axis"),
    (lambda: S.repeat(x23, 2, axis=-3), AxisError, "repeat.*axis"),
    (lambda: S.unstack(x23, axis=2), AxisError, "unstack.*axis"),
    (lambda: S.size(x23, 2), AxisError, "size.*axis"),
    (lambda: S.reshape(x23, (4,)), ValueError, "reshape.*size 6 into shape"),
    (lambda: S.reshape(x23, (-1, -1)), ValueError, "reshape.*one unknown"),
    (lambda: S.reshape(x23, (2.0, 3)), TypeError, "reshape.*shape.*integer"),
    (lambda: S.reshape(x23, 6, order="K"), ValueError, "reshape.*order"),
    (lambda: S.broadcast_to(x23, (3, 3)), ValueError, "broadcast_to.*shape"),
    (lambda: S.broadcast_to(x23, (3,)), ValueError, "broadcast_to.*dimensions"),
    (lambda: S.broadcast_to(x23, (2, -3)), ValueError, "broadcast_to.*negative"),
    (lambda: S.broadcast_to(x23, "ab"), TypeError, "broadcast_to.*shape"),
    (lambda: S.broadcast_arrays(np.ones(3), np.ones(4)), ValueError, "broadcast_arrays"),
    (lambda: S.broadcast_shapes((3,), (4,)), ValueError, "broadcast_shapes"),
    (lambda: S.concatenate([x23, np.ones((2, 4))]), ValueError, "concatenate.*must match"),
    (lambda: S.concatenate([x23, np.ones(3)]), ValueError, "concatenate.*number of dim"),
    (lambda: S.concatenate([np.ones(()), np.ones(())]), ValueError, "zero-dimensional"),
    (lambda: S.concatenate([]), ValueError, "at least one array"),
    (lambda: S.concatenate(5), TypeError, "concatenate.*arrays"),
    (lambda: S.concatenate([x23], out=x23), NotImplementedError, "out"),
    (lambda: S.stack([x23, np.ones(3)]), ValueError, "stack.*same shape"),
    (lambda: S.stack([]), ValueError, "stack.*at least one"),
    (lambda: S.split(np.ones(5), 2), ValueError, "split.*equal division"),
    (lambda: S.array_split(np.ones(5), 0), ValueError, "array_split.*larger than 0"),
    (lambda: S.split(np.ones(5), 1.5), TypeError, "split.*indices_or_sections"),
    (lambda: S.hsplit(np.ones(()), 1), ValueError, "hsplit.*1 or more"),
    (lambda: S.vsplit(np.ones(4), 2), ValueError, "vsplit.*2 or more"),
    (lambda: S.dsplit(x23, 2), ValueError, "dsplit.*3 or more"),
    (lambda: S.fliplr(np.ones(3)), ValueError, "fliplr.*2-d"),
    (lambda: S.flipud(np.ones(())), ValueError, "flipud.*1-d"),
    (lambda: S.matrix_transpose(np.ones(3)), ValueError, "matrix_transpose"),
    (lambda: S.unstack(np.ones(())), ValueError, "unstack.*1-d"),
    (lambda: S.roll(x23, 1.5), TypeError, "roll.*shift"),
    (lambda: S.roll(x23, (1, 2, 3), axis=(0, 1)), ValueError, "roll.*broadcast"),
    (lambda: S.tile(x23, -1), ValueError, "tile.*negative"),
    (lambda: S.tile(x23, 1.5), TypeError, "tile.*reps"),
    (lambda: S.repeat(x23, -1), ValueError, "repeat.*negative"),
    (lambda: S.repeat(x23, [1, 2], axis=1), ValueError, "repeat.*broadcast"),
    (lambda: S.repeat(x23, 1.5), TypeError, "repeat.*integers"),
    (lambda: S.repeat(x23, 2, axis=1.0), TypeError, "repeat.*axis"),
    (lambda: S.ravel(x23, order="X"), ValueError, "ravel.*order"),
    (lambda: S.reshape("abc", 3), TypeError, "reshape.*path a"),
    (lambda: S.ndim(object()), TypeError, "ndim"),
]


@pytest.mark.parametrize("thunk,exc,match", BAD, ids=[f"bad{i}" for i in range(len(BAD))])
def test_bad_input(thunk, exc, match):
    with pytest.raises(exc, match=match):
        thunk()


def test_traced_static_arguments_raise_type_error():
    with pytest.raises(TypeError, match="reshape.*static"):
        jax.jit(lambda n: S.reshape(np.ones(6), (n, -1)))(2)
    with pytest.raises(TypeError, match="tile.*static"):
        jax.jit(lambda r: S.tile(np.ones(2), r))(np.array([2]))

