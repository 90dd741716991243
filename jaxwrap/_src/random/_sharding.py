"""``out_sharding=``: the keyword jax.random's samplers take to shard their output.

jax.random (0.10) gives most samplers a keyword-only ``out_sharding`` (a
``NamedSharding``, or a ``PartitionSpec`` read against the mesh set with
``jax.set_mesh``).  The values do not depend on it: threefry's bits are
partitionable, so a sharded draw equals the unsharded one element for element.
Only the output's sharding changes.  As in jax, the sampler runs with the
output's explicit mesh axes made automatic (``jax.sharding.auto_axes``: the
sampler's own intermediate shardings are left to the partitioner), and the
result is resharded to ``out_sharding``.

``add_out_sharding(namespace)`` wraps, in a family module's globals, the
public samplers jax gives the keyword (``SAMPLERS``), so that the keyword is
handled in one place and every sampler's signature shows it.
"""

from __future__ import annotations

import functools
import inspect

import jax
from jax.sharding import NamedSharding, PartitionSpec

# The samplers of jax.random 0.10 with ``out_sharding=`` (binomial, multinomial,
# choice and the key functions have none).
SAMPLERS = frozenset({
    "ball", "bernoulli", "beta", "bits", "categorical", "cauchy", "chisquare", "dirichlet",
    "exponential", "f", "gamma", "generalized_normal", "geometric", "gumbel", "laplace",
    "loggamma", "logistic", "lognormal", "maxwell", "multivariate_normal", "normal",
    "orthogonal", "pareto", "permutation", "poisson", "rademacher", "randint", "rayleigh",
    "t", "triangular", "truncated_normal", "uniform", "wald",
})


def canonical_sharding(name: str, out_sharding):
    """``out_sharding`` as a NamedSharding (None stays None); a PartitionSpec
    needs a mesh set with ``jax.set_mesh``."""
    if out_sharding is None or isinstance(out_sharding, NamedSharding):
        return out_sharding
    if isinstance(out_sharding, PartitionSpec):
        mesh = jax.sharding.get_abstract_mesh()
        if mesh.empty:
            raise ValueError(
                f"{name}(): out_sharding={out_sharding} is a PartitionSpec, which needs a "
                "mesh: pass a NamedSharding, or set a mesh with jax.set_mesh(mesh)")
        return NamedSharding(mesh, out_sharding)
    raise TypeError(f"{name}(): out_sharding must be a NamedSharding, a PartitionSpec or "
                    f"None, not {type(out_sharding).__name__}")


def _with_out_sharding(fn):
    name = fn.__name__
    sig = inspect.signature(fn)
    keyword = inspect.Parameter("out_sharding", inspect.Parameter.KEYWORD_ONLY, default=None)

    @functools.wraps(fn)
    def sampler(*args, out_sharding=None, **kwargs):
        sharding = canonical_sharding(name, out_sharding)
        if sharding is None:
            return fn(*args, **kwargs)
        if args:
            key, args = args[0], args[1:]
        elif "key" in kwargs:
            key = kwargs.pop("key")
        else:
            raise TypeError(f"{name}() missing required argument: 'key'")
        # the key is the one array argument auto_axes reshards on the way in (a
        # replicated key is unchanged); the rest are static or broadcast parameters
        run = jax.sharding.auto_axes(lambda k: fn(k, *args, **kwargs), out_sharding=sharding,
                                     axes=sharding.mesh.explicit_axes)
        return run(key)

    sampler.__signature__ = sig.replace(parameters=[*sig.parameters.values(), keyword])
    sampler.__wrapped_sampler__ = fn
    return sampler


def add_out_sharding(namespace: dict) -> None:
    """Give the samplers of ``SAMPLERS`` in a module's ``__all__`` the keyword."""
    for name in namespace["__all__"]:
        if name in SAMPLERS:
            namespace[name] = _with_out_sharding(namespace[name])
