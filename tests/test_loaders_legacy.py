"""Legacy .doc / .wps: converted by LibreOffice where it is installed, refused otherwise."""

from __future__ import annotations

import subprocess

import pytest
from fixtures_formats import CORPUS, corpus_file

from linter.loaders import InputError, load_bytes, load_path
from linter.loaders.legacy import find_soffice

SOFFICE = find_soffice()
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@pytest.mark.skipif(SOFFICE is not None, reason="LibreOffice is installed: it is used instead")
@pytest.mark.parametrize("name", ["report.doc", "report.wps"])
def test_without_libreoffice_the_reason_says_what_to_install(name: str) -> None:
    with pytest.raises(InputError, match=r"install LibreOffice \(soffice\)"):
        load_bytes(OLE2 + bytes(4096), name)


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_a_doc_converted_by_libreoffice_reads_like_the_docx(tmp_path) -> None:
    source = tmp_path / "wuxi.docx"
    source.write_bytes(corpus_file("wuxi-2015", "docx"))
    subprocess.run(
        [SOFFICE, "--headless", "--convert-to", "doc", "--outdir", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    legacy = tmp_path / "wuxi.doc"
    before = legacy.stat().st_mtime_ns, legacy.read_bytes()
    doc = load_path(str(legacy))
    assert (legacy.stat().st_mtime_ns, legacy.read_bytes()) == before
    assert doc.meta["format"] == "doc"
    expected = (CORPUS / "wuxi-2015.txt").read_text(encoding="utf-8")
    assert [line.strip() for line in doc.lines if line.strip()] == [
        line.strip() for line in expected.split("\n") if line.strip()
    ]
