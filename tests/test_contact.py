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


def test_a_sentence_that_a_hotline_exists_gives_no_contact():
    text = "我镇设立了专门的咨询电话和电子邮箱,方便群众咨询。"
    assert contact_findings(text) == [("missing-contact", 1)]


def test_a_spaced_label_still_has_its_number_checked():
    text = "地址:示例县人民路1号\n电 话:5152801"
    assert contact_findings(text) == [("invalid-phone", 2)]
