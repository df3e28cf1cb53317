"""Plain text (.txt, .md, stdin) in any encoding Chinese offices use.

BOMs decide first; then strict UTF-8; then UTF-16 without a BOM (told by
where its NUL bytes fall, or, with hardly any ASCII, by reading as Chinese
text one way round only); then UTF-8 with a few bad bytes (a stray byte, a
file cut mid-character: they become U+FFFD and the document says how many,
rather than the whole report being refused as binary); then charset-normalizer's
best guess, read with GB18030 when it guesses GB2312 or GBK (GB18030 is their
superset, and offices mix the three). CRLF and CR become LF so lines count as
an editor counts them. A line `# ogilint: disable=…` (or `<!-- ogilint: … -->`) is a
suppression directive, not report text: it is recorded in
`Document.directives` and read as an empty line, so lines keep their numbers.
"""

from __future__ import annotations

import codecs
import re

from linter.document import Directive, Document
from linter.loaders import InputError
from linter.suppressions import directive_line

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "hz", "cp936"}


def decode(data: bytes) -> tuple[str, str]:
    """The text of `data` and the name of its encoding."""
    text, encoding, _ = decode_counting(data)
    return text, encoding


def decode_counting(data: bytes) -> tuple[str, str, int]:
    """The text of `data`, its encoding and how many bad bytes became U+FFFD."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding, 0
            except UnicodeDecodeError as exc:
                raise InputError("bad-bom-text", encoding=encoding) from exc
    try:
        return data.decode("utf-8"), "utf-8", 0
    except UnicodeDecodeError:
        pass
    utf16 = _utf16_without_bom(data)
    if utf16:
        return (*utf16, 0)
    damaged = _damaged_utf8(data)
    if damaged:
        return damaged
    return (*_detect(data), 0)


_BAD_BYTE = re.compile("[\udc80-\udcff]+")
# A UTF-8 text has many multi-byte characters per bad byte; GB18030 or Big5
# read as UTF-8 has almost none (their byte pairs are rarely valid UTF-8).
_GOOD_PER_BAD = 5


def _damaged_utf8(data: bytes) -> tuple[str, str, int] | None:
    """UTF-8 with a few invalid bytes, those bytes replaced by U+FFFD; else None."""
    text = data.decode("utf-8", "surrogateescape")
    bad = sum(len(run) for run in _BAD_BYTE.findall(text))
    good = sum(1 for c in text if ord(c) > 0x7F) - bad
    if good < _GOOD_PER_BAD * bad:
        return None
    return _BAD_BYTE.sub(lambda run: "\ufffd" * len(run[0]), text), "utf-8", bad


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 saved without a BOM (Windows "Unicode" text minus its mark).

    Its ASCII characters (digits, punctuation, line ends) put NUL bytes on one
    side of each pair (a few CJK characters such as 一 U+4E00 on the other);
    binary data scatters them evenly.
    """
    sample = data[:4096]
    if len(data) % 2:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    codec = "utf-16-le" if odd > 3 * even + 8 else "utf-16-be" if even > 3 * odd + 8 else None
    if codec is None:
        codec = _chinese_utf16(sample)
    if codec is None:
        return None
    try:
        return data.decode(codec), codec
    except UnicodeDecodeError:
        return None


# Characters a Chinese report is made of: CJK ideographs and punctuation,
# full-width forms, printable ASCII and line ends.
_REPORT_CHAR = re.compile("[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\x20-\x7e\n\r\t]")


def _chinese_utf16(sample: bytes) -> str | None:
    """The UTF-16 byte order that reads `sample` as Chinese text (with hardly any
    ASCII there are too few NUL bytes to tell), None when neither does.

    Random bytes or GB18030 read as UTF-16 fall all over the 65,536 code points
    (surrogates, Hangul, private use), far from 90 % report characters.
    """
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = sample.decode(codec)
        except UnicodeDecodeError:
            continue
        if text and len(_REPORT_CHAR.findall(text)) >= 0.9 * len(text):
            return codec
    return None


def _detect(data: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError("unknown-encoding")
    encoding = best.encoding.lower().replace("_", "")
    if encoding in _GB_FAMILY:
        try:
            return data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError:
            pass
    return str(best), best.encoding


# Control characters other than the line and page breaks and tabs.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    control = len(_CONTROL.findall(sample))  # one C-level pass, not a loop per character
    return "\x00" in sample or control > len(sample) * 0.05


def to_text(data: bytes) -> tuple[str, str, int]:
    """Decoded text with LF line ends, its encoding and how many bad bytes were
    replaced; refuses binary data."""
    if (
        b"\x00" in data[:4096]
        and not data.startswith(tuple(bom for bom, _ in _BOMS))
        and _utf16_without_bom(data) is None
    ):
        raise InputError("binary-nul")
    text, encoding, replaced = decode_counting(data)
    if _looks_binary(text):
        raise InputError("binary")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError("no-text")
    return text, encoding, replaced


# Where a directive may start: a line whose first non-blank character (the blanks taken
# possessively, or a no-break space would be tried as that character) is "#" or "<"
# or one NFKC may fold to them. An ASCII character, a CJK ideograph, CJK punctuation
# or a full-width form other than ＃ and ＜ folds to no "#" or "<" (nor composes into
# one), so only the other lines pay for `directive_line`'s NFKC of the whole line.
_MAY_DIRECT = re.compile(
    r"^[^\S\n]*+(?:[#<\uff03\uff1c]|[^\x00-\x7f\u3001-\u303f\u4e00-\u9fff\uff01-\uff5e])", re.M
)


def _directives(text: str) -> tuple[str, list[Directive]]:
    """`text` with its directive lines emptied (lines keep their numbers), and the
    directives."""
    found: list[Directive] = []
    kept: list[str] = []
    line = position = kept_to = 0
    for hit in _MAY_DIRECT.finditer(text):
        start = hit.start()  # a line start
        line += text.count("\n", position, start)
        position = start
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        directive = directive_line(text[start:end])
        if directive is not None:  # not report text: kept aside, its line read as empty
            found.append(Directive(directive, line))
            kept.append(text[kept_to:start])
            kept_to = end
    if not found:
        return text, found
    kept.append(text[kept_to:])
    return "".join(kept), found


def load(data: bytes, path: str) -> Document:
    text, encoding, replaced = to_text(data)
    text, found = _directives(text)
    if found and not text.strip():  # nothing but directives
        raise InputError("no-text")
    meta: dict[str, object] = {"format": "text"}
    if replaced:
        meta["replaced_bytes"] = replaced  # the damaged-text rule says how many
    return Document(path=path, text=text, encoding=encoding, meta=meta, directives=tuple(found))
