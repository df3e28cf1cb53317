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


def test_a_user_rule_is_in_the_catalogue_sarif_gives_its_viewer(tmp_path):
    # SARIF's rules[] comes from the catalogue of the rules that ran, --rules ones too.
    write(tmp_path, GOOD_RULE.replace("['概述']", "['这个标题不存在']"))
    args = ("--rules", str(tmp_path), "--format", "sarif", "--lang", "en")
    sarif = run_ogilint("check", str(REPORTS / "wuxi-2015.txt"), *args).json["runs"][0]
    rules = sarif["tool"]["driver"]["rules"]
    (result,) = [r for r in sarif["results"] if r["ruleId"] == "local-rule"]
    described = rules[result["ruleIndex"]]
    assert described["id"] == "local-rule" and result["message"]["text"] == "no overview"
    assert described["shortDescription"]["text"] == "Local rule"
    assert "local policy" in described["help"]["text"]


def test_the_table_templates_are_validated_with_file_and_line(tmp_path):
    from linter.rulebook import load_validated, rules_dir

    text = (rules_dir() / "templates" / "standard-tables.yaml").read_text(encoding="utf-8")
    assert load_validated(
        rules_dir() / "templates" / "standard-tables.yaml", "templates/schema.json"
    )["templates"]
    broken = write(tmp_path, text.replace("kind: balance", "kind: ballance"), "t.yaml")
    with pytest.raises(RuleFileError, match=r"t\.yaml:\d+: "):
        load_validated(broken, "templates/schema.json")


def test_every_rule_id_has_one_entry_across_the_shipped_files():
    import yaml

    where: dict[str, list[str]] = {}
    for path in sorted(rules_dir().glob("*.yaml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["rules"]:
            where.setdefault(entry["id"], []).append(path.name)
    assert {i: files for i, files in where.items() if len(files) > 1} == {}


def test_a_pack_gets_the_variant_that_names_it():
    packs = {p.name: p for p in shipped_packs()}
    article = {
        name: next(r for r in packs[name].rules if r.id == "missing-problems").regulation["zh"]
        for name in ("ogi-2008", "ogi-2019", "ogi-2021")
    }
    assert article["ogi-2008"] == "《条例》(2008)第三十二条第(五)项"
    assert article["ogi-2019"] == article["ogi-2021"] == "《条例》(2019)第五十条第(四)项"
    assert "missing-problems" not in {r.id for r in packs["common"].rules}


def test_a_second_entry_for_a_shipped_id_stops_the_load(tmp_path, monkeypatch):
    from linter import rulebook

    copy = _copy_rules(tmp_path, monkeypatch)
    extra = (copy / "ogi-2021.yaml").read_text(encoding="utf-8")
    duplicate = GOOD_RULE.split("rules:\n", 1)[1].replace("local-rule", "missing-fees")
    (copy / "ogi-2021.yaml").write_text(extra + duplicate, encoding="utf-8")
    try:
        with pytest.raises(RuleFileError, match=r"'missing-fees' is defined twice"):
            rulebook.shipped_packs()
    finally:
        rulebook.shipped_packs.cache_clear()


VARIANT_RULE = """\
pack: local
rules:
  - id: local-rule
    severity: warning
    title: {zh: 本地规则, en: Local rule}
    check: required_section
    variants:
      - regimes: [ogi-2008]
        message: {zh: 缺少概述, en: no overview}
        regulation: {zh: 本单位要求, en: local policy}
        params: {headings: ['概述']}
        examples: {pass: ["一、概述"], fail: ["一、其他"]}
      - regimes: [ogi-2021, ogi-2008]
        message: {zh: 缺少总体情况, en: no overall part}
        regulation: {zh: 本单位要求, en: local policy}
        params: {headings: ['总体情况']}
        examples: {pass: ["一、总体情况"], fail: ["一、其他"]}
"""


def test_two_variants_for_one_regime_are_refused_with_their_lines(tmp_path):
    path = write(tmp_path, VARIANT_RULE)
    with pytest.raises(RuleFileError, match=r"x\.yaml:13: .*two variants for regime 'ogi-2008'"):
        load_file(path)


def test_a_variant_without_the_params_its_kind_needs_is_refused_with_its_line(tmp_path):
    path = write(tmp_path, VARIANT_RULE.replace("        params: {headings: ['概述']}\n", ""))
    with pytest.raises(
        RuleFileError, match=r"x\.yaml:8: required_section needs parameter 'headings'"
    ):
        load_file(path)


def test_a_variant_naming_an_unknown_regime_is_refused(tmp_path):
    write(tmp_path, VARIANT_RULE.replace("ogi-2021, ogi-2008", "ogi-2031"))
    run = run_ogilint("check", str(REPORTS / "wuxi-2015.txt"), "--rules", str(tmp_path))
    assert run.code == 2
    assert "unknown regime 'ogi-2031'" in run.stderr and "x.yaml:" in run.stderr


def test_a_user_rule_with_variants_runs_the_variant_of_the_report_regime(tmp_path):
    write(tmp_path, VARIANT_RULE.replace("ogi-2021, ogi-2008", "ogi-2021"))
    args = ("--rules", str(tmp_path), "--format", "json", "--select", "local-rule", "--lang", "en")
    run = run_ogilint("check", "-", *args, "--year", "2018", stdin="一、总体情况\n".encode())
    assert [f["message"] for f in run.json["files"][0]["findings"]] == ["no overview"]
    run = run_ogilint("check", "-", *args, "--year", "2024", stdin="一、概述\n".encode())
    assert [f["message"] for f in run.json["files"][0]["findings"]] == ["no overall part"]
    run = run_ogilint("check", "-", *args, "--year", "2019", stdin="一、其他\n".encode())
    assert run.json["files"][0]["findings"] == []  # no variant names ogi-2019


def test_a_user_rule_reusing_a_shipped_id_is_an_error_naming_both_files(tmp_path):
    path = write(tmp_path, GOOD_RULE.replace("local-rule", "missing-fees"))
    run = run_ogilint("check", str(REPORTS / "wuxi-2015.txt"), "--rules", str(tmp_path))
    assert run.code == 2
    assert run.stderr.strip().count("\n") == 0
    assert run.stderr.startswith(f"ogilint: error: {path}:3: rule 'missing-fees' is already")
    assert str(rules_dir() / "ogi-2008.yaml") in run.stderr
    assert "override: true" in run.stderr


def test_a_user_rule_that_says_override_replaces_the_shipped_rule(tmp_path):
    text = GOOD_RULE.replace("local-rule", "missing-fees").replace(
        "    severity: warning\n", "    severity: warning\n    override: true\n"
    )
    write(tmp_path, text.replace("['概述']", "['这个标题不存在']"))
    run = run_ogilint(
        "check", "-", "--rules", str(tmp_path), "--format", "json", "--year", "2018",
        "--select", "missing-fees", "--lang", "en", stdin="一、概述\n".encode(),
    )  # fmt: skip
    findings = run.json["files"][0]["findings"]
    assert [(f["severity"], f["message"]) for f in findings] == [("warning", "no overview")]


def test_override_without_a_shipped_rule_of_that_id_is_an_error(tmp_path):
    write(
        tmp_path,
        GOOD_RULE.replace("    severity: warning\n", "    severity: warning\n    override: true\n"),
    )
    run = run_ogilint("rules", "--rules", str(tmp_path))
    assert run.code == 2 and "no shipped rule has that id" in run.stderr


def test_explain_shows_each_regimes_article_and_examples():
    run = run_ogilint("explain", "missing-problems")
    assert run.code == 0
    before_2019, since_2019 = run.stdout.split("[ogi-2019, ogi-2021]")
    assert "[ogi-2008]" in before_2019 and "《条例》(2008)第三十二条第(五)项" in before_2019
    assert "《条例》(2019)第五十条第(四)项" in since_2019 and "2008" not in since_2019
    assert "五、存在问题及改进情况" in since_2019


def test_explain_reads_user_rules_too(tmp_path):
    write(tmp_path, GOOD_RULE)
    run = run_ogilint("explain", "local-rule", "--rules", str(tmp_path), "--lang", "en")
    assert run.code == 0 and "local policy" in run.stdout and "一、其他" in run.stdout
    assert run_ogilint("explain", "local-rule").code == 2


@pytest.mark.parametrize("command", [("rules",), ("explain", "missing-fees")])
def test_an_unknown_language_is_a_one_line_usage_error(command):
    run = run_ogilint(*command, "--lang", "fr")
    assert run.code == 2
    assert run.stderr == "ogilint: error: --lang must be one of zh, en (got 'fr')\n"


def test_each_regime_owns_its_years_layouts_templates_and_deadlines():
    packs = {p.name: p for p in shipped_packs()}
    assert packs["ogi-2021"].layouts == ("2019", "2021") and packs["ogi-2021"].layout == "2021"
    assert packs["ogi-2019"].layout == "2019"
    assert {t.table for t in packs["ogi-2019"].templates} == {"applications", "review", "proactive"}
    assert packs["ogi-2008"].templates == () and packs["common"].deadlines is None
    assert packs["ogi-2008"].deadlines.department == (3, 31)
    assert packs["ogi-2021"].deadlines.department == (1, 31)


def _copy_rules(tmp_path, monkeypatch):
    import shutil

    from linter import rulebook

    copy = tmp_path / "rules"
    shutil.copytree(rules_dir(), copy)
    monkeypatch.setattr(rulebook, "rules_dir", lambda: copy)
    rulebook.shipped_packs.cache_clear()
    return copy


def test_overlapping_year_ranges_stop_the_load_with_file_and_line(tmp_path, monkeypatch):
    from linter import rulebook

    copy = _copy_rules(tmp_path, monkeypatch)
    pack = copy / "ogi-2019.yaml"
    pack.write_text(
        pack.read_text(encoding="utf-8").replace(
            "{from: 2019, to: 2020}", "{from: 2019, to: 2021}"
        ),
        encoding="utf-8",
    )
    try:
        with pytest.raises(RuleFileError) as error:
            rulebook.shipped_packs()
    finally:
        rulebook.shipped_packs.cache_clear()
    assert str(error.value).startswith(f"{copy / 'ogi-2021.yaml'}:12: years 2021– of 'ogi-2021'")
    assert f"overlap 2019–2021 of 'ogi-2019' ({copy / 'ogi-2019.yaml'}:11)" in str(error.value)


def test_a_layout_no_template_has_is_refused(tmp_path, monkeypatch):
    from linter import rulebook

    copy = _copy_rules(tmp_path, monkeypatch)
    pack = copy / "ogi-2021.yaml"
    text = pack.read_text(encoding="utf-8").replace('["2019", "2021"]', '["2019", "2022"]')
    pack.write_text(text, encoding="utf-8")
    try:
        with pytest.raises(RuleFileError, match=r"ogi-2021\.yaml:\d+: layout '2022' is in no"):
            rulebook.shipped_packs()
    finally:
        rulebook.shipped_packs.cache_clear()


def test_an_unknown_regime_is_one_line_listing_the_regimes():
    run = run_ogilint("check", str(REPORTS / "wuxi-2015.txt"), "--regime", "bogus")
    assert run.code == 2 and run.stdout == ""
    assert run.stderr == (
        "ogilint: error: unknown regime 'bogus'; "
        "choose auto or one of common, ogi-2008, ogi-2019, ogi-2021\n"
    )


def test_the_shipped_packs_are_validated_once_per_content(tmp_path, monkeypatch):
    """Validating the shipped files took most of a run's start-up: a marker named by
    their hash skips it, and any edit to them makes a new hash, validated again."""
    from linter import rulebook

    copy = _copy_rules(tmp_path, monkeypatch)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    first = rulebook._validated_marker()
    try:
        assert first is not None and not first.exists()
        rulebook.shipped_packs()
        assert first.exists()
        rulebook.shipped_packs.cache_clear()
        common = copy / "common.yaml"
        common.write_text(
            common.read_text(encoding="utf-8").replace("severity: error", "severity: fatal", 1),
            encoding="utf-8",
        )
        assert rulebook._validated_marker() != first
        with pytest.raises(RuleFileError, match=r"common\.yaml:\d+: 'severity' must be one of"):
            rulebook.shipped_packs()
    finally:
        rulebook.shipped_packs.cache_clear()


def test_the_shipped_files_are_valid_under_their_schemas():
    from linter.rulebook import load_shipped

    assert {p.name for p in load_shipped(rules_dir(), validate=True)} >= {"ogi-2008", "common"}


def test_a_second_run_does_not_import_jsonschema(tmp_path):
    import os
    import subprocess
    import sys

    code = (
        "import sys; from linter.rulebook import shipped_packs; shipped_packs(); "
        "print('jsonschema' in sys.modules)"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    runs = [
        subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        ).stdout.strip()
        for _ in range(2)
    ]
    assert runs == ["True", "False"]


def test_a_later_run_reads_the_recorded_parse_and_loads_the_same_packs(tmp_path):
    """The marker records the shipped files' parse: later runs load the very same packs
    (rule sources and their lines included) without importing yaml; a marker whose
    record cannot be read is parsed again, never trusted half-way."""
    import os
    import subprocess
    import sys

    code = (
        "import hashlib, sys; from linter.rulebook import shipped_packs; "
        "packs = repr(shipped_packs()).encode(); "
        "print('yaml' in sys.modules, hashlib.sha256(packs).hexdigest())"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}

    def run() -> list[str]:
        return subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        ).stdout.split()

    parsed, recorded = run(), run()
    assert parsed[0] == "True" and recorded == ["False", parsed[1]]
    (marker,) = (tmp_path / "ogilint" / "validated-packs").iterdir()
    marker.write_text('{"common.yaml": [', encoding="utf-8")  # cut short
    assert run() == ["True", parsed[1]]
    assert run() == ["False", parsed[1]]  # recorded again
