"""The linear-algebra kernel bridge: lowerings of jaxwrap's factorization
primitives that delegate to ``jax.lax.linalg`` through ``mlir.lower_fun``.

Dense factorizations are device kernels (LAPACK on CPU, cuSOLVER / hipSOLVER
on GPU, XLA's own expansions on TPU).  Rather than emit each platform's
custom call ourselves, the lowering of every jaxwrap linalg primitive traces
the matching ``jax.lax.linalg`` function on the primitive's operands, so the
emitted StableHLO is exactly jax's for every platform.  Only the *lowering*
is delegated: the primitives, their abstract evaluation, differentiation and
batching rules are jaxwrap's (``linalg.py``).

This is the one module allowed to import ``jax.lax.linalg``
(tests/test_architecture.py ``LINALG_BRIDGE``); the scope manifest names it.

The table ``KERNELS`` maps a primitive name to a function
``kernel(*operands, **params) -> list of arrays`` (the primitive's outputs, in
order) written against jax.lax.linalg.  The wrappers in ``linalg.py`` already
symmetrize inputs where asked, so the kernels pass ``symmetrize_input=False``.
"""

from __future__ import annotations

from collections.abc import Callable

import jax.lax.linalg as jax_linalg

from .. import _jax
from ..interpreters import mlir


def _cholesky(x):
    return [jax_linalg.cholesky(x, symmetrize_input=False)]


def _lu(x):
    return list(jax_linalg.lu(x))


def _qr(x, *, pivoting, full_matrices):
    return list(jax_linalg.qr(x, pivoting=pivoting, full_matrices=full_matrices))


def _eigh(x, *, lower, sort_eigenvalues, subset_by_index):
    v, w = jax_linalg.eigh(x, lower=lower, symmetrize_input=False,
                           sort_eigenvalues=sort_eigenvalues, subset_by_index=subset_by_index)
    return [v, w]


def _eig(x, *, compute_left_eigenvectors, compute_right_eigenvectors):
    return list(jax_linalg.eig(x, compute_left_eigenvectors=compute_left_eigenvectors,
                               compute_right_eigenvectors=compute_right_eigenvectors))


def _svd(x, *, full_matrices, compute_uv, subset_by_index):
    out = jax_linalg.svd(x, full_matrices=full_matrices, compute_uv=compute_uv,
                         subset_by_index=subset_by_index)
    if not compute_uv:
        return [out]
    u, s, vh = out
    return [s, u, vh]  # the primitive's output order: s first, like jax's svd_p


def _schur(x, *, compute_schur_vectors, sort_eig_vals, select_callable):
    return list(jax_linalg.schur(x, compute_schur_vectors=compute_schur_vectors,
                                 sort_eig_vals=sort_eig_vals, select_callable=select_callable))


def _geqrf(a):
    # jax.lax.linalg has no public geqrf; the adapter exposes jax's.
    return list(_jax.geqrf(a))


def _hessenberg(a):
    return list(jax_linalg.hessenberg(a))


def _householder_product(a, taus):
    return [jax_linalg.householder_product(a, taus)]


def _lu_pivots_to_permutation(pivots, *, permutation_size):
    return [jax_linalg.lu_pivots_to_permutation(pivots, permutation_size)]


def _triangular_solve(a, b, **params):
    return [jax_linalg.triangular_solve(a, b, **params)]


def _tridiagonal(a, *, lower):
    return list(jax_linalg.tridiagonal(a, lower=lower))


def _tridiagonal_solve(dl, d, du, b, *, perturb_singular):
    return [jax_linalg.tridiagonal_solve(dl, d, du, b, perturb_singular=perturb_singular)]


KERNELS: dict[str, Callable] = {
    "cholesky": _cholesky,
    "lu": _lu,
    "qr": _qr,
    "eigh": _eigh,
    "eig": _eig,
    "svd": _svd,
    "schur": _schur,
    "geqrf": _geqrf,
    "hessenberg": _hessenberg,
    "householder_product": _householder_product,
    "lu_pivots_to_permutation": _lu_pivots_to_permutation,
    "triangular_solve": _triangular_solve,
    "tridiagonal": _tridiagonal,
    "tridiagonal_solve": _tridiagonal_solve,
}


def lowering(name: str, multiple_results: bool) -> Callable:
    """The lowering rule of jaxwrap primitive ``name``: jax's kernel, traced inline."""
    kernel = KERNELS[name]
    if multiple_results:
        return mlir.lower_fun(kernel, multiple_results=True)

    def single(*args, **params):
        return kernel(*args, **params)[0]

    return mlir.lower_fun(single, multiple_results=False)
