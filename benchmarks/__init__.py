"""Benchmarks comparing jaxwrap.numpy with jax.numpy (and numpy) in one process.

Entry point: ``python -m benchmarks.run --help``. See ``benchmarks/README.md``.
"""
