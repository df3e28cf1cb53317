"""Output formats: a registry of functions from finding records to text (or bytes).

Each format is a module with `render(results, catalogue, options) -> str | bytes`
(bytes are written as they are: a workbook, a CSV with its BOM and CRLF; a module
whose output no terminal can show says `BINARY = True`);
the CLI looks the name up here and knows nothing of how any format looks. The
catalogue describes every rule that ran (id, title, message, article,
severity, examples, help), so a format words the findings itself, in the
language it wants, and can list the rules (SARIF `rules[]`). A new format
(SARIF, GitHub annotations, JUnit) is a new module and one line below.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from linter.baseline import Outcome
    from linter.records import Catalogue, FileResult

FORMATS = {
    "text": "linter.formatters.text",
    "json": "linter.formatters.json",
    "sarif": "linter.formatters.sarif",
    "github": "linter.formatters.github",
    "junit": "linter.formatters.junit",
    "gitlab": "linter.formatters.gitlab",
    "html": "linter.formatters.html",
    "csv": "linter.formatters.csv",
    "xlsx": "linter.formatters.xlsx",
    "dashboard": "linter.formatters.dashboard",
}


@dataclass(frozen=True)
class FormatOptions:
    lang: str = "zh"
    color: bool = False
    quiet: bool = False
    width: int | None = None  # display cells to cut text excerpts to (None: no cut)
    baseline: Outcome | None = None  # set when --baseline hid known findings
    output: str | None = None  # the --output file (a page links to files beside it)
    # Each report's page address by its path, when a server keeps them (`ogilint serve`).
    links: Mapping[str, str] | None = None


def default_format(environ: Mapping[str, str]) -> str:
    """The format when none is asked for: annotations inside GitHub Actions, else text."""
    return "github" if environ.get("GITHUB_ACTIONS") == "true" else "text"


def binary(name: str) -> bool:
    """Whether format `name` writes bytes no terminal can show (it needs --output)."""
    return getattr(importlib.import_module(FORMATS[name]), "BINARY", False)


def render(
    name: str, results: Sequence[FileResult], catalogue: Catalogue, options: FormatOptions
) -> str | bytes:
    """The output of format `name` for `results`, worded from the rules in `catalogue`."""
    return importlib.import_module(FORMATS[name]).render(results, catalogue, options)


def needs_source(name: str) -> bool:
    """Whether format `name` shows the report itself (its module sets `NEEDS_SOURCE = True`).

    The engine then keeps each file's extracted text and tables on its result;
    other formats (and the process pool) do not carry them.
    """
    return getattr(importlib.import_module(FORMATS[name]), "NEEDS_SOURCE", False)


def summary(results: Sequence[FileResult]) -> dict[str, int]:
    """Counts shared by every format's summary."""
    findings = [f for r in results for f in r.findings]
    return {
        "files": len(results),
        "errors": sum(f.severity == "error" for f in findings),
        "warnings": sum(f.severity == "warning" for f in findings),
        "infos": sum(f.severity == "info" for f in findings),
        # hidden by `ogilint: disable=` directives inside the reports (linter/suppressions.py)
        "suppressed": sum(r.suppressed for r in results),
    }
