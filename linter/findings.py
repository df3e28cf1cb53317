"""A finding: a rule violation at a place in one file.

A check returns `Hit`s (linter/records.py); the engine turns them into
`Finding`s with the rule's id, severity, rendered message and source
location. Formatters only ever see findings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from linter.records import Evidence

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


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
    evidence: Evidence = field(default_factory=Evidence)
    location: dict[str, Any] = field(default_factory=dict)  # page / paragraph / table cell

    @property
    def details(self) -> dict[str, Any]:
        """The evidence as machines read it (the JSON `details`)."""
        return self.evidence.as_json()

    def sort_key(self) -> tuple[int, int, int, str]:
        return (0 if self.whole_report else 1, self.line, self.column, self.rule)

    def at_least(self, severity: str) -> bool:
        return SEVERITY_RANK[self.severity] >= SEVERITY_RANK[severity]
