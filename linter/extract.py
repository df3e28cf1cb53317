"""What `ogilint extract` prints: the text the checks read, line by line.

The line numbers are the ones every finding reports, so a user can see what
was checked and where a finding points. With `locations` each line also shows
its native place (第3页 / 第12段 / 表1 第4行) to find it in the file they
opened; the JSON form gives lines, blocks, tables and what the loader knows
of the file, for tools.
"""

from __future__ import annotations

import json
from typing import Any

from linter.document import Document

_ORDER = ("page", "paragraph", "table", "row")


def native_label(location: dict[str, Any], lang: str) -> str:
    """The native location as the text output writes it ("第3页, 表1, 第2行")."""
    from linter.formatters.text import LABELS

    labels = LABELS[lang]
    return ", ".join(labels[k].format(**location) for k in _ORDER if k in location)


def render_text(doc: Document, locations: bool = False, lang: str = "zh") -> str:
    """Each extracted line with its number (and, with `locations`, its native place)."""
    from linter.formatters.text import display_width
    from linter.formatters.visible import visible

    width = len(str(len(doc.lines)))
    where = [""] * len(doc.lines)
    if locations:
        for block in doc.blocks:
            label = native_label(block.location, lang)
            for line in range(block.first_line, block.last_line + 1):
                where[line] = label
    place_width = max((display_width(w) for w in where), default=0)
    out = []
    for number, line in enumerate(doc.lines, start=1):
        label = where[number - 1]
        place = label + " " * (place_width - display_width(label)) + " | " if locations else ""
        # Control characters written out, as in every text output; tabs (between cells) kept.
        shown = "\t".join(visible(part) for part in line.split("\t"))
        out.append(f"{number:>{width}} | {place}{shown}")
    return "\n".join(out) + "\n"


def render_json(doc: Document) -> str:
    """Lines, blocks (1-based lines) and tables of `doc` as one JSON object."""
    record = {
        "path": doc.path,
        "encoding": doc.encoding,
        "meta": doc.meta,
        "lines": doc.lines,
        "blocks": [
            {
                "kind": b.kind,
                "first_line": b.first_line + 1,
                "last_line": b.last_line + 1,
                **b.location,
            }
            for b in doc.blocks
        ],
        "tables": [
            {
                **t.location,
                "first_line": t.first_line + 1,
                "last_line": t.last_line + 1,
                "rows": [list(row) for row in t.rows],
                "spans": [
                    dict(zip(("row", "column", "rowspan", "colspan"), s, strict=True))
                    for s in t.spans
                ],
            }
            for t in doc.tables
        ],
    }
    return json.dumps(record, ensure_ascii=False, indent=2, default=str) + "\n"
