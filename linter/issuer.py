"""Who issued a report: a people's government (人民政府) or one of its departments.

The deadline (第四十九条) and the 第五十条第四项 content differ between the two.
The issuer is read from the title: the text before the year on the title line,
or the short line above it ("淮安市人民政府" / "2024 年政府信息公开工作年度报告").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from linter.document import Document

_TITLE = re.compile(r"(?P<issuer>.*?)(?:19|20)\d{2}\s*年度?.{0,30}?(?:年度报告|年报)")
# A department's name ends in its kind of body; a place name alone ("巫溪县",
# "保定市") or 人民政府 is the people's government itself.
_DEPARTMENT = re.compile(
    r"(?:局|委|委员会|办公室|办公厅|厅|署|中心|院|所|站|办|部|处|队|馆|会|集团|公司)$"
)
_TITLE_REACH = 8
_MAX_TITLE = 60

GOVERNMENT, DEPARTMENT = "government", "department"


def issuer_kind(doc: Document) -> str | None:
    """ "government", "department", or None when the report names no issuer."""
    previous = ""
    seen = 0
    for i, line in enumerate(doc.norm_lines):
        text = line.strip()
        if i in doc.noise_lines or not text:
            continue
        m = _TITLE.match(text) if len(text) <= _MAX_TITLE else None
        if m:
            issuer = m["issuer"].strip() or previous
            if not issuer:
                return None
            return DEPARTMENT if _DEPARTMENT.search(issuer) else GOVERNMENT
        previous = text if len(text) <= _MAX_TITLE // 2 else ""
        seen += 1
        if seen >= _TITLE_REACH:
            break
    return None
