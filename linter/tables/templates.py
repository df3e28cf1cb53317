"""Table templates: data in rules/templates/standard-tables.yaml.

A regime names its templates file (`templates:` in its pack); the rulebook
loads it. This module holds the template types and reads one entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class TemplateRow:
    key: str
    label: re.Pattern[str]
    layouts: tuple[str, ...]  # empty: every layout
    columns: tuple[str, ...]  # this row's columns (part 二 rows), else the table's


@dataclass(frozen=True)
class Template:
    table: str  # applications | review | proactive
    part: str  # the report part holding it: 二 / 三 / 四
    name: dict[str, str]
    columns: tuple[str, ...]
    rows: tuple[TemplateRow, ...]
    identities: tuple[dict[str, Any], ...]
    heading: re.Pattern[str] | None = None  # the part's heading, whatever its number

    def layout_rows(self, layout: str) -> tuple[TemplateRow, ...]:
        return tuple(r for r in self.rows if not r.layouts or layout in r.layouts)

    @property
    def layouts(self) -> tuple[str, ...]:
        found = sorted({lay for r in self.rows for lay in r.layouts})
        return tuple(found) or ("any",)


def parse_template(raw: dict[str, Any]) -> Template:
    """One template of a validated templates file."""
    columns = tuple(raw["columns"])
    rows = tuple(
        TemplateRow(
            key=r["key"],
            label=re.compile(r["label"]),
            layouts=tuple(r.get("layouts", ())),
            columns=tuple(r.get("columns", columns)),
        )
        for r in raw["rows"]
    )
    heading = re.compile(raw["heading"]) if "heading" in raw else None
    return Template(
        raw["table"],
        raw["part"],
        raw["name"],
        columns,
        rows,
        tuple(raw.get("identities", ())),
        heading,
    )
