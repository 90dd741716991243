"""The call path of ``@public`` functions (issue 15).

* Eager calls of a function without static arguments are jax's C++ jit dispatch
  itself (no Python frame of ours in front), with compiled executables shared
  with the plain ``jax.jit`` object; under a staging trace the cached jaxpr is
  inlined as before; grad / vmap / disable_jit take jit's own paths.
* A call compiles once per distinct call, not once per call *form*: static
  positionals and keywords, and a default spelled out, share one executable.
* Errors keep naming the function on every path.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
import pytest

import jaxwrap.numpy as jwnp
import jaxwrap.scipy.special as jwsp
from jaxwrap._src.numpy._util import public

_PJIT = type(jax.jit(lambda x: x))


def test_unary_is_jits_own_dispatch_object():
    assert type(jwnp.sin) is _PJIT and type(jwnp.exp) is _PJIT
    assert jwnp.sin.__name__ == "sin" and jwnp.sin.__module__ == "jaxwrap.numpy"
    x = jnp.linspace(-1.0, 1.0, 5, dtype=jnp.float32)
    before = jwnp.sin.jitted._cache_size()
    jwnp.sin(x)
    jwnp.sin(x)
    # one executable for this signature, shared with the plain jit object
    assert jwnp.sin._cache_size() == jwnp.sin.jitted._cache_size() <= before + 1


def test_every_path_gives_jits_values_and_jaxpr():
    x = jnp.linspace(0.5, 2.0, 6, dtype=jnp.float32).reshape(2, 3)
    np.testing.assert_array_equal(jwnp.sin(x), jnp.sin(x))
    # staging: the inlined jaxpr, one primitive equation, no pjit
    assert str(jax.make_jaxpr(jwnp.sin)(x)) == str(jax.make_jaxpr(jnp.sin)(x))
    # concrete values inside a staging trace are staged too (not run eagerly)
    jaxpr = jax.make_jaxpr(lambda v: jwnp.add(v, jwnp.exp(np.float32(1))))(x)
    assert [e.primitive.name for e in jaxpr.eqns] == ["exp", "add"]
    np.testing.assert_allclose(jax.grad(lambda v: jwnp.sum(jwnp.sin(v)))(x), jnp.cos(x),
                               rtol=1e-6)
    np.testing.assert_array_equal(jax.vmap(jwnp.log)(x), jnp.log(x))
    with jax.disable_jit():
        np.testing.assert_allclose(jwnp.sqrt(x), jnp.sqrt(x), rtol=1e-6)


def _counted():
    traces = []

    @public(static=("n", "flag", "mode"))
    def counted(x, n, flag=False, mode="a", *, scale=None):
        traces.append((n, flag, mode, scale))
        return jwnp.multiply(x, n)
    return counted, traces


def test_one_compile_per_call_not_per_call_form():
    f, traces = _counted()
    x = jnp.ones(3, jnp.float32)
    forms = [lambda: f(x, 2), lambda: f(x, 2, False), lambda: f(x, n=2),
             lambda: f(x, 2, flag=False), lambda: f(x, flag=False, n=2),
             lambda: f(x, 2, False, "a"), lambda: f(x, n=2, mode="a", flag=False),
             lambda: f(x, np.int32(2)), lambda: f(x, jnp.asarray(2))]
    for form in forms:
        np.testing.assert_array_equal(form(), np.full(3, 2.0, np.float32))
    assert len(traces) == 1 and f.jitted._cache_size() == 1
    # a different value, or a value of another type than the default, is a new call
    f(x, 2, True)
    f(x, 2, 0)
    f(x, 2, mode="b")
    assert [t[1:3] for t in traces[1:]] == [(True, "a"), (0, "a"), (False, "b")]
    # keyword-only and dynamic arguments are left as they are
    f(x, 2, scale=1.0)
    assert len(traces) == 5
    # the same canonical forms share the inlined jaxpr under staging too
    jaxprs = {str(jax.make_jaxpr(lambda v, c=c: c(v))(x))
              for c in (lambda v: f(v, 3), lambda v: f(v, n=3, flag=False))}
    assert len(jaxprs) == 1


def test_keywords_become_positional_statics():
    """The canonical call is positional (jit's fastest dispatch): keywords go into their
    slots, a slot before them filled with its default where that is the same argument
    (a static one, or None); after a dynamic slot with another default they stay
    keywords."""
    traces = []

    @public(static=("n", "flag", "mode"))
    def g(x, n, w=None, flag=False, scale=2.0, mode=0):
        traces.append((n, w is None, flag, mode))
        y = jwnp.multiply(x, n) if w is None else jwnp.add(x, w)
        return jwnp.negative(y) if flag else y

    x, w = jnp.ones(3, jnp.float32), jnp.full(3, 4.0, jnp.float32)
    for form in (lambda: g(x, 2, flag=True), lambda: g(x, n=2, flag=True),
                 lambda: g(x, flag=True, n=2), lambda: g(x, 2, None, True)):
        np.testing.assert_array_equal(form(), np.full(3, -2.0, np.float32))
    assert len(traces) == 1
    # the form they share is the positional one: the front-less entry hits its cache
    g.canonical(x, 2, None, True)
    assert len(traces) == 1
    for form in (lambda: g(x, 2, w), lambda: g(x, 2, w=w), lambda: g(x, n=2, w=w, flag=False)):
        np.testing.assert_array_equal(form(), np.full(3, 5.0, np.float32))
    assert len(traces) == 2
    # scale has a dynamic default other than None: mode stays a keyword after it
    np.testing.assert_array_equal(g(x, 2, mode=1), np.full(3, 2.0, np.float32))
    np.testing.assert_array_equal(g(x, n=2, mode=1), np.full(3, 2.0, np.float32))
    assert len(traces) == 3 and traces[-1] == (2, True, False, 1)
    g(x, 2)
    g(x, 2, mode=0)                       # static keywords equal to their defaults:
    g(x, n=2, flag=False, mode=0)         # left out
    assert len(traces) == 4


def test_spherical_jn_compiles_once_for_its_three_call_forms():
    n, z = jnp.asarray([0, 1, 2]), jnp.asarray([0.5, 1.0, 2.0], jnp.float32)
    jn = jwsp.spherical_jn
    jn.jitted.clear_cache()
    outs = [jn(n, z), jn(n, z, False), jn(n, z, derivative=False)]
    for o in outs[1:]:
        np.testing.assert_array_equal(o, outs[0])
    assert jn.jitted._cache_size() == 1
    jn(n, z, True)
    assert jn.jitted._cache_size() == 2


def test_call_form_errors_are_pythons():
    f, _ = _counted()
    x = jnp.ones(3)
    with pytest.raises(TypeError, match="multiple values for argument 'n'"):
        f(x, 2, n=2)
    with pytest.raises(ValueError, match=r"counted\(\): Non-hashable static"):
        f(x, 2, mode={"a": 1})


@public
def _fails(x):
    if x.ndim != 1:
        raise ValueError("expected a vector")
    return jwnp.negative(x)


@pytest.mark.parametrize("path", ["eager", "jit", "make_jaxpr", "grad", "vmap", "nojit"])
def test_errors_name_the_function_on_every_path(path):
    m = jnp.ones((2, 2))
    run = {"eager": lambda: _fails(m), "jit": lambda: jax.jit(_fails)(m),
           "make_jaxpr": lambda: jax.make_jaxpr(_fails)(m),
           "grad": lambda: jax.grad(lambda v: jwnp.sum(_fails(v)))(m),
           "vmap": lambda: jax.vmap(_fails)(jnp.ones((2, 2, 2))),
           "nojit": lambda: _fails(m)}[path]
    if path == "nojit":
        with jax.disable_jit(), pytest.raises(ValueError, match=r"^fails\(\): expected"):
            run()
    else:
        with pytest.raises(ValueError, match=r"^fails\(\): expected a vector"):
            run()


def test_jits_own_argument_errors_name_the_function():
    # raised by jit's argument parsing on a cache miss, outside the function itself
    with pytest.raises(OverflowError, match=r"^exp\(\): "):
        jwnp.exp(2 ** 100)
    with pytest.raises(OverflowError, match=r"^stdtr\(\): "):
        jwsp.stdtr(2 ** 40, 1.0)
