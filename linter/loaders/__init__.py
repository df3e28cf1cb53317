"""Reading a report from disk or stdin into a `Document`.

The container is chosen by sniffing the bytes, the file name only breaking
ties, and each container has its own module. Input files are opened for
reading only and never written or locked. Anything that cannot be read
raises `InputError` with a code (its words are data: linter/loaders/reasons.py).
"""

from __future__ import annotations

import errno
import importlib
from pathlib import Path
from typing import BinaryIO

from linter.document import Document
from linter.limits import MAX_FILE_MB
from linter.loaders.reasons import InputError, failure
from linter.regular_files import NotRegularFile, TooLarge, read_regular, read_stream

__all__ = [
    "MAX_BYTES",
    "InputError",
    "load_bytes",
    "load_path",
    "read_bytes",
    "read_stdin",
    "sniff",
]

MAX_BYTES = MAX_FILE_MB * 1024 * 1024  # refused outright unless --max-file-size says more


# format name -> module holding `load(data: bytes, path: str) -> Document`
LOADERS = {
    "text": "linter.loaders.text",
    "html": "linter.loaders.html",
    "docx": "linter.loaders.docx",
    "pdf": "linter.loaders.pdf",
    "legacy": "linter.loaders.legacy",
}

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc / .wps (and .xls, .ppt)
_SNIFF_BYTES = 1024
# Markup that only a web page starts with, wherever it sits in the first KB…
_PAGE_MARKERS = (b"<!doctype html", b"<html")
# …and markup a web page (or a fragment saved from one) opens with, but that a
# Markdown or text file may also open with: there the suffix breaks the tie.
_FRAGMENT_MARKERS = (
    b"<head",
    b"<meta",
    b"<body",
    b"<div",
    b"<p>",
    b"<p ",
    b"<table",
    b"<title",
    b"<!--",
    b"<?xml",
)
_TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
# A file whose content is none of the containers goes to the loader its suffix
# names, which explains what is wrong ("not a PDF") better than "binary file".
_SUFFIX_FORMATS = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".doc": "legacy",
    ".wps": "legacy",
    ".html": "html",
    ".htm": "html",
    ".shtml": "html",
    ".xhtml": "html",
}

# Every file name a folder is searched for (and the pre-commit hook's `files`
# pattern, held to this by tests/test_precommit.py): all the containers read.
REPORT_SUFFIXES = tuple(sorted(_TEXT_SUFFIXES | set(_SUFFIX_FORMATS)))


def _markup_head(data: bytes) -> bytes:
    """The first KB as lower-case ASCII-compatible bytes, BOMs and blanks dropped."""
    head = data[: _SNIFF_BYTES * 2]
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            head = head[2:].decode(codec, "ignore").encode("ascii", "ignore")
            break
    return head.removeprefix(b"\xef\xbb\xbf")[:_SNIFF_BYTES].lstrip().lower()


def sniff(data: bytes, name: str) -> str:
    """The container format of `data`: by magic bytes and markup; the suffix breaks ties."""
    suffix = Path(name).suffix.lower()
    if b"%PDF-" in data[:_SNIFF_BYTES]:
        return "pdf"
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "docx"  # the docx loader refuses a zip that is not a Word document
    if data.startswith((_OLE2, b"{\\rtf")):
        return "legacy"
    head = _markup_head(data)
    if any(marker in head for marker in _PAGE_MARKERS):
        return "html"
    if head.startswith(_FRAGMENT_MARKERS) and suffix not in _TEXT_SUFFIXES:
        return "html"
    by_suffix = _SUFFIX_FORMATS.get(suffix, "text")
    if by_suffix == "html" and b"<" not in head:
        return "text"  # a page saved as plain text keeps its lines
    return by_suffix


def _too_large(size: int, limit: int) -> InputError:
    return InputError("too-large", size=size, limit=limit, limit_mb=limit // 1024**2)


def _open_error(exc: OSError) -> InputError:
    """The reason an open or a read failed, by its errno."""
    if exc.errno == errno.ENOENT:
        return InputError("no-such-file")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return InputError("permission-denied")
    if exc.errno == errno.ELOOP:
        return InputError("symlink-loop")
    return InputError("os-error", error=exc.strerror or str(exc))


def _not_a_file(kind: str) -> InputError:
    if kind == "fifo":
        return InputError("not-a-file-fifo")
    if kind == "socket":
        return InputError("not-a-file-socket")
    return InputError("not-a-file-device")


def read_bytes(path: str, limit: int = MAX_BYTES) -> bytes:
    """The bytes of `path`, with the reasons a file cannot be read made plain.

    Only a regular file is read (a FIFO would block, a device never end), and
    at most `limit` bytes of it.
    """
    try:
        return read_regular(path, limit)
    except IsADirectoryError as exc:
        raise InputError("is-a-directory") from exc
    except NotRegularFile as exc:
        raise _not_a_file(exc.kind) from exc
    except TooLarge as exc:
        raise _too_large(exc.size, limit) from exc
    except OSError as exc:
        raise _open_error(exc) from exc


def read_stdin(stream: BinaryIO, limit: int = MAX_BYTES) -> bytes:
    """What `stream` (standard input) holds, refused past `limit` bytes."""
    try:
        return read_stream(stream, limit)
    except TooLarge as exc:
        raise _too_large(exc.size, limit) from exc


def load_bytes(data: bytes, path: str, limit: int = MAX_BYTES) -> Document:
    """Build the document of `data`, whose name (for messages and sniffing) is `path`."""
    if not data:
        raise InputError("empty-file")
    if len(data) > limit:
        raise _too_large(len(data), limit)
    kind = sniff(data, path)
    module = importlib.import_module(LOADERS[kind])
    try:
        return module.load(data, path)
    except InputError:
        raise
    except (MemoryError, RecursionError) as exc:
        raise InputError("too-complex", kind=kind, error=type(exc).__name__) from exc
    except Exception as exc:
        # Parsers of binary formats fail in ways no list of exceptions covers;
        # one odd file must not stop the other files on the command line.
        if kind == "pdf":  # pdfminer's and pdfium's words name their internals
            raise InputError("unreadable-pdf") from exc
        raise InputError("unreadable", kind=kind, error=failure(exc)) from exc


def load_path(path: str, limit: int = MAX_BYTES) -> Document:
    """Build the document of the file at `path` (read only, never written or locked)."""
    return load_bytes(read_bytes(path, limit), path, limit)
