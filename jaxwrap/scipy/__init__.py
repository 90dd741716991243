"""jaxwrap.scipy: the in-scope parts of scipy (linalg, fft, special, stats, signal).

Each submodule lands with its own issue; modules out of scope (optimize,
integrate, interpolate, ndimage, sparse, spatial, ...) do not exist, and
importing one raises ModuleNotFoundError quoting the scope manifest.
"""

from jaxwrap._src.out_of_scope import module_getattr as _module_getattr

__getattr__ = _module_getattr(__name__)
