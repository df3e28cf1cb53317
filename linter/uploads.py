"""What a drafter uploads to `ogilint serve`, turned into the report files to check.

A report is saved as it came; a .zip is unpacked into the same temporary folder
with bounds a hostile archive cannot pass: at most `MAX_MEMBERS` reports, at most
`MAX_UNZIPPED` bytes inflated in all (counted while inflating, not taken from the
archive's own headers, which a zip bomb may falsify), no member whose path leaves
the folder, and no archive inside the archive. A refusal is an `UploadError`:
its code names the one-line reason in rules/messages/serve.yaml.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from linter.loaders import MAX_BYTES, REPORT_SUFFIXES

MAX_MEMBERS = 500  # reports in one archive (the corpus of a province is a few hundred)
MAX_UNZIPPED = MAX_BYTES  # bytes inflated from one archive, all members together
ARCHIVE_SUFFIXES = frozenset({".zip", ".7z", ".rar", ".tar", ".gz", ".tgz", ".bz2", ".xz"})
_CHUNK = 1 << 20


@dataclass
class UploadError(Exception):
    """An upload refused as a whole; `code` keys its reason in rules/messages/serve.yaml."""

    code: str
    values: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Saved:
    """One report to check: the name findings carry and where its bytes are."""

    name: str
    path: Path


def is_zip(name: str, head: bytes) -> bool:
    """A .zip archive of reports (a .docx is a zip too, but it is a report)."""
    return Path(name).suffix.lower() == ".zip" and head.startswith(b"PK")


def safe_name(name: str) -> str:
    """The file's own name, without any folder a browser or archive put before it."""
    return PurePosixPath(name.replace("\\", "/")).name or "report"


def unpack(archive: Path, folder: Path) -> list[Saved]:
    """The reports inside `archive`, written under `folder` (see the module docstring)."""
    try:
        with zipfile.ZipFile(archive) as zf:
            members = [m for m in zf.infolist() if not m.is_dir()]
            _vet(members)
            return _extract(zf, members, folder)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError):
        raise UploadError("zip-bad") from None
    except RuntimeError:  # an encrypted member
        raise UploadError("zip-bad") from None


def _vet(members: list[zipfile.ZipInfo]) -> None:
    if len(members) > MAX_MEMBERS:
        raise UploadError("zip-too-many", {"count": len(members), "limit": MAX_MEMBERS})
    for member in members:
        path = PurePosixPath(member.filename.replace("\\", "/"))
        if path.is_absolute() or ".." in path.parts or ":" in member.filename:
            raise UploadError("zip-outside", {"member": member.filename})
        if path.suffix.lower() in ARCHIVE_SUFFIXES:
            raise UploadError("zip-nested", {"member": member.filename})


def _extract(zf: zipfile.ZipFile, members: list[zipfile.ZipInfo], folder: Path) -> list[Saved]:
    saved: list[Saved] = []
    budget = MAX_UNZIPPED
    for number, member in enumerate(members):
        name = member.filename.replace("\\", "/")
        hidden = any(part.startswith((".", "__MACOSX")) for part in PurePosixPath(name).parts)
        if hidden or PurePosixPath(name).suffix.lower() not in REPORT_SUFFIXES:
            continue  # as `ogilint check FOLDER` skips them
        target = folder / f"m{number}{PurePosixPath(name).suffix.lower()}"
        budget -= _inflate(zf, member, target, budget)
        saved.append(Saved(name, target))
    if not saved:
        raise UploadError("zip-empty")
    return saved


def _inflate(zf: zipfile.ZipFile, member: zipfile.ZipInfo, target: Path, budget: int) -> int:
    """Write one member, stopping as soon as the archive's budget is spent; its size."""
    written = 0
    with zf.open(member) as source, target.open("wb") as out:
        while chunk := source.read(_CHUNK):
            written += len(chunk)
            if written > budget:
                raise UploadError("zip-too-large", {"limit_mb": MAX_UNZIPPED // 1024**2})
            out.write(chunk)
    return written
