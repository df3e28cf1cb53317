"""Rule files: validated on load; a malformed one stops with file, line and reason."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from conftest import REPORTS, run_ogilint

from linter.rulebook import RuleFileError, load_file, rules_dir, shipped_packs

GOOD_RULE = """\
pack: local
rules:
  - id: local-rule
    severity: warning
    title: {zh: 本地规则, en: Local rule}
    message: {zh: 缺少概述, en: no overview}
    regulation: {zh: 本单位要求, en: local policy}
    check: required_section
    params:
      headings: ['概述']
    examples:
      pass: ["一、概述"]
      fail: ["一、其他"]
"""


def write(tmp_path: Path, text: str, name: str = "x.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_the_shipped_packs_load_and_ogi_2008_includes_the_common_rules():
    packs = {p.name: p for p in shipped_packs()}
    assert packs["ogi-2008"].years == (2008, 2018)
    ids = {r.id for r in packs["ogi-2008"].rules}
    assert {"missing-fees", "total-mismatch", "input-error", "missing-contact"} <= ids
    assert (rules_dir() / "schema.json").is_file()


@pytest.mark.parametrize(
    ("change", "line", "message"),
    [
        (
            ("severity: warning", "severity: fatal"),
            4,
            "'severity' must be one of 'error', 'warning', 'info'",
        ),
        (("check: required_section", "check: spelling"), 8, "'check' must be one of"),
        (("    title: {zh: 本地规则, en: Local rule}\n", ""), 3, "'title' is required"),
        (("headings: ['概述']", "headings: ['概述(']"), 10, "bad regular expression"),
        (("headings: ['概述']", "headings: ['(概+)+述']"), 10, "exponential time"),
        (("      headings: ['概述']\n", "      heading: ['概述']\n"), 10, "'headings' is required"),
    ],
)
def test_a_malformed_rule_file_names_file_line_and_reason(tmp_path, change, line, message):
    path = write(tmp_path, GOOD_RULE.replace(*change))
    with pytest.raises(RuleFileError) as error:
        load_file(path)
    assert str(error.value).startswith(f"{path}:{line}: ")
    assert message in str(error.value)


def test_invalid_yaml_is_reported_with_its_line(tmp_path):
    path = write(tmp_path, "pack: x\nrules:\n  - id: [unclosed\n")
    with pytest.raises(RuleFileError, match=r"x\.yaml:\d+: invalid YAML"):
        load_file(path)


def test_the_cli_stops_with_exit_2_and_one_line_on_a_bad_rules_dir(tmp_path):
    write(tmp_path, GOOD_RULE.replace("severity: warning", "severity: fatal"))
    run = run_ogilint("check", str(REPORTS / "wuxi-2015.txt"), "--rules", str(tmp_path))
    assert run.code == 2
    assert run.stderr.strip().count("\n") == 0
    assert run.stderr.startswith(
        f"ogilint: error: {tmp_path / 'x.yaml'}:4: 'severity' must be one of"
    )
    assert "Traceback" not in run.stderr


def test_extra_rules_from_a_user_directory_are_applied(tmp_path):
    write(tmp_path, GOOD_RULE.replace("['概述']", "['这个标题不存在']"))
    run = run_ogilint(
        "check",
        str(REPORTS / "wuxi-2015.txt"),
        "--rules",
        str(tmp_path),
        "--format",
        "json",
        "--select",
        "local-rule",
    )
    assert run.rules() == {"local-rule"}


def test_the_table_templates_are_validated_with_file_and_line(tmp_path):
    from linter.rulebook import load_validated, rules_dir

    text = (rules_dir() / "templates" / "standard-tables.yaml").read_text(encoding="utf-8")
    assert load_validated(
        rules_dir() / "templates" / "standard-tables.yaml", "templates/schema.json"
    )["templates"]
    broken = write(tmp_path, text.replace("kind: balance", "kind: ballance"), "t.yaml")
    with pytest.raises(RuleFileError, match=r"t\.yaml:\d+: "):
        load_validated(broken, "templates/schema.json")
