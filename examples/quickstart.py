"""Quickstart: the tour that ``python -m jaxwrap demo`` runs.

Read ``jaxwrap/_src/demo.py`` for the code: numpy-style least squares with
jaxwrap.numpy, jax.jit / jax.grad / jax.vmap over jaxwrap functions, a custom
primitive defined with jaxwrap_extend, and scope-manifest queries.
"""

from jaxwrap._src.demo import main

if __name__ == "__main__":
    raise SystemExit(main())
