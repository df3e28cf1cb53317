"""The command line, run for real in a subprocess on real reports."""

from __future__ import annotations

import os
import shutil

from conftest import REPORTS, run_ogilint

CHANGZHOU = str(REPORTS / "changzhou-2018.txt")
LUOYANG = str(REPORTS / "luoyang-2018.txt")
BAODING = str(REPORTS / "baoding-2018.txt")
WUXI = str(REPORTS / "wuxi-2015.txt")


def test_json_output_follows_the_contract():
    run = run_ogilint("check", CHANGZHOU, "--format", "json")
    assert run.code == 1
    doc = run.json
    assert set(doc) == {"ogilint", "files", "summary"}
    file = doc["files"][0]
    assert (file["path"], file["regime"], file["year"], file["encoding"]) == (
        CHANGZHOU,
        "ogi-2008",
        2018,
        "utf-8",
    )
    sums = [f for f in file["findings"] if f["rule"] == "total-mismatch"]
    assert len(sums) == 1
    finding = sums[0]
    assert {
        "rule",
        "severity",
        "message",
        "line",
        "column",
        "end_line",
        "end_column",
        "section",
        "excerpt",
        "details",
    } <= set(finding)
    assert (finding["line"], finding["severity"]) == (61, "error")
    assert finding["section"] == "三、依申請公開辦理情況"
    assert "2425" in finding["excerpt"]
    assert finding["details"]["total"] == 2425 and finding["details"]["sum"] == 2415
    assert [p["value"] for p in finding["details"]["parts"]] == [247, 50, 1035, 1083]
    assert doc["summary"] == {"files": 1, "errors": 2, "warnings": 0, "infos": 0, "suppressed": 0}


def test_text_output_shows_place_section_underline_and_arithmetic():
    run = run_ogilint("check", CHANGZHOU)
    out = run.stdout
    assert f"{CHANGZHOU}:61:16: 错误 [total-mismatch]" in out
    assert "所在部分: 三、依申請公開辦理情況" in out
    assert "247 + 50 + 1035 + 1083 = 2415 ≠ 2425" in out
    lines = out.splitlines()
    source = next(i for i, line in enumerate(lines) if line.startswith("    61 | "))
    assert "^^^^^" in lines[source + 1]
    assert "\x1b[" not in out  # not a terminal: no colour
    assert "共检查 1 个文件:2 个错误,0 个警告,0 个提示" in out


def test_whole_report_findings_come_first_and_english_messages_on_request():
    run = run_ogilint("check", LUOYANG, "--lang", "en")
    first = run.stdout.splitlines()[0]
    assert "[missing-" in first and "(whole report)" in run.stdout
    assert "no part on fees and waivers" in run.stdout


def test_exit_codes_follow_fail_on():
    assert run_ogilint("check", BAODING).code == 0
    assert run_ogilint("check", WUXI).code == 0  # a warning only
    assert run_ogilint("check", WUXI, "--fail-on", "warning").code == 1
    assert run_ogilint("check", CHANGZHOU).code == 1


def test_select_and_ignore_accept_repeats_and_commas():
    both = run_ogilint(
        "check", CHANGZHOU, "--format", "json", "--select", "total-mismatch,invalid-email"
    )
    assert both.rules() == {"total-mismatch", "invalid-email"}
    one = run_ogilint(
        "check",
        CHANGZHOU,
        "--format",
        "json",
        "--ignore",
        "total-mismatch",
        "--ignore",
        "missing-title",
    )
    assert one.rules() == {"invalid-email"}
    unknown = run_ogilint("check", CHANGZHOU, "--select", "no-such-rule")
    assert unknown.code == 2 and "unknown rule id(s): no-such-rule" in unknown.stderr


def test_folders_are_recursed_and_unreadable_files_do_not_stop_the_others(tmp_path):
    (tmp_path / "sub").mkdir()
    shutil.copy(CHANGZHOU, tmp_path / "sub" / "a.txt")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "notes.bin").write_bytes(b"\x00\x01")  # not a report suffix: not picked up
    run = run_ogilint("check", str(tmp_path), str(tmp_path / "missing.txt"), "--format", "json")
    assert run.code == 2
    by_path = {f["path"]: f for f in run.json["files"]}
    assert set(by_path) == {
        str(tmp_path / "empty.txt"),
        str(tmp_path / "sub" / "a.txt"),
        str(tmp_path / "missing.txt"),
    }
    assert by_path[str(tmp_path / "empty.txt")]["findings"][0]["rule"] == "input-error"
    missing = by_path[str(tmp_path / "missing.txt")]["findings"][0]
    assert missing["details"]["reason"] == "no such file"
    assert missing["message"] == "无法读取:文件不存在"
    assert any(
        f["rule"] == "total-mismatch" for f in by_path[str(tmp_path / "sub" / "a.txt")]["findings"]
    )
    assert "Traceback" not in run.stderr


def test_stdin_with_a_filename():
    data = (REPORTS / "wuxi-2015.txt").read_bytes()
    run = run_ogilint("check", "-", "--stdin-filename", "wuxi.txt", "--format", "json", stdin=data)
    assert run.json["files"][0]["path"] == "wuxi.txt"
    assert run.rules() == {"invalid-phone"}


def test_output_file_and_no_change_to_the_input(tmp_path):
    report = tmp_path / "r.txt"
    shutil.copy(CHANGZHOU, report)
    before = (report.read_bytes(), os.stat(report).st_mtime_ns)
    out = tmp_path / "out.json"
    run = run_ogilint("check", str(report), "--format", "json", "--output", str(out))
    assert run.stdout == "" and '"total-mismatch"' in out.read_text(encoding="utf-8")
    assert (report.read_bytes(), os.stat(report).st_mtime_ns) == before


def test_year_and_regime_overrides():
    run = run_ogilint("check", BAODING, "--format", "json", "--year", "2017")
    assert run.json["files"][0]["year"] == 2017
    assert "period-year-mismatch" in run.rules()
    for year, regime in (
        (2005, "common"),
        (2018, "ogi-2008"),
        (2019, "ogi-2019"),
        (2020, "ogi-2019"),
        (2021, "ogi-2021"),
        (2030, "ogi-2021"),
    ):
        run = run_ogilint("check", BAODING, "--format", "json", "--year", str(year))
        assert run.json["files"][0]["regime"] == regime, year
    forced = run_ogilint("check", BAODING, "--format", "json", "--regime", "ogi-2021")
    assert forced.json["files"][0]["regime"] == "ogi-2021"
    assert "missing-other-matters" in forced.rules()
    assert run_ogilint("check", BAODING, "--regime", "ogi-1999").code == 2


def test_rules_lists_every_rule_and_explain_shows_article_and_examples():
    listed = run_ogilint("rules")
    assert "missing-fees" in listed.stdout and "ogi-2008" in listed.stdout
    explained = run_ogilint("explain", "missing-fees")
    assert "《条例》(2008)第三十二条第(三)项" in explained.stdout
    assert "未收取任何费用" in explained.stdout
    assert run_ogilint("explain", "no-such-rule").code == 2


def test_quiet_prints_one_line_per_finding_and_nothing_for_a_clean_report():
    run = run_ogilint("check", CHANGZHOU, "--quiet")
    assert run.stdout.splitlines() == [
        line for line in run.stdout.splitlines() if line.startswith(f"{CHANGZHOU}:")
    ]
    assert len(run.stdout.splitlines()) == 2
    assert run_ogilint("check", BAODING, "-q").stdout == ""


def _digest(path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_output_naming_an_input_is_refused_and_the_input_is_untouched(tmp_path):
    report = tmp_path / "reports" / "r.txt"
    report.parent.mkdir()
    shutil.copy(CHANGZHOU, report)
    before = (_digest(report), os.stat(report).st_mtime_ns)
    # Named as a file, or reached through its folder, or by another spelling of its path.
    for inputs, out in (
        ([str(report)], report),
        ([str(report.parent)], report),
        ([str(report)], tmp_path / "reports" / ".." / "reports" / "r.txt"),
    ):
        run = run_ogilint("check", *inputs, "--format", "json", "--output", str(out))
        assert run.code == 2 and run.stdout == ""
        assert "is one of the reports being checked" in run.stderr
        assert len(run.stderr.strip().splitlines()) == 1
        assert (_digest(report), os.stat(report).st_mtime_ns) == before


def test_output_into_a_missing_folder_or_onto_a_folder_is_one_line_and_exit_2(tmp_path):
    for out, says in (
        (tmp_path / "no-such-folder" / "out.json", "does not exist"),
        (tmp_path, "is a folder"),
    ):
        run = run_ogilint("check", CHANGZHOU, "--output", str(out))
        assert run.code == 2 and says in run.stderr, run.stderr
        assert run.stderr.startswith("ogilint: error: --output")
        assert len(run.stderr.strip().splitlines()) == 1 and "Traceback" not in run.stderr
    assert not (tmp_path / "no-such-folder").exists()


def test_version_and_short_help():
    from linter import __version__

    run = run_ogilint("--version")
    assert run.code == 0 and run.stdout.strip() == f"ogilint {__version__}"
    for args in (("-h",), ("check", "-h")):
        shown = run_ogilint(*args)
        assert shown.code == 0 and "Usage: ogilint" in shown.stdout


def test_help_shows_the_choices_of_each_option():
    from linter.formatters import FORMATS
    from linter.rulebook import shipped_packs

    env = {**os.environ, "COLUMNS": "240"}  # one option per line, nothing wrapped
    shown = run_ogilint("check", "--help", env=env).stdout
    lines = {line.split()[1]: line for line in shown.splitlines() if line.startswith("│ --")}
    assert " | ".join(FORMATS) in lines["--format"]
    assert "error | warning | info" in lines["--fail-on"]
    assert "zh | en" in lines["--lang"]
    # Every shipped regime, so the help cannot fall behind the packs.
    packs = sorted(p.name for p in shipped_packs())
    regimes = lines["--regime"].split("auto (by report year) | ")[1].split(".")[0]
    assert sorted(regimes.split(" | ")) == packs


def test_an_empty_folder_says_no_reports_found(tmp_path):
    (tmp_path / "notes.bin").write_bytes(b"\x00")  # not a report
    run = run_ogilint("check", str(tmp_path), "--lang", "en")
    assert run.code == 2
    assert f"{tmp_path}:1: error [input-error] cannot read: no reports found" in run.stdout
    said = run_ogilint("check", str(tmp_path), "--format", "json").json["files"][0]["findings"]
    assert said[0]["details"]["code"] == "no-reports"
    assert said[0]["message"].startswith("无法读取:没有找到报告")
