"""Elementwise primitives, defined from tables.

A unary row is (name, accepted dtype kinds, lowering, JVP); a binary row the
same with one JVP per operand.  ``_unary`` / ``_binary`` turn a row into the
primitive with its abstract eval, lowering, JVP and batching rule, and return
the bind wrapper (the primitive is ``wrapper.p``; ``core.primitives`` lists
them all as ``name_p``).  JVP rules are ``rule(t, ans, *primals)`` and are
written with the wrappers of this module, so a derivative stays inside
jaxwrap's own primitive set.

Operands of n-ary primitives have equal shapes and dtypes; broadcasting and
promotion belong to the numpy layer, like in jax.lax.
"""

from __future__ import annotations

import math

import ml_dtypes
import numpy as np

from ..interpreters import ad, batching, mlir
from ..interpreters.mlir import chlo, hlo, ir
from ._base import (
    ANY,
    BOOL,
    COMPLEX,
    FLOAT,
    INEXACT,
    INT,
    INTEGRAL,
    NUMERIC,
    REAL_NUMERIC,
    UINT,
    aval,
    check_kind,
    const,
    define,
    kind,
    lower_op,
    real_dtype,
    same_dtypes,
    same_shapes,
)


# --- builders ---------------------------------------------------------------------
def _unary_abstract_eval(name, kinds, result):
    def rule(x, **params):
        check_kind(name, x.dtype, kinds)
        dtype = result(x.dtype) if result else x.dtype
        # A result dtype that differs (bool from isfinite, real from abs(complex))
        # is never weak, like jax.
        weak = x.weak_type and (result is None or np.dtype(dtype) == x.dtype)
        return aval(x.shape, dtype, weak)
    return rule


def _binary_abstract_eval(name, kinds, result):
    def rule(x, y, **params):
        shape = _scalar_or_same_shape(name, x, y)
        dtype = same_dtypes(name, (x, y))
        check_kind(name, dtype, kinds)
        out = result(dtype) if result else dtype
        weak = x.weak_type and y.weak_type and np.dtype(out) == dtype
        return aval(shape, out, weak)
    return rule


def _scalar_or_same_shape(name, x, y):
    """The result shape of a binary primitive.

    Operands have equal shapes, or one of them is rank 0, or both have the same rank
    and differ only where one has size 1 (like jax's binary ops take a rank-0 literal
    or a keepdims result); the lowering broadcasts them, so a jaxpr needs no
    broadcast_in_dim equation for them.
    """
    xs, ys = x.shape, y.shape
    if xs == ys or ys == ():
        return xs
    if xs == ():
        return ys
    if len(xs) == len(ys) and all(a == b or a == 1 or b == 1 for a, b in zip(xs, ys)):
        return tuple(b if a == 1 else a for a, b in zip(xs, ys))
    return same_shapes(name, (x, y))  # raises the equal-shape error


def _wrap(prim):
    if prim.name in ("round",):
        def f(x, rounding_method=0):
            return prim.bind(x, rounding_method=rounding_method)
    elif prim in _SCALAR_OPERANDS:   # rank-0 operands go to the primitive as they are
        def f(x, y):
            return prim.bind(x, y)
    else:
        def f(*args):
            return prim.bind(*_broadcast_scalars(args))
    f.__name__ = prim.name
    f.__doc__ = f"Bind jaxwrap's elementwise primitive ``{prim.name}``."
    f.p = prim
    return f


def _broadcast_scalars(args):
    """Like jax.lax's wrappers: rank-0 operands are broadcast to the others' shape.

    The primitives themselves require equal shapes; only the convenience
    wrappers broadcast (with jaxwrap's broadcast_in_dim).
    """
    shapes = [np.shape(a) for a in args]
    if len(set(shapes)) <= 1:
        return args
    target = next(s for s in shapes if s != ())
    from .structural import broadcast_in_dim
    return [broadcast_in_dim(a, target, ()) if s == () else a for a, s in zip(args, shapes)]


def _unary(name, kinds, lowering, jvp=None, *, result=None, linear=None):
    """Row -> primitive.  ``jvp(t, ans, x)``; ``linear``: transpose(ct) for linear ops.

    ``jvp=None`` and ``linear=None`` means the derivative is zero (integer or
    piecewise-constant results).
    """
    lowering = lower_op(lowering) if isinstance(lowering, type) else lowering
    prim = define(name, _unary_abstract_eval(name, kinds, result), lowering)
    if linear is not None:
        ad.deflinear(prim, lambda ct, x, **p: [linear(ct)])
    elif jvp is not None:
        ad.defjvp2(prim, jvp)
    else:
        ad.defjvp_zero(prim)
    batching.defvectorized(prim)
    return _wrap(prim)


def _binary(name, kinds, lowering, jvps=None, *, result=None, transpose=None):
    """Row -> primitive.  ``jvps``: (rule for x, rule for y), each ``rule(t, ans, x, y)``.

    ``transpose(ct, x, y)`` for ops linear in an operand: the cotangent of each
    undefined (linear) operand, given the other one.
    """
    lowering = lower_op(lowering) if isinstance(lowering, type) else lowering
    prim = define(name, _binary_abstract_eval(name, kinds, result), _scalar_lowering(lowering))
    if jvps is None:
        ad.defjvp_zero(prim)
    else:
        ad.defjvp2(prim, *(None if r is None else _full_shape_jvp(r) for r in jvps))
    if transpose is not None:
        ad.deftranspose(prim, _linear_transpose(transpose))
    batching.primitive_batchers[prim] = _scalar_batch_rule(prim)
    _SCALAR_OPERANDS.add(prim)
    return _wrap(prim)


# Binary primitives that accept a rank-0 operand next to an array of any shape.
_SCALAR_OPERANDS: set = set()


def _dims(x):
    """broadcast_dimensions of an operand of a binary primitive (rank 0 or full rank)."""
    return tuple(range(np.ndim(x)))


def _broadcast_to(x, shape):
    from .structural import broadcast_in_dim
    return x if np.shape(x) == tuple(shape) else broadcast_in_dim(x, tuple(shape), _dims(x))


def _scalar_lowering(lowering):
    """Lower with a rank-0 or size-1 operand broadcast to the result shape first (in
    StableHLO, whose elementwise ops need equal shapes; no jaxpr equation)."""
    def rule(ctx, x, y, **params):
        a, b = ctx.avals_in
        if a.shape != b.shape:
            shape = ctx.avals_out[0].shape
            args, avals = [], []
            for v, av in ((x, a), (y, b)):
                if av.shape != shape:
                    dims = tuple(range(len(av.shape)))
                    av = av.update(shape=shape)
                    v = hlo.broadcast_in_dim(mlir.aval_to_ir_type(av), v,
                                             mlir.dense_int_array(dims))
                args.append(v)
                avals.append(av)
            x, y = args
            ctx = ctx.replace(avals_in=avals)
        return lowering(ctx, x, y, **params)
    return rule


def _full_shape_jvp(rule):
    """A JVP rule written for equal shapes, applied with a rank-0 or size-1 operand:
    the operands and the tangent are broadcast to the result's shape first."""
    def jvp(t, ans, x, y, **params):
        shape = np.shape(ans)
        if np.shape(x) != shape or np.shape(y) != shape:
            t, x, y = (_broadcast_to(v, shape) for v in (t, x, y))
        return rule(t, ans, x, y, **params)
    return jvp


def _linear_transpose(rule):
    def transpose(ct, x, y, **params):
        ux, uy = ad.is_undefined_primal(x), ad.is_undefined_primal(y)
        if type(ct) is ad.Zero:
            return [ad.Zero(v.aval.to_tangent_aval()) if u else None
                    for v, u in ((x, ux), (y, uy))]
        cx, cy = rule(ct, x, y)
        # The cotangent of a rank-0 operand is the sum over the broadcast result.
        return [_unbroadcast(cx, x) if ux else None, _unbroadcast(cy, y) if uy else None]
    return transpose


def _unbroadcast(ct, x):
    shape = x.aval.shape
    if ct is None or shape == np.shape(ct):
        return ct
    from .reductions import reduce_sum
    if shape == ():
        return reduce_sum(ct, axes=tuple(range(np.ndim(ct))))
    from .structural import reshape
    axes = tuple(i for i, (a, b) in enumerate(zip(shape, np.shape(ct))) if a != b)
    return reshape(reduce_sum(ct, axes=axes), shape)


def _scalar_batch_rule(prim):
    """vmap of a binary primitive whose operands are rank 0 or of one rank: a rank-0
    unbatched operand stays rank 0; the others get the batch axis first (a batched
    scalar also the result's axes; size-1 axes stay for the primitive)."""
    def rule(args, dims, **params):
        if dims[0] == dims[1] and np.shape(args[0]) == np.shape(args[1]):
            return prim.bind(*args, **params), dims[0]
        size = batching.batch_size(args, dims)
        shapes = [tuple(s for i, s in enumerate(np.shape(a)) if i != d)
                  for a, d in zip(args, dims)]
        shape = shapes[0] if shapes[0] != () else shapes[1]
        out = []
        for a, d, s in zip(args, dims, shapes):
            if d is None and s == ():
                out.append(a)
                continue
            a = batching.bdim_at_front(a, d, size)
            if s == () and shape != ():   # a batched scalar: broadcast along the result's axes
                from .structural import broadcast_in_dim
                a = broadcast_in_dim(a, (size, *shape), (0,))
            out.append(a)
        return prim.bind(*out, **params), 0
    return rule


def _bool(dtype):
    return np.dtype(np.bool_)


# --- lowering helpers ----------------------------------------------------------------
def _compare_type(dtype):
    k = kind(dtype)
    return {"float": "FLOAT", "complex": "FLOAT", "int": "SIGNED"}.get(k, "UNSIGNED")


def _lower_compare(direction):
    def rule(ctx, x, y):
        ctype = _compare_type(ctx.avals_in[0].dtype)
        return [hlo.compare(x, y, hlo.ComparisonDirectionAttr.get(direction),
                            compare_type=hlo.ComparisonTypeAttr.get(ctype))]
    return rule


def _lower_exp2(ctx, x):
    if kind(ctx.avals_in[0].dtype) == FLOAT:
        return mlir.lower_fun(_exp2_real, multiple_results=False)(ctx, x)
    ln2 = mlir.full_like_aval(math.log(2.0), ctx.avals_in[0])
    return [hlo.exponential(hlo.multiply(x, ln2))]


def _exp2_real(x):
    # 2**x = 2**n * 2**f with n = round(x), |f| <= 1/2.  exp(x * ln2) loses
    # about |x| ulps to the rounding of x * ln2 (exp2(55.) was 18 ulps off in
    # float64); here the power of two is exact, so exp2 of an integer is exact
    # like numpy's, and the error of exp(f * ln2) stays near one ulp.
    fi = ml_dtypes.finfo(x.dtype)
    n = round(x, 1)
    # f is 0 at +-inf (and nan at nan, which then propagates through r).
    f = _select(eq(abs(x), _c(x, np.inf)), _full_like(x, 0), sub(x, n))
    r = exp(mul(f, _c(f, math.log(2.0))))
    # Past these bounds the result is 0 or inf whatever r is.
    top, bottom = float(fi.maxexp + 1), float(fi.minexp - fi.nmant - 2)
    n = max(min(n, _c(n, top)), _c(n, bottom))
    return _scale_pow2(r, n)


def _pow2(k, dtype):
    """2**k exactly, for integer-valued ``k`` (float) inside the normal exponent range."""
    fi = ml_dtypes.finfo(dtype)
    ibits = np.dtype(f"int{np.dtype(dtype).itemsize * 8}")
    e = convert_element_type(add(k, _c(k, float(fi.maxexp - 1))), ibits)
    return bitcast_convert_type(shift_left(e, np.array(fi.nmant, ibits)), dtype)


def _scale_pow2(r, n):
    """r * 2**n for integer-valued float n within about twice the exponent range."""
    half = floor(mul(n, _c(n, 0.5)))
    return mul(mul(r, _pow2(half, r.dtype)), _pow2(sub(n, half), r.dtype))


def _lower_sign(ctx, x):
    aval_in = ctx.avals_in[0]
    if kind(aval_in.dtype) != UINT:
        return [hlo.sign(x)]
    # stablehlo.sign has no unsigned form: 0 stays 0, anything else is 1.
    zero, one = mlir.full_like_aval(0, aval_in), mlir.full_like_aval(1, aval_in)
    is_zero = hlo.compare(x, zero, hlo.ComparisonDirectionAttr.get("EQ"),
                          compare_type=hlo.ComparisonTypeAttr.get("UNSIGNED"))
    return [hlo.select(is_zero, zero, one)]


def _real_float_lowering(real_fun, op):
    """Lower real floats with ``real_fun`` (jaxwrap primitives), complex with ``op``."""
    def rule(ctx, x):
        if kind(ctx.avals_in[0].dtype) == FLOAT:
            return mlir.lower_fun(real_fun, multiple_results=False)(ctx, x)
        return op(x).results
    return rule


def _lower_log1p(ctx, x):
    aval = ctx.avals_in[0]
    if aval.dtype != np.float64:
        # Complex, and the narrower floats: XLA's log1p is within 1.7 ulp on
        # all of (-1, 0] in float32 (dense sweep against float64), better than
        # the log(1 + x) branch below (2.6 ulp near x = -0.3, where 1 + x
        # rounds), and the two expansions of one select tripled the XLA
        # compile time of a log1p fusion on CPU (30 -> 90 ms): keep one op.
        return [hlo.log_plus_one(x)]
    # XLA's float64 log1p is up to ~120 ulps off for x in [-0.42, -0.36].  For
    # x < -1/4 the result is larger than 0.28 in magnitude, so log(1 + x) is as
    # good (1 + x rounds by half an ulp at most): use it there.
    use_log = hlo.compare(x, mlir.full_like_aval(-0.25, aval),
                          hlo.ComparisonDirectionAttr.get("LT"),
                          compare_type=hlo.ComparisonTypeAttr.get("FLOAT"))
    direct = hlo.log(hlo.add(x, mlir.full_like_aval(1, aval)))
    return [hlo.select(use_log, direct, hlo.log_plus_one(x))]


def _atanh_real(x):
    # (log1p(x) - log1p(-x)) / 2: the terms have opposite signs, so no
    # cancellation, and log1p is accurate (chlo's expansion inherited XLA's
    # log1p error: ~70 ulps near |x| = 0.41 in float64).
    return mul(_c(x, 0.5), sub(log1p(x), log1p(neg(x))))


def _sinh_cosh_real(odd):
    # chlo's sinh/cosh compute exp(|x| + log(1/2)) for large |x|, whose rounded
    # argument costs about |x| ulps (250 at |x| = 600 in float64).  Here, with
    # a = |x|: below 20, sinh = (m + m / (m + 1)) / 2 with m = expm1(a) (no
    # cancellation near 0) and cosh = (e + 1/e) / 2 with e = exp(a); from 20 on,
    # h/2 * h with h = exp(a/2), which overflows only where the result does.
    def impl(x):
        a = abs(x)
        big = ge(a, _c(a, 20))
        a_mid = _select(big, _full_like(a, 0), a)
        if odd:
            m = expm1(a_mid)
            mid = mul(_c(a, 0.5), add(m, div(m, add(m, _c(m, 1)))))
        else:
            e = exp(a_mid)
            mid = mul(_c(a, 0.5), add(e, div(_c(e, 1), e)))
        h = exp(mul(a, _c(a, 0.5)))
        r = _select(big, mul(h, mul(h, _c(h, 0.5))), mid)
        if odd:   # odd, and sinh(+-0) = +-0
            r = _select(lt(x, _c(x, 0)), neg(r), r)
            r = _select(eq(x, _c(x, 0)), x, r)
        return r
    return impl


def _lower_square(ctx, x):
    return [hlo.multiply(x, x)]


def _lower_round(ctx, x, *, rounding_method):
    op = hlo.RoundNearestEvenOp if rounding_method == 1 else hlo.RoundOp
    return op(x).results


def _lower_conj(ctx, x):
    return chlo.ConjOp(x).results


def _lower_not(ctx, x):
    return hlo.NotOp(x).results


# --- JVP helpers -----------------------------------------------------------------------
def _c(x, v):
    return const(x, v)


def _abs_jvp(t, ans, x):
    if kind(x.dtype) == COMPLEX:
        # d|z| = Re(conj(z) dz) / |z|, and 0 at z = 0.
        num = real(mul(conj(x), t))
        zero = eq(ans, _c(ans, 0))
        safe = _select(zero, _full_like(ans, 1), ans)
        return _select(zero, _full_like(ans, 0), div(num, safe))
    # jax's convention at the kink: derivative 1 at x = 0 (select(x >= 0, t, -t)), so
    # that L1 steps at zero match jax.numpy's
    return _select(ge(x, _c(x, 0)), t, neg(t))


def _select(pred, on_false_or_true, on_true=None):
    from .structural import select_n
    # select(pred, a, b): a where pred else b, written as select_n(pred, b, a).
    return select_n(pred, on_true, on_false_or_true) if on_true is not None else None


def _full_like(x, v):
    from ._base import full_like
    return full_like(x, v)


def _maxmin_jvp(pick):
    # Ties share the tangent equally (like jax), so max(x, x) has derivative 1.
    def rule(t, ans, x, y):
        one, half, zero = (_full_like(x, v) for v in (1, 0.5, 0))
        w = _select(pick(x, y), one, _select(eq(x, y), half, zero))
        return mul(t, w)
    return rule


def _maxmin_jvp_rhs(pick):
    def rule(t, ans, x, y):
        one, half, zero = (_full_like(y, v) for v in (1, 0.5, 0))
        w = _select(pick(y, x), one, _select(eq(x, y), half, zero))
        return mul(t, w)
    return rule


def _pow_jvp_x(t, ans, x, y):
    # d/dx x**y = y * x**(y-1); 0 where y == 0 (so 0**0 has derivative 0).
    jac = mul(y, pow(x, sub(y, _c(y, 1))))
    return mul(t, _select(eq(y, _c(y, 0)), _full_like(x, 0), jac))


def _pow_jvp_y(t, ans, x, y):
    # d/dy x**y = log(x) * x**y; 0 at x == 0 (the limit from y > 0).
    safe = _select(eq(x, _c(x, 0)), _full_like(x, 1), x)
    return mul(t, mul(log(safe), ans))


def _rem_jvp_y(t, ans, x, y):
    q = div(x, y)
    return mul(neg(t), mul(sign(q), floor(abs(q))))


# --- the unary table ---------------------------------------------------------------------
#       name          kinds     lowering              JVP: t, ans, x -> tangent
neg = _unary("neg", NUMERIC, hlo.NegOp, linear=lambda ct: neg(ct))
sign = _unary("sign", NUMERIC, _lower_sign)
floor = _unary("floor", FLOAT, hlo.FloorOp)
ceil = _unary("ceil", FLOAT, hlo.CeilOp)
round = _unary("round", FLOAT, _lower_round)  # rounding_method: 0 away from zero, 1 to even
is_finite = _unary("is_finite", FLOAT, hlo.IsFiniteOp, result=_bool)
exp = _unary("exp", INEXACT, hlo.ExpOp, lambda t, ans, x: mul(t, ans))
exp2 = _unary("exp2", INEXACT, _lower_exp2, lambda t, ans, x: mul(t, mul(ans, _c(ans, math.log(2)))))
log = _unary("log", INEXACT, hlo.LogOp, lambda t, ans, x: div(t, x))
expm1 = _unary("expm1", INEXACT, hlo.Expm1Op, lambda t, ans, x: mul(t, add(ans, _c(ans, 1))))
log1p = _unary("log1p", INEXACT, _lower_log1p, lambda t, ans, x: div(t, add(x, _c(x, 1))))
tanh = _unary("tanh", INEXACT, hlo.TanhOp,
              lambda t, ans, x: mul(t, sub(_c(ans, 1), mul(ans, ans))))
logistic = _unary("logistic", INEXACT, hlo.LogisticOp,
                  lambda t, ans, x: mul(t, mul(ans, sub(_c(ans, 1), ans))))
sin = _unary("sin", INEXACT, hlo.SineOp, lambda t, ans, x: mul(t, cos(x)))
cos = _unary("cos", INEXACT, hlo.CosineOp, lambda t, ans, x: neg(mul(t, sin(x))))
tan = _unary("tan", INEXACT, hlo.TanOp, lambda t, ans, x: mul(t, add(_c(ans, 1), mul(ans, ans))))
asin = _unary("asin", INEXACT, chlo.AsinOp,
              lambda t, ans, x: mul(t, rsqrt(sub(_c(x, 1), mul(x, x)))))
acos = _unary("acos", INEXACT, chlo.AcosOp,
              lambda t, ans, x: neg(mul(t, rsqrt(sub(_c(x, 1), mul(x, x))))))
atan = _unary("atan", INEXACT, chlo.AtanOp,
              lambda t, ans, x: div(t, add(_c(x, 1), mul(x, x))))
sinh = _unary("sinh", INEXACT, _real_float_lowering(_sinh_cosh_real(True), chlo.SinhOp),
              lambda t, ans, x: mul(t, cosh(x)))
cosh = _unary("cosh", INEXACT, _real_float_lowering(_sinh_cosh_real(False), chlo.CoshOp),
              lambda t, ans, x: mul(t, sinh(x)))
asinh = _unary("asinh", INEXACT, chlo.AsinhOp,
               lambda t, ans, x: mul(t, rsqrt(add(mul(x, x), _c(x, 1)))))
acosh = _unary("acosh", INEXACT, chlo.AcoshOp,
               lambda t, ans, x: mul(t, mul(rsqrt(sub(x, _c(x, 1))), rsqrt(add(x, _c(x, 1))))))
atanh = _unary("atanh", INEXACT, _real_float_lowering(_atanh_real, chlo.AtanhOp),
               lambda t, ans, x: div(t, sub(_c(x, 1), mul(x, x))))
sqrt = _unary("sqrt", INEXACT, hlo.SqrtOp, lambda t, ans, x: div(t, mul(_c(ans, 2), ans)))
rsqrt = _unary("rsqrt", INEXACT, hlo.RsqrtOp,
               lambda t, ans, x: mul(t, mul(_c(ans, -0.5), div(ans, x))))
cbrt = _unary("cbrt", FLOAT, hlo.CbrtOp,
              lambda t, ans, x: mul(t, div(_c(ans, 1 / 3), mul(ans, ans))))
abs = _unary("abs", NUMERIC, hlo.AbsOp, _abs_jvp, result=real_dtype)
real = _unary("real", COMPLEX, hlo.RealOp, result=real_dtype,
              linear=lambda ct: complex(ct, _full_like(ct, 0)))
imag = _unary("imag", COMPLEX, hlo.ImagOp, result=real_dtype,
              linear=lambda ct: complex(_full_like(ct, 0), neg(ct)))
conj = _unary("conj", COMPLEX, _lower_conj, linear=lambda ct: conj(ct))
not_ = _unary("not", INTEGRAL, _lower_not)
population_count = _unary("population_count", INT, hlo.PopulationCountOp)
clz = _unary("clz", INT, hlo.ClzOp)
square = _unary("square", NUMERIC, _lower_square, lambda t, ans, x: mul(t, mul(_c(x, 2), x)))
lgamma = _unary("lgamma", FLOAT, chlo.LgammaOp, lambda t, ans, x: mul(t, digamma(x)))
digamma = _unary("digamma", FLOAT, chlo.DigammaOp,
                 lambda t, ans, x: mul(t, polygamma(_full_like(x, 1), x)))
erf = _unary("erf", FLOAT, chlo.ErfOp,
             lambda t, ans, x: mul(t, mul(_c(x, 2 / math.sqrt(math.pi)), exp(neg(mul(x, x))))))
erfc = _unary("erfc", FLOAT, chlo.ErfcOp,
              lambda t, ans, x: mul(t, mul(_c(x, -2 / math.sqrt(math.pi)), exp(neg(mul(x, x))))))
erf_inv = _unary("erf_inv", FLOAT, chlo.ErfInvOp,
                 lambda t, ans, x: mul(t, mul(_c(x, math.sqrt(math.pi) / 2), exp(mul(ans, ans)))))

# --- the binary table ----------------------------------------------------------------------
#       name       kinds         lowering        JVPs: (t, ans, x, y) for x, for y
add = _binary("add", NUMERIC, hlo.AddOp, (lambda t, ans, x, y: t, lambda t, ans, x, y: t),
              transpose=lambda ct, x, y: (ct, ct))
sub = _binary("sub", NUMERIC, hlo.SubtractOp, (lambda t, ans, x, y: t, lambda t, ans, x, y: neg(t)),
              transpose=lambda ct, x, y: (ct, neg(ct)))
# mul and div are linear in one operand at a time (the other is a known value).
mul = _binary("mul", NUMERIC, hlo.MulOp,
              (lambda t, ans, x, y: mul(t, y), lambda t, ans, x, y: mul(x, t)),
              transpose=lambda ct, x, y: (
                  None if ad.is_undefined_primal(y) else mul(ct, y),
                  None if ad.is_undefined_primal(x) else mul(x, ct)))
div = _binary("div", NUMERIC, hlo.DivOp,
              (lambda t, ans, x, y: div(t, y),
               lambda t, ans, x, y: neg(mul(t, div(ans, y)))),
              transpose=lambda ct, x, y: (div(ct, y), None))
rem = _binary("rem", REAL_NUMERIC, hlo.RemOp, (lambda t, ans, x, y: t, _rem_jvp_y))
pow = _binary("pow", INEXACT, hlo.PowOp, (_pow_jvp_x, _pow_jvp_y))
max = _binary("max", ANY, hlo.MaxOp, (_maxmin_jvp(lambda a, b: gt(a, b)),
                                      _maxmin_jvp_rhs(lambda a, b: gt(a, b))))
min = _binary("min", ANY, hlo.MinOp, (_maxmin_jvp(lambda a, b: lt(a, b)),
                                      _maxmin_jvp_rhs(lambda a, b: lt(a, b))))
atan2 = _binary("atan2", FLOAT, hlo.Atan2Op,
                (lambda t, ans, x, y: mul(t, div(y, add(mul(x, x), mul(y, y)))),
                 lambda t, ans, x, y: neg(mul(t, div(x, add(mul(x, x), mul(y, y)))))))
nextafter = _binary("nextafter", FLOAT, chlo.NextAfterOp)
and_ = _binary("and", INTEGRAL, hlo.AndOp)
or_ = _binary("or", INTEGRAL, hlo.OrOp)
xor = _binary("xor", INTEGRAL, hlo.XorOp)
shift_left = _binary("shift_left", INT, hlo.ShiftLeftOp)
shift_right_arithmetic = _binary("shift_right_arithmetic", INT, hlo.ShiftRightArithmeticOp)
shift_right_logical = _binary("shift_right_logical", INT, hlo.ShiftRightLogicalOp)
polygamma = _binary("polygamma", FLOAT, chlo.PolygammaOp,
                    (None, lambda t, ans, n, x: mul(t, polygamma(add(n, _c(n, 1)), x))))
eq = _binary("eq", ANY, _lower_compare("EQ"), result=_bool)
ne = _binary("ne", ANY, _lower_compare("NE"), result=_bool)
lt = _binary("lt", (BOOL, INT, FLOAT), _lower_compare("LT"), result=_bool)
le = _binary("le", (BOOL, INT, FLOAT), _lower_compare("LE"), result=_bool)
gt = _binary("gt", (BOOL, INT, FLOAT), _lower_compare("GT"), result=_bool)
ge = _binary("ge", (BOOL, INT, FLOAT), _lower_compare("GE"), result=_bool)


# complex(x, y) = x + iy: linear in both operands.
def _complex_abstract_eval(x, y):
    shape = same_shapes("complex", (x, y))
    dtype = same_dtypes("complex", (x, y))
    check_kind("complex", dtype, FLOAT)
    out = np.complex128 if dtype == np.float64 else np.complex64
    return aval(shape, out, x.weak_type and y.weak_type)


complex_p = define("complex", _complex_abstract_eval, lower_op(hlo.ComplexOp))
ad.deflinear(complex_p, lambda ct, x, y: [real(ct), neg(imag(ct))])
batching.defbroadcasting(complex_p)
complex = _wrap(complex_p)


# --- type conversion ---------------------------------------------------------------------------
def _convert_abstract_eval(x, *, new_dtype, weak_type):
    return aval(x.shape, new_dtype, weak_type)


def _convert_lowering(ctx, x, *, new_dtype, weak_type):
    src, dst = np.dtype(ctx.avals_in[0].dtype), np.dtype(new_dtype)
    out_type = mlir.aval_to_ir_type(ctx.avals_out[0])
    if kind(src) == COMPLEX and kind(dst) != COMPLEX:
        x = hlo.real(x)        # numpy drops the imaginary part (with a warning)
        src = real_dtype(src)
    if dst == np.bool_ and src != np.bool_:
        zero = mlir.full_like_aval(0, aval(ctx.avals_in[0].shape, src))
        return [hlo.compare(x, zero, hlo.ComparisonDirectionAttr.get("NE"),
                            compare_type=hlo.ComparisonTypeAttr.get(_compare_type(src)))]
    if src == dst:
        return [x]
    return [hlo.convert(out_type, x)]


def _convert_jvp(primals, tangents, *, new_dtype, weak_type):
    (x,), (t,) = primals, tangents
    out = convert_element_type_p.bind(x, new_dtype=new_dtype, weak_type=weak_type)
    # x may be a Python scalar literal (jax's TypedFloat under jax.vjp): no .shape
    out_aval = aval(np.shape(x), new_dtype, weak_type)
    x_dtype = getattr(x, "dtype", None) or np.result_type(x)
    if ad.Zero is type(t) or kind(new_dtype) not in INEXACT or kind(x_dtype) not in INEXACT:
        return out, ad.Zero(out_aval.to_tangent_aval())
    return out, convert_element_type_p.bind(t, new_dtype=new_dtype, weak_type=weak_type)


def _convert_transpose(ct, x, *, new_dtype, weak_type):
    old = x.aval
    if type(ct) is ad.Zero:
        return [ad.Zero(old.to_tangent_aval())]
    return [convert_element_type_p.bind(ct, new_dtype=old.dtype, weak_type=old.weak_type)]


convert_element_type_p = define("convert_element_type", _convert_abstract_eval, _convert_lowering)
ad.primitive_jvps[convert_element_type_p] = _convert_jvp
ad.deftranspose(convert_element_type_p, _convert_transpose)
batching.defvectorized(convert_element_type_p)


def convert_element_type(x, new_dtype, weak_type: bool = False):
    """Convert ``x`` to ``new_dtype`` (complex -> real keeps the real part)."""
    return convert_element_type_p.bind(x, new_dtype=np.dtype(new_dtype), weak_type=bool(weak_type))


convert_element_type.p = convert_element_type_p


def _bitcast_abstract_eval(x, *, new_dtype):
    src, dst = np.dtype(x.dtype), np.dtype(new_dtype)
    shape = tuple(x.shape)
    if src.itemsize > dst.itemsize:
        shape = shape + (src.itemsize // dst.itemsize,)
    elif src.itemsize < dst.itemsize:
        if not shape or shape[-1] != dst.itemsize // src.itemsize:
            raise TypeError(f"bitcast_convert_type: from {src.name} to {dst.name} needs a last "
                            f"axis of size {dst.itemsize // src.itemsize}, got shape {shape}")
        shape = shape[:-1]
    return aval(shape, dst)


def _bitcast_lowering(ctx, x, *, new_dtype):
    return [hlo.bitcast_convert(mlir.aval_to_ir_type(ctx.avals_out[0]), x)]


def _bitcast_batch(args, dims, *, new_dtype):
    (x,), (d,) = args, dims
    if d == x.ndim - 1:  # keep the batch axis off the last axis, which may change size
        x, d = batching.moveaxis(x, d, 0), 0
    return bitcast_convert_type_p.bind(x, new_dtype=new_dtype), d


bitcast_convert_type_p = define("bitcast_convert_type", _bitcast_abstract_eval, _bitcast_lowering)
ad.defjvp_zero(bitcast_convert_type_p)
batching.primitive_batchers[bitcast_convert_type_p] = _bitcast_batch


def bitcast_convert_type(x, new_dtype):
    """Reinterpret the bits of ``x`` as ``new_dtype``."""
    return bitcast_convert_type_p.bind(x, new_dtype=np.dtype(new_dtype))


bitcast_convert_type.p = bitcast_convert_type_p

del ir
