"""Generic enumerations in prose: "共N件，其中a件、b件、c件".

The total is the last figure before 其中 (in the same sentence, or in the
sentence before when 其中 opens a new one), or the figure of "在答复的84件申请中,"
/ "其余982件中,". The parts are the figures after it up to the end of the
sentence. Real reports need three refinements, each seen in the corpus:

* items separated by ；are read one clause at a time, and the list stops once
  the parts reach the total ("其中…13条、17条、5条、25条；公开慈善…6条");
* a clause holding a new 其中 starts a new enumeration;
* two totals split in parallel ("制发737件，主动公开695件。其中市级制发221件，
  主动公开187件；各县制发516件，主动公开508件") are read column by column when
  that is what makes the figures agree.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from linter.document import Document
    from linter.numbers import Quantity

_SENTENCE_END = re.compile(r"[。!?]")
# Matched at the figure's end ("其余982件中,", "在答复的84件申请中,"): no ^ anchor, which
# would only ever match at the start of the line, never at the figure.
_TRIGGER_AFTER_FIGURE = re.compile(r"[^,。;!?:\n]{0,6}?中[,:]")
# 等 closing a list ("…等方式", "A、B等3件") makes it open-ended; 等 inside one item
# ("处罚决定书等信息72条") does not.
_PARTIAL = re.compile(r"等(?:[。,;)、]|$|方式|方面|形式|渠道|途径|内容|情形|\d)")


@dataclass(frozen=True)
class Enumeration:
    """A stated total and the figures given as its parts."""

    total: Quantity
    parts: tuple[Quantity, ...]
    body_start: int  # where the parts begin in Document.norm
    body_end: int
    partial: bool  # 等 (and so on), or other counters: the list need not be exhaustive

    @property
    def exact(self) -> bool:
        """No approximate figure, and no rounded 万 figure summed with exact ones."""
        return exact_operands(self.total, self.parts)

    @property
    def parts_sum(self):
        return sum((p.value for p in self.parts), start=self.total.value * 0)


def exact_operands(total: Quantity, parts: Sequence[Quantity]) -> bool:
    """True when `total` and `parts` may be compared exactly."""
    figures = [total, *parts]
    return not any(q.approx for q in figures) and len({q.scaled for q in figures}) == 1


@dataclass(frozen=True)
class _Trigger:
    head: tuple[Quantity, ...]  # figures that may be the total, in order
    start: int  # where the trigger itself begins (其中, or the figure of "N件中,")
    body_start: int
    body_end: int


def _counts(qs: list[Quantity], start: int, end: int) -> list[Quantity]:
    return [q for q in qs if start <= q.start and q.end <= end and q.kind != "percent"]


# "比上年的100件增长20%": last year's figure, said for comparison, is no total; nor is
# the change ("比2016年的42件增加15件。其中…": the list belongs to the year's figure).
_COMPARISON = re.compile(
    r"上年|去年|上一年|同期|前一年|比\s*(?:19|20)\d{2}|(?:增加|增长|减少|下降|上升|提高|降低|多出|少了)$"
)
_CLAUSE = re.compile(r"[,;。:]")


def _totals(doc: Document, figures: list[Quantity]) -> tuple[Quantity, ...]:
    """The figures that may be a total: not those said for comparison, nor in brackets.

    "答复234件(含上年度结转申请5件,另有7件顺延…),其中予以公开96件": the bracket
    is an aside; the list after 其中 belongs to 234.
    """
    kept = []
    for q in figures:
        start = doc.norm_line_starts[q.line]
        before = doc.norm[start : q.start]
        lead = _CLAUSE.split(before)[-1]
        if _COMPARISON.search(lead) or before.count("(") > before.count(")"):
            continue
        kept.append(q)
    return tuple(kept)


def _sentence_bounds(line: str, pos: int) -> tuple[int, int]:
    """Start and end (in the line) of the sentence holding `pos`."""
    start = 0
    for m in _SENTENCE_END.finditer(line, 0, pos):
        start = m.end()
    m = _SENTENCE_END.search(line, pos)
    return start, (m.start() if m else len(line))


def _head_of(doc: Document, line_no: int, trigger: int, qs: list[Quantity]) -> tuple[Quantity, ...]:
    """Candidate totals of the 其中 at `trigger` (an offset within the line)."""
    line = doc.norm_lines[line_no]
    base = doc.norm_line_starts[line_no]
    start, _ = _sentence_bounds(line, trigger)
    head = line[start:trigger]
    own = head.rsplit("其中", 1)[-1] if "其中" in head else head
    offset = start + len(head) - len(own)
    figures = _totals(doc, _counts(qs, base + offset, base + trigger))
    if figures or start == 0:
        return figures
    # 其中 opens a sentence: the total closes the previous one, before its own 其中.
    prev_start, _ = _sentence_bounds(line, start - 1)
    previous = line[prev_start : start - 1]
    own = previous.split("其中", 1)[0]
    return _totals(doc, _counts(qs, base + prev_start, base + prev_start + len(own)))


def _triggers(doc: Document, line_no: int, qs: list[Quantity]) -> list[_Trigger]:
    line = doc.norm_lines[line_no]
    base = doc.norm_line_starts[line_no]
    found = []
    for m in re.finditer("其中", line):
        _, end = _sentence_bounds(line, m.end())
        if doc.in_brackets(base + m.start()):  # "(其中通过电子邮件申请8件)" ends with its bracket
            close = line.find(")", m.end())
            end = min(end, close) if close != -1 else end
        head = _head_of(doc, line_no, m.start(), qs)
        found.append(_Trigger(head, base + m.start(), base + m.end(), base + end))
    for q in qs:
        if q.kind == "percent":
            continue
        after = _TRIGGER_AFTER_FIGURE.match(line, q.end - base)
        if after:
            _, end = _sentence_bounds(line, after.end())
            found.append(_Trigger((q,), q.start, base + after.end(), base + end))
    return sorted(found, key=lambda t: t.body_start)


def _clauses(doc: Document, trigger: _Trigger, nested: list[int]) -> list[tuple[int, int]]:
    """The ；-clauses of a body, cut before the first clause holding a new trigger."""
    text = doc.norm[trigger.body_start : trigger.body_end]
    clauses = []
    start = trigger.body_start
    for piece in text.split(";"):
        end = start + len(piece)
        if clauses and any(start <= n < end for n in nested):
            break
        clauses.append((start, end))
        start = end + 1
    first_start, first_end = clauses[0]
    cut = [n for n in nested if first_start <= n < first_end]
    if cut:
        clauses[0] = (first_start, min(cut))
    return clauses


def _single_column(total: Quantity, clause_figures: list[list[Quantity]], by_clause: bool):
    """Parts of `total`: the first clause, then further ；-items while they fit.

    A later item that would take the sum past the total is taken to start
    something else ("…40次;发布稿件510篇"), so only the first clause can
    overshoot.
    """
    parts: list[Quantity] = []
    for i, figures in enumerate(clause_figures):
        same_kind = [q for q in figures if q.kind == total.kind]
        if by_clause and len(same_kind) == 1:
            taken = same_kind  # one figure per ；-item counts whatever its counter
        else:
            taken = [q for q in same_kind if q.unit == total.unit]
        running = sum(p.value for p in parts)
        if i > 0 and running + sum(q.value for q in taken) > total.value:
            break
        parts.extend(taken)
        if not by_clause or running + sum(q.value for q in taken) >= total.value:
            break
    return parts


def _collapse(figures: list[Quantity]) -> list[Quantity]:
    """Figures with any run that adds up to the figure before it left out."""
    kept: list[Quantity] = []
    i = 0
    while i < len(figures):
        kept.append(figures[i])
        running, j = 0, i + 1
        while j < len(figures) and running < figures[i].value:
            running += figures[j].value
            j += 1
        i = j if j - i > 2 and running == figures[i].value else i + 1
    return kept


def _columns(head: tuple[Quantity, ...], clause_figures: list[list[Quantity]]):
    """Column-wise reading of parallel clauses, or None if the layout does not fit."""
    widths = {len(f) for f in clause_figures}
    if len(clause_figures) < 2 or len(widths) != 1:
        return None
    width = widths.pop()
    if width < 2 or len(head) < width:
        return None
    totals = head[-width:]
    columns = []
    for j, total in enumerate(totals):
        parts = [f[j] for f in clause_figures]
        if any(p.unit != total.unit for p in parts):
            return None
        columns.append((total, parts))
    return columns


def _read(doc: Document, trigger: _Trigger, nested: list[int], qs: list[Quantity]):
    if not trigger.head:
        return []
    clauses = _clauses(doc, trigger, nested)
    by_clause = len(clauses) > 1
    aside = doc.in_brackets(trigger.start)
    # A bracketed aside inside the list ("网上申请50件(其中电子邮件8件)") is not an item.
    figures = [
        [q for q in _counts(qs, s, e) if aside or not doc.in_brackets(q.start)] for s, e in clauses
    ]
    body_end = clauses[-1][1]
    total = trigger.head[-1]
    parts = _single_column(total, figures, by_clause)
    if sum(p.value for p in parts) > total.value:
        # "诉讼6件,其中直接起诉4件,维持2件、纠正1件、尚未审结1件;复议后起诉2件,…":
        # each item carries its own breakdown; read the items without it.
        nested = _single_column(total, [_collapse(f) for f in figures], by_clause)
        if sum(p.value for p in nested) == total.value:
            parts = nested
    # 等 closes an open-ended list; a list mixing counters ("图解18篇,视频6个,文字32篇")
    # cannot be summed in the total's counter: either way a shortfall proves nothing.
    mixed = any(q.kind == total.kind and q not in parts for f in figures for q in f)
    partial = mixed or bool(_PARTIAL.search(doc.norm, trigger.body_start, body_end))
    single = Enumeration(total, tuple(parts), trigger.body_start, body_end, partial)
    if sum(p.value for p in parts) == total.value:
        return [single]
    columns = _columns(trigger.head, [f for f in figures if f])
    if columns and all(sum(p.value for p in ps) == t.value for t, ps in columns):
        return [
            Enumeration(t, tuple(ps), trigger.body_start, body_end, partial) for t, ps in columns
        ]
    return [single]


def find_enumerations(doc: Document, quantities: Sequence[Quantity]) -> list[Enumeration]:
    """Every generic enumeration of the document, in text order."""
    by_line: dict[int, list[Quantity]] = {}
    for q in quantities:
        by_line.setdefault(q.line, []).append(q)
    found: list[Enumeration] = []
    for line_no, qs in by_line.items():
        triggers = _triggers(doc, line_no, qs)
        for t in triggers:
            aside = doc.in_brackets(t.start)
            nested = [
                o.start
                for o in triggers
                if o.start >= t.body_start and (aside or not doc.in_brackets(o.start))
            ]
            found.extend(_read(doc, t, nested, qs))
    return found
