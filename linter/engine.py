"""Checking: a pure function of (document, rules, settings) -> findings.

load -> normalise -> structure -> check -> filter -> format: this module is
the check and filter stages. It picks the pack, runs each selected rule's
check kind, and turns hits into findings with the rule's message in the
user's language and the location in the source. It never prints.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from linter.analysis import analyse
from linter.checks import CHECKS, Context
from linter.document import Document
from linter.findings import Finding
from linter.messages import render
from linter.records import Evidence, Hit
from linter.regimes import select_pack
from linter.rulebook import Pack, Rule
from linter.sections import Outline

INPUT_ERROR_RULE = "input-error"
_EXCERPT_REACH = 40  # characters of context either side of a finding's span


@dataclass(frozen=True)
class Settings:
    lang: str = "zh"
    select: frozenset[str] = frozenset()
    ignore: frozenset[str] = frozenset()
    regime: str = "auto"
    year: int | None = None
    extra_rules: tuple[Rule, ...] = ()


@dataclass(frozen=True)
class FileResult:
    """Everything known about one input after checking."""

    path: str
    regime: str | None
    year: int | None
    encoding: str | None
    findings: tuple[Finding, ...] = ()
    meta: dict = field(default_factory=dict)

    @property
    def input_error(self) -> bool:
        return any(f.rule == INPUT_ERROR_RULE for f in self.findings)


def active_rules(pack: Pack, settings: Settings) -> list[Rule]:
    """The pack's rules plus extra rules, narrowed by --select and --ignore.

    An extra rule with variants joins the packs they name; one that says
    `override: true` replaces the shipped rule of its id.
    """
    extra = [r for r in settings.extra_rules if not r.regimes or pack.name in r.regimes]
    replaced = {r.id for r in settings.extra_rules if r.override}
    rules = [*(r for r in pack.rules if r.id not in replaced), *extra]
    if settings.select:
        rules = [r for r in rules if r.id in settings.select]
    return [r for r in rules if r.id not in settings.ignore]


def check_document(doc: Document, packs: tuple[Pack, ...], settings: Settings) -> FileResult:
    """All findings of `doc` under the pack its year (or --regime) selects."""
    analysis = analyse(doc)
    year = settings.year if settings.year is not None else analysis.year
    pack = select_pack(packs, year, settings.regime)
    context = Context(year=year, regime=pack.name, analysis=analysis)
    findings = [
        to_finding(doc, analysis.outline, rule, hit, settings.lang)
        for rule in active_rules(pack, settings)
        for hit in CHECKS[rule.check](doc, rule.params, context)
    ]
    findings.sort(key=Finding.sort_key)
    return FileResult(doc.path, pack.name, year, doc.encoding, tuple(findings), dict(doc.meta))


def input_error(path: str, reason: str, packs: tuple[Pack, ...], settings: Settings) -> FileResult:
    """The result for a file that could not be read: one input-error finding."""
    rule = next((r for p in packs for r in p.rules if r.id == INPUT_ERROR_RULE), None)
    if rule is None:
        message = reason
    else:
        said = {"zh": _translated(reason, rule.params.get("reasons", ())), "en": reason}
        message = render(rule.message, Evidence({"reason": said}), settings.lang)
    finding = Finding(
        path=path,
        rule=INPUT_ERROR_RULE,
        severity="error",
        message=message,
        line=1,
        column=1,
        end_line=1,
        end_column=1,
        whole_report=True,
        evidence=Evidence({"reason": reason}),
    )
    return FileResult(path, None, settings.year, None, (finding,))


def _translated(reason: str, catalogue) -> str:
    """The Chinese for a loader's English reason, from the rule's catalogue (else as is)."""
    for entry in catalogue:
        m = re.search(entry["match"], reason)
        if m:
            return entry["zh"].format(*m.groups())
    return reason


def to_finding(doc: Document, outline: Outline, rule: Rule, hit: Hit, lang: str) -> Finding:
    """Name, place and word a check's hit."""
    message = render(rule.message, hit.evidence, lang)
    common = {
        "path": doc.path,
        "rule": rule.id,
        "severity": rule.severity,
        "message": message,
        "evidence": hit.evidence,
    }
    if hit.whole_report:
        return Finding(line=1, column=1, end_line=1, end_column=1, whole_report=True, **common)
    span = doc.span(hit.start, hit.end)
    excerpt, offset = _excerpt(doc, span.line, span.column)
    return Finding(
        line=span.line,
        column=span.column,
        end_line=span.end_line,
        end_column=span.end_column,
        section=_section_label(doc, outline, hit.start),
        excerpt=excerpt,
        excerpt_offset=offset,
        location=doc.location_at(span.line, span.column),
        **common,
    )


def _section_label(doc: Document, outline: Outline, norm_start: int) -> str | None:
    heading = outline.top_section_of(doc.norm_line_of(norm_start))
    if heading is None:
        return None
    source = doc.span(heading.start, heading.end)
    line = doc.lines[source.line - 1]
    return line[source.column - 1 : source.end_column - 1].strip()


def _excerpt(doc: Document, line: int, column: int) -> tuple[str, int]:
    """The source line around the finding, and where the finding starts in it."""
    text = doc.lines[line - 1]
    start = max(0, column - 1 - _EXCERPT_REACH)
    window = text[start : column - 1 + _EXCERPT_REACH * 2]
    stripped = window.lstrip()
    return stripped.rstrip(), column - 1 - start - (len(window) - len(stripped))
