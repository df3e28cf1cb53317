"""Quantities: figures with units, in every way reports write them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from linter.analysis import analyse
from linter.document import Document
from linter.numbers import parse_chinese_numeral


def figures(text: str) -> list[tuple[Decimal, str, bool]]:
    return [(q.value, q.unit, q.approx) for q in analyse(Document("x.txt", text)).quantities]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("受理1411件", [(Decimal(1411), "件", False)]),
        ("受理1,411件", [(Decimal(1411), "件", False)]),
        ("受理１４１１件", [(Decimal(1411), "件", False)]),
        ("受理一千四百一十一件", [(Decimal(1411), "件", False)]),
        ("召开会议十二次", [(Decimal(12), "次", False)]),
        ("支出救助金2972.606万元", [(Decimal("29726060"), "元", False)]),
        ("公开信息5500余条", [(Decimal(5500), "条", True)]),
        ("解答咨询30余万件", [(Decimal(300000), "件", True)]),
        ("红黑名单信息3.5万余条", [(Decimal(35000), "条", True)]),
        ("约200人次", [(Decimal(200), "人次", True)]),
        ("培训260余人次", [(Decimal(260), "人次", True)]),
        ("占总数的15.8%", [(Decimal("15.8"), "%", False)]),
        ("申请 3119 件", [(Decimal(3119), "件", False)]),
    ],
)
def test_figures_are_read_with_value_unit_and_exactness(text, expected):
    assert figures(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2018年1月1日至2018年12月31日",
        "日期:2016-03-24",
        "联系电话:0519-85685020",
        "(冀政办字〔2018〕80号)",
        "第一次全国政府网站普查",
        "坚持首问负责、一次性告知",
        "千家万户",
    ],
)
def test_dates_codes_and_figures_of_speech_are_not_quantities(text):
    assert figures(text) == []


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("七", 7),
        ("十", 10),
        ("十二", 12),
        ("一百零三", 103),
        ("两万", 20000),
        ("〇", 0),
        ("二〇一八", 2018),
        ("一千四百一十一", 1411),
        ("三十万", 300000),
    ],
)
def test_chinese_numerals(numeral, value):
    assert parse_chinese_numeral(numeral) == value
