"""SARIF 2.1.0, for code-scanning dashboards (GitHub, GitLab, Azure, IDE viewers).

One run; `tool.driver.rules` lists every rule that ran, rendered from the
catalogue (title, what it checks, the article it enforces, default level).
Each result carries a `partialFingerprints` entry computed from the rule, the
section and the text around the span (linter/fingerprints.py), so a dashboard
keeps tracking a finding after paragraphs are inserted above it. Regions are
given only where lines and columns are the file's own (plain text); for a web
page, Word or PDF file they count lines of the extracted text, so they go in
`properties` with the native place (page, paragraph, table cell) instead.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from linter import __version__
from linter.fingerprints import VERSION as FINGERPRINT_VERSION
from linter.fingerprints import fingerprints
from linter.formatters import FormatOptions
from linter.formatters.ci import artifact_uri, full_message, in_source, rule_help
from linter.formatters.visible import json_safe
from linter.messages import finding_message

if TYPE_CHECKING:
    from linter.records import Catalogue, FileResult, Finding

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = f"ogilintFingerprint/{FINGERPRINT_VERSION}"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _rules(catalogue: Catalogue, lang: str) -> list[dict[str, Any]]:
    out = []
    for rule_id in catalogue.ids():
        variants = [r for r in catalogue.rules if r.id == rule_id]
        first = variants[0]
        help_text = rule_help(variants, lang)
        out.append(
            {
                "id": rule_id,
                "shortDescription": {"text": first.title[lang]},
                "fullDescription": {"text": (first.help or first.title)[lang].strip()},
                "help": {"text": help_text},
                "defaultConfiguration": {"level": LEVELS[first.severity]},
                "properties": {
                    "regimes": [r.regime for r in variants],
                    "article": {r.regime: r.article[lang] for r in variants},
                },
            }
        )
    return out


def _location(r: FileResult, f: Finding) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(r.path)}}
    if in_source(r) and not f.whole_report:
        region: dict[str, Any] = {
            "startLine": f.line,
            "startColumn": f.column,
            "endLine": f.end_line,
            "endColumn": max(f.end_column, f.column),
        }
        if f.excerpt:
            region["snippet"] = {"text": f.excerpt}
        physical["region"] = region
    return {"physicalLocation": physical}


def _properties(r: FileResult, f: Finding) -> dict[str, Any]:
    props: dict[str, Any] = {"details": f.details}
    if f.section:
        props["section"] = f.section
    if not f.whole_report and not in_source(r):
        # Lines of the extracted text (`ogilint extract`), and the file's own place.
        props["extracted"] = {"line": f.line, "column": f.column}
        props.update(f.location.native())
    return props


def _results(
    r: FileResult, catalogue: Catalogue, rule_index: dict[str, int], options: FormatOptions
):
    for f, fingerprint in zip(r.findings, fingerprints(r.findings), strict=True):
        message = finding_message(f, catalogue, r.regime, options.lang)
        result = {
            "ruleId": f.rule,
            "ruleIndex": rule_index[f.rule],
            "level": LEVELS[f.severity],
            "message": {"text": full_message(message, f)},
            "locations": [_location(r, f)],
            "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
            "properties": _properties(r, f),
        }
        if options.baseline is not None:
            result["baselineState"] = "new"  # what a baseline did not know
        yield result


def render(results: Sequence[FileResult], catalogue: Catalogue, options: FormatOptions) -> str:
    rules = _rules(catalogue, options.lang)
    rule_index = {rule["id"]: i for i, rule in enumerate(rules)}
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "ogilint",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [
                    result
                    for r in results
                    for result in _results(r, catalogue, rule_index, options)
                ],
            }
        ],
    }
    return json_safe(json.dumps(log, ensure_ascii=False, indent=2, default=str)) + "\n"
