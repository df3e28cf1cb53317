"""Check kind text_table: a figure the prose of part 一 states contradicts the table.

Analysis map a prose figure, recognised by its label (the words before it) or
the words after it, onto table cells (their sum when several): "受理…申请3119件"
is 一·总计, "复议351件，其中结果维持72件" the review block. The review and
litigation results are read as partition groups (total and parts), and
"均获维持" while the table has cases corrected, otherwise decided or pending is
a contradiction too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from linter import patterns
from linter.numbers import plausible
from linter.partitions import Partition
from linter.records import Evidence, Hit, TemplateCells
from linter.tables.match import MatchedTable

if TYPE_CHECKING:
    from linter.analysis import Analysis
    from linter.checks.context import Context
    from linter.document import Document
    from linter.numbers import Quantity
    from linter.sections import Outline

_AFTER_REACH = 12
_CLAUSE_END = re.compile(r"[,;。!?]")


def _table_value(tables: dict[str, MatchedTable], table: str, row: str, cells: list[str]):
    matched = tables.get(table)
    if matched is None:
        return None
    found = [matched.cell(row, c) for c in cells]
    if any(c is None or c.value is None for c in found):
        return None
    return sum((c.value for c in found), start=Decimal(0))  # type: ignore[union-attr]


def _part_one(doc: Document, outline: Outline) -> tuple[int, int] | None:
    for heading in outline.top_level:
        if heading.number == 1:
            first, last = outline.section_range(heading)
            return doc.norm_line_starts[first], doc.norm_line_starts[last] + len(
                doc.norm_lines[last]
            )
    return None


def _after(doc: Document, q: Quantity) -> str:
    text = doc.norm[q.end : q.end + _AFTER_REACH].replace("\n", "")
    return _CLAUSE_END.split(text)[0]


def text_table(doc: Document, params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
    analysis = ctx.analysis
    if "statistics" in params:  # the 2008 regime: the appended statistics table
        yield from _statistics(doc, analysis, params["statistics"], ctx.year)
        return
    tables = analysis.standard_tables
    scope = _part_one(doc, analysis.outline)
    if not tables or scope is None:
        return
    prose = part_one_figures(analysis, scope)
    seen: set[int] = set()
    for hit in [
        *_groups(analysis, params.get("groups", ()), scope, tables),
        *_facts(doc, params.get("facts", ()), prose, analysis.labels, tables, ctx.year),
        *_all_upheld(doc, params.get("all_upheld"), scope, tables),
        *_none_stated(doc, params.get("none_stated"), scope, tables),
    ]:
        if hit.start not in seen:  # a figure read both as a fact and in a group
            seen.add(hit.start)
            yield hit


def part_one_figures(analysis: Analysis, scope: tuple[int, int]) -> list[Quantity]:
    """The exact counts part 一 states (norm offsets `scope`): what the facts are read from."""
    return [
        q
        for q in analysis.quantities
        if scope[0] <= q.start < scope[1] and q.kind == "count" and not q.approx
    ]


def part_one_scope(doc: Document, analysis: Analysis) -> tuple[int, int] | None:
    """Norm offsets of part 一, None when the report has no part numbered 一."""
    return _part_one(doc, analysis.outline)


def stated_facts(
    doc: Document, facts, prose, label_of, tables, year
) -> Iterator[tuple[dict[str, Any], list[Quantity], Decimal, set[Decimal]]]:
    """(fact, the prose figures stating it, its table value, the values that agree with
    the table) for each fact the text states and the table gives."""
    for fact in facts:
        candidates = [q for q in prose if _states(doc, fact, q, label_of[q.start], year)]
        expected = _table_value(tables, fact["table"], fact["row"], fact["cells"])
        if candidates and expected is not None:
            yield fact, candidates, expected, _agreeing(tables, fact)


def _facts(doc, facts, prose, label_of, tables, year) -> Iterator[Hit]:
    """Each fact's prose figures against its cells: a contradiction when none agrees.

    Several figures may fit a fact's words ("备案审查规范性文件56件…新制发行政规范性
    文件18件"); the statement that agrees with the table settles it.
    """
    for fact, candidates, expected, agreeing in stated_facts(
        doc, facts, prose, label_of, tables, year
    ):
        if any(q.value in agreeing for q in candidates):
            continue
        q = candidates[0]
        yield _hit(q, expected, fact["name"], fact["table"], fact["row"], fact["cells"])


def _agreeing(tables: dict[str, MatchedTable], fact: dict[str, Any]) -> set:
    """The values that agree with `fact` in any printing of its table: a report with a
    part 三 table for 本级 and one for 全市 states figures of either in its prose."""
    agreeing: set[Decimal] = set()
    for instance in tables[fact["table"]].printed:
        one = {fact["table"]: instance}
        value = _table_value(one, fact["table"], fact["row"], fact["cells"])
        if value is not None:
            agreeing |= {value, *_with_included(one, fact, value)}
    return agreeing


def _with_included(tables, fact: dict[str, Any], expected: Decimal) -> list[Decimal]:
    """The fact's value with the rows a statement may count too ("受理749件" = 一 713 +
    二 上年结转 36), when the table gives them."""
    rows = fact.get("may_include", ())
    if not rows:
        return []
    extra = [_table_value(tables, fact["table"], row, fact["cells"]) for row in rows]
    if any(v is None for v in extra):
        return []
    return [expected + sum(extra, start=Decimal(0))]  # type: ignore[arg-type]


_YEAR = re.compile(r"((?:19|20)\d{2})年")


def _states(doc: Document, fact: dict[str, Any], q: Quantity, label: str, year) -> bool:
    """Whether figure `q` is a statement of `fact` about the report year."""
    after = _after(doc, q)
    if fact.get("label") and not patterns.search(fact["label"], label):
        return False
    if fact.get("after") and not patterns.search(fact["after"], after):
        return False
    if fact.get("unless_after") and patterns.search(fact["unless_after"], after):
        return False
    sentence = _sentence_before(doc, q)
    if fact.get("context") and not patterns.search(fact["context"], sentence):
        return False
    # "区政府办代表区政府受理申请17件", "市政府本级受理…": one unit's figure, not the table's.
    if fact.get("unless_context") and patterns.search(fact["unless_context"], sentence):
        return False
    # "2023年受理申请200件": a figure of another year is no statement about this one.
    return year is None or all(int(y) == year for y in _YEAR.findall(sentence))


def _sentence_before(doc: Document, q: Quantity) -> str:
    line_start = doc.norm_line_starts[q.line]
    return re.split(r"[。!?]", doc.norm[line_start : q.start])[-1]


def _groups(analysis: Analysis, groups, scope, tables) -> Iterator[Hit]:
    if not groups:
        return
    partitions = [Partition.from_params(g["partition"]) for g in groups]
    for found in analysis.groups.of(partitions):
        if not scope[0] <= found.total.start < scope[1]:
            continue
        spec = groups[partitions.index(found.partition)]
        cells = spec["total"]
        expected = _table_value(tables, spec["table"], spec["row"], cells)
        if expected is not None and expected != found.total.value and found.total.kind == "count":
            yield _hit(
                found.total, expected, found.partition.name, spec["table"], spec["row"], cells
            )
        for name, q in found.parts:
            cells = spec["parts"].get(name)
            expected = _table_value(tables, spec["table"], spec["row"], cells) if cells else None
            if expected is not None and expected != q.value:
                what = {
                    "zh": f"{found.partition.name['zh']}·{name}",
                    "en": f"{found.partition.name['en']}: {name}",
                }
                yield _hit(q, expected, what, spec["table"], spec["row"], cells)


def _all_upheld(doc, spec, scope, tables) -> Iterator[Hit]:
    """ "均获维持" while the table has results other than 维持, for the block the sentence is about.

    The block is the last of 复议 / 诉讼 named before the phrase in its sentence; a
    qualified statement ("除1件尚未审结外,其余均获维持", "已审结的3件均获维持") is
    not a claim about every case and is left alone.
    """
    if not spec:
        return
    pattern = patterns.compile(spec["pattern"])
    qualifier = patterns.compile(spec["qualifier"])
    for m in pattern.finditer(doc.norm, scope[0], scope[1]):
        line_start = doc.norm_line_starts[doc.norm_line_of(m.start())]
        sentence = re.split(r"[。;!?]", doc.norm[line_start : m.start()])[-1]
        if qualifier.search(sentence):
            continue
        # "复议9件,诉讼6件,均获维持" is about both blocks; each named one is held to it.
        named = [b for b in spec["blocks"] if b["keyword"] in sentence]
        yield from _first_contradicted(
            m.start(), m.end(), m.group(0), named, "others", spec, tables
        )


def _none_stated(doc, spec, scope, tables) -> Iterator[Hit]:
    """ "未发生…行政复议、行政诉讼" while the table counts cases in a named block."""
    if not spec:
        return
    for m in patterns.finditer(spec["pattern"], doc.norm[scope[0] : scope[1]]):
        named = [b for b in spec["blocks"] if b["keyword"] in m.group(0)]
        start, end = scope[0] + m.start(), scope[0] + m.end()
        yield from _first_contradicted(start, end, m.group(0), named, "cells", spec, tables)


def _first_contradicted(start, end, stated, blocks, cells_key, spec, tables) -> Iterator[Hit]:
    """A statement that a block has no such cases, against the first block whose cells
    count some."""
    for block in blocks:
        counted = _table_value(tables, spec["table"], spec["row"], block[cells_key])
        if counted:
            facts = {"stated": stated, "table_value": counted, "what": block["name"]}
            cells = TemplateCells(spec["table"], spec["row"], tuple(block[cells_key]))
            yield Hit(start, end, Evidence(facts, cell=cells))
            return


def _hit(q, expected, what, table, row, cells) -> Hit:
    facts = {"stated": q.value, "table_value": expected, "what": what}
    return Hit(q.start, q.end, Evidence(facts, cell=TemplateCells(table, row, tuple(cells))))


# A row of the 2008-era statistics table (统计指标 / 单位 / 统计数), as text or as a
# grid row: "(一)主动公开政府信息数 条 352", "1.当面申请数\t件\t5", "三、行政复议数量 件 0"
# (normalised, the unit and its figure may have closed up: "条352").
_STATISTICS_ROW = re.compile(
    r"^\s*(?:其中\s*[::]?\s*)?(?:\(?[一二三四五六七八九十\d]{1,3}\)?\s*[、.]?\s*)?"
    r"(?P<label>[^\d\s][^\t\d。;,]*?)(?:\s*(?:条|件|个|次|人次|人|项|万元|元)\s*|\s+)"
    r"(?P<value>\d+(?:\.\d+)?)\s*$"
)
_GAPS = re.compile(r"\s+")


def statistics_rows(doc: Document, noise: frozenset[int]) -> dict[str, list[tuple[Decimal, int]]]:
    """Label -> (figure, 0-based line) of every line shaped as a statistics-table row."""
    rows: dict[str, list[tuple[Decimal, int]]] = {}
    for i, line in enumerate(doc.norm_lines):
        # The row pattern ends in a figure: a line ending otherwise is not tried.
        m = _STATISTICS_ROW.match(line) if line.rstrip()[-1:].isdecimal() else None
        if m and i not in noise and plausible(Decimal(m["value"])):
            label = _GAPS.sub("", m["label"]).rstrip(":")
            rows.setdefault(label, []).append((Decimal(m["value"]), i))
    return rows


def _statistics(doc: Document, analysis, facts: list[dict[str, Any]], year) -> Iterator[Hit]:
    """Prose figures held to the 2008-era statistics table, one fact per table row.

    A row label seen twice (two tables, or a row pattern that fits two rows) is
    ambiguous and held to nothing; so is a fact no prose figure states. As for the
    standard tables, a contradiction is a fact none of whose prose figures agrees.
    """
    for fact, candidates, expected, _ in stated_statistics(doc, analysis, facts, year):
        if all(q.value != expected for q in candidates):
            q = candidates[0]
            facts_ = {"stated": q.value, "table_value": expected, "what": fact["name"]}
            cells = TemplateCells("statistics", fact["name"]["zh"], ("统计数",))
            yield Hit(q.start, q.end, Evidence(facts_, cell=cells))


def stated_statistics(
    doc: Document, analysis: Analysis, facts: list[dict[str, Any]], year
) -> Iterator[tuple[dict[str, Any], list[Quantity], Decimal, str]]:
    """(fact, the prose figures stating it, its statistics-table figure, the row's label)
    for each fact the text states and whose row the table holds exactly once."""
    rows = statistics_rows(doc, analysis.noise_lines)
    if not rows:
        return
    table_lines = {line for found in rows.values() for _, line in found}
    label_of = analysis.labels
    prose = [
        q
        for q in analysis.quantities
        if q.line not in table_lines and q.kind == "count" and not q.approx
    ]
    for fact in facts:
        pattern = patterns.compile(fact["row"])
        found = [
            (v, label) for label, values in rows.items() if pattern.search(label) for v in values
        ]
        if len(found) != 1:
            continue
        units = fact.get("units")
        candidates = [
            q
            for q in prose
            if (not units or q.unit in units) and _states(doc, fact, q, label_of[q.start], year)
        ]
        if candidates:
            (value, _), row = found[0]
            yield fact, candidates, value, row
