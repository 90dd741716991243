"""jaxwrap's primitive set (its own "lax"), one module per family.

``registry`` lists every primitive by name; ``jaxwrap_extend.core.primitives``
is this registry.
"""

from . import elementwise as elementwise  # noqa: F401
from ._base import registry as registry

try:  # families written in parallel; each registers itself on import
    from . import structural as structural  # noqa: F401
except ImportError:  # pragma: no cover
    pass
try:
    from . import reductions as reductions  # noqa: F401
except ImportError:  # pragma: no cover
    pass
try:
    from . import dot as dot  # noqa: F401
except ImportError:  # pragma: no cover
    pass
