"""Jaxpr helpers: staging, checking, printing, evaluating, walking."""

from __future__ import annotations

from collections.abc import Iterator

import jax

from .. import _jax

make_jaxpr = jax.make_jaxpr


def pp_jaxpr(jaxpr) -> str:
    """Pretty-print a Jaxpr or ClosedJaxpr as text."""
    return str(jaxpr)


def check_jaxpr(jaxpr) -> None:
    """Type-check a Jaxpr (or ClosedJaxpr); raises JaxprTypeError naming the bad equation."""
    if isinstance(jaxpr, _jax.ClosedJaxpr):
        jaxpr = jaxpr.jaxpr
    _jax.check_jaxpr(jaxpr)


def eval_jaxpr(jaxpr, consts, *args):
    """Evaluate ``jaxpr`` on ``args`` with ``consts`` bound to its constvars."""
    return _jax.eval_jaxpr(jaxpr, consts, *args)


def jaxpr_as_fun(closed_jaxpr, *args):
    """Run ``closed_jaxpr``: ``jaxpr_as_fun(cj)(*args)`` or ``jaxpr_as_fun(cj, *args)``.

    The curried form is a plain Python callable, so it works under jax.jit.
    """
    if args:
        return _jax.jaxpr_as_fun(closed_jaxpr, *args)
    return _jax.jaxpr_as_fun(closed_jaxpr)


def subjaxprs(jaxpr) -> Iterator:
    """The jaxprs nested directly in ``jaxpr``'s equations (loops, conds, calls)."""
    if isinstance(jaxpr, _jax.ClosedJaxpr):
        jaxpr = jaxpr.jaxpr
    return _jax.subjaxprs(jaxpr)


def walk_eqns(jaxpr) -> Iterator:
    """Every equation of ``jaxpr`` and, recursively, of its sub-jaxprs."""
    if isinstance(jaxpr, _jax.ClosedJaxpr):
        jaxpr = jaxpr.jaxpr
    for eqn in jaxpr.eqns:
        yield eqn
        for sub in _jax.jaxprs_in_params(eqn.params):
            yield from walk_eqns(sub)


def primitives_used(jaxpr) -> set[str]:
    """Names of all primitives in ``jaxpr``, sub-jaxprs included."""
    return {eqn.primitive.name for eqn in walk_eqns(jaxpr)}
