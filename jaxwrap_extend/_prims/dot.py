"""dot_general: tensor contraction with batch dimensions, laid out like XLA.

``dot_general(lhs, rhs, ((lhs_contract, rhs_contract), (lhs_batch, rhs_batch)))``
contracts the paired contracting dimensions and maps over the paired batch
dimensions.  The result's axes are the batch dimensions (in the order given),
then lhs's remaining ("free") dimensions in order, then rhs's.

``precision`` is None or a pair of 'DEFAULT' / 'HIGH' / 'HIGHEST' (one value,
jax.lax.Precision members and jax's aliases such as 'float32' are accepted by
the wrapper); ``preferred_element_type`` sets the result dtype (the
accumulation type), which may be wider than the operands' or, for integer
operands, a float type.

dot_general is bilinear: its transposes are dot_generals against the
cotangent, followed by a transpose back to the operand's layout.
"""

from __future__ import annotations

import enum

import numpy as np

from ..interpreters import ad, batching, mlir
from ..interpreters.mlir import hlo, ir
from ._base import BOOL, COMPLEX, FLOAT, INT, aval, define, kind

_PRECISIONS = ("DEFAULT", "HIGH", "HIGHEST")
_PRECISION_ALIASES = {"FASTEST": "DEFAULT", "BFLOAT16": "DEFAULT", "TENSORFLOAT32": "HIGH",
                      "FLOAT32": "HIGHEST"}


def _st():
    from . import structural
    return structural


def _ew():
    from . import elementwise
    return elementwise


# --- parameters --------------------------------------------------------------------
def _canonical_precision(precision):
    """None, or a pair of precision names; raises ValueError naming 'precision'."""
    if precision is None:
        return None

    def one(p):
        if p is None:
            return "DEFAULT"
        name = p.name if isinstance(p, enum.Enum) else p
        if isinstance(name, str):
            name = name.upper()
            name = _PRECISION_ALIASES.get(name, name)
            if name in _PRECISIONS:
                return name
        raise ValueError(f"dot_general: parameter 'precision' must be None, one of "
                         f"{', '.join(_PRECISIONS)} (or a pair of them), got {precision!r}")

    if isinstance(precision, (tuple, list)):
        if len(precision) != 2:
            raise ValueError(f"dot_general: parameter 'precision' pair must have two entries, "
                             f"got {precision!r}")
        return (one(precision[0]), one(precision[1]))
    p = one(precision)
    return (p, p)


def _canonical_dimension_numbers(dimension_numbers):
    try:
        (lc, rc), (lb, rb) = dimension_numbers
        return ((tuple(int(d) for d in lc), tuple(int(d) for d in rc)),
                (tuple(int(d) for d in lb), tuple(int(d) for d in rb)))
    except (TypeError, ValueError):
        raise TypeError("dot_general: parameter 'dimension_numbers' must be "
                        "((lhs_contracting, rhs_contracting), (lhs_batch, rhs_batch)), "
                        f"got {dimension_numbers!r}") from None


def _free_dims(ndim: int, contract, batch) -> tuple[int, ...]:
    return tuple(i for i in range(ndim) if i not in contract and i not in batch)


def _check_side(side: str, ndim: int, contract, batch) -> None:
    for what, dims in (("contracting", contract), ("batch", batch)):
        if any(not 0 <= d < ndim for d in dims):
            raise TypeError(f"dot_general: parameter 'dimension_numbers' has {side} {what} "
                            f"dimensions {dims}, out of range for a {side} of rank {ndim}")
        if len(set(dims)) != len(dims):
            raise TypeError(f"dot_general: parameter 'dimension_numbers' has repeated {side} "
                            f"{what} dimensions {dims}")
    if set(contract) & set(batch):
        raise TypeError(f"dot_general: parameter 'dimension_numbers' uses {side} dimensions "
                        f"{sorted(set(contract) & set(batch))} as both batch and contracting")


def _result_dtype(dtype, preferred):
    if preferred is None or np.dtype(preferred) == dtype:
        return np.dtype(dtype)
    preferred = np.dtype(preferred)
    src, dst = kind(dtype), kind(preferred)
    ok = ((src in (BOOL,) + INT and dst in INT + (FLOAT,)) or (src == FLOAT and dst == FLOAT)
          or (src == COMPLEX and dst == COMPLEX))
    if not ok:
        raise TypeError(f"dot_general: parameter 'preferred_element_type' {preferred.name} is "
                        f"incompatible with operands of dtype {np.dtype(dtype).name} (allowed: "
                        "integral -> integral or floating, floating -> floating, "
                        "complex -> complex)")
    if dst in INT and src in INT and preferred.itemsize < np.dtype(dtype).itemsize:
        raise TypeError(f"dot_general: parameter 'preferred_element_type' {preferred.name} is "
                        f"narrower than the operands' dtype {np.dtype(dtype).name}")
    return preferred


# --- the primitive ------------------------------------------------------------------
def _dot_general_abstract_eval(lhs, rhs, *, dimension_numbers, precision,
                               preferred_element_type):
    (lc, rc), (lb, rb) = dimension_numbers
    _check_side("lhs", lhs.ndim, lc, lb)
    _check_side("rhs", rhs.ndim, rc, rb)
    if len(lc) != len(rc) or len(lb) != len(rb):
        raise TypeError("dot_general: parameter 'dimension_numbers' must pair as many lhs as "
                        f"rhs dimensions, got contracting {lc} / {rc} and batch {lb} / {rb}")
    for what, ldims, rdims in (("contracting", lc, rc), ("batch", lb, rb)):
        ls, rs = [lhs.shape[d] for d in ldims], [rhs.shape[d] for d in rdims]
        if ls != rs:
            raise TypeError(f"dot_general: {what} dimensions {ldims} / {rdims} of "
                            f"parameter 'dimension_numbers' have unequal sizes {ls} / {rs} "
                            f"(lhs shape {lhs.shape}, rhs shape {rhs.shape})")
    if np.dtype(lhs.dtype) != np.dtype(rhs.dtype):
        raise TypeError(f"dot_general requires operands of equal dtype, got "
                        f"{np.dtype(lhs.dtype).name} and {np.dtype(rhs.dtype).name}")
    if precision is not None and (len(precision) != 2
                                  or any(p not in _PRECISIONS for p in precision)):
        raise ValueError(f"dot_general: parameter 'precision' must be None or a pair of "
                         f"{', '.join(_PRECISIONS)}, got {precision!r}")
    dtype = _result_dtype(lhs.dtype, preferred_element_type)
    shape = (tuple(lhs.shape[d] for d in lb)
             + tuple(lhs.shape[d] for d in _free_dims(lhs.ndim, lc, lb))
             + tuple(rhs.shape[d] for d in _free_dims(rhs.ndim, rc, rb)))
    weak = lhs.weak_type and rhs.weak_type and preferred_element_type is None
    return aval(shape, dtype, weak)


def _dot_general_lowering(ctx, lhs, rhs, *, dimension_numbers, precision,
                          preferred_element_type):
    (lc, rc), (lb, rb) = dimension_numbers
    out_aval = ctx.avals_out[0]
    in_dtype = np.dtype(ctx.avals_in[0].dtype)
    if kind(in_dtype) != kind(out_aval.dtype):
        # integral operands with a float (or bool with an int) result: convert first,
        # which every backend supports.
        lhs, rhs = (hlo.convert(mlir.aval_to_ir_type(aval(a.shape, out_aval.dtype)), v)
                    for a, v in zip(ctx.avals_in, (lhs, rhs)))
    dnums = hlo.DotDimensionNumbers.get(
        lhs_batching_dimensions=list(lb), rhs_batching_dimensions=list(rb),
        lhs_contracting_dimensions=list(lc), rhs_contracting_dimensions=list(rc))
    config = None
    if precision is not None:
        config = ir.ArrayAttr.get([hlo.PrecisionAttr.get(p) for p in precision])
    op = hlo.DotGeneralOp(mlir.aval_to_ir_type(out_aval), lhs, rhs, dnums,
                          precision_config=config)
    return [op.result]


dot_general_p = define("dot_general", _dot_general_abstract_eval, _dot_general_lowering)


def _transpose_operand(ct, other, operand_aval, other_first: bool, *, dimension_numbers,
                       precision, preferred_element_type):
    """Cotangent of one operand of a dot_general, given the other operand.

    ``other_first``: the operand wanted is the rhs (so ``other`` is the lhs).
    With ``x`` the operand wanted and ``y`` the other, the output's axes are
    (batch, x free, y free) when x is the lhs, (batch, y free, x free) when x
    is the rhs.  Contracting ``ct`` with ``y`` over y's free axes gives
    (batch, x free, y's contracting axes in increasing order), whose axes are
    then put back into x's order.
    """
    del preferred_element_type
    (lc, rc), (lb, rb) = dimension_numbers
    if other_first:
        xc, yc, xb, yb = rc, lc, rb, lb
    else:
        xc, yc, xb, yb = lc, rc, lb, rb
    x_ndim, y_ndim = len(operand_aval.shape), np.ndim(other)
    x_free, y_free = _free_dims(x_ndim, xc, xb), _free_dims(y_ndim, yc, yb)
    nb = len(xb)
    # ct's axes holding y's free dimensions (ct is batch, lhs free, rhs free)
    start = nb if other_first else nb + len(x_free)
    ct_y = tuple(range(start, start + len(y_free)))
    ew = _ew()
    ct_dtype = np.dtype(ct.dtype)
    if np.dtype(other.dtype) != ct_dtype:
        other = ew.convert_element_type(other, ct_dtype)
    res = dot_general(ct, other, ((ct_y, y_free), (tuple(range(nb)), yb)), precision=precision)
    # res axes: batch, x free, then y's contracting axes sorted; map them to x's axes.
    y_sorted = sorted(yc)
    pos = [0] * x_ndim
    for i, d in enumerate(xb):
        pos[d] = i
    for j, d in enumerate(x_free):
        pos[d] = nb + j
    for xd, yd in zip(xc, yc):
        pos[xd] = nb + len(x_free) + y_sorted.index(yd)
    out = _st().transpose(res, tuple(pos)) if pos != list(range(x_ndim)) else res
    if np.dtype(operand_aval.dtype) != ct_dtype:
        out = ew.convert_element_type(out, operand_aval.dtype, operand_aval.weak_type)
    return out


def _dot_general_transpose_lhs(ct, lhs, rhs, **params):
    return _transpose_operand(ct, rhs, lhs.aval, False, **params)


def _dot_general_transpose_rhs(ct, lhs, rhs, **params):
    return _transpose_operand(ct, lhs, rhs.aval, True, **params)


def _dot_general_batch(args, dims, *, dimension_numbers, precision, preferred_element_type):
    (lhs, rhs), (ld, rd) = args, dims
    (lc, rc), (lb, rb) = dimension_numbers

    def shift(ds, bd):
        return tuple(d + (d >= bd) for d in ds)

    nb = len(lb)
    if ld is not None and rd is not None:
        # both mapped: the mapped axes pair up as a new leading batch dimension
        lc, lb = shift(lc, ld), (ld,) + shift(lb, ld)
        rc, rb = shift(rc, rd), (rd,) + shift(rb, rd)
        out_dim = 0
    elif ld is not None:
        # only lhs mapped: its mapped axis is one more lhs free dimension
        lc, lb = shift(lc, ld), shift(lb, ld)
        out_dim = nb + sum(1 for d in range(ld) if d not in lc and d not in lb)
    else:
        rc, rb = shift(rc, rd), shift(rb, rd)
        lhs_free = lhs.ndim - len(lc) - len(lb)
        out_dim = nb + lhs_free + sum(1 for d in range(rd) if d not in rc and d not in rb)
    out = dot_general_p.bind(lhs, rhs, dimension_numbers=((lc, rc), (lb, rb)),
                             precision=precision, preferred_element_type=preferred_element_type)
    return out, out_dim


ad.defbilinear(dot_general_p, _dot_general_transpose_lhs, _dot_general_transpose_rhs)
batching.primitive_batchers[dot_general_p] = _dot_general_batch


def dot_general(lhs, rhs, dimension_numbers, precision=None, preferred_element_type=None):
    """Contract ``lhs`` and ``rhs`` over paired axes, mapping over batch axes.

    ``dimension_numbers`` is ``((lhs_contracting, rhs_contracting), (lhs_batch,
    rhs_batch))``; the result's axes are (batch, lhs free, rhs free).
    """
    return dot_general_p.bind(
        lhs, rhs, dimension_numbers=_canonical_dimension_numbers(dimension_numbers),
        precision=_canonical_precision(precision),
        preferred_element_type=(None if preferred_element_type is None
                                else np.dtype(preferred_element_type)))
