"""Check kind percentage: only shares whose part and total can be named."""

from __future__ import annotations

import pytest

from linter.document import Document
from linter.engine import Settings, check_document
from linter.rulebook import shipped_packs


def shares(text: str) -> list[tuple[float, float, float]]:
    doc = Document("x.txt", text)
    result = check_document(doc, shipped_packs(), Settings(select={"percent-mismatch"}, year=2018))
    return [(f.details["stated"], f.details["part"], f.details["total"]) for f in result.findings]


@pytest.mark.parametrize(
    "text",
    [
        "全年共制发规范性文件48件,废止3件,公开比例为100%。",
        "全年办理人大代表建议120件,政协委员提案80件,按期办结比例为100%。",
        "全年受理网民留言1200件,回复1180件,满意比例为95%。",
        "收到申请120件,已答复118件,按时答复比例为100%。",
        "全县共受理申请120件,其中当面申请18件、传真申请2件、网络申请52件、信函申请48件,"
        "分别占申请总数的15%、1.7%、43.3%和40%。",
        "全县共受理申请120件,其中当面申请18件,信函申请50件,网上申请30件,电子邮件申请22件,"
        "合计占申请总数的43.3%。",
        "全市主动公开政府信息101551条,其中主动公开规范性文件132条,占制发规范性文件总数的86%。",
        "较上年增长40.25%,网上可办率为85.12%。",
    ],
)
def test_shares_of_something_else_or_stated_right_give_nothing(text):
    assert shares(text) == []


def test_a_wrong_share_of_a_named_total_is_reported():
    text = "全年共受理申请104件,其中网上申请52件,占比40%,信函申请52件,占比50%。"
    assert shares(text) == [(40, 52, 104)]


def test_respective_shares_are_paired_in_order():
    text = (
        "全县共受理申请120件,其中当面申请18件、传真申请2件、网络申请52件、信函申请48件,"
        "分别占申请总数的15%、1.7%、45.3%和40%。"
    )
    assert shares(text) == [(45.3, 52, 120)]


def test_a_ratio_with_its_subject_is_checked():
    assert shares("全市共制发规范性文件737件,主动公开695件,主动公开比例为96.3%。") == [
        (96.3, 695, 737)
    ]
