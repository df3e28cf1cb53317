"""A user's rule file cannot hang a run, reach into Python objects or blow up memory."""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest
from conftest import REPORTS, run_ogilint

from linter import patterns
from linter.messages import fill
from linter.rulebook import RuleFileError, load_file

# The statement pattern backtracks combinatorially on a run of commas without a P:
# `re` takes far longer than any CI job on the 40 commas below (regex's own
# heuristics do not save it either). No static guard sees it: nothing nested repeats.
BACKTRACKING = r"(?:.*?,){30}P"

RULE = """\
pack: local
rules:
  - id: slow-rule
    severity: warning
    title: {zh: 慢规则, en: Slow rule}
    message: {zh: "缺少说明", en: "no statement"}
    regulation: {zh: 本单位要求, en: local policy}
    check: required_section
    params:
      headings: ['这个标题不存在']
      statements: ['STATEMENT']
    examples: {}
"""


def _rules(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "local.yaml").write_text(text, encoding="utf-8")
    return folder


def _report(tmp_path: Path) -> Path:
    # A real faulty report (its totals do not add up) with a line the pattern chokes on.
    report = tmp_path / "changzhou-2018.txt"
    shutil.copy(REPORTS / "changzhou-2018.txt", report)
    with report.open("a", encoding="utf-8") as out:
        out.write("\n" + "甲," * 40 + "\n")
    return report


def test_a_backtracking_user_pattern_gives_one_rule_timeout_and_the_other_findings(tmp_path):
    folder = _rules(tmp_path, RULE.replace("STATEMENT", BACKTRACKING.replace("\\", "\\\\")))
    started = time.monotonic()
    run = run_ogilint(
        "check", str(_report(tmp_path)), "--rules", str(folder), "--format", "json"
    )
    elapsed = time.monotonic() - started
    findings = run.json["files"][0]["findings"]
    timeouts = [f for f in findings if f["rule"] == "rule-timeout"]
    assert len(timeouts) == 1, findings
    assert timeouts[0]["details"]["rule"] == "slow-rule"
    assert "total-mismatch" in run.rules()  # the shipped rules still ran
    assert "slow-rule" not in run.rules()
    assert elapsed < 60  # bounded by the budget, not by the pattern (which takes hours)


def test_the_timeout_is_worded_naming_the_rule_in_text_output(tmp_path):
    folder = _rules(tmp_path, RULE.replace("STATEMENT", BACKTRACKING.replace("\\", "\\\\")))
    run = run_ogilint("check", str(_report(tmp_path)), "--rules", str(folder))
    line = next(x for x in run.stdout.splitlines() if "rule-timeout" in x)
    assert "slow-rule" in line and str(patterns.USER_RULE_BUDGET) in line


def test_shipped_rules_use_re_and_user_rules_a_time_bounded_matcher():
    assert isinstance(patterns.compile("概述"), re.Pattern)
    with patterns.time_bound(5):
        bounded = patterns.compile("概述")
        assert not isinstance(bounded, re.Pattern)
        assert bounded.search("一、概述").group(0) == "概述"
        assert [m.start() for m in bounded.finditer("概述,概述")] == [0, 3]


def test_a_pattern_past_the_deadline_raises_rule_timeout():
    with patterns.time_bound(0.2), pytest.raises(patterns.RuleTimeout):
        patterns.search(BACKTRACKING, "甲," * 40)


@pytest.mark.parametrize(
    ("message", "problem"),
    [
        ("{0}{", "Single '{' encountered"),
        ("{count.__class__}", "must be a plain name"),
        ("{rows[0]}", "must be a plain name"),
        ("{}", "must be a plain name"),
        ("{x:{y}}", "nested placeholder"),
    ],
)
def test_a_message_template_that_is_not_plain_names_is_refused_with_its_line(
    tmp_path, message, problem
):
    path = tmp_path / "x.yaml"
    path.write_text(RULE.replace('"缺少说明"', repr(message)), encoding="utf-8")
    with pytest.raises(RuleFileError) as error:
        load_file(path)
    assert str(error.value).startswith(f"{path}:6: message ")
    assert problem in str(error.value)


def test_filling_a_message_never_looks_up_attributes_or_items():
    assert fill("{count} 件", {"count": "3"}) == "3 件"
    assert fill("{unknown}", {}) == "{unknown}"  # left as written
    with pytest.raises(ValueError, match="plain name"):
        fill("{count.__class__}", {"count": "3"})


def test_an_alias_bomb_is_refused_before_it_is_expanded(tmp_path):
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(levels) + "\n" + RULE, encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(RuleFileError, match=r"bomb\.yaml:1: .*YAML aliases"):
        load_file(path)
    assert time.monotonic() - started < 5  # 10^9 values, never built
