"""Headings and the section tree of a report.

Real reports number their headings 一、 / (一) or （一） / 1. 1、 1． / (1),
indent them, and often run the first sentence of the body on after the
heading ("(一)申请情况。全市…"). The heading's title is the text up to the
first full stop. Page noise is never a heading.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from linter.numbers import parse_chinese_numeral

if TYPE_CHECKING:
    from linter.textview import TextView

CN_DIGITS = "一二三四五六七八九十"  # the digits of a heading number (一 … 九十九)
_CN = f"[{CN_DIGITS}]+"
_LEVELS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, re.compile(rf"^\s*(?P<num>{_CN})\s*[、.]\s*(?P<rest>.*)$")),
    (1, re.compile(rf"^\s*第(?P<num>{_CN})部分\s*[、.:]?\s*(?P<rest>.*)$")),
    (2, re.compile(rf"^\s*\(\s*(?P<num>{_CN})\s*\)\s*[、.]?\s*(?P<rest>.*)$")),
    (3, re.compile(r"^\s*(?P<num>\d{1,2})\s*[、.](?!\d)\s*(?P<rest>.*)$")),
    (4, re.compile(r"^\s*\(\s*(?P<num>\d{1,2})\s*\)\s*(?P<rest>.*)$")),
)
# What the patterns above can find first after the leading whitespace (or a digit).
_HEADING_STARTS = frozenset(CN_DIGITS + "第(")
# A heading title ends at the first full stop; one without a stop that runs
# on for longer than this is a body paragraph that happens to start "1、".
_MAX_UNSTOPPED_TITLE = 60
_FIGURES_ONLY = re.compile(r"^\s*(?:[\d.,/—-]+\s+){2,}[\d.,/—-]+\s*$")
# "附件:", "附表1", or the marker with its table's title ("附件:2010年政府信息公开情况统计表").
_APPENDIX = re.compile(r"^\s*附\s*(?:件|表)\s*\d*\s*[::]?\s*(?:[^。,;]{0,60}表)?\s*$")
# A part that is itself the appendix ("八、附表"): the numbered lines after it are its rows.
_APPENDIX_PART = re.compile(r"^附\s*(?:件|表)\s*\d*$|统计表$")
# The 2008-era statistics table appended without a marker: its title standing alone,
# then its header (统计指标 / 指标名称, 单位, 统计数) within a few lines.
_TABLE_TITLE = re.compile(r"^[^。,;:]{0,40}统计表\s*$")
_TABLE_HEADER = re.compile(r"(?:指标|项目)\s*名\s*称|统\s*计\s*指\s*标|单\s*位\s+统\s*计\s*数")
# "一、二季度各举办2期": an enumeration of numbers, not a heading.
_NOT_A_TITLE = re.compile(r"^[一二三四五六七八九十]+(?:、|季度|类|级|是)")
# The standard table's own numbered labels ("三、本年度办理结果" standing alone when a
# table is copied as text) are rows of part 三, not parts of the report.
_TABLE_LABEL = re.compile(r"本年度办理结果|本年新收|上年结转|结转下年度|^办理结果$")
_SPACED = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")
_MARKDOWN = re.compile(r"^\s*(?:#{1,6}\s*|\*\*)")
# "一、本年新收政府信息公开申请数量 3001 53 0 0 61 4 3119" is a table row, not a part
# (so is one whose figures ran together: "…申请数量 3001530061 43119").
# (The leading lookahead changes no match: it lets the engine skip the prose quickly.)
_TABLE_ROW = re.compile(
    r"(?=[\d.,/—-])(?:(?<![\d.,])[\d.,/—-]+(?:\s+[\d.,/—-]+)+\s*$|(?<![\d.,])\d{6,}\s*$)"
)


_STOP = re.compile(r"[。!?]")
_ROW_END = frozenset(".,/—-")


def _table_row(rest: str) -> bool:
    """`_TABLE_ROW.search(rest)`: the pattern ends in a figure at the end of the line,
    so a line ending otherwise (a heading running on into its paragraph) is not tried."""
    last = rest.rstrip()[-1:]
    return (last.isdecimal() or last in _ROW_END) and _TABLE_ROW.search(rest) is not None


@dataclass(frozen=True)
class Heading:
    level: int  # 1 = 一、, 2 = (一), 3 = 1., 4 = (1)
    number: int
    title: str  # normalised title text, without the number
    line: int  # 0-based line
    start: int  # offset of the heading in Document.norm
    end: int  # end of the title in Document.norm


@dataclass(frozen=True)
class Outline:
    headings: tuple[Heading, ...]
    line_count: int

    @cached_property
    def top_level(self) -> tuple[Heading, ...]:
        return tuple(h for h in self.headings if h.level == 1)

    @cached_property
    def _top_lines(self) -> list[int]:
        return [h.line for h in self.top_level]

    def top_section_of(self, line: int) -> Heading | None:
        """The top-level heading whose section holds 0-based `line`."""
        index = bisect.bisect_right(self._top_lines, line) - 1
        return self.top_level[index] if index >= 0 else None

    @cached_property
    def _lines(self) -> list[int]:
        return [h.line for h in self.headings]

    def enclosing(self, line: int) -> Heading | None:
        """The deepest heading whose section holds 0-based `line`."""
        # Headings are in line order, one to a line: the last one at or above `line`.
        index = bisect.bisect_right(self._lines, line) - 1
        return self.headings[index] if index >= 0 else None

    def section_range(self, heading: Heading) -> tuple[int, int]:
        """0-based first and last line of the section under `heading`."""
        # From the heading on, not over every heading: parts are looked up per table.
        for k in range(bisect.bisect_right(self._lines, heading.line), len(self.headings)):
            if self.headings[k].level <= heading.level:
                return heading.line, self.headings[k].line - 1
        return heading.line, self.line_count - 1


def parse_heading(line: str) -> tuple[int, int, str, int] | None:
    """(level, number, title, title end in the line) of a heading line, else None."""
    markup = _MARKDOWN.match(line)
    if markup:  # "## 一、概述" / "**一、概述**" in a Markdown report
        parsed = parse_heading(line[markup.end() :].replace("**", "", 1))
        if parsed is None:
            return None
        level, number, title, end = parsed
        return level, number, title, end + markup.end()
    first = line.lstrip()[:1]  # `\s*` of the patterns: the same whitespace
    if first not in _HEADING_STARTS and not first.isdecimal():
        return None  # most lines: no number opens them, no pattern need be tried
    for level, pattern in _LEVELS:
        m = pattern.match(line)
        if not m:
            continue
        raw = m["num"]
        number = int(raw) if raw.isdigit() else parse_chinese_numeral(raw)
        if number is None:
            continue
        rest = m["rest"]
        if _table_row(rest) or (level == 1 and _NOT_A_TITLE.match(rest)):
            return None
        stop = _STOP.search(rest)
        if stop:
            title = rest[: stop.start()]
        elif len(rest) <= _MAX_UNSTOPPED_TITLE:
            title = rest
        else:
            return None
        title = _SPACED.sub("", title.strip()).rstrip(":;,")  # "总 体 情 况"
        if not title:
            continue
        return level, number, title, m.start("rest") + len(title)
    return None


def heading_of(text: str) -> tuple[int, int, str] | None:
    """(level, number, title) when `text` starts with a heading of the report's own parts.

    A numbered label of the standard tables ("三、本年度办理结果") is not one.
    """
    parsed = parse_heading(text)
    if parsed is None or _TABLE_LABEL.search(parsed[2]):
        return None
    return parsed[0], parsed[1], parsed[2]


def _next_text_line(lines: list[str], i: int) -> str:
    # By index, not over lines[i + 1 :]: a copy of the rest per line is quadratic.
    for j in range(i + 1, len(lines)):
        if lines[j].strip():
            return lines[j]
    return ""


def _statistics_table(lines: list[str], i: int) -> bool:
    """Whether line `i` is the title of an appended statistics table, whose numbered
    rows ("一、主动公开情况") are no parts of the report."""
    if "统计表" not in lines[i] or not _TABLE_TITLE.match(lines[i]):
        return False
    following = [line for line in lines[i + 1 : i + 8] if line.strip()][:4]
    return any(_TABLE_HEADER.search(line) for line in following)


def _caption_row(line: str) -> bool:
    """A table row of one cell that is a part heading ("二、主动公开政府信息情况" set as the
    first, merged row of the part's table): the part starts there."""
    parsed = None if "\t" in line else parse_heading(line)
    return parsed is not None and parsed[0] == 1


def build_outline(doc: TextView, noise_lines: frozenset[int]) -> Outline:
    """All headings of `doc`, in order.

    A numbered label whose figures wrapped onto the next line ("一、本年新收政府信息
    公开申请数量" / "211 14 1 1 8 1 236") is a table row, not a part; so is any
    numbered line after an appendix marker (附件: / 附表:), which has its own numbering.
    """
    headings = []
    starts = doc.norm_line_starts
    lines = doc.norm_lines
    for i, line in enumerate(lines):
        if i in noise_lines or not line.strip():
            continue
        if _APPENDIX.match(line) or _statistics_table(lines, i):
            break
        # Whether the line reads as a heading first: most lines do not, and the
        # reasons a heading-like line is none below only ever skip it.
        parsed = parse_heading(line)
        if parsed is None or _TABLE_LABEL.search(parsed[2]):
            continue
        if _FIGURES_ONLY.match(_next_text_line(lines, i)):
            continue  # a row label whose figures wrapped below it
        if i in doc.table_lines and not _caption_row(line):
            continue  # a table cell
        if not doc.virtual_lines.get(i, True):
            continue  # cut out of a flattened line, and not where a part's heading starts
        level, number, title, title_end = parsed
        lead = len(line) - len(line.lstrip())
        headings.append(Heading(level, number, title, i, starts[i] + lead, starts[i] + title_end))
        if level == 1 and _APPENDIX_PART.search(title):
            break
    return Outline(tuple(headings), len(doc.norm_lines))
