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

import bisect
import re
import unicodedata
from array import array
from dataclasses import dataclass, field
from functools import lru_cache

from linter.traditional import changing_characters

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
# Where any of the gaps above can be: every one is a run of spaces with a CJK
# character (or, after a figure, a percent sign) at one end, or an invisible
# character. A line holding none of these is left as it is.
_TOUCHED = re.compile(
    rf"(?=[ \u00a0\u00ad\u200b-\u200d\u2060\ufeff])"  # lets `re` skip to a space (see _NUMBER_GAP)
    rf"(?:(?<=[{_CJK}])[ \u00a0]|[ \u00a0](?=[{_CJK}%])|{_INVISIBLE.pattern})"
)


class OffsetMap:
    """For each character of a normalised text, the index of its source character.

    Held as runs: `starts[k]` is the first normalised index of run k and
    `sources[k]` the source index it maps to; the run's later characters map to
    the source characters that follow. Most of a report maps one to one, so a
    report is a few hundred runs where one int per character took 4 bytes per
    character (200 MB for a 50 MB text file).
    """

    __slots__ = ("_length", "sources", "starts")

    def __init__(self) -> None:
        self.starts = array("i")
        self.sources = array("i")
        self._length = 0

    def add_run(self, source: int, count: int) -> None:
        """Map the next `count` characters to source `source`, `source + 1`, …."""
        if count <= 0:
            return
        starts, sources = self.starts, self.sources
        if not starts or sources[-1] + self._length - starts[-1] != source:
            starts.append(self._length)
            sources.append(source)
        self._length += count

    def add_each(self, index: array) -> None:
        """Map the next characters to the source indices in `index`, one each."""
        run_source, run_count = -1, 0
        for source in index:
            if source == run_source + run_count:
                run_count += 1
                continue
            self.add_run(run_source, run_count)
            run_source, run_count = source, 1
        self.add_run(run_source, run_count)

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, position: int) -> int:
        if not 0 <= position < self._length:
            raise IndexError(position)
        run = bisect.bisect_right(self.starts, position) - 1
        return self.sources[run] + position - self.starts[run]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, OffsetMap):
            return NotImplemented
        return (self._length, self.starts, self.sources) == (
            other._length,
            other.starts,
            other.sources,
        )

    __hash__ = None  # type: ignore[assignment]  (mutable while it is built)


@dataclass(frozen=True)
class Normalised:
    """Normalised text and, for each of its characters, the source index."""

    text: str
    source_index: OffsetMap
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


def _nfkc(line: str) -> tuple[str, array | None]:
    """NFKC of `line`, and the line index behind each of its characters when NFKC
    changed the length (None when it maps one to one)."""
    # Checking is far cheaper than normalising, and most lines are normal already.
    if unicodedata.is_normalized("NFKC", line):
        return line, None
    folded = unicodedata.normalize("NFKC", line)
    if len(folded) == len(line):
        return folded, None
    chars, index = _fold_chars(line, 0)
    return "".join(chars), index


def _simplify(text: str) -> str:
    """`text` in simplified characters, at the same length (so the map stays exact)."""
    if text.isascii():
        return text
    simplified = _t2s().convert(text)
    if len(simplified) != len(text):
        # A phrase conversion changed the length; convert per character.
        simplified = "".join(_t2s().convert(c) or c for c in text)
        if len(simplified) != len(text):
            simplified = text
    return simplified


def _fold_lines(text: str, every_line: bool) -> tuple[list[str], str, dict[int, tuple[array, int]]]:
    """The lines of `text` folded by NFKC and OpenCC, the same joined by line breaks,
    and for each line whose length NFKC changed, the line index behind each character
    and the line's source length.

    With `every_line`, every line is folded and converted; else NFKC runs on the
    lines that are not normal and OpenCC on those holding a character it may change.
    """
    lines = text.split("\n")
    maps: dict[int, tuple[array, int]] = {}
    joined = text  # a copy of the text only once something changes it
    # A line break is a normalisation boundary (nothing composes with it), so the
    # text is normal exactly when every line is.
    if every_line or not unicodedata.is_normalized("NFKC", text):
        for i, line in enumerate(lines):
            folded, index = _nfkc(line)
            if index is not None:
                maps[i] = (index, len(line))
            lines[i] = folded
        joined = "\n".join(lines)
    changing = None if every_line else changing_characters()
    todo = range(len(lines)) if changing is None else _lines_matching(changing, joined)
    changed = False
    for i in todo:  # most reports: none, and OpenCC is not even loaded
        simplified = _simplify(lines[i])
        if simplified != lines[i]:
            lines[i] = simplified
            changed = True
    if changed:
        joined = ""  # freed before its successor is built: one copy less on a big file
        joined = "\n".join(lines)
    return lines, joined, maps


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
    return _normalise(text, every_line=False)


def _lines_matching(pattern: re.Pattern[str], text: str) -> list[int]:
    """0-based lines of `text` holding a match of `pattern` (which holds no line break)."""
    found: list[int] = []
    line = position = 0
    search, count, find = pattern.search, text.count, text.find
    while (hit := search(text, position)) is not None:
        line += count("\n", position, hit.start())
        found.append(line)
        position = find("\n", hit.start()) + 1  # on to the next line
        if not position:
            break
        line += 1
    return found


def _normalise(text: str, every_line: bool) -> Normalised:
    """`normalise`; with `every_line`, every line takes the slow path the fast one
    must agree with (tests/test_normalise.py compares them)."""
    from linter.flattened import virtual_breaks

    folded, joined, maps = _fold_lines(text, every_line)
    breaks = virtual_breaks(folded)
    if every_line:
        work: list[int] | range = range(len(folded))
    else:
        work = sorted({*maps, *breaks, *_lines_matching(_TOUCHED, joined)})
    lengths = list(map(len, folded))
    del folded  # the lines are read from `joined`: one copy of the text less
    out: list[str] = []
    offsets = OffsetMap()
    virtual: dict[int, bool] = {}
    source = 0  # source index of the first line not yet written
    at = 0  # its index in `joined`
    done = 0  # lines written
    extra = 0  # virtual line breaks written
    last = len(lengths) - 1
    for i in work:
        if i > done:  # lines NFKC, OpenCC and the gaps left one to one: copied whole
            size = sum(lengths[done:i]) + i - done  # their newlines included
            out.append(joined[at : at + size])
            offsets.add_run(source, size)
            source += size
            at += size
        line = joined[at : at + lengths[i]]
        if i in maps:
            relative, length = maps[i]
            index = array("i", [source + k for k in relative])
        else:
            length = len(line)
            index = array("i", range(source, source + length))
        for piece, piece_index, break_index, heading in _pieces(line, index, breaks.get(i, {})):
            piece, piece_index = _drop_gaps(piece, piece_index)
            out.append(piece)
            offsets.add_each(piece_index)
            if break_index >= 0:
                out.append("\n")
                offsets.add_run(break_index, 1)
                extra += 1
                virtual[i + extra] = heading
        source += length
        at += len(line) + 1
        if i < last:
            out.append("\n")
            offsets.add_run(source, 1)  # the newline maps to the source newline
            source += 1
        done = i + 1
    if done <= last:
        out.append(joined[at:])  # the whole text, not a copy, when no line needed work
        offsets.add_run(source, len(joined) - at)
    del joined  # only the pieces and the result at the peak of a big file
    return Normalised("".join(out), offsets, virtual)
