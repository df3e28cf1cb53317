"""Every finding points at the source: its span lies inside its lines and its excerpt
is the source text there, whatever the report holds and whichever loader read it.

Real reports (seed and wild corpora) are mutated by hypothesis with the characters
that move offsets: spaces inside headings and numbers, characters NFKC folds to
several (㈠, ½) or to one from several (a decomposed é), full-width digits, tabs,
control characters, and blank table cells. Then they are checked in process and
each finding's place is verified against the text the loader extracted.
"""

from __future__ import annotations

import functools

from conftest import REPORTS, SHARED
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter.engine import Settings, check_document
from linter.loaders import load_bytes
from linter.records import FileResult
from linter.rulebook import shipped_packs

WILD = SHARED / "corpus" / "wild" / "reports"
# Characters whose normalised form differs in length or position from the source.
AWKWARD = ["㈠", "e\u0301", "½", "ﬁ", "１２", " ", "\u3000", "\t", "\u200b", "\x1b[2J", "　一、"]
AWKWARD += ["㎡"]
INSERT = st.tuples(st.floats(0, 1), st.sampled_from(AWKWARD))
# Word's XML cannot hold control characters (python-docx refuses them).
WORD_INSERT = st.tuples(st.floats(0, 1), st.sampled_from([a for a in AWKWARD if "\x1b" not in a]))


@functools.cache
def _packs():
    return shipped_packs()


@functools.cache
def _report(name: str) -> str:
    folder = REPORTS if (REPORTS / name).exists() else WILD
    return (folder / name).read_text(encoding="utf-8")


def _reports() -> list[str]:
    names = sorted(p.name for p in REPORTS.glob("*.txt"))
    return names + sorted(p.name for p in WILD.glob("*.txt"))[:6]


def _mutate(text: str, inserts: list[tuple[float, str]]) -> str:
    for where, piece in sorted(inserts, reverse=True):
        at = int(where * len(text))
        text = text[:at] + piece + text[at:]
    return text


def _check(data: bytes, name: str) -> tuple[FileResult, list[str]]:
    doc = load_bytes(data, name)
    return check_document(doc, _packs(), Settings()), doc.lines


def _assert_placed(result: FileResult, lines: list[str]) -> None:
    for f in result.findings:
        if f.whole_report or f.location is None:
            continue
        loc = f.location
        assert 1 <= loc.line <= loc.end_line <= len(lines), (f.rule, loc)
        first, last = lines[loc.line - 1], lines[loc.end_line - 1]
        assert 1 <= loc.column <= len(first) + 1, (f.rule, loc, first)
        assert 1 <= loc.end_column <= len(last) + 1, (f.rule, loc, last)
        if loc.line == loc.end_line:
            assert loc.column <= loc.end_column, (f.rule, loc)
        if f.excerpt:
            assert f.excerpt in first, (f.rule, f.excerpt, first)
            start = first.index(f.excerpt) if first.count(f.excerpt) == 1 else None
            if start is not None:
                # the offset points at the finding's own column within the excerpt
                assert start + f.excerpt_offset == loc.column - 1, (f.rule, loc, f.excerpt)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(_reports()), st.lists(INSERT, max_size=12))
def test_findings_on_mutated_real_text_point_inside_their_lines(name, inserts):
    text = _mutate(_report(name), inserts)
    result, lines = _check(text.encode("utf-8"), name)
    _assert_placed(result, lines)


def _make_samples():
    from test_standard_tables import make_samples

    return make_samples


# What a drafter's table cells hold besides clean figures.
CELL_TEXT = st.sampled_from(["", " ", "　", "１２", " 3", "3 ", "-", "/", "无", "e\u0301", "㈠"])


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(["example-city-2024-faulty", "example-bureau-2020-faulty"]),
    st.sampled_from(["html", "docx"]),
    st.lists(st.tuples(st.integers(0, 40), st.integers(0, 6), CELL_TEXT), max_size=8),
    st.lists(WORD_INSERT, max_size=6),
)
def test_findings_in_tables_with_blank_and_odd_cells_point_inside_their_lines(
    name, container, cells, inserts
):
    samples = _make_samples()
    sample = samples.SAMPLES[name]().copy(name)
    keys = list(sample.applications)
    for row, column, text in cells:
        sample.applications[keys[row % len(keys)]][column] = text
    sample.texts["overview"] = _mutate(sample.texts["overview"], inserts)
    data = samples.WRITERS[container](sample.report())
    result, lines = _check(data, f"{name}.{container}")
    _assert_placed(result, lines)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(_reports()[:5]), st.lists(INSERT, max_size=8))
def test_findings_in_web_pages_point_inside_their_lines(name, inserts):
    import html

    body = "".join(
        f"<p>{html.escape(line)}</p>" for line in _mutate(_report(name), inserts).splitlines()
    )
    page = f"<html><head><meta charset='utf-8'></head><body>{body}</body></html>"
    result, lines = _check(page.encode("utf-8"), name.replace(".txt", ".html"))
    _assert_placed(result, lines)


# Report-like text from scratch: headings, counts, sums, tables, dates, contact lines,
# in the characters reports are written in (full-width, Chinese numerals, units).
PIECES = st.sampled_from(
    [
        "一、总体情况", "（二）", "2.", "3、", "共", "其中", "件", "条", "万", "余", "%", "，",
        "。", "；", "、", "\n", "\t", " ", "1,411", "１２", "0", "12", "3.5", "二〇二四年",
        "政府信息公开申请", "予以公开", "总计", "行政复议", "行政诉讼", "电话：", "0371-1234",
        "地址：", "@", "本年新收", "上年结转", "分别为", "结果维持", "㈠", "e\u0301", "（", "）",
        "|", "---", "第二十条第（一）项", "2024年1月1日至12月31日", "\x1b", "\u200b",
    ]
)
REPORTISH = st.lists(PIECES, max_size=200).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(REPORTISH, st.sampled_from([".txt", ".md"]))
def test_any_report_like_text_gives_findings_never_a_crash(text, suffix):
    from linter.loaders.reasons import InputError

    report = "XX县2024年政府信息公开工作年度报告\n" + text
    try:
        result, lines = _check(report.encode(), "r" + suffix)
    except InputError:
        return  # e.g. mostly control characters: refused with a reason, not a crash
    assert not [f for f in result.findings if f.rule == "internal-error"], result.findings
    _assert_placed(result, lines)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000), st.sampled_from([".txt", ".html", ".docx", ".pdf", ".md"]))
def test_any_bytes_give_a_document_or_an_input_error(data, suffix):
    from linter.loaders.reasons import InputError

    try:
        result, lines = _check(data, "r" + suffix)
    except InputError:
        return
    assert not [f for f in result.findings if f.rule == "internal-error"], result.findings
    _assert_placed(result, lines)
