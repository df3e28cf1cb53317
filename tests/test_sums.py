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


def test_a_total_stated_as_the_figure_before_zhong_opens_its_list():
    # "其余982件中," / "在上述84件中,": the figure itself is the total, no 其中 follows
    # (the pattern used to be anchored with ^ at a position inside the line: never met)
    text = "依申请公开的申请中,其余982件中,转办372件,告知405件,退回59件,补正140件。"
    assert sum_findings(text) == [("total-incomplete", 1, 982, [372, 405, 59, 140])]


# A drafter's own paragraph in the shape of sh-kewei_2024.md line 42: the outcomes
# count what was handled, 40 new + 3 carried over − 2 carried forward = 41.
CARRIED = (
    "全年收到政府信息公开申请40件,上年结转政府信息公开申请3件,所有申请均已办理完成。"
    "所有办结的申请中同意公开答复12件,部分公开答复4件,不予公开答复2件,"
    "无法提供的10件,不予处理3件,其他处理10件,转下一年度办理的有2件。"
)


@pytest.mark.parametrize(
    "text",
    [
        CARRIED,
        # carried over only, and carried forward only
        "本年新收申请30件,上年度结转5件。其中予以公开20件,部分公开5件,无法提供10件。",
        "全年受理申请30件,其中予以公开20件,部分公开3件,无法提供5件,另有2件结转下年度办理。",
    ],
)
def test_outcomes_that_count_carried_applications_are_no_mismatch(text):
    assert sum_findings(text) == []


def test_outcomes_that_fit_no_carried_reading_are_still_a_mismatch():
    text = CARRIED.replace("其他处理10件", "其他处理13件")  # 44: not 40, 43, 38 or 41
    assert [f[:3] for f in sum_findings(text)] == [("total-mismatch", 1, 40)]


@pytest.mark.parametrize(
    ("text", "total", "parts"),
    [
        # a generic list closed by 其他 is exhaustive: short of its total, an error
        ("累计公开信息60条,其中工作动态13条;政策法规17条;其他类5条。", 60, [13, 17, 5]),
        # a channel list of two items, the second 其他
        ("全年共受理申请20件,其中当面申请5件,其他方式申请3件。", 20, [5, 3]),
    ],
)
def test_a_list_ending_in_other_that_falls_short_is_a_mismatch(text, total, parts):
    assert sum_findings(text) == [("total-mismatch", 1, total, parts)]


@pytest.mark.parametrize(
    "text",
    [
        # the change since last year is no total of the list after it
        "全年受理申请57件,比2016年的42件增加15件。其中网上申请32件、信函申请18件、当面申请7件。",
        # a part larger than the figure before 其中 belongs to another total
        "全年办结2139件,结转下年度继续办理65件。其中,市本级新收申请312件,办结309件。",
        # highlights of a larger whole are no list that tries to be complete
        "全年主动公开政府信息6825条,其中政策文件312条、人事信息96条、财政信息458条。",
    ],
)
def test_figures_that_are_not_the_lists_total_give_no_sum_finding(text):
    assert sum_findings(text) == []
