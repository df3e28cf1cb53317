"""Check kind statistical_period: 统计期限自X年1月1日起至X年12月31日止."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from linter.findings import Hit
from linter.periods import period_years

if TYPE_CHECKING:
    from linter.checks.context import Context
    from linter.document import Document


def statistical_period(doc: Document, params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
    period = ctx.facts.period
    if params["report"] == "missing":
        if period is None:
            yield Hit()
        return
    if period is None or ctx.year is None:
        return
    years = period_years(period)
    wrong = sorted(y for y in years if y != ctx.year)
    if wrong:
        yield Hit(
            period.start(),
            period.end(),
            values={"found": wrong[0], "expected": ctx.year},
            details={"found": wrong[0], "expected": ctx.year},
        )
