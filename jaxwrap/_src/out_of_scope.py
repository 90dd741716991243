"""Make out-of-scope modules fail loudly, quoting the scope manifest.

jaxwrap mirrors reference modules under its own name (``numpy.linalg`` ->
``jaxwrap.numpy.linalg``). For a reference module the manifest marks
``out_of_scope`` there is deliberately no jaxwrap module, and importing it
raises :class:`ModuleNotFoundError` whose message gives the manifest's
reason and alternative::

    >>> import jaxwrap.scipy.optimize            # doctest: +SKIP
    ModuleNotFoundError: No module named 'jaxwrap.scipy.optimize': scipy.optimize
    is out of scope for jaxwrap (rubric axes: 3 downstream). ...

Two hooks do this:

* `install` puts an :class:`OutOfScopeFinder` at the end of
  :data:`sys.meta_path`; it is consulted only after the normal finders
  found nothing, so it never shadows a real module.
* `module_getattr` builds a module-level ``__getattr__`` for a jaxwrap
  package, so attribute access (``jaxwrap.scipy.optimize``,
  ``jaxwrap.numpy.savetxt``) raises :class:`AttributeError` with the same
  explanation, and in-scope submodules are imported on first access.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import sys
from collections.abc import Callable, Sequence
from types import ModuleType

from jaxwrap import scope

__all__ = ["OutOfScopeFinder", "install", "module_getattr", "out_of_scope_message", "uninstall"]

_PREFIX = "jaxwrap."


def _reference_name(jaxwrap_name: str) -> str:
    """``jaxwrap.scipy.optimize`` -> ``scipy.optimize``; ``jaxwrap`` -> ``""``."""
    if jaxwrap_name == "jaxwrap":
        return ""
    if jaxwrap_name.startswith(_PREFIX):
        return jaxwrap_name[len(_PREFIX) :]
    return jaxwrap_name


def _axes_text(entry: scope.ScopeEntry) -> str:
    return ", ".join(f"{scope.AXIS_NUMBER[a]} {a}" for a in entry.axes)


def out_of_scope_message(jaxwrap_name: str, entry: scope.ScopeEntry) -> str:
    """The explanation used by the import and attribute hooks.

    Parameters
    ----------
    jaxwrap_name : str
        What the user asked for, e.g. ``"jaxwrap.scipy.optimize"``.
    entry : ScopeEntry
        The manifest verdict for the corresponding reference name.
    """
    what = entry.name
    if entry.inherited:
        what = f"{entry.name} (part of {_enclosing_out_of_scope(entry.name)})"
    parts = [f"{what} is out of scope for jaxwrap"]
    if entry.axes:
        parts[0] += f" (rubric axes: {_axes_text(entry)})"
    parts[0] += "."
    if entry.reason:
        parts.append(f"Reason: {entry.reason.rstrip('.')}.")
    if entry.alternative:
        parts.append(f"Use instead: {entry.alternative}.")
    parts.append(f"See `python -m jaxwrap scope {entry.name}`.")
    return " ".join(parts)


def _enclosing_out_of_scope(name: str) -> str:
    parent = name
    while "." in parent:
        parent = parent.rpartition(".")[0]
        verdict = scope.module_verdict(parent)
        if verdict is not None and not verdict.inherited:
            return parent
    return name


class OutOfScopeFinder(importlib.abc.MetaPathFinder):
    """Meta-path finder that rejects ``jaxwrap.<out-of-scope module>`` imports.

    It returns None (letting the import fail normally, or succeed through
    another finder) for everything except a ``jaxwrap.`` module whose
    reference module the manifest marks out of scope; for those it raises
    :class:`ModuleNotFoundError` with ``.name`` set to the requested module.
    """

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None = None,
        target: ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        if not fullname.startswith(_PREFIX):
            return None
        reference = _reference_name(fullname)
        try:
            verdict = scope.module_verdict(reference)
        except Exception:  # noqa: BLE001 - a broken manifest must not break imports
            return None
        if verdict is None or verdict.status != "out_of_scope":
            return None
        message = f"No module named {fullname!r}: " + out_of_scope_message(fullname, verdict)
        raise ModuleNotFoundError(message, name=fullname)

    def invalidate_caches(self) -> None:
        scope._reload()


def _installed() -> OutOfScopeFinder | None:
    for finder in sys.meta_path:
        if isinstance(finder, OutOfScopeFinder):
            return finder
    return None


def install() -> OutOfScopeFinder:
    """Append the out-of-scope finder to :data:`sys.meta_path` (idempotent).

    Returns
    -------
    OutOfScopeFinder
        The installed finder.
    """
    finder = _installed()
    if finder is None:
        finder = OutOfScopeFinder()
        sys.meta_path.append(finder)
    return finder


def uninstall() -> None:
    """Remove the finder from :data:`sys.meta_path` if present."""
    finder = _installed()
    while finder is not None:
        sys.meta_path.remove(finder)
        finder = _installed()


def module_getattr(package_name: str) -> Callable[[str], object]:
    """Build a module ``__getattr__`` that explains missing attributes.

    Use in a jaxwrap package's ``__init__``::

        __getattr__ = module_getattr(__name__)

    Parameters
    ----------
    package_name : str
        The package's own ``__name__``, e.g. ``"jaxwrap.scipy"``.

    Returns
    -------
    callable
        ``__getattr__(name)``: imports and returns an in-scope submodule on
        first access; otherwise raises :class:`AttributeError` that says
        whether the name is out of scope (with reason and alternative),
        planned, or unknown.
    """
    reference_package = _reference_name(package_name)

    def __getattr__(name: str) -> object:
        plain = f"module {package_name!r} has no attribute {name!r}"
        if name.startswith("_"):
            raise AttributeError(plain, name=name)
        reference = f"{reference_package}.{name}" if reference_package else name
        verdict = scope.module_verdict(reference)
        if verdict is not None:
            if verdict.status != "out_of_scope":
                target = f"{package_name}.{name}"
                try:
                    return importlib.import_module(target)
                except ModuleNotFoundError as err:
                    if err.name != target:
                        raise
                raise AttributeError(
                    f"{plain}: {reference} is {verdict.status} but jaxwrap does not provide it yet",
                    name=name,
                ) from None
            raise AttributeError(
                f"{plain}: " + out_of_scope_message(f"{package_name}.{name}", verdict),
                name=name,
            )
        try:
            entry = scope.lookup(reference) if reference_package else None
        except KeyError:
            entry = None
        if entry is None or entry.kind == "module":
            raise AttributeError(plain, name=name)
        if entry.status == "out_of_scope":
            raise AttributeError(
                f"{plain}: " + out_of_scope_message(f"{package_name}.{name}", entry),
                name=name,
            )
        if entry.status == "planned":
            raise AttributeError(
                f"{plain}: {entry.name} is in scope (planned) but not implemented yet",
                name=name,
            )
        raise AttributeError(
            f"{plain}: the scope manifest marks {entry.name} implemented, but "
            f"{package_name} does not export it",
            name=name,
        )

    __getattr__.__qualname__ = f"{package_name}.__getattr__"
    return __getattr__
