"""Check kind late_publication: published after the regulation's deadline.

Only a date the document itself states as its publication date counts
(发布日期/发布时间/日期/成文日期 followed by a date); file metadata does not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING, Any

from linter.issuer import DEPARTMENT
from linter.records import Evidence, Hit

if TYPE_CHECKING:
    from linter.checks.context import Context
    from linter.document import Document
    from linter.rulebook import Regime

_DATE = r"(?P<y>(?:19|20)\d{2})\s*(?:年|-|/|\.)\s*(?P<m>\d{1,2})\s*(?:月|-|/|\.)\s*(?P<d>\d{1,2})"
# The publication date proper first; 成文日期 (when it was written) or a bare 日期
# only when the page states nothing better.
_PUBLISHED = tuple(
    re.compile(rf"(?P<label>{labels})\s*[::]\s*{_DATE}")
    # 日 before the lookbehind: a pattern that starts with a literal is scanned for it
    # (30x faster than trying the lookbehind at every character); the same matches.
    for labels in (
        "发布日期|发布时间|公开日期|发文日期",
        "成文日期|印发日期",
        "日(?<![文布开]日)期",
    )
)


def published(doc: Document) -> re.Match[str] | None:
    """The publication date the report states (groups y, m, d and label), or None."""
    for pattern in _PUBLISHED:
        for m in pattern.finditer(doc.norm):
            try:
                date(int(m["y"]), int(m["m"]), int(m["d"]))
            except ValueError:
                continue
            return m
    return None


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
