"""Check kinds on the report's format: outdated layout, fees not explained."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from linter.findings import Hit

if TYPE_CHECKING:
    from linter.checks import Context
    from linter.document import Document


def _expected_layout(params: dict[str, Any], year: int | None) -> str | None:
    expected = None
    for step in params["layouts"]:
        if year is not None and year >= step["from"]:
            expected = step["layout"]
    return expected


def outdated_format(doc: Document, params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
    """No standard table or heading at all, or a newer report in the older table layout."""
    tables = doc.standard_tables
    standard_heading = re.compile(params["standard_heading"])
    has_heading = any(standard_heading.search(h.title) for h in doc.outline.top_level)
    if not tables and not has_heading:
        yield Hit(
            values={
                "found": {"zh": "旧式(无标准表格和标题)", "en": "the pre-2019 free form"},
                "expected": {"zh": "国办公开办函规定的格式", "en": "the standard format"},
            },
            details={"found": "free-form"},
        )
        return
    expected = _expected_layout(params, ctx.year)
    applications = tables.get("applications")
    if applications and expected and applications.layout < expected:
        row = min(applications.rows.values(), key=lambda r: r.line)  # the table's first row
        start = doc.norm_line_starts[row.line]
        yield Hit(
            start,
            start + len(doc.norm_lines[row.line].rstrip()),
            values={"found": f"{applications.layout}", "expected": expected},
            details={"found": applications.layout, "expected": expected, "table": "applications"},
        )


def fees_not_explained(doc: Document, params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
    """Fees were charged (or 信息处理费 is mentioned) but part 六 says nothing of them."""
    tables = doc.standard_tables
    applications = tables.get("applications")
    cell = applications.cell(params["row"], params["column"]) if applications else None
    charged = bool(cell and cell.value)
    mentioned = re.search(params["mention"], doc.norm)
    if not charged and not mentioned:
        return
    part = next((h for h in doc.outline.top_level if re.search(params["part"], h.title)), None)
    if part is not None:
        first, last = doc.outline.section_range(part)
        text = "".join(doc.norm_lines[first : last + 1])
        if re.search(params["statement"], text):
            return
    if charged and cell is not None:
        what = {
            "zh": f"表格{params['row']}(逾期未按收费通知缴费)有{cell.value}件申请",
            "en": f"table row {params['row']} (fee notice not paid) counts {cell.value}",
        }
        details = {"table": "applications", "row": params["row"], "column": params["column"]}
        yield Hit(cell.start, cell.end, values={"what": what}, details=details)
    elif mentioned is not None:
        what = {
            "zh": f"正文提到“{mentioned.group(0)}”",
            "en": f"the text mentions {mentioned.group(0)}",
        }
        yield Hit(mentioned.start(), mentioned.end(), values={"what": what}, details={})
