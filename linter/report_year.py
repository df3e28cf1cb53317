"""Which year a report is about: title, else statistical period, else opening text."""

from __future__ import annotations

import re

from linter.numbers import parse_year

# "2018年…年度报告", "二〇一八年…年度报告", "…年度报告(2018年)"
YEAR = r"(?:19|20)\d{2}|二[〇零○][一二三四五六七八九〇零○]{2}"
TITLE_YEAR = re.compile(
    rf"(?P<year>{YEAR})\s*年度?.{{0,40}}?(?:年度报告|年报|工作报告)"
    rf"|(?:年度报告|年报|工作报告)\s*\(\s*(?P<year2>{YEAR})\s*年?度?\s*\)"
)
_ANY_YEAR = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年")
_MAX_TITLE_LENGTH = 60  # a longer line is body text, not a title
_TITLE_REACH = 8  # non-blank, non-noise lines searched for a title
_OPENING_REACH = 600
_STOP = re.compile(r"[。!?;,:]")  # characters of the opening searched as a last resort


def title_year_match(line: str) -> re.Match[str] | None:
    """The year of a title line, if the (short) line is a report title."""
    return TITLE_YEAR.search(line) if len(line.strip()) <= _MAX_TITLE_LENGTH else None


def find_title(
    norm_lines: list[str], noise_lines: frozenset[int]
) -> tuple[int, re.Match[str]] | None:
    """(0-based line, match) of the title among the first lines of the document.

    Page furniture and blank lines are passed over. A title wrapped onto a second
    line ("道县文广新局2013年度信息公开工作" / "年度报告") is read as one line when the
    first half has no sentence stop: a wrapped title is not a sentence.
    """
    lines = [
        (i, line.strip())
        for i, line in enumerate(norm_lines)
        if line.strip() and i not in noise_lines
    ][:_TITLE_REACH]
    for k, (i, line) in enumerate(lines):
        m = title_year_match(line)
        if m:
            return i, m
        if k + 1 < len(lines) and not _STOP.search(line):
            m = title_year_match(line + lines[k + 1][1])
            if m:
                return i, m
    return None


def detect_year(
    norm: str, title: tuple[int, re.Match[str]] | None, period: re.Match[str] | None
) -> int | None:
    """The report year (`title`: what `find_title` found), or None when nothing names one."""
    if title:
        m = title[1]
        return parse_year(m["year"] or m["year2"])
    if period:
        return parse_year(period["year"])
    m = _ANY_YEAR.search(norm[:_OPENING_REACH])
    return int(m["year"]) if m else None
