"""A report's facts as data: issuer, year, publication date, and every figure of its tables.

The checks ask whether a report is right; a reviewer sweeping a province also
wants what it says, one row per report (`--format csv|xlsx|dashboard`), and
the standard tables' figures by template row and column (`ogilint facts`), the
data a comparison of one year's report with the next builds on. Everything
here is read from the `Analysis` the checks already use, nothing is re-parsed:
the figures are the cells the table checks hold to their identities, the
prose figures the ones `text-table-mismatch` holds to them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from linter.checks import text_table
from linter.checks.publication import date_of, deadline, published
from linter.issuer import issuer_key, sweep_kind
from linter.records import Number, ProseFigure, ReportFacts, TableFigure

if TYPE_CHECKING:
    from linter.analysis import Analysis
    from linter.document import Document
    from linter.numbers import Quantity
    from linter.rulebook import Regime
    from linter.tables.match import MatchedTable
    from linter.tables.rows import Cell

TEXT_TABLE = "text_table"  # the check kind whose parameters say which prose states which cell
STATISTICS = "statistics"
_STATISTICS_COLUMN = "统计数"
_MIN_STATISTICS_ROWS = 3  # fewer lines shaped like its rows are prose, not the table
# The key figures: (table, row, columns summed) in the standard tables, and the row
# of the 2008 statistics table (its label, spaces removed) for the same figure.
_KEY_CELLS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "received": ("applications", "一", ("总计",)),
    "carried_over": ("applications", "二", ("总计",)),
    "concluded": ("applications", "三(七)", ("总计",)),
    "carried_forward": ("applications", "四", ("总计",)),
    "reviews": ("review", "四", ("复议·总计",)),
    "lawsuits": ("review", "四", ("直接起诉·总计", "复议后起诉·总计")),
}
_KEY_STATISTICS = {
    "received": re.compile(r"^(?:收到|受理)申请(?:总)?数$"),
    "reviews": re.compile(r"行政复议(?:案件)?(?:数量|数)$"),
    "lawsuits": re.compile(r"行政诉讼(?:案件)?(?:数量|数)$"),
    "proactive_items": re.compile(r"^主动公开政府信息(?:总)?数$"),
}
# The whole report's proactive figure stated in words ("全年共主动公开政府信息1234条"): a
# statement of the whole (共/全年/全市…), not of one level (本级, 各乡镇).
_PROACTIVE_LABEL = re.compile(r"主动公开(?:各类|的)?(?:政府)?信息$")
# Not a level's figure, a channel's (通过网站…), nor a running total (累计, 到目前).
_PROACTIVE_WHOLE = re.compile(r"共|全年|合计|总计|全[省县市区州盟旗镇乡]|全局|我[局委办县市区镇乡]")
_PROACTIVE_LEVEL = re.compile(
    r"本级|代表|各(?:乡镇|镇|乡|街道|部门|单位|县|区|市)|[县市区]直|直属|下属|所属|以来|历年"
    r"|累计|目前|至今|通过|网站|网页|微博|微信|公报|平台|新媒体|栏"
)
_PROACTIVE_UNITS = ("条",)


def number(value: Decimal | None) -> Number | None:
    """A figure as plain data: 1411 for Decimal('1411'), 12.5 for Decimal('12.5')."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def report_facts(
    doc: Document, analysis: Analysis, regime: Regime, year: int | None
) -> ReportFacts:
    """The facts of one analysed report, checked under `regime` as year `year`."""
    kind = analysis.issuer
    due = deadline(regime, year, kind)
    stated = published(doc)
    on = date_of(stated) if stated is not None else None
    figures = (
        *table_figures(doc, analysis.standard_tables),
        *statistics_figures(doc, analysis, regime),
    )
    return ReportFacts(
        issuer=analysis.issuer_name,
        issuer_key=issuer_key(analysis.issuer_name),
        issuer_kind=sweep_kind(analysis.issuer_name),
        year=year,
        regime=regime.name,
        published=on.isoformat() if on else None,
        deadline=due.isoformat() if due else None,
        late=(on > due) if on and due else None,
        layouts={name: t.layout for name, t in analysis.standard_tables.items()},
        key=_key_figures(doc, analysis, figures, year),
        figures=figures,
        prose=tuple(prose_figures(doc, analysis, regime, year)),
    )


def place_of(doc: Document, start: int, end: int, native: Mapping[str, Any]) -> dict[str, int]:
    """Line and column in the extracted text, and the native place (page, table, row, cell)."""
    span = doc.span(start, max(end, start + 1))
    where = dict(native) if native else doc.location_at(span.line, span.column)
    return {"line": span.line, "column": span.column, **where}


def table_figures(doc: Document, tables: Mapping[str, MatchedTable]) -> Iterator[TableFigure]:
    """Every cell of every standard table found, by template row and column; a table
    printed once per scope gives each printing's cells too (printing 1, 2, …)."""
    for name, matched in tables.items():
        yield from _cells(doc, name, matched, 0)
        if len(matched.printings) > 1:
            for k, printing in enumerate(matched.printings, start=1):
                yield from _cells(doc, name, printing, k)


def _cells(doc: Document, name: str, matched: MatchedTable, printing: int) -> Iterator[TableFigure]:
    for trow in matched.template.layout_rows(matched.layout):
        for column in trow.columns:
            cell: Cell | None = matched.cell(trow.key, column)
            if cell is None:
                continue
            place = place_of(doc, cell.start, cell.end, cell.place)
            yield TableFigure(
                name, trow.key, column, number(cell.value), cell.text, place, printing
            )


def statistics_figures(doc: Document, analysis: Analysis, regime: Regime) -> Iterator[TableFigure]:
    """The rows of the 2008-era statistics table (统计指标 / 单位 / 统计数), under the 2008
    regime only: a revised-format report has the standard tables, and lines of its prose
    that happen to end in a figure are no table."""
    if not _holds_statistics(regime):
        return
    rows = text_table.statistics_rows(doc, analysis.noise_lines)
    if sum(len(v) for v in rows.values()) < _MIN_STATISTICS_ROWS:
        return
    for label, found in rows.items():
        for value, line in found:
            text = doc.norm_lines[line].rstrip()
            written = re.search(r"\d+(?:\.\d+)?$", text)
            end = doc.norm_line_starts[line] + len(text)
            start = end - len(written.group(0)) if written else doc.norm_line_starts[line]
            place = place_of(doc, start, end, {})
            yield TableFigure(
                STATISTICS, label, _STATISTICS_COLUMN, number(value), str(value), place
            )


def _holds_statistics(regime: Regime) -> bool:
    return any(r.check == TEXT_TABLE and "statistics" in r.params for r in regime.rules)


def _key_figures(doc, analysis, figures: tuple[TableFigure, ...], year) -> dict[str, Number | None]:
    """The sweep's key figures: from the standard tables, else the statistics table;
    the proactive total from the statistics table, else the one whole-report statement."""
    key: dict[str, Number | None] = {}
    by_cell = {(f.table, f.row, f.column): f.value for f in figures if f.printing == 0}
    for name, (table, row, columns) in _KEY_CELLS.items():
        values = [by_cell.get((table, row, c)) for c in columns]
        key[name] = sum(values) if all(v is not None for v in values) else None  # type: ignore[misc]
    statistics = [f for f in figures if f.table == STATISTICS]
    for name, pattern in _KEY_STATISTICS.items():
        rows = [f for f in statistics if pattern.search(f.row)]
        if key.get(name) is None and len(rows) == 1:  # a label seen twice is ambiguous
            key[name] = rows[0].value
    if key.get("proactive_items") is None:
        key["proactive_items"] = _proactive_stated(doc, analysis, year)
    return key


def _proactive_stated(doc: Document, analysis: Analysis, year: int | None) -> Number | None:
    """The whole report's proactive figure as the text states it, when it states exactly one."""
    values = set()
    for q in analysis.quantities:
        if q.approx or q.unit not in _PROACTIVE_UNITS or q.scaled:
            continue
        if not _PROACTIVE_LABEL.search(analysis.labels.get(q.start, "")):
            continue
        sentence = _sentence_before(doc, q)
        years = {int(y) for y in re.findall(r"((?:19|20)\d{2})年", sentence)}
        whole = _PROACTIVE_WHOLE.search(sentence) and not _PROACTIVE_LEVEL.search(sentence)
        if whole and (year is None or years <= {year}):
            values.add(q.value)
    return number(values.pop()) if len(values) == 1 else None


def _sentence_before(doc: Document, q: Quantity) -> str:
    line_start = doc.norm_line_starts[q.line]
    return re.split(r"[。!?;]", doc.norm[line_start : q.start])[-1]


def prose_figures(
    doc: Document, analysis: Analysis, regime: Regime, year: int | None
) -> Iterator[ProseFigure]:
    """The figures of the text that state a table's cell, as `text-table-mismatch` reads
    them (its parameters in `regime`), each with the table's value and whether it agrees."""
    for rule in regime.rules:
        if rule.check != TEXT_TABLE:
            continue
        if "statistics" in rule.params:
            yield from _statistics_prose(doc, analysis, rule.params["statistics"], year)
        else:
            yield from _standard_prose(doc, analysis, rule.params.get("facts", ()), year)


def _standard_prose(doc, analysis, facts, year) -> Iterator[ProseFigure]:
    tables = analysis.standard_tables
    scope = text_table.part_one_scope(doc, analysis)
    if not tables or scope is None:
        return
    prose = text_table.part_one_figures(analysis, scope)
    stated = text_table.stated_facts(doc, facts, prose, analysis.labels, tables, year)
    for fact, candidates, expected, agreeing in stated:
        for q in candidates:
            yield _prose(
                doc, fact, q, fact["table"], fact["row"], fact["cells"], expected, agreeing
            )


def _statistics_prose(doc, analysis, facts, year) -> Iterator[ProseFigure]:
    stated = text_table.stated_statistics(doc, analysis, facts, year)
    for fact, candidates, expected, row in stated:
        for q in candidates:
            yield _prose(doc, fact, q, STATISTICS, row, [_STATISTICS_COLUMN], expected, {expected})


def _prose(doc, fact, q, table, row, columns, expected, agreeing) -> ProseFigure:
    return ProseFigure(
        fact=fact["name"]["zh"],
        table=table,
        row=row,
        columns=tuple(columns),
        value=number(q.value),  # type: ignore[arg-type]
        table_value=number(expected),
        agrees=q.value in agreeing,
        text=q.text,
        place=place_of(doc, q.start, q.end, {}),
    )
