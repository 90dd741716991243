"""jaxwrap_extend: the library view of the machinery for defining primitives.

Laid out like ``jax.extend``:

* ``core``: Primitive, ShapedArray, the Jaxpr IR (build, check, print, run,
  walk) and ``core.primitives`` (jaxwrap's own primitive set);
* ``interpreters``: rules per primitive: ``mlir`` (lowering, per platform),
  ``ad`` (JVP, transpose), ``batching`` (vmap);
* ``ffi``: primitives whose lowering is a compiled kernel (XLA FFI);
* ``sharding``: XLA's OpSharding format and conversions to jax shardings;
* ``backend``: XLA clients per platform and compilation caches;
* ``random``: PRNG implementations and key internals.

It is the only package of the project that touches jax's internals, all
through ``_jax``.  ``ffi``, ``sharding``, ``backend`` and ``random`` load on
first access.
"""

import importlib

from . import core as core
from . import interpreters as interpreters

_LAZY = ("ffi", "sharding", "backend", "random")


def __getattr__(name):
    if name in _LAZY:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module 'jaxwrap_extend' has no attribute '{name}'")


def __dir__():
    return sorted(list(globals()) + list(_LAZY))
