"""The README's GitHub Actions workflow and GitLab CI job, their commands run as written."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import REPORTS, ROOT, SHARED, run_ogilint

README = (ROOT / "README.md").read_text(encoding="utf-8")
SECTION = README[README.index("\n## CI\n") : README.index("\n## Development")]
BIN = Path(sys.executable).parent  # where `ogilint` is installed


def _recipes() -> list[dict]:
    return [yaml.safe_load(block) for block in re.findall(r"```yaml\n(.*?)```", SECTION, re.S)]


def _commands(lines: list[str]) -> list[str]:
    """The shell lines of a recipe, less the install line (this checkout is installed)."""
    return [line for line in lines if "pip install" not in line]


@pytest.fixture()
def checkout(tmp_path) -> Path:
    """A repository with a reports/ folder: a clean report and a faulty one."""
    (tmp_path / "reports").mkdir()
    shutil.copy(REPORTS / "baoding-2018.txt", tmp_path / "reports")
    shutil.copy(REPORTS / "changzhou-2018.txt", tmp_path / "reports")
    return tmp_path


def _shell(command: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    environ |= {"PATH": f"{BIN}{os.pathsep}{environ.get('PATH', '')}", **env}
    return subprocess.run(
        ["bash", "-e", "-o", "pipefail", "-c", command],
        cwd=cwd,
        env=environ,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_readme_has_one_github_workflow_and_one_gitlab_job():
    github, gitlab = _recipes()
    assert "jobs" in github and "ogilint" in gitlab
    assert {"codequality", "junit"} <= set(gitlab["ogilint"]["artifacts"]["reports"])


def test_the_github_workflow_annotates_and_writes_valid_sarif(checkout):
    steps = _recipes()[0]["jobs"]["ogilint"]["steps"]
    runs = _commands([step["run"] for step in steps if "run" in step])
    assert len(runs) == 2
    annotate = _shell(runs[0], checkout, GITHUB_ACTIONS="true")
    assert annotate.returncode == 1  # changzhou has errors: the step fails
    assert "::error file=reports/changzhou-2018.txt,line=61,col=16" in annotate.stdout
    assert "共检查 2 个文件" in annotate.stdout
    sarif = _shell(runs[1], checkout, GITHUB_ACTIONS="true")
    assert sarif.returncode == 0, sarif.stderr  # `|| true`: the upload step still runs
    upload = next(step for step in steps if "upload-sarif" in step.get("uses", ""))
    log = json.loads((checkout / upload["with"]["sarif_file"]).read_text(encoding="utf-8"))
    schema = json.loads((SHARED / "schemas" / "sarif-schema-2.1.0.json").read_text("utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(log)
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
    }
    assert uris == {"reports/changzhou-2018.txt"}  # relative to the checkout


def test_the_gitlab_job_writes_code_quality_and_junit_and_fails_on_errors(checkout):
    job = _recipes()[1]["ogilint"]
    script = _commands(job["script"])
    result = _shell("\n".join(script), checkout)
    assert result.returncode == 1, result.stderr
    reports = job["artifacts"]["reports"]
    issues = json.loads((checkout / reports["codequality"]).read_text(encoding="utf-8"))
    assert {i["check_name"] for i in issues} == {"total-mismatch", "invalid-email"}
    assert all(i["location"]["path"] == "reports/changzhou-2018.txt" for i in issues)
    suites = ET.parse(checkout / reports["junit"]).getroot().findall("testsuite")
    assert sorted(s.get("name") for s in suites) == [
        "reports/baoding-2018.txt",
        "reports/changzhou-2018.txt",
    ]


def test_the_readme_annotation_excerpt_is_real_output():
    block = re.search(r"```text\n(::.*?)```", SECTION, re.S).group(1)
    run = run_ogilint(
        "check",
        "sample_reports/example-county-2018-faulty.txt",
        env={**os.environ, "GITHUB_ACTIONS": "true"},
    )
    for line in block.strip().splitlines():
        assert line in run.stdout.splitlines(), line
