"""Configuration files: `.ogilint.yaml`, or `[tool.ogilint]` in `pyproject.toml`.

Found upward from each checked file; the nearest wins (in one folder,
`.ogilint.yaml` before `pyproject.toml`), and `extend: FILE` inherits another
file's settings key by key. Every file is validated by `config.schema.json`
(shipped in the package): an unknown key or a wrong value stops the run with
the file, the line and the reason. Command-line options win over files.
"""

from __future__ import annotations

import fnmatch
import json
import os
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path, PurePath
from typing import Any

from linter.rulebook import _node_at, _schema_message, parse_yaml

YAML_NAME = ".ogilint.yaml"
# What `ogilint init` writes: every key at its default, commented (held valid by a test).
TEMPLATE = Path(__file__).with_name("config.template.yaml")
PYPROJECT = "pyproject.toml"


class ConfigError(Exception):
    """A configuration file that cannot be used; str() is `file:line: reason`."""


@dataclass(frozen=True)
class Config:
    """The settings in force for some files, and the file each one came from."""

    values: dict[str, Any] = field(default_factory=dict)
    sources: dict[str, Path] = field(default_factory=dict)

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    def ignored_for(self, path: str) -> frozenset[str]:
        """Rule ids `per-file-ignores` switches off for `path`."""
        source = self.sources.get("per-file-ignores")
        if source is None:
            return frozenset()
        rel = _relative(path, source.parent)
        return frozenset(
            rule
            for pattern, rules in self.values["per-file-ignores"].items()
            if _matches(rel, pattern)
            for rule in rules
        )

    def excludes(self, path: str) -> bool:
        """Is `path` left out when a folder is checked?"""
        source = self.sources.get("exclude")
        if source is None:
            return False
        rel = _relative(path, source.parent)
        return any(_matches(rel, pattern) for pattern in self.values["exclude"])


def _relative(path: str, folder: Path) -> str:
    absolute = Path(path).resolve()
    try:
        return absolute.relative_to(folder.resolve()).as_posix()
    except ValueError:
        return absolute.as_posix()


def _matches(rel: str, pattern: str) -> bool:
    """A glob against the path from the config's folder; one without / also by file name."""
    if fnmatch.fnmatchcase(rel, pattern):
        return True
    return "/" not in pattern and fnmatch.fnmatchcase(PurePath(rel).name, pattern)


@lru_cache(maxsize=1)
def _validator():
    import jsonschema

    schema = json.loads(Path(__file__).with_name("config.schema.json").read_text("utf-8"))
    return jsonschema.Draft202012Validator(schema)


def _validate(path: Path, data: Any, line_of) -> None:
    errors = list(_validator().iter_errors(data))
    if errors:
        error = max(errors, key=lambda e: len(e.absolute_path))
        # An unknown key is reported on its own line, not on the table holding it.
        where = list(error.absolute_path)
        if error.validator == "additionalProperties":
            unknown = re.findall(r"'([^']+)'", error.message)
            where += unknown[:1]
        raise ConfigError(f"{path}:{line_of(where)}: {_schema_message(error)}")


def _read_yaml(path: Path) -> dict[str, Any]:
    data, node = parse_yaml(path, ConfigError, "config file")
    data = {} if data is None else data
    _validate(path, data, lambda where: _node_at(node, where).start_mark.line + 1 if node else 1)
    return data


def _pyproject_table(path: Path) -> dict[str, Any] | None:
    """`[tool.ogilint]` of a pyproject.toml, or None when it has none."""
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}:1: cannot read: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"line (\d+)", str(exc))
        raise ConfigError(f"{path}:{line.group(1) if line else 1}: invalid TOML: {exc}") from exc
    table = data.get("tool", {}).get("ogilint")
    if table is None:
        return None
    lines = text.split("\n")

    def line_of(where: list[Any]) -> int:
        # tomllib keeps no positions: the line of the key within the table, else the table.
        start = next((i for i, ln in enumerate(lines) if ln.strip() == "[tool.ogilint]"), 0)
        key = next((str(k) for k in reversed(where) if isinstance(k, str)), None)
        for i in range(start, len(lines)):
            if key and re.match(rf"\s*[\"']?{re.escape(key)}[\"']?\s*=", lines[i]):
                return i + 1
        return start + 1

    _validate(path, table, line_of)
    return table


def read_file(path: Path) -> dict[str, Any]:
    """The validated settings of one file (without what it extends)."""
    if path.name == PYPROJECT:
        return _pyproject_table(path) or {}
    return _read_yaml(path)


def load(path: Path, seen: tuple[Path, ...] = ()) -> Config:
    """The settings of `path` with everything it extends (its own keys win)."""
    path = path.resolve()
    if path in seen:
        raise ConfigError(f"{path}:1: 'extend' goes round in a circle")
    values = read_file(path)
    base = Config()
    if "extend" in values:
        parent = (path.parent / values["extend"]).resolve()
        if not parent.is_file():
            raise ConfigError(f"{path}:1: 'extend': no such file {parent}")
        base = load(parent, (*seen, path))
    own = {k: v for k, v in values.items() if k != "extend"}
    return Config(
        {**base.values, **own},
        {**base.sources, **dict.fromkeys(own, path)},
    )


def _holds_config(folder: Path) -> Path | None:
    yaml_file = folder / YAML_NAME
    pyproject = folder / PYPROJECT
    try:
        if yaml_file.is_file():
            return yaml_file
        if pyproject.is_file() and _pyproject_table(pyproject) is not None:
            return pyproject
    except OSError:  # a folder name too long to hold anything: look further up
        return None
    return None


@lru_cache(maxsize=256)
def _nearest_from(folder: Path) -> Path | None:
    found = _holds_config(folder)
    if found is not None or folder.parent == folder:
        return found
    return _nearest_from(folder.parent)


def nearest(path: str | Path) -> Path | None:
    """The configuration file nearest to `path` (a file or a folder), upward."""
    try:
        p = Path(path).resolve()
        folder = p if p.is_dir() else p.parent
    except (OSError, RuntimeError):  # a link loop, a name too long: search from where it sits
        folder = Path(os.path.abspath(path)).parent
    return _nearest_from(folder)


@lru_cache(maxsize=64)
def _load_cached(path: Path) -> Config:
    return load(path)


def for_path(path: str | Path) -> Config:
    """The settings in force for `path` (empty when no file is found)."""
    found = nearest(path)
    return _load_cached(found) if found else Config()
