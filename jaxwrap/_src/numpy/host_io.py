"""Host-side names of jax.numpy: file I/O and printing.

They run on the host with numpy, as jax.numpy's do: arrays are copied to
numpy before saving or formatting, and ``load`` hands back a jax array.  None
of them can run under ``jax.jit`` (a traced argument raises jax's
``TracerArrayConversionError``).  ``fromfile`` and ``fromiter`` raise
NotImplementedError, as in jax: reading a file or consuming an iterator is a
side effect that a transformed function must not have.
"""

from __future__ import annotations

import numpy as np

from . import _util

__all__ = [
    "array_repr", "array_str", "fromfile", "fromiter", "get_printoptions", "load",
    "printoptions", "save", "savez", "set_printoptions",
]


def _host(a):
    """``a`` as a numpy array if it is a jax array (or array-like), else unchanged."""
    return np.asarray(a) if _util.is_arraylike(a) or isinstance(a, list | tuple) else a


def save(file, arr, allow_pickle=True):
    """Write one array to a ``.npy`` file (numpy's format), on the host.

    Parameters
    ----------
    file : str, path or file object
        Where to write (numpy adds ``.npy`` to a name without it).
    arr : array_like
        The array; a jax array is copied to the host first.
    allow_pickle : bool, optional
        Allow object arrays to be pickled (numpy's keyword).

    Returns
    -------
    None

    Examples
    --------
    >>> import io
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap._src.numpy.host_io import load, save
    >>> buf = io.BytesIO()
    >>> save(buf, jnp.arange(3))
    >>> _ = buf.seek(0)
    >>> load(buf)
    Array([0, 1, 2], dtype=int32)
    """
    np.save(file, _host(arr), allow_pickle=allow_pickle)


def savez(file, *args, allow_pickle=True, **kwds):
    """Write several arrays to an uncompressed ``.npz`` archive, on the host.

    Parameters
    ----------
    file : str, path or file object
        Where to write (numpy adds ``.npz`` to a name without it).
    *args : array_like
        Arrays stored as ``arr_0``, ``arr_1``, ...
    allow_pickle : bool, optional
        Allow object arrays to be pickled (numpy's keyword).
    **kwds : array_like
        Arrays stored under their keyword names.

    Returns
    -------
    None

    Examples
    --------
    >>> import io
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap._src.numpy.host_io import load, savez
    >>> buf = io.BytesIO()
    >>> savez(buf, jnp.zeros(2), ones=jnp.ones(2))
    >>> _ = buf.seek(0)
    >>> sorted(load(buf).files)
    ['arr_0', 'ones']
    """
    np.savez(file, *(_host(a) for a in args), allow_pickle=allow_pickle,
             **{k: _host(v) for k, v in kwds.items()})


def load(file, *args, **kwargs):
    """Read arrays written by :func:`save` / :func:`savez` (numpy's formats).

    Parameters
    ----------
    file : str, path or file object
        A ``.npy``, ``.npz`` or pickle file.
    *args, **kwargs
        Passed on to :func:`numpy.load` (``mmap_mode``, ``allow_pickle``, ...).

    Returns
    -------
    jax.Array or object
        A ``.npy`` file gives a jax array (with jax's dtype rules: 64-bit data
        narrows to 32 bits unless ``jax_enable_x64``); anything else (an
        ``.npz`` archive, a pickled object) comes back as numpy gives it, as
        in jax.

    Examples
    --------
    >>> import io
    >>> import numpy as np
    >>> from jaxwrap._src.numpy.host_io import load
    >>> buf = io.BytesIO()
    >>> np.save(buf, np.array([1.5, 2.5], np.float32))
    >>> _ = buf.seek(0)
    >>> load(buf)
    Array([1.5, 2.5], dtype=float32)
    """
    out = np.load(file, *args, **kwargs)
    if isinstance(out, np.ndarray) and out.dtype != object:
        return _util.asarray(np.asarray(out), name="load")
    return out


def printoptions(*args, **kwargs):
    """Context manager setting numpy's print options, which jax arrays use too.

    Parameters
    ----------
    *args, **kwargs
        As for :func:`numpy.printoptions` (``precision``, ``suppress``, ...).

    Returns
    -------
    context manager

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap._src.numpy.host_io import printoptions
    >>> with printoptions(precision=2):
    ...     print(jnp.array([1 / 3]))
    [0.33]
    """
    return np.printoptions(*args, **kwargs)


def set_printoptions(*args, **kwargs):
    """Set numpy's print options (used by the repr and str of jax arrays).

    Parameters
    ----------
    *args, **kwargs
        As for :func:`numpy.set_printoptions`.

    Returns
    -------
    None

    Examples
    --------
    >>> from jaxwrap._src.numpy.host_io import get_printoptions, set_printoptions
    >>> old = get_printoptions()
    >>> set_printoptions(precision=3)
    >>> get_printoptions()["precision"]
    3
    >>> set_printoptions(**old)
    """
    np.set_printoptions(*args, **kwargs)


def get_printoptions():
    """numpy's current print options, as a dict.

    Returns
    -------
    dict

    Examples
    --------
    >>> from jaxwrap._src.numpy.host_io import get_printoptions
    >>> "precision" in get_printoptions()
    True
    """
    return np.get_printoptions()


def array_str(a, max_line_width=None, precision=None, suppress_small=None):
    """The data of an array as a string, as ``str`` prints it (on the host).

    Parameters
    ----------
    a : array_like
    max_line_width, precision, suppress_small : optional
        numpy's formatting options for this call.

    Returns
    -------
    str

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap._src.numpy.host_io import array_str
    >>> array_str(jnp.array([1.0, 2.5]))
    '[1.  2.5]'
    """
    return np.array_str(a, max_line_width, precision, suppress_small)


def array_repr(arr, max_line_width=None, precision=None, suppress_small=None):
    """numpy's repr of an array (the class name, data and dtype), on the host.

    As in jax, a jax array is passed to numpy unchanged, so the name is that of
    its class (``ArrayImpl``).

    Parameters
    ----------
    arr : array_like
    max_line_width, precision, suppress_small : optional
        numpy's formatting options for this call.

    Returns
    -------
    str

    Examples
    --------
    >>> import numpy as np
    >>> from jaxwrap._src.numpy.host_io import array_repr
    >>> array_repr(np.array([1, 2], np.int32))
    'array([1, 2], dtype=int32)'
    """
    return np.array_repr(arr, max_line_width, precision, suppress_small)


_IMPURE = ("{name}() is not provided: reading {what} is a side effect that a jitted or "
           "transformed function must not have.  Read on the host instead: "
           "jaxwrap.numpy.asarray(numpy.{name}(...)).")


def fromfile(*args, **kwargs):
    """Not provided (as in jax.numpy): raises NotImplementedError.

    Use ``jaxwrap.numpy.asarray(numpy.fromfile(...))`` on the host.

    Returns
    -------
    Never returns.

    Examples
    --------
    >>> from jaxwrap._src.numpy.host_io import fromfile
    >>> fromfile("data.bin")
    Traceback (most recent call last):
    ...
    NotImplementedError: fromfile() is not provided: ...
    """
    raise NotImplementedError(_IMPURE.format(name="fromfile", what="a file"))


def fromiter(*args, **kwargs):
    """Not provided (as in jax.numpy): raises NotImplementedError.

    Use ``jaxwrap.numpy.asarray(numpy.fromiter(...))`` on the host.

    Returns
    -------
    Never returns.

    Examples
    --------
    >>> from jaxwrap._src.numpy.host_io import fromiter
    >>> fromiter(iter([1, 2]), float)
    Traceback (most recent call last):
    ...
    NotImplementedError: fromiter() is not provided: ...
    """
    raise NotImplementedError(_IMPURE.format(name="fromiter", what="an iterator"))
