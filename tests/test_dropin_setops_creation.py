"""Drop-in fidelity (issue 12), set operations and array construction: each check
compares jaxwrap.numpy with jax.numpy 0.10.2 itself (and numpy where it defines the
answer), values and dtypes."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
import pytest

import jaxwrap.numpy as wnp


def _same(got, want):
    """Equal values, shapes and dtypes (no casting of either side)."""
    got, want = jax.tree_util.tree_leaves(got), jax.tree_util.tree_leaves(want)
    assert len(got) == len(want)
    for g, w in zip(got, want):
        assert g.dtype == w.dtype and g.shape == w.shape, (g, w)
        np.testing.assert_array_equal(np.asarray(g), np.asarray(w))


# --- set operations ------------------------------------------------------------------------
_A8 = np.array([5, 1, 3, 3, 7], np.int8)
_BF = np.array([3.0, 9.0, 5.0], np.float32)


def test_setdiff1d_keeps_ar1_dtype():
    kw = {"size": 4, "fill_value": 7}
    got, want = wnp.setdiff1d(_A8, _BF, **kw), jnp.setdiff1d(_A8, _BF, **kw)
    _same(got, want)
    assert got.dtype == np.setdiff1d(_A8, _BF).dtype      # numpy: ar1's dtype too


def test_intersect1d_pads_indices_like_jax():
    a, b = np.array([5, 1, 3, 3], np.int32), np.array([3, 9, 5], np.int32)
    kw = {"size": 4, "fill_value": 0}
    _same(wnp.intersect1d(a, b, return_indices=True, **kw),
          jnp.intersect1d(a, b, return_indices=True, **kw))


def test_intersect1d_empty_pads_with_sizes():
    # jax fails on an empty ar1 here (a gather error); the padding rule is the same
    _, i1, i2 = wnp.intersect1d(np.zeros(0, np.int32), np.array([3, 9, 5], np.int32),
                                return_indices=True, size=2)
    np.testing.assert_array_equal(i1, [0, 0])
    np.testing.assert_array_equal(i2, [3, 3])


_U = np.array([[1, 2], [3, 4], [1, 2]], np.int32)


@pytest.mark.parametrize("axis,fill", [(0, [9, 8]), (1, [9, 8, 7]), (1, [[6], [5], [4]])],
                         ids=["ax0-row", "ax1-col", "ax1-2d"])
def test_unique_axis_array_fill_value_like_jax(axis, fill):
    kw = dict(axis=axis, size=4, fill_value=jnp.array(fill, jnp.int32), return_counts=True,
              return_index=True)
    f = lambda m: jax.jit(lambda x: m.unique(x, **kw))  # noqa: E731
    if np.ndim(fill) == 2:   # (3, 1) does not broadcast to one slice of shape (3,) in jax
        with pytest.raises(ValueError):
            f(jnp)(_U)
        with pytest.raises(ValueError):
            f(wnp)(_U)
        return
    _same(f(wnp)(_U), f(jnp)(_U))


# --- construction and small conversions -----------------------------------------------------
def test_astype_none_is_default_float():
    x = np.arange(3, dtype=np.int32)
    _same(wnp.astype(x, None), jnp.astype(x, None))
    with jax.enable_x64(True):
        _same(wnp.astype(x, None), jnp.astype(x, None))


def test_ravel_multi_index_dtype_keyword():
    idx = (np.array([1, 2], np.int32), np.array([2, 0], np.int32))
    for dt in (np.int16, np.uint8, None):
        _same(wnp.ravel_multi_index(idx, (3, 4), dtype=dt),
              jnp.ravel_multi_index(idx, (3, 4), dtype=dt))
    with pytest.raises(TypeError, match="ravel_multi_index"):
        wnp.ravel_multi_index(idx, (3, 4), dtype=np.float32)
    with pytest.raises(ValueError, match="ravel_multi_index"):
        wnp.ravel_multi_index(idx, (300, 400), dtype=np.int8)


@pytest.mark.parametrize("dtype", [float, np.float16, complex, np.int8], ids=str)
def test_indices_numeric_dtypes_like_jax(dtype):
    for sparse in (False, True):
        _same(wnp.indices((2, 3), dtype=dtype, sparse=sparse),
              jnp.indices((2, 3), dtype=dtype, sparse=sparse))


def test_iscomplexobj_none():
    assert wnp.iscomplexobj(None) is False and jnp.iscomplexobj(None) is False


@pytest.mark.parametrize("fn", ["array", "asarray"])
def test_none_element_raises_valueerror_like_jax(fn):
    for bad in ([0.0, None], [[1], [None]]):
        with pytest.raises(ValueError):
            getattr(jnp, fn)(bad)
        with pytest.raises(ValueError, match="array"):
            getattr(wnp, fn)(bad)


@pytest.mark.parametrize("fn", ["array", "asarray"])
def test_bytearray_is_uint8(fn):
    for buf in (bytearray(b"abc"), bytearray(b""), memoryview(b"xy")):
        _same(getattr(wnp, fn)(buf), getattr(jnp, fn)(buf))
        assert getattr(wnp, fn)(buf).dtype == np.asarray(buf).dtype


def test_spacing_signs_of_subnormals():
    # float32: numpy defines the answer everywhere; jax agrees on the negative
    # subnormals (it differs at -0. and at -3 * smallest_normal, where numpy is right)
    fi = np.finfo(np.float32)
    tiny, norm = fi.smallest_subnormal, fi.smallest_normal
    x = np.array([0.0, -0.0, tiny, -tiny, 3 * tiny, -3 * tiny, -1e-40, 1e-40, norm, -norm,
                  -3 * norm, -1.0, 1e-3, fi.max, -fi.max, np.inf, np.nan], np.float32)
    got = wnp.spacing(x)
    with np.errstate(over="ignore"):   # spacing(max) is inf, as numpy says
        want = np.spacing(x)
    assert got.dtype == want.dtype
    np.testing.assert_array_equal(np.asarray(got), want)
    neg_sub = x[3:7:2]
    _same(wnp.spacing(neg_sub), jnp.spacing(neg_sub))
    with jax.enable_x64(True):
        y = np.array([5e-324, -5e-324, -1e-310, -2.3e-308, -1e-300, -0.0, -1.0, 1e300])
        got = wnp.spacing(y)
        assert got.dtype == np.float64
        np.testing.assert_array_equal(np.asarray(got), np.spacing(y))
