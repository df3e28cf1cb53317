"""Check kinds on the report's format: outdated layout, fees not explained."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from linter import patterns
from linter.messages import bilingual
from linter.records import Evidence, Hit, TemplateCell

if TYPE_CHECKING:
    from linter.checks.context import Context
    from linter.document import Document


def outdated_format(doc: Document, params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
    """No standard table or heading at all, or a newer report in an older table layout."""
    tables = ctx.analysis.standard_tables
    standard_heading = patterns.compile(params["standard_heading"])
    has_heading = any(standard_heading.search(h.title) for h in ctx.analysis.outline.top_level)
    if not tables and not has_heading:
        yield Hit(evidence=Evidence({"problem": params["free_form"], "found": "free-form"}))
        return
    expected = ctx.regime.layout
    for table in tables.values():
        # Outdated: a layout the regime knows as older than the one it prescribes.
        if table.layout not in ctx.regime.layouts[:-1]:
            continue
        first = min(table.rows.values(), key=lambda r: r.line)  # the table's first row
        start = doc.norm_line_starts[first.line]
        words = {"found": table.layout, "expected": expected}
        problem = {
            lang: text.format(table=table.template.name[lang], **words)
            for lang, text in params["old_layout"].items()
        }
        facts = {"problem": problem, **words, "table": table.template.table}
        yield Hit(start, start + len(doc.norm_lines[first.line].rstrip()), Evidence(facts))


def fees_not_explained(doc: Document, params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
    """Fees were charged (or 信息处理费 is mentioned) but part 六 says nothing of them."""
    outline = ctx.analysis.outline
    tables = ctx.analysis.standard_tables
    applications = tables.get("applications")
    cell = applications.cell(params["row"], params["column"]) if applications else None
    charged = bool(cell and cell.value)
    mentioned = patterns.search(params["mention"], doc.norm)
    if not charged and not mentioned:
        return
    part = next((h for h in outline.top_level if patterns.search(params["part"], h.title)), None)
    if part is not None:
        first, last = outline.section_range(part)
        text = "".join(doc.norm_lines[first : last + 1])
        if patterns.search(params["statement"], text):
            return
    if charged and cell is not None:
        what = bilingual(params["charged"], row=params["row"], count=cell.value)
        place = TemplateCell("applications", params["row"], params["column"])
        yield Hit(cell.start, cell.end, Evidence({"what": what}, cell=place), cell.place)
    elif mentioned is not None:
        what = bilingual(params["mentioned"], text=mentioned.group(0))
        yield Hit(mentioned.start(), mentioned.end(), Evidence({"what": what}))
