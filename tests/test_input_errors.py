"""Errors that say what happened: input-error codes with words in both languages,
and a crashing rule reported as its own finding while the others' are kept."""

from __future__ import annotations

import ast
import string

import pytest
from conftest import REPORTS, ROOT

from linter.checks import CHECKS
from linter.document import Document
from linter.engine import Settings, catalogue, check_document
from linter.loaders import load_path
from linter.loaders.reasons import catalogue as reasons
from linter.messages import finding_message
from linter.records import INTERNAL_ERROR
from linter.rulebook import Rule, shipped_packs


def _raised_codes() -> dict[str, set[str]]:
    """Every `InputError(...)` in linter/: its code and the names of the values it gives."""
    codes: dict[str, set[str]] = {}
    for path in sorted((ROOT / "linter").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "InputError"):
                continue
            first = node.args[0] if node.args else None
            # A code computed at run time could not be checked here: every code is a literal.
            assert isinstance(first, ast.Constant), f"{path}:{node.lineno}: code not a literal"
            codes.setdefault(first.value, set()).update(k.arg for k in node.keywords)
    return codes


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_raised_code_has_words_in_both_languages_for_the_values_it_gives():
    raised = _raised_codes()
    assert len(raised) >= 30  # the scan found the loaders' codes
    for code, given in raised.items():
        assert code in reasons(), f"{code!r} is raised but has no words"
        for lang in ("zh", "en"):
            text = reasons()[code].get(lang, "")
            assert text.strip(), f"{code!r} has no {lang} words"
            assert _placeholders(text) <= given, (code, lang, _placeholders(text) - given)


def test_every_code_with_words_is_raised_somewhere():
    assert set(reasons()) <= set(_raised_codes()), set(reasons()) - set(_raised_codes())


def _boom(doc, params, ctx):
    yield from ()
    raise ZeroDivisionError("planted")


@pytest.fixture
def crashing_rule(monkeypatch) -> Rule:
    # A rule whose check kind fails on every document, as a bug would.
    monkeypatch.setitem(CHECKS, "boom", _boom)
    return Rule(
        id="planted-crash",
        severity="warning",
        title={"zh": "崩溃", "en": "crash"},
        message={"zh": "不会出现", "en": "never shown"},
        regulation={"zh": "无", "en": "none"},
        check="boom",
        params={},
        examples={},
        description=None,
        pack="test",
        source="test.yaml:1",
    )


def test_a_crashing_rule_is_its_own_finding_and_the_others_are_kept(crashing_rule):
    doc = load_path(str(REPORTS / "changzhou-2018.txt"))
    packs = shipped_packs()
    alone = check_document(doc, packs, Settings())
    settings = Settings(extra_rules=(crashing_rule,))
    result = check_document(doc, packs, settings)
    crashes = [f for f in result.findings if f.rule == INTERNAL_ERROR]
    assert [f.details for f in crashes] == [
        {"rule": "planted-crash", "error": "ZeroDivisionError: planted"}
    ]
    assert [f for f in result.findings if f.rule != INTERNAL_ERROR] == list(alone.findings)
    assert alone.findings and result.input_error  # exit code 2: a bug was met
    said = finding_message(crashes[0], catalogue([result], packs, settings), result.regime, "en")
    assert said.startswith("internal error: rule planted-crash failed on this file")


def test_a_crash_inside_one_rule_does_not_stop_the_rules_after_it(crashing_rule):
    text = "示例县2018年政府信息公开工作年度报告\n电话:12345678\n"
    settings = Settings(extra_rules=(crashing_rule,))
    result = check_document(Document("x.txt", text), shipped_packs(), settings)
    rules = [f.rule for f in result.findings]
    assert INTERNAL_ERROR in rules and "invalid-phone" in rules
