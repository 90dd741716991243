"""The promotion oracle: jaxwrap's dtype rules checked against jax's.

Every pair of supported dtypes, in every operand form (dtype specifier,
strong jax array, weak jax array, Python scalar and type, numpy scalar,
None), is promoted by jaxwrap and by jax, with x64 off and on and with
standard and strict promotion; results (dtype, weak flag), exception types
and warnings must agree.  Loops run inside a few tests to keep this fast.
"""

from __future__ import annotations

import contextlib
import doctest
import itertools
import random
import warnings

import jax
import jax.numpy as jnp
import ml_dtypes
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jax._src import dtypes as jax_dtypes
from jax._src.lax import lax as jax_lax

from jaxwrap._src import dtypes
from jaxwrap._src.numpy import dtype_utils

ALL = dtypes.ALL_DTYPES
WEAK = dtypes.WEAK_TYPES
NODES = (*WEAK, *ALL)


# ---------------------------------------------------------------- config


@contextlib.contextmanager
def config(**options):
    """Set jax config options (jax_enable_x64 etc.) and restore them afterwards."""
    old = {k: getattr(jax.config, k) for k in options}
    for k, v in options.items():
        jax.config.update(k, v)
    try:
        yield
    finally:
        for k, v in old.items():
            jax.config.update(k, v)


@pytest.fixture(params=[False, True], ids=["x32", "x64"])
def x64(request):
    with config(jax_enable_x64=request.param):
        yield request.param


MODES = [(False, "standard"), (True, "standard"), (False, "strict"), (True, "strict")]


@pytest.fixture(params=MODES, ids=[f"{'x64' if a else 'x32'}-{b}" for a, b in MODES])
def mode(request):
    x64, promotion = request.param
    with config(jax_enable_x64=x64, jax_numpy_dtype_promotion=promotion):
        yield request.param


# ---------------------------------------------------------------- operands


def _arrays(dt):
    """A strong and a weak concrete jax array of dtype `dt`, where the CPU backend can make them.

    (fp6 arrays cannot be materialized on CPU, nor weak int1/uint1; those
    dtypes are still covered as tracers in test_result_type_on_tracers.)
    """
    if dt.name.startswith("float6"):
        return []
    out = []
    with contextlib.suppress(Exception):
        strong = jax.device_put(np.zeros(2, dt))
        out.append(("array", strong))
        if dt != np.dtype(bool) and dt.name not in ("int1", "uint1"):
            out.append(("weak-array", jax_lax._convert_element_type(strong, dt, weak_type=True)))
    return out


def _build_operands():
    # Arrays are made with x64 on so that 64-bit jax arrays exist: jax keeps
    # their dtype even when x64 is later switched off, and so must jaxwrap.
    with config(jax_enable_x64=True):
        ops = [("spec", d) for d in ALL]
        ops += [("spec-str", name) for name in ("int8", "float16", "bfloat16")]
        ops += [("type", t) for t in (bool, int, float, complex, np.float32, ml_dtypes.bfloat16)]
        ops += [("scalar", v) for v in (True, 1, 1.5, 1j)]
        ops += [("np-scalar", v) for v in (np.float64(1), np.int64(1), np.uint8(1), np.bool_(1))]
        ops += [("np-array", np.zeros(2, d)) for d in ("float64", "int16", "complex128")]
        ops += [("none", None)]
        ops += [op for d in ALL for op in _arrays(d)]
    return ops


OPERANDS = _build_operands()


def _outcome(fn, *args):
    """(dtype, weak) or the exception type that `fn` raises; warnings ignored."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return fn(*args)
        except Exception as e:  # noqa: BLE001 - the type is the outcome
            return type(e)


def _jax_rt(*args):
    return jax_dtypes.result_type(*args, return_weak_type_flag=True)


def _ours_rt(*args):
    return dtypes.result_type(*args, return_weak_type_flag=True)


def _check_result_type(args):
    expected = _outcome(_jax_rt, *args)
    got = _outcome(_ours_rt, *args)
    if expected is KeyError:
        # jax cannot name the default dtype of a weak sub-byte int (its dtype
        # kind is 'V'); jaxwrap reports the default int / uint instead.
        assert got[1] and got[0] in (dtypes.default_int_dtype(), dtypes.default_uint_dtype())
        return
    assert got == expected, (args, got, expected)


# ---------------------------------------------------------------- categories


def test_categories_match_jax():
    def same(ours, theirs):
        assert list(ours) == [np.dtype(t) for t in theirs]

    same(dtypes.BOOL_DTYPES, jax_dtypes._bool_types)
    same(dtypes.SIGNED_DTYPES, jax_dtypes._signed_types)
    same(dtypes.UNSIGNED_DTYPES, jax_dtypes._unsigned_types)
    same(dtypes.FLOAT_DTYPES, jax_dtypes._float_types)
    same(dtypes.COMPLEX_DTYPES, jax_dtypes._complex_types)
    assert set(dtypes.CUSTOM_FLOAT_DTYPES) == set(jax_dtypes._custom_float_dtypes)
    assert set(ALL) == set(jax_dtypes._jax_types)
    assert ml_dtypes.int4 in {d.type for d in dtypes.SIGNED_DTYPES}


def test_lattice_nodes_hash_distinctly():
    # Weak nodes are Python types and numpy says np.dtype('int64') == int;
    # dict/set lookups stay correct only because no two distinct nodes have
    # both equal hashes and compare equal.
    for a, b in itertools.combinations(NODES, 2):
        assert not (hash(a) == hash(b) and a == b), (a, b)


@pytest.mark.parametrize("x64_flag", [False, True])
@pytest.mark.parametrize("strict", [False, True])
def test_upper_bounds_match_jax(x64_flag, strict):
    theirs = jax_dtypes._make_lattice_upper_bounds(strict=strict, x64=x64_flag)
    ours = dtypes.upper_bounds(x64_flag, strict)
    assert set(ours) == set(theirs)
    for node in NODES:
        assert ours[node] == theirs[node], node


@pytest.mark.parametrize("x64_flag", [False, True])
@pytest.mark.parametrize("strict", [False, True])
def test_pair_table_is_a_join(x64_flag, strict):
    table = dtypes.promotion_table(x64_flag, strict)
    ubs = dtypes.upper_bounds(x64_flag, strict)
    assert len(table) == len(NODES) ** 2
    for (a, b), lub in table.items():
        assert lub is table[b, a]
        if a is b:
            assert lub is a
        if lub is not None:
            assert lub in ubs[a] and lub in ubs[b]
    # Antisymmetry: no two distinct nodes sit above each other.
    for a, b in itertools.combinations(NODES, 2):
        assert not (a in ubs[b] and b in ubs[a])


def test_lattice_size():
    edges = dtypes.lattice_edges(True, False)
    narrow = {*dtypes.SMALL_FLOAT_DTYPES, *dtypes.SUBBYTE_INT_DTYPES}
    core = sum(1 for v in edges.values() for m in v if m not in narrow)
    assert core == 24


# ---------------------------------------------------------------- promotion oracle


def test_promote_types_all_pairs(mode):
    specs = [*NODES, bool]
    for a in specs:
        for b in specs:
            expected = _outcome(jnp.promote_types, a, b)
            assert _outcome(dtype_utils.promote_types, a, b) == expected, (a, b)


def test_result_type_all_pairs(mode):
    for (_, a), (_, b) in itertools.product(OPERANDS, repeat=2):
        _check_result_type((a, b))


def test_result_type_single_operands(mode):
    for _, a in OPERANDS:
        _check_result_type((a,))
        expected = _outcome(jnp.result_type, a)
        if expected is not KeyError:  # see _check_result_type
            assert _outcome(dtype_utils.result_type, a) == expected, a


def test_result_type_random_triples(mode):
    rng = random.Random(0)
    for _ in range(1500):
        _check_result_type(tuple(op for _, op in rng.choices(OPERANDS, k=3)))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(range(len(OPERANDS))), min_size=1, max_size=5),
       st.booleans())
def test_result_type_hypothesis(indices, x64_flag):
    with config(jax_enable_x64=x64_flag):
        _check_result_type(tuple(OPERANDS[i][1] for i in indices))


@pytest.mark.parametrize("transform", ["jit", "vmap"])
def test_result_type_on_tracers(x64, transform):
    # Abstract operands of every dtype, strong and weak, traced: jaxwrap must
    # read weak_type from tracers exactly as jax does.
    specs = [jax.ShapeDtypeStruct((2,), d, weak_type=w) for d in ALL for w in (False, True)
             if not (w and d == np.dtype(bool))]
    extras = [1, 1.5, 1j, True, "int8", dtypes.bfloat16]
    seen = []

    def f(*traced):
        ops = [*traced, *extras]
        for a in traced:
            for b in ops:
                seen.append((a, b, _outcome(_ours_rt, a, b), _outcome(_jax_rt, a, b)))
        return traced[0]

    if transform == "jit":
        jax.make_jaxpr(f)(*specs)
    else:
        batched = [jax.ShapeDtypeStruct((3, 2), s.dtype, weak_type=s.weak_type) for s in specs]
        jax.eval_shape(jax.vmap(f), *batched)
    assert len(seen) == len(specs) * (len(specs) + len(extras))
    for a, b, ours, theirs in seen:
        if theirs is not KeyError:
            assert ours == theirs, (a, b, ours, theirs)


def test_weak_flag_examples(x64):
    f = dtypes.default_float_dtype()
    assert dtypes.result_type(1.0, return_weak_type_flag=True) == (f, True)
    # int8 with a weak float lands on the weak float node: the result stays weak.
    assert dtypes.result_type(jnp.asarray(1.0), "int8", return_weak_type_flag=True) == (f, True)
    assert dtypes.result_type(1.0, "float16", return_weak_type_flag=True) == (np.float16, False)
    assert dtypes.result_type(2, jnp.zeros(3, "uint8"), return_weak_type_flag=True) == (
        np.dtype("uint8"), False)
    assert dtypes.result_type(True, 1, return_weak_type_flag=True)[1]
    assert dtypes.result_type(None) == f


# ---------------------------------------------------------------- warnings and x64 modes


def _warned(fn, *args):
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        try:
            fn(*args)
        except Exception:  # noqa: BLE001
            pass
    return bool(w)


def test_explicit_64bit_warnings_match_jax(x64):
    for args in [("int64",), ("float64", "int8"), (np.float64,), (np.zeros(2),), ("int32",),
                 (np.dtype("complex128"), 1.0)]:
        assert _warned(dtypes.result_type, *args) == _warned(jnp.result_type, *args), args
    if not x64:  # the warning points at the caller, not into jaxwrap
        with pytest.warns(UserWarning, match="64-bit") as record:
            dtype_utils.result_type("float64", 1)
        assert record[0].filename == __file__


@pytest.mark.parametrize("explicit", ["allow", "error"])
def test_explicit_x64_dtypes_modes(explicit):
    with config(jax_enable_x64=False, jax_explicit_x64_dtypes=explicit):
        for args in [("int64",), ("float64", "int8"), ("uint32", "int32")]:
            assert _outcome(dtypes.result_type, *args) == _outcome(jnp.result_type, *args)


# ---------------------------------------------------------------- dtype(), canonicalize_dtype()


def test_canonicalize_dtype(x64):
    for spec in [*ALL, int, float, complex, bool, "float64", np.int64, None]:
        assert dtypes.canonicalize_dtype(spec) == jax.dtypes.canonicalize_dtype(spec), spec
    with pytest.raises(TypeError, match="canonicalize_dtype"):
        dtypes.canonicalize_dtype("not-a-dtype")


def test_dtype_matches_jax(x64):
    for kind, x in OPERANDS:
        if kind == "none":
            continue
        assert _outcome(dtypes.dtype, x, True) == _outcome(jax_dtypes.dtype, x), (kind, x)
    assert dtypes.dtype(np.zeros(2)) == np.float64  # not canonicalized by default
    assert dtypes.dtype(1) == dtypes.default_int_dtype()
    with pytest.raises(ValueError):
        dtypes.dtype(None)
    with pytest.raises(TypeError, match="object"):
        dtypes.dtype(object())
    with pytest.raises(TypeError):
        dtypes.dtype("U3")


def test_is_weakly_typed():
    for _, x in OPERANDS:
        assert dtypes.is_weakly_typed(x) == jax_dtypes.is_weakly_typed(x), x
    assert dtypes.is_python_scalar(1.0) and not dtypes.is_python_scalar(np.float64(1))


def test_check_user_dtype(x64):
    assert dtypes.check_user_dtype(float, "zeros") == dtypes.default_float_dtype()
    assert dtypes.check_user_dtype("bfloat16", "zeros") == dtypes.bfloat16
    with pytest.raises(TypeError, match=r"zeros\(\) argument `dtype`"):
        dtypes.check_user_dtype("U3", "zeros")
    with pytest.raises(TypeError, match="not an array"):
        dtypes.check_user_dtype(jnp.zeros(2), "zeros")


def test_default_dtypes(x64):
    assert dtypes.default_int_dtype() == jnp.asarray(1).dtype
    assert dtypes.default_float_dtype() == jnp.asarray(1.0).dtype
    assert dtypes.default_complex_dtype() == jnp.asarray(1j).dtype
    assert dtypes.default_uint_dtype() == np.dtype("uint64" if x64 else "uint32")


# ---------------------------------------------------------------- transforms, predicates


def test_to_inexact_and_complex():
    for d in ALL:
        if d in (*dtypes.SUBBYTE_INT_DTYPES,) and d.type not in (ml_dtypes.int4, ml_dtypes.uint4):
            # jax leaves int1/int2/uint1/uint2 unchanged (no table entry);
            # jaxwrap computes them in float32 like int4.
            assert dtypes.to_inexact_dtype(d) == np.float32
            continue
        assert dtypes.to_inexact_dtype(d) == jax_dtypes.to_inexact_dtype(d), d
        assert dtypes.to_complex_dtype(d) == jax_dtypes.to_complex_dtype(d), d
        assert dtypes.to_floating_dtype(d) == jax_dtypes.to_floating_dtype(d), d
        assert dtypes.itemsize_bits(d) == jax_dtypes.itemsize_bits(d), d


def test_predicates():
    for d in ALL:
        assert dtypes.is_floating(d) == jnp.issubdtype(d, np.floating)
        assert dtypes.is_integer(d) == jnp.issubdtype(d, np.integer)
        assert dtypes.is_signed(d) == jnp.issubdtype(d, np.signedinteger)
        assert dtypes.is_unsigned(d) == jnp.issubdtype(d, np.unsignedinteger)
        assert dtypes.is_complex(d) == jnp.issubdtype(d, np.complexfloating)
        assert dtypes.is_inexact(d) == jnp.issubdtype(d, np.inexact)
        assert dtypes.is_bool(d) == (d == np.bool_)
        assert dtypes.is_numeric(d) == (d != np.bool_)


# ---------------------------------------------------------------- public dtype_utils


ABSTRACT = (np.generic, np.number, np.integer, np.signedinteger, np.unsignedinteger, np.inexact,
            np.floating, np.complexfloating, np.bool_)


def test_issubdtype():
    lhs = [*ALL, *(d.type for d in ALL), int, float, complex, bool, "float32", None, *ABSTRACT]
    rhs = [*ABSTRACT, *ALL, float, "int8"]
    for a in lhs:
        for b in rhs:
            assert dtype_utils.issubdtype(a, b) == jnp.issubdtype(a, b), (a, b)
    assert dtype_utils.issubdtype(dtypes.bfloat16, np.floating)
    key = jax.random.key(0).dtype
    for a, b in [(key, jax.dtypes.prng_key), (key, jax.dtypes.extended), (key, np.generic),
                 (key, key), (np.float32, jax.dtypes.prng_key), (key, np.floating)]:
        assert dtype_utils.issubdtype(a, b) == jnp.issubdtype(a, b), (a, b)


def test_can_cast():
    for a in ALL:
        for b in ALL:
            for casting in ("no", "equiv", "safe", "same_kind", "unsafe"):
                assert dtype_utils.can_cast(a, b, casting) == jnp.can_cast(a, b, casting)
    assert dtype_utils.can_cast(jnp.zeros(2, "int8"), "float32")
    assert not dtype_utils.can_cast(np.float32(1), "int8")
    with pytest.raises(TypeError, match="from_"):
        dtype_utils.can_cast(1, "float32")
    with pytest.raises(ValueError, match="casting"):
        dtype_utils.can_cast("int8", "float32", "sometimes")


def test_isdtype():
    kinds = ["bool", "signed integer", "unsigned integer", "integral", "real floating",
             "complex floating", "numeric", ("bool", "complex floating"), "float32",
             np.int8, dtypes.bfloat16, ("integral", np.float16)]
    for d in ALL:
        for kind in kinds:
            assert dtype_utils.isdtype(d, kind) == jnp.isdtype(d, kind), (d, kind)
    with pytest.raises(ValueError, match="kind"):
        dtype_utils.isdtype("int8", "integer-ish")
    with pytest.raises(TypeError, match="kind"):
        dtype_utils.isdtype("int8", object())
    with pytest.raises(TypeError, match="dtype"):
        dtype_utils.isdtype(jnp.zeros(2), "numeric")


FINFO_ATTRS = ("bits", "eps", "epsneg", "max", "min", "tiny", "smallest_normal",
               "smallest_subnormal", "resolution", "precision", "maxexp", "minexp", "nmant",
               "dtype")


def test_finfo_iinfo():
    for d in (*dtypes.FLOAT_DTYPES, *dtypes.COMPLEX_DTYPES):
        ours, theirs = dtype_utils.finfo(d), jnp.finfo(d)
        for attr in FINFO_ATTRS:
            a, b = getattr(ours, attr), getattr(theirs, attr)
            assert a == b or (np.isnan(a) and np.isnan(b)), (d, attr)
    for d in dtypes.INTEGER_DTYPES:
        ours, theirs = dtype_utils.iinfo(d), jnp.iinfo(d)
        assert (ours.bits, ours.min, ours.max, ours.dtype) == (
            theirs.bits, theirs.min, theirs.max, theirs.dtype), d
    assert dtype_utils.finfo(jnp.zeros(2, "bfloat16")).bits == 16
    assert dtype_utils.iinfo(np.zeros(2, "uint8")).max == 255
    with pytest.raises(ValueError, match="finfo"):
        dtype_utils.finfo("int32")
    with pytest.raises(ValueError, match="iinfo"):
        dtype_utils.iinfo("float32")


def test_errors_name_the_argument():
    with pytest.raises(ValueError, match="at least one"):
        dtype_utils.result_type()
    with pytest.raises(TypeError, match="argument 1"):
        dtype_utils.result_type("int8", object())
    with pytest.raises(TypeError, match="argument 0"):
        dtype_utils.result_type("not-a-dtype")
    with pytest.raises(TypeError, match="argument 0"):
        dtype_utils.result_type([1, 2])
    with pytest.raises(TypeError, match="`b`"):
        dtype_utils.promote_types("int8", "not-a-dtype")
    with pytest.raises(ValueError, match="`a`"):
        dtype_utils.promote_types("U3", "int8")
    with pytest.raises(jax.dtypes.TypePromotionError, match="float8"):
        dtype_utils.promote_types("float8_e4m3fn", "float8_e5m2")
    with pytest.raises(jax.dtypes.TypePromotionError, match="int4"):
        dtype_utils.result_type(jnp.zeros(2, "int4"), jnp.zeros(2, "int8"))


def test_docstring_examples():
    # The examples are written against jaxwrap.numpy; run them with `jnp`
    # bound to this module so they do not depend on the facade's re-exports.
    finder, runner = doctest.DocTestFinder(), doctest.DocTestRunner()
    tests = finder.find(dtype_utils, globs={"jnp": dtype_utils, "np": np})
    for test in tests:
        test.examples = [ex for ex in test.examples
                         if ex.source.strip() != "import jaxwrap.numpy as jnp"]
        runner.run(test)
    assert sum(len(t.examples) for t in tests) >= 14
    assert runner.summarize(verbose=False).failed == 0
