"""Which year a report is about: title, else statistical period, else opening text."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from linter.checks.period import find_period

if TYPE_CHECKING:
    from linter.document import Document

_TITLE_YEAR = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年度?.{0,40}?(?:年度报告|年报)")
_ANY_YEAR = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年")
_MAX_TITLE_LENGTH = 60  # a longer line is body text, not a title
_TITLE_REACH = 8  # non-blank, non-noise lines searched for a title
_OPENING_REACH = 600  # characters of the opening searched as a last resort


def detect_year(doc: Document) -> int | None:
    """The report year, or None when nothing in the text names one."""
    seen = 0
    for i, line in enumerate(doc.norm_lines):
        if i in doc.noise_lines or not line.strip():
            continue
        m = _TITLE_YEAR.search(line) if len(line.strip()) <= _MAX_TITLE_LENGTH else None
        if m:
            return int(m["year"])
        seen += 1
        if seen >= _TITLE_REACH:
            break
    period = find_period(doc)
    if period:
        return int(period["year"])
    m = _ANY_YEAR.search(doc.norm[:_OPENING_REACH])
    return int(m["year"]) if m else None
