"""Configuration files found upward from each report, on real reports, through the CLI."""

from __future__ import annotations

import shutil

import pytest
from conftest import REPORTS, run_ogilint

# changzhou-2018 has two errors: total-mismatch (line 61) and invalid-email (line 5).
BOTH = {"total-mismatch", "invalid-email"}


@pytest.fixture()
def tree(tmp_path):
    """reports/changzhou-2018.txt and reports/old/changzhou-2018.txt under tmp_path."""
    (tmp_path / "reports" / "old").mkdir(parents=True)
    for folder in ("reports", "reports/old"):
        shutil.copy(REPORTS / "changzhou-2018.txt", tmp_path / folder)
    return tmp_path


def _write(path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def _rules_by_file(run) -> dict[str, set[str]]:
    return {f["path"]: {x["rule"] for x in f["findings"]} for f in run.json["files"]}


def test_the_nearest_file_wins_and_extend_inherits(tree):
    _write(tree / ".ogilint.yaml", "ignore: [invalid-email]\nfail-on: warning\n")
    _write(
        tree / "reports" / "old" / ".ogilint.yaml",
        'extend: ../../.ogilint.yaml\nper-file-ignores:\n  "changzhou-*.txt": [total-mismatch]\n',
    )
    run = run_ogilint("check", "reports", "--format", "json", cwd=tree)
    assert _rules_by_file(run) == {
        "reports/changzhou-2018.txt": {"total-mismatch"},
        "reports/old/changzhou-2018.txt": set(),  # inherited ignore + its own per-file-ignores
    }
    shown = run_ogilint("config", "reports/old/changzhou-2018.txt", cwd=tree).stdout
    assert f'ignore: ["invalid-email"]  # {tree / ".ogilint.yaml"}' in shown
    assert "per-file-ignores: " in shown and str(tree / "reports/old/.ogilint.yaml") in shown


def test_command_line_options_win_over_files(tree):
    _write(tree / ".ogilint.yaml", "ignore: [invalid-email]\nfail-on: info\nlang: en\n")
    configured = run_ogilint("check", "reports/changzhou-2018.txt", cwd=tree)
    assert "[invalid-email]" not in configured.stdout and "[total-mismatch]" in configured.stdout
    assert "differs from the sum" in configured.stdout  # lang: en
    overridden = run_ogilint(
        "check",
        "reports/changzhou-2018.txt",
        "--ignore",
        "total-mismatch",
        "--lang",
        "zh",
        cwd=tree,
    )
    assert "[invalid-email]" in overridden.stdout and "[total-mismatch]" not in overridden.stdout
    assert "电子邮箱" in overridden.stdout


def test_fail_on_from_the_working_folders_file(tree):
    _write(tree / ".ogilint.yaml", "select: [missing-title]\nfail-on: info\n")
    assert run_ogilint("check", "reports/changzhou-2018.txt", cwd=tree).code == 0
    _write(tree / ".ogilint.yaml", "select: [invalid-email]\nfail-on: info\n")
    assert run_ogilint("check", "reports/changzhou-2018.txt", cwd=tree).code == 1
    strict = run_ogilint("check", "reports/changzhou-2018.txt", "--fail-on", "error", cwd=tree)
    assert strict.code == 1


def test_pyproject_tool_table_is_read_and_ogilint_yaml_beside_it_wins(tree):
    _write(
        tree / "pyproject.toml",
        '[project]\nname = "x"\n\n[tool.ogilint]\nignore = ["invalid-email"]\n',
    )
    run = run_ogilint("check", "reports/changzhou-2018.txt", "--format", "json", cwd=tree)
    assert _rules_by_file(run)["reports/changzhou-2018.txt"] == {"total-mismatch"}
    _write(tree / ".ogilint.yaml", "ignore: [total-mismatch]\n")
    run = run_ogilint("check", "reports/changzhou-2018.txt", "--format", "json", cwd=tree)
    assert _rules_by_file(run)["reports/changzhou-2018.txt"] == {"invalid-email"}


def test_a_pyproject_without_the_table_is_no_configuration(tree):
    _write(tree / ".ogilint.yaml", "ignore: [invalid-email]\n")
    _write(tree / "reports" / "pyproject.toml", '[project]\nname = "x"\n')
    run = run_ogilint("check", "reports/changzhou-2018.txt", "--format", "json", cwd=tree)
    assert _rules_by_file(run)["reports/changzhou-2018.txt"] == {"total-mismatch"}


def test_exclude_leaves_files_out_when_a_folder_is_checked(tree):
    _write(tree / ".ogilint.yaml", "exclude: [reports/old/*]\n")
    run = run_ogilint("check", "reports", "--format", "json", cwd=tree)
    assert [f["path"] for f in run.json["files"]] == ["reports/changzhou-2018.txt"]


@pytest.mark.parametrize(
    ("name", "text", "line", "reason"),
    [
        (
            ".ogilint.yaml",
            "ignore: [invalid-email]\nfail_on: warning\n",
            2,
            "'fail_on' was unexpected",
        ),
        (".ogilint.yaml", "lang: fr\n", 1, "'lang' must be one of 'zh', 'en'"),
        (
            "pyproject.toml",
            '[project]\nname = "x"\n\n[tool.ogilint]\nlang = "zh"\nselects = ["x"]\n',
            6,
            "'selects' was unexpected",
        ),
    ],
)
def test_a_bad_file_is_one_line_with_file_and_line(tree, name, text, line, reason):
    _write(tree / name, text)
    run = run_ogilint("check", "reports", cwd=tree)
    assert run.code == 2 and run.stdout == ""
    assert run.stderr.startswith(f"ogilint: error: {tree / name}:{line}: "), run.stderr
    assert reason in run.stderr and len(run.stderr.strip().splitlines()) == 1


def test_an_unknown_rule_id_in_a_file_is_refused_naming_the_file(tree):
    _write(tree / ".ogilint.yaml", "ignore: [no-such-rule]\n")
    run = run_ogilint("check", "reports", cwd=tree)
    assert run.code == 2 and str(tree / ".ogilint.yaml") in run.stderr
    assert "no-such-rule" in run.stderr


def test_init_writes_a_valid_commented_file_once(tree):
    run = run_ogilint("init", cwd=tree)
    assert run.code == 0, run.stderr
    written = (tree / ".ogilint.yaml").read_text(encoding="utf-8")
    assert written.startswith("# ogilint configuration") and "# extend:" in written
    shown = run_ogilint("config", "reports", cwd=tree)  # read back through the schema
    assert shown.code == 0 and 'fail-on: "error"' in shown.stdout
    checked = run_ogilint("check", "reports", "--format", "json", cwd=tree)
    assert _rules_by_file(checked)["reports/changzhou-2018.txt"] == BOTH  # defaults change nothing
    again = run_ogilint("init", cwd=tree)
    assert again.code == 2 and "exists" in again.stderr
    assert (tree / ".ogilint.yaml").read_text(encoding="utf-8") == written


def test_the_readme_example_is_valid(tmp_path):
    import re

    from conftest import ROOT

    from linter.config import read_file

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("\n## Configuration\n") :]
    example = re.search(r"```yaml\n(.*?)```", section, re.S).group(1)
    (tmp_path / ".ogilint.yaml").write_text(example, encoding="utf-8")
    assert read_file(tmp_path / ".ogilint.yaml")["fail-on"] == "warning"


def test_a_severity_override_changes_the_findings_and_the_exit_code(tree):
    report = "reports/changzhou-2018.txt"
    assert run_ogilint("check", report, cwd=tree).code == 1  # two errors
    _write(tree / ".ogilint.yaml", "severity:\n  total-mismatch: warning\n  invalid-email: info\n")
    run = run_ogilint("check", report, "--format", "json", cwd=tree)
    assert run.code == 0, run.stdout  # nothing at or above error any more
    found = {f["rule"]: f["severity"] for f in run.json["files"][0]["findings"]}
    assert found == {"total-mismatch": "warning", "invalid-email": "info"}
    assert run_ogilint("check", report, "--fail-on", "warning", cwd=tree).code == 1
    zh = run_ogilint("check", report, cwd=tree).stdout
    assert ": 警告 [total-mismatch]" in zh and ": 提示 [invalid-email]" in zh


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ("severity:\n  total-mismatch: fatal\n", 2, "must be one of 'error', 'warning', 'info'"),
        (
            "severity:\n  no-such-rule: warning\n",
            None,
            "severity: unknown rule id(s): no-such-rule",
        ),
        ("rules: [missing-folder]\n", None, "rules: "),
    ],
)
def test_a_bad_severity_or_rules_key_is_refused_naming_the_file(tree, text, line, reason):
    _write(tree / ".ogilint.yaml", text)
    run = run_ogilint("check", "reports/changzhou-2018.txt", cwd=tree)
    where = f"{tree / '.ogilint.yaml'}:{line}: " if line else f"{tree / '.ogilint.yaml'}: "
    assert run.code == 2 and run.stderr.startswith(f"ogilint: error: {where}"), run.stderr
    assert reason in run.stderr and len(run.stderr.strip().splitlines()) == 1


LOCAL_RULE = """\
pack: local
rules:
  - id: local-other-matters
    severity: error
    title: {zh: 缺少其他事项, en: No other matters}
    message: {zh: 本单位要求写明其他需要报告的事项, en: our office requires the other matters part}
    regulation: {zh: 本单位要求, en: local policy}
    check: required_section
    params:
      headings: ['其他需要报告的事项']
    examples: {}
"""


def test_a_rules_folder_named_in_the_file_loads_a_user_rule(tree):
    (tree / "our-rules").mkdir()
    _write(tree / "our-rules" / "local.yaml", LOCAL_RULE)
    _write(
        tree / "reports" / ".ogilint.yaml",
        "rules: [../our-rules]\nseverity: {local-other-matters: warning}\n",
    )
    run = run_ogilint("check", "reports/changzhou-2018.txt", "--format", "json", cwd=tree)
    found = {f["rule"]: f for f in run.json["files"][0]["findings"]}
    assert found["local-other-matters"]["severity"] == "warning", run.stderr
    assert found["local-other-matters"]["message"] == "本单位要求写明其他需要报告的事项"
    # --rules on the command line adds to the file's folders (their ids stay known)
    (tree / "more").mkdir()
    _write(tree / "more" / "x.yaml", LOCAL_RULE.replace("local-other-matters", "local-more"))
    both = run_ogilint(
        "check", "reports/changzhou-2018.txt", "--rules", "more", "--format", "json", cwd=tree
    )
    assert {"local-other-matters", "local-more"} <= both.rules(), both.stderr
