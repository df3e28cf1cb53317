"""Forms found by the red-team reports (tests/reports_written/), beyond their labels."""

from __future__ import annotations

from pathlib import Path

from conftest import run_ogilint

WRITTEN = Path(__file__).parent / "reports_written"
ROW_OF_15 = "46\t12\t9\t8\t75\t14\t3\t2\t6\t25\t5\t1\t0\t2\t8"
# Table 四 set as three labelled rows of five, one per block, under one header.
THREE_ROWS = (
    "单位：件\n\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n"
    "行政复议\t46\t12\t9\t8\t75\n"
    "行政诉讼（未经复议直接起诉）\t14\t3\t2\t6\t25\n"
    "行政诉讼（复议后起诉）\t5\t1\t0\t2\t{last}"
)


def _with_review_as_rows(tmp_path: Path, last: str) -> Path:
    text = (WRITTEN / "linjiang-2023.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    at = lines.index(ROW_OF_15)
    lines[at - 3 : at + 1] = THREE_ROWS.format(last=last).split("\n")
    path = tmp_path / "linjiang-2023.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_a_review_table_set_as_three_labelled_rows_is_the_table(tmp_path):
    run = run_ogilint("check", str(_with_review_as_rows(tmp_path, "8")), "--format", "json")
    assert run.json["files"][0]["findings"] == []


def test_its_block_total_is_checked(tmp_path):
    run = run_ogilint("check", str(_with_review_as_rows(tmp_path, "9")), "--format", "json")
    assert "table-total-mismatch" in run.rules() and "missing-table" not in run.rules()
