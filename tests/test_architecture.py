"""Structural tests that guard the layers (DESIGN.md):

* import layering: only jaxwrap_extend/_jax.py touches jax._src; jaxwrap never
  imports jax.numpy / jax.scipy / jax.random / jax.lax ops;
* rule coverage: every jaxwrap primitive has abstract eval, lowering, JVP and
  batching rules;
* primitive purity over the whole public API: the jaxpr of every public
  function of jaxwrap.numpy holds only jaxwrap primitives (plus jax's
  structural ones).
"""

from __future__ import annotations

import ast
import functools
import importlib
import inspect
import pathlib

import jax
import numpy as np
import pytest

from jaxwrap_extend._prims import registry
from jaxwrap_extend.interpreters import ad, batching, mlir
from tests.harness import foreign_primitives, loops_without_bound
from tests.purity import Closed, Foreign, NotArray, Raises, purity_special

ROOT = pathlib.Path(__file__).resolve().parents[1]
ALLOWED_LAX = {"cond", "switch", "while_loop", "fori_loop", "scan", "map"}
# The one module whose lowerings may delegate device linear-algebra kernels to
# jax.lax.linalg through mlir.lower_fun (DESIGN.md; named in the manifest).
LINALG_BRIDGE = ROOT / "jaxwrap_extend" / "_prims" / "linalg_bridge.py"


@functools.cache
def _tree(path):
    """The parsed module at ``path`` (both layering tests walk every file: one parse each)."""
    return ast.parse(path.read_text())


def _imports(path):
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Import):
            for a in node.names:
                yield node.lineno, a.name, None
        elif isinstance(node, ast.ImportFrom) and node.module:
            for a in node.names:
                yield node.lineno, node.module, a.name


def test_only_the_adapter_imports_jax_internals():
    offenders = []
    for pkg in ("jaxwrap", "jaxwrap_extend"):
        for path in (ROOT / pkg).rglob("*.py"):
            if path.name == "_jax.py" and path.parent.name == "jaxwrap_extend":
                continue
            for line, mod, name in _imports(path):
                if mod.startswith("jax._src") or (mod == "jax" and name == "_src"):
                    offenders.append(f"{path.relative_to(ROOT)}:{line} {mod}")
    assert not offenders, offenders


def test_jaxwrap_uses_only_allowed_jax_apis():
    forbidden = ("jax.numpy", "jax.scipy", "jax.random", "jax.nn", "jax.image")
    offenders = []
    for path in list((ROOT / "jaxwrap").rglob("*.py")) + list((ROOT / "jaxwrap_extend" / "_prims").rglob("*.py")):
        bridge = path == LINALG_BRIDGE
        for line, mod, name in _imports(path):
            full = f"{mod}.{name}" if name else mod
            if bridge and (full == "jax.lax.linalg" or full.startswith("jax.lax.linalg.")):
                continue
            if any(full == f or full.startswith(f + ".") for f in forbidden):
                offenders.append(f"{path.relative_to(ROOT)}:{line} {full}")
            if mod == "jax" and name in ("numpy", "scipy", "random", "lax"):
                offenders.append(f"{path.relative_to(ROOT)}:{line} from jax import {name}")
            if mod == "jax.lax" and name not in ALLOWED_LAX:
                offenders.append(f"{path.relative_to(ROOT)}:{line} jax.lax.{name}")
        # attribute chains in code (not strings): jax.lax.add, jax.numpy.sum, ...
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute) \
                    and isinstance(node.value.value, ast.Name) and node.value.value.id == "jax":
                sub, attr = node.value.attr, node.attr
                if bridge and sub == "lax" and attr == "linalg":
                    continue
                if sub in ("numpy", "scipy", "random", "nn") or (
                        sub == "lax" and attr not in ALLOWED_LAX):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} jax.{sub}.{attr}")
    assert not offenders, offenders


@pytest.mark.parametrize("prim", list(registry), ids=lambda p: p.name)
def test_every_primitive_has_every_rule(prim):
    assert mlir.has_lowering(prim), f"{prim.name}: no default lowering"
    assert ad.has_jvp(prim), f"{prim.name}: no JVP rule"
    assert prim in batching.primitive_batchers, f"{prim.name}: no batching rule"
    assert type(prim).abstract_eval is not prim.abstract_eval.__func__ if hasattr(
        prim.abstract_eval, "__func__") else True


# --- purity over the public API -----------------------------------------------------------------
_X = np.linspace(0.1, 0.9, 6, dtype=np.float32).reshape(2, 3)
_Y = np.linspace(1.1, 1.9, 6, dtype=np.float32).reshape(2, 3)
_I = np.arange(6, dtype=np.int32).reshape(2, 3)
_V = np.linspace(0.1, 0.9, 3, dtype=np.float32)

# Generic argument sets, tried in order; a function is exercised with the
# first that it accepts.  Functions needing something else are listed in
# SPECIAL (here for the foundation's numpy functions, in tests/purity/<family>.py
# for the families after it); a test fails if a public function is covered by neither.
GENERIC = [(_X,), (_X, _Y), (_I,), (_I, _I), (_X, _Y, _X), (_X, 0), (_X, 1, 0), (_X, 2),
           ((2, 3),), (3,), (_V, _V), (_V, 2)]
_NOT_ARRAY = "returns a Python value, a dtype or a plan, not an array"
_NUMPY_SPECIAL = {
    "einsum": (("ij,kj->ik", _X, _Y), {}),
    "einsum_path": NotArray(("ij,kj->ik", _X, _Y), {}, "returns a contraction plan"),
    "where": ((_X > 0.5, _X, _Y), {}),
    "ldexp": ((_X, _I), {}),
    "tensordot": ((_X, _Y.T), {"axes": 1}),
    "matmul": ((_X, _Y.T), {}),
    "dot": ((_X, _Y.T), {}),
    "vecdot": ((_X, _Y), {}),
    "broadcast_shapes": NotArray(((2, 3), (3,)), {}, _NOT_ARRAY),
    "ndim": NotArray((_X,), {}, _NOT_ARRAY), "shape": NotArray((_X,), {}, _NOT_ARRAY),
    "size": NotArray((_X,), {}, _NOT_ARRAY),
    "reshape": ((_X, (3, 2)), {}), "broadcast_to": ((_V, (2, 3)), {}),
    "full": (((2, 3), _V), {}), "hsplit": ((_X, 3), {}), "dsplit": ((_X[None], 3), {}),
    "astype": ((_X, np.int32), {}),
    "vecmat": ((_V[:2], _X), {}),
    "isrealobj": NotArray((_X,), {}, _NOT_ARRAY),
    "iscomplexobj": NotArray((_X,), {}, _NOT_ARRAY),
    "isscalar": NotArray((1.5,), {}, _NOT_ARRAY), "iterable": NotArray((_X,), {}, _NOT_ARRAY),
    "can_cast": NotArray((np.float32, np.float64), {}, _NOT_ARRAY),
    "promote_types": NotArray((np.float32, np.int32), {}, _NOT_ARRAY),
    "result_type": NotArray((_X, _I), {}, _NOT_ARRAY),
    "issubdtype": NotArray((np.float32, np.floating), {}, _NOT_ARRAY),
    "isdtype": NotArray((np.float32, "real floating"), {}, _NOT_ARRAY),
    "finfo": NotArray((np.float32,), {}, _NOT_ARRAY),
    "iinfo": NotArray((np.int32,), {}, _NOT_ARRAY),
    "dtype": NotArray(("float32",), {}, _NOT_ARRAY),
}
SPECIAL = {f"jaxwrap.numpy.{k}": v for k, v in _NUMPY_SPECIAL.items()}
SPECIAL.update(purity_special())

# Every public namespace whose functions must be pure (those not written yet are left out).
NAMESPACES = ["jaxwrap.numpy", "jaxwrap.numpy.linalg", "jaxwrap.numpy.fft",
              "jaxwrap.scipy.linalg", "jaxwrap.scipy.special", "jaxwrap.scipy.stats",
              "jaxwrap.scipy.fft", "jaxwrap.scipy.signal", "jaxwrap.scipy.signal.windows",
              "jaxwrap.random"]


def _public_functions():
    out = []
    for modname in NAMESPACES:
        try:
            mod = importlib.import_module(modname)
        except ModuleNotFoundError:
            continue
        for name in sorted(getattr(mod, "__all__", None) or dir(mod)):
            if name.startswith("_"):
                continue
            obj = getattr(mod, name)
            if inspect.ismodule(obj) or isinstance(obj, type) or not callable(obj):
                continue
            if isinstance(obj, type(np.float32)) or hasattr(obj, "dtype") and isinstance(obj, type):
                continue
            out.append(f"{modname}.{name}")
    return out


def _array_out(x, traced=False):
    """``x`` is a non-empty tree of jax arrays (``traced``: of tracers, inside a trace)."""
    leaves = jax.tree.leaves(x)
    kind = jax.core.Tracer if traced else jax.Array
    return bool(leaves) and all(isinstance(v, kind) for v in leaves)


def _no_array_out(x):
    return not any(isinstance(v, jax.Array) for v in jax.tree.leaves(x))


def _traced_call(fn, args, kwargs):
    """``fn`` with the numpy arrays among ``args`` as its (traced) inputs."""
    pos = [i for i, a in enumerate(args) if isinstance(a, np.ndarray)]

    def call(*arrays):
        full = list(args)
        for i, a in zip(pos, arrays):
            full[i] = a
        return fn(*full, **kwargs)

    return call, [args[i] for i in pos]


# Rejection samplers loop until every draw is accepted, as jax.random's do (their
# expected trip counts are small; bounding them would change the bits drawn).
_UNBOUNDED_BY_DESIGN = ("jaxwrap.random.",)


def _problems(name, closed):
    """(non-jaxwrap primitives, loops without a static bound) in a ClosedJaxpr:
    the purity rule, and issue 10's rule that no input may hang a function."""
    loops = [] if name.startswith(_UNBOUNDED_BY_DESIGN) else loops_without_bound(closed)
    return foreign_primitives(closed), loops


def impure_primitives(fn, *args, name="", closed=None):
    """Foreign primitives of ``fn(*args)`` (or of its already traced jaxpr ``closed``);
    a loop without a static bound fails here."""
    bad, loops = _problems(name, jax.make_jaxpr(fn)(*args) if closed is None else closed)
    assert not loops, f"{name} has loops without a static bound: {loops[:2]}"
    return bad


def _trace_generic(fn, args):
    """The jaxpr of ``fn(*args)`` with its numpy arrays traced, when that call traces
    and returns arrays only; else None.  Tracing replaces an eager call per function
    (an XLA compile each, most of this file's time): the eager call is made only
    when the trace fails, to tell "this argument set does not fit" (the eager call
    fails too, or returns no array) from "it fits but does not trace" (an error)."""
    call, traced = _traced_call(fn, args, {})
    kinds = []

    def probe(*a):
        out = call(*a)
        kinds.append(_array_out(out, traced=True))
        return out

    try:
        closed = jax.make_jaxpr(probe)(*traced)
    except Exception as e:  # noqa: BLE001 - decided by the eager call below
        trace_error = e
    else:
        return closed if kinds[-1] else None
    try:
        out = fn(*args)
    except Exception:
        return None
    if not _array_out(out):
        return None
    raise trace_error


@pytest.mark.parametrize("name", _public_functions())
def test_public_function_is_pure(name):
    modname, _, short = name.rpartition(".")
    fn = getattr(importlib.import_module(modname), short)
    case = SPECIAL.get(name, "generic")
    if isinstance(case, NotArray):
        out = fn(*case.args, **case.kwargs)
        assert _no_array_out(out), f"{name} is listed as returning no array ({case.reason}), " \
            f"but returned {type(out).__name__} holding arrays"
        return
    if isinstance(case, Raises):
        with pytest.raises(case.exception):
            fn(*case.args, **case.kwargs)
        return
    if isinstance(case, Closed):
        # nothing traced: the arrays are constants; every primitive bound is still recorded
        out = fn(*case.args, **case.kwargs)
        assert _array_out(out), f"{name}: expected an array result"
        consts = [jax.device_put(a) if isinstance(a, np.ndarray) else a for a in case.args]
        bad = impure_primitives(lambda: fn(*consts, **case.kwargs), name=name)
        assert not bad, f"{name} ({case.reason}) uses non-jaxwrap primitives {bad}"
        return
    if isinstance(case, Foreign):
        call, traced = _traced_call(fn, case.args, case.kwargs)
        bad = impure_primitives(call, *traced, name=name)
        assert bad <= case.primitives, f"{name} uses non-jaxwrap primitives " \
            f"{bad - case.primitives} (allowed by design: {set(case.primitives)})"
        return
    if case is None:
        # Legacy entry "returns no array": verified with the generic argument sets.
        for args in GENERIC:
            try:
                out = fn(*args)
            except Exception:
                continue
            assert _no_array_out(out), f"{name} is listed as None (no array result) but " \
                f"returns arrays for {tuple(np.shape(a) for a in args)}: give it an argument set"
            return
        pytest.fail(f"{name}: listed as None, but no generic call works: give it "
                    "NotArray(args, kwargs, reason) or an argument set (tests/purity/__init__.py)")
    if case != "generic":
        args, kwargs = case
        call, traced = _traced_call(fn, args, kwargs)
        assert not impure_primitives(call, *traced, name=name), name
        return
    for args in GENERIC:
        closed = _trace_generic(fn, args)
        if closed is None:
            continue
        bad = impure_primitives(None, closed=closed, name=name)
        assert not bad, \
            f"{name}{tuple(np.shape(a) for a in args)} uses non-jaxwrap primitives {bad}"
        return
    pytest.fail(f"{name}: no generic argument set works; add it to SPECIAL")
