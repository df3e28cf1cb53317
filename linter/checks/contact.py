"""Check kind contact: the report says whom to ask, and says it correctly.

The fields are read by `linter.contacts` (labelled 电话 / 地址 / 电子信箱 / 邮编,
and bare e-mail addresses) and reach the check as `ctx.analysis.contact_fields`;
here they are judged present, complete and valid.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from linter.records import Evidence, Hit, Term

if TYPE_CHECKING:
    from linter.checks.context import Context
    from linter.contacts import Field
    from linter.document import Document


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
    found = ctx.analysis.contact_fields
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


def _invalid(found: tuple[Field, ...], kind: str) -> Iterator[Hit]:
    for f in found:
        if f.kind != kind:
            continue
        for value, at in _bad_items(f):
            start = f.start + at
            yield Hit(start, start + len(value), Evidence({"value": value}))
