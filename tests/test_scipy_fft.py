"""jaxwrap.scipy.fft against scipy.fft (and jax.scipy.fft as a peer for dct / idct /
dctn / idctn): every name, float32/64 and complex64/128, odd, even and prime
lengths, n-d inputs with axes, every norm, type and orthogonalize; round trips;
gradients; jit / vmap; errors; next_fast_len / prev_fast_len over 1..5000.

Compiles dominate the run time, so each test traces ONE program per (function
family, dtype) holding all the cases, and compares its outputs one by one.
Float32 results are compared with scipy run in float64 on the same input (the
dtype is checked against scipy's float32 result separately).
"""

from __future__ import annotations

import doctest
import inspect

import jax
import jax.scipy.fft as jfft
import numpy as np
import pytest
import scipy.fft as sfft
from jax.test_util import check_grads

import jaxwrap.scipy.fft as wfft
from jaxwrap._src.scipy.fft import basic, helpers, realtransforms
from tests.harness import assert_pure, check, stable_seed

NORMS = (None, "backward", "ortho", "forward")
REAL_FAMILY = ("dct", "idct", "dst", "idst")
PLANNED = sorted(basic.__all__ + helpers.__all__ + realtransforms.__all__)

# float32: a length-16 transform accumulates ~log2(16) roundings of values ~|x|*N;
# 2e-5 relative to the largest output (tests below scale by it) covers that.
TOL = {np.dtype(np.float32): 2e-5, np.dtype(np.complex64): 2e-5,
       np.dtype(np.float64): 1e-12, np.dtype(np.complex128): 1e-12}


def _sample(rng, shape, dtype):
    x = rng.standard_normal(shape)
    if np.dtype(dtype).kind == "c":
        x = x + 1j * rng.standard_normal(shape)
    return x.astype(dtype)


def _compare(got, ref_lo, ref_hi, err):
    """``got`` has ``ref_lo``'s dtype (scipy in the input precision) and is close to
    ``ref_hi`` (scipy in float64 on the same input), relative to its largest value."""
    got = np.asarray(got)
    assert got.shape == ref_lo.shape, f"{err}: shape {got.shape} != {ref_lo.shape}"
    assert got.dtype == ref_lo.dtype, f"{err}: dtype {got.dtype} != {ref_lo.dtype}"
    scale = max(1.0, float(np.max(np.abs(ref_hi)))) if ref_hi.size else 1.0
    np.testing.assert_allclose(got / scale, ref_hi / scale, rtol=0, atol=TOL[got.dtype],
                               err_msg=err)


def _wide(x):
    return x.astype(np.complex128 if x.dtype.kind == "c" else np.float64)


# --- the fft family ------------------------------------------------------------------------------
# (name, kwargs) cases: sizes 6 (even), 7 (prime), 9 (odd) on the three axes of a (6, 7, 9) input
_FFT_1D = [{}, {"axis": 0}, {"n": 5, "axis": 1}, {"n": 11}]
_FFT_ND = [{}, {"axes": (0, 2)}, {"s": (4, 13), "axes": (2, 1)}, {"s": (5, 3, 8)}]


def _fft_cases():
    cases = []
    for i, name in enumerate(basic.__all__):
        nd = name.endswith(("2", "n"))
        kws = _FFT_ND if nd else _FFT_1D
        if name.endswith("2"):
            kws = [{}, {"axes": (0, 2)}, {"s": (4, 13), "axes": (2, 1)}, {"s": (5, 3)}]
        for j, kw in enumerate(kws):
            cases.append((name, {**kw, "norm": NORMS[(i + j) % 4]}))
    return cases


_FFT_CASES = _fft_cases()
PRECISIONS = {"single": (np.float32, np.complex64), "double": (np.float64, np.complex128)}


@pytest.mark.parametrize("precision", PRECISIONS)
def test_fft_family_vs_scipy(precision):
    """Every name, each on two of its cases, the complex-input names on complex and
    real input alternately: one program per precision."""
    rdt, cdt = PRECISIONS[precision]
    rng = np.random.default_rng(stable_seed("fft", precision))
    x, c = _sample(rng, (6, 7, 9), rdt), _sample(rng, (6, 7, 9), cdt)
    real_only = ("rfft", "ihfft")
    cases = [(n, kw, not n.startswith(real_only) and i % 4 == 0)
             for i, (n, kw) in enumerate(_FFT_CASES) if i % 2 == 0 or n.startswith("h")]
    with jax.enable_x64(precision == "double"):
        outs = jax.jit(lambda x, c: [getattr(wfft, n)(c if cplx else x, **kw)
                                     for n, kw, cplx in cases])(x, c)
    for (name, kw, cplx), got in zip(cases, outs):
        a = c if cplx else x
        ref_lo = getattr(sfft, name)(a, **kw)
        ref_hi = getattr(sfft, name)(_wide(a), **kw)
        # scipy keeps float32 single; so does jaxwrap (jax's rule)
        _compare(got, ref_lo, ref_hi, f"{name}{kw} {a.dtype}")


def test_fft_family_int_input_jit_vmap():
    x = np.arange(12, dtype=np.int32).reshape(3, 4)
    for name in ("fft", "rfft2", "hfftn", "ihfft"):
        got = getattr(wfft, name)(x)
        # integers promote to jax's default float, so the complex / real result is 32-bit
        assert got.dtype == (np.float32 if name.startswith("hfft") else np.complex64), name
        # scipy computes in float64; outputs reach 66 (sums of 0..11), and float32 rounding
        # of such sums is ~1e-5 absolute, hence atol=1e-4
        np.testing.assert_allclose(got, getattr(sfft, name)(x), rtol=1e-5, atol=1e-4)
    rng = np.random.default_rng(stable_seed("fft-vmap"))
    c = _sample(rng, (4, 5), np.complex64)
    check(lambda a: wfft.hfft2(a, s=(3, 6), norm="ortho"), None, [c], check_dtype=np.float32,
          purity=True)
    check(lambda a: wfft.ihfftn(a, axes=(0,), norm="forward"), None, [c.real.copy()],
          check_dtype=np.complex64)


# --- dct / dst / idct / idst: every type, norm and orthogonalize ---------------------------------
_LENGTHS = (1, 2, 3, 4, 7, 8, 13, 16)   # 1, even, odd, prime, powers of two
_ORTHS = (None, True, False)


def _r2r_ref(name, x, **kw):
    """scipy's transform; complex input as scipy documents it (real and imaginary parts
    transformed separately: scipy 1.17 drops ``orthogonalize`` for complex input)."""
    fn = getattr(sfft, name)
    if x.dtype.kind == "c":
        return fn(x.real, **kw) + 1j * fn(x.imag, **kw)
    return fn(x, **kw)


def _r2r_cases():
    """Every (function, type) with two norms, so that each type meets every norm (and
    each function every norm); orthogonalize, the length and real / complex input
    cycle through their values so that each meets every type."""
    cases, k = [], 0
    for f, name in enumerate(REAL_FAMILY):
        for t in (1, 2, 3, 4):
            for norm in (NORMS[(f + t) % 4], NORMS[(f + t + 2) % 4]):
                i = k % len(_LENGTHS)
                if t == 1 and _LENGTHS[i] == 1 and name.endswith("dct"):
                    i += 1           # type-1 DCT of one point is undefined
                cases.append((name, t, norm, _ORTHS[k % 3], i, k % 2 == 1))
                k += 1
    # the non-default orthogonalize for every type where it matters, on both families
    extra = [("dct", 1, "ortho"), ("idst", 1, None), ("dst", 2, "ortho"), ("idct", 2, None),
             ("idct", 3, "ortho"), ("dst", 3, None), ("dst", 3, "ortho"), ("idst", 2, "ortho")]
    for j, (name, t, norm) in enumerate(extra):
        cases.append((name, t, norm, norm != "ortho", 2 + j % 6, j % 2 == 0))
    return cases


@pytest.mark.parametrize("precision", PRECISIONS)
def test_dct_dst_vs_scipy(precision):
    rdt, cdt = PRECISIONS[precision]
    rng = np.random.default_rng(stable_seed("r2r", precision))
    xs = [_sample(rng, (2, n), rdt) for n in _LENGTHS]
    cs = [_sample(rng, (2, n), cdt) for n in _LENGTHS]
    cases = _r2r_cases()
    with jax.enable_x64(precision == "double"):
        outs = jax.jit(lambda xs, cs: [
            getattr(wfft, name)((cs if cplx else xs)[i], type=t, norm=norm, orthogonalize=orth)
            for name, t, norm, orth, i, cplx in cases])(xs, cs)
    for (name, t, norm, orth, i, cplx), got in zip(cases, outs):
        a = (cs if cplx else xs)[i]
        kw = dict(type=t, norm=norm, orthogonalize=orth)
        _compare(got, _r2r_ref(name, a, **kw), _r2r_ref(name, _wide(a), **kw),
                 f"{name}(n={_LENGTHS[i]}, {kw}) {a.dtype}")


def test_nd_vs_scipy():
    """n-d inputs, axes, s (crop, pad, -1), n on the 1-D forms, complex input."""
    rng = np.random.default_rng(stable_seed("nd"))
    x = _sample(rng, (4, 5, 6), np.complex128)
    xr = x.real.copy()
    cases = []
    for j, name in enumerate(("dctn", "idctn", "dstn", "idstn")):
        one = name[:-1]
        kws = [(name, dict(type=1 + j)),
               (name, dict(type=1 + (j + 1) % 4, axes=(0, 2), norm="ortho")),
               (name, dict(type=1 + (j + 2) % 4, s=(3, 7), norm="forward")),
               (name, dict(type=1 + (j + 3) % 4, s=(-1, 9), axes=(2, 0), orthogonalize=True)),
               (one, dict(type=2 + j % 3, n=9, axis=1)), (one, dict(type=4, n=3, axis=0))]
        cases += [(n, kw, k % 2 == 0) for k, (n, kw) in enumerate(kws)]
    with jax.enable_x64(True):
        outs = jax.jit(lambda x, xr: [getattr(wfft, n)(x if cplx else xr, **kw)
                                      for n, kw, cplx in cases])(x, xr)
    for (n, kw, cplx), got in zip(cases, outs):
        a = x if cplx else xr
        ref = _r2r_ref(n, a, **kw)
        _compare(got, ref, ref, f"{n}{kw} {a.dtype}")


def test_round_trips_every_type_and_norm():
    rng = np.random.default_rng(stable_seed("roundtrip"))
    x = rng.standard_normal((3, 11))
    cases = [(f, t, norm, orth) for f in ("dct", "dst") for t in (1, 2, 3, 4)
             for norm, orth in zip(NORMS, (None, True, None, True))]

    def trips(x):
        out = []
        for f, t, norm, orth in cases:
            fwd, inv = getattr(wfft, f), getattr(wfft, "i" + f)
            out.append(inv(fwd(x, type=t, norm=norm, orthogonalize=orth), type=t, norm=norm,
                           orthogonalize=orth))
        return out

    with jax.enable_x64(True):
        for case, got in zip(cases, jax.jit(trips)(x)):
            np.testing.assert_allclose(got, x, rtol=0, atol=1e-13, err_msg=str(case))


def test_ortho_is_orthogonal():
    """norm='ortho' (with its default orthogonalize) gives orthogonal matrices."""
    with jax.enable_x64(True):
        eye = np.eye(7)
        mats = jax.jit(lambda e: [getattr(wfft, f)(e, type=t, norm="ortho", axis=0)
                                  for f in ("dct", "dst") for t in (1, 2, 3, 4)])(eye)
        for m in mats:
            np.testing.assert_allclose(np.asarray(m).T @ np.asarray(m), eye, atol=1e-13)


def test_jax_peer_and_transformations():
    """dct / idct / dctn / idctn against jax.scipy.fft (type 2, the only one jax has),
    in one program each; outer jit, vmap and purity through the harness."""
    rng = np.random.default_rng(stable_seed("peer"))
    x = rng.standard_normal((5, 6)).astype(np.float32)
    cases = [("dct", {"norm": None, "axis": 0}), ("dct", {"norm": "ortho", "n": 4}),
             ("idct", {"norm": "ortho", "n": 8}), ("idct", {"norm": None}),
             ("dctn", {"axes": (0, 1), "norm": "ortho"}), ("idctn", {"s": (4, 7)})]

    def run(mod):
        return jax.jit(lambda x: [getattr(mod, n)(x, **kw) for n, kw in cases])(x)

    for (n, kw), ours, theirs in zip(cases, run(wfft), run(jfft)):
        assert ours.dtype == theirs.dtype, (n, kw)
        np.testing.assert_allclose(ours, theirs, rtol=2e-5, atol=2e-5, err_msg=f"{n}{kw}")
    check(wfft.dct, None, [x], kwargs={"norm": "ortho", "axis": 0}, peer=jfft.dct)
    check(wfft.dst, sfft.dst, [x], kwargs={"type": 4, "norm": "ortho"})


def test_gradients():
    """check_grads (forward and reverse, in float64) through every type of all four
    1-D functions in one function (their outputs concatenated), and a complex dctn."""
    rng = np.random.default_rng(stable_seed("grad"))
    norms = (None, "ortho", "forward", "backward")

    @jax.jit
    def every(x):
        return jax.numpy.concatenate([getattr(wfft, name)(x, type=t, norm=norms[t - 1])
                                      for name in REAL_FAMILY for t in (1, 2, 3, 4)], axis=-1)

    with jax.enable_x64(True):
        x = rng.standard_normal((2, 5))
        check_grads(every, (x,), order=1, modes=("fwd", "rev"))
        # complex input: the real and imaginary parts are transformed independently
        c = x + 1j * rng.standard_normal((2, 5))
        check_grads(jax.jit(lambda c: wfft.dctn(c, type=3, norm="ortho")), (c,), order=1,
                    modes=("fwd", "rev"))


# --- helpers -------------------------------------------------------------------------------------
def test_fast_len_matches_scipy():
    for real in (False, True):
        got_n = [wfft.next_fast_len(t, real) for t in range(0, 5001)]
        got_p = [wfft.prev_fast_len(t, real) for t in range(0, 5001)]
        assert got_n == [sfft.next_fast_len(t, real) for t in range(0, 5001)]
        assert got_p == [sfft.prev_fast_len(t, real) for t in range(0, 5001)]
        assert all(type(v) is int for v in got_n[:10] + got_p[:10])
        big = (10**12 + 7, 2**40 - 1, 3**30 + 1, (2**64 - 1) // 11 + 1)
        for t in big:
            assert wfft.next_fast_len(t, real) == sfft.next_fast_len(t, real), (t, real)
            assert wfft.prev_fast_len(t, real) == sfft.prev_fast_len(t, real), (t, real)
    assert wfft.next_fast_len(np.int64(13)) == 14


@pytest.mark.parametrize("fn", ["next_fast_len", "prev_fast_len"])
def test_fast_len_errors(fn):
    ours, theirs = getattr(wfft, fn), getattr(sfft, fn)
    for bad, exc in ((-1, ValueError), (2.5, TypeError), ("7", TypeError), (None, TypeError),
                     ((2**64 - 1) // 11 + 2, ValueError), (2**63, OverflowError)):
        with pytest.raises(exc):
            theirs(bad)
        with pytest.raises(exc, match=f"{fn}.*target"):
            ours(bad)


def test_freq_and_shift():
    for n in (1, 4, 7):
        for d in (1.0, 0.25):
            np.testing.assert_allclose(wfft.fftfreq(n, d), sfft.fftfreq(n, d), rtol=1e-6)
            np.testing.assert_allclose(wfft.rfftfreq(n, d), sfft.rfftfreq(n, d), rtol=1e-6)
    assert wfft.fftfreq(4, xp=np).dtype == np.float32    # xp accepted; jax's default float
    x = np.arange(30.0, dtype=np.float32).reshape(5, 6)
    for axes in (None, 0, (1,), (0, 1)):
        np.testing.assert_array_equal(wfft.fftshift(x, axes), sfft.fftshift(x, axes))
        np.testing.assert_array_equal(wfft.ifftshift(x, axes), sfft.ifftshift(x, axes))


# --- errors, signatures, purity, docs ------------------------------------------------------------
def _raises(exc, match, fn, *a, **k):
    with pytest.raises(exc, match=match):
        fn(*a, **k)


def test_errors_match_scipy_types():
    x = np.ones(4, np.float32)
    cases = [
        (ValueError, "dct.*type", wfft.dct, (x,), {"type": 5}),
        (TypeError, "idst.*type", wfft.idst, (x,), {"type": "2"}),
        (TypeError, "dct.*type", wfft.dct, (x,), {"type": 2.0}),
        (ValueError, "dctn.*norm", wfft.dctn, (x,), {"norm": "bad"}),
        (ValueError, "fft.*norm", wfft.fft, (x,), {"norm": "xyz"}),
        (ValueError, "dst.*n", wfft.dst, (x,), {"n": 0}),
        (ValueError, "fft.*n", wfft.fft, (x,), {"n": 0}),
        (ValueError, "idctn.*s", wfft.idctn, (x,), {"s": (0,)}),
        (TypeError, "dct.*n", wfft.dct, (x,), {"n": 2.5}),
        (NotImplementedError, "rfft.*plan", wfft.rfft, (x,), {"plan": object()}),
        (NotImplementedError, "hfftn.*plan", wfft.hfftn, (x,), {"plan": "p"}),
        (TypeError, "rfft.*real", wfft.rfft, (x + 1j,), {}),
        (ValueError, "dctn.*s", wfft.dctn, (np.ones((2, 2)),), {"s": (2, 2), "axes": (0,)}),
        (ValueError, "dstn.*axes", wfft.dstn, (np.ones((2, 2)),), {"axes": (0, 0)}),
    ]
    for exc, match, fn, a, k in cases:
        with pytest.raises(exc):     # scipy raises the same type
            getattr(sfft, fn.__name__)(*a, **k)
        _raises(exc, match, fn, *a, **k)
    # a non-array: TypeError naming the argument (scipy's float conversion gives ValueError)
    _raises(TypeError, "dct.*x", wfft.dct, "abc")
    _raises(TypeError, "fft2.*x", wfft.fft2, {"a": 1})
    # axis out of range: numpy's AxisError (scipy gives a bare IndexError; AxisError is one)
    _raises(IndexError, "dct.*axis", wfft.dct, x, axis=3)
    # type-1 DCT of one point is undefined (scipy raises RuntimeError from pocketfft)
    _raises(ValueError, "dct.*type 1", wfft.dct, np.ones(1), type=1)
    _raises(ValueError, "idctn.*type 1", wfft.idctn, np.ones((3, 1)), type=1)
    # workers and overwrite_x are accepted and ignored
    np.testing.assert_allclose(wfft.dct(x, overwrite_x=True, workers=4), sfft.dct(x), rtol=1e-6)


def test_signatures_match_scipy():
    for name in PLANNED:
        ours = inspect.signature(getattr(wfft, name))
        theirs = inspect.signature(getattr(sfft, name))
        assert list(ours.parameters) == list(theirs.parameters), name
        for p in theirs.parameters.values():
            q = ours.parameters[p.name]
            assert (q.kind, q.default) == (p.kind, p.default), (name, p.name)
    for name in ("dct", "idct", "dctn", "idctn"):   # jax's keywords are a prefix of scipy's
        jp = list(inspect.signature(getattr(jfft, name)).parameters)
        assert list(inspect.signature(getattr(wfft, name)).parameters)[:len(jp)] == jp


def test_every_planned_name_is_pure():
    x = np.linspace(-1, 1, 12, dtype=np.float32).reshape(3, 4)
    c = (x + 0.5j).astype(np.complex64)
    for name in PLANNED:
        fn = getattr(wfft, name)
        if name.endswith("fast_len"):
            continue                  # host integers, no array
        if name.endswith("freq"):
            assert_pure(lambda d, fn=fn: fn(6, d), np.float32(0.5))
        elif name.startswith(("irfft", "hfft")):
            assert_pure(fn, c)
        elif name in REAL_FAMILY or name[:-1] in REAL_FAMILY:
            for t in (1, 2, 3, 4):
                assert_pure(lambda a, fn=fn, t=t: fn(a, type=t, norm="ortho"), c)
        else:
            assert_pure(fn, x)


def test_doctests():
    parser, runner = doctest.DocTestParser(), doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for mod in (basic, helpers, realtransforms):
        for name in mod.__all__:
            t = parser.get_doctest(getattr(mod, name).__doc__ or "", {}, name, None, 0)
            assert t.examples, f"{name}: no example"
            res = runner.run(t)
            assert res.failed == 0, name
