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
from ..interpreters.mlir import hlo, ir


def _cholesky(x):
    # jax's potrf kernel (with its NaN-on-failure select) and no triangle
    # mask: jax_linalg.cholesky's mask is replicated and fails under Explicit
    # batch-sharded axes (jax 0.10.2).  ``_cholesky_lowering`` adds the mask.
    return [jax_linalg.cholesky_p.bind(x)]


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
    "cholesky": _cholesky,  # unmasked: ``lowering`` adds the triangle (_lower_tril)
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


def _lower_tril(ctx, x):
    """The lower triangle of ``x`` (aval ``ctx.avals_out[0]``), zero above.

    The same HLO as jax's own mask (iota compare on one matrix, broadcast over
    the batch, select), but emitted directly: no traced value with a
    replicated sharded type meets the batch-sharded factor, so it compiles
    under Explicit batch-sharded axes, where the partitioner gives the
    broadcast mask the operand's sharding.
    """
    aval = ctx.avals_out[0]
    nd = len(aval.shape)
    mat = tuple(aval.shape[-2:])
    idx = ir.RankedTensorType.get(mat, ir.IntegerType.get_signless(32))
    rows = hlo.iota(idx, mlir.i64_attr(0))
    cols = hlo.iota(idx, mlir.i64_attr(1))
    mask = hlo.compare(rows, cols, hlo.ComparisonDirectionAttr.get("GE"),
                       compare_type=hlo.ComparisonTypeAttr.get("SIGNED"))
    if nd > 2:
        full = ir.RankedTensorType.get(aval.shape, ir.IntegerType.get_signless(1))
        mask = hlo.broadcast_in_dim(full, mask, mlir.dense_int_array([nd - 2, nd - 1]))
    return hlo.select(mask, x, mlir.full_like_aval(0, aval))


def _cholesky_lowering(ctx, x):
    (factor,) = mlir.lower_fun(_cholesky, multiple_results=True)(ctx, x)
    return [_lower_tril(ctx, factor)]


def lowering(name: str, multiple_results: bool) -> Callable:
    """The lowering rule of jaxwrap primitive ``name``: jax's kernel, traced inline."""
    if name == "cholesky":
        return _cholesky_lowering
    kernel = KERNELS[name]
    if multiple_results:
        return mlir.lower_fun(kernel, multiple_results=True)

    def single(*args, **params):
        return kernel(*args, **params)[0]

    return mlir.lower_fun(single, multiple_results=False)
