"""Standard tables in the forms reports arrive in as text.

The samples' tables (sample_reports/, read from their web pages) are written
out the ways real reports carry them: as Markdown pipe tables (what
PDF-to-Markdown converters produce), as plain text with " | " between cells,
split into one sub-table per row group (table 三) and per column group (table
四) under their own small headings, and broken by a page break with the
header repeated. Each form must give exactly the findings the tab-separated
rendering gives: nothing on a clean sample, the planted defects, at the same
template cells, on a faulty one.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from conftest import SAMPLES, run_ogilint

from linter.document import Document, Table
from linter.engine import Settings, check_document
from linter.loaders import load_path
from linter.rulebook import shipped_packs

SAMPLES_CHECKED = (
    "example-city-2024-clean",
    "example-city-2024-faulty",
    "example-bureau-2020-clean",
    "example-bureau-2020-faulty",
    "example-bureau-2022-outdated",
)
_FIGURE = re.compile(r"^(?:\d+(?:\.\d+)?|/|-|—|)$")
REVIEW_GROUPS = ("行政复议", "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）")
RESULTS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
APPLICANTS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")

_GROUP = re.compile(r"[一二三四]、|（[一二三四五六七]）")  # a row that opens a row group

Rows = list[list[str]]


def findings(text: str) -> list[tuple[str, str, str, str]]:
    """(rule, table, row, column) of every finding on `text` read as a plain text report."""
    result = check_document(Document("report.txt", text), shipped_packs(), Settings())
    return sorted(
        (f.rule, f.details.get("table", ""), f.details.get("row", ""), f.details.get("column", ""))
        for f in result.findings
    )


def _rendered(doc: Document, table: Table) -> Rows:
    return [doc.lines[i].split("\t") for i in range(table.first_line, table.last_line + 1)]


def rewrite(doc: Document, render: Callable[[Rows], list[str]]) -> str:
    """The document's text with each table's lines replaced by `render(rows)`."""
    out: list[str] = []
    at = 0
    for table in doc.tables:
        out += doc.lines[at : table.first_line]
        out += render(_rendered(doc, table))
        at = table.last_line + 1
    out += doc.lines[at:]
    return "\n".join(out)


def _pipe(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def markdown(rows: Rows, header: list[str] | None = None) -> list[str]:
    """A Markdown pipe table: the first row (or `header`) above a |---| rule."""
    top = header if header is not None else rows[0]
    body = rows if header is not None else rows[1:]
    return ["", _pipe(top), _pipe(["---"] * len(top)), *map(_pipe, body), ""]


def barred(rows: Rows) -> list[str]:
    """Plain text, " | " between cells and no outer bars."""
    return [" | ".join(row) for row in rows]


def _figures(row: list[str]) -> int:
    n = 0
    while n < len(row) and _FIGURE.match(row[-1 - n].strip()):
        n += 1
    return n


def _is_applications(rows: Rows) -> bool:
    return any(r[0].startswith("一、本年新收") for r in rows)


def _is_review(rows: Rows) -> bool:
    return _figures(rows[-1]) == 15


def _applications_by_group(rows: Rows) -> list[str]:
    """One sub-table per row group, each under a heading naming its group."""
    out = [rows[0][0]]  # the note on the column's identity stays, as text
    header = ["项目", *APPLICANTS]
    group: Rows = []
    for row in rows:
        width = _figures(row)
        if width < len(APPLICANTS):
            continue  # the grid's own header rows
        labels, figures = row[:-width], row[-width:]
        if len(labels) > 1 or _GROUP.match(labels[-1]) or not group:
            if group:
                out += markdown(group, header)
            out += [f"### {label}" for label in labels[:-1]]
            group = []
        group.append([labels[-1], *figures])
    return out + markdown(group, header)


def _review_by_column_group(rows: Rows) -> list[str]:
    """Table 四 as three small tables, one per block of five figures."""
    figures = rows[-1][-15:]
    out: list[str] = []
    for k, name in enumerate(REVIEW_GROUPS):
        out += [f"### {name}", *markdown([figures[5 * k : 5 * k + 5]], list(RESULTS))]
    return out


def split(rows: Rows) -> list[str]:
    if _is_applications(rows):
        return _applications_by_group(rows)
    if _is_review(rows):
        return _review_by_column_group(rows)
    return markdown(rows)


def over_a_page_break(rows: Rows) -> list[str]:
    """A long table cut by a page break: page number, then the header rows again."""
    if not _is_applications(rows):
        return markdown(rows)
    header = rows[:3]
    cut = next(i for i, r in enumerate(rows) if r[0].startswith("2.没有现成信息"))
    return [*markdown(rows[:cut]), "- 3 -", *markdown([*header, *rows[cut:]])]


FORMS = {
    "markdown": markdown,
    "barred": barred,
    "split": split,
    "page-break": over_a_page_break,
}


@pytest.fixture(scope="module")
def tab_findings() -> dict[str, list[tuple[str, str, str, str]]]:
    """Findings on each sample's own text rendering (table rows tab-separated)."""
    return {
        name: findings(load_path(str(SAMPLES / f"{name}.html")).text) for name in SAMPLES_CHECKED
    }


def test_the_reference_findings_hold_the_planted_table_defects(tab_findings):
    assert tab_findings["example-city-2024-clean"] == []
    planted = {(r, t) for r, t, _, _ in tab_findings["example-city-2024-faulty"]}
    assert ("table-total-mismatch", "applications") in planted
    assert ("table-balance-mismatch", "applications") in planted
    assert ("table-blank-cell", "applications") in planted
    review = ("table-total-mismatch", "review", "四", "复议·总计")
    assert review in tab_findings["example-bureau-2020-faulty"]
    outdated = {r for r, *_ in tab_findings["example-bureau-2022-outdated"]}
    assert outdated == {"outdated-format"}


@pytest.mark.parametrize("form", sorted(FORMS))
@pytest.mark.parametrize("name", SAMPLES_CHECKED)
def test_a_table_form_gives_the_findings_of_the_tab_rendering(tab_findings, name, form):
    doc = load_path(str(SAMPLES / f"{name}.html"))
    text = rewrite(doc, FORMS[form])
    table_lines = [line for line in text.split("\n") if "|" in line]
    assert table_lines and not any("\t" in line for line in text.split("\n"))
    assert findings(text) == tab_findings[name]


def test_the_split_form_really_is_split():
    doc = load_path(str(SAMPLES / "example-city-2024-clean.html"))
    text = rewrite(doc, split)
    assert text.count("| 项目 | 自然人 |") == 10  # 一 二 (一) (二) (三)…(六) (七) 四
    assert text.count("| 结果维持 | 结果纠正 |") == 3
    assert "### （三）不予公开" in text and "### 行政诉讼（复议后起诉）" in text


def test_a_markdown_report_through_the_command_line(tmp_path):
    """The real CLI on a .md file: the planted table defects, at their Markdown lines."""
    doc = load_path(str(SAMPLES / "example-city-2024-faulty.html"))
    path = tmp_path / "city.md"
    path.write_text(rewrite(doc, split), encoding="utf-8")
    run = run_ogilint("check", str(path), "--format", "json")
    found = run.json["files"][0]["findings"]
    lines = path.read_text(encoding="utf-8").split("\n")
    blank = next(f for f in found if f["rule"] == "table-blank-cell")
    assert blank["details"]["row"] == "三(五)3"
    # the finding underlines the "/" in its Markdown row
    line = lines[blank["line"] - 1]
    assert line.startswith("| 3.要求提供公开出版物 |")
    assert line[blank["column"] - 1] == "/"


# -- cells that ran together -------------------------------------------------------------------


def glued(rows: Rows) -> list[str]:
    """A scraped table whose cells lost their borders: label and figures in one run."""
    return ["".join(row) for row in rows]


@pytest.mark.parametrize("flat", [False, True], ids=["lines", "one-line-body"])
def test_glued_cells_are_never_read_as_figures(flat):
    """The tables are there but unreadable: said once each, never missing, never summed."""
    doc = load_path(str(SAMPLES / "example-city-2024-faulty.html"))
    text = rewrite(doc, glued)
    assert "一、本年新收政府信息公开申请数量211141181236" in text
    if flat:
        text = " ".join(text.split("\n"))
    found = findings(text)
    glued_tables = {t for r, t, _, _ in found if r == "table-cells-glued"}
    assert glued_tables == {"applications", "review"}
    missing = {t for r, t, _, _ in found if r == "missing-table"}
    assert not missing & glued_tables
    # no figure of the glued tables is checked or summed
    assert not {r for r, *_ in found} & {
        "table-total-mismatch",
        "table-balance-mismatch",
        "table-blank-cell",
        "total-mismatch",
        "total-incomplete",
        "percent-mismatch",
    }


@pytest.mark.parametrize("form", ["markdown", "barred"])
def test_the_shared_2021_report_with_markdown_tables_gives_its_clean_findings(reports, form):
    """huaian-2024.pdf, its tables rewritten as Markdown or ' | ' text: the PDF's findings."""
    doc = load_path(str(reports / "huaian-2024.pdf"))
    assert len(doc.tables) >= 3
    text = rewrite(doc, FORMS[form])
    assert findings(text) == findings(doc.text) == [("missing-assessment-results", "", "", "")]
