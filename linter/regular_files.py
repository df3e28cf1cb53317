"""Reading a file only when it is a regular file, and only up to a size.

A FIFO blocks whoever opens it for reading, `/dev/zero` never ends, and a
symbolic link may point at either: reports, rule files and configuration are
opened without blocking, checked to be regular files, and read up to a limit.
"""

from __future__ import annotations

import os
import stat
from typing import BinaryIO

# What a path that is not a regular file is, by st_mode test (for the reason's code).
_KINDS = (
    (stat.S_ISFIFO, "fifo"),
    (stat.S_ISCHR, "device"),
    (stat.S_ISBLK, "device"),
    (stat.S_ISSOCK, "socket"),
)


class NotRegularFile(OSError):
    """The path is a FIFO, a device or a socket; `kind` says which."""

    def __init__(self, kind: str) -> None:
        super().__init__(f"not a regular file ({kind})")
        self.kind = kind


class TooLarge(OSError):
    """The file holds more than the limit; `size` is what was seen of it."""

    def __init__(self, size: int) -> None:
        super().__init__(f"larger than the limit ({size:,} bytes)")
        self.size = size


def kind_of(mode: int) -> str | None:
    """The kind (fifo, device or socket) of such a st_mode; None for a file or folder."""
    return next((kind for test, kind in _KINDS if test(mode)), None)


def read_regular(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of the regular file at `path`, at most `limit` of them.

    Raises IsADirectoryError, NotRegularFile, TooLarge, or the OSError of the
    open or the read (FileNotFoundError, PermissionError, ELOOP…).
    """
    # O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as handle:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(path)
        kind = kind_of(mode)
        if kind is not None:
            raise NotRegularFile(kind)
        size = os.fstat(fd).st_size
        if size > limit:
            raise TooLarge(size)
        # One byte past the limit: a file that grows while it is read is caught too.
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(len(data))
    return data


def read_stream(stream: BinaryIO, limit: int) -> bytes:
    """At most `limit` bytes of `stream` (stdin), or TooLarge when it holds more."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(len(data))
    return data
