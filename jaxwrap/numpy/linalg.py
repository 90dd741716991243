"""jaxwrap.numpy.linalg: numpy.linalg on XLA.

This foundation slice has the contractions; the factorization-based
functions (solve, inv, svd, eigh, ...) arrive with the linear-algebra issue
and are listed as planned in the scope manifest.
"""

from jaxwrap._src.numpy.shape import matrix_transpose as matrix_transpose
from jaxwrap._src.numpy.tensor import (
    diagonal as diagonal,
    matmul as matmul,
    outer as outer,
    tensordot as tensordot,
    trace as trace,
    vecdot as vecdot,
)
