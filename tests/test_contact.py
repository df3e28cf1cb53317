"""Check kind contact on contact details in the forms drafters write them."""

from __future__ import annotations

import pytest

from linter.document import Document
from linter.engine import Settings, check_document
from linter.rulebook import shipped_packs

CONTACT_RULES = frozenset(
    {"missing-contact", "contact-incomplete", "invalid-phone", "invalid-email", "invalid-postcode"}
)


def contact_findings(text: str) -> list[tuple[str, int]]:
    """(rule, line) of the contact findings on `text` (a 2018 report)."""
    doc = Document("x.txt", text)
    result = check_document(doc, shipped_packs(), Settings(select=CONTACT_RULES, year=2018))
    return [(f.rule, f.line) for f in result.findings]


@pytest.mark.parametrize(
    "text",
    [
        # a combined label: one number for phone and fax
        "如对本报告有疑问,请与县政府办公室联系。地址:示例县人民路1号;电话/传真:0371-62345678。",
        "联系地址:示例县人民路1号,联系电话(传真):0371-62345678。",
        "地址:示例县人民路1号。传真、电话:0371-62345678。",
        # a phone at a line end, the next line's label starting with 通 (通讯地址)
        "联系电话/传真:0856-5221234\n通讯地址:江口市凯德大道36号",
        # letter-spaced labels (PDF text) and non-breaking or ideographic spaces
        "联系地址:示例县人民路1号\n联 系 电 话 : 0517-83912345\n电 子 邮 箱 : gk@example.gov.cn",
        "地\u00a0址:示例县人民路1号 电\u00a0话:0517-83912345",
        "地\u3000址:示例县人民路1号 电\u3000话:0517-83912345",
        # a contact block spread over several lines, values under their labels
        "联系方式\n地址:\n示例县人民路1号\n联系电话\n0371-62345678\n电子邮箱:\ngk@example.gov.cn",
        # an e-mail at a line end, the next heading below it
        "地址:示例县人民路1号,电话:0371-62345678,电子邮箱:gk@example.gov.cn\n二、主动公开情况",
        # an address wrapped at a line end is still one address
        "地址:示例县人民路1号,电话:0371-62345678,电子邮箱:gongkai@exam\nple.gov.cn。",
    ],
)
def test_contact_details_as_written_give_no_finding(text):
    assert contact_findings(text) == []


def test_a_count_of_hotline_calls_is_no_phone_number():
    text = "地址:示例县人民路1号,电话:0371-62345678。\n全年接听热线电话120通,咨询电话回复35次。"
    assert contact_findings(text) == []


def test_a_whole_email_at_a_line_end_does_not_run_into_the_next_line():
    # The next line starting with ASCII (the signing date, a web address) is not the
    # address's continuation: only an address not yet whole continues.
    from linter.analysis import analyse

    for below in ("2019年1月20日", "www.example.gov.cn"):
        text = f"地址:示例县人民路1号,电子邮箱:gk@example.gov.cn\n{below}"
        fields = analyse(Document("x.txt", text)).contact_fields
        assert [f.value for f in fields if f.kind == "email"] == ["gk@example.gov.cn"]
    wrapped = analyse(Document("x.txt", "电子邮箱:gongkai@exam\nple.gov.cn")).contact_fields
    assert [f.value for f in wrapped] == ["gongkai@exam\nple.gov.cn"]


def test_a_sentence_that_a_hotline_exists_gives_no_contact():
    text = "我镇设立了专门的咨询电话和电子邮箱,方便群众咨询。"
    assert contact_findings(text) == [("missing-contact", 1)]


def test_a_spaced_label_still_has_its_number_checked():
    text = "地址:示例县人民路1号\n电 话:5152801"
    assert contact_findings(text) == [("invalid-phone", 2)]


@pytest.mark.parametrize(
    "text",
    [
        # the phone under another label, or after 为 / 是, or after a name
        "联系方式:0314-8022136,地址:丰宁县宁丰路136号。",
        "联系电话号码:0314-8022136,联系地址:丰宁县宁丰路136号。",
        "联系地址为丰宁县宁丰路136号,联系电话为0314-8022136。",
        "办公地址:丰宁县宁丰路136号;联系人及电话:王某,0314-8022136。",
        "地址:丰宁县宁丰路136号;服务热线:0314-8022136。",
        "地址:丰宁县宁丰路136号,Tel:0314-8022136。",
        # a numbered line under the contact line is no part of the number
        "地址:丰宁县宁丰路136号,电话:010-12345678\n2.加强业务培训。",
    ],
)
def test_contact_fields_in_other_words_are_read(text):
    assert contact_findings(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "地址:宁丰路136号,联系电话:0314-8022136 13903141234。",  # two numbers side by side
        "地址:宁丰路136号,联系电话:0314-8022136 0314-8022137",
        "地址:宁丰路136号;电话:0314-802-2136;",  # grouped otherwise, digits still right
    ],
)
def test_numbers_written_side_by_side_or_grouped_are_valid(text):
    assert contact_findings(text) == []


def test_a_number_short_of_digits_is_still_invalid_whatever_its_grouping():
    assert contact_findings("地址:宁丰路136号;电话:0519-85-6850;") == [("invalid-phone", 1)]


def test_an_address_written_against_harvesting_robots_is_valid():
    text = "地址:宁丰路136号,电话:0314-8022136,电子邮箱:fnzwgk#163.com(请将#换成@)。"
    assert contact_findings(text) == []
    assert contact_findings(text.replace("#163.com", "#163")) == [("invalid-email", 1)]


def test_a_remark_in_brackets_after_an_address_is_no_part_of_it():
    text = "地址:宁丰路136号,电话:0314-8022136,电子邮箱:fnzwgk@163.com(工作日受理)。"
    assert contact_findings(text) == []
