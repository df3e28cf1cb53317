"""The normalised view and its map back to the source."""

from __future__ import annotations

import unicodedata

from conftest import REPORTS
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.document import Document
from linter.loaders import load_path


def _source_char_of(doc: Document, norm_index: int) -> str:
    return doc.text[doc.source_offset(norm_index)]


def test_traditional_report_is_matched_in_simplified_and_quoted_in_traditional(reports=REPORTS):
    doc = load_path(str(reports / "changzhou-2018.txt"))
    at = doc.norm.index("电子信箱:")
    span = doc.span(at, at + len("电子信箱"))
    assert (span.line, span.column) == (5, 68)
    original = doc.lines[span.line - 1][span.column - 1 : span.end_column - 1]
    assert original == "電子信箱"


def test_full_width_digits_and_split_units_fold_to_one_figure():
    doc = Document("x.txt", "共受理申请 ３１１９ 件，其中当面申请１,４１１件")
    assert "申请3119件,其中当面申请1,411件" in doc.norm
    at = doc.norm.index("3119")
    span = doc.span(at, at + 4)
    assert doc.text[span.column - 1 : span.end_column - 1] == "３１１９"


def test_lines_stay_aligned_between_source_and_norm():
    text = "第一行\r\n".replace("\r\n", "\n") + "（一）申请情况。全年 12 件\n\n三、結轉"
    doc = Document("x.txt", text)
    assert len(doc.norm_lines) == len(doc.lines)
    for i, line in enumerate(doc.norm_lines):
        start = doc.norm_line_starts[i]
        for j in range(len(line)):
            assert doc.span(start + j, start + j + 1).line == i + 1


_SOURCE_CHARS = st.sampled_from(
    [*"政府信息公開年度報告１２３４５67890，。：（）件條 \u3000\t", "\n"]
)


@settings(deadline=None)  # the first example loads OpenCC's dictionaries
@given(st.lists(_SOURCE_CHARS, max_size=80).map("".join))
def test_every_normalised_character_maps_to_a_source_character_on_its_line(text):
    doc = Document("x.txt", text)
    for i, ch in enumerate(doc.norm):
        source = _source_char_of(doc, i) if doc.source_offset(i) < len(text) else "\n"
        assert doc.norm_line_of(i) + 1 == doc.span(i, i + 1).line
        if ch == "\n":
            assert source == "\n"
        else:
            # The source character folds (NFKC, then traditional -> simplified) to it.
            folded = unicodedata.normalize("NFKC", source)
            assert ch in folded or source in "開報條" or ch == source
