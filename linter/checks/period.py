"""Check kind statistical_period: 统计期限自X年1月1日起至X年12月31日止."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from linter.periods import period_years
from linter.records import Evidence, Hit

if TYPE_CHECKING:
    from linter.checks.context import Context
    from linter.document import Document


def statistical_period(doc: Document, params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
    period = ctx.analysis.period
    if params["report"] == "missing":
        if period is None:
            yield Hit()
        return
    if period is None or ctx.year is None:
        return
    years = period_years(period)
    wrong = sorted(y for y in years if y != ctx.year)
    if wrong:
        facts = {"found": wrong[0], "expected": ctx.year}
        yield Hit(period.start(), period.end(), Evidence(facts))
