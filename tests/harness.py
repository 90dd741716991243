"""The differential test harness: one call checks a jaxwrap function against
its numpy reference (and jax.numpy as a peer), as called (``@public`` jits, so
that is a compiled run), under an outer jax.jit, under jax.vmap, with
numerical gradients, and checks the jaxpr's primitive purity.

A comparison here must be able to fail:
- the result dtype is checked on every call: against the jax peer's when one
  is given, else against the numpy reference's dtype mapped through jax's
  rules (64-bit types become 32-bit ones unless x64 is enabled);
- values are compared without casting the expected side to the actual dtype:
  an int or bool result never "equals" a float reference;
- the vmap check varies every batched argument (floats and complex numbers by
  noise, integers and bools by permuting their elements), so a batching rule
  that mixes batch entries up fails;
- every tolerance is the dtype's default unless a test passes one, and an
  unknown dtype is an error rather than a loose fallback.

Sample size: JAXWRAP_NUM_CASES (default small for CI) caps how many generated
cases a table-driven test runs; a deep run sets it high.  ``stable_seed``
gives a seed that is the same in every process (``hash(str)`` is not).
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Callable, Sequence

import jax
import numpy as np
from jax.test_util import check_grads

from jaxwrap_extend import core
from jaxwrap_extend._prims import registry

NUM_CASES = int(os.environ.get("JAXWRAP_NUM_CASES", "3"))
# A deep run (JAXWRAP_NUM_CASES >= 10) checks everything every way.  The default (CI)
# run saves compiles, which are most of the suite's time, where a check adds little:
# - gradients in reverse mode only.  Reverse mode linearizes with the JVP rules and
#   then transposes, so it checks the JVP rule and the transpose rules together;
#   forward mode (``jax.jvp``) runs the same JVP rules once more, at the cost of one
#   more compile of the whole derivative program (measured: jv's check_grads takes
#   4.6 s with both modes, 1.8 s with reverse only).
# - no separate outer-jit run when the vmap run is made: vmap already calls the
#   function with tracers at its public boundary (the path an outer jit takes), and
#   compares the traced results with the plain ones.
DEEP = NUM_CASES >= 10
GRAD_MODES = ("fwd", "rev") if DEEP else ("rev",)

# Structural primitives of jax that may appear in a jaxwrap jaxpr (DESIGN.md),
# and the ones jax's own autodiff inserts.
ALLOWED_JAX_PRIMITIVES = frozenset({
    "pjit", "jit", "closed_call", "core_call", "custom_jvp_call", "custom_vjp_call",
    "custom_vjp_call_jaxpr", "while", "cond", "scan", "add_any", "mul_any",
    "convert_element_type_any",
})

# Default relative/absolute tolerances: a few ulps of float32 (eps 1.2e-7)
# after a short chain of operations; float16 (eps 9.8e-4) and bfloat16 (eps
# 7.8e-3) get about ten and four ulps; float64 about 5e3 ulps (eps 2.2e-16),
# the accumulated error of a reduction or a solve on the small inputs used.
# Integers and bools compare exactly.
_TOL = {
    np.dtype(np.float16): 1e-2, np.dtype(jax.dtypes.bfloat16): 3e-2,
    np.dtype(np.float32): 2e-5, np.dtype(np.float64): 1e-12,
    np.dtype(np.complex64): 2e-5, np.dtype(np.complex128): 1e-12,
}


def stable_seed(*parts) -> int:
    """A seed from ``parts`` (their ``str``) that is the same in every process."""
    return zlib.crc32("/".join(map(str, parts)).encode())


def tolerance(dtype, tol=None):
    """Tolerance for comparing a result of ``dtype`` (``tol``: a number or a
    per-dtype dict overriding the defaults).  Exact (0) for ints and bools."""
    dtype = np.dtype(dtype)   # raises TypeError for something that is not a dtype
    if isinstance(tol, dict):
        return tol.get(dtype, tolerance(dtype))
    if tol is not None:
        return tol
    if _kind(dtype) in ("bool", "integer") or dtype.kind in "SU":
        return 0
    if dtype not in _TOL:
        raise TypeError(f"tests.harness: no default tolerance for dtype {dtype}; pass tol=")
    return _TOL[dtype]


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


# --- no input can hang: every loop is bounded statically ---------------------------
def _is_lit(v) -> bool:
    return type(v).__name__ == "Literal"


def _static_bound(v, defs) -> bool:
    """``v`` is at most a constant: a literal, ``min(_, bound)`` or ``clamp(_, _, bound)``
    (``defs``: variable id -> the equation defining it, in the same jaxpr)."""
    if _is_lit(v):
        return True
    e = defs.get(id(v))
    if e is None:
        return False
    if e.primitive.name == "min":
        return any(_static_bound(u, defs) for u in e.invars)
    if e.primitive.name == "convert_element_type":   # a converted static bound
        return _static_bound(e.invars[0], defs)
    return e.primitive.name == "clamp" and _static_bound(e.invars[2], defs)


def _bounded_while(eqn, defs) -> bool:
    """A ``while`` is bounded when its condition is (an ``and`` with) ``counter < bound``,
    the body steps that carried counter up by a positive constant, and the bound is
    static (``_static_bound``, in the enclosing jaxpr): the shapes of
    ``_bessel_core.bounded_loop`` and ``_hyp_base.bounded_while``."""
    cj, bj = eqn.params["cond_jaxpr"].jaxpr, eqn.params["body_jaxpr"].jaxpr
    nc, nb = eqn.params["cond_nconsts"], eqn.params["body_nconsts"]
    stepped = set()   # carry positions with out_i = in_i + (positive literal)
    for e in bj.eqns:
        if e.primitive.name == "add" and any(_is_lit(v) and v.val > 0 for v in e.invars):
            for i, (vin, vout) in enumerate(zip(bj.invars[nb:], bj.outvars)):
                if vout is e.outvars[0] and any(v is vin for v in e.invars):
                    stepped.add(i)
    counters = {id(cj.invars[nc + i]) for i in stepped}
    outer = {id(v): eqn.invars[j] for j, v in enumerate(cj.invars[:nc])}

    def bound(v):
        return _is_lit(v) or (id(v) in outer and _static_bound(outer[id(v)], defs))

    ok = set()   # cond variables that imply "counter < bound"
    for e in cj.eqns:
        name, ins = e.primitive.name, e.invars
        if name == "convert_element_type" and id(ins[0]) in counters:
            counters.add(id(e.outvars[0]))   # the counter compared in another dtype
            continue
        lo, hi = (ins[0], ins[1]) if name in ("lt", "le") else (ins[-1], ins[0])
        if name in ("lt", "le", "gt", "ge") and id(lo) in counters and bound(hi):
            ok.add(id(e.outvars[0]))
        elif name == "and" and any(id(v) in ok for v in ins):
            ok.add(id(e.outvars[0]))
    return id(cj.outvars[0]) in ok


def unbounded_loops(fn, *args, **kwargs) -> list[str]:
    """The loops in ``fn``'s jaxpr (sub-jaxprs included) whose trip count has no static
    bound: a ``scan`` always has a static length; a ``while`` must pass ``_bounded_while``."""
    return loops_without_bound(jax.make_jaxpr(lambda *a: fn(*a, **kwargs))(*args))


def loops_without_bound(closed) -> list[str]:
    """The ``while`` equations of a ClosedJaxpr (sub-jaxprs included) that
    ``_bounded_while`` cannot show to be bounded."""
    bad = []
    for jaxpr in core.walk_jaxprs(closed):
        defs = {id(v): e for e in jaxpr.eqns for v in e.outvars}
        bad += [str(e) for e in jaxpr.eqns
                if e.primitive.name == "while" and not _bounded_while(e, defs)]
    return bad


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


def jax_dtype(dtype) -> np.dtype:
    """numpy's ``dtype`` as jax gives it: 64-bit types are 32-bit ones unless
    x64 is enabled."""
    return np.dtype(jax.dtypes.canonicalize_dtype(np.dtype(dtype)))


# Kinds that must agree between a result and its reference (bool, integer,
# real float, complex): an int result never equals a float reference.
def _kind(dtype) -> str:
    for kind, cls in (("bool", np.bool_), ("integer", np.integer),
                      ("complex", np.complexfloating), ("float", np.floating)):
        if jax.dtypes.issubdtype(dtype, cls):   # knows bfloat16 (numpy kind "V")
            return kind
    return np.dtype(dtype).kind


def assert_close(actual, expected, tol=None, check_dtype=None, err="", check_kind=True):
    """Compare trees of arrays; ``check_dtype`` is the expected dtype tree (or None).

    Values are compared without casting ``expected`` to ``actual``'s dtype;
    the kinds (bool / integer / float / complex) must agree even when
    ``check_dtype`` is None (``check_kind=False``: the caller checked the dtype
    against another oracle, e.g. jax where jax deliberately differs from numpy).  Floats compare with ``tolerance(actual.dtype,
    tol)`` as both rtol and atol, NaNs in the same places; ints and bools
    exactly.  A float reference narrower than the result sets the tolerance.
    """
    if isinstance(expected, (tuple, list)):
        assert isinstance(actual, (tuple, list)) and len(actual) == len(expected), \
            f"{err}: structure {type(actual).__name__} of {_len(actual)} != expected " \
            f"{type(expected).__name__} of {len(expected)}"
        dts = check_dtype if isinstance(check_dtype, (tuple, list)) \
            else [check_dtype] * len(expected)
        for i, (a, e, d) in enumerate(zip(actual, expected, dts)):
            assert_close(a, e, tol, d, f"{err}[{i}]", check_kind)
        return
    a = np.asarray(actual)
    e = np.asarray(expected)
    assert a.shape == e.shape, f"{err}: shape {a.shape} != expected {e.shape}"
    if check_dtype is not None:
        assert a.dtype == np.dtype(check_dtype), f"{err}: dtype {a.dtype} != {check_dtype}"
    if e.dtype == object:   # e.g. a reference returning a list of Python numbers
        e = np.asarray(e.tolist())
    ka, ke = _kind(a.dtype), _kind(e.dtype)
    assert ka == ke or not check_kind, \
        f"{err}: {ka} result ({a.dtype}) for a {ke} reference ({e.dtype})"
    t = tolerance(a.dtype, tol)
    if ka in ("float", "complex") and not isinstance(tol, (int, float)):
        # a narrower reference (numpy's float16 sqrt of int8, where jax gives float32)
        # is only as sharp as its own dtype
        t = max(t, tolerance(e.dtype, tol))
    if t == 0:
        np.testing.assert_array_equal(a, e, err_msg=err, strict=False)
    else:
        # Widen (never narrow) float16/bfloat16 to float32 for numpy's math.
        a, e = (v.astype(np.result_type(v.dtype, np.float32)) for v in (a, e))
        np.testing.assert_allclose(a, e, rtol=t, atol=t, equal_nan=True, err_msg=err)


def _len(x):
    return len(x) if isinstance(x, (tuple, list)) else "a leaf"


def _leaves(tree):
    return jax.tree.leaves(tree, is_leaf=lambda v: v is None)


def check(fn: Callable, ref: Callable | None, args: Sequence, *, kwargs: dict | None = None,
          peer: Callable | None = None, tol=None, grad: int = 0, grad_argnums=None,
          jit: bool = True, vmap: bool = True, vmap_argnums=None, purity: bool = True,
          check_dtype=True, grad_tol=None, ref_on_host: bool = True, eager: bool = False):
    """Run ``fn(*args, **kwargs)`` every way and compare.

    ref          numpy/scipy reference, called on numpy copies of ``args``
                 (None: only the peer is compared).
    peer         jax.numpy / jax.scipy function: its result value, dtype and
                 weak type are compared.
    check_dtype  True: the result dtype must be the peer's, or without a peer
                 the reference's mapped through jax's rules (``jax_dtype``);
                 "numpy": the reference's so mapped even with a peer (where
                 jaxwrap keeps numpy's dtype and jax does not); a dtype (or a
                 tree of them): that dtype; False: no dtype check (say why at
                 the call).
    grad         order for jax.test_util.check_grads over the float args (0:
                 none), in float64; ``grad_tol`` overrides its tolerance.
    jit          also run under an outer jax.jit (in a deep run, or when no vmap run
                 is made; the plain call is already a
                 compiled run, since ``@public`` jits; neither is eager).
    eager        also run op by op under ``jax.disable_jit()`` (slower).
    vmap         vmaps over a batch of 3 different copies of the array args
                 (or those in vmap_argnums) and compares to a Python loop.
    """
    kwargs = kwargs or {}
    name = getattr(fn, "__name__", repr(fn))
    out = fn(*args, **kwargs)
    numpy_dtype = isinstance(check_dtype, str) and check_dtype == "numpy"
    expected_dtype = None if check_dtype is True or check_dtype is False or numpy_dtype \
        else check_dtype
    if peer is not None:
        pout = peer(*args, **kwargs)
        if check_dtype is True:
            expected_dtype = jax.tree.map(lambda v: np.asarray(v).dtype, pout)
            _check_weak_types(out, pout, f"{name} vs jax peer")
        assert_close(out, _to_np(pout), tol, expected_dtype, err=f"{name} vs jax peer",
                     check_kind=not numpy_dtype)
    if ref is not None:
        np_args = [_to_np(a) for a in args]
        r = ref(*np_args, **kwargs)
        if (check_dtype is True and peer is None) or numpy_dtype:
            expected_dtype = jax.tree.map(lambda v: jax_dtype(np.asarray(v).dtype), _to_np(r))
        # kinds must match numpy's unless the dtype was checked against the jax peer or
        # given explicitly (jax's deliberate differences: polymul of ints is float, roots
        # and logm are complex)
        explicit = not isinstance(check_dtype, (bool, str))
        assert_close(out, r, tol, expected_dtype, err=f"{name} vs numpy",
                     check_kind=not explicit and not (peer is not None and check_dtype is True))
    vmapped = vmap and bool(vmap_argnums if vmap_argnums is not None
                            else any(_is_array(a) for a in args))
    if jit and (DEEP or not vmapped):   # see DEEP: vmap already runs the traced path
        jout = jax.jit(lambda *a: fn(*a, **kwargs))(*args)
        assert_close(jout, _to_np(out), tol, expected_dtype,
                     err=f"{name} under an outer jit (vs the plain, also compiled, call)")
    if eager:
        with jax.disable_jit():
            eout = fn(*args, **kwargs)
        assert_close(eout, _to_np(out), tol, expected_dtype, err=f"{name} eager (disable_jit)")
    if vmap:
        _check_vmap(fn, args, kwargs, vmap_argnums, tol, name)
    if purity:
        assert_pure(fn, *args, **kwargs)
    if grad:
        _check_grad(fn, args, kwargs, grad, grad_argnums, grad_tol)
    return out


def _check_weak_types(out, pout, err):
    for i, (o, p) in enumerate(zip(jax.tree.leaves(out), jax.tree.leaves(pout))):
        if isinstance(o, jax.Array) and isinstance(p, jax.Array):
            assert o.weak_type == p.weak_type, \
                f"{err}: weak_type {o.weak_type} != {p.weak_type} (output {i})"


def _is_array(a):
    return isinstance(a, (np.ndarray, jax.Array)) and np.ndim(a) >= 0 and not isinstance(a, bool)


def perturb(a: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    """The ``k``-th member (k >= 1) of a batch built from ``a``, different from
    ``a`` for every dtype where ``a`` has room to differ: floats and complex
    numbers get 10% noise; integers and bools have their elements rolled by
    ``k`` (the values stay in ``a``'s domain: valid indices, nonzero
    divisors); a single integer moves away from zero by ``k`` (within the
    dtype's range); a single bool is flipped."""
    if a.dtype.kind == "f":
        return a + rng.normal(size=a.shape).astype(a.dtype) * a.dtype.type(0.1)
    if a.dtype.kind == "c":
        noise = rng.normal(size=a.shape) + 1j * rng.normal(size=a.shape)
        return a + (noise * 0.1).astype(a.dtype)
    if a.dtype.kind not in "biu":
        return a
    if a.size > 1:
        flat = np.roll(a.reshape(-1), k)
        if np.array_equal(flat, a.reshape(-1)) and a.dtype.kind == "b":
            flat = np.logical_not(flat) if k % 2 else flat
        return flat.reshape(a.shape)
    if a.dtype.kind == "b":
        return np.logical_not(a) if k % 2 else a
    info = np.iinfo(a.dtype)
    moved = a.astype(np.int64) + np.sign(a.astype(np.int64)) * k if a.dtype.kind == "i" \
        else a.astype(np.int64) + k
    return np.clip(moved, info.min, info.max).astype(a.dtype)


def _check_vmap(fn, args, kwargs, vmap_argnums, tol, name="fn"):
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
            b[i] = perturb(a, k, rng) if k else a
        batches.append(b)
    stacked = [np.stack([b[i] for b in batches]) if i in argnums else args[i]
               for i in range(len(args))]
    in_axes = [0 if i in argnums else None for i in range(len(args))]
    vout = jax.vmap(lambda *a: fn(*a, **kwargs), in_axes=in_axes)(*stacked)
    for k, b in enumerate(batches):
        single = fn(*b, **kwargs)
        got = jax.tree.map(lambda v, k=k: np.asarray(v)[k], vout)
        single = _to_np(single)
        assert_close(got, single, tol, jax.tree.map(lambda v: np.asarray(v).dtype, single),
                     err=f"{name} under vmap [{k}]")


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
    # gradients are compared in float64 (x64 on for this check only), with
    # check_grads' float64 default tolerance (1e-5) unless grad_tol is given.
    def widen(a):
        a = np.asarray(a)
        return a.astype(np.complex128 if a.dtype.kind == "c" else np.float64)

    with jax.enable_x64(True):
        diff = [widen(args[i]) for i in idx]
        check_grads(f, diff, order=order, modes=GRAD_MODES, atol=grad_tol, rtol=grad_tol,
                    eps=1e-4)
