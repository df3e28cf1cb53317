"""Baselines: adopt the linter on old reports without fixing them all first.

`--write-baseline FILE` records the findings of today; `--baseline FILE`
reports only findings that are not in it, and says which recorded ones no
longer occur (fixed). A finding is known by its path and its fingerprint
(linter/fingerprints.py: rule, section and surrounding text, no line number),
so it stays known after paragraphs are inserted above it.

This is a stage of its own, after checking and before formatting: it takes
results and gives results, and no check knows a baseline exists.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePath
from typing import Any

from linter import __version__
from linter.fingerprints import VERSION, fingerprints
from linter.records import INPUT_ERROR, INTERNAL_ERROR, RULE_TIMEOUT, FileResult

# Never baselined: an unreadable file, a crash or a timeout must fail every run until fixed.
_NEVER = (INPUT_ERROR, INTERNAL_ERROR, RULE_TIMEOUT)

SCHEMA = {
    "type": "object",
    "required": ["fingerprints", "findings"],
    "properties": {
        "ogilint": {"type": "string"},
        "fingerprints": {"type": "string"},
        "findings": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["path", "rule", "fingerprint"],
                "properties": {
                    "path": {"type": "string"},
                    "rule": {"type": "string"},
                    "fingerprint": {"type": "string"},
                    "line": {"type": "integer"},
                },
            },
        },
    },
}


class BaselineError(Exception):
    """A baseline file that cannot be used; str() is the one-line reason with the file."""


@dataclass(frozen=True)
class Entry:
    """One recorded finding: where (path as the baseline's folder sees it) and which."""

    path: str
    rule: str
    fingerprint: str
    line: int = 1  # where it was when recorded: for people, not for matching

    @property
    def key(self) -> tuple[str, str]:
        return (self.path, self.fingerprint)


@dataclass(frozen=True)
class Outcome:
    """What the baseline did to a run: findings it hid, recorded findings now gone."""

    suppressed: int
    fixed: tuple[Entry, ...]


def _key_path(path: str, root: Path) -> str:
    """`path` relative to the baseline's folder, so any working directory finds it."""
    if path.startswith("<") or path == "-":  # stdin without a name
        return path
    absolute = os.path.abspath(path)
    try:
        return PurePath(os.path.relpath(absolute, root)).as_posix()
    except ValueError:  # another drive (Windows)
        return PurePath(absolute).as_posix()


def entries(results: Sequence[FileResult], root: Path) -> list[Entry]:
    """Every finding of `results` as a baseline entry (never unreadable files)."""
    out = []
    for r in results:
        path = _key_path(r.path, root)
        for f, fp in zip(r.findings, fingerprints(r.findings), strict=True):
            if f.rule not in _NEVER:
                out.append(Entry(path, f.rule, fp, f.line))
    return out


def write(results: Sequence[FileResult], file: Path) -> int:
    """Record today's findings in `file`; the number recorded."""
    recorded = entries(results, file.resolve().parent)
    document = {
        "ogilint": __version__,
        "fingerprints": VERSION,
        "findings": [
            {"path": e.path, "rule": e.rule, "fingerprint": e.fingerprint, "line": e.line}
            for e in sorted(recorded, key=lambda e: (e.path, e.line, e.rule, e.fingerprint))
        ],
    }
    try:
        file.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", "utf-8")
    except OSError as exc:
        raise BaselineError(f"{file}: cannot write the baseline: {exc.strerror or exc}") from exc
    return len(recorded)


def read(file: Path) -> list[Entry]:
    """The entries of a baseline file, or a BaselineError saying what is wrong with it."""
    import jsonschema

    try:
        data: Any = json.loads(file.read_text(encoding="utf-8"))
    except OSError as exc:
        raise BaselineError(f"{file}: cannot read the baseline: {exc.strerror or exc}") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BaselineError(f"{file}: not a baseline (invalid JSON: {exc})") from exc
    error = jsonschema.exceptions.best_match(
        jsonschema.Draft202012Validator(SCHEMA).iter_errors(data)
    )
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path)
        raise BaselineError(f"{file}: not a baseline ({where or 'top level'}: {error.message})")
    if data["fingerprints"] != VERSION:
        raise BaselineError(
            f"{file}: written with fingerprints {data['fingerprints']}, this ogilint uses "
            f"{VERSION}; write it again with --write-baseline"
        )
    return [
        Entry(e["path"], e["rule"], e["fingerprint"], e.get("line", 1)) for e in data["findings"]
    ]


class Filter:
    """The baseline stage one file at a time (the CLI streams results through it)."""

    def __init__(self, recorded: Sequence[Entry], file: Path) -> None:
        self._root = file.resolve().parent
        self._recorded = recorded
        self._known = {e.key for e in recorded}
        self._seen: set[tuple[str, str]] = set()
        self._checked: set[str] = set()

    def __call__(self, result: FileResult) -> FileResult:
        """`result` without the recorded findings."""
        path = _key_path(result.path, self._root)
        self._checked.add(path)
        kept = []
        for f, fp in zip(result.findings, fingerprints(result.findings), strict=True):
            if (path, fp) in self._known and f.rule not in _NEVER:
                self._seen.add((path, fp))
            else:
                kept.append(f)
        return replace(result, findings=tuple(kept))

    def outcome(self) -> Outcome:
        """What was hidden, and the recorded findings of the files seen that no longer occur.

        A recorded finding counts as fixed only when its file was checked in this
        run and the finding did not occur: a file not checked today fixed nothing.
        """
        fixed = tuple(
            e for e in self._recorded if e.path in self._checked and e.key not in self._seen
        )
        return Outcome(suppressed=len(self._seen), fixed=fixed)


def apply(
    results: Sequence[FileResult], recorded: Sequence[Entry], file: Path
) -> tuple[list[FileResult], Outcome]:
    """`results` without the recorded findings, and what was hidden or fixed."""
    keep = Filter(recorded, file)
    kept = [keep(r) for r in results]
    return kept, keep.outcome()
