"""Argument sets for the API-wide purity test: jaxwrap.scipy.linalg."""

from __future__ import annotations

import numpy as np

_R = np.random.default_rng(0)
_A = (_R.normal(size=(3, 3)) + 3 * np.eye(3)).astype(np.float32)      # general, well conditioned
_S = (_A @ _A.T + 3 * np.eye(3)).astype(np.float32)                    # symmetric positive definite
_L = np.tril(_A).astype(np.float32)
_B = _R.normal(size=(3, 2)).astype(np.float32)
_T = _R.normal(size=(4, 3)).astype(np.float32)
_V = np.array([1.5, 0.3, -0.2], np.float32)
_W = np.array([1.0 + 1.0j, 1.0 - 1.0j, 2.0], np.complex64)
_PIV = np.array([0, 1, 2], np.int32)
_BAND = np.array([[0.0, 1.0, 1.0], [4.0, 4.0, 4.0], [1.0, 1.0, 0.0]], np.float32)
_HBAND = np.array([[0.0, 1.0, 1.0], [4.0, 4.0, 4.0]], np.float32)


def _exp(x):
    import jaxwrap.numpy as jwnp
    return jwnp.exp(x)

_SPECIAL = {
    # special matrices and helpers
    "block_diag": ((_A, _B), {}), "circulant": ((_V,), {}), "companion": ((_V,), {}),
    "convolution_matrix": ((_V, 4), {}), "fiedler": ((_V,), {}),
    "fiedler_companion": ((_V,), {}), "hankel": ((_V, _V), {}), "toeplitz": ((_V, _V), {}),
    "leslie": ((_V, _V[:2]), {}), "khatri_rao": ((_A, _A), {}), "diagsvd": ((_V, 3, 4), {}),
    "matmul_toeplitz": ((_V, _B), {}), "bandwidth": ((_A,), {}), "issymmetric": ((_A,), {}),
    "ishermitian": ((_A,), {}), "dft": ((3,), {}), "hadamard": ((4,), {}),
    "helmert": ((3,), {}), "hilbert": ((3,), {}), "invhilbert": ((3,), {}),
    "pascal": ((3,), {}), "invpascal": ((3,), {}),
    # decompositions
    "cholesky": ((_S,), {}), "cho_factor": ((_S,), {}), "lu": ((_T,), {}),
    "lu_factor": ((_A,), {}), "qr": ((_T,), {}), "rq": ((_T,), {}), "schur": ((_A,), {}),
    "rsf2csf": ((np.triu(_A), np.eye(3, dtype=np.float32)), {}), "hessenberg": ((_A,), {}),
    "eigh": ((_S,), {}), "eigvalsh": ((_S,), {}), "eigh_tridiagonal": ((_V, _V[:2]), {}),
    "eigvalsh_tridiagonal": ((_V, _V[:2]), {}), "eig": ((_A,), {}), "eigvals": ((_A,), {}),
    "cdf2rdf": ((_W, np.eye(3, dtype=np.complex64)), {}), "svd": ((_T,), {}),
    "svdvals": ((_T,), {}), "polar": ((_A,), {}),
    # solvers
    "solve": ((_A, _B), {}), "solve_triangular": ((_L, _B), {"lower": True}),
    "cho_solve": (((_S, False), _B), {}), "lu_solve": (((_A, _PIV), _B), {}),
    "inv": ((_A,), {}), "det": ((_A,), {}), "lstsq": ((_T, _T[:, 0]), {}),
    "pinv": ((_T,), {}), "pinvh": ((_S,), {}), "norm": ((_A,), {}),
    "solve_circulant": ((_V + 2, _V), {}), "solve_toeplitz": ((_V + 2, _V), {}),
    "solve_banded": (((1, 1), _BAND, _V), {}), "solveh_banded": ((_HBAND, _V), {}),
    "solve_sylvester": ((_A, _S, _B[:, :1].repeat(3, 1)), {}),
    "solve_continuous_lyapunov": ((_A, _S), {}), "solve_lyapunov": ((_A, _S), {}),
    "solve_discrete_lyapunov": ((_A / 8, _S), {}),
    "orthogonal_procrustes": ((_T, _T), {}), "subspace_angles": ((_T, _T[:, :2]), {}),
    "qr_multiply": ((_T, np.ones((2, 4), np.float32)), {}),
    # matrix functions
    "expm": ((_A,), {}), "expm_frechet": ((_A / 4, _S / 8), {}), "cosm": ((_A / 4,), {}),
    "sinm": ((_A / 4,), {}), "tanm": ((_A / 8,), {}), "coshm": ((_A / 4,), {}),
    "sinhm": ((_A / 4,), {}), "tanhm": ((_A / 8,), {}), "sqrtm": ((_S,), {}),
    "logm": ((_S,), {}), "fractional_matrix_power": ((_S, 0.5), {}), "signm": ((_A,), {}),
    "funm": ((_S, _exp), {}),  # a user callable: here a jaxwrap one
}

SPECIAL = {f"jaxwrap.scipy.linalg.{k}": v for k, v in _SPECIAL.items()}
