"""Check kind statistical_period: 统计期限自X年1月1日起至X年12月31日止."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from linter.findings import Hit

if TYPE_CHECKING:
    from linter.checks import Context
    from linter.document import Document

# The range may wrap over a line (PDF text), and the second year may be left out
# ("2018年1月1日至12月31日").
PERIOD = re.compile(
    r"(?P<year>(?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日[^。\d]{0,8}?(?:至|到|-|—|~|–)\s*"
    r"(?:(?P<year2>(?:19|20)\d{2})\s*年)?\s*12\s*月\s*31\s*日"
)


def find_period(doc: Document) -> re.Match[str] | None:
    """The first statement of a whole-year period in the report."""
    return PERIOD.search(doc.norm)


def statistical_period(doc: Document, params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
    period = find_period(doc)
    if params["report"] == "missing":
        if period is None:
            yield Hit()
        return
    if period is None or ctx.year is None:
        return
    years = {int(period["year"]), int(period["year2"] or period["year"])}
    wrong = sorted(y for y in years if y != ctx.year)
    if wrong:
        yield Hit(
            period.start(),
            period.end(),
            values={"found": wrong[0], "expected": ctx.year},
            details={"found": wrong[0], "expected": ctx.year},
        )
