"""Structural functions of jaxwrap.numpy (insert/delete/append, resize, rot90,
block, bit packing, apply_along_axis, vectorize, host constructors) and the
ufunc methods, against numpy (reference) and jax.numpy (peer), eagerly,
under jit and vmap, with gradients for the float rows; bad input at the end."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import jax
import jax.numpy as jnp
import numpy as np
import pytest

import jaxwrap.numpy as W
from jaxwrap._src.numpy.ufunc_object import frompyfunc
from tests.harness import NUM_CASES, check, stable_seed

F, I, B, U8 = np.float32, np.int32, np.bool_, np.uint8
AxisError = np.exceptions.AxisError


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
    dtypes: tuple = (F, I)


def _draw(shape, dt, rng):
    dt = np.dtype(dt)
    if dt == np.bool_:
        return rng.integers(0, 2, shape).astype(bool)
    if dt == np.uint8:
        return rng.integers(0, 256, shape).astype(dt)
    if dt.kind in "iu":
        return rng.integers(-4, 5, shape).astype(dt)
    return rng.uniform(-3, 3, shape).astype(dt)


def _args(spec, dt, seed):
    rng = np.random.default_rng(seed)
    return tuple(_draw(a.shape, dt, rng) if isinstance(a, A) else a for a in spec)


def _cases(rows):
    for i, row in enumerate(rows):
        dts = row.dtypes if NUM_CASES >= 8 else (row.dtypes[0],) if row.grad else \
            (row.dtypes[i % len(row.dtypes)],)
        for k, dt in enumerate(dts):
            yield pytest.param(row, dt, row.grad if k == 0 else 0,
                               id=f"{row.id}-{np.dtype(dt).name}")


def _block3(xp):
    def f(a, b, c):
        return xp.block([[a, b], [c]])
    f.__name__ = "block"
    return f


def _along(xp):
    def f(a):
        return xp.apply_along_axis(lambda v: xp.multiply(v, xp.sum(v)), 1, a)
    f.__name__ = "apply_along_axis"
    return f


def _along_2d(xp):
    def f(a):
        return xp.apply_along_axis(lambda v: xp.outer(v, v), 0, a)
    f.__name__ = "apply_along_axis"
    return f


def _over(xp):
    def f(a):
        return xp.apply_over_axes(xp.sum, a, [0, 2])
    f.__name__ = "apply_over_axes"
    return f


def _vec(xp):
    g = xp.vectorize(lambda a, b: xp.add(xp.multiply(a, b), 1))

    def f(a, b):
        return g(a, b)
    f.__name__ = "vectorize"
    return f


def _vec_sig(xp):
    g = xp.vectorize(lambda m, v: xp.matmul(m, v), signature="(m,n),(n)->(m)")

    def f(a, b):
        return g(a, b)
    f.__name__ = "vectorize"
    return f


def _vec_excluded(xp):
    g = xp.vectorize(lambda a, n, s: xp.multiply(xp.power(a, n), s), excluded={1})

    def f(a, s):
        return g(a, 2, s)
    f.__name__ = "vectorize"
    return f


def _method(xp, ufunc, method, **kw):
    def f(*args, **more):
        return getattr(getattr(xp, ufunc), method)(*args, **kw, **more)
    f.__name__ = f"{ufunc}.{method}"
    return f


def _m(ufunc, method, **kw):
    return _method(W, ufunc, method, **kw), _method(np, ufunc, method, **kw), \
        _method(jnp, ufunc, method, **kw)


ROWS = [
    Row("append", W.append, np.append, jnp.append, (A((2, 3)), A((4,))), {}, 1),
    Row("append-axis", W.append, np.append, jnp.append, (A((2, 3)), A((1, 3))), {"axis": 0}, 1),
    Row("insert-int", W.insert, np.insert, jnp.insert, (A((2, 3)), 1, A(())), {"axis": 1}, 1),
    Row("insert-seq", W.insert, np.insert, jnp.insert, (A((5,)),),
        {"obj": np.array([4, 1, 1, -1]), "values": 2.5},
        1),
    Row("insert-column", W.insert, np.insert, jnp.insert, (A((2, 3)),),
        {"obj": np.array([3]), "values": np.array([[1], [2]]), "axis": 1}),
    Row("insert-scalar-seq", W.insert, np.insert, jnp.insert, (A((2, 3)), 0, A((2,))),
        {"axis": 1}),
    Row("insert-flat", W.insert, np.insert, jnp.insert, (A((2, 2)), 4, A(())), {}),
    Row("delete-int", W.delete, np.delete, jnp.delete, (A((3, 4)),), {"obj": -1, "axis": 1}, 1),
    Row("delete-list", W.delete, np.delete, jnp.delete, (A((6,)),),
        {"obj": np.array([0, 2, 2, 5])}, 1),
    Row("delete-mask", W.delete, np.delete, jnp.delete,
        (A((3, 2)),), {"obj": np.array([True, False, True]), "axis": 0}),
    Row("delete-all", W.delete, np.delete, jnp.delete, (A((2, 3)),),
        {"obj": np.array([0, 1, 2]), "axis": 1}),
    Row("resize-grow", W.resize, np.resize, jnp.resize, (A((3,)),), {"new_shape": (2, 4)}, 1),
    Row("resize-shrink", W.resize, np.resize, jnp.resize, (A((2, 3)),), {"new_shape": 4}),
    Row("resize-empty", W.resize, np.resize, jnp.resize, (A((0,)),), {"new_shape": (2,)}),
    Row("rot90", W.rot90, np.rot90, jnp.rot90, (A((2, 3)),), {}, 1),
    Row("rot90-k2", W.rot90, np.rot90, jnp.rot90, (A((2, 3, 4)),), {"k": 2, "axes": (0, 2)}),
    Row("rot90-k3", W.rot90, np.rot90, jnp.rot90, (A((2, 3, 4)),), {"k": -1, "axes": (2, 1)}),
    Row("rollaxis", W.rollaxis, np.rollaxis, jnp.rollaxis, (A((2, 3, 4)),), {"axis": 2}, 1),
    Row("rollaxis-start", W.rollaxis, np.rollaxis, jnp.rollaxis, (A((2, 3, 4)),),
        {"axis": 0, "start": 3}),
    Row("block", _block3(W), _block3(np), _block3(jnp), (A((2, 2)), A((2, 1)), A((1, 3))), {},
        1),
    Row("packbits", W.packbits, np.packbits, jnp.packbits, (A((2, 11)),), {"axis": 1},
        0, (B, I)),
    Row("packbits-little", W.packbits, np.packbits, jnp.packbits, (A((13,)),),
        {"bitorder": "little"}, 0, (B,)),
    Row("unpackbits", W.unpackbits, np.unpackbits, jnp.unpackbits, (A((2, 3)),), {"axis": 0},
        0, (U8,)),
    Row("unpackbits-count", W.unpackbits, np.unpackbits, jnp.unpackbits, (A((4,)),),
        {"count": 13, "bitorder": "little"}, 0, (U8,)),
    Row("unpackbits-count-neg", W.unpackbits, np.unpackbits, jnp.unpackbits, (A((2, 2)),),
        {"axis": 1, "count": -3}, 0, (U8,)),
    Row("apply_along_axis", _along(W), _along(np), _along(jnp), (A((2, 3, 4)),), {}, 1),
    Row("apply_along_axis-2d", _along_2d(W), _along_2d(np), _along_2d(jnp), (A((3, 2)),), {}),
    Row("apply_over_axes", _over(W), _over(np), _over(jnp), (A((2, 3, 4)),), {}, 1),
    Row("vectorize", _vec(W), _vec(np), _vec(jnp), (A((2, 3)), A((3,))), {}, 1),
    Row("vectorize-signature", _vec_sig(W), _vec_sig(np), _vec_sig(jnp),
        (A((4, 2, 3)), A((3,))), {}, 1),
    Row("vectorize-excluded", _vec_excluded(W), None, _vec_excluded(jnp), (A((2, 3)), A(())),
        {}, 1),
    Row("add.reduce", *_m("add", "reduce", axis=1), (A((3, 4)),), {}, 1),
    Row("multiply.reduce", *_m("multiply", "reduce", axis=None, keepdims=True), (A((2, 3)),),
        {}, 1),
    Row("subtract.reduce", *_m("subtract", "reduce"), (A((4, 2)),), {}, 1),
    Row("logaddexp.reduce", *_m("logaddexp", "reduce", axis=(0, 1)), (A((2, 3)),), {}, 1,
        (F,)),
    Row("maximum.reduce", *_m("maximum", "reduce", initial=1), (A((5,)),), {}),
    Row("add.accumulate", *_m("add", "accumulate", axis=1), (A((2, 4)),), {}, 1),
    Row("maximum.accumulate", *_m("maximum", "accumulate"), (A((5, 2)),), {}, 1),
    Row("subtract.accumulate", *_m("subtract", "accumulate"), (A((4,)),), {}),
    Row("multiply.outer", *_m("multiply", "outer"), (A((2,)), A((3, 2))), {}, 1),
    Row("add.reduceat", *_m("add", "reduceat", axis=1), (A((2, 8)),),
        {"indices": np.array([0, 4, 1, 5, 7])}, 1),
    Row("add.at", _method(W, "add", "at", inplace=False), None,
        _method(jnp, "add", "at", inplace=False), (A((5,)), np.array([0, 3, 0, -1]), A((4,))),
        {}, 1),
    Row("negative.at", _method(W, "negative", "at", inplace=False), None,
        _method(jnp, "negative", "at", inplace=False), (A((3, 2)), (np.array([2, 0]),)), {}),
]


@pytest.mark.parametrize("row,dt,grad", list(_cases(ROWS)))
def test_structure_function(row: Row, dt, grad):
    args = _args(row.args, dt, stable_seed(row.id))
    check(row.fn, row.ref, args, kwargs=row.kwargs, peer=row.peer,
          grad=grad if np.dtype(dt).kind == "f" else 0)


# --- eager-only and host-side functions -----------------------------------------------------------
@pytest.mark.parametrize("filt,trim,axis", [
    (np.array([0, 0, 1, 2, 0, 3, 0], np.int32), "fb", None),
    (np.array([0.0, 2.0, 0.0], np.float32), "f", None),
    (np.array([0, 0, 0], np.int32), "b", None),
    (np.array([[0, 0, 0], [0, 1, 0], [0, 0, 2]], np.int32), "fb", None),
    (np.array([[0, 0, 0], [0, 1, 0], [0, 0, 2]], np.int32), "f", 1),
])
def test_trim_zeros(filt, trim, axis):
    got = W.trim_zeros(filt, trim, axis=axis)
    np.testing.assert_array_equal(got, np.trim_zeros(filt, trim, axis=axis))
    if axis is None and filt.ndim == 1:
        np.testing.assert_array_equal(got, jnp.trim_zeros(filt, trim))


def test_fromfunction():
    for dtype in (float, np.int32):
        got = W.fromfunction(lambda i, j: W.add(W.multiply(i, 10), j), (3, 4), dtype=dtype)
        want = jnp.fromfunction(lambda i, j: i * 10 + j, (3, 4), dtype=dtype)
        np.testing.assert_array_equal(got, want)
        assert got.dtype == want.dtype
    np.testing.assert_array_equal(W.fromfunction(lambda i: i, (4,)),
                                  np.fromfunction(lambda i: i, (4,)))


def test_frombuffer_fromstring_dlpack():
    buf = np.arange(6, dtype=np.int16).tobytes()
    for kw in ({"dtype": np.int16}, {"dtype": np.uint8, "count": 3, "offset": 2}):
        got = W.frombuffer(buf, **kw)
        np.testing.assert_array_equal(got, np.frombuffer(buf, **kw))
        assert got.dtype == jnp.frombuffer(buf, **kw).dtype
    for text, kw in (("1 2  3", {"dtype": np.int32, "sep": " "}),
                     ("1.5, 2, -3", {"sep": ","}), ("4;5;6", {"count": 2, "sep": ";"})):
        got = W.fromstring(text, **kw)
        np.testing.assert_array_equal(got, np.fromstring(text, **kw))
        assert got.dtype == jnp.fromstring(text, **kw).dtype
    x = np.arange(5.0)
    got = W.from_dlpack(x)
    np.testing.assert_array_equal(got, x)
    assert got.dtype == jnp.from_dlpack(x).dtype
    y = jnp.arange(3)
    np.testing.assert_array_equal(W.from_dlpack(y), y)


def test_common_type():
    f16, f32, c64, i8 = (np.ones(2, t) for t in (np.float16, np.float32, np.complex64, np.int8))
    assert W.common_type(f16) is np.float16
    assert W.common_type(f16, f32) is np.float32
    assert W.common_type(f32, c64) is np.complex64
    assert W.common_type(i8) is np.dtype(W.zeros(()).dtype).type   # the default float
    with jax.enable_x64(True):
        assert W.common_type(i8, f32) is np.common_type(i8, f32) is np.float64
        assert W.common_type(i8, c64) is np.complex128


def test_ufunc_attributes():
    for name in ("add", "multiply", "logical_and", "bitwise_or", "maximum", "logaddexp",
                 "negative", "subtract"):
        w, n = getattr(W, name), getattr(np, name)
        assert isinstance(w, W.ufunc)
        assert (w.nin, w.nout, w.__name__) == (n.nin, n.nout, n.__name__)
        j = getattr(jnp, name)
        assert (w.nargs, w.identity) == (j.nargs, j.identity), name   # jax: nargs == nin
    assert W.add.__doc__ and "add" in repr(W.add)


def test_frompyfunc_ufunc():
    f = frompyfunc(lambda x, y: W.add(W.multiply(x, y), 1), 2, 1, identity=None)
    ref = np.frompyfunc(lambda x, y: x * y + 1, 2, 1)
    x = np.arange(1, 6)
    np.testing.assert_array_equal(f(x, 2), ref(x, 2).astype(int))
    np.testing.assert_array_equal(f.reduce(x), ref.reduce(x))
    np.testing.assert_array_equal(f.accumulate(x), ref.accumulate(x).astype(int))
    np.testing.assert_array_equal(f.outer(x[:2], x[:3]), ref.outer(x[:2], x[:3]).astype(int))
    np.testing.assert_array_equal(jax.jit(f.reduce)(x), ref.reduce(x))
    g = W.ufunc(lambda x: W.multiply(x, 2), 1, 1, name="double")
    np.testing.assert_array_equal(g.at(x, [0, 0], inplace=False), [4, 2, 3, 4, 5])


# --- bad input ------------------------------------------------------------------------------------
_X = np.arange(6.0, dtype=np.float32).reshape(2, 3)


def _traced(f):
    return lambda: jax.jit(f)(np.array([1, 2], np.int32))


@pytest.mark.parametrize("call,exc,match", [
    (lambda: W.insert(_X, 5, 0.0, axis=1), IndexError, "out of bounds"),
    (lambda: W.insert(_X, [[1]], 0.0), ValueError, "1-d"),
    (lambda: W.insert(_X, 1.5, 0.0), IndexError, "integers"),
    (lambda: W.insert(_X, 1, np.ones((3, 3)), axis=1), ValueError, "broadcast"),
    (_traced(lambda i: W.insert(_X, i, 0.0)), TypeError, "static"),
    (lambda: W.delete(_X, 3, axis=1), IndexError, "out of bounds"),
    (lambda: W.delete(_X, [True, False], axis=1), ValueError, "boolean"),
    (lambda: W.delete(_X, 0, axis=2), AxisError, "axis"),
    (_traced(lambda i: W.delete(_X, i)), TypeError, "static"),
    (lambda: W.append(_X, np.ones(2), axis=0), ValueError, "dimensions"),
    (lambda: W.resize(_X, (-1, 2)), ValueError, "negative"),
    (lambda: W.rot90(np.ones(3)), ValueError, "2-d"),
    (lambda: W.rot90(_X, axes=(1, 1)), ValueError, "different"),
    (lambda: W.rot90(_X, axes=(0,)), ValueError, "len"),
    (lambda: W.rot90(_X, 1.5), TypeError, "k"),
    (lambda: W.rollaxis(_X, 0, 5), AxisError, "start"),
    (lambda: W.rollaxis(_X, 3), AxisError, "axis"),
    (lambda: W.block((_X, _X)), TypeError, "tuple"),
    (lambda: W.block([[_X], _X]), ValueError, "depths"),
    (lambda: W.block([]), ValueError, "empty"),
    (lambda: W.packbits(_X), TypeError, "integer or boolean"),
    (lambda: W.packbits(np.ones(3, int), bitorder="middle"), ValueError, "bitorder"),
    (lambda: W.unpackbits(np.ones(3, np.int32)), TypeError, "uint8"),
    (lambda: W.unpackbits(np.ones(3, np.uint8), count=1.5), TypeError, "count"),
    (lambda: W.trim_zeros(np.ones(3), trim="x"), ValueError, "trim"),
    (_traced(lambda v: W.trim_zeros(v)), TypeError, "jit"),
    (lambda: W.apply_along_axis(3, 0, _X), TypeError, "callable"),
    (lambda: W.apply_along_axis(W.sum, 2, _X), AxisError, "axis"),
    (lambda: W.apply_over_axes(lambda a, ax: W.sum(a), _X, [0]), ValueError, "shape"),
    (lambda: W.vectorize(W.add, signature="(n)->"), ValueError, "signature"),
    (lambda: W.vectorize(W.add, signature="(n),(n)->(n)")(np.ones(2), np.ones(3)),
     ValueError, "core dimension"),
    (lambda: W.vectorize(W.sum, signature="(n)->(n)")(np.ones(2)), ValueError, "dimension"),
    (lambda: W.vectorize(3), TypeError, "callable"),
    (lambda: W.common_type(np.ones(2, bool)), TypeError, "non-numeric"),
    (lambda: W.fromstring("1 2", sep=""), ValueError, "sep"),
    (lambda: W.fromstring("1 x", sep=" "), ValueError, "parse"),
    (lambda: W.from_dlpack([1, 2]), TypeError, "DLPack"),
    (lambda: W.negative.reduce(_X), ValueError, "binary"),
    (lambda: W.subtract.reduce(np.ones((0,))), ValueError, "identity"),
    (lambda: W.subtract.reduce(_X, axis=(0, 1)), ValueError, "reorderable"),
    (lambda: W.add.reduce(_X, out=_X), NotImplementedError, "out"),
    (lambda: W.add(_X, _X, out=_X), NotImplementedError, "out"),
    (lambda: W.add(_X), TypeError, "positional"),
    (lambda: W.add.at(_X, 0, 1.0), ValueError, "inplace"),
    (lambda: W.add.at(_X, slice(0, 1), 1.0, inplace=False), TypeError, "integer"),
    (lambda: W.add.reduceat(_X, [0, 7], axis=1), IndexError, "out-of-bounds"),
    (lambda: W.add.accumulate(np.float32(1)), ValueError, "0-d"),
])
def test_bad_input(call, exc, match):
    with pytest.raises(exc, match=match):
        call()


def test_delete_traced_unique_indices():
    # jax accepts a traced obj when assume_unique_indices=True (output length n - len(obj)).
    x = np.arange(12, dtype=np.float32).reshape(3, 4)
    obj = np.array([2, -1], np.int32)
    for axis in (None, 1):
        got = jax.jit(lambda x, i, ax=axis: W.delete(x, i, ax, assume_unique_indices=True))(
            x, obj)
        np.testing.assert_array_equal(np.asarray(got), np.delete(x, obj, axis))
        assert got.dtype == np.float32
    with pytest.raises(TypeError, match="delete.*static"):
        jax.jit(lambda x, i: W.delete(x, i))(x, obj)
