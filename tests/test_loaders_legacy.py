"""Legacy .doc / .wps: converted by LibreOffice where it is installed, refused otherwise."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from fixtures_formats import CORPUS, corpus_file

from linter.loaders import load_path
from linter.loaders.legacy import find_soffice

SOFFICE = find_soffice()
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@pytest.mark.parametrize("name", ["report.doc", "report.wps"])
def test_without_libreoffice_the_reason_says_what_to_install(name: str, tmp_path) -> None:
    # Run where no soffice is on PATH, whether or not this machine has LibreOffice.
    path = tmp_path / name
    path.write_bytes(OLE2 + bytes(4096))
    env = {**os.environ, "PATH": str(tmp_path)}
    run = subprocess.run(
        [sys.executable, "-m", "linter", "check", "--format", "json", "--lang", "en", str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert run.returncode == 2, run.stderr
    (finding,) = json.loads(run.stdout)["files"][0]["findings"]
    assert finding["rule"] == "input-error"
    assert "install LibreOffice (soffice)" in finding["details"]["reason"]


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


def _alive(pid: int) -> bool:
    """The process exists and is not a zombie waiting to be reaped."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_a_conversion_past_its_timeout_kills_libreoffices_children(tmp_path, monkeypatch) -> None:
    from linter.loaders import InputError, legacy

    # soffice runs its work in a child (soffice.bin) that outlives a killed parent;
    # this stand-in does the same: a child that would run for a minute, and waits.
    program = tmp_path / "soffice"
    program.write_text('#!/bin/sh\n/bin/sleep 60 &\necho $! > "$CHILD_PID"\nwait\n')
    program.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setenv("CHILD_PID", str(tmp_path / "child.pid"))
    monkeypatch.setattr(legacy, "CONVERT_TIMEOUT", 1)
    with pytest.raises(InputError, match="did not convert the file in 1 s"):
        legacy.load(OLE2 + bytes(4096), "slow.doc")
    child = int((tmp_path / "child.pid").read_text())
    assert not _alive(child)
