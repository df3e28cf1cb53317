"""Shared test fixtures: where the real reports are and how to run the real CLI."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
REPORTS = SHARED / "corpus" / "reports"
EXPECTED = SHARED / "corpus" / "expected.yaml"
SAMPLES = ROOT / "sample_reports"


@dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str

    @property
    def json(self) -> dict:
        return json.loads(self.stdout)

    def rules(self) -> set[str]:
        return {f["rule"] for file in self.json["files"] for f in file["findings"]}


def run_ogilint(
    *args: str,
    stdin: bytes | None = None,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
) -> Run:
    """Run the real command line in a subprocess, as a user or CI would."""
    proc = subprocess.run(
        [sys.executable, "-m", "linter", *args],
        input=stdin,
        capture_output=True,
        cwd=cwd or ROOT,
        env=env,
        timeout=120,
    )
    return Run(proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8"))


@pytest.fixture(scope="session")
def reports() -> Path:
    if not REPORTS.is_dir():
        pytest.skip(_SHARED_MISSING)
    return REPORTS


# The real reports live in ../shared beside the checkout (CI lays it there). Without it
# the modules that read them are not collected and the run says so in one line, rather
# than failing test by test on a missing file.
_SHARED_MISSING = f"../shared is missing (expected at {SHARED}): tests on the real reports skipped"
_READS_SHARED = re.compile(
    r"\bSHARED\b|\bREPORTS\b|\bCORPUS\b|\bHUAIAN\b|\bfixtures_formats\b|[\"/]shared[\"/]"
)


def _reads_shared(path: Path) -> bool:
    return path.name != "conftest.py" and bool(_READS_SHARED.search(path.read_text("utf-8")))


collect_ignore = (
    []
    if SHARED.is_dir()
    else [p.name for p in Path(__file__).parent.glob("*.py") if _reads_shared(p)]
)


def pytest_report_header() -> str | None:
    return None if SHARED.is_dir() else _SHARED_MISSING


def pytest_terminal_summary(terminalreporter) -> None:
    if not SHARED.is_dir():
        terminalreporter.write_line(_SHARED_MISSING)


# The headless-browser fixtures (`browser`, `page`) for every test of a page ogilint writes.
pytest_plugins = ["browser"]
