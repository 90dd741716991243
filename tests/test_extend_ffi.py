"""A primitive backed by a compiled C++ kernel through XLA's FFI.

The test builds examples/ffi/rms_norm.cc with the machine's C++ compiler
(jaxwrap_extend.ffi.build_library: $CXX, c++, g++ or clang++; CI needs one,
e.g. Debian's g++ / build-essential), registers it, and checks the primitive
made by ``jaxwrap_extend.ffi.ffi_primitive`` against a jaxwrap.numpy
implementation eagerly, under jit, vmap and grad (through its JVP rule).
"""

from __future__ import annotations

from pathlib import Path

import jax
import numpy as np
import pytest
from jax.test_util import check_grads

import jaxwrap.numpy as jwnp
from jaxwrap_extend import core, ffi
from jaxwrap_extend.interpreters import ad, mlir

KERNEL = Path(__file__).resolve().parent.parent / "examples" / "ffi" / "rms_norm.cc"
EPS = 1e-5


def rms_norm_ref(x, eps=EPS):
    """The same computation in jaxwrap.numpy."""
    ms = jwnp.mean(jwnp.square(x), axis=-1, keepdims=True)
    return jwnp.multiply(x, jwnp.reciprocal(jwnp.sqrt(jwnp.add(ms, eps))))


def _rms_norm_jvp(primals, tangents, *, eps):
    # y = x r with r = (mean(x^2) + eps)^(-1/2), so dy = r (t - y mean(y t)).
    (x,), (t,) = primals, tangents
    y = rms_norm_p.bind(x, eps=eps)
    t = ad.instantiate_zeros(t)
    r = jwnp.reciprocal(jwnp.sqrt(jwnp.add(jwnp.mean(jwnp.square(x), axis=-1, keepdims=True),
                                           eps)))
    yt = jwnp.mean(jwnp.multiply(y, t), axis=-1, keepdims=True)
    return y, jwnp.multiply(r, jwnp.subtract(t, jwnp.multiply(y, yt)))


@pytest.fixture(scope="module")
def kernel():
    # No skip: without a compiler this fails, saying what to install.
    lib = ffi.build_library(KERNEL)
    ffi.register_kernel("jaxwrap_test_rms_norm", lib, "RmsNorm")
    return lib


rms_norm_p = ffi.ffi_primitive("rms_norm_ffi_test", "jaxwrap_test_rms_norm",
                               attributes={"eps": np.float32}, jvp=_rms_norm_jvp)


def rms_norm(x, eps=EPS):
    return rms_norm_p.bind(x, eps=eps)


def _data(*shape, dtype=np.float32, seed=0):
    return np.random.RandomState(seed).randn(*shape).astype(dtype)


def test_build_is_cached(kernel):
    assert ffi.build_library(KERNEL) == kernel and kernel.exists()
    assert Path(ffi.include_dir(), "xla", "ffi", "api", "ffi.h").exists()
    assert ffi.find_compiler() is not None


@pytest.mark.parametrize("shape", [(7,), (3, 5), (2, 3, 4)])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_values_eager_and_jit(kernel, shape, dtype):
    with jax.enable_x64(dtype == np.float64):
        x = _data(*shape, dtype=dtype)
        want = np.asarray(rms_norm_ref(x))
        # eps travels as a float32 attribute: float64 results differ by ~1e-13.
        tol = 1e-6 if dtype == np.float32 else 1e-11
        for f in (rms_norm, jax.jit(rms_norm)):
            out = f(x)
            assert out.dtype == dtype and out.shape == shape
            np.testing.assert_allclose(out, want, rtol=tol, atol=tol)
    assert "custom_call" in mlir.stablehlo_text(rms_norm, _data(3, 5))
    assert "rms_norm_ffi_test" in str(core.make_jaxpr(rms_norm)(_data(3, 5)))


def test_vmap(kernel):
    x = _data(3, 4, 5)
    want = np.asarray(rms_norm_ref(x))
    # Batch axis first, in the middle, and as the normalised axis's neighbour.
    np.testing.assert_allclose(jax.vmap(rms_norm)(x), want, rtol=1e-6)
    np.testing.assert_allclose(jax.vmap(rms_norm, in_axes=1, out_axes=1)(x), want, rtol=1e-6)
    np.testing.assert_allclose(jax.vmap(jax.vmap(rms_norm))(x), want, rtol=1e-6)
    np.testing.assert_allclose(jax.jit(jax.vmap(rms_norm, in_axes=1, out_axes=1))(x), want,
                               rtol=1e-6)


def test_grad_through_jvp_rule(kernel):
    with jax.enable_x64(True):
        x = _data(3, 4, dtype=np.float64, seed=1)
        check_grads(rms_norm, (x,), order=1, modes=("fwd", "rev"))
        check_grads(jax.jit(rms_norm), (x,), order=1, modes=("rev",))
        check_grads(jax.vmap(rms_norm), (x,), order=1, modes=("fwd", "rev"))
        w = _data(4, dtype=np.float64, seed=2)
        loss = lambda f: (lambda a: jwnp.sum(jwnp.multiply(f(a), w)))
        np.testing.assert_allclose(jax.grad(loss(rms_norm))(x), jax.grad(loss(rms_norm_ref))(x),
                                   rtol=1e-10)


def test_other_rule_forms(kernel):
    # Per-operand JVP rules (ad.defjvp form) and sequential batching.
    def tangent(t, x, *, eps):
        return _rms_norm_jvp((x,), (t,), eps=eps)[1]

    seq_p = ffi.ffi_primitive("rms_norm_ffi_seq", "jaxwrap_test_rms_norm",
                              attributes={"eps": np.float32}, batching="sequential",
                              jvp=(tangent,))
    x = _data(3, 4, 5)
    f = lambda a: seq_p.bind(a, eps=EPS)
    np.testing.assert_allclose(jax.vmap(f, in_axes=1, out_axes=1)(x), rms_norm_ref(x),
                               rtol=1e-6)
    assert "scan" in core.primitives_used(core.make_jaxpr(jax.vmap(f))(x))
    with jax.enable_x64(True):
        check_grads(f, (_data(2, 3, dtype=np.float64),), order=1, modes=("fwd", "rev"))


def test_errors_name_the_problem(kernel):
    no_attr_p = ffi.ffi_primitive("rms_norm_ffi_noattr", "jaxwrap_test_rms_norm",
                                  attributes={"eps": np.float32})
    with pytest.raises(TypeError, match=r"needs attribute\(s\) \['eps'\]"):
        jax.jit(no_attr_p.bind)(_data(3))
    with pytest.raises(core.MissingRuleError, match=r"rms_norm_ffi_noattr.*ad\.defjvp"):
        jax.grad(lambda a: jwnp.sum(no_attr_p.bind(a, eps=EPS)))(_data(3))
    # Registered for cpu only: lowering for tpu names the missing rule.
    with pytest.raises(core.MissingRuleError, match=r"lowering rule for platform\(s\) tpu"):
        mlir.stablehlo_text(rms_norm, _data(3), platforms=("tpu",))
    with pytest.raises(ValueError, match="batching must be one of"):
        ffi.ffi_primitive("bad_batching", "x", batching="magic")
    with pytest.raises(RuntimeError, match="failed"):
        ffi.build_library(Path(__file__))  # Python is not C++: the compiler's error comes back
