"""Which year a report is about: title, else statistical period, else opening text."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from linter.numbers import parse_year

if TYPE_CHECKING:
    from linter.document import Document

# "2018年…年度报告", "二〇一八年…年度报告", "…年度报告(2018年)"
YEAR = r"(?:19|20)\d{2}|二[〇零○][一二三四五六七八九〇零○]{2}"
_TITLE_YEAR = re.compile(
    rf"(?P<year>{YEAR})\s*年度?.{{0,40}}?(?:年度报告|年报|工作报告)"
    rf"|(?:年度报告|年报|工作报告)\s*\(\s*(?P<year2>{YEAR})\s*年?度?\s*\)"
)
_ANY_YEAR = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年")
_MAX_TITLE_LENGTH = 60  # a longer line is body text, not a title
_TITLE_REACH = 8  # non-blank, non-noise lines searched for a title
_OPENING_REACH = 600  # characters of the opening searched as a last resort


def title_year_match(line: str) -> re.Match[str] | None:
    """The year of a title line, if the (short) line is a report title."""
    return _TITLE_YEAR.search(line) if len(line.strip()) <= _MAX_TITLE_LENGTH else None


def title_year(norm_lines: list[str], noise_lines: frozenset[int]) -> int | None:
    """The year of the report's title line, or None when no title line is found."""
    seen = 0
    for i, line in enumerate(norm_lines):
        if i in noise_lines or not line.strip():
            continue
        m = title_year_match(line)
        if m:
            return parse_year(m["year"] or m["year2"])
        seen += 1
        if seen >= _TITLE_REACH:
            break
    return None


def detect_year(doc: Document, titled: int | None, period: re.Match[str] | None) -> int | None:
    """The report year (`titled`: the title's year), or None when nothing names one."""
    if titled is not None:
        return titled
    if period:
        return parse_year(period["year"])
    m = _ANY_YEAR.search(doc.norm[:_OPENING_REACH])
    return int(m["year"]) if m else None
