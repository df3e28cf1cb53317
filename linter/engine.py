"""Checking: a pure function of (document, rules, settings) -> findings.

load -> normalise -> structure -> check -> filter -> format: this module is
the check and filter stages. It picks the pack, runs each selected rule's
check kind, and turns hits into findings that name the rule and the place in
the source. It never prints and never words a message: the formatters do,
from the `Catalogue` of the rules that ran (`catalogue`), so one run can be
written in Chinese for a person and in English for a machine.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from linter import patterns
from linter.analysis import analyse
from linter.checks import CHECKS, Context
from linter.document import Document
from linter.facts import report_facts
from linter.limits import MAX_FILE_MB, TIME_LIMIT
from linter.records import (
    INPUT_ERROR,
    INTERNAL_ERROR,
    RULE_TIMEOUT,
    Catalogue,
    Evidence,
    FileResult,
    Finding,
    Hit,
    Location,
    RuleInfo,
    Severity,
    Term,
)
from linter.regimes import FALLBACK, select_pack
from linter.rulebook import Pack, Rule
from linter.sections import Heading, Outline
from linter.source_view import source_view
from linter.suppressions import UNUSED_SUPPRESSION, Suppression
from linter.suppressions import apply as apply_suppressions

_EXCERPT_REACH = 40  # characters of context either side of a finding's span


@dataclass(frozen=True)
class Settings:
    select: frozenset[str] = frozenset()
    ignore: frozenset[str] = frozenset()
    regime: str = "auto"
    year: int | None = None
    extra_rules: tuple[Rule, ...] = ()
    # Per-rule severity overrides (configuration `severity:`), as (rule id, severity) pairs.
    severity: tuple[tuple[str, str], ...] = ()
    keep_source: bool = False  # attach the SourceView (formats with NEEDS_SOURCE: html)
    max_bytes: int = MAX_FILE_MB * 1024 * 1024  # a larger report is an input error
    time_limit: float = TIME_LIMIT  # seconds for one report; 0: none


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
    # An override changes the rule itself, so findings, the catalogue and --fail-on agree.
    levels = dict(settings.severity)
    return [
        replace(r, severity=levels[r.id]) if r.id in levels else r
        for r in rules
        if r.id not in settings.ignore
    ]


def check_document(doc: Document, packs: tuple[Pack, ...], settings: Settings) -> FileResult:
    """All findings of `doc` under the pack its year (or --regime) selects."""
    analysis = analyse(doc)
    year = settings.year if settings.year is not None else analysis.year
    pack = select_pack(packs, year, settings.regime)
    context = Context(year=year, regime=pack, analysis=analysis)
    findings: list[Finding] = []
    rules = active_rules(pack, settings)
    # By id: an override in `severity:` makes a copy of the user's rule.
    users = {r.id for r in settings.extra_rules}
    for rule in rules:
        if rule.id in users:  # a user's patterns: bounded in time
            findings.extend(_run_user_rule(doc, rule, context, packs))
        else:
            findings.extend(_run_rule(doc, rule, context, packs))
    findings, suppressed = _suppress(doc, analysis.outline, findings, rules, packs, settings)
    findings.sort(key=Finding.sort_key)
    facts = report_facts(doc, analysis, pack, year)
    source = source_view(doc) if settings.keep_source else None
    return FileResult(
        doc.path,
        pack.name,
        year,
        doc.encoding,
        tuple(findings),
        dict(doc.meta),
        suppressed=suppressed,
        source=source,
        facts=facts,
    )


def _suppress(
    doc: Document, outline: Outline, findings: list[Finding], rules, packs, settings: Settings
) -> tuple[list[Finding], int]:
    """The filter stage of in-report directives: kept findings, how many were hidden."""
    known = {r.id for p in packs for r in p.rules} | {r.id for r in settings.extra_rules}
    stage = apply_suppressions(doc, outline, findings, {r.id for r in rules}, known)
    reporter = next((r for r in rules if r.id == UNUSED_SUPPRESSION), None)
    unused = [
        _unused_finding(doc, outline, reporter, directive, idle, part)
        for directive, idle, part in stage.unused
        if reporter is not None
    ]
    return [*stage.kept, *unused], stage.suppressed


def _unused_finding(
    doc: Document,
    outline: Outline,
    rule: Rule,
    directive: Suppression,
    idle: tuple[str, ...],
    part: Heading | None,
) -> Finding:
    """`unused-suppression` at the directive (or the text its comment is anchored on)."""
    # A text report's directive line reads as empty: the excerpt is the comment's anchor, if any.
    excerpt, offset = _excerpt(doc, directive.line, 1)
    end = 1 + max(1, len(excerpt) - offset)
    native = doc.location_at(directive.line, 1)
    facts = {"directive": directive.text, "rules": list(idle) or [directive.text]}
    return Finding(
        doc.path,
        rule.id,
        Severity(rule.severity),
        Location(directive.line, 1, directive.line, end, **native),
        Evidence(facts),
        section=_section_label(doc, outline, part.start) if part else None,
        excerpt=excerpt,
        excerpt_offset=offset,
    )


def _run_rule(doc: Document, rule: Rule, context: Context, packs) -> list[Finding]:
    """The rule's findings; a crash inside it is its own finding, not the file's end."""
    try:
        hits = CHECKS[rule.check](doc, rule.params, context)
        return [to_finding(doc, rule, hit, context.analysis.outline) for hit in hits]
    except patterns.RuleTimeout:
        raise  # not a bug in the rule's code: the caller reports it as rule-timeout
    except Exception as exc:  # a bug in one rule must not hide the others' findings
        return [internal_error(doc.path, rule.id, exc, packs)]


def _run_user_rule(doc: Document, rule: Rule, context: Context, packs) -> list[Finding]:
    """A user rule's findings, or one `rule-timeout` when its patterns ran past the budget."""
    try:
        with patterns.time_bound(patterns.USER_RULE_BUDGET):
            # Findings are built inside the bound too: a lazily matched pattern
            # (a generator of hits) runs only as they are taken.
            return _run_rule(doc, rule, context, packs)
    except patterns.RuleTimeout as exc:
        facts = {
            "rule": rule.id,
            "seconds": patterns.USER_RULE_BUDGET,
            "pattern": str(exc),
        }
        return [
            Finding(
                doc.path,
                RULE_TIMEOUT,
                _severity(RULE_TIMEOUT, packs),
                whole_report=True,
                evidence=Evidence(facts),
            )
        ]


def internal_error(path: str, rule_id: str, exc: BaseException, packs) -> Finding:
    """The `internal-error` finding for a rule that crashed on this file."""
    facts = {"rule": rule_id, "error": f"{type(exc).__name__}: {exc}"}
    return Finding(
        path,
        INTERNAL_ERROR,
        _severity(INTERNAL_ERROR, packs),
        whole_report=True,
        evidence=Evidence(facts),
    )


def input_error(
    path: str, code: str, texts: dict[str, str], packs: tuple[Pack, ...], settings: Settings
) -> FileResult:
    """The result for a file that could not be read: one input-error finding.

    `texts` is the reason in each language; its English is the stable
    `details.reason` machines read, beside `details.code`.
    """
    evidence = Evidence({"reason": Term(texts["en"], texts), "code": code})
    finding = Finding(
        path, INPUT_ERROR, _severity(INPUT_ERROR, packs), whole_report=True, evidence=evidence
    )
    return FileResult(path, None, settings.year, None, (finding,))


def _severity(rule_id: str, packs: tuple[Pack, ...]) -> Severity:
    rule = next((r for p in packs for r in p.rules if r.id == rule_id), None)
    return Severity(rule.severity) if rule else Severity.ERROR


def catalogue(
    results: Sequence[FileResult], packs: tuple[Pack, ...], settings: Settings
) -> Catalogue:
    """The rules that ran on `results` (with --rules ones), each in its regime's variant.

    Every pack met contributes its active rules; the input-error and
    internal-error rules are always there, since any file may need them.
    """
    by_name = {p.name: p for p in packs}
    met = dict.fromkeys(r.regime or FALLBACK for r in results) or {FALLBACK: None}
    infos: dict[tuple[str, str], RuleInfo] = {}
    for name in met:
        pack = by_name.get(name) or by_name[FALLBACK]
        always = [r for r in pack.rules if r.id in (INPUT_ERROR, INTERNAL_ERROR, RULE_TIMEOUT)]
        for rule in [*active_rules(pack, settings), *always]:
            infos.setdefault((rule.id, pack.name), rule_info(rule, pack.name))
    return Catalogue(tuple(infos.values()))


def rule_info(rule: Rule, regime: str) -> RuleInfo:
    """What formatters may say about `rule` as it ran under `regime`."""
    return RuleInfo(
        id=rule.id,
        severity=Severity(rule.severity),
        title=rule.title,
        message=rule.message,
        article=rule.regulation,
        regime=regime,
        examples=rule.examples,
        help=rule.description,
        source=rule.source,
    )


def to_finding(doc: Document, rule: Rule, hit: Hit, outline: Outline) -> Finding:
    """Name and place a check's hit."""
    severity = Severity(rule.severity)
    if hit.whole_report:
        return Finding(doc.path, rule.id, severity, whole_report=True, evidence=hit.evidence)
    span = doc.span(hit.start, hit.end)
    excerpt, offset = _excerpt(doc, span.line, span.column)
    # A table check knows its grid cell's place; other hits are placed by their span.
    native = dict(hit.place) if hit.place else doc.location_at(span.line, span.column)
    # A zero-width hit (a blank cell at the end of its row) is widened to one
    # character by its check; at a line's end that character is the line break,
    # which is not on the line: the span stops at the line's end.
    end_column = min(span.end_column, len(doc.lines[span.end_line - 1]) + 1)
    location = Location(span.line, span.column, span.end_line, end_column, **native)
    return Finding(
        doc.path,
        rule.id,
        severity,
        location,
        hit.evidence,
        section=_section_label(doc, outline, hit.start),
        excerpt=excerpt,
        excerpt_offset=offset,
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
