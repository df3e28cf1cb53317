"""The neutral records every stage passes on: a check's hit and a finding.

A check returns `Hit`s (where, and the values its message needs); the engine
turns them into `Finding`s with the rule's id, severity, rendered message and
source location. Formatters only ever see findings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass(frozen=True)
class Hit:
    """One problem found by a check kind, before a rule gives it a name."""

    start: int | None = None  # offset in Document.norm; None: the report as a whole
    end: int | None = None
    values: dict[str, Any] = field(default_factory=dict)  # message placeholders
    details: dict[str, Any] = field(default_factory=dict)  # machine-readable facts
    # Native place when the check knows it (a grid cell: table, row, cell, page);
    # otherwise the engine derives it from the span.
    place: dict[str, Any] = field(default_factory=dict)

    @property
    def whole_report(self) -> bool:
        return self.start is None


@dataclass(frozen=True)
class Finding:
    """A rule violation at a place in one file: the record formatters render."""

    path: str
    rule: str
    severity: str
    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    section: str | None = None
    excerpt: str = ""
    excerpt_offset: int = 0  # where the span starts within `excerpt` (for underlining)
    whole_report: bool = False
    details: dict[str, Any] = field(default_factory=dict)
    location: dict[str, Any] = field(default_factory=dict)  # page / paragraph / table cell

    def sort_key(self) -> tuple[int, int, int, str]:
        return (0 if self.whole_report else 1, self.line, self.column, self.rule)

    def at_least(self, severity: str) -> bool:
        return SEVERITY_RANK[self.severity] >= SEVERITY_RANK[severity]
