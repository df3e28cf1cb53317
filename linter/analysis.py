"""What the checks know about a document beyond its text: one analysis step.

`Document` is what the loader produced (text, lines, blocks, tables, the
normalised view and its offset map). Everything read *from* it (page noise,
headings, quantities, 其中 lists, figure labels, the title, year and issuer,
the statistical period, contact fields, the standard tables) is computed here,
once per document, in the order `analyse` shows, and handed to every check as
`Context.analysis`. A fact needed by several checks is therefore computed
once; a fact that depends on a rule's parameters (the groups of a partition
set) has its own memo keyed by those parameters (`PartitionGroups`).

Nothing in this module's dependencies imports it back: the modules that
compute facts take the facts they build on as arguments.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from linter.contacts import Field, contact_fields
from linter.document import Document
from linter.enumerations import Enumeration, find_enumerations
from linter.issuer import issuer_name, kind_of
from linter.noise import noise_lines
from linter.numbers import Quantity, find_quantities
from linter.partitions import Group, Partition, figure_labels, find_groups, wrapped_lines
from linter.periods import find_period
from linter.report_year import detect_year, find_title
from linter.sections import Outline, build_outline
from linter.tables.match import MatchedTable, standard_tables


@dataclass(frozen=True)
class PartitionGroups:
    """Partition groups of one document, per partition set (a rule's parameters).

    Several rules list the same partitions (the sum rules for mismatch and for
    shortfall): their groups are computed once. The key is the whole partition
    set, names included, so a rule never receives groups built for another's.
    """

    doc: Document
    quantities: tuple[Quantity, ...]
    outline: Outline
    labels: dict[int, str]
    wrapped: frozenset[int]
    enumerations: tuple[Enumeration, ...]
    _memo: dict[tuple, list[Group]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def of(self, partitions: Sequence[Partition]) -> list[Group]:
        """Totals with their stated parts, for every partition of `partitions`."""
        key = tuple((p, tuple(sorted(p.name.items()))) for p in partitions)
        if key not in self._memo:
            self._memo[key] = find_groups(
                self.doc,
                list(partitions),
                quantities=self.quantities,
                outline=self.outline,
                labels=self.labels,
                wrapped=self.wrapped,
                enumerations=self.enumerations,
            )
        return self._memo[key]


@dataclass(frozen=True)
class Analysis:
    """Everything the checks read from a document besides its text."""

    noise_lines: frozenset[int]  # 0-based lines of page furniture
    outline: Outline
    quantities: tuple[Quantity, ...]  # outside page noise, in text order
    enumerations: tuple[Enumeration, ...]  # generic 其中 lists
    wrapped_lines: frozenset[int]  # lines that continue the line before them
    labels: dict[int, str]  # label text of each quantity, by its start offset
    title: tuple[int, re.Match[str]] | None  # (0-based line, match) of the title
    period: re.Match[str] | None  # the first statement of a whole-year period
    year: int | None  # the report year as the text gives it
    issuer: str | None  # "government" | "department" | None
    issuer_name: str | None  # as the title gives it
    contact_fields: tuple[Field, ...]
    standard_tables: dict[str, MatchedTable]  # the 2019/2021 tables, by table name
    groups: PartitionGroups


def analyse(doc: Document) -> Analysis:
    """The facts of `doc`; each step uses only those computed before it."""
    noise = noise_lines(doc.norm_lines)
    outline = build_outline(doc, noise)
    quantities = tuple(find_quantities(doc, noise))
    enumerations = tuple(find_enumerations(doc, quantities))
    wrapped = wrapped_lines(doc, outline, noise)
    labels = figure_labels(doc, quantities, wrapped)
    title = find_title(doc.norm_lines, noise)
    period = find_period(doc)
    issuer = issuer_name(doc, noise)
    return Analysis(
        noise_lines=noise,
        outline=outline,
        quantities=quantities,
        enumerations=enumerations,
        wrapped_lines=wrapped,
        labels=labels,
        title=title,
        period=period,
        year=detect_year(doc.norm, title, period),
        issuer=kind_of(issuer),
        issuer_name=issuer,
        contact_fields=tuple(contact_fields(doc, noise)),
        standard_tables=standard_tables(doc, outline, noise),
        groups=PartitionGroups(doc, quantities, outline, labels, wrapped, enumerations),
    )
