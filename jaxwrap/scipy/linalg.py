"""jaxwrap.scipy.linalg: scipy.linalg on XLA (dense decompositions, solvers,
matrix functions and special matrices), built from jaxwrap primitives.

A facade: every public name is re-exported from the module under
``jaxwrap._src.scipy`` that defines it.  Names of scipy.linalg that are not
here are listed, with the reason and an alternative, in the scope manifest
(``python -m jaxwrap scope scipy.linalg.NAME``).
"""

from jaxwrap._src.numpy.linalg import LinAlgError as LinAlgError
from jaxwrap._src.out_of_scope import module_getattr as _module_getattr
from jaxwrap._src.scipy.linalg_decomp import cdf2rdf as cdf2rdf
from jaxwrap._src.scipy.linalg_decomp import cho_factor as cho_factor
from jaxwrap._src.scipy.linalg_decomp import cholesky as cholesky
from jaxwrap._src.scipy.linalg_decomp import eig as eig
from jaxwrap._src.scipy.linalg_decomp import eigh as eigh
from jaxwrap._src.scipy.linalg_decomp import eigh_tridiagonal as eigh_tridiagonal
from jaxwrap._src.scipy.linalg_decomp import eigvals as eigvals
from jaxwrap._src.scipy.linalg_decomp import eigvalsh as eigvalsh
from jaxwrap._src.scipy.linalg_decomp import eigvalsh_tridiagonal as eigvalsh_tridiagonal
from jaxwrap._src.scipy.linalg_decomp import hessenberg as hessenberg
from jaxwrap._src.scipy.linalg_decomp import lu as lu
from jaxwrap._src.scipy.linalg_decomp import lu_factor as lu_factor
from jaxwrap._src.scipy.linalg_decomp import polar as polar
from jaxwrap._src.scipy.linalg_decomp import qr as qr
from jaxwrap._src.scipy.linalg_decomp import rq as rq
from jaxwrap._src.scipy.linalg_decomp import rsf2csf as rsf2csf
from jaxwrap._src.scipy.linalg_decomp import schur as schur
from jaxwrap._src.scipy.linalg_decomp import svd as svd
from jaxwrap._src.scipy.linalg_decomp import svdvals as svdvals
from jaxwrap._src.scipy.linalg_matfuncs import coshm as coshm
from jaxwrap._src.scipy.linalg_matfuncs import cosm as cosm
from jaxwrap._src.scipy.linalg_matfuncs import expm as expm
from jaxwrap._src.scipy.linalg_matfuncs import expm_frechet as expm_frechet
from jaxwrap._src.scipy.linalg_matfuncs import fractional_matrix_power as fractional_matrix_power
from jaxwrap._src.scipy.linalg_matfuncs import funm as funm
from jaxwrap._src.scipy.linalg_matfuncs import logm as logm
from jaxwrap._src.scipy.linalg_matfuncs import signm as signm
from jaxwrap._src.scipy.linalg_matfuncs import sinhm as sinhm
from jaxwrap._src.scipy.linalg_matfuncs import sinm as sinm
from jaxwrap._src.scipy.linalg_matfuncs import sqrtm as sqrtm
from jaxwrap._src.scipy.linalg_matfuncs import tanhm as tanhm
from jaxwrap._src.scipy.linalg_matfuncs import tanm as tanm
from jaxwrap._src.scipy.linalg_solve import cho_solve as cho_solve
from jaxwrap._src.scipy.linalg_solve import det as det
from jaxwrap._src.scipy.linalg_solve import inv as inv
from jaxwrap._src.scipy.linalg_solve import lstsq as lstsq
from jaxwrap._src.scipy.linalg_solve import lu_solve as lu_solve
from jaxwrap._src.scipy.linalg_solve import norm as norm
from jaxwrap._src.scipy.linalg_solve import orthogonal_procrustes as orthogonal_procrustes
from jaxwrap._src.scipy.linalg_solve import pinv as pinv
from jaxwrap._src.scipy.linalg_solve import pinvh as pinvh
from jaxwrap._src.scipy.linalg_solve import qr_multiply as qr_multiply
from jaxwrap._src.scipy.linalg_solve import solve as solve
from jaxwrap._src.scipy.linalg_solve import solve_banded as solve_banded
from jaxwrap._src.scipy.linalg_solve import solve_circulant as solve_circulant
from jaxwrap._src.scipy.linalg_solve import solve_continuous_lyapunov as solve_continuous_lyapunov
from jaxwrap._src.scipy.linalg_solve import solve_discrete_lyapunov as solve_discrete_lyapunov
from jaxwrap._src.scipy.linalg_solve import solve_lyapunov as solve_lyapunov
from jaxwrap._src.scipy.linalg_solve import solve_sylvester as solve_sylvester
from jaxwrap._src.scipy.linalg_solve import solve_toeplitz as solve_toeplitz
from jaxwrap._src.scipy.linalg_solve import solve_triangular as solve_triangular
from jaxwrap._src.scipy.linalg_solve import solveh_banded as solveh_banded
from jaxwrap._src.scipy.linalg_solve import subspace_angles as subspace_angles
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

__all__ = [
    "LinAlgError",
    "bandwidth",
    "block_diag",
    "cdf2rdf",
    "cho_factor",
    "cho_solve",
    "cholesky",
    "circulant",
    "companion",
    "convolution_matrix",
    "coshm",
    "cosm",
    "det",
    "dft",
    "diagsvd",
    "eig",
    "eigh",
    "eigh_tridiagonal",
    "eigvals",
    "eigvalsh",
    "eigvalsh_tridiagonal",
    "expm",
    "expm_frechet",
    "fiedler",
    "fiedler_companion",
    "fractional_matrix_power",
    "funm",
    "hadamard",
    "hankel",
    "helmert",
    "hessenberg",
    "hilbert",
    "inv",
    "invhilbert",
    "invpascal",
    "ishermitian",
    "issymmetric",
    "khatri_rao",
    "leslie",
    "logm",
    "lstsq",
    "lu",
    "lu_factor",
    "lu_solve",
    "matmul_toeplitz",
    "norm",
    "orthogonal_procrustes",
    "pascal",
    "pinv",
    "pinvh",
    "polar",
    "qr",
    "qr_multiply",
    "rq",
    "rsf2csf",
    "schur",
    "signm",
    "sinhm",
    "sinm",
    "solve",
    "solve_banded",
    "solve_circulant",
    "solve_continuous_lyapunov",
    "solve_discrete_lyapunov",
    "solve_lyapunov",
    "solve_sylvester",
    "solve_toeplitz",
    "solve_triangular",
    "solveh_banded",
    "sqrtm",
    "subspace_angles",
    "svd",
    "svdvals",
    "tanhm",
    "tanm",
    "toeplitz",
]

__getattr__ = _module_getattr(__name__)
