"""The sweep's table: one row per report, shared by the csv, xlsx and dashboard formats.

A reviewer checking a province's reports wants them side by side: who issued
each, for which year, under which regime, when it was published and whether
late, its key figures (linter/facts.py), and how many findings of each
severity and of each rule. The columns' words are data
(rules/messages/sweep.yaml), in zh and en; values stay typed (numbers as
numbers, None for unknown) until a format writes them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import yaml

from linter.records import KEY_FIGURES
from linter.rulebook import rules_dir

if TYPE_CHECKING:
    from linter.records import Catalogue, FileResult

WORDS = "messages/sweep.yaml"
FACT_COLUMNS = ("issuer", "issuer_kind", "year", "regime", "published", "late")
SEVERITY_COLUMNS = {"error": "errors", "warning": "warnings", "info": "infos"}
COLUMNS = ("path", *FACT_COLUMNS, *KEY_FIGURES, *SEVERITY_COLUMNS.values())


@lru_cache(maxsize=1)
def words() -> dict[str, Any]:
    """The sweep's words: columns, kinds, yes/no, the dashboard's titles."""
    return yaml.safe_load((rules_dir() / WORDS).read_text(encoding="utf-8"))


def word(key: str, lang: str, section: str | None = None) -> str:
    entry = words()[section][key] if section else words()[key]
    return entry[lang]


@dataclass(frozen=True)
class Scorecard:
    """Column keys, their headings in one language, and one row of values per report."""

    keys: tuple[str, ...]  # COLUMNS, then the rule ids
    headings: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    rules: tuple[str, ...]  # the rule columns, in the order the rules ran


def rule_columns(results: Sequence[FileResult], catalogue: Catalogue) -> tuple[str, ...]:
    """Every rule that ran, then any other rule a finding names (an input error's)."""
    ids = dict.fromkeys(catalogue.ids())
    for r in results:
        ids.update(dict.fromkeys(f.rule for f in r.findings))
    return tuple(ids)


def scorecard(results: Sequence[FileResult], catalogue: Catalogue, lang: str) -> Scorecard:
    rules = rule_columns(results, catalogue)
    headings = tuple(word(k, lang, "columns") for k in COLUMNS) + rules
    rows = tuple(_row(r, rules, lang) for r in results)
    return Scorecard((*COLUMNS, *rules), headings, rows, rules)


def _row(result: FileResult, rules: tuple[str, ...], lang: str) -> tuple[Any, ...]:
    facts = result.facts
    kind = facts.issuer_kind if facts else None
    late = facts.late if facts else None
    values: dict[str, Any] = {
        "path": result.path,
        "issuer": facts.issuer if facts else None,
        "issuer_kind": word(kind, lang, "kinds") if kind else None,
        "year": result.year,
        "regime": result.regime,
        "published": facts.published if facts else None,
        "late": None if late is None else word("late_yes" if late else "late_no", lang),
    }
    for key in KEY_FIGURES:
        values[key] = facts.key.get(key) if facts else None
    severities = Counter(f.severity.value for f in result.findings)
    for severity, column in SEVERITY_COLUMNS.items():
        values[column] = severities[severity]
    per_rule = Counter(f.rule for f in result.findings)
    return tuple(values[k] for k in COLUMNS) + tuple(per_rule[r] for r in rules)
