"""Headings and the outline, on the shapes real reports use."""

from __future__ import annotations

from conftest import REPORTS

from linter.analysis import analyse
from linter.document import Document
from linter.loaders import load_path


def outline(text: str):
    return [(h.level, h.number, h.title) for h in analyse(Document("x.txt", text)).outline.headings]


def test_heading_levels_and_body_text_after_the_heading():
    text = (
        "一、概述\n    (一)申请情况。全市共受理1411件。\n"
        "1.财政领域。所有部门…\n2、医疗\n（二）申请处理"
    )
    assert outline(text) == [
        (1, 1, "概述"),
        (2, 1, "申请情况"),
        (3, 1, "财政领域"),
        (3, 2, "医疗"),
        (2, 2, "申请处理"),
    ]


def test_page_noise_and_long_unstopped_lines_are_not_headings():
    long_line = "1、" + "很长的正文" * 20
    text = "当前位置: 首页>>年度报告\n责任编辑:赵檬\n分享到:\n" + long_line + "\n3.5万余条信息"
    assert outline(text) == []


def test_real_reports_have_their_top_level_parts():
    expected = {
        "luoyang-2018.txt": 7,
        "wuxi-2015.txt": 5,
        "baoding-2018.txt": 6,
        "changzhou-2018.txt": 4,
        "xinxiang-2015.txt": 9,
    }
    for name, count in expected.items():
        doc = load_path(str(REPORTS / name))
        assert len(analyse(doc).outline.top_level) == count, name


def test_traditional_headings_are_read_through_the_simplified_view():
    doc = load_path(str(REPORTS / "changzhou-2018.txt"))
    titles = [h.title for h in analyse(doc).outline.headings]
    assert "收费及减免情况" in titles and "依申请公开办理情况" in titles


def test_markdown_headings_are_headings():
    text = (
        "# 示例县2018年政府信息公开工作年度报告\n## 一、概述\n正文。\n"
        "### (一)申请情况\n**二、主动公开情况**"
    )
    assert outline(text) == [(1, 1, "概述"), (2, 1, "申请情况"), (1, 2, "主动公开情况")]
