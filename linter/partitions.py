"""Domain partitions: totals whose parts are named by the regulation.

Every application has exactly one channel (当面/传真/网络/信函) and one
outcome (已主动公开/同意公开/…), every refusal one reason, every review or
lawsuit one result (维持/纠错/其他). A rule lists such partitions in YAML: a
pattern for the total's label, one pattern per part, and what ends the list.
Here the document's figures are labelled and grouped: each group is a total
and the parts that follow it, up to the next total, a figure matching
`until`, or the end of the top-level section.

A figure's label is the text between it and the previous figure (at most
`_LABEL_REACH` characters, not past a 。 or ；, and across a line break only
where the line was wrapped), so
"…申请形式上,当面申请247件,传真申请50件" labels 247 as 当面 and 50 as 传真.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any

from linter import patterns
from linter.enumerations import exact_operands

if TYPE_CHECKING:
    from linter.document import Document
    from linter.enumerations import Enumeration
    from linter.numbers import Quantity
    from linter.sections import Outline

_LABEL_REACH = 40
_CLAUSE_END = re.compile(r"[。;!?]")
_WRAP_END = re.compile(r"[。;!?:]\s*$")
_NEW_ITEM = re.compile(r"另有|另外|此外|其余|还有")


@dataclass(frozen=True)
class Partition:
    name: dict[str, str] = field(hash=False, compare=False)
    total: re.Pattern[str]
    units: tuple[str, ...]
    until: re.Pattern[str] | None
    parts: tuple[tuple[str, re.Pattern[str]], ...]
    # Outcomes count what was handled: new applications plus those carried over
    # from last year, less those carried forward. Labels of those two figures.
    carried_over: re.Pattern[str] | None = None
    carried_forward: re.Pattern[str] | None = None

    @classmethod
    def from_params(cls, raw: dict[str, Any]) -> Partition:
        """The partition a rule's parameters describe. Built once for the shipped rules'
        (three rules list the same five partitions, asked for on every report); a
        user's is built again each time, its patterns bounded by the rule's deadline."""
        if patterns.bounded():
            return cls._build(raw)
        return _shipped_partition(_Params(raw))

    @classmethod
    def _build(cls, raw: dict[str, Any]) -> Partition:
        carried = raw.get("carried", {})
        return cls(
            name=raw["name"],
            total=patterns.compile(raw["total"]),
            units=tuple(raw.get("units", ())),
            until=patterns.optional(raw.get("until")),
            parts=tuple((name, patterns.compile(p)) for name, p in raw["parts"].items()),
            carried_over=patterns.optional(carried.get("over")),
            carried_forward=patterns.optional(carried.get("forward")),
        )

    @cached_property
    def any_part(self) -> re.Pattern[str] | None:
        """One pattern matching where any part's does (None when they cannot be joined)."""
        return patterns.led(union(p for _, p in self.parts))


class _Params:
    """A partition's raw parameters as the key of `_shipped_partition`: by identity (a
    rule's parameters are loaded once and never changed; hashing them by value cost
    more than building the partition). The key holds them, so their id stays theirs."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self.raw = raw

    def __hash__(self) -> int:
        return id(self.raw)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Params) and self.raw is other.raw


@lru_cache(maxsize=64)
def _shipped_partition(params: _Params) -> Partition:
    return Partition._build(params.raw)


# Patterns that cannot be joined into one alternation without changing what they match:
# group numbers shift, so backreferences and conditionals by number would point elsewhere.
_GROUP_REFERENCE = re.compile(r"\\[1-9]|\(\?P=|\(\?\(")


def union(patterns: Iterable[Any]) -> re.Pattern[str] | None:
    """An alternation that finds a match wherever one of `patterns` would: a pre-check
    that skips them all when it finds nothing (95 % of the labels name no part).

    Only for `re` patterns (the shipped rules'): a user's patterns run under a time
    bound (`linter.patterns`), which an unbounded `re` alternation would escape."""
    patterns = list(patterns)
    # A user rule's patterns run under a time bound (linter/patterns.TimedPattern):
    # joined into one plain `re` pattern they would escape it, so they are not joined.
    if not patterns or not all(isinstance(p, re.Pattern) for p in patterns):
        return None
    return _joined(tuple(p.pattern for p in patterns), frozenset(p.flags for p in patterns))


@lru_cache(maxsize=64)  # the same partitions are joined for every report
def _joined(sources: tuple[str, ...], flags: frozenset[int]) -> re.Pattern[str] | None:
    if any(_GROUP_REFERENCE.search(s) for s in sources) or len(flags) != 1:
        return None
    try:  # inline global flags or repeated group names cannot be joined
        return re.compile("|".join(f"(?:{s})" for s in sources), next(iter(flags)))
    except re.error:
        return None


@dataclass(frozen=True)
class Group:
    """A total with the named parts stated after it."""

    partition: Partition
    total: Quantity
    parts: tuple[tuple[str, Quantity], ...]

    # Figures of applications carried over from last year / forward to next year
    # stated in the total's paragraph (partitions with `carried` patterns only).
    carried_over: tuple[Quantity, ...] = ()
    carried_forward: tuple[Quantity, ...] = ()

    @property
    def exact(self) -> bool:
        return exact_operands(self.total, [q for _, q in self.parts])

    def totals(self) -> set[Decimal]:
        """The totals the parts may add up to: the stated one, and when carried
        figures are stated, new + carried over − carried forward (each optional)."""
        over = sum((q.value for q in self.carried_over), start=Decimal(0))
        forward = sum((q.value for q in self.carried_forward), start=Decimal(0))
        base = self.total.value
        return {base, base + over, base - forward, base + over - forward}


def figure_labels(
    doc: Document, quantities: Sequence[Quantity], wrapped: frozenset[int]
) -> dict[int, str]:
    """Label text of every quantity, keyed by the quantity's start offset."""
    return {**_labels(doc, quantities, wrapped), **_respective_labels(doc, quantities)}


# "当面、网上、信函申请分别为20件、50件、40件": names listed, then figures in order.
_RESPECTIVELY = re.compile(r"分别(?:为|是|有|达)(?P<figures>[^,。;]{2,60})")
_NAMES_BEFORE = re.compile(r"[^,。;:]{2,40}$")


def _respective_labels(doc: Document, quantities: Sequence[Quantity]) -> dict[int, str]:
    """Labels of figures listed after 分别为, taken from the names listed before it."""
    out: dict[int, str] = {}
    starts = [q.start for q in quantities]  # in text order: a list's figures by bisection
    for m in _RESPECTIVELY.finditer(doc.norm):
        before = _NAMES_BEFORE.search(doc.norm, max(0, m.start() - 40), m.start())
        if before is None:
            continue
        names = [n for n in re.split(r"[、和及与]", before.group(0)) if n.strip()]
        lo = bisect.bisect_left(starts, m.start("figures"))
        hi = bisect.bisect_left(starts, m.end("figures"))
        figures = [q for q in quantities[lo:hi] if q.kind != "percent"]
        if len(names) == len(figures) >= 2:
            for name, q in zip(names, figures, strict=True):
                out[q.start] = name.strip()
    return out


def _labels(
    doc: Document, quantities: Sequence[Quantity], wrapped: frozenset[int]
) -> dict[int, str]:
    out: dict[int, str] = {}
    previous_end = 0
    for q in quantities:
        start = max(previous_end, q.start - _LABEL_REACH)
        pieces = doc.norm[start : q.start].split("\n")
        kept = [pieces[-1]]
        line = q.line
        for piece in reversed(pieces[:-1]):
            if line not in wrapped:
                break
            kept.append(piece)
            line -= 1
        label = _CLAUSE_END.split("".join(reversed(kept)))[-1]
        nearest = _last_clause(label)
        # "均获维持,另有1件尚未审结": 另有 starts a new item; what came before is not its label.
        out[q.start] = nearest if _NEW_ITEM.search(nearest) else label
        previous_end = q.end
    return out


def wrapped_lines(doc: Document, outline: Outline, noise_lines: frozenset[int]) -> frozenset[int]:
    """Lines that continue the line before them (a wrap, as PDF text comes).

    A line continues the previous one when that line is prose that does not end
    a sentence: not blank, not a heading, not page noise ("答\n复 3050 件").
    """
    lines = doc.norm_lines
    # A heading alone on its line ends a paragraph; one that runs on into body text
    # ("(二)依申请公开。全年共受理政府信息公") may wrap like any paragraph.
    headings = {
        h.line
        for h in outline.headings
        if h.end >= doc.norm_line_starts[h.line] + len(lines[h.line].rstrip()) - 1
    }
    return frozenset(
        i
        for i in range(1, len(lines))
        if lines[i - 1].strip()
        and i - 1 not in headings
        and i - 1 not in noise_lines
        and not _WRAP_END.search(lines[i - 1])
    )


def _best_part(partition: Partition, label: str) -> tuple[str, tuple[int, int]] | None:
    """The part whose pattern matches closest to the figure, with (match end, length)."""
    if partition.any_part is not None and partition.any_part.search(label) is None:
        return None
    best: tuple[str, int, int] | None = None
    for name, pattern in partition.parts:
        if pattern.search(label) is None:  # most parts: cheaper than an empty finditer
            continue
        last = None
        for last in pattern.finditer(label):  # noqa: B007 - the last match is wanted
            pass
        if last is None:
            continue
        key = (last.end(), last.end() - last.start())
        if best is None or key > (best[1], best[2]):
            best = (name, *key)
    return (best[0], (best[1], best[2])) if best else None


_AFTER_REACH = 12
_AFTER_END = re.compile(r"[,;。、:()\n]")


def _after_text(doc: Document, q: Quantity) -> str:
    """The words right after a figure, up to the next punctuation."""
    text = doc.norm[q.end : q.end + _AFTER_REACH]
    end = _AFTER_END.search(text)
    return text if end is None else text[: end.start()]


def _last_clause(label: str) -> str:
    """What follows the last , or : of `label`."""
    return label[max(label.rfind(","), label.rfind(":")) + 1 :]


def _matches(
    partitions: list[Partition], text: str, anything: re.Pattern[str] | None = None
) -> dict[int, tuple[str, tuple[int, int]]]:
    if anything is not None and anything.search(text) is None:
        return {}
    return {i: m for i, p in enumerate(partitions) if (m := _best_part(p, text))}


def _assign_parts(
    doc: Document,
    partitions: list[Partition],
    quantities: Sequence[Quantity],
    label_of: dict[int, str],
):
    """For each count, the (partition index -> part name) it is a part of.

    Across partitions the closest match wins, then the longest ("不同意公开答复中,
    涉及个人隐私的1件" is a refusal reason, not an outcome; "法律法规规定的其他情形"
    is a refusal reason, not 其他); equal matches (维持 in review and in
    litigation) go to both, and the grouping keeps them apart.
    """
    assigned: dict[int, dict[int, str]] = {}
    anything = patterns.led(union(p for partition in partitions for _, p in partition.parts))
    seen: dict[str, dict[int, tuple[str, tuple[int, int]]]] = {}

    def matches_of(text: str) -> dict[int, tuple[str, tuple[int, int]]]:
        # Half the texts read in a report repeat (clauses, the words after figures).
        if text not in seen:
            seen[text] = _matches(partitions, text, anything)
        return seen[text]

    for q in quantities:
        if q.kind == "percent":
            continue
        label = label_of[q.start]
        matches = matches_of(label)
        if not matches_of(_last_clause(label)):
            # "其中5件维持原答复,1件被纠正": when nothing names the figure in its own
            # clause before it, the words after it do (if they name a part).
            after = matches_of(_after_text(doc, q))
            matches = after or matches
        if not matches:
            continue
        reach = max(key for _, key in matches.values())
        assigned[q.start] = {i: name for i, (name, key) in matches.items() if key == reach}
    return assigned


def _in_enumeration_body(bodies: tuple[list[int], list[int]], q: Quantity) -> bool:
    starts, reach = bodies
    index = bisect.bisect_right(starts, q.start) - 1
    return index >= 0 and reach[index] > q.start


def _bodies(enumerations: Sequence[Enumeration]) -> tuple[list[int], list[int]]:
    """Starts of the 其中 bodies, and the furthest end reached by any body so far."""
    spans = sorted((e.body_start, e.body_end) for e in enumerations)
    reach, furthest = [], -1
    for _, end in spans:
        furthest = max(furthest, end)
        reach.append(furthest)
    return [start for start, _ in spans], reach


@dataclass(frozen=True)
class _Reading:
    """What grouping reads besides the partitions: the document's figures and structure."""

    doc: Document
    quantities: Sequence[Quantity]
    outline: Outline
    label_of: dict[int, str]
    wrapped: frozenset[int]
    bodies: tuple[list[int], list[int]]

    @cached_property
    def quantity_lines(self) -> list[int]:
        return [q.line for q in self.quantities]


def find_groups(
    doc: Document,
    partitions: list[Partition],
    *,
    quantities: Sequence[Quantity],
    outline: Outline,
    labels: dict[int, str],
    wrapped: frozenset[int],
    enumerations: Sequence[Enumeration],
) -> list[Group]:
    """Totals with their stated parts, for every partition (`linter.analysis` keeps them)."""
    reading = _Reading(doc, quantities, outline, labels, wrapped, _bodies(enumerations))
    assigned = _assign_parts(doc, partitions, quantities, labels)
    items = _list_items(reading)
    named = _named(items, partitions)
    groups: list[Group] = []
    for index, partition in enumerate(partitions):
        found = _groups_of(reading, items, named, index, partition, assigned)
        if partition.carried_over or partition.carried_forward:
            found = (_with_carried(reading, g) for g in found)
        groups.extend(found)
    return sorted(groups, key=lambda g: g.total.start)


def paragraph_lines(wrapped: frozenset[int], line: int) -> tuple[int, int]:
    """First and last 0-based line of the paragraph holding `line` (wrapped lines join)."""
    first = line
    while first in wrapped:
        first -= 1
    last = line
    while last + 1 in wrapped:
        last += 1
    return first, last


def _with_carried(reading: _Reading, group: Group) -> Group:
    """`group` with the carried-over and carried-forward figures of its paragraph.

    "收到申请34件,上年结转2件…同意公开9件…其他处理14件,转下一年度办理的有1件":
    the outcomes (35) count 34 + 2 − 1, not the 34 received.
    """
    doc, label_of = reading.doc, reading.label_of
    partition = group.partition
    first, last = paragraph_lines(reading.wrapped, group.total.line)
    own = {group.total.start} | {q.start for _, q in group.parts}
    over, forward = [], []
    # Only the paragraph's figures (quantities are in text order, so in line order):
    # a scan of every figure for every group is quadratic.
    lines = reading.quantity_lines
    quantities = reading.quantities
    for k in range(bisect.bisect_left(lines, first), bisect.bisect_right(lines, last)):
        q = quantities[k]
        if q.start in own or q.kind == "percent":
            continue
        if partition.units and q.unit not in partition.units:
            continue
        # "另有2件结转下年度办理": the words after the figure may say it too.
        label = label_of[q.start] + " " + _after_text(doc, q)
        if partition.carried_forward and partition.carried_forward.search(label):
            forward.append(q)
        elif partition.carried_over and partition.carried_over.search(label):
            over.append(q)
    if not over and not forward:
        return group
    return replace(group, carried_over=tuple(over), carried_forward=tuple(forward))


def _is_total(reading: _Reading, q: Quantity, partition: Partition, is_part: bool) -> bool:
    if is_part or q.kind == "percent" or (partition.units and q.unit not in partition.units):
        return False
    label = reading.label_of[q.start]
    return bool(partition.total.search(label)) and not _in_enumeration_body(reading.bodies, q)


def _named(items, partitions: list[Partition]) -> tuple[list[bool], list[bool]]:
    """For each item, whether some partition's total pattern, and some `until` pattern,
    may match its label: one search of the joined patterns instead of one per
    partition (most labels name no total and end no list)."""
    totals = patterns.led(union(p.total for p in partitions))
    ends = patterns.led(union(p.until for p in partitions if p.until is not None))
    labels = [label for _, label, _ in items]
    return (
        [totals is None or totals.search(label) is not None for label in labels],
        [ends is None or ends.search(label) is not None for label in labels],
    )


def _list_items(reading: _Reading) -> list[tuple[Quantity, str, tuple[Any, int]]]:
    """The figures a list may hold, each with its label and where it stands (top-level
    section, first line of its paragraph). The same for every partition: read once."""
    items = []
    line = -1
    here: tuple[Any, int] | None = None
    for q in reading.quantities:
        if q.kind == "percent" or reading.doc.in_brackets(q.start):
            continue  # an aside in brackets is no item of the list around it
        # A list ends with its paragraph; a wrapped line (PDF text) continues it.
        new_paragraph = q.line != line and any(
            n not in reading.wrapped for n in range(line + 1, q.line + 1)
        )
        line = q.line
        here = (reading.outline.top_section_of(q.line), q.line) if new_paragraph else here
        items.append((q, reading.label_of[q.start], here))
    return items


def _groups_of(reading: _Reading, items, named, index, partition, assigned):
    total = last_total = None
    parts: dict[str, Quantity] = {}
    section = None
    may_total, may_stop = named
    for k, (q, label, here) in enumerate(items):
        part = assigned.get(q.start, {}).get(index)
        if partition.units and q.unit not in partition.units:
            part = None
        starts_new = may_total[k] and _is_total(reading, q, partition, part is not None)
        stops = partition.until is not None and may_stop[k] and partition.until.search(label)
        if here != section or starts_new or stops:
            if total is not None and parts:
                yield Group(partition, total, tuple(parts.items()))
            if here[0] != (section[0] if section else None):
                last_total = None
            total, parts, section = (q if starts_new else None), {}, here
            last_total = total or last_total
            if not (part is not None and stops and total is None):
                continue
        if (
            total is None
            and part is not None
            and last_total
            and may_total[k]
            and partition.total.search(label)
        ):
            total = last_total  # "复议9件、诉讼6件。行政复议中,维持5件…": back to its total
        if total is not None and part is not None and part not in parts:
            parts[part] = q
    if total is not None and parts:
        yield Group(partition, total, tuple(parts.items()))
