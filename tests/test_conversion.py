"""Array conversion (issue 15): asarray / array fast paths agree with jax.numpy.

Dtype, weak type, shape and values of the converted array are compared with
jax.numpy's for Python scalars, (nested) lists, numpy arrays and scalars of
every common dtype, with x64 off and on; jax arrays pass through unchanged;
errors keep their types and name the function.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
import pytest

import jaxwrap.numpy as jwnp

_NP_DTYPES = ("bool", "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64",
              "uint64", "float16", "float32", "float64", "complex64", "complex128")
_SCALARS = (True, 3, -7, 1.5, 2 + 1j)
_LISTS = ([1.0, 2.0, 3.0], [[1, 2, 3], [4, 5, 6]], [True, False], [1, 2.5], [[1, 1j]], [],
          [[], []], (1, 2), [(1, 2), (3, 4)], [True, 2])


def _same(out, ref):
    assert isinstance(out, jax.Array)
    assert out.dtype == ref.dtype, (out.dtype, ref.dtype)
    assert jax.typeof(out).weak_type == jax.typeof(ref).weak_type
    assert out.shape == ref.shape
    np.testing.assert_array_equal(np.asarray(out), np.asarray(ref))


def _inputs():
    vals = list(_SCALARS) + list(_LISTS)
    for dt in _NP_DTYPES:
        a = np.arange(6).reshape(2, 3).astype(dt)
        vals += [a, a[0, 1], np.asarray(a[1, 2])]   # array, numpy scalar, 0-d array
    vals += [np.float64(2.5), np.int64(4), np.bool_(True)]
    return vals


@pytest.mark.parametrize("x64", [False, True])
@pytest.mark.parametrize("fn", ["asarray", "array"])
def test_matches_jax(fn, x64):
    with jax.enable_x64(x64):
        for v in _inputs():
            _same(getattr(jwnp, fn)(v), getattr(jnp, fn)(v))


def test_jax_array_passthrough():
    x = jnp.arange(4.0)
    assert jwnp.asarray(x) is x
    assert jwnp.array(x, copy=False) is x
    y = jwnp.array(x)                       # copy=True: a new array
    assert y is not x
    _same(y, x)
    w = jnp.asarray(2.0)                    # weak arrays stay weak
    _same(jwnp.asarray(w), w)


def test_dtype_argument():
    with jax.enable_x64(True):
        for v, dt in ((1.5, "float32"), ([1, 2], "float64"), (np.arange(3), "int8"),
                      (3, "complex64"), ([True, False], "int32")):
            _same(jwnp.asarray(v, dtype=dt), jnp.asarray(v, dtype=dt))


def test_under_jit_and_trace():
    # Python scalars and host arrays become constants of the right type inside a trace.
    def f(x):
        return jwnp.add(x, jwnp.asarray(2.0)), jwnp.asarray([1.0, 2.0]), jwnp.asarray(3)

    out = jax.jit(f)(jnp.float32(1.0))
    ref = (jnp.float32(3.0), jnp.asarray([1.0, 2.0]), jnp.asarray(3))
    for o, r in zip(out, ref):
        _same(o, r)
    eqns = jax.make_jaxpr(lambda x: jwnp.asarray(2.0))(1.0).jaxpr.eqns
    assert not eqns                          # a literal: nothing to compute


@pytest.mark.parametrize("fn", ["asarray", "array"])
def test_errors(fn):
    f = getattr(jwnp, fn)
    with pytest.raises(ValueError, match="array"):
        f([0.0, None])                       # jax: ValueError
    with pytest.raises(ValueError, match="array"):
        f([[1, 2], [3]])                     # ragged
    with pytest.raises(OverflowError, match="array"):
        f(2 ** 40)
    with pytest.raises(OverflowError, match="array"):
        f([1, 2 ** 40])
    with pytest.raises(TypeError):
        f(np.array(["a"]))
    with pytest.raises(TypeError):
        f(object())


def test_ufunc_arguments_of_each_kind():
    # The conversion inside a public function: Python scalar, list, numpy array and
    # numpy scalar arguments give jax's dtypes and weak types.
    x = jnp.arange(3, dtype=jnp.float32)
    for other in (2, 2.5, np.float32(2), np.arange(3, dtype=np.int32),
                  np.arange(3.0)):
        _same(jwnp.add(x, other), jnp.add(x, other))
    _same(jwnp.add(x, [1.0, 2.0, 3.0]), jnp.add(x, jnp.asarray([1.0, 2.0, 3.0])))
    _same(jwnp.multiply(2, 3.5), jnp.multiply(2, 3.5))


def test_rank_promotion_config():
    x, y = jnp.ones(3), jnp.ones((2, 3))
    jwnp.add(x, y)                          # traced and cached under 'allow' first
    with jax.numpy_rank_promotion("raise"):
        with pytest.raises(ValueError, match="jax_numpy_rank_promotion"):
            jwnp.add(x, y)
        _same(jwnp.add(x, 1.0), jnp.add(x, 1.0))   # scalars broadcast freely
        _same(jwnp.add(x, x), jnp.add(x, x))
    with jax.numpy_rank_promotion("warn"):
        with pytest.warns(UserWarning, match="rank promotion for multiply"):
            jwnp.multiply(x, y)


def test_strict_dtype_promotion():
    with jax.numpy_dtype_promotion("strict"):
        with pytest.raises(jax.dtypes.TypePromotionError):
            jwnp.add(jnp.ones(3), jnp.arange(3))
        # Python scalars and internal promotions do not trip it
        for f in (lambda xp: xp.add(xp.ones(3), 2.0), lambda xp: xp.mean(xp.arange(4)),
                  lambda xp: xp.sin(xp.arange(3))):
            _same(f(jwnp), f(jnp))


def test_under_disable_jit():
    with jax.disable_jit():
        for v in (1.5, 3, True, [1, 2], np.arange(3.0), np.float32(2)):
            _same(jwnp.asarray(v), jnp.asarray(v))


def test_like_functions_on_typed_keys():
    keys = jax.random.split(jax.random.key(0), 3)
    for f in (lambda xp, k: xp.zeros_like(k), lambda xp, k: xp.ones_like(k),
              lambda xp, k: xp.full_like(k, 7), lambda xp, k: xp.empty_like(k, shape=(2,))):
        ours, ref = jax.jit(lambda k: f(jwnp, k))(keys), f(jnp, keys)
        assert ours.dtype == ref.dtype and ours.shape == ref.shape
        np.testing.assert_array_equal(jax.random.key_data(ours), jax.random.key_data(ref))


def test_tri_with_traced_k():
    f = jax.jit(lambda k: (jwnp.tri(3, 4, k=k), jwnp.eye(3, 4, k=k)))
    for k in (1, -2, 9):
        tri, eye = f(k)
        _same(tri, jnp.tri(3, 4, k=k))
        _same(eye, jnp.eye(3, 4, k=k))
    with pytest.raises(TypeError, match="tri"):
        jax.jit(lambda k: jwnp.tri(3, k=k))(1.5)
