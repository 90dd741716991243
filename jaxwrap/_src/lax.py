"""jaxwrap's primitive wrappers in one namespace (jaxwrap's "lax").

Everything the numpy/scipy layers compute goes through these, so the jaxprs
of public functions contain only jaxwrap primitives.
"""

# The family modules define their wrappers with fixed names (``add``,
# ``reduce_sum``, ``dot_general``...); gather them here.
from jaxwrap_extend._prims.dot import *  # noqa: F401,F403
from jaxwrap_extend._prims.elementwise import *  # noqa: F401,F403
from jaxwrap_extend._prims.elementwise import (  # noqa: F401  (names starting "_" or shadowing builtins)
    abs,
    and_,
    complex,
    max,
    min,
    not_,
    or_,
    pow,
    round,
)
from jaxwrap_extend._prims.fft import *  # noqa: F401,F403

# Families below list their wrappers in ``__all__``.
from jaxwrap_extend._prims.indexing import *  # noqa: F401,F403
from jaxwrap_extend._prims.linalg import *  # noqa: F401,F403
from jaxwrap_extend._prims.random_bits import *  # noqa: F401,F403
from jaxwrap_extend._prims.reductions import *  # noqa: F401,F403
from jaxwrap_extend._prims.sorting import *  # noqa: F401,F403
from jaxwrap_extend._prims.special import *  # noqa: F401,F403
from jaxwrap_extend._prims.special_bessel import *  # noqa: F401,F403
from jaxwrap_extend._prims.structural import *  # noqa: F401,F403
from jaxwrap_extend._prims.structural import slice  # noqa: F401
