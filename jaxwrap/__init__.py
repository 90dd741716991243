"""jaxwrap: a scoped numpy/scipy on XLA, built from its own primitives.

``import jaxwrap.numpy as jwnp`` is a drop-in for numpy-style code whose
results are plain ``jax.Array``s (jax.jit, jax.grad, jax.vmap, sharding and
GPUs work unchanged); ``jaxwrap.random`` is jax.random's key-based API, bit
for bit; ``jaxwrap.scipy.linalg`` (and the other in-scope scipy modules as
they land) are imported on demand.  ``jaxwrap.scope`` answers what is supported; modules
out of scope do not exist and say why when imported.
"""

__version__ = "0.1.0"

from jaxwrap._src import out_of_scope as _out_of_scope

_out_of_scope.install()

from jaxwrap import numpy as numpy  # noqa: E402
from jaxwrap import random as random  # noqa: E402
from jaxwrap import scope as scope  # noqa: E402

__getattr__ = _out_of_scope.module_getattr(__name__)
