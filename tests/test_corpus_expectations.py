"""The acceptance test: every expectation of ../shared/corpus/expected.yaml
(the real reports), of sample_reports/expected.yaml (our examples) and of
tests/reports_written/expected.yaml (the red-team reports).

Each case runs the real `ogilint check --format json` on one real report and
holds the findings against the file's `must` (rule, at least that severity,
that line) and `must_not` lists. A case whose regime has no rule pack yet is
skipped, and stops being skipped as soon as the pack ships.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import EXPECTED, REPORTS, SAMPLES, run_ogilint

from linter.rulebook import shipped_packs

WRITTEN = Path(__file__).parent / "reports_written"

RANK = {"info": 0, "warning": 1, "error": 2}


def _cases() -> list[tuple[object, str, dict]]:
    cases = []
    for folder, spec_file in (
        (REPORTS, EXPECTED),
        (SAMPLES, SAMPLES / "expected.yaml"),
        (SAMPLES, SAMPLES / "expected-standard.yaml"),
        (WRITTEN, WRITTEN / "expected.yaml"),
    ):
        spec = yaml.safe_load(spec_file.read_text(encoding="utf-8"))
        listed = spec.get("reports") or spec["cases"]
        cases += [(folder, name, exp) for name, exp in sorted(listed.items())]
    return cases


@pytest.fixture(scope="module", params=_cases(), ids=lambda case: case[1])
def case(request):
    folder, name, expected = request.param
    regime = expected.get("regime")
    if regime and regime not in {p.name for p in shipped_packs()}:
        pytest.skip(f"the {regime} rule pack is not implemented yet")
    run = run_ogilint("check", str(folder / name), "--format", "json")
    assert run.code in (0, 1), run.stderr
    return name, expected, run.json["files"][0]


def test_year_is_detected(case):
    _, expected, file = case
    assert file["year"] == expected["year"]


def test_every_must_finding_is_reported(case):
    name, expected, file = case
    findings = file["findings"]
    for must in expected.get("must", []):
        hits = [
            f
            for f in findings
            if f["rule"] == must["rule"]
            and RANK[f["severity"]] >= RANK[must["severity"]]
            and (must["line"] in ("report", "any") or f["line"] == must["line"])
        ]
        assert hits, f"{name}: missed {must['rule']} at line {must['line']}; got {findings}"


def test_no_must_not_finding_is_reported(case):
    name, expected, file = case
    findings = file["findings"]
    wrong = [f for f in findings if f["rule"] in set(expected.get("must_not", []))]
    assert not wrong, (
        f"{name}: false findings {[(f['rule'], f['line'], f['message']) for f in wrong]}"
    )
