"""Real containers with real table grids: web pages, Word documents and PDFs.

`fixtures_formats` writes a report's text one paragraph per line; the 2019 and
2021 standard formats also carry three tables with merged cells (the row label
三、本年度办理结果 spans 22 rows, 法人或其他组织 spans five columns). Here a
report is a sequence of blocks, each a paragraph (a string) or a `TableSpec`
(cells placed on a grid with row and column spans), and each writer renders
the same blocks as the container really carries them: <td rowspan colspan> in
a web page (inside the same site furniture as `fixtures_formats.web_page`),
merged cells (gridSpan / vMerge) in a Word table written by python-docx, and a
ruled reportlab table in a PDF set in STSong-Light, with the running header and
page numbers of `fixtures_formats.pdf_document`.

The standard tables themselves are built here too, from figures keyed by the
template row keys of rules/templates/standard-tables.yaml ("一", "三(三)1",
"三(七)", …), in two shapes: `plain` (as the format prints them) and `messy`
(as real PDFs come: header cells wrapped over several lines, the label of row
三 set vertically one character per line, group labels wrapped in a narrow
column, long item labels wrapped with the figures on the first line only).
"""

from __future__ import annotations

import html
import io
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from fixtures_formats import _FONT, _PAGE_HEAD, _PAGE_TAIL, _page_furniture, _styles, is_heading

# -- the model -----------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """One cell whose top-left slot is (row, column); "\\n" in `text` is a line break."""

    row: int
    column: int
    text: str
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True)
class TableSpec:
    """A table as a grid of cells with spans, and how a PDF sets it.

    `widths` are the PDF column widths in points (None: equal shares of the
    frame); `font_size` the PDF cell font size; `figures_top` puts the figure
    cells' text at the top of their cell (so a wrapped row label has its figures
    on its first line, as Word exports do) instead of the middle; `ruled`
    False leaves out the PDF's cell borders (a table laid out by tabs and
    spaces, which a PDF reader sees as lines of text, not as a grid).
    """

    cells: tuple[Cell, ...]
    widths: tuple[float, ...] | None = None
    font_size: float = 9
    figures_top: bool = False
    ruled: bool = True

    @property
    def height(self) -> int:
        return max(c.row + c.rowspan for c in self.cells)

    @property
    def width(self) -> int:
        return max(c.column + c.colspan for c in self.cells)

    def starting_in(self, row: int) -> list[Cell]:
        return sorted((c for c in self.cells if c.row == row), key=lambda c: c.column)


@dataclass(frozen=True)
class PageBreak:
    """A forced page break (PDF only: a web page has no pages, Word reflows)."""


Block = str | TableSpec | PageBreak


@dataclass(frozen=True)
class Report:
    """A report as blocks in reading order: paragraphs (str), tables and page breaks."""

    blocks: tuple[Block, ...]
    title: str = "政府信息公开工作年度报告"


def split_table(table: TableSpec, at: int, repeat: int = 0) -> tuple[TableSpec, TableSpec]:
    """`table` cut before grid row `at`, as a table that runs over a page break is printed.

    A merged cell that crosses the cut keeps its text above and continues
    empty below (so the items at the top of the next page have a blank group
    label), and the first `repeat` rows (the header) are printed again on top
    of the continuation, as Word's 重复标题行 does.
    """
    top: list[Cell] = []
    bottom = [c for c in table.cells if c.row + c.rowspan <= repeat]
    for c in table.cells:
        end = c.row + c.rowspan
        if end <= at:
            top.append(c)
        elif c.row >= at:
            bottom.append(replace(c, row=c.row - at + repeat))
        else:
            top.append(replace(c, rowspan=at - c.row))
            bottom.append(replace(c, row=repeat, rowspan=end - at, text=""))
    return replace(table, cells=tuple(top)), replace(table, cells=tuple(bottom))


def _is_figure(text: str) -> bool:
    return bool(text) and not any("\u4e00" <= ch <= "\u9fff" for ch in text)


# -- web page --------------------------------------------------------------------------


def _html_table(table: TableSpec) -> str:
    rows = []
    for r in range(table.height):
        cells = []
        for cell in table.starting_in(r):
            spans = ""
            if cell.rowspan > 1:
                spans += f' rowspan="{cell.rowspan}"'
            if cell.colspan > 1:
                spans += f' colspan="{cell.colspan}"'
            text = "<br>".join(html.escape(part) for part in cell.text.split("\n"))
            cells.append(f'<td{spans} valign="middle"><p align="center">{text}</p></td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (
        '<table class="MsoNormalTable" border="1" cellspacing="0" cellpadding="0">\n<tbody>\n'
        + "\n".join(rows)
        + "\n</tbody>\n</table>"
    )


def html_report(report: Report, charset: str = "utf-8") -> bytes:
    """The report as an article on a government site page (the furniture of web_page)."""
    parts = []
    for block in report.blocks:
        if isinstance(block, TableSpec):
            parts.append(_html_table(block))
        elif isinstance(block, str):
            parts.append(f"<p>{html.escape(block)}</p>")
    page = _PAGE_HEAD.format(charset=charset) + "\n".join(parts) + "\n" + _PAGE_TAIL.format()
    return page.encode(charset, errors="xmlcharrefreplace")


# -- Word ------------------------------------------------------------------------------


def _docx_table(document, table: TableSpec) -> None:
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
    from docx.shared import Pt

    grid = document.add_table(rows=table.height, cols=table.width)
    grid.style = "Table Grid"
    for cell in table.cells:
        target = grid.cell(cell.row, cell.column)
        if cell.rowspan > 1 or cell.colspan > 1:
            corner = grid.cell(cell.row + cell.rowspan - 1, cell.column + cell.colspan - 1)
            target = target.merge(corner)
        target.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        lines = cell.text.split("\n")
        paragraph = target.paragraphs[0]
        for extra in target.paragraphs[1:]:  # merging leaves the merged cells' paragraphs
            extra._element.getparent().remove(extra._element)
        run = paragraph.add_run(lines[0])
        for line in lines[1:]:
            run.add_break()
            run = paragraph.add_run(line)
        for r in paragraph.runs:
            r.font.size = Pt(table.font_size)


def docx_report(report: Report) -> bytes:
    """The report as a Word document: a paragraph per line, tables with merged cells."""
    import docx

    document = docx.Document()
    document.core_properties.title = report.title
    for block in report.blocks:
        if isinstance(block, TableSpec):
            _docx_table(document, block)
        elif isinstance(block, str):
            document.add_paragraph(block)
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_zip_times(buffer.getvalue())


def _fixed_zip_times(data: bytes) -> bytes:
    """The same package with every member dated 1980-01-01, so a rebuild is byte-identical."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


# -- PDF -------------------------------------------------------------------------------


def _pdf_table(table: TableSpec, frame_width: float):
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_LEFT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, Table, TableStyle

    label = ParagraphStyle(
        "cell",
        fontName=_FONT,
        fontSize=table.font_size,
        leading=table.font_size * 1.3,
        wordWrap="CJK",
        alignment=TA_LEFT,
    )
    figure = ParagraphStyle("figure", parent=label, alignment=TA_CENTER)
    data: list[list[object]] = [[""] * table.width for _ in range(table.height)]
    commands: list[tuple] = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
    ]
    if table.ruled:
        commands.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
    for cell in table.cells:
        text = "<br/>".join(html.escape(part) for part in cell.text.split("\n"))
        style = figure if _is_figure(cell.text) or len(cell.text) <= 4 else label
        data[cell.row][cell.column] = Paragraph(text, style)
        last = (cell.column + cell.colspan - 1, cell.row + cell.rowspan - 1)
        if cell.rowspan > 1 or cell.colspan > 1:
            commands.append(("SPAN", (cell.column, cell.row), last))
        if table.figures_top and _is_figure(cell.text):
            commands.append(("VALIGN", (cell.column, cell.row), last, "TOP"))
    widths = table.widths or tuple(frame_width / table.width for _ in range(table.width))
    return Table(data, colWidths=list(widths), style=TableStyle(commands))


def pdf_report(report: Report) -> bytes:
    """The report as a printed PDF: wrapped paragraphs, ruled tables, header, page numbers.

    A table is kept on one page (moved to the next page when it does not fit),
    as a typeset report would do with the standard tables.
    """
    from reportlab import platypus
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate

    body, heading, title = _styles()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=A4, title=report.title, author="ogilint", invariant=True
    )
    story: list[object] = []
    for block in report.blocks:
        if isinstance(block, PageBreak):
            story.append(platypus.PageBreak())
            continue
        if isinstance(block, TableSpec):
            story.append(KeepTogether([_pdf_table(block, doc.width)]))
            continue
        if "年度报告" in block and len(block) <= 40 and not story[1:]:
            style = title
        else:
            style = heading if is_heading(block) else body
        story.append(Paragraph(html.escape(block), style))
    doc.build(story, onFirstPage=_page_furniture, onLaterPages=_page_furniture)
    return buffer.getvalue()


# -- the standard tables ------------------------------------------------------------------

APPLICANTS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
REVIEW_BLOCKS = ("复议", "直接起诉", "复议后起诉")
RESULTS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
REVIEW_COLUMNS = tuple(f"{b}·{r}" for b in REVIEW_BLOCKS for r in RESULTS)

# Part 三: (template key, group label or None, row label), in table order.
_GROUPS = {
    "三": "三、本年度办理结果",
    "三(三)": "（三）不予公开",
    "三(四)": "（四）无法提供",
    "三(五)": "（五）不予处理",
    "三(六)": "（六）其他处理",
}
_DROPPED = "行政机关不再处理其政府信息公开申请"
_APPLICATION_ROWS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("一", "一、本年新收政府信息公开申请数量", ()),
    ("二", "二、上年结转政府信息公开申请数量", ()),
    ("三(一)", "（一）予以公开", ()),
    ("三(二)", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ()),
    ("三(三)1", "1.属于国家秘密", ()),
    ("三(三)2", "2.其他法律行政法规禁止公开", ()),
    ("三(三)3", "3.危及“三安全一稳定”", ()),
    ("三(三)4", "4.保护第三方合法权益", ()),
    ("三(三)5", "5.属于三类内部事务信息", ()),
    ("三(三)6", "6.属于四类过程性信息", ()),
    ("三(三)7", "7.属于行政执法案卷", ()),
    ("三(三)8", "8.属于行政查询事项", ()),
    ("三(四)1", "1.本机关不掌握相关政府信息", ()),
    ("三(四)2", "2.没有现成信息需要另行制作", ()),
    ("三(四)3", "3.补正后申请内容仍不明确", ()),
    ("三(五)1", "1.信访举报投诉类申请", ()),
    ("三(五)2", "2.重复申请", ()),
    ("三(五)3", "3.要求提供公开出版物", ()),
    ("三(五)4", "4.无正当理由大量反复申请", ()),
    ("三(五)5", "5.要求行政机关确认或重新出具已获取信息", ()),
    ("三(六)", "（六）其他处理", ("2019",)),
    ("三(六)1", "1.申请人无正当理由逾期不补正、" + _DROPPED, ("2021",)),
    ("三(六)2", "2.申请人逾期未按收费通知要求缴纳费用、" + _DROPPED, ("2021",)),
    ("三(六)3", "3.其他", ("2021",)),
    ("三(七)", "（七）总计", ()),
    ("四", "四、结转下年度继续办理", ()),
)
NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def application_rows(layout: str) -> list[tuple[str, str]]:
    """(template key, row label) of the part 三 table in `layout` ("2019" or "2021")."""
    return [(key, label) for key, label, only in _APPLICATION_ROWS if not only or layout in only]


def _group_of(key: str) -> str | None:
    """The merged group cell a row sits in: "三(三)" for "三(三)1", None for 一/二/四."""
    if key in ("一", "二", "四"):
        return None
    return key[:4] if key[-1].isdigit() else "三"


def applications_table(
    layout: str, figures: Mapping[str, Sequence[str]], shape: str = "plain"
) -> TableSpec:
    """The part 三 table: header rows, then a row per template row with its 7 figures.

    `plain` has the three header rows the format prints (申请人情况 over
    自然人 / 法人或其他组织 / 总计 over the five kinds of organisation) and
    label columns wide enough for most labels. `messy` has the two header rows
    of a table set narrow (申请人情况 folded into the note cell), so that every
    header cell and the long labels wrap, and 三、本年度办理结果 stands
    vertically, one character per line.
    """
    messy = shape == "messy"
    cells: list[Cell] = []
    if messy:
        cells += [Cell(0, 0, NOTE, rowspan=2, colspan=3), Cell(0, 3, APPLICANTS[0], rowspan=2)]
        cells += [Cell(0, 4, "法人或其他组织", colspan=5), Cell(0, 9, APPLICANTS[6], rowspan=2)]
        cells += [Cell(1, 4 + k, name) for k, name in enumerate(APPLICANTS[1:6])]
        top = 2
    else:
        cells += [Cell(0, 0, NOTE, rowspan=3, colspan=3), Cell(0, 3, "申请人情况", colspan=7)]
        cells += [Cell(1, 3, APPLICANTS[0], rowspan=2), Cell(1, 4, "法人或其他组织", colspan=5)]
        cells += [Cell(1, 9, APPLICANTS[6], rowspan=2)]
        cells += [Cell(2, 4 + k, name) for k, name in enumerate(APPLICANTS[1:6])]
        top = 3
    rows = application_rows(layout)
    handled = sum(_group_of(k) is not None for k, _ in rows)  # the rows under 三
    for offset, (key, label) in enumerate(rows):
        r = top + offset
        group = _group_of(key)
        members = [k for k, _ in rows if _group_of(k) == group]
        if group is None:
            cells.append(Cell(r, 0, label, colspan=3))
        else:
            if group == "三" and key == members[0]:
                text = "三、\n" + "\n".join("本年度办理结果") if messy else _GROUPS["三"]
                cells.append(Cell(r, 0, text, rowspan=handled))
            if group == "三":
                cells.append(Cell(r, 1, label, colspan=2))
            else:
                if key == members[0]:
                    cells.append(Cell(r, 1, _GROUPS[group], rowspan=len(members)))
                cells.append(Cell(r, 2, label))
        cells += [Cell(r, 3 + k, value) for k, value in enumerate(figures[key])]
    widths = (22, 34, 118) + (28,) * 7 if messy else (60, 80, 150) + (23,) * 7
    return TableSpec(tuple(cells), widths=widths, font_size=8, figures_top=messy)


def review_table(figures: Sequence[str]) -> TableSpec:
    """The part 四 table: 行政复议 and 行政诉讼 (two blocks) over one row of 15 figures."""
    cells = [Cell(0, 0, "行政复议", colspan=5), Cell(0, 5, "行政诉讼", colspan=10)]
    cells += [Cell(1, k, name, rowspan=2) for k, name in enumerate(RESULTS)]
    cells += [Cell(1, 5, "未经复议直接起诉", colspan=5), Cell(1, 10, "复议后起诉", colspan=5)]
    cells += [Cell(2, 5 + k, name) for k, name in enumerate(RESULTS * 2)]
    cells += [Cell(3, k, value) for k, value in enumerate(figures)]
    return TableSpec(tuple(cells), widths=(30,) * 15, font_size=8)


# Part 二: per block of 第二十条, its header and (template key, row label) rows.
_PROACTIVE = {
    "2021": (
        (
            "第二十条第（一）项",
            ("本年制发件数", "本年废止件数", "现行有效件数"),
            (("规章", "规章"), ("行政规范性文件", "行政规范性文件")),
        ),
        ("第二十条第（五）项", ("本年处理决定数量",), (("行政许可", "行政许可"),)),
        (
            "第二十条第（六）项",
            ("本年处理决定数量",),
            (("行政处罚", "行政处罚"), ("行政强制", "行政强制")),
        ),
        (
            "第二十条第（八）项",
            ("本年收费金额（单位：万元）",),
            (("行政事业性收费", "行政事业性收费"),),
        ),
    ),
    "2019": (
        (
            "第二十条第（一）项",
            ("本年新制作数量", "本年新公开数量", "对外公开总数量"),
            (("规章", "规章"), ("规范性文件", "规范性文件")),
        ),
        (
            "第二十条第（五）项",
            ("上一年项目数量", "本年增/减", "处理决定数量"),
            (("行政许可", "行政许可"), ("其他对外管理服务事项", "其他对外管理服务事项")),
        ),
        (
            "第二十条第（六）项",
            ("上一年项目数量", "本年增/减", "处理决定数量"),
            (("行政处罚", "行政处罚"), ("行政强制", "行政强制")),
        ),
        (
            "第二十条第（八）项",
            ("上一年项目数量", "本年增/减"),
            (("行政事业性收费", "行政事业性收费"),),
        ),
        ("第二十条第（九）项", ("采购项目数量", "采购总金额"), (("政府集中采购", "政府集中采购"),)),
    ),
}


def proactive_rows(layout: str) -> list[tuple[str, tuple[str, ...]]]:
    """(template key, its columns) of the part 二 table in `layout`."""
    return [(key, columns) for _, columns, rows in _PROACTIVE[layout] for key, _ in rows]


def _spread(values: Sequence[str], width: int) -> list[tuple[int, int, str]]:
    """(column, colspan, text) of `values` laid over `width` columns; the last one spans."""
    out = [(1 + k, 1, v) for k, v in enumerate(values)]
    column, _, text = out[-1]
    out[-1] = (column, width - column, text)
    return out


def proactive_table(layout: str, figures: Mapping[str, Sequence[str]]) -> TableSpec:
    """The part 二 table: one four-column grid, a title row and a header row per block."""
    width = 4
    cells: list[Cell] = []
    r = 0
    for title, columns, rows in _PROACTIVE[layout]:
        cells.append(Cell(r, 0, title, colspan=width))
        cells.append(Cell(r + 1, 0, "信息内容"))
        cells += [Cell(r + 1, c, t, colspan=s) for c, s, t in _spread(columns, width)]
        r += 2
        for key, label in rows:
            cells.append(Cell(r, 0, label))
            cells += [Cell(r, c, t, colspan=s) for c, s, t in _spread(figures[key], width)]
            r += 1
    return TableSpec(tuple(cells), widths=(150, 100, 100, 100), font_size=9)
