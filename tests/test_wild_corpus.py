"""Acceptance on reports as they arrive in the wild: ../shared/corpus/wild.

Real reports from many governments (page text, a real PDF, PDF-to-Markdown
conversions), labelled by hand in wild/expected.yaml. Each `must` entry and
each `must_not` rule is its own test, run on the real CLI's JSON exactly as
tests/test_corpus_expectations.py does for the seed corpus, so a class of
defect still being fixed elsewhere is marked by itself: strict xfails, which
fail the run the moment the fix lands and the mark must go.
"""

from __future__ import annotations

import functools

import pytest
import yaml
from conftest import SHARED, run_ogilint

WILD = SHARED / "corpus" / "wild"
RANK = {"info": 0, "warning": 1, "error": 2}

# (case, rule) -> the class of problem still open; every one must fail today.
KNOWN: dict[tuple[str, str], str] = {}


def _spec() -> dict[str, dict]:
    return yaml.safe_load((WILD / "expected.yaml").read_text(encoding="utf-8"))["cases"]


def _params() -> list:
    params = []
    for name, expected in _spec().items():
        entries = [("must", m["rule"], m) for m in expected.get("must", [])]
        entries += [("must_not", rule, None) for rule in expected.get("must_not", [])]
        for kind, rule, must in entries:
            marks = ()
            if (name, rule) in KNOWN:
                marks = (pytest.mark.xfail(strict=True, reason=KNOWN[(name, rule)]),)
            line = must["line"] if must else ""
            ident = f"{name}-{kind}-{rule}{'@' + str(line) if must else ''}"
            params.append(pytest.param(name, expected, kind, rule, must, marks=marks, id=ident))
    return params


@functools.cache
def _findings(name: str) -> tuple[int, list[dict]]:
    run = run_ogilint("check", str(WILD / "reports" / name), "--format", "json")
    assert run.code in (0, 1), run.stderr
    file = run.json["files"][0]
    return file["year"], file["findings"]


@pytest.mark.parametrize(("name", "expected", "kind", "rule", "must"), _params())
def test_wild_expectation(name: str, expected: dict, kind: str, rule: str, must: dict | None):
    year, findings = _findings(name)
    assert year == expected["year"]
    if kind == "must":
        hits = [
            f
            for f in findings
            if f["rule"] == rule
            and RANK[f["severity"]] >= RANK[must["severity"]]
            and (must["line"] in ("report", "any") or f["line"] == must["line"])
        ]
        assert hits, f"{name}: missed {rule} at line {must['line']}; got {findings}"
    else:
        wrong = [(f["line"], f["message"]) for f in findings if f["rule"] == rule]
        assert not wrong, f"{name}: false {rule}: {wrong}"
