"""Check kind percentage: a stated share against part / total.

Only shares whose part and total can be named are checked:
"当面申请29件,占申请总数的15.8%" (the total is the enumeration or partition
total the part belongs to, and the words after 占 must fit it) and
"制发737件,主动公开695件,主动公开比例为94.3%" (exactly two figures in the
clause: total, then part). Anything vaguer is left alone rather than guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from linter.arithmetic import plain
from linter.findings import Hit
from linter.partitions import Partition, find_groups

if TYPE_CHECKING:
    from linter.checks import Context
    from linter.document import Document
    from linter.numbers import Quantity

_SHARE = re.compile(
    r"(?:所)?占(?!比)(?P<den>[^,;。%\d!?:]{0,24}?)的?(?:比重|比例)?(?:为|达到?|约)?$"
)
_RATIO = re.compile(r"(?:比例|比率|占比)(?:为|达到?|是)?$")
_GENERIC_DENOMINATOR = re.compile(r"总数|总量|总额|总计|总和|全部|所有|的")
_CLAUSE_END = re.compile(r"[。;!?]")
_REACH = 30


def percentage(doc: Document, params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
    partitions = [Partition.from_params(p) for p in params.get("partitions", ())]
    totals = _totals_of_parts(doc, partitions)
    counts = [q for q in doc.quantities if q.kind != "percent"]
    for q in doc.quantities:
        if q.kind != "percent" or q.approx or q.unit != "%":
            continue
        pair = _operands(doc, q, counts, totals)
        if pair is None:
            continue
        part, total = pair
        if total.value == 0 or part.value > total.value:
            continue
        actual = part.value / total.value * 100
        if not _agrees(actual, q.value, q.decimals):
            yield _hit(q, part, total, actual)


def _totals_of_parts(doc: Document, partitions: list[Partition]) -> dict[int, Quantity]:
    """For each figure that is a part of a stated total, that total."""
    totals: dict[int, Quantity] = {}
    for e in doc.enumerations:
        for p in e.parts:
            totals.setdefault(p.start, e.total)
    for g in find_groups(doc, partitions):
        for _, p in g.parts:
            totals[p.start] = g.total
    return totals


def _clause_counts(doc: Document, q: Quantity, counts: list[Quantity]) -> list[Quantity]:
    line_start = doc.norm_line_starts[q.line]
    clause_start = line_start
    for m in _CLAUSE_END.finditer(doc.norm, line_start, q.start):
        clause_start = m.end()
    return [c for c in counts if clause_start <= c.start and c.end <= q.start]


def _sentence_head(doc: Document, total: Quantity) -> str:
    line_start = doc.norm_line_starts[total.line]
    text = doc.norm[line_start : total.start]
    return re.split(r"[。!?]", text)[-1]


def _operands(doc, q, counts, totals) -> tuple[Quantity, Quantity] | None:
    before = doc.norm[max(doc.norm_line_starts[q.line], q.start - _REACH) : q.start]
    in_clause = _clause_counts(doc, q, counts)
    share = _SHARE.search(before)
    if share:
        if not in_clause or in_clause[-1].start not in totals:
            return None
        part = in_clause[-1]
        total = totals[part.start]
        core = _GENERIC_DENOMINATOR.sub("", share["den"]).strip()
        if core and core not in _sentence_head(doc, total):
            return None  # the share is of something the text does not total here
        return part, total
    if _RATIO.search(before) and len(in_clause) == 2:
        total, part = in_clause
        if total.unit == part.unit:
            return part, total
    return None


def _agrees(actual: Decimal, stated: Decimal, decimals: int) -> bool:
    """Stated to its own precision, rounded or truncated."""
    step = Decimal(1).scaleb(-decimals)
    return stated in (actual.quantize(step, ROUND_HALF_UP), actual.quantize(step, ROUND_DOWN))


def _hit(q: Quantity, part: Quantity, total: Quantity, actual: Decimal) -> Hit:
    shown = actual.quantize(Decimal("0.01"), ROUND_HALF_UP)
    return Hit(
        q.start,
        q.end,
        values={"stated": q.value, "part": part.value, "total": total.value, "actual": shown},
        details={
            "stated": plain(q.value),
            "part": plain(part.value),
            "total": plain(total.value),
            "actual": plain(shown),
        },
    )
