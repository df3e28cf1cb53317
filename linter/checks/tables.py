"""Check kinds on the standard tables of the 2019/2021 formats.

They read `ctx.analysis.standard_tables` (rows mapped onto the templates by label),
never HTML, Word or PDF. Every finding names its cell in words and in
`details` ({"table": "applications", "row": "三(三)1", "column": "总计"}); the
finding's own location stays the native one (line, column, page, grid cell).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from linter import patterns
from linter.arithmetic import equation
from linter.messages import bilingual
from linter.records import Evidence, Hit, TemplateCell, Term
from linter.tables.glued import glued_span
from linter.tables.match import MatchedTable

if TYPE_CHECKING:
    from linter.checks.context import Context
    from linter.document import Document
    from linter.tables.rows import Cell

_NUMBERING = re.compile(r"^[\W\d一二三四五六七八九十、.()]*")


def _where(table: MatchedTable, row: str, column: str, params: dict[str, Any]) -> dict[str, str]:
    """The cell in words, for messages: "收到和处理…情况 三(三)1 属于国家秘密 · 总计列"."""
    label = _NUMBERING.sub("", table.rows[row].label) if row in table.rows else ""
    own = any(
        r.key == row and r.label.pattern and r.label.search(label)
        for r in table.template.layout_rows(table.layout)
    )
    # The row's own words when they are its label (not a wrapped fragment of another
    # cell, "求缴纳费用、行政机关不再处理"); part 二 rows are named by their label.
    keep = own and len(label) <= 20 and label != row
    words = f"{row} {label}" if keep else row
    return bilingual(params["cell"], table=table.template.name, row=words, column=column)


def _cell_hit(
    table: MatchedTable,
    row: str,
    column: str,
    cell: Cell,
    facts: dict[str, Any],
    params: dict[str, Any],
    arithmetic: str | None = None,
) -> Hit:
    facts = {"where": _where(table, row, column, params), "layout": table.layout, **facts}
    place = TemplateCell(table.template.table, row, column)
    evidence = Evidence(facts, arithmetic, place)
    return Hit(cell.start, max(cell.end, cell.start + 1), evidence, cell.place)


def _printed(ctx: Context) -> list[MatchedTable]:
    """Every standard table as printed (part 三 for 本级 and again for 全市 is two)."""
    return [each for table in ctx.analysis.standard_tables.values() for each in table.printed]


def _scope(ctx: Context) -> tuple[Any, frozenset[int]]:
    """The outline and page-noise lines a table is looked for in."""
    return ctx.analysis.outline, ctx.analysis.noise_lines


def missing_table(doc: Document, params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
    """The part 二/三/四 table is absent or cannot be recognised."""
    found = ctx.analysis.standard_tables
    for template in ctx.regime.templates:
        if template.table not in params["tables"] or template.table in found:
            continue
        glued = params.get("glued_digits")
        if glued and glued_span(doc, *_scope(ctx), template, glued) is not None:
            continue  # there, but its figures ran together: table-cells-glued says so
        facts = {"table": Term(template.table, template.name), "part": template.part}
        yield Hit(evidence=Evidence(facts))


def table_blank_cell(doc: Document, params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
    """A numeric cell left blank, "/", "-" or "—" (0 is a number)."""
    for table in _printed(ctx):
        for row, figure_row in table.rows.items():
            for column, cell in zip(table.columns_of(row), figure_row.cells, strict=False):
                # zip stops at the template's width: trailing layout cells are not cells
                if cell.value is None:
                    shown = Term(cell.text, cell.text or params["blank"])
                    yield _cell_hit(table, row, column, cell, {"text": shown}, params)


def table_identities(doc: Document, params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
    """The identities of each matched table's template, of the kinds in `params`."""
    kinds = set(params["kinds"])
    for table in _printed(ctx):
        for identity in table.template.identities:
            if identity["kind"] in kinds:
                yield from _IDENTITIES[identity["kind"]](table, identity, params)


def _values(cells: list[Cell | None]) -> list[Decimal] | None:
    if any(c is None or c.value is None for c in cells):
        return None  # a blank or missing cell is reported by its own rule
    return [c.value for c in cells]  # type: ignore[union-attr]


def _mismatch(table, row, column, total_cell, parts, what, params) -> Hit | None:
    values = _values([total_cell, *parts])
    if values is None:
        return None
    stated, computed = values[0], sum(values[1:], start=Decimal(0))
    if stated == computed:
        return None
    facts = {"stated": stated, "computed": computed, "what": what}
    return _cell_hit(table, row, column, total_cell, facts, params, equation(values[1:], stated))


def _row_sum(table: MatchedTable, identity: dict[str, Any], params) -> Iterator[Hit]:
    what = params["row_sum"]
    for row in table.rows:
        columns = table.columns_of(row)
        if identity["total"] not in columns:
            continue
        parts = [table.cell(row, c) for c in identity["parts"]]
        hit = _mismatch(
            table, row, identity["total"], table.cell(row, identity["total"]), parts, what, params
        )
        if hit:
            yield hit


def _column_sum(table: MatchedTable, identity: dict[str, Any], params) -> Iterator[Hit]:
    pattern = patterns.compile(identity["parts"])
    rows = [
        r.key
        for r in table.template.layout_rows(table.layout)
        if pattern.search(r.key) and r.key != identity["total"]
    ]
    if any(r not in table.rows for r in rows):
        return  # a row the sum needs was not found: no verdict
    what = params["column_sum"]
    for column in table.columns_of(identity["total"]):
        parts = [table.cell(r, column) for r in rows]
        hit = _mismatch(
            table,
            identity["total"],
            column,
            table.cell(identity["total"], column),
            parts,
            what,
            params,
        )
        if hit:
            yield hit


def _balance(table: MatchedTable, identity: dict[str, Any], params) -> Iterator[Hit]:
    left_rows, right_rows = identity["left"], identity["right"]
    if any(r not in table.rows for r in [*left_rows, *right_rows]):
        return
    for column in table.columns_of(right_rows[0]):
        left = _values([table.cell(r, column) for r in left_rows])
        right = _values([table.cell(r, column) for r in right_rows])
        if left is None or right is None or sum(left) == sum(right):
            continue
        cell = table.cell(right_rows[0], column)
        sides = {
            "left": sum(left),
            "right": sum(right),
            "left_rows": "+".join(left_rows),
            "right_rows": "+".join(right_rows),
        }
        arithmetic = (
            f"{'+'.join(left_rows)} = {' + '.join(str(v) for v in left)} = {sum(left)} ≠ "
            f"{'+'.join(right_rows)} = {' + '.join(str(v) for v in right)} = {sum(right)}"
        )
        yield _cell_hit(table, right_rows[0], column, cell, sides, params, arithmetic)


_IDENTITIES = {"row_sum": _row_sum, "column_sum": _column_sum, "balance": _balance}


def glued_cells(doc: Document, params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
    """A table whose figures run together ("3001530061 43119") is reported once, not guessed."""
    found = ctx.analysis.standard_tables
    for template in ctx.regime.templates:
        if template.table in found:
            continue
        span = glued_span(doc, *_scope(ctx), template, params["min_digits"])
        if span is not None:
            yield Hit(span[0], span[1], Evidence({"table": Term(template.table, template.name)}))
