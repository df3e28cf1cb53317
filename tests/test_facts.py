"""A report's facts as data: `FileResult.facts` and `ogilint facts`, held to its schema.

Expectations were read by hand from the reports' own text, never copied from
ogilint's output: huaian-2024.txt line 84 "一、本年新收政府信息公开申请数量 3001 53 0
0 61 4 3119", line 85 "二、上年结转… 34 0 0 0 0 0 34", line 126 "(七)总计 2932 53 0 0
61 4 3050", line 127 "四、结转下年度继续办理 103 0 0 0 0 0 103"; the PDF of the same
report prints that table on its page 4; tests/written_reports/bureau-2009.txt appends
a statistics table whose rows are "(一)主动公开政府信息数 条 352" (line 32) and "(一)收到
申请数 件 8" (line 36).
"""

from __future__ import annotations

import csv
import io
import json
import pickle
from pathlib import Path

import jsonschema
import pytest
from conftest import REPORTS, ROOT, SHARED, run_ogilint

from linter.engine import Settings, check_document
from linter.issuer import issuer_key, sweep_kind
from linter.loaders import load_path
from linter.records import ReportFacts
from linter.records_json import from_dict, to_dict
from linter.rulebook import shipped_packs

SCHEMA = json.loads((ROOT / "linter" / "facts.schema.json").read_text(encoding="utf-8"))
WILD = SHARED / "corpus" / "wild" / "reports"
HUAIAN = REPORTS / "huaian-2024.txt"
WRITTEN = ROOT / "tests" / "written_reports"


@pytest.fixture(scope="module")
def corpus_facts() -> dict:
    """`ogilint facts` on the whole shared corpus (seed and wild), as JSON."""
    run = run_ogilint("facts", str(REPORTS), str(WILD))
    assert run.code == 0, run.stderr
    return run.json


def _facts(path: Path) -> ReportFacts:
    result = check_document(load_path(str(path)), shipped_packs(), Settings())
    assert result.facts is not None
    return result.facts


def test_the_facts_of_the_whole_corpus_follow_the_schema(corpus_facts):
    jsonschema.Draft202012Validator(SCHEMA).validate(corpus_facts)
    assert len(corpus_facts["reports"]) == len(list(REPORTS.iterdir())) + len(list(WILD.iterdir()))


def test_the_schema_refuses_what_it_does_not_describe(corpus_facts):
    report = next(r for r in corpus_facts["reports"] if r["figures"])
    broken = {**corpus_facts, "reports": [{**report, "figures": [{"value": "3119"}]}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, SCHEMA)


def test_the_huaian_table_figures_by_template_row_and_column():
    facts = _facts(HUAIAN)
    cell = facts.figure
    assert cell("applications", "一", "自然人") == 3001
    assert cell("applications", "一", "法律服务机构") == 61
    assert cell("applications", "一", "总计") == 3119
    assert cell("applications", "二", "总计") == 34
    assert cell("applications", "三(七)", "总计") == 3050
    assert cell("applications", "四", "总计") == 103
    # 7 columns × the 2021 layout's 25 rows of part 三 (row 三(六) is the 2019 layout's)
    assert sum(f.table == "applications" for f in facts.figures) == 7 * 25
    received = next(
        f for f in facts.figures if (f.table, f.row, f.column) == ("applications", "一", "总计")
    )
    assert received.place["line"] == 84
    assert facts.key["received"] == 3119 and facts.key["carried_forward"] == 103


def test_the_prose_figures_are_matched_to_their_cells_with_their_place():
    facts = _facts(HUAIAN)
    received = next(p for p in facts.prose if p.row == "一")
    # line 28: "2024 年，全市共受理政府信息公开申请 3119 件，答"
    assert (received.value, received.table_value, received.agrees) == (3119, 3119, True)
    assert received.place["line"] == 28


def test_a_pdf_gives_the_same_figures_with_their_page():
    pdf = _facts(REPORTS / "huaian-2024.pdf")
    received = next(
        f for f in pdf.figures if (f.table, f.row, f.column) == ("applications", "一", "总计")
    )
    assert received.value == 3119
    assert received.place["page"] == 4 and {"table", "row", "cell"} <= set(received.place)


def test_the_2008_statistics_table_is_read_row_by_row():
    facts = _facts(WRITTEN / "bureau-2009.txt")
    assert facts.figure("statistics", "主动公开政府信息数", "统计数") == 352
    assert facts.figure("statistics", "收到申请数", "统计数") == 8
    assert facts.key["proactive_items"] == 352 and facts.key["received"] == 8
    assert facts.issuer == "石城县财政局" and facts.issuer_kind == "department"
    # no standard table in a 2009 report: the figures of part 三 are not guessed
    assert facts.key["carried_over"] is None and facts.layouts == {}


def test_a_channel_figure_is_not_the_proactive_total():
    # shuyang_2025 line 18: "全年通过县政府门户网站主动公开政府信息4511条": the website's
    # share, not the report's total (it has none in a table), so no figure is given.
    assert _facts(WILD / "shuyang_2025.txt").key["proactive_items"] is None


def test_publication_date_and_lateness():
    # xiangshan-waizi_2013: "发布时间:2016-02-20" for a 2013 report, due 2014-03-31
    facts = _facts(WILD / "xiangshan-waizi_2013.txt")
    assert (facts.published, facts.deadline, facts.late) == ("2016-02-20", "2014-03-31", True)
    assert facts.issuer_kind == "department"


def test_facts_pickle_and_round_trip_through_json():
    result = check_document(load_path(str(HUAIAN)), shipped_packs(), Settings())
    assert pickle.loads(pickle.dumps(result)) == result
    facts = result.facts
    assert ReportFacts.from_json(json.loads(json.dumps(facts.as_json()))) == facts
    # and through the result cache's codec (linter/records_json.py)
    assert from_dict(json.loads(json.dumps(to_dict(result)))).facts == facts


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("淮安市人民政府", "government"),
        ("巫溪县", "government"),
        ("示例市教育局", "department"),
        ("四平市铁东区人民政府解放街道办事处", "department"),
        ("示例市第一中学", "other"),
    ],
)
def test_issuer_kinds_for_the_sweep(name, kind):
    assert sweep_kind(name) == kind


def test_issuer_key_matches_one_issuer_across_spellings_and_not_another():
    assert issuer_key("淮安市政府") == issuer_key("淮安市人民政府") == issuer_key("淮安市 人民政府")
    assert issuer_key("淮安市洪泽区人民政府") != issuer_key("淮安市人民政府")


def test_facts_csv_reads_back_one_line_per_figure():
    run = run_ogilint("facts", str(HUAIAN), "--format", "csv")
    assert run.stdout.startswith("\ufeff")
    lines = list(csv.DictReader(io.StringIO(run.stdout.lstrip("\ufeff"), newline="")))
    facts = _facts(HUAIAN)
    assert sum(line["source"] == "table" for line in lines) == len(facts.figures)
    assert sum(line["source"] == "prose" for line in lines) == len(facts.prose)
    total = next(
        line
        for line in lines
        if (line["source"], line["row"], line["column"]) == ("table", "一", "总计")
    )
    assert (total["value"], total["line"]) == ("3119", "84")


def test_an_unreadable_file_is_said_in_the_facts_and_exits_2(tmp_path):
    missing = tmp_path / "gone.pdf"
    run = run_ogilint("facts", str(missing))
    assert run.code == 2
    assert run.json["reports"] == [
        {"path": str(missing), "error": {"code": "no-such-file", "reason": "no such file"}}
    ]
    jsonschema.validate(run.json, SCHEMA)
