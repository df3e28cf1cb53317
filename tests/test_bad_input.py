"""Unreadable input: one input-error finding with a one-line reason, never a traceback.

All the bad files go through one real `ogilint check` run together with a
good report, which must still be checked; the exit code is 2.
"""

from __future__ import annotations

import io
import json
import random
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from fixtures_formats import CORPUS, corpus_file, report_text

from linter.loaders import MAX_BYTES, InputError, load_bytes, load_path
from linter.loaders.docx import MAX_UNZIPPED

GOOD = CORPUS / "wuxi-2015.txt"


def _zip_bomb() -> bytes:
    """A .docx-looking zip whose document part inflates past the limit (0.3 s to build)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * (1 << 20)
            for _ in range(MAX_UNZIPPED // len(chunk) + 1):
                member.write(chunk)
    return buffer.getvalue()


def _spreadsheet() -> bytes:
    """A zip package that is not a Word document (an .xlsx renamed .docx)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<Types><Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
        )
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return buffer.getvalue()


def _encrypted_pdf() -> bytes:
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, encrypt=StandardEncryption("secret", ownerPassword="owner"))
    pdf.drawString(72, 720, "Annual report on government information disclosure")
    pdf.save()
    return buffer.getvalue()


def _images_pdf() -> bytes:
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.drawImage(ImageReader(Image.new("L", (300, 400), 128)), 72, 200, width=300, height=400)
    pdf.save()
    return buffer.getvalue()


def _corrupt_docx() -> bytes:
    data = corpus_file("wuxi-2015", "docx")
    middle = len(data) // 2
    return data[:middle] + bytes(4096) + data[middle + 4096 :]


# name -> (how to make it in a folder, what its one-line reason says)
BAD = {
    "empty.txt": (lambda p: p.write_bytes(b""), "empty file"),
    "random.txt": (lambda p: p.write_bytes(random.Random(1).randbytes(8192)), "binary"),
    "random.pdf": (lambda p: p.write_bytes(random.Random(2).randbytes(8192)), "not a PDF"),
    "random.docx": (lambda p: p.write_bytes(random.Random(3).randbytes(8192)), "not a Word"),
    "truncated.pdf": (
        lambda p: p.write_bytes(corpus_file("wuxi-2015", "pdf")[:5000]),
        "truncated PDF",
    ),
    "corrupt.docx": (lambda p: p.write_bytes(_corrupt_docx()), "corrupt"),
    "spreadsheet.docx": (lambda p: p.write_bytes(_spreadsheet()), "not a Word .docx"),
    "encrypted.pdf": (lambda p: p.write_bytes(_encrypted_pdf()), "encrypted PDF"),
    "images.pdf": (lambda p: p.write_bytes(_images_pdf()), "no text layer (scanned?)"),
    "huge.txt": (lambda p: p.open("wb").truncate(MAX_BYTES + 1), "file too large"),
    "bomb.docx": (lambda p: p.write_bytes(_zip_bomb()), "zip bomb"),
    "folder": (lambda p: p.mkdir(), "no reports found"),
    "missing.txt": (lambda p: None, "no such file"),
    "wrong-charset.html": (
        lambda p: p.write_bytes(
            '<html><head><meta charset="utf-8"></head><body><p>{}</p></body></html>'.format(
                report_text("wuxi-2015")
            ).encode("gbk", errors="xmlcharrefreplace")
        ),
        "declares charset utf-8",
    ),
    "legacy.doc": (
        lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096)),
        "LibreOffice",  # not installed, or it cannot convert this fake
    ),
}


@pytest.fixture(scope="module")
def bad_files(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("bad")
    paths = {}
    for name, (make, _) in BAD.items():
        make(folder / name)
        paths[name] = folder / name
    return paths


@pytest.fixture(scope="module")
def bad_run(bad_files):
    before = {
        p: (p.stat().st_mtime_ns, p.stat().st_size) for p in bad_files.values() if p.is_file()
    }
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "linter",
            "check",
            "--format",
            "json",
            str(GOOD),
            *map(str, bad_files.values()),
        ],
        capture_output=True,
        check=False,
    )
    after = {p: (p.stat().st_mtime_ns, p.stat().st_size) for p in bad_files.values() if p.is_file()}
    assert after == before
    files = {Path(f["path"]).name: f for f in json.loads(run.stdout)["files"]}
    return run, files


def test_exit_code_2_and_no_traceback(bad_run) -> None:
    run, _ = bad_run
    assert run.returncode == 2
    assert b"Traceback" not in run.stderr


def test_the_good_file_is_still_checked(bad_run) -> None:
    _, files = bad_run
    assert {f["rule"] for f in files[GOOD.name]["findings"]} == {"invalid-phone"}


@pytest.mark.parametrize("name", BAD)
def test_one_input_error_with_a_one_line_reason(bad_run, name: str) -> None:
    _, files = bad_run
    (finding,) = files[name]["findings"]
    assert finding["rule"] == "input-error"
    reason = finding["details"]["reason"]
    assert BAD[name][1] in reason
    assert "\n" not in reason and len(reason) < 200
    said = finding["message"].split(":", 1)[1]  # the default language is Chinese
    assert re.search("[\u4e00-\u9fff]", said) and reason not in said, said


def test_text_output_names_the_reason(bad_files) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "linter", "check", "--lang", "en", str(bad_files["images.pdf"])],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 2
    assert "cannot read: no text layer (scanned?), and OCR found no text" in run.stdout


def test_extract_of_a_bad_file_is_a_usage_error(bad_files) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "linter", "extract", str(bad_files["truncated.pdf"])],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 2
    assert "truncated PDF" in run.stderr and "Traceback" not in run.stderr


def test_zip_bomb_is_refused_before_python_docx_opens_it(bad_files) -> None:
    before = set(sys.modules)
    with pytest.raises(InputError, match="zip bomb"):
        load_path(str(bad_files["bomb.docx"]))
    assert "docx" not in set(sys.modules) - before


def test_stdin_over_the_size_limit_is_refused() -> None:
    with pytest.raises(InputError, match="too large"):
        load_bytes(b"x" * (MAX_BYTES + 1), "<stdin>")
