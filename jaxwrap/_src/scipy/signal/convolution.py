"""scipy.signal's convolutions: convolve, correlate, fftconvolve, oaconvolve,
convolve2d, correlate2d, correlation_lags and deconvolve.

Shapes, modes, methods and axes are static; array values may be traced.

Two cores compute a window of the full linear convolution:

- ``_direct``: no convolution primitive underneath (jaxwrap has none), but a
  sum of shifted slices, ``out[k] = sum_j w[j] * xp[k + j]``, one slice per
  kernel tap.  Up to ``_UNROLL`` taps XLA fuses the slices, products and a
  balanced tree of additions into one loop.  Longer 1-D kernels become one
  matrix product with a banded Toeplitz matrix (``_toeplitz_dot``, matrix-
  multiply speed); longer n-d kernels ``scan`` over blocks of at most
  ``_UNROLL`` taps of the last kernel axis (memory stays O(output), the
  program stays small).
- ``_fft``: products of ``rfftn`` (``fftn`` when complex) transforms padded
  to a 5-smooth length, on jaxwrap's ``fft`` primitive; ``oaconvolve`` cuts
  the long input into static blocks first (overlap-add).

``method='auto'`` picks one of the two by a static cost model on the shapes
(no timing, unlike scipy's ``choose_conv_method``): the direct method costs
``prod(out) * prod(kernel)`` multiply-adds, the FFT about ``_FFT_COST *
N log2 N`` for the padded size ``N``; the cheaper wins.  Integer and bool
inputs are promoted to floating point (jax.scipy.signal's rule; scipy keeps
integer results for the direct method).
"""

from __future__ import annotations

import math
import operator

import jax
import numpy as np

from ... import dtypes, lax
from ...numpy import fft as _fft_mod
from ...numpy import padding, ufuncs
from ...numpy._util import asarray, check_arraylike, promote_dtypes_inexact, public
from ..fft.helpers import next_fast_len

__all__ = [
    "convolve", "convolve2d", "correlate", "correlate2d", "correlation_lags", "deconvolve",
    "fftconvolve", "oaconvolve",
]

_UNROLL = 128       # kernel taps summed in one fused loop; bigger kernels scan over blocks
_FFT_COST = 24      # relative cost of one N log2 N unit of the three FFTs vs a multiply-add
                    # (rough CPU calibration on 1e4..1e6 lengths; only a size rule)
_MODES = ("full", "same", "valid")
_BLOCK = 128        # outputs per row of the 1-D Toeplitz matrix product (long kernels)
_GEMM_MAX = 1 << 25  # largest matrix of shifted samples that product may build (elements)


# --- argument checks ---------------------------------------------------------------------------
def _check_mode(name, mode, modes=_MODES):
    if mode not in modes:
        raise ValueError(f"{name}(): 'mode' must be one of {', '.join(map(repr, modes))}, "
                         f"got {mode!r}")


def _pair(name, in1, in2, *, two_d=False):
    """Both inputs as arrays of one inexact dtype and equal rank."""
    check_arraylike(name, in1, in2, argnames=("in1", "in2"))
    x, w = promote_dtypes_inexact(asarray(in1, name=name), asarray(in2, name=name))
    if x.ndim != w.ndim:
        raise ValueError(f"{name}(): 'in1' and 'in2' should have the same dimensionality, "
                         f"got {x.ndim} and {w.ndim}")
    if two_d and x.ndim != 2:
        raise ValueError(f"{name}(): 'in1' and 'in2' must be 2-D, got {x.ndim}-D")
    return x, w


def _swap_needed(name, mode, s1, s2, axes):
    """For 'valid', the larger input must be at least as large on every axis;
    scipy swaps them when ``in2`` is the larger one."""
    if mode != "valid":
        return False
    ok1 = all(s1[a] >= s2[a] for a in axes)
    ok2 = all(s2[a] >= s1[a] for a in axes)
    if not (ok1 or ok2):
        raise ValueError(f"{name}(): for 'valid' mode one of 'in1' and 'in2' must be at least "
                         f"as large as the other in every dimension, got shapes {s1} and {s2}")
    return not ok1


def _windows(mode, s1, s2, axes, same_offset=None):
    """Per axis ``(start, length)`` of ``mode``'s output inside the full convolution
    (``s1`` the first input's shape after any swap)."""
    out = []
    for a in axes:
        n, m = s1[a], s2[a]
        if mode == "full":
            out.append((0, n + m - 1))
        elif mode == "valid":
            out.append((m - 1, n - m + 1))
        else:
            out.append(((m - 1) // 2 if same_offset is None else same_offset(m), n))
    return out


def _empty(x, w):
    return lax.broadcast_in_dim(np.array(0, x.dtype), (0,), ())


def _flip_conj(w):
    w = lax.rev(w, tuple(range(w.ndim)))
    return ufuncs.conj(w) if dtypes.is_complex(w.dtype) else w


# --- direct core --------------------------------------------------------------------------------
def _tap(w, j, shape):
    """Tap ``w[j]`` broadcast to ``shape``."""
    t = lax.slice(w, j, tuple(i + 1 for i in j))
    return lax.broadcast_in_dim(lax.reshape(t, ()), shape, ())


def _tree_sum(terms):
    while len(terms) > 1:
        terms = [lax.add(terms[i], terms[i + 1]) if i + 1 < len(terms) else terms[i]
                 for i in range(0, len(terms), 2)]
    return terms[0]


def _slide_sum(xp, w, length):
    """``out[k] = sum_j w[j] * xp[k + j]`` over every tap ``j`` of ``w`` (unrolled)."""
    return _tree_sum([
        lax.mul(_tap(w, j, length), lax.slice(xp, j, tuple(i + n for i, n in zip(j, length))))
        for j in np.ndindex(*w.shape)])


def _slide(xp, w, length):
    taps = math.prod(w.shape)
    if taps <= _UNROLL:
        return _slide_sum(xp, w, length)
    # Scan over blocks of B taps of the last kernel axis (and every index of the others).
    *outer, m = w.shape
    B = min(m, _UNROLL)
    nb = -(-m // B)
    extra = nb * B - m                      # zero taps pad the last block
    zero = np.array(0, xp.dtype)
    last = ((0, 0, 0),) * (w.ndim - 1) + ((0, extra, 0),)
    w, xp = lax.pad(w, zero, last), lax.pad(xp, zero, last)
    grid = (*outer, nb)
    seg_shape = (*length[:-1], length[-1] + B - 1)
    i32 = np.int32

    def block(acc, s):
        idx, rest = [], s
        for g in reversed(grid):            # multi-index of step s (row-major)
            idx.append(lax.rem(rest, i32(g)))
            rest = lax.div(rest, i32(g))
        idx = idx[::-1]
        idx[-1] = lax.mul(idx[-1], i32(B))
        seg = lax.dynamic_slice(xp, idx, seg_shape)
        wb = lax.dynamic_slice(w, idx, (1,) * (w.ndim - 1) + (B,))
        return lax.add(acc, _slide_sum(seg, wb, length)), None

    acc = lax.broadcast_in_dim(zero, tuple(length), ())
    return jax.lax.scan(block, acc, lax.iota(i32, (math.prod(grid),)))[0]


def _toeplitz_dot(xp, wr, length, precision):
    """1-D ``out[k] = sum_j wr[j] * xp[k + j]`` as one matrix product.

    Outputs are cut into blocks of ``_BLOCK``; block ``i`` needs the ``_BLOCK + m - 1``
    samples ``xp[i B : i B + B + m - 1]`` (rows of ``X``, built from shifted copies of
    ``xp`` reshaped to blocks) times the banded Toeplitz matrix ``T[r, t] = wr[t - r]``
    (built without a gather: ``B`` copies of ``[wr, 0 * B]`` laid end to end and read
    with a row stride one shorter, which shifts each row by one).  ``(1 + (m - 1) / B)``
    times the multiply-adds of the sliding sum, but at matrix-multiply speed."""
    m, B = wr.shape[0], _BLOCK
    nb = -(-length // B)
    k = -(-(m - 1) // B)                    # extra blocks each output block reaches into
    zero = np.array(0, xp.dtype)
    xp = lax.pad(xp, zero, ((0, (nb + k) * B - xp.shape[0], 0),))
    xb = lax.reshape(xp, (nb + k, B))
    rows = lax.concatenate([lax.slice(xb, (s, 0), (s + nb, B)) for s in range(k + 1)], 1)
    rows = lax.slice(rows, (0, 0), (nb, B + m - 1))
    z = lax.pad(wr, zero, ((0, B, 0),))                        # (m + B,)
    tiled = lax.reshape(lax.broadcast_in_dim(z, (B, m + B), (1,)), (B * (m + B),))
    T = lax.reshape(lax.slice(tiled, (0,), (B * (m + B - 1),)), (B, m + B - 1))
    out = lax.dot_general(rows, T, (((1,), (1,)), ((), ())), precision=precision)
    return lax.slice(lax.reshape(out, (nb * B,)), (0,), (length,))


def _direct(x, w, wins, precision=None):
    """Window ``wins`` (per axis (start, length)) of the full convolution of x and w."""
    wr = lax.rev(w, tuple(range(w.ndim)))
    cfg = [(m - 1 - s, s + n_out - n, 0) for (s, n_out), n, m in zip(wins, x.shape, w.shape)]
    xp = lax.pad(x, np.array(0, x.dtype), cfg)
    length = tuple(n_out for _, n_out in wins)
    if (x.ndim == 1 and w.shape[0] > _UNROLL
            and length[0] * (1 + (w.shape[0] - 1) / _BLOCK) <= _GEMM_MAX):
        return _toeplitz_dot(xp, wr, length[0], precision)
    return _slide(xp, wr, length)


# --- FFT core -----------------------------------------------------------------------------------
def _fast_len(n: int) -> int:
    """The smallest 2**i 3**j 5**k >= n (>= 1): an FFT length XLA handles fast."""
    return next_fast_len(max(n, 1), real=True)


def _crop(y, axes, wins):
    start = [0] * y.ndim
    stop = list(y.shape)
    for a, (s, n) in zip(axes, wins):
        start[a], stop[a] = s, s + n
    return lax.slice(y, tuple(start), tuple(stop))


def _fft_full(x, w, axes, sizes):
    """Full linear convolution along ``axes`` via transforms of ``sizes`` (other axes
    broadcast), uncropped."""
    if dtypes.is_complex(x.dtype):
        prod = ufuncs.multiply(_fft_mod.fftn(x, sizes, axes), _fft_mod.fftn(w, sizes, axes))
        return _fft_mod.ifftn(prod, sizes, axes)
    prod = ufuncs.multiply(_fft_mod.rfftn(x, sizes, axes), _fft_mod.rfftn(w, sizes, axes))
    return _fft_mod.irfftn(prod, sizes, axes)


def _fft(x, w, axes, wins):
    sizes = tuple(_fast_len(x.shape[a] + w.shape[a] - 1) for a in axes)
    return _crop(_fft_full(x, w, axes, sizes), axes, wins)


def _oa_block(n: int, m: int) -> int:
    """Static overlap-add transform length for an axis of ``n`` samples and a kernel
    of ``m``: the 5-smooth length minimising ``blocks * N log2 N`` (a single block when
    the kernel is not much shorter than the input)."""
    full = _fast_len(n + m - 1)
    if n <= m or m == 1:
        return full
    best, best_cost = full, full * math.log2(full)
    size = _fast_len(2 * m)
    while size < full:
        step = size - m + 1
        cost = -(-n // step) * size * math.log2(size)
        if cost < best_cost:
            best, best_cost = size, cost
        size = _fast_len(size + 1)
    return best


def _overlap_add(x, w, axes, wins):
    """Full convolution by overlap-add along ``axes``, then cropped to ``wins``.
    Only axes where ``x`` is the longer input and blocks pay off are cut; if ``w`` is
    longer on some axis, or no axis pays off, this is one FFT convolution."""
    if all(x.shape[a] >= w.shape[a] for a in axes):
        plan = {a: _oa_block(x.shape[a], w.shape[a]) for a in axes}
        blocked = [a for a in axes if plan[a] < _fast_len(x.shape[a] + w.shape[a] - 1)]
        if blocked:
            return _crop(_oa_run(x, w, axes, plan, blocked), axes, wins)
    return _fft(x, w, axes, wins)


def _oa_run(x, w, axes, plan, blocked):
    """Split every blocked axis ``a`` of ``x`` into blocks of ``L = N - m + 1`` samples
    (axis a -> (blocks, L)), convolve each block with an ``N``-point transform, and
    fold the block outputs (length N, the last m - 1 overlapping the next block) back."""
    zero = np.array(0, x.dtype)
    info = {}
    cfg = [(0, 0, 0)] * x.ndim
    for a in blocked:
        n, m, N = x.shape[a], w.shape[a], plan[a]
        L = N - m + 1
        nb = -(-n // L)
        info[a] = (nb, L, N, m)
        cfg[a] = (0, nb * L - n, 0)
    xb = lax.pad(x, zero, cfg)
    # reshape: each blocked axis a -> (nb, L); kernel gets a size-1 block axis
    shape_x, shape_w, conv_axes, sizes, pos = [], [], [], [], {}
    for a in range(x.ndim):
        if a in info:
            nb, L, N, m = info[a]
            pos[a] = len(shape_x)
            shape_x += [nb, L]
            shape_w += [1, w.shape[a]]
            conv_axes.append(len(shape_x) - 1)
            sizes.append(N)
        else:
            shape_x.append(x.shape[a])
            shape_w.append(w.shape[a])
            if a in axes:
                conv_axes.append(len(shape_x) - 1)
                sizes.append(_fast_len(x.shape[a] + w.shape[a] - 1))
    y = _fft_full(lax.reshape(xb, tuple(shape_x)), lax.reshape(w, tuple(shape_w)),
                  tuple(conv_axes), tuple(sizes))
    # fold blocked axes back, last first so that earlier positions stay valid
    for a in sorted(blocked, reverse=True):
        nb, L, N, m = info[a]
        y = _fold(y, pos[a], nb, L, N)
    # axes that were not blocked carry the padded transform length: crop to the full size
    start, stop = [0] * y.ndim, list(y.shape)
    for a in axes:
        stop[a] = x.shape[a] + w.shape[a] - 1
    return lax.slice(y, tuple(start), tuple(stop))


def _fold(y, b, nb, L, N):
    """Overlap-add along block axis ``b`` (length nb) and sample axis ``b + 1``
    (length N >= L): out[i L + k] += y[i, k]; returns axis b merged, length nb L + N - L."""
    t = N - L                               # overlap into the next block (m - 1 <= L)
    nd = y.ndim
    zero = np.array(0, y.dtype)

    def part(lo, hi):
        start, stop = [0] * nd, list(y.shape)
        start[b + 1], stop[b + 1] = lo, hi
        return lax.slice(y, tuple(start), tuple(stop))

    head = part(0, L)
    if t:
        tail = part(L, N)                   # (.., nb, t, ..): pad to L, shift by one block
        cfg = [(0, 0, 0)] * nd
        cfg[b + 1] = (0, L - t, 0)
        cfg[b] = (1, 0, 0)
        tail = lax.pad(tail, zero, cfg)     # (.., nb + 1, L, ..)
        cfg = [(0, 0, 0)] * nd
        cfg[b] = (0, 1, 0)
        head = lax.add(lax.pad(head, zero, cfg), tail)
    shape = list(head.shape)
    merged = shape[:b] + [shape[b] * L] + shape[b + 2:]
    return lax.reshape(head, tuple(merged))


# --- method choice ------------------------------------------------------------------------------
def _choose(x, w, wins, axes):
    direct = math.prod(n for _, n in wins) * math.prod(w.shape)
    size = math.prod(_fast_len(x.shape[a] + w.shape[a] - 1) for a in axes)
    return "fft" if direct > _FFT_COST * size * math.log2(max(size, 2)) else "direct"


def _convolve_nd(name, x, w, mode, method, precision=None):
    axes = tuple(range(x.ndim))
    if x.size == 0 or w.size == 0:
        return _empty(x, w)
    if _swap_needed(name, mode, x.shape, w.shape, axes):
        x, w = w, x
    wins = _windows(mode, x.shape, w.shape, axes)
    if method == "auto":
        method = _choose(x, w, wins, axes)
    if x.ndim == 0:
        return lax.mul(x, w)
    return _direct(x, w, wins, precision) if method == "direct" else _fft(x, w, axes, wins)


def _check_method(name, method):
    if method not in ("auto", "direct", "fft"):
        raise ValueError(f"{name}(): 'method' must be 'auto', 'direct' or 'fft', got "
                         f"{method!r}")


# --- public functions ---------------------------------------------------------------------------
@public(static=("mode", "method", "precision"))
def convolve(in1, in2, mode="full", method="auto", precision=None):
    """Convolve two N-dimensional arrays.

    Parameters
    ----------
    in1, in2 : array_like
        Inputs of equal rank.
    mode : {'full', 'same', 'valid'}, default 'full'
        The full convolution, its centre with the shape of ``in1``, or the part
        computed without zero padding (one input must then be at least as large
        as the other on every axis).
    method : {'auto', 'direct', 'fft'}, default 'auto'
        Sum of shifted products, or FFTs; 'auto' chooses by a static cost model
        on the shapes (see the module notes).
    precision : optional
        Matrix-multiply precision (jax's ``lax.Precision``) of the direct method
        for 1-D kernels longer than 128 taps, which runs as a matrix product;
        the other paths multiply elementwise at the input precision.

    Returns
    -------
    jax.Array
        The convolution, floating point (integer inputs are promoted, as in
        jax.scipy.signal; scipy keeps integers for the direct method).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy import signal
    >>> signal.convolve(jnp.array([1., 2., 3.]), jnp.array([0., 1., 0.5]))
    Array([0. , 1. , 2.5, 4. , 1.5], dtype=float32)
    """
    name = "convolve"
    _check_mode(name, mode)
    _check_method(name, method)
    x, w = _pair(name, in1, in2)
    return _convolve_nd(name, x, w, mode, method, precision)


@public(static=("mode", "method", "precision"))
def correlate(in1, in2, mode="full", method="auto", precision=None):
    """Cross-correlate two N-dimensional arrays.

    ``out[k] = sum_n in1[n + k] * conj(in2[n])``, with lags ordered as
    :func:`correlation_lags` gives them.

    Parameters
    ----------
    in1, in2 : array_like
        Inputs of equal rank.
    mode : {'full', 'same', 'valid'}, default 'full'
        As for :func:`convolve`.
    method : {'auto', 'direct', 'fft'}, default 'auto'
        As for :func:`convolve`.
    precision : optional
        As for :func:`convolve`.

    Returns
    -------
    jax.Array
        The cross-correlation (floating point).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy import signal
    >>> signal.correlate(jnp.array([1., 2., 3.]), jnp.array([0., 1., 0.5]))
    Array([0.5, 2. , 3.5, 3. , 0. ], dtype=float32)
    """
    name = "correlate"
    _check_mode(name, mode)
    _check_method(name, method)
    x, w = _pair(name, in1, in2)
    if x.size == 0 or w.size == 0:
        return _empty(x, w)
    if _swap_needed(name, mode, x.shape, w.shape, tuple(range(x.ndim))):
        # correlate(a, b) = reverse(conj(correlate(b, a))) over the lags
        return _flip_conj(_convolve_nd(name, w, _flip_conj(x), mode, method, precision))
    return _convolve_nd(name, x, _flip_conj(w), mode, method, precision)


def _freq_axes(name, x, w, axes):
    """scipy's rule for fftconvolve's ``axes``: a static tuple of distinct axes; on the
    other axes the shapes must be equal or one of them 1 (they broadcast)."""
    if axes is None:
        axes = tuple(range(x.ndim))
    else:
        axes = (axes,) if isinstance(axes, int | np.integer) else tuple(axes)
        try:
            axes = tuple(operator.index(a) for a in axes)
        except TypeError:
            raise TypeError(f"{name}(): 'axes' must be an int or a sequence of ints") from None
        for a in axes:
            if not -x.ndim <= a < x.ndim:
                raise np.exceptions.AxisError(f"{name}(): 'axes' entry {a} is out of range "
                                              f"for {x.ndim}-D inputs")
        axes = tuple(a % x.ndim for a in axes)
        if len(set(axes)) != len(axes):
            raise ValueError(f"{name}(): 'axes' must be unique, got {axes}")
    for a in range(x.ndim):
        if a not in axes and x.shape[a] != w.shape[a] and 1 not in (x.shape[a], w.shape[a]):
            raise ValueError(f"{name}(): incompatible shapes for 'in1' and 'in2' on axis {a} "
                             f"(not convolved): {x.shape} and {w.shape}")
    return tuple(sorted(axes))


def _freq_conv(name, in1, in2, mode, axes, core):
    _check_mode(name, mode)
    x, w = _pair(name, in1, in2)
    if x.ndim == 0:
        return lax.mul(x, w)
    if x.size == 0 or w.size == 0:
        return _empty(x, w)
    axes = _freq_axes(name, x, w, axes)
    if not axes:
        return ufuncs.multiply(x, w)
    if _swap_needed(name, mode, x.shape, w.shape, axes):
        x, w = w, x
    return core(x, w, axes, _windows(mode, x.shape, w.shape, axes))


@public(static=("mode", "axes"))
def fftconvolve(in1, in2, mode="full", axes=None):
    """Convolve two N-dimensional arrays using FFTs.

    Parameters
    ----------
    in1, in2 : array_like
        Inputs of equal rank.
    mode : {'full', 'same', 'valid'}, default 'full'
        As for :func:`convolve`.
    axes : int or sequence of ints, optional
        Axes to convolve over (default: all).  On the other axes the inputs
        must have equal lengths or length 1, and are multiplied with
        broadcasting.

    Returns
    -------
    jax.Array
        The convolution (floating point; complex if either input is).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy import signal
    >>> signal.fftconvolve(jnp.array([1., 2., 3.]), jnp.array([0., 1., 0.5])).round(4)
    Array([0. , 1. , 2.5, 4. , 1.5], dtype=float32)
    """
    return _freq_conv("fftconvolve", in1, in2, mode, axes, _fft)


@public(static=("mode", "axes"))
def oaconvolve(in1, in2, mode="full", axes=None):
    """Convolve two N-dimensional arrays using the overlap-add method.

    The longer input is cut into blocks whose length is chosen statically from
    the shapes; each block is convolved by FFT and the overlapping block
    outputs are added.  Faster than :func:`fftconvolve` when one input is much
    longer than the other.

    Parameters
    ----------
    in1, in2 : array_like
        Inputs of equal rank.
    mode : {'full', 'same', 'valid'}, default 'full'
        As for :func:`convolve`.
    axes : int or sequence of ints, optional
        As for :func:`fftconvolve`.

    Returns
    -------
    jax.Array
        The convolution (floating point; complex if either input is).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy import signal
    >>> signal.oaconvolve(jnp.ones(6), jnp.array([1., -1.])).round(4)
    Array([ 1.,  0.,  0.,  0.,  0.,  0., -1.], dtype=float32)
    """
    return _freq_conv("oaconvolve", in1, in2, mode, axes, _overlap_add)


# --- 2-D with boundaries ------------------------------------------------------------------------
_BOUNDARY = {"fill": "constant", "pad": "constant", "wrap": "wrap", "circular": "wrap",
             "symm": "symmetric", "symmetric": "symmetric"}


def _conv2d(name, in1, in2, mode, boundary, fillvalue, flip):
    _check_mode(name, mode)
    if boundary not in _BOUNDARY:
        raise ValueError(f"{name}(): 'boundary' must be one of 'fill', 'wrap', 'symm', got "
                         f"{boundary!r}")
    x, w = _pair(name, in1, in2, two_d=True)
    if x.size == 0 or w.size == 0:
        return _empty(x, w)
    axes = (0, 1)
    swapped = _swap_needed(name, mode, x.shape, w.shape, axes)
    if swapped:
        x, w = w, x
    if flip:
        w = _flip_conj(w)
    wins = _windows(mode, x.shape, w.shape, axes, (lambda m: m // 2) if flip else None)
    if mode != "valid":
        # extend x by m - 1 on both sides with the boundary rule, then take the
        # 'valid' part of the convolution, which is the full one of the extension
        pad_mode = _BOUNDARY[boundary]
        widths = tuple((m - 1, m - 1) for m in w.shape)
        if pad_mode == "constant":
            fill = asarray(fillvalue, name=name)
            if fill.ndim != 0:
                raise ValueError(f"{name}(): 'fillvalue' must be a scalar")
            if dtypes.is_complex(fill.dtype) and not dtypes.is_complex(x.dtype):
                raise ValueError(f"{name}(): complex 'fillvalue' is not supported for real "
                                 "inputs")
            x = padding.pad(x, widths, constant_values=lax.convert_element_type(fill, x.dtype))
        else:
            x = padding.pad(x, widths, mode=pad_mode)
        wins = [(s + m - 1, n) for (s, n), m in zip(wins, w.shape)]
    out = _direct(x, w, wins)
    # scipy's correlate2d with swapped 'valid' inputs reverses the output without
    # conjugating it (unlike correlate); we follow scipy
    return lax.rev(out, axes) if swapped and flip else out


@public(static=("mode", "boundary", "precision"))
def convolve2d(in1, in2, mode="full", boundary="fill", fillvalue=0, precision=None):
    """Convolve two 2-D arrays, with a choice of boundary condition.

    Parameters
    ----------
    in1, in2 : array_like
        2-D inputs.
    mode : {'full', 'same', 'valid'}, default 'full'
        As for :func:`convolve`.
    boundary : {'fill', 'wrap', 'symm'}, default 'fill'
        How ``in1`` is extended past its edges: with ``fillvalue``, periodically,
        or mirrored (edge sample repeated).
    fillvalue : scalar, default 0
        The value for ``boundary='fill'``.
    precision : optional
        Accepted for jax compatibility; no effect.

    Returns
    -------
    jax.Array
        The 2-D convolution (floating point).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy import signal
    >>> signal.convolve2d(jnp.eye(2), jnp.ones((2, 2)))
    Array([[1., 1., 0.],
           [1., 2., 1.],
           [0., 1., 1.]], dtype=float32)
    """
    return _conv2d("convolve2d", in1, in2, mode, boundary, fillvalue, flip=False)


@public(static=("mode", "boundary", "precision"))
def correlate2d(in1, in2, mode="full", boundary="fill", fillvalue=0, precision=None):
    """Cross-correlate two 2-D arrays, with a choice of boundary condition.

    Parameters
    ----------
    in1, in2 : array_like
        2-D inputs.
    mode : {'full', 'same', 'valid'}, default 'full'
        As for :func:`convolve`; 'same' centres the output like scipy's
        correlate2d (offset ``m // 2`` per axis for a kernel of length ``m``).
    boundary : {'fill', 'wrap', 'symm'}, default 'fill'
        As for :func:`convolve2d`.
    fillvalue : scalar, default 0
        The value for ``boundary='fill'``.
    precision : optional
        Accepted for jax compatibility; no effect.

    Returns
    -------
    jax.Array
        The 2-D cross-correlation (floating point).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy import signal
    >>> signal.correlate2d(jnp.eye(2), jnp.array([[1., 2.]]))
    Array([[2., 1., 0.],
           [0., 2., 1.]], dtype=float32)
    """
    return _conv2d("correlate2d", in1, in2, mode, boundary, fillvalue, flip=True)


# --- lags, deconvolution ------------------------------------------------------------------------
def correlation_lags(in1_len, in2_len, mode="full"):
    """Lag indices of a 1-D cross-correlation.

    Parameters
    ----------
    in1_len, in2_len : int
        Lengths of the two inputs of :func:`correlate`.
    mode : {'full', 'same', 'valid'}, default 'full'
        The correlation mode.

    Returns
    -------
    jax.Array
        Integer lags, ``lags[k]`` being the shift of ``in2`` for output ``k``.

    Examples
    --------
    >>> from jaxwrap.scipy import signal
    >>> signal.correlation_lags(3, 2)
    Array([-1,  0,  1,  2], dtype=int32)
    """
    name = "correlation_lags"
    _check_mode(name, mode)
    try:
        n1, n2 = operator.index(in1_len), operator.index(in2_len)
    except TypeError:
        raise TypeError(f"{name}(): 'in1_len' and 'in2_len' must be integers") from None
    if mode == "full":
        lags = np.arange(-n2 + 1, n1)
    elif mode == "same":
        lags = np.arange(-n2 + 1, n1)
        mid = lags.size // 2
        lags = lags[mid - n1 // 2: mid + (n1 + 1) // 2]
    elif n1 >= n2:
        lags = np.arange(0, n1 - n2 + 1)
    else:
        lags = np.arange(n1 - n2, 1)
    return _int_array(lags)


@public(static=("values",))
def _int_array(values):
    return asarray(np.asarray(values.tolist() if hasattr(values, "tolist") else values,
                              dtypes.canonicalize_dtype(np.int64)))


@public
def _deconvolve(num, den):
    n, d = num.shape[0], den.shape[0]
    steps = n - d + 1                       # static: one quotient coefficient per step

    def step(r, i):
        # synthetic division: q_i = r[i] / den[0]; r[i:i+d] -= q_i * den
        seg = lax.dynamic_slice(r, (i,), (d,))
        q = lax.div(lax.reshape(lax.slice(seg, (0,), (1,)), ()), lax.reshape(
            lax.slice(den, (0,), (1,)), ()))
        seg = lax.sub(seg, lax.mul(lax.broadcast_in_dim(q, (d,), ()), den))
        return lax.dynamic_update_slice(r, seg, (i,)), q

    _, quot = jax.lax.scan(step, num, lax.iota(np.int32, (steps,)))
    rem = lax.sub(num, _direct(quot, den, [(0, n)]))
    return quot, rem


def deconvolve(signal, divisor):
    """Divide the polynomial ``signal`` by ``divisor`` (deconvolution).

    Parameters
    ----------
    signal : array_like
        1-D dividend coefficients (highest power first).
    divisor : array_like
        1-D divisor coefficients; ``divisor[0]`` must be nonzero.

    Returns
    -------
    quotient, remainder : jax.Array
        ``signal = convolve(divisor, quotient) + remainder``; ``remainder`` has
        the length of ``signal``.  The quotient is empty when the divisor is the
        longer.

    Raises
    ------
    ValueError
        If ``divisor[0]`` is a concrete zero (under ``jit`` a zero gives
        inf/NaN instead).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy import signal
    >>> q, r = signal.deconvolve(jnp.array([1., 3., 3., 1.]), jnp.array([1., 1.]))
    >>> q
    Array([1., 2., 1.], dtype=float32)
    """
    name = "deconvolve"
    check_arraylike(name, signal, divisor, argnames=("signal", "divisor"))
    num, den = promote_dtypes_inexact(asarray(signal, name=name), asarray(divisor, name=name))
    if num.ndim > 1 or den.ndim > 1:
        raise ValueError(f"{name}(): 'signal' and 'divisor' must be 1-D")
    num, den = (lax.reshape(v, (max(v.size, 1),)) if v.ndim == 0 else v for v in (num, den))
    if den.shape[0] == 0:
        raise ValueError(f"{name}(): 'divisor' must not be empty")
    try:
        lead = np.asarray(den)[0]
    except (jax.errors.TracerArrayConversionError, jax.errors.ConcretizationTypeError):
        lead = None                         # traced: a zero gives inf/NaN, never an error
    if lead == 0:
        raise ValueError(f"{name}(): 'divisor[0]' must be nonzero")
    if den.shape[0] > num.shape[0]:
        return lax.broadcast_in_dim(np.array(0, num.dtype), (0,), ()), num
    return _deconvolve(num, den)
