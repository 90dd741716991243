"""Array-creation functions of jaxwrap.numpy against numpy (reference) and
jax.numpy (peer: values and dtypes), eagerly, under jit and vmap, with
gradients where differentiable (with respect to array arguments such as
linspace's end points).  One table row per (function, arguments); weak-type,
tracing and bad-input tests at the end."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from jaxwrap._src.numpy import creation as C
from tests.harness import NUM_CASES, check, stable_seed

F, I, B, Z = np.float32, np.int32, np.bool_, np.complex64
ALL = (F, I, B, Z)
DT = object()  # in a row's kwargs: replaced by the case's dtype


class A(NamedTuple):
    """An array argument: the case's dtype unless ``dtype`` is given."""
    shape: tuple
    dtype: object = None
    domain: str = "real"


class Row(NamedTuple):
    id: str
    fn: Callable
    ref: Callable | None
    peer: Callable | None
    args: tuple = ()
    kwargs: dict | None = None
    grad: int = 0
    dtypes: tuple = ALL
    tol: float | None = None


def _draw(a: A, dt, rng):
    dt = np.dtype(a.dtype or dt)
    lo, hi = (0.5, 3.0) if a.domain == "pos" else (-3.0, 3.0)
    if dt == np.bool_:
        return rng.integers(0, 2, a.shape).astype(bool)
    if dt.kind in "iu":
        return rng.integers(int(lo), int(hi) + 5, a.shape).astype(dt)
    x = rng.uniform(lo, hi, a.shape)
    if dt.kind == "c":
        x = x + 1j * rng.uniform(lo, hi, a.shape)
    return np.asarray(x).astype(dt)


def _case(row: Row, dt, seed):
    rng = np.random.default_rng(seed)
    args = tuple(_draw(a, dt, rng) if isinstance(a, A) else a for a in row.args)
    kwargs = {k: (dt if v is DT else v) for k, v in (row.kwargs or {}).items()}
    return args, kwargs


def _cases(rows):
    """One dtype per row (float32 with the gradient check, else rotating); a deep run
    (JAXWRAP_NUM_CASES >= 8) takes every dtype of every row."""
    for i, row in enumerate(rows):
        dts = row.dtypes
        if NUM_CASES >= 8:
            chosen = list(dts)
        else:
            chosen = [dts[0] if row.grad else dts[i % len(dts)]]
        for k, dt in enumerate(chosen):
            yield pytest.param(row, dt, row.grad if k == 0 else 0,
                               id=f"{row.id}-{np.dtype(dt).name}")


def _bind(f, *a, **kw):
    """``f`` with static leading arguments (kept out of jit/vmap tracing by the harness)."""
    def g(*args, **kwargs):
        return f(*a, *args, **kw, **kwargs)
    g.__name__ = getattr(f, "__name__", "f")
    return g


ROWS = [
    # conversion
    Row("array", C.array, np.array, jnp.array, (A((2, 3)),)),
    Row("array-0d", C.array, np.array, jnp.array, (A(()),)),
    Row("array-dtype", C.array, np.array, jnp.array, (A((2, 3), F),), {"dtype": DT}),
    Row("array-ndmin", C.array, np.array, jnp.array, (A((3,)),), {"ndmin": 3}, 1),
    Row("asarray", C.asarray, np.asarray, jnp.asarray, (A((0, 2)),), {}),
    Row("asarray-dtype", C.asarray, np.asarray, jnp.asarray, (A((4,), I),), {"dtype": DT}),
    Row("copy", C.copy, np.copy, jnp.copy, (A((2, 3)),), {}, 1),
    # filled arrays
    Row("zeros", C.zeros, np.zeros, jnp.zeros, (), {"shape": (2, 3), "dtype": DT}),
    Row("zeros-0d", C.zeros, np.zeros, jnp.zeros, (), {"shape": (), "dtype": DT}),
    Row("ones", C.ones, np.ones, jnp.ones, (), {"shape": [0, 2], "dtype": DT}),
    Row("ones-int", C.ones, np.ones, jnp.ones, (), {"shape": 3, "dtype": DT}),
    Row("empty", C.empty, None, jnp.empty, (), {"shape": (2, 2), "dtype": DT}),
    Row("full-scalar", C.full, np.full, jnp.full, (), {"shape": (2, 3), "fill_value": 1,
                                                        "dtype": DT}),
    Row("full-array", _bind(C.full, (2, 3)), _bind(np.full, (2, 3)), _bind(jnp.full, (2, 3)),
        (A((3,)),), {}, 1),
    Row("full-0d-array", _bind(C.full, (2,)), _bind(np.full, (2,)), _bind(jnp.full, (2,)),
        (A(()),), {}),
    Row("zeros_like", C.zeros_like, np.zeros_like, jnp.zeros_like, (A((2, 3)),), {}),
    Row("zeros_like-shape", C.zeros_like, np.zeros_like, jnp.zeros_like, (A(()),),
        {"shape": (2, 1), "dtype": DT}),
    Row("ones_like", C.ones_like, np.ones_like, jnp.ones_like, (A((0, 3)),), {}),
    Row("ones_like-dtype", C.ones_like, np.ones_like, jnp.ones_like, (A((2,), F),),
        {"dtype": DT}),
    Row("empty_like", C.empty_like, None, jnp.empty_like, (A((2, 2)),), {}),
    Row("full_like", C.full_like, np.full_like, jnp.full_like, (A((2, 3)), A((3,))), {}, 1),
    Row("full_like-scalar", C.full_like, np.full_like, jnp.full_like, (A((2,)),),
        {"fill_value": 1}),
    # ranges (static bounds)
    Row("arange-stop", _bind(C.arange, 5), _bind(np.arange, 5), _bind(jnp.arange, 5), dtypes=(I,)),
    Row("arange-float-stop", _bind(C.arange, 4.5), _bind(np.arange, 4.5),
        _bind(jnp.arange, 4.5), dtypes=(F,)),
    Row("arange-step", _bind(C.arange, 1, 2, 0.25), _bind(np.arange, 1, 2, 0.25),
        _bind(jnp.arange, 1, 2, 0.25), dtypes=(F,)),
    Row("arange-negative-step", _bind(C.arange, 10, 0, -3), _bind(np.arange, 10, 0, -3),
        _bind(jnp.arange, 10, 0, -3), dtypes=(I,)),
    Row("arange-empty", _bind(C.arange, 3, 1), _bind(np.arange, 3, 1), _bind(jnp.arange, 3, 1),
        dtypes=(I,)),
    Row("arange-dtype", _bind(C.arange, 0, 6, 2), _bind(np.arange, 0, 6, 2),
        _bind(jnp.arange, 0, 6, 2), (), {"dtype": DT}, dtypes=(F, I, Z)),
    Row("arange-numpy-scalars", _bind(C.arange, np.int8(2), np.int8(9)),
        _bind(np.arange, np.int8(2), np.int8(9)), _bind(jnp.arange, np.int8(2), np.int8(9)),
        dtypes=(I,)),
    # linspace & co. (differentiable in the end points)
    Row("linspace", _bind(C.linspace, num=5), _bind(np.linspace, num=5),
        _bind(jnp.linspace, num=5), (A(()), A((2,))), {}, 1, (F, Z)),
    Row("linspace-axis", _bind(C.linspace, num=4), _bind(np.linspace, num=4),
        _bind(jnp.linspace, num=4), (A((2, 1)), A((3,))), {"axis": -1, "endpoint": False}, 1),
    Row("linspace-retstep", _bind(C.linspace, num=3), _bind(np.linspace, num=3),
        _bind(jnp.linspace, num=3), (A(()), A(())), {"retstep": True}, 1),
    Row("linspace-num1", _bind(C.linspace, num=1), _bind(np.linspace, num=1),
        _bind(jnp.linspace, num=1), (A(()), A((2,))), {}, dtypes=(F,)),
    Row("linspace-num0", _bind(C.linspace, num=0), _bind(np.linspace, num=0),
        _bind(jnp.linspace, num=0), (A(()), A(())), {}, dtypes=(F,)),
    Row("linspace-int", _bind(C.linspace, 0, 10, 4), _bind(np.linspace, 0, 10, 4),
        _bind(jnp.linspace, 0, 10, 4), (), {"dtype": DT}, dtypes=(I, F)),
    Row("logspace", _bind(C.logspace, num=4), _bind(np.logspace, num=4),
        _bind(jnp.logspace, num=4), (A(()), A((2,))), {}, 1, (F,), 1e-4),
    Row("logspace-base", _bind(C.logspace, num=3), _bind(np.logspace, num=3),
        _bind(jnp.logspace, num=3), (A(()), A(())), {"base": 2.0, "endpoint": False, "axis": 0}, 1,
        (F,), 1e-4),
    Row("geomspace", _bind(C.geomspace, num=4), _bind(np.geomspace, num=4), None,
        (A((), domain="pos"), A((2,), domain="pos")), {"axis": 1}, 1, (F, Z), 1e-4),
    # matrices
    Row("eye", C.eye, np.eye, jnp.eye, (), {"N": 3, "M": 4, "k": 1, "dtype": DT}),
    Row("eye-far", C.eye, np.eye, jnp.eye, (), {"N": 2, "k": -5, "dtype": DT}),
    Row("identity", C.identity, np.identity, jnp.identity, (), {"n": 3, "dtype": DT}),
    Row("tri", C.tri, np.tri, jnp.tri, (), {"N": 3, "M": 2, "k": -1, "dtype": DT}),
    Row("tril", C.tril, np.tril, jnp.tril, (A((2, 3, 4)),), {"k": 1}, 1),
    Row("tril-1d", C.tril, np.tril, None, (A((3,)),), {}),
    Row("triu", C.triu, np.triu, jnp.triu, (A((3, 3)),), {"k": -1}, 1),
    Row("triu-empty", C.triu, np.triu, jnp.triu, (A((0, 3)),), {}),
    Row("diag-1d", C.diag, np.diag, jnp.diag, (A((4,)),), {"k": 1}, 1),
    Row("diag-2d", C.diag, np.diag, jnp.diag, (A((3, 4)),), {"k": -1}, 1),
    Row("diag-2d-offdiag", C.diag, np.diag, jnp.diag, (A((2, 3)),), {"k": 5}),
    Row("diag-empty", C.diag, np.diag, jnp.diag, (A((0,)),), {"k": 2}),
    Row("diagflat", C.diagflat, np.diagflat, jnp.diagflat, (A((2, 2)),), {"k": -1}, 1),
    Row("meshgrid", C.meshgrid, np.meshgrid, jnp.meshgrid, (A((3,)), A((2,))), {}, 1),
    Row("meshgrid-ij-sparse", C.meshgrid, np.meshgrid, jnp.meshgrid,
        (A((3,)), A((2,)), A((4,))), {"indexing": "ij", "sparse": True}),
    Row("meshgrid-2d-input", C.meshgrid, np.meshgrid, None, (A((2, 2)), A((3,))), {}),
]


@pytest.mark.parametrize("row,dt,grad", list(_cases(ROWS)))
def test_creation_function(row: Row, dt, grad):
    args, kwargs = _case(row, dt, stable_seed(row.id))
    grad = grad if any(np.asarray(a).dtype.kind == "f" for a in args) else 0
    check(row.fn, row.ref, args, kwargs=kwargs, peer=row.peer, tol=row.tol, grad=grad)


# --- dtypes, weak types, copies ------------------------------------------------------------------
@pytest.mark.parametrize("make", [
    lambda m: m.array(3.0), lambda m: m.array(3), lambda m: m.asarray(True),
    lambda m: m.array([1.0, 2.0]), lambda m: m.asarray(np.float64(1.0)),
    lambda m: m.full((2,), 1.0), lambda m: m.full((2,), np.int8(1)),
    lambda m: m.zeros_like(3.0), lambda m: m.ones_like(jnp.asarray(2)),
    lambda m: m.full_like(jnp.asarray(2.0), 3), lambda m: m.full_like(np.ones(2), 3, dtype=int),
    lambda m: m.arange(3), lambda m: m.arange(3.0), lambda m: m.arange(np.float16(1), 4),
    lambda m: m.linspace(0, 1, 3), lambda m: m.linspace(np.int8(0), np.int16(4), 3),
    lambda m: m.eye(2), lambda m: m.tri(2), lambda m: m.zeros(2, float),
    lambda m: m.array(np.arange(3, dtype=np.int64)),
    lambda m: m.array([np.float16(1), 2.0]),
], ids=lambda f: "")
def test_dtype_and_weak_type_match_jax(make):
    out, expected = make(C), make(jnp)
    assert out.dtype == expected.dtype
    assert out.weak_type == expected.weak_type


def test_copy_semantics():
    x = jnp.arange(3.0)
    assert C.asarray(x) is x
    assert C.array(x) is not x and C.copy(x) is not x
    np.testing.assert_array_equal(C.copy(x), x)
    assert C.array(x, copy=False) is x


def test_other_inputs():
    assert C.array(range(4)).tolist() == [0, 1, 2, 3]
    assert C.array(memoryview(np.arange(3, dtype=np.int16))).dtype == np.int16

    class HasArray:
        def __array__(self, dtype=None, copy=None):
            return np.ones((2,), np.float32)
    assert C.asarray(HasArray()).shape == (2,)
    assert C.zeros(2, device=jax.devices()[0]).shape == (2,)


def test_traced_inputs():
    @jax.jit
    def f(a, k):
        return (C.array([a, a]), C.full((2,), a), C.full_like(np.ones(2), a),
                C.eye(3, k=k), C.linspace(a, 1.0, 3), C.arange(3) * 0)
    stacked, filled, filled_like, e, lin, _ = f(jnp.float32(2.0), 1)
    np.testing.assert_array_equal(stacked, [2.0, 2.0])
    np.testing.assert_array_equal(filled, [2.0, 2.0])
    np.testing.assert_array_equal(filled_like, [2.0, 2.0])
    np.testing.assert_array_equal(e, np.eye(3, k=1))
    np.testing.assert_allclose(lin, [2.0, 1.5, 1.0])


def test_geomspace_exact_endpoints_and_signs():
    got = np.asarray(C.geomspace(-2.0, -1000.0, 7))
    want = np.geomspace(-2.0, -1000.0, 7)
    assert got[0] == -2.0 and got[-1] == -1000.0
    np.testing.assert_allclose(got, want, rtol=1e-5)


def test_linspace_gradient_wrt_bounds():
    g = jax.grad(lambda a, b: C.linspace(a, b, 5).sum(), argnums=(0, 1))(1.0, 3.0)
    np.testing.assert_allclose(g, (2.5, 2.5), rtol=1e-6)


# --- bad input ---------------------------------------------------------------------------------
AxisError = np.exceptions.AxisError

BAD = [
    (lambda: C.zeros(2.5), TypeError, "zeros.*shape.*integer"),
    (lambda: C.zeros((2, "a")), TypeError, "zeros.*shape"),
    (lambda: C.zeros(-1), ValueError, "zeros.*negative"),
    (lambda: C.ones(2, dtype="foo"), TypeError, "ones.*dtype"),
    (lambda: C.ones(2, order="X"), ValueError, "ones.*order"),
    (lambda: C.empty(None), TypeError, "empty.*shape"),
    (lambda: C.full((2,), 300, dtype=np.int8), OverflowError, ""),
    (lambda: C.full((3,), np.ones(2)), ValueError, "full.*broadcast"),
    (lambda: C.full((3,), "a"), TypeError, "full"),
    (lambda: C.zeros_like(None), TypeError, "zeros_like"),
    (lambda: C.full_like(np.ones(3), np.ones(2)), ValueError, "full_like.*broadcast"),
    (lambda: C.ones_like(np.ones(3), shape=(-1,)), ValueError, "ones_like.*negative"),
    (lambda: C.arange(0, 5, 0), ZeroDivisionError, "arange.*step"),
    (lambda: C.arange(np.ones(2)), ValueError, "arange.*scalars"),
    (lambda: C.arange(1j), ValueError, "arange.*complex"),
    (lambda: C.arange("a"), TypeError, "arange.*stop"),
    (lambda: jax.jit(lambda n: C.arange(n))(3), TypeError, "arange.*stop.*concrete"),
    (lambda: C.linspace(0, 1, -1), ValueError, "linspace.*non-negative"),
    (lambda: C.linspace(0, 1, 2.5), TypeError, "linspace.*num"),
    (lambda: C.linspace(np.zeros(2), 1, 3, axis=2), AxisError, "linspace.*axis"),
    (lambda: C.linspace(np.zeros(2), np.zeros(3), 3), ValueError, "linspace.*broadcast"),
    (lambda: C.linspace("a", 1, 3), TypeError, "linspace"),
    (lambda: C.logspace(0, 1, 3, axis=-3), AxisError, "logspace.*axis"),
    (lambda: C.geomspace(0, 1, 3), ValueError, "geomspace.*zero"),
    (lambda: C.geomspace(1, 2, 3, axis=1), AxisError, "geomspace.*axis"),
    (lambda: C.eye(-1), ValueError, "eye.*negative"),
    (lambda: C.eye(2.5), TypeError, "eye.*N"),
    (lambda: C.eye(2, 3.0), TypeError, "eye.*M"),
    (lambda: C.eye(2, k=1.5), TypeError, "eye.*k"),
    (lambda: C.identity(-2), ValueError, "identity.*negative"),
    (lambda: C.tri(2, k=0.5), TypeError, "tri.*k"),
    (lambda: C.tril(np.ones(())), ValueError, "tril.*1-d"),
    (lambda: C.triu(np.ones((2, 2)), k=1.5), TypeError, "triu.*k"),
    (lambda: C.diag(np.ones((2, 2, 2))), ValueError, "diag.*1-d or 2-d"),
    (lambda: C.diag(np.ones(())), ValueError, "diag.*1-d or 2-d"),
    (lambda: C.meshgrid(np.ones(2), indexing="ab"), ValueError, "meshgrid.*indexing"),
    (lambda: C.array(None), TypeError, "array.*None"),
    (lambda: C.array(object()), TypeError, "array"),
    (lambda: C.array([[1], [1, 2]]), ValueError, "array.*inhomogeneous"),
    (lambda: C.array([1, 2], ndmin=1.5), TypeError, "array.*ndmin"),
    (lambda: C.array([1, 2], order="Q"), ValueError, "array.*order"),
    (lambda: C.asarray([1, 2], dtype="nope"), TypeError, "array.*dtype"),
]


@pytest.mark.parametrize("thunk,exc,match", BAD, ids=[f"bad{i}" for i in range(len(BAD))])
def test_bad_input(thunk, exc, match):
    with pytest.raises(exc, match=match or None):
        thunk()
