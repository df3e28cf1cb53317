"""Precision on reports nobody built the linter around: tests/written_reports/.

Each file there is a complete, correct annual report written by the team in the
phrasing real reports use (2008 regime and the 2019/2021 formats; county,
department, township, street office; text tables, contact blocks, nested lists,
carried-over applications, appended statistics tables). Every figure was added
up by hand. A correct report must give no finding at all: each one that
appears is a false alarm of a class, to be fixed in general.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_ogilint

WRITTEN = Path(__file__).parent / "written_reports"
CLEAN = sorted(WRITTEN.glob("*.txt"))


def test_there_are_written_reports_of_every_regime():
    years = {int(p.stem.rsplit("-", 1)[-1]) for p in CLEAN}
    assert len(CLEAN) >= 15
    assert min(years) <= 2018 and max(years) >= 2021 and years & {2019, 2020}


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.name)
def test_a_correct_report_gives_no_finding(path: Path):
    run = run_ogilint("check", str(path), "--format", "json")
    assert run.code == 0, run.stderr
    findings = run.json["files"][0]["findings"]
    assert findings == [], [(f["rule"], f["line"], f["message"]) for f in findings]
