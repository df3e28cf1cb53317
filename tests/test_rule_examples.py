"""Every rule's pass/fail examples run as tests: adding a rule adds its tests."""

from __future__ import annotations

import re

import pytest

from linter.document import Document
from linter.engine import Settings, check_document
from linter.messages import render
from linter.rulebook import shipped_packs


def _examples():
    seen = set()
    for pack in shipped_packs():
        for rule in pack.rules:
            for kind in ("pass", "fail"):
                for i, example in enumerate(rule.examples.get(kind) or []):
                    key = (rule.id, kind, i)
                    if key not in seen:
                        seen.add(key)
                        yield pytest.param(pack, rule, kind, example, id=f"{rule.id}-{kind}-{i}")


def _findings(pack, rule, example):
    text = example if isinstance(example, str) else example["text"]
    year = None if isinstance(example, str) else example.get("year")
    settings = Settings(select=frozenset({rule.id}), regime=pack.name, year=year)
    result = check_document(Document("example.txt", text), (pack, *shipped_packs()), settings)
    return [f for f in result.findings if f.rule == rule.id]


@pytest.mark.parametrize(("pack", "rule", "kind", "example"), list(_examples()))
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


def test_every_rule_but_input_error_has_both_kinds_of_example():
    for pack in shipped_packs():
        for rule in pack.rules:
            if rule.check == "input":
                continue
            assert rule.examples.get("pass") and rule.examples.get("fail"), rule.id
