"""Shared test fixtures: where the real reports are and how to run the real CLI."""

from __future__ import annotations

import json
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
        pytest.fail(f"the shared corpus is missing: expected it at {REPORTS}")
    return REPORTS
