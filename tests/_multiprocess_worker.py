"""One of the two worker processes of tests/test_multiprocess.py.

Run as ``python tests/_multiprocess_worker.py PROCESS_ID PORT OUTDIR`` with
XLA_FLAGS=--xla_force_host_platform_device_count=4 (the parent sets it): it
joins a 2-process jax.distributed cluster on 127.0.0.1:PORT over gloo, builds
a global (4, 2) mesh over the 8 devices (axis "x" spans both processes), runs
every case of ``cases()`` sharded across the processes under jax.jit, gathers
each result to the host and writes them all to OUTDIR/p<PROCESS_ID>.npz, with
OUTDIR/p<PROCESS_ID>.json holding per case whether the output sharding equals
jax.numpy's on the same mesh (Auto axes, then Explicit axes for EXPLICIT), or
the error.  The parent compares the arrays with the single-process results
and between the two processes.

Every process builds the same full numpy inputs from fixed seeds and keeps the
shards its devices hold (``jax.make_array_from_callback``): the global arrays
are the same as the single-process ones.
"""

from __future__ import annotations

import json
import sys
import traceback
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MESH_SHAPE = (4, 2)
AXES = ("x", "y")


def _at(xp, a):
    return a.at if xp.__name__.startswith("jax.numpy") else xp.at(a)


def _spd(xp, a):
    """A well-conditioned SPD batch from a random batch ``a`` of shape (b, n, n)."""
    return xp.add(xp.matmul(a, xp.swapaxes(a, -1, -2)), xp.multiply(3.0, xp.eye(a.shape[-1])))


def _cholesky(xp, a):
    # jax.numpy.linalg.cholesky does not compile batch-sharded in jax 0.10.2
    # (tests/test_sharding.py): its peer is jax's cholesky primitive itself.
    if xp.__name__.startswith("jax.numpy"):
        from jax._src.lax import linalg as jax_linalg
        return xp.tril(jax_linalg.cholesky_p.bind(_spd(xp, a)))
    return xp.linalg.cholesky(_spd(xp, a))


def _eigh_w(xp, a):
    return xp.linalg.eigh(_spd(xp, a))[0]


def _special(xp, a):
    if xp.__name__.startswith("jax.numpy"):
        import jax.scipy.special as sp
    else:
        import jaxwrap.scipy.special as sp
    return xp.stack([sp.gammaln(xp.add(xp.abs(a), 0.5)), sp.erf(a), sp.i0e(a), sp.expit(a)])


def _stats(xp, a):
    if xp.__name__.startswith("jax.numpy"):
        import jax.scipy.stats as st
    else:
        import jaxwrap.scipy.stats as st
    pos = xp.add(xp.abs(a), 0.25)
    return xp.stack([st.norm.logpdf(a, 0.5, 2.0), st.norm.cdf(a), st.t.logpdf(a, 3.0),
                     st.gamma.logpdf(pos, 2.5), st.gamma.cdf(pos, 2.5)])


def cases():
    """name -> (fn(xp, *args), argument shapes, PartitionSpecs, integer data?)."""
    return {
        "elementwise_broadcast": (lambda xp, a, b: xp.add(xp.sin(a), xp.multiply(b, 2.0)),
                                  [(8, 4), (4,)], [("x", "y"), (None,)], False),
        "sum_axis0": (lambda xp, a: xp.sum(a, axis=0), [(16, 4)], [("x", "y")], False),
        "mean_max": (lambda xp, a: xp.stack([xp.mean(a, axis=1), xp.max(a, axis=1)]),
                     [(16, 6)], [("x", None)], False),
        "cumsum_axis0": (lambda xp, a: xp.cumsum(a, axis=0), [(16, 4)], [("x", "y")], False),
        "cumsum_axis1": (lambda xp, a: xp.cumsum(a, axis=1), [(8, 6)], [("x", None)], False),
        "matmul_contract_sharded": (lambda xp, a, b: xp.matmul(a, b), [(6, 16), (16, 4)],
                                    [(None, "x"), ("x", None)], False),
        "einsum_batched": (lambda xp, a, b: xp.einsum("bij,bjk->bik", a, b),
                           [(8, 3, 4), (8, 4, 2)], [("x", None, None), ("x", None, None)], False),
        "sort_axis0": (lambda xp, a: xp.sort(a, axis=0), [(16, 4)], [("x", "y")], False),
        "argsort_axis1": (lambda xp, a: xp.argsort(a, axis=1), [(8, 6)], [("x", None)], False),
        "take_axis0": (lambda xp, a: xp.take(a, xp.asarray([7, 1, 1, 12, 3]), axis=0),
                       [(16, 4)], [("x", "y")], False),
        "at_add": (lambda xp, a, v: _at(xp, a)[xp.asarray([1, 5, 1, 14])].add(v),
                   [(16, 4), (4, 4)], [("x", None), (None, None)], False),
        "unique_size": (lambda xp, a: xp.unique(a, size=12, fill_value=-1), [(16, 4)],
                        [("x", "y")], True),
        "histogram": (lambda xp, a: xp.histogram(a, bins=6, range=(-2.0, 2.0))[0],
                      [(16, 4)], [("x", "y")], False),
        "fft_axis1": (lambda xp, a: xp.fft.fft(a, axis=1), [(8, 8)], [("x", None)], False),
        "rfft2_batched": (lambda xp, a: xp.fft.rfft2(a), [(8, 4, 6)], [("x", None, None)],
                          False),
        "solve_batched": (lambda xp, a, b: xp.linalg.solve(_spd(xp, a), b),
                          [(8, 3, 3), (8, 3, 2)], [("x", None, None), ("x", None, None)], False),
        "cholesky_batched": (_cholesky, [(8, 3, 3)], [("x", None, None)], False),
        "eigh_batched": (_eigh_w, [(8, 3, 3)], [("x", None, None)], False),
        "special": (_special, [(8, 4)], [("x", "y")], False),
        "stats": (_stats, [(8, 4)], [("x", "y")], False),
    }


# Cases also run on an Explicit-axes mesh.  sort_axis0, take_axis0, at_add
# and unique/histogram (a sort, gather or scatter along a sharded axis) are
# Auto only: jax.numpy's traced types are ill-defined there too
# (tests/test_sharding.py EXPLICIT_RAISES).
EXPLICIT = ("elementwise_broadcast", "sum_axis0", "cumsum_axis1", "matmul_contract_sharded",
            "einsum_batched", "argsort_axis1", "fft_axis1", "rfft2_batched", "solve_batched",
            "cholesky_batched", "eigh_batched", "special", "stats")


# Explicit cases that raise for jaxwrap or jax.numpy (pinned by the parent):
# compiled on their own, outside the one program of the others.
EXPLICIT_ALONE = ("matmul_contract_sharded", "stats")


def inputs(name, shapes, integer):
    """The full (global) numpy inputs of case ``name``: the same on every process."""
    rng = np.random.RandomState(sum(map(ord, name)))
    if integer:
        return [rng.randint(0, 9, size=s).astype(np.int32) for s in shapes]
    return [rng.randn(*s).astype(np.float32) for s in shapes]


def _random_cases(jr):
    """name -> fn(key): jaxwrap.random samplers, output sharded over the mesh."""
    return {
        "random_bits": lambda k: jr.bits(k, (16, 4)),
        "random_normal": lambda k: jr.normal(k, (16, 4)),
        "random_uniform_split": lambda k: jr.uniform(jr.split(k, 3)[2], (16, 4)),
        "random_randint": lambda k: jr.randint(k, (16, 4), 0, 100),
        "random_gamma": lambda k: jr.gamma(k, 2.5, (16, 4)),
        "random_permutation": lambda k: jr.permutation(k, 16),
    }


def main(pid: int, port: int, outdir: Path) -> None:
    import jax
    jax.config.update("jax_cpu_collectives_implementation", "gloo")
    jax.distributed.initialize(coordinator_address=f"127.0.0.1:{port}", num_processes=2,
                               process_id=pid, initialization_timeout=60)
    import jax.numpy as jnp
    import jax.random as jrandom
    from jax.experimental import multihost_utils
    from jax.sharding import AxisType, NamedSharding
    from jax.sharding import PartitionSpec as P

    import jaxwrap.numpy as jw
    import jaxwrap.random as jr

    assert jax.process_count() == 2 and jax.device_count() == 8, (jax.process_count(),
                                                                   jax.devices())
    assert jax.local_device_count() == 4
    meshes = {"auto": jax.make_mesh(MESH_SHAPE, AXES, axis_types=(AxisType.Auto,) * 2),
              "explicit": jax.make_mesh(MESH_SHAPE, AXES, axis_types=(AxisType.Explicit,) * 2)}
    arrays, rows = {}, {}

    def put(x, mesh, spec):
        sh = NamedSharding(mesh, P(*spec))
        return jax.make_array_from_callback(x.shape, sh, lambda idx: x[idx])

    def gather(tree, mesh):
        """Every array of ``tree`` on every process: ONE jitted resharding to
        replicated (one compile, not one per array), then the local copy."""
        rep = jax.jit(lambda t: t, out_shardings=NamedSharding(mesh, P()))(tree)
        return {n: np.asarray(v.addressable_data(0)) for n, v in rep.items()}

    def same_sharding(a, b):
        return bool(a.sharding.is_equivalent_to(b.sharding, a.ndim))

    def run_all(ns, names, args, alone=()):
        """Every case of ``names`` in ONE jitted program (compiles dominate),
        but those in ``alone`` (expected to raise for one namespace) case by
        case; all case by case if the program fails, so that each error is
        reported alone."""
        table = cases()

        def one(n):
            try:
                return jax.jit(lambda *a, fn=table[n][0]: fn(ns, *a))(*args[n]), None
            except Exception as e:
                return None, e

        batch = [n for n in names if n not in alone]
        try:
            outs = jax.jit(lambda a: {n: table[n][0](ns, *a[n]) for n in batch})(
                {n: args[n] for n in batch})
            res = {n: (outs[n], None) for n in batch}
        except Exception:
            res = {n: one(n) for n in batch}
        res.update({n: one(n) for n in names if n in alone})
        return res

    for kind, mesh in meshes.items():
        names = [n for n in cases() if kind == "auto" or n in EXPLICIT]
        with jax.set_mesh(mesh):
            args = {}
            for name in names:
                _, shapes, specs, integer = cases()[name]
                args[name] = [put(x, mesh, sp)
                              for x, sp in zip(inputs(name, shapes, integer), specs)]
            alone = EXPLICIT_ALONE if kind == "explicit" else ()
            mine, theirs = run_all(jw, names, args, alone), run_all(jnp, names, args, alone)
        prefix = "" if kind == "auto" else "explicit_"
        arrays.update({prefix + n: v for n, v in gather(
            {n: got for n, (got, err) in mine.items() if err is None}, mesh).items()})
        for name in names:
            row = rows[prefix + name] = {}
            (got, err), (want, jerr) = mine[name], theirs[name]
            if err is not None:
                row["error"] = f"{type(err).__name__}: {err}"[:1500]
            if err is not None or jerr is not None:
                # jaxwrap and jax.numpy must raise alike (or jaxwrap succeeds
                # where jax.numpy raises: pinned by the parent).
                row["raises"] = [None if e is None else type(e).__name__ for e in (err, jerr)]
            if got is not None and want is not None:
                row["sharding"] = same_sharding(got, want)
                row["got"], row["want"] = str(got.sharding.spec), str(want.sharding.spec)

    # jaxwrap.random: the key is replicated, the outputs sharded by out_shardings
    # (one program per module); the bits must be the same on both processes, as
    # one process's, as jax.random's.
    for prefix, mod in (("", jr), ("jax_", jrandom)):
        fns = _random_cases(mod)
        shard = {n: NamedSharding(meshes["auto"], P("x") if n == "random_permutation"
                                  else P("x", None)) for n in fns}
        try:
            outs = jax.jit(lambda k: {n: f(k) for n, f in fns.items()},
                           out_shardings=shard)(mod.key(42))
            arrays.update({prefix + n: v for n, v in gather(outs, meshes["auto"]).items()})
            for n in fns:
                rows.setdefault(n, {})
        except Exception as e:
            for n in fns:
                rows.setdefault(n, {})["error"] = f"{prefix}: {type(e).__name__}: {e}"[:1500]

    # Every process gathered the same global results.
    np.savez(outdir / f"p{pid}.npz", **arrays)
    (outdir / f"p{pid}.json").write_text(json.dumps(rows))
    multihost_utils.sync_global_devices("done")
    jax.distributed.shutdown()


if __name__ == "__main__":
    try:
        main(int(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3]))
    except BaseException:
        traceback.print_exc()
        sys.stdout.flush()
        sys.stderr.flush()
        raise
