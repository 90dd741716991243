"""The linear-algebra kernel bridge (being written): lowerings of jaxwrap's
factorization primitives that delegate to jax.lax.linalg via mlir.lower_fun."""
