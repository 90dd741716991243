"""Drop-in fidelity (issue 12): jax.numpy idioms that must behave the same on
jaxwrap.numpy, each compared with jax.numpy itself."""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np
import pytest

import jaxwrap.numpy as wnp

_SCALAR_TYPES = ["bool_", "int8", "uint32", "float16", "bfloat16", "float32", "float64",
                 "complex64"]


@pytest.mark.parametrize("a", _SCALAR_TYPES)
@pytest.mark.parametrize("b", _SCALAR_TYPES)
def test_scalar_type_comparisons_match_jax(a, b):
    wa, wb, ja, jb = getattr(wnp, a), getattr(wnp, b), getattr(jnp, a), getattr(jnp, b)
    assert (wa == wb) == (ja == jb) and (wa != wb) == (ja != jb)
    # against numpy's types and dtypes, both ways
    nb = np.dtype(jb).type
    assert (wa != nb) == (ja != nb) and (wa == nb) == (ja == nb)


@pytest.mark.parametrize("name", _SCALAR_TYPES)
def test_scalar_type_names_match_jax(name):
    assert getattr(wnp, name).__name__ == getattr(jnp, name).__name__


_X = np.arange(24.0, dtype=np.float32).reshape(2, 3, 4)


@pytest.mark.parametrize("name", ["sum", "mean", "max", "min", "std", "var", "any", "all",
                                  "ptp", "average", "prod"])   # jax.numpy.median refuses lists
@pytest.mark.parametrize("axis", [[0, 1], [-1], (0, 2)], ids=["list01", "list-1", "tuple02"])
def test_list_axes_like_jax(name, axis):
    got, want = getattr(wnp, name)(_X, axis=axis), getattr(jnp, name)(_X, axis=axis)
    assert got.dtype == want.dtype and got.shape == want.shape
    np.testing.assert_allclose(got, want, rtol=1e-6)


def test_concrete_array_statics_like_jax():
    for got, want in [
        (wnp.sum(_X, axis=jnp.array(1)), jnp.sum(_X, axis=jnp.array(1))),
        (wnp.fft.fft(_X, n=jnp.array(8)), jnp.fft.fft(_X, n=jnp.array(8))),
        (wnp.histogram(_X, bins=jnp.array(3))[1], jnp.histogram(_X, bins=jnp.array(3))[1]),
    ]:
        assert got.shape == want.shape
        np.testing.assert_allclose(got, want, rtol=1e-6)


def test_traced_static_argument_names_function_and_argument():
    import jax
    with pytest.raises(TypeError, match=r"sum\(\).*'axis'"):
        jax.jit(lambda a: wnp.sum(_X, axis=a))(0)
    with pytest.raises(TypeError, match=r"histogram\(\).*'bins'"):
        jax.jit(lambda b: wnp.histogram(_X, bins=b))(3)
