"""Order statistics, correlations and histograms of jaxwrap.numpy (median,
quantile, percentile and their nan-variants with all 13 numpy methods, cov,
corrcoef, histogram/histogram2d/histogramdd/histogram_bin_edges, bincount,
digitize) against numpy (reference) and jax.numpy (peer: values and dtypes,
where jax has the same options), eagerly, under jit and vmap, with primitive
purity; then gradients and bad input.

Quantile cases are sampled (method x shape x axis x q) with a fixed seed,
``JAXWRAP_NUM_CASES`` per method group.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import NamedTuple

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from jaxwrap._src.numpy import statistics as S
from tests.harness import NUM_CASES, assert_close, check

pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning")

F, I = np.float32, np.int32
AxisError = np.exceptions.AxisError

METHODS = ["inverted_cdf", "averaged_inverted_cdf", "closest_observation",
           "interpolated_inverted_cdf", "hazen", "weibull", "linear", "median_unbiased",
           "normal_unbiased", "lower", "higher", "midpoint", "nearest"]
JAX_METHODS = {"linear", "lower", "higher", "midpoint", "nearest"}   # jax.numpy's subset


def _rng(seed=0):
    return np.random.default_rng(seed)


def _data(shape, dtype=F, nan=False, seed=0):
    r = _rng(seed)
    x = r.integers(-20, 20, shape) if np.dtype(dtype).kind in "iu" else r.normal(size=shape)
    x = np.asarray(x).astype(dtype)
    if nan:
        flat = x.reshape(-1)
        flat[1::4] = np.nan
    return x


# --- quantiles: every method, sampled shapes / axes / q -------------------------------------------
Q_CHOICES = [np.float32(0.5), np.array([0.0, 0.1, 0.25, 0.75, 1.0], F),
             np.array([[0.3], [0.9]], F)]
SHAPES_AXES = [((7,), None), ((4, 6), 1), ((4, 6), 0), ((3, 4, 5), (0, 2)), ((3, 4, 5), None),
               ((2, 8), -1)]


def _quantile_cases():
    """Stratified: every method runs with each of the four functions (and NUM_CASES cases
    when that is more); shape/axis, q and keepdims cycle with a stable offset per method,
    so every one of them runs in every CI run."""
    out = []
    fns = ("quantile", "nanquantile", "percentile", "nanpercentile")
    for m, method in enumerate(METHODS):
        for j in range(max(NUM_CASES, len(fns))):
            t = m * max(NUM_CASES, len(fns)) + j
            out.append((fns[(m + j) % len(fns)], method, t % len(SHAPES_AXES),
                        (t // 2) % len(Q_CHOICES), bool((t // 3) % 2)))
    return out


QCASES = _quantile_cases()


@pytest.mark.parametrize("fn,method,sa,qi,keepdims", QCASES,
                         ids=[f"{c[0]}-{c[1]}-{c[2]}-{c[3]}-{c[4]}" for c in QCASES])
def test_quantiles(fn, method, sa, qi, keepdims):
    shape, axis = SHAPES_AXES[sa]
    nan = fn.startswith("nan")
    if nan and qi == 2:
        qi = 1      # numpy's nan-variants misplace the axes of a 2-D q
    x = _data(shape, nan=nan, seed=sa)
    q = Q_CHOICES[qi] * (100 if "percentile" in fn else 1)
    kwargs = {"axis": axis, "method": method, "keepdims": keepdims}
    # jax's 'nearest' rounds halves down (numpy: to even) and differs with NaNs
    jax_ok = method in JAX_METHODS and not (method == "nearest" and nan)
    peer = getattr(jnp, fn) if jax_ok and np.ndim(q) <= 1 else None
    check(getattr(S, fn), getattr(np, fn), [x, q], kwargs=kwargs, peer=peer, tol=1e-5,
          vmap_argnums=(0,))


@pytest.mark.parametrize("fn", ["quantile", "nanquantile"])
@pytest.mark.parametrize("wshape", ["same", "axis"])
def test_weighted_quantile(fn, wshape):
    x = _data((4, 7), nan=fn == "nanquantile")
    w = _rng(2).uniform(0.1, 2.0, (4, 7) if wshape == "same" else (7,)).astype(F)
    q = np.array([0.2, 0.5, 0.9], F)
    kw = {"axis": 1, "method": "inverted_cdf"}
    wref = w if wshape == "same" else np.broadcast_to(w, x.shape)
    check(lambda a, q, w: getattr(S, fn)(a, q, weights=w, **kw),
          lambda a, q, w: getattr(np, fn)(a, q, weights=wref, **kw), [x, q, w],
          peer=lambda a, q, w: getattr(jnp, fn)(a, q, weights=w, **kw), vmap_argnums=(0,))


@pytest.mark.parametrize("fn", ["median", "nanmedian"])
@pytest.mark.parametrize("shape,axis,keepdims", [
    ((7,), None, False), ((4, 6), 1, False), ((4, 6), 0, True), ((3, 4, 5), (0, 2), False),
    ((3, 4, 5), None, True),
])
def test_median(fn, shape, axis, keepdims):
    for nan in (False, True):
        x = _data(shape, nan=nan)
        check(getattr(S, fn), getattr(np, fn), [x], kwargs={"axis": axis, "keepdims": keepdims},
              peer=getattr(jnp, fn))


@pytest.mark.parametrize("method", ["inverted_cdf", "averaged_inverted_cdf",
                                    "closest_observation"])
def test_step_quantiles_on_exact_order_statistics(method):
    """n q landing on (or halfway to) an order statistic in float64, e.g. 10 * 0.1 = 1:
    XLA fuses n q - 1 into one multiply-add, which skipped the rounding of n q."""
    q = np.r_[np.linspace(0, 1, 41), 0.1, 0.15, 0.35, 0.85]
    with jax.enable_x64(True):
        for n in (1, 2, 5, 10, 11, 20):
            x = np.arange(n) * 1.5 + np.arange(n) ** 2 * 0.01
            got = np.asarray(S.quantile(x, q, method=method))
            np.testing.assert_array_equal(got, np.quantile(x, q, method=method), err_msg=str(n))


def test_quantile_int_input_and_nan_slices():
    x = _data((3, 5), dtype=I)
    check(S.quantile, np.quantile, [x, np.float32(0.3)], kwargs={"axis": 1},
          peer=jnp.quantile)
    y = np.array([[np.nan, np.nan, np.nan], [1.0, np.nan, 3.0], [1.0, 2.0, 3.0]], F)
    assert_close(S.nanquantile(y, 0.5, axis=1), np.nanquantile(y, 0.5, axis=1))
    assert_close(S.nanmedian(y, axis=1), np.nanmedian(y, axis=1))
    assert_close(S.quantile(y, 0.5, axis=1), np.quantile(y, 0.5, axis=1))
    assert_close(S.median(y, axis=1), np.median(y, axis=1))


# --- cov, corrcoef --------------------------------------------------------------------------------
class Row(NamedTuple):
    fn: str
    args: Callable
    kwargs: dict = {}
    peer: bool = True
    tol: float | None = None


def _m(*shape, seed=0, complex_=False):
    x = _rng(seed).normal(size=shape)
    if complex_:
        x = x + 1j * _rng(seed + 1).normal(size=shape)
        return x.astype(np.complex64)
    return x.astype(F)


_FW = np.array([1, 2, 1, 3, 1, 2], I)
_AW = np.array([0.5, 1.0, 2.0, 1.5, 1.0, 0.7], F)

COV_ROWS = [
    Row("cov", lambda: [_m(3, 6)]),
    Row("cov", lambda: [_m(3, 6), _m(6, seed=1)]),
    Row("cov", lambda: [_m(6, 3)], {"rowvar": False, "bias": True}),
    Row("cov", lambda: [_m(3, 6)], {"ddof": 2}),
    Row("cov", lambda: [_m(3, 6)], {"fweights": _FW, "aweights": _AW}, tol=1e-4),
    Row("cov", lambda: [_m(3, 6)], {"fweights": _FW, "ddof": 0}),
    Row("cov", lambda: [_m(3, 6)], {"aweights": _AW}, tol=1e-4),
    Row("cov", lambda: [_m(6)]),
    Row("cov", lambda: [_m(3, 6, complex_=True)]),
    Row("cov", lambda: [np.arange(12, dtype=I).reshape(3, 4)]),
    Row("corrcoef", lambda: [_m(3, 6)]),
    Row("corrcoef", lambda: [_m(3, 6), _m(6, seed=1)]),
    Row("corrcoef", lambda: [_m(6, 4)], {"rowvar": False}),
    Row("corrcoef", lambda: [_m(3, 6, complex_=True)], tol=1e-4),
]


@pytest.mark.parametrize("row", COV_ROWS, ids=[f"{r.fn}-{i}" for i, r in enumerate(COV_ROWS)])
def test_cov_corrcoef(row):
    check(getattr(S, row.fn), getattr(np, row.fn), row.args(), kwargs=row.kwargs,
          peer=getattr(jnp, row.fn) if row.peer else None, tol=row.tol)


# --- histograms, bincount, digitize --------------------------------------------------------------
_D = _data((200,))
_EDGES = np.array([-2.0, -1.0, 0.0, 0.5, 3.0], F)

HIST_ROWS = [
    Row("histogram", lambda: [_D]),
    Row("histogram", lambda: [_D], {"bins": 7, "range": (-1.0, 1.5)}),
    Row("histogram", lambda: [_D, _EDGES]),
    Row("histogram", lambda: [_D], {"bins": 5, "density": True}),
    Row("histogram", lambda: [_data((50,), dtype=I)], {"bins": 4}),
    Row("histogram_bin_edges", lambda: [_D], {"bins": 5}),
    Row("histogram_bin_edges", lambda: [_D], {"bins": 3, "range": (0.0, 2.0)}),
]


@pytest.mark.parametrize("row", HIST_ROWS, ids=[f"{r.fn}-{i}" for i, r in enumerate(HIST_ROWS)])
def test_histogram(row):
    fn = getattr(S, row.fn)
    # jax.numpy.histogram's counts are floats; jaxwrap keeps numpy's integer counts (the
    # dtype oracle is numpy's then; densities are floats in both)
    numpy_dtype = row.fn == "histogram" and not row.kwargs.get("density")
    check(fn, getattr(np, row.fn), row.args(), kwargs=row.kwargs, peer=getattr(jnp, row.fn),
          tol=1e-5, check_dtype="numpy" if numpy_dtype else True)


def test_histogram_weights_and_exact_edges():
    w = _rng(3).uniform(size=_D.shape).astype(F)
    check(lambda a, w: S.histogram(a, bins=6, weights=w), lambda a, w: np.histogram(
        a, bins=6, weights=w), [_D, w], peer=lambda a, w: jnp.histogram(a, bins=6, weights=w))
    # values exactly on the equal-width edges land where numpy puts them
    x = np.arange(0, 10.5, 0.5).astype(F)
    for bins in (3, 7, 10, 20):
        assert_close(S.histogram(x, bins=bins)[0], np.histogram(x, bins=bins)[0])
    ints = _rng(4).integers(0, 10, 300)
    for bins in (3, 9, 10):
        assert_close(S.histogram(ints, bins=bins)[0], np.histogram(ints, bins=bins)[0])
    assert S.histogram(x)[0].dtype == np.int32


@pytest.mark.parametrize("bins,kw", [
    (4, {}), ([3, 5], {}), (4, {"range": [[-1.0, 1.0], [-2.0, 2.0]], "density": True}),
    ([np.array([-3.0, 0.0, 3.0], F), 3], {}),
])
def test_histogram2d(bins, kw):
    x, y = _data((60,)), _data((60,), seed=1)
    check(lambda x, y: S.histogram2d(x, y, bins=bins, **kw),
          lambda x, y: np.histogram2d(x, y, bins=bins, **kw), [x, y],
          peer=lambda x, y: jnp.histogram2d(x, y, bins=bins, **kw))


@pytest.mark.parametrize("bins", [3, (2, 3, 4), (2, np.array([-1.0, 0.0, 1.0], F), 3)])
def test_histogramdd(bins):
    s = _data((40, 3))
    w = _rng(5).uniform(size=40).astype(F)

    def flat(out):
        return [out[0]] + list(out[1])

    check(lambda s, w: flat(S.histogramdd(s, bins=bins, weights=w)),
          lambda s, w: flat(np.histogramdd(s, bins=bins, weights=w)), [s, w],
          peer=lambda s, w: flat(jnp.histogramdd(s, bins=bins, weights=w)))


@pytest.mark.parametrize("kw", [{}, {"minlength": 9}, {"length": 3}, {"weights": True}])
def test_bincount(kw):
    x = _rng().integers(0, 6, 20).astype(I)
    kw = dict(kw)
    args = [x]
    if kw.pop("weights", False):
        args.append(np.arange(20, dtype=F))
    length = kw.get("length")

    def ref(x, *w):
        out = np.bincount(x, *w, minlength=kw.get("minlength", 0))
        return out[:length] if length else out

    fn = (lambda x, *w: S.bincount(x, *w, **kw))
    # under jit/vmap the number of bins must be static: length=
    static = length is not None
    check(fn, ref, args, peer=lambda x, *w: jnp.bincount(x, *w, **kw), jit=static,
          vmap=static, purity=static)
    check(lambda x, *w: S.bincount(x, *w, length=10), None, args,
          peer=lambda x, *w: jnp.bincount(x, *w, length=10))


@pytest.mark.parametrize("right", [False, True])
@pytest.mark.parametrize("decreasing", [False, True])
def test_digitize(right, decreasing):
    b = np.array([0.0, 1.0, 2.5, 4.0], F)
    b = b[::-1].copy() if decreasing else b
    x = np.array([-1, 0, 0.2, 1, 2.5, 3, 4, 6.4], F)
    check(S.digitize, np.digitize, [x, b], kwargs={"right": right}, peer=jnp.digitize)


# --- gradients ------------------------------------------------------------------------------------
def _distinct(shape):
    n = int(np.prod(shape))
    return (_rng().permutation(n).reshape(shape) * 0.37 - n * 0.1).astype(F)


GRADS = [
    ("quantile", lambda: [_distinct((3, 7)), np.array([0.2, 0.55], F)], {"axis": 1}),
    ("quantile", lambda: [_distinct((9,)), np.float32(0.3)], {"method": "hazen"}),
    ("nanquantile", lambda: [_distinct((3, 7)), np.float32(0.4)], {"axis": 1}),
    ("percentile", lambda: [_distinct((8,)), np.float32(35.0)], {"method": "weibull"}),
    ("median", lambda: [_distinct((4, 6))], {"axis": 0}),
    ("nanmedian", lambda: [_distinct((4, 5))], {"axis": 1}),
    ("cov", lambda: [_m(3, 6)], {}),
    ("cov", lambda: [_m(3, 6), _m(6, seed=1)], {"aweights": _AW}),
    ("corrcoef", lambda: [_m(3, 5)], {}),
]


@pytest.mark.parametrize("name,args,kwargs", GRADS,
                         ids=[f"{g[0]}-{i}" for i, g in enumerate(GRADS)])
def test_grad(name, args, kwargs):
    fn = jax.jit(lambda *a: getattr(S, name)(*a, **kwargs))
    fn.__name__ = name
    check(fn, None, args(), grad=1, grad_argnums=(0,), jit=False, vmap=False, purity=False)


# --- bad input ------------------------------------------------------------------------------------
X = np.ones((2, 3), F)


@pytest.mark.parametrize("call,exc,match", [
    (lambda: S.quantile(X, 0.5, method="bogus"), ValueError, "method"),
    (lambda: S.nanpercentile(X, 50, method="bogus"), ValueError, "method"),
    (lambda: S.quantile(X, 0.5, axis=2), AxisError, r"quantile\(\).*axis"),
    (lambda: S.median(X, axis=(0, 0)), ValueError, "repeated"),
    (lambda: S.median(X, axis=-3), AxisError, "axis"),
    (lambda: S.quantile(X, 0.5, method="linear", weights=X), ValueError, "weights"),
    (lambda: S.quantile(X, 0.5, axis=1, method="inverted_cdf", weights=np.ones(2)), ValueError,
     "weights"),
    (lambda: S.quantile(X.astype(np.complex64), 0.5), TypeError, "real"),
    (lambda: S.quantile(np.ones((2, 0)), 0.5, axis=1), ValueError, "empty"),
    (lambda: S.quantile(X, 0.5, out=X), NotImplementedError, "out"),
    (lambda: S.cov(np.ones((2, 2, 2))), ValueError, "2 dimensions"),
    (lambda: S.cov(X, np.ones((2, 4))), ValueError, "observations"),
    (lambda: S.cov(X, fweights=np.ones(3, F)), TypeError, "fweights"),
    (lambda: S.cov(X, aweights=np.ones(4, F)), ValueError, "aweights"),
    (lambda: S.cov(X, ddof=1.5), ValueError, "ddof"),
    (lambda: S.histogram(X, bins="auto"), NotImplementedError, "bins"),
    (lambda: S.histogram(X, bins=0), ValueError, "bins"),
    (lambda: S.histogram(X, bins=2, range=(3.0, 1.0)), ValueError, "range"),
    (lambda: S.histogram(X, weights=np.ones(4)), ValueError, "weights"),
    (lambda: S.histogramdd(np.ones((4, 2)), bins=[2, 3, 4]), ValueError, "bins"),
    (lambda: S.histogram2d(np.ones(3), np.ones(4)), ValueError, "equal length"),
    (lambda: S.bincount(np.ones(3, F)), TypeError, "integers"),
    (lambda: S.bincount(np.ones((2, 2), I)), ValueError, "1-D"),
    (lambda: S.bincount(np.ones(3, I), minlength=-1), ValueError, "minlength"),
    (lambda: jax.jit(S.bincount)(np.ones(3, I)), ValueError, "length="),
    (lambda: S.bincount(np.ones(3, I), weights=np.ones(2)), ValueError, "weights"),
    (lambda: S.digitize(X, X), ValueError, "bins"),
])
def test_bad_input(call, exc, match):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(exc, match=match):
            call()
