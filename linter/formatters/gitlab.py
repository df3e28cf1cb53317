"""GitLab Code Quality (a subset of the Code Climate issue format).

A JSON array, one issue per finding: description, check_name, fingerprint,
severity (error → major, warning → minor, info → info) and location (path and
line). The fingerprint is unique per issue in the report and stable under
edits elsewhere in the file (the path plus linter/fingerprints.py), so the
merge-request widget tells new findings from old ones. A whole-report finding,
or one in a file whose lines are not its own (web page, Word, PDF), is placed
on line 1 with the native place in the description.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from linter.fingerprints import fingerprints
from linter.formatters import FormatOptions
from linter.formatters.ci import full_message, in_source, native_place
from linter.formatters.visible import json_safe
from linter.messages import finding_message

if TYPE_CHECKING:
    from linter.records import Catalogue, FileResult, Finding

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def _lines(r: FileResult, f: Finding) -> dict[str, int]:
    if in_source(r) and not f.whole_report:
        return {"begin": f.line, "end": f.end_line}
    return {"begin": 1}


def _issue(r: FileResult, f: Finding, fingerprint: str, message: str, lang: str) -> dict[str, Any]:
    return {
        "check_name": f.rule,
        "description": native_place(r, f, lang) + message.replace("\n", " "),
        "severity": SEVERITIES[f.severity],
        "fingerprint": hashlib.sha256(f"{r.path}\x1f{fingerprint}".encode()).hexdigest(),
        "location": {"path": PurePath(r.path).as_posix(), "lines": _lines(r, f)},
    }


def render(results: Sequence[FileResult], catalogue: Catalogue, options: FormatOptions) -> str:
    issues = [
        _issue(
            r,
            f,
            fp,
            full_message(finding_message(f, catalogue, r.regime, options.lang), f),
            options.lang,
        )
        for r in results
        for f, fp in zip(r.findings, fingerprints(r.findings), strict=True)
    ]
    return json_safe(json.dumps(issues, ensure_ascii=False, indent=2)) + "\n"
