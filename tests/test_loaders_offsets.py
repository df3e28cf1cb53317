"""The offset map: every checked character leads back to its block of the source.

A finding is placed by mapping a span of the normalised text to the
extracted text (line, column) and from there, through the blocks, to the
page, paragraph or table row. These properties hold for any document the web
page and Word loaders build: blocks cover every extracted line once, each
normalised character comes from a source character of the same block that
folds to it, and every block's text is its source paragraph or table row.
"""

from __future__ import annotations

import bisect
import html
import io
import re

import docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter.document import Document
from linter.loaders import load_bytes
from linter.loaders.assemble import CELL_SEPARATOR, one_line
from linter.normalise import normalise

# Characters the normaliser changes (full-width digits and brackets, traditional
# characters, spaces inside numbers) mixed with ones it keeps.
ALPHABET = "申请公开件条年政府信息開條網絡（）()１２３0123456789%％,。、:;ab "
TEXT = st.text(ALPHABET, min_size=1, max_size=30).filter(lambda s: s.strip())
PARAGRAPH = st.tuples(st.just("p"), TEXT)
TABLE = st.tuples(
    st.just("t"),
    st.integers(2, 4).flatmap(
        lambda width: st.lists(
            st.lists(TEXT, min_size=width, max_size=width), min_size=2, max_size=4
        )
    ),
)
DOCUMENTS = st.lists(st.one_of(PARAGRAPH, TABLE), min_size=1, max_size=8)


def _as_html(items) -> bytes:
    parts = []
    for kind, content in items:
        if kind == "p":
            parts.append(f"<p>{html.escape(content)}</p>")
        else:
            rows = "".join(
                "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>"
                for row in content
            )
            parts.append(f"<table>{rows}</table>")
    page = '<html><head><meta charset="utf-8"></head><body>' + "".join(parts) + "</body></html>"
    return page.encode()


def _as_docx(items) -> bytes:
    document = docx.Document()
    for kind, content in items:
        if kind == "p":
            document.add_paragraph(content)
        else:
            table = document.add_table(rows=len(content), cols=len(content[0]))
            for row, cells in zip(table.rows, content, strict=True):
                for cell, text in zip(row.cells, cells, strict=True):
                    cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _collapse(text: str) -> str:
    """What a browser shows of a text node: runs of spaces as one, none at the ends."""
    return re.sub(" +", " ", text).strip(" ")


def _assert_offset_map(doc: Document) -> None:
    covered = [line for b in doc.blocks for line in range(b.first_line, b.last_line + 1)]
    assert covered == list(range(len(doc.lines)))  # every line in exactly one block, in order
    for i, char in enumerate(doc.norm):
        source = doc.source_offset(i)
        source_line = bisect.bisect_right(doc.line_starts, source) - 1
        assert doc.block_at(source_line + 1) is doc.block_at(doc.norm_line_of(i) + 1)
        if char != "\n":
            assert char in normalise(doc.text[source]).text
    for table in doc.tables:
        for r, starts in enumerate(table.cell_starts):
            line = doc.lines[table.first_line + r]
            for start, column in starts:
                assert line[start:].startswith(table.rows[r][column])


def _expected_lines(items, clean) -> list[str]:
    lines = []
    for kind, content in items:
        if kind == "p":
            lines.append(clean(content))
        else:
            lines += [CELL_SEPARATOR.join(one_line(clean(c)) for c in row) for row in content]
    return lines


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCUMENTS)
def test_web_page_offsets_stay_in_their_block(items) -> None:
    doc = load_bytes(_as_html(items), "page.html")
    _assert_offset_map(doc)
    assert doc.lines == _expected_lines(items, _collapse)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCUMENTS)
def test_word_offsets_stay_in_their_block(items) -> None:
    doc = load_bytes(_as_docx(items), "report.docx")
    _assert_offset_map(doc)
    assert doc.lines == _expected_lines(items, lambda s: s)
    paragraphs = [b.location["paragraph"] for b in doc.blocks if "paragraph" in b.location]
    assert paragraphs == list(range(1, sum(1 for kind, _ in items if kind == "p") + 1))
