"""Check kind contact: the report says whom to ask, and says it correctly.

Labelled fields are read: 电话 / 地址 / 电子信箱 / 邮编 followed by a colon
(a phone number may follow its label, or 致电 / 拨打, directly). A label may be
broken by a line wrap ("电\\n子邮箱", as PDF text comes). An e-mail address
written anywhere is a contact too. A website is not a contact, and a 网站地址 /
下载地址 is not an address.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from linter.records import Evidence, Hit, Term

if TYPE_CHECKING:
    from linter.checks import Context
    from linter.document import Document


def _loose(*labels: str) -> str:
    """A pattern for labels that tolerates spaces (letter-spaced PDF text, "电 话")
    or a line break between characters."""
    return "|".join(r"[ \t\n\u200b]{0,2}".join(re.escape(c) for c in label) for label in labels)


_COLON = r"\s*[::]\s*"
_PHONE_LABEL = _loose("联系电话", "咨询电话", "服务电话", "办公电话", "电话", "致电", "拨打")
# "电话/传真:", "电话(传真):", "传真、电话:": one number for both.
_FAX = _loose("传真")
_PHONE = re.compile(
    rf"(?:(?:{_FAX})\s*[/、及和]\s*)?(?:{_PHONE_LABEL})(?:\s*(?:[/、及和]\s*(?:{_FAX})|\((?:{_FAX})\)))?"
    rf"(?:{_COLON}|\s*)"
    r"(?P<v>(?:\+?86[\-\s]?)?\(?[0-9][0-9\-—–()\s、/或转分机]*[0-9])"
)
# "接听热线电话120通" / "咨询电话23个": a count of calls, not a number to call. The
# counter follows on the same line: "…0856-5221234\n通讯地址" is a number, then a label.
_COUNTED = re.compile(r"[ \t]*(?:余|多)?[ \t]*(?:通(?![讯信])|次|个|件|人次|人|条|部|门)")
_ADDRESS_LABEL = _loose("通信地址", "通讯地址", "联系地址", "办公地址", "办公地点", "地址")
# An address may wrap onto the next line ("地址:淮\n安市翔宇南道1号"); a website's
# 网站地址 / 下载地址 / 网址 is no address.
_ADDRESS = re.compile(
    rf"(?<![站载网])(?:{_ADDRESS_LABEL}){_COLON}(?!http|www)(?P<v>[^,;。)\n]+(?:\n[^,;。)\n]+)?)"
)
_EMAIL_LABEL = rf"(?:{_loose('电子信箱', '电子邮箱', '电子邮件', '邮箱')}|e-?mail)"
# The value runs to the first separator or Chinese character; "[email protected]",
# what a web page's e-mail protection leaves, is kept whole so the message can quote it.
# An address wrapped at a line end continues on the next line in ASCII only, and only
# while it is not yet whole: "gk@example.gov.cn" then "二、…" is the next heading.
_EMAIL = re.compile(
    rf"{_EMAIL_LABEL}{_COLON}(?P<v>(?:\[email[^\]\n]*\]"
    r"|(?![^,;。)\s\u3400-\u9fff]*@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}\n)"
    r"[^,;。)\s\u3400-\u9fff]+(?:\n[A-Za-z0-9.%+\-@]+)?"
    r"|[^,;。)\s\u3400-\u9fff]+)"
    rf"(?:[ \t]*[、/或][ \t]*[^,;。)\s\u3400-\u9fff]+)*)",
    re.IGNORECASE,
)
_BARE_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
_POSTCODE = re.compile(rf"(?:{_loose('邮政编码', '邮编')}){_COLON}(?P<v>[0-9A-Za-z][0-9A-Za-z ]*)")

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
_LIST = re.compile(r"[、/或]")
_EXTENSION = re.compile(r"(?:转|分机|[\-—])\s*\d{1,5}$")
_COUNTRY = re.compile(r"^(?:\+|00)?86[\-\s]?")


@dataclass(frozen=True)
class Field:
    kind: str  # phone | address | email | postcode
    value: str
    start: int  # of the value, in Document.norm
    end: int


def fields(doc: Document) -> list[Field]:
    """Every contact field, in text order (labelled ones, and bare e-mail addresses)."""
    return doc.derived("contact-fields", lambda: _fields(doc))


def _fields(doc: Document) -> list[Field]:
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
            if kind == "phone" and _COUNTED.match(doc.norm, m.end("v")):
                continue
            value = m["v"].rstrip().rstrip(".")
            found.append(Field(kind, value, m.start("v"), m.start("v") + len(value)))
    labelled = [(f.start, f.end) for f in found if f.kind == "email"]
    for m in _BARE_EMAIL.finditer(doc.norm):
        if not any(s <= m.start() < e for s, e in labelled):
            found.append(Field("email", m.group(0).rstrip("."), m.start(), m.end()))
    return sorted(found, key=lambda f: f.start)


def _pieces(value: str) -> Iterator[tuple[str, int]]:
    """The items of a field listing several ("0519-85685020、85685021"), with offsets."""
    start = 0
    for m in _LIST.finditer(value + "、"):
        piece = value[start : m.start()]
        if piece.strip():
            yield piece.strip(), start + len(piece) - len(piece.lstrip())
        start = m.end()


def valid_phone(number: str) -> bool:
    """Area code + 7–8 digits (separators kept, so "0519-856850" is caught), mobile,
    400/800 or a service hotline; an extension (转8001, -8001) and +86 are allowed."""
    number = _COUNTRY.sub("0", number.strip()) if _COUNTRY.match(number.strip()) else number
    number = re.sub(r"(?<=\d)\s(?=\d)", "", number.strip())  # "0371-1234 5678"
    if _LANDLINE.fullmatch(number):
        return True
    bare = _EXTENSION.sub("", number)
    if bare != number and _LANDLINE.fullmatch(bare.strip()):
        return True
    return bool(_OTHER_PHONE.fullmatch(_SEPARATORS.sub("", bare)))


def bad_phones(value: str) -> list[tuple[str, int]]:
    """Numbers of a phone field that are not valid, with their offsets in it.

    After one full number, a 7–8 digit number shares its area code and a number of up
    to five digits is an extension ("0371-12345678/12345679", "转8001、8002").
    """
    bad, seen_full = [], False
    for piece, at in _pieces(value):
        digits = _SEPARATORS.sub("", re.sub(r"^(?:转|分机)", "", piece))
        if valid_phone(piece):
            seen_full = True
        elif not (seen_full and digits.isdigit() and (7 <= len(digits) <= 8 or len(digits) <= 5)):
            bad.append((piece, at))
    return bad


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
            facts = {"lacking": [Term(k, params["names"][k]) for k in lacking]}
            yield Hit(first.start, first.end, Evidence(facts))
    else:
        yield from _invalid(found, report)


def _bad_items(f: Field) -> list[tuple[str, int]]:
    if f.kind == "phone":
        return bad_phones(f.value)
    if f.kind == "email":
        if f.value.startswith("["):
            return [(f.value, 0)]
        pieces = _pieces(f.value)
        return [(p, at) for p, at in pieces if not _VALID_EMAIL.fullmatch(p.replace("\n", ""))]
    digits = f.value.replace(" ", "")
    return [] if len(digits) == 6 and digits.isdigit() else [(f.value, 0)]


def _invalid(found: list[Field], kind: str) -> Iterator[Hit]:
    for f in found:
        if f.kind != kind:
            continue
        for value, at in _bad_items(f):
            start = f.start + at
            yield Hit(start, start + len(value), Evidence({"value": value}))
