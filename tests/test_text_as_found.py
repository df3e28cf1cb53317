"""Text as reports really arrive: letter-spaced labels, invisible characters,
page furniture around the body, titles wrapped over two lines.

Each case asserts that the awkward form gives the same reading (and the same
findings) as the clean form, and that every position still points at the
source character it came from.
"""

from __future__ import annotations

import pytest
from conftest import run_ogilint

from linter.analysis import analyse
from linter.document import Document
from linter.noise import is_noise


def _norm(text: str) -> str:
    return Document("x.txt", text).norm


@pytest.mark.parametrize(
    ("source", "normalised"),
    [
        ("电 话 ： 0517-83605210", "电话: 0517-83605210"),
        (
            "统 计 期 限 自 2024 年 1 月 1 日 至 2024 年 12 月 31 日 止",
            "统计期限自2024年1月1日至2024年12月31日止",
        ),
        ("地\u3000\u3000址：淮安市翔宇南道1号", "地址:淮安市翔宇南道1号"),
        ("电\u00a0话：0517-83605210", "电话:0517-83605210"),
        (
            "（二）部分公开（区分处理的，只计这一情 形，不计其他情形） 447",
            "(二)部分公开(区分处理的,只计这一情形,不计其他情形) 447",
        ),
        (
            "共受理申请3\u200b119件，电\u200b话：\ufeff0517-83605210",
            "共受理申请3119件,电话:0517-83605210",
        ),
    ],
)
def test_letter_spacing_and_invisible_characters_are_folded_away(source, normalised) -> None:
    assert _norm(source) == normalised


def test_cells_of_a_table_copied_as_text_stay_apart() -> None:
    # Words of two characters or more are cells, not letter-spacing.
    assert _norm("自然人 法人或其他组织 总计") == "自然人 法人或其他组织 总计"
    assert _norm("信息内容 本年制发件数 本年废止件数") == "信息内容 本年制发件数 本年废止件数"


def test_folded_characters_still_point_at_their_source() -> None:
    text = "联系方式\n电 话 ：\u200b0517-83605210"
    doc = Document("x.txt", text)
    at = doc.norm.index("电话")
    span = doc.span(at, at + len("电话:0517"))
    assert (span.line, span.column) == (2, 1)
    assert text.split("\n")[1][span.column - 1 : span.end_column - 1] == "电 话 ：\u200b0517"


def test_letter_spaced_contact_and_period_are_found(tmp_path) -> None:
    body = (
        "示例县人民政府2018年政府信息公开工作年度报告\n"
        "本报告统 计 期 限 自2018年1月1日起至2018年12月31日止。\n"
        "联系地址：示例县人民路1号，电 话 ： 0371-12345678，邮 编 ：450000。\n"
    )
    path = tmp_path / "spaced.txt"
    path.write_text(body, encoding="utf-8")
    found = run_ogilint(
        "check",
        str(path),
        "--format",
        "json",
        "--select",
        "missing-period,missing-contact,contact-incomplete,invalid-phone",
    ).rules()
    assert found == set()


@pytest.mark.parametrize(
    "line",
    [
        "文字版 图片解读",
        "打印本页 关闭窗口",
        "【打印本页】【关闭窗口】",
        "时间:2019-01-20",
        "附件下载:2018年度报告.pdf",
        "正文",
        "索引号:11320800014121183R/2025-00012",
        "主办单位:示例县人民政府办公室 地址:人民路1号 电话:0371-1234567",
    ],
)
def test_page_furniture_is_noise(line: str) -> None:
    assert is_noise(line)


@pytest.mark.parametrize(
    "line", ["附件", "附件1", "一、概述", "时间紧、任务重。", "电话:0371-1234567"]
)
def test_report_lines_are_not_noise(line: str) -> None:
    assert not is_noise(line)


def test_site_footer_contact_is_not_the_report_contact(tmp_path) -> None:
    body = (
        "示例县水利局2018年政府信息公开工作年度报告\n"
        "一、概述\n全年主动公开信息120条。\n"
        "打印本页 关闭窗口\n"
        "主办单位：示例县人民政府办公室 电话：0371-12345678 地址：人民路1号\n"
    )
    path = tmp_path / "footer.txt"
    path.write_text(body, encoding="utf-8")
    assert run_ogilint(
        "check", str(path), "--format", "json", "--select", "missing-contact"
    ).rules() == {"missing-contact"}


@pytest.mark.parametrize(
    "text",
    [
        "道县文广新局2013年度信息公开工作\n年度报告\n一、主动公开政府信息的情况:",
        "正文\n2024 年上海市科委政府信息公开工作\n年度报告\n根据《条例》…",
        "来源：示例县人民政府 时间：2019-03-20\n文字版 图片解读\n索引号：123\n"
        "发布机构：示例县\n生成日期：2019-03-20\n分享到：\n正文\n字号：大 中 小\n"
        "示例县2018年政府信息公开工作年度报告\n一、概述",
    ],
)
def test_wrapped_title_or_title_below_furniture_is_the_title(text: str) -> None:
    analysis = analyse(Document("x.txt", text))
    assert analysis.title is not None
    assert analysis.year in (2013, 2018, 2024)


def test_a_sentence_and_the_next_line_are_not_a_title() -> None:
    doc = Document(
        "x.txt", "根据《条例》要求,现公布2018年度政府信息公开工作情况。\n年度报告如下\n一、概述"
    )
    assert analyse(doc).title is None
