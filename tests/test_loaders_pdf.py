"""PDFs: paragraphs re-flowed, page furniture dropped, tables kept, bad PDFs refused."""

from __future__ import annotations

import io
import re
import unicodedata

import pytest
from fixtures_formats import CORPUS, REPORTS, corpus_file, report_text
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from linter.loaders import InputError, load_bytes
from linter.noise import is_noise

FONT = "STSong-Light"
SIZE = 12  # one CJK character is 12pt wide
LEFT = 72
WIDTH = 30  # characters per full line
FILLER = "全市各级行政机关认真贯彻落实政府信息公开条例扎实推进政务公开工作不断提高公开质量" * 20
# Characters STSong-Light has no glyph for: reportlab drops them when it sets
# the page, so they cannot come back out of these PDFs.
NO_GLYPH = "\xa0\u2002·•"


def _register() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def _filler(start: int, n: int) -> str:
    return FILLER[start : start + n]


def _paragraph(text: str, indent: bool = True) -> list[tuple[float, str]]:
    """Lines of `text` set CJK style: a full line is WIDTH characters, the first indented by 2."""
    lines, first = [], WIDTH - 2 if indent else WIDTH
    x = LEFT + 2 * SIZE if indent else LEFT
    while text:
        take = first if not lines else WIDTH
        lines.append((x, text[:take]))
        text, x = text[take:], LEFT
    return lines


def _page_pdf(pages: list[list[tuple[float, str]]], footers: list[str], header: str) -> bytes:
    _register()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    width, height = A4
    for lines, footer in zip(pages, footers, strict=True):
        pdf.setFont(FONT, 9)
        pdf.drawCentredString(width / 2, height - 40, header)
        pdf.drawCentredString(width / 2, 40, footer)
        pdf.setFont(FONT, SIZE)
        y = height - 80
        for x, text in lines:
            pdf.drawString(x, y, text)
            y -= 20
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


# Paragraphs laid out by hand so each re-flow rule is met once.
P2 = _filler(0, 27) + "。" + _filler(30, 30) + _filler(60, 10) + "。"  # "。" at a line end
P3 = _filler(100, 27) + "。" + _filler(130, 29) + "。"  # ends at the right margin
P4 = "（一）申请情况。" + _filler(200, 40) + "。"
P5_START = _filler(300, 28) + _filler(330, 30) * 9
P5_END = _filler(700, 12) + "。"
PHONE = _filler(400, 25) + "联系电话：" + "０３７１１２３４５６７。"  # the label ends a full line
P6 = _filler(500, 20) + "。"
P7 = _filler(600, 27) + "第（一）项" + _filler(640, 10) + "。"  # "（一）项" wraps to a line start


@pytest.fixture(scope="module")
def reflowed():
    page1 = [(LEFT, "一、概述"), *_paragraph(P2), *_paragraph(P3), *_paragraph(P4, indent=False)]
    page1 += _paragraph(P5_START)
    page2 = [(LEFT, P5_END), (LEFT, "二、主动公开政府信息情况"), *_paragraph(PHONE)]
    page3 = _paragraph(P6) + _paragraph(P7)
    data = _page_pdf(
        [page1, page2, page3], ["- 1 -", "第 2 页 共 3 页", "3/3"], "某市人民政府办公室"
    )
    return load_bytes(data, "report.pdf")


def test_lines_are_reflowed_into_paragraphs(reflowed) -> None:
    assert reflowed.lines == [
        "一、概述",
        P2,
        P3,
        P4,
        P5_START + P5_END,
        "二、主动公开政府信息情况",
        PHONE,
        P6,
        P7,
    ]


def test_page_numbers_and_running_header_are_dropped(reflowed) -> None:
    for furniture in ("某市人民政府办公室", "- 1 -", "第 2 页", "3/3"):
        assert furniture not in reflowed.text
    assert reflowed.meta == {"format": "pdf", "pages": 3, "tables": 0}


def test_a_paragraph_is_located_on_the_page_where_it_starts(reflowed) -> None:
    pages = [b.location["page"] for b in reflowed.blocks]
    assert pages == [1, 1, 1, 1, 1, 2, 2, 3, 3]


def test_contact_label_and_number_stay_together(reflowed) -> None:
    norm_line = reflowed.norm_lines[6]
    assert "联系电话:03711234567。" in norm_line


def _plain(text: str) -> str:
    return re.sub(rf"[\s{NO_GLYPH}]", "", text)


@pytest.mark.parametrize("name", REPORTS)
def test_corpus_pdf_gives_back_the_report_paragraphs(name: str) -> None:
    doc = load_bytes(corpus_file(name, "pdf"), f"{name}.pdf")
    expected = [
        _plain(line)
        for line in report_text(name).split("\n")
        if line.strip() and not is_noise(unicodedata.normalize("NFKC", line.strip()))
    ]
    # Exactly the report's paragraphs: no running header, no page number, none split.
    assert [_plain(line) for line in doc.lines] == expected


def test_ruled_table_becomes_a_table_with_spans() -> None:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    _register()
    style = ParagraphStyle("b", fontName=FONT, fontSize=12, leading=18, wordWrap="CJK")
    table = Table(
        [["渠道", "数量", ""], ["", "件", "占比"], ["当面", "3", "30%"], ["网络", "7", "70%"]],
        style=TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT, 12),
                ("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0)),
                ("SPAN", (0, 0), (0, 1)),
                ("SPAN", (1, 0), (2, 0)),
            ]
        ),
    )
    buffer = io.BytesIO()
    story = [Paragraph("三、依申请公开情况", style), table, Paragraph("四、其他。", style)]
    SimpleDocTemplate(buffer, pagesize=A4).build(story)
    doc = load_bytes(buffer.getvalue(), "report.pdf")
    (found,) = doc.tables
    assert found.rows == (
        ("渠道", "数量", "数量"),
        ("渠道", "件", "占比"),
        ("当面", "3", "30%"),
        ("网络", "7", "70%"),
    )
    assert found.location == {"page": 1, "table": 1}
    assert doc.lines == [
        "三、依申请公开情况",
        "渠道\t数量",
        "件\t占比",
        "当面\t3\t30%",
        "网络\t7\t70%",
        "四、其他。",
    ]
    assert doc.block_at(4).location == {"page": 1, "table": 1, "row": 3}


@pytest.fixture(scope="module")
def huaian():
    return load_bytes((CORPUS / "huaian-2024.pdf").read_bytes(), "huaian-2024.pdf")


def test_real_pdf_text_is_reflowed_without_page_numbers(huaian) -> None:
    assert huaian.lines[:2] == ["淮安市人民政府", "2024 年政府信息公开工作年度报告"]
    assert not any(re.fullmatch(r"- \d -", line) for line in huaian.lines)
    assert any(
        "统计期限自 2024 年 1 月 1 日至 2024 年 12 月 31 日" in line for line in huaian.lines
    )
    assert any("电话：0517-83605210，电子邮箱：hazwgkc@163.com" in line for line in huaian.lines)
    other = huaian.lines.index("六、其他需要报告的事项")
    assert huaian.block_at(other + 1).location == {"page": 6}


def test_real_pdf_tables_keep_their_grids(huaian) -> None:
    # The boxes drawn round the preamble and a paragraph are not tables.
    assert len(huaian.tables) == 5
    applications = next(t for t in huaian.tables if any("3119" in row for row in t.rows))
    new = next(row for row in applications.rows if row[0].startswith("一、本年新收"))
    assert new[-7:] == ("3001", "53", "0", "0", "61", "4", "3119")
    assert new[:3] == ("一、本年新收政府信息公开申请数量",) * 3  # merged across three columns
    outcome = [row[0] for row in applications.rows if row[1] == "（一）予以公开"]
    assert outcome == ["三、本年度办理结果"]
    assert all(row[0] == "三、本年度办理结果" for row in applications.rows[5:16])
    review = huaian.tables[-1]
    figures = [72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20]
    assert review.rows[-1] == tuple(str(n) for n in figures)
    assert review.location == {"page": 5, "table": 5}


def _encrypted(user: str, lines: list[str], font: str = FONT) -> bytes:
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    _register()
    buffer = io.BytesIO()
    style = ParagraphStyle("b", fontName=font, fontSize=12, wordWrap="CJK")
    encrypt = StandardEncryption(user, ownerPassword="owner-secret", strength=128)
    SimpleDocTemplate(buffer, encrypt=encrypt).build([Paragraph(x, style) for x in lines])
    return buffer.getvalue()


TITLE = ["某市2018年政府信息公开工作年度报告", "一、概述"]
LATIN = ["Annual report on government information disclosure, 2018", "1. Overview"]


def test_pdf_that_needs_a_password_is_refused() -> None:
    with pytest.raises(InputError, match="encrypted PDF"):
        load_bytes(_encrypted("user-secret", TITLE), "report.pdf")


def test_pdf_encrypted_with_an_empty_password_is_read() -> None:
    doc = load_bytes(_encrypted("", LATIN, font="Helvetica"), "report.pdf")
    assert doc.lines == LATIN


def test_pdf_whose_glyphs_have_no_unicode_map_is_refused() -> None:
    # pdfminer cannot map the CJK glyphs of reportlab's encrypted CID fonts and
    # writes "(cid:2838)" for each: such text is not a report to check.
    with pytest.raises(InputError, match="cannot be decoded"):
        load_bytes(_encrypted("", TITLE), "report.pdf")


def test_pdf_of_images_without_text_is_refused() -> None:
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader

    image = Image.new("RGB", (400, 560), "white")
    ImageDraw.Draw(image).rectangle((40, 40, 360, 80), fill="black")
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    for _ in range(2):
        pdf.drawImage(ImageReader(image), 72, 200, width=400, height=560)
        pdf.showPage()
    pdf.save()
    with pytest.raises(InputError, match=re.escape("no text layer (scanned?)")) as e:
        load_bytes(buffer.getvalue(), "scan.pdf")
    assert e.value.code == "scanned-pdf-unread"


def test_truncated_pdf_is_refused() -> None:
    data = corpus_file("wuxi-2015", "pdf")
    with pytest.raises(InputError, match="truncated PDF"):
        load_bytes(data[: len(data) // 2], "report.pdf")
