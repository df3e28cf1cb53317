"""The result cache: a report whose bytes, name, rules, settings and ogilint are
unchanged is not checked again.

An entry's key hashes the file's bytes and name (the name's suffix picks the
loader), the run's context (ogilint's version, its code, the shipped rule
files) and the file's effective settings (with any --rules rules). Entries
are files under `.ogilint_cache/`, one per key, written atomically, so
concurrent runs may share a folder: a JSON header line (version, key, the
SHA-256 of the body), then the result as JSON (see `records_json` for why
not pickle). An entry is used only when its header is exactly the expected
one, its body matches the checksum and decodes to a well-formed `FileResult`;
anything else is a miss, and the fresh result overwrites it. Results that carry an
input or internal error are not stored: a permission problem, a converter
timeout or a crash may not happen next time.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from linter import __version__
from linter.records import Evidence, FileResult, Finding, Location, Severity
from linter.records_json import UnknownValue, from_dict, to_dict

try:
    import orjson
except ImportError:  # json reads every entry too, ~4x slower
    orjson = None  # type: ignore[assignment]

FOLDER = ".ogilint_cache"
LAYOUT = "v1"  # the entry format; a new layout starts a new subfolder
_TAG_FILE = "CACHEDIR.TAG"
# https://bford.info/cachedir/: backup tools skip a folder holding this.
_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# ogilint result cache: `ogilint clean` removes it.\n"
)


def cache_root(cwd: Path) -> Path:
    """Where the cache lives: beside the configuration file in force for `cwd`, else in `cwd`."""
    from linter.config import nearest

    found = nearest(cwd)
    return (found.parent if found else cwd) / FOLDER


def clean(root: Path) -> bool:
    """Remove the cache folder `root`; False when there was none.

    Only a folder carrying our tag is removed, so a mistyped path never
    deletes someone's data.
    """
    if not (root / _TAG_FILE).is_file():
        return False
    shutil.rmtree(root)
    return True


def _digest(*parts: bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(len(part).to_bytes(8, "little"))
        h.update(part)
    return h.hexdigest()


def _tree_digest(folder: Path, pattern: str, content: bool) -> bytes:
    """A digest of the files under `folder`: their bytes, or (for code) size and mtime."""
    h = hashlib.sha256()
    for path in sorted(folder.rglob(pattern)):
        if not path.is_file():
            continue
        h.update(str(path.relative_to(folder)).encode())
        if content:
            h.update(path.read_bytes())
        else:
            stat = path.stat()
            h.update(f"{stat.st_size}:{stat.st_mtime_ns}".encode())
    return h.digest()


def context_digest() -> str:
    """What every entry of this run depends on beyond the file and its settings.

    The version alone is not enough while ogilint is developed (or patched
    in place): the size and time of its source files stand for its code, and
    the shipped rule files count by content. The helpers a loader may call
    (LibreOffice for .doc, the OCR extra for scans) change what a file reads as.
    """
    import importlib.util

    import linter
    from linter.loaders.legacy import find_soffice
    from linter.rulebook import rules_dir

    code = _tree_digest(Path(linter.__file__).parent, "*.py", content=False)
    rules = _tree_digest(rules_dir(), "*", content=True)
    helpers = f"{find_soffice()}|{importlib.util.find_spec('rapidocr_onnxruntime') is not None}"
    return _digest(__version__.encode(), code, rules, helpers.encode())


def fingerprint(value: Any) -> Any:
    """Settings (and the rules they carry) as stable JSON data, for the key."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: fingerprint(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): fingerprint(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, frozenset | set):
        return sorted((fingerprint(v) for v in value), key=repr)
    if isinstance(value, list | tuple):
        return [fingerprint(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return repr(value)


class Cache:
    """The entries under one folder, for one run's context."""

    def __init__(self, root: Path, context: str | None = None) -> None:
        self.root = root
        self.context = context or context_digest()
        self._settings_keys: dict[int, tuple[object, str]] = {}

    def key(self, data: bytes, name: str, settings: object) -> str:
        """The entry key of `data`, checked as `name` with `settings`."""
        return _digest(
            self.context.encode(),
            self._settings_key(settings).encode(),
            name.encode("utf-8", "surrogateescape"),
            data,
        )

    def _settings_key(self, settings: object) -> str:
        # Files share a few settings objects: fingerprint each once per run
        # (the object is kept with its key so its id cannot be reused).
        known = self._settings_keys.get(id(settings))
        if known is None:
            text = json.dumps(fingerprint(settings), sort_keys=True, ensure_ascii=False)
            known = self._settings_keys[id(settings)] = (settings, _digest(text.encode()))
        return known[1]

    def _path(self, key: str) -> Path:
        return self.root / LAYOUT / key[:2] / f"{key}.json"

    def get(self, key: str, name: str) -> FileResult | None:
        """The stored result of `key`, or None when there is none that can be trusted."""
        try:
            head, _, body = self._path(key).read_bytes().partition(b"\n")
            header = json.loads(head)
            if header != {"ogilint": __version__, "key": key, "sha256": _digest(body)}:
                return None
            result = from_dict(_loads(body))
        except Exception:  # unreadable, truncated, garbage, another layout: a miss
            return None
        return result if _well_formed(result, name) else None

    def put(self, key: str, result: FileResult) -> None:
        """Store `result` under `key` (not when it carries an input or internal error)."""
        if result.input_error:
            return
        try:
            body = json.dumps(to_dict(result), ensure_ascii=False).encode()
        except (UnknownValue, ValueError):
            return  # a value the codec does not know (or a NaN): just not cached
        header = {"ogilint": __version__, "key": key, "sha256": _digest(body)}
        # A read-only or full disk costs speed, never the run.
        with contextlib.suppress(OSError):
            self._write(self._path(key), json.dumps(header).encode() + b"\n" + body)

    def _write(self, path: Path, data: bytes) -> None:
        if not (self.root / _TAG_FILE).is_file():
            self.root.mkdir(parents=True, exist_ok=True)
            (self.root / _TAG_FILE).write_text(_TAG, encoding="utf-8")
            (self.root / ".gitignore").write_text("*\n", encoding="utf-8")
        path.parent.mkdir(parents=True, exist_ok=True)
        # Write aside, then rename: a reader never sees half an entry.
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def _loads(body: bytes) -> Any:
    """An entry's JSON `body`, read by orjson (~4x json) where it reads what json does.

    orjson would read an integer past 64 bits as a float: the codec writes those
    as text (`records_json`), so an entry of ours holds none.
    """
    if orjson is not None:
        try:
            return orjson.loads(body)
        except orjson.JSONDecodeError:  # NaN, a lone surrogate: json reads those
            pass
    return json.loads(body)


def _well_formed(result: Any, name: str) -> bool:
    """Is `result` a FileResult for `name` whose findings are findings (not just any JSON)?"""
    return (
        isinstance(result, FileResult)
        and result.path == name
        and isinstance(result.findings, tuple)
        and all(
            isinstance(f, Finding)
            and f.path == name
            and isinstance(f.severity, Severity)
            and isinstance(f.location, Location)
            and isinstance(f.evidence, Evidence)
            for f in result.findings
        )
    )
