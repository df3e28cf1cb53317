"""Real container files built from the corpus reports, for the input-format tests.

Each builder takes a report's text (as stored in the corpus .txt, one
paragraph per line) and returns the bytes of a real file: encoded text, a GBK
web page with the furniture sites wrap articles in, a .docx written with
python-docx, a PDF set with reportlab's built-in STSong-Light CID font (no
font file needed). Nothing here mocks a loader: the loaders read these bytes
exactly as they would read a downloaded report.
"""

from __future__ import annotations

import functools
import html
import io
import unicodedata
from pathlib import Path

from linter.noise import is_noise
from linter.sections import parse_heading

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "reports"
# The five 2008-regime reports (huaian-2024 is the 2021-format case, and its .txt
# is itself the text of a PDF).
REPORTS = ("baoding-2018", "changzhou-2018", "luoyang-2018", "wuxi-2015", "xinxiang-2015")
TRADITIONAL = "changzhou-2018"


def report_text(name: str) -> str:
    return (CORPUS / f"{name}.txt").read_text(encoding="utf-8")


def is_heading(line: str) -> bool:
    return parse_heading(unicodedata.normalize("NFKC", line)) is not None


# -- text -------------------------------------------------------------------------


def text_file(text: str, encoding: str, *, newline: str = "\n", bom: bool = False) -> bytes:
    data = text.replace("\n", newline).encode(encoding)
    return (b"\xef\xbb\xbf" if bom else b"") + data


# -- web page ---------------------------------------------------------------------

# Site furniture with everything that would change the findings if it leaked into
# the article: a contact block (phone, address, e-mail, postcode) in the footer,
# other years' reports in the sidebar, script text with headings and figures.
_PAGE_HEAD = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>政府信息公开工作年度报告_政务公开_市人民政府门户网站</title>
<style>body {{ font-family: SimSun; }} .nav li {{ float: left; }}</style>
<script type="text/javascript">
var notice = "一、系统维护通知:2017年共受理咨询300件,其中电话200件。";
document.write("<p>联系电话:010-12345678</p>");
</script>
</head>
<body>
<div id="header"><div class="logo"><img src="logo.png" alt="市人民政府"></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>
<li><a href="/bsfw/">办事服务</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div></div>
<div class="breadcrumb">当前位置:<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a>
 &gt; <a href="/zwgk/nb/">政府信息公开年报</a></div>
<div class="main-wrap">
<div class="sidebar"><h3>相关链接</h3><ul>
<li><a href="/nb/2017.html">2017年政府信息公开工作年度报告</a></li>
<li><a href="/nb/2016.html">2016年政府信息公开工作年度报告</a></li></ul></div>
<div class="article"><div id="zoom" class="TRS_Editor">
"""
_PAGE_TAIL = """</div>
<div class="share">分享到:<a>微信</a><a>微博</a><a>QQ空间</a></div>
<div class="print">【<a href="javascript:window.print()">打印本页</a>】【<a>关闭窗口</a>】</div>
</div></div>
<div id="footer"><p>主办:市人民政府办公室 地址:市人民路1号 邮编:450000</p>
<p>联系电话:0371-12345678 电子邮箱:webmaster@example.gov.cn</p>
<p>网站标识码:4101000001 ICP备05012345号</p></div>
<script>(function() {{ var hm = "一、统计 2018年 联系电话:0371-1"; }})();</script>
</body>
</html>
"""


def web_page(text: str, charset: str = "gbk", codec: str | None = None) -> bytes:
    """The report as an article on a government site page, encoded in `charset`.

    Characters the charset lacks are written as HTML character references
    (&#160;), as a browser or a CMS does when it saves such a page. Why that
    keeps the GBK test meaningful: every traditional character of the
    changzhou report is in GBK (GBK covers the traditional ideographs of
    Unicode 1.1); only U+00A0 there, and U+2022 / U+2002 in luoyang and wuxi,
    are not, so the page is genuinely GBK and every character still arrives.
    The loaders test a Big5 page of the traditional report as well.
    """
    paragraphs = "\n".join(
        f"<p>{html.escape(line.strip())}</p>" for line in text.split("\n") if line.strip()
    )
    page = _PAGE_HEAD.format(charset=charset) + paragraphs + "\n" + _PAGE_TAIL.format()
    return page.encode(codec or charset, errors="xmlcharrefreplace")


# -- Word -------------------------------------------------------------------------


def _is_figure_paragraph(line: str) -> bool:
    return any(c.isdigit() for c in line) and len(line.strip()) >= 30 and not is_heading(line)


def word_document(text: str, *, figures_in_table: bool = False, info_table: bool = False) -> bytes:
    """One paragraph per line; optionally body paragraphs with figures in Word tables.

    With `figures_in_table`, each run of body paragraphs that carry figures
    (blank lines between them skipped) becomes a one-column table, a row per
    paragraph: the figures are then read from table cells. With `info_table`, a
    two-row table of publication details comes first, so that extracted line
    numbers and body paragraph numbers differ.
    """
    import docx

    document = docx.Document()
    if info_table:
        info = document.add_table(rows=2, cols=2)
        for row, (key, value) in zip(
            info.rows, (("发布机构", "市人民政府办公厅"), ("主题分类", "政务公开")), strict=True
        ):
            row.cells[0].text, row.cells[1].text = key, value
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        if not (figures_in_table and _is_figure_paragraph(lines[i])):
            document.add_paragraph(lines[i])
            i += 1
            continue
        run = []
        while i < len(lines) and (_is_figure_paragraph(lines[i]) or not lines[i].strip()):
            if lines[i].strip():
                run.append(lines[i])
            i += 1
        table = document.add_table(rows=len(run), cols=1)
        table.style = "Table Grid"
        for row, line in zip(table.rows, run, strict=True):
            row.cells[0].text = line
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# -- PDF --------------------------------------------------------------------------

_FONT = "STSong-Light"


def _styles():
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if _FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(_FONT))
    body = ParagraphStyle(
        "body",
        fontName=_FONT,
        fontSize=12,
        leading=20,
        wordWrap="CJK",
        firstLineIndent=24,
        spaceAfter=2,
    )
    heading = ParagraphStyle("heading", parent=body, firstLineIndent=0, spaceBefore=4)
    title = ParagraphStyle(
        "title",
        parent=body,
        firstLineIndent=0,
        fontSize=16,
        leading=26,
        alignment=TA_CENTER,
        spaceAfter=10,
    )
    return body, heading, title


def _page_furniture(canvas, doc) -> None:
    """A running header and a "- N -" page number, as printed reports carry."""
    width, height = doc.pagesize
    canvas.saveState()
    canvas.setFont(_FONT, 9)
    canvas.drawCentredString(width / 2, height - 40, "政府信息公开工作年度报告")
    canvas.drawCentredString(width / 2, 36, f"- {doc.page} -")
    canvas.restoreState()


def pdf_document(text: str, *, new_page_before: int | None = None) -> tuple[bytes, dict[int, int]]:
    """The report as a printed PDF: wrapped paragraphs, a page header and page numbers.

    Page noise of the scraped text (breadcrumbs, share links) is left out, as a
    printed report has none. Returns the bytes and, for `new_page_before` (a
    1-based line of `text`), the page its paragraph starts on.
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer

    body, heading, title = _styles()
    story = []
    marker = Spacer(0, 0)
    for number, line in enumerate(text.split("\n"), start=1):
        content = line.strip()
        if not content or is_noise(unicodedata.normalize("NFKC", content)):
            continue
        if number == new_page_before:
            story += [PageBreak(), marker]
        if not story and len(content) <= 40 and ("年度报告" in content or "年度報告" in content):
            style = title
        else:
            style = heading if is_heading(content) else body
        story.append(Paragraph(html.escape(content), style))
    pages: dict[int, int] = {}
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, title="report")

    def after(flowable) -> None:
        if flowable is marker and new_page_before is not None:
            pages[new_page_before] = doc.page

    doc.afterFlowable = after
    doc.build(story, onFirstPage=_page_furniture, onLaterPages=_page_furniture)
    return buffer.getvalue(), pages


# -- the corpus in every container, built once per test session --------------------


@functools.cache
def corpus_file(name: str, variant: str) -> bytes:
    """Report `name` as container `variant` (see VARIANTS)."""
    text = report_text(name)
    builders = {
        "gb18030.txt": lambda: text_file(text, "gb18030"),
        "bom-crlf.txt": lambda: text_file(text, "utf-8", newline="\r\n", bom=True),
        "gbk.html": lambda: web_page(text, charset="gbk"),
        "docx": lambda: word_document(text),
        "table.docx": lambda: word_document(text, figures_in_table=True),
        "pdf": lambda: pdf_document(text)[0],
    }
    return builders[variant]()


VARIANTS = ("gb18030.txt", "bom-crlf.txt", "gbk.html", "docx", "table.docx", "pdf")
