"""Backends (XLA clients per platform) and compilation caches (jax.extend.backend).

* ``backends()``: {platform: client} for every initialised platform.
* ``get_backend(platform=None)``: the client of ``platform`` (default: the
  default backend); ``default_backend()``: its platform name.
* ``devices(platform=None)`` / ``get_default_device()``.
* ``backend_xla_version(platform=None)``: the XLA version the client reports.
* ``clear_backends()``: drop every client and compiled executable (the next
  jax call re-initialises them).
* ``clear_in_memory_compilation_cache()``, ``get_compile_options(...)``.
"""

from __future__ import annotations

import jax

from ._jax import (
    backend_xla_version as backend_xla_version,
)
from ._jax import (
    backends as backends,
)
from ._jax import (
    clear_backends as clear_backends,
)
from ._jax import (
    clear_in_memory_compilation_cache as clear_in_memory_compilation_cache,
)
from ._jax import (
    get_backend as get_backend,
)
from ._jax import (
    get_compile_options as get_compile_options,
)
from ._jax import (
    get_default_device as get_default_device,
)

__all__ = [
    "backends", "get_backend", "default_backend", "devices", "get_default_device",
    "backend_xla_version", "clear_backends", "clear_in_memory_compilation_cache",
    "get_compile_options", "platform_version",
]

default_backend = jax.default_backend


def devices(platform: str | None = None) -> list:
    """The devices of ``platform`` (default: the default backend's)."""
    return jax.devices(platform)


def platform_version(platform: str | None = None) -> str:
    """The version string of ``platform``'s runtime (e.g. the CUDA / PJRT version)."""
    return get_backend(platform).platform_version
