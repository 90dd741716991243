"""Argument sets for the purity test of the structural functions and the ufunc class."""

from __future__ import annotations

import numpy as np

_X = np.linspace(0.1, 0.9, 6, dtype=np.float32).reshape(2, 3)
_B = np.array([[1, 0, 1], [0, 1, 1]], np.int32)


def _row_sum(v):
    import jaxwrap.numpy as jwnp
    return jwnp.multiply(v, jwnp.sum(v))


SPECIAL = {
    "jaxwrap.numpy.insert": ((_X, 1, _X[:, 0]), {"axis": 1}),
    "jaxwrap.numpy.delete": ((_X,), {"obj": [0, 2], "axis": 1}),
    "jaxwrap.numpy.resize": ((_X,), {"new_shape": (4, 2)}),
    "jaxwrap.numpy.rollaxis": ((_X,), {"axis": 1}),
    "jaxwrap.numpy.packbits": ((_B,), {"axis": 1}),
    "jaxwrap.numpy.unpackbits": ((_B.astype(np.uint8),), {"axis": 0}),
    "jaxwrap.numpy.apply_along_axis": ((_row_sum, 1, _X), {}),
    "jaxwrap.numpy.apply_over_axes": None,    # takes a function; covered by the tests
    "jaxwrap.numpy.fromfunction": None,       # calls the user's function on index grids
    "jaxwrap.numpy.frompyfunc": None,         # returns a ufunc object; its calls are tested
    # Value-dependent output shape: eager only.
    "jaxwrap.numpy.trim_zeros": None,
    # Host-side constructors (bytes, text, DLPack capsules): nothing to trace.
    "jaxwrap.numpy.frombuffer": None,
    "jaxwrap.numpy.fromstring": None,
    "jaxwrap.numpy.from_dlpack": None,
    "jaxwrap.numpy.common_type": None,        # returns a scalar type
    "jaxwrap.numpy.__array_namespace_info__": None,
}
