"""Reading a report from disk or stdin into a `Document`.

The container is chosen by sniffing the bytes, the file name only breaking
ties, and each container has its own module. Input files are opened for
reading only and never written or locked. Anything that cannot be read
raises `InputError` with a one-line reason.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from linter.document import Document

MAX_BYTES = 200 * 1024 * 1024  # refuse larger inputs outright


class InputError(Exception):
    """The input cannot be read as a report; str() is the one-line reason."""


# format name -> module holding `load(data: bytes, path: str) -> Document`
LOADERS = {
    "text": "linter.loaders.text",
}


def sniff(data: bytes, name: str) -> str:
    """The container format of `data` (only plain text so far)."""
    return "text"


def read_bytes(path: str) -> bytes:
    """The bytes of `path`, with the reasons a file cannot be read made plain."""
    p = Path(path)
    if not p.exists():
        raise InputError("no such file")
    if p.is_dir():
        raise InputError("is a directory")
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"file too large ({size // (1024 * 1024)} MB; the limit is "
                             f"{MAX_BYTES // (1024 * 1024)} MB)")
        with p.open("rb") as handle:
            return handle.read()
    except PermissionError as exc:
        raise InputError("permission denied") from exc
    except OSError as exc:
        raise InputError(exc.strerror or str(exc)) from exc


def load_bytes(data: bytes, path: str) -> Document:
    """Build the document of `data`, whose name (for messages and sniffing) is `path`."""
    if not data:
        raise InputError("empty file")
    module = importlib.import_module(LOADERS[sniff(data, path)])
    return module.load(data, path)


def load_path(path: str) -> Document:
    return load_bytes(read_bytes(path), path)
