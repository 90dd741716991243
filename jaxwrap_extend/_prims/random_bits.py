"""Random-bit primitives: the Threefry-2x32 block cipher.

``threefry2x32(k1, k2, x1, x2)`` encrypts the counter pairs ``(x1, x2)``
under the key ``(k1, k2)`` with the 20-round Threefry-2x32 function of
Salmon, Moraes, Dror and Shaw, "Parallel random numbers: as easy as 1, 2, 3"
(SC 2011).  Operands are uint32 arrays; rank-0 operands broadcast, the others
share one rank and broadcast along size-1 axes.  It returns two uint32 arrays
of the broadcast shape.

The lowering spells the cipher out as StableHLO adds, xors and shifts (the
rounds unrolled), so XLA fuses it with whatever consumes the bits.  The
outputs are integers: the JVP is a symbolic zero.  Batching is elementwise.

``threefry2x32_reference`` is the same function in numpy (for tests and for
readers).
"""

from __future__ import annotations

import numpy as np

from ..interpreters import ad, batching, mlir
from ..interpreters.mlir import dense_int_array, hlo
from ._base import FLOAT, aval, aval_of, const, define, out_type

__all__ = ["threefry2x32", "log1p_hlo"]

# Rotation distances of Threefry-2x32 (Salmon et al., table 4): rounds use
# the first four, then the next four, alternating between key injections.
_ROTATIONS = ((13, 15, 26, 6), (17, 29, 16, 24))
# The key-schedule parity constant of Threefish/Threefry (Skein 1.3 spec).
_PARITY = 0x1BD11BDA
_NAME = "threefry2x32"


def _schedule():
    """The 5 groups of 4 rounds: (rotations, key index for x1, for x2, injection count)."""
    # After group g (g = 0..4) the key words ks[(g+1) % 3] and ks[(g+2) % 3]
    # are added, plus the group number g+1 on the second word.
    return [(_ROTATIONS[g % 2], (g + 1) % 3, (g + 2) % 3, g + 1) for g in range(5)]


# --- reference (numpy) -----------------------------------------------------------------
def threefry2x32_reference(k1, k2, x1, x2):
    """Threefry-2x32 in numpy (uint32 arithmetic wraps modulo 2**32)."""
    k1, k2, x1, x2 = np.broadcast_arrays(*(np.asarray(a, np.uint32) for a in (k1, k2, x1, x2)))
    with np.errstate(over="ignore"):
        ks = (k1, k2, k1 ^ k2 ^ np.uint32(_PARITY))
        a, b = x1 + ks[0], x2 + ks[1]
        for rots, i, j, n in _schedule():
            for r in rots:
                a = a + b
                b = (b << np.uint32(r)) | (b >> np.uint32(32 - r))
                b = a ^ b
            a = a + ks[i]
            b = b + ks[j] + np.uint32(n)
    return a, b


# --- the primitive ---------------------------------------------------------------------
def _broadcast_shape(avals) -> tuple[int, ...]:
    shapes = [tuple(a.shape) for a in avals if a.shape]
    if not shapes:
        return ()
    if len({len(s) for s in shapes}) != 1:
        raise TypeError(f"{_NAME}: operands must be scalars or share one rank, got shapes "
                        f"{', '.join(str(tuple(a.shape)) for a in avals)}")
    out = []
    for dims in zip(*shapes):
        sizes = set(dims) - {1}
        if len(sizes) > 1:
            raise TypeError(f"{_NAME}: operand shapes "
                            f"{', '.join(str(tuple(a.shape)) for a in avals)} do not broadcast")
        out.append(sizes.pop() if sizes else 1)
    return tuple(out)


def _threefry2x32_abstract_eval(k1, k2, x1, x2):
    for what, a in zip(("k1", "k2", "x1", "x2"), (k1, k2, x1, x2)):
        if np.dtype(a.dtype) != np.uint32:
            raise TypeError(f"{_NAME}: operand {what} must be uint32, got {np.dtype(a.dtype).name}")
    shape = _broadcast_shape((k1, k2, x1, x2))
    return (aval(shape, np.uint32),) * 2


def _threefry2x32_lowering(ctx, k1, k2, x1, x2):
    out_aval = ctx.avals_out[0]
    ty = out_type(ctx)

    def bcast(v, a):
        if tuple(a.shape) == tuple(out_aval.shape):
            return v
        dims = range(len(a.shape))  # rank 0 -> no dims; equal rank -> identity map
        return hlo.broadcast_in_dim(ty, v, dense_int_array(list(dims)))

    def c(value):
        return mlir.full_like_aval(np.uint32(value), out_aval)

    def rotl(v, r):
        return hlo.or_(hlo.shift_left(v, c(r)), hlo.shift_right_logical(v, c(32 - r)))

    k1, k2, x1, x2 = (bcast(v, a) for v, a in zip((k1, k2, x1, x2), ctx.avals_in))
    ks = (k1, k2, hlo.xor(hlo.xor(k1, k2), c(_PARITY)))
    a, b = hlo.add(x1, ks[0]), hlo.add(x2, ks[1])
    for rots, i, j, n in _schedule():
        for r in rots:
            a = hlo.add(a, b)
            b = hlo.xor(a, rotl(b, r))
        a = hlo.add(a, ks[i])
        b = hlo.add(hlo.add(b, ks[j]), c(n))
    return [a, b]


def _threefry2x32_jvp(primals, tangents):
    outs = threefry2x32_p.bind(*primals)
    # Integer outputs: the tangent is a symbolic zero (of dtype float0).
    return outs, [ad.Zero(aval_of(o).to_tangent_aval()) for o in outs]


def _threefry2x32_batch(args, dims):
    from .structural import broadcast_in_dim, reshape
    size = batching.batch_size(args, dims)
    rank = max((a.ndim - (d is not None) for a, d in zip(args, dims)), default=0)
    out = []
    for x, d in zip(args, dims):
        if d is None:
            # Scalars broadcast on their own; ranked operands get a size-1 batch axis.
            out.append(x if x.ndim == 0 else reshape(x, (1,) + tuple(x.shape)))
            continue
        x = batching.moveaxis(x, d, 0)
        if x.ndim - 1 < rank:  # a batched scalar: size-1 axes for the others
            x = broadcast_in_dim(x, (size,) + (1,) * rank, (0,))
        out.append(x)
    outs = threefry2x32_p.bind(*out)
    return outs, [0, 0]


threefry2x32_p = define(_NAME, _threefry2x32_abstract_eval, _threefry2x32_lowering,
                        multiple_results=True)
ad.primitive_jvps[threefry2x32_p] = _threefry2x32_jvp
batching.primitive_batchers[threefry2x32_p] = _threefry2x32_batch


def threefry2x32(k1, k2, x1, x2):
    """Threefry-2x32 of counters ``(x1, x2)`` under key ``(k1, k2)``: two uint32 arrays."""
    return threefry2x32_p.bind(k1, k2, x1, x2)


threefry2x32.p = threefry2x32_p


# --- log1p as StableHLO has it -----------------------------------------------------------
# jax.random's samplers (exponential, laplace, logistic, gumbel, weibull,
# geometric, binomial) use XLA's log_plus_one as is; jaxwrap's ``log1p``
# primitive replaces it by log(1 + x) below -1/4 in float64 (XLA's float64 op is
# up to ~120 ulp off there), which changes float64 samples in the last bits.
# Bit-exactness with jax.random needs XLA's own op, so the samplers use this one
# (float32 and narrower ``log1p`` lower to it as well).
def _log1p_hlo_jvp(t, ans, x):
    from .elementwise import add, div
    return div(t, add(x, const(x, 1)))


def _make_log1p_hlo():
    from .elementwise import _unary
    return _unary("log1p_hlo", FLOAT, hlo.Log1pOp, _log1p_hlo_jvp)


log1p_hlo = _make_log1p_hlo()


# --- random_gamma ----------------------------------------------------------------------------
# Gamma samples, one per element of ``a``, from raw keys whose batch shape is a
# prefix of ``a``'s shape.  ``sampler(impl, key, alpha, log_space)`` draws one
# sample (jaxwrap.random passes Marsaglia & Tsang's rejection sampler); the
# lowering splits each key into one subkey per element and vmaps the sampler
# over the flattened elements.  Being a primitive, vmap folds batch axes into
# that flat axis (rather than nesting a batched while loop in another): the
# samples of a vmapped call are those of the unbatched calls, as in jax.
def _random_gamma_abstract_eval(keys, a, *, impl, log_space, sampler, sample_grad):
    kb = len(keys.shape) - len(impl.key_shape)
    batch = tuple(keys.shape[:kb])
    if tuple(keys.shape[kb:]) != tuple(impl.key_shape) or tuple(a.shape[:kb]) != batch:
        raise TypeError(f"random_gamma: key data of shape {tuple(keys.shape)} does not fit "
                        f"a of shape {tuple(a.shape)} (key shape {impl.key_shape})")
    if np.dtype(keys.dtype) != np.uint32:
        raise TypeError(f"random_gamma: key data must be uint32, got {np.dtype(keys.dtype).name}")
    return aval(a.shape, a.dtype)


def _random_gamma_impl(keys, a, *, impl, log_space, sampler, sample_grad):
    import math

    import jax

    from .structural import reshape
    nk = len(impl.key_shape)
    kb = keys.shape[: keys.ndim - nk]
    n_keys, n_rest = math.prod(kb), math.prod(a.shape[len(kb):])
    flat_keys = reshape(keys, (n_keys,) + tuple(impl.key_shape))
    subkeys = jax.vmap(lambda k: impl.split(k, (n_rest,)))(flat_keys)
    subkeys = reshape(subkeys, (n_keys * n_rest,) + tuple(impl.key_shape))
    alphas = reshape(a, (n_keys * n_rest,))
    samples = jax.vmap(lambda k, al: sampler(impl, k, al, log_space))(subkeys, alphas)
    return reshape(samples, a.shape)


def _random_gamma_lowering(ctx, keys, a, **params):
    from functools import partial
    return mlir.lower_fun(partial(_random_gamma_impl, **params), multiple_results=False)(
        ctx, keys, a)


def _random_gamma_jvp(primals, tangents, **params):
    # Implicit reparameterization (Figurnov, Mohamed, Mnih 2018): with the
    # uniform level u = P(a, x) held fixed, dx/da = -(dP/da) / (dP/dx);
    # ``sample_grad(a, x, log_space)`` computes it (of log x in log space).
    out = random_gamma_p.bind(*primals, **params)
    t = tangents[1]
    if type(t) is ad.Zero:
        return out, ad.Zero(aval_of(out).to_tangent_aval())
    if params["sample_grad"] is None:
        raise NotImplementedError("random_gamma: no sample_grad given; not differentiable in a")
    from .elementwise import mul
    return out, mul(t, params["sample_grad"](primals[1], out, params["log_space"]))


def _random_gamma_batch(args, dims, **params):
    size = batching.batch_size(args, dims)
    keys, a = (batching.bdim_at_front(x, d, size) for x, d in zip(args, dims))
    return random_gamma_p.bind(keys, a, **params), 0


random_gamma_p = define("random_gamma", _random_gamma_abstract_eval, _random_gamma_lowering)
ad.primitive_jvps[random_gamma_p] = _random_gamma_jvp
batching.primitive_batchers[random_gamma_p] = _random_gamma_batch


def random_gamma(keys, a, *, impl, log_space: bool, sampler, sample_grad=None):
    """Gamma samples for every element of ``a`` (see the block comment above)."""
    return random_gamma_p.bind(keys, a, impl=impl, log_space=bool(log_space), sampler=sampler,
                               sample_grad=sample_grad)


random_gamma.p = random_gamma_p
__all__.append("random_gamma")


# --- rng_bit_generator -------------------------------------------------------------------------
# XLA's stateless RngBitGenerator: from a 128-bit state (four uint32 words, as
# two uint64 for the op) to a new state and bits of ``shape`` and ``dtype``
# (the platform's default algorithm: Philox on CPU/GPU).  Used by the 'rbg'
# and 'unsafe_rbg' generators, whose bits depend on the platform.
_RBG_DTYPES = {np.dtype(np.uint8), np.dtype(np.uint16), np.dtype(np.uint32), np.dtype(np.uint64)}


def _rng_bit_generator_abstract_eval(key, *, shape, dtype):
    if tuple(key.shape) != (4,) or np.dtype(key.dtype) != np.uint32:
        raise TypeError(f"rng_bit_generator: key must be uint32[4], got "
                        f"{np.dtype(key.dtype).name}{list(key.shape)}")
    if np.dtype(dtype) not in _RBG_DTYPES:
        raise TypeError(f"rng_bit_generator: unsupported dtype {np.dtype(dtype).name}")
    return aval((4,), np.uint32), aval(shape, dtype)


def _rng_bit_generator_lowering(ctx, key, *, shape, dtype):
    from ..interpreters.mlir import ir
    u32, u64 = ir.IntegerType.get_unsigned(32), ir.IntegerType.get_unsigned(64)
    state = hlo.bitcast_convert(ir.RankedTensorType.get([2], u64),
                                hlo.reshape(ir.RankedTensorType.get([2, 2], u32), key))
    new_state, bits = hlo.RngBitGeneratorOp(state.type, out_type(ctx, 1),
                                            hlo.RngAlgorithmAttr.get("DEFAULT"), state).results
    new_key = hlo.reshape(ir.RankedTensorType.get([4], u32),
                          hlo.bitcast_convert(ir.RankedTensorType.get([2, 2], u32), new_state))
    return [new_key, bits]


def _rng_bit_generator_jvp(primals, tangents, **params):
    outs = rng_bit_generator_p.bind(*primals, **params)
    return outs, [ad.Zero(aval_of(o).to_tangent_aval()) for o in outs]


rng_bit_generator_p = define("rng_bit_generator", _rng_bit_generator_abstract_eval,
                             _rng_bit_generator_lowering, multiple_results=True)
ad.primitive_jvps[rng_bit_generator_p] = _rng_bit_generator_jvp
batching.primitive_batchers[rng_bit_generator_p] = batching.loop_rule(rng_bit_generator_p)


def rng_bit_generator(key, shape, dtype=np.uint32):
    """(new key, bits): XLA's RngBitGenerator on a uint32[4] key."""
    return tuple(rng_bit_generator_p.bind(key, shape=tuple(int(d) for d in shape),
                                          dtype=np.dtype(dtype)))


rng_bit_generator.p = rng_bit_generator_p
__all__.append("rng_bit_generator")
