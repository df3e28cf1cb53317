"""The check kinds: plain functions (document, params, context) -> hits.

A rule in YAML names one of these kinds and gives its parameters; new rules
are usually new YAML, not new code. Nothing here prints or reads files.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from linter.checks import (
    contact,
    encoding,
    formats,
    percentages,
    period,
    publication,
    structure,
    sums,
    tables,
    text_table,
)
from linter.checks.context import Context
from linter.document import Document
from linter.records import Hit

Check = Callable[[Document, dict[str, Any], Context], Iterable[Hit]]

CHECKS: dict[str, Check] = {
    "input": lambda doc, params, ctx: (),  # raised by loaders, not by looking at text
    "required_section": structure.required_section,
    "declared_structure": structure.declared_structure,
    "heading_sequence": structure.heading_sequence,
    "title": structure.title,
    "plan_year": structure.plan_year,
    "sum_of_parts": sums.sum_of_parts,
    "percentage": percentages.percentage,
    "contact": contact.contact,
    "statistical_period": period.statistical_period,
    "enumeration_sequence": structure.enumeration_sequence,
    "late_publication": publication.late_publication,
    "missing_table": tables.missing_table,
    "table_blank_cell": tables.table_blank_cell,
    "glued_cells": tables.glued_cells,
    "table_identities": tables.table_identities,
    "text_table": text_table.text_table,
    "outdated_format": formats.outdated_format,
    "fees_not_explained": formats.fees_not_explained,
    "replaced_bytes": encoding.replaced_bytes,
}
