"""What a check may know beyond the document and its parameters.

Its own module so that the check kinds can name it without importing the
registry (`linter.checks`) that imports them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from linter.analysis import Analysis
    from linter.rulebook import Regime


@dataclass(frozen=True)
class Context:
    """The report year and regime the engine settled on, and the document's analysis."""

    year: int | None  # the report year (detected or --year)
    regime: Regime  # its layouts, table templates and deadlines
    analysis: Analysis  # read from the document once, before any check runs
