"""text-table-mismatch under the 2008 regime: prose against the appended statistics table.

The reports are the team's own (tests/written_reports/bureau-2009.txt and
district-2016.txt), correct as written; each test plants one contradiction
between a prose figure and its table row, the way a drafter who edits one and
not the other does.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.document import Document
from linter.engine import Settings, check_document
from linter.rulebook import shipped_packs

WRITTEN = Path(__file__).parent / "written_reports"


def mismatches(text: str, year: int) -> list[tuple[int, dict]]:
    doc = Document("x.txt", text)
    settings = Settings(select=frozenset({"text-table-mismatch"}), year=year)
    return [(f.line, f.details) for f in check_document(doc, shipped_packs(), settings).findings]


def report(name: str) -> str:
    return (WRITTEN / name).read_text(encoding="utf-8")


@pytest.mark.parametrize(("name", "year"), [("bureau-2009.txt", 2009), ("district-2016.txt", 2016)])
def test_prose_that_agrees_with_its_statistics_table_gives_nothing(name, year):
    assert mismatches(report(name), year) == []


@pytest.mark.parametrize(
    ("old", "new", "line", "stated", "table"),
    [
        # the proactive total, the applications received, one channel, one outcome
        ("共主动公开政府信息352条", "共主动公开政府信息325条", 11, 325, 352),
        ("共受理政府信息公开申请8件", "共受理政府信息公开申请9件", 15, 9, 8),
        ("其中当面申请5件,信函申请3件", "其中当面申请4件,信函申请4件", 15, 4, 5),
        ("其中同意公开6件,信息不存在2件", "其中同意公开5件,信息不存在3件", 15, 5, 6),
    ],
)
def test_a_prose_figure_its_table_row_contradicts_is_found(old, new, line, stated, table):
    text = report("bureau-2009.txt")
    assert old in text
    found = mismatches(text.replace(old, new), 2009)
    assert [(at, d["stated"], d["table_value"]) for at, d in found][:1] == [(line, stated, table)]


def test_review_and_litigation_counts_are_held_to_their_rows():
    text = report("district-2016.txt").replace("行政复议案件5件", "行政复议案件6件")
    found = mismatches(text, 2016)
    assert [(d["stated"], d["table_value"]) for _, d in found] == [(6, 5)]


def test_a_figure_of_one_level_is_not_held_to_the_whole():
    # only the county government's own figure is given: not the table's total
    text = report("bureau-2009.txt").replace(
        "2009年,我局共主动公开政府信息352条", "2009年,局机关本级主动公开政府信息120条"
    )
    assert mismatches(text, 2009) == []


def test_without_a_statistics_table_nothing_is_held():
    text = report("bureau-2009.txt").split("石城县财政局2009年政府信息公开情况统计表")[0]
    assert mismatches(text.replace("352条", "325条"), 2009) == []


def test_one_units_figure_is_not_held_to_the_standard_table():
    # a 2022 report: part 一 gives what one unit received, not the whole's 136
    text = report("dept-2022.txt")
    old = "全年共收到政府信息公开申请136件"
    assert old in text
    whole = mismatches(text.replace(old, "全年共收到政府信息公开申请36件"), 2022)
    one_unit = mismatches(text.replace(old, "局机关本级共收到政府信息公开申请36件"), 2022)
    assert [(d["stated"], d["table_value"]) for _, d in whole] == [(36, 136)]
    assert one_unit == []


def test_a_figure_of_several_years_is_not_held_to_the_table():
    text = report("dept-2022.txt").replace(
        "全年共收到政府信息公开申请136件", "近三年来,我局共收到政府信息公开申请392件,其中本年136件"
    )
    assert mismatches(text, 2022) == []


def test_figures_of_levels_are_not_held_to_the_whole():
    text = report("district-2016.txt").replace(
        "2016年,全区共主动公开政府信息15826条。",
        "2016年,区直部门共主动公开政府信息9684条,各街道全年主动公开政府信息6142条。",
    )
    assert mismatches(text, 2016) == []
