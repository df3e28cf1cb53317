"""What a run imports before it reads a report: start-up is most of a one-file run.

A pre-commit hook checks one or two reports per commit, so importing pydantic (a
typer release coerces every option through it: ~130 ms) or jsonschema (the shipped
packs need it only on their first run, tests/test_rulebook.py) is paid every time.
"""

from __future__ import annotations

import importlib.metadata
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT.parent / "shared" / "corpus" / "reports" / "wuxi-2015.txt"
HEAVY = {"pydantic", "jsonschema", "pdfplumber", "pypdfium2", "docx", "selectolax", "opencc"}
# yaml too: the shipped files' parse (and the output words) come from the marker's record.
HEAVY |= {"yaml"}


def _imported(args: list[str], cache: Path) -> set[str]:
    """The HEAVY modules a real run of `ogilint ARGS` imported (the second run of two,
    so the shipped packs' validation marker exists)."""
    script = (
        "import sys\n"
        "from linter.cli import app\n"
        f"try:\n    app({args!r})\n"
        "except SystemExit:\n    pass\n"
        f"print(' '.join(sorted({{m.split('.')[0] for m in sys.modules}} & {HEAVY!r})))\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    for _ in range(2):
        run = subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            env=env,
            cwd=cache,
            check=True,
        )
    return set(run.stdout.splitlines()[-1].split())


def _typer_needs_pydantic() -> bool:
    return any(r.startswith("pydantic") for r in importlib.metadata.requires("typer") or ())


@pytest.mark.skipif(
    _typer_needs_pydantic(),
    reason="the installed typer needs pydantic: reinstall (pip install -e .) for the pinned one",
)
def test_help_and_a_text_check_import_no_heavy_library(tmp_path):
    assert _imported(["--help"], tmp_path) == set()
    # opencc is loaded only for a text holding a character it may change
    # (linter/traditional.py): this report is in simplified characters.
    # --no-cache: the second run would otherwise read the first one's cached result.
    check = ["check", str(REPORT), "--format", "json", "--no-cache"]
    assert _imported(check, tmp_path) == set()
    assert _imported(["check", str(REPORT), "--no-cache"], tmp_path) == set()  # text


def test_the_typer_pin_keeps_out_the_releases_that_import_pydantic():
    """typer 0.29 coerces every option through a pydantic TypeAdapter (imported on each
    run); the pin holds it below that until the CLI no longer needs typer."""
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    typer = next(d for d in deps["dependencies"] if d.startswith("typer"))
    assert "<0.29" in typer.replace(" ", "")
