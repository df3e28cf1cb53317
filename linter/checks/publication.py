"""Check kind late_publication: published after the regulation's deadline.

Only a date the document itself states as its publication date counts
(发布日期/发布时间/日期/成文日期 followed by a date); file metadata does not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from linter.issuer import DEPARTMENT
from linter.records import Evidence, Hit

if TYPE_CHECKING:
    from linter.checks.context import Context
    from linter.document import Document
    from linter.rulebook import Regime

_DATE = r"(?P<y>(?:19|20)\d{2})\s*(?:年|-|/|\.)\s*(?P<m>\d{1,2})\s*(?:月|-|/|\.)\s*(?P<d>\d{1,2})"
# The publication date proper first; 成文日期 (when it was written) or a bare 日期
# only when the page states nothing better: labels by rank.
_RANKS = (
    ("发布日期", "发布时间", "公开日期", "发文日期"),
    ("成文日期", "印发日期"),
    ("日期",),
)
_RANK = {label: rank for rank, labels in enumerate(_RANKS) for label in labels}
# One scan for every rank. 日 comes before the lookbehind (a pattern opening with a
# literal is scanned for it); a bare 日期 inside another label is not one (发布日期) or
# states the same date (印发日期), so taking the labels together finds what a scan per
# rank found.
_PUBLISHED = re.compile(
    r"(?P<label>"
    + "|".join(label for labels in _RANKS[:-1] for label in labels)
    + rf"|日(?<![文布开]日)期)\s*[::]\s*{_DATE}"
)


def published(doc: Document) -> re.Match[str] | None:
    """The publication date the report states (groups y, m, d and label), or None."""
    return _published_in(doc.norm)


# The rule and the report's facts both ask, one after the other, for the same text.
@lru_cache(maxsize=2)
def _published_in(text: str) -> re.Match[str] | None:
    """The first valid date of the best rank stated."""
    best: list[re.Match[str] | None] = [None] * len(_RANKS)
    for m in _PUBLISHED.finditer(text):
        rank = _RANK[m["label"]]
        if best[rank] is not None:
            continue
        try:
            date(int(m["y"]), int(m["m"]), int(m["d"]))
        except ValueError:
            continue
        best[rank] = m
        if rank == 0:
            break
    return next((m for m in best if m is not None), None)


def deadline(regime: Regime, year: int | None, kind: str | None) -> date | None:
    """When a report of `year` by an issuer of `kind` was due, under `regime`."""
    deadlines = regime.deadlines  # the regulation in force when the report is due
    if year is None or deadlines is None:
        return None
    month, day = deadlines.department if kind == DEPARTMENT else deadlines.government
    return date(year + 1, month, day)


def date_of(m: re.Match[str]) -> date:
    return date(int(m["y"]), int(m["m"]), int(m["d"]))


def late_publication(doc: Document, params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
    due = deadline(ctx.regime, ctx.year, ctx.analysis.issuer)
    m = published(doc) if due is not None else None
    if m is None or due is None:
        return
    if date_of(m) > due:
        facts = {
            "label": m["label"],
            "published": date_of(m).isoformat(),
            "deadline": due.isoformat(),
            "issuer": ctx.analysis.issuer,
        }
        yield Hit(m.start("y"), m.end(), Evidence(facts))
