"""PDFs built to exhaust or mislead the reader: one line each, within a second or two.

Every PDF is written here, object by object (a few hundred KB at most): a
stream that inflates past the budget, more pages than any report, a broken
cross-reference table over pages without text, and bytes that are no PDF
structure at all. Reasons say what is wrong in words, never a library's
exception names.
"""

from __future__ import annotations

import binascii
import time
import zlib

import pytest

from linter.loaders import InputError, load_bytes
from linter.loaders.pdf import MAX_PAGES
from linter.loaders.pdf_streams import MAX_INFLATED, check_streams


def flate_zeros(size: int) -> bytes:
    """A zlib stream of at least `size` zero bytes, made without compressing them all.

    One full-flushed deflate block of a MiB of zeros is repeated (such a block
    stands alone); its checksum is wrong, which a library finds only at the end.
    """
    packer = zlib.compressobj(9)
    block = packer.compress(bytes(1 << 20)) + packer.flush(zlib.Z_FULL_FLUSH)
    return block + block[2:] * (size >> 20) + packer.flush(zlib.Z_FINISH)


def pdf(pages: list[bytes], broken_xref: bool = False) -> bytes:
    """A PDF whose pages have these content streams (each a dictionary tail + data)."""
    kids = b" ".join(b"%d 0 R" % (3 + 2 * i) for i in range(len(pages)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(pages)),
    ]
    for i, content in enumerate(pages):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R >>"
            % (4 + 2 * i)
        )
        objects.append(content)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % (o + 7 * broken_xref) for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % (xref + 5 * broken_xref)
    return bytes(out)


def stream(data: bytes, filters: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n%s\nendstream" % (len(data), filters, data)


def _refused(data: bytes) -> InputError:
    with pytest.raises(InputError) as caught:
        load_bytes(data, "hostile.pdf")
    return caught.value


def test_a_stream_that_inflates_past_the_budget_is_refused_before_parsing() -> None:
    bomb = pdf([stream(flate_zeros(MAX_INFLATED + (8 << 20)), b"/Filter /FlateDecode ")])
    assert len(bomb) < 400_000
    started = time.process_time()
    error = _refused(bomb)
    assert error.code == "pdf-inflates-past-limit" and "256 MB" in error.texts["en"]
    assert time.process_time() - started < 5


def test_chained_filters_are_inflated_in_order_within_the_budget() -> None:
    wrapped = binascii.hexlify(flate_zeros(4 << 20)) + b">"
    page = stream(wrapped, b"/Filter [/ASCIIHexDecode /FlateDecode] ")
    with pytest.raises(InputError, match="inflate past 2 MB"):
        check_streams(pdf([page]), limit=2 << 20)
    check_streams(pdf([page]), limit=8 << 20)  # within a larger budget: read


def test_image_streams_are_not_counted() -> None:
    image = b"<< /Type /XObject /Subtype /Image /Width 4096 /Height 4096 /Filter /FlateDecode >>"
    check_streams(image + b"\nstream\n" + flate_zeros(4 << 20) + b"\nendstream", limit=1 << 20)


def test_more_pages_than_any_report_is_refused_at_once() -> None:
    started = time.process_time()
    error = _refused(pdf([stream(b"")] * (MAX_PAGES + 1)))
    assert error.code == "pdf-too-many-pages" and "more than 1000 pages" in error.texts["en"]
    assert time.process_time() - started < 5


def test_a_broken_cross_reference_table_without_text_is_damaged_not_scanned() -> None:
    error = _refused(pdf([stream(b"0 0 m 100 100 l S")], broken_xref=True))
    assert error.code == "damaged-pdf"
    assert "scanned" not in error.texts["en"] and "not a scan" in error.texts["en"]


def test_a_pdf_with_no_structure_is_damaged_in_words_not_library_names() -> None:
    error = _refused(b"%PDF-1.7\n" + bytes(range(256)) * 8 + b"\n%%EOF\n")
    reason = error.texts["en"]
    assert reason.startswith("damaged PDF"), reason
    assert not any(name in reason for name in ("PDFSyntax", "Pdfium", "PSEOF", "Error"))
