"""The normalised view of a text that checks match against, with a map back.

Matching is done on one canonical form so that rules are written once:
NFKC folds full-width digits and punctuation (１４１１ -> 1411, （ -> (),
OpenCC folds traditional characters to simplified (公開 -> 公开), and
whitespace that a PDF or a careless editor put around a number ("3119 件",
"2024 年") is removed, and so are letter-spacing ("电 话", "统 计 期 限", "地　　址"),
stray spaces inside a bracketed aside, and invisible characters (zero-width
spaces, BOMs, soft hyphens) that web pages leave inside labels and figures.
Every character of the result
remembers the index of the source character it came from, so a finding can
quote and underline the original.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from dataclasses import dataclass, field
from functools import lru_cache

# Horizontal whitespace between a digit and a CJK character or a percent sign
# (either side). Removing it makes "申请 3119 件" read as "申请3119件" for every
# pattern. Whitespace between two digits is kept: in table text it separates
# cells ("3001 53 0 0 61 4 3119"), and nobody writes 1 411 in Chinese. Tabs are
# kept too: loaders render table rows with tab-separated cells.
_CJK = "\u3400-\u9fff"
# (The leading lookahead changes no match: a pattern opening with a lookbehind cannot
# skip ahead to where a match may start, and this one runs over every report.)
_NUMBER_GAP = re.compile(
    rf"(?=[ \u00a0])(?:(?<=[0-9])[ \u00a0]+(?=[{_CJK}%])|(?<=[{_CJK}])[ \u00a0]+(?=[0-9]))"
)
# Characters that print as nothing. NFKC keeps them, and inside "电\u200b话" or
# "3\u200b119件" they would hide a label or split a figure.
_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
# Letter-spacing: single CJK characters set apart by one to three spaces ("电 话",
# "统 计 期 限", "地　　址" with ideographic spaces, folded to spaces by NFKC).
# Only runs of one-character words are joined: "自然人 总计" in a table copied as
# text separates two cells and stays apart.
_LETTER_SPACED = re.compile(rf"(?<![{_CJK}])[{_CJK}](?: {{1,3}}[{_CJK}](?![{_CJK}]))+")
_SPACES = re.compile(r" +")
_LEFT_GAP = re.compile(rf"(?<=[{_CJK}]) {{1,3}}$")
_RIGHT_GAP = re.compile(rf" {{1,3}}[{_CJK}]")
# A space between two CJK characters inside brackets ("(区分处理的,只计这一情 形,…)",
# a PDF's justified line): an aside is never split into table cells.
_CJK_GAP = re.compile(rf"(?<=[{_CJK}]) {{1,3}}(?=[{_CJK}])")
# "电 话 ： 0517-…": a label's colon set apart from the label.
_COLON_GAP = re.compile(rf"(?<=[{_CJK}]) {{1,3}}(?=:)")
_CONSUMED = ("", array("i"))  # what a folded line is replaced by once it is used


@dataclass(frozen=True)
class Normalised:
    """Normalised text and, for each of its characters, the source index."""

    text: str
    # array("i"), not a list: 4 bytes per character instead of ~40 (a 50 MB report
    # held a 2 GB list).
    source_index: array
    # Lines of `text` that start at a virtual break of a flattened line (see
    # linter.flattened): line -> whether a part's heading starts there. A
    # virtual line not marked True is never a heading.
    virtual_lines: dict[int, bool] = field(default_factory=dict)


@lru_cache(maxsize=1)
def _t2s():
    import opencc  # imported lazily: loading the dictionaries costs a few ms

    return opencc.OpenCC("t2s")


def _fold_chars(line: str, offset: int) -> tuple[list[str], array]:
    """NFKC character by character where NFKC changes the length."""
    chars: list[str] = []
    index = array("i")
    for i, ch in enumerate(line):
        folded = unicodedata.normalize("NFKC", ch)
        for out in folded:
            chars.append(out)
            index.append(offset + i)
    return chars, index


def _fold(line: str, offset: int) -> tuple[str, array]:
    # Checking is far cheaper than normalising, and most lines are normal already.
    normal = unicodedata.is_normalized("NFKC", line)
    folded = line if normal else unicodedata.normalize("NFKC", line)
    if len(folded) == len(line):
        text, index = folded, array("i", range(offset, offset + len(line)))
    else:
        chars, index = _fold_chars(line, offset)
        text = "".join(chars)
    simplified = _t2s().convert(text) if not text.isascii() else text
    if len(simplified) != len(text):
        # A phrase conversion changed the length; convert per character so the
        # map stays exact.
        simplified = "".join(_t2s().convert(c) or c for c in text)
        if len(simplified) != len(text):
            simplified = text
    return simplified, index


def _drop(text: str, index: array, spans: list[tuple[int, int]]) -> tuple[str, array]:
    """`text` without the (sorted, disjoint) `spans`, and the index of what is kept."""
    if not spans:
        return text, index
    keep_text: list[str] = []
    keep_index = array("i")
    last = 0
    for start, end in spans:
        keep_text.append(text[last:start])
        keep_index.extend(index[last:start])
        last = end
    keep_text.append(text[last:])
    keep_index.extend(index[last:])
    return "".join(keep_text), keep_index


def _bracket_gaps(text: str) -> list[tuple[int, int]]:
    """CJK-to-CJK spaces inside an open bracket, or anywhere in a grid row.

    A loader renders a table row with its cells joined by tabs, so a space inside
    a cell ("一、本年 新收…" from a justified PDF cell) is layout, never a separator.
    """
    if "\t" in text:
        return [m.span() for m in _CJK_GAP.finditer(text)]
    if "(" not in text:
        return []
    depth = [0] * (len(text) + 1)
    for i, ch in enumerate(text):
        depth[i + 1] = depth[i] + (ch == "(") - (ch == ")" and depth[i] > 0)
    return [m.span() for m in _CJK_GAP.finditer(text) if depth[m.start()] > 0]


def _letter_spacing(text: str) -> list[tuple[int, int]]:
    """Gaps inside a letter-spaced run, and between it and a word it touches.

    "工作年 度 报 告": only the end of a label was spaced, so the run joins the
    word before it too.
    """
    gaps = []
    for run in _LETTER_SPACED.finditer(text):
        gaps += [(run.start() + g.start(), run.start() + g.end()) for g in _SPACES.finditer(run[0])]
        left = _LEFT_GAP.search(text, 0, run.start())
        if left:
            gaps.append(left.span())
        right = _RIGHT_GAP.match(text, run.end())
        if right:
            gaps.append((right.start(), right.end() - 1))
    return gaps


def _drop_gaps(text: str, index: array) -> tuple[str, array]:
    """Invisible characters, letter-spacing, aside gaps, then gaps around numbers."""
    text, index = _drop(text, index, [m.span() for m in _INVISIBLE.finditer(text)])
    if " " in text:
        colons = {m.span() for m in _COLON_GAP.finditer(text)}
        spans = sorted(set(_letter_spacing(text)) | set(_bracket_gaps(text)) | colons)
        text, index = _drop(text, index, spans)
    return _drop(text, index, [m.span() for m in _NUMBER_GAP.finditer(text)])


def _pieces(text: str, index: array, cuts: dict[int, bool]) -> list[tuple[str, array, int, bool]]:
    """`text` cut at `cuts` (a space there is consumed).

    Each piece with its index, the source index of the break after it (-1 for
    the last) and whether a heading follows that break.
    """
    pieces = []
    last = 0
    for at, heading in cuts.items():
        pieces.append((text[last:at], index[last:at], index[at], heading))
        last = at + 1 if text[at].isspace() else at
    pieces.append((text[last:], index[last:], -1, False))
    return pieces


def normalise(text: str) -> Normalised:
    """Normalise `text` line by line.

    Every source line break is kept, so a line of the source is one or more
    lines of the result: more when it held a whole flattened report
    (`linter.flattened`), whose virtual breaks map to the character they replace.
    """
    from linter.flattened import virtual_breaks

    out_text: list[str] = []
    out_index = array("i")
    offset = 0
    folded_lines: list[tuple[str, array]] = []
    ends = []  # source offset of each line's newline
    for line in text.split("\n"):
        folded_lines.append(_fold(line, offset))
        offset += len(line)
        ends.append(offset)
        offset += 1
    breaks = virtual_breaks([folded for folded, _ in folded_lines])
    virtual: dict[int, bool] = {}
    line_number = 0
    for i, (folded, index) in enumerate(folded_lines):
        folded_lines[i] = _CONSUMED  # freed as the output grows: half the peak on big files
        for piece, piece_index, break_index, heading in _pieces(folded, index, breaks.get(i, {})):
            piece, piece_index = _drop_gaps(piece, piece_index)
            out_text.append(piece)
            out_index.extend(piece_index)
            if break_index >= 0:
                out_text.append("\n")
                out_index.append(break_index)
                line_number += 1
                virtual[line_number] = heading
        out_text.append("\n")
        out_index.append(ends[i])  # the newline maps to the source newline
        line_number += 1
    # The loop appended one newline too many.
    out_text.pop()
    out_index.pop()
    return Normalised("".join(out_text), out_index, virtual)
