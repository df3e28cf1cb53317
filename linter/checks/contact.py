"""Check kind contact: the report says whom to ask, and says it correctly.

Labelled fields are read: 电话 / 地址 / 电子信箱 / 邮编 followed by a colon
(a phone number may follow its label directly). A label may be broken by a
line wrap ("电\\n子邮箱", as PDF text comes). A website is not a contact.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from linter.findings import Hit

if TYPE_CHECKING:
    from linter.checks import Context
    from linter.document import Document


def _loose(*labels: str) -> str:
    """A pattern for labels that tolerates a line break between characters."""
    return "|".join("\n?".join(re.escape(c) for c in label) for label in labels)


_COLON = r"\s*[::]\s*"
_PHONE = re.compile(
    rf"(?:{_loose('联系电话', '咨询电话', '服务电话', '办公电话', '电话')})(?:{_COLON}|\s*)"
    r"(?P<v>\(?[0-9][0-9\-—–()\s转、/或]*[0-9])"
)
_ADDRESS_LABEL = _loose("通信地址", "通讯地址", "联系地址", "办公地址", "地址")
# An address may wrap onto the next line ("地址:淮\n安市翔宇南道1号").
_ADDRESS = re.compile(rf"(?:{_ADDRESS_LABEL}){_COLON}(?P<v>[^,;。)\n]+(?:\n[^,;。)\n]+)?)")
_EMAIL = re.compile(
    rf"(?:{_loose('电子信箱', '电子邮箱', '电子邮件', '邮箱')}|e-?mail){_COLON}(?P<v>[^,;。)\n]+)",
    re.IGNORECASE,
)
_POSTCODE = re.compile(rf"(?:{_loose('邮政编码', '邮编')}){_COLON}(?P<v>[0-9][0-9\s]*)")

_VALID_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
# Area codes are 010 and 02X (then an 8-digit number) or 0XXX (then 7–8 digits).
_AREA = r"(?:0(?:10|2\d)|0[3-9]\d{2})"
_LANDLINE = re.compile(rf"{_AREA}[\-—–()\s]*\d{{7,8}}|\(\s*{_AREA}\s*\)\s*\d{{7,8}}")
_OTHER_PHONE = re.compile(
    r"1[3-9]\d{9}"  # mobile
    r"|[48]00\d{7}"  # 400 / 800 numbers
    r"|1\d{4}|9\d{4,5}"  # 12345-style and 96xxx service hotlines
)
_SEPARATORS = re.compile(r"[\-—–()\s]")


@dataclass(frozen=True)
class Field:
    kind: str  # phone | address | email | postcode
    value: str
    start: int  # of the value, in Document.norm
    end: int


def fields(doc: Document) -> list[Field]:
    """Every labelled contact field, in text order."""
    found = []
    for kind, pattern in (
        ("phone", _PHONE),
        ("address", _ADDRESS),
        ("email", _EMAIL),
        ("postcode", _POSTCODE),
    ):
        for m in pattern.finditer(doc.norm):
            if doc.norm_line_of(m.start()) in doc.noise_lines:
                continue
            value = m["v"].rstrip()
            found.append(Field(kind, value, m.start("v"), m.start("v") + len(value)))
    return sorted(found, key=lambda f: f.start)


def phone_numbers(value: str) -> list[str]:
    """The numbers of a phone field ("0519-85685020、85685021" gives two)."""
    return [p.strip() for p in re.split(r"[、/或]", value) if p.strip()]


def valid_phone(number: str) -> bool:
    """Area code + 7–8 digits (separators kept, so "0519-856850" is caught), mobile,
    400/800 or a service hotline."""
    number = number.split("转")[0].strip()
    if _LANDLINE.fullmatch(number):
        return True
    return bool(_OTHER_PHONE.fullmatch(_SEPARATORS.sub("", number)))


def contact(doc: Document, params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
    report = params["report"]
    found = fields(doc)
    kinds = {f.kind for f in found}
    if report == "missing":
        if not kinds & {"phone", "address", "email"}:
            yield Hit()
    elif report == "incomplete":
        lacking = [k for k in ("phone", "address") if k not in kinds]
        if kinds & {"phone", "address", "email"} and lacking:
            first = found[0]
            names = {
                "phone": {"zh": "电话", "en": "phone"},
                "address": {"zh": "地址", "en": "address"},
            }
            yield Hit(
                first.start,
                first.end,
                values={"lacking": [names[k] for k in lacking]},
                details={"lacking": lacking},
            )
    else:
        yield from _invalid(found, report)


def _invalid(found: list[Field], kind: str) -> Iterator[Hit]:
    for f in found:
        if f.kind != kind:
            continue
        if kind == "phone":
            bad = [n for n in phone_numbers(f.value) if not valid_phone(n)]
        elif kind == "email":
            bad = [] if _VALID_EMAIL.fullmatch(f.value.strip()) else [f.value.strip()]
        else:
            digits = re.sub(r"\s", "", f.value)
            bad = [] if len(digits) == 6 else [digits]
        if bad:
            yield Hit(f.start, f.end, values={"value": bad[0]}, details={"value": bad[0]})
