"""A copy of a Word report with one Word comment per finding (`ogilint annotate`).

A drafter works in Word: the findings go where they can be acted on, as real
comments (python-docx >= 1.2 writes them) by author "ogilint", each anchored
on the text it is about. A finding's place comes from the docx loader: body
paragraph N (`Location.paragraph`) or table N, row, grid column
(`table`/`row`/`cell`), and the span in the extracted text (`line`/`column`),
where a paragraph is its list number (rendered by the loader, absent from the
runs) followed by what `loaders.docx.displayed_pieces` reads from its runs.
So the span is mapped back to runs through that same reading, and a run is
split where the span starts or ends inside it: the comment covers the
offending text, not the whole paragraph. A table finding goes on the cell's
paragraph. Whole-report findings go on the title. A finding that cannot be
placed exactly is put on the nearest paragraph and the comment says so: a
comment is never dropped.

Headers, footers and text boxes are not read by the loader, so no finding
is ever placed there; a report laid out inside a one-cell frame table is read
as the body, and `numbered_blocks` looks through the frame the same way.
The input bytes are never written: the copy is built in memory.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from linter.document import Document
from linter.loaders.docx import displayed_pieces, grid_cells, numbered_blocks, paragraph_text
from linter.messages import finding_message
from linter.noise import noise_lines
from linter.records import Catalogue, FileResult, Finding, Location
from linter.report_year import find_title
from linter.rulebook import rules_dir

AUTHOR = "ogilint"
INITIALS = "OG"
WORDS = "messages/annotate.yaml"

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R, _T, _P, _RPR = _W + "r", _W + "t", _W + "p", _W + "rPr"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def writes_comments() -> bool:
    """Whether the installed python-docx writes comments (1.2 and later do)."""
    from docx.document import Document as WordDocument

    return hasattr(WordDocument, "add_comment")


def default_output(path: Path, suffix: str) -> Path:
    """report.docx -> report.checked.docx beside it (report.pdf -> report.checked.html)."""
    return path.with_name(f"{path.stem}.checked{suffix}")


@lru_cache(maxsize=1)
def words() -> dict[str, dict[str, str]]:
    """key -> {"zh": …, "en": …}: the comment's own words (rules/messages/annotate.yaml)."""
    return yaml.safe_load((rules_dir() / WORDS).read_text(encoding="utf-8"))


def _word(key: str, lang: str, **values: Any) -> str:
    texts = words()[key]
    return (texts.get(lang) or texts["zh"]).format(**values)


@dataclass(frozen=True)
class Anchor:
    """Where one comment goes: a w:p and a range of its displayed text."""

    paragraph: Any  # the w:p element
    start: int | None = None  # offset in paragraph_text(paragraph); None: the whole paragraph
    end: int | None = None
    exact: bool = True  # False: the nearest paragraph, and the comment says so


@dataclass
class Places:
    """The native places of one Word document, numbered as the loader numbers them."""

    paragraphs: list[Any]
    tables: list[Any]
    body: Any
    _title: Anchor | None = None

    def title(self, doc: Document) -> Anchor:
        """Where whole-report findings go, found once per document."""
        if self._title is None:
            self._title = title_anchor(doc, self)
        return self._title

    def cell(self, table: int, row: int, cell: int | None) -> Any | None:
        """The w:tc at 1-based table/row/grid column (the row's first cell without one)."""
        if not 0 < table <= len(self.tables):
            return None
        in_row = [
            (column, tc)
            for r, column, _, continues, tc in grid_cells(self.tables[table - 1])
            if r == row - 1 and not continues
        ]
        if cell is None:
            return in_row[0][1] if in_row else None
        return next((tc for column, tc in in_row if column == cell - 1), None)


# -- from a finding to an anchor ------------------------------------------------------


def anchor_for(finding: Finding, doc: Document, places: Places) -> Anchor:
    """The anchor of one finding: its span, its cell, else the nearest paragraph."""
    loc = finding.location
    if finding.whole_report:
        return places.title(doc)
    tc = places.cell(loc.table, loc.row or 1, loc.cell) if loc.table is not None else None
    if tc is not None and (anchor := _cell_anchor(tc, _span_text(doc, loc))) is not None:
        return anchor if loc.cell is not None else Anchor(anchor.paragraph, exact=False)
    if loc.paragraph is not None and 0 < loc.paragraph <= len(places.paragraphs):
        anchor = _paragraph_anchor(doc, loc, places.paragraphs[loc.paragraph - 1])
        if anchor is not None:
            return anchor
    return _nearest_anchor(doc, loc.line, places)


def _span_text(doc: Document, loc: Location) -> str:
    """The offending text on the finding's first line."""
    line = doc.lines[loc.line - 1] if 0 < loc.line <= len(doc.lines) else ""
    end = loc.end_column - 1 if loc.end_line == loc.line else len(line)
    return line[loc.column - 1 : end].strip()


def _cell_anchor(tc: Any, text: str) -> Anchor | None:
    """The cell's paragraph that holds `text` (on `text` itself when it is there once)."""
    paragraphs = list(tc.iter(_P))
    texts = [paragraph_text(p) for p in paragraphs]
    for p, shown in zip(paragraphs, texts, strict=True):
        if text and text in shown:
            start = shown.find(text)
            if shown.count(text) == 1:
                return Anchor(p, start, start + len(text))
            return Anchor(p)
    # The span runs over the cell's paragraphs or sits in a list number: the cell.
    first = next((p for p, shown in zip(paragraphs, texts, strict=True) if shown.strip()), None)
    if first is None:
        return Anchor(paragraphs[0]) if paragraphs else None
    return Anchor(first)


def _paragraph_anchor(doc: Document, loc: Location, p: Any) -> Anchor | None:
    """The span as offsets in the w:p's displayed text (None: the block is not this paragraph)."""
    block = doc.block_at(loc.line)
    if block is None or block.kind != "paragraph":
        return None
    lines = doc.lines[block.first_line : block.last_line + 1]
    extracted = "\n".join(lines)
    shown = paragraph_text(p)
    if not extracted.endswith(shown):  # the file is not the one the finding was made on
        return Anchor(p, exact=False)
    label = len(extracted) - len(shown)  # the list number the loader put in front

    def offset(line: int, column: int) -> int:
        before = sum(len(text) + 1 for text in lines[: line - 1 - block.first_line])
        return before + column - 1 - label

    start = max(offset(loc.line, loc.column), 0)
    if loc.end_line - 1 > block.last_line:  # a span over several paragraphs: this one's part
        end = len(shown)
    else:
        end = min(offset(loc.end_line, loc.end_column), len(shown))
    if end <= start:  # the span is the list number alone: the paragraph it numbers
        return Anchor(p)
    return Anchor(p, start, end)


def title_anchor(doc: Document, places: Places) -> Anchor:
    """The title paragraph (as the year detection reads it), else the first with text."""
    found = find_title(doc.norm_lines, noise_lines(doc.norm_lines))
    if found is not None:
        offset = doc.source_offset(doc.norm_line_starts[found[0]])
        line = doc.text.count("\n", 0, offset) + 1
        anchor = _block_anchor(doc, line, places)
        if anchor is not None:
            return anchor
    return Anchor(_first_paragraph(places))


def _block_anchor(doc: Document, line: int, places: Places) -> Anchor | None:
    """The whole paragraph, or the first cell's paragraph, of the block holding `line`."""
    block = doc.block_at(line)
    if block is None:
        return None
    where = block.location
    if "paragraph" in where and 0 < where["paragraph"] <= len(places.paragraphs):
        return Anchor(places.paragraphs[where["paragraph"] - 1])
    if "table" in where:
        tc = places.cell(where["table"], where.get("row", 1), None)
        return _cell_anchor(tc, "") if tc is not None else None
    return None


def _nearest_anchor(doc: Document, line: int, places: Places) -> Anchor:
    """The block at `line`, or the closest one before it; flagged as not exact."""
    for candidate in range(min(line, len(doc.lines)), 0, -1):
        anchor = _block_anchor(doc, candidate, places)
        if anchor is not None:
            return Anchor(anchor.paragraph, exact=False)
    return Anchor(_first_paragraph(places), exact=False)


def _first_paragraph(places: Places) -> Any:
    everywhere = places.paragraphs or list(places.body.iter(_P))
    return next((p for p in everywhere if paragraph_text(p).strip()), everywhere[0])


# -- from an anchor to runs -------------------------------------------------------------


def _run_of(element: Any) -> Any | None:
    while element is not None and element.tag != _R:
        element = element.getparent()
    return element


def _pieces(p: Any) -> list[tuple[Any, int, int]]:
    """(piece, start, end) of each displayed piece of `p` that sits in a run."""
    out, at = [], 0
    for element, text in displayed_pieces(p):
        if _run_of(element) is not None:
            out.append((element, at, at + len(text)))
        at += len(text)
    return out


def _split_at(p: Any, offset: int) -> None:
    """Make `offset` of `p`'s displayed text a run boundary, splitting a run if needed.

    The new run gets a copy of the run properties and takes the pieces from the
    offset on; pieces that display nothing (a drawing, a field character) move
    with what follows them and are never copied.
    """
    from docx.oxml import OxmlElement

    for element, start, end in _pieces(p):
        if not (start == offset or start < offset < end):
            continue
        run = _run_of(element)
        if start == offset:
            if element is next(c for c in run if c.tag != _RPR):
                return  # the run already starts here
            moving = [element, *element.itersiblings()]
        else:  # inside a w:t: cut its text in two
            tail = copy.deepcopy(element)
            element.text, tail.text = element.text[: offset - start], element.text[offset - start :]
            for t in (element, tail):
                t.set(_XML_SPACE, "preserve")
            moving = [tail, *element.itersiblings()]
        new_run = OxmlElement("w:r")
        properties = run.find(_RPR)
        if properties is not None:
            new_run.append(copy.deepcopy(properties))
        new_run.extend(moving)  # lxml moves each element out of `run`
        run.addnext(new_run)
        return


def anchor_runs(anchor: Anchor) -> tuple[Any, Any]:
    """The first and last w:r the comment covers, split so they hold just the span."""
    p = anchor.paragraph
    if anchor.start is not None and anchor.end is not None:
        _split_at(p, anchor.end)
        _split_at(p, anchor.start)
        inside = [_run_of(e) for e, s, t in _pieces(p) if s < anchor.end and t > anchor.start]
        if inside:
            return inside[0], inside[-1]
    runs = [_run_of(e) for e, _, _ in _pieces(p)]
    if runs:
        return runs[0], runs[-1]
    from docx.oxml import OxmlElement

    empty = OxmlElement("w:r")  # a paragraph with no text of its own (a list number)
    p.append(empty)
    return empty, empty


# -- the comment --------------------------------------------------------------------------


def comment_text(finding: Finding, catalogue: Catalogue, regime: str | None, lang: str) -> str:
    """Message, rule id and severity, the arithmetic, the article: one line each."""
    rule = catalogue.rule(finding.rule, regime)
    lines = [
        finding_message(finding, catalogue, regime, lang),
        _word("rule", lang, rule=finding.rule, severity=_word(finding.severity.value, lang)),
    ]
    if finding.evidence.arithmetic:
        lines.append(finding.evidence.arithmetic)
    article = rule.article.get(lang) or rule.article.get("zh")
    if article:
        lines.append(_word("article", lang, article=article))
    return "\n".join(lines)


def annotate(
    data: bytes, doc: Document, result: FileResult, catalogue: Catalogue, lang: str
) -> tuple[bytes, int]:
    """The bytes of a copy of the Word file `data` with a comment per finding, and the count."""
    import docx
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

    word = docx.Document(io.BytesIO(data))
    body = word.element.body
    paragraphs, tables = numbered_blocks(body)
    places = Places(paragraphs, tables, body)
    for finding in result.findings:
        anchor = anchor_for(finding, doc, places)
        first, last = anchor_runs(anchor)
        text = comment_text(finding, catalogue, result.regime, lang)
        if finding.whole_report:
            text += "\n" + _word("whole-report", lang)
        elif not anchor.exact:
            text += "\n" + _word("nearest", lang)
        paragraph = Paragraph(anchor.paragraph, word._body)
        runs: Sequence[Run] = [Run(first, paragraph), Run(last, paragraph)]
        word.add_comment(runs, text=text, author=AUTHOR, initials=INITIALS)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue(), len(result.findings)
