"""The hook, run by the real `pre-commit try-repo` against this checkout."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPORTS, ROOT

from linter import __version__
from linter.loaders import REPORT_SUFFIXES

PRE_COMMIT = Path(sys.executable).with_name("pre-commit")


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    if not PRE_COMMIT.exists() or shutil.which("git") is None:
        pytest.fail("pre-commit and git are test dependencies; install with pip install -e .[test]")
    repo = tmp_path_factory.mktemp("reports")
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "ci@example.invalid")
    _git(repo, "config", "user.name", "ci")
    shutil.copy(REPORTS / "baoding-2018.txt", repo / "clean.txt")
    shutil.copy(REPORTS / "changzhou-2018.txt", repo / "faulty.txt")
    (repo / "notes.py").write_text("x = 1\n", encoding="utf-8")  # not matched by `files`
    _git(repo, "add", ".")
    return repo


def _try_repo(repo: Path, *files: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(repo.parent / "pre-commit-home")}
    return subprocess.run(
        [str(PRE_COMMIT), "try-repo", str(ROOT), "ogilint", "--verbose", "--files", *files],
        cwd=repo,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )


def test_the_hook_passes_a_clean_report_and_fails_a_faulty_one(repo):
    clean = _try_repo(repo, "clean.txt")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "Passed" in clean.stdout
    faulty = _try_repo(repo, "faulty.txt", "notes.py")
    assert faulty.returncode == 1, faulty.stdout + faulty.stderr
    assert "Failed" in faulty.stdout
    assert "total-mismatch" in faulty.stdout and "notes.py" not in faulty.stdout


def _hook() -> dict:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return next(h for h in hooks if h["id"] == "ogilint")


def test_the_hook_matches_every_container_the_cli_reads_in_any_case():
    hook = _hook()
    assert hook["require_serial"] is True  # one run, one summary per commit
    pattern = re.compile(hook["files"])  # pre-commit matches with Python's re.search
    listed = re.search(r"\\\.\(([a-z|]+)\)\$", hook["files"]).group(1).split("|")
    assert {f".{s}" for s in listed} == set(REPORT_SUFFIXES)
    for suffix in REPORT_SUFFIXES:
        for name in (f"年报{suffix}", f"docs/REPORT{suffix.upper()}", f"a.b{suffix.title()}"):
            assert pattern.search(name), name
    for name in ("notes.py", "report.docx.bak", "report.xlsx", "docx", "README"):
        assert not pattern.search(name), name


def _readme_snippet() -> dict:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("\n## pre-commit\n") :]
    return yaml.safe_load(re.search(r"```yaml\n(.*?)```", section, re.S).group(1))


def _host_with_tag(rev: str, host: Path) -> Path:
    """A clone of this checkout standing for the README's host, carrying the pinned tag.

    A CI checkout is often fetched without tags: then the tag is made on the clone's
    HEAD, which is what the release would point at. Where the tag exists, it is used as is.
    """
    subprocess.run(["git", "clone", "-q", str(ROOT), str(host)], check=True, capture_output=True)
    tags = subprocess.run(
        ["git", "tag", "--list", rev], cwd=host, capture_output=True, text=True, check=True
    )
    if tags.stdout.strip() != rev:
        _git(host, "tag", rev)
    return host


def test_the_readme_snippet_runs_with_pre_commit_run_at_the_pinned_tag(repo, tmp_path):
    config = _readme_snippet()
    rev = config["repos"][0]["rev"]
    assert rev == f"v{__version__}"
    config["repos"][0]["repo"] = str(_host_with_tag(rev, tmp_path / "host"))
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    _git(repo, "add", ".pre-commit-config.yaml")
    env = {**os.environ, "PRE_COMMIT_HOME": str(repo.parent / "pre-commit-home")}

    def run(*files: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(PRE_COMMIT), "run", "--verbose", "--files", *files],
            cwd=repo,
            capture_output=True,
            text=True,
            env=env,
            timeout=600,
        )

    clean = run("clean.txt", "notes.py")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    faulty = run("clean.txt", "faulty.txt")
    assert faulty.returncode == 1, faulty.stdout + faulty.stderr
    assert "total-mismatch" in faulty.stdout
    assert faulty.stdout.count("共检查 2 个文件") == 1  # require_serial: one run, one summary
