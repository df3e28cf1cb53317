"""Paragraph breaks for text that lost its line breaks.

Scraped pages often arrive with the whole body on one line: "…六个部分。一、概述
2018年,我区… 二、主动公开政府信息情况 …", tables with their rows run together.
Every check reads lines (a heading is a line, a table row is a line, a sum's
parts stay within a paragraph), so such a line is cut into virtual paragraphs
before anything reads it. The cuts live only in the normalised view: each
virtual line break maps back to a character of the original line, so findings
keep the original line and column.

Precision first: a numbered phrase inside prose must never become a part. A
cut is made only

* before a top-level heading (一、…) or a sub-heading ((一)…) that starts after a
  sentence end or a space, whose number continues the report's own sequence
  (一 then 二 …, (一) again under each part; one number may be skipped when the
  skipped one appears nowhere after), and that reads as a heading: not "一、二季度",
  not a table row label ("一、本年新收…" followed by figures);
* and only in a line that holds such a top-level heading, in a report with two
  of them at least (one, if the report has no heading on a line of its own).

Inside such a line the heading's title is cut from its body at the first space
("一、概述 2018年…"), the report title from the body ("…2018年政府信息公开工作年度报告
本报告…"), and a table row from the next one after its figures ("规章 1 0 11
行政规范性文件 8 26 66").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from linter.numbers import COUNT_UNITS, MONEY_UNITS, parse_chinese_numeral
from linter.report_year import TITLE_YEAR as _TITLE_YEAR
from linter.sections import CN_DIGITS as _CN
from linter.sections import heading_of

# "二、" not inside "十二、" or "第二、"; "(二)".
_TOP = re.compile(rf"(?<![{_CN}第])(?P<num>[{_CN}]+)\s*、")
_SUB = re.compile(rf"\(\s*(?P<num>[{_CN}]+)\s*\)")
_MARKUP = re.compile(r"^\s*(?:#{1,6}|\*\*|>)")
_SENTENCE_END = re.compile(r"[。!?][\"'”’」』)】]*$")
_TITLE_STOP = re.compile(r"\s|[。!?]")
# A body's first sentence opens with its year and a comma ("2018年,我区…"); a title
# that names a year ("五、2019年工作打算") never puts a comma after it.
_BODY_YEAR = re.compile(r"(?<=[\u3400-\u9fff])(?:19|20)\d{2}\s*年度?\s*,")
_MAX_TITLE = 60
_MIN_TITLE = 2
_FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)?")
_FIGURE_RUN = re.compile(r"\s*(?:\d[\d,]*(?:\.\d+)?\s+){1,}\d[\d,]*(?:\.\d+)?(?:\s|$)")
# What may follow a figure in prose: its unit ("3119 件", "2024 年", "第 711 号"),
# an approximation (5500 余条) or punctuation. A row label never starts so.
_AFTER_FIGURE_IN_PROSE = re.compile(
    "|".join((*COUNT_UNITS, *MONEY_UNITS)) + r"|[年月日号时分秒%‰万亿千百余多岁天周倍]|[^\w(]"
)
_CLAUSE_END = re.compile(r"[。!?;:,、]$")
_ROW_GROUP = re.compile(rf"\(\s*[{_CN}]+\s*\)|[{_CN}]+、|\d+[.、]")
_MAX_ISSUER = 30
_PUNCTUATION = re.compile(r"[,.。:;、《》()<>!?\"“”]")


@dataclass(frozen=True)
class _Candidate:
    line: int
    start: int  # where the heading starts in its line
    level: int  # 1 = 一、, 2 = (一)
    number: int
    title_end: int  # end of the title in the line
    inline: bool  # inside a line (a cut to make), not at its start


def _after_break(line: str, at: int) -> bool:
    """A heading may start here: at a sentence end or after a space."""
    before = line[:at]
    if not before.strip():
        return True
    return before[-1].isspace() or bool(_SENTENCE_END.search(before))


def _title_end(line: str, start: int, next_start: int) -> int:
    """End of a heading's title: the first space or stop after it, at most the next heading."""
    number = (_TOP if line[start] != "(" else _SUB).match(line, start)
    body = number.end() if number else start
    while body < next_start and line[body].isspace():
        body += 1
    stop = _TITLE_STOP.search(line, body, next_start)
    end = stop.start() if stop else next_start
    # The body's opening year glued to the title ("一、概述2018年,我区…", or "2024 年"
    # whose gap ended the title early): the title stops before the year.
    year = _BODY_YEAR.search(line, body + 2, min(next_start, end + 8))
    return year.start() if year and year.start() <= end else end


def _candidates(lines: list[str]) -> list[_Candidate]:
    found: list[_Candidate] = []
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        starts = sorted(
            (m.start(), level, m["num"])
            for level, pattern in ((1, _TOP), (2, _SUB))
            for m in pattern.finditer(line)
        )
        for k, (start, level, raw) in enumerate(starts):
            if not _after_break(line, start):
                continue
            inline = bool(_MARKUP.sub("", line[:start]).strip())  # "## 一、概述" starts its line
            following = starts[k + 1][0] if k + 1 < len(starts) else len(line)
            if not inline:
                following = len(line)  # a heading line: parse it whole, as the outline does
            end = _title_end(line, start, following) if inline else following
            if inline and _FIGURE_RUN.match(line, end, following):
                continue  # a table row's label followed by its figures
            parsed = heading_of(line[start:end] if inline else line[start:])
            number = parse_chinese_numeral(raw)
            if parsed is None or parsed[0] != level or number is None or number != parsed[1]:
                continue
            if inline and len(parsed[2]) < _MIN_TITLE:
                continue  # "三、 本 2.其他…": a label set vertically in a table

            found.append(_Candidate(i, start, level, number, end, inline))
    return found


def _later_numbers(found: list[_Candidate], level: int) -> list[set[int]]:
    """For each candidate, the numbers of the `level` candidates after it."""
    after: list[set[int]] = [set() for _ in found]
    seen: set[int] = set()
    for k in range(len(found) - 1, -1, -1):
        after[k] = set(seen)
        if found[k].level == level:
            seen.add(found[k].number)
    return after


def _next_anchor(found: list[_Candidate], level: int) -> list[int | None]:
    """For each candidate, the number of the next line-start heading of `level`."""
    nxt: list[int | None] = [None] * len(found)
    current: int | None = None
    for k in range(len(found) - 1, -1, -1):
        nxt[k] = current
        c = found[k]
        if c.level == level and not c.inline:
            current = c.number
        elif c.level < level and not c.inline:
            current = None  # a new part: its sub-headings number afresh
    return nxt


def _in_sequence(found: list[_Candidate]) -> list[_Candidate]:
    """The inline candidates that continue the report's numbering."""
    later_top = _later_numbers(found, 1)
    anchor_top, anchor_sub = _next_anchor(found, 1), _next_anchor(found, 2)
    accepted: list[_Candidate] = []
    top, sub, in_part = 0, 0, False
    # The last number of a list inside the text ("一、加强领导。二、完善制度。" under part
    # 一): its next numbers continue that list, not the report's parts.
    inner: dict[int, int | None] = {1: None, 2: None}
    for k, c in enumerate(found):
        if c.level == 1:
            fits = c.number == top + 1 or (c.number == top + 2 and top + 1 not in later_top[k])
            nxt = anchor_top[k]
            fits = fits and (nxt is None or nxt > c.number)
        else:
            nxt = anchor_sub[k]
            fits = in_part and c.number == sub + 1 and (nxt is None or nxt > c.number)
        if c.inline and inner[c.level] is not None and c.number == inner[c.level] + 1:
            fits = False
        if c.inline and not fits:
            inner[c.level] = c.number
            continue
        if c.inline:
            accepted.append(c)
        inner[c.level] = None
        if c.level == 1:
            top, sub, in_part = c.number, 0, True
            inner[2] = None
        else:
            sub = c.number
    return accepted


def _figure_rows(line: str) -> list[int]:
    """Cuts around the rows of a table run together with spaces between cells.

    A row ends after its figures when the next word is no unit ("规章 1 0 11
    行政规范性文件 …", but not "3119 件"); its label is the one word before its
    figures, cut from the header cells before it ("信息内容 本年处理决定数量 行政许可
    447228"), unless that word is a numbered row group ("(三)不予公开 1.属于国家秘密 2
    0 …" is one row, as a grid renders it).
    """
    cuts = []
    words = list(re.finditer(r"\S+", line))
    figure = [bool(_FIGURE.fullmatch(w.group())) for w in words]
    for k, word in enumerate(words):
        if not figure[k] or (k + 1 < len(words) and figure[k + 1]):
            continue
        if k + 1 < len(words) and _AFTER_FIGURE_IN_PROSE.match(words[k + 1].group()):
            continue
        cuts.append(word.end())  # the space after the row's last figure
        first = k
        while first > 0 and figure[first - 1]:
            first -= 1
        label, before = first - 1, first - 2
        if before < 0 or figure[before]:
            continue
        previous = words[before].group()
        if _CLAUSE_END.search(previous) or _ROW_GROUP.match(previous):
            continue
        cuts.append(words[label].start() - 1)
    return cuts


def virtual_breaks(lines: list[str]) -> dict[int, dict[int, bool]]:
    """Where to cut each line of folded `lines` into paragraphs.

    line -> {position: whether a part's heading starts there}. A position
    holding a space means "this space is the line break"; any other position
    means "break before this character".
    """
    found = _candidates(lines)
    accepted = _in_sequence(found)
    tops = [c for c in accepted if c.level == 1]
    anchored = any(c.level == 1 and not c.inline for c in found)
    if len(tops) < (2 if anchored else 1):
        return {}
    flattened = {c.line for c in tops}
    cuts: dict[int, dict[int, bool]] = {i: {} for i in flattened}
    for i in flattened:
        line = lines[i]
        first_part = min(c.start for c in tops if c.line == i)
        cuts[i].update(dict.fromkeys(_titles(line, first_part), False))
        cuts[i].update(dict.fromkeys(_figure_rows(line), False))
    for c in accepted:
        if c.line not in flattened:
            continue
        cuts[c.line][_cut_before(lines[c.line], c.start)] = True
        end = c.title_end
        if end < len(lines[c.line]) and (
            lines[c.line][end].isspace() or _BODY_YEAR.match(lines[c.line], end)
        ):
            cuts[c.line].setdefault(end, False)
    return {
        i: {p: positions[p] for p in sorted(positions) if 0 < p < len(lines[i])}
        for i, positions in cuts.items()
    }


def _titles(line: str, end: int) -> list[int]:
    """Spaces around the report's title in the opening (before the first part).

    The title stands between spaces: its issuer runs from a space to the year
    without punctuation ("首页>年报 巫溪县2015年政府信息公开工作年度报告 日期:…"), so a
    sentence that names the report ("…编制了2015年度政府信息公开工作报告。") is no title.
    """
    cuts = []
    for m in _TITLE_YEAR.finditer(line, 0, end):
        after = m.end()
        space = line.rfind(" ", 0, m.start())
        if after < len(line) and not line[after].isspace() and space >= 0:
            continue  # only a title that opens the line may run straight into the text
        issuer = line[space + 1 : m.start()]
        if len(issuer) > _MAX_ISSUER or _PUNCTUATION.search(issuer):
            continue
        cuts += [space, after] if space >= 0 else [after]
    return cuts


def _cut_before(line: str, at: int) -> int:
    """Break at the space before `at` when there is one, else right before it."""
    return at - 1 if at and line[at - 1].isspace() else at
