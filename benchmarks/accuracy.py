"""Accuracy of ogilint on every labelled corpus: per rule and overall.

    python benchmarks/accuracy.py [--shared ../shared] [--ogilint BIN] [--json]

Runs the real `ogilint check --format json` on every labelled report
(../shared/corpus/expected.yaml, ../shared/corpus/wild/expected.yaml,
tests/reports_written/expected.yaml and sample_reports/expected*.yaml) and
holds the findings against the labels with the shared tool's semantics
(../shared/tools/check_expectations.py, imported, not copied): a `must` entry
is met by a finding of that rule, at least that severity, on that line ("report"/"any": any line).

* true positive: a `must` entry that is met;
* miss: a `must` entry that is not met;
* false positive: a `must_not` rule that fires in the report (counted once per
  report and rule, as the labels are written).

Findings that are neither expected nor listed under must_not are not labelled
either way and count for nothing. Precision = TP / (TP + FP), recall =
TP / (TP + misses). Prints one row per rule and the overall figures; asserts
nothing (the tests do).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import yaml

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Case:
    corpus: str
    folder: Path
    name: str
    expected: dict


@dataclass(frozen=True)
class Outcome:
    corpus: str
    name: str
    rule: str
    kind: str  # "tp" | "fp" | "miss"
    note: str


def load_tool(shared: Path) -> ModuleType:
    """The shared expectation checker, imported from its file."""
    path = shared / "tools" / "check_expectations.py"
    spec = importlib.util.spec_from_file_location("check_expectations", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"accuracy: cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def labelled_corpora(shared: Path) -> list[tuple[str, Path, Path]]:
    """(corpus name, reports folder, expectation file) of every labelled corpus."""
    corpora = [
        ("seed", shared / "corpus" / "reports", shared / "corpus" / "expected.yaml"),
        (
            "wild",
            shared / "corpus" / "wild" / "reports",
            shared / "corpus" / "wild" / "expected.yaml",
        ),
    ]
    written = ROOT / "tests" / "reports_written"
    corpora.append(("written", written, written / "expected.yaml"))
    samples = ROOT / "sample_reports"
    corpora += [(f"samples/{p.stem}", samples, p) for p in sorted(samples.glob("expected*.yaml"))]
    return [c for c in corpora if c[2].is_file()]


def cases_of(corpus: str, folder: Path, spec_file: Path) -> list[Case]:
    spec = yaml.safe_load(spec_file.read_text(encoding="utf-8"))
    cases = spec.get("reports") or spec.get("cases") or {}
    return [Case(corpus, folder, name, exp) for name, exp in cases.items()]


def judge(tool: ModuleType, case: Case, doc: dict | None, why: str) -> list[Outcome]:
    """The labelled outcomes of one report, with the shared tool's matching."""
    if doc is None:
        return [Outcome(case.corpus, case.name, "(run)", "miss", why)]
    got = tool.findings_of(doc)
    out = []
    for must in case.expected.get("must", []):
        line = must.get("line")
        met = any(
            g.get("rule") == must["rule"]
            and tool.RANK.get(g.get("severity"), -1) >= tool.RANK[must["severity"]]
            and (line in ("report", "any") or g.get("line") == line)
            for g in got
        )
        out.append(
            Outcome(case.corpus, case.name, must["rule"], "tp" if met else "miss", f"line {line}")
        )
    for rule in case.expected.get("must_not", []):
        fired = [g for g in got if g.get("rule") == rule]
        if fired:
            first = fired[0]
            note = f"line {first.get('line')}: {first.get('message', '')[:90]}"
            out.append(Outcome(case.corpus, case.name, rule, "fp", note))
    return out


def ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def percent(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.1f}%"


def table(outcomes: list[Outcome]) -> str:
    counts: dict[str, Counter] = {}
    for o in outcomes:
        counts.setdefault(o.rule, Counter())[o.kind] += 1
    rows = [f"{'rule':<28} {'TP':>4} {'FP':>4} {'miss':>4} {'precision':>10} {'recall':>8}"]
    for rule in sorted(counts):
        c = counts[rule]
        rows.append(
            f"{rule:<28} {c['tp']:>4} {c['fp']:>4} {c['miss']:>4} "
            f"{percent(ratio(c['tp'], c['tp'] + c['fp'])):>10} "
            f"{percent(ratio(c['tp'], c['tp'] + c['miss'])):>8}"
        )
    total = Counter(o.kind for o in outcomes)
    rows.append(
        f"{'overall':<28} {total['tp']:>4} {total['fp']:>4} {total['miss']:>4} "
        f"{percent(ratio(total['tp'], total['tp'] + total['fp'])):>10} "
        f"{percent(ratio(total['tp'], total['tp'] + total['miss'])):>8}"
    )
    return "\n".join(rows)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--ogilint", default=str(Path(sys.executable).with_name("ogilint")))
    ap.add_argument("--json", action="store_true", help="print the outcomes as JSON")
    ap.add_argument("--jobs", type=int, default=2)
    a = ap.parse_args()
    tool = load_tool(a.shared)
    cases = [c for corpus in labelled_corpora(a.shared) for c in cases_of(*corpus)]
    with ThreadPoolExecutor(max_workers=a.jobs) as pool:
        runs = list(pool.map(lambda c: tool.run(a.ogilint, c.folder / c.name), cases))
    outcomes = [
        o for case, (doc, why) in zip(cases, runs, strict=True) for o in judge(tool, case, doc, why)
    ]
    if a.json:
        print(json.dumps([o.__dict__ for o in outcomes], ensure_ascii=False, indent=1))
        return 0
    print(f"{len(cases)} labelled reports in {len({c.corpus for c in cases})} corpora\n")
    print(table(outcomes))
    wrong = [o for o in outcomes if o.kind != "tp"]
    if wrong:
        print()
    for o in wrong:
        print(f"{o.kind:>4} {o.corpus}/{o.name}: {o.rule} ({o.note})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
