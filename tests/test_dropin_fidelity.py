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
