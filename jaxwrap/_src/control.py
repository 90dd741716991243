"""Control flow that keeps jaxprs pure (DESIGN.md, primitive purity).

``jax.lax.fori_loop`` binds jax's ``add`` for its counter, ``jax.lax.switch``
binds jax's ``clamp`` on the index and ``jax.lax.cond`` jax's
``convert_element_type`` on a bool predicate.  These versions do that
arithmetic with jaxwrap primitives and bind only jax's structural ``scan`` /
``cond``.  Use them instead of the jax.lax helpers anywhere in jaxwrap.
"""

from __future__ import annotations

import jax
import numpy as np

from jaxwrap_extend import _jax

from . import lax


def fori_loop(lower: int, upper: int, body, init):
    """``jax.lax.fori_loop`` with static bounds: a scan over an int32 iota."""
    if upper <= lower:
        return init
    idx = lax.add(lax.iota(np.int32, (upper - lower,), 0),
                  lax.broadcast_in_dim(np.int32(lower), (upper - lower,), ()))
    return jax.lax.scan(lambda c, i: (body(i, c), None), init, idx)[0]


def switch_in_range(index, branches, *operands):
    """``branches[index](*operands)`` for an int32 scalar ``index`` known to
    lie in ``range(len(branches))``: one XLA conditional running only the
    chosen branch."""
    return _jax.switch_in_range(index, branches, *operands)


def switch(index, branches, *operands):
    """``jax.lax.switch``: ``index`` is clamped into range (jaxwrap's clamp)."""
    index = lax.convert_element_type(index, np.int32, False)
    index = lax.clamp(np.int32(0), index, np.int32(len(branches) - 1))
    return switch_in_range(index, branches, *operands)


def cond(pred, true_fn, false_fn, *operands):
    """``jax.lax.cond`` on a traced bool (or integer) scalar ``pred``."""
    index = lax.convert_element_type(lax.ne(pred, np.zeros((), pred.dtype)), np.int32, False)
    return switch_in_range(index, [false_fn, true_fn], *operands)
