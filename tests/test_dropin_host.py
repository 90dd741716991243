"""Drop-in fidelity (issue 12): jax.numpy's host-side names (file I/O, printing),
compared with jax.numpy 0.10.2 itself.  jaxwrap/_src/numpy/host_io.py; the facade
jaxwrap.numpy exports them once the manifest lists them as implemented."""

from __future__ import annotations

import io

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from jaxwrap._src.numpy import host_io as H


def _roundtrip(save, load, arr):
    buf = io.BytesIO()
    save(buf, arr)
    buf.seek(0)
    return load(buf)


def test_save_load_like_jax():
    x = jnp.arange(6.0, dtype=jnp.float32).reshape(2, 3)
    got, want = _roundtrip(H.save, H.load, x), _roundtrip(jnp.save, jnp.load, x)
    assert isinstance(got, jax.Array) and type(got) is type(want)
    assert got.dtype == want.dtype and got.shape == want.shape
    np.testing.assert_array_equal(got, want)
    # files written by either side read back the same
    np.testing.assert_array_equal(_roundtrip(jnp.save, H.load, x), _roundtrip(H.save, jnp.load, x))


def test_load_narrows_64_bit_like_jax():
    buf = io.BytesIO()
    np.save(buf, np.arange(3, dtype=np.int64))
    for load in (H.load, jnp.load):
        buf.seek(0)
        assert load(buf).dtype == jnp.load(io.BytesIO(buf.getvalue())).dtype


def test_savez_like_jax():
    a, b = jnp.arange(3), jnp.ones((2, 2), jnp.float32)
    outs = []
    for savez in (H.savez, jnp.savez):
        buf = io.BytesIO()
        savez(buf, a, named=b)
        buf.seek(0)
        outs.append(np.load(buf))
    assert sorted(outs[0].files) == sorted(outs[1].files) == ["arr_0", "named"]
    for k in outs[0].files:
        assert outs[0][k].dtype == outs[1][k].dtype
        np.testing.assert_array_equal(outs[0][k], outs[1][k])


def test_printoptions_like_jax():
    x = jnp.array([1 / 3, 2 / 3], jnp.float32)
    with H.printoptions(precision=2):
        ours = repr(x)
    with jnp.printoptions(precision=2):
        theirs = repr(x)
    assert ours == theirs and "0.33" in ours
    old = H.get_printoptions()
    assert old == jnp.get_printoptions()
    try:
        H.set_printoptions(precision=3)
        assert jnp.get_printoptions()["precision"] == 3
    finally:
        H.set_printoptions(**old)
    assert H.get_printoptions() == old


@pytest.mark.parametrize("kw", [{}, {"precision": 2}, {"max_line_width": 10}])
def test_array_str_repr_like_jax(kw):
    x = jnp.linspace(0.0, 1.0, 7)
    assert H.array_str(x, **kw) == jnp.array_str(x, **kw)
    assert H.array_repr(x, **kw) == jnp.array_repr(x, **kw)


@pytest.mark.parametrize("name", ["fromfile", "fromiter"])
def test_impure_readers_raise_like_jax(name):
    with pytest.raises(NotImplementedError):
        getattr(jnp, name)(iter([1, 2]), float)
    with pytest.raises(NotImplementedError, match=name):
        getattr(H, name)(iter([1, 2]), float)
