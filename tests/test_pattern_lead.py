"""Fast paths of the per-report analysis find exactly what the slow ones find.

`patterns.led` puts a lookahead of a pattern's possible first characters in
front of it (so `re` skips positions no match can start at); shipped
partitions are built once and shared; some module patterns carry hand-written
lookaheads of their first characters. Each is checked against the plain form
on the real reports' text.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from conftest import REPORTS, SAMPLES

from linter import contacts, numbers, patterns, sections
from linter.checks import publication, structure, text_table
from linter.loaders import load_path
from linter.partitions import Partition
from linter.rulebook import shipped_packs
from linter.tables import rows as rows_module


def _texts() -> list[str]:
    paths = sorted(REPORTS.glob("*.txt")) + sorted(SAMPLES.glob("*.txt"))
    return [load_path(str(p)).norm for p in paths]


def _spans(pattern, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


# Shapes whose first characters are easy to get wrong: an anchor or a lookbehind
# before the first character, optional and repeated leads, alternatives of those.
TRICKY = [
    r"(?:^|[,、:])其他$|撤回",
    r"(?<!不)同意公开|予以公开",
    r"(?:传真\s*[/、])?(?:电话|热线)",
    r"(?:余|多)*件|项",
    r"(?=其中)其中[^,。]{0,6}\d+",
    r"\b[A-Z]{2,}",
    r"(?:当面|现场){1,2}申请",
    r"[一二三四五六七八九十]+、",
]


@pytest.mark.parametrize("source", TRICKY)
def test_a_led_pattern_finds_the_same_matches_as_the_plain_one(source):
    plain = re.compile(source)
    led = patterns.led(plain)
    assert led.pattern.startswith("(?=[")
    extra = ["其他", ",其他", "不同意公开", "电话:1", "传真/热线", "余件", "x项", "AB CD"]
    for text in _texts() + extra:
        assert _spans(led, text) == _spans(plain, text)


@pytest.mark.parametrize("source", [r"a*", r"x?", r"\d+件", r"(?i)abc", r".{2}年", r"[^,]件"])
def test_a_pattern_whose_first_characters_are_unknown_or_may_be_none_is_left_as_it_is(source):
    plain = re.compile(source)
    assert patterns.led(plain) is plain


def test_every_partition_part_pattern_is_led_and_matches_as_before():
    packs = shipped_packs()
    raws = [
        raw for pack in packs for rule in pack.rules for raw in rule.params.get("partitions", ())
    ]
    assert raws
    texts = _texts()
    for raw in raws:
        partition = Partition.from_params(raw)
        union = partition.any_part
        assert union is not None and union.pattern.startswith("(?=[")
        for text in texts:
            found = any(p.search(text) for _, p in partition.parts)
            assert (union.search(text) is not None) == found


def test_the_phone_pattern_s_lookahead_names_every_first_character_of_its_labels():
    written = contacts._PHONE.pattern
    lead, _, rest = written.partition("])")
    assert lead.startswith("(?=[")
    computed = patterns.led(re.compile(rest)).pattern
    assert computed.startswith("(?=[")
    assert set(computed[4 : computed.index("])")]) == set(lead[4:])


def test_shipped_partitions_are_built_once_and_a_user_s_each_time_with_its_deadline():
    raw = {"name": {"zh": "甲", "en": "a"}, "total": "受理", "parts": {"当面": "当面"}}
    assert Partition.from_params(raw) is Partition.from_params(raw)
    assert Partition.from_params(dict(raw)) == Partition.from_params(raw)
    with patterns.time_bound(5):
        first = Partition.from_params(raw)
        assert not isinstance(first.total, re.Pattern)
    with patterns.time_bound(5):
        second = Partition.from_params(raw)
    assert second is not first and second.total is not first.total


@pytest.mark.parametrize(
    "label", ["电子信箱", "电 子邮箱", "电子邮件", "邮箱", "email", "E-mail", "EMAIL"]
)
def test_the_email_pattern_s_lookahead_lets_every_label_through(label):
    assert (
        contacts._EMAIL.search(f"联系方式。{label}:gk@example.gov.cn")["v"] == "gk@example.gov.cn"
    )


BARE = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")


@pytest.mark.parametrize(
    "text",
    [
        "邮箱gk@example.gov.cn,电话",
        "a@b.cn@c.cn x@@y.cn @z.cn q@r 名a.b@c.d.e,f@g.h",
        "aa@bb.cc.dd@ee.ff.gg@hh.ii",
        "无地址",
        "x" * 500 + "@" + "y.cn " + "@" * 3 + "p%q@r-s.t",
    ],
)
def test_bare_emails_walked_from_each_at_sign_are_the_spans_the_regex_finds(text):
    assert contacts.bare_emails(text) == [m.span() for m in BARE.finditer(text)]


def test_bare_emails_in_the_reports_are_the_spans_the_regex_finds():
    for text in _texts():
        assert contacts.bare_emails(text) == [m.span() for m in BARE.finditer(text)]


def _lines() -> list[str]:
    tricky = [
        "\u3000 一、概述",
        "\u00a0(二)申请",
        "١٢. 阿拉伯数字",
        "第三部分 概况",
        " 12、 行",
        "附表",
    ]
    return [line for text in _texts() for line in text.splitlines()] + tricky


def test_a_line_no_heading_pattern_could_match_is_the_only_one_skipped_unread():
    for line in _lines():
        if any(pattern.match(line) for _, pattern in sections._LEVELS):
            first = line.lstrip()[:1]
            assert first in sections._HEADING_STARTS or first.isdecimal(), line


def test_the_table_row_shortcut_agrees_with_the_pattern():
    rows = ["一、本年新收 3001 53 0 0 61 4 3119", "申请数量 3001530061 43119 ", "概述 12 —"]
    for line in _lines() + rows:
        assert sections._table_row(line) == bool(sections._TABLE_ROW.search(line)), line


def test_the_inline_enumeration_pattern_finds_what_its_lookbehind_first_form_found():
    old = re.compile(
        r"(?=[一二三四五六七八九十])(?<![一二三四五六七八九十统唯之单])(?P<n>[一二三四五六七八九十]+)是"
    )
    extra = [
        "一是甲,二是乙",
        "统一是",
        "唯一是",
        "十二是",
        "之一是",
        "第三是",
        "三十一是",
        "是一是",
    ]
    for text in _texts() + extra:
        found = [(m.span(), m["n"]) for m in structure._ENUMERATED.finditer(text)]
        assert found == [(m.span(), m["n"]) for m in old.finditer(text)]


def test_lines_skipped_as_no_statistics_row_are_none_the_row_pattern_matches():
    rows = ["(一)主动公开政府信息数 条 352", "1.当面申请数\t件\t5 ", "三、行政复议数量 件 0\u3000"]
    for line in _lines() + rows:
        if text_table._STATISTICS_ROW.match(line):
            assert line.rstrip()[-1:].isdecimal(), line


def test_a_prose_line_split_as_a_whole_gives_what_reading_it_word_by_word_gives():
    rows = [
        "当面 12 /",
        "予以公开1288 21 0",
        "行政许可447228",
        "合计 无",
        "",
        "  ",
        "甲\u3000乙 —",
        "说明 5件",
    ]
    for line in _lines() + rows:
        assert rows_module.split_row(line, 7) == rows_module._split_tokens(line, 7), line


_RANKED = tuple(
    re.compile(rf"(?P<label>{labels})\s*[::]\s*{publication._DATE}")
    for labels in ("发布日期|发布时间|公开日期|发文日期", "成文日期|印发日期", "(?<![文布开])日期")
)


def _published_rank_by_rank(text: str):
    for pattern in _RANKED:
        for m in pattern.finditer(text):
            try:
                date(int(m["y"]), int(m["m"]), int(m["d"]))
            except ValueError:
                continue
            return m
    return None


@pytest.mark.parametrize(
    "text",
    [
        "印发日期:2020年2月30日;日期:2020年3月1日",
        "成文日期:2020年1月1日,发布日期:2020年13月1日,公开日期:2021年1月2日",
        "日期:2019年5月1日 发布时间:2019年4月1日",
        "发文日期:2019-02-29 成文日期:2019.3.1 日期 : 2019/3/2",
        "日期:2019年1月1日,日期:2019年2月1日,成文日期:2019年3月1日,印发日期:2019年4月1日",
    ],
)
def test_one_scan_for_every_rank_finds_the_date_a_scan_per_rank_found(text):
    for each in [text, *_texts()]:
        found, expected = publication._published_in(each), _published_rank_by_rank(each)
        assert (found and found.span()) == (expected and expected.span())


@pytest.mark.parametrize(
    "figure", ["1" * 15, "1" * 16 + "件", "九千九百九十九件", "一二三四五六七八九〇一二三四五"]
)
def test_a_figure_taken_as_plausible_unread_is_plausible(figure):
    for m in numbers._QUANTITY.finditer(figure + "件"):
        q = numbers._quantity(m, 0)
        if q is not None and numbers._surely_plausible(q.text):
            assert numbers.plausible(q.value)
