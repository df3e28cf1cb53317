"""The records between the stages: one evidence per finding, typed places, and
messages worded by each formatter in the language it wants."""

from __future__ import annotations

import json

from conftest import REPORTS, SAMPLES

from linter.document import Document
from linter.engine import Settings, catalogue, check_document
from linter.formatters import FormatOptions, render
from linter.loaders import load_path
from linter.messages import finding_message
from linter.records import Severity
from linter.rulebook import shipped_packs


def test_severity_is_ordered_and_equal_to_its_name():
    assert Severity.INFO < Severity.WARNING < Severity.ERROR
    assert max(Severity("warning"), Severity.INFO) == "warning"
    assert Severity.ERROR >= "warning" and not Severity.INFO >= "warning"
    assert json.dumps(Severity.ERROR) == '"error"'


def _checked(path):
    packs, settings = shipped_packs(), Settings()
    result = check_document(load_path(str(path)), packs, settings)
    return [result], catalogue([result], packs, settings)


def test_one_run_worded_in_chinese_text_and_english_json():
    results, rules = _checked(REPORTS / "changzhou-2018.txt")
    text = render("text", results, rules, FormatOptions(lang="zh"))
    data = json.loads(render("json", results, rules, FormatOptions(lang="en")))
    (json_sum,) = [f for f in data["files"][0]["findings"] if f["rule"] == "total-mismatch"]
    assert json_sum["message"].startswith("total 2425 differs from the sum of the application")
    assert "合计2425与申请渠道之和2415不符(相差10)" in text
    # Both come from the one finding's evidence; the JSON keeps it for machines.
    assert json_sum["details"]["arithmetic"] == "247 + 50 + 1035 + 1083 = 2415 ≠ 2425"
    assert "    247 + 50 + 1035 + 1083 = 2415 ≠ 2425" in text.splitlines()


def test_catalogue_describes_every_rule_that_ran_in_its_regime():
    results, rules = _checked(SAMPLES / "example-city-2024-faulty.docx")
    assert results[0].regime == "ogi-2021"
    ran = {f.rule for f in results[0].findings}
    assert ran <= set(rules.ids()) and "input-error" in rules.ids()
    info = rules.rule("table-total-mismatch", "ogi-2021")
    assert info.severity is Severity.ERROR and info.regime == "ogi-2021"
    assert info.title["en"] and info.article["zh"] and info.examples["fail"]


def test_a_fact_keeps_its_machine_value_in_json_and_its_words_in_the_message():
    # contact-incomplete lacks the address: JSON says "address", the message 地址 / address.
    text = "示例县2018年政府信息公开工作年度报告\n如有疑问请联系,电话:0371-12345678。\n"
    packs, settings = shipped_packs(), Settings(select=frozenset({"contact-incomplete"}))
    result = check_document(Document("x.txt", text), packs, settings)
    (finding,) = result.findings
    assert finding.details == {"lacking": ["address"]}
    rules = catalogue([result], packs, settings)
    assert "地址" in finding_message(finding, rules, result.regime, "zh")
    assert "address" in finding_message(finding, rules, result.regime, "en")


def test_a_word_table_cell_is_placed_natively_and_by_its_template_without_collision():
    results, rules = _checked(SAMPLES / "example-city-2024-faulty.docx")
    data = json.loads(render("json", results, rules, FormatOptions(lang="en")))
    (cell,) = [
        f
        for f in data["files"][0]["findings"]
        if f["rule"] == "table-total-mismatch" and f["details"]["row"] == "三(三)4"
    ]
    # Native: the Word document's 2nd table, its 11th row, 10th cell; and the text line.
    assert (cell["table"], cell["row"], cell["cell"], cell["line"]) == (2, 11, 10, 38)
    # The template's names for the same cell live in details, beside the evidence.
    details = cell["details"]
    assert (details["table"], details["row"], details["column"]) == (
        "applications",
        "三(三)4",
        "总计",
    )
    assert (details["stated"], details["computed"]) == (5, 4)
    assert details["arithmetic"] == "3 + 1 + 0 + 0 + 0 + 0 = 4 ≠ 5"
