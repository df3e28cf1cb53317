"""`--format html` on a real published report: 淮安市洪泽区 2024 (PDF, 2021 format).

Its applications table uses the 2019 layout (outdated-format, labelled in
../shared/corpus/wild/expected.yaml): the finding names the table's cell and
the page must mark exactly that cell of the table drawn from the PDF's grid.
"""

from __future__ import annotations

from annotated_page import (
    GRID_OF_BAD_CELLS,
    assert_every_finding_shown,
    assert_named_cells_marked,
)
from conftest import SHARED, run_ogilint

HONGZE = SHARED / "corpus" / "wild" / "reports" / "hongze_2024.pdf"


def test_a_real_pdf_report_has_its_table_drawn_and_the_named_cell_marked(page, tmp_path):
    out = tmp_path / "hongze.html"
    written = run_ogilint("check", str(HONGZE), "--format", "html", "--output", str(out))
    report = run_ogilint("check", str(HONGZE), "--format", "json").json
    assert written.code == 0, written.stderr
    assert "outdated-format" in {f["rule"] for f in report["files"][0]["findings"]}
    page.goto(out.as_uri())
    assert_every_finding_shown(page, report)
    assert assert_named_cells_marked(page, report) >= 1
    # Its span is the whole first row; the cell it names is the one outlined, not the row.
    (finding,) = [f for f in report["files"][0]["findings"] if "cell" in f]
    table = page.locator(f'.table-wrap[data-table="{finding["table"]}"] table')
    assert [bad[:2] for bad in table.evaluate(GRID_OF_BAD_CELLS)] == [
        [finding["row"] - 1, finding["cell"] - 1]
    ]
    # The tables of the PDF are drawn as tables, with their merged cells.
    assert page.locator("table.grid").count() >= 3
    assert page.locator("table.grid td[rowspan]").count() > 0
    assert page.errors == []
