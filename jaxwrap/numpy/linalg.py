"""jaxwrap.numpy.linalg: numpy.linalg on XLA.

This foundation slice has the contractions; the factorization-based
functions (solve, inv, svd, eigh, ...) arrive with the linear-algebra issue
and are listed as planned in the scope manifest.
"""

from jaxwrap._src.numpy.shape import matrix_transpose as matrix_transpose
from jaxwrap._src.numpy.tensor import (
    diagonal as diagonal,
)
from jaxwrap._src.numpy.tensor import (
    matmul as matmul,
)
from jaxwrap._src.numpy.tensor import (
    outer as outer,
)
from jaxwrap._src.numpy.tensor import (
    tensordot as tensordot,
)
from jaxwrap._src.numpy.tensor import (
    trace as trace,
)
from jaxwrap._src.numpy.tensor import (
    vecdot as vecdot,
)
