"""Check kind percentage: a stated share against part / total.

Only shares whose part and total can be named are checked:
"当面申请29件,占申请总数的15.8%" (the total is the enumeration or partition
total the part belongs to, and the words after 占 must fit it) and
"制发737件,主动公开695件,主动公开比例为94.3%" (exactly two figures in the
clause: total, then part). Anything vaguer is left alone rather than guessed.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from linter.partitions import Partition
from linter.records import Evidence, Hit

if TYPE_CHECKING:
    from linter.analysis import Analysis
    from linter.checks.context import Context
    from linter.document import Document
    from linter.numbers import Quantity
    from linter.sections import Outline

_SHARE = re.compile(
    r"(?:所)?占(?:比(?P<bare>)|(?P<den>[^,;。%\d!?:比]{0,24}?)的?(?:比重|比例)?)(?:为|达到?|约)?$"
)
# "主动公开695件,主动公开比例为94.3%": the words before 比例 name the part.
_RATIO = re.compile(r"(?P<subject>[^,;。:\d]*?)(?:比例|比率)(?:为|达到?|是)?$")
_GENERIC_DENOMINATOR = re.compile(r"总数|总量|总额|总计|总和|全部|所有|的")
_CLAUSE_END = re.compile(r"[。;!?]")
_RESPECTIVE = re.compile(r"分别$")  # "…18件、2件…,分别占总数的15%、1.7%…": in order
_JOINT = re.compile(r"(?:合计|共计|合|共|两者|二者|总共)$")
_LIST_JOINER = re.compile(r"\s*[、,和及与]\s*")
_REACH = 30
# A share of "the whole", which may be any total the part belongs to.
_OVERALL_SHARE = re.compile(
    r"占[^,;。%\d]{0,8}?(?:总数|总量|总计|全部)的?(?:比重|比例)?(?:为|达到?|约)?$"
)


def percentage(doc: Document, params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
    partitions = [Partition.from_params(p) for p in params.get("partitions", ())]
    totals = _totals_of_parts(ctx.analysis, partitions)
    earlier = _in_text_order(totals.values())
    outline = ctx.analysis.outline
    counts = [q for q in ctx.analysis.quantities if q.kind != "percent"]
    percents = [q for q in ctx.analysis.quantities if q.unit == "%"]
    done: set[int] = set()
    for q in percents:
        if q.start in done or q.approx:
            continue
        for stated, part, total in _pairs(doc, q, percents, counts, totals):
            done.add(stated.start)
            if total.value == 0 or part.value > total.value:
                continue
            actual = part.value / total.value * 100
            if _agrees(actual, stated.value, stated.decimals):
                continue
            if _share_of_another_total(doc, outline, earlier, stated, part, total):
                continue
            if _sibling_exceeds(doc, stated, total, percents, counts):
                continue
            yield _hit(stated, part, total, actual)


def _in_text_order(totals: Iterable[Quantity]) -> tuple[list[int], list[Quantity]]:
    """The distinct totals sorted by where they stand, and their starts (for bisect)."""
    distinct = sorted({t.start: t for t in totals}.values(), key=lambda t: t.start)
    return [t.start for t in distinct], distinct


def _share_of_another_total(
    doc: Document,
    outline: Outline,
    earlier: tuple[list[int], list[Quantity]],
    stated: Quantity,
    part: Quantity,
    total: Quantity,
) -> bool:
    """A share "of the whole" (占总数的…) fits another total stated before it in the same
    part of the report: "共受理申请10件…在已经答复的9件申请中,同意公开的7件,占总数的70%"
    is 7 of the 10 received. Which whole is meant is then the drafter's choice, not a slip."""
    if not _OVERALL_SHARE.search(doc.norm, max(0, stated.start - _REACH), stated.start):
        return False  # "予以公开434件(占39.2%)" is a share of its own list's total
    section = outline.top_section_of(part.line)
    begin = doc.norm_line_starts[section.line] if section else 0
    # Only the totals between the start of the part's section and the part: a walk over
    # every total for every share is quadratic on a big file.
    starts, totals = earlier
    for other in totals[bisect.bisect_left(starts, begin) : bisect.bisect_left(starts, part.start)]:
        if other.start == total.start or not 0 < part.value <= other.value:
            continue
        if other.unit != part.unit:
            continue
        if _agrees(part.value / other.value * 100, stated.value, stated.decimals):
            return True
    return False


def _sibling_exceeds(
    doc: Document,
    stated: Quantity,
    total: Quantity,
    percents: list[Quantity],
    counts: list[Quantity],
) -> bool:
    """A later share of the same sentence is of a figure larger than `total`, so `total` is
    not the whole the sentence's shares are of: "共公开信息35条,更新1条,其中,机构概况类
    信息1条,占3%;工作信息类信息19条,占53%" (1 + 19 + 16 of 36, not of the 1 updated).
    Which whole is meant cannot be named; not judging is the precise choice."""
    end = doc.norm.find("。", stated.end)
    line_end = (
        doc.norm_line_starts[stated.line + 1]
        if stated.line + 1 < len(doc.norm_line_starts)
        else len(doc.norm)
    )
    end = line_end if end < 0 else min(end, line_end)
    first = bisect.bisect_right(percents, stated.start, key=_start)
    for later in percents[first:]:
        if later.start >= end:
            break
        before = _clause_counts(doc, later, counts)
        if before and before[-1].unit == total.unit and before[-1].value > total.value:
            return True
    return False


def _totals_of_parts(analysis: Analysis, partitions: list[Partition]) -> dict[int, Quantity]:
    """For each figure that is a part of a stated total, that total."""
    totals: dict[int, Quantity] = {}
    for e in analysis.enumerations:
        for p in e.parts:
            totals.setdefault(p.start, e.total)
    for g in analysis.groups.of(partitions):
        for _, p in g.parts:
            totals[p.start] = g.total
    return totals


def _clause_counts(doc: Document, q: Quantity, counts: list[Quantity]) -> list[Quantity]:
    """The counts between the start of `q`'s clause and `q` (counts sorted by start)."""
    line_start = doc.norm_line_starts[q.line]
    clause_start = line_start
    for m in _CLAUSE_END.finditer(doc.norm, line_start, q.start):
        clause_start = m.end()
    first = bisect.bisect_left(counts, clause_start, key=_start)
    last = bisect.bisect_left(counts, q.start, key=_start)
    return [c for c in counts[first:last] if c.end <= q.start]


def _start(q: Quantity) -> int:
    return q.start


def _label_between(doc: Document, total: Quantity, part: Quantity) -> str:
    return doc.norm[total.end : part.start]


def _sentence_head(doc: Document, total: Quantity) -> str:
    line_start = doc.norm_line_starts[total.line]
    text = doc.norm[line_start : total.start]
    return re.split(r"[。!?]", text)[-1]


def _run_after(doc: Document, q: Quantity, percents: list[Quantity]) -> list[Quantity]:
    """`q` and the percentages listed after it ("15%、1.7%、43.3%和40%")."""
    run = [q]
    for nxt in percents:
        if nxt.start <= run[-1].end:
            continue
        if not _LIST_JOINER.fullmatch(doc.norm[run[-1].end : nxt.start]):
            break
        run.append(nxt)
    return run


def _pairs(doc, q, percents, counts, totals) -> list[tuple[Quantity, Quantity, Quantity]]:
    """(stated percentage, part, total) triples that `q` starts, or none."""
    before = doc.norm[max(doc.norm_line_starts[q.line], q.start - _REACH) : q.start]
    in_clause = _clause_counts(doc, q, counts)
    share = _SHARE.search(before)
    if share:
        if _JOINT.search(before[: share.start()]):
            return []  # "…合计占总数的43.3%": a share of several parts together
        run = _run_after(doc, q, percents) if _RESPECTIVE.search(before[: share.start()]) else [q]
        if len(in_clause) < len(run):
            return []
        parts = in_clause[-len(run) :]
        if any(p.start not in totals for p in parts):
            return []
        total = totals[parts[0].start]
        core = _GENERIC_DENOMINATOR.sub("", share["den"] or "").strip()
        if any(totals[p.start] is not total for p in parts) or (
            core and core not in _sentence_head(doc, total)
        ):
            return []  # the share is of something the text does not total here
        return list(zip(run, parts, [total] * len(run), strict=True))
    ratio = _RATIO.search(before)
    if ratio and len(in_clause) == 2:
        total, part = in_clause
        subject = re.sub(r"^(?:其中|全年|本年|总体)", "", ratio["subject"].strip())
        # "废止3件,公开比例为100%": the share is of something else than the last figure.
        if total.unit == part.unit and subject and subject in _label_between(doc, total, part):
            return [(q, part, total)]
    return []


def _agrees(actual: Decimal, stated: Decimal, decimals: int) -> bool:
    """Stated to its own precision, rounded or truncated."""
    step = Decimal(1).scaleb(-decimals)
    return stated in (actual.quantize(step, ROUND_HALF_UP), actual.quantize(step, ROUND_DOWN))


def _hit(q: Quantity, part: Quantity, total: Quantity, actual: Decimal) -> Hit:
    shown = actual.quantize(Decimal("0.01"), ROUND_HALF_UP)
    facts = {"stated": q.value, "part": part.value, "total": total.value, "actual": shown}
    return Hit(q.start, q.end, Evidence(facts))
