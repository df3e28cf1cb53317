"""Web pages: charset, the article without the site around it, tables."""

from __future__ import annotations

import pytest
from fixtures_formats import TRADITIONAL, report_text, web_page

from linter.loaders import InputError, load_bytes


def _page(body: str, head: str = '<meta charset="utf-8">') -> bytes:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>".encode()


def test_gbk_page_keeps_the_article_and_drops_the_furniture() -> None:
    text = report_text("luoyang-2018")
    doc = load_bytes(web_page(text), "report.html")
    assert doc.encoding == "gb18030"
    assert doc.lines == [line.strip() for line in text.split("\n") if line.strip()]
    for furniture in (
        "首页",
        "当前位置",
        "相关链接",
        "webmaster",
        "0371-12345678",
        "分享到:微信",
        "系统维护",
        "打印本页",
    ):
        assert furniture not in doc.text


def test_characters_outside_gbk_survive_as_character_references() -> None:
    text = report_text(TRADITIONAL)
    doc = load_bytes(web_page(text), "report.html")
    assert "\xa0" in text and "\xa0" in doc.text
    assert "2018年常州市政府信息公開年度報告" in doc.lines


def test_big5_page_of_the_traditional_report() -> None:
    text = report_text(TRADITIONAL).replace("\xa0", " ")
    doc = load_bytes(web_page(text, charset="big5"), "report.htm")
    assert doc.encoding == "cp950"
    assert "全市共受理依申請公開2425件" in doc.text


@pytest.mark.parametrize(
    "head",
    [
        '<meta charset="gb2312">',
        '<meta http-equiv="Content-Type" content="text/html; charset=GBK">',
        "",  # no declaration: detected
    ],
)
def test_charset_from_meta_or_detection(head: str) -> None:
    body = "<p>巫溪县2015年政府信息公开工作年度报告</p><p>一、概述</p>" * 5
    data = f"<html><head>{head}</head><body>{body}</body></html>".encode("gbk")
    doc = load_bytes(data, "page.html")
    assert doc.lines[:2] == ["巫溪县2015年政府信息公开工作年度报告", "一、概述"]


def test_bom_decides_over_a_wrong_meta() -> None:
    data = "\ufeff<html><head><meta charset=gbk></head><body><p>年度报告</p></body></html>"
    assert load_bytes(data.encode("utf-8"), "page.html").lines == ["年度报告"]


def test_wrong_meta_charset_is_an_input_error_that_names_both() -> None:
    body = "<p>巫溪县2015年政府信息公开工作年度报告</p>" * 20
    data = f'<html><head><meta charset="utf-8"></head><body>{body}</body></html>'.encode("gbk")
    with pytest.raises(InputError, match=r"declares charset utf-8 .* gb18030"):
        load_bytes(data, "page.html")


def test_utf8_bytes_under_a_gbk_meta_are_refused() -> None:
    body = "<p>巫溪县2015年政府信息公开工作年度报告</p>" * 20
    data = f'<html><head><meta charset="gbk"></head><body>{body}</body></html>'.encode()
    with pytest.raises(InputError, match="declares charset gbk"):
        load_bytes(data, "page.html")


def test_blocks_and_breaks_become_lines_and_inline_text_joins() -> None:
    body = (
        "<div>一、概述<br>本年度共受理申请<b>12</b>件,\n  答复12件。</div>"
        "<p>申请\n情况</p><ul><li>当面1件</li><li>网络11件</li></ul>"
        "<pre>第一行\n  第二行</pre>"
    )
    doc = load_bytes(_page(body), "page.html")
    assert doc.lines == [
        "一、概述",
        "本年度共受理申请12件, 答复12件。",
        "申请情况",  # a source line break between CJK characters is not a space
        "当面1件",
        "网络11件",
        "第一行",
        "  第二行",
    ]


def test_furniture_by_tag_role_class_and_hidden() -> None:
    body = (
        "<header>网站头部</header><nav>导航</nav><div role='navigation'>角色导航</div>"
        "<div class='crumbs'>位置</div><div id='mainNav'>主导航</div>"
        "<div style='display: none'>隐藏</div><div hidden>也隐藏</div>"
        "<article><header><h1>某市2018年政府信息公开工作年度报告</h1></header>"
        "<div class='article-related'>正文相关</div><p>正文。</p></article>"
        "<footer>页脚</footer><div class='bottom-copyright'>版权</div>"
    )
    doc = load_bytes(_page(body), "page.html")
    assert doc.lines == ["某市2018年政府信息公开工作年度报告", "正文相关", "正文。"]


def test_data_table_becomes_a_table_with_merges_expanded() -> None:
    body = (
        "<p>三、依申请公开情况</p><table>"
        "<tr><th rowspan='2'>渠道</th><th colspan='2'>数量</th></tr>"
        "<tr><th>件</th><th>占比</th></tr>"
        "<tr><td>当面</td><td>3</td><td>30%</td></tr>"
        "<tr><td>网络</td><td>7</td><td>70%</td></tr></table><p>四、结尾</p>"
    )
    doc = load_bytes(_page(body), "page.html")
    (table,) = doc.tables
    assert table.rows == (
        ("渠道", "数量", "数量"),
        ("渠道", "件", "占比"),
        ("当面", "3", "30%"),
        ("网络", "7", "70%"),
    )
    assert set(table.spans) == {(0, 0, 2, 1), (0, 1, 1, 2)}
    assert doc.lines == [
        "三、依申请公开情况",
        "渠道\t数量",
        "件\t占比",
        "当面\t3\t30%",
        "网络\t7\t70%",
        "四、结尾",
    ]
    assert (table.first_line, table.last_line) == (1, 4)
    assert doc.block_at(4).location == {"table": 1, "row": 3}
    assert doc.location_at(4, 4) == {"table": 1, "row": 3, "cell": 2}


def test_layout_tables_are_read_as_blocks() -> None:
    long = "本年度全市共受理政府信息公开申请。" * 30
    body = (
        "<table><tr><td><table><tr><td>导航</td><td>栏目</td></tr></table></td></tr>"
        f"<tr><td><p>一、概述</p><p>{long}</p></td></tr></table>"
    )
    doc = load_bytes(_page(body), "page.html")
    assert doc.tables == ()
    assert "一、概述" in doc.lines
    assert long in doc.lines


def test_page_without_text_is_an_input_error() -> None:
    with pytest.raises(InputError, match="without text"):
        load_bytes(_page("<script>var a = 1;</script><nav>首页</nav>"), "page.html")
