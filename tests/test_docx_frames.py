"""Word reports laid out inside a one-cell frame table are read as their body."""

from __future__ import annotations

import io

import docx
from conftest import REPORTS

from linter.analysis import analyse
from linter.loaders import load_bytes


def _framed(text: str) -> bytes:
    document = docx.Document()
    cell = document.add_table(rows=1, cols=1).cell(0, 0)
    lines = text.split("\n")
    cell.paragraphs[0].add_run(lines[0])
    for line in lines[1:]:
        cell.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_framed_report_has_its_paragraphs_and_headings():
    text = (REPORTS / "wuxi-2015.txt").read_text(encoding="utf-8")
    doc = load_bytes(_framed(text), "framed.docx")
    assert len(analyse(doc).outline.top_level) == 5
    assert doc.tables == ()


def test_a_boxed_note_stays_a_table():
    document = docx.Document()
    document.add_paragraph("一、概述")
    document.add_table(rows=1, cols=1).cell(0, 0).text = "全年共受理申请9件。"
    buffer = io.BytesIO()
    document.save(buffer)
    doc = load_bytes(buffer.getvalue(), "note.docx")
    assert len(doc.tables) == 1
