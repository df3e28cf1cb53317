"""Check kind sum_of_parts on the ways real prose states totals and parts."""

from __future__ import annotations

import pytest

from linter.document import Document
from linter.engine import Settings, check_document
from linter.rulebook import shipped_packs

SUM_RULES = frozenset({"total-mismatch", "total-incomplete"})


def sum_findings(text: str) -> list[tuple[str, int, int, list[int]]]:
    """(rule, line, total, parts) of the sum findings on `text` (a 2018 report)."""
    doc = Document("x.txt", text)
    result = check_document(doc, shipped_packs(), Settings(select=SUM_RULES, year=2018))
    return [
        (f.rule, f.line, f.details["total"], [p["value"] for p in f.details["parts"]])
        for f in result.findings
    ]


@pytest.mark.parametrize(
    "text",
    [
        # review and litigation results given per block after both totals
        "全年因政府信息公开申请行政复议5件、提起行政诉讼4件。行政复议中,维持3件,纠错1件,"
        "尚未审结1件;行政诉讼中,驳回原告诉讼请求3件,尚未审结1件。",
        # a bare 其他 is a channel / result like any other
        "全年共受理申请20件,其中当面申请5件,网上申请10件,信函申请2件,其他3件。",
        "全年因政府信息公开申请行政复议5件,其中维持2件、纠错1件、其他1件、尚未审结1件。",
        # a bracketed aside inside a part is not another part
        "全年共受理申请120件,其中当面申请20件,网上申请50件(其中通过电子邮件申请8件),信函申请50件。",
        # figures of another unit on another line are no applications
        "全年共收到网民留言99件。\n通过县政府门户网站发布政府信息10215条,通过其他方式公开政府信息1530条。",
        # a figure in brackets before 其中 is not the list's total
        "全年共受理政府信息公开申请236件,答复234件(含上年度结转申请5件,另有7件顺延到下年度答复),"
        "其中予以公开96件,部分公开24件,不予公开4件,信息不存在30件,不属于本机关80件。",
        # last year's figure, and overlapping publication channels
        "全县共受理申请120件,比上年的100件增长20%,其中当面申请18件,网络申请57件,信函申请45件。",
        "全县主动公开政府信息12486条,其中通过网站发布10215条,通过微博发布2310条,通过微信发布1876条。",
        # counters that cannot be added, and an open-ended list
        "发布政策解读材料56篇,其中图解18篇,视频解读6个,文字解读32篇。",
        "累计公开信息60条,其中登记信息13条、政策法规信息17条等。",
        # approximate figures are never exact operands
        "全年公开信息5500余条,其中网站公开3000条,微信公开2000条。",
    ],
)
def test_consistent_or_undecidable_prose_gives_no_sum_finding(text):
    assert sum_findings(text) == []


def test_a_channel_breakdown_short_of_its_total_is_an_error_with_the_arithmetic():
    text = (
        "2018年全市共受理依申请公开2425件。申请形式上,"
        "当面申请247件,传真申请50件,网络申请1035件,信函申请1083件。"
    )
    assert sum_findings(text) == [("total-mismatch", 1, 2425, [247, 50, 1035, 1083])]


def test_figures_listed_respectively_are_matched_to_their_names():
    text = "全年共受理申请120件,当面、网上、信函申请分别为20件、50件、40件。"
    assert sum_findings(text) == [("total-mismatch", 1, 120, [20, 50, 40])]
    assert sum_findings(text.replace("120件", "110件")) == []


def test_a_review_breakdown_that_misses_one_case_is_an_error():
    text = "全年因政府信息公开申请行政复议5件,其中维持2件、纠错1件、尚未审结1件。"
    assert sum_findings(text) == [("total-mismatch", 1, 5, [2, 1, 1])]


def test_two_highlighted_outcomes_short_of_the_total_are_only_a_warning():
    text = "全年共受理政府信息公开申请236件,答复234件,其中予以公开96件,部分公开24件。"
    assert sum_findings(text) == [("total-incomplete", 1, 234, [96, 24])]


def test_a_generic_list_over_its_total_is_an_error_and_under_it_a_warning():
    over = "全县主动公开政府信息100条,其中县级部门公开80条,乡镇公开30条。"
    under = "全县主动公开政府信息100条,其中县级部门公开60条,乡镇公开30条。"
    assert sum_findings(over) == [("total-mismatch", 1, 100, [80, 30])]
    assert sum_findings(under) == [("total-incomplete", 1, 100, [60, 30])]
