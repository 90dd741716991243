"""Jaxpr helpers: staging, building, checking, printing, evaluating, walking.

A jaxpr is jax's IR: typed variables, equations ``outvars = prim[params] invars``
and outputs.  ``make_jaxpr`` stages a Python function into one;
``JaxprBuilder`` assembles one equation at a time, without tracing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

import jax
import numpy as np

from .. import _jax
from ._primitive import MissingRuleError

make_jaxpr = jax.make_jaxpr


# --- printing -------------------------------------------------------------------

def pp_jaxpr(jaxpr) -> str:
    """Pretty-print a Jaxpr or ClosedJaxpr as text."""
    return str(jaxpr)


def pp_eqn(eqn, jaxpr=None) -> str:
    """Pretty-print one equation, e.g. ``c:f32[3] = add a b``.

    With ``jaxpr`` (the one holding ``eqn``), variables are named as in
    ``pp_jaxpr(jaxpr)``; alone, they are named afresh.
    """
    if jaxpr is None:
        return str(eqn)
    return _jax.pp_with_names(_open(jaxpr))[1](eqn)


def new_jaxpr(constvars: Sequence, invars: Sequence, outvars: Sequence,
              eqns: Sequence, effects=frozenset()) -> _jax.Jaxpr:
    """A Jaxpr from its parts (variables from ``new_var``, equations from
    ``new_jaxpr_eqn``); ``JaxprBuilder`` is the checked way to make one."""
    return _jax.new_jaxpr(list(constvars), list(invars), list(outvars), list(eqns),
                          frozenset(effects), name="new_jaxpr")


def _aval_str(aval) -> str:
    return aval.str_short(short_dtypes=True) if hasattr(aval, "str_short") else str(aval)


# --- building -------------------------------------------------------------------

class JaxprBuilder:
    """Assemble a ClosedJaxpr equation by equation.

    Each ``add`` runs the primitive's abstract-evaluation rule, so output
    variables get their types from it (and a bad call fails right there,
    not later in a checker).

    Examples
    --------
    >>> import numpy as np
    >>> from jaxwrap_extend import core
    >>> P = core.primitives
    >>> b = core.JaxprBuilder()
    >>> x = b.arg(core.ShapedArray((3,), np.float32))
    >>> y = b.add(P.mul_p, x, x)
    >>> z = b.add(P.add_p, y, b.const(np.ones(3, np.float32)))
    >>> cj = b.build(z)
    >>> core.jaxpr_as_fun(cj)(np.arange(3.0, dtype=np.float32))[0]
    Array([1., 2., 5.], dtype=float32)
    """

    def __init__(self):
        self._constvars: list = []
        self._consts: list = []
        self._invars: list = []
        self._eqns: list = []
        self._effects: set = set()

    def arg(self, aval, dtype=None):
        """A new input variable; ``aval`` is a ShapedArray, or a shape with ``dtype``."""
        if dtype is not None:
            aval = _jax.ShapedArray(tuple(aval), np.dtype(dtype))
        if not isinstance(aval, _jax.AbstractValue):
            raise TypeError(f"JaxprBuilder.arg: expected a ShapedArray (or a shape and a "
                            f"dtype), got {aval!r}")
        var = _jax.new_var(aval)
        self._invars.append(var)
        return var

    def const(self, value):
        """A constant input bound to ``value`` (an array); it becomes a constvar."""
        value = np.asarray(value)
        var = _jax.new_var(_jax.ShapedArray(value.shape, value.dtype))
        self._constvars.append(var)
        self._consts.append(value)
        return var

    @staticmethod
    def literal(value, dtype=None):
        """An inline scalar constant (printed in place, e.g. ``add a 1.0:f32[]``)."""
        # A Python scalar is weakly typed at the default precision, as in jax.
        weak = dtype is None and type(value) in (bool, int, float, complex)
        if weak:
            dtype = jax.dtypes.canonicalize_dtype(np.result_type(value))
        value = np.asarray(value, dtype=dtype)
        if value.shape != ():
            raise ValueError(f"JaxprBuilder.literal: literals are scalars; got shape "
                             f"{value.shape} (use const for arrays)")
        value = value[()]
        aval = _jax.ShapedArray((), value.dtype, weak_type=weak and value.dtype != bool)
        return _jax.new_literal(value, aval)

    def _atom(self, x):
        if isinstance(x, (_jax.Var, _jax.Literal)):
            return x
        if np.ndim(x) == 0:
            return self.literal(x)
        return self.const(x)

    def add(self, prim, *inputs, **params):
        """Append ``prim[params](*inputs)``; returns its output variable(s).

        Inputs are variables from ``arg``/``const``/earlier ``add`` calls,
        literals, or Python / numpy values (scalars become literals, arrays
        constants).  Returns one Var, or a list for multiple-result primitives.
        """
        atoms = [self._atom(x) for x in inputs]
        avals = [a.aval for a in atoms]
        try:
            out_avals, effects = prim.abstract_eval(*avals, **params)
        except Exception as e:
            shown = ", ".join(_aval_str(a) for a in avals)
            msg = (f"JaxprBuilder.add: '{prim.name}' cannot be applied to ({shown}) "
                   f"with params {params}: {e}")
            try:  # keep the exception type (TypeError, ValueError, ...) when possible
                err = type(e)(msg)
            except Exception:
                err = TypeError(msg)
            raise err from e
        outs = list(out_avals) if prim.multiple_results else [out_avals]
        outvars = [_jax.new_var(a) for a in outs]
        self._eqns.append(_jax.new_jaxpr_eqn(atoms, outvars, prim, params, effects,
                                             _jax.source_info_current()))
        self._effects |= set(effects)
        return outvars if prim.multiple_results else outvars[0]

    bind = add

    def inline(self, closed_jaxpr, *inputs) -> list:
        """Append the equations of ``closed_jaxpr`` applied to ``inputs``
        (fresh variables, its constants as constants); returns its outputs."""
        jaxpr = _open(closed_jaxpr)
        consts = closed_jaxpr.consts if isinstance(closed_jaxpr, _jax.ClosedJaxpr) else []
        if len(inputs) != len(jaxpr.invars):
            raise TypeError(f"JaxprBuilder.inline: the jaxpr takes {len(jaxpr.invars)} "
                            f"inputs, got {len(inputs)}")
        env = {v: self.const(c) for v, c in zip(jaxpr.constvars, consts)}
        env.update(zip(jaxpr.invars, (self._atom(x) for x in inputs)))

        def read(v):
            return v if isinstance(v, _jax.Literal) else env[v]

        for eqn in jaxpr.eqns:
            outvars = []
            for v in eqn.outvars:
                new = v if isinstance(v, _jax.DropVar) else _jax.new_var(v.aval)
                if not isinstance(v, _jax.DropVar):
                    env[v] = new
                outvars.append(new)
            self._eqns.append(eqn.replace(invars=[read(v) for v in eqn.invars],
                                          outvars=outvars))
            self._effects |= set(eqn.effects)
        return [read(v) for v in jaxpr.outvars]

    def build(self, *outputs) -> _jax.ClosedJaxpr:
        """The ClosedJaxpr with these outputs (variables, literals or values)."""
        outvars = [self._atom(x) for x in outputs]
        jaxpr = _jax.new_jaxpr(list(self._constvars), list(self._invars), outvars,
                               list(self._eqns), frozenset(self._effects))
        return _jax.ClosedJaxpr(jaxpr, list(self._consts))


# --- checking -------------------------------------------------------------------

class JaxprCheckError(_jax.JaxprTypeError):
    """A jaxpr failed ``check_jaxpr``; ``path`` lists the equation indices
    (outermost first) leading to the offending equation, ``eqn`` is it."""

    def __init__(self, message: str, path: tuple[int, ...] = (), eqn=None):
        super().__init__(message)
        self.path = path
        self.eqn = eqn


def _fail(what: str, jaxpr, path, eqn=None, printer=None):
    where = " > ".join(f"equation {i}" for i in path) if path else "outputs"
    lines = [f"check_jaxpr: {where}: {what}"]
    if eqn is not None:
        lines.append(f"  equation: {printer(eqn) if printer else eqn}")
    lines.append("  in jaxpr:")
    lines.extend("    " + line for line in str(jaxpr).splitlines())
    raise JaxprCheckError("\n".join(lines), tuple(path), eqn)


def _check_eqn_types(eqn):
    """Re-run the abstract eval; return a description of a mismatch, or None."""
    prim = eqn.primitive
    avals = [v.aval for v in eqn.invars]
    try:
        out_avals, _ = prim.abstract_eval(*avals, **eqn.params)
    except NotImplementedError as e:
        if isinstance(e, MissingRuleError):
            return f"'{prim.name}' has no abstract evaluation rule"
        # jax's call-like primitives (custom_jvp_call, ...) type-check through
        # their sub-jaxprs, which jax's own checker covers below.
        return None
    except Exception as e:  # the rule rejects these input types
        shown = ", ".join(_aval_str(a) for a in avals)
        return f"'{prim.name}' rejects inputs ({shown}): {type(e).__name__}: {e}"
    outs = list(out_avals) if prim.multiple_results else [out_avals]
    if len(outs) != len(eqn.outvars):
        return (f"'{prim.name}' produces {len(outs)} outputs but the equation binds "
                f"{len(eqn.outvars)}")
    shown = ", ".join(_aval_str(a) for a in avals)
    for k, (want, var) in enumerate(zip(outs, eqn.outvars)):
        got = var.aval
        if (getattr(got, "shape", None), getattr(got, "dtype", None)) != \
                (getattr(want, "shape", None), getattr(want, "dtype", None)):
            return (f"output {k} is declared {_aval_str(got)} but '{prim.name}' of "
                    f"({shown}) gives {_aval_str(want)}")
    return None


def _check(jaxpr, path: tuple[int, ...], top, printer):
    defined = set()
    for v in list(jaxpr.constvars) + list(jaxpr.invars):
        if v in defined:
            _fail(f"input variable {v} is bound twice", top, path, None, printer)
        defined.add(v)
    for i, eqn in enumerate(jaxpr.eqns):
        here = path + (i,)
        for k, v in enumerate(eqn.invars):
            if isinstance(v, _jax.Literal):
                continue
            if v not in defined:
                _fail(f"input {k} of '{eqn.primitive.name}' is used before it is defined",
                      top, here, eqn, printer)
        problem = _check_eqn_types(eqn)
        if problem:
            _fail(problem, top, here, eqn, printer)
        for v in eqn.outvars:
            if isinstance(v, _jax.DropVar):
                continue
            if v in defined:
                _fail("an output variable is defined a second time (jaxprs bind each "
                      "variable once)", top, here, eqn, printer)
            defined.add(v)
        for sub in _jax.jaxprs_in_params(eqn.params):
            _check(sub, here, top, printer)
    for k, v in enumerate(jaxpr.outvars):
        if not isinstance(v, _jax.Literal) and v not in defined:
            _fail(f"output {k} is never defined", top, path, None, printer)


def check_jaxpr(jaxpr) -> None:
    """Type-check a Jaxpr or ClosedJaxpr.

    Raises
    ------
    JaxprCheckError (a ``JaxprTypeError``)
        naming the offending equation: its index (a path into sub-jaxprs for
        nested ones), the equation as printed in the listing, and what is
        wrong (undefined input, rebound variable, output types that disagree
        with the primitive's abstract evaluation, inputs it rejects).
    """
    if isinstance(jaxpr, _jax.ClosedJaxpr):
        closed, jaxpr = jaxpr, jaxpr.jaxpr
        for k, (v, c) in enumerate(zip(jaxpr.constvars, closed.consts)):
            if np.shape(c) != v.aval.shape:
                raise JaxprCheckError(f"check_jaxpr: constant {k} has shape {np.shape(c)} "
                                      f"but its variable is {_aval_str(v.aval)}")
    _, printer = _jax.pp_with_names(jaxpr)
    _check(jaxpr, (), jaxpr, printer)
    # jax's own checker also covers effects and the typing rules of its
    # structural primitives (loops, conds, calls).
    try:
        _jax.check_jaxpr(jaxpr)
    except _jax.JaxprTypeError as e:
        raise JaxprCheckError(f"check_jaxpr: {e}") from e


# --- evaluating -----------------------------------------------------------------

def eval_jaxpr(jaxpr, consts, *args):
    """Evaluate ``jaxpr`` on ``args`` with ``consts`` bound to its constvars.

    Each equation binds its primitive, so this runs eagerly, or stages into
    whatever trace is active (jit, grad, vmap).  Returns the list of outputs.
    """
    if isinstance(jaxpr, _jax.ClosedJaxpr):
        raise TypeError("eval_jaxpr takes a Jaxpr and its consts; for a ClosedJaxpr "
                        "use jaxpr_as_fun(closed_jaxpr)(*args)")
    return _jax.eval_jaxpr(jaxpr, consts, *args)


def jaxpr_as_fun(closed_jaxpr, *args):
    """Run ``closed_jaxpr``: ``jaxpr_as_fun(cj)(*args)`` or ``jaxpr_as_fun(cj, *args)``.

    The curried form is a plain Python callable, so it works under jax.jit.
    """
    if args:
        return _jax.jaxpr_as_fun(closed_jaxpr, *args)
    return _jax.jaxpr_as_fun(closed_jaxpr)


def interpret(jaxpr, consts: Sequence, args: Sequence,
              rule: Callable | None = None) -> list:
    """Evaluate ``jaxpr`` with ``rule(eqn, invals) -> outvals`` deciding each step.

    ``rule`` may return ``NotImplemented`` to fall back to binding the
    primitive.  This is the skeleton of an interpreter over the IR: a rule can
    count, substitute or instrument equations.
    """
    if isinstance(jaxpr, _jax.ClosedJaxpr):
        jaxpr, consts = jaxpr.jaxpr, jaxpr.consts
    env: dict = {}

    def read(v):
        return v.val if isinstance(v, _jax.Literal) else env[v]

    for v, x in zip(jaxpr.constvars, consts):
        env[v] = x
    if len(args) != len(jaxpr.invars):
        raise TypeError(f"interpret: the jaxpr takes {len(jaxpr.invars)} arguments, "
                        f"got {len(args)}")
    for v, x in zip(jaxpr.invars, args):
        env[v] = x
    for eqn in jaxpr.eqns:
        invals = [read(v) for v in eqn.invars]
        out = NotImplemented if rule is None else rule(eqn, invals)
        if out is NotImplemented:
            out = eqn.primitive.bind(*invals, **eqn.params)
        outs = out if eqn.primitive.multiple_results else [out]
        for v, x in zip(eqn.outvars, outs):
            if not isinstance(v, _jax.DropVar):
                env[v] = x
    return [read(v) for v in jaxpr.outvars]


# --- walking --------------------------------------------------------------------

def _open(jaxpr):
    return jaxpr.jaxpr if isinstance(jaxpr, _jax.ClosedJaxpr) else jaxpr


def subjaxprs(jaxpr) -> Iterator:
    """The jaxprs nested directly in ``jaxpr``'s equations (loops, conds, calls)."""
    return _jax.subjaxprs(_open(jaxpr))


def walk_jaxprs(jaxpr) -> Iterator:
    """``jaxpr`` itself and, depth first, every jaxpr nested in it."""
    jaxpr = _open(jaxpr)
    yield jaxpr
    for eqn in jaxpr.eqns:
        for sub in _jax.jaxprs_in_params(eqn.params):
            yield from walk_jaxprs(sub)


def walk_eqns(jaxpr) -> Iterator:
    """Every equation of ``jaxpr`` and, recursively, of its sub-jaxprs."""
    for eqn in _open(jaxpr).eqns:
        yield eqn
        for sub in _jax.jaxprs_in_params(eqn.params):
            yield from walk_eqns(sub)


def primitives_used(jaxpr) -> set[str]:
    """Names of all primitives in ``jaxpr``, sub-jaxprs included."""
    return {eqn.primitive.name for eqn in walk_eqns(jaxpr)}
