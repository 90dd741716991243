"""The scope manifest: its data, its agreement with numpy/scipy and with the
jaxwrap facades, the import errors of out-of-scope modules, the Python API
and the command line.

"Public name" has one definition, `jaxwrap.scope.public_names`, used here,
by tools/sync_scope.py and by the manifest itself.
"""

from __future__ import annotations

import dataclasses
import importlib
import importlib.util
import json
import os
import subprocess
import sys
import tomllib
import types
import warnings
from pathlib import Path

import numpy as np
import pytest

from jaxwrap import scope
from jaxwrap._src import out_of_scope, scope_cli

ROOT = Path(__file__).resolve().parents[1]
REQUIRED_FACADES = ("numpy", "numpy.linalg", "numpy.fft")
DATA = scope.load_manifest()
NAME_TABLES = sorted(DATA["names"])
MIRRORED = [m for m in NAME_TABLES if DATA["modules"][m]["status"] != "out_of_scope"]


def _reference(module: str) -> types.ModuleType:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return importlib.import_module(module)


def _numpy2() -> bool:
    return int(np.__version__.split(".")[0]) >= 2


def _installed_matches_meta(module: str) -> bool:
    top = module.split(".")[0]
    installed = ".".join(_reference(top).__version__.split(".")[:2])
    return installed == DATA["meta"].get(top)


def _facade(module: str) -> types.ModuleType | None:
    """Import the jaxwrap facade of `module`; None only if it does not exist."""
    name = scope.facade_name(module)
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as err:
        missing_self = err.name is not None and (
            name == err.name or name.startswith(err.name + ".")
        )
        if module in REQUIRED_FACADES or not missing_self:
            raise
        return None


def _load_sync_tool() -> types.ModuleType:
    spec = importlib.util.spec_from_file_location("sync_scope", ROOT / "tools" / "sync_scope.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


# --------------------------------------------------------------------------
# The data itself


def test_manifest_is_valid():
    assert scope.validate() == []


def test_manifest_is_in_canonical_form():
    text = scope.manifest_path().read_text(encoding="utf-8")
    assert scope.format_manifest(DATA) == text, "run: python tools/sync_scope.py"


def test_format_manifest_round_trips():
    assert tomllib.loads(scope.format_manifest(DATA)) == DATA
    tricky = {
        "meta": {"numpy": "2.4"},
        "groups": {"g": {"axes": ["importance"], "reason": "r"}},
        "modules": {"a.b": {"status": "in_scope", "reason": 'quote " back\\ tab\t é'}},
        "names": {"a.b": {"x-y": {"kind": "function", "status": "planned"}}},
    }
    assert tomllib.loads(scope.format_manifest(tricky)) == tricky


@pytest.mark.parametrize("module", NAME_TABLES)
def test_every_public_name_is_classified(module):
    if module.startswith("numpy") and not _numpy2():
        pytest.skip("the manifest tracks the NumPy 2 namespace")
    public = set(scope.public_names(_reference(module)))
    missing = sorted(public - set(DATA["names"][module]))
    assert not missing, f"unclassified public names of {module}: {missing}"


@pytest.mark.parametrize("module", NAME_TABLES)
def test_listed_names_exist_in_reference(module):
    if not _installed_matches_meta(module):
        pytest.skip("installed reference version differs from the manifest's [meta]")
    public = set(scope.public_names(_reference(module)))
    table = DATA["names"][module]
    phantom = sorted(n for n, e in table.items() if "origin" not in e and n not in public)
    assert not phantom, f"names of {module} missing from the reference (set origin?): {phantom}"
    stale = sorted(n for n, e in table.items() if e.get("origin") == "numpy<2" and n in public)
    assert not stale, f"marked removed in NumPy 2 but present: {stale}"


@pytest.mark.parametrize("module", NAME_TABLES)
def test_reference_submodules_are_classified(module):
    subs = scope.public_submodules(_reference(module))
    missing = sorted(f"{module}.{s}" for s in subs if f"{module}.{s}" not in DATA["modules"])
    assert not missing, f"submodules without a module verdict: {missing}"


def test_required_modules_have_verdicts():
    for module in REQUIRED_FACADES:
        assert DATA["modules"][module]["status"] == "in_scope"
    expected_out = [
        "numpy.random",
        "numpy.polynomial",
        "numpy.testing",
        "numpy.ma",
        "numpy.char",
        "numpy.strings",
        "numpy.rec",
        "numpy.ctypeslib",
        "numpy.f2py",
        "scipy.cluster",
        "scipy.constants",
        "scipy.datasets",
        "scipy.differentiate",
        "scipy.fftpack",
        "scipy.integrate",
        "scipy.interpolate",
        "scipy.io",
        "scipy.misc",
        "scipy.ndimage",
        "scipy.odr",
        "scipy.optimize",
        "scipy.sparse",
        "scipy.sparse.linalg",
        "scipy.spatial",
    ]
    oos = scope.out_of_scope_modules()
    assert [m for m in expected_out if m not in oos] == []
    for module in ("scipy.linalg", "scipy.fft", "scipy.special"):
        assert scope.lookup(module).status == "in_scope"
    for module in ("scipy.signal", "scipy.stats"):
        assert scope.lookup(module).status == "partial"


@pytest.mark.parametrize(
    "name",
    [
        "numpy.savetxt",
        "numpy.loadtxt",
        "numpy.seterr",
        "numpy.errstate",
        "numpy.memmap",
        "numpy.nditer",
        "numpy.ndenumerate",
        "numpy.busday_count",
        "numpy.datetime_as_string",
        "numpy.matrix",
        "numpy.recarray",
        "numpy.get_include",
        "numpy.show_config",
        "numpy.poly1d",
        "scipy.stats.ttest_ind",
        "scipy.signal.butter",
        "scipy.linalg.get_lapack_funcs",
    ],
)
def test_host_and_object_apis_are_out_of_scope(name):
    entry = scope.lookup(name)
    assert entry.status == "out_of_scope"
    assert entry.axes and set(entry.axes) <= set(scope.AXES)
    assert entry.reason and entry.alternative
    assert "{name}" not in entry.alternative


@pytest.mark.parametrize(
    "name",
    [
        "numpy.sin",
        "numpy.sum",
        "numpy.linalg.svd",
        "numpy.fft.rfft",
        "scipy.special.gammaln",
        "scipy.stats.norm",
        "scipy.signal.convolve",
        "scipy.linalg.expm",
        "scipy.fft.dct",
    ],
)
def test_array_functions_are_in_scope(name):
    assert scope.lookup(name).status in ("implemented", "planned")


# --------------------------------------------------------------------------
# Manifest vs. facades


@pytest.mark.parametrize("module", MIRRORED)
def test_implemented_names_are_exported(module):
    facade = _facade(module)
    implemented = sorted(
        n for n, e in DATA["names"][module].items() if e["status"] == "implemented"
    )
    if facade is None:
        assert not implemented, f"{scope.facade_name(module)} does not exist"
        return
    exported = set(scope.public_names(facade))
    missing = [n for n in implemented if n not in exported]
    assert not missing, (
        f"marked implemented but not exported by {facade.__name__}: {missing} "
        "(run: python tools/sync_scope.py)"
    )


@pytest.mark.parametrize("module", MIRRORED)
def test_exports_are_marked_implemented(module):
    facade = _facade(module)
    if facade is None:
        return
    table = DATA["names"][module]
    exported = scope.public_names(facade)
    planned = [n for n in exported if table.get(n, {}).get("status") == "planned"]
    assert not planned, f"exported but still planned: {planned} (run: python tools/sync_scope.py)"
    out = [n for n in exported if table.get(n, {}).get("status") == "out_of_scope"]
    assert not out, f"{facade.__name__} exports names the manifest puts out of scope: {out}"
    unknown = [n for n in exported if n not in table]
    assert not unknown, f"{facade.__name__} exports names the manifest does not list: {unknown}"


@pytest.mark.parametrize("module", MIRRORED)
def test_implemented_callables_are_documented(module):
    facade = _facade(module)
    if facade is None:
        return
    bad = []
    for name, entry in sorted(DATA["names"][module].items()):
        if entry["status"] != "implemented" or entry["kind"] in scope.DATA_KINDS:
            continue
        obj = getattr(facade, name, None)
        if obj is None:
            continue  # reported by test_implemented_names_are_exported
        if not callable(obj):
            bad.append(f"{name} (not callable)")
        elif not (getattr(obj, "__doc__", None) or "").strip():
            bad.append(f"{name} (no docstring)")
    assert not bad, f"{facade.__name__}: {bad}"


# --------------------------------------------------------------------------
# Out-of-scope modules fail on import


@pytest.fixture
def finder():
    return out_of_scope.install()


@pytest.mark.parametrize("module", scope.out_of_scope_modules())
def test_finder_rejects_out_of_scope_module(module, finder):
    fullname = f"jaxwrap.{module}"
    with pytest.raises(ModuleNotFoundError) as info:
        finder.find_spec(fullname)
    entry = scope.lookup(module)
    assert info.value.name == fullname
    message = str(info.value)
    assert entry.reason.rstrip(".") in message
    assert entry.alternative in message


def test_finder_leaves_other_modules_alone(finder):
    for name in (
        "jaxwrap.numpy.linalg",
        "jaxwrap.scipy.special",
        "jaxwrap._src.nothing",
        "jaxwrap.random",
        "numpy.random",
        "jaxwrap_extend.core",
        "jaxwrap.scipy.signal.x",
    ):
        assert finder.find_spec(name) is None
    err = pytest.raises(ModuleNotFoundError, finder.find_spec, "jaxwrap.scipy.sparse.csgraph.x")
    assert "part of scipy.sparse" in str(err.value)


@pytest.mark.parametrize(
    "module",
    [
        "jaxwrap.scipy.optimize",
        "jaxwrap.numpy.random",
        "jaxwrap.numpy.polynomial",
        "jaxwrap.numpy.testing",
        "jaxwrap.numpy.ma",
        "jaxwrap.scipy.integrate",
        "jaxwrap.scipy.interpolate",
        "jaxwrap.scipy.ndimage",
        "jaxwrap.scipy.sparse",
    ],
)
def test_import_out_of_scope_module_raises(module, finder):
    sys.modules.pop(module, None)
    with pytest.raises(ModuleNotFoundError) as info:
        importlib.import_module(module)
    assert info.value.name == module
    assert scope.lookup(module).reason.rstrip(".") in str(info.value)


def test_import_below_out_of_scope_module_raises(finder):
    with pytest.raises(ModuleNotFoundError) as info:
        importlib.import_module("jaxwrap.scipy.sparse.linalg")
    assert info.value.name == "jaxwrap.scipy.sparse"
    assert "lineax" in str(info.value)


def test_install_is_idempotent():
    first = out_of_scope.install()
    assert out_of_scope.install() is first
    assert sum(isinstance(f, out_of_scope.OutOfScopeFinder) for f in sys.meta_path) == 1
    out_of_scope.uninstall()
    assert not any(isinstance(f, out_of_scope.OutOfScopeFinder) for f in sys.meta_path)
    out_of_scope.install()


def test_importing_jaxwrap_installs_the_finder():
    code = (
        "import sys, jaxwrap\n"
        "from jaxwrap._src.out_of_scope import OutOfScopeFinder\n"
        "assert any(isinstance(f, OutOfScopeFinder) for f in sys.meta_path), sys.meta_path\n"
        "try:\n"
        "    import jaxwrap.scipy.optimize\n"
        "except ModuleNotFoundError as e:\n"
        "    assert 'optimistix' in str(e), e\n"
        "else:\n"
        "    raise AssertionError('imported')\n"
    )
    _run([sys.executable, "-c", code])


def test_module_getattr_explains():
    getattr_ = out_of_scope.module_getattr("jaxwrap.numpy")
    with pytest.raises(AttributeError) as info:
        getattr_("savetxt")
    assert info.value.name == "savetxt"
    assert scope.lookup("numpy.savetxt").reason.rstrip(".") in str(info.value)
    with pytest.raises(AttributeError, match="jax.random"):
        getattr_("random")
    with pytest.raises(AttributeError) as info:
        getattr_("no_such_name")
    assert str(info.value) == "module 'jaxwrap.numpy' has no attribute 'no_such_name'"
    with pytest.raises(AttributeError):
        getattr_("__wrapped__")
    assert out_of_scope.module_getattr("jaxwrap")("numpy") is importlib.import_module(
        "jaxwrap.numpy"
    )


def test_package_attribute_access_explains(finder):
    scipy_pkg = importlib.import_module("jaxwrap.scipy")
    with pytest.raises(AttributeError, match="optimistix"):
        scipy_pkg.optimize  # noqa: B018
    numpy_pkg = importlib.import_module("jaxwrap.numpy")
    with pytest.raises(AttributeError, match="File I/O"):
        numpy_pkg.savetxt  # noqa: B018


# --------------------------------------------------------------------------
# Python API


def test_lookup_spellings_agree():
    entry = scope.lookup("numpy.sin")
    assert entry.name == "numpy.sin" and entry.module == "numpy" and entry.kind == "ufunc"
    for spelling in (
        "np.sin",
        "jnp.sin",
        "jax.numpy.sin",
        "jaxwrap.numpy.sin",
        "sin",
        " numpy.sin() ",
    ):
        assert scope.lookup(spelling) == entry
    assert scope.lookup("jnp.linalg.svd").name == "numpy.linalg.svd"
    assert scope.lookup("jsp.special.gammaln").name == "scipy.special.gammaln"


def test_lookup_module_and_inherited_name():
    module = scope.lookup("scipy.optimize")
    assert (module.kind, module.status, module.module) == ("module", "out_of_scope", "scipy")
    assert "optimistix" in module.alternative and "jaxopt" in module.alternative
    assert "downstream" in module.axes
    name = scope.lookup("scipy.optimize.minimize")
    assert name.inherited and name.kind == "function" and name.module == "scipy.optimize"
    assert (name.status, name.axes, name.reason, name.alternative) == (
        module.status,
        module.axes,
        module.reason,
        module.alternative,
    )


def test_lookup_unknown_names():
    with pytest.raises(KeyError, match="did you mean.*numpy.sinh"):
        scope.lookup("numpy.sinh2")
    with pytest.raises(KeyError, match="scipy.special.gammaln"):
        scope.lookup("numpy.gammaln")
    with pytest.raises(KeyError):
        scope.lookup("scipy.optimize.not_a_function")
    with pytest.raises(KeyError):
        scope.lookup("numpy.linalg.nope")
    with pytest.raises(KeyError):
        scope.lookup("nonsense.module")
    with pytest.raises(TypeError):
        scope.lookup(3)  # type: ignore[arg-type]


def test_entry_is_frozen_and_serialisable():
    entry = scope.lookup("numpy.savetxt")
    with pytest.raises(dataclasses.FrozenInstanceError):
        entry.status = "implemented"  # type: ignore[misc]
    data = entry.to_dict()
    assert json.loads(json.dumps(data))["axis_numbers"] == [
        scope.AXIS_NUMBER[a] for a in entry.axes
    ]
    assert data["jaxwrap_name"] is None


def test_jaxwrap_name_of_implemented_entries():
    implemented = [e for e in scope.entries("numpy") if e.status == "implemented"]
    if not implemented:
        pytest.skip("nothing implemented yet")
    assert implemented[0].jaxwrap_name == f"jaxwrap.numpy.{implemented[0].short_name}"
    assert scope.lookup("numpy.linalg").jaxwrap_name == "jaxwrap.numpy.linalg"


def test_entries_and_coverage_agree():
    counts = scope.coverage()
    assert sorted(counts) == NAME_TABLES
    for module in NAME_TABLES:
        listed = scope.entries(module)
        assert [e.name for e in listed] == sorted(e.name for e in listed)
        c = scope.coverage(module)
        assert c == counts[module]
        assert c["total"] == len(listed) == c["implemented"] + c["planned"] + c["out_of_scope"]
    assert scope.coverage("np.linalg") == counts["numpy.linalg"]
    assert scope.entries("scipy.optimize") == []
    with pytest.raises(KeyError):
        scope.entries("numpy.nothing")


def test_is_supported():
    assert not scope.is_supported("scipy.optimize")
    assert not scope.is_supported("scipy.optimize.minimize")
    assert not scope.is_supported("numpy.savetxt")
    assert not scope.is_supported("definitely.not.a.name")
    assert scope.is_supported("numpy.linalg")
    for entry in scope.entries("numpy"):
        assert scope.is_supported(entry.name) == (entry.status == "implemented")


def test_public_names_definition():
    import __future__

    import math

    def f():
        """A function."""

    fake = types.ModuleType("fake")
    fake.annotations = __future__.annotations
    fake.math = math
    fake.f = f
    fake._hidden = 1
    fake.__array_namespace_info__ = f
    fake.const = 2
    assert scope.public_names(fake) == ["__array_namespace_info__", "const", "f"]
    fake.__all__ = ["f", "math"]
    assert scope.public_names(fake) == ["f"]


# --------------------------------------------------------------------------
# Command line


def _cli(capsys, *argv):
    code = scope_cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_name(capsys):
    code, out, _ = _cli(capsys, "numpy.savetxt", "scipy.optimize.minimize")
    assert code == 0
    assert "status:      out_of_scope" in out
    assert scope.lookup("numpy.savetxt").reason in out
    assert "optimistix" in out


def test_cli_unknown_name(capsys):
    code, out, err = _cli(capsys, "numpy.sin", "numpy.sinh2")
    assert code == 1
    assert "numpy.sin" in out and "did you mean" in err


def test_cli_summary_and_json(capsys):
    code, out, _ = _cli(capsys, "--summary")
    assert code == 0
    for module in NAME_TABLES:
        assert module in out
    assert "scipy.optimize" in out
    code, out, _ = _cli(capsys, "--json", "--summary", "np.sin", "nope.nothing")
    assert code == 1
    payload = json.loads(out)
    assert payload["summary"]["numpy"]["total"] == scope.coverage("numpy")["total"]
    assert payload["results"][0]["name"] == "numpy.sin"
    assert "error" in payload["results"][1]
    code, out, _ = _cli(capsys, "--list", "scipy.linalg", "--status", "out_of_scope", "--json")
    assert code == 0
    names = [e["name"] for e in json.loads(out)["entries"]]
    assert "scipy.linalg.get_lapack_funcs" in names
    assert all(scope.lookup(n).status == "out_of_scope" for n in names)


def test_cli_usage_errors(capsys):
    with pytest.raises(SystemExit) as info:
        scope_cli.main([])
    assert info.value.code == 2
    capsys.readouterr()


def _run(argv, expect=0):
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    proc = subprocess.run(
        argv, check=False, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == expect, proc.stdout + proc.stderr
    return proc


def test_python_dash_m_jaxwrap_scope():
    argv = [sys.executable, "-m", "jaxwrap", "scope", "--json", "scipy.sparse", "numpy.not_there"]
    results = json.loads(_run(argv, expect=1).stdout)["results"]
    assert results[0]["status"] == "out_of_scope"
    assert "not in the jaxwrap scope manifest" in results[1]["error"]


# --------------------------------------------------------------------------
# tools/sync_scope.py


def test_sync_tool_flips_only_planned_names():
    tool = _load_sync_tool()
    data = scope.load_manifest()
    data["names"]["numpy"]["sin"]["status"] = "planned"
    data["names"]["numpy"]["cos"]["status"] = "implemented"
    fake = types.ModuleType("fake")
    fake.sin = lambda x: x
    fake.savetxt = lambda *a: None
    fake.bogus = lambda: None
    new, report = tool.sync(data, facades={m: (fake if m == "numpy" else None) for m in MIRRORED})
    assert new["names"]["numpy"]["sin"]["status"] == "implemented"
    assert new["names"]["numpy"]["cos"]["status"] == "planned"
    assert new["names"]["numpy"]["savetxt"]["status"] == "out_of_scope"
    assert "numpy.sin" in report.promoted and "numpy.cos" in report.demoted
    assert report.conflicts == ["numpy.savetxt"]
    assert report.unclassified and report.unclassified[0].startswith("numpy.bogus")
    assert data["names"]["numpy"]["sin"]["status"] == "planned"  # input untouched
    again, report2 = tool.sync(new, facades={m: (fake if m == "numpy" else None) for m in MIRRORED})
    assert again == new and not (report2.promoted or report2.demoted)
    assert scope.format_manifest(again) == scope.format_manifest(new)


# --- the manifest's notes match the code -------------------------------------------------------
# Every note of an implemented name that makes a claim about a keyword, a mode or a behaviour
# ("x= supported", "mode='raw' returns ...", "requires inplace=False", "y is not supported")
# has a check here that makes the call and asserts the claim, positive or negative.
def _claims():
    import jax

    import jaxwrap.numpy as jnp
    import jaxwrap.scipy.linalg as L

    z = np.zeros((3, 3), np.float32)
    a = np.array([[4.0, 1.0, 0.5], [1.0, 3.0, 0.2], [0.5, 0.2, 2.0]], np.float32)
    g = np.array([[1.0, 2.0, 0.0], [-1.0, 0.5, 1.0], [0.3, 0.0, 2.0]], np.float32)

    def array(x):
        assert isinstance(x, jax.Array), type(x)
        return np.asarray(x)

    def raises(exc, fn, match):
        with pytest.raises(exc, match=match):
            fn()

    def functional(fn, ref, name):
        out = np.array(z)
        ref(out)
        np.testing.assert_array_equal(array(fn(z, inplace=False)), out)
        raises((ValueError, NotImplementedError), lambda: fn(z), "inplace=False")

    def exact_on_host(name):
        import scipy.special as ss

        import jaxwrap.scipy.special as S
        args = {"comb": (30, 12), "perm": (30, 12), "factorial": (25,), "factorial2": (25,),
                "factorialk": (25, 3), "stirling2": (20, 7)}[name]
        got = getattr(S, name)(*args, exact=True)
        assert got == getattr(ss, name)(*args, exact=True) and isinstance(got, int)
        raises(TypeError, lambda: jax.jit(lambda a: getattr(S, name)(a, *args[1:],
                                                                     exact=True))(args[0]),
               "exact|concrete|traced")

    def ufunc_claims():
        add = jnp.add
        assert (add.nin, add.nout, add.nargs, add.identity) == (2, 1, 2, 0)  # nargs: jax's (= nin)
        v = np.arange(6.0, dtype=np.float32)
        np.testing.assert_array_equal(array(add.reduce(v)), np.add.reduce(v))
        np.testing.assert_array_equal(array(add.accumulate(v)), np.add.accumulate(v))
        np.testing.assert_array_equal(array(add.reduceat(v, [0, 2, 5])),
                                      np.add.reduceat(v, [0, 2, 5]))
        np.testing.assert_array_equal(array(add.outer(v[:2], v[:3])), np.add.outer(v[:2], v[:3]))
        ref = v.copy()
        np.add.at(ref, [0, 0, 3], 1.0)
        np.testing.assert_array_equal(array(add.at(v, [0, 0, 3], 1.0, inplace=False)), ref)
        raises(ValueError, lambda: add.at(v, [0], 1.0), "inplace=False")

    def vectorize_claims():
        f = jnp.vectorize(lambda x, y: jnp.multiply(x, y), excluded={1})
        np.testing.assert_allclose(array(f(g, 2.0)), g * 2)
        s = jnp.vectorize(lambda x: jnp.sum(x), signature="(n)->()")
        np.testing.assert_allclose(array(s(g)), g.sum(1), rtol=1e-6)
        o = jnp.vectorize(lambda x: jnp.multiply(x, 2.5), otypes=[np.int32])
        assert o(g).dtype == np.int32

    def static_size(fn, ref):
        got = jax.jit(lambda v: fn(v, size=4, fill_value=-1))(np.array([0, 3, 3, 1], np.int32))
        for g_, r in zip(jax.tree.leaves(got), ref):
            np.testing.assert_array_equal(array(g_), r)
        raises(Exception, lambda: jax.jit(fn)(np.array([0, 3], np.int32)), "size")

    def disp_false(fn, m):
        out, err = fn(m, disp=False) if fn is not L.funm else fn(m, jnp.exp, disp=False)
        array(out)
        assert np.isnan(array(err))

    def rank(fn):
        inv, r = fn(a, return_rank=True)
        np.testing.assert_allclose(array(inv), np.linalg.inv(a), rtol=1e-4, atol=1e-5)
        assert int(r) == 3 and isinstance(r, jax.Array)

    def complex_out(fn, m):
        out = array(fn(m))
        assert out.dtype == np.complex64, out.dtype
        return out

    return {
        "numpy.fill_diagonal": lambda: functional(
            lambda x, **k: jnp.fill_diagonal(x, 1.0, **k), lambda o: np.fill_diagonal(o, 1.0),
            "fill_diagonal"),
        "numpy.place": lambda: functional(
            lambda x, **k: jnp.place(x, z == 0, np.float32(2), **k),
            lambda o: np.place(o, o == 0, 2.0), "place"),
        "numpy.put": lambda: functional(
            lambda x, **k: jnp.put(x, [0, 4], np.float32(5), **k), lambda o: np.put(o, [0, 4], 5.0),
            "put"),
        "numpy.put_along_axis": lambda: functional(
            lambda x, **k: jnp.put_along_axis(x, np.ones((3, 1), np.int32), np.float32(7), axis=1,
                                              **k),
            lambda o: np.put_along_axis(o, np.ones((3, 1), np.int64), 7.0, axis=1),
            "put_along_axis"),
        "numpy.fromstring": lambda: (
            np.testing.assert_array_equal(array(jnp.fromstring("1 2 3", dtype=np.float32,
                                                                sep=" ")), [1, 2, 3]),
            raises(TypeError, lambda: jnp.fromstring("1 2", dtype=np.float32), "sep")),
        "numpy.insert": lambda: (
            np.testing.assert_array_equal(array(jnp.insert(g, [0, 2], 9.0, axis=1)),
                                          np.insert(g, [0, 2], 9.0, axis=1)),
            raises((IndexError, TypeError, ValueError),
                   lambda: jnp.insert(g, np.array([True, False, True]), 9.0, axis=1),
                   "boolean")),
        "numpy.nonzero": lambda: static_size(jnp.nonzero, [[1, 2, 3, -1]]),
        "numpy.unique": lambda: static_size(jnp.unique, [[0, 1, 3, -1]]),
        "numpy.ufunc": ufunc_claims,
        "numpy.vectorize": vectorize_claims,
        **{f"scipy.special.{n}": (lambda n=n: exact_on_host(n))
           for n in ("comb", "perm", "factorial", "factorial2", "factorialk", "stirling2")},
        "scipy.linalg.cholesky": lambda: np.testing.assert_equal(
            bool(np.isnan(array(L.cholesky(-a))).any()), True),
        "scipy.linalg.eig": lambda: raises(NotImplementedError, lambda: L.eig(g, b=a), "b="),
        "scipy.linalg.eigvals": lambda: raises(NotImplementedError, lambda: L.eigvals(g, b=a),
                                               "b="),
        "scipy.linalg.eigh": lambda: (
            np.testing.assert_allclose(array(L.eigh(a, b=np.diag([1.0, 2.0, 4.0]).astype(
                np.float32), eigvals_only=True)),
                __import__("scipy.linalg").linalg.eigh(a, np.diag([1.0, 2.0, 4.0]),
                                                       eigvals_only=True), rtol=1e-5),
            raises(ValueError, lambda: L.eigh(a, subset_by_value=(0.0, 3.0)),
                   "subset_by_value")),
        "scipy.linalg.eigh_tridiagonal": lambda: (
            array(L.eigh_tridiagonal(np.diag(a), np.diag(a, 1), eigvals_only=False)[1]),
            raises(ValueError, lambda: L.eigh_tridiagonal(np.diag(a), np.diag(a, 1), select="v",
                                                          select_range=(0, 3)), "select")),
        "scipy.linalg.eigvalsh_tridiagonal": lambda: raises(
            ValueError, lambda: L.eigvalsh_tridiagonal(np.diag(a), np.diag(a, 1), select="v",
                                                       select_range=(0, 3)), "select"),
        "scipy.linalg.expm_frechet": lambda: [array(v) for v in L.expm_frechet(
            g / 4, a / 8, method="SPS")],
        "scipy.linalg.funm": lambda: disp_false(L.funm, g / 4),
        "scipy.linalg.logm": lambda: (complex_out(L.logm, a), disp_false(L.logm, a)),
        "scipy.linalg.signm": lambda: disp_false(L.signm, g),
        "scipy.linalg.sqrtm": lambda: complex_out(L.sqrtm, a),
        "scipy.linalg.invpascal": lambda: np.testing.assert_array_equal(
            array(L.invpascal(4, exact=True)), __import__("scipy.linalg").linalg.invpascal(4)),
        "scipy.linalg.pascal": lambda: np.testing.assert_array_equal(
            array(L.pascal(4, exact=True)), __import__("scipy.linalg").linalg.pascal(4)),
        "scipy.linalg.pinv": lambda: rank(L.pinv),
        "scipy.linalg.pinvh": lambda: rank(L.pinvh),
        "scipy.linalg.polar": lambda: (
            [np.testing.assert_allclose(array(q), array(s_), rtol=1e-4, atol=1e-5)
             for q, s_ in zip(L.polar(g, method="qdwh"), L.polar(g, method="svd"))],
            raises(ValueError, lambda: L.polar(g, method="newton"), "method")),
        "scipy.linalg.qr": lambda: np.testing.assert_allclose(
            array(L.qr(g, mode="raw")[0][0]), __import__("scipy.linalg").linalg.qr(
                g, mode="raw")[0][0], rtol=1e-5, atol=1e-6),
        "scipy.linalg.schur": lambda: raises(NotImplementedError,
                                             lambda: L.schur(g, sort="lhp"), "sort"),
        "scipy.linalg.solve_circulant": lambda: np.testing.assert_equal(
            bool(np.isnan(array(L.solve_circulant(np.array([1.0, 1.0], np.float32),
                                                  np.ones(2, np.float32),
                                                  singular="raise"))).all()), True),
        # both methods solve a X + X b = q like scipy; eigenvalue sums within tol -> NaN
        "scipy.linalg.solve_sylvester": lambda: (
            [np.testing.assert_allclose(
                array(L.solve_sylvester(a, g, a, method=m)),
                __import__("scipy.linalg").linalg.solve_sylvester(a, g, a), rtol=1e-4,
                atol=1e-5) for m in ("schur", "eigen")],
            np.testing.assert_equal(bool(np.isnan(array(
                L.solve_sylvester(a, -a, a, method="eigen", tol=1e-3))).all()), True),
            raises(ValueError, lambda: L.solve_sylvester(a, g, a, method="qr"), "method")),
    }


def _claiming_notes():
    import re
    claim = re.compile(r"\b[a-z_]+=|support|accept", re.I)
    return sorted(f"{mod}.{name}" for mod, names in DATA["names"].items()
                  for name, e in names.items()
                  if e.get("status") == "implemented" and claim.search(e.get("notes", "")))


def test_every_claiming_note_has_a_check():
    missing = sorted(set(_claiming_notes()) - set(_claims()))
    assert not missing, f"manifest notes that claim a keyword/mode/behaviour with no check " \
        f"in tests/test_scope.py::_claims: {missing}"


@pytest.mark.parametrize("name", sorted(_claims()))
def test_manifest_claim_holds(name):
    entry = DATA["names"][name.rsplit(".", 1)[0]][name.rsplit(".", 1)[1]]
    assert entry["status"] == "implemented" and entry.get("notes"), name
    _claims()[name]()
