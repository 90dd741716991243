"""jaxwrap_extend: the library view of the machinery for defining primitives.

Laid out like ``jax.extend``: ``core`` (Primitive, ShapedArray, the Jaxpr IR),
``interpreters`` (``mlir`` lowering, ``ad``, ``batching``).  It is the only
package of the project that touches jax's internals, all through ``_jax``.
"""

from . import core as core
from . import interpreters as interpreters
