"""The Array API standard surface of jaxwrap.numpy: the namespace metadata
(``__array_api_version__``, ``__array_namespace_info__``) against jax.numpy's,
every name of the 2024.12 standard (exported, or planned in the manifest),
and the standard's spellings (``concat``, ``permute_dims``, ``pow``,
``astype(copy=, device=)``, ...) against jax.numpy."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
import pytest

import jaxwrap.numpy as W
from jaxwrap import scope
from tests.harness import check

# The function names of the Array API standard, revision 2024.12, by chapter.
STANDARD = {
    "numpy": (
        # constants, creation, data types
        "e inf nan newaxis pi arange asarray empty empty_like eye from_dlpack full full_like "
        "linspace meshgrid ones ones_like tril triu zeros zeros_like astype can_cast finfo "
        "iinfo isdtype result_type bool int8 int16 int32 int64 uint8 uint16 uint32 uint64 "
        "float32 float64 complex64 complex128 "
        # element-wise
        "abs acos acosh add asin asinh atan atan2 atanh bitwise_and bitwise_left_shift "
        "bitwise_invert bitwise_or bitwise_right_shift bitwise_xor ceil clip conj copysign cos "
        "cosh divide equal exp expm1 floor floor_divide greater greater_equal hypot imag "
        "isfinite isinf isnan less less_equal log log1p log2 log10 logaddexp logical_and "
        "logical_not logical_or logical_xor maximum minimum multiply negative nextafter "
        "not_equal positive pow real reciprocal remainder round sign signbit sin sinh square "
        "sqrt subtract tan tanh trunc "
        # indexing, linear algebra, manipulation, searching, sets, sorting, statistics, utility
        "take take_along_axis matmul matrix_transpose tensordot vecdot broadcast_arrays "
        "broadcast_to concat expand_dims flip moveaxis permute_dims repeat reshape roll squeeze "
        "stack tile unstack argmax argmin count_nonzero nonzero searchsorted where unique_all "
        "unique_counts unique_inverse unique_values argsort sort cumulative_sum "
        "cumulative_prod max mean min prod std sum var all any diff "
        "__array_namespace_info__"
    ).split(),
    "numpy.linalg": (
        "cholesky cross det diagonal eigh eigvalsh inv matmul matrix_norm matrix_power "
        "matrix_rank matrix_transpose outer pinv qr slogdet solve svd svdvals tensordot trace "
        "vecdot vector_norm"
    ).split(),
    "numpy.fft": (
        "fft ifft fftn ifftn rfft irfft rfftn irfftn hfft ihfft fftfreq rfftfreq fftshift "
        "ifftshift"
    ).split(),
}


@pytest.mark.parametrize("module", sorted(STANDARD))
def test_standard_names_are_provided_or_planned(module):
    facade = {"numpy": W, "numpy.linalg": W.linalg, "numpy.fft": W.fft}[module]
    table = scope.load_manifest()["names"][module]
    missing = [n for n in STANDARD[module] if not hasattr(facade, n)
               and table.get(n, {}).get("status") != "planned"]
    assert not missing, f"Array API names neither in {facade.__name__} nor planned: {missing}"


def test_version():
    assert W.__array_api_version__ == jnp.__array_api_version__ == "2024.12"


@pytest.mark.parametrize("x64", [False, True])
def test_namespace_info_matches_jax(x64):
    with jax.enable_x64(x64):
        info, ref = W.__array_namespace_info__(), jnp.__array_namespace_info__()
        assert info.capabilities() == ref.capabilities()
        assert info.default_device() == ref.default_device()
        assert info.devices() == ref.devices()
        assert info.default_dtypes() == ref.default_dtypes()
        assert info.default_dtypes(device=jax.devices()[0]) == ref.default_dtypes()
        for kind in (None, "bool", "signed integer", "unsigned integer", "integral",
                     "real floating", "complex floating", "numeric",
                     ("bool", "real floating"), ("integral", "complex floating")):
            assert info.dtypes(kind=kind) == ref.dtypes(kind=kind), kind


def test_namespace_info_bad_input():
    info = W.__array_namespace_info__()
    with pytest.raises(ValueError, match="kind"):
        info.dtypes(kind="floating-ish")
    with pytest.raises(ValueError, match="device"):
        info.default_dtypes(device="tpu:7")


_X = np.linspace(-2, 2, 12, dtype=np.float32).reshape(3, 4)
_I = np.arange(-6, 6, dtype=np.int32).reshape(3, 4)


@pytest.mark.parametrize("name,args,kwargs", [
    ("concat", ([_X, _X],), {"axis": 1}),
    ("permute_dims", (_X,), {"axes": (1, 0)}),
    ("matrix_transpose", (_X,), {}),
    ("pow", (_X, np.float32(2)), {}),
    ("acos", (_X / 2,), {}),
    ("atan2", (_X, _X[::-1]), {}),
    ("bitwise_left_shift", (_I, np.int32(2)), {}),
    ("bitwise_right_shift", (_I, np.int32(1)), {}),
    ("bitwise_invert", (_I,), {}),
    ("cumulative_sum", (_X,), {"axis": 1, "include_initial": True}),
    ("cumulative_prod", (_X,), {"axis": 0}),
    ("unstack", (_X,), {"axis": 1}),
    ("astype", (_X, np.int16), {}),
    ("vecdot", (_X, _X), {}),
])
def test_array_api_spellings_match_jax(name, args, kwargs):
    # numpy arrays are the traced arguments (a list stands for [x, x] of its first
    # array); anything else is bound as static.
    traced = [a[0] if isinstance(a, list) else a for a in args
              if isinstance(a, (np.ndarray, list))]

    def bind(xp):
        def f(*arrays):
            it = iter(arrays)
            full = []
            for a in args:
                if isinstance(a, list):
                    v = next(it)
                    full.append([v, v])
                else:
                    full.append(next(it) if isinstance(a, np.ndarray) else a)
            return getattr(xp, name)(*full, **kwargs)
        f.__name__ = name
        return f
    check(bind(W), None, tuple(traced), peer=bind(jnp))


def test_copy_and_device_keywords():
    x = jnp.arange(3.0)
    dev = jax.devices()[0]
    assert W.asarray(x, copy=False) is x
    assert W.astype(x, x.dtype) is x
    assert W.astype(x, x.dtype, copy=True) is not x
    for f in (lambda: W.asarray(np.arange(3.0), device=dev), lambda: W.zeros(2, device=dev),
              lambda: W.astype(x, np.int32, device=dev), lambda: W.array(x, device=dev)):
        assert f().devices() == {dev}
    y = W.array(x, copy=True)
    assert y is not x
    np.testing.assert_array_equal(y, x)
    np.testing.assert_array_equal(W.copy(x), x)


def test_isdtype_matches_jax():
    for dt in (np.bool_, np.int8, np.uint32, np.float16, np.float32, np.complex64, jnp.bfloat16):
        for kind in ("bool", "signed integer", "unsigned integer", "integral", "real floating",
                     "complex floating", "numeric", (np.float16, "integral")):
            assert W.isdtype(np.dtype(dt), kind) == jnp.isdtype(np.dtype(dt), kind), (dt, kind)


def test_complex_warning_alias():
    assert W.ComplexWarning is np.exceptions.ComplexWarning is jnp.ComplexWarning
    with pytest.warns(W.ComplexWarning):
        W.asarray(np.array([1 + 2j]), dtype=np.float32)


def test_default_index_and_accumulation_dtypes_follow_the_standard():
    """searchsorted gives the default index dtype and cumulative_prod accumulates small
    integers in the default (unsigned) integer, with x64 on and off (jax.numpy 0.10.2
    keeps int32 and the input dtype; the Array API suite fails it on both)."""
    import jax

    import jaxwrap.numpy as wnp
    u8 = np.array([1, 2, 3], np.uint8)
    for x64, idx, uns, sig in ((False, np.int32, np.uint32, np.int32),
                               (True, np.int64, np.uint64, np.int64)):
        with jax.enable_x64(x64):
            assert wnp.searchsorted(u8, np.uint8(2)).dtype == idx
            assert wnp.cumulative_prod(u8).dtype == uns
            assert wnp.cumulative_prod(np.array([1, 2], np.int8)).dtype == sig
            assert wnp.cumulative_prod(u8, dtype=np.uint8).dtype == np.uint8
            np.testing.assert_array_equal(wnp.cumulative_prod(u8), [1, 2, 6])
