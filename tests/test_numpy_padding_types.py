"""pad (every supported mode) and the type tests / astype, against numpy and
jax.numpy."""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np
import pytest

import jaxwrap.numpy as jwnp
from tests.harness import check

X = np.arange(12, dtype=np.float32).reshape(3, 4) * 0.5 - 1.0
XI = np.arange(7, dtype=np.int32)

PAD_CASES = [
    ("constant", {}, 2), ("constant", {"constant_values": ((1, 2), (3, 4))}, ((1, 2), (0, 3))),
    ("constant", {"constant_values": 7}, (1, 2)), ("edge", {}, ((2, 1), (3, 0))),
    ("reflect", {}, ((1, 5), (0, 7))), ("symmetric", {}, ((4, 1), (2, 9))),
    ("wrap", {}, ((5, 1), (2, 6))), ("mean", {}, 2), ("maximum", {"stat_length": 2}, (1, 3)),
    ("minimum", {"stat_length": ((1, 2), (3, 1))}, 2), ("linear_ramp", {"end_values": (5, -1)}, 3),
]


@pytest.mark.parametrize("mode,kwargs,width", PAD_CASES, ids=lambda v: str(v))
def test_pad_float(mode, kwargs, width):
    check(lambda x: jwnp.pad(x, width, mode, **kwargs),
          lambda x: np.pad(x, width, mode, **kwargs), (X,),
          peer=lambda x: jnp.pad(x, width, mode, **kwargs), grad=1 if mode != "maximum" else 0)


@pytest.mark.parametrize("mode", ["constant", "edge", "reflect", "symmetric", "wrap", "mean",
                                  "linear_ramp", "minimum"])
def test_pad_int(mode):
    check(lambda x: jwnp.pad(x, 4, mode), lambda x: np.pad(x, 4, mode), (XI,),
          peer=lambda x: jnp.pad(x, 4, mode))


def test_pad_bad_input():
    with pytest.raises(ValueError, match="negative"):
        jwnp.pad(X, -1)
    with pytest.raises(ValueError, match="mode"):
        jwnp.pad(X, 1, mode="nonsense")
    with pytest.raises(ValueError, match="keyword"):
        jwnp.pad(X, 1, mode="edge", constant_values=3)
    with pytest.raises(ValueError, match="pad_width"):
        jwnp.pad(X, ((1, 2, 3),))
    with pytest.raises(ValueError, match="empty axis"):
        jwnp.pad(np.zeros((0, 2), np.float32), 1, mode="edge")


@pytest.mark.parametrize("name", ["isreal", "iscomplex"])
@pytest.mark.parametrize("x", [np.array([1 + 0j, 2j, 0j], np.complex64), X, XI])
def test_isreal_iscomplex(name, x):
    check(getattr(jwnp, name), getattr(np, name), (x,), peer=getattr(jnp, name))


@pytest.mark.parametrize("v", [1.0, 1j, np.float32(2), np.ones(2, np.complex64), X, [1, 2],
                               jnp.ones(()), np.ones(())])
def test_obj_predicates(v):
    assert jwnp.isrealobj(v) == jnp.isrealobj(v)
    assert jwnp.iscomplexobj(v) == jnp.iscomplexobj(v)
    assert jwnp.isscalar(v) == jnp.isscalar(v)
    assert jwnp.iterable(v) == np.iterable(v)


@pytest.mark.parametrize("dt", [np.int32, np.float32, np.bool_, np.complex64, np.uint8,
                                jwnp.bfloat16])
def test_astype(dt):
    x = np.array([-1.7, 0.0, 2.5, 300.0], np.float32)
    check(lambda v: jwnp.astype(v, dt), None, (x,), peer=lambda v: jnp.astype(v, dt),
          grad=0)


def test_extension_scalar_types():
    for name in ["float8_e4m3fn", "float8_e5m2", "int4", "uint4", "bfloat16"]:
        ours, theirs = getattr(jwnp, name), getattr(jnp, name)
        assert np.dtype(ours) == np.dtype(theirs)
        assert ours(1).dtype == theirs(1).dtype
    assert jwnp.float_ == np.float64 and jwnp.complex_ == np.complex128
