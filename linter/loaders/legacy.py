"""Legacy Word (.doc), WPS (.wps) and RTF files, converted with LibreOffice.

There is no maintained pure-Python reader for these binary formats, so the
bytes are copied into a private temporary folder (the input file itself is
never opened by another program, so it is never locked or touched) and
converted with `soffice --headless --convert-to docx`; the result is read by
the .docx loader. Without LibreOffice the file is refused with a reason that
says what to install.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from linter.document import Document
from linter.loaders import InputError

CONVERT_TIMEOUT = 120  # seconds; a first start of LibreOffice alone can take ten
_PROGRAMS = ("soffice", "libreoffice")


def find_soffice() -> str | None:
    """Path of the LibreOffice command, if installed."""
    for name in _PROGRAMS:
        found = shutil.which(name)
        if found:
            return found
    return None


def _run(command: list[str], env: dict[str, str]) -> None:
    """Run LibreOffice in a process group of its own, killed whole on a timeout.

    soffice starts a child (soffice.bin) that outlives a killed parent; killing
    only the process `subprocess.run` started would leave it converting.
    """
    try:
        process = subprocess.Popen(
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
            start_new_session=True,
        )
    except OSError as exc:
        raise InputError("libreoffice-not-started", error=exc.strerror) from exc
    try:
        process.wait(timeout=CONVERT_TIMEOUT)
    except subprocess.TimeoutExpired as exc:
        raise InputError("libreoffice-timeout", seconds=CONVERT_TIMEOUT) from exc
    finally:
        if process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _convert(soffice: str, data: bytes, suffix: str) -> bytes:
    with tempfile.TemporaryDirectory(prefix="ogilint-") as tmp:
        folder = Path(tmp)
        source = folder / f"report{suffix}"
        source.write_bytes(data)
        # A private profile: a LibreOffice the user has open cannot block the run.
        profile = (folder / "profile").as_uri()
        command = [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "docx",
            "--outdir",
            str(folder / "out"),
            str(source),
        ]
        _run(command, {**os.environ, "HOME": tmp})
        converted = folder / "out" / "report.docx"
        if not converted.exists():
            raise InputError("libreoffice-failed")
        return converted.read_bytes()


def load(data: bytes, path: str) -> Document:
    soffice = find_soffice()
    kind = "RTF" if data.startswith(b"{\\rtf") else "legacy Word/WPS (.doc/.wps)"
    if soffice is None:
        raise InputError("needs-libreoffice", kind=kind)
    suffix = Path(path).suffix.lower() if Path(path).suffix else ".doc"
    from linter.loaders import docx

    doc = docx.load(_convert(soffice, data, suffix), path)
    meta = {**doc.meta, "format": "rtf" if kind == "RTF" else "doc", "converted_with": "soffice"}
    return dataclasses.replace(doc, meta=meta)
