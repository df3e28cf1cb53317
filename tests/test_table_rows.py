"""Rows of the standard tables: read from the loader's grid, or from text, as one type.

A web page, a Word file and a PDF give their tables as grids: each cell the
matcher uses is a grid cell that knows its native place (table, row, cell,
and the page of a PDF) and its span in the normalised text. The same report
as plain text gives the same rows, values and spans, without a native place.
"""

from __future__ import annotations

import pytest
from conftest import SAMPLES

from linter.analysis import analyse
from linter.checks.context import Context
from linter.checks.tables import table_blank_cell
from linter.document import Document
from linter.engine import Settings, check_document
from linter.loaders import load_path
from linter.rulebook import shipped_packs

CITY = "example-city-2024-faulty"


@pytest.mark.parametrize("suffix", ["html", "docx", "pdf"])
def test_grid_cells_carry_their_native_place_and_span(suffix):
    doc = load_path(str(SAMPLES / f"{CITY}.{suffix}"))
    tables = analyse(doc).standard_tables
    assert set(tables) == {"applications", "review", "proactive"}
    for matched in tables.values():
        for row in matched.rows.values():
            for cell in row.cells:
                table = doc.tables[cell.place["table"] - 1]
                assert table.rows[cell.place["row"] - 1][cell.place["cell"] - 1] == cell.text
                assert doc.norm[cell.start : cell.end] == cell.text
                assert ("page" in cell.place) == (suffix == "pdf")
    # the blank planted at 三(五)3 · 科研机构: grid row 21 of table 2 (three header rows,
    # then 一, 二, 三(一), 三(二), eight 三(三), three 三(四), 三(五)1, 三(五)2), column 6
    # (three label columns, then 自然人, 商业企业)
    blank = tables["applications"].cell("三(五)3", "科研机构")
    assert blank is not None and blank.value is None
    assert {k: blank.place[k] for k in ("table", "row", "cell")} == {
        "table": 2,
        "row": 21,
        "cell": 6,
    }


def test_the_same_rows_read_from_text_have_no_native_place():
    grid_doc = load_path(str(SAMPLES / f"{CITY}.html"))
    text_doc = Document("city.txt", grid_doc.text)
    from_grid, from_text = analyse(grid_doc).standard_tables, analyse(text_doc).standard_tables
    assert set(from_grid) == set(from_text)
    for name, matched in from_grid.items():
        other = from_text[name]
        assert matched.layout == other.layout and set(matched.rows) == set(other.rows)
        for key, row in matched.rows.items():
            cells = [(c.text, c.value, c.start, c.end) for c in row.cells]
            assert cells == [(c.text, c.value, c.start, c.end) for c in other.rows[key].cells]
            assert all(not c.place for c in other.rows[key].cells)


@pytest.mark.parametrize("suffix", ["docx", "pdf"])
def test_a_finding_on_a_grid_cell_is_placed_by_its_cell(suffix):
    """The table checks hand the cell's own place on; it agrees with the extracted
    line and column the finding is underlined at."""
    doc = load_path(str(SAMPLES / f"{CITY}.{suffix}"))
    rule = next(r for p in shipped_packs() for r in p.rules if r.id == "table-blank-cell")
    hits = list(table_blank_cell(doc, rule.params, Context(2024, "ogi-2021", analyse(doc))))
    assert [{k: h.place[k] for k in ("table", "row", "cell")} for h in hits] == [
        {"table": 2, "row": 21, "cell": 6}
    ]
    result = check_document(doc, shipped_packs(), Settings())
    blank = next(f for f in result.findings if f.rule == "table-blank-cell")
    assert blank.location.native() == hits[0].place
    assert blank.location.native() == doc.location_at(blank.line, blank.column)


# -- where the tables are looked for ----------------------------------------------------------

PART_HEADINGS = (
    "二、主动公开",
    "三、收到和处理",
    "四、政府信息公开行政复议",
    "五、存在的主要问题",
    "六、其他需要",
)


def _renumbered(text: str) -> str:
    """The report with an extra part 二 inserted, so every standard part moves down one."""
    lines = text.split("\n")
    out = []
    for line in lines:
        for heading in PART_HEADINGS:
            if line.startswith(heading):
                number = "一二三四五六七"["一二三四五六七".index(line[0]) + 1]
                if heading.startswith("二、"):
                    out += ["二、工作机制保障", "市政府健全政务公开工作机制，明确责任分工。"]
                line = number + line[1:]
        out.append(line)
    return "\n".join(out)


def _table_findings(text: str) -> list[tuple[str, str, str, str]]:
    result = check_document(Document("report.txt", text), shipped_packs(), Settings())
    return sorted(
        (f.rule, f.details.get("table", ""), f.details.get("row", ""), f.details.get("column", ""))
        for f in result.findings
        if f.details.get("table")
    )


@pytest.mark.parametrize("name", ["example-city-2024-clean", CITY])
def test_tables_are_found_under_their_heading_when_parts_are_numbered_otherwise(name):
    text = load_path(str(SAMPLES / f"{name}.html")).text
    moved = _renumbered(text)
    assert "三、主动公开政府信息情况" in moved and "四、收到和处理政府信息公开申请情况" in moved
    assert set(analyse(Document("report.txt", moved)).standard_tables) == {
        "applications",
        "review",
        "proactive",
    }
    assert _table_findings(moved) == _table_findings(text)


def _cell_findings(doc: Document) -> list[tuple[str, str, tuple[int, ...]]]:
    """(rule, template row, native table/row/cell) of the findings placed in a grid cell."""
    result = check_document(doc, shipped_packs(), Settings())
    return sorted(
        (f.rule, f.details.get("row", ""), (f.location.table, f.location.row, f.location.cell))
        for f in result.findings
        if f.location.cell is not None
    )


def test_grid_rows_below_a_flattened_paragraph_keep_their_cells(tmp_path):
    """A page whose text lost its breaks above the tables (one <p> from the title to
    the part 二 heading): its lines are cut into virtual ones, the tables are not moved."""
    source = (SAMPLES / f"{CITY}.html").read_text(encoding="utf-8")
    lines = source.split("\n")
    first = next(i for i, line in enumerate(lines) if "年政府信息公开工作年度报告</p>" in line)
    last = next(i for i, line in enumerate(lines) if line == "<p>二、主动公开政府信息情况</p>")
    texts = [line.removeprefix("<p>").removesuffix("</p>") for line in lines[first : last + 1]]
    body = " ".join(texts)
    path = tmp_path / "flattened.html"
    path.write_text("\n".join([*lines[:first], f"<p>{body}</p>", *lines[last + 1 :]]), "utf-8")
    flattened = load_path(str(path))
    assert flattened.virtual_lines  # the paragraph was cut
    original = _cell_findings(load_path(str(SAMPLES / f"{CITY}.html")))
    assert len(original) >= 5
    assert _cell_findings(flattened) == original
