"""Argument sets for the purity test of the structural functions and the ufunc class."""

from __future__ import annotations

import numpy as np

from tests.purity import Closed, NotArray

_X = np.linspace(0.1, 0.9, 6, dtype=np.float32).reshape(2, 3)
_B = np.array([[1, 0, 1], [0, 1, 1]], np.int32)


def _sum(v, axis):
    import jaxwrap.numpy as jwnp
    return jwnp.sum(v, axis)


def _add_indices(i, j):
    import jaxwrap.numpy as jwnp
    return jwnp.add(i, j)


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
    "jaxwrap.numpy.apply_over_axes": ((_sum, _X, [0, 1]), {}),
    "jaxwrap.numpy.fromfunction": ((_add_indices, (2, 3)), {"dtype": np.float32}),
    "jaxwrap.numpy.frompyfunc": NotArray((_add_indices, 2, 1), {}, "returns a ufunc object"),
    "jaxwrap.numpy.trim_zeros": Closed((np.array([0.0, 1.0, 2.0, 0.0], np.float32),), {},
                                       "value-dependent output shape: eager only"),
    # Host-side constructors (bytes, text, DLPack capsules): nothing to trace.
    "jaxwrap.numpy.frombuffer": Closed((b"\x01\x02\x03\x04",), {"dtype": np.uint8},
                                       "reads a host buffer"),
    "jaxwrap.numpy.fromstring": Closed(("1 2 3",), {"dtype": np.float32, "sep": " "},
                                       "parses host text"),
    "jaxwrap.numpy.from_dlpack": Closed((np.arange(3, dtype=np.float32),), {},
                                        "imports a host buffer"),
    "jaxwrap.numpy.common_type": NotArray((_X, _B), {}, "returns a scalar type"),
    "jaxwrap.numpy.__array_namespace_info__": NotArray((), {}, "returns an info object"),
}
