"""The statistical period a report states: 统计期限自X年1月1日起至X年12月31日止."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from linter.numbers import parse_year

if TYPE_CHECKING:
    from linter.document import Document

_CN_YEAR = r"二[〇零○][一二三四五六七八九〇零○]{2}"
_YEAR = rf"(?:19|20)\d{{2}}|{_CN_YEAR}"
_TO = r"(?:至|到|-|—|~|–|－)+"
# Each way a whole year is written; the second year may be left out ("2018年1月1日至
# 12月31日") and the range may wrap over a line (PDF text).
_PERIODS = (
    re.compile(
        rf"(?P<year>{_YEAR})\s*年\s*(?:1|一)\s*月\s*(?:1|一)\s*日[^。\d]{{0,8}}?{_TO}\s*"
        rf"(?:(?P<year2>{_YEAR})\s*年)?\s*(?:12|十二)\s*月\s*(?:31|三十一)\s*日"
    ),
    re.compile(
        rf"(?P<year>(?:19|20)\d{{2}})\s*[./]\s*0?1\s*[./]\s*0?1\s*{_TO}\s*"
        rf"(?:(?P<year2>(?:19|20)\d{{2}})\s*[./]\s*)?12\s*[./]\s*31"
    ),
    re.compile(
        rf"统计(?:期限|时限|期间|区间|时间)[^。\d]{{0,4}}?(?P<year>{_YEAR})\s*(?:年度|全年)"
        rf"(?P<year2>)"
    ),
    # Months without days ("时间范围为2015年1月至12月"): only after a word that says a
    # period follows, since "1月至12月，共受理…" in prose may be a part of a year.
    re.compile(
        rf"(?:统计|时间范围|期限|期间|区间|时限)[^。\d]{{0,8}}?(?P<year>{_YEAR})\s*年\s*"
        rf"(?:1|一)\s*月份?\s*{_TO}\s*(?:(?P<year2>{_YEAR})\s*年)?\s*(?:12|十二)\s*月"
        rf"(?!\s*[\d一二三四五六七八九十])"
    ),
)


def find_period(doc: Document) -> re.Match[str] | None:
    """The first statement of a whole-year period in the report."""
    found = [m for p in _PERIODS if (m := p.search(doc.norm))]
    return min(found, key=lambda m: m.start()) if found else None


def period_years(period: re.Match[str]) -> set[int]:
    """The years a period statement names (one, or two when both ends carry one)."""
    first = parse_year(period["year"])
    return {first, parse_year(period["year2"]) if period["year2"] else first}
