"""Contact fields a report states: 电话 / 地址 / 电子信箱 / 邮编, and bare e-mail addresses.

Labelled fields are read: a label followed by a colon (a phone number may
follow its label, or 致电 / 拨打, directly). A label may be broken by a line
wrap ("电\\n子邮箱", as PDF text comes). An e-mail address written anywhere is
a contact too. A website is not a contact, and a 网站地址 / 下载地址 is not an
address. Whether the values are valid is the `contact` check's business.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from linter.document import Document


def _loose(*labels: str) -> str:
    """A pattern for labels that tolerates spaces (letter-spaced PDF text, "电 话")
    or a line break between characters."""
    return "|".join(r"[ \t\n\u200b]{0,2}".join(re.escape(c) for c in label) for label in labels)


_COLON = r"\s*[::]\s*"
_PHONE_LABEL = (
    _loose("联系电话", "咨询电话", "服务电话", "办公电话", "电话", "致电", "拨打", "联系方式")
    + "|"
    + _loose("热线", "手机", "座机")
    + r"|[Tt][Ee][Ll]"
)
# "电话/传真:", "电话(传真):", "传真、电话:": one number for both.
_FAX = _loose("传真")
# After the label: a colon, or 为/是 ("联系电话为0314-…"); a name may come first
# ("联系人及电话:王某,0314-…"). The number stays on its line: digits on the next
# line are a list item ("2.加强培训"), not more of the number. The lookahead of the
# labels' first characters lets the scan skip other positions (the optional fax
# group in front kept `re` trying the whole pattern at every character: 4x slower).
_PHONE = re.compile(
    r"(?=[传联咨服办电致拨热手座Tt])"
    rf"(?:(?:{_FAX})\s*[/、及和]\s*)?(?:{_PHONE_LABEL})(?:\s*(?:[/、及和]\s*(?:{_FAX})|\((?:{_FAX})\)))?"
    r"(?:号码)?"
    rf"(?:{_COLON}(?:[\u4e00-\u9fff·]{{2,6}}[,、 ]\s*)?|\s*(?:为|是)?\s*)"
    r"(?P<v>(?:\+?86[\- ]?)?\(?[0-9][0-9\-—–() \t、/或转分机]*[0-9])"
)
# "接听热线电话120通" / "咨询电话23个": a count of calls, not a number to call. The
# counter follows on the same line: "…0856-5221234\n通讯地址" is a number, then a label.
_COUNTED = re.compile(r"[ \t]*(?:余|多)?[ \t]*(?:通(?![讯信])|次|个|件|人次|人|条|部|门)")
_ADDRESS_LABEL = _loose("通信地址", "通讯地址", "联系地址", "办公地址", "办公地点", "地址")
# An address may wrap onto the next line ("地址:淮\n安市翔宇南道1号"); a website's
# 网站地址 / 下载地址 / 网址 is no address.
_ADDRESS = re.compile(
    rf"(?=[通联办地])(?<![站载网])(?:{_ADDRESS_LABEL})(?:{_COLON}|为|是|位于|设在)(?!http|www)"
    r"(?P<v>[^,;。)\n]+(?:\n[^,;。)\n]+)?)"
)
_EMAIL_LABEL = rf"(?:{_loose('电子信箱', '电子邮箱', '电子邮件', '邮箱')}|(?i:e-?mail))"
# The value runs to the first separator or Chinese character; "[email protected]",
# what a web page's e-mail protection leaves, is kept whole so the message can quote it.
# An address wrapped at a line end continues on the next line in ASCII only, and only
# while it is not yet whole: "gk@example.gov.cn" then "二、…" is the next heading.
# Case is ignored in the ASCII words only: IGNORECASE on the whole pattern made it
# fold the CJK ranges of its classes, 35 ms of every run's start-up to compile.
_EMAIL = re.compile(
    r"(?=[电邮Ee])"  # the labels' first characters: the scan skips other positions
    rf"{_EMAIL_LABEL}{_COLON}(?P<v>(?:\[(?i:email)[^\]\n]*\]"
    r"|(?![^,;。)\s\u3400-\u9fff]*@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}\n)"
    r"[^,;。)\s\u3400-\u9fff]+(?:\n[A-Za-z0-9.%+\-@]+)?"
    r"|[^,;。)\s\u3400-\u9fff]+)"
    rf"(?:[ \t]*[、/或][ \t]*[^,;。)\s\u3400-\u9fff]+)*)",
)
# A bare address: a run of these characters, "@", a dotted domain. Searched run by run
# (`bare_emails`): the regex engine, trying the pattern at every letter of a long run
# with no "@" after it, took quadratic time (38 s on a run of 200k letters).
_LOCAL_CHARS = frozenset(string.ascii_letters + string.digits + "._%+-")
_DOMAIN = re.compile(r"[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
_POSTCODE = re.compile(rf"(?:{_loose('邮政编码', '邮编')}){_COLON}(?P<v>[0-9A-Za-z][0-9A-Za-z ]*)")


@dataclass(frozen=True)
class Field:
    kind: str  # phone | address | email | postcode
    value: str
    start: int  # of the value, in Document.norm
    end: int


def contact_fields(doc: Document, noise_lines: frozenset[int]) -> list[Field]:
    """Every contact field, in text order (labelled ones, and bare e-mail addresses)."""
    found = []
    for kind, pattern in (
        ("phone", _PHONE),
        ("address", _ADDRESS),
        ("email", _EMAIL),
        ("postcode", _POSTCODE),
    ):
        for m in pattern.finditer(doc.norm):
            if doc.norm_line_of(m.start()) in noise_lines:
                continue
            if kind == "phone" and _COUNTED.match(doc.norm, m.end("v")):
                continue
            value = m["v"].rstrip().rstrip(".")
            found.append(Field(kind, value, m.start("v"), m.start("v") + len(value)))
    labelled = [(f.start, f.end) for f in found if f.kind == "email"]
    for start, end in bare_emails(doc.norm):
        if not any(s <= start < e for s, e in labelled):
            found.append(Field("email", doc.norm[start:end].rstrip("."), start, end))
    return sorted(found, key=lambda f: f.start)


def bare_emails(text: str) -> list[tuple[int, int]]:
    """Spans of the matches of ``[A-Za-z0-9._%+-]+@<domain>`` that `re.finditer` would
    give, in linear time. A match starting inside a run of local characters must end
    that run with its "@" (no local character is "@", so backtracking cannot stop
    earlier), so each maximal run that ends at an "@" is tried once: from its start, or
    from the end of the previous match when that falls inside it. The runs are found
    from the "@"s, walking back: most reports have none, and a run never holds one."""
    spans: list[tuple[int, int]] = []
    pos = 0
    at = text.find("@")
    while at != -1:
        start = at
        while start > 0 and text[start - 1] in _LOCAL_CHARS:
            start -= 1
        domain = _DOMAIN.match(text, at + 1) if start < at and at > pos else None
        if domain is not None:
            spans.append((max(start, pos), domain.end()))
            pos = domain.end()
        at = text.find("@", at + 1)
    return spans
