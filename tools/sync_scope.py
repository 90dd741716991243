"""Bring the scope manifest in line with what the jaxwrap facades export.

For every manifest module that lists its names and that jaxwrap mirrors
(``numpy`` -> ``jaxwrap.numpy``, ``scipy.special`` -> ``jaxwrap.scipy.special``,
...), import the facade and

* mark ``planned`` names the facade now exports as ``implemented``;
* mark ``implemented`` names the facade no longer exports as ``planned``;
* report, never change, names the facade exports although the manifest says
  ``out_of_scope`` (a human decides), and exported names the manifest does
  not list at all.

The manifest is then rewritten in canonical form (sorted keys, fixed field
order) by `jaxwrap.scope.format_manifest`, so running the tool twice changes
nothing the second time.

Usage::

    python tools/sync_scope.py            # update jaxwrap/scope.toml, print changes
    python tools/sync_scope.py --check    # change nothing; exit 1 if out of date
    python tools/sync_scope.py --dry-run  # print what would change

Exit status: 0 when the manifest agrees with the facades (after the update),
1 when changes are pending (--check / --dry-run) or conflicts remain.
"""

from __future__ import annotations

import argparse
import copy
import importlib
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jaxwrap import scope


@dataclass
class SyncReport:
    """What a sync found: status changes and problems for a human."""

    promoted: list[str] = field(default_factory=list)
    demoted: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    unclassified: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    reformatted: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.promoted or self.demoted or self.reformatted)

    @property
    def clean(self) -> bool:
        return not (self.conflicts or self.unclassified)

    def lines(self) -> list[str]:
        out = [f"implemented: {n}" for n in self.promoted]
        out += [f"back to planned (no longer exported): {n}" for n in self.demoted]
        out += [f"CONFLICT, exported but out_of_scope (left as is): {n}" for n in self.conflicts]
        out += [
            f"UNCLASSIFIED export, add it to the manifest by hand: {n}" for n in self.unclassified
        ]
        out += [f"skipped: {s}" for s in self.skipped]
        if self.reformatted:
            out.append("reformatted the manifest into canonical form")
        return out


def _import_facade(name: str) -> tuple[Any, str | None]:
    """Import a facade module; (module, None) or (None, why it was skipped)."""
    try:
        return importlib.import_module(name), None
    except ModuleNotFoundError as err:
        if err.name and (name == err.name or name.startswith(err.name + ".")):
            return None, f"{name} does not exist yet"
        return None, f"{name} failed to import: {err!r}"
    except Exception as err:  # noqa: BLE001 - report any breakage, keep going
        return None, f"{name} failed to import: {err!r}"


def sync(
    data: dict[str, Any], facades: dict[str, Any] | None = None
) -> tuple[dict[str, Any], SyncReport]:
    """Return updated manifest data and a report; `data` is not modified.

    Parameters
    ----------
    data : dict
        Raw manifest data (`jaxwrap.scope.load_manifest`).
    facades : dict, optional
        Module name -> facade module object, to bypass importing (tests).
        Modules missing from it are imported normally.
    """
    new = copy.deepcopy(data)
    report = SyncReport()
    for module in sorted(new["names"]):
        mod_entry = new["modules"].get(module, {})
        if mod_entry.get("status") == "out_of_scope":
            continue
        facade_name = scope.facade_name(module)
        if facades is not None and module in facades:
            facade, why = facades[module], f"{facade_name} not given"
        else:
            facade, why = _import_facade(facade_name)
        if facade is None:
            report.skipped.append(str(why))
            continue
        exported = set(scope.public_names(facade))
        table = new["names"][module]
        for name in sorted(table):
            entry = table[name]
            full = f"{module}.{name}"
            status = entry.get("status")
            if name in exported:
                if status == "planned":
                    entry["status"] = "implemented"
                    report.promoted.append(full)
                elif status == "out_of_scope":
                    report.conflicts.append(full)
            elif status == "implemented":
                entry["status"] = "planned"
                report.demoted.append(full)
        for name in sorted(exported - set(table)):
            report.unclassified.append(f"{module}.{name} (exported by {facade_name})")
    return new, report


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python tools/sync_scope.py",
        description="Mark manifest names implemented when the jaxwrap facades export them.",
    )
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if out of date")
    parser.add_argument("--dry-run", action="store_true", help="print changes, write nothing")
    parser.add_argument(
        "--manifest", type=Path, default=scope.manifest_path(), help="manifest path"
    )
    args = parser.parse_args(argv)

    path: Path = args.manifest
    old_text = path.read_text(encoding="utf-8")
    data = scope.load_manifest(path)
    new, report = sync(data)
    new_text = scope.format_manifest(new)
    report.reformatted = new_text != old_text and not (report.promoted or report.demoted)

    for problem in scope.validate(new):
        print(f"manifest problem: {problem}")
    for line in report.lines():
        print(line)
    if not report.lines():
        print("scope manifest is in sync with the facades")

    if args.check or args.dry_run:
        return 1 if (new_text != old_text or not report.clean) else 0
    if new_text != old_text:
        path.write_text(new_text, encoding="utf-8")
        scope._reload()
        print(f"wrote {path}")
    return 0 if report.clean else 1


if __name__ == "__main__":
    sys.exit(main())
