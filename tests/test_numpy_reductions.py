"""Reductions of jaxwrap.numpy against numpy (reference) and jax.numpy (peer:
values and dtypes), eagerly, under jit and vmap, with primitive purity; then
gradients, NaN semantics and bad input.

One row per function: which dtypes, which input domain, which keyword
variants.  Cases (dtype x shape x variant) are sampled with a fixed seed,
``JAXWRAP_NUM_CASES`` per row (times 2 for the big rows), so CI stays fast
and a deep run can go wide.
"""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Callable
from typing import NamedTuple

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from jaxwrap._src.numpy import reductions as R
from tests.harness import NUM_CASES, assert_close, check

pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning")

F, I, B, C, I8 = np.float32, np.int32, np.bool_, np.complex64, np.int8

SHAPES = [(), (5,), (3, 4), (2, 3, 4), (0,), (2, 0, 3)]
NONEMPTY = [s for s in SHAPES if 0 not in s]


def _nan_pattern(x):
    """NaNs at flat positions 1, 4, 7, ... (no all-NaN slice along any axis of
    the shapes used for the nanarg* rows)."""
    flat = x.reshape(-1).copy()
    flat[1::3] = np.nan
    return flat.reshape(x.shape)


def _draw(domain, dtype, shape, rng):
    if dtype == B:
        return rng.random(shape) < 0.5
    if np.issubdtype(dtype, np.integer):
        lo, hi = (-2, 3) if domain == "prodsafe" else (-5, 6)
        return rng.integers(lo, hi, shape).astype(dtype)
    if domain == "prodsafe":  # magnitudes near 1 keep products in range
        x = rng.choice([-1, 1], shape) * rng.uniform(0.5, 1.5, shape)
    else:
        x = rng.normal(size=shape)
    if np.issubdtype(dtype, np.complexfloating):
        x = x + 1j * rng.normal(size=shape)
    x = np.asarray(x).astype(dtype)
    return _nan_pattern(x) if domain == "nan" else x


# --- keyword variants ---------------------------------------------------------------------------
# A variant is a dict of keyword arguments whose values may be placeholders,
# filled per case from the shape and dtype: AXIS (None, an int, a tuple or ()),
# AXIS1 (None or an int), MASK (a where= mask, possibly broadcasting), INIT (an
# initial= value of the dtype's kind; variants with INIT skip bool).
AXIS, AXIS1, MASK, INIT = "AXIS", "AXIS1", "MASK", "INIT"


def _axis(shape, rng, allow_tuple=True):
    nd = len(shape)
    choices = [None] + list(range(-nd, nd))
    if allow_tuple and nd >= 2:
        choices += [(0, nd - 1), (nd - 1, 0)]
    if allow_tuple:
        choices.append(())
    return choices[rng.integers(len(choices))]


def _mask(shape, rng):
    if len(shape) >= 2 and rng.random() < 0.5:  # a mask that broadcasts
        return rng.random(shape[1:]) < 0.7
    return rng.random(shape) < 0.7


def _fill_variant(variant, shape, dtype, rng):
    if INIT in variant.values() and dtype == B:
        return None
    if variant.get("dtype") == np.int32 and dtype == C:
        return None
    fill = {AXIS: lambda: _axis(shape, rng), AXIS1: lambda: _axis(shape, rng, False),
            MASK: lambda: _mask(shape, rng),
            INIT: lambda: 2 if np.issubdtype(dtype, np.integer) else 0.5}
    return {k: fill[v]() if isinstance(v, str) and v in fill else v for k, v in variant.items()}


SUM_VARIANTS = ({}, {"axis": AXIS}, {"axis": AXIS, "keepdims": True},
                {"axis": AXIS, "where": MASK}, {"axis": AXIS, "initial": INIT},
                {"axis": AXIS, "where": MASK, "initial": INIT, "keepdims": True},
                {"axis": AXIS, "dtype": np.float32}, {"dtype": np.int32})
EXT_VARIANTS = ({}, {"axis": AXIS}, {"axis": AXIS, "keepdims": True},
                {"axis": AXIS, "initial": INIT},
                {"axis": AXIS, "where": MASK, "initial": INIT, "keepdims": True})
MEAN_VARIANTS = ({}, {"axis": AXIS}, {"axis": AXIS, "keepdims": True},
                 {"axis": AXIS, "where": MASK}, {"axis": AXIS, "dtype": np.float32})
VAR_VARIANTS = ({}, {"axis": AXIS}, {"axis": AXIS, "keepdims": True},
                {"axis": AXIS, "where": MASK}, {"axis": AXIS, "ddof": 1},
                {"axis": AXIS, "correction": 1, "keepdims": True},
                {"axis": AXIS, "where": MASK, "ddof": 1})
LOGIC_VARIANTS = ({}, {"axis": AXIS}, {"axis": AXIS, "keepdims": True},
                  {"axis": AXIS, "where": MASK})
ARG_VARIANTS = ({}, {"axis": AXIS1}, {"axis": AXIS1, "keepdims": True})
CUM_VARIANTS = ({}, {"axis": AXIS1}, {"axis": AXIS1, "dtype": np.float32})


class Row(NamedTuple):
    name: str
    dtypes: tuple
    variants: tuple
    shapes: tuple = tuple(SHAPES)
    domain: str = "real"
    ref: Callable | None = None          # default: numpy's function of the same name
    peer: Callable | None = None         # default: jax.numpy's; False: none
    no_peer_dtypes: tuple = ()           # dtypes jax.numpy does not support
    tol: float | None = None
    weight: int = 1                      # cases per NUM_CASES
    no_identity: bool = False            # empty inputs need initial=


def _no_correction(f):
    """jax.numpy's nanvar/nanstd lack numpy 2's ``correction=`` alias of ``ddof``."""
    def peer(x, correction=None, **kw):
        return f(x, **kw) if correction is None else f(x, ddof=correction, **kw)
    return peer


ROWS = [
    Row("sum", (F, I, I8, B, C), SUM_VARIANTS, weight=2),
    Row("prod", (F, I, B, C), SUM_VARIANTS, domain="prodsafe", weight=2),
    Row("max", (F, I, B, C), EXT_VARIANTS, weight=2, no_identity=True),
    Row("min", (F, I, B), EXT_VARIANTS, no_identity=True),
    Row("amax", (F, I), EXT_VARIANTS, no_identity=True),
    Row("amin", (F, I), EXT_VARIANTS, no_identity=True),
    Row("all", (F, I, B, C), LOGIC_VARIANTS),
    Row("any", (F, I, B), LOGIC_VARIANTS),
    Row("ptp", (F, I), SUM_VARIANTS[:3], shapes=tuple(NONEMPTY)),
    Row("count_nonzero", (F, I, B, C), SUM_VARIANTS[:3]),
    Row("mean", (F, I, B, C), MEAN_VARIANTS, weight=2),
    Row("var", (F, I, C), VAR_VARIANTS, shapes=tuple(NONEMPTY), weight=2),
    Row("std", (F, I, C), VAR_VARIANTS, shapes=tuple(NONEMPTY)),
    Row("argmax", (F, I, B, C), ARG_VARIANTS, shapes=tuple(NONEMPTY), no_peer_dtypes=(C,)),
    Row("argmin", (F, I, B), ARG_VARIANTS, shapes=tuple(NONEMPTY)),
    Row("nansum", (F, I, C), SUM_VARIANTS[:6], domain="nan"),
    Row("nanprod", (F, I), SUM_VARIANTS[:6], domain="nan"),
    Row("nanmax", (F, I), EXT_VARIANTS, domain="nan", shapes=tuple(NONEMPTY)),
    Row("nanmin", (F, I), EXT_VARIANTS, domain="nan", shapes=tuple(NONEMPTY)),
    Row("nanmean", (F, I, C), MEAN_VARIANTS, domain="nan"),
    Row("nanvar", (F, C), VAR_VARIANTS, domain="nan", shapes=tuple(NONEMPTY),
        peer=_no_correction(jnp.nanvar)),
    Row("nanstd", (F,), VAR_VARIANTS, domain="nan", shapes=tuple(NONEMPTY),
        peer=_no_correction(jnp.nanstd)),
    Row("nanargmax", (F, I), ARG_VARIANTS, domain="nan", shapes=((5,), (3, 4))),
    Row("nanargmin", (F,), ARG_VARIANTS, domain="nan", shapes=((5,), (3, 4))),
    Row("cumsum", (F, I, I8, B, C), CUM_VARIANTS, shapes=tuple(NONEMPTY) + ((0,),)),
    Row("cumprod", (F, I, B), CUM_VARIANTS, domain="prodsafe", shapes=tuple(NONEMPTY)),
    Row("nancumsum", (F, I), CUM_VARIANTS, domain="nan", shapes=tuple(NONEMPTY)),
    Row("nancumprod", (F,), CUM_VARIANTS, domain="nan", shapes=tuple(NONEMPTY)),
]


def _cases(row):
    """Stratified: case k has dtype k and variant k (cycling), so every dtype and every
    keyword variant of the row runs in every CI run; then up to ``NUM_CASES * weight``
    cases in all, the extra ones drawn from the remaining combinations by a stable seed."""
    rng = np.random.default_rng(sum(map(ord, row.name)))
    n_cover = max(len(row.dtypes), len(row.variants))
    wanted = [(row.dtypes[k % len(row.dtypes)], row.variants[k % len(row.variants)])
              for k in range(n_cover)]
    combos = list(itertools.product(row.dtypes, row.shapes, range(len(row.variants))))
    wanted += [(combos[k][0], row.variants[combos[k][2]]) for k in rng.permutation(len(combos))]
    out = []
    for dtype, variant in wanted:
        if len(out) >= max(n_cover, NUM_CASES * row.weight):
            break
        # the first shape (in a seeded order) for which the variant makes sense
        for si in rng.permutation(len(row.shapes)):
            shape = row.shapes[si]
            kwargs = _fill_variant(variant, shape, dtype, rng)
            if kwargs is None or (row.no_identity and 0 in shape and "initial" not in kwargs):
                continue
            out.append((row, dtype, shape, kwargs, int(rng.integers(2**31))))
            break
    return out


def _case_id(case):
    row, dtype, shape, kwargs, _ = case
    kw = ",".join(f"{k}={'mask' if k == 'where' else v}" for k, v in kwargs.items())
    return f"{row.name}-{np.dtype(dtype).name}-{shape}-{kw}"


CASES = [c for row in ROWS for c in _cases(row)]


@pytest.mark.parametrize("case", CASES, ids=[_case_id(c) for c in CASES])
def test_against_numpy_and_jax(case):
    row, dtype, shape, kwargs, seed = case
    x = _draw(row.domain, dtype, shape, np.random.default_rng(seed))
    fn = getattr(R, row.name)
    ref = row.ref or getattr(np, row.name)
    peer = None if dtype in row.no_peer_dtypes else (row.peer or getattr(jnp, row.name))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        check(fn, ref, [x], kwargs=kwargs, peer=peer, tol=row.tol)


# --- rows that do not fit the one-array pattern ---------------------------------------------------
def _rng():
    return np.random.default_rng(0)


@pytest.mark.parametrize("fn,kwargs", [
    ("cumulative_sum", {}), ("cumulative_sum", {"include_initial": True}),
    ("cumulative_prod", {"include_initial": True}),
    ("cumulative_sum", {"axis": 1, "dtype": np.float32}),
    ("cumulative_prod", {"axis": -1}),
])
@pytest.mark.parametrize("dtype", [F, I8, B])
def test_cumulative_array_api(fn, kwargs, dtype):
    shape = (5,) if "axis" not in kwargs else (3, 4)
    x = _draw("prodsafe", dtype, shape, _rng())
    # cumulative_prod of small integers accumulates in the default integer (the standard's
    # rule and numpy's); jax.numpy 0.10.2 keeps int8, so it is no dtype peer there
    peer = None if (fn == "cumulative_prod" and dtype == I8) else getattr(jnp, fn)
    check(getattr(R, fn), getattr(np, fn), [x], kwargs=kwargs, peer=peer)


@pytest.mark.parametrize("kwargs,wshape", [
    ({}, None), ({"axis": 1}, None), ({"axis": (0, 2), "keepdims": True}, None),
    ({}, "same"), ({"axis": 1}, "1d"), ({"axis": (2, 0)}, "axes"),
    ({"axis": 0, "returned": True}, "same"),
    ({"axis": None, "returned": True}, None),
])
def test_average(kwargs, wshape):
    rng = _rng()
    x = rng.normal(size=(2, 3, 4)).astype(F)
    if wshape is None:
        check(R.average, np.average, [x], kwargs=kwargs, peer=jnp.average)
        return
    shape = {"same": x.shape, "1d": (3,), "axes": (4, 2)}[wshape]
    w = rng.uniform(0.5, 2, shape).astype(F)
    # jax.numpy only knows 1-d weights for a mismatched shape; numpy is the reference.
    peer = jnp.average if wshape != "axes" else None
    check(lambda a, w: R.average(a, weights=w, **kwargs),
          lambda a, w: np.average(a, weights=w, **kwargs), [x, w],
          peer=None if peer is None else (lambda a, w: peer(a, weights=w, **kwargs)))


@pytest.mark.parametrize("fn", ["isclose", "allclose"])
@pytest.mark.parametrize("kwargs", [{}, {"rtol": 1e-2, "atol": 0.0}, {"equal_nan": True}])
def test_isclose(fn, kwargs):
    rng = _rng()
    a = rng.normal(size=(3, 4)).astype(F)
    b = a + rng.choice([0, 1e-6, 1e-3, 1.0], a.shape).astype(F)
    a[0, 0] = b[0, 0] = np.nan
    a[0, 1] = b[0, 1] = np.inf
    a[0, 2], b[0, 2] = np.inf, -np.inf
    check(getattr(R, fn), getattr(np, fn), [a, b], kwargs=kwargs, peer=getattr(jnp, fn))
    # broadcasting and a Python scalar
    check(getattr(R, fn), getattr(np, fn), [a, 1.0], kwargs=kwargs, peer=getattr(jnp, fn),
          vmap=False)


def test_isclose_int_and_complex():
    check(R.isclose, np.isclose, [np.arange(4, dtype=I), np.array([0, 1, 3, 3], I)],
          peer=jnp.isclose)
    z = np.array([1 + 1j, 2 - 1j, np.inf], C)
    check(R.isclose, np.isclose, [z, z + 1e-7], peer=jnp.isclose)


@pytest.mark.parametrize("fn", ["array_equal", "array_equiv"])
@pytest.mark.parametrize("a,b", [
    ([1, 2, 3], [1, 2, 3]), ([1, 2, 3], [1, 2, 4]), ([1, 2], [[1, 2], [1, 2]]),
    ([1, 2], [1, 2, 3]), ([1.0, np.nan], [1.0, np.nan]),
])
def test_array_equal(fn, a, b):
    a, b = np.asarray(a), np.asarray(b)
    # jax.numpy.array_equiv raises for shapes that do not broadcast; numpy says False.
    peer = getattr(jnp, fn) if fn == "array_equal" or a.shape[-1] == b.shape[-1] else None
    check(getattr(R, fn), getattr(np, fn), [a, b], peer=peer, vmap=False)
    if fn == "array_equal":
        check(R.array_equal, np.array_equal, [a, b], kwargs={"equal_nan": True},
              peer=jnp.array_equal, vmap=False)


# --- semantics numpy defines but random inputs rarely reach ---------------------------------------
def test_nan_semantics():
    x = np.array([[1.0, np.nan, 3.0, np.nan], [2.0, 0.5, 7.0, -1.0]], F)
    # argmax/argmin: the first NaN wins, like numpy
    for f in ("argmax", "argmin"):
        np.testing.assert_array_equal(getattr(R, f)(x, axis=1), getattr(np, f)(x, axis=1))
        np.testing.assert_array_equal(getattr(R, f)(x), getattr(np, f)(x))
    np.testing.assert_array_equal(R.max(x, axis=1), np.max(x, axis=1))
    np.testing.assert_array_equal(R.nanmax(x, axis=1), np.nanmax(x, axis=1))
    # all-NaN slices: nanmin/nanmax give NaN (initial wins), nanargmax gives -1, nanmean NaN
    y = np.array([[np.nan, np.nan], [1.0, np.nan]], F)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        np.testing.assert_array_equal(R.nanmin(y, axis=1), np.nanmin(y, axis=1))
        np.testing.assert_array_equal(R.nanmax(y, axis=1, initial=5.0),
                                      np.nanmax(y, axis=1, initial=5.0))
        np.testing.assert_array_equal(R.nanmean(y, axis=1), np.nanmean(y, axis=1))
        np.testing.assert_array_equal(R.nanvar(y, axis=1), np.nanvar(y, axis=1))
    np.testing.assert_array_equal(R.nanargmax(y, axis=1), [-1, 0])
    np.testing.assert_array_equal(R.nanargmin(y, axis=1), jnp.nanargmin(y, axis=1))


def test_empty_and_degenerate():
    e = np.zeros((0, 3), F)
    assert np.isnan(R.mean(e))
    np.testing.assert_array_equal(R.mean(e, axis=0), np.full(3, np.nan))
    np.testing.assert_array_equal(R.sum(e, axis=0), np.zeros(3))
    np.testing.assert_array_equal(R.prod(e), 1.0)
    np.testing.assert_array_equal(R.max(e, axis=1), np.zeros(0))  # nothing is reduced empty
    np.testing.assert_array_equal(R.max(e, initial=-2.0), -2.0)
    assert R.all(e) and not R.any(e)
    assert np.isnan(R.var(np.ones(3, F), ddof=3))  # divisor 0 -> NaN, like jax
    assert R.mean(np.array([], I)).dtype == np.float32


def test_complex_extrema_lexicographic():
    z = np.array([[1 + 5j, 3 - 1j, 3 + 2j], [2 + 0j, 2 - 3j, -1 + 9j]], C)
    for f in ("max", "min", "argmax", "argmin"):
        for axis in (None, 0, 1):
            np.testing.assert_array_equal(getattr(R, f)(z, axis=axis),
                                          getattr(np, f)(z, axis=axis), err_msg=f)


def test_dtype_rules():
    # promote_integers like jax: small ints and bools sum in the default int
    assert R.sum(np.ones(3, np.uint8)).dtype == np.uint32
    assert R.sum(np.ones(3, np.int8), promote_integers=False).dtype == np.int8
    assert R.sum(np.ones(3, np.int8), dtype=np.int16).dtype == np.int16
    assert R.sum(np.ones(3, np.float16)).dtype == np.float16
    assert R.sum(np.ones(3, B), dtype=B).dtype == np.bool_
    assert R.var(np.ones(3, C)).dtype == np.float32
    assert R.cumsum(np.ones(3, B), dtype=B).dtype == np.bool_
    assert not R.sum(1.0).weak_type
    np.testing.assert_array_equal(R.cumsum(np.array([True, False, True]), dtype=B),
                                  np.cumsum([True, False, True], dtype=bool))
    # var with a precomputed mean (numpy 2's mean=)
    x = _rng().normal(size=(3, 4)).astype(F)
    m = np.mean(x, axis=1, keepdims=True)
    assert_close(R.var(x, axis=1, mean=m), np.var(x, axis=1, mean=m))
    assert_close(R.std(x, axis=1, mean=m, ddof=1), np.std(x, axis=1, mean=m, ddof=1))


# --- gradients ------------------------------------------------------------------------------------
def _distinct(shape, rng):
    """Values far apart (no ties), so max/min are differentiable numerically."""
    n = int(np.prod(shape))
    return (rng.permutation(n).reshape(shape) * 0.5 - n * 0.25).astype(np.float64)


GRADS = [
    ("sum", {"axis": 1}, "real", 2),
    ("sum", {"where": np.array([True, False, True]), "keepdims": True}, "real", 1),
    ("prod", {"axis": 0}, "zeros", 2),
    ("prod", {}, "zeros", 1),
    ("mean", {"axis": (0, 1)}, "real", 2),
    ("var", {"axis": 1, "ddof": 1}, "real", 2),
    ("std", {}, "real", 2),
    ("std", {"axis": 0, "where": np.array([True, False, True])}, "real", 1),
    ("max", {"axis": 1}, "distinct", 1),
    ("min", {}, "distinct", 2),
    ("cumsum", {"axis": 1}, "real", 2),
    ("cumprod", {"axis": 1}, "zeros", 2),
    ("nansum", {"axis": 1}, "nan", 1),
    ("nanmean", {}, "nan", 2),
    ("nanvar", {"axis": 1}, "nan", 1),
    ("ptp", {"axis": 0}, "distinct", 1),
]


@pytest.mark.parametrize("name,kwargs,domain,order", GRADS,
                         ids=[f"{g[0]}-{i}" for i, g in enumerate(GRADS)])
def test_grad(name, kwargs, domain, order):
    rng = _rng()
    shape = (2, 3)
    if domain == "distinct":
        x = _distinct(shape, rng)
    else:
        x = rng.normal(size=shape)
        if domain == "zeros":
            x[1, 1] = 0.0
        if domain == "nan":
            x = _nan_pattern(x)
    x = x.astype(np.float64) if jax.config.jax_enable_x64 else x.astype(F)
    check(getattr(R, name), None, [x], kwargs=kwargs, grad=order, jit=False, vmap=False,
          purity=False)


def test_grad_average():
    rng = _rng()
    x = rng.normal(size=(3, 4)).astype(F)
    w = rng.uniform(0.5, 2, (4,)).astype(F)
    check(lambda a, w: R.average(a, axis=1, weights=w), None, [x, w], grad=2, jit=False,
          vmap=False, purity=False)


# --- bad input -----------------------------------------------------------------------------------
X = np.ones((2, 3), F)


@pytest.mark.parametrize("call,exc,match", [
    (lambda: R.sum(X, axis=2), np.exceptions.AxisError, r"sum\(\).*axis 2"),
    (lambda: R.mean(X, axis=(0, -3)), np.exceptions.AxisError, r"mean\(\).*axis"),
    (lambda: R.argmax(X, axis=-3), np.exceptions.AxisError, r"argmax\(\).*axis"),
    (lambda: R.cumsum(X, axis=5), np.exceptions.AxisError, r"cumsum\(\).*axis"),
    (lambda: R.sum(np.float32(1), axis=0), np.exceptions.AxisError, "axis"),
    (lambda: R.sum(X, axis=(1, -1)), ValueError, "repeated axis"),
    (lambda: R.min(np.zeros((0, 2), F)), ValueError, r"min\(\).*zero-size"),
    (lambda: R.max(np.zeros((2, 0), F), axis=1), ValueError, "no identity"),
    (lambda: R.nanmax(np.zeros(0, F)), ValueError, "zero-size"),
    (lambda: R.max(X, where=X > 0), ValueError, "initial"),
    (lambda: R.argmin(np.zeros(0, F)), ValueError, "empty"),
    (lambda: R.var(X, ddof="1"), TypeError, "ddof"),
    (lambda: R.std(X, ddof=1j), TypeError, "ddof"),
    (lambda: R.var(X, ddof=1, correction=1), ValueError, "correction"),
    (lambda: R.sum(X, where=np.ones((2, 3), I)), TypeError, "where"),
    (lambda: R.sum(X, where=np.ones((3, 2), B)), ValueError, "where|broadcast"),
    (lambda: R.sum(X, initial=np.ones(2, F)), ValueError, "initial"),
    (lambda: R.sum(X, out=np.zeros(())), NotImplementedError, "out"),
    (lambda: R.sum(X, dtype="not a dtype"), TypeError, "dtype"),
    (lambda: R.argmax(X, axis=(0, 1)), TypeError, "axis"),
    (lambda: R.ptp(np.ones(3, B)), TypeError, "ptp"),
    (lambda: R.cumulative_sum(np.float32(1)), ValueError, "cumulative_sum"),
    (lambda: R.cumulative_sum(X), ValueError, "axis"),
    (lambda: R.average(X, weights=np.ones(3, F)), TypeError, "axis"),
    (lambda: R.average(X, axis=0, weights=np.ones(3, F)), ValueError, "weights"),
    (lambda: R.var(np.ones(3, C), dtype=F), ValueError, "dtype"),
    (lambda: R.sum("abc"), TypeError, "abc|str"),
])
def test_bad_input(call, exc, match):
    with pytest.raises(exc, match=match):
        call()
