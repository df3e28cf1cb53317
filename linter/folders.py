"""The reports in a folder: regular files with a report suffix, and what was skipped.

The folder is walked without following symbolic links to folders (a link
back up would never end). Entries that cannot be reports are skipped, and
the skipping is counted so the run can say so once: FIFOs, devices and
sockets (reading them would block or never end), links that loop or lead
nowhere, and sub-folders that cannot be read. Hidden files and folders are
left out, as editors and version control keep their own there.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from linter.regular_files import kind_of


@dataclass
class Skipped:
    """What a walk left out, by kind, with the first of each for the message."""

    special: list[str] = field(default_factory=list)  # FIFOs, devices, sockets
    links: list[str] = field(default_factory=list)  # loops and dangling links
    folders: list[str] = field(default_factory=list)  # sub-folders that cannot be read

    def __bool__(self) -> bool:
        return bool(self.special or self.links or self.folders)

    @property
    def first(self) -> str:
        """The first thing skipped (an unreadable folder before a FIFO before a link)."""
        return (self.folders or self.special or self.links)[0]


def report_files(folder: Path, suffixes: tuple[str, ...], skipped: Skipped) -> list[Path]:
    """Every regular file under `folder` whose suffix is one of `suffixes`, sorted."""
    found: list[Path] = []

    def unreadable(error: OSError) -> None:
        skipped.folders.append(str(error.filename or folder))

    for top, folders, names in os.walk(folder, onerror=unreadable, followlinks=False):
        folders[:] = [f for f in folders if not f.startswith(".")]
        for name in names:
            if name.startswith(".") or Path(name).suffix.lower() not in suffixes:
                continue
            path = Path(top, name)
            if _is_regular(path, skipped):
                found.append(path)
    return sorted(found)


def _is_regular(path: Path, skipped: Skipped) -> bool:
    try:
        mode = os.stat(path).st_mode  # through a link: what a reader would open
    except OSError:
        skipped.links.append(str(path))  # a loop (ELOOP) or a link to nothing
        return False
    if kind_of(mode) is not None:
        skipped.special.append(str(path))
        return False
    return stat.S_ISREG(mode)
