"""Table rows whose figures ran together: a table that is there but cannot be read.

A web table copied as text, or a scraped page that lost its cell borders,
gives "一、本年新收政府信息公开申请数量2111411812 36" or, in a flattened body,
"…申请数量211141181236二、上年结转…". The run of digits is many cells and no
number: it is never read as a figure, and the table it belongs to is reported
as unreadable (not as missing, and never checked on guessed cells).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from linter.tables.match import part_lines
from linter.tables.rows import figure_rows

if TYPE_CHECKING:
    from linter.document import Document
    from linter.sections import Outline
    from linter.tables.templates import Template

# A counted figure in prose ("1234567件", "2024年"): its unit says it is one number.
_UNIT_AFTER = re.compile(r"[件条个项元万人次年月日号%‰]")
_LABEL_REACH = 40  # how far back a row label may sit before its figures


def glued_span(
    doc: Document,
    outline: Outline,
    noise_lines: frozenset[int],
    template: Template,
    min_digits: int,
) -> tuple[int, int] | None:
    """Offsets in `doc.norm` of the first glued figures of the template's table, if any."""
    lines = part_lines(outline, template.part, whole=False)
    if lines is None:
        return None  # no such part: nothing to say about its table here
    short = _short_row(doc, noise_lines, template, lines, min_digits)
    found = [short] if short is not None else []
    found += _inline(doc, template, lines, min_digits)
    return min(found, default=None)


def _short_row(
    doc: Document,
    noise_lines: frozenset[int],
    template: Template,
    lines: tuple[int, int],
    min_digits: int,
):
    """A row read with fewer cells than its template row, one of them a long run."""
    labelled = [r for r in template.rows if r.label.pattern]
    for row in figure_rows(doc, noise_lines, *lines):
        longest = max((len(c.text) for c in row.cells), default=0)
        if longest < min_digits:
            continue
        widths = {len(r.columns) for r in labelled if r.label.search(row.label)}
        if not labelled and not row.label:
            widths = {len(template.columns)}  # table 四: a row of figures only
        if widths and len(row.cells) < min(widths):
            return row.cells[0].start, row.cells[-1].end
    return None


def _inline(doc: Document, template: Template, lines: tuple[int, int], min_digits: int):
    """Runs of digits touching a multi-column row's label, or the table's header, in a line."""
    labelled = [r for r in template.rows if r.label.pattern]
    columns = template.columns
    headers = tuple({c.split("·")[-1] for c in columns}) if len(columns) > 1 else ()
    run = re.compile(rf"\d{{{min_digits},}}")
    for i in range(lines[0], lines[1] + 1):
        line = doc.norm_lines[i]
        for m in run.finditer(line):
            if _UNIT_AFTER.match(line, m.end()):
                continue
            words = re.split(r"[\d\s]", line[max(0, m.start() - _LABEL_REACH) : m.start()])[-1]
            if not words:
                continue  # a figure after a space or a figure is a cell of its own
            widths = {len(r.columns) for r in labelled if r.label.search(words)}
            if (widths and min(widths) > 1) or words.endswith(headers or ("\0",)):
                start = doc.norm_line_starts[i]
                yield start + m.start(), start + m.end()
                break
