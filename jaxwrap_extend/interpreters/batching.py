"""Batching (jax.vmap) rules for primitives.

A rule is ``rule(args, dims, **params) -> (out, out_dim)`` where ``dims[i]`` is
the batched axis of ``args[i]`` or None.  The all-unbatched case never reaches
a rule.  The helpers below move axes with jaxwrap's own primitives, so batched
jaxprs stay free of jax's lax operations.

Rules for the common shapes (each ``def*`` registers the matching ``*_rule``):
``defvectorized`` (unary elementwise), ``defbroadcasting`` (n-ary elementwise
on operands of one shape), ``defreducer`` (reductions over an axes param),
``defbatch_at_front`` (leading axes are independent rows: kernels),
``defsequential`` (anything, one batch element at a time).
"""

from __future__ import annotations

from collections.abc import Callable

from .. import _jax
from ..core._primitive import is_placeholder

not_mapped = None


class _Registry:
    """``primitive_batchers[prim] = rule`` registers, ``[prim]`` reads back."""

    def __setitem__(self, prim, rule: Callable) -> None:
        _jax.register_batcher(prim, rule)

    def __getitem__(self, prim):
        rule = _jax.registered_batcher(prim)
        if rule is None:
            raise KeyError(prim)
        return rule

    def __contains__(self, prim) -> bool:
        return not is_placeholder(_jax.registered_batcher(prim))

    def get(self, prim, default=None):
        rule = _jax.registered_batcher(prim)
        return default if is_placeholder(rule) else rule


primitive_batchers = _Registry()


def _prims():
    from .._prims import structural
    return structural


def moveaxis(x, src: int, dst: int):
    """Move axis ``src`` of ``x`` to ``dst`` (jaxwrap's transpose primitive)."""
    if src == dst:
        return x
    perm = [i for i in range(x.ndim) if i != src]
    perm.insert(dst, src)
    return _prims().transpose(x, tuple(perm))


def bdim_at_front(x, bdim, size: int):
    """``x`` with its batch axis first; an unbatched ``x`` is broadcast to ``size``."""
    if bdim is None:
        return _prims().broadcast_in_dim(x, (size,) + tuple(x.shape),
                                         tuple(range(1, x.ndim + 1)))
    return moveaxis(x, bdim, 0)


def batch_size(args, dims) -> int:
    """The common length of the batch axes of a batching rule's operands.

    Parameters
    ----------
    args : sequence of arrays
        The operands the rule receives.
    dims : sequence of int or None
        The batch axis of each operand (None: not batched).

    Returns
    -------
    int
        The size of the batch axis, the same for every batched operand.

    Raises
    ------
    ValueError
        If the batched operands disagree (or none is batched).

    Examples
    --------
    >>> import numpy as np
    >>> from jaxwrap_extend.interpreters import batching
    >>> batching.batch_size([np.zeros((3, 4)), np.zeros(2)], [1, None])
    4
    """
    sizes = {x.shape[d] for x, d in zip(args, dims) if d is not None}
    if len(sizes) != 1:
        raise ValueError(f"inconsistent batch sizes {sorted(sizes)}")
    return sizes.pop()


def vectorized_rule(prim):
    """Rule for primitives that act independently on every element of one operand."""
    def rule(args, dims, **params):
        (x,), (d,) = args, dims
        return prim.bind(x, **params), d
    return rule


def broadcasting_rule(prim):
    """Rule for elementwise n-ary primitives whose operands share one shape.

    Batched operands get their batch axis first; unbatched ones are broadcast
    along it.  (Operands of these primitives always have equal shapes.)
    """
    def rule(args, dims, **params):
        first = next(d for d in dims if d is not None)
        if all(d == first for d in dims):
            out = prim.bind(*args, **params)
            return (out, [first] * len(out)) if prim.multiple_results else (out, first)
        size = batch_size(args, dims)
        args = [bdim_at_front(x, d, size) for x, d in zip(args, dims)]
        out = prim.bind(*args, **params)
        return (out, [0] * len(out)) if prim.multiple_results else (out, 0)
    return rule


def reducer_rule(prim, axes_param: str = "axes"):
    """Rule for reductions over a tuple of axes given by the ``axes_param`` param."""
    def rule(args, dims, **params):
        (x,), (d,) = args, dims
        axes = tuple(a + (a >= d) for a in params[axes_param])
        out_dim = d - sum(a < d for a in axes)
        return prim.bind(x, **{**params, axes_param: axes}), out_dim
    return rule


def batch_at_front_rule(prim):
    """Rule for primitives that treat the leading axes of their operands as
    batch axes (many kernels: "for each leading index, do the same thing").

    Every operand gets the batch axis first; unbatched operands are broadcast
    along it (jax.ffi's ``vmap_method="broadcast_all"``).
    """
    def rule(args, dims, **params):
        size = batch_size(args, dims)
        args = [bdim_at_front(x, d, size) for x, d in zip(args, dims)]
        out = prim.bind(*args, **params)
        return (out, [0] * len(out)) if prim.multiple_results else (out, 0)
    return rule


def defvectorized(prim) -> None:
    """Register the elementwise unary batching rule for ``prim``."""
    primitive_batchers[prim] = vectorized_rule(prim)


def defbroadcasting(prim) -> None:
    """Register the elementwise n-ary batching rule for ``prim``."""
    primitive_batchers[prim] = broadcasting_rule(prim)


def defreducer(prim, axes_param: str = "axes") -> None:
    """Register the reduction batching rule for ``prim`` (its axes in ``params[axes_param]``)."""
    primitive_batchers[prim] = reducer_rule(prim, axes_param)


def defbatch_at_front(prim) -> None:
    """Register ``batch_at_front_rule`` for ``prim`` (leading axes are batch axes)."""
    primitive_batchers[prim] = batch_at_front_rule(prim)


def defsequential(prim) -> None:
    """Register ``loop_rule``: vmap runs ``prim`` once per batch element."""
    primitive_batchers[prim] = loop_rule(prim)


def loop_rule(prim):
    """Fallback rule: map ``prim`` over the batch with ``jax.lax.map`` (a scan).

    Correct for any primitive, but runs the batch sequentially; families
    with a vectorised formulation should register that instead.
    """
    import jax

    def rule(args, dims, **params):
        batch_size(args, dims)  # raises on inconsistent batch sizes
        batched = [d is not None for d in dims]
        moved = [moveaxis(x, d, 0) if d is not None else x for x, d in zip(args, dims)]
        xs = [x for x, b in zip(moved, batched) if b]
        consts = [x for x, b in zip(moved, batched) if not b]

        def body(slices):
            it_s, it_c = iter(slices), iter(consts)
            full = [next(it_s) if b else next(it_c) for b in batched]
            return prim.bind(*full, **params)

        out = jax.lax.map(body, xs)
        return (out, [0] * len(out)) if prim.multiple_results else (out, 0)
    return rule
