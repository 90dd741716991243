"""``python -m jaxwrap demo``: a tour of jaxwrap -- numpy-style code on XLA,
transformations, scipy.special / scipy.stats, a custom primitive, and the scope
manifest.

``examples/quickstart.py`` runs this same tour from a checkout.
"""

from __future__ import annotations

import jax
import numpy as np

import jaxwrap
import jaxwrap.numpy as jwnp
from jaxwrap import scope
from jaxwrap_extend import core
from jaxwrap_extend.interpreters import ad, batching, mlir


def section(title):
    print(f"\n== {title} ==")


def least_squares_fit():
    """Fit y = a*sin(x) + b*x**2 + c to noisy data with jaxwrap alone: noise
    from jaxwrap.random (bit-exact with jax.random), the fit by
    jaxwrap.numpy.linalg.lstsq, robust residual statistics by sorting."""
    section("drop-in numpy-style code")
    import jaxwrap.random as jwr

    key = jwr.key(0)
    x = jwnp.linspace(-3.0, 3.0, 200)
    clean = jwnp.add(jwnp.subtract(jwnp.multiply(1.5, jwnp.sin(x)),
                                   jwnp.multiply(0.3, jwnp.square(x))), 2.0)
    noise = jwnp.multiply(0.05, jwr.normal(key, x.shape))
    y = jwnp.add(clean, noise)
    design = jwnp.stack([jwnp.sin(x), jwnp.square(x), jwnp.ones_like(x)], axis=1)
    coef, *_ = jwnp.linalg.lstsq(design, y)
    print("fitted coefficients:", np.round(np.asarray(coef), 3), "(expected [1.5, -0.3, 2.0])")
    assert np.allclose(coef, [1.5, -0.3, 2.0], atol=2e-2)
    ref, *_ = np.linalg.lstsq(np.asarray(design, np.float64), np.asarray(y, np.float64), rcond=None)
    print("numpy on the same data:", np.round(ref, 3))
    resid = jwnp.abs(jwnp.subtract(y, jwnp.matmul(design, coef)))
    q50, q90 = np.asarray(jwnp.quantile(resid, jwnp.asarray([0.5, 0.9])))
    print(f"|residual| median {q50:.4f}, 90th percentile {q90:.4f}")
    worst = jwnp.argsort(resid, descending=True)[:3]
    print("largest residuals at x =", np.round(np.asarray(jwnp.take(x, worst)), 3))
    print("result type:", type(coef).__name__, coef.dtype, "-- a plain jax.Array")


def transformations():
    section("jax.jit / jax.grad / jax.vmap over jaxwrap functions")

    def loss(w, x):
        pred = jwnp.tanh(jwnp.matmul(x, w))
        return jwnp.mean(jwnp.square(jwnp.subtract(pred, 0.5)))

    w = jwnp.full((3,), 0.1)
    x = jwnp.reshape(jwnp.arange(12.0), (4, 3))
    g = jax.jit(jax.grad(loss))(w, x)
    print("grad of loss:", np.asarray(g))
    batched = jax.vmap(loss, in_axes=(None, 0))(w, jwnp.stack([x, jwnp.multiply(x, 0.5)]))
    print("vmapped loss over 2 batches:", np.asarray(batched))
    jaxpr = jax.make_jaxpr(loss)(w, x)
    prims = sorted(core.primitives_used(jaxpr))
    print("primitives in the jaxpr (all jaxwrap's own):", ", ".join(prims))


def special_and_stats():
    section("scipy.special and scipy.stats: tails in log space, derivatives in shape parameters")
    from jaxwrap.scipy import special
    from jaxwrap.scipy.stats import gamma, norm
    # float32 (jax's default): right to float32's precision, where naive log(cdf) is -inf
    print(f"norm.logcdf(-40) = {float(norm.logcdf(-40.0)):.7g} (float32; exact -804.60844201)")
    a, x = 3.5, jwnp.linspace(0.5, 8.0, 4)
    da = jax.vmap(jax.grad(lambda a_, x_: special.gammainc(a_, x_)), (None, 0))(a, x)
    print("d/da gammainc(3.5, x):", np.round(np.asarray(da), 5))
    print("gamma.logsf(2000, a=30):", float(gamma.logsf(2000.0, 30.0)))
    print("log_ndtr(-20) =", float(special.log_ndtr(-20.0)), " logsumexp([0, -800]) =",
          float(special.logsumexp(jwnp.array([0.0, -800.0]))))


def custom_primitive():
    section("a custom primitive with jaxwrap_extend")
    from jaxwrap_extend._prims import elementwise as ew

    softplus_p = core.Primitive("demo_softplus")
    softplus_p.def_abstract_eval(lambda x: core.ShapedArray(x.shape, x.dtype))

    def lowering(ctx, x):
        # log(1 + exp(x)) in StableHLO: log1p(exp(x))
        return [mlir.hlo.log_plus_one(mlir.hlo.exponential(x))]

    mlir.register_lowering(softplus_p, lowering)
    ad.defjvp(softplus_p, lambda t, x: ew.mul(t, ew.logistic(x)))
    batching.defvectorized(softplus_p)

    x = jwnp.linspace(-2.0, 2.0, 5)
    print("softplus(x):       ", np.asarray(softplus_p.bind(x)))
    print("d/dx softplus(x):  ", np.asarray(jax.vmap(jax.grad(softplus_p.bind))(x)))
    print("jit:               ", np.asarray(jax.jit(softplus_p.bind)(x)))


def scope_query():
    section("what is in scope?")
    for name in ("numpy.einsum", "scipy.optimize.minimize", "numpy.random.normal"):
        e = scope.lookup(name)
        print(f"{name:28s} {e.status:13s} {e.alternative or ''}")
    cov = scope.coverage("numpy")
    print("numpy main namespace:", cov)
    try:
        import jaxwrap.scipy.optimize  # noqa: F401
    except ModuleNotFoundError as err:
        print("import jaxwrap.scipy.optimize ->", str(err)[:160] + "...")


def main() -> int:
    print(f"jaxwrap {jaxwrap.__version__} on jax {jax.__version__}, "
          f"backend {jax.default_backend()}")
    least_squares_fit()
    transformations()
    special_and_stats()
    custom_primitive()
    scope_query()
    print("\ndemo finished")
    return 0

