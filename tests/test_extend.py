"""jaxwrap_extend end to end: the seed's mul_add example, missing-rule errors,
eager compile-by-default, the rule registries."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
import pytest

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
    check_grads(cube_p.bind, (x,), order=1, modes=("fwd",))


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
