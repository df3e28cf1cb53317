"""The CI formats (SARIF, GitHub annotations, JUnit, GitLab Code Quality), run for real.

Each is checked by its own schema or parser on real reports: SARIF against the
OASIS 2.1.0 schema, JUnit parsed back as XML, GitLab against the fields its
Code Quality widget requires, GitHub commands unescaped back to the messages.
"""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET

import jsonschema
import pytest
from conftest import REPORTS, SAMPLES, SHARED, run_ogilint

from linter.formatters.github import escape_data, escape_property

CHANGZHOU = REPORTS / "changzhou-2018.txt"
FAULTY = SAMPLES / "example-county-2018-faulty.txt"
FAULTY_DOCX = SAMPLES / "example-city-2024-faulty.docx"
SARIF_SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"
FINGERPRINT = "ogilintFingerprint/v1"

# Paragraphs a drafter adds to 一、概述 of changzhou-2018 (after its line 9): they
# move every later line down by four and contain no defect.
INSERTED = (
    "2018年,我市继续深化政务公开,各项工作稳步推进。\n\n"
    "全市各级行政机关进一步明确政务公开工作职责,落实专人负责。\n\n"
)


def edited_copy(tmp_path, name: str = "changzhou-2018.txt", extra: str = INSERTED):
    """changzhou-2018 with `extra` inserted after line 9 (inside 一、概述)."""
    lines = CHANGZHOU.read_text(encoding="utf-8").split("\n")
    path = tmp_path / name
    path.write_text("\n".join(lines[:9]) + "\n\n" + extra + "\n".join(lines[10:]), "utf-8")
    return path


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    return {**env, **extra}


# -- SARIF -------------------------------------------------------------------


def _sarif(*paths) -> dict:
    run = run_ogilint("check", *map(str, paths), "--format", "sarif")
    assert run.code in (0, 1), run.stderr
    return run.json


def _validate_sarif(log: dict) -> None:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]


def test_sarif_is_valid_2_1_0_with_rules_from_the_catalogue():
    log = _sarif(CHANGZHOU, FAULTY, FAULTY_DOCX)
    _validate_sarif(log)
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    by_id = {rule["id"]: rule for rule in rules}
    assert len(by_id) == len(rules)
    total = by_id["total-mismatch"]
    assert total["defaultConfiguration"]["level"] == "error"
    assert total["shortDescription"]["text"] == "合计与分项之和不符"
    assert "第三十二条" in total["help"]["text"]  # the article the rule enforces
    assert by_id["invalid-phone"]["defaultConfiguration"]["level"] == "warning"
    assert by_id["missing-title"]["defaultConfiguration"]["level"] == "note"
    # Rules of the 2021 pack ran on the 2024 Word report; they are described too.
    assert "table-total-mismatch" in by_id
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["partialFingerprints"][FINGERPRINT]


def test_sarif_regions_point_into_a_text_file_and_native_places_for_word():
    results = _sarif(CHANGZHOU, FAULTY_DOCX)["runs"][0]["results"]
    total = next(r for r in results if r["ruleId"] == "total-mismatch")
    assert "2415 ≠ 2425" in total["message"]["text"]
    region = total["locations"][0]["physicalLocation"]["region"]
    line = CHANGZHOU.read_text(encoding="utf-8").split("\n")[region["startLine"] - 1]
    # Columns count code points: the span starts at the total itself.
    assert line[region["startColumn"] - 1 : region["endColumn"] - 1] == "2425件"
    word = [
        r
        for r in results
        if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith(".docx")
    ]
    assert word
    for result in word:
        # Lines of extracted text are not lines of a .docx: no region, the native place.
        assert "region" not in result["locations"][0]["physicalLocation"]
    assert any("paragraph" in r["properties"] or "table" in r["properties"] for r in word)


def test_sarif_fingerprints_survive_paragraphs_inserted_above(tmp_path):
    before = _sarif(CHANGZHOU)["runs"][0]["results"]
    after = _sarif(edited_copy(tmp_path))["runs"][0]["results"]
    lines = {
        r["ruleId"]: r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in after
    }
    assert lines["total-mismatch"] == 61 + 4  # the finding did move…
    assert [(r["ruleId"], r["partialFingerprints"]) for r in before] == [
        (r["ruleId"], r["partialFingerprints"]) for r in after
    ]  # …and kept its identity


def test_sarif_fingerprints_tell_apart_findings_of_one_rule():
    results = _sarif(*sorted(SAMPLES.glob("*faulty*")))["runs"][0]["results"]
    keys = [
        (
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["partialFingerprints"][FINGERPRINT],
        )
        for r in results
    ]
    assert len(keys) == len(set(keys)) > 10


# -- GitHub ------------------------------------------------------------------

_COMMAND = re.compile(r"^::(error|warning|notice) (?P<props>[^:]*)::(?P<message>.*)$")


def _unescape(text: str) -> str:
    for code, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(code, char)
    return text


def test_github_escaping_follows_the_actions_toolkit():
    assert escape_data("50%\r\nok: a,b") == "50%25%0D%0Aok: a,b"
    assert escape_property("三、依申请: a,b 50%\n") == "三、依申请%3A a%2Cb 50%25%0A"


def test_github_is_chosen_inside_actions_and_unescapes_to_the_messages():
    paths = (str(CHANGZHOU), str(FAULTY))
    run = run_ogilint("check", *paths, env=_env(GITHUB_ACTIONS="true"))
    expected = run_ogilint("check", *paths, "--format", "json", env=_env()).json
    assert run.code == expected_code(expected) == 1
    lines = run.stdout.splitlines()
    commands = [_COMMAND.match(line) for line in lines if line.startswith("::")]
    assert all(commands) and len(commands) == sum(len(f["findings"]) for f in expected["files"])
    for match, (file, finding) in zip(
        commands, [(f, x) for f in expected["files"] for x in f["findings"]], strict=True
    ):
        props = dict(p.split("=", 1) for p in match.group("props").split(","))
        assert _unescape(props["file"]) == file["path"]
        assert _unescape(props["title"]).startswith(finding["rule"] + ": ")
        assert _unescape(match.group("message")).startswith(finding["message"])
        assert "\n" not in match.group(0)
        if finding["rule"] == "total-mismatch":
            assert (props["line"], props["col"]) == (str(finding["line"]), str(finding["column"]))
    percent = next(m for m in commands if "95.8%25" in m.group("message"))
    assert percent.group(1) == "warning"
    # The text summary follows: GitHub shows only ten annotations per level and step.
    assert lines[-2].startswith("共检查 2 个文件")


def expected_code(document: dict) -> int:
    return 1 if document["summary"]["errors"] else 0


def test_outside_actions_the_default_stays_text():
    run = run_ogilint("check", str(FAULTY), env=_env(GITHUB_ACTIONS="false"))
    assert "::error" not in run.stdout and "[total-mismatch]" in run.stdout


# -- JUnit -------------------------------------------------------------------


def test_junit_has_one_testcase_per_file_and_rule_and_parses_back(tmp_path):
    out = tmp_path / "ogilint.xml"
    paths = [str(CHANGZHOU), str(REPORTS / "baoding-2018.txt"), str(tmp_path / "gone.txt")]
    run = run_ogilint("check", *paths, "--format", "junit", "--output", str(out))
    assert run.code == 2  # the missing file
    root = ET.fromstring(out.read_bytes())
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == paths
    for suite in suites:
        cases = suite.findall("testcase")
        names = [(c.get("classname"), c.get("name")) for c in cases]
        assert len(names) == len(set(names)) == int(suite.get("tests"))
        assert int(suite.get("failures")) == sum(c.find("failure") is not None for c in cases)
    changzhou = {c.get("name"): c for c in suites[0].findall("testcase")}
    assert len(changzhou) > 15  # every rule that ran, passing ones included
    failing = {name for name, c in changzhou.items() if c.find("failure") is not None}
    assert failing == {"total-mismatch", "invalid-email"}
    failure = changzhou["total-mismatch"].find("failure")
    assert failure.get("type") == "error" and ":61:16:" in failure.text
    assert "247 + 50 + 1035 + 1083 = 2415 ≠ 2425" in failure.text
    assert suites[1].get("failures") == "0"
    gone = suites[2].findall("testcase")
    assert [c.get("name") for c in gone] == ["input-error"]
    assert int(root.get("tests")) == sum(int(s.get("tests")) for s in suites)


# -- GitLab ------------------------------------------------------------------

# The fields GitLab's Code Quality widget reads (docs.gitlab.com/ci/testing/code_quality).
GITLAB_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "pattern": "^[0-9a-f]{32,64}$"},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "properties": {
                    "path": {"type": "string", "pattern": "^[^/.]"},
                    "lines": {
                        "type": "object",
                        "required": ["begin"],
                        "properties": {"begin": {"type": "integer", "minimum": 1}},
                    },
                },
            },
        },
    },
}


def _gitlab(path, cwd) -> list[dict]:
    run = run_ogilint("check", path, "--format", "gitlab", cwd=cwd)
    assert run.code == 1, run.stderr
    return json.loads(run.stdout)


def test_gitlab_code_quality_is_valid_with_unique_stable_fingerprints(tmp_path):
    original = tmp_path / "before"
    original.mkdir()
    (original / "changzhou-2018.txt").write_bytes(CHANGZHOU.read_bytes())
    edited = tmp_path / "after"
    edited.mkdir()
    edited_copy(edited)
    before = _gitlab("changzhou-2018.txt", original)
    after = _gitlab("changzhou-2018.txt", edited)
    for issues in (before, after):
        jsonschema.validate(issues, GITLAB_SCHEMA)
    assert [i["fingerprint"] for i in before] == [i["fingerprint"] for i in after]
    total = next(i for i in after if i["check_name"] == "total-mismatch")
    assert total["severity"] == "major" and total["location"]["lines"]["begin"] == 65
    faulty = json.loads(run_ogilint("check", "sample_reports", "--format", "gitlab").stdout)
    jsonschema.validate(faulty, GITLAB_SCHEMA)
    fingerprints = [i["fingerprint"] for i in faulty]
    assert len(fingerprints) == len(set(fingerprints)) > 10


@pytest.mark.parametrize("name", ["sarif", "github", "junit", "gitlab"])
def test_every_ci_format_is_in_the_help(name):
    assert name in run_ogilint("check", "--help").stdout
