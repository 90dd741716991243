"""``python -m jaxwrap scope``: query the scope manifest from the shell.

Examples::

    python -m jaxwrap scope numpy.savetxt scipy.optimize.minimize
    python -m jaxwrap scope --summary
    python -m jaxwrap scope --list numpy.linalg --status planned
    python -m jaxwrap scope --json jnp.sin

Exit status: 0 when every name is known, 1 when any is unknown, 2 on
usage errors.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import TextIO

from jaxwrap import scope

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m jaxwrap scope",
        description=(
            "Is a numpy / scipy API supported by jaxwrap? Prints each name's status "
            "(implemented / planned / out_of_scope; modules: in_scope / partial / "
            "out_of_scope), the rubric axes, the reason and the alternative."
        ),
        epilog=(
            "Names may be written numpy.sin, np.sin, jnp.sin, jaxwrap.numpy.sin, "
            "scipy.optimize or scipy.optimize.minimize. Exit status 1 if a name is unknown."
        ),
    )
    parser.add_argument("names", nargs="*", metavar="NAME", help="module or name to look up")
    parser.add_argument("--summary", action="store_true", help="print a coverage table per module")
    parser.add_argument(
        "--list", metavar="MODULE", dest="list_module", help="list the classified names of MODULE"
    )
    parser.add_argument(
        "--status",
        choices=scope.NAME_STATUSES,
        help="with --list: only names with this status",
    )
    parser.add_argument("--modules", action="store_true", help="list every module with its status")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    return parser


def _axes(entry: scope.ScopeEntry) -> str:
    return ", ".join(f"{scope.AXIS_NUMBER[a]} {a}" for a in entry.axes) or "-"


def _describe(entry: scope.ScopeEntry, out: TextIO) -> None:
    if entry.kind == "module":
        where = "module" + (f" in {entry.module}" if entry.module else "")
    else:
        where = f"{entry.kind} in {entry.module}"
    print(f"{entry.name}  ({where})", file=out)
    rows = [("status", entry.status)]
    if entry.inherited:
        rows.append(("inherited", "verdict of the enclosing out-of-scope module"))
    if entry.jaxwrap_name:
        rows.append(("jaxwrap", entry.jaxwrap_name))
    if entry.axes:
        rows.append(("axes", _axes(entry)))
    if entry.reason:
        rows.append(("reason", entry.reason))
    if entry.alternative:
        rows.append(("alternative", entry.alternative))
    if entry.notes:
        rows.append(("notes", entry.notes))
    if entry.origin:
        rows.append(("origin", entry.origin))
    for key, value in rows:
        print(f"  {key + ':':<13}{value}", file=out)


def _summary_rows() -> list[tuple[str, str, dict[str, int]]]:
    counts = scope.coverage()
    rows = []
    for module in scope.modules():
        if module.name in counts:
            rows.append((module.name, module.status, counts[module.name]))
    return rows


def _print_summary(out: TextIO) -> None:
    rows = _summary_rows()
    header = ("module", "status", "implemented", "planned", "out_of_scope", "total")
    width = max(len(header[0]), *(len(r[0]) for r in rows))
    line = f"{{:<{width}}}  {{:<12}} {{:>11}} {{:>8}} {{:>12}} {{:>6}}"
    print(line.format(*header), file=out)
    totals = dict.fromkeys(("implemented", "planned", "out_of_scope", "total"), 0)
    for name, status, c in rows:
        print(
            line.format(
                name, status, c["implemented"], c["planned"], c["out_of_scope"], c["total"]
            ),
            file=out,
        )
        for k in totals:
            totals[k] += c[k]
    print(
        line.format(
            "all",
            "",
            totals["implemented"],
            totals["planned"],
            totals["out_of_scope"],
            totals["total"],
        ),
        file=out,
    )
    oos = scope.out_of_scope_modules()
    print(f"\nout-of-scope modules ({len(oos)}): " + ", ".join(oos), file=out)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``scope`` command; returns the process exit status."""
    args = _parser().parse_args(argv)
    out = sys.stdout
    if not (args.names or args.summary or args.list_module or args.modules):
        _parser().error("give a NAME, --summary, --list MODULE or --modules")
    if args.status and not args.list_module:
        _parser().error("--status only applies with --list")

    payload: dict[str, object] = {}
    status = 0

    if args.summary:
        if args.json:
            payload["summary"] = {name: {"status": st, **c} for name, st, c in _summary_rows()}
            payload["out_of_scope_modules"] = list(scope.out_of_scope_modules())
        else:
            _print_summary(out)

    if args.modules:
        mods = scope.modules()
        if args.json:
            payload["modules"] = [m.to_dict() for m in mods]
        else:
            width = max(len(m.name) for m in mods)
            for m in mods:
                tail = f"use: {m.alternative}" if m.status == "out_of_scope" else m.reason
                print(f"{m.name:<{width}}  {m.status:<12}  {tail}", file=out)

    if args.list_module:
        try:
            listed = scope.entries(args.list_module)
        except KeyError as err:
            print(f"error: {err.args[0]}", file=sys.stderr)
            return 1
        if args.status:
            listed = [e for e in listed if e.status == args.status]
        if args.json:
            payload["entries"] = [e.to_dict() for e in listed]
        else:
            width = max((len(e.short_name) for e in listed), default=0)
            for e in listed:
                tail = e.alternative if e.status == "out_of_scope" else e.notes
                print(f"{e.short_name:<{width}}  {e.status:<12}  {tail}".rstrip(), file=out)

    results: list[dict[str, object]] = []
    for i, name in enumerate(args.names):
        try:
            entry = scope.lookup(name)
        except KeyError as err:
            status = 1
            message = err.args[0] if err.args else str(err)
            if args.json:
                results.append({"query": name, "error": message})
            else:
                print(f"error: {message}", file=sys.stderr)
            continue
        if args.json:
            results.append({"query": name, **entry.to_dict()})
        else:
            if i:
                print(file=out)
            _describe(entry, out)
    if args.json:
        if args.names:
            payload["results"] = results
        json.dump(payload, out, indent=2, sort_keys=True)
        out.write("\n")
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
