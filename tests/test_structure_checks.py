"""Structure check kinds on the ways real reports lay out parts and lists."""

from __future__ import annotations

from linter.document import Document
from linter.engine import Settings, check_document
from linter.rulebook import shipped_packs


def findings(text: str, *rules: str, year: int = 2016) -> list[tuple[str, int]]:
    doc = Document("x.txt", text)
    result = check_document(doc, shipped_packs(), Settings(select=frozenset(rules), year=year))
    return [(f.rule, f.line) for f in result.findings]


NESTED = """五、存在的主要问题及改进措施
下一步,我县将重点做好以下工作:一是加强组织领导。二是完善工作制度,具体包括:一是健全发布协调机制;二是健全保密审查机制;三是健全考核评议机制。三是强化监督检查,定期通报。四是加强业务培训。"""


def test_a_list_nested_in_an_outer_list_is_its_own_sequence():
    assert findings(NESTED, "enumeration-sequence") == []


def test_one_skipped_number_is_one_finding_not_a_cascade():
    text = NESTED.replace("三是强化监督", "五是强化监督").replace("四是加强业务", "六是加强业务")
    assert findings(text, "enumeration-sequence") == [("enumeration-sequence", 2)]


def test_a_repeated_number_in_a_nested_list_is_still_found():
    text = NESTED.replace("三是健全考核", "二是健全考核")
    assert findings(text, "enumeration-sequence") == [("enumeration-sequence", 2)]


DECLARED = """示例县2016年政府信息公开工作年度报告
本报告由概述、主动公开政府信息情况、依申请公开政府信息情况、存在的主要问题及改进措施和政府信息公开情况统计表五个部分组成。
一、概述
正文。
二、主动公开政府信息情况
正文。
三、依申请公开政府信息情况
正文。
四、存在的主要问题及改进措施
正文。
{appendix}"""


def test_an_appended_statistics_table_may_be_a_declared_part():
    appendices = ("附表\n示例县2016年政府信息公开情况统计表", "示例县政府信息公开情况统计表", "")
    for appendix in appendices:
        # the declaration itself names the table, or the table follows the last part
        assert findings(DECLARED.format(appendix=appendix), "declared-parts-mismatch") == []
    plain = DECLARED.replace("和政府信息公开情况统计表", "、其他事项")
    assert findings(plain.format(appendix="附件1\n统计表"), "declared-parts-mismatch") == []


def test_a_declaration_off_by_one_without_any_table_is_still_a_mismatch():
    plain = DECLARED.replace("和政府信息公开情况统计表", "、其他事项").format(appendix="")
    assert findings(plain, "declared-parts-mismatch") == [("declared-parts-mismatch", 2)]


def test_an_unmarked_statistics_table_after_the_last_part_is_no_part():
    table = (
        "东城区政府信息公开情况统计表\n指标名称 单位 统计数\n一、主动公开情况\n"
        "(一)主动公开政府信息数 条 100\n二、依申请公开情况\n(一)收到申请数 件 3"
    )
    text = DECLARED.format(appendix=table)
    rules = ("declared-parts-mismatch", "heading-sequence")
    assert findings(text, *rules) == []


STATISTICS = (
    "指标名称 单位 统计数\n一、主动公开情况\n(一)主动公开政府信息数 条 100\n"
    "二、依申请公开情况\n(一)收到申请数 件 3\n三、行政复议数量 件 0"
)


def test_an_appendix_marker_with_its_title_ends_the_parts():
    plain = DECLARED.replace("和政府信息公开情况统计表", "、其他事项")
    rules = ("declared-parts-mismatch", "heading-sequence")
    for marker in ("附件:示例县2016年政府信息公开情况统计表", "附件1:政府信息公开情况统计表"):
        assert findings(plain.format(appendix=f"{marker}\n{STATISTICS}"), *rules) == []


def test_a_numbered_appendix_part_ends_the_parts():
    text = DECLARED.replace("和政府信息公开情况统计表五个", "和附表五个")
    text = text.format(appendix=f"五、附表\n{STATISTICS}")
    assert findings(text, "declared-parts-mismatch", "heading-sequence") == []


def test_an_appendix_numbered_on_after_the_declared_parts_is_not_a_part():
    plain = DECLARED.replace("和政府信息公开情况统计表五个", "四个")
    text = plain.format(appendix=f"五、附件\n{STATISTICS}")
    assert findings(text, "declared-parts-mismatch", "heading-sequence") == []
    assert findings(plain.format(appendix="五、其他事项\n无。"), "declared-parts-mismatch") == [
        ("declared-parts-mismatch", 2)
    ]


def test_numbering_that_starts_again_is_a_new_sequence_not_a_slip():
    text = (
        "一、概述\n正文。\n二、主动公开政府信息情况\n正文。\n"
        "三、附件说明\n一、主动公开情况\n正文。\n二、依申请公开情况\n正文。"
    )
    assert findings(text, "heading-sequence") == []
    assert findings(text.replace("二、依申请", "三、依申请"), "heading-sequence") == [
        ("heading-sequence", 8)
    ]


PARTS_2008 = """示例县2016年政府信息公开工作年度报告
一、概述
2016年,我县认真贯彻《条例》。
二、{heading}
通过政府网站、政务公开栏等渠道及时公开政府信息。
三、依申请公开政府信息情况
{applications}"""


def test_a_heading_that_names_the_proactive_part_without_its_keyword_is_that_part():
    # "二、政府信息公开情况" beside an applications part is the proactive part; the
    # body here states no count, so only the heading can make the part present.
    text = PARTS_2008.format(heading="政府信息公开情况", applications="全年受理申请3件。")
    assert findings(text, "missing-proactive") == []
    other = PARTS_2008.format(heading="工作情况", applications="全年受理申请3件。")
    assert findings(other, "missing-proactive") == [("missing-proactive", 1)]


def test_applications_said_inside_another_part_are_the_applications_part():
    text = PARTS_2008.replace("三、依申请公开政府信息情况\n", "").format(
        heading="政府信息公开情况", applications="全年共受理政府信息公开申请3件,均按时答复。"
    )
    assert findings(text, "missing-applications") == []
    review = text.replace(
        "全年共受理政府信息公开申请3件", "全年办理因政府信息公开申请行政复议案件1件"
    )
    assert findings(review, "missing-applications") == [("missing-applications", 1)]
