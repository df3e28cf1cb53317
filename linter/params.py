"""The parameters of each check kind, as types: what a rule's `params:` may say.

One frozen dataclass per check kind; its fields are the keys a rule may give,
each with a one-line description (`docs/check-kinds.md` is generated from
them, `tests/test_params.py` holds them equal to `rules/schema.json`).
`parse(kind, params)` rejects unknown keys and missing required ones; the rule
loader calls it for every rule and variant, so the error names file and line.

**Decision:** the check functions still receive the params as a dict (their
bodies are being edited by others as these types land); the dataclass is the
documented, validated shape of that dict, and a later change can hand checks
the dataclass itself.
"""

from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields
from typing import Any

Regex = str  # a Python regular expression over the normalised text (≤ 400 characters)
Text = dict[str, str]  # {zh: …, en: …}


def _m(text: str) -> dict[str, str]:
    """A parameter's one-line description, kept as the dataclass field's metadata."""
    return {"doc": text}


@dataclass(frozen=True, kw_only=True)
class NoParams:
    """The check needs no parameters."""


@dataclass(frozen=True, kw_only=True)
class RequiredSection:
    """A part of the report exists: a heading at any level matches, or a statement in
    the body says what the part would say. Fires once for the whole report when not."""

    headings: list[Regex] = field(metadata=_m("a heading matching any of these is the part"))
    statements: list[Regex] = field(
        default_factory=list, metadata=_m("a sentence matching any of these stands for the part")
    )
    not_under: Regex | None = field(
        default=None,
        metadata=_m("headings under a top-level heading matching this do not count (contents)"),
    )
    part: Text | None = field(
        default=None, metadata=_m("the part in words, for the message's {part}")
    )
    issuer: str | None = field(
        default=None,
        metadata=_m(
            "only for reports of this issuer: government or department (read from the title)"
        ),
    )


@dataclass(frozen=True, kw_only=True)
class SumOfParts:
    """A total against the sum of its parts: the regulation's exhaustive partitions
    (channels, outcomes, refusal reasons, review and litigation results) and, when
    `generic`, any "共N…其中a、b、c" list."""

    report: str = field(
        metadata=_m(
            "mismatch: parts over the total (or short of an exhaustive one); "
            "shortfall: parts short of a possibly partial total"
        )
    )
    generic: bool = field(
        default=False, metadata=_m("also check generic 其中 lists, not only the partitions")
    )
    overlapping: Regex | None = field(
        default=None,
        metadata=_m("labels naming publication channels that overlap; such lists need not add up"),
    )
    remainder: Regex | None = field(
        default=None,
        metadata=_m("an item matching this takes in the rest (其他), so the list is exhaustive"),
    )
    min_share: float = field(
        default=0,
        metadata=_m(
            "a generic list covering less than this share of its total is highlights: no warning"
        ),
    )
    partitions: list[dict[str, Any]] = field(
        default_factory=list, metadata=_m("the partitions (see Partition below)")
    )
    generic_name: Text | None = field(
        default=None, metadata=_m("a generic list in words, for the message")
    )


@dataclass(frozen=True, kw_only=True)
class Partition:
    """One exhaustive partition (shared by sum_of_parts and percentage)."""

    name: Text = field(metadata=_m("the partition in words"))
    total: Regex = field(metadata=_m("a figure whose label matches this is a total"))
    parts: dict[str, Regex] = field(metadata=_m("part name -> pattern of its label (at least two)"))
    units: list[str] = field(
        default_factory=list, metadata=_m("units the figures must have (件, 条, …)")
    )
    until: Regex | None = field(
        default=None, metadata=_m("a figure matching this ends the group (复议 ends litigation)")
    )
    carried: dict[str, Regex] | None = field(
        default=None,
        metadata=_m(
            "over/forward: carried-over and carried-forward figures the outcomes may count"
        ),
    )


@dataclass(frozen=True, kw_only=True)
class Percentage:
    """A stated share (占…的P% / 比例为P%) against part / total, to its stated precision."""

    partitions: list[dict[str, Any]] = field(
        default_factory=list, metadata=_m("partitions whose parts name the total")
    )


@dataclass(frozen=True, kw_only=True)
class Contact:
    """The contact sentence: present, complete, and each field well formed."""

    report: str = field(
        metadata=_m("missing | incomplete | phone | email | postcode: what this rule reports")
    )
    names: dict[str, Text] = field(
        default_factory=dict, metadata=_m("field name -> the field in words (for incomplete)")
    )


@dataclass(frozen=True, kw_only=True)
class StatisticalPeriod:
    """The statistical period (统计期限 … 1月1日 … 12月31日) is stated and is the report year."""

    report: str = field(
        metadata=_m("missing: no period; year: the period's year is not the report year")
    )


@dataclass(frozen=True, kw_only=True)
class PlanYear:
    """A "20XX年工作打算" heading is about the year after the report year."""

    headings: Regex = field(metadata=_m("a top-level heading matching this is a plans heading"))


@dataclass(frozen=True, kw_only=True)
class MissingTable:
    """A standard table of the regime's templates is absent or cannot be recognised."""

    tables: list[str] = field(metadata=_m("which tables: applications, review, proactive"))
    glued_digits: int | None = field(
        default=None,
        metadata=_m("a table whose figures ran together (a run this long) is left to glued_cells"),
    )


@dataclass(frozen=True, kw_only=True)
class TableIdentities:
    """The identities of each recognised standard table (its template's `identities`)."""

    kinds: list[str] = field(metadata=_m("which identities: row_sum, column_sum, balance"))
    cell: Text = field(metadata=_m("a cell in words: {table} {row} {column}"))
    row_sum: Text | None = field(
        default=None, metadata=_m("what a row total is compared with, in words")
    )
    column_sum: Text | None = field(
        default=None, metadata=_m("what a column total is compared with, in words")
    )


@dataclass(frozen=True, kw_only=True)
class TextTable:
    """Figures in the prose held to the standard tables (part 一 against 三 and 四)."""

    facts: list[dict[str, Any]] = field(
        default_factory=list,
        metadata=_m(
            "name, label/after/context/unless_after/unless_context patterns, table, row, "
            "cells: one figure; may_include: rows the statement may count too"
        ),
    )
    groups: list[dict[str, Any]] = field(
        default_factory=list,
        metadata=_m("partition, table, row, total cells, parts -> cells: a partition group"),
    )
    all_upheld: dict[str, Any] | None = field(
        default=None,
        metadata=_m('pattern, qualifier, table, row, blocks: "均获维持" against other results'),
    )
    none_stated: dict[str, Any] | None = field(
        default=None,
        metadata=_m('pattern, table, row, blocks: "未发生行政复议" against counted cases'),
    )
    statistics: list[dict[str, Any]] = field(
        default_factory=list,
        metadata=_m(
            "2008 regime: name, row (the statistics-table row label), label/after/context/"
            "unless_context patterns, units: one figure held to its row"
        ),
    )


@dataclass(frozen=True, kw_only=True)
class OutdatedFormat:
    """A revised-regulation report without the standard tables or headings, or with a
    table in a layout older than the one its regime prescribes (the regime's `layouts`)."""

    standard_heading: Regex = field(
        metadata=_m("a top-level heading matching this is a standard heading")
    )
    free_form: Text = field(metadata=_m("the message's {problem} when nothing is standard"))
    old_layout: Text = field(
        metadata=_m("the {problem} for an old layout: {table} {found} {expected}")
    )


@dataclass(frozen=True, kw_only=True)
class FeesNotExplained:
    """Fees charged (table cell) or 信息处理费 mentioned, but part 六 says nothing of fees."""

    row: str = field(metadata=_m("the applications-table row counting unpaid fee notices"))
    column: str = field(metadata=_m("its column"))
    mention: Regex = field(metadata=_m("a mention of the fee anywhere"))
    part: Regex = field(metadata=_m("the heading of part 六"))
    statement: Regex = field(metadata=_m("what part 六 must say something of"))
    charged: Text = field(metadata=_m("{what} when the table counts fees: {row} {count}"))
    mentioned: Text = field(metadata=_m("{what} when the text mentions them: {text}"))


@dataclass(frozen=True, kw_only=True)
class GluedCells:
    """A table copied as text with its figures run together is said once, not guessed."""

    min_digits: int = field(metadata=_m("a run of at least this many digits is glued figures"))


@dataclass(frozen=True, kw_only=True)
class TableBlankCell:
    """A numeric cell of a standard table is blank, "/", "-" or "—"."""

    cell: Text = field(metadata=_m("a cell in words: {table} {row} {column}"))
    blank: Text = field(metadata=_m("an empty cell in words"))


@dataclass(frozen=True, kw_only=True)
class LatePublication:
    """A stated publication date after the regime's deadline (`deadlines:` in its pack)."""


PARAMS: dict[str, type] = {
    "input": NoParams,
    "replaced_bytes": NoParams,
    "required_section": RequiredSection,
    "declared_structure": NoParams,
    "heading_sequence": NoParams,
    "title": NoParams,
    "enumeration_sequence": NoParams,
    "plan_year": PlanYear,
    "sum_of_parts": SumOfParts,
    "percentage": Percentage,
    "contact": Contact,
    "statistical_period": StatisticalPeriod,
    "late_publication": LatePublication,
    "missing_table": MissingTable,
    "table_blank_cell": TableBlankCell,
    "glued_cells": GluedCells,
    "table_identities": TableIdentities,
    "text_table": TextTable,
    "outdated_format": OutdatedFormat,
    "fees_not_explained": FeesNotExplained,
}


class ParamsError(ValueError):
    """Params that do not fit their check kind; str() says which key."""


def required(cls: type) -> set[str]:
    return {f.name for f in fields(cls) if f.default is MISSING and f.default_factory is MISSING}


def parse(kind: str, params: dict[str, Any]) -> Any:
    """The typed params of a rule of check kind `kind`; unknown or missing keys refused."""
    cls = PARAMS[kind]
    known = {f.name for f in fields(cls)}
    unknown = sorted(set(params) - known)
    if unknown:
        allowed = ", ".join(sorted(known)) or "none"
        raise ParamsError(f"{kind} has no parameter {unknown[0]!r} (it takes: {allowed})")
    missing = sorted(required(cls) - set(params))
    if missing:
        raise ParamsError(f"{kind} needs parameter {missing[0]!r}")
    return cls(**params)
