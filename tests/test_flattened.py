"""Reports whose line breaks were lost: the whole body on one line.

A scraped page often arrives as one line: paragraphs and table cells run
together with spaces between them. The same report must give the same findings,
at the same characters of the original file.
"""

from __future__ import annotations

import unicodedata

import pytest
from conftest import REPORTS, SAMPLES, run_ogilint
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.analysis import analyse
from linter.document import Document
from linter.loaders import load_path


def _flatten(path, between: str = " ") -> str:
    """The report's text as a scraper that lost every break gives it.

    Table cells and rows keep a space between them; paragraphs are joined by
    `between` (a space, or nothing at all).
    """
    doc = load_path(str(path))
    return "".join(
        line.replace("\t", " ") + (" " if "\t" in line else between)
        for line in doc.lines
        if line.strip()
    )


def _findings(path) -> list[dict]:
    run = run_ogilint("check", str(path), "--format", "json")
    return run.json["files"][0]["findings"]


def _underlined(path, finding: dict) -> str:
    """The original characters a finding points at."""
    lines = path.read_text(encoding="utf-8").split("\n")
    if finding["line"] != finding["end_line"]:
        return ""
    return lines[finding["line"] - 1][finding["column"] - 1 : finding["end_column"] - 1]


def _same_findings(clean, flat) -> None:
    before, after = _findings(clean), _findings(flat)
    assert sorted(f["rule"] for f in after) == sorted(f["rule"] for f in before)
    assert sorted(f["message"] for f in after) == sorted(f["message"] for f in before)
    quoted = sorted(_underlined(clean, f) for f in before if f["line"] > 1 or f["column"] > 1)
    assert sorted(_underlined(flat, f) for f in after if f["line"] > 1 or f["column"] > 1) == quoted


@pytest.fixture
def shared_2021_report():
    if not (REPORTS / "huaian-2024.pdf").exists():
        pytest.skip(f"the shared corpus is not at {REPORTS}")
    return REPORTS


@pytest.mark.parametrize(
    ("name", "between"),
    [("huaian-2024.pdf", " "), ("huaian-2024.pdf", ""), ("huaian-2024.txt", " ")],
)
def test_flattened_2021_report_gives_the_findings_of_its_clean_text(
    shared_2021_report, tmp_path, name, between
) -> None:
    flat = tmp_path / "flat.txt"
    flat.write_text(_flatten(shared_2021_report / name, between), encoding="utf-8")
    assert flat.read_text(encoding="utf-8").count("\n") == 0
    _same_findings(shared_2021_report / "huaian-2024.txt", flat)


def test_the_2021_reports_pdf_gives_the_findings_of_its_clean_text(shared_2021_report) -> None:
    # The anchor the other versions are held to: the markdown-table rewrite and the scan
    # are compared with the PDF (tests/test_table_forms.py, tests/test_loaders_ocr.py).
    def said(name: str) -> list[tuple[str, str, str]]:
        found = _findings(shared_2021_report / name)
        return sorted((f["rule"], f["severity"], f["message"]) for f in found)

    assert said("huaian-2024.pdf") == said("huaian-2024.txt") != []


@pytest.mark.parametrize(
    "name", ["example-county-2018-faulty.txt", "example-county-2018-clean.txt"]
)
def test_flattened_sample_report_gives_the_same_findings_at_the_same_characters(
    tmp_path, name
) -> None:
    flat = tmp_path / name
    flat.write_text(_flatten(SAMPLES / name), encoding="utf-8")
    _same_findings(SAMPLES / name, flat)


def test_flattened_report_is_read_as_paragraphs() -> None:
    text = (
        "示例县2018年政府信息公开工作年度报告 本报告由概述、主动公开、依申请公开三个部分组成。"
        "统计期限自2018年1月1日起至2018年12月31日止。 一、概述 2018年,我县一、二季度各举办"
        "培训2期。工作做法:一、加强领导;二、完善制度。 二、主动公开政府信息情况 (一)主动公开"
        "情况。全年公开信息120条。一是加强领导,二是完善制度。 (二)公开平台 1.网站建设。2.新媒体。"
        " 三、依申请公开政府信息情况 全年受理申请12件。"
    )
    doc = Document("x.txt", text)
    assert [(h.level, h.number, h.title) for h in analyse(doc).outline.headings] == [
        (1, 1, "概述"),
        (1, 2, "主动公开政府信息情况"),
        (2, 1, "主动公开情况"),
        (2, 2, "公开平台"),
        (1, 3, "依申请公开政府信息情况"),
    ]
    assert doc.norm_lines[0] == "示例县2018年政府信息公开工作年度报告"
    # Every line of the view still points into the one line of the source.
    assert {doc.span(s, s + 1).line for s in doc.norm_line_starts[:-1]} == {1}


def test_numbering_out_of_sequence_inside_prose_is_no_part() -> None:
    text = "一、概述\n" + (
        "全年工作有三项。一、加强领导。二、完善制度。三、强化培训。" * 4
        + " 二、主动公开情况 全年公开120条。"
    )
    doc = Document("x.txt", text)
    # The report's own 一 is a line; its inline 一、二、三 restart the numbering: not parts.
    assert [h.title for h in analyse(doc).outline.top_level] == ["概述"]


def test_one_skipped_part_number_still_cuts_and_is_reported(tmp_path) -> None:
    text = (
        "示例县2018年政府信息公开工作年度报告 一、概述 全年公开信息120条。"
        " 二、主动公开政府信息情况 全年公开信息120条。 四、依申请公开情况 全年受理申请12件。"
    )
    doc = Document("x.txt", text)
    assert [h.number for h in analyse(doc).outline.top_level] == [1, 2, 4]
    path = tmp_path / "skip.txt"
    path.write_text(text, encoding="utf-8")
    run = run_ogilint("check", str(path), "--format", "json", "--select", "heading-sequence")
    (finding,) = run.json["files"][0]["findings"]
    assert text[finding["column"] - 1 : finding["end_column"] - 1].startswith("四、依申请公开情况")


_BODY = st.sampled_from(
    [
        "全年公开信息1,411条。",
        "一是加强领导,二是完善制度。",
        "一、二季度各举办培训2期。",
        "共受理申请 3119 件。",
        "規章 1 0 11 行政規範性文件 8 26 66",
        "電\u3000話:0371-12345678。",
        "1.网站建设。2.新媒体。",
    ]
)
_TITLES = st.sampled_from(["概述", "主动公开情况", "依申请公开情况", "收费及减免情况", "其他事项"])


@settings(deadline=None, max_examples=60)
@given(
    st.lists(st.tuples(_TITLES, st.lists(_BODY, min_size=1, max_size=4)), min_size=2, max_size=6)
)
def test_flattened_parts_are_found_and_map_back_to_their_characters(parts) -> None:
    numerals = "一二三四五六"
    text = " ".join(
        f"{numerals[k]}、{title} " + "".join(body) for k, (title, body) in enumerate(parts)
    )
    doc = Document("x.txt", "示例县2018年政府信息公开工作年度报告 " + text)
    assert [h.title for h in analyse(doc).outline.top_level] == [title for title, _ in parts]
    for i, ch in enumerate(doc.norm):
        source = doc.text[doc.source_offset(i)]
        assert doc.span(i, i + 1).line == 1
        if ch != "\n":
            folded = unicodedata.normalize("NFKC", source)
            assert ch in folded or ch == source or source in "規範電話"


def test_a_report_with_its_line_breaks_is_not_cut() -> None:
    text = "## 一、概述\n全年公开信息120条。一、二季度各举办培训2期。\n**二、主动公开情况**\n" * 1
    doc = Document("x.txt", text + "三、依申请公开情况 全年受理申请12件。四、其他事项。")
    assert doc.virtual_lines == {}
    assert [h.number for h in analyse(doc).outline.top_level] == [1, 2, 3]
