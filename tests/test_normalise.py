"""The normaliser's fast path: only the lines that need work are redone.

`normalise` runs NFKC on the lines that are not normal, OpenCC on the lines
holding a character it may change, and drops gaps on the lines where one can
be; it copies the other lines whole. The slow path (`every_line=True`) folds,
converts and drops gaps on every line, as the normaliser always did. Both must
give the same text, offset map and virtual lines for any text.
"""

from __future__ import annotations

from conftest import REPORTS
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.normalise import _normalise, normalise

# Pieces that exercise each stage: traditional characters and a phrase (OpenCC),
# full-width forms and characters NFKC lengthens or shortens (㈠, ½, e + combining
# acute), letter-spacing, gaps around figures and inside brackets, table tabs,
# invisible characters, and inline headings that make a flattened line.
_PIECES = st.sampled_from(
    [
        *"政府信息公開年度報告電話件條",
        "藉口",
        "乾隆",
        "１２３４",
        "2024",
        "3119",
        "㈠",
        "½",
        "e\u0301",
        "ﬁ",
        " ",
        "  ",
        "\u3000",
        "\u00a0",
        "\t",
        "(",
        ")",
        "（",
        "）",
        "：",
        ":",
        "%",
        "\u200b",
        "\ufeff",
        "。",
        "\n",
        "电 话",
        "统 计 期 限",
        "一、概述 ",
        "。二、主动公开政府信息情况 ",
        "三、收到和处理政府信息公开申请情况 ",
    ]
)


@settings(deadline=None, max_examples=300)  # the first example loads OpenCC's dictionaries
@given(st.lists(_PIECES, max_size=60).map("".join))
def test_fast_path_gives_what_the_line_by_line_path_gives(text):
    assert normalise(text) == _normalise(text, every_line=True)


def test_fast_path_agrees_on_reports_in_traditional_and_flattened_text(reports=REPORTS):
    # Two flattened reports: one with gaps to drop, one with no space at all (its
    # cuts are the only work its line needs).
    spaced = (
        "2018年政府信息公开工作年度报告 本报告由区政府办公室编制。一、概述 2018年,我区 3119 件。"
        "二、主动公开政府信息情况 全年主动公开 12 条。三、收到和处理政府信息公开申请情况 无。"
    )
    unspaced = spaced.replace(" ", "。")
    names = ("changzhou-2018.txt", "wuxi-2015.txt")  # traditional, simplified
    texts = [(reports / name).read_text("utf-8") for name in names]
    for text in (*texts, "\n".join(texts), spaced, unspaced):
        assert normalise(text) == _normalise(text, every_line=True)
    assert normalise(unspaced).virtual_lines  # the flattened text was cut


def test_offset_map_maps_each_character_back():
    text = "㈠公開 2024 年\n电 话：\u200b１２"
    result = normalise(text)
    assert result.text == "(一)公开2024年\n电话:12"
    sources = [result.source_index[i] for i in range(len(result.text))]
    assert sources == [0, 0, 0, 1, 2, 4, 5, 6, 7, 9, 10, 11, 13, 14, 16, 17]
