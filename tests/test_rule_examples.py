"""Every example of every rule runs as its own test, named by pack and rule id.

A rule's examples run under the regime of the variant that holds them (the
first it names), or for a rule without variants under the first shipped pack
that loads it; an example with a `year` runs under the pack covering that year
when that pack has the rule. Adding a rule adds its tests, and a test counts
the examples in the YAML files so none can be left out.
"""

from __future__ import annotations

import re

import pytest
import yaml

from linter.document import Document
from linter.engine import Settings, check_document
from linter.messages import render
from linter.rulebook import Pack, Rule, rules_dir, shipped_packs


def _home(rule: Rule, packs: tuple[Pack, ...]) -> Pack:
    by_name = {p.name: p for p in packs}
    if rule.regimes:
        return by_name[rule.regimes[0]]
    return next(p for p in packs if any(r.source == rule.source for r in p.rules))


def _pack_for(rule: Rule, example, packs: tuple[Pack, ...]) -> Pack:
    year = None if isinstance(example, str) else example.get("year")
    for pack in packs:
        if year is not None and pack.covers(year) and _has_variant(pack, rule):
            return pack
    return _home(rule, packs)


def _has_variant(pack: Pack, rule: Rule) -> bool:
    key = (rule.id, rule.source, rule.regimes)
    return any((r.id, r.source, r.regimes) == key for r in pack.rules)


def _variants() -> list[Rule]:
    """Each shipped rule variant once (a pack's copy carries the pack's name)."""
    found: dict[tuple, Rule] = {}
    for pack in shipped_packs():
        for rule in pack.rules:
            found.setdefault((rule.id, rule.source, rule.regimes), rule)
    return list(found.values())


def _examples():
    packs = shipped_packs()
    for variant in _variants():
        for kind in ("pass", "fail"):
            for i, example in enumerate(variant.examples.get(kind) or []):
                pack = _pack_for(variant, example, packs)
                rule = next(r for r in pack.rules if r.id == variant.id)
                yield pytest.param(
                    pack, rule, kind, example, id=f"{pack.name}/{rule.id}/{kind}-{i}"
                )


EXAMPLES = list(_examples())


def _findings(pack, rule, example):
    text = example if isinstance(example, str) else example["text"]
    year = None if isinstance(example, str) else example.get("year")
    settings = Settings(select=frozenset({rule.id}), regime=pack.name, year=year)
    result = check_document(Document("example.txt", text), shipped_packs(), settings)
    return [f for f in result.findings if f.rule == rule.id]


@pytest.mark.parametrize(("pack", "rule", "kind", "example"), EXAMPLES)
def test_rule_example(pack, rule, kind, example):
    found = _findings(pack, rule, example)
    if kind == "pass":
        said = found and render(rule.message, found[0].evidence, "zh")
        assert not found, f"{rule.id} fired on its passing example: {said}"
    else:
        assert found, f"{rule.id} did not fire on its failing example"
        for finding in found:  # every placeholder of the message is filled, in each language
            for lang in ("zh", "en"):
                message = render(rule.message, finding.evidence, lang)
                assert not re.search(r"\{\w+\}", message), message


def _examples_in_yaml() -> int:
    """Examples written in the shipped rule files, counted from the YAML itself."""
    total = 0
    for path in rules_dir().glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for entry in data.get("rules") or ():
            for holder in [entry, *(entry.get("variants") or ())]:
                examples = holder.get("examples") or {}
                total += len(examples.get("pass") or ()) + len(examples.get("fail") or ())
    return total


def test_every_example_in_the_yaml_runs_as_one_test():
    assert len(EXAMPLES) == _examples_in_yaml()
    assert len({p.id for p in EXAMPLES}) == len(EXAMPLES)


def test_every_rule_but_input_error_has_both_kinds_of_example():
    from linter.history import CROSS_YEAR

    for rule in _variants():
        # Year-to-year rules read two reports (tests/test_year_to_year.py), not one text.
        if rule.check == "input" or rule.check in CROSS_YEAR:
            continue
        assert rule.examples.get("pass") and rule.examples.get("fail"), (rule.id, rule.regimes)
