"""The sweep as CSV: one row per report, for Excel, WPS and any spreadsheet.

UTF-8 with a byte-order mark (Excel and WPS read BOM-less UTF-8 as the local
code page and garble every Chinese cell) and CRLF line ends (RFC 4180), so the
output is bytes, written as is on every platform. Columns: linter/formatters/scorecard.py.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from linter.formatters import FormatOptions
from linter.formatters.scorecard import scorecard

if TYPE_CHECKING:
    from linter.records import Catalogue, FileResult

BOM = "\ufeff"
# A text cell a spreadsheet would run as a formula (a file named "=cmd|…"): quoted
# with an apostrophe, which the spreadsheet shows as text (OWASP's CSV injection advice).
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> Any:
    """A value as a CSV cell: numbers as written, None empty, formulas defused."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    return value


def table_bytes(headings: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    """Headings and rows as UTF-8 CSV with a BOM and CRLF line ends."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headings)
    writer.writerows([cell(v) for v in row] for row in rows)
    return (BOM + out.getvalue()).encode("utf-8")


def render(results: Sequence[FileResult], catalogue: Catalogue, options: FormatOptions) -> bytes:
    card = scorecard(results, catalogue, options.lang)
    return table_bytes(card.headings, card.rows)
