"""Check kind sum_of_parts: a stated total against the sum of its parts.

Two sources of totals and parts: the domain partitions a rule lists (channels,
outcomes, refusal reasons, review and litigation results), which are
exhaustive, and generic "共N…其中a、b、c" enumerations, whose list may be
partial. A domain partition wins where both describe the same total.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from linter import patterns
from linter.arithmetic import equation, plain
from linter.partitions import Group, Partition
from linter.records import Evidence, Hit

if TYPE_CHECKING:
    from linter.checks.context import Context
    from linter.document import Document
    from linter.enumerations import Enumeration
    from linter.numbers import Quantity


def sum_of_parts(doc: Document, params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
    partitions = [Partition.from_params(p) for p in params.get("partitions", ())]
    groups = ctx.analysis.groups.of(partitions) if partitions else []
    report = params["report"]
    label_of = ctx.analysis.labels
    remainder = patterns.optional(params.get("remainder"))

    def takes_the_rest(parts: list[Quantity]) -> bool:
        return remainder is not None and any(remainder.search(label_of[q.start]) for q in parts)

    for g in groups:
        if hit := _domain_hit(doc, g, report, takes_the_rest([q for _, q in g.parts])):
            yield hit
    if not params.get("generic"):
        return
    claimed = {g.total.start for g in groups}
    overlapping = patterns.optional(params.get("overlapping"))
    for e in ctx.analysis.enumerations:
        if e.total.start in claimed:
            continue
        if overlapping and sum(bool(overlapping.search(label_of[p.start])) for p in e.parts) >= 2:
            continue  # channel figures overlap: they need not add up
        closed = takes_the_rest(list(e.parts))
        if not closed and e.parts_sum < e.total.value * Decimal(str(params.get("min_share", 0))):
            continue  # highlights of a larger whole, not a list that tries to be complete
        if hit := _generic_hit(doc, e, params["report"], params["generic_name"], closed):
            yield hit


# A breakdown naming this many parts (or all the partition has) is taken as
# exhaustive: short of its total it is an error. Two parts of nine outcomes
# ("其中予以公开96件,部分公开24件") are highlights: short of the total, a warning.
_EXHAUSTIVE_PARTS = 3


def _domain_hit(doc: Document, group: Group, report: str, closed: bool) -> Hit | None:
    """`closed`: an item 其他 takes in the rest, so the list is exhaustive."""
    parts = [q for _, q in group.parts]
    total, parts_sum = group.total.value, sum((q.value for q in parts), start=Decimal(0))
    if not group.exact or parts_sum in group.totals() or (len(parts) < 2 and parts_sum < total):
        return None
    if _unit_dropped(doc, group.total, parts):
        return None
    exhaustive = closed or len(parts) >= min(_EXHAUSTIVE_PARTS, len(group.partition.parts))
    wanted = "mismatch" if parts_sum > total or exhaustive else "shortfall"
    if report != wanted:
        return None
    names = [name for name, _ in group.parts]
    return _hit(doc, group.total, parts, names, group.partition.name)


def _generic_hit(
    doc: Document, e: Enumeration, report: str, name: dict, closed: bool
) -> Hit | None:
    """A generic list over its total is wrong; short of it, wrong when an item 其他
    closes it (`closed`), else possibly partial."""
    if not e.exact or len(e.parts) < 2:
        return None
    if any(p.value > e.total.value for p in e.parts):
        # "…结转下年度65件。其中,市本级新收312件,办结309件": a part larger than the
        # total is no part of it; the list belongs to another figure (or to several).
        return None
    if _unit_dropped(doc, e.total, list(e.parts)):
        return None
    total, parts_sum = e.total.value, e.parts_sum
    short = parts_sum < total and not e.partial
    over = parts_sum > total
    wanted = {"mismatch": over or (short and closed), "shortfall": short and not closed}[report]
    if not wanted:
        return None
    return _hit(doc, e.total, list(e.parts), [None] * len(e.parts), name)


# A figure whose unit was dropped: digits right after a clause of words and right
# before the clause ends ("部分公开67,占4.61%"). It is no quantity, so no list counts it.
_BARE_FIGURE = re.compile(r"(?:^|(?<=[,;、:。\n]))\s*[\u4e00-\u9fff]{2,20}(\d+)(?=\s*[,;、。])")
_SENTENCE_END = re.compile(r"[。\n]")


def _unit_dropped(doc: Document, total: Quantity, parts: list[Quantity]) -> bool:
    """A list one of whose items is stated without its unit ("予以公开966件,部分公开67,
    不予公开81件") holds a part no sum can count: its total cannot be judged."""
    start = min(total.end, *(q.start for q in parts))
    last = max(q.end for q in parts)
    stop = _SENTENCE_END.search(doc.norm, last)
    return _BARE_FIGURE.search(doc.norm, start, stop.start() if stop else len(doc.norm)) is not None


def _hit(doc, total: Quantity, parts: list[Quantity], names: list[str | None], what) -> Hit | None:
    parts_sum = sum((q.value for q in parts), start=Decimal(0))
    if parts_sum == total.value:
        return None
    facts = {
        "total": total.value,
        "sum": parts_sum,
        "difference": abs(total.value - parts_sum),
        "what": what,
        "partition": what["en"],
        "parts": [
            {"name": name, "value": plain(q.value), "line": doc.span(q.start, q.end).line}
            for name, q in zip(names, parts, strict=True)
        ],
    }
    arithmetic = equation([q.value for q in parts], total.value)
    return Hit(total.start, total.end, Evidence(facts, arithmetic))
