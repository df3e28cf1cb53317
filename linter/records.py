"""The neutral records every stage passes on: hits, evidence, findings, results.

A check returns `Hit`s: where (norm offsets) and one `Evidence` (the facts its
message needs and a machine reads alike, the arithmetic, the template cell).
The engine turns them into `Finding`s that name the rule and the place; the
formatters word them with the `Catalogue` of the rules that ran, in the
language each format wants. This module imports nothing from the package, so
every stage (and every future output format) can depend on it without a cycle.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

INPUT_ERROR = "input-error"  # the file could not be read
INTERNAL_ERROR = "internal-error"  # a rule crashed on the file: a bug to report
RULE_TIMEOUT = "rule-timeout"  # a user rule's pattern ran past its time budget

Text = Mapping[str, str]  # one text in each language: {"zh": …, "en": …}


class Severity(StrEnum):
    """How much a finding matters; ordered info < warning < error, and equal to its name."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return list(Severity).index(self)

    def __lt__(self, other: object) -> bool:
        return self.rank < Severity(other).rank

    def __le__(self, other: object) -> bool:
        return self.rank <= Severity(other).rank

    def __gt__(self, other: object) -> bool:
        return self.rank > Severity(other).rank

    def __ge__(self, other: object) -> bool:
        return self.rank >= Severity(other).rank


@dataclass(frozen=True)
class TemplateCell:
    """A cell of a standard table named by its template, not by its place in a file."""

    table: str  # template table id: "applications"
    row: str  # template row key: "三(三)1"
    column: str  # template column name: "总计"

    def as_json(self) -> dict[str, Any]:
        return {"table": self.table, "row": self.row, "column": self.column}


@dataclass(frozen=True)
class TemplateCells:
    """Cells of one template row whose sum a figure is held to ("复议" = its five cells)."""

    table: str
    row: str
    columns: tuple[str, ...]

    def as_json(self) -> dict[str, Any]:
        return {"table": self.table, "row": self.row, "columns": list(self.columns)}


@dataclass(frozen=True)
class Term:
    """A machine value and the words a message says it in.

    `Term("phone", {"zh": "电话", "en": "phone"})`: JSON gives "phone", a
    Chinese message 电话. Used where the message and a machine want the same
    fact in different forms (a table's id and its name, a number and "三是").
    """

    value: Any
    words: Any  # a str, or {"zh": …, "en": …}


@dataclass(frozen=True)
class Evidence:
    """What a finding rests on: one value for its message and for machines.

    `facts` fill the rule's message placeholders and are the JSON `details`;
    `arithmetic` is the sum written out ("18 + 2 + 52 + 45 = 117 ≠ 120"), shown
    under the finding by the text format; `cell` names the standard-table
    cell (or cells) the finding is about, by the template's names.
    """

    facts: Mapping[str, Any] = field(default_factory=dict)
    arithmetic: str | None = None
    cell: TemplateCell | TemplateCells | None = None

    def placeholders(self) -> dict[str, Any]:
        """The values a message template may name (facts, and the arithmetic)."""
        if self.arithmetic is None:
            return dict(self.facts)
        return {**self.facts, "arithmetic": self.arithmetic}

    def as_json(self) -> dict[str, Any]:
        """The machine-readable form (JSON `details`): numbers as numbers, terms as values."""
        out = {key: json_value(value) for key, value in self.facts.items()}
        if self.cell is not None:
            out.update(self.cell.as_json())
        if self.arithmetic is not None:
            out["arithmetic"] = self.arithmetic
        return out


def json_value(value: Any) -> Any:
    """`value` as JSON-ready data: 1411 for Decimal('1411'), 93.75 for Decimal('93.75')."""
    if isinstance(value, Term):
        return json_value(value.value)
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, Mapping):
        return {k: json_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_value(v) for v in value]
    return value


@dataclass(frozen=True)
class Hit:
    """One problem found by a check kind, before a rule gives it a name."""

    start: int | None = None  # offset in Document.norm; None: the report as a whole
    end: int | None = None
    evidence: Evidence = field(default_factory=Evidence)
    # Native place when the check knows it (a grid cell: table, row, cell, page);
    # otherwise the engine derives it from the span.
    place: Mapping[str, Any] = field(default_factory=dict)

    @property
    def whole_report(self) -> bool:
        return self.start is None


@dataclass(frozen=True)
class Location:
    """Where a finding sits: in the extracted text, and natively in the file.

    `line`/`column` are 1-based in the text `ogilint extract` prints (columns in
    characters); `page` (PDF), `paragraph` (Word body paragraph) and
    `table`/`row`/`cell` (1-based in the file's own grid) are set when known.
    """

    line: int = 1
    column: int = 1
    end_line: int = 1
    end_column: int = 1
    page: int | None = None
    paragraph: int | None = None
    table: int | None = None
    row: int | None = None
    cell: int | None = None

    NATIVE = ("page", "paragraph", "table", "row", "cell")

    def native(self) -> dict[str, int]:
        """The native place, only the parts that are known: {"page": 3, "table": 2, …}."""
        return {k: v for k in self.NATIVE if (v := getattr(self, k)) is not None}


@dataclass(frozen=True)
class Finding:
    """A rule violation at a place in one file: the record formatters word."""

    path: str
    rule: str  # the rule's id, its entry in the `Catalogue`
    severity: Severity
    location: Location = field(default_factory=Location)
    evidence: Evidence = field(default_factory=Evidence)
    whole_report: bool = False
    section: str | None = None  # the top-level heading the finding sits under, as written
    excerpt: str = ""  # the source line around the span
    excerpt_offset: int = 0  # where the span starts within `excerpt` (for underlining)

    @property
    def line(self) -> int:
        return self.location.line

    @property
    def column(self) -> int:
        return self.location.column

    @property
    def end_line(self) -> int:
        return self.location.end_line

    @property
    def end_column(self) -> int:
        return self.location.end_column

    @property
    def details(self) -> dict[str, Any]:
        """The evidence as machines read it (the JSON `details`)."""
        return self.evidence.as_json()

    def sort_key(self) -> tuple[int, int, int, str]:
        return (0 if self.whole_report else 1, self.line, self.column, self.rule)

    def at_least(self, severity: Severity | str) -> bool:
        return self.severity >= Severity(severity)


FACTS_VERSION = "1"  # of ReportFacts.as_json() (linter/facts.schema.json, docs/facts.md)
Number = int | float  # a figure as data: an integer where it is one


@dataclass(frozen=True)
class TableFigure:
    """One cell of a standard table (or of the 2008 statistics table), by template name."""

    table: str  # "applications" | "review" | "proactive" | "statistics"
    row: str  # template row key ("三(三)1"); statistics: the row's label as printed
    column: str  # template column ("总计"); statistics: "统计数"
    value: Number | None  # None: a blank cell ("/", "-", empty)
    text: str  # as written (normalised)
    place: Mapping[str, int]  # line, column (extracted text) and the native place
    printing: int = 0  # 1.. when the report prints the table once per scope

    def as_json(self) -> dict[str, Any]:
        return {**{k: getattr(self, k) for k in _FIGURE_KEYS}, "place": dict(self.place)}


@dataclass(frozen=True)
class ProseFigure:
    """A figure the text states for a table cell (or the sum of several), and whether it agrees."""

    fact: str  # what the text states, in Chinese ("新收申请")
    table: str
    row: str
    columns: tuple[str, ...]
    value: Number
    table_value: Number | None
    agrees: bool
    text: str
    place: Mapping[str, int]

    def as_json(self) -> dict[str, Any]:
        out = {k: getattr(self, k) for k in _PROSE_KEYS}
        return {**out, "columns": list(self.columns), "place": dict(self.place)}


_FIGURE_KEYS = ("table", "row", "column", "value", "text", "printing")
_PROSE_KEYS = ("fact", "table", "row", "value", "table_value", "agrees", "text")
KEY_FIGURES = (
    "received",  # 一、本年新收 (总计)
    "carried_over",  # 二、上年结转
    "concluded",  # 三(七) 总计
    "carried_forward",  # 四、结转下年度继续办理
    "reviews",  # 行政复议 总计
    "lawsuits",  # 行政诉讼 总计 (direct and after review)
    "proactive_items",  # 主动公开政府信息 (the statistics table, or the text's whole-report figure)
)


@dataclass(frozen=True)
class ReportFacts:
    """What a report says about itself and its figures: the row of a sweep, data for a year
    after. Plain values only, so it pickles and round-trips through JSON (`as_json`)."""

    issuer: str | None = None  # the issuer's name as the title gives it
    issuer_key: str | None = None  # the name normalised, to match the same issuer's years
    issuer_kind: str | None = None  # "government" | "department" | "other"
    year: int | None = None
    regime: str | None = None
    published: str | None = None  # ISO date the report states as its publication date
    deadline: str | None = None  # ISO date it was due, where the regime has a deadline
    late: bool | None = None  # None: no publication date or no deadline
    layouts: Mapping[str, str] = field(default_factory=dict)  # table -> "2019" | "2021"
    key: Mapping[str, Number | None] = field(default_factory=dict)  # KEY_FIGURES
    figures: tuple[TableFigure, ...] = ()
    prose: tuple[ProseFigure, ...] = ()

    def figure(self, table: str, row: str, column: str, printing: int = 0) -> Number | None:
        """The value of one template cell, None when absent or blank."""
        for f in self.figures:
            if (f.table, f.row, f.column, f.printing) == (table, row, column, printing):
                return f.value
        return None

    def as_json(self) -> dict[str, Any]:
        head = {k: getattr(self, k) for k in _FACT_KEYS}
        return {
            "version": FACTS_VERSION,
            **head,
            "layouts": dict(self.layouts),
            "key": {k: self.key.get(k) for k in KEY_FIGURES},
            "figures": [f.as_json() for f in self.figures],
            "prose": [p.as_json() for p in self.prose],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ReportFacts:
        """The record `as_json` wrote (a cache, a year-to-year comparison)."""
        return cls(
            **{k: data.get(k) for k in _FACT_KEYS},
            layouts=dict(data.get("layouts", {})),
            key=dict(data.get("key", {})),
            figures=tuple(TableFigure(**f) for f in data.get("figures", ())),
            prose=tuple(
                ProseFigure(**{**p, "columns": tuple(p["columns"])}) for p in data.get("prose", ())
            ),
        )


_FACT_KEYS = (
    "issuer",
    "issuer_key",
    "issuer_kind",
    "year",
    "regime",
    "published",
    "deadline",
    "late",
)


@dataclass(frozen=True)
class FileResult:
    """Everything known about one input after checking."""

    path: str
    regime: str | None  # the pack the file was checked with; None: it could not be read
    year: int | None
    encoding: str | None
    findings: tuple[Finding, ...] = ()
    meta: Mapping[str, Any] = field(default_factory=dict)
    suppressed: int = 0  # findings hidden by `ogilint: disable=` directives in the report
    # The extracted text and table grids, for formats that show the report itself
    # (html): filled only when the format asks (`NEEDS_SOURCE`), so others never carry it.
    source: SourceView | None = None
    facts: ReportFacts | None = None  # None: the file could not be read or analysed

    @property
    def input_error(self) -> bool:
        """The file could not be read, or a rule crashed on it (exit code 2 either way)."""
        return any(f.rule in (INPUT_ERROR, INTERNAL_ERROR) for f in self.findings)


@dataclass(frozen=True)
class SourceCell:
    """One cell of a source table: its grid place and its text in `SourceView.text`."""

    row: int  # 0-based grid row and column of its top-left slot
    column: int
    rowspan: int
    colspan: int
    start: int  # offsets of the cell's text in SourceView.text (half-open)
    end: int


@dataclass(frozen=True)
class SourceTable:
    """A table of the source: the extracted lines it renders and its cells, in grid order."""

    first_line: int  # 0-based, inclusive, lines of SourceView.text
    last_line: int
    cells: tuple[SourceCell, ...]
    location: Mapping[str, Any] = field(default_factory=dict)  # {"table": 2, "page": 5}


@dataclass(frozen=True)
class SourceView:
    """The extracted text a report's findings point into (`ogilint extract`), and its tables.

    Plain values only, so a result pickles across processes. Findings' line and
    column are positions in `text`; `offset()` turns them into an index.
    """

    text: str
    line_starts: tuple[int, ...]
    tables: tuple[SourceTable, ...] = ()

    def offset(self, line: int, column: int) -> int:
        """Index in `text` of 1-based `line` and `column`."""
        return self.line_starts[line - 1] + column - 1


@dataclass(frozen=True)
class RuleInfo:
    """What the formatters may say about a rule, in the variant one regime ran."""

    id: str
    severity: Severity
    title: Text
    message: Text  # the template the finding's evidence fills
    article: Text  # the provision the rule enforces
    regime: str  # the pack this variant ran in
    examples: Mapping[str, Sequence[Any]] = field(default_factory=dict)
    help: Text | None = None  # what the rule checks, at length
    source: str = ""  # file:line of the rule's entry


@dataclass(frozen=True)
class Catalogue:
    """The rules that ran, each in the variant of every regime it ran in."""

    rules: tuple[RuleInfo, ...] = ()

    def rule(self, rule_id: str, regime: str | None = None) -> RuleInfo:
        """The variant of `rule_id` that ran under `regime` (any variant when it did not)."""
        variants = [r for r in self.rules if r.id == rule_id]
        if not variants:
            raise KeyError(rule_id)
        return next((r for r in variants if r.regime == regime), variants[0])

    def ids(self) -> list[str]:
        """Each rule id once, in the order the rules ran."""
        return list(dict.fromkeys(r.id for r in self.rules))

    def __iter__(self) -> Iterator[RuleInfo]:
        return iter(self.rules)
