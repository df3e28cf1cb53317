"""Cost grows linearly with the input: 8x the text costs about 8x the time, not 64x.

Each case is a shape of text that once took quadratic time (issue 10, "Super-linear
text paths"): a run of 20k digits took 49 s, a long run of letters 38 s, a 1 MB line
of 一是… 112 s, 300k lines 50 s, 100k paragraphs with findings 59 s. The tests time
the same input at 1x and 8x and hold the ratio well under the 64 a quadratic path
gives; they are ratios of CPU time in one process, not deadlines, so a busy machine
slows both sides alike.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from linter.document import Block, Document
from linter.engine import Settings, check_document
from linter.rulebook import shipped_packs

TITLE = "2018年政府信息公开工作年度报告\n"
SCALE = 8
LINEAR_BOUND = 24  # 8x the input: about 8 when linear, 64 when quadratic


def _check(doc: Document) -> int:
    return len(check_document(doc, shipped_packs(), Settings()).findings)


def _cpu(work: Callable[[], object]) -> float:
    """Least CPU time of three runs (the first may pay for lazy imports)."""
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        work()
        best = min(best, time.process_time() - start)
    return best


def _text(body: str) -> Document:
    return Document("report.txt", TITLE + body, meta={"format": "text"})


def _paragraphs(n: int) -> Document:
    """`n` one-line paragraphs of a Word-like document."""
    blocks = tuple(Block("paragraph", i, i, {"paragraph": i + 1}) for i in range(n))
    text = "\n".join(f"第{i}段。" for i in range(n))
    return Document("report.docx", text, None, blocks, meta={"format": "docx"})


def _analysed(doc: Document) -> Callable[[], object]:
    """The whole check of `doc`."""
    return lambda: _check(doc)


def _enumerations(doc: Document) -> Callable[[], object]:
    """The inline-list check alone (the analysis, linear, is done before the clock)."""
    from linter.analysis import analyse
    from linter.checks.context import Context
    from linter.checks.structure import enumeration_sequence

    context = Context(year=2018, regime=shipped_packs()[0], analysis=analyse(doc))
    return lambda: list(enumeration_sequence(doc, {}, context))


def _labels(doc: Document) -> Callable[[], object]:
    from linter.analysis import analyse
    from linter.partitions import figure_labels

    facts = analyse(doc)
    return lambda: figure_labels(doc, facts.quantities, facts.wrapped_lines)


def _brackets(doc: Document) -> Callable[[], object]:
    doc.in_brackets(0)
    return lambda: [doc.in_brackets(i) for i in range(0, len(doc.norm), 7)]


def _locations(doc: Document) -> Callable[[], object]:
    """The native place of a finding on every line (each finding looks its block up)."""
    return lambda: [doc.location_at(line, 1) for line in range(1, len(doc.lines) + 1)]


# case: (document of size n, the work timed on it, n)
CASES: dict[str, tuple[Callable[[int], Document], Callable[[Document], Callable], int]] = {
    # the quantity pattern tried again at every digit of a run with no unit after it
    "digits": (lambda n: _text("共受理" + "1" * n + "。"), _analysed, 1500),
    # the bare e-mail pattern tried at every letter of a run with no @ after it
    "letters": (lambda n: _text("电子邮箱:见网站。" + "a" * n + "\n"), _analysed, 3000),
    "lines": (lambda n: _text("\n".join(f"第{i}行共{i % 97}件" for i in range(n))), _analysed, 250),
    # every open inline list scanned for each 一是 (one line of 一是…二是… nests them)
    "enumerations": (lambda n: _text("一是加强领导,二是完善制度," * n), _enumerations, 500),
    # 分别为: every figure of the report scanned for each such list
    "respectively": (lambda n: _text("当面、网上申请分别为2件、3件。" * n), _labels, 400),
    # the brackets of the whole line before a figure counted for each figure
    "brackets": (lambda n: _text("(说明" + "共3件," * n), _brackets, 3000),
    # the block of each finding looked up by scanning every block
    "paragraphs": (_paragraphs, _locations, 2000),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_eight_times_the_input_costs_about_eight_times_the_time(case):
    make, work, n = CASES[case]
    small, large = work(make(n)), work(make(n * SCALE))
    small()  # warm: imports, compiled patterns, cached views
    ratio = _cpu(large) / _cpu(small)
    assert ratio < LINEAR_BOUND, f"{case}: {SCALE}x the input took {ratio:.0f}x the time"
