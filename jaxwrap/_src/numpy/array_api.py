"""The Array API standard's namespace metadata for jaxwrap.numpy.

``__array_api_version__`` names the newest revision of the standard that
jaxwrap.numpy follows (the one jax.numpy follows), and
``__array_namespace_info__()`` returns the inspection object the standard
defines (capabilities, devices, default and supported dtypes).  The standard's
functions themselves live with their families (``concat``, ``permute_dims``,
``astype``, ``isdtype``, ``cumulative_sum``, ``bitwise_left_shift``...).
"""

from __future__ import annotations

import jax
import numpy as np

from .. import dtypes

__all__ = ["__array_api_version__", "__array_namespace_info__"]

__array_api_version__ = "2024.12"

# The standard's dtype kinds, each as the dtypes it covers (64-bit ones are
# listed only when jax_enable_x64 is on).
_KINDS = {
    "bool": ("bool",),
    "signed integer": ("int8", "int16", "int32", "int64"),
    "unsigned integer": ("uint8", "uint16", "uint32", "uint64"),
    "real floating": ("float32", "float64"),
    "complex floating": ("complex64", "complex128"),
}
_KINDS["integral"] = _KINDS["signed integer"] + _KINDS["unsigned integer"]
_KINDS["numeric"] = _KINDS["integral"] + _KINDS["real floating"] + _KINDS["complex floating"]
_WIDE = frozenset({"int64", "uint64", "float64", "complex128"})


class ArrayNamespaceInfo:
    """Inspection utilities of the Array API standard for jaxwrap.numpy.

    Obtain it with ``jaxwrap.numpy.__array_namespace_info__()``.  Devices
    are jax devices; ``None`` stands for jax's default placement (it is
    what ``default_device()`` returns, as in jax.numpy).
    """

    __module__ = "jaxwrap.numpy"

    def capabilities(self) -> dict:
        """Optional features: no boolean indexing or data-dependent output
        shapes (jax's static shapes), up to 64 dimensions."""
        return {"boolean indexing": False, "data-dependent shapes": False,
                "max dimensions": 64}

    def default_device(self):
        """The default device: ``None`` (jax's default placement)."""
        return None

    def devices(self) -> list:
        """Every device arrays can be placed on (``None`` first: the default)."""
        return [None, *jax.devices()]

    def _check_device(self, device):
        if device is not None and device not in jax.devices() and \
                not isinstance(device, jax.sharding.Sharding):
            raise ValueError(f"__array_namespace_info__: unknown device {device!r}")

    def default_dtypes(self, *, device=None) -> dict:
        """Default dtypes for floating, complex, integral and indexing results
        (32-bit unless jax_enable_x64 is on)."""
        self._check_device(device)
        return {"real floating": dtypes.default_float_dtype(),
                "complex floating": dtypes.default_complex_dtype(),
                "integral": dtypes.default_int_dtype(),
                "indexing": dtypes.default_int_dtype()}

    def dtypes(self, *, device=None, kind=None) -> dict:
        """The standard's dtypes jaxwrap supports, by name, optionally restricted
        to ``kind`` (a kind name, a dtype, or a tuple of them)."""
        self._check_device(device)
        x64 = dtypes.x64_enabled()
        names = [n for n in _KINDS["bool"] + _KINDS["numeric"] if x64 or n not in _WIDE]
        if kind is not None:
            kinds = kind if isinstance(kind, tuple) else (kind,)
            chosen = set()
            for k in kinds:
                if isinstance(k, str):
                    if k not in _KINDS:
                        raise ValueError(f"__array_namespace_info__().dtypes(): unknown kind "
                                         f"{k!r}; expected one of {sorted(_KINDS)}")
                    chosen.update(_KINDS[k])
                else:
                    chosen.add(np.dtype(k).name)
            names = [n for n in names if n in chosen]
        return {n: np.dtype(n) for n in names}


def __array_namespace_info__() -> ArrayNamespaceInfo:
    """Return the Array API inspection object of jaxwrap.numpy.

    Returns
    -------
    ArrayNamespaceInfo
        With ``capabilities()``, ``default_device()``, ``devices()``,
        ``default_dtypes()`` and ``dtypes()``.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.__array_namespace_info__().default_dtypes()['integral']
    dtype('int32')
    """
    return ArrayNamespaceInfo()
