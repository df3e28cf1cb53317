"""The sweep as an Excel workbook (openpyxl): one row per report, numbers as numbers.

The heading row is frozen and filtered, so a reviewer can sort and filter at
once; figures are numeric cells (a sum in the sheet works), unknown ones empty.
A workbook is bytes: the CLI refuses to write it to a terminal.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

from linter.formatters import FormatOptions
from linter.formatters.scorecard import scorecard, word

if TYPE_CHECKING:
    from linter.records import Catalogue, FileResult

BINARY = True  # bytes no terminal can show
_MAX_WIDTH = 40  # characters: a long path wraps rather than widening the sheet


def render(results: Sequence[FileResult], catalogue: Catalogue, options: FormatOptions) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    card = scorecard(results, catalogue, options.lang)
    book = Workbook()
    sheet = book.active
    sheet.title = word("title", options.lang, "dashboard")[:31]  # Excel's limit on a sheet name
    sheet.append(list(card.headings))
    for row in card.rows:
        sheet.append(list(row))
    for line in sheet.iter_rows(min_row=2):
        for c in line:
            if c.data_type == "f":  # a text that starts with "=" is text, never a formula
                c.data_type = "s"
    for c in sheet[1]:
        c.font = Font(bold=True)
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = sheet.dimensions
    for i, heading in enumerate(card.headings, start=1):
        longest = max([len(str(heading)), *(len(str(r[i - 1] or "")) for r in card.rows)])
        sheet.column_dimensions[get_column_letter(i)].width = min(_MAX_WIDTH, longest + 2)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
