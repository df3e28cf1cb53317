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
    """`n` paragraphs of a Word-like document, each with a finding (a short phone)."""
    lines = [f"第{i}段。联系电话:0519-856850" for i in range(n)]
    blocks = tuple(Block("paragraph", i, i, {"paragraph": i + 1}) for i in range(len(lines) + 1))
    return Document("report.docx", TITLE + "\n".join(lines), None, blocks, meta={"format": "docx"})


CASES: dict[str, tuple[Callable[[int], Document], int]] = {
    # the quantity pattern tried again at every digit of a run with no unit after it
    "digits": (lambda n: _text("共受理" + "1" * n + "。"), 1500),
    # the bare e-mail pattern tried at every letter of a run with no @ after it
    "letters": (lambda n: _text("电子邮箱:见网站。" + "a" * n + "\n"), 3000),
    # inline lists: every open list scanned for each 一是; brackets counted per figure
    "enumerations": (lambda n: _text("(说明" + "一是加强领导3件,二是完善制度," * n), 200),
    # 分别为: every figure of the report scanned for each list
    "respectively": (lambda n: _text("当面、网上申请分别为2件、3件。" * n), 150),
    "lines": (lambda n: _text("\n".join(f"第{i}行文字共{i % 97}件" for i in range(n))), 250),
    # the block of each finding looked up by scanning every block
    "paragraphs": (_paragraphs, 80),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_eight_times_the_input_costs_about_eight_times_the_time(case):
    make, n = CASES[case]
    small, large = make(n), make(n * SCALE)
    _check(small)  # warm: imports, compiled patterns
    ratio = _cpu(lambda: _check(make(n * SCALE))) / _cpu(lambda: _check(make(n)))
    assert ratio < LINEAR_BOUND, f"{case}: {SCALE}x the input took {ratio:.0f}x the time"
    assert _check(large) >= _check(small)
