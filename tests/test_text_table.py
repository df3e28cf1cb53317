"""Check kind text_table: prose of part 一 against the standard tables."""

from __future__ import annotations

import pytest
from conftest import SAMPLES

from linter.document import Document
from linter.engine import Settings, check_document
from linter.loaders import load_path
from linter.rulebook import shipped_packs

CLEAN = load_path(str(SAMPLES / "example-city-2024-clean.html")).text
# The clean city report's review row: 复议 5 1 2 1 =9; 直接起诉 2 1 0 1 =4; 复议后起诉 1 0 1 0 =2
PROSE = next(line for line in CLEAN.split("\n") if line.startswith("（二）依申请公开"))


def contradictions(prose: str) -> list[tuple[str, object]]:
    doc = Document("city.txt", CLEAN.replace(PROSE, prose))
    rules = frozenset({"text-table-mismatch"})
    result = check_document(doc, shipped_packs(), Settings(select=rules))
    # A figure held to the table states a number; "均获维持" / "未发生…" states words.
    figures = [f for f in result.findings if not isinstance(f.details["stated"], str)]
    statements = [f for f in result.findings if isinstance(f.details["stated"], str)]
    return [(f.details["table"], f.details["stated"]) for f in figures] + [
        (f.details["table"], "upheld") for f in statements
    ]


def test_the_clean_sample_prose_agrees_with_its_tables():
    assert contradictions(PROSE) == []


@pytest.mark.parametrize(
    "prose",
    [
        "全年发生政府信息公开行政复议9件、行政诉讼6件。行政复议中，结果维持5件，结果纠正1件，"
        "其他结果2件，尚未审结1件；行政诉讼中，结果维持3件，结果纠正1件，其他结果1件，尚未审结1件。",
        "全年受理行政许可申请500件，均已办结。",
        "全年废止规章1件，截至年底现行有效规章15件。",
        "行政复议9件，除1件尚未审结外，其余均获维持。",
        "政府信息公开行政复议9件，其中5件维持原答复，1件被纠正，2件为其他结果，1件尚未审结。",
        "政府信息公开行政诉讼6件，其中未经复议直接起诉4件，结果维持2件、结果纠正1件、"
        "尚未审结1件；复议后起诉2件，结果维持1件、其他结果1件。",
        "全年备案审查规范性文件56件，新增公开市政府规章2件、行政规范性文件18件。",
        "全年组织起草地方性法规草案和政府规章5件。",
        "市长信箱全年收到群众来信1200件，办结1180件。",
        "市政府全年办理各类行政复议案件150件，其中涉及政府信息公开的行政复议9件。",
        "全年共收到政府信息公开申请241件（含上年结转5件），办结234件，7件结转下年度。",
        # 受理 counting 上年结转 too: 236 new + 5 carried over
        "全年共受理政府信息公开申请241件，办结234件，结转下年度7件。",
        "2023年受理政府信息公开申请200件，2024年受理政府信息公开申请236件。",
        "答复234件，其中予以公开96件，部分公开24件，不予公开25件，无法提供51件，"
        "不予处理21件，其他处理17件。",
    ],
)
def test_true_or_unrelated_statements_give_nothing(prose):
    assert contradictions(prose) == []


@pytest.mark.parametrize(
    ("prose", "expected"),
    [
        ("全年共受理政府信息公开申请246件。", [("applications", 246)]),
        ("全年受理依申请公开263件。", [("applications", 263)]),
        ("政府信息公开行政复议10件，行政诉讼7件。", [("review", 10), ("review", 7)]),
        ("另有8件结转下年度继续办理。", [("applications", 8)]),
        ("政府信息公开行政诉讼6件，均获维持。", [("review", "upheld")]),
        ("政府信息公开行政复议9件，复议结果均为维持。", [("review", "upheld")]),
        ("全年未发生政府信息公开行政复议、行政诉讼案件。", [("review", "upheld")]),
        ("全年共受理政府信息公开申请236件，已办结政府信息公开申请230件。", [("applications", 230)]),
        ("全年新收246件政府信息公开申请。", [("applications", 246)]),
        (
            "政府信息公开行政复议9件，其中6件维持原答复，1件被纠正，2件为其他结果，1件尚未审结。",
            [("review", 6)],
        ),
    ],
)
def test_contradictions_are_found(prose, expected):
    assert contradictions(prose) == expected


def test_a_rule_count_in_the_proactive_paragraph_is_held_to_part_two():
    doc = Document("city.txt", CLEAN.replace("规章2件", "规章3件"))
    result = check_document(doc, shipped_packs(), Settings(select={"text-table-mismatch"}))
    assert [(f.details["row"], f.details["stated"]) for f in result.findings] == [("规章", 3)]
