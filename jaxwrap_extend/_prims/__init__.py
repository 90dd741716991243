"""jaxwrap's primitive set (its own "lax"), one module per family.

``registry`` lists every primitive by name; ``jaxwrap_extend.core.primitives``
is this registry.  Every family module registers its primitives on import and
lists its wrapper functions in ``__all__`` (gathered by ``jaxwrap._src.lax``).
"""

import importlib

from ._base import registry as registry

# One entry per family file; a new family is one new module plus its name here.
FAMILIES = (
    "elementwise",  # unary/binary maps, conversions
    "structural",  # broadcast, reshape, slicing, concatenate, pad, ...
    "reductions",  # reduce_*, argmax/argmin, cumulative ops
    "dot",  # dot_general
    "indexing",  # gather, scatter family
    "sorting",  # sort (multi-operand), top_k
    "linalg",  # factorizations and triangular/tridiagonal solves
    "random_bits",  # threefry2x32, random bits
    "fft",  # fft, ifft, rfft, irfft (stablehlo.fft)
    "special",  # special-function kernels (incomplete gamma/beta, zeta, ...)
    "special_bessel",  # Bessel-function kernels (i0e, i1e, ...)
)

for _name in FAMILIES:
    globals()[_name] = importlib.import_module(f"{__name__}.{_name}")

from . import sharding as sharding  # noqa: E402  (rules for the families above)
