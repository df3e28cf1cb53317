"""From one year's report to the next: the checks only a pair of reports makes possible.

The standard format carries figures over: this year's 二、上年结转 is last year's
四、结转下年度继续办理, column by column; this year's 现行有效件数 of 规章 and
行政规范性文件 is last year's, plus 本年制发, less 本年废止 (2021 format); in the
2019 format this year's 上一年项目数量 is last year's, plus last year's 本年增/减.

This stage runs after every file has been checked, on their `ReportFacts`
(issuer, year, every table cell by template row and column) and never re-reads
a file. Reports are paired by issuer (the normalised name from the title,
`issuer_key`) and consecutive years; earlier years may come from the same run or
from `--history DIR`. A finding goes on the later report, names the earlier file
and writes the arithmetic out. The rules are YAML (rules/year-to-year.yaml); the
check kinds are here, not in linter/checks, because they read two reports' facts,
not one document.

A finding of the later report that the earlier one also had (same rule, same
part or cell) is marked `repeated_from` the earlier year, once, on the later
report: a drafter fixing this year's report sees which faults are old.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from decimal import Decimal
from typing import Any

from linter.engine import Settings, active_rules
from linter.records import (
    INPUT_ERROR,
    INTERNAL_ERROR,
    Evidence,
    FileResult,
    Finding,
    Location,
    Number,
    ReportFacts,
    Severity,
    TemplateCell,
)
from linter.rulebook import Pack, Rule

Pair = tuple[FileResult, FileResult]  # (earlier, later)
CrossCheck = Callable[[Pair, dict[str, Any]], Iterator[tuple[Evidence, dict[str, Any] | None]]]

_NEVER_REPEATED = (INPUT_ERROR, INTERNAL_ERROR)


def pairs(results: Sequence[FileResult], earlier: Sequence[FileResult] = ()) -> Iterator[Pair]:
    """(last year's result, this year's) for each result of `results` that has one.

    Two reports of one issuer for one year (a draft and the final, say) make
    the pairing ambiguous: neither is used, rather than guess.
    """
    by_issuer: dict[tuple[str, int], list[FileResult]] = defaultdict(list)
    for result in [*results, *earlier]:
        facts = result.facts
        if facts and facts.issuer_key and facts.year:
            by_issuer[(facts.issuer_key, facts.year)].append(result)
    for later in results:
        facts = later.facts
        if not (facts and facts.issuer_key and facts.year):
            continue
        before = by_issuer.get((facts.issuer_key, facts.year - 1), [])
        if len(before) == 1 and len(by_issuer[(facts.issuer_key, facts.year)]) == 1:
            yield before[0], later


def _value(facts: ReportFacts, table: str, row: str, column: str) -> Decimal | None:
    value = facts.figure(table, row, column)
    return None if value is None else Decimal(str(value))


def _place(facts: ReportFacts, table: str, row: str, column: str) -> dict[str, Any] | None:
    for f in facts.figures:
        if (f.table, f.row, f.column, f.printing) == (table, row, column, 0):
            return dict(f.place)
    return None


def _shown(value: Decimal) -> Number:
    return int(value) if value == value.to_integral_value() else float(value)


def carryover(pair: Pair, params: dict[str, Any]) -> Iterator[tuple[Evidence, dict | None]]:
    """This year's carried-over row equals last year's carried-forward row, per column."""
    before, later = pair[0].facts, pair[1].facts
    assert before and later
    table, row, earlier_row = params["table"], params["row"], params["earlier_row"]
    for column in params["columns"]:
        now = _value(later, table, row, column)
        then = _value(before, table, earlier_row, column)
        if now is None or then is None or now == then:
            continue
        facts = {
            "column": column,
            "value": _shown(now),
            "earlier_value": _shown(then),
            "earlier_year": before.year,
            "earlier_file": pair[0].path,
        }
        arithmetic = f"{before.year}年 {earlier_row} {column} = {then} ≠ {now}"
        cell = TemplateCell(table, row, column)
        yield Evidence(facts, arithmetic, cell), _place(later, table, row, column)


def stock(pair: Pair, params: dict[str, Any]) -> Iterator[tuple[Evidence, dict | None]]:
    """This year's stock is last year's, plus what was added, less what was repealed."""
    before, later = pair[0].facts, pair[1].facts
    assert before and later
    table = params["table"]
    for rule in params["stocks"]:
        layout = rule["layout"]
        if later.layouts.get(table) != layout or before.layouts.get(table) != layout:
            continue  # a change of format between the years: the columns are not the same
        for row in rule["rows"]:
            yield from _stock_row(pair, table, row, rule)


def _stock_row(pair: Pair, table: str, row: str, rule: dict[str, Any]):
    before, later = pair[0].facts, pair[1].facts
    assert before and later
    now = _value(later, table, row, rule["now"])
    then = _value(before, table, row, rule["before"])
    terms = [(c, 1, later) for c in rule.get("plus", ())]
    terms += [(c, -1, later) for c in rule.get("minus", ())]
    terms += [(c, 1, before) for c in rule.get("plus_before", ())]
    values = [(c, sign, _value(f, table, row, c)) for c, sign, f in terms]
    if now is None or then is None or any(v is None for _, _, v in values):
        return
    expected = then + sum(sign * v for _, sign, v in values)  # type: ignore[operator]
    if expected == now:
        return
    steps = "".join(f" {'+' if sign > 0 else '−'} {v}" for _, sign, v in values)
    arithmetic = f"{then}{steps} = {expected} ≠ {now}"
    facts = {
        "row": row,
        "column": rule["now"],
        "value": _shown(now),
        "expected": _shown(expected),
        "earlier_year": before.year,
        "earlier_file": pair[0].path,
    }
    cell = TemplateCell(table, row, rule["now"])
    yield Evidence(facts, arithmetic, cell), _place(later, table, row, rule["now"])


CROSS_YEAR: dict[str, CrossCheck] = {"carryover": carryover, "stock": stock}


def cross_year(
    results: Sequence[FileResult],
    packs: tuple[Pack, ...],
    rules_of: Callable[[Pack], Iterable[Rule]],
    earlier: Sequence[FileResult] = (),
) -> list[FileResult]:
    """`results` with the year-to-year findings added and repeated faults marked.

    `rules_of(pack)` gives the rules active under a pack (select/ignore applied).
    """
    by_name = {p.name: p for p in packs}
    found: dict[str, Pair] = {
        later.path: (before, later) for before, later in pairs(results, earlier)
    }
    out = []
    for result in results:
        pair = found.get(result.path)
        pack = by_name.get(result.regime or "")
        if pair is None or pack is None:
            out.append(result)
            continue
        added = [f for rule in rules_of(pack) for f in _findings(pair, rule)]
        findings = _mark_repeated([*result.findings, *added], pair[0])
        out.append(replace(result, findings=tuple(sorted(findings, key=Finding.sort_key))))
    return out


def _findings(pair: Pair, rule: Rule) -> Iterator[Finding]:
    check = CROSS_YEAR.get(rule.check)
    if check is None:
        return
    for evidence, place in check(pair, rule.params):
        if not place:  # a cell the facts hold without a place: the finding is the report's
            yield Finding(
                pair[1].path, rule.id, Severity(rule.severity), evidence=evidence, whole_report=True
            )
            continue
        line, column = place.pop("line"), place.pop("column")
        location = Location(line, column, line, column + 1, **place)
        yield Finding(pair[1].path, rule.id, Severity(rule.severity), location, evidence)


def _anchor(finding: Finding) -> tuple[Any, ...]:
    """What makes two years' findings "the same fault": the rule and its part or cell."""
    cell = finding.evidence.cell
    return (finding.rule, cell, finding.section if cell is None else None)


def _mark_repeated(findings: list[Finding], before: FileResult) -> list[Finding]:
    year = before.facts.year if before.facts else None
    old = {_anchor(f) for f in before.findings if f.rule not in _NEVER_REPEATED}
    return [
        replace(f, repeated_from=year) if _anchor(f) in old and f.rule not in _NEVER_REPEATED else f
        for f in findings
    ]


class YearToYear:
    """The stage as results come one at a time (the CLI streams text output).

    `add` compares a result with the --history reports and the results already
    added; `late` gives, after the last file, the year-to-year findings of a file
    whose earlier report came after it (only those findings: the file itself was
    already said); `all` does the whole run at once, for formats written at the end.
    """

    def __init__(self, packs: tuple[Pack, ...], settings: Settings, earlier=()) -> None:
        self.packs, self.settings = packs, settings
        self._earlier: list[FileResult] = list(earlier)
        self._seen: list[FileResult] = []
        self._unpaired: list[FileResult] = []
        every = [*(r for p in packs for r in p.rules), *settings.extra_rules]
        self._cross_rules = {r.id for r in every if r.check in CROSS_YEAR}

    def _rules(self, pack: Pack) -> list[Rule]:
        return active_rules(pack, self.settings)

    def _compare(self, result: FileResult, others: list[FileResult]) -> FileResult | None:
        """`result` with its year-to-year findings, or None when nothing pairs it."""
        if not any(True for _ in pairs([result], others)):
            return None
        return cross_year([result], self.packs, self._rules, others)[0]

    def add(self, result: FileResult) -> FileResult:
        compared = self._compare(result, [*self._earlier, *self._seen])
        self._seen.append(result)
        if compared is None:
            self._unpaired.append(result)
            return result
        return compared

    def late(self) -> Iterator[FileResult]:
        everything = [*self._earlier, *self._seen]
        for result in self._unpaired:
            compared = self._compare(result, [r for r in everything if r is not result])
            if compared is None:
                continue
            added = tuple(f for f in compared.findings if f.rule in self._cross_rules)
            if added:
                yield replace(result, findings=added)

    def all(self, results: Sequence[FileResult]) -> list[FileResult]:
        return cross_year(results, self.packs, self._rules, self._earlier)

    def changed(
        self, lean: Sequence[FileResult], full: Callable[[int], FileResult]
    ) -> dict[int, FileResult]:
        """What `all` changes, for a run whose results are kept elsewhere (linter/spool.py).

        `lean[i]` is result i with its facts but not its findings (pairing reads
        only the facts); `full(i)` reads result i back. Gives the results `all`
        would change, by index: only the paired ones are read back.
        """
        index = {id(r): i for i, r in enumerate(lean)}
        out: dict[int, FileResult] = {}
        for before, later in pairs(lean, self._earlier):
            earlier = full(index[id(before)]) if id(before) in index else before
            i = index[id(later)]
            out[i] = cross_year([full(i)], self.packs, self._rules, [earlier])[0]
        return out
