"""One writer for the mpmath reference files under tests/data/ that hold a header
(how the points were made) and a list of points, one point per line (so a diff of a
regenerated file shows which points moved)."""

from __future__ import annotations

import json
import pathlib
import sys


def write_points(path: pathlib.Path, head: dict, rows: list) -> None:
    """Write ``{**head, "points": rows}`` to ``path``, a point per line."""
    body = ",\n".join(json.dumps(r) for r in rows)
    text = json.dumps(head, indent=1)[:-2] + ',\n "points": [\n' + body + "\n ]\n}\n"
    json.loads(text)   # the hand-joined text is valid JSON
    path.write_text(text)
    print(f"wrote {len(rows)} points to {path}", file=sys.stderr)
