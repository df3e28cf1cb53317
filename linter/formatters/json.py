"""The JSON contract: every later format is built from the same records.

{"ogilint": "<version>",
 "files": [{"path", "regime", "year", "encoding", ("ocr": true for a scan),
            ("suppressed": n when directives in the report hid findings), "findings": [
     {"rule", "severity", "message", "line", "column", "end_line", "end_column",
      "section", "excerpt", "details", (+ "page" / "paragraph" / "table" / "row" / "cell")}]}],
 "summary": {"files", "errors", "warnings", "infos", "suppressed"},
 (with --baseline) "baseline": {"suppressed", "fixed": [{"path", "rule", "fingerprint", "line"}]}}

`message` is in --lang; `details` is the finding's evidence (linter/records.py).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from linter import __version__
from linter.formatters import FormatOptions, summary
from linter.formatters.visible import json_safe
from linter.messages import finding_message

if TYPE_CHECKING:
    from linter.records import Catalogue, FileResult, Finding


def finding_record(f: Finding, message: str) -> dict[str, Any]:
    record = {
        "rule": f.rule,
        "severity": f.severity.value,
        "message": message,
        "line": f.line,
        "column": f.column,
        "end_line": f.end_line,
        "end_column": f.end_column,
        "section": f.section,
        "excerpt": f.excerpt,
        "details": f.details,
    }
    record.update(f.location.native())
    return record


def file_record(r: FileResult, catalogue: Catalogue, lang: str) -> dict[str, Any]:
    return {
        "path": r.path,
        "regime": r.regime,
        "year": r.year,
        "encoding": r.encoding,
        "findings": [
            finding_record(f, finding_message(f, catalogue, r.regime, lang)) for f in r.findings
        ],
        # A scan's text came from OCR (linter/loaders/ocr.py): every finding may rest on it.
        **({"ocr": True} if r.meta.get("ocr") else {}),
        # Findings hidden by `ogilint: disable=` directives in the report itself.
        **({"suppressed": r.suppressed} if r.suppressed else {}),
    }


def render(results: Sequence[FileResult], catalogue: Catalogue, options: FormatOptions) -> str:
    document = {
        "ogilint": __version__,
        "files": [file_record(r, catalogue, options.lang) for r in results],
        "summary": summary(results),
    }
    if options.baseline is not None:
        document["baseline"] = {
            "suppressed": options.baseline.suppressed,
            "fixed": [
                {"path": e.path, "rule": e.rule, "fingerprint": e.fingerprint, "line": e.line}
                for e in options.baseline.fixed
            ],
        }
    return json_safe(json.dumps(document, ensure_ascii=False, indent=2, default=str)) + "\n"
