"""`ogilint facts`: the figures of each report as data (JSON or CSV), a stable schema.

JSON (validated by linter/facts.schema.json; docs/facts.md):
{"ogilint": "<version>", "version": "1",
 "reports": [{"path", "version", "issuer", "issuer_key", "issuer_kind", "year", "regime",
              "published", "deadline", "late", "layouts", "key",
              "figures": [{"table", "row", "column", "value", "text", "printing", "place"}],
              "prose": [{"fact", "table", "row", "columns", "value", "table_value",
                         "agrees", "text", "place"}]}
             | {"path", "error": {"code", "reason"}}]}

CSV: one line per figure (the table's, then the prose's), the report's identity
repeated on each line so a spreadsheet or database loads it as one table.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from linter import __version__
from linter.formatters.csv import table_bytes
from linter.records import FACTS_VERSION, INPUT_ERROR, INTERNAL_ERROR

if TYPE_CHECKING:
    from linter.records import FileResult, ProseFigure, TableFigure

CSV_COLUMNS = (
    "path",
    "issuer",
    "year",
    "source",  # "table": a cell of a table; "prose": a figure of the text stating one
    "table",
    "row",
    "column",  # the template column; a prose figure held to several: joined by "+"
    "printing",
    "fact",
    "value",
    "table_value",
    "agrees",
    "text",
    "line",
    "col",  # the character column in the extracted text
    "page",
    "paragraph",
    "grid_table",
    "grid_row",
    "grid_cell",
)


def report_record(result: FileResult) -> dict[str, Any]:
    """One report's facts as the schema gives them, or why there are none."""
    if result.facts is None:
        failed = next((f for f in result.findings if f.rule in (INPUT_ERROR, INTERNAL_ERROR)), None)
        details = failed.details if failed else {}
        code = details.get("code", "internal-error")
        reason = details.get("reason") or details.get("error") or code
        return {"path": result.path, "error": {"code": code, "reason": reason}}
    return {"path": result.path, **result.facts.as_json()}


def render_json(results: Sequence[FileResult]) -> str:
    document = {
        "ogilint": __version__,
        "version": FACTS_VERSION,
        "reports": [report_record(r) for r in results],
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def _place_cells(place: dict[str, Any]) -> list[Any]:
    keys = ("line", "column", "page", "paragraph", "table", "row", "cell")
    return [place.get(k) for k in keys]


def _table_line(head: list[Any], f: TableFigure) -> list[Any]:
    what = [f.table, f.row, f.column, f.printing, None, f.value, None, None, f.text]
    return [*head, "table", *what, *_place_cells(dict(f.place))]


def _prose_line(head: list[Any], p: ProseFigure) -> list[Any]:
    agrees = "yes" if p.agrees else "no"
    what = [p.table, p.row, "+".join(p.columns), None, p.fact, p.value, p.table_value, agrees]
    return [*head, "prose", *what, p.text, *_place_cells(dict(p.place))]


def render_csv(results: Sequence[FileResult]) -> bytes:
    lines = []
    for r in results:
        if r.facts is None:
            continue
        head = [r.path, r.facts.issuer, r.facts.year]
        lines += [_table_line(head, f) for f in r.facts.figures]
        lines += [_prose_line(head, p) for p in r.facts.prose]
    return table_bytes(CSV_COLUMNS, lines)
