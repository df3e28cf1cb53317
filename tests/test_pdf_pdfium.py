"""The pdfium fast path reads a PDF's pages exactly as the pdfplumber path does.

Each test loads the same bytes twice: as ogilint does (pdfium where it can)
and with pdfium switched off (every page through pdfminer), and compares the
whole Document, tables included. A spy on `read_page` tells which pages the
fast path took.
"""

from __future__ import annotations

import io
from dataclasses import asdict

import pytest
from fixtures_formats import CORPUS
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

from linter.document import Document
from linter.loaders import load_bytes, pdf_pdfium

FONT = "STSong-Light"


def _loaded(data: bytes, monkeypatch: pytest.MonkeyPatch) -> tuple[Document, list[bool]]:
    """The Document, and for each page whether pdfium read it."""
    taken: list[bool] = []
    read_page = pdf_pdfium.read_page

    def spy(*args):
        page = read_page(*args)
        taken.append(page is not None)
        return page

    with monkeypatch.context() as patch:
        patch.setattr(pdf_pdfium, "read_page", spy)
        return load_bytes(data, "report.pdf"), taken


def _pdfminer_only(data: bytes, monkeypatch: pytest.MonkeyPatch) -> Document:
    with monkeypatch.context() as patch:
        patch.setattr(pdf_pdfium, "open_document", lambda data: None)
        return load_bytes(data, "report.pdf")


def _report(second_page: str) -> bytes:
    """A paragraph, a ruled table with merged cells, then a second page of text."""
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    style = ParagraphStyle("b", fontName=FONT, fontSize=12, leading=18, wordWrap="CJK")
    table = Table(
        [["渠道", "数量", ""], ["", "件", "占比"], ["当面", "3", "30%"], ["网络", "1 207", "70%"]],
        style=TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT, 12),
                ("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0)),
                ("SPAN", (0, 0), (0, 1)),
                ("SPAN", (1, 0), (2, 0)),
            ]
        ),
    )
    story = [
        Paragraph("三、依申请公开情况", style),
        Paragraph("本年度共收到政府信息公开申请 1 217 件，其中当面申请 3 件。", style),
        table,
        PageBreak(),
        Paragraph(second_page, style),
    ]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build(story)
    return buffer.getvalue()


def test_shared_report_is_read_by_pdfium_with_the_same_text_and_grids(monkeypatch) -> None:
    data = (CORPUS / "huaian-2024.pdf").read_bytes()
    fast, taken = _loaded(data, monkeypatch)
    assert taken == [True] * 6
    slow = _pdfminer_only(data, monkeypatch)
    assert fast.text == slow.text
    assert [asdict(t) for t in fast.tables] == [asdict(t) for t in slow.tables]
    assert len(fast.tables) == 5
    assert asdict(fast) == asdict(slow)


def test_generated_report_with_a_ruled_table_is_read_by_pdfium_alike(monkeypatch) -> None:
    data = _report("四、其他需要报告的事项。无。")
    fast, taken = _loaded(data, monkeypatch)
    assert taken == [True, True]
    assert asdict(fast) == asdict(_pdfminer_only(data, monkeypatch))
    (table,) = fast.tables
    assert table.rows[3] == ("网络", "1 207", "70%")


def test_page_pdfium_would_read_otherwise_is_left_to_pdfminer(monkeypatch) -> None:
    # pdfium reads U+00B7 from STSong-Light's UCS-2 codes; pdfminer's CMap has
    # no such code and drops it. That page goes through pdfminer, the other not.
    data = _report("四、其他需要报告的事项：“信用中国·示例”。")
    fast, taken = _loaded(data, monkeypatch)
    assert taken == [True, False]
    assert asdict(fast) == asdict(_pdfminer_only(data, monkeypatch))
