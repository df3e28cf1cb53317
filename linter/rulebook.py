"""Rule packs: YAML files validated by rules/schema.json when they load.

A pack file names its pack, the report years it covers, the files it
includes (rules shared by several packs live once, in common.yaml) and its
rules. A rule id has one entry across everything that loads; where the
article, wording or parameters differ by regime, the entry holds one variant
per regime (`variants:`), and each pack gets the variant that names it.
Any error in a rule file stops the run with the file, the line and what is
wrong, e.g. ``rules/x.yaml:12: 'severity' must be one of …``.

The shipped packs are validated once per content: validating them with
jsonschema took 150–300 ms of every run, so a run that finds a marker for the
exact bytes of the shipped files (and of the code that validates them) in the
user's cache folder skips the schema and regex checks (`_validated_marker`).
User rules (`--rules`) are validated on every run.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

from linter.messages import template_problem
from linter.params import ParamsError
from linter.params import parse as parse_params
from linter.regular_files import TooLarge, read_regular
from linter.tables.templates import Template, parse_template

if TYPE_CHECKING:
    import yaml


def yaml_loader():
    """libyaml's safe loader when available (~10x faster), else PyYAML's: no tags that
    build objects either way. yaml is imported only when a file must be parsed: a run
    whose shipped packs' parse is recorded (`_Reader`) never imports it (~10 ms)."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class RuleFileError(Exception):
    """A rule file that cannot be used; str() is the one-line message."""


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    title: dict[str, str]
    message: dict[str, str]
    regulation: dict[str, str]
    check: str
    params: dict[str, Any]
    examples: dict[str, list[Any]]
    description: dict[str, str] | None
    pack: str
    source: str  # file:line of the rule's entry, for error messages and `explain`
    regimes: tuple[str, ...] = ()  # the variant's regimes; empty: every pack loading it
    override: bool = False  # a user rule that replaces the shipped rule of its id


@dataclass(frozen=True)
class Deadlines:
    """When a report is due: month and day of the year after the report year."""

    government: tuple[int, int]  # a people's government's own report
    department: tuple[int, int]  # a department of a people's government


@dataclass(frozen=True)
class Regime:
    """A rule pack: the rules of one regulation regime and what makes it a regime.

    A regime owns the report years it covers, the standard-table layouts it
    knows (oldest first; the last is the one it prescribes, a table in an
    earlier one is outdated), the table templates and the publication deadlines.
    """

    name: str
    title: dict[str, str]
    regulation: dict[str, str]
    years: tuple[int, int] | None
    rules: tuple[Rule, ...] = field(default=())

    fragment: bool = False  # only included by other packs
    layouts: tuple[str, ...] = ()
    templates: tuple[Template, ...] = ()
    deadlines: Deadlines | None = None
    source: str = ""  # file:line of `years:` (or of the file), for load errors

    def covers(self, year: int) -> bool:
        return self.years is not None and self.years[0] <= year <= self.years[1]

    @property
    def layout(self) -> str | None:
        """The table layout this regime prescribes."""
        return self.layouts[-1] if self.layouts else None


Pack = Regime  # the name the rule files use ("pack:")


def rules_dir() -> Path:
    """The shipped rule packs: inside the wheel, or at the top of a checkout."""
    packaged = Path(__file__).with_name("rules")
    return packaged if packaged.is_dir() else Path(__file__).resolve().parent.parent / "rules"


@lru_cache(maxsize=4)
def _validator(schema_name: str = "schema.json"):
    import jsonschema

    schema = json.loads((rules_dir() / schema_name).read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def _node_at(node: yaml.Node, path: list[Any]) -> yaml.Node:
    """The YAML node at a JSON path, as deep as the path can be followed."""
    for key in path:
        if isinstance(node, _Lines):
            found = node.child(key)
            if found is None:
                return node
            node = found
            continue
        import yaml  # a node tree came from a parse: yaml is loaded already

        if isinstance(node, yaml.MappingNode):
            match = [v for k, v in node.value if k.value == key]
            if not match:
                return node
            node = match[0]
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        else:
            return node
    return node


def _schema_message(error) -> str:
    import jsonschema

    best = jsonschema.exceptions.best_match([error])
    where = best.path[-1] if best.path else None
    if best.validator == "enum":
        allowed = ", ".join(repr(v) for v in best.validator_value)
        return f"{where!r} must be one of {allowed}" if where else best.message
    if best.validator == "required":
        return best.message.replace("is a required property", "is required")
    if best.validator == "additionalProperties":
        return best.message
    return f"{where!r}: {best.message}" if where is not None else best.message


# A rule or configuration file is a few hundred values. Aliases can make a 1 KB
# file stand for billions (each level repeating the one below), and every later
# step (schema validation, its error messages) would walk them all.
_MAX_NODES = 100_000
MAX_YAML_BYTES = 16 * 1024 * 1024  # a rule or config file; the shipped rules are ~200 KB


def _expanded_size(node: yaml.Node, seen: dict[int, int]) -> int:
    """How many values `node` stands for once every alias is written out."""
    import yaml

    if id(node) in seen:
        return seen[id(node)]
    seen[id(node)] = 1  # a node reached again while counting it (a cycle): count once
    if isinstance(node, yaml.MappingNode):
        children = [n for pair in node.value for n in pair]
    elif isinstance(node, yaml.SequenceNode):
        children = node.value
    else:
        children = []
    size = 1
    for child in children:
        size += _expanded_size(child, seen)
        if size > _MAX_NODES:
            break  # enough to refuse; don't count the rest of a bomb
    seen[id(node)] = size
    return size


def parse_yaml(path: Path, error: type[Exception], what: str) -> tuple[Any, yaml.Node | None]:
    """The data and node tree of a YAML file of ours; `error` names the file and line."""
    try:
        # A regular file only, and not without end: a FIFO named x.yaml would
        # block the run, a link to /dev/zero fill the memory.
        text = read_regular(path, MAX_YAML_BYTES).decode("utf-8")
    except TooLarge as exc:
        raise error(f"{path}:1: {what} larger than {MAX_YAML_BYTES // 1024**2} MB") from exc
    except OSError as exc:
        raise error(f"{path}:1: cannot read {what}: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise error(f"{path}:1: cannot read {what}: {exc}") from exc
    import yaml

    loader = yaml_loader()(text)
    try:
        # One parse gives both the node tree (for line numbers) and the data.
        node = loader.get_single_node()
        if node is not None and _expanded_size(node, {}) > _MAX_NODES:
            raise error(
                f"{path}:1: {what} expands to more than {_MAX_NODES:,} values through "
                "YAML aliases (&anchor / *alias); write the values out"
            )
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise error(f"{path}:{mark.line + 1 if mark else 1}: invalid YAML: {problem}") from exc
    finally:
        loader.dispose()
    return data, node


class _Lines:
    """The lines of a YAML node and of its children to `_DEPTH` levels, as recorded
    with a parse: what `_node_at(...).start_mark.line` reads of a node."""

    __slots__ = ("children", "line")

    def __init__(self, line: int, children: dict[str, Any] | list[Any] | None) -> None:
        self.line, self.children = line, children

    @property
    def start_mark(self) -> _Lines:
        return self

    def child(self, key: Any) -> _Lines | None:
        kids = self.children
        if isinstance(kids, dict) and isinstance(key, str) and key in kids:
            return _Lines.read(kids[key])
        if isinstance(kids, list) and isinstance(key, int) and 0 <= key < len(kids):
            return _Lines.read(kids[key])
        return None

    @staticmethod
    def record(node: yaml.Node, depth: int = 4) -> list[Any]:
        """`node`'s lines as JSON data: [line] or [line, children] (a mapping's by key)."""
        import yaml

        if depth == 0 or not isinstance(node, yaml.MappingNode | yaml.SequenceNode):
            return [node.start_mark.line]
        if isinstance(node, yaml.SequenceNode):
            return [node.start_mark.line, [_Lines.record(v, depth - 1) for v in node.value]]
        kids: dict[str, Any] = {}
        for key, value in node.value:  # the first of two equal keys, as _node_at finds it
            kids.setdefault(str(key.value), _Lines.record(value, depth - 1))
        return [node.start_mark.line, kids]

    @staticmethod
    def read(data: list[Any]) -> _Lines:
        return _Lines(data[0], data[1] if len(data) > 1 else None)


class _Reader:
    """The YAML files of one load of the shipped packs: each parsed, or taken from the
    parse recorded when they were validated (`recorded`, by path under the rules folder).

    A recorded parse is the file's data and the lines of its first levels (rule
    entries, variants, includes): what loading reads of the node tree once the
    file is known to be valid. `made` collects the parses this load had to do.
    """

    def __init__(self, base: Path, recorded: dict[str, Any] | None = None) -> None:
        self.base, self.recorded = base, recorded or {}
        self.made: dict[str, Any] = {}

    def __call__(self, path: Path) -> tuple[Any, yaml.Node | _Lines]:
        resolved = path.resolve()
        if not resolved.is_relative_to(self.base):  # not a shipped file: parsed, not recorded
            return _load_yaml(path)
        key = resolved.relative_to(self.base).as_posix()
        if key in self.recorded:
            data, lines = self.recorded[key]
            return data, _Lines.read(lines)
        data, node = _load_yaml(path)
        self.made[key] = [data, _Lines.record(node)]
        return data, node


def _load_yaml(path: Path) -> tuple[Any, yaml.Node]:
    data, node = parse_yaml(path, RuleFileError, "rule file")
    if node is None:
        raise RuleFileError(f"{path}:1: empty rule file")
    return data, node


def _check_schema(path: Path, data: Any, node: yaml.Node, schema_name: str) -> None:
    errors = list(_validator(schema_name).iter_errors(data))
    if errors:
        # Deepest first: it names the key that is actually wrong.
        error = max(errors, key=lambda e: len(e.absolute_path))
        line = _node_at(node, list(error.absolute_path)).start_mark.line + 1
        raise RuleFileError(f"{path}:{line}: {_schema_message(error)}")


def load_validated(path: Path, schema_name: str, validate: bool = True, read=None) -> Any:
    """A YAML data file of ours (e.g. the table templates), validated by its schema
    unless `validate` is False (shipped files whose bytes were validated before)."""
    data, node = (read or _load_yaml)(path)
    if validate:
        _check_schema(path, data, node, schema_name)
    return data


def _validate(path: Path, data: Any, node: yaml.Node) -> None:
    _check_schema(path, data, node, "schema.json")
    for i, entry in enumerate(data["rules"]):
        for where, text in _strings(["rules", i], entry):
            problem = (_regex_problem(text) if _is_pattern_key(where) else None) or (
                _message_problem(text) if _is_template_key(where) else None
            )
            if problem:
                line = _node_at(node, where).start_mark.line + 1
                raise RuleFileError(f"{path}:{line}: {problem}")


def _strings(where: list[Any], value: Any) -> Iterator[tuple[list[Any], str]]:
    """Every string of a rule entry, with its path of keys and indexes."""
    if isinstance(value, dict):
        for key, sub in value.items():
            yield from _strings([*where, key], sub)
    elif isinstance(value, list):
        for i, sub in enumerate(value):
            yield from _strings([*where, i], sub)
    elif isinstance(value, str):
        yield where, value


def _is_template_key(where: list[Any]) -> bool:
    """A message text (in `message` or in params, per language): a template."""
    keys = [k for k in where if isinstance(k, str)]
    return keys[-1] in ("zh", "en") and ("message" in keys or "params" in keys)


# A group holding an unbounded repetition, itself repeated without bound: the shape
# of catastrophic backtracking ("(a+)+", "(?:x*y)*"). Python's re has no time limit,
# so such a pattern in a user's rule file could hang a whole run.
_NESTED_REPEAT = re.compile(r"\((?:[^()\\]|\\.)*(?<!\\)[+*](?:[^()\\]|\\.)*\)(?:[+*]|\{\d+,\})")


def _regex_problem(value: str) -> str | None:
    """Why a pattern-valued parameter cannot be used: it does not compile, or it repeats
    a repetition; None when it can."""
    try:
        re.compile(value)
    except re.error as exc:
        return f"bad regular expression {value!r}: {exc}"
    if _NESTED_REPEAT.search(value):
        return (
            f"regular expression {value!r} repeats a repetition "
            "(like (a+)+); it can take exponential time: bound the inner or outer part"
        )
    return None


def _message_problem(value: str) -> str | None:
    problem = template_problem(value)
    return f"message {value!r}: {problem}" if problem else None


def _is_pattern_key(where: list[Any]) -> bool:
    keys = [k for k in where if isinstance(k, str)]
    return "params" in keys and keys[-1] not in ("report", "zh", "en") and "units" not in keys


_VARIANT_KEYS = ("title", "message", "regulation", "description", "params", "examples")
_RESOLVED_KEYS = ("message", "regulation", "examples")


def _rules_of(
    path: Path, data: dict[str, Any], node: yaml.Node, pack: str, validate: bool = True
) -> list[Rule]:
    """The file's rules, one per variant (a rule without variants is one variant)."""
    rules = []
    for i, entry in enumerate(data["rules"]):
        line = _node_at(node, ["rules", i]).start_mark.line + 1
        variants = entry.get("variants") or [{}]
        if entry.get("variants") and "examples" in entry:
            # Each example runs once, under its variant's regime: none shared.
            raise RuleFileError(
                f"{path}:{line}: rule {entry['id']!r} has variants: give each variant its examples"
            )
        claimed: dict[str, int] = {}
        for j, variant in enumerate(variants):
            where = ["rules", i, "variants", j] if entry.get("variants") else ["rules", i]
            vline = _node_at(node, where).start_mark.line + 1
            for regime in variant.get("regimes", ()):
                if regime in claimed:
                    raise RuleFileError(
                        f"{path}:{vline}: rule {entry['id']!r} has two variants for "
                        f"regime {regime!r} (lines {claimed[regime]} and {vline})"
                    )
                claimed[regime] = vline
            # A variant replaces the entry's field as a whole (params included).
            merged = {**entry, **{k: variant[k] for k in _VARIANT_KEYS if k in variant}}
            missing = [k for k in _RESOLVED_KEYS if k not in merged]
            if missing:
                raise RuleFileError(
                    f"{path}:{vline}: {missing[0]!r} is required (in the rule or in each variant)"
                )
            if "params" in variant or ("params" in entry and not entry.get("variants")):
                where = [*where, "params"]
            elif "params" in entry:
                where = ["rules", i, "params"]
            if validate:
                _check_params(path, node, where, merged)
            rules.append(_rule(merged, variant, pack, f"{path.name}:{line}"))
    return rules


def _check_params(path: Path, node: yaml.Node, where: list[Any], merged: dict[str, Any]) -> None:
    try:
        parse_params(merged["check"], merged.get("params") or {})
    except ParamsError as exc:
        raise RuleFileError(f"{path}:{_node_at(node, where).start_mark.line + 1}: {exc}") from None


def _rule(merged: dict[str, Any], variant: dict[str, Any], pack: str, source: str) -> Rule:
    return Rule(
        id=merged["id"],
        severity=merged["severity"],
        title=merged["title"],
        message=merged["message"],
        regulation=merged["regulation"],
        check=merged["check"],
        params=merged.get("params") or {},
        examples=merged.get("examples") or {},
        description=merged.get("description"),
        pack=pack,
        source=source,
        regimes=tuple(variant.get("regimes", ())),
        override=bool(merged.get("override")),
    )


_Loaded = tuple[dict, Any, list[Rule]]  # data, its yaml.Node (or _Lines), its rules


def _load_rules(
    path: Path,
    seen: frozenset[Path] = frozenset(),
    *,
    validate: bool = True,
    loaded: dict[Path, _Loaded] | None = None,
    read=None,
) -> _Loaded:
    """A rule file's data and its rules with those of the files it includes (every variant).

    `loaded` memoises files by resolved path, so a file included by several packs
    is read once per run; `validate` False skips the schema (shipped, validated before).
    """
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError):  # a link loop: reading it says so in one line
        _load_yaml(path)
        raise
    if resolved in seen:
        raise RuleFileError(f"{path}:1: include cycle")
    if loaded is not None and resolved in loaded:
        return loaded[resolved]
    data, node = (read or _load_yaml)(path)
    if validate:
        _validate(path, data, node)
    rules: list[Rule] = []
    for i, included in enumerate(data.get("include", [])):
        target = path.parent / included
        line = _node_at(node, ["include", i]).start_mark.line + 1
        if not _beside(target, path.parent):
            raise RuleFileError(
                f"{path}:{line}: included file {included!r} is outside the folder of "
                f"{path.name}; only rule files in that folder can be included"
            )
        if not target.is_file():
            raise RuleFileError(f"{path}:{line}: included file {included!r} not found")
        inner = _load_rules(target, seen | {resolved}, validate=validate, loaded=loaded, read=read)
        rules.extend(inner[2])
    rules.extend(_rules_of(path, data, node, data["pack"], validate))
    if loaded is not None:
        loaded[resolved] = (data, node, rules)
    return data, node, rules


def _beside(target: Path, folder: Path) -> bool:
    """`target` lies inside `folder` (after links): a rule file reads nothing else."""
    try:
        return target.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a link loop: it is not a file beside us either
        return False


def load_file(path: Path) -> Regime:
    """Load and validate one rule file and the files it includes, as the pack it names."""
    return _pack(path, *_load_rules(path))


def _pack(
    path: Path,
    data: dict[str, Any],
    node: yaml.Node,
    everything: list[Rule],
    validate: bool = True,
    read=None,
) -> Regime:
    name = data["pack"]
    # A rule with variants belongs to the packs they name; one without, to every pack.
    rules = [replace(r, pack=name) for r in everything if not r.regimes or name in r.regimes]
    _check_unique(path, rules)
    years = data.get("years")
    span = (years["from"], years.get("to", 9999)) if years else None
    empty = {"zh": name, "en": name}
    line = _node_at(node, ["years"] if years else []).start_mark.line + 1
    return Regime(
        name,
        data.get("title", empty),
        data.get("regulation", empty),
        span,
        tuple(rules),
        bool(data.get("fragment")),
        layouts=tuple(data.get("layouts", ())),
        templates=_templates_of(path, data, node, validate, read),
        deadlines=_deadlines(data.get("deadlines")),
        source=f"{path}:{line}",
    )


def _deadlines(raw: dict[str, str] | None) -> Deadlines | None:
    if raw is None:
        return None
    government, department = (
        tuple(int(x) for x in raw[k].split("-")) for k in ("government", "department")
    )
    return Deadlines(government, department)  # type: ignore[arg-type]


def _templates_of(
    path: Path, data: dict[str, Any], node: yaml.Node, validate: bool = True, read=None
) -> tuple[Template, ...]:
    name = data.get("templates")
    if name is None:
        return ()
    target = path.parent / name
    if not target.is_file():
        line = _node_at(node, ["templates"]).start_mark.line + 1
        raise RuleFileError(f"{path}:{line}: templates file {name!r} not found")
    templates = _load_templates(target.resolve(), validate, read)
    known = {lay for t in templates for r in t.rows for lay in r.layouts}
    unknown = [lay for lay in data.get("layouts", ()) if lay not in known]
    if unknown:
        line = _node_at(node, ["layouts"]).start_mark.line + 1
        raise RuleFileError(
            f"{path}:{line}: layout {unknown[0]!r} is in no template of {name} "
            f"(they have {', '.join(sorted(known))})"
        )
    return templates


@lru_cache(maxsize=8)
def _load_templates(path: Path, validate: bool = True, read=None) -> tuple[Template, ...]:
    """Table templates, validated by rules/templates/schema.json when they load."""
    data = load_validated(path, "templates/schema.json", validate, read)
    return tuple(parse_template(t) for t in data["templates"])


def _check_unique(path: Path, rules: list[Rule]) -> None:
    seen: dict[str, str] = {}
    for rule in rules:
        if rule.id in seen:
            raise RuleFileError(
                f"{path}: rule {rule.id!r} defined twice ({seen[rule.id]}, {rule.source})"
            )
        seen[rule.id] = rule.source


def _check_one_entry_per_id(loaded: dict[Path, list[Rule]]) -> None:
    """Across every shipped file, an id has one entry (its variants live inside it)."""
    entries: dict[str, str] = {}
    for rules in loaded.values():
        for rule in rules:
            first = entries.setdefault(rule.id, rule.source)
            if first != rule.source:
                raise RuleFileError(
                    f"{rules_dir() / rule.source.split(':')[0]}: rule {rule.id!r} is defined "
                    f"twice ({first}, {rule.source}); give it one entry with per-regime variants"
                )


def _check_regimes_named(rules: list[Rule], names: set[str], where: str) -> None:
    for rule in rules:
        unknown = sorted(set(rule.regimes) - names)
        if unknown:
            raise RuleFileError(
                f"{where}{rule.source}: rule {rule.id!r} names unknown regime "
                f"{unknown[0]!r}; the regimes are {', '.join(sorted(names))}"
            )


@lru_cache(maxsize=1)
def shipped_packs() -> tuple[Regime, ...]:
    """Every pack shipped with ogilint (files with a `years` range, plus common)."""
    marker = _validated_marker()
    validate = marker is None or not marker.exists()
    read = _Reader(rules_dir().resolve(), None if validate else _recorded(marker))
    packs = load_shipped(rules_dir(), validate=validate, read=read)
    for name in SHIPPED_DATA:  # recorded with the packs, for `shipped_data`
        read(rules_dir() / name)
    if read.made and marker is not None:
        _write_marker(marker, read, validated=validate)
    return packs


# Shipped YAML files other modules read on every run: their parse is recorded with
# the packs', so a run that prints text needs no yaml either (~10 ms to import).
SHIPPED_DATA = ("messages/output.yaml",)


@lru_cache(maxsize=8)
def shipped_data(name: str) -> Any:
    """The data of a shipped YAML file of `SHIPPED_DATA`, from the recorded parse
    when the marker holds one, else parsed."""
    marker = _validated_marker()
    recorded = _recorded(marker) if marker is not None and marker.exists() else None
    return _Reader(rules_dir().resolve(), recorded)(rules_dir() / name)[0]


def load_shipped(directory: Path, *, validate: bool = True, read=None) -> tuple[Regime, ...]:
    """The packs of a folder laid out as the shipped one, each file read once."""
    memo: dict[Path, _Loaded] = {}
    loaded = {
        p: _load_rules(p, validate=validate, loaded=memo, read=read)
        for p in sorted(directory.glob("*.yaml"))
    }
    _check_one_entry_per_id({p: rules for p, (_, _, rules) in loaded.items()})
    packs = tuple(
        pack
        for path, found in loaded.items()
        if not (pack := _pack(path, *found, validate=validate, read=read)).fragment
    )
    _check_years_disjoint(packs)
    names = {p.name for p in packs}
    for _, _, rules in loaded.values():
        _check_regimes_named(rules, names, f"{directory}/")
    return packs


# What decides whether shipped files are valid: their bytes, the schemas, and the code
# that validates them. A marker named by their hash means "these exact files passed".
_VALIDATING_MODULES = ("rulebook.py", "params.py", "tables/templates.py")


def _validated_marker() -> Path | None:
    """The cache file whose existence says the shipped files as they are now were
    validated, or None when no cache folder can be named."""
    from linter import __version__

    base = os.environ.get("XDG_CACHE_HOME") or (
        str(Path.home() / ".cache") if os.environ.get("HOME") else ""
    )
    if not base:
        return None
    digest = hashlib.sha256(__version__.encode())
    here, shipped = Path(__file__).parent, rules_dir()
    files = [
        *(("code", here / m) for m in _VALIDATING_MODULES),
        *sorted(("rules", p) for p in shipped.rglob("*") if p.suffix in (".yaml", ".json")),
    ]
    for where, path in files:
        name = path.relative_to(here if where == "code" else shipped).as_posix()
        digest.update(f"{where}/{name}".encode() + b"\0" + path.read_bytes() + b"\0")
    return Path(base) / "ogilint" / "validated-packs" / digest.hexdigest()


def _write_marker(marker: Path, read: _Reader, validated: bool) -> None:
    """Say the shipped files passed, with their parse when JSON holds it exactly.

    Reading the parse back (~2 ms) saves parsing the YAML (~15 ms) on every
    later run. A parse holding what JSON cannot (a YAML date, a key that is
    not a string) is not recorded: those runs parse, as before.
    """
    import tempfile

    parses = {**read.recorded, **read.made}
    try:
        text = json.dumps(parses, ensure_ascii=False)
        body = text if json.loads(text) == parses else ""
    except (TypeError, ValueError):
        body = ""
    if not (validated or body):
        return  # validated before, and nothing to record: the marker says it already
    try:
        marker.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=marker.parent, prefix=".tmp-")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(body)
        os.replace(tmp, marker)  # whole or not at all: a concurrent run reads either
    except OSError:
        pass  # a read-only home: validate again next time, nothing worse


def _recorded(marker: Path | None) -> dict[str, Any] | None:
    """The parse recorded in `marker` (None: none, or not one this code wrote).

    The marker's folder is trusted as it was for the marker alone (its name is
    the SHA-256 of the files it stands for); JSON, so a changed marker can at
    worst change what is checked, never run code.
    """
    try:
        data = json.loads(marker.read_bytes()) if marker is not None else None
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not all(
        isinstance(v, list) and len(v) == 2 and isinstance(v[1], list) for v in data.values()
    ):
        return None
    return data


def _check_years_disjoint(packs: tuple[Regime, ...]) -> None:
    """A report year selects one regime: two packs may not claim the same year."""
    dated = sorted((p for p in packs if p.years), key=lambda p: p.years or (0, 0))
    for earlier, later in pairwise(dated):
        if later.years[0] <= earlier.years[1]:  # type: ignore[index]
            raise RuleFileError(
                f"{later.source}: years {_span(later.years)} of {later.name!r} overlap "
                f"{_span(earlier.years)} of {earlier.name!r} ({earlier.source})"
            )


def _span(years: tuple[int, int] | None) -> str:
    first, last = years  # type: ignore[misc]
    return f"{first}–" if last == 9999 else f"{first}–{last}"


def extra_rules(directory: Path, shipped: tuple[Regime, ...] = ()) -> list[Rule]:
    """Rules from a user's --rules DIR (every *.yaml / *.yml in it), every variant.

    An id that is already shipped is refused, naming both files, unless the
    user's rule says `override: true` (then it replaces the shipped one).
    """
    if not directory.is_dir():
        raise RuleFileError(f"{directory}: --rules must be a directory of rule files")
    shipped_at = {r.id: r.source for p in shipped for r in p.rules}
    names = {p.name for p in shipped}
    rules: list[Rule] = []
    for path in sorted([*directory.glob("*.yaml"), *directory.glob("*.yml")]):
        found = _load_rules(path)[2]
        if shipped:
            _check_regimes_named(found, names, f"{path.parent}/")
        for rule in found:
            line = rule.source.rsplit(":", 1)[1]
            if rule.id in shipped_at and not rule.override:
                raise RuleFileError(
                    f"{path}:{line}: rule {rule.id!r} is already shipped "
                    f"({rules_dir() / shipped_at[rule.id]}); rename it, or add "
                    "'override: true' to replace the shipped rule"
                )
            if rule.override and shipped and rule.id not in shipped_at:
                raise RuleFileError(
                    f"{path}:{line}: rule {rule.id!r} says 'override: true' but no shipped "
                    "rule has that id"
                )
        rules.extend(found)
    _check_unique(directory, _dedupe(rules))
    return rules


def _dedupe(rules: list[Rule]) -> list[Rule]:
    """One rule per (id, entry): the variants of one entry are not duplicates."""
    return list({(r.id, r.source): r for r in rules}.values())
