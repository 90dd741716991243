"""The differential test harness: one call checks a jaxwrap function against
its numpy reference (and jax.numpy as a peer) eagerly, under jax.jit, under
jax.vmap, with numerical gradients, and checks the jaxpr's primitive purity.

Sample size: JAXWRAP_NUM_CASES (default small for CI) caps how many generated
cases a table-driven test runs; a deep run sets it high.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence

import jax
import numpy as np
from jax.test_util import check_grads

from jaxwrap_extend import core
from jaxwrap_extend._prims import registry

NUM_CASES = int(os.environ.get("JAXWRAP_NUM_CASES", "3"))

# Structural primitives of jax that may appear in a jaxwrap jaxpr (DESIGN.md),
# and the ones jax's own autodiff inserts.
ALLOWED_JAX_PRIMITIVES = frozenset({
    "pjit", "jit", "closed_call", "core_call", "custom_jvp_call", "custom_vjp_call",
    "custom_vjp_call_jaxpr", "while", "cond", "scan", "add_any", "mul_any",
    "convert_element_type_any",
})

_TOL = {
    np.dtype(np.float16): 1e-2, np.dtype(np.float32): 2e-5, np.dtype(np.float64): 1e-12,
    np.dtype(np.complex64): 2e-5, np.dtype(np.complex128): 1e-12,
}


def tolerance(dtype, tol=None):
    if tol is not None:
        if isinstance(tol, dict):
            return tol.get(np.dtype(dtype), _TOL.get(np.dtype(dtype), 0))
        return tol
    try:
        return _TOL.get(np.dtype(dtype), 0)
    except TypeError:
        return 1e-2


def foreign_primitives(closed, vmapped: bool = False) -> set[str]:
    """Names of primitives in a ClosedJaxpr that are neither jaxwrap's (checked
    by identity: jax has primitives with the same names) nor allowed jax ones.

    Allowed: ALLOWED_JAX_PRIMITIVES; jax's ``broadcast_in_dim`` of a literal
    (how jax's AD materialises a symbolic zero); and, for a vmapped jaxpr
    (``vmapped=True``), jax.vmap's own boundary: its ``transpose`` /
    ``broadcast_in_dim`` producing an output (moving the batch axis to
    out_axes, broadcasting an unbatched output) or broadcasting an unbatched
    summand of ``add_any``.
    """
    jaxpr = closed.jaxpr
    ours = {id(p) for p in registry}
    outs = {id(v) for v in jaxpr.outvars}
    summands = {id(v) for e in core.walk_eqns(jaxpr) if e.primitive.name == "add_any"
                for v in e.invars}

    def allowed(e):
        name = e.primitive.name
        if id(e.primitive) in ours or name in ALLOWED_JAX_PRIMITIVES:
            return True
        if name == "broadcast_in_dim" and all(type(v).__name__ == "Literal" for v in e.invars):
            return True
        if not vmapped or name not in ("transpose", "broadcast_in_dim"):
            return False
        return (all(id(v) in outs for v in e.outvars)
                or (name == "broadcast_in_dim" and all(id(v) in summands for v in e.outvars)))

    return {e.primitive.name for e in core.walk_eqns(jaxpr) if not allowed(e)}


def impure_primitives(fn: Callable, *args, **kwargs) -> set[str]:
    """Non-jaxwrap primitives in the jaxpr of ``fn(*args, **kwargs)``."""
    return foreign_primitives(jax.make_jaxpr(lambda *a: fn(*a, **kwargs))(*args))


def assert_pure(fn, *args, **kwargs):
    bad = impure_primitives(fn, *args, **kwargs)
    assert not bad, f"jaxpr of {getattr(fn, '__name__', fn)} uses non-jaxwrap primitives {bad}"


def _to_np(x):
    if isinstance(x, jax.Array):
        return np.asarray(x)
    if isinstance(x, (list, tuple)):
        vals = [_to_np(v) for v in x]
        return type(x)(*vals) if hasattr(x, "_fields") else type(x)(vals)  # namedtuples
    return x


def assert_close(actual, expected, tol=None, check_dtype=None, err=""):
    """Compare trees of arrays; ``check_dtype`` is the expected dtype tree (or None)."""
    if isinstance(expected, (tuple, list)):
        assert isinstance(actual, (tuple, list)) and len(actual) == len(expected), err
        dts = check_dtype if isinstance(check_dtype, (tuple, list)) else [check_dtype] * len(expected)
        for a, e, d in zip(actual, expected, dts):
            assert_close(a, e, tol, d, err)
        return
    a = np.asarray(actual)
    e = np.asarray(expected)
    assert a.shape == e.shape, f"{err}: shape {a.shape} != expected {e.shape}"
    if check_dtype is not None:
        assert a.dtype == np.dtype(check_dtype), f"{err}: dtype {a.dtype} != {check_dtype}"
    t = tolerance(a.dtype, tol)
    if a.dtype.kind in "biuU" or t == 0:
        np.testing.assert_array_equal(a, e.astype(a.dtype) if e.dtype != object else e,
                                      err_msg=err)
    else:
        np.testing.assert_allclose(a.astype(np.result_type(a.dtype, np.float32)),
                                   e.astype(np.result_type(e.dtype, np.float32)) if e.dtype.kind != "O" else e,
                                   rtol=t, atol=t, equal_nan=True, err_msg=err)


def check(fn: Callable, ref: Callable | None, args: Sequence, *, kwargs: dict | None = None,
          peer: Callable | None = None, tol=None, grad: int = 0, grad_argnums=None,
          jit: bool = True, vmap: bool = True, vmap_argnums=None, purity: bool = True,
          check_dtype: bool = True, grad_tol=None, ref_on_host: bool = True):
    """Run ``fn(*args, **kwargs)`` every way and compare.

    ref      numpy/scipy reference, called on numpy copies of ``args``
             (None: only the peer is compared).
    peer     jax.numpy / jax.scipy function: its result value and dtype are
             the oracle for dtype (jax's promotion rules); also compared.
    grad     order for jax.test_util.check_grads over the float args (0: none).
    vmap     vmaps over a batch of 3 perturbed copies of the array args
             (or those in vmap_argnums) and compares to a Python loop.
    """
    kwargs = kwargs or {}
    out = fn(*args, **kwargs)
    expected_dtype = None
    if peer is not None:
        pout = peer(*args, **kwargs)
        expected_dtype = jax.tree.map(lambda v: np.asarray(v).dtype, pout) if check_dtype else None
        assert_close(out, _to_np(pout), tol, expected_dtype, err=f"{fn.__name__} vs jax peer")
    if ref is not None:
        np_args = [_to_np(a) for a in args]
        r = ref(*np_args, **kwargs)
        assert_close(out, r, tol, None, err=f"{fn.__name__} vs numpy")
    if jit:
        jout = jax.jit(lambda *a: fn(*a, **kwargs))(*args)
        assert_close(jout, _to_np(out), tol, None, err=f"{fn.__name__} under jit")
    if vmap:
        _check_vmap(fn, args, kwargs, vmap_argnums, tol)
    if purity:
        assert_pure(fn, *args, **kwargs)
    if grad:
        _check_grad(fn, args, kwargs, grad, grad_argnums, grad_tol)
    return out


def _is_array(a):
    return isinstance(a, (np.ndarray, jax.Array)) and np.ndim(a) >= 0 and not isinstance(a, bool)


def _check_vmap(fn, args, kwargs, vmap_argnums, tol):
    argnums = [i for i, a in enumerate(args) if _is_array(a)] if vmap_argnums is None \
        else list(vmap_argnums)
    if not argnums:
        return
    rng = np.random.default_rng(0)
    batches = []
    for k in range(3):
        b = list(args)
        for i in argnums:
            a = np.asarray(args[i])
            if a.dtype.kind == "f" and k:
                a = a + rng.normal(size=a.shape).astype(a.dtype) * a.dtype.type(0.1)
            b[i] = a
        batches.append(b)
    stacked = [np.stack([b[i] for b in batches]) if i in argnums else args[i]
               for i in range(len(args))]
    in_axes = [0 if i in argnums else None for i in range(len(args))]
    vout = jax.vmap(lambda *a: fn(*a, **kwargs), in_axes=in_axes)(*stacked)
    for k, b in enumerate(batches):
        single = fn(*b, **kwargs)
        got = jax.tree.map(lambda v, k=k: np.asarray(v)[k], vout)
        assert_close(got, _to_np(single), tol, None, err=f"{fn.__name__} under vmap [{k}]")


def _check_grad(fn, args, kwargs, order, grad_argnums, grad_tol):
    idx = [i for i, a in enumerate(args)
           if _is_array(a) and np.asarray(a).dtype.kind in "fc"] if grad_argnums is None \
        else list(grad_argnums)
    if not idx:
        return

    def f(*diff):
        full = list(args)
        for i, d in zip(idx, diff):
            full[i] = d
        return fn(*full, **kwargs)

    # Numerical derivatives in float32 are too noisy to be a sharp check, so
    # gradients are compared in float64 (x64 on for this check only).
    def widen(a):
        a = np.asarray(a)
        return a.astype(np.complex128 if a.dtype.kind == "c" else np.float64)

    with jax.enable_x64(True):
        diff = [widen(args[i]) for i in idx]
        check_grads(f, diff, order=order, modes=("fwd", "rev"), atol=grad_tol, rtol=grad_tol,
                    eps=1e-4)
