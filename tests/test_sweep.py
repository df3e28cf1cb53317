"""The reviewer's sweep: `--format csv | xlsx | dashboard` on the shared corpus, read back.

The figures asserted for huaian-2024 were read by hand from the report's own text
(../shared/corpus/reports/huaian-2024.txt): line 84 "一、本年新收政府信息公开申请数量
3001 53 0 0 61 4 3119", line 85 "二、上年结转… 34 … 34", line 126 "(七)总计 … 3050",
line 127 "四、结转下年度继续办理 … 103", and part 一 "政府信息公开行政复议 351 件 …
行政诉讼 46 件".
"""

from __future__ import annotations

import csv
import io
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from browser import screenshot
from conftest import REPORTS, ROOT, SHARED, run_ogilint

from linter.cli import expand_paths
from linter.formatters.csv import cell
from linter.formatters.scorecard import COLUMNS, words

WILD = SHARED / "corpus" / "wild" / "reports"
CORPUS = [str(REPORTS), str(WILD)]
HUAIAN = str(REPORTS / "huaian-2024.txt")


@pytest.fixture(scope="module")
def sweep_csv(tmp_path_factory) -> bytes:
    out = tmp_path_factory.mktemp("sweep") / "sweep.csv"
    run = run_ogilint("check", *CORPUS, "--format", "csv", "--output", str(out))
    assert run.code in (0, 1), run.stderr
    return out.read_bytes()


def _rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def _heading(key: str) -> str:
    return words()["columns"][key]["zh"]


def test_csv_has_a_bom_crlf_and_one_row_per_report(sweep_csv):
    assert sweep_csv.startswith("\ufeff".encode())  # Excel and WPS read it as UTF-8
    lines = sweep_csv.split(b"\r\n")
    assert lines[-1] == b"" and all(b"\n" not in line for line in lines)  # CRLF only
    rows = _rows(sweep_csv)
    assert [r[_heading("path")] for r in rows] == expand_paths(CORPUS)


def test_csv_gives_the_key_figures_read_by_hand_from_the_huaian_report(sweep_csv):
    row = next(r for r in _rows(sweep_csv) if r[_heading("path")] == HUAIAN)
    figures = {k: row[_heading(k)] for k in ("received", "carried_over", "concluded")}
    assert figures == {"received": "3119", "carried_over": "34", "concluded": "3050"}
    assert row[_heading("carried_forward")] == "103"
    assert (row[_heading("reviews")], row[_heading("lawsuits")]) == ("351", "46")
    assert row[_heading("issuer")] == "淮安市人民政府"
    assert row[_heading("issuer_kind")] == "人民政府"
    assert (row[_heading("year")], row[_heading("regime")]) == ("2024", "ogi-2021")
    # "市政府网站主动公开各类政府信息 5500 余条": approximate, so no proactive figure
    assert row[_heading("proactive_items")] == ""


def test_csv_counts_per_severity_add_up_to_the_counts_per_rule(sweep_csv):
    rows = _rows(sweep_csv)
    rule_columns = list(rows[0])[len(COLUMNS) :]
    assert "total-mismatch" in rule_columns and "missing-contact" in rule_columns
    for row in rows:
        by_severity = sum(int(row[_heading(k)]) for k in ("errors", "warnings", "infos"))
        assert by_severity == sum(int(row[r]) for r in rule_columns)


def test_a_text_a_spreadsheet_would_run_as_a_formula_is_defused():
    assert cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert cell("淮安市") == "淮安市" and cell(3119) == 3119 and cell(None) == ""


def test_xlsx_reads_back_with_numbers_as_numbers(tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "sweep.xlsx"
    run = run_ogilint("check", str(REPORTS), "--format", "xlsx", "--output", str(out))
    assert run.code in (0, 1), run.stderr
    sheet = load_workbook(out).active
    rows = list(sheet.iter_rows(values_only=True))
    heading = list(rows[0])
    assert len(rows) - 1 == len(expand_paths([str(REPORTS)]))
    huaian = next(r for r in rows[1:] if r[0] == HUAIAN)
    assert huaian[heading.index(_heading("received"))] == 3119
    assert huaian[heading.index(_heading("carried_forward"))] == 103
    assert sheet.freeze_panes == "B2" and sheet["A1"].font.bold


def test_xlsx_to_a_terminal_is_refused_in_one_line():
    leader, follower = pty.openpty()
    proc = subprocess.run(
        [sys.executable, "-m", "linter", "check", HUAIAN, "--format", "xlsx"],
        stdout=follower,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        timeout=60,
    )
    os.close(follower)
    os.close(leader)
    assert proc.returncode == 2
    assert proc.stderr.decode().strip().count("\n") == 0
    assert "--output" in proc.stderr.decode()


# -- the dashboard, in a real Chromium ------------------------------------------------------


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory, sweep_csv) -> tuple[Path, list[dict[str, str]]]:
    """The dashboard of the whole corpus, huaian's annotated page written beside it."""
    folder = tmp_path_factory.mktemp("dashboard")
    (folder / "huaian-2024.txt.html").write_text("<p>annotated</p>", encoding="utf-8")
    out = folder / "sweep.html"
    run = run_ogilint("check", *CORPUS, "--format", "dashboard", "--output", str(out))
    assert run.code in (0, 1), run.stderr
    return out, _rows(sweep_csv)


def test_dashboard_shows_one_row_per_report_and_no_console_error(page, dashboard):
    out, rows = dashboard
    page.goto(out.as_uri())
    assert page.locator("#sweep tbody tr").count() == len(rows) == len(expand_paths(CORPUS))
    assert page.errors == []
    html = out.read_text(encoding="utf-8")
    assert "http://" not in html.split("<body>")[1] and "https://" not in html  # no network
    for width in (1280, 390):
        screenshot(page, "dashboard", width)


def _column(page, key: str) -> list[str]:
    index = page.locator("#sweep thead th").evaluate_all(
        f"ths => ths.findIndex(th => th.dataset.key === '{key}')"
    )
    return page.locator(
        f"#sweep tbody tr:not([hidden]) td:nth-child({index + 1})"
    ).all_inner_texts()


def test_dashboard_sorts_by_a_column_on_a_click(page, dashboard):
    out, _ = dashboard
    page.goto(out.as_uri())
    page.locator("#sweep thead th[data-key='errors']").click()
    ascending = [int(v) for v in _column(page, "errors")]
    assert ascending == sorted(ascending) and ascending[0] < ascending[-1]
    page.locator("#sweep thead th[data-key='errors']").click()
    assert [int(v) for v in _column(page, "errors")] == sorted(ascending, reverse=True)
    page.locator("#sweep thead th[data-key='received']").click()
    received = [v for v in _column(page, "received") if v]
    assert [int(v) for v in received] == sorted(int(v) for v in received)
    assert _column(page, "received")[-1] == ""  # unknown figures last


def test_dashboard_filter_hides_the_rows_it_does_not_match(page, dashboard):
    out, rows = dashboard
    page.goto(out.as_uri())
    page.locator("#filter").fill("淮安市人民政府")
    visible = page.locator("#sweep tbody tr:not([hidden])")
    expected = [r for r in rows if r[_heading("issuer")] == "淮安市人民政府"]
    assert visible.count() == len(expected) == 2  # huaian-2024.pdf and .txt
    page.locator("#filter").fill("")
    assert visible.count() == len(rows)


def test_dashboard_charts_have_one_bar_per_rule_and_per_severity(page, dashboard):
    out, rows = dashboard
    page.goto(out.as_uri())
    rule_columns = list(rows[0])[len(COLUMNS) :]
    found = {r: sum(int(row[r]) for row in rows) for r in rule_columns}
    bars = page.locator("#by-rule g.bar")
    labels = bars.evaluate_all("gs => gs.map(g => [g.dataset.label, Number(g.dataset.value)])")
    assert dict(labels) == {r: n for r, n in found.items() if n}
    severity = page.locator("#by-severity g.bar").evaluate_all(
        "gs => gs.map(g => Number(g.dataset.value))"
    )
    assert len(severity) == 4 and sum(severity) == len(rows)  # error, warning, info, clean


def test_dashboard_links_a_report_to_its_annotated_page_beside_it(page, dashboard):
    out, _ = dashboard
    page.goto(out.as_uri())
    links = page.locator("#sweep tbody a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert links == ["huaian-2024.txt.html"]  # the only report whose page is there


def test_dashboard_links_the_page_ogilint_annotate_writes_beside_a_report(tmp_path, page):
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "wuxi-2015.txt").write_bytes((REPORTS / "wuxi-2015.txt").read_bytes())
    (reports / "wuxi-2015.checked.html").write_text("<p>annotated</p>", encoding="utf-8")
    out = tmp_path / "sweep" / "index.html"
    out.parent.mkdir()
    run = run_ogilint("check", str(reports), "--format", "dashboard", "--output", str(out))
    assert run.code in (0, 1), run.stderr
    page.goto(out.as_uri())
    link = page.locator("#sweep tbody a")
    assert link.get_attribute("href") == "../reports/wuxi-2015.checked.html"
    link.click()
    assert page.locator("p").inner_text() == "annotated"  # the relative link resolves
