"""Products and contractions (matmul, matvec, vecmat, dot, vdot, vecdot, inner, outer,
tensordot, kron, trace, diagonal, einsum, einsum_path) against numpy (reference)
and jax.numpy (peer: values and dtypes), eagerly, under jit and vmap, with
gradients on a sample; plus the einsum lowering (one dot_general per pairwise
contraction) and the error messages."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
import opt_einsum
import pytest

from jaxwrap._src.numpy import tensor as T
from tests.harness import check

F, I, C, B = np.float32, np.int32, np.complex64, np.bool_
TOL = {np.dtype(np.float32): 1e-4, np.dtype(np.complex64): 1e-4}


def _draw(shape, dtype, seed=0):
    rng = np.random.default_rng(seed)
    dtype = np.dtype(dtype)
    if dtype == np.bool_:
        return rng.integers(0, 2, shape).astype(bool)
    if dtype.kind in "iu":
        return rng.integers(-4, 5, shape).astype(dtype)
    x = rng.uniform(-1, 1, shape)
    if dtype.kind == "c":
        x = x + 1j * rng.uniform(-1, 1, shape)
    return x.astype(dtype)


# --- matmul ---------------------------------------------------------------------------------
MATMUL_SHAPES = [
    ((3,), (3,)), ((2, 3), (3,)), ((3,), (3, 4)), ((2, 3), (3, 4)), ((5, 2, 3), (3, 4)),
    ((2, 3), (5, 3, 4)), ((2, 1, 2, 3), (5, 3, 4)), ((1, 2, 3), (4, 3, 2)),
    ((4, 2, 3), (1, 3, 2)), ((3,), (2, 3, 4)), ((2, 4, 3), (3,)), ((2, 0, 3), (3, 4)),
]

MATMUL_GRAD = {((3,), (3,)), ((2, 3), (3, 4)), ((2, 1, 2, 3), (5, 3, 4)), ((3,), (2, 3, 4))}


@pytest.mark.parametrize("sa,sb", MATMUL_SHAPES, ids=str)
def test_matmul_shapes(sa, sb):
    a, b = _draw(sa, F, 1), _draw(sb, F, 2)
    grad = 1 if (sa, sb) in MATMUL_GRAD else 0
    check(T.matmul, np.matmul, (a, b), peer=jnp.matmul, tol=TOL, grad=grad)


@pytest.mark.parametrize("da,db", [(I, I), (C, C), (B, B), (I, F), (F, C), (np.int8, np.uint8)],
                         ids=str)
def test_matmul_dtypes(da, db):
    a, b = _draw((2, 2, 3), da, 1), _draw((3, 4), db, 2)
    check(T.matmul, np.matmul, (a, b), peer=jnp.matmul, tol=TOL,
          grad=1 if np.dtype(da).kind == np.dtype(db).kind == "c" else 0)


def test_matmul_weak_and_lists():
    out = T.matmul([1.0, 2.0], [[1.0], [2.0]])
    ref = jnp.matmul(jnp.asarray([1.0, 2.0]), jnp.asarray([[1.0], [2.0]]))
    assert out.dtype == ref.dtype and out.shape == (1,)
    np.testing.assert_allclose(out, ref)


def test_preferred_element_type():
    a, b = _draw((2, 3), np.int8, 1), _draw((3, 4), np.int8, 2)
    for fn, peer in ((T.matmul, jnp.matmul), (T.dot, jnp.dot), (T.inner, jnp.inner)):
        bb = b.T if fn is T.inner else b
        for pref in (np.int32, np.float32):
            out = fn(a, bb, preferred_element_type=pref)
            exp = peer(a, bb, preferred_element_type=pref)
            assert out.dtype == exp.dtype == np.dtype(pref)
            np.testing.assert_array_equal(out, exp)
    out = T.einsum("ij,jk->ik", a, b, preferred_element_type=np.int32)
    assert out.dtype == np.int32
    np.testing.assert_array_equal(out, a.astype(np.int32) @ b.astype(np.int32))
    with pytest.raises(TypeError, match="matmul.*preferred_element_type"):
        T.matmul(_draw((2, 3), F), _draw((3, 2), F), preferred_element_type=np.int32)


def test_precision_keyword():
    a, b = _draw((2, 3), F, 1), _draw((3, 4), F, 2)
    for p in (None, "highest", jax.lax.Precision.HIGHEST, ("default", "high")):
        np.testing.assert_allclose(T.matmul(a, b, precision=p), a @ b, rtol=1e-5)
    np.testing.assert_allclose(T.einsum("ij,jk", a, b, precision=["highest", "highest"]), a @ b,
                               rtol=1e-5)


# --- dot, vdot, vecdot, inner, outer ------------------------------------------------------------
DOT_SHAPES = [((), (3,)), ((3,), ()), ((3,), (3,)), ((2, 3), (3,)), ((2, 3), (3, 4)),
              ((2, 3, 4), (5, 4, 6)), ((2, 3, 4), (4,)), ((4,), (2, 4, 3))]


@pytest.mark.parametrize("sa,sb", DOT_SHAPES, ids=str)
def test_dot(sa, sb):
    a, b = _draw(sa, F, 3), _draw(sb, F, 4)
    check(T.dot, np.dot, (a, b), peer=jnp.dot, tol=TOL, grad=1 if len(sa) + len(sb) <= 3 else 0)


def test_dot_int_complex():
    check(T.dot, np.dot, (_draw((2, 3), I), _draw((3, 2), I, 1)), peer=jnp.dot)
    check(T.dot, np.dot, (_draw((2, 3), C), _draw((3,), C, 1)), peer=jnp.dot, tol=TOL)


@pytest.mark.parametrize("sa,sb,dt", [((6,), (6,), F), ((2, 3), (3, 2), C), ((2, 2), (4,), I)],
                         ids=str)
def test_vdot(sa, sb, dt):
    check(T.vdot, np.vdot, (_draw(sa, dt, 5), _draw(sb, dt, 6)), peer=jnp.vdot, tol=TOL,
          grad=1 if dt != I else 0)


@pytest.mark.parametrize("sa,sb,axis,dt", [
    ((2, 3), (3,), -1, F), ((2, 1, 3), (4, 3), -1, C), ((3, 2), (3, 2), 0, F),
    ((4, 3), (2, 1, 3), -1, I)], ids=str)
def test_vecdot(sa, sb, axis, dt):
    check(T.vecdot, lambda a, b, axis: np.vecdot(a, b, axis=axis),
          (_draw(sa, dt, 7), _draw(sb, dt, 8)), kwargs={"axis": axis}, peer=jnp.vecdot, tol=TOL,
          grad=1 if dt == C else 0)


# matvec / vecmat: numpy 2.2 gufuncs ((m,n),(n)->(m) and (n),(n,m)->(m), vecmat conjugating
# the vector); the loop axes broadcast.
MATVEC_CASES = [((2, 3), (3,), F), ((4, 2, 3), (3,), F), ((2, 3), (5, 3), F),
                ((2, 1, 2, 3), (4, 3), C), ((3, 2, 4), (1, 4), I), ((2, 3), (3,), B),
                ((0, 2, 3), (3,), F), ((2, 0), (0,), F)]


def _swap_core(sa, sb):
    """(matrix, vector) shapes for matvec -> (vector, matrix) shapes for vecmat."""
    return sb, sa[:-2] + sa[-1:] + sa[-2:-1]


@pytest.mark.parametrize("sa,sb,dt", MATVEC_CASES, ids=str)
def test_matvec(sa, sb, dt):
    grad = 1 if (sa, dt) in {((2, 3), F), ((2, 1, 2, 3), C)} else 0
    check(T.matvec, np.matvec, (_draw(sa, dt, 1), _draw(sb, dt, 2)), peer=jnp.matvec,
          tol=TOL, grad=grad)


@pytest.mark.parametrize("sa,sb,dt", MATVEC_CASES, ids=str)
def test_vecmat(sa, sb, dt):
    va, mb = _swap_core(sa, sb)
    grad = 1 if (sa, dt) in {((2, 3), F), ((2, 1, 2, 3), C)} else 0
    check(T.vecmat, np.vecmat, (_draw(va, dt, 3), _draw(mb, dt, 4)), peer=jnp.vecmat,
          tol=TOL, grad=grad)


def test_matvec_vecmat_mixed_dtypes_and_conjugation():
    m = _draw((3, 2), C, 1)
    v = _draw((3,), C, 2)
    np.testing.assert_allclose(T.vecmat(v, m), np.conj(v) @ m, rtol=1e-5)
    np.testing.assert_allclose(T.matvec(m.T, v), m.T @ v, rtol=1e-5)  # no conjugation
    out = T.matvec(_draw((2, 3), I), [1.0, 2.0, 3.0])
    assert out.dtype == jnp.matvec(_draw((2, 3), I), jnp.asarray([1.0, 2.0, 3.0])).dtype
    jaxpr = jax.make_jaxpr(T.matvec)(np.zeros((7, 1, 2, 3), F), np.zeros((5, 3), F)).jaxpr
    assert _count_prims(jaxpr, "dot_general") == 1
    assert _count_prims(jaxpr, "broadcast_in_dim") == 0


@pytest.mark.parametrize("sa,sb", [((2, 3), (4, 3)), ((), (2, 2)), ((3,), (3,)),
                                   ((2, 2, 3), (3,))], ids=str)
def test_inner(sa, sb):
    check(T.inner, np.inner, (_draw(sa, F, 1), _draw(sb, F, 2)), peer=jnp.inner, tol=TOL,
          grad=1 if sa == (2, 3) else 0)


@pytest.mark.parametrize("sa,sb,dt", [((3,), (2, 2), F), ((2, 2), (3,), I), ((), (2,), B)],
                         ids=str)
def test_outer(sa, sb, dt):
    check(T.outer, np.outer, (_draw(sa, dt, 1), _draw(sb, dt, 2)), peer=jnp.outer,
          grad=1 if dt == F else 0)


# --- tensordot, kron --------------------------------------------------------------------------
TENSORDOT = [
    ((2, 3, 4), (3, 4, 5), 2), ((2, 3), (3, 4), 1), ((2, 3), (4,), 0),
    ((3, 2, 4), (2, 3, 5), ([1, 0], [0, 1])), ((2, 3), (4, 3), (1, 1)),
    ((2, 3, 4), (4, 2), ([2, 0], [0, 1])), ((2, 3, 4), (4, 5), ([-1], [0])),
]


@pytest.mark.parametrize("sa,sb,axes", TENSORDOT, ids=str)
def test_tensordot(sa, sb, axes):
    a, b = _draw(sa, F, 1), _draw(sb, F, 2)
    fn = lambda a, b: T.tensordot(a, b, axes)
    check(fn, lambda a, b: np.tensordot(a, b, axes), (a, b),
          peer=lambda a, b: jnp.tensordot(a, b, axes), tol=TOL, grad=1 if axes == 2 else 0)


def test_tensordot_int_and_array_axes():
    a, b = _draw((2, 3), I, 1), _draw((3, 2), I, 2)
    np.testing.assert_array_equal(T.tensordot(a, b, np.array([[1], [0]])),
                                  np.tensordot(a, b, ([1], [0])))


@pytest.mark.parametrize("sa,sb,dt", [((2, 3), (4, 5), F), ((2,), (3, 4), I),
                                      ((2, 2, 2), (3,), F), ((2, 2), (2, 2), B)], ids=str)
def test_kron(sa, sb, dt):
    # jax.numpy.kron rejects booleans (lax.mul); numpy and jaxwrap accept them
    check(T.kron, np.kron, (_draw(sa, dt, 1), _draw(sb, dt, 2)), peer=None if dt == B else jnp.kron,
          grad=1 if dt == F and sa == (2, 3) else 0)


# --- diagonal, trace --------------------------------------------------------------------------
DIAG = [((4, 4), 0, 0, 1), ((3, 5), 2, 0, 1), ((5, 3), -2, 0, 1), ((2, 3, 4), 1, 1, 2),
        ((2, 3, 4), -1, 2, 0), ((3, 3), 4, 0, 1), ((2, 3, 3), 0, -1, -2), ((0, 3), 0, 0, 1)]


@pytest.mark.parametrize("shp,offset,axis1,axis2", DIAG, ids=str)
def test_diagonal_and_trace(shp, offset, axis1, axis2):
    x = _draw(shp, F, 9)
    kw = {"offset": offset, "axis1": axis1, "axis2": axis2}
    grad = 1 if (shp, offset) in (((3, 5), 2), ((2, 3, 4), -1)) else 0
    check(T.diagonal, np.diagonal, (x,), kwargs=kw, peer=jnp.diagonal, grad=grad)
    check(T.trace, np.trace, (x,), kwargs=kw, peer=jnp.trace, tol=TOL, grad=grad)


@pytest.mark.parametrize("dt,dtype", [(np.int8, None), (B, None), (np.uint8, None), (I, F),
                                      (C, None)], ids=str)
def test_trace_dtypes(dt, dtype):
    x = _draw((3, 4), dt, 2)
    check(T.trace, lambda x, dtype: np.trace(x, dtype=dtype), (x,), kwargs={"dtype": dtype},
          peer=jnp.trace, tol=TOL, vmap=False)


# --- einsum ---------------------------------------------------------------------------------
EINSUM = [
    ("ij,jk->ik", [(2, 3), (3, 4)]),
    ("ij,jk", [(2, 3), (3, 4)]),
    ("ii->", [(3, 3)]),
    ("ii->i", [(3, 3)]),
    ("ii", [(3, 3)]),
    ("iij->j", [(3, 3, 4)]),
    ("iii->i", [(2, 2, 2)]),
    ("ij->ji", [(2, 3)]),
    ("ij->", [(2, 3)]),
    ("ij->j", [(2, 3)]),
    ("i,j->ij", [(2,), (3,)]),
    ("i,i->", [(4,), (4,)]),
    ("i,i->i", [(4,), (4,)]),
    ("ab,ab->ba", [(2, 3), (2, 3)]),
    ("bij,bjk->bik", [(2, 3, 4), (2, 4, 5)]),
    ("...ij,...jk->...ik", [(2, 1, 3, 4), (5, 4, 2)]),
    ("...i,...i->...", [(3, 4), (4,)]),
    ("ij...,jk...->ik...", [(2, 3, 5), (3, 4, 5)]),
    ("ijk,jil->kl", [(2, 3, 4), (3, 2, 5)]),
    ("ij,jk,kl->il", [(2, 30), (30, 40), (40, 3)]),
    ("abc,cd,bde->ae", [(2, 3, 4), (4, 5), (3, 5, 2)]),
    ("ea,fb,abcd,gc,hd->efgh", [(2, 3), (2, 2), (3, 2, 4, 3), (2, 4), (3, 3)]),
    ("iij,jk->ik", [(3, 3, 4), (4, 2)]),
    ("ij,ij,ij->ij", [(2, 3), (2, 3), (2, 3)]),
    ("i,j,k->ijk", [(2,), (3,), (2,)]),
    ("ij,kl->", [(2, 3), (2, 2)]),
    ("ijk,ikj->i", [(2, 3, 4), (2, 4, 3)]),
    ("ii,ij->j", [(3, 3), (3, 2)]),
    (",->", [(), ()]),
    ("i,->i", [(3,), ()]),
]

# gradients on a sample covering diagonals, sums, ellipsis, 3 operands and scalars
EINSUM_GRAD = {"ij,jk->ik", "ii->i", "iij->j", "...i,...i->...", "abc,cd,bde->ae",
               "iij,jk->ik", "ij,kl->", "i,->i"}


@pytest.mark.parametrize("spec,shapes", EINSUM, ids=[e[0] or "scalars" for e in EINSUM])
def test_einsum(spec, shapes):
    ops = [_draw(s, F, k) for k, s in enumerate(shapes)]
    fn = lambda *ops: T.einsum(spec, *ops)
    check(fn, lambda *o: np.einsum(spec, *o), ops, peer=lambda *o: jnp.einsum(spec, *o),
          tol=TOL, grad=1 if spec in EINSUM_GRAD else 0, vmap=len(ops) < 4)


@pytest.mark.parametrize("dt", [I, C, B], ids=str)
def test_einsum_dtypes(dt):
    a, b, c = _draw((2, 3), dt, 1), _draw((3, 3, 4), dt, 2), _draw((4,), dt, 3)
    spec = "ij,jjk,k->i"
    check(lambda *o: T.einsum(spec, *o), lambda *o: np.einsum(spec, *o), (a, b, c),
          peer=lambda *o: jnp.einsum(spec, *o), tol=TOL, vmap=False)


def test_einsum_mixed_dtypes_and_weak():
    a, b = _draw((2, 3), I, 1), _draw((3,), F, 2)
    out = T.einsum("ij,j->i", a, b)
    assert out.dtype == jnp.einsum("ij,j->i", a, b).dtype
    np.testing.assert_allclose(out, np.einsum("ij,j->i", a, b), rtol=1e-5)
    out = T.einsum("i,->i", b, 2.0)
    assert out.dtype == np.float32


def test_einsum_interleaved():
    a, b = _draw((2, 3), F, 1), _draw((3, 4), F, 2)
    np.testing.assert_allclose(T.einsum(a, [0, 1], b, [1, 2], [0, 2]), a @ b, rtol=1e-5)
    np.testing.assert_allclose(T.einsum(a, [0, 1], b, [1, 2]), a @ b, rtol=1e-5)
    x = _draw((5, 2, 3), F, 3)
    np.testing.assert_allclose(T.einsum(x, [Ellipsis, 0, 1], b, [1, 2], [Ellipsis, 0, 2]),
                               x @ b, rtol=1e-5)


@pytest.mark.parametrize("optimize", ["optimal", "greedy", "auto", True, False, "path"], ids=str)
def test_einsum_optimize(optimize):
    shapes = [(2, 30), (30, 40), (40, 3), (3, 2)]
    ops = [_draw(s, F, k) for k, s in enumerate(shapes)]
    spec = "ij,jk,kl,lm->im"
    if optimize == "path":
        optimize, report = T.einsum_path(spec, *ops, optimize="optimal")
        assert optimize[0] == "einsum_path" and "Complete contraction" in report
    out = T.einsum(spec, *ops, optimize=optimize)
    np.testing.assert_allclose(out, np.einsum(spec, *ops), rtol=1e-4)


def test_einsum_path_matches_numpy_order():
    shapes = [(2, 30), (30, 40), (40, 3)]
    ops = [_draw(s, F, k) for k, s in enumerate(shapes)]
    path, report = T.einsum_path("ij,jk,kl->il", *ops, optimize="greedy")
    np_path, _ = np.einsum_path("ij,jk,kl->il", *ops, optimize="greedy")
    assert path == np_path
    assert isinstance(report, str)
    # an opt_einsum-style path (no 'einsum_path' marker) is accepted too
    out = T.einsum("ij,jk,kl->il", *ops, optimize=path[1:])
    np.testing.assert_allclose(out, np.einsum("ij,jk,kl->il", *ops), rtol=1e-4)


def _count_prims(jaxpr, name):
    n = 0
    for eqn in jaxpr.eqns:
        n += eqn.primitive.name == name
        for v in eqn.params.values():
            for sub in (v if isinstance(v, (list, tuple)) else (v,)):
                inner = getattr(sub, "jaxpr", sub)
                if hasattr(inner, "eqns"):
                    n += _count_prims(inner, name)
    return n


@pytest.mark.parametrize("spec,shapes", [e for e in EINSUM if len(e[1]) > 1],
                         ids=[e[0] or "scalars" for e in EINSUM if len(e[1]) > 1])
def test_einsum_one_dot_general_per_pair(spec, shapes):
    ops = [np.zeros(s, F) for s in shapes]
    _, steps = opt_einsum.contract_path(spec, *ops, einsum_call=True, optimize="auto")
    pairs = sum(len(s[0]) - 1 for s in steps)
    jaxpr = jax.make_jaxpr(lambda *o: T.einsum(spec, *o))(*ops).jaxpr
    assert _count_prims(jaxpr, "dot_general") == pairs


def test_matmul_broadcast_is_not_materialised():
    a, b = np.zeros((7, 1, 2, 3), F), np.zeros((5, 3, 4), F)
    jaxpr = jax.make_jaxpr(T.matmul)(a, b).jaxpr
    assert _count_prims(jaxpr, "dot_general") == 1
    assert _count_prims(jaxpr, "broadcast_in_dim") == 0


# --- bad input --------------------------------------------------------------------------------
def test_errors():
    m23, m34, v3 = np.ones((2, 3)), np.ones((3, 4)), np.ones(3)
    with pytest.raises(ValueError, match="matmul.*0-d"):
        T.matmul(np.float32(2), m23)
    with pytest.raises(ValueError, match=r"matmul.*3.*\(2, 3\).*2.*\(2, 3\)"):
        T.matmul(m23, m23)
    with pytest.raises(ValueError, match="matmul.*broadcast"):
        T.matmul(np.ones((2, 2, 3)), np.ones((4, 3, 4)))
    with pytest.raises(TypeError, match="matmul"):
        T.matmul("abc", m34)
    with pytest.raises(ValueError, match="dot.*not aligned"):
        T.dot(m34, m23)
    with pytest.raises(ValueError, match="vdot.*same number"):
        T.vdot(m23, v3)
    with pytest.raises(ValueError, match="vecdot.*same length"):
        T.vecdot(m23, np.ones(2))
    with pytest.raises(ValueError, match=r"matvec.*x1.*1 dimension"):
        T.matvec(v3, v3)
    with pytest.raises(ValueError, match=r"matvec.*x2.*0 dimension"):
        T.matvec(m23, 2.0)
    with pytest.raises(ValueError, match="matvec.*mismatch"):
        T.matvec(m23, np.ones(2))
    with pytest.raises(ValueError, match="matvec.*broadcast"):
        T.matvec(np.ones((2, 2, 3)), np.ones((4, 3)))
    with pytest.raises(ValueError, match=r"vecmat.*x2.*1 dimension"):
        T.vecmat(v3, v3)
    with pytest.raises(ValueError, match="vecmat.*mismatch"):
        T.vecmat(np.ones(2), m34)
    with pytest.raises(TypeError, match="vecmat"):
        T.vecmat("abc", m34)
    with pytest.raises(ValueError, match="inner.*last dimensions"):
        T.inner(m23, m34)
    with pytest.raises(ValueError, match="tensordot.*shape-?mismatch|tensordot.*length"):
        T.tensordot(m23, m23, ([1], [1 - 1]))
    with pytest.raises(ValueError, match="tensordot.*exceeds"):
        T.tensordot(m23, v3, 2)
    with pytest.raises(TypeError, match="tensordot.*axes"):
        T.tensordot(m23, m34, "x")
    with pytest.raises(np.exceptions.AxisError, match="tensordot"):
        T.tensordot(m23, m34, ([5], [0]))
    with pytest.raises(ValueError, match="diagonal.*at least 2"):
        T.diagonal(v3)
    with pytest.raises(ValueError, match="diagonal.*same axis"):
        T.diagonal(m23, 0, 1, -1)
    with pytest.raises(np.exceptions.AxisError, match="trace.*axis2"):
        T.trace(m23, 0, 0, 4)
    with pytest.raises(ValueError, match="einsum"):
        T.einsum("ij,jk->ik", m23, m23)
    with pytest.raises(ValueError, match="einsum"):
        T.einsum("ij,jk->ik", m23)
    with pytest.raises(ValueError, match="einsum.*operand"):
        T.einsum("")
    with pytest.raises(NotImplementedError, match="out"):
        T.einsum("ij", m23, out=m23)
    with pytest.raises(TypeError, match="einsum.*optimize"):
        T.einsum("ij", m23, optimize=3.5)
