"""Check kinds about the report's parts and headings."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from linter import patterns
from linter.numbers import parse_chinese_numeral
from linter.records import Evidence, Hit, Term
from linter.sections import CN_DIGITS

if TYPE_CHECKING:
    from linter.checks.context import Context
    from linter.document import Document
    from linter.sections import Heading, Outline

# "全文由…七部分组成" / "包括…五个部分" / "分为六个部分"; within one sentence.
_DECLARED = re.compile(
    r"(?:由|包括|包含|分为|共分|分)[^。]{0,400}?(?P<n>[一二三四五六七八九十]+|\d+)\s*个?部分"
)


def required_section(doc: Document, params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
    """The part exists as a heading at any level, or as a statement in the body."""
    if params.get("issuer") and ctx.analysis.issuer != params["issuer"]:
        return  # e.g. 第五十条第四项 binds people's governments, not departments
    headings = [patterns.compile(p) for p in params["headings"]]
    # A subheading under a part about what was disclosed names a category of
    # information ("(三)国民经济和社会发展计划"), not a part of the report.
    not_under = patterns.optional(params.get("not_under"))
    for h in ctx.analysis.outline.headings:
        if not any(p.search(h.title) for p in headings):
            continue
        top = ctx.analysis.outline.top_section_of(h.line) if h.level > 1 else None
        if not_under is None or top is None or not not_under.search(top.title):
            return
    for pattern in params.get("statements", ()):
        if patterns.search(pattern, doc.norm):
            return
    yield Hit(evidence=Evidence({"part": params.get("part", {"zh": "", "en": ""})}))


def declared_structure(doc: Document, params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
    """ "由…N部分组成" must match the number of top-level headings."""
    top = ctx.analysis.outline.top_level
    if not top:
        return
    first_heading = top[0].start
    for m in _DECLARED.finditer(doc.norm, 0, first_heading):
        raw = m["n"]
        declared = int(raw) if raw.isdigit() else parse_chinese_numeral(raw)
        if declared is None or declared == len(top):
            return
        noise = ctx.analysis.noise_lines
        if declared == len(top) + 1 and _appended_table(doc, noise, top[-1].line, m.group(0)):
            return  # the statistics table appended after the last part is one of them
        if declared == len(top) - 1 and _APPENDIX_TITLE.search(top[-1].title):
            return  # "七、附件": the appendix numbered on, not one of the parts declared
        facts = {"declared": declared, "found": len(top), "headings": [h.title for h in top]}
        yield Hit(m.start("n"), m.end(), Evidence(facts))
        return


# An appendix after the parts: "附件1", "附表:", or a table title standing alone.
_APPENDED = re.compile(r"^\s*附\s*(?:件|表)|^[^。,;]{0,40}(?:统计表|情况表|数据表|一览表)\s*$")
_DECLARES_TABLE = re.compile(r"附表|附件|统计表|情况表|数据表")
_APPENDIX_TITLE = re.compile(r"^附\s*(?:件|表)|统计表$")


def _appended_table(
    doc: Document, noise_lines: frozenset[int], last_heading: int, declaration: str
) -> bool:
    """Whether a statistics table is appended after the last numbered part (or the
    declaration itself names one: "…和附表六个部分")."""
    if _DECLARES_TABLE.search(declaration):
        return True
    if any(t.first_line > last_heading for t in doc.tables):
        return True
    return any(
        _APPENDED.search(line)
        for i, line in enumerate(doc.norm_lines[last_heading + 1 :], start=last_heading + 1)
        if i not in noise_lines
    )


def heading_sequence(doc: Document, params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
    """Top-level numbering runs 一、二、三… without skips or repeats.

    Numbering that starts again at 一 after two or more parts starts a new sequence
    (an appended table section, a list numbered at the wrong level): a drafting slip
    skips or repeats a number, it does not go back to the first.
    """
    expected = 1
    outline = ctx.analysis.outline
    previous = None
    for h in outline.top_level:
        if h.number == 1 and (expected > 2 or _contents_line(doc, outline, previous, h)):
            expected = 1
        if h.number != expected and not _glued_heading(doc, previous, h, expected):
            yield Hit(h.start, h.end, Evidence({"expected": expected, "found": h.number}))
        expected = h.number + 1
        previous = h


def _glued_heading(doc: Document, previous: Heading | None, h: Heading, expected: int) -> bool:
    """In a line that lost its breaks, the part `expected` is there but its heading ran
    straight into its body ("。 一、主动公开政府信息情况我局全年主动公开…"), too long to
    read as a heading: the numbering did not skip, the cut did."""
    if h.line not in doc.virtual_lines or not 0 < expected < 100:
        return False
    tens, units = divmod(expected, 10)
    numeral = ("" if tens < 2 else CN_DIGITS[tens - 1]) + ("十" if tens else "")
    numeral += CN_DIGITS[units - 1] if units else ""
    marker = re.compile(rf"(?:^|[。!?\s]){numeral}\s*、")
    return marker.search(doc.norm, previous.end if previous else 0, h.start) is not None


def _contents_line(doc: Document, outline: Outline, previous: Heading | None, h: Heading) -> bool:
    """`previous` heads no text before `h` starts again at 一: it was a table of
    contents ("一、概述,(一)…,二、主动公开…" on one line), not the report's part 一.
    A sub-heading whose body runs on after it ("(一)主动公开。全年…") is text."""
    if previous is None or previous.number != 1:
        return False
    bare = {k.line for k in outline.headings if k.end >= _line_end(doc, k.line) - 1}
    between = range(previous.line + 1, h.line)
    return all(not doc.norm_lines[i].strip() or i in bare for i in between)


def _line_end(doc: Document, line: int) -> int:
    return doc.norm_line_starts[line] + len(doc.norm_lines[line].rstrip())


def title(doc: Document, params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
    """A short line near the top (or two, wrapped) names the year and 年度报告."""
    if ctx.analysis.title is None:
        yield Hit()


def plan_year(doc: Document, params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
    """A "20XX年工作打算" heading is about the year after the report year."""
    if ctx.year is None:
        return
    pattern = patterns.compile(params["headings"])
    for h in ctx.analysis.outline.headings:
        m = pattern.search(h.title)
        first = int(m["from"] or m["year"]) if m else 0
        if m and first != ctx.year + 1:
            found = first
            yield Hit(h.start, h.end, Evidence({"found": found, "expected": ctx.year + 1}))


# "一是…二是…三是": inline enumerations. 统一是 / 唯一是 are words, not items.
# The lookbehind comes after the first digit (it looks at the character before that
# digit, as if it stood first): a pattern opening with a character class is scanned
# for it, 4x faster than trying an opening lookaround at every position.
_ENUMERATED = re.compile(
    r"(?P<n>[一二三四五六七八九十](?<![一二三四五六七八九十统唯之单][一二三四五六七八九十])"
    r"[一二三四五六七八九十]*)是"
)


def enumeration_sequence(doc: Document, params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
    """Within one section an inline 一是…二是…三是 runs on without skips or repeats.

    A 一是 inside a running list opens a nested list ("二是完善制度:一是…二是…三是…。
    三是强化监督"): the numbers that follow continue the innermost list they fit, so
    the outer 三是 is no repeat. A number that fits none is one finding, and the
    list goes on from it, so one slip is not reported again at every later item.
    """
    open_lists = _OpenLists()
    section = None
    for m in _ENUMERATED.finditer(doc.norm):
        line = doc.norm_line_of(m.start())
        if line in ctx.analysis.noise_lines:
            continue
        here = ctx.analysis.outline.enclosing(line)
        number = parse_chinese_numeral(m["n"])
        if number is None:
            continue
        if here != section:
            section, open_lists = here, _OpenLists([number])
            continue
        if number == 1 or not open_lists.lasts:
            open_lists.push(number)
            continue
        if not open_lists.continue_with(number):
            facts = {"found": Term(number, m.group(0)), "expected": open_lists.lasts[-1] + 1}
            yield Hit(m.start(), m.end(), Evidence(facts))
            open_lists.replace_last(number)


class _OpenLists:
    """The last number of each open inline list, innermost last, with the depths of
    each number indexed: finding the innermost list a number continues is a lookup,
    not a scan of every open list (a 1 MB line of 一是… opened tens of thousands)."""

    def __init__(self, lasts: list[int] | None = None) -> None:
        self.lasts: list[int] = []
        self._depths: dict[int, list[int]] = {}
        for n in lasts or ():
            self.push(n)

    def push(self, number: int) -> None:
        self._depths.setdefault(number, []).append(len(self.lasts))
        self.lasts.append(number)

    def _pop(self) -> None:
        self._depths[self.lasts.pop()].pop()

    def replace_last(self, number: int) -> None:
        self._pop()
        self.push(number)

    def continue_with(self, number: int) -> bool:
        """Close the lists inside the innermost one `number` continues and make it that
        list's last number; False (nothing changed) when it continues none."""
        depths = self._depths.get(number - 1)
        if not depths:
            return False
        while len(self.lasts) > depths[-1] + 1:
            self._pop()
        self.replace_last(number)
        return True
