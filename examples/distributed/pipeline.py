"""A data-parallel pipeline with jaxwrap: the same script on 1 device, on 8
virtual devices, and on 2 processes (see README.md for the exact commands).

1. Draw a dataset of N rows (jaxwrap.random, sharded by rows over the mesh):
   correlated features X and a target y = X w + noise.
2. Standardize X with column means and standard deviations (reductions over
   the sharded axis: one all-reduce each).
3. Covariance Z^T Z / (N - 1) (a contraction over the sharded axis) and its
   eigendecomposition (small, replicated).
4. Least-squares fit of y on [1, Z] by the normal equations (the d x d system
   is replicated; only Z^T Z and Z^T y touch the sharded rows).

Every step is one jitted function of global arrays: jax partitions it over the
mesh and inserts the collectives, across processes too.  The printed numbers
are the same in every mode (to float32 rounding of the reordered sums).
"""

from __future__ import annotations

import argparse
import sys

N_ROWS = 1 << 16   # divisible by any device count up to 2**16
N_FEATURES = 6


def parse():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--coordinator", help="host:port of process 0 (multi-process mode)")
    p.add_argument("--num-processes", type=int, default=1)
    p.add_argument("--process-id", type=int, default=0)
    return p.parse_args()


def main() -> None:
    args = parse()
    import jax
    if args.num_processes > 1:
        # CPU processes talk over gloo; on GPUs leave the default (NCCL).
        if jax.config.jax_platforms in (None, "", "cpu"):
            jax.config.update("jax_cpu_collectives_implementation", "gloo")
        jax.distributed.initialize(coordinator_address=args.coordinator,
                                   num_processes=args.num_processes,
                                   process_id=args.process_id)
    import numpy as np
    from jax.sharding import AxisType, NamedSharding
    from jax.sharding import PartitionSpec as P

    import jaxwrap.numpy as jnp
    import jaxwrap.random as jr

    mesh = jax.make_mesh((jax.device_count(),), ("data",), axis_types=(AxisType.Auto,))
    rows = NamedSharding(mesh, P("data", None))
    vec = NamedSharding(mesh, P("data"))
    rep = NamedSharding(mesh, P())

    # 1. The dataset, generated where it lives (each device draws its rows).
    def make_data(key):
        kx, kmix, kn = jr.split(key, 3)
        mix = jnp.add(jnp.eye(N_FEATURES), jnp.multiply(0.5, jr.normal(kmix, (N_FEATURES,) * 2)))
        x = jnp.add(jnp.matmul(jr.normal(kx, (N_ROWS, N_FEATURES)), mix),
                    jnp.arange(N_FEATURES, dtype=jnp.float32))
        w = jnp.linspace(-1.0, 1.0, N_FEATURES, dtype=jnp.float32)
        y = jnp.add(jnp.add(jnp.matmul(x, w), 3.0),
                    jnp.multiply(0.1, jr.normal(kn, (N_ROWS,))))
        return x, y

    make_data = jax.jit(make_data, out_shardings=(rows, vec))

    # 2.-4. Standardize, covariance + eigh, least squares.
    def fit(x, y):
        mu = jnp.mean(x, axis=0)
        sd = jnp.std(x, axis=0)
        z = jnp.divide(jnp.subtract(x, mu), sd)
        cov = jnp.divide(jnp.matmul(jnp.transpose(z), z), N_ROWS - 1)
        evals, evecs = jnp.linalg.eigh(cov)
        design = jnp.concatenate([jnp.ones((N_ROWS, 1), z.dtype), z], axis=1)
        gram = jnp.matmul(jnp.transpose(design), design)
        coef = jnp.linalg.solve(gram, jnp.matmul(jnp.transpose(design), y))
        resid = jnp.subtract(y, jnp.matmul(design, coef))
        rms = jnp.sqrt(jnp.mean(jnp.square(resid)))
        return mu, sd, evals, evecs, coef, rms

    fit = jax.jit(fit, out_shardings=rep)

    x, y = make_data(jr.key(0))
    mu, sd, evals, evecs, coef, rms = fit(x, y)

    def host(a):  # a replicated global array: every process holds all of it
        return np.asarray(a.addressable_data(0))

    if jax.process_index() == 0:
        print(f"processes={jax.process_count()} devices={jax.device_count()} "
              f"x sharding={x.sharding.spec} ({len(x.addressable_shards)} local shards)")
        np.set_printoptions(precision=4, suppress=True)
        print("means      ", host(mu))
        print("std devs   ", host(sd))
        print("eigenvalues", host(evals))
        print("coef [1, z]", host(coef))
        print(f"residual rms {float(host(rms)):.5f}")
    if args.num_processes > 1:
        jax.distributed.shutdown()


if __name__ == "__main__":
    sys.exit(main())
