"""Primitives whose lowering is a compiled kernel, called through XLA's FFI.

XLA's foreign function interface (FFI) calls a C/C++ (or CUDA) function from
a compiled program.  The kernel is written against the header
``xla/ffi/api/ffi.h`` (found under ``include_dir()``), exported with
``XLA_FFI_DEFINE_HANDLER_SYMBOL``, built into a shared library and registered
under a *target name*; a primitive's lowering then emits a custom call to
that name.  ``ffi_primitive`` makes such a primitive in one call, with the
abstract evaluation, batching and differentiation rules that make it work
under ``jax.jit``, ``jax.vmap`` and ``jax.grad`` like any other.

The pieces, from source to primitive::

    lib = build_library("examples/ffi/rms_norm.cc")       # c++ -shared ...
    register_kernel("rms_norm", lib, "RmsNorm")           # symbol -> target
    rms_norm_p = ffi_primitive("rms_norm", "rms_norm", attributes={"eps": np.float32},
                               jvp=my_jvp_rule)

jax's own building blocks are re-exported: ``include_dir``,
``register_ffi_target``, ``pycapsule``, ``ffi_lowering`` (jax.ffi).
"""

from __future__ import annotations

import ctypes
import hashlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import jax.ffi
import numpy as np

from .core import Primitive, ShapedArray
from .interpreters import ad, mlir
from .interpreters import batching as _batching

__all__ = [
    "include_dir", "register_ffi_target", "pycapsule", "ffi_lowering",
    "find_compiler", "build_library", "load_library", "register_kernel",
    "kernel_lowering", "ffi_primitive",
]

include_dir = jax.ffi.include_dir
register_ffi_target = jax.ffi.register_ffi_target
pycapsule = jax.ffi.pycapsule
ffi_lowering = jax.ffi.ffi_lowering

_COMPILERS = ("c++", "g++", "clang++")


# --- building and loading kernels -------------------------------------------------

def find_compiler() -> str | None:
    """The C++ compiler to use: ``$CXX`` if set, else the first of c++, g++, clang++."""
    env = os.environ.get("CXX")
    if env:
        return shutil.which(env) or env
    for name in _COMPILERS:
        found = shutil.which(name)
        if found:
            return found
    return None


def _cache_dir() -> Path:
    d = Path(tempfile.gettempdir()) / f"jaxwrap_ffi_{os.getuid() if hasattr(os, 'getuid') else 0}"
    d.mkdir(parents=True, exist_ok=True)
    return d


def build_library(sources: str | os.PathLike | Sequence[str | os.PathLike], *,
                  out_dir: str | os.PathLike | None = None, compiler: str | None = None,
                  flags: Sequence[str] = ("-std=c++17", "-O2"),
                  extra_flags: Sequence[str] = ()) -> Path:
    """Compile C++ ``sources`` into a shared library that can hold FFI kernels.

    The headers of ``include_dir()`` are on the include path.  The result is
    cached by the content of the sources and the command line (in ``out_dir``,
    default a per-user folder under the temporary directory), so a second
    build of unchanged sources is free.

    Raises
    ------
    RuntimeError
        When no compiler is found (set ``$CXX`` or install g++ / clang++) or
        the compilation fails (the message holds the compiler's output).
    """
    paths = [Path(sources)] if isinstance(sources, (str, os.PathLike)) else \
        [Path(s) for s in sources]
    cxx = compiler or find_compiler()
    if cxx is None:
        raise RuntimeError(
            "jaxwrap_extend.ffi.build_library: no C++ compiler found (tried $CXX, "
            f"{', '.join(_COMPILERS)}); install one (e.g. apt-get install g++) or set CXX")
    # -isystem: the FFI headers' own warnings are not the kernel author's.
    command = [cxx, *flags, "-shared", "-fPIC", "-isystem", include_dir(), *extra_flags]
    digest = hashlib.sha256("\0".join(command).encode())
    for p in paths:
        digest.update(p.read_bytes())
    out = Path(out_dir) if out_dir is not None else _cache_dir()
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"lib{paths[0].stem}_{digest.hexdigest()[:16]}.so"
    if target.exists():
        return target
    partial = target.with_suffix(f".{os.getpid()}.tmp")
    proc = subprocess.run([*command, *map(str, paths), "-o", str(partial)],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(
            f"jaxwrap_extend.ffi.build_library: compiling {', '.join(map(str, paths))} "
            f"failed (exit {proc.returncode}):\n{' '.join(command)}\n{proc.stderr[-4000:]}")
    os.replace(partial, target)  # atomic: concurrent builds never see half a file
    return target


def load_library(path: str | os.PathLike) -> ctypes.CDLL:
    """Load a shared library (kept alive by the returned handle)."""
    return ctypes.cdll.LoadLibrary(str(path))


_registered: dict[tuple[str, str], object] = {}


def register_kernel(target: str, library: str | os.PathLike | ctypes.CDLL,
                    symbol: str | None = None, *, platform: str = "cpu") -> None:
    """Register the FFI handler ``symbol`` of ``library`` as ``target`` on ``platform``.

    ``library`` is a path or a loaded ``ctypes.CDLL``; ``symbol`` defaults to
    ``target``.  Registering the same target again for the same platform is a
    no-op (XLA keeps the first registration).
    """
    key = (target, platform)
    if key in _registered:
        return
    lib = library if isinstance(library, ctypes.CDLL) else load_library(library)
    handler = getattr(lib, symbol or target)
    register_ffi_target(target, pycapsule(handler), platform=platform)
    _registered[key] = lib  # keep the library loaded while the target exists


# --- primitives backed by kernels ---------------------------------------------------

def kernel_lowering(target: str, attributes: Mapping[str, type] | None = None) -> Callable:
    """A lowering rule emitting an FFI custom call to ``target``.

    The primitive's params become the kernel's attributes.  With
    ``attributes`` (name -> numpy scalar type, e.g. ``{"eps": np.float32}``)
    only those params are passed, converted to the type the kernel declares
    (``Attr<float>`` needs float32, ``Attr<int64_t>`` int64); other params stay
    on the Python side (for abstract eval or differentiation rules).
    """
    rule = ffi_lowering(target)

    def lowering(ctx, *operands, **params):
        if attributes is not None:
            missing = set(attributes) - set(params)
            if missing:
                raise TypeError(f"FFI target {target!r} needs attribute(s) "
                                f"{sorted(missing)} as params of the primitive")
            params = {k: np.asarray(params[k], dtype=t)[()] for k, t in attributes.items()}
        return rule(ctx, *operands, **params)

    return lowering


def _like_first_operand(*avals, **params):
    return ShapedArray(avals[0].shape, avals[0].dtype)


_BATCHING = {
    "batch_at_front": _batching.defbatch_at_front,
    "elementwise": _batching.defbroadcasting,
    "sequential": _batching.defsequential,
}


def ffi_primitive(name: str, target: str, abstract_eval: Callable | None = None, *,
                  platform: str | Sequence[str] = "cpu",
                  attributes: Mapping[str, type] | None = None,
                  multiple_results: bool = False,
                  batching: str | Callable | None = "batch_at_front",
                  jvp: Callable | Sequence[Callable | None] | None = None,
                  transpose: Callable | None = None) -> Primitive:
    """Make a primitive whose lowering calls the FFI target ``target``.

    Parameters
    ----------
    name : str
        The primitive's name (shown in jaxprs).
    target : str
        A target registered with ``register_kernel`` / ``register_ffi_target``.
    abstract_eval : callable, optional
        ``rule(*avals, **params)`` giving the output ShapedArray(s); default:
        one output shaped like the first operand.
    platform : str or sequence of str
        Platform(s) the kernel is registered for ('cpu', 'cuda', 'rocm').
        Other platforms fail with an error naming the missing lowering.
    attributes : mapping, optional
        Params passed to the kernel and their numpy scalar types (see
        ``kernel_lowering``); default: every param, as given.
    batching : {'batch_at_front', 'elementwise', 'sequential'}, callable or None
        How ``jax.vmap`` runs the kernel: 'batch_at_front' moves the batch
        axis first (the kernel must treat leading axes as independent rows),
        'elementwise' for elementwise kernels over operands of one shape,
        'sequential' calls it once per batch element; a callable is a rule
        ``rule(args, dims, **params) -> (out, out_dim)``; None registers none.
    jvp : callable or sequence, optional
        ``rule(primals, tangents, **params) -> (primal_out, tangent_out)``, or
        one rule per operand as for ``interpreters.ad.defjvp``.  Write the
        tangent with jaxwrap operations so that ``jax.grad`` can transpose it.
    transpose : callable, optional
        For a kernel that is linear in its operands (``ad.deftranspose``).

    Returns
    -------
    Primitive
        Bind it as ``prim.bind(*operands, **params)``; it runs eagerly (by
        compiling itself), under jit, vmap and, with ``jvp``, grad.
    """
    prim = Primitive(name, multiple_results=multiple_results)
    prim.def_abstract_eval(abstract_eval or _like_first_operand)
    lowering = kernel_lowering(target, attributes)
    for plat in ([platform] if isinstance(platform, str) else list(platform)):
        mlir.register_lowering(prim, lowering, platform=plat)
    if isinstance(batching, str):
        if batching not in _BATCHING:
            raise ValueError(f"ffi_primitive: batching must be one of {sorted(_BATCHING)}, "
                             f"a rule, or None; got {batching!r}")
        _BATCHING[batching](prim)
    elif batching is not None:
        _batching.primitive_batchers[prim] = batching
    if callable(jvp):
        ad.primitive_jvps[prim] = jvp
    elif jvp is not None:
        ad.defjvp(prim, *jvp)
    if transpose is not None:
        ad.deftranspose(prim, transpose)
    return prim
