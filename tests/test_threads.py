"""Thread safety: public functions, a custom primitive's first compile and the
scope manifest's lazy loading, called from 8 threads at once.

Shared state exercised: jax's and jaxwrap's primitive registries and lowering
tables (read while other threads trace and compile), the self-compiling
Primitive's per-shape executable cache (first compiles race), the manifest's
``functools.cache`` (dropped, then rebuilt from several threads), and the dtype
promotion tables (``lru_cache``).  Every result must equal the single-threaded
one bit for bit (same executable, same inputs), no thread may raise, and every
join is bounded so that a deadlock fails instead of hanging.
"""

import itertools
import threading

import jax
import numpy as np

import jaxwrap.numpy as jnp
import jaxwrap.random as jrandom
import jaxwrap.scipy.linalg as jsl
from jaxwrap import scope
from jaxwrap_extend import core
from jaxwrap_extend.interpreters import mlir

N_THREADS = 8
ROUNDS = 3
JOIN_TIMEOUT_S = 240   # generous for a loaded 2-core CI machine; a deadlock never ends

_counter = itertools.count()


def _fresh_primitive():
    """A new self-compiling primitive (no def_impl): every shape's first eager call
    compiles it, so the threads race on that compile."""
    p = core.Primitive(f"thread_test_mul_add_{next(_counter)}")
    p.def_abstract_eval(lambda x, y: core.ShapedArray(x.shape, x.dtype))
    mlir.register_lowering_fun(p, lambda x, y: jnp.add(jnp.multiply(x, y), x))
    return p


def _workload(prim):
    rng = np.random.default_rng(1234)
    # Shapes used nowhere else in the suite, so compiles happen here, concurrently.
    a = rng.standard_normal((7, 7)).astype(np.float32) + 7 * np.eye(7, dtype=np.float32)
    b = rng.standard_normal((7, 3)).astype(np.float32)
    v = rng.standard_normal(41).astype(np.float32)
    iv = rng.integers(-9, 9, 43).astype(np.int32)
    key = jrandom.key(3)
    return [
        ("sum", lambda: jnp.sum(v)),
        ("sort", lambda: jnp.sort(v)),
        ("cumsum", lambda: jnp.cumsum(iv)),
        ("floor_divide", lambda: jnp.floor_divide(iv, np.int32(3) - iv % 7)),
        ("solve", lambda: jnp.linalg.solve(a, b)),
        ("qr", lambda: jsl.qr(a)[1]),
        ("fft", lambda: jnp.fft.fft(v)),
        ("pad", lambda: jnp.pad(v, (2, 3), mode="median")),
        ("median", lambda: jnp.median(a, axis=0)),
        ("normal", lambda: jrandom.normal(key, (5, 3))),
        ("array", lambda: jnp.array([[1, 2, 3], [4, 5, 6]], dtype=np.int16)),
        ("promote", lambda: jnp.add(np.uint8(3), np.int16(-4))),
        ("prim_3", lambda: prim.bind(v[:3], v[3:6])),
        ("prim_5", lambda: prim.bind(v[:5], v[5:10])),
        ("prim_i", lambda: prim.bind(iv[:4], iv[4:8])),
        ("scope", lambda: np.array([scope.is_supported("numpy.sum"),
                                    scope.lookup("numpy.linalg.solve").status == "implemented"])),
    ]


def _run_threads(target):
    barrier = threading.Barrier(N_THREADS)
    errors, results = [], [None] * N_THREADS

    def body(i):
        try:
            barrier.wait(timeout=JOIN_TIMEOUT_S)
            results[i] = target(i)
        except BaseException as e:   # noqa: BLE001 - reported below
            errors.append((i, repr(e)))

    threads = [threading.Thread(target=body, args=(i,), daemon=True) for i in range(N_THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(JOIN_TIMEOUT_S)
    alive = [t.name for t in threads if t.is_alive()]
    assert not alive, f"threads did not finish (deadlock?): {alive}"
    assert not errors, errors
    return results


def _as_numpy(tree):
    return [np.asarray(leaf) for leaf in jax.tree_util.tree_leaves(tree)]


def test_public_functions_from_8_threads():
    # Threaded first: the first compile of every function/shape happens under contention.
    prim = _fresh_primitive()
    work = _workload(prim)
    scope._reload()   # the manifest is rebuilt lazily by whichever thread gets there first

    def target(i):
        order = np.random.default_rng(i).permutation(len(work))
        out = {}
        for _ in range(ROUNDS):
            for k in order:
                name, fn = work[k]
                got = _as_numpy(jax.block_until_ready(fn()))
                if name in out:   # repeated calls within a thread agree too
                    for g, o in zip(got, out[name]):
                        np.testing.assert_array_equal(g, o, err_msg=name)
                out[name] = got
        return out

    results = _run_threads(target)
    # The single-threaded answers, computed afterwards (from the now warm caches) and
    # on a second fresh primitive compiled without contention.
    expected = {name: _as_numpy(fn()) for name, fn in work}
    prim2 = _fresh_primitive()
    for name, fn in _workload(prim2):
        if name.startswith("prim"):
            for g, e in zip(_as_numpy(fn()), expected[name]):
                np.testing.assert_array_equal(g, e, err_msg=name)
    for i, out in enumerate(results):
        assert set(out) == set(expected)
        for name, got in out.items():
            assert len(got) == len(expected[name])
            for g, e in zip(got, expected[name]):
                assert g.dtype == e.dtype, (i, name, g.dtype, e.dtype)
                np.testing.assert_array_equal(g, e, err_msg=f"thread {i}: {name}")


def test_primitive_first_compile_many_shapes():
    # Each thread compiles the same fresh primitive on a shape sequence that overlaps the
    # others', so identical first compiles and distinct ones interleave.
    prim = _fresh_primitive()
    shapes = [(n,) for n in range(1, 2 * N_THREADS + 1)]

    def target(i):
        out = []
        for n, in shapes[i:i + N_THREADS]:
            x = np.arange(n, dtype=np.float32)
            out.append((n, np.asarray(prim.bind(x, x + 1))))
        return out

    for out in _run_threads(target):
        for n, got in out:
            x = np.arange(n, dtype=np.float32)
            np.testing.assert_array_equal(got, x * (x + 1) + x)
