"""Helpers every jaxwrap.numpy function uses: dispatch, argument checks,
promotion and broadcasting.

Dispatch: ``@public(static=...)`` wraps a function in
``jaxwrap_extend.core.inline_jit``, i.e. ``jax.jit(inline=True)``. Called on
concrete arrays it runs through jax's C++ dispatch and a cached executable (a
function without static arguments *is* that jit object); called under a trace it
is inlined (from a jaxpr cached per abstract signature), so the caller's jaxpr
shows only jaxwrap primitives. Static arguments are made hashable and canonical
first (``_StaticArgs``), so each distinct call compiles once.
"""

from __future__ import annotations

import builtins
import functools
import inspect
import operator
from collections.abc import Callable, Sequence
from typing import Any, ParamSpec, TypeVar, overload

import jax
import numpy as np

from jaxwrap_extend.core import inline_jit

from .. import dtypes, lax

AxisError = np.exceptions.AxisError


_P = ParamSpec("_P")
_R = TypeVar("_R")


# The overloads tell type checkers that ``@public`` keeps the wrapped signature, so a
# user's mypy/pyright sees ``jaxwrap.numpy.sum(a, axis=..., ...)``, not ``Any``.
@overload
def public(fun: Callable[_P, _R], *, static: Sequence[str] = ()) -> Callable[_P, _R]: ...


@overload
def public(fun: None = None, *, static: Sequence[str] = ()
           ) -> Callable[[Callable[_P, _R]], Callable[_P, _R]]: ...


def public(fun=None, *, static=()):
    """Make ``fun`` a public, jitted-and-inlined jaxwrap function.

    An argument error raised while tracing it (numpy's exception types) whose message
    does not name the function gets the function's name in front, so that an error
    from a shared helper (promotion, broadcasting, conversion) says which call failed.

    Without static arguments the result is the jit object itself (an eager call is
    jax's C++ dispatch, as for ``jax.numpy.sin``). With them, a thin front makes the
    static values hashable and canonical first: a call form (positional, keyword,
    a default spelled out) compiles once, not once per form (see ``_StaticArgs``).
    """
    def wrap(f):
        label = f.__name__.lstrip("_")
        # Errors name the function: raised in f (``_naming``: also under disable_jit,
        # where jit calls f directly) or by jit's own argument checks (``on_error``).
        jitted = inline_jit(_naming(f, label), static_argnames=tuple(static),
                            on_error=functools.partial(_rename, label=label))
        if not static:
            return jitted
        canon = _StaticArgs(label, f, jitted.static_positions)
        first = canon.first

        @functools.wraps(f)
        def call(*args, **kwargs):
            if kwargs or len(args) > first:     # some static argument was passed
                args, kwargs = canon(args, kwargs)
            try:
                return jitted(*args, **kwargs)
            except _NAMED_ERRORS as e:          # e.g. jit's own error for an unhashable
                _rename(e, label)               # static value
                raise
        call.jitted = jitted.jitted
        # For a caller inside jaxwrap that passes every parameter positionally with
        # hashable static values (the canonical form already): no front.
        call.canonical = jitted
        return call
    return wrap if fun is None else wrap(fun)


def _rename(e, label):
    """Raise ``e`` again as the same type with ``label(): `` in front, unless its
    message names the function already (or it is a subclass, e.g. jax's errors)."""
    if type(e) in _NAMED_ERRORS and label not in str(e):
        raise type(e)(f"{label}(): {e}").with_traceback(e.__traceback__) from None


def _naming(f, label):
    """``f`` whose argument errors name the function (see ``public``). It is what jit
    traces, so the naming covers tracing, the inlined path and ``disable_jit``."""
    @functools.wraps(f)
    def named(*args, **kwargs):
        try:
            return f(*args, **kwargs)
        except _NAMED_ERRORS as e:
            _rename(e, label)
            raise
    return named


def _freeze(label: str, name: str, v):
    """A static argument in hashable form, as jax.numpy accepts it: lists become tuples
    and concrete 0-d arrays Python scalars (``axis=[0, 1]``, ``axis=jnp.array(0)``)."""
    if type(v) is tuple and all(type(e) in _FROZEN_TYPES for e in v):
        return v                                # already hashable (shape, axes)
    if isinstance(v, list | tuple):
        return tuple(_freeze(label, name, e) for e in v)
    if isinstance(v, np.integer | np.bool_):    # a numpy scalar is a concrete 0-d array
        return v.item()
    if not isinstance(v, np.ndarray | jax.Array) or v.dtype.kind not in "biu" or v.ndim > 1:
        return v
    try:
        host = np.asarray(v)
    except (jax.errors.TracerArrayConversionError, jax.errors.ConcretizationTypeError):
        raise TypeError(f"{label}(): argument {name!r} must be static (a concrete value), "
                        "but a traced array was given") from None
    return host.item() if host.ndim == 0 else tuple(host.tolist())


_FROZEN = (str, int, float, type(None), builtins.bool)
_FROZEN_TYPES = frozenset(_FROZEN)
# Defaults that a passed value equal to them (same type too) may be left out for: values
# whose ``==`` is a plain bool and means "the same value" (not float: -0.0 == 0.0).
_DROPPABLE = (str, int, type(None), builtins.bool)


class _StaticArgs:
    """The static arguments of one ``@public`` function in canonical form, so that jit
    (which keys its cache on how the arguments were passed) compiles each distinct call
    once: values hashable (``_freeze``); parameters that can be passed positionally
    passed positionally (a keyword moved into its slot, the slots before it filled with
    their defaults), trailing ones equal to their default left out; keyword-only static
    arguments equal to their default left out too.

    Positional, because jit's C++ dispatch is fastest with positional arguments (a
    keyword costs ~0.8 us per call: ``take`` 5.9 vs 5.1 us). A slot can be filled only
    with a default that is the same argument either way: a static one, or ``None``; a
    keyword after a slot without such a default stays a keyword.

    Everything that depends only on the signature is computed once, here.
    """

    def __init__(self, label, f, positions):
        params = list(inspect.signature(f).parameters.values())
        npos = 0                          # parameters that can be passed positionally
        for p in params:
            if p.kind not in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD):
                break
            npos += 1
        self.label = label
        self.positions = positions
        # slots: keyword name -> position; names[i]: the name parameter i is passed by
        # keyword (None: positional-only)
        self.slots = {p.name: i for i, p in enumerate(params[:npos])
                      if p.kind is p.POSITIONAL_OR_KEYWORD}
        self.names = tuple(p.name if p.kind is p.POSITIONAL_OR_KEYWORD else None
                           for p in params[:npos])
        # fill[i]: the default parameter i may be given when a later slot is filled
        # (_EMPTY: none that is the same argument either way)
        self.fill = tuple(p.default if p.default is not p.empty
                          and (p.name in positions or p.default is None) else _EMPTY
                          for p in params[:npos])
        self.defaults = {p.name: p.default for p in params if p.name in positions
                         and p.default is not p.empty and type(p.default) in _DROPPABLE}
        # (position, name) of each static parameter that can be passed positionally
        self.statics = tuple((i, p.name) for i, p in enumerate(params[:npos])
                             if p.name in positions)
        static_pos = [i for i in positions.values() if i is not None]
        # fewer positional arguments than this: no static one among them
        self.first = min(static_pos, default=npos)

    def __call__(self, args, kwargs):
        if kwargs:
            args, kwargs = self._slot(args, kwargs)
        n = len(args)
        if n > self.first:
            # The common call passes hashable statics, and nothing to leave out: two
            # loops of type checks and no copy (every 0.1 us shows in eager calls).
            for i, name in self.statics:
                if i >= n:
                    break
                if type(args[i]) not in _FROZEN_TYPES:
                    args = list(args)
                    args[i] = _freeze(self.label, name, args[i])
            fill = self.fill
            if n <= len(fill) and fill[n - 1] is not _EMPTY:
                while n > self.first and _is_default(args[n - 1], fill[n - 1]):
                    n -= 1                # a trailing default: left out
                args = args[:n]
        if kwargs:                        # keyword-only statics, or ones left keywords
            kwargs = self._keywords(kwargs)
        return args, kwargs

    def _slot(self, args, kwargs):
        """Keywords naming positional parameters moved into their slots, as far as
        the slots before them can be filled."""
        slots, last = self.slots, -1
        if len(kwargs) == 1:              # the common call, e.g. sum(x, axis=0)
            for k, v in kwargs.items():
                if slots.get(k) == len(args):
                    return (*args, v), {}
        for k in kwargs:
            i = slots.get(k, -1)
            if i > last:
                last = i
        n = len(args)
        if last < n:                      # none, or one given twice (jit's own error)
            return args, kwargs
        args, kwargs, names, fill = list(args), dict(kwargs), self.names, self.fill
        for i in range(n, last + 1):
            if names[i] in kwargs:
                args.append(kwargs.pop(names[i]))
            elif fill[i] is not _EMPTY:
                args.append(fill[i])
            else:                         # a dynamic slot without a None default
                break
        return args, kwargs

    def _keywords(self, kwargs):
        label, positions, defaults = self.label, self.positions, self.defaults
        out = None
        for name, v in kwargs.items():
            if name not in positions:
                continue
            frozen = v if isinstance(v, _FROZEN) else _freeze(label, name, v)
            if name in defaults and _is_default(frozen, defaults[name]):
                if out is None:
                    out = dict(kwargs)
                del out[name]
                continue
            if frozen is not v:
                if out is None:
                    out = dict(kwargs)
                out[name] = frozen
        return kwargs if out is None else out


_EMPTY = inspect.Parameter.empty


def _is_default(v, d) -> bool:
    """``v`` is the default ``d``: the same object, or an equal value of a type whose
    ``==`` means "the same value" (``_DROPPABLE``; not float, since -0.0 == 0.0)."""
    return v is d or (type(d) in _DROPPABLE and type(v) is type(d) and v == d)


# Exactly these types are re-raised with the function's name (their constructors take a
# message; subclasses such as jax's concretization errors are left alone).
_NAMED_ERRORS = (TypeError, ValueError, IndexError, OverflowError, NotImplementedError,
                 AxisError)


# --- array-likes -----------------------------------------------------------------
_SCALARS = (bool, int, float, builtins.complex, np.generic)


def is_arraylike(x) -> bool:
    return isinstance(x, (jax.Array, np.ndarray, *_SCALARS)) or hasattr(x, "__jax_array__")


def check_arraylike(name: str, *args, argnames: Sequence[str] | None = None) -> None:
    """TypeError naming the function and argument for non-array arguments."""
    for i, a in enumerate(args):
        if not (is_arraylike(a) or isinstance(a, (list, tuple))):
            which = argnames[i] if argnames else f"argument {i}"
            raise TypeError(f"{name}() requires array-like arguments; {which} has type "
                            f"{type(a).__name__}")


def ndim(x) -> int:
    return np.ndim(x) if not hasattr(x, "ndim") else x.ndim


def shape(x) -> tuple[int, ...]:
    return tuple(np.shape(x)) if not hasattr(x, "shape") else tuple(x.shape)


# Staging host values: an inlined jitted identity.  Eagerly it goes through jax's C++
# dispatch (host -> device transfer, dtype canonicalisation for x64, weak type for Python
# scalars) in a few microseconds, where jax.device_put plus a weak-type cast took ~10x that;
# under a trace it inlines to nothing (a Python scalar becomes a literal).
_stage_jit = inline_jit(lambda x: x)


def _stage(x):
    out = _stage_jit(x)
    # Under jax.disable_jit() the identity returns its host input: transfer it instead.
    return out if isinstance(out, jax.Array) else jax.device_put(x)

_PY_STAGED = frozenset({bool, float, complex})   # int needs a range check first
_PY_LEAF = frozenset({bool, int, float, complex})
# numpy dtypes jax's dispatch stages directly (the sub-byte ones take the slow path).
_NP_STAGED = frozenset(d for d in dtypes.ALL_DTYPES if d not in dtypes.SUBBYTE_INT_DTYPES)


def asarray(x, dtype=None, *, name: str = "asarray"):
    """``x`` as a jax array (or tracer) of ``dtype``, with jax's dtype rules.

    Python scalars stay weakly typed; nested lists/tuples (possibly holding
    tracers) are stacked with jaxwrap primitives.
    """
    if dtype is None:
        # Fast paths, by exact type: one classification, no dtype queries.
        if isinstance(x, jax.Array):       # arrays and tracers pass through
            return x
        t = type(x)
        if t in _PY_STAGED:
            return _stage(x)
        if t is int:
            _check_int_range((x,), dtypes.default_int_dtype(), name)
            return _stage(x)
        if (t is np.ndarray or isinstance(x, np.generic)) and x.dtype in _NP_STAGED:
            return _stage(x)
        if t is list or t is tuple:
            staged = _scalar_sequence(x, name)
            if staged is not None:
                return staged
    return _asarray_slow(x, dtype, name)


def _scalar_sequence(seq, name):
    """A nested sequence whose leaves are all Python scalars, staged; None otherwise.

    jax's rule for such a list: the promotion of weak leaves, made strong, i.e. the
    default dtype of the widest kind present (bool only if every leaf is a bool).
    """
    kinds = set()
    stack = [seq]
    while stack:           # bounded: visits each element of the (finite) nesting once
        for e in stack.pop():
            t = type(e)
            if t is list or t is tuple:
                stack.append(e)
            elif t in _PY_LEAF:
                kinds.add(t)
            else:
                return None
    if complex in kinds:
        dt = dtypes.default_complex_dtype()
    elif float in kinds or not kinds:
        dt = dtypes.default_float_dtype()
    elif int in kinds:
        dt = dtypes.default_int_dtype()
    else:
        dt = np.dtype(np.bool_)
    try:
        arr = np.asarray(seq, dtype=dt)
    except OverflowError:
        _check_int_range(_leaves(seq), dt, name)
        raise
    except ValueError:
        raise ValueError(f"{name}(): setting an array element with a sequence; the nested "
                         "sequence has an inhomogeneous shape") from None
    return _stage(arr)


def _leaves(seq):
    out = []
    for e in seq:
        out.extend(_leaves(e) if isinstance(e, (list, tuple)) else (e,))
    return out


def _asarray_slow(x, dtype, name):
    if isinstance(x, (list, tuple)):
        x = _from_nested(x, name, dtype)
        if dtype is None:
            return x
    if dtype is not None:
        dtype = dtypes.check_user_dtype(dtype, name)
    if isinstance(x, jax.Array):  # arrays and tracers
        if dtype is None or x.dtype == dtype and not dtypes.is_weakly_typed(x):
            return x
        return lax.convert_element_type(x, dtype, False)
    if hasattr(x, "__jax_array__"):
        return asarray(x.__jax_array__(), dtype, name=name)
    if not is_arraylike(x):
        raise TypeError(f"{name}(): cannot interpret an object of type {type(x).__name__} "
                        "as an array")
    # Python int/float/complex are weak; Python bool is not (jax's rule).
    weak = dtype is None and dtypes.is_python_scalar(x) and not isinstance(x, builtins.bool)
    if dtype is None:
        dtype = dtypes.dtype(x, canonicalize=True)
    _check_int_range([x], dtype, name)
    value = np.asarray(x, dtype=dtype)
    if not weak and dtype in _NP_STAGED:
        return _stage(value)
    out = jax.device_put(value)
    if weak:
        out = lax.convert_element_type(out, dtype, True)
    return out


def _check_int_range(leaves, dtype, name):
    """OverflowError naming the function for a Python int that does not fit the integer
    ``dtype`` it is converted to (jax's rule; numpy's astype would wrap it silently)."""
    try:
        dt = dtypes.canonicalize_dtype(dtype)
    except Exception:       # not a dtype: the caller's dtype check reports it
        return
    if dt.kind not in "iu":
        return
    info = np.iinfo(dt)
    for v in leaves:
        if type(v) is int and not info.min <= v <= info.max:
            raise OverflowError(f"{name}(): Python int {v} is too large to convert to "
                                f"{dt.name}")


def _from_nested(seq, name, dtype=None):
    leaves = []

    def walk(s, depth):
        if isinstance(s, (list, tuple)):
            shapes = [walk(e, depth + 1) for e in s]
            if any(sh != shapes[0] for sh in shapes):
                raise ValueError(f"{name}(): setting an array element with a sequence; the "
                                 f"nested sequence has an inhomogeneous shape")
            return (len(s),) + (shapes[0] if shapes else ())
        if not is_arraylike(s):
            raise TypeError(f"{name}(): cannot interpret an object of type "
                            f"{type(s).__name__} as an array element")
        leaves.append(s)
        return shape(s)

    full_shape = walk(seq, 0)
    if not any(isinstance(v, jax.Array) for v in leaves):
        # Concrete data: let numpy parse it, then apply jax's default dtypes.
        dt = dtypes.canonicalize_dtype(_default_dtype_of_python(None, leaves))
        _check_int_range(leaves, dtype if dtype is not None else dt, name)
        arr = np.asarray(seq)
        if arr.dtype == object:
            raise TypeError(f"{name}(): cannot convert the sequence to an array")
        arr = arr.astype(dt)
        return _stage(arr) if dt in _NP_STAGED else jax.device_put(arr)
    dt = dtypes.result_type(*leaves)
    parts = [lax.reshape(asarray(v, dt), (1,) + shape(v)) for v in leaves]
    flat = lax.concatenate(parts, 0) if len(parts) > 1 else parts[0]
    return lax.reshape(flat, full_shape)


def _default_dtype_of_python(arr, leaves):
    # jax's promotion over the elements (weak Python scalars do not widen
    # numpy values), then weak types resolved to their defaults.
    return dtypes.result_type(*leaves) if leaves else dtypes.default_float_dtype()


# --- promotion and broadcasting ----------------------------------------------------
def promote_dtypes(*args):
    """Convert all arguments to their common (jax-promoted) dtype."""
    if len(args) < 2:
        return [asarray(a) for a in args]
    dt, weak = dtypes.result_type(*args, return_weak_type_flag=True)
    return [_convert(a, dt, weak) for a in args]


def promote_dtypes_inexact(*args):
    """Like promote_dtypes, then integers/bools go to the default float type."""
    dt, weak = dtypes.result_type(*args, return_weak_type_flag=True)
    dt = dtypes.to_inexact_dtype(dt)
    return [_convert(a, dt, weak) for a in args]


def promote_dtypes_numeric(*args):
    dt, weak = dtypes.result_type(*args, return_weak_type_flag=True)
    dt = dtypes.to_numeric_dtype(dt)
    return [_convert(a, dt, weak) for a in args]


def promote_dtypes_complex(*args):
    dt, weak = dtypes.result_type(*args, return_weak_type_flag=True)
    dt = dtypes.to_complex_dtype(dt)
    return [_convert(a, dt, weak) for a in args]


def _convert(a, dt, weak, keep_weak=False):
    """``a`` as dtype ``dt``, weakly typed if ``weak``.

    ``keep_weak``: an array that already has dtype ``dt`` is returned as is even when
    only its weak flag differs (no equation); for callers whose result is strong
    anyway (a primitive's result is weak only if all its operands are) or that fix
    the flag of the result themselves.
    """
    if isinstance(a, jax.Array):
        if a.dtype == dt and (keep_weak or dtypes.is_weakly_typed(a) == weak):
            return a
        return lax.convert_element_type(a, dt, weak)
    if isinstance(a, (list, tuple)):
        return _convert(asarray(a), dt, weak)
    # Python and numpy constants become literals of the right dtype; a weak
    # result keeps its weak type (so ``add(1, 2.0)`` stays weak, like jax).
    v = np.asarray(a, dtype=dt)
    return lax.convert_element_type(v, dt, True) if weak else v


def broadcast_shapes(name: str, *shapes) -> tuple[int, ...]:
    """numpy's broadcasting rule; ValueError naming the function on mismatch."""
    nd = builtins.max((len(s) for s in shapes), default=0)
    out = []
    for i in range(nd):
        dims = {s[i - nd + len(s)] for s in shapes if i - nd + len(s) >= 0}
        dims.discard(1)
        if len(dims) > 1:
            raise ValueError(f"{name}(): operands could not be broadcast together with shapes "
                             + " ".join(str(tuple(s)) for s in shapes))
        out.append(dims.pop() if dims else 1)
    return tuple(out)


def broadcast_to(x, shp: tuple[int, ...]):
    """Broadcast an array to ``shp`` (numpy rules; the caller checked them)."""
    xs = shape(x)
    if xs == tuple(shp):
        return x
    nd = len(shp)
    lead = nd - len(xs)
    # Size-1 dims that must grow: drop them first, then broadcast_in_dim.  (Growing them
    # in broadcast_in_dim itself saves the reshape, but changes how XLA fuses some
    # float computations, e.g. pad's integer linear_ramp, by one rounding.)
    keep = [i for i, d in enumerate(xs) if d == shp[lead + i]]
    if len(keep) != len(xs):
        x = lax.reshape(x, tuple(xs[i] for i in keep))
    return lax.broadcast_in_dim(x, tuple(shp), tuple(lead + i for i in keep))


def broadcast_arrays(name: str, *args):
    shp = broadcast_shapes(name, *(shape(a) for a in args))
    return [broadcast_to(a, shp) for a in args]


def promote_args(name: str, *args):
    """Check, promote and broadcast the arguments of an elementwise function."""
    check_arraylike(name, *args)
    return broadcast_arrays(name, *promote_dtypes(*args))


def promote_args_inexact(name: str, *args):
    check_arraylike(name, *args)
    return broadcast_arrays(name, *promote_dtypes_inexact(*args))


def promote_args_numeric(name: str, *args):
    check_arraylike(name, *args)
    return broadcast_arrays(name, *promote_dtypes_numeric(*args))


# --- axes --------------------------------------------------------------------------------
def canonicalize_axis(axis, nd: int, name: str = "", argname: str = "axis") -> int:
    """Normalise a possibly negative axis; numpy's AxisError when out of range."""
    try:
        axis = operator.index(axis)
    except TypeError:
        raise TypeError(f"{name}(): {argname} must be an integer, got "
                        f"{type(axis).__name__}") from None
    if not -nd <= axis < nd:
        raise AxisError(f"{name}(): {argname} {axis} is out of bounds for array of "
                        f"dimension {nd}")
    return axis % nd if nd else 0


def canonicalize_axes(axis, nd: int, name: str = "", argname: str = "axis") -> tuple[int, ...]:
    """None -> all axes; int or tuple -> sorted unique non-negative axes."""
    if axis is None:
        return tuple(range(nd))
    if isinstance(axis, (tuple, list)):
        out = tuple(canonicalize_axis(a, nd, name, argname) for a in axis)
        if len(set(out)) != len(out):
            raise ValueError(f"{name}(): repeated axis in {argname}")
        return out
    return (canonicalize_axis(axis, nd, name, argname),)


def check_out(name: str, out) -> None:
    if out is not None:
        raise NotImplementedError(f"{name}(): the 'out' argument is not supported: jax arrays "
                                  "are immutable; use the return value")


def const(x, value):
    """A constant of ``x``'s dtype (a literal in jaxprs), weakly typed where ``x`` is.

    Weakness matters for derivatives: a gradient with respect to a Python scalar is
    weakly typed in jax, and the transpose rules multiply by these constants."""
    if np.ndim(value) == 0 and _weak_default(x):
        return _PY_OF_KIND[np.dtype(x.dtype).kind](value)
    return np.array(value, dtype=x.dtype)


def full_like(x, value, dtype=None):
    if dtype is None and np.ndim(value) == 0 and _weak_default(x):
        return lax.broadcast_in_dim(_PY_OF_KIND[np.dtype(x.dtype).kind](value), shape(x), ())
    dt = x.dtype if dtype is None else dtype
    return lax.broadcast_in_dim(np.array(value, dtype=dt), shape(x), ())


# A weak array of the default dtype of its kind takes Python scalars as its weak
# constants (they canonicalize to that very dtype, weakly typed).
_PY_OF_KIND = {"i": int, "f": float, "c": complex}
_DEFAULT_OF_KIND = {"i": dtypes.default_int_dtype, "f": dtypes.default_float_dtype,
                    "c": dtypes.default_complex_dtype}


def _weak_default(x) -> bool:
    dt = getattr(x, "dtype", None)
    if dt is None or not isinstance(x, jax.Array) or not jax.typeof(x).weak_type:
        return False
    k = np.dtype(dt).kind
    return k in _PY_OF_KIND and np.dtype(dt) == _DEFAULT_OF_KIND[k]()


def where(cond, x, y):
    """Elementwise select: x where cond else y (scalars broadcast to the others)."""
    shapes = {shape(v) for v in (cond, x, y)} - {()}
    if shapes:
        target = shapes.pop()
        cond, x, y = (v if shape(v) == target else lax.broadcast_in_dim(v, target, ())
                      for v in (cond, x, y))
    return lax.select_n(cond, y, x)


functools = functools
Any = Any
