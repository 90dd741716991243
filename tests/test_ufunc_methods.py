"""ufunc objects and methods (issue 15 / issue 12): ``ufunc.at`` and ``bincount`` as one
scatter, the generic at / reduce / accumulate / reduceat compiled once per ufunc and
static arguments, jax's set of ufunc objects, nargs, read-only attributes, and the
import layering (ufunc_object above ufuncs / reductions / structure).

Values are compared with numpy (duplicates accumulate, negative indices wrap) and,
where numpy has no answer (out-of-bounds indices, gradients), with jax.numpy.
"""

from __future__ import annotations

import ast
import contextlib
import pathlib

import jax
import jax.numpy as jnp
import numpy as np
import pytest

import jaxwrap.numpy as W
from tests.harness import assert_close

SRC = pathlib.Path(__file__).resolve().parents[1] / "jaxwrap" / "_src" / "numpy"
RNG = np.random.default_rng(15)
N, M = 7, 40                          # target length, number of (repeated) updates
IDX = RNG.integers(-N, N, M).astype(np.int32)        # negative ones wrap, many repeats
VALS = RNG.standard_normal(M).astype(np.float32)
BASE = RNG.standard_normal(N).astype(np.float32)


def _walk(jaxpr):
    for e in jaxpr.eqns:
        yield e.primitive.name
        for p in e.params.values():
            for sub in p if isinstance(p, tuple | list) else (p,):
                inner = getattr(sub, "jaxpr", sub)
                if hasattr(inner, "eqns"):
                    yield from _walk(inner)


def _prims(fn, *args):
    """Primitive names of ``fn``'s jaxpr, nested jaxprs (jit, scan) included."""
    return list(_walk(jax.make_jaxpr(fn)(*args).jaxpr))


def _scatters(prims):
    return [p for p in prims if p.startswith("scatter")]


# --- one scatter -----------------------------------------------------------------------------
SCATTER_AT = [("add", "scatter_add"), ("subtract", "scatter_sub"),
              ("multiply", "scatter_mul"), ("minimum", "scatter_min"),
              ("maximum", "scatter_max")]


@pytest.mark.parametrize("name,prim", SCATTER_AT)
def test_at_is_one_scatter(name, prim):
    uf = getattr(W, name)
    f = jax.jit(lambda z, i, v: uf.at(z, i, v, inplace=False))
    prims = _prims(f, BASE, IDX, VALS)
    assert _scatters(prims) == [prim] and "scan" not in prims and "while" not in prims, prims
    got = f(BASE, IDX, VALS)
    ref = BASE.copy()
    getattr(np, name).at(ref, IDX, VALS)
    # float32 accumulation of up to ~15 repeats per slot in a different order than numpy.
    assert_close(got, ref, tol=1e-5, check_dtype=np.float32)


def test_at_scatter_int_2d_and_bool():
    x = np.arange(12, dtype=np.int32).reshape(4, 3)
    rows, cols = np.array([0, -1, 0, 2]), np.array([1, 1, 1, 0])
    ref = x.copy()
    np.add.at(ref, (rows, cols), 5)
    assert_close(W.add.at(x, (rows, cols), 5, inplace=False), ref, check_dtype=np.int32)
    ref = x.copy()
    np.maximum.at(ref, rows, np.array([3, 20, 1], np.int32))    # whole rows, b broadcast
    assert_close(W.maximum.at(x, rows, np.array([3, 20, 1], np.int32), inplace=False), ref,
                 check_dtype=np.int32)
    b = np.array([False, True, False, False])
    i = np.array([0, 1, 1, 3])
    for name, v in [("logical_or", 2), ("logical_and", 0), ("add", True),
                    ("multiply", False), ("bitwise_or", True)]:
        uf = getattr(W, name)
        ref = b.copy()
        getattr(np, name).at(ref, i, v)
        assert _scatters(_prims(lambda z, u=uf, v=v: u.at(z, i, v, inplace=False), b)), name
        assert_close(uf.at(b, i, v, inplace=False), ref, check_dtype=np.bool_, err=name)


def test_at_out_of_bounds_dropped_like_jax():
    i = np.array([1, 9, -9, 1], np.int32)          # 9 and -9 are out of bounds for 7
    v = np.float32(2.0)
    for name in ("add", "logaddexp"):                # scatter path and generic path
        got = getattr(W, name).at(BASE, i, v, inplace=False)
        want = getattr(jnp, name).at(jnp.asarray(BASE), i, v, inplace=False)
        assert_close(got, np.asarray(want), tol=1e-6, check_dtype=np.float32, err=name)


def test_at_generic_path_and_promotion():
    # No scatter counterpart: a scan applying the ufunc once per (repeated) index.
    ref = BASE.copy()
    np.logaddexp.at(ref, IDX, VALS)
    prims = _prims(lambda z, i, v: W.logaddexp.at(z, i, v, inplace=False), BASE, IDX, VALS)
    assert not _scatters(prims) and "scan" in prims
    assert_close(W.logaddexp.at(BASE, IDX, VALS, inplace=False), ref, tol=1e-5,
                 check_dtype=np.float32)   # 40 sequential steps in float32
    ref = BASE.copy()
    np.negative.at(ref, IDX[:5])
    assert_close(W.negative.at(BASE, IDX[:5], inplace=False), ref, check_dtype=np.float32)
    # b of a wider kind than a: computed in the promoted dtype, then cast (a's dtype kept).
    x = np.array([1, 2, 3], np.int32)
    got = W.add.at(x, np.array([0, 0]), np.array([-0.6, -0.6], np.float32), inplace=False)
    assert_close(got, np.array([0, 2, 3], np.int32), check_dtype=np.int32)
    assert_close(W.subtract.at(x, [2, 2], 1, inplace=False), np.array([1, 2, 1], np.int32),
                 check_dtype=np.int32)


def test_at_vmap_matches_jax():
    zs = np.stack([BASE, BASE * 2])
    vs = np.stack([VALS, VALS[::-1]])
    for name in ("add", "logaddexp"):              # scatter path and generic path
        got = jax.vmap(lambda z, v, n=name: getattr(W, n).at(z, IDX, v, inplace=False))(zs, vs)
        want = jax.vmap(lambda z, v, n=name: getattr(jnp, n).at(z, IDX, v, inplace=False))(
            zs, vs)
        # float32 sums of up to ~15 repeats in an order that may differ from jax's.
        assert_close(got, np.asarray(want), tol=1e-5, check_dtype=np.float32, err=name)


def test_at_gradients_match_jax():
    with jax.enable_x64(True):
        z = BASE.astype(np.float64)
        v = (VALS[:12] * 3).astype(np.float64)
        i = np.array([0, 3, 3, 1, -1, 0, 6, 2, 3, 5, 5, 0], np.int32)
        ct = np.linspace(0.5, 2.0, N)
        pairs = [(W.add, "add"), (W.subtract, "subtract"), (W.multiply, "multiply"),
                 (W.minimum, "min"), (W.maximum, "max")]

        def ours(z, v):
            return tuple(W.sum(W.multiply(uf.at(z, i, v, inplace=False), ct))
                         for uf, _ in pairs)

        def theirs(z, v):
            return tuple(jnp.sum(getattr(z.at[i], m)(v) * ct) for _, m in pairs)
        got = jax.jit(jax.jacrev(ours, argnums=(0, 1)))(z, v)
        dz = jax.jit(jax.jacrev(theirs))(z, v)
        no_mul = [m for _, m in pairs if m != "multiply"]
        dv = list(jax.jit(jax.jacrev(lambda v: tuple(
            jnp.sum(getattr(jnp.asarray(z).at[i], m)(v) * ct) for m in no_mul)))(v))
        # jax has no derivative of multiply's updates at repeated indices: numpy's product
        # rule instead, d out[j] / d v[k] = z[j] * (product of the other v landing on j).
        jac = np.zeros((N, len(v)))
        for k, j in enumerate(i % N):
            others = [v[m] for m in range(len(v)) if i[m] % N == j and m != k]
            jac[j, k] = z[j] * np.prod(others)
        dv.insert(2, ct @ jac)
        want = tuple((np.asarray(a), np.asarray(b)) for a, b in zip(dz, dv))
        assert_close(got, want, tol=1e-12,
                     check_dtype=tuple((np.float64, np.float64) for _ in pairs))


def test_bincount_weights_one_scatter():
    x = RNG.integers(-2, 12, 50).astype(np.int32)
    w = RNG.standard_normal(50).astype(np.float32)
    f = jax.jit(lambda x, w: W.bincount(x, w, length=10))
    assert _scatters(_prims(f, x, w)) == ["scatter_add"]
    ref = np.bincount(np.clip(x, 0, None), w, minlength=10)[:10]   # jax: negatives count as 0
    assert_close(f(x, w), ref.astype(np.float32), tol=1e-5, check_dtype=np.float32)


# --- compiled once ---------------------------------------------------------------------------
_COMPILES = [0]
_COUNTING = [False]


def _on_event(event, _secs, **_kw):
    if _COUNTING[0] and event == "/jax/core/compile/backend_compile_duration":
        _COMPILES[0] += 1


jax.monitoring.register_event_duration_secs_listener(_on_event)


@contextlib.contextmanager
def _count_compiles():
    _COMPILES[0], _COUNTING[0] = 0, True
    try:
        yield _COMPILES
    finally:
        _COUNTING[0] = False


def test_eager_methods_compile_once():
    f = W.frompyfunc(lambda a, b: W.add(W.multiply(a, 2), b), 2, 1)
    x = np.arange(6, dtype=np.float32).reshape(2, 3)
    calls = [
        lambda: W.subtract.reduce(x, axis=1),
        lambda: W.logaddexp.accumulate(x, axis=1),
        lambda: W.subtract.reduceat(x, [0, 2], axis=1),
        lambda: W.add.at(x, np.array([0, 0]), 1.0, inplace=False),
        lambda: W.logaddexp.at(x, np.array([1, 1]), 1.0, inplace=False),
        lambda: f.reduce(x, axis=0),
        lambda: f.at(x, (np.array([1]), np.array([2])), 1.0, inplace=False),
    ]
    for k, call in enumerate(calls):
        first = call()
        with _count_compiles() as n:
            again = call()
        assert n[0] == 0, f"call {k} compiled {n[0]} program(s) the second time"
        assert_close(again, np.asarray(first), check_dtype=first.dtype)


# --- the objects -----------------------------------------------------------------------------
def test_ufunc_objects_are_jax_set():
    ours = {n for n in dir(W) if isinstance(getattr(W, n), W.ufunc)}
    theirs = {n for n in dir(jnp) if isinstance(getattr(jnp, n), jnp.ufunc)}
    assert ours == theirs and len(ours) == 14
    for name in ("fix", "isposinf", "isneginf", "real", "imag", "sin", "divide"):
        assert callable(getattr(W, name)) and not isinstance(getattr(W, name), W.ufunc)
    for name in sorted(ours):
        w, j = getattr(W, name), getattr(jnp, name)
        assert (w.nin, w.nout, w.nargs, w.identity) == (j.nin, j.nout, j.nargs, j.identity)
    g = W.ufunc(W.add, 2, 1, nargs=3)
    assert (g.nargs, W.frompyfunc(lambda a: a, 1, 1).nargs) == (3, 1)


@pytest.mark.parametrize("attr", ["nin", "nout", "nargs", "identity", "__name__", "extra"])
def test_ufunc_attributes_read_only(attr):
    with pytest.raises(AttributeError, match="read-only"):
        setattr(W.add, attr, 5)
    assert W.add.nin == 2 and W.add.__name__ == "add"


def test_reduceat_empty_indices():
    x = np.arange(10, dtype=np.int32).reshape(2, 5)
    for name in ("add", "subtract"):
        got = getattr(W, name).reduceat(x, [], axis=1)
        want = getattr(np, name).reduceat(x, np.array([], np.intp), axis=1)
        assert got.shape == want.shape == (2, 0)
        assert got.dtype == jnp.add.reduceat(jnp.asarray(x), jnp.array([], int), axis=1).dtype
    with pytest.raises(TypeError, match="integers"):
        W.add.reduceat(x, [0.5], axis=1)


def test_bad_arguments_name_the_method():
    with pytest.raises(ValueError, match="add.at.*inplace"):
        W.add.at(BASE, IDX, VALS)
    with pytest.raises(TypeError, match="add.at.*integer"):
        W.add.at(BASE, slice(0, 2), 1.0, inplace=False)
    with pytest.raises(IndexError, match="add.at.*integers"):
        W.add.at(BASE, np.array([0.5]), 1.0, inplace=False)
    with pytest.raises(ValueError, match="negative.at"):
        W.negative.at(BASE, IDX, VALS, inplace=False)


# --- layering --------------------------------------------------------------------------------
def _imports(path, module_level_only=False):
    tree = ast.parse(path.read_text())
    nodes = tree.body if module_level_only else ast.walk(tree)
    out = set()
    for node in nodes:
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            out |= {node.module} if node.module else {a.name for a in node.names}
    return out


def test_imports_run_one_way():
    above = {"ufunc_object"}
    for mod, banned in [("ufuncs", above | {"reductions", "structure"}),
                        ("reductions", above | {"structure"}),
                        ("indexing", above), ("shape", above)]:
        assert not _imports(SRC / f"{mod}.py") & banned, mod
    # structure: nothing at module level (a transitional lazy re-export aside).
    assert not _imports(SRC / "structure.py", module_level_only=True) & (above | {"ufuncs"})
    assert {"reductions", "ufuncs", "structure", "indexing"} <= _imports(SRC / "ufunc_object.py")
