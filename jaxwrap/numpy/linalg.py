"""jaxwrap.numpy.linalg: numpy.linalg on XLA.

The factorization-based functions live in ``jaxwrap._src.numpy.linalg`` (on
the primitives of ``jaxwrap_extend._prims.linalg``, whose device kernels come
through the one bridge module ``jaxwrap_extend._prims.linalg_bridge``); the
contractions are the ones of ``jaxwrap.numpy``.
"""

from jaxwrap._src.numpy.linalg import LinAlgError as LinAlgError
from jaxwrap._src.numpy.linalg import cholesky as cholesky
from jaxwrap._src.numpy.linalg import cond as cond
from jaxwrap._src.numpy.linalg import cross as cross
from jaxwrap._src.numpy.linalg import det as det
from jaxwrap._src.numpy.linalg import diagonal as diagonal
from jaxwrap._src.numpy.linalg import eig as eig
from jaxwrap._src.numpy.linalg import eigh as eigh
from jaxwrap._src.numpy.linalg import eigvals as eigvals
from jaxwrap._src.numpy.linalg import eigvalsh as eigvalsh
from jaxwrap._src.numpy.linalg import inv as inv
from jaxwrap._src.numpy.linalg import lstsq as lstsq
from jaxwrap._src.numpy.linalg import matrix_norm as matrix_norm
from jaxwrap._src.numpy.linalg import matrix_power as matrix_power
from jaxwrap._src.numpy.linalg import matrix_rank as matrix_rank
from jaxwrap._src.numpy.linalg import multi_dot as multi_dot
from jaxwrap._src.numpy.linalg import norm as norm
from jaxwrap._src.numpy.linalg import outer as outer
from jaxwrap._src.numpy.linalg import pinv as pinv
from jaxwrap._src.numpy.linalg import qr as qr
from jaxwrap._src.numpy.linalg import slogdet as slogdet
from jaxwrap._src.numpy.linalg import solve as solve
from jaxwrap._src.numpy.linalg import svd as svd
from jaxwrap._src.numpy.linalg import svdvals as svdvals
from jaxwrap._src.numpy.linalg import tensorinv as tensorinv
from jaxwrap._src.numpy.linalg import tensorsolve as tensorsolve
from jaxwrap._src.numpy.linalg import trace as trace
from jaxwrap._src.numpy.linalg import vector_norm as vector_norm
from jaxwrap._src.numpy.shape import matrix_transpose as matrix_transpose
from jaxwrap._src.numpy.tensor import matmul as matmul
from jaxwrap._src.numpy.tensor import tensordot as tensordot
from jaxwrap._src.numpy.tensor import vecdot as vecdot
