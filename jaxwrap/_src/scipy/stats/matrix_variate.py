"""Matrix-variate distributions of scipy.stats: wishart, invwishart, matrix_normal, matrix_t.

Published as namespaces (``NAMESPACES``) like ``multivariate.py``, so that
``tools/gen_facades.py`` writes the modules ``jaxwrap.scipy.stats.<name>``.
Every density is written on Cholesky factors (determinants as sums of log
diagonals, traces as squared Frobenius norms of triangular solves), so it
stays finite where the density itself under- or overflows.

* Wishart W_p(df, S) and inverse Wishart (Gupta & Nagar 2000, 3.2.1 and
  3.4.1); moments and entropy from E log|X| = psi_p(df/2) + p log 2 + log|S|
  (Anderson 2003, 7.5).  Draws by the Bartlett decomposition (Bartlett 1933;
  Anderson 2003, 7.2): ``X = C A A^T C^T`` with ``C C^T = S``, ``A`` lower
  triangular, ``A_ii^2 ~ chi2(df - i)``, ``A_ij ~ N(0, 1)`` below the
  diagonal; the inverse Wishart is the inverse of a W(df, S^-1) draw,
  ``X = B B^T`` with ``B = C A^-T``.
* Matrix normal MN(M, U, V) (Gupta & Nagar 2000, 2.2.1) and matrix t
  (Gupta & Nagar 2000, 4.2.1, in scipy's parametrization): the matrix t is
  a matrix normal whose row covariance is an inverse Wishart draw
  IW_m(df + m - 1, U) (Gupta & Nagar 2000, 4.2.2), the smaller side mixed.

Like scipy, Wishart points ``x`` are ``(p, p)`` or ``(p, p, N)`` (the batch on
the last axis; for p = 1 also a scalar or a vector of points), and the
moments of a one-dimensional law are scalars.  Invalid parameters (df out of
range) give NaN; a point that is not positive definite gives NaN (scipy
raises).
"""

from __future__ import annotations

import math
import types

import jaxwrap.numpy as jnp

from ... import lax as L
from ...numpy._util import public
from .multivariate import _Entry, _inexact, _promote

__all__: list[str] = []  # published through NAMESPACES

_LOG2 = math.log(2.0)
_LOG_PI = math.log(math.pi)
_LOG_2PI = math.log(2 * math.pi)


# --- shared helpers ------------------------------------------------------------------------
def _size(size) -> tuple[int, ...]:
    return () if size is None else ((size,) if isinstance(size, int) else tuple(size))


def _square(name, argname, c, dim=None):
    """A scalar (times the identity), a vector (diagonal) or a square matrix, as (dim, dim)."""
    c = _inexact(name, argname, c)
    if c.ndim == 0:
        return jnp.multiply(c, jnp.eye(1 if dim is None else dim, dtype=c.dtype))
    if c.ndim == 1:
        if dim is not None and c.shape[0] != dim:
            raise ValueError(f"{name}(): {argname} must have length {dim}, got {c.shape}")
        return jnp.diag(c)
    if c.ndim != 2 or c.shape[0] != c.shape[1] or (dim is not None and c.shape[0] != dim):
        want = "a square matrix" if dim is None else f"of shape ({dim}, {dim})"
        raise ValueError(f"{name}(): {argname} must be {want}, got shape {c.shape}")
    return c


def _scalar(name, argname, v):
    v = _inexact(name, argname, v)
    if v.ndim != 0:
        raise ValueError(f"{name}(): {argname} must be a scalar, got shape {v.shape}")
    return v


def _tr(a):
    return jnp.swapaxes(a, -1, -2)


def _half_logdet(chol):
    """log det(C C^T) / 2 from a Cholesky factor (..., p, p)."""
    return jnp.sum(jnp.log(jnp.diagonal(chol, axis1=-2, axis2=-1)), axis=-1)


def _lsolve(chol, b):
    """chol^-1 b for a lower-triangular chol, broadcasting the batch axes."""
    from ..linalg_solve import solve_triangular
    batch = jnp.broadcast_shapes(chol.shape[:-2], b.shape[:-2])
    return solve_triangular(jnp.broadcast_to(chol, batch + chol.shape[-2:]),
                            jnp.broadcast_to(b, batch + b.shape[-2:]), lower=True)


def _sumsq(a):
    return jnp.sum(jnp.square(a), axis=(-2, -1))


def _nan_unless(ok, v):
    return jnp.where(ok, v, jnp.full_like(v, jnp.nan))


def _multigammaln(a, p):
    """log Gamma_p(a) = p (p - 1) / 4 log pi + sum_{i<p} lgamma(a - i/2), one lgamma call
    (jaxwrap.scipy.special.multigammaln's gammaln costs ~10x more to compile)."""
    half = jnp.multiply(jnp.arange(p, dtype=a.dtype), 0.5)
    terms = L.lgamma(jnp.subtract(jnp.expand_dims(a, -1), half))
    return jnp.add(jnp.sum(terms, axis=-1), p * (p - 1) / 4 * _LOG_PI)


def _multidigamma(a, p):
    """psi_p(a) = sum_{i<p} psi(a - i/2), the derivative of log Gamma_p."""
    half = jnp.multiply(jnp.arange(p, dtype=a.dtype), 0.5)
    return jnp.sum(L.digamma(jnp.subtract(jnp.expand_dims(a, -1), half)), axis=-1)


def _bartlett(key, df, p, batch, dtype):
    """Lower-triangular A with A A^T ~ W_p(df, I): chi2(df - i) roots on the diagonal."""
    import jaxwrap.random as jr

    from .kde import _split2
    kz, kc = _split2(key)
    z = jnp.tril(jr.normal(kz, batch + (p, p), dtype), -1)
    dfs = jnp.subtract(df, jnp.arange(p, dtype=dtype))
    c = jr.chisquare(kc, dfs, batch + (p,), dtype)
    return jnp.add(z, jnp.multiply(jnp.eye(p, dtype=dtype), jnp.expand_dims(jnp.sqrt(c), -2)))


# --- Wishart and inverse Wishart -----------------------------------------------------------
def _wishart_args(name, x, df, scale):
    """(x (..., p, p) batch first, df, scale, out-shape fix) promoted; x None: (df, scale)."""
    scale = _square(name, "scale", scale)
    df = _scalar(name, "df", df)
    p = scale.shape[-1]
    if x is None:
        return _promote(df, scale)
    x = _inexact(name, "x", x)
    if p == 1 and x.ndim <= 1:  # scalar points
        x = jnp.reshape(x, x.shape + (1, 1))
    elif x.ndim == 2 and x.shape == (p, p):
        pass
    elif x.ndim == 3 and x.shape[:2] == (p, p):  # scipy's (p, p, N): the batch goes first
        x = jnp.moveaxis(x, -1, 0)
    else:
        raise ValueError(f"{name}(): x must have shape ({p}, {p}) or ({p}, {p}, N) for a "
                         f"scale of shape {scale.shape}, got {x.shape}")
    return _promote(x, df, scale)


@public
def _wishart_logpdf(x, df, scale):
    p = scale.shape[-1]
    cs, cx = jnp.linalg.cholesky(scale), jnp.linalg.cholesky(x)
    trace = _sumsq(_lsolve(cs, cx))  # tr(S^-1 X)
    out = jnp.subtract(
        jnp.subtract(jnp.multiply(jnp.subtract(df, p + 1), _half_logdet(cx)),
                     jnp.multiply(0.5, trace)),
        jnp.add(jnp.add(jnp.multiply(df, 0.5 * p * _LOG2), jnp.multiply(df, _half_logdet(cs))),
                _multigammaln(jnp.multiply(0.5, df), p)))
    return _nan_unless(jnp.greater(df, p - 1), out)


@public
def _invwishart_logpdf(x, df, scale):
    p = scale.shape[-1]
    cs, cx = jnp.linalg.cholesky(scale), jnp.linalg.cholesky(x)
    trace = _sumsq(_lsolve(cx, cs))  # tr(S X^-1)
    out = jnp.subtract(
        jnp.subtract(jnp.multiply(df, _half_logdet(cs)),
                     jnp.add(jnp.multiply(df, 0.5 * p * _LOG2),
                             _multigammaln(jnp.multiply(0.5, df), p))),
        jnp.add(jnp.multiply(jnp.add(df, p + 1), _half_logdet(cx)), jnp.multiply(0.5, trace)))
    return _nan_unless(jnp.greater(df, p - 1), out)


@public(static=("inverse",))
def _wishart_moments(df, scale, inverse):
    """mean, mode, var (elementwise) and entropy of W_p(df, S), or of IW_p(df, S)."""
    p = scale.shape[-1]
    diag = jnp.diagonal(scale)
    sq = jnp.square(scale)
    outer = jnp.multiply(jnp.expand_dims(diag, -1), jnp.expand_dims(diag, -2))
    hs = _half_logdet(jnp.linalg.cholesky(scale))
    mgl = _multigammaln(jnp.multiply(0.5, df), p)
    e_logdet = jnp.add(_multidigamma(jnp.multiply(0.5, df), p), p * _LOG2)  # E log|W(df, I)|
    base = jnp.add(jnp.multiply(df, 0.5 * p * (1.0 + _LOG2)), mgl)
    if not inverse:
        mean = jnp.multiply(df, scale)
        mode = _nan_unless(jnp.greater_equal(df, p + 1), jnp.multiply(jnp.subtract(df, p + 1),
                                                                     scale))
        var = jnp.multiply(df, jnp.add(sq, outer))
        # E log|X| = 2 h_S + E log|W(df, I)|
        ent = jnp.subtract(jnp.add(base, jnp.multiply(df, hs)),
                           jnp.multiply(jnp.multiply(0.5, jnp.subtract(df, p + 1)),
                                        jnp.add(e_logdet, jnp.multiply(2.0, hs))))
    else:
        dm = jnp.subtract(df, p)
        mean = _nan_unless(jnp.greater(df, p + 1), jnp.divide(scale, jnp.subtract(dm, 1)))
        mode = jnp.divide(scale, jnp.add(df, p + 1))
        num = jnp.add(jnp.multiply(jnp.add(dm, 1), sq), jnp.multiply(jnp.subtract(dm, 1), outer))
        den = jnp.multiply(jnp.multiply(dm, jnp.square(jnp.subtract(dm, 1))),
                           jnp.subtract(dm, 3))
        var = _nan_unless(jnp.greater(df, p + 3), jnp.divide(num, den))
        # E log|X| = 2 h_S - E log|W(df, I)|
        ent = jnp.add(jnp.subtract(base, jnp.multiply(df, hs)),
                      jnp.multiply(jnp.multiply(0.5, jnp.add(df, p + 1)),
                                   jnp.subtract(jnp.multiply(2.0, hs), e_logdet)))
    ok = jnp.greater(df, p - 1)
    outs = [_nan_unless(ok, v) for v in (mean, mode, var, ent)]
    if p == 1:  # scipy's moments of a one-dimensional law are scalars
        outs[:3] = [jnp.reshape(v, ()) for v in outs[:3]]
    return tuple(outs)


# the doctest outputs of the generated docstrings
_WISHART_EXAMPLES = {
    "wishart": {"logpdf": "-3.531", "pdf": "0.029275",
                "mean": ("wishart.mean(7.0, jnp.eye(2))[0, 0].item()", "7.0"),
                "mode": ("wishart.mode(7.0, jnp.eye(2))[0, 0].item()", "4.0"),
                "var": ("wishart.var(7.0, jnp.eye(2))[0, 1].item()", "7.0"),
                "entropy": ("round(wishart.entropy(7.0, jnp.eye(2)).item(), 4)", "7.494")},
    "invwishart": {"logpdf": "-3.531", "pdf": "0.029275",
                   "mean": ("invwishart.mean(7.0, jnp.eye(2))[0, 0].item()", "0.25"),
                   "mode": ("invwishart.mode(5.0, jnp.eye(2))[0, 0].item()", "0.125"),
                   "var": ("invwishart.var(7.0, jnp.eye(2))[0, 0].item()", "0.0625"),
                   "entropy": ("round(invwishart.entropy(7.0, jnp.eye(2)).item(), 4)",
                               "-2.7427")},
}


def _make_wishart(law, inverse):
    title = "inverse Wishart" if inverse else "Wishart"
    core = _invwishart_logpdf if inverse else _wishart_logpdf
    examples = _WISHART_EXAMPLES[law]

    def logpdf(x, df, scale):
        x, df, scale = _wishart_args(f"{law}.logpdf", x, df, scale)
        return core(x, df, scale)

    def pdf(x, df, scale):
        x, df, scale = _wishart_args(f"{law}.pdf", x, df, scale)
        return jnp.exp(core(x, df, scale))

    def moment(which):
        def f(df, scale):
            return _wishart_moments(*_wishart_args(f"{law}.{which}", None, df, scale),
                                    inverse=inverse)[("mean", "mode", "var", "entropy")
                                                     .index(which)]
        f.__name__ = which
        return f

    def rvs(key, df, scale, size=None):
        df, scale = _wishart_args(f"{law}.rvs", None, df, scale)
        p = scale.shape[-1]
        a = _bartlett(key, df, p, _size(size), scale.dtype)
        cs = jnp.linalg.cholesky(scale)
        if inverse:  # X = B B^T, B = C A^-T, the inverse of a W(df, S^-1) draw
            m = _lsolve(a, _tr(cs))
            out = jnp.matmul(_tr(m), m)
        else:
            ca = jnp.matmul(cs, a)
            out = jnp.matmul(ca, _tr(ca))
        out = _nan_unless(jnp.greater(df, p - 1), out)
        return jnp.reshape(out, out.shape[:-2]) if p == 1 else out

    logpdf.__doc__ = f"""Log density of the {title} distribution.

    Parameters
    ----------
    x : array_like
        Points: a ``(p, p)`` positive definite matrix, or ``(p, p, N)`` for N
        of them (scipy's layout); for ``p = 1`` also a scalar or a vector.
    df : scalar
        Degrees of freedom, greater than ``p - 1``.
    scale : array_like
        Positive definite scale matrix (a scalar or a vector means ``1 x 1``
        or diagonal).

    Returns
    -------
    Array
        Shape ``()`` or ``(N,)``; NaN for ``df <= p - 1`` or a point that is
        not positive definite.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy.stats import {law}
    >>> round(float({law}.logpdf(jnp.eye(2), 3.0, jnp.eye(2))), 4)
    {examples["logpdf"]}
    """
    pdf.__doc__ = f"""Density of the {title} distribution, ``exp(logpdf)``.

    Parameters
    ----------
    x, df, scale : array_like
        As for ``logpdf``.

    Returns
    -------
    Array

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy.stats import {law}
    >>> round(float({law}.pdf(jnp.eye(2), 3.0, jnp.eye(2))), 6)
    {examples["pdf"]}
    """
    summaries = {"mean": "Mean of the {t} distribution (NaN where it does not exist).",
                 "mode": "Mode of the {t} distribution (NaN where it does not exist).",
                 "var": "Variance of each entry of the {t} distribution (NaN where infinite).",
                 "entropy": "Differential entropy of the {t} distribution."}
    methods = {}
    for which, summary in summaries.items():
        f = moment(which)
        f.__doc__ = f"""{summary.format(t=title)}

    Parameters
    ----------
    df : scalar
        Degrees of freedom, greater than ``p - 1``.
    scale : array_like
        Positive definite scale matrix.

    Returns
    -------
    Array
        ``(p, p)`` (a scalar for ``p = 1``); ``entropy`` is a scalar.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy.stats import {law}
    >>> {examples[which][0]}
    {examples[which][1]}
    """
        methods[which] = f
    rvs.__doc__ = f"""Random draws from the {title} distribution (Bartlett decomposition).

    Parameters
    ----------
    key : PRNG key
    df : scalar
        Degrees of freedom, greater than ``p - 1``.
    scale : array_like
        Positive definite scale matrix.
    size : int or tuple of ints, optional
        Batch shape of the draws (``(p, p)`` is appended; for ``p = 1`` the
        draws are scalars, as in scipy).

    Returns
    -------
    Array

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> import jaxwrap.random as jr
    >>> from jaxwrap.scipy.stats import {law}
    >>> {law}.rvs(jr.key(0), 4.0, jnp.eye(3), size=5).shape
    (5, 3, 3)
    """
    for f, n in ((logpdf, "logpdf"), (pdf, "pdf"), (rvs, "rvs")):
        f.__name__ = n
    return types.SimpleNamespace(logpdf=logpdf, pdf=pdf, rvs=rvs, **methods)


# --- matrix normal and matrix t ------------------------------------------------------------
def _mn_args(name, x, mean, rowcov, colcov, rowname="rowcov", colname="colcov"):
    """x (..., m, n), mean (m, n), rowcov (m, m), colcov (n, n) promoted (x None: left out)."""
    if mean is not None:
        mean = _inexact(name, "mean", mean)
        if mean.ndim != 2:
            raise ValueError(f"{name}(): mean must be a matrix, got shape {mean.shape}")
        m, n = mean.shape
    else:
        m = _inexact(name, rowname, rowcov).shape[0] if _inexact(name, rowname, rowcov).ndim \
            else 1
        n = _inexact(name, colname, colcov).shape[0] if _inexact(name, colname, colcov).ndim \
            else 1
    rowcov = _square(name, rowname, rowcov, m)
    colcov = _square(name, colname, colcov, n)
    mean = jnp.zeros((m, n), rowcov.dtype) if mean is None else mean
    if x is None:
        return _promote(mean, rowcov, colcov)
    x = _inexact(name, "X", x)
    if x.ndim < 2 or x.shape[-2:] != (m, n):
        raise ValueError(f"{name}(): the last two axes of X must have shape ({m}, {n}), got "
                         f"shape {x.shape}")
    return _promote(x, mean, rowcov, colcov)


def _whiten(x, mean, rowcov, colcov):
    """W = Lu^-1 (X - M) Lv^-T as (..., n, m), and the half log-determinants of U, V."""
    lu, lv = jnp.linalg.cholesky(rowcov), jnp.linalg.cholesky(colcov)
    a = _lsolve(lu, jnp.subtract(x, mean))
    return _lsolve(lv, _tr(a)), _half_logdet(lu), _half_logdet(lv)


@public
def _mn_logpdf(x, mean, rowcov, colcov):
    m, n = mean.shape
    w, hu, hv = _whiten(x, mean, rowcov, colcov)
    return jnp.subtract(jnp.multiply(-0.5, jnp.add(_sumsq(w), m * n * _LOG_2PI)),
                        jnp.add(jnp.multiply(n, hu), jnp.multiply(m, hv)))


@public
def _mn_entropy(rowcov, colcov):
    m, n = rowcov.shape[-1], colcov.shape[-1]
    hu = _half_logdet(jnp.linalg.cholesky(rowcov))
    hv = _half_logdet(jnp.linalg.cholesky(colcov))
    return jnp.add(0.5 * m * n * (1.0 + _LOG_2PI), jnp.add(jnp.multiply(n, hu),
                                                            jnp.multiply(m, hv)))


def mn_logpdf(X, mean=None, rowcov=1, colcov=1):  # noqa: N803 (scipy's name)
    """Log density of the matrix normal distribution.

    Parameters
    ----------
    X : array_like
        Points, the ``(m, n)`` matrices on the last two axes.
    mean : array_like, optional
        Mean matrix ``(m, n)`` (default zeros; the shape then comes from the
        covariances).
    rowcov, colcov : array_like
        Positive definite among-row ``(m, m)`` and among-column ``(n, n)``
        covariances (a scalar or a vector means a multiple of the identity or
        a diagonal).

    Returns
    -------
    Array
        Over the leading axes of ``X``.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy.stats import matrix_normal
    >>> round(float(matrix_normal.logpdf(jnp.zeros((2, 3)), jnp.zeros((2, 3)), 1.0, 2.0)), 6)
    -7.593073
    """
    return _mn_logpdf(*_mn_args("matrix_normal.logpdf", X, mean, rowcov, colcov))


def mn_pdf(X, mean=None, rowcov=1, colcov=1):  # noqa: N803 (scipy's name)
    """Density of the matrix normal distribution, ``exp(logpdf)``.

    Parameters
    ----------
    X, mean, rowcov, colcov : array_like
        As for ``logpdf``.

    Returns
    -------
    Array

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy.stats import matrix_normal
    >>> round(float(matrix_normal.pdf(jnp.zeros((1, 1)))), 6)
    0.398942
    """
    return jnp.exp(_mn_logpdf(*_mn_args("matrix_normal.pdf", X, mean, rowcov, colcov)))


def mn_entropy(rowcov=1, colcov=1):
    """Differential entropy of the matrix normal distribution.

    Parameters
    ----------
    rowcov, colcov : array_like
        Among-row and among-column covariance matrices.

    Returns
    -------
    Array
        ``(mn log(2 pi e) + n log|U| + m log|V|) / 2``.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy.stats import matrix_normal
    >>> round(float(matrix_normal.entropy(jnp.eye(2), jnp.eye(3))), 6)
    8.513631
    """
    _, rowcov, colcov = _mn_args("matrix_normal.entropy", None, None, rowcov, colcov)
    return _mn_entropy(rowcov, colcov)


def mn_rvs(key, mean=None, rowcov=1, colcov=1, size=None):
    """Random draws from the matrix normal distribution (jaxwrap.random).

    Parameters
    ----------
    key : PRNG key
    mean, rowcov, colcov : array_like
        As for ``logpdf``.
    size : int or tuple of ints, optional
        Batch shape of the draws (``(m, n)`` is appended).

    Returns
    -------
    Array
        ``M + Lu Z Lv^T`` with ``Z`` standard normal, ``Lu``, ``Lv`` the
        Cholesky factors of the covariances.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> import jaxwrap.random as jr
    >>> from jaxwrap.scipy.stats import matrix_normal
    >>> matrix_normal.rvs(jr.key(0), jnp.zeros((2, 3)), size=4).shape
    (4, 2, 3)
    """
    import jaxwrap.random as jr
    mean, rowcov, colcov = _mn_args("matrix_normal.rvs", None, mean, rowcov, colcov)
    z = jr.normal(key, _size(size) + mean.shape, mean.dtype)
    lu, lv = jnp.linalg.cholesky(rowcov), jnp.linalg.cholesky(colcov)
    return jnp.add(mean, jnp.matmul(jnp.matmul(lu, z), _tr(lv)))


@public
def _mt_logpdf(x, mean, rowcov, colcov, df):
    m, n = mean.shape
    w, hu, hv = _whiten(x, mean, rowcov, colcov)  # w: (..., n, m)
    # |I_n + W^T W| = |I_m + W W^T|: factor the smaller Gram matrix
    gram = jnp.matmul(w, _tr(w)) if n <= m else jnp.matmul(_tr(w), w)
    k = min(m, n)
    logdet = jnp.multiply(2.0, _half_logdet(jnp.linalg.cholesky(
        jnp.add(jnp.eye(k, dtype=w.dtype), gram))))
    big = jnp.multiply(0.5, jnp.add(df, m + n - 1))
    norm = jnp.subtract(
        jnp.subtract(_multigammaln(big, n),
                     _multigammaln(jnp.multiply(0.5, jnp.add(df, n - 1)), n)),
        jnp.add(0.5 * m * n * _LOG_PI, jnp.add(jnp.multiply(n, hu), jnp.multiply(m, hv))))
    out = jnp.subtract(norm, jnp.multiply(big, logdet))
    return _nan_unless(jnp.logical_and(jnp.greater(df, 0), jnp.isfinite(df)), out)


def _mt_args(name, x, mean, row_spread, col_spread, df):
    df = _scalar(name, "df", df)
    args = _mn_args(name, x, mean, row_spread, col_spread, "row_spread", "col_spread")
    return (*_promote(*args, df),)


def mt_logpdf(X, mean=None, row_spread=1, col_spread=1, df=1):  # noqa: N803 (scipy's name)
    """Log density of the matrix t distribution.

    Parameters
    ----------
    X : array_like
        Points, the ``(m, n)`` matrices on the last two axes.
    mean : array_like, optional
        Location matrix ``(m, n)`` (default zeros).
    row_spread, col_spread : array_like
        Positive definite row ``(m, m)`` and column ``(n, n)`` spread matrices.
    df : scalar
        Degrees of freedom, positive and finite.

    Returns
    -------
    Array
        Over the leading axes of ``X``; NaN for an invalid ``df``.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy.stats import matrix_t
    >>> round(float(matrix_t.logpdf(jnp.zeros((1, 1)), df=1.0)), 4)
    -1.1447
    """
    return _mt_logpdf(*_mt_args("matrix_t.logpdf", X, mean, row_spread, col_spread, df))


def mt_pdf(X, mean=None, row_spread=1, col_spread=1, df=1):  # noqa: N803 (scipy's name)
    """Density of the matrix t distribution, ``exp(logpdf)``.

    Parameters
    ----------
    X, mean, row_spread, col_spread, df : array_like
        As for ``logpdf``.

    Returns
    -------
    Array

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy.stats import matrix_t
    >>> round(float(matrix_t.pdf(jnp.zeros((1, 1)), df=1.0)), 6)
    0.31831
    """
    return jnp.exp(_mt_logpdf(*_mt_args("matrix_t.pdf", X, mean, row_spread, col_spread, df)))


def mt_rvs(key, mean=None, row_spread=1, col_spread=1, df=1, size=None):
    """Random draws from the matrix t distribution (jaxwrap.random).

    Parameters
    ----------
    key : PRNG key
    mean, row_spread, col_spread, df : array_like
        As for ``logpdf``.
    size : int or tuple of ints, optional
        Batch shape of the draws (``(m, n)`` is appended).

    Returns
    -------
    Array
        A matrix normal draw whose covariance on the smaller side is an
        inverse Wishart draw, ``IW_k(df + k - 1, spread)``.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> import jaxwrap.random as jr
    >>> from jaxwrap.scipy.stats import matrix_t
    >>> matrix_t.rvs(jr.key(0), jnp.zeros((2, 3)), df=4.0, size=4).shape
    (4, 2, 3)
    """
    import jaxwrap.random as jr

    from .kde import _split2
    mean, row, col, df = _mt_args("matrix_t.rvs", None, mean, row_spread, col_spread, df)
    m, n = mean.shape
    batch = _size(size)
    kz, kw = _split2(key)
    z = jr.normal(kz, batch + (m, n), mean.dtype)
    small, other = (row, col) if m <= n else (col, row)
    k = small.shape[-1]
    a = _bartlett(kw, jnp.add(df, k - 1), k, batch, mean.dtype)
    # B B^T ~ IW_k(df + k - 1, spread) with B = C A^-T (any factor will do for the mixture)
    b = _tr(_lsolve(a, _tr(jnp.linalg.cholesky(small))))
    lo = jnp.linalg.cholesky(other)
    draw = jnp.matmul(jnp.matmul(b, z), _tr(lo)) if m <= n else \
        jnp.matmul(jnp.matmul(lo, z), _tr(b))
    out = jnp.add(mean, draw)
    return _nan_unless(jnp.logical_and(jnp.greater(df, 0), jnp.isfinite(df)), out)


TABLE = {
    "wishart": _Entry(summary="Wishart distribution"),
    "invwishart": _Entry(summary="inverse Wishart distribution"),
    "matrix_normal": _Entry(summary="matrix normal distribution"),
    "matrix_t": _Entry(summary="matrix t distribution"),
}

NAMESPACES = {
    "wishart": _make_wishart("wishart", inverse=False),
    "invwishart": _make_wishart("invwishart", inverse=True),
    "matrix_normal": types.SimpleNamespace(logpdf=mn_logpdf, pdf=mn_pdf, entropy=mn_entropy,
                                           rvs=mn_rvs),
    "matrix_t": types.SimpleNamespace(logpdf=mt_logpdf, pdf=mt_pdf, rvs=mt_rvs),
}
