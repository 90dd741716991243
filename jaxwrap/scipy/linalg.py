"""jaxwrap.scipy.linalg: scipy.linalg on XLA (dense decompositions, solvers,
matrix functions and special matrices), built from jaxwrap primitives.

A facade: every public name is re-exported from the module under
``jaxwrap._src.scipy`` that defines it.  Names of scipy.linalg that are not
here are listed, with the reason and an alternative, in the scope manifest
(``python -m jaxwrap scope scipy.linalg.NAME``).
"""

from jaxwrap._src.scipy.linalg_special import bandwidth as bandwidth
from jaxwrap._src.scipy.linalg_special import block_diag as block_diag
from jaxwrap._src.scipy.linalg_special import circulant as circulant
from jaxwrap._src.scipy.linalg_special import companion as companion
from jaxwrap._src.scipy.linalg_special import convolution_matrix as convolution_matrix
from jaxwrap._src.scipy.linalg_special import dft as dft
from jaxwrap._src.scipy.linalg_special import diagsvd as diagsvd
from jaxwrap._src.scipy.linalg_special import fiedler as fiedler
from jaxwrap._src.scipy.linalg_special import fiedler_companion as fiedler_companion
from jaxwrap._src.scipy.linalg_special import hadamard as hadamard
from jaxwrap._src.scipy.linalg_special import hankel as hankel
from jaxwrap._src.scipy.linalg_special import helmert as helmert
from jaxwrap._src.scipy.linalg_special import hilbert as hilbert
from jaxwrap._src.scipy.linalg_special import invhilbert as invhilbert
from jaxwrap._src.scipy.linalg_special import invpascal as invpascal
from jaxwrap._src.scipy.linalg_special import ishermitian as ishermitian
from jaxwrap._src.scipy.linalg_special import issymmetric as issymmetric
from jaxwrap._src.scipy.linalg_special import khatri_rao as khatri_rao
from jaxwrap._src.scipy.linalg_special import leslie as leslie
from jaxwrap._src.scipy.linalg_special import matmul_toeplitz as matmul_toeplitz
from jaxwrap._src.scipy.linalg_special import pascal as pascal
from jaxwrap._src.scipy.linalg_special import toeplitz as toeplitz

from jaxwrap._src.out_of_scope import module_getattr as _module_getattr

__all__ = [
    "bandwidth",
    "block_diag",
    "circulant",
    "companion",
    "convolution_matrix",
    "dft",
    "diagsvd",
    "fiedler",
    "fiedler_companion",
    "hadamard",
    "hankel",
    "helmert",
    "hilbert",
    "invhilbert",
    "invpascal",
    "ishermitian",
    "issymmetric",
    "khatri_rao",
    "leslie",
    "matmul_toeplitz",
    "pascal",
    "toeplitz",
]

__getattr__ = _module_getattr(__name__)
