"""Query the scope manifest: which numpy / scipy APIs jaxwrap provides.

The manifest (``jaxwrap/scope.toml``) is data. It classifies

* every numpy / scipy **module** as ``in_scope``, ``partial`` or
  ``out_of_scope``, and
* every public **name** of the modules jaxwrap mirrors (numpy, numpy.linalg,
  numpy.fft, scipy.linalg, scipy.fft, scipy.special, scipy.stats,
  scipy.signal, ...) as ``implemented``, ``planned`` or ``out_of_scope``.

Out-of-scope entries carry the rubric axes that decide them, a one-line
reason and the alternative to use instead. A name inside an out-of-scope
module (``scipy.optimize.minimize``) inherits the module's verdict.

Examples
--------
>>> from jaxwrap import scope
>>> scope.lookup("scipy.optimize.minimize").status
'out_of_scope'
>>> scope.lookup("np.linalg.svd").name
'numpy.linalg.svd'
>>> "scipy.optimize" in scope.out_of_scope_modules()
True
"""

from __future__ import annotations
import __future__ as _future

import dataclasses
import difflib
import functools
import importlib
import importlib.util
import json
import tomllib
import types
import warnings
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

__all__ = [
    "AXES",
    "ScopeEntry",
    "coverage",
    "entries",
    "facade_name",
    "is_supported",
    "lookup",
    "modules",
    "out_of_scope_modules",
    "public_names",
    "public_submodules",
]

#: The six rubric axes, in the rubric's order (axis 1 first).
AXES: tuple[str, ...] = (
    "xla_alignment",
    "array_api",
    "downstream",
    "complexity",
    "functional",
    "importance",
)
AXIS_NUMBER: dict[str, int] = {axis: i + 1 for i, axis in enumerate(AXES)}

MODULE_STATUSES: tuple[str, ...] = ("in_scope", "partial", "out_of_scope")
NAME_STATUSES: tuple[str, ...] = ("implemented", "planned", "out_of_scope")
KINDS: tuple[str, ...] = (
    "module",
    "function",
    "ufunc",
    "class",
    "dtype",
    "exception",
    "constant",
    "object",
)
#: Where a manifest name comes from when it is not a public name of the
#: installed reference module: removed from NumPy 2, added by jax, or only
#: present on some platforms.
ORIGINS: tuple[str, ...] = ("numpy<2", "jax", "platform")

#: Kinds that need not be callable or carry a docstring in a facade.
DATA_KINDS: frozenset[str] = frozenset({"dtype", "constant", "object"})

# Spellings users type for the reference namespaces. Longest prefix wins.
_ALIASES: dict[str, str] = {
    "np": "numpy",
    "onp": "numpy",
    "jnp": "numpy",
    "jax.numpy": "numpy",
    "jaxwrap.numpy": "numpy",
    "sp": "scipy",
    "jsp": "scipy",
    "osp": "scipy",
    "jax.scipy": "scipy",
    "jaxwrap.scipy": "scipy",
}

# Dunder names that count as public (the array API's namespace-info hook).
_PUBLIC_DUNDERS: frozenset[str] = frozenset({"__array_namespace_info__"})

# Field order used when writing the manifest; other keys follow, sorted.
_FIELD_ORDER: tuple[str, ...] = (
    "kind",
    "status",
    "group",
    "axes",
    "reason",
    "alternative",
    "notes",
    "origin",
)

_MANIFEST_PATH = Path(__file__).with_name("scope.toml")


@dataclasses.dataclass(frozen=True)
class ScopeEntry:
    """The manifest's verdict on one module or name.

    Attributes
    ----------
    name : str
        Canonical dotted name, e.g. ``"numpy.linalg.svd"`` or ``"scipy.optimize"``.
    kind : str
        ``"module"``, ``"function"``, ``"ufunc"``, ``"class"``, ``"dtype"``,
        ``"exception"``, ``"constant"``, ``"object"``, or ``"unknown"`` for a
        name whose verdict is inherited from an out-of-scope module and whose
        reference could not be inspected.
    status : str
        For modules ``"in_scope"``, ``"partial"`` or ``"out_of_scope"``; for
        names ``"implemented"``, ``"planned"`` or ``"out_of_scope"``.
    axes : tuple of str
        Rubric axes (see `AXES`) that decide the verdict.
    reason : str
        One-line reason for the verdict ("" when none is recorded).
    alternative : str
        What to use instead ("" when none is recorded).
    module : str
        The reference module the name belongs to (for a module, its parent, or
        ``""`` for ``numpy`` / ``scipy``).
    notes : str
        Differences from numpy / scipy for implemented or planned names.
    origin : str
        ``""`` for a public name of the reference module, else one of
        `ORIGINS`.
    inherited : bool
        True when the verdict comes from an enclosing out-of-scope module.
    """

    name: str
    kind: str
    status: str
    axes: tuple[str, ...] = ()
    reason: str = ""
    alternative: str = ""
    module: str = ""
    notes: str = ""
    origin: str = ""
    inherited: bool = False

    @property
    def short_name(self) -> str:
        """The last component of `name`."""
        return self.name.rpartition(".")[2]

    @property
    def axis_numbers(self) -> tuple[int, ...]:
        """The rubric numbers (1..6) of `axes`."""
        return tuple(AXIS_NUMBER[a] for a in self.axes)

    @property
    def jaxwrap_name(self) -> str | None:
        """Where jaxwrap provides this API, or None if it does not (yet)."""
        if self.kind == "module":
            return facade_name(self.name) if self.status != "out_of_scope" else None
        if self.status == "implemented":
            return f"{facade_name(self.module)}.{self.short_name}"
        return None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of the fields plus axis numbers and jaxwrap name."""
        out = dataclasses.asdict(self)
        out["axes"] = list(self.axes)
        out["axis_numbers"] = list(self.axis_numbers)
        out["jaxwrap_name"] = self.jaxwrap_name
        return out


# --------------------------------------------------------------------------
# Loading the manifest


def manifest_path() -> Path:
    """Path of the manifest file shipped with jaxwrap."""
    return _MANIFEST_PATH


def load_manifest(path: str | Path | None = None) -> dict[str, Any]:
    """Parse the manifest TOML into plain dicts (no resolution of groups).

    Parameters
    ----------
    path : str or Path, optional
        Defaults to the manifest shipped with jaxwrap.

    Returns
    -------
    dict
        With tables ``meta``, ``groups``, ``modules`` and ``names``.
    """
    text = Path(path or _MANIFEST_PATH).read_text(encoding="utf-8")
    data = tomllib.loads(text)
    for table in ("meta", "groups", "modules", "names"):
        data.setdefault(table, {})
    return data


class _Manifest:
    """Resolved view of the manifest: every entry as a `ScopeEntry`."""

    def __init__(self, data: Mapping[str, Any]):
        self.data = data
        self.groups: Mapping[str, Mapping[str, Any]] = data["groups"]
        self.modules: dict[str, ScopeEntry] = {}
        self.names: dict[str, dict[str, ScopeEntry]] = {}
        self.by_name: dict[str, ScopeEntry] = {}
        for mod, raw in data["modules"].items():
            entry = self._resolve(mod, "module", raw, parent=mod.rpartition(".")[0])
            self.modules[mod] = entry
            self.by_name[mod] = entry
        for mod, table in data["names"].items():
            resolved = {}
            for short, raw in table.items():
                full = f"{mod}.{short}"
                entry = self._resolve(full, raw.get("kind", "function"), raw, parent=mod)
                resolved[short] = entry
                self.by_name.setdefault(full, entry)
            self.names[mod] = resolved

    def _resolve(self, full: str, kind: str, raw: Mapping[str, Any], parent: str) -> ScopeEntry:
        fields: dict[str, Any] = {}
        group = raw.get("group")
        if group is not None:
            fields.update(self.groups.get(group, {}))
        fields.update({k: v for k, v in raw.items() if k != "group"})
        short = full.rpartition(".")[2]

        def text(key: str) -> str:
            value = str(fields.get(key, ""))
            return value.replace("{name}", short).replace("{module}", parent)

        return ScopeEntry(
            name=full,
            kind=kind,
            status=str(fields.get("status", "")),
            axes=tuple(fields.get("axes", ())),
            reason=text("reason"),
            alternative=text("alternative"),
            module=parent,
            notes=text("notes"),
            origin=str(fields.get("origin", "")),
        )


@functools.cache
def _manifest() -> _Manifest:
    return _Manifest(load_manifest())


def _reload() -> None:
    """Drop the cached manifest (for tools that rewrite the file)."""
    _manifest.cache_clear()


# --------------------------------------------------------------------------
# Names


def canonical_name(name: str) -> str:
    """Normalise a user-typed name: strip ``()``, map ``np``/``jnp``/... prefixes.

    >>> from jaxwrap.scope import canonical_name
    >>> canonical_name("jnp.linalg.svd()")
    'numpy.linalg.svd'
    """
    name = name.strip()
    name = name.removesuffix("()")
    for alias in sorted(_ALIASES, key=len, reverse=True):
        if name == alias or name.startswith(alias + "."):
            return _ALIASES[alias] + name[len(alias) :]
    return name


def facade_name(module: str) -> str:
    """The jaxwrap module that mirrors reference module `module`.

    >>> from jaxwrap.scope import facade_name
    >>> facade_name("numpy.linalg")
    'jaxwrap.numpy.linalg'
    """
    return f"jaxwrap.{module}" if module else "jaxwrap"


def _kind_of(obj: object) -> str:
    """Classify a reference object into one of `KINDS`."""
    import numpy as np

    if isinstance(obj, types.ModuleType):
        return "module"
    if isinstance(obj, np.ufunc):
        return "ufunc"
    if isinstance(obj, type):
        if issubclass(obj, BaseException):
            return "exception"
        if issubclass(obj, np.generic):
            return "dtype"
        return "class"
    if isinstance(obj, (bool, int, float, complex, str)) or obj is None:
        return "constant"
    if callable(obj):
        return "function"
    return "object"


def _is_submodule(module: types.ModuleType, name: str) -> bool:
    if not hasattr(module, "__path__"):
        return False
    try:
        return importlib.util.find_spec(f"{module.__name__}.{name}") is not None
    except (ImportError, ValueError):
        return False


def public_names(module: types.ModuleType) -> list[str]:
    """The public names of a module, as the manifest and its tests define them.

    A public name is an entry of ``module.__all__`` (or of ``dir(module)``
    when there is no ``__all__``) that does not start with an underscore
    (except ``__array_namespace_info__``), and whose value is neither a
    module (modules are classified at module level; except the modules a
    facade lists in ``__object_modules__``, which stand for a reference
    object such as ``scipy.stats.norm``) nor a ``__future__`` feature.

    Parameters
    ----------
    module : module
        A reference module (``numpy``) or a jaxwrap facade (``jaxwrap.numpy``).

    Returns
    -------
    list of str
        Sorted names.
    """
    candidates = getattr(module, "__all__", None)
    # jaxwrap.scipy.stats publishes scipy's distribution objects as modules
    # (like jax.scipy.stats); it lists them in ``__object_modules__``.
    stand_ins = frozenset(getattr(module, "__object_modules__", ()))
    if candidates is None:
        candidates = dir(module)
    out = set()
    for name in candidates:
        if name.startswith("_") and name not in _PUBLIC_DUNDERS:
            continue
        if name not in vars(module) and _is_submodule(module, name):
            continue  # a lazily loaded submodule: skip it without importing it
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                value = getattr(module, name)
        except AttributeError:
            continue
        if isinstance(value, types.ModuleType) and name in stand_ins:
            out.add(name)  # a module standing for a reference object (stats.norm)
            continue
        if isinstance(value, (types.ModuleType, _future._Feature)):
            continue
        out.add(name)
    return sorted(out)


def public_submodules(module: types.ModuleType) -> list[str]:
    """Submodule names listed in ``module.__all__``, found without importing them.

    These are the names `public_names` leaves out; the manifest classifies
    them at module level.
    """
    out = []
    for name in getattr(module, "__all__", ()):
        if name.startswith("_"):
            continue
        value = vars(module).get(name)
        if isinstance(value, types.ModuleType) or (
            name not in vars(module) and _is_submodule(module, name)
        ):
            out.append(name)
    return sorted(out)


def _suggestions(name: str) -> list[str]:
    man = _manifest()
    keys = list(man.by_name)
    close = difflib.get_close_matches(name, keys, n=4, cutoff=0.75)
    short = name.rpartition(".")[2]
    same_short = [f"{mod}.{short}" for mod, table in sorted(man.names.items()) if short in table]
    if not same_short and short:
        shorts = sorted({s for table in man.names.values() for s in table})
        for guess in difflib.get_close_matches(short, shorts, n=3, cutoff=0.8):
            same_short += [f"{mod}.{guess}" for mod, t in sorted(man.names.items()) if guess in t]
    seen: list[str] = []
    for s in same_short + close:
        if s != name and s not in seen:
            seen.append(s)
    return seen[:6]


def _unknown(name: str, detail: str = "") -> KeyError:
    msg = f"{name!r} is not in the jaxwrap scope manifest"
    if detail:
        msg += f" ({detail})"
    hints = _suggestions(name)
    if hints:
        msg += "; did you mean: " + ", ".join(hints) + "?"
    else:
        msg += "; names look like 'numpy.sin', 'numpy.linalg.svd' or 'scipy.optimize'"
    return KeyError(msg)


def _nearest_module(name: str) -> ScopeEntry | None:
    """The manifest module entry equal to or enclosing `name` (longest prefix)."""
    man = _manifest()
    parts = name.split(".")
    for i in range(len(parts), 0, -1):
        entry = man.modules.get(".".join(parts[:i]))
        if entry is not None:
            return entry
    return None


def module_verdict(name: str) -> ScopeEntry | None:
    """Verdict for `name` taken as a module path, without importing anything.

    Returns the module's own entry when `name` is a manifest module, an
    inherited out-of-scope entry when `name` lies under an out-of-scope
    module, and None otherwise. Used by the import hook.
    """
    name = canonical_name(name)
    entry = _nearest_module(name)
    if entry is None:
        return None
    if entry.name == name:
        return entry
    if entry.status == "out_of_scope":
        return dataclasses.replace(entry, name=name, module=name.rpartition(".")[0], inherited=True)
    return None


def _inspect_reference(module: str, attr: str) -> tuple[bool, str]:
    """(exists, kind) for ``module.attr``; exists is True when unverifiable."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            mod = importlib.import_module(module)
    except Exception:  # noqa: BLE001 - reference missing or broken: cannot check
        return True, "unknown"
    if hasattr(mod, attr):
        return True, _kind_of(getattr(mod, attr))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            sub = importlib.import_module(f"{module}.{attr}")
    except Exception:  # noqa: BLE001
        return False, "unknown"
    return True, _kind_of(sub)


def lookup(name: str) -> ScopeEntry:
    """Return the manifest's verdict on a numpy / scipy module or name.

    Parameters
    ----------
    name : str
        A dotted name: ``"numpy.sin"``, ``"np.sin"``, ``"jnp.sin"``,
        ``"jaxwrap.numpy.sin"``, ``"numpy.linalg.svd"``, ``"scipy.optimize"``,
        ``"scipy.optimize.minimize"``. A bare name (``"sin"``) is looked up
        in the main numpy namespace.

    Returns
    -------
    ScopeEntry
        A name inside an out-of-scope module inherits the module's status,
        axes, reason and alternative (``inherited=True``).

    Raises
    ------
    KeyError
        If the name is unknown; the message lists close matches.

    Examples
    --------
    >>> from jaxwrap.scope import lookup
    >>> lookup("numpy.savetxt").status
    'out_of_scope'
    >>> lookup("scipy.optimize.minimize").inherited
    True
    """
    if not isinstance(name, str):
        raise TypeError(f"lookup: name must be a str, got {type(name).__name__}")
    man = _manifest()
    canon = canonical_name(name)
    if not canon:
        raise KeyError("lookup: empty name")
    entry = man.by_name.get(canon)
    if entry is not None:
        return entry
    if "." not in canon and f"numpy.{canon}" in man.by_name:
        return man.by_name[f"numpy.{canon}"]
    enclosing = _nearest_module(canon)
    if enclosing is None:
        raise _unknown(canon)
    if enclosing.status != "out_of_scope":
        raise _unknown(canon, f"not a classified name of {enclosing.name}")
    module, _, attr = canon.rpartition(".")
    exists, kind = _inspect_reference(module, attr)
    if not exists:
        raise _unknown(canon, f"{module} has no attribute {attr!r}")
    return dataclasses.replace(
        enclosing, name=canon, kind=kind, module=module, notes="", inherited=True
    )


def is_supported(name: str) -> bool:
    """True if jaxwrap provides `name` now.

    A name is supported when its status is ``"implemented"``; a module when
    it is ``"in_scope"`` or ``"partial"``. Unknown names are not supported.

    >>> from jaxwrap.scope import is_supported
    >>> is_supported("scipy.optimize")
    False
    """
    try:
        entry = lookup(name)
    except KeyError:
        return False
    if entry.kind == "module":
        return entry.status in ("in_scope", "partial")
    return entry.status == "implemented"


def _module_key(module: str) -> str:
    mod = canonical_name(module)
    if mod not in _manifest().modules:
        raise _unknown(mod, "not a manifest module")
    return mod


def entries(module: str) -> list[ScopeEntry]:
    """All classified names of one module, sorted by name.

    Parameters
    ----------
    module : str
        A manifest module such as ``"numpy"``, ``"np.linalg"`` or
        ``"scipy.special"``.

    Returns
    -------
    list of ScopeEntry
        Empty for a module whose names are not listed one by one (an
        out-of-scope module: its names inherit its verdict).

    Raises
    ------
    KeyError
        If `module` is not a manifest module.
    """
    mod = _module_key(module)
    table = _manifest().names.get(mod, {})
    return [table[k] for k in sorted(table)]


def modules() -> list[ScopeEntry]:
    """Every module entry, sorted by name."""
    man = _manifest()
    return [man.modules[k] for k in sorted(man.modules)]


def out_of_scope_modules() -> tuple[str, ...]:
    """Names of the reference modules jaxwrap deliberately does not provide.

    >>> from jaxwrap.scope import out_of_scope_modules
    >>> "numpy.random" in out_of_scope_modules()
    True
    """
    return tuple(m.name for m in modules() if m.status == "out_of_scope")


def _counts(table: Iterable[ScopeEntry]) -> dict[str, int]:
    counts = dict.fromkeys(NAME_STATUSES, 0)
    for entry in table:
        counts[entry.status] = counts.get(entry.status, 0) + 1
    counts["total"] = sum(counts[s] for s in NAME_STATUSES)
    return counts


def coverage(module: str | None = None) -> dict[str, Any]:
    """Count names per status.

    Parameters
    ----------
    module : str, optional
        A manifest module. When given, return its counts; otherwise return
        the counts of every module that lists its names.

    Returns
    -------
    dict
        For one module: ``{"implemented": n, "planned": n, "out_of_scope": n,
        "total": n}``. Without `module`: ``{module_name: counts, ...}``.

    Examples
    --------
    >>> from jaxwrap.scope import coverage
    >>> counts = coverage("numpy.fft")
    >>> counts["total"] == counts["implemented"] + counts["planned"] + counts["out_of_scope"]
    True
    """
    if module is not None:
        return _counts(entries(module))
    man = _manifest()
    return {mod: _counts(man.names[mod].values()) for mod in sorted(man.names)}


# --------------------------------------------------------------------------
# Checking and writing the manifest (used by tests and tools/sync_scope.py)


def validate(data: Mapping[str, Any] | None = None) -> list[str]:
    """Structural problems in a manifest (an empty list when it is sound).

    Checks statuses, kinds, axes, origins, group references, and that every
    out-of-scope entry resolves to axes, a reason and an alternative.
    """
    data = load_manifest() if data is None else data
    man = _Manifest(data)
    problems: list[str] = []
    used_groups: set[str] = set()
    raw_entries = [(m, data["modules"][m]) for m in data["modules"]] + [
        (f"{mod}.{n}", raw) for mod, t in data["names"].items() for n, raw in t.items()
    ]
    for full, raw in raw_entries:
        if "group" in raw:
            used_groups.add(raw["group"])
            if raw["group"] not in data["groups"]:
                problems.append(f"{full}: unknown group {raw['group']!r}")
    for name in sorted(set(data["groups"]) - used_groups):
        problems.append(f"group {name!r} is never used")
    for group, fields in data["groups"].items():
        for axis in fields.get("axes", ()):
            if axis not in AXIS_NUMBER:
                problems.append(f"group {group}: unknown axis {axis!r}")
    for entry in man.modules.values():
        if entry.status not in MODULE_STATUSES:
            problems.append(f"{entry.name}: bad module status {entry.status!r}")
        if not entry.reason:
            problems.append(f"{entry.name}: module entry without a reason")
    for table in man.names.values():
        for entry in table.values():
            if entry.status not in NAME_STATUSES:
                problems.append(f"{entry.name}: bad status {entry.status!r}")
            if entry.kind not in KINDS or entry.kind == "module":
                problems.append(f"{entry.name}: bad kind {entry.kind!r}")
            if entry.origin and entry.origin not in ORIGINS:
                problems.append(f"{entry.name}: bad origin {entry.origin!r}")
    for entry in list(man.modules.values()) + [e for t in man.names.values() for e in t.values()]:
        for axis in entry.axes:
            if axis not in AXIS_NUMBER:
                problems.append(f"{entry.name}: unknown axis {axis!r}")
        if entry.status == "out_of_scope":
            for field in ("axes", "reason", "alternative"):
                if not getattr(entry, field):
                    problems.append(f"{entry.name}: out_of_scope without {field}")
    for mod in data["names"]:
        if mod not in data["modules"]:
            problems.append(f"names table {mod!r} has no module entry")
    return problems


def _toml_key(key: str) -> str:
    if key and all(c.isalnum() or c in "_-" for c in key) and key.isascii():
        return key
    return _toml_value(key)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        # JSON string escapes are valid TOML basic-string escapes.
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, Mapping):
        items = ", ".join(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in _ordered(value))
        return "{ " + items + " }" if items else "{}"
    raise TypeError(f"cannot write {type(value).__name__} to the manifest")


def _ordered(fields: Mapping[str, Any]) -> list[tuple[str, Any]]:
    rank = {k: i for i, k in enumerate(_FIELD_ORDER)}
    return sorted(fields.items(), key=lambda kv: (rank.get(kv[0], len(rank)), kv[0]))


_HEADER = """\
# jaxwrap scope manifest.
#
# Which numpy / scipy APIs jaxwrap provides, and for the ones it does not,
# why (rubric axes, reason) and what to use instead. Query it with
# `python -m jaxwrap scope NAME` or `jaxwrap.scope.lookup(NAME)`.
#
# [meta]         reference versions the name tables were taken from.
# [groups.G]     shared verdicts; an entry with `group = "G"` takes G's
#                axes / reason / alternative unless it sets its own.
#                "{name}" in a text stands for the entry's short name.
# [modules."M"]  module verdict: in_scope | partial | out_of_scope.
# [names."M"]    one line per public name of module M:
#                status implemented | planned | out_of_scope.
#
# Axes: 1 xla_alignment, 2 array_api, 3 downstream, 4 complexity,
#       5 functional, 6 importance.
#
# tools/sync_scope.py rewrites this file in a canonical form (sorted keys,
# fixed field order): comments other than this header are not kept, so put
# explanations in `reason` or `notes`.
"""


def format_manifest(data: Mapping[str, Any]) -> str:
    """Render manifest data as canonical TOML text.

    Tables are written in the order meta, groups, modules, names; keys are
    sorted; entry fields follow a fixed order. Names are one inline table
    per line. ``tomllib.loads(format_manifest(d)) == d`` for valid data.
    """
    lines = [_HEADER]

    def table(header: str, fields: Mapping[str, Any]) -> None:
        lines.append(f"[{header}]")
        for key, value in _ordered(fields):
            lines.append(f"{_toml_key(key)} = {_toml_value(value)}")
        lines.append("")

    table("meta", data.get("meta", {}))
    for group in sorted(data.get("groups", {})):
        table(f"groups.{_toml_key(group)}", data["groups"][group])
    for mod in sorted(data.get("modules", {})):
        table(f"modules.{_toml_key(mod)}", data["modules"][mod])
    for mod in sorted(data.get("names", {})):
        lines.append(f"[names.{_toml_key(mod)}]")
        names = data["names"][mod]
        for name in sorted(names):
            lines.append(f"{_toml_key(name)} = {_toml_value(names[name])}")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
