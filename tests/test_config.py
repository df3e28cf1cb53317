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
