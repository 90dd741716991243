"""Purity entries for the host-side names of jaxwrap.numpy (host_io.py): they
run numpy on the host, as jax.numpy's do, so most return no array; ``load``
returns one (checked as a closed call); ``fromfile``/``fromiter`` refuse every
call, as jax's do."""

from __future__ import annotations

import io
import os
import tempfile

import numpy as np

from tests.purity import Closed, NotArray, Raises

_P = "jaxwrap.numpy."
_X = np.arange(3.0, dtype=np.float32)
_HOST = "runs numpy on the host, as jax.numpy's does"
_NPY = os.path.join(tempfile.gettempdir(), f"jaxwrap-purity-{os.getpid()}.npy")
np.save(_NPY, _X)

SPECIAL = {
    _P + "array_repr": NotArray((_X,), {}, "returns a string; " + _HOST),
    _P + "array_str": NotArray((_X,), {}, "returns a string; " + _HOST),
    _P + "get_printoptions": NotArray((), {}, "returns a dict; " + _HOST),
    _P + "set_printoptions": NotArray((), {}, "returns None; " + _HOST),
    _P + "printoptions": NotArray((), {}, "returns a context manager; " + _HOST),
    _P + "save": NotArray((io.BytesIO(), _X), {}, "writes a file, returns None; " + _HOST),
    _P + "savez": NotArray((io.BytesIO(), _X), {}, "writes a file, returns None; " + _HOST),
    _P + "load": Closed((_NPY,), {}, "reads a file on the host; " + _HOST),
    _P + "fromfile": Raises((_NPY,), {}, NotImplementedError, "jax.numpy's refuses too"),
    _P + "fromiter": Raises((iter([1.0]), np.float32), {}, NotImplementedError,
                            "jax.numpy's refuses too"),
}
