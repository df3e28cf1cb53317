"""A PDF's streams inflated within a budget, before a PDF library decodes them.

pdfminer inflates a stream whole (`zlib.decompress`), pdfium likewise in C:
a 1 MB stream of zeros deflates from 1 GB, and ten of them make a 10 MB file
that takes ten. Each stream's filters are read from its dictionary and the
stream is inflated here first, a piece at a time, counting; a document whose
streams come to more than `MAX_INFLATED` is refused before either library sees
it. Image streams are not counted: text extraction does not decode them (OCR
renders a page at a fixed resolution). Encrypted streams cannot be inflated
before they are decrypted and are counted as they are (see docs/design.md).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator

from linter.loaders.reasons import InputError

MAX_INFLATED = 256 * 1024 * 1024  # the streams of a long report come to a few tens of MB
_PIECE = 1024 * 1024

_STREAM = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")
_OBJ = re.compile(rb"(\d+)\s+(\d+)\s+obj\b")
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[A-Za-z0-9]+)")
_NAME = re.compile(rb"/([A-Za-z0-9]+)")
_LENGTH = re.compile(rb"/Length\s+(\d+)(\s+(\d+)\s+R)?")
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")
_DICT_REACH = 8192  # how far back from `stream` its dictionary may start
_FLATE = {b"FlateDecode", b"Fl"}
_LZW = {b"LZWDecode", b"LZW"}
_HEX = {b"ASCIIHexDecode", b"AHx"}
_A85 = {b"ASCII85Decode", b"A85"}
_RUNLENGTH = {b"RunLengthDecode", b"RL"}


def check_streams(data: bytes, limit: int = MAX_INFLATED) -> None:
    """Refuse `data` when its non-image streams inflate past `limit` bytes in all."""
    budget = limit
    for raw, filters in _streams(data):
        budget -= _decoded_size(raw, filters, budget)
        if budget < 0:
            mib = 1024 * 1024
            raise InputError("pdf-inflates-past-limit", limit_mb=limit // mib)


def _streams(data: bytes) -> Iterator[tuple[bytes, list[bytes]]]:
    """(raw bytes, filter names) of every stream that is not an image."""
    for match in _STREAM.finditer(data):
        head = data[max(0, match.start() - _DICT_REACH) : match.start()]
        opened = list(_OBJ.finditer(head))
        dictionary = head[opened[-1].end() :] if opened else head
        if _IMAGE.search(dictionary):
            continue
        found = _FILTER.search(dictionary)
        filters = _NAME.findall(found[1]) if found else []
        if not any(f in _FLATE | _LZW | _RUNLENGTH for f in filters):
            continue  # nothing in it can grow
        yield data[match.end() : _stream_end(data, match.end(), dictionary)], filters


def _stream_end(data: bytes, start: int, dictionary: bytes) -> int:
    """Where a library could stop reading: the later of `endstream` and /Length.

    A library trusts a direct /Length past an `endstream` that occurs inside
    the data, so the bytes up to either are what it may inflate.
    """
    end = data.find(b"endstream", start)
    end = len(data) if end < 0 else end
    length = _LENGTH.search(dictionary)
    if length and not length[2]:
        end = max(end, min(len(data), start + int(length[1])))
    return end


def _decoded_size(raw: bytes, filters: list[bytes], budget: int) -> int:
    """The size of `raw` through `filters`, stopping a little past `budget`."""
    data = raw
    for i, name in enumerate(filters):
        last = i == len(filters) - 1
        if name in _FLATE:
            pieces = _inflate(data, budget)
        elif name in _LZW:
            pieces = _lzw(data, budget)
        elif name in _RUNLENGTH:
            pieces = _runlength(data, budget)
        elif name in _HEX or name in _A85:
            pieces = iter([_ascii(data, name in _HEX)])
        else:
            return len(data)  # an image codec or an unknown filter: not inflated for text
        if last:
            return _count(pieces, budget)
        data = _joined(pieces, budget)
    return len(data)


def _count(pieces: Iterator[bytes], budget: int) -> int:
    size = 0
    for piece in pieces:
        size += len(piece)
        if size > budget:
            break
    return size


def _joined(pieces: Iterator[bytes], budget: int) -> bytes:
    out = bytearray()
    for piece in pieces:
        out += piece
        if len(out) > budget:
            break
    return bytes(out)


def _inflate(data: bytes, budget: int) -> Iterator[bytes]:
    """zlib in pieces; what a damaged stream gives before its error (pdfminer keeps it)."""
    inflater = zlib.decompressobj()
    pending = data
    try:
        while pending and not inflater.eof:
            yield inflater.decompress(pending, _PIECE)
            pending = inflater.unconsumed_tail
    except zlib.error:
        return


def _lzw(data: bytes, budget: int) -> Iterator[bytes]:
    from io import BytesIO

    from pdfminer.lzw import LZWDecoder

    try:
        yield from LZWDecoder(BytesIO(data)).run()
    except Exception:  # a damaged code stream ends here, as in pdfminer
        return


def _runlength(data: bytes, budget: int) -> Iterator[bytes]:
    """RunLengthDecode sizes only (at most 128 bytes out per 2 in)."""
    i = 0
    while i < len(data):
        length = data[i]
        if length == 128:
            break
        if length < 128:
            yield data[i + 1 : i + 2 + length]
            i += length + 2
        else:
            yield bytes(257 - length)
            i += 2


def _ascii(data: bytes, hexadecimal: bool) -> bytes:
    """ASCIIHex / ASCII85 decoded (they only shrink); b"" when damaged."""
    import base64
    import binascii

    text = re.sub(rb"\s", b"", data)
    try:
        if hexadecimal:
            digits = text.split(b">", 1)[0]
            return binascii.unhexlify(digits + b"0" * (len(digits) % 2))
        return base64.a85decode(text.split(b"~>", 1)[0].removeprefix(b"<~"))
    except (ValueError, binascii.Error):
        return b""
