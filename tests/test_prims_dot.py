"""dot_general (jaxwrap_extend/_prims/dot.py) against jax.lax.dot_general.

A table of dimension-number cases (matmul, vector dot, outer product, batch
dimensions in any position, several contracting dimensions paired out of
order, empty and size-1 dimensions) drives the value checks (eager and jit),
vmap against a Python loop with every combination of batched operands,
check_grads, and primitive purity.
"""

from __future__ import annotations

import jax
import numpy as np
import pytest
from jax import lax
from jax.test_util import check_grads

from jaxwrap_extend._prims import dot as D
from jaxwrap_extend._prims.reductions import reduce_sum
from tests.harness import foreign_primitives

F32, I32, C64, BOOL = (np.dtype(t) for t in (np.float32, np.int32, np.complex64, np.bool_))


def make(shape, dtype, rng):
    dtype = np.dtype(dtype)
    if dtype == BOOL:
        return rng.random(shape) < 0.5
    if dtype.kind in "iu":
        return rng.integers(-4 if dtype.kind == "i" else 0, 5, shape).astype(dtype)
    if dtype.kind == "c":
        return (rng.standard_normal(shape) + 1j * rng.standard_normal(shape)).astype(dtype)
    return rng.standard_normal(shape).astype(dtype)


# (id, lhs shape, rhs shape, ((lhs_contract, rhs_contract), (lhs_batch, rhs_batch)))
CASES = [
    ("matmul", (3, 4), (4, 5), (((1,), (0,)), ((), ()))),
    ("matmul_t", (4, 3), (5, 4), (((0,), (1,)), ((), ()))),
    ("vecdot", (4,), (4,), (((0,), (0,)), ((), ()))),
    ("matvec", (3, 4), (4,), (((1,), (0,)), ((), ()))),
    ("outer", (3,), (2,), (((), ()), ((), ()))),
    ("scalar_times", (), (2, 3), (((), ()), ((), ()))),
    ("bmm", (2, 3, 4), (2, 4, 5), (((2,), (1,)), ((0,), (0,)))),
    ("batch_inside", (3, 2, 4), (4, 5, 2), (((2,), (0,)), ((1,), (2,)))),
    ("two_contract_swapped", (2, 3, 4), (4, 2, 5), (((0, 2), (1, 0)), ((), ()))),
    ("two_batch_swapped", (2, 3, 4, 5), (3, 2, 5, 6), (((3,), (2,)), ((0, 1), (1, 0)))),
    ("batch_only", (2, 3), (2, 3), (((), ()), ((0, 1), (0, 1)))),
    ("full_contract", (3, 4), (3, 4), (((0, 1), (0, 1)), ((), ()))),
    ("empty_contract", (3, 0), (0, 2), (((1,), (0,)), ((), ()))),
    ("empty_free", (0, 4), (4, 2), (((1,), (0,)), ((), ()))),
    ("size1", (1, 4, 1), (4, 1), (((1,), (0,)), ((), ()))),
]
IDS = [c[0] for c in CASES]
BY_ID = {c[0]: c for c in CASES}
OTHER_DTYPES = {I32: ("matmul", "bmm", "two_contract_swapped"),
                C64: ("matmul", "batch_inside", "vecdot"),
                BOOL: ("matmul", "outer")}
VALUE_CASES = ([(c, F32) for c in IDS]
               + [(c, dt) for dt, cs in OTHER_DTYPES.items() for c in cs])


def _args(case_id, dtype, seed=0):
    _, ls, rs, _ = BY_ID[case_id]
    r = np.random.default_rng(seed)
    return make(ls, dtype, r), make(rs, dtype, r)


def _assert_close(out, ref, tol=2e-5):
    out, ref = np.asarray(out), np.asarray(ref)
    assert out.dtype == ref.dtype, (out.dtype, ref.dtype)
    assert out.shape == ref.shape, (out.shape, ref.shape)
    if out.dtype.kind in "fc":
        np.testing.assert_allclose(out, ref, rtol=tol, atol=tol)
    else:
        np.testing.assert_array_equal(out, ref)


# --- values ---------------------------------------------------------------------------------
@pytest.mark.parametrize("case_id,dtype", VALUE_CASES,
                         ids=[f"{c}-{d.name}" for c, d in VALUE_CASES])
def test_eager_and_jit(case_id, dtype):
    dn = BY_ID[case_id][3]
    lhs, rhs = _args(case_id, dtype)
    ref = lax.dot_general(lhs, rhs, dn, precision=lax.Precision.HIGHEST)
    f = lambda a, b: D.dot_general(a, b, dn, precision="highest")
    _assert_close(f(lhs, rhs), ref)
    _assert_close(jax.jit(f)(lhs, rhs), ref)


PREFERRED = [(np.int8, np.int32), (np.int8, np.float32), (np.float16, np.float32),
             (np.int32, np.int32), (np.bool_, np.int32)]


@pytest.mark.parametrize("src,dst", PREFERRED, ids=[f"{np.dtype(s).name}->{np.dtype(d).name}"
                                                    for s, d in PREFERRED])
def test_preferred_element_type(src, dst):
    dn = BY_ID["bmm"][3]
    lhs, rhs = _args("bmm", src)
    out = D.dot_general(lhs, rhs, dn, preferred_element_type=dst)
    ref = lax.dot_general(lhs, rhs, dn, preferred_element_type=dst)
    assert out.dtype == np.dtype(dst)
    _assert_close(out, ref, tol=1e-2)


def test_precision_forms_and_lowering():
    lhs, rhs = _args("matmul", F32)
    dn = BY_ID["matmul"][3]
    ref = lax.dot_general(lhs, rhs, dn, precision=lax.Precision.HIGHEST)
    for p in ("highest", "HIGHEST", "float32", lax.Precision.HIGHEST,
              (lax.Precision.HIGHEST, "highest"), ("default", None), None):
        _assert_close(D.dot_general(lhs, rhs, dn, precision=p), ref, tol=1e-2)
    text = jax.jit(lambda a, b: D.dot_general(a, b, dn, precision=("high", "highest"))).lower(
        lhs, rhs).as_text()
    assert "stablehlo.dot_general" in text and "precision = [HIGH, HIGHEST]" in text
    text = jax.jit(lambda a, b: D.dot_general(a, b, dn)).lower(lhs, rhs).as_text()
    assert "precision" not in text


# --- vmap against a Python loop ------------------------------------------------------------------
B = 3
VMAP_CASES = ["matmul", "vecdot", "outer", "bmm", "batch_inside", "two_contract_swapped",
              "two_batch_swapped", "scalar_times"]


def _specs(lnd, rnd):
    """(lhs in_axis, rhs in_axis): one side only, both, first and last positions."""
    return [(0, None), (None, 0), (0, 0), (lnd, None), (None, rnd), (lnd, rnd), (min(1, lnd), 0)]


@pytest.mark.parametrize("case_id", VMAP_CASES)
def test_vmap(case_id):
    _, ls, rs, dn = BY_ID[case_id]
    f = lambda a, b: D.dot_general(a, b, dn, precision="highest")
    r = np.random.default_rng(1)
    lhs = [make(ls, F32, r) for _ in range(B)]
    rhs = [make(rs, F32, r) for _ in range(B)]
    for la, ra in _specs(len(ls), len(rs)):
        args = [v[0] if ax is None else np.stack(v, axis=ax)
                for v, ax in ((lhs, la), (rhs, ra))]
        out = jax.vmap(f, in_axes=(la, ra))(*args)
        ref = np.stack([lax.dot_general(lhs[0 if la is None else k], rhs[0 if ra is None else k],
                                        dn, precision=lax.Precision.HIGHEST) for k in range(B)])
        _assert_close(out, ref)


def test_vmap_nested():
    _, ls, rs, dn = BY_ID["batch_inside"]
    r = np.random.default_rng(2)
    lhs, rhs = make((2, 3) + ls, F32, r), make((3, 2) + rs, F32, r)
    f = lambda a, b: D.dot_general(a, b, dn, precision="highest")
    out = jax.vmap(jax.vmap(f, in_axes=(1, 0)), in_axes=(0, 1))(lhs, rhs)
    ref = jax.vmap(jax.vmap(lambda a, b: lax.dot_general(a, b, dn, precision="highest"),
                            in_axes=(1, 0)), in_axes=(0, 1))(lhs, rhs)
    _assert_close(out, ref)


# --- gradients ------------------------------------------------------------------------------------
GRAD_CASES = ["matmul", "vecdot", "outer", "batch_inside", "two_contract_swapped",
              "two_batch_swapped", "size1"]


@pytest.mark.parametrize("case_id", GRAD_CASES)
def test_grads(case_id):
    dn = BY_ID[case_id][3]
    lhs, rhs = _args(case_id, F32)
    f = jax.jit(lambda a, b: D.dot_general(a, b, dn, precision="highest"))
    check_grads(f, (lhs, rhs), order=2, modes=("fwd", "rev"), atol=1e-2, rtol=1e-2, eps=1e-2)


def _vjp(dot, lhs, rhs, ct):
    return jax.jit(lambda a, b, c: jax.vjp(dot, a, b)[1](c))(lhs, rhs, ct)


def test_grads_match_jax():
    for case_id in ("two_batch_swapped", "batch_inside", "scalar_times", "empty_contract"):
        dn = BY_ID[case_id][3]
        lhs, rhs = _args(case_id, F32)
        ct = make(lax.dot_general(lhs, rhs, dn).shape, F32, np.random.default_rng(3))
        ours = _vjp(lambda a, b, d=dn: D.dot_general(a, b, d, precision="highest"), lhs, rhs, ct)
        theirs = _vjp(lambda a, b, d=dn: lax.dot_general(a, b, d, precision="highest"),
                      lhs, rhs, ct)
        for o, t in zip(ours, theirs):
            _assert_close(o, t, tol=1e-5)


def test_complex_and_mixed_precision_grads():
    dn = BY_ID["batch_inside"][3]
    lhs, rhs = _args("batch_inside", C64)
    check_grads(jax.jit(lambda a, b: D.dot_general(a, b, dn, precision="highest")), (lhs, rhs),
                order=1, modes=("fwd", "rev"), atol=1e-2, rtol=1e-2, eps=1e-2)
    # float16 operands accumulated in float32: cotangents come back as float16.
    lhs, rhs = _args("matmul", np.float16)
    dn = BY_ID["matmul"][3]
    loss = lambda a, b: reduce_sum(D.dot_general(a, b, dn, preferred_element_type=np.float32),
                                   (0, 1))
    ga, gb = jax.grad(loss, (0, 1))(lhs, rhs)
    ra, rb = jax.grad(lambda a, b: lax.dot_general(a, b, dn, preferred_element_type=np.float32)
                      .sum(), (0, 1))(lhs, rhs)
    assert ga.dtype == gb.dtype == np.float16
    _assert_close(ga, ra, tol=1e-2)
    _assert_close(gb, rb, tol=1e-2)


# --- primitive purity: tests.harness.foreign_primitives holds the rule (jaxwrap
# primitives by identity, jax structure, AD zeros, the vmap boundary).
_foreign = foreign_primitives


@pytest.mark.parametrize("case_id", ["matmul", "batch_inside", "two_batch_swapped", "outer"])
def test_purity(case_id):
    dn = BY_ID[case_id][3]
    lhs, rhs = _args(case_id, F32)
    f = lambda a, b: D.dot_general(a, b, dn)

    def loss(a, b):
        out = f(a, b)
        return reduce_sum(out, tuple(range(out.ndim)))

    lb, rb = np.stack([lhs, lhs], -1), np.stack([rhs, rhs])
    grad = jax.grad(loss, (0, 1))
    jaxprs = [
        (jax.make_jaxpr(f)(lhs, rhs), False),
        (jax.make_jaxpr(jax.vmap(f, in_axes=(-1, None)))(lb, rhs), True),
        (jax.make_jaxpr(jax.vmap(f, in_axes=(-1, 0)))(lb, rb), True),
        (jax.make_jaxpr(grad)(lhs, rhs), False),
        (jax.make_jaxpr(jax.vmap(grad, in_axes=(-1, 0)))(lb, rb), True),
        (jax.make_jaxpr(lambda a, b: jax.jvp(grad, (a, b), (a, b)))(lhs, rhs), False),
    ]
    for jp, vmapped in jaxprs:
        bad = _foreign(jp, vmapped)
        assert not bad, (case_id, bad, jp)


# --- abstract evaluation --------------------------------------------------------------------------
def test_weak_types_and_dtypes():
    dn = BY_ID["matmul"][3]
    w, s = (jax.ShapeDtypeStruct((3, 4), F32, weak_type=True),
            jax.ShapeDtypeStruct((4, 5), F32, weak_type=True))
    assert jax.eval_shape(lambda a, b: D.dot_general(a, b, dn), w, s).weak_type
    strong = jax.ShapeDtypeStruct((4, 5), F32)
    assert not jax.eval_shape(lambda a, b: D.dot_general(a, b, dn), w, strong).weak_type
    out = jax.eval_shape(lambda a, b: D.dot_general(a, b, dn, preferred_element_type=np.float32),
                         w, s)
    assert out.dtype == F32 and not out.weak_type


A = np.zeros((2, 3), np.float32)
Bm = np.zeros((3, 4), np.float32)
MM = (((1,), (0,)), ((), ()))
BAD = [
    (lambda: D.dot_general(A, A, MM), TypeError, "unequal sizes"),
    (lambda: D.dot_general(A, Bm, (((2,), (0,)), ((), ()))), TypeError, "dimension_numbers"),
    (lambda: D.dot_general(A, Bm, (((1,), (0, 1)), ((), ()))), TypeError, "dimension_numbers"),
    (lambda: D.dot_general(A, Bm, (((1, 1), (0, 0)), ((), ()))), TypeError, "repeated"),
    (lambda: D.dot_general(A, A, (((0,), (0,)), ((0,), (0,)))), TypeError, "both batch"),
    (lambda: D.dot_general(A, Bm, ((1, 0), ())), TypeError, "dimension_numbers"),
    (lambda: D.dot_general(A, Bm.astype(np.int32), MM), TypeError, "equal dtype"),
    (lambda: D.dot_general(A, Bm, MM, precision="fast"), ValueError, "precision"),
    (lambda: D.dot_general(A, Bm, MM, precision=("high",)), ValueError, "precision"),
    (lambda: D.dot_general(A, Bm, MM, preferred_element_type=np.int32), TypeError,
     "preferred_element_type"),
    (lambda: D.dot_general(A.astype(np.int32), Bm.astype(np.int32), MM,
                           preferred_element_type=np.int16), TypeError, "narrower"),
    (lambda: D.dot_general(A.astype(np.complex64), Bm.astype(np.complex64), MM,
                           preferred_element_type=np.float32), TypeError,
     "preferred_element_type"),
]


@pytest.mark.parametrize("thunk,exc,words", BAD, ids=[f"bad{i}" for i in range(len(BAD))])
def test_errors(thunk, exc, words):
    with pytest.raises(exc, match=words):
        thunk()
