"""The neutral records every stage passes on: hits, evidence, findings, results.

A check returns `Hit`s: where (norm offsets) and one `Evidence` (the facts its
message needs and a machine reads alike, the arithmetic, the template cells).
The engine turns them into `Finding`s that name the rule and the place; the
formatters word them. This module imports nothing from the package, so every
stage (and every future output format) can depend on it without a cycle.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class TemplateCell:
    """A cell of a standard table named by its template, not by its place in a file."""

    table: str  # template table id: "applications"
    row: str  # template row key: "三(三)1"
    column: str  # template column name: "总计"

    def as_json(self) -> dict[str, Any]:
        return {"table": self.table, "row": self.row, "column": self.column}


@dataclass(frozen=True)
class TemplateCells:
    """Cells of one template row whose sum a figure is held to ("复议" = its five cells)."""

    table: str
    row: str
    columns: tuple[str, ...]

    def as_json(self) -> dict[str, Any]:
        return {"table": self.table, "row": self.row, "columns": list(self.columns)}


@dataclass(frozen=True)
class Term:
    """A machine value and the words a message says it in.

    `Term("phone", {"zh": "电话", "en": "phone"})`: JSON gives "phone", a
    Chinese message 电话. Used where the message and a machine want the same
    fact in different forms (a table's id and its name, a number and "三是").
    """

    value: Any
    words: Any  # a str, or {"zh": …, "en": …}


@dataclass(frozen=True)
class Evidence:
    """What a finding rests on: one value for its message and for machines.

    `facts` fill the rule's message placeholders and are the JSON `details`;
    `arithmetic` is the sum written out ("18 + 2 + 52 + 45 = 117 ≠ 120"), shown
    under the finding by the text format; `cell` names the standard-table
    cell (or cells) the finding is about, by the template's names.
    """

    facts: Mapping[str, Any] = field(default_factory=dict)
    arithmetic: str | None = None
    cell: TemplateCell | TemplateCells | None = None

    def placeholders(self) -> dict[str, Any]:
        """The values a message template may name (facts, and the arithmetic)."""
        if self.arithmetic is None:
            return dict(self.facts)
        return {**self.facts, "arithmetic": self.arithmetic}

    def as_json(self) -> dict[str, Any]:
        """The machine-readable form (JSON `details`): numbers as numbers, terms as values."""
        out = {key: json_value(value) for key, value in self.facts.items()}
        if self.cell is not None:
            out.update(self.cell.as_json())
        if self.arithmetic is not None:
            out["arithmetic"] = self.arithmetic
        return out


def json_value(value: Any) -> Any:
    """`value` as JSON-ready data: 1411 for Decimal('1411'), 93.75 for Decimal('93.75')."""
    if isinstance(value, Term):
        return json_value(value.value)
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, Mapping):
        return {k: json_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_value(v) for v in value]
    return value


@dataclass(frozen=True)
class Hit:
    """One problem found by a check kind, before a rule gives it a name."""

    start: int | None = None  # offset in Document.norm; None: the report as a whole
    end: int | None = None
    evidence: Evidence = field(default_factory=Evidence)

    @property
    def whole_report(self) -> bool:
        return self.start is None
