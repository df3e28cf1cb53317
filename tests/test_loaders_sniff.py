"""The container is told by its content; the file name only breaks ties."""

from __future__ import annotations

import subprocess
import sys

import pytest
from fixtures_formats import CORPUS

from linter.loaders import sniff

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (b"%PDF-1.7\n...", "report.txt", "pdf"),  # content wins over the suffix
        (b"\r\n%PDF-1.4\n...", "download", "pdf"),  # junk before the header is allowed
        (b"PK\x03\x04....word/document.xml", "report.pdf", "docx"),
        (OLE2, "report.wps", "legacy"),
        (OLE2, "report.doc", "legacy"),
        (b"{\\rtf1\\ansi ...}", "report.doc", "legacy"),
        (b"<!DOCTYPE html><html><body>x</body></html>", "report.txt", "html"),
        (b"\xef\xbb\xbf  <html><body>x</body></html>", "report", "html"),
        ("<html><body>报告</body></html>".encode("utf-16"), "page.htm", "html"),
        (b"<!-- saved --><div>x</div>", "page.shtml", "html"),
        (b"<div>x</div>", "report", "html"),
        (b"<div align=center>x</div>\n# Report", "report.md", "text"),  # suffix breaks the tie
        (b"<p>x</p>", "report.txt", "text"),
        ("报告正文".encode("gbk"), "report.html", "text"),  # no markup at all
        ("报告正文".encode("gbk"), "report.txt", "text"),
        (b"\x89PNG\r\n\x1a\n....", "report.pdf", "pdf"),  # the PDF loader says "not a PDF"
        (b"random", "report.docx", "docx"),
    ],
)
def test_sniff(data: bytes, name: str, expected: str) -> None:
    assert sniff(data, name) == expected


def _modules_after_check(path: str) -> set[str]:
    """Top-level heavy modules imported by a real `ogilint check` of `path`."""
    script = (
        "import sys\n"
        "from linter.cli import app\n"
        f"try:\n    app(['check', {path!r}, '--format', 'json'])\n"
        "except SystemExit:\n    pass\n"
        "heavy = {'pdfplumber', 'pdfminer', 'docx', 'selectolax', 'lxml', 'reportlab'}\n"
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules} & heavy)))\n"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return set(run.stdout.split("\n")[-2].split())


def test_checking_a_text_file_imports_no_container_library() -> None:
    assert _modules_after_check(str(CORPUS / "wuxi-2015.txt")) == set()


def test_a_pdf_imports_pdfplumber_only_when_met(tmp_path) -> None:
    from fixtures_formats import pdf_document, report_text

    path = tmp_path / "report.pdf"
    path.write_bytes(pdf_document(report_text("wuxi-2015"))[0])
    modules = _modules_after_check(str(path))
    assert "pdfplumber" in modules
    assert "docx" not in modules
    assert "selectolax" not in modules
