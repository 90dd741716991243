"""jaxwrap_extend end to end: the seed's mul_add example, missing-rule errors,
eager compile-by-default, the rule registries, per-platform lowerings,
lowering from Python, the rule helpers on user primitives, the jaxpr tools
(builder, checker, printer, interpreter, walkers) and the backend helpers."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from jax.test_util import check_grads

import jaxwrap.numpy as jwnp
import jaxwrap_extend
from jaxwrap_extend import core
from jaxwrap_extend.interpreters import ad, batching, mlir


def _mul_add_prim(name):
    p = core.Primitive(name)

    def abstract(x_sa, y_sa, z_sa):
        return core.ShapedArray(x_sa.shape, x_sa.dtype)

    def lowering(ctx, xc, yc, zc):
        return mlir.hlo.AddOp(mlir.hlo.MulOp(xc, yc), zc).results

    p.def_abstract_eval(abstract)
    mlir.register_lowering(p, lowering)
    return p


def test_seed_mul_add_example():
    mul_add_p = core.Primitive("mul_add_seed")
    mul_add_p.def_impl(lambda x, y, z: x * y + z)

    def mul_add_abstract(x_sa, y_sa, z_sa):
        return core.ShapedArray(x_sa.shape, x_sa.dtype)

    def mul_add_mlir(ctx, xc, yc, zc):
        add = mlir.hlo.AddOp
        mul = mlir.hlo.MulOp
        return add(mul(xc, yc), zc).results

    mlir.register_lowering(mul_add_p, mul_add_mlir)
    mul_add_p.def_abstract_eval(mul_add_abstract)
    assert mul_add_p.bind(2, 3, 4) == 10
    out = jax.jit(mul_add_p.bind)(2, 3, 4)
    assert repr(out) == "Array(10, dtype=int32)"


def test_no_impl_compiles_itself_and_caches():
    p = _mul_add_prim("mul_add_noimpl")
    x = np.arange(3.0, dtype=np.float32)
    np.testing.assert_allclose(p.bind(x, x, x), x * x + x)
    np.testing.assert_allclose(p.bind(x, 2 * x, x), 2 * x * x + x)
    assert mlir.lowering_rules(p).keys() == {None}


def test_missing_rules_name_the_fix():
    x = np.ones(3, np.float32)
    p = _mul_add_prim("mul_add_norules")
    with pytest.raises(core.MissingRuleError, match=r"mul_add_norules.*ad\.defjvp"):
        jax.grad(lambda a: p.bind(a, a, a).sum())(x)
    with pytest.raises(core.MissingRuleError, match=r"mul_add_norules.*batching"):
        jax.vmap(p.bind)(x, x, x)
    q = core.Primitive("no_abstract")
    with pytest.raises(core.MissingRuleError, match=r"no_abstract.*def_abstract_eval"):
        q.bind(x)
    r = core.Primitive("no_lowering")
    r.def_abstract_eval(lambda a: a)
    with pytest.raises(core.MissingRuleError, match=r"no_lowering.*register_lowering"):
        jax.jit(r.bind)(x)
    # A JVP but no transpose: forward mode works, reverse mode names the fix.
    s = _mul_add_prim("mul_add_notranspose")
    ad.primitive_jvps[s] = lambda primals, tangents: (
        s.bind(*primals), s.bind(*[ad.instantiate_zeros(t) for t in tangents]))
    jax.jvp(lambda a: s.bind(a, a, a), (x,), (x,))
    with pytest.raises(core.MissingRuleError, match=r"mul_add_notranspose.*transpose"):
        jax.grad(lambda a: s.bind(a, x, x).sum())(x)


def test_platform_specific_lowering_and_query():
    p = core.Primitive("plat_only")
    p.def_abstract_eval(lambda a: a)
    mlir.register_lowering(p, lambda ctx, a: [mlir.hlo.NegOp(a).result], platform="cuda")
    assert set(mlir.lowering_rules(p)) == {"cuda"}
    assert not mlir.has_lowering(p, "cpu")
    with pytest.raises(core.MissingRuleError, match="platform"):
        jax.jit(p.bind)(np.ones(2, np.float32))
    mlir.register_lowering(p, lambda ctx, a: [a])
    np.testing.assert_array_equal(jax.jit(p.bind)(np.ones(2, np.float32)), np.ones(2))
    with pytest.raises(ValueError, match="platform"):
        mlir.register_lowering(p, lambda ctx, a: [a], platform="metal")


def test_user_primitive_full_rules():
    cube_p = core.Primitive("user_cube")
    cube_p.def_abstract_eval(lambda a: core.ShapedArray(a.shape, a.dtype))
    mlir.register_lowering(cube_p, lambda ctx, a: [mlir.hlo.MulOp(mlir.hlo.MulOp(a, a), a).result])
    from jaxwrap_extend._prims import elementwise as ew
    def cube_jvp(t, a):
        a2 = ew.mul(a, a)
        return ew.mul(t, ew.add(a2, ew.add(a2, a2)))   # 3 a**2 t

    ad.defjvp(cube_p, cube_jvp)
    batching.defvectorized(cube_p)
    x = np.linspace(-1, 1, 4).astype(np.float32)
    g = jax.vmap(jax.grad(cube_p.bind))(x)
    np.testing.assert_allclose(g, 3 * x ** 2, rtol=1e-6)
    from jax.test_util import check_grads
    check_grads(cube_p.bind, (x,), order=1, modes=("fwd", "rev"))


def test_jaxpr_tools():
    import jaxwrap.numpy as jwnp
    cj = core.make_jaxpr(lambda x: jwnp.sin(jwnp.add(x, 1.0)))(np.float32(1))
    assert isinstance(cj, core.ClosedJaxpr)
    core.check_jaxpr(cj)
    assert "sin" in core.pp_jaxpr(cj)
    assert core.primitives_used(cj) <= {"sin", "add", "convert_element_type", "broadcast_in_dim"}
    out = core.jaxpr_as_fun(cj)(np.float32(2))
    np.testing.assert_allclose(out[0], np.sin(3.0), rtol=1e-6)
    np.testing.assert_allclose(jax.jit(core.jaxpr_as_fun(cj))(np.float32(2))[0], np.sin(3.0),
                               rtol=1e-6)
    assert core.eval_jaxpr(cj.jaxpr, cj.consts, np.float32(0))[0] == np.float32(np.sin(1.0))


def test_core_primitives_lists_the_set():
    prims = core.primitives
    assert prims.add_p in prims and "dot_general" in prims and len(prims) > 60
    assert prims["reduce_sum"].name == "reduce_sum"
    assert jnp is not None


# --- per-platform lowering --------------------------------------------------------

def _neg_or_exp_prim(name):
    p = core.Primitive(name)
    p.def_abstract_eval(lambda a: core.ShapedArray(a.shape, a.dtype))
    mlir.register_lowering(p, lambda ctx, a: [mlir.hlo.NegOp(a).result])
    mlir.register_lowering(p, lambda ctx, a: [mlir.hlo.ExpOp(a).result], platform="cpu")
    return p


def test_platform_rule_wins_over_default():
    p = _neg_or_exp_prim("neg_or_exp")
    x = np.array([0.0, 1.0], np.float32)
    assert set(mlir.lowering_rules(p)) == {None, "cpu"}
    # This machine is a CPU: the cpu rule runs, eagerly and under jit.
    np.testing.assert_allclose(p.bind(x), np.exp(x), rtol=1e-6)
    np.testing.assert_allclose(jax.jit(p.bind)(x), np.exp(x), rtol=1e-6)
    # Other platforms get the default rule (lowered without their hardware).
    for platform, op in [("cpu", "exponential"), ("cuda", "negate"), ("rocm", "negate"),
                         ("tpu", "negate")]:
        text = mlir.stablehlo_text(p.bind, x, platforms=(platform,))
        assert f"stablehlo.{op}" in text, platform
        other = "negate" if op == "exponential" else "exponential"
        assert f"stablehlo.{other}" not in text, platform
    # Several platforms at once: one module switching on the platform index.
    both = mlir.stablehlo_text(p.bind, x, platforms=("cpu", "tpu"))
    assert "stablehlo.exponential" in both and "stablehlo.negate" in both
    # "gpu" registers for cuda and rocm.
    mlir.register_lowering(p, lambda ctx, a: [mlir.hlo.AbsOp(a).result], platform="gpu")
    assert {"cuda", "rocm"} <= set(mlir.lowering_rules(p))
    assert "stablehlo.abs" in mlir.stablehlo_text(p.bind, x, platforms=("cuda",))


def test_lowering_from_jaxwrap_functions():
    # softplus as one primitive, lowered from its formulation in jaxwrap.numpy.
    softplus_p = core.Primitive("user_softplus")
    softplus_p.def_abstract_eval(lambda a: core.ShapedArray(a.shape, a.dtype))
    mlir.register_lowering_fun(softplus_p, lambda a: jwnp.logaddexp(a, jwnp.zeros_like(a)))
    ad.defjvp(softplus_p, lambda t, a: jwnp.multiply(t, jax.nn.sigmoid(a)))
    batching.defvectorized(softplus_p)
    x = np.linspace(-3, 3, 7)
    ref = np.logaddexp(x, 0.0)
    np.testing.assert_allclose(softplus_p.bind(x.astype(np.float32)), ref, rtol=1e-6)
    np.testing.assert_allclose(jax.jit(softplus_p.bind)(x.astype(np.float32)), ref, rtol=1e-6)
    text = mlir.stablehlo_text(softplus_p.bind, x.astype(np.float32))
    assert "custom_call" not in text and "stablehlo.log" in text
    with jax.enable_x64(True):
        np.testing.assert_allclose(jax.vmap(softplus_p.bind)(x.reshape(7, 1))[:, 0], ref)
        check_grads(softplus_p.bind, (x,), order=1, modes=("fwd", "rev"))
    # The same helper for a multiple-results primitive.
    split_p = core.Primitive("user_split_sign", multiple_results=True)
    split_p.def_abstract_eval(lambda a: [a, a])
    mlir.register_lowering(split_p, mlir.lower_fun(
        lambda a: [jwnp.maximum(a, 0.0), jwnp.minimum(a, 0.0)], multiple_results=True))
    pos, neg = jax.jit(split_p.bind)(np.array([-1.0, 2.0], np.float32))
    np.testing.assert_array_equal(pos, [0.0, 2.0])
    np.testing.assert_array_equal(neg, [-1.0, 0.0])
    # The builder hands back one variable per result of such a primitive.
    b = core.JaxprBuilder()
    pos_v, neg_v = b.add(split_p, b.arg((2,), np.float32))
    swapped = core.jaxpr_as_fun(b.build(neg_v, pos_v))
    neg, pos = jax.jit(swapped)(np.array([-1.0, 2.0], np.float32))
    np.testing.assert_array_equal(pos, [0.0, 2.0])
    np.testing.assert_array_equal(neg, [-1.0, 0.0])


# --- rule helpers on user primitives ----------------------------------------------

def _prims():
    return core.primitives


def _user_hypot():
    """An elementwise binary primitive: hypot(x, y) = sqrt(x*x + y*y)."""
    pr = _prims()
    hypot_p = core.Primitive("user_hypot")
    hypot_p.def_abstract_eval(lambda x, y: core.ShapedArray(x.shape, x.dtype))
    mlir.register_lowering_fun(hypot_p, lambda x, y: jwnp.sqrt(jwnp.add(jwnp.multiply(x, x),
                                                                        jwnp.multiply(y, y))))
    # JVP rules of the "elementwise" shape: one per operand, given the output.
    ad.defjvp2(hypot_p,
               lambda t, ans, x, y: pr.mul_p.bind(t, pr.div_p.bind(x, ans)),
               lambda t, ans, x, y: pr.mul_p.bind(t, pr.div_p.bind(y, ans)))
    batching.defbroadcasting(hypot_p)
    return hypot_p


def _user_rowsum():
    """A linear reduction primitive over ``axes``, with transpose and batching."""
    pr = _prims()
    rowsum_p = core.Primitive("user_rowsum")

    def abstract(x, *, axes):
        return core.ShapedArray(tuple(d for i, d in enumerate(x.shape) if i not in axes),
                                x.dtype)

    rowsum_p.def_abstract_eval(abstract)
    mlir.register_lowering_fun(rowsum_p, lambda x, *, axes: jwnp.sum(x, axis=axes))

    def transpose(ct, x, *, axes):
        # x is an ad.UndefinedPrimal (only its type is known).
        shape = x.aval.shape
        kept = tuple(i for i in range(len(shape)) if i not in axes)
        return [pr.broadcast_in_dim_p.bind(ct, shape=shape, broadcast_dimensions=kept)]

    ad.deflinear(rowsum_p, transpose)
    batching.defreducer(rowsum_p, "axes")
    return rowsum_p


def test_elementwise_rule_helpers_on_user_primitive():
    hypot_p = _user_hypot()
    rng = np.random.RandomState(0)
    x, y = rng.rand(2, 3, 4) + 0.5
    np.testing.assert_allclose(jax.jit(hypot_p.bind)(x.astype(np.float32), y.astype(np.float32)),
                               np.hypot(x, y), rtol=1e-6)
    with jax.enable_x64(True):
        # vmap with the batch axis in different places, and one operand unbatched.
        out = jax.vmap(hypot_p.bind, in_axes=(1, None))(x, y[:, 0])
        np.testing.assert_allclose(out, np.hypot(x, y[:, :1]).T)
        out = jax.vmap(hypot_p.bind, in_axes=(0, 1), out_axes=1)(x, y.T)
        np.testing.assert_allclose(out, np.hypot(x, y).T)
        check_grads(hypot_p.bind, (x, y), order=2, modes=("fwd", "rev"))
        check_grads(jax.jit(hypot_p.bind), (x, y), order=1, modes=("rev",))
        check_grads(jax.vmap(hypot_p.bind), (x, y), order=1, modes=("fwd", "rev"))


def test_reduction_rule_helpers_on_user_primitive():
    rowsum_p = _user_rowsum()
    x = np.random.RandomState(1).rand(2, 3, 4)
    f = lambda a: rowsum_p.bind(a, axes=(1,))
    np.testing.assert_allclose(jax.jit(f)(x.astype(np.float32)), x.sum(1), rtol=1e-6)
    with jax.enable_x64(True):
        for in_axis in (0, 1, 2):
            out = jax.vmap(f, in_axes=in_axis)(x)
            np.testing.assert_allclose(out, np.moveaxis(x, in_axis, 0).sum(2))
        check_grads(f, (x,), order=2, modes=("fwd", "rev"))
        check_grads(jax.vmap(f), (x,), order=1, modes=("rev",))
        g = jax.grad(lambda a: jwnp.sum(jwnp.sin(f(a))))(x)
        np.testing.assert_allclose(g, np.broadcast_to(np.cos(x.sum(1))[:, None], x.shape))


def test_bilinear_and_zero_derivative_helpers():
    pr = _prims()
    # x * y as a user primitive: bilinear, so the JVP and transpose follow.
    mul_p = core.Primitive("user_bilinear_mul")
    mul_p.def_abstract_eval(lambda x, y: core.ShapedArray(x.shape, x.dtype))
    mlir.register_lowering(mul_p, lambda ctx, x, y: [mlir.hlo.multiply(x, y)])
    ad.defbilinear(mul_p, lambda ct, x, y: pr.mul_p.bind(ct, y),
                   lambda ct, x, y: pr.mul_p.bind(x, ct))
    batching.defbroadcasting(mul_p)
    # floor: piecewise constant, a zero derivative.
    floor_p = core.Primitive("user_floor")
    floor_p.def_abstract_eval(lambda x: core.ShapedArray(x.shape, x.dtype))
    mlir.register_lowering(floor_p, lambda ctx, x: [mlir.hlo.floor(x)])
    ad.defjvp_zero(floor_p)
    batching.defvectorized(floor_p)
    assert ad.has_jvp(mul_p) and ad.has_transpose(mul_p) and not ad.has_transpose(floor_p)
    with jax.enable_x64(True):
        x, y = np.random.RandomState(3).rand(2, 5)
        check_grads(mul_p.bind, (x, y), order=2, modes=("fwd", "rev"))
        check_grads(jax.vmap(mul_p.bind, in_axes=(0, None)), (x.reshape(5, 1), y[:1]),
                    order=1, modes=("rev",))
        g = jax.grad(lambda a: jwnp.sum(jwnp.add(floor_p.bind(a), a)))(x * 4)
        np.testing.assert_array_equal(g, np.ones(5))
        np.testing.assert_array_equal(jax.jit(jax.vmap(floor_p.bind))(x * 4), np.floor(x * 4))


def test_batch_at_front_and_sequential_rules():
    # Normalise each row (last axis) by its sum: leading axes are independent rows.
    rownorm_p = core.Primitive("user_rownorm")
    rownorm_p.def_abstract_eval(lambda x: core.ShapedArray(x.shape, x.dtype))
    mlir.register_lowering_fun(
        rownorm_p, lambda x: jwnp.divide(x, jwnp.sum(x, axis=-1, keepdims=True)))
    batching.defbatch_at_front(rownorm_p)
    x = np.random.RandomState(2).rand(3, 4, 5).astype(np.float32)
    ref = x / x.sum(-1, keepdims=True)
    np.testing.assert_allclose(jax.vmap(rownorm_p.bind, in_axes=1, out_axes=1)(x), ref,
                               rtol=1e-6)
    seq_p = core.Primitive("user_rownorm_seq")
    seq_p.def_abstract_eval(lambda x: core.ShapedArray(x.shape, x.dtype))
    mlir.register_lowering_fun(seq_p, lambda x: jwnp.divide(x, jwnp.sum(x, axis=-1,
                                                                         keepdims=True)))
    batching.defsequential(seq_p)
    np.testing.assert_allclose(jax.vmap(seq_p.bind, in_axes=2, out_axes=2)(
        np.moveaxis(x, 0, 2)), np.moveaxis(ref, 0, 2), rtol=1e-6)
    assert "scan" in core.primitives_used(core.make_jaxpr(jax.vmap(seq_p.bind))(x))


# --- jaxpr tools ------------------------------------------------------------------

def _built_jaxpr():
    """(x:f32[3], s:f32[]) -> (x*x + ones) * bcast(2s), 2s  built by hand."""
    pr = _prims()
    b = core.JaxprBuilder()
    x = b.arg(core.ShapedArray((3,), np.float32))
    s = b.arg((), np.float32)
    y = b.add(pr.mul_p, x, x)
    z = b.add(pr.add_p, y, b.const(np.ones(3, np.float32)))
    s2 = b.add(pr.mul_p, s, 2.0)       # a Python scalar becomes a literal
    w = b.add(pr.mul_p, z, b.add(pr.broadcast_in_dim_p, s2, shape=(3,), broadcast_dimensions=()))
    return b.build(w, s2)


def test_jaxpr_builder_runs_eagerly_under_jit_and_grad():
    cj = _built_jaxpr()
    assert isinstance(cj, core.ClosedJaxpr)
    core.check_jaxpr(cj)
    text = core.pp_jaxpr(cj)
    assert "mul" in text and "broadcast_in_dim" in text and "2.0" in text
    x = np.arange(3.0, dtype=np.float32)
    s = np.float32(1.5)
    want = ((x * x + 1) * 3.0, 3.0)
    f = core.jaxpr_as_fun(cj)
    for run in (f, jax.jit(f)):
        out = run(x, s)
        np.testing.assert_allclose(out[0], want[0])
        np.testing.assert_allclose(out[1], want[1])
    out = core.eval_jaxpr(cj.jaxpr, cj.consts, x, s)
    np.testing.assert_allclose(out[0], want[0])
    g = jax.grad(lambda a: jnp.sum(f(a, s)[0]))(x)
    np.testing.assert_allclose(g, 2 * x * 3.0)
    check_grads(lambda a, t: f(a, t)[0], (x, s), order=1, modes=("fwd", "rev"),
                atol=1e-2, rtol=1e-2)   # float32: the jaxpr is typed f32
    np.testing.assert_allclose(jax.vmap(lambda a: f(a, s)[0])(np.stack([x, x]))[1], want[0])
    # A built (or staged) jaxpr can be inlined into another, any number of times.
    b = core.JaxprBuilder()
    a = b.arg((3,), np.float32)
    once = b.inline(cj, a, np.float32(1.0))
    twice = b.inline(cj, once[0], once[1])
    staged = core.make_jaxpr(lambda v: jwnp.sin(v))(x)
    (sined,) = b.inline(staged, twice[0])
    composed = b.build(sined)
    core.check_jaxpr(composed)
    step = lambda v, t: (v * v + 1) * (2 * t)
    want_twice = step(step(x, 1.0), 2.0)
    np.testing.assert_allclose(jax.jit(core.jaxpr_as_fun(composed))(x)[0], np.sin(want_twice),
                               rtol=1e-5)
    # The builder checks each equation as it is added.
    b = core.JaxprBuilder()
    a = b.arg((3,), np.float32)
    with pytest.raises(TypeError, match=r"JaxprBuilder.add: 'add' cannot be applied"):
        b.add(_prims().add_p, a, b.arg((4,), np.float32))
    with pytest.raises(ValueError, match="literals are scalars"):
        b.literal(np.ones(2))


def _eqn(prim, ins, outs, **params):
    return core.new_jaxpr_eqn(ins, outs, prim, params, core.no_effects)


def test_check_jaxpr_points_at_the_bad_equation():
    pr = _prims()
    f32 = lambda *shape: core.ShapedArray(shape, np.float32)
    a, b, c, d = (core.new_var(f32(3)) for _ in range(4))
    bad = core.new_var(f32(4))
    # Wrong declared output type in equation 1.
    jaxpr = core.new_jaxpr([], [a], [bad], [_eqn(pr.sin_p, [a], [b]),
                                            _eqn(pr.add_p, [b, b], [bad])])
    with pytest.raises(core.JaxprTypeError) as info:
        core.check_jaxpr(jaxpr)
    msg = str(info.value)
    assert "equation 1:" in msg and "declared f32[4]" in msg and "gives f32[3]" in msg
    assert "equation: b:f32[4] = add a a" in msg.replace("c:f32[4] = add b b",
                                                         "b:f32[4] = add a a")
    assert info.value.path == (1,) and info.value.eqn is jaxpr.eqns[1]
    # An input used before it is defined.
    jaxpr = core.new_jaxpr([], [a], [d], [_eqn(pr.add_p, [a, c], [d]), _eqn(pr.sin_p, [a], [c])])
    with pytest.raises(core.JaxprCheckError, match=r"equation 0: input 1 of 'add' is used "
                                                   r"before it is defined"):
        core.check_jaxpr(jaxpr)
    # Inputs the primitive rejects (dtype mismatch).
    i = core.new_var(core.ShapedArray((3,), np.int32))
    jaxpr = core.new_jaxpr([], [a, i], [b], [_eqn(pr.add_p, [a, i], [b])])
    with pytest.raises(core.JaxprCheckError, match=r"equation 0: 'add' rejects inputs "
                                                   r"\(f32\[3\], i32\[3\]\)"):
        core.check_jaxpr(jaxpr)
    # A variable bound twice, and an output never defined.
    jaxpr = core.new_jaxpr([], [a], [b], [_eqn(pr.sin_p, [a], [b]), _eqn(pr.cos_p, [a], [b])])
    with pytest.raises(core.JaxprCheckError, match="equation 1: an output variable is "
                                                   "defined a second time"):
        core.check_jaxpr(jaxpr)
    with pytest.raises(core.JaxprCheckError, match="output 0 is never defined"):
        core.check_jaxpr(core.new_jaxpr([], [a], [c], []))


def test_check_jaxpr_nested_and_staged():
    # Staged jaxprs of jaxwrap functions (and their transforms) check clean.
    x = np.random.RandomState(0).rand(3, 4).astype(np.float32)
    fns = [lambda a: jwnp.cumsum(a, 1), lambda a: jwnp.einsum("ij,kj->ik", a, a),
           lambda a: jwnp.where(jwnp.greater(a, 0.5), a, 0.0)]
    for f in fns:
        core.check_jaxpr(core.make_jaxpr(f)(x))
        core.check_jaxpr(core.make_jaxpr(jax.grad(lambda a, f=f: jwnp.sum(f(a))))(x))
        core.check_jaxpr(core.make_jaxpr(jax.vmap(f))(np.stack([x, x])))
    # A bad equation inside a loop body is reported with its path.
    pr = _prims()
    cj = core.make_jaxpr(lambda a: jax.lax.fori_loop(0, 2, lambda i, c: jwnp.sin(c), a))(x)
    loop_eqn = cj.jaxpr.eqns[-1]
    body = next(iter(core.subjaxprs(cj)))
    sin_index = next(k for k, e in enumerate(body.eqns) if e.primitive is pr.sin_p)
    sin_eqn = body.eqns[sin_index]
    broken = core.new_var(core.ShapedArray((3, 5), np.float32))
    body.eqns[sin_index] = sin_eqn.replace(outvars=[broken])
    try:
        with pytest.raises(core.JaxprCheckError) as info:
            core.check_jaxpr(cj)
        outer = cj.jaxpr.eqns.index(loop_eqn)
        assert info.value.path == (outer, sin_index)
        assert f"equation {outer} > equation {sin_index}: output 0 is declared f32[3,5]" \
            in str(info.value)
        assert "= sin " in str(info.value)
    finally:
        body.eqns[sin_index] = sin_eqn


def test_sharding_rule_in_either_order():
    from jax.sharding import AxisType, NamedSharding, PartitionSpec
    mesh = jax.make_mesh((1,), ("x",), axis_types=(AxisType.Explicit,))
    prims = []
    for first in ("sharding", "abstract"):
        p = core.Primitive(f"user_ident_{first}_first")
        rules = [(p.def_sharding_rule, core.sharding_rules.like_operand(0)),
                 (p.def_abstract_eval, lambda a: core.ShapedArray(a.shape, a.dtype))]
        for register, rule in (rules if first == "sharding" else rules[::-1]):
            register(rule)
        mlir.register_lowering(p, lambda ctx, a: [a])
        prims.append(p)
    plain = _neg_or_exp_prim("user_no_sharding_rule")
    seen = []
    with jax.set_mesh(mesh):
        v = jax.device_put(np.ones((4, 2), np.float32), NamedSharding(mesh, PartitionSpec("x")))
        for p in prims + [plain]:
            jax.jit(lambda a, p=p: seen.append(str(jax.typeof(p.bind(a)))) or a)(v)
    assert seen == ["float32[4@x,2]", "float32[4@x,2]", "float32[4,2]"]
    # Without a mesh the rule is not consulted.
    assert jax.jit(prims[0].bind)(np.ones(3, np.float32)).shape == (3,)


def test_aval_helpers():
    a = core.ShapedArray((3, 4), np.float32)
    assert core.mapped_aval(3, 0, a) == core.ShapedArray((4,), np.float32)
    assert core.unmapped_aval(5, 1, a) == core.ShapedArray((3, 5, 4), np.float32)
    assert core.primal_dtype_to_tangent_dtype(np.dtype(np.float32)) == np.float32
    assert core.primal_dtype_to_tangent_dtype(np.dtype(np.int32)) == jax.dtypes.float0
    assert core.get_aval(np.ones((2,), np.int32)).shape == (2,)


def test_walk_and_interpret():
    x = np.random.RandomState(0).rand(3).astype(np.float32)
    f = lambda a: jax.lax.fori_loop(0, 3, lambda i, c: jwnp.sin(c), jwnp.cos(a))
    cj = core.make_jaxpr(f)(x)
    jaxprs = list(core.walk_jaxprs(cj))
    assert len(jaxprs) == 2 and jaxprs[0] is cj.jaxpr
    names = [e.primitive.name for e in core.walk_eqns(cj)]
    assert "cos" in names and "sin" in names
    assert {"sin", "cos"} <= core.primitives_used(cj)
    # An interpreter that swaps cos for sin at the top level.
    pr = _prims()

    def swap(eqn, invals):
        if eqn.primitive is pr.cos_p:
            return pr.sin_p.bind(*invals)
        return NotImplemented

    out = core.interpret(cj, (), (x,), swap)
    np.testing.assert_allclose(out[0], np.sin(np.sin(np.sin(np.sin(x)))), rtol=1e-6)
    out = jax.jit(lambda a: core.interpret(cj, (), (a,), swap))(x)
    np.testing.assert_allclose(out[0], np.sin(np.sin(np.sin(np.sin(x)))), rtol=1e-6)
    np.testing.assert_allclose(core.interpret(cj, (), (x,))[0], f(x), rtol=1e-6)
    assert core.pp_eqn(cj.jaxpr.eqns[0], cj).endswith("= cos a")
    assert "= cos a" in core.pp_jaxpr(cj)
    assert " = cos " in core.pp_eqn(cj.jaxpr.eqns[0])
    with pytest.raises(TypeError, match="jaxpr_as_fun"):
        core.eval_jaxpr(cj, (), x)


# --- the package and backend helpers ----------------------------------------------

def test_package_layout_and_backend():
    for name in ("core", "interpreters", "ffi", "sharding", "backend", "random"):
        assert name in dir(jaxwrap_extend) and getattr(jaxwrap_extend, name) is not None
    from jaxwrap_extend import backend
    assert backend.default_backend() == jax.default_backend()
    assert set(backend.backends()) >= {jax.default_backend()}
    client = backend.get_backend()
    assert client.platform == jax.default_backend()
    assert backend.get_backend("cpu").platform == "cpu"
    assert backend.devices() == jax.devices()
    assert backend.get_default_device() == jax.devices()[0]
    assert isinstance(backend.platform_version(), str)
    assert backend.get_compile_options(1, 1) is not None
    backend.clear_in_memory_compilation_cache()
    f = jax.jit(lambda a: jwnp.add(a, 1.0))
    assert f(np.float32(1)) == 2.0
    backend.clear_backends()
    assert f(np.float32(2)) == 3.0     # clients come back on the next call


# --- inline_jit: jit(inline=True) with a cached jaxpr under tracing -------------------
def _plain_and_inline(fun, static=()):
    return (jax.jit(fun, static_argnames=static, inline=True),
            core.inline_jit(fun, static_argnames=static))


def test_inline_jit_stages_the_jaxpr_jit_inlining_gives():
    def f(x, n, *, scale=1.0, pair=None):
        y = jwnp.multiply(jwnp.power(x, n), scale)
        if pair is not None:
            y = jwnp.add(y, jwnp.subtract(pair[0], pair[1]))
        return {"y": y, "s": jwnp.sum(y)}

    plain, fast = _plain_and_inline(f, ("n",))
    x = jnp.arange(4.0)
    calls = [
        lambda g, x: g(x, 3),
        lambda g, x: g(x, n=2, scale=0.5),
        lambda g, x: g(x, 2, pair=(x, np.ones(4, np.float32))),
        lambda g, x: g(x, 2, scale=np.float32(2), pair=[1.5, 2]),
        lambda g, x: g(jwnp.astype(x, jnp.int32), 2, scale=2),
    ]
    for c in calls:
        want = jax.make_jaxpr(lambda x: c(plain, x))(x)
        got = jax.make_jaxpr(lambda x: c(fast, x))(x)
        assert str(got) == str(want)
        assert jax.tree.map(lambda a: (a.dtype, a.weak_type, a.shape),
                            jax.eval_shape(lambda x: c(fast, x), x)) == \
            jax.tree.map(lambda a: (a.dtype, a.weak_type, a.shape),
                         jax.eval_shape(lambda x: c(plain, x), x))
        np.testing.assert_array_equal(jax.jit(lambda x: c(fast, x)["y"])(x), c(plain, x)["y"])


def test_inline_jit_caches_per_abstract_signature():
    traces = []

    def f(x, k):
        traces.append((x.dtype, k))
        return jwnp.add(x, k)

    fast = core.inline_jit(f, static_argnames=("k",))
    g = jax.jit(lambda x: fast(fast(x, 1), 1))
    g(jnp.ones(3))
    assert traces == [(jnp.float32, 1)]              # the second call reuses the jaxpr
    jax.jit(lambda x: fast(x, 2))(jnp.ones(3))        # new static value: traced again
    jax.jit(lambda x: fast(x, 2))(jnp.ones(3, jnp.int32))   # new dtype: again
    assert traces[1:] == [(jnp.float32, 2), (jnp.int32, 2)]
    with jax.enable_x64(True):                       # config is part of the key
        out = jax.jit(lambda x: fast(x, 2))(np.ones(3))
    assert out.dtype == np.float64 and traces[-1] == (jnp.float64, 2)


def test_inline_jit_outside_staging_is_jit():
    # eager, grad and vmap of concrete values take jax.jit's own path: same values
    def f(x, n):
        return jwnp.sum(jwnp.power(x, n))

    plain, fast = _plain_and_inline(f, ("n",))
    x = jnp.linspace(0.5, 2.0, 5)
    assert fast(x, 3) == plain(x, 3)
    np.testing.assert_array_equal(jax.grad(fast)(x, 3), jax.grad(plain)(x, 3))
    np.testing.assert_array_equal(jax.vmap(fast, (0, None))(x[:, None], 2),
                                  jax.vmap(plain, (0, None))(x[:, None], 2))
    np.testing.assert_array_equal(jax.jit(jax.grad(fast), static_argnums=1)(x, 3),
                                  jax.grad(plain)(x, 3))
    with jax.disable_jit():
        assert fast(x, 2) == plain(x, 2)
    assert fast.jitted is not None


def test_inline_jit_closures_and_errors():
    fast = core.inline_jit(lambda x, y: jwnp.multiply(x, y))

    @jax.jit
    def outer(x):
        # an outer tracer captured by an inner trace becomes a constant of it
        return jax.jit(lambda y: fast(x, y))(jwnp.add(x, 1.0))

    np.testing.assert_array_equal(outer(jnp.arange(3.0)), jnp.arange(3.0) * (jnp.arange(3.0) + 1))
    with pytest.raises(TypeError, match="called with a non-array argument"):  # jit's own error
        jax.jit(lambda x: fast(x, "a"))(jnp.ones(2))
    with pytest.raises(ValueError, match="hashable"):
        staticf = core.inline_jit(lambda x, s: x, static_argnames=("s",))
        jax.jit(lambda x: staticf(x, s=np.ones(2)))(jnp.ones(2))
