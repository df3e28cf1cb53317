"""From one year's report to the next: carryover-mismatch and stock-mismatch, on pairs of
real web pages written from the fictional city's 2024 sample and a 2023 report of the
same city built here with its figures worked out by hand:

- 2024 二、上年结转 is (4, 1, 0, 0, 0, 0 | 5): the 2023 report's 四 must be the same.
  The 2023 grid keeps its own identity (一 + 二 = 三(七) + 四) by moving the difference
  into 三(一): 四 goes from (6, 1, …) to (4, 1, …), so 三(一) 自然人 goes 86 -> 88.
- 2024 现行有效件数: 规章 15 = 2023's 14 + 2 制发 − 1 废止; 行政规范性文件 95 = 83 + 18 − 6.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_ogilint
from test_standard_tables import make_samples

GOOD_STOCK = {"规章": "14", "行政规范性文件": "83"}


def _earlier(
    carried: tuple[int, ...] = (4, 1, 0, 0, 0, 0),
    stock: dict[str, str] = GOOD_STOCK,
    name: str = "示例市",
) -> make_samples.Sample:
    """The city's 2023 report: its 四 row is `carried`, its 现行有效件数 `stock`."""
    counts = dict(make_samples.CITY_COUNTS)
    moved = [old - new for old, new in zip(counts["四"], carried, strict=True)]
    counts["三(一)"] = tuple(a + d for a, d in zip(counts["三(一)"], moved, strict=True))
    counts["四"] = carried
    grid = make_samples.application_grid("2021", counts)
    later = make_samples.city_clean()
    texts = {
        k: v.replace("2024", "2023").replace("2025-03-20", "2024-03-20").replace("示例市", name)
        for k, v in later.texts.items()
    }
    # Part 一 repeats the table's totals: say the 2023 ones.
    for words, key in (("答复", "三(七)"), ("另有", "四"), ("受理政府信息公开申请", "一")):
        then, now = make_samples.total(later.applications, key), make_samples.total(grid, key)
        items = texts["overview_items"]
        texts["overview_items"] = items.replace(f"{words}{then}件", f"{words}{now}件")
    proactive = {k: list(v) for k, v in later.proactive.items()}
    for row, value in stock.items():
        proactive[row][2] = value
    return make_samples.Sample("city-2023", "2021", texts, proactive, grid, later.review)


def _write(folder: Path, name: str, sample: make_samples.Sample) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.html"
    path.write_bytes(make_samples.html_report(sample.report()))
    return path


def _check(*args: str) -> dict[str, list[dict]]:
    run = run_ogilint("check", *args, "--format", "json", "--no-cache")
    assert run.code in (0, 1), run.stderr
    return {Path(f["path"]).name: f["findings"] for f in run.json["files"]}


@pytest.fixture(scope="module")
def later(tmp_path_factory) -> Path:
    return _write(tmp_path_factory.mktemp("y2024"), "city-2024", make_samples.city_clean())


def _rules(findings: list[dict]) -> list[str]:
    return [f["rule"] for f in findings]


def test_consistent_years_give_nothing_and_the_earlier_report_is_clean(tmp_path, later):
    earlier = _write(tmp_path, "city-2023", _earlier())
    found = _check(str(earlier), str(later))
    assert found["city-2023.html"] == []  # the hand-built 2023 report holds together
    assert found["city-2024.html"] == []


def test_carried_over_figures_that_differ_from_last_year_are_reported_per_column(tmp_path, later):
    earlier = _write(tmp_path, "city-2023", _earlier(carried=(5, 1, 0, 0, 0, 0)))
    found = _check(str(earlier), str(later))
    mismatches = [f for f in found["city-2024.html"] if f["rule"] == "carryover-mismatch"]
    by_column = {f["details"]["column"]: f for f in mismatches}
    assert set(by_column) == {"自然人", "总计"}  # 5 vs 4, and 6 vs 5
    natural = by_column["自然人"]
    assert natural["severity"] == "warning"
    assert natural["details"]["value"] == 4 and natural["details"]["earlier_value"] == 5
    assert natural["details"]["earlier_file"].endswith("city-2023.html")
    assert natural["details"]["row"] == "二" and natural["details"]["table"] == "applications"
    assert "2023" in natural["message"] and "city-2023.html" in natural["message"]
    assert _rules(found["city-2023.html"]).count("carryover-mismatch") == 0  # the later only


def test_a_stock_that_does_not_follow_from_last_year_is_reported_with_the_sum(tmp_path, later):
    earlier = _write(tmp_path, "city-2023", _earlier(stock={"规章": "13", "行政规范性文件": "83"}))
    found = _check(str(earlier), str(later))
    stocks = [f for f in found["city-2024.html"] if f["rule"] == "stock-mismatch"]
    assert len(stocks) == 1
    details = stocks[0]["details"]
    assert (details["row"], details["value"], details["expected"]) == ("规章", 15, 14)
    assert details["arithmetic"] == "13 + 2 − 1 = 14 ≠ 15"


def test_earlier_years_given_with_history_are_compared_but_not_reported(tmp_path, later):
    earlier = _write(tmp_path / "2023", "city-2023", _earlier(carried=(5, 1, 0, 0, 0, 0)))
    found = _check(str(later), "--history", str(earlier.parent))
    assert list(found) == ["city-2024.html"]
    assert "carryover-mismatch" in _rules(found["city-2024.html"])


def test_a_renamed_issuer_is_not_paired_with_last_years_report(tmp_path, later):
    earlier = _write(tmp_path, "city-2023", _earlier(carried=(5, 1, 0, 0, 0, 0), name="示范市"))
    found = _check(str(earlier), str(later))
    assert found["city-2024.html"] == []


def test_a_fault_of_both_years_is_said_once_as_repeated_on_the_later_report(tmp_path):
    earlier_sample, later_sample = _earlier(), make_samples.city_clean()
    for sample in (earlier_sample, later_sample):  # both leave out the contact details
        sample.texts["preamble"] = sample.texts["preamble"].split("如对本报告有疑问")[0]
    earlier = _write(tmp_path, "city-2023", earlier_sample)
    later = _write(tmp_path, "city-2024", later_sample)
    found = _check(str(earlier), str(later))
    old = [f for f in found["city-2023.html"] if f["rule"] == "missing-contact"]
    new = [f for f in found["city-2024.html"] if f["rule"] == "missing-contact"]
    assert len(old) == len(new) == 1
    assert "repeated_from" not in old[0]
    assert new[0]["repeated_from"] == 2023
    text = run_ogilint("check", str(earlier), str(later), "--no-cache").stdout
    assert text.count("与2023年报告相同") == 1


@pytest.mark.parametrize("order", ["earlier first", "later first"])
def test_streamed_text_output_says_the_mismatch_in_either_input_order(tmp_path, later, order):
    earlier = _write(tmp_path, "city-2023", _earlier(carried=(5, 1, 0, 0, 0, 0)))
    files = [str(earlier), str(later)] if order == "earlier first" else [str(later), str(earlier)]
    run = run_ogilint("check", *files, "--no-cache", "--quiet")
    lines = [x for x in run.stdout.splitlines() if "[carryover-mismatch]" in x]
    assert len(lines) == 2 and all("city-2024.html" in x for x in lines), run.stdout
    assert run.code == 0  # warnings: the run fails only with --fail-on warning
