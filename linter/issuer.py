"""Who issued a report: a people's government (人民政府) or one of its departments.

The deadline (第四十九条) and the 第五十条第四项 content differ between the two.
The issuer is read from the title: the text before the year on the title line
("示例市教育局2020年…"), or after it ("2020年示例市教育局政府信息公开…"), or the
short line above or below it ("淮安市人民政府" / "2024 年政府信息公开工作年度报告").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from linter.document import Document

_YEAR = r"(?:19|20)\d{2}|二[〇零○][一二三四五六七八九〇零○]{2}"
_TITLE = re.compile(
    rf"(?P<before>.*?)(?:{_YEAR})\s*年度?(?P<after>.{{0,30}}?)政府信息公开.{{0,12}}?"
    r"(?:年度报告|年报|工作报告)"
    r"|(?P<plain>.*?)政府信息公开.{0,12}?(?:年度报告|年报|工作报告)\s*\("
)
# A department's name ends in its kind of body; a place name alone ("巫溪县",
# "保定市") or 人民政府 is the people's government itself.
_DEPARTMENT = re.compile(
    r"(?:局|委|委员会|办公室|办公厅|厅|署|中心|院|所|站|办|部|处|队|馆|会|室|台|社|集团|公司"
    r"|海关|行)$"
)
# 行政公署 (a prefecture's administrative office) stands for the people's government.
_GOVERNMENT = re.compile(r"(?:人民政府|行政公署|行署)$")
# A bracketed aside, "关于…的", and a Markdown heading's marks ("# 沭阳县人民政府").
_NOISE = re.compile(r"\([^)]*\)|关于$|的$|^#+\s*")
_TITLE_REACH = 8
_MAX_TITLE = 60
_MAX_ISSUER_LINE = 30

GOVERNMENT, DEPARTMENT, OTHER = "government", "department", "other"
# A place's own name stands for its people's government ("巫溪县2018年…").
_PLACE = re.compile(r"(?:省|自治区|市|州|盟|县|区|旗|镇|乡|街道)$")


def _clean(issuer: str) -> str:
    return _NOISE.sub("", issuer.strip()).strip()


def _title_issuer(doc: Document, noise_lines: frozenset[int]) -> str | None:
    """The issuer's name as the title gives it, or None."""
    lines = [
        (i, line.strip())
        for i, line in enumerate(doc.norm_lines)
        if line.strip() and i not in noise_lines
    ][:_TITLE_REACH]
    for k, (_, text) in enumerate(lines):
        m = _TITLE.match(text) if len(text) <= _MAX_TITLE else None
        if not m:
            continue
        for candidate in (m["before"] or "", m["after"] or "", m["plain"] or ""):
            if _clean(candidate):
                return _clean(candidate)
        neighbours = [lines[k - 1][1]] if k else []
        neighbours += [lines[k + 1][1]] if k + 1 < len(lines) else []
        for text_near in neighbours:
            if len(text_near) <= _MAX_ISSUER_LINE and not re.search(r"\d|[::]", text_near):
                return _clean(text_near)
        return None
    return None


def issuer_name(doc: Document, noise_lines: frozenset[int]) -> str | None:
    """The issuer's name as the title gives it ("淮安市人民政府"), or None."""
    return _title_issuer(doc, noise_lines) or None


def kind_of(issuer: str | None) -> str | None:
    """The kind of a named issuer, for its deadline: a name that is neither a government
    nor a department is held to the government's (the rule that has always applied)."""
    if not issuer:
        return None
    if _GOVERNMENT.search(issuer):
        return GOVERNMENT
    return DEPARTMENT if _DEPARTMENT.search(issuer) else GOVERNMENT


def sweep_kind(issuer: str | None) -> str | None:
    """The kind a reviewer sorts by: "government", "department", or "other" for a name
    that is neither a government, a bare place (巫溪县) nor a body of one (a school,
    示例市第一中学: such reports are sorted apart, not guessed into a kind)."""
    if not issuer:
        return None
    if _GOVERNMENT.search(issuer) or _PLACE.search(issuer):
        return GOVERNMENT
    return DEPARTMENT if _DEPARTMENT.search(issuer) else OTHER


def issuer_key(issuer: str | None) -> str | None:
    """The issuer's name reduced to what stays the same from one year's title to the
    next: no spaces or punctuation, 政府 said as 人民政府 ("淮安市政府" = "淮安市人民政府")."""
    if not issuer:
        return None
    key = re.sub(r"[\W_]", "", issuer)
    key = re.sub(r"(?<!人民)政府", "人民政府", key)
    return key or None
