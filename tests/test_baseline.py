"""--write-baseline / --baseline on real reports, through the real CLI."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import REPORTS, run_ogilint

NEW_DEFECT = "全市共制发规范性文件48件,主动公开45件,主动公开比例为95.8%。"  # 45/48 = 93.75%
INSERTED = (
    "2018年,我市继续深化政务公开,各项工作稳步推进。\n\n"
    "全市各级行政机关进一步明确政务公开工作职责,落实专人负责。\n\n"
)
BAD_EMAIL = "[email\u00a0protected]"  # what a web page's e-mail protection left in changzhou


@pytest.fixture()
def repo(tmp_path):
    """A folder of reports with a baseline of today's findings written beside it."""
    (tmp_path / "reports").mkdir()
    shutil.copy(REPORTS / "changzhou-2018.txt", tmp_path / "reports")
    shutil.copy(REPORTS / "baoding-2018.txt", tmp_path / "reports")
    run = run_ogilint("check", "reports", "--write-baseline", "baseline.json", cwd=tmp_path)
    assert run.code == 0, run.stderr  # today's findings are accepted
    assert "2 finding(s) recorded in baseline.json" in run.stderr
    return tmp_path


def _edit(repo, insert: str = "", fix_email: bool = False) -> None:
    """Insert paragraphs into 一、概述 (after line 9), above both baselined findings but one."""
    report = repo / "reports" / "changzhou-2018.txt"
    lines = report.read_text(encoding="utf-8").split("\n")
    text = "\n".join(lines[:9]) + "\n\n" + insert + "\n".join(lines[10:])
    if fix_email:
        assert BAD_EMAIL in text
        text = text.replace(BAD_EMAIL, "zwgk@changzhou.gov.cn")
    report.write_text(text, encoding="utf-8")


def test_the_baseline_records_path_rule_and_fingerprint_of_each_finding(repo):
    recorded = json.loads((repo / "baseline.json").read_text(encoding="utf-8"))
    assert recorded["fingerprints"] == "v1"
    assert [(e["path"], e["rule"], e["line"]) for e in recorded["findings"]] == [
        ("reports/changzhou-2018.txt", "invalid-email", 5),
        ("reports/changzhou-2018.txt", "total-mismatch", 61),
    ]


def test_baselined_findings_stay_hidden_after_paragraphs_are_inserted_above(repo):
    _edit(repo, INSERTED + NEW_DEFECT + "\n\n")
    moved = run_ogilint("check", "reports", "--format", "json", cwd=repo).json
    lines = {f["rule"]: f["line"] for f in moved["files"][1]["findings"]}
    assert lines["total-mismatch"] == 61 + 6  # without the baseline: still there, moved
    run = run_ogilint(
        "check", "reports", "--baseline", "baseline.json", "--format", "json", cwd=repo
    )
    found = [(f["rule"], f["line"]) for file in run.json["files"] for f in file["findings"]]
    assert found == [("percent-mismatch", 15)]  # only the new defect
    assert run.json["baseline"] == {"suppressed": 2, "fixed": []}
    assert run.code == 0  # a new warning, and --fail-on error
    strict = run_ogilint(
        "check", "reports", "--baseline", "baseline.json", "--fail-on", "warning", cwd=repo
    )
    assert strict.code == 1
    assert "[percent-mismatch]" in strict.stdout and "[total-mismatch]" not in strict.stdout
    assert "基线:2 个已知问题未显示,0 个已修复" in strict.stdout


def test_a_baselined_finding_that_no_longer_occurs_is_reported_fixed(repo):
    _edit(repo, INSERTED, fix_email=True)
    run = run_ogilint("check", "reports", "--baseline", "baseline.json", cwd=repo)
    assert run.code == 0
    assert "基线:1 个已知问题未显示,1 个已修复" in run.stdout
    assert "已修复 reports/changzhou-2018.txt [invalid-email](记录时在第5行)" in run.stdout
    english = run_ogilint(
        "check", "reports", "--baseline", "baseline.json", "--format", "json", cwd=repo
    ).json["baseline"]
    assert [(e["rule"], e["line"]) for e in english["fixed"]] == [("invalid-email", 5)]


def test_a_file_not_checked_today_fixed_nothing(repo):
    run = run_ogilint("check", "reports/baoding-2018.txt", "--baseline", "baseline.json", cwd=repo)
    assert "基线:0 个已知问题未显示,0 个已修复" in run.stdout


def test_paths_are_matched_from_the_baselines_folder_whatever_the_working_directory(repo):
    run = run_ogilint(
        "check",
        f"{repo.name}/reports",
        "--baseline",
        f"{repo.name}/baseline.json",
        "--format",
        "json",
        cwd=repo.parent,
    )
    assert run.code == 0 and run.json["baseline"]["suppressed"] == 2


def test_unreadable_inputs_are_never_baselined(repo):
    run = run_ogilint("check", "reports", "gone.txt", "--write-baseline", "all.json", cwd=repo)
    assert run.code == 2
    rules = {e["rule"] for e in json.loads((repo / "all.json").read_text("utf-8"))["findings"]}
    assert "input-error" not in rules
    again = run_ogilint("check", "gone.txt", "--baseline", "all.json", cwd=repo)
    assert again.code == 2 and "[input-error]" in again.stdout


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("{not json", "invalid JSON"),
        ('{"fingerprints": "v1", "findings": [{"path": "a"}]}', "'rule' is a required property"),
        ('{"fingerprints": "v0", "findings": []}', "write it again with --write-baseline"),
    ],
)
def test_a_bad_baseline_is_one_line_naming_the_file(repo, content, reason):
    (repo / "bad.json").write_text(content, encoding="utf-8")
    run = run_ogilint("check", "reports", "--baseline", "bad.json", cwd=repo)
    assert run.code == 2 and run.stdout == ""
    assert run.stderr.startswith("ogilint: error: bad.json: ") and reason in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1


def test_baseline_and_write_baseline_together_are_refused(repo):
    run = run_ogilint(
        "check", "reports", "--baseline", "baseline.json", "--write-baseline", "b.json", cwd=repo
    )
    assert run.code == 2 and "give one" in run.stderr
