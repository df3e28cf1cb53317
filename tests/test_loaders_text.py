"""Plain-text reports in the encodings Chinese offices save them in."""

from __future__ import annotations

import codecs

import pytest
from fixtures_formats import TRADITIONAL, report_text, text_file
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.loaders import InputError, load_bytes
from linter.loaders.text import _directives
from linter.suppressions import directive_line

WUXI = report_text("wuxi-2015")
# Big5 has no U+00A0; the one no-break space in the traditional report becomes
# a plain space so the Big5 file still holds every other character.
CHANGZHOU = report_text(TRADITIONAL).replace("\xa0", " ")


@pytest.mark.parametrize(
    ("text", "data", "encoding"),
    [
        (WUXI, WUXI.encode("gb18030"), "gb18030"),
        (CHANGZHOU, CHANGZHOU.encode("gbk"), "gb18030"),  # GBK is read as its superset
        (CHANGZHOU, CHANGZHOU.encode("big5"), "big5"),
        (WUXI, WUXI.encode("utf-16"), "utf-16"),  # with BOM
        (WUXI, WUXI.encode("utf-16-le"), "utf-16-le"),  # Windows "Unicode" without BOM
        (WUXI, WUXI.encode("utf-16-be"), "utf-16-be"),
        (WUXI, codecs.BOM_UTF8 + WUXI.encode("utf-8"), "utf-8-sig"),
        (WUXI, WUXI.encode("utf-8"), "utf-8"),
    ],
    ids=["gb18030", "gbk", "big5", "utf-16-bom", "utf-16-le", "utf-16-be", "utf-8-bom", "utf-8"],
)
def test_encodings_are_detected_and_text_is_exact(text: str, data: bytes, encoding: str) -> None:
    doc = load_bytes(data, "report.txt")
    assert doc.text == text
    assert doc.encoding.replace("_", "-").lower() == encoding


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr_become_lf_so_line_numbers_match(newline: str) -> None:
    doc = load_bytes(text_file(WUXI, "utf-8", newline=newline, bom=True), "report.txt")
    assert doc.text == WUXI
    assert doc.lines[7].startswith("根据《中华人民共和国政府信息公开条例》")


def test_stdin_name_without_suffix_is_read_as_text() -> None:
    doc = load_bytes(WUXI.encode("gb18030"), "<stdin>")
    assert doc.meta["format"] == "text"
    assert doc.text == WUXI


def test_binary_data_is_refused_with_a_reason() -> None:
    with pytest.raises(InputError, match="binary"):
        load_bytes(bytes(range(256)) * 8, "report.txt")


def test_whitespace_only_file_is_empty() -> None:
    with pytest.raises(InputError, match="empty"):
        load_bytes(b" \r\n\t\n", "report.txt")


# Line starts a directive may hide behind once NFKC folds them (full-width and small
# forms of # and <, spaces of every width, a combining mark that makes < into ≮),
# and report text that never starts one.
_LINE_STARTS = st.sampled_from(
    [
        "# ogilint: disable=a",
        "＃ ｏｇｉｌｉｎｔ：disable=b",
        "﹟ogilint:disable",
        "<!-- ogilint: disable=c -->",
        "＜!-- ogilint:disable -->",
        "<\u0338!-- ogilint:disable",
        " ",
        "\u3000",
        "\u00a0",
        "\t",
        "¨",
        "\u200b",
        "一、概述",
        "（一）",
        "。",
        "ogilint:",
        "#",
        "x",
    ]
)


_LINE = st.lists(_LINE_STARTS, min_size=1, max_size=4).map("".join)
_LINES = st.lists(_LINE, min_size=1, max_size=8)


@settings(deadline=None)
@given(_LINES)
def test_directive_lines_are_those_the_line_by_line_check_finds(lines: list[str]) -> None:
    """Only some lines are checked for a directive: the same ones must come out."""
    text = "\n".join(lines)
    expected = [(i, d) for i, d in enumerate(map(directive_line, lines)) if d is not None]
    emptied, found = _directives(text)
    assert [(d.line, d.text) for d in found] == expected
    assert emptied.split("\n") == ["" if directive_line(x) is not None else x for x in lines]
