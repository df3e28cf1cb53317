"""Standard tables in the shapes copied and converted tables take."""

from __future__ import annotations

from conftest import SAMPLES

from linter.document import Document
from linter.engine import Settings, check_document
from linter.loaders import load_path
from linter.rulebook import shipped_packs

CLEAN = load_path(str(SAMPLES / "example-city-2024-clean.html")).text
ROW = "4.保护第三方合法权益\t3\t1\t0\t0\t0\t0\t4"
# A row total of 5 for 3 + 1: its row is off, and so is the 总计 column's sum at 三(七).
PLANTED = [("table-total-mismatch", "三(三)4", "总计"), ("table-total-mismatch", "三(七)", "总计")]


def findings(text: str) -> list[tuple[str, str, str]]:
    result = check_document(Document("city.txt", text), shipped_packs(), Settings())
    return [
        (f.rule, f.details.get("row", ""), f.details.get("column", "")) for f in result.findings
    ]


def test_the_clean_text_rendering_gives_nothing():
    assert ROW in CLEAN
    assert findings(CLEAN) == []


def test_a_table_copied_as_space_separated_text_is_read():
    assert findings(CLEAN.replace("\t", " ")) == []
    planted = CLEAN.replace(ROW, ROW[:-1] + "5").replace("\t", " ")
    assert findings(planted) == PLANTED


def test_the_merged_label_alone_on_its_line_is_no_part_of_the_report():
    lines = []
    for line in CLEAN.replace(ROW, ROW[:-1] + "5").split("\n"):
        if line.startswith("三、本年度办理结果\t"):
            lines.append("三、本年度办理结果")
            line = line[len("三、本年度办理结果\t") :]
        lines.append(line.replace("\t", " "))
    assert findings("\n".join(lines)) == PLANTED


def test_an_empty_layout_column_at_the_right_edge_is_ignored():
    padded = "\n".join(line + "\t" if line.count("\t") >= 6 else line for line in CLEAN.split("\n"))
    assert findings(padded) == []


def test_a_row_label_with_its_figures_on_the_next_line():
    label = "一、本年新收政府信息公开申请数量"
    wrapped = "\n".join(
        line.replace(label + "\t", label + "\n") if line.startswith(label) else line
        for line in CLEAN.split("\n")
    )
    assert findings(wrapped) == []
