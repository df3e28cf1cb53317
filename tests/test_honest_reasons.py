"""Files that are damaged, not binary: read with what can be read, and said honestly.

Each file is generated here. A stray byte must not turn a report into "binary
file"; a page with a processing instruction must not crash the loader.
"""

from __future__ import annotations

import pytest

from linter.engine import Settings, check_document
from linter.loaders import load_bytes
from linter.rulebook import shipped_packs

REPORT = (
    "示例县人民政府2021年政府信息公开工作年度报告\n"
    "一、总体情况\n"
    "全年共受理政府信息公开申请100件,其中当面申请20件,网络申请70件。\n"
    "联系电话:0512-12345678。\n"
)


def _findings(data: bytes, name: str) -> dict[str, list]:
    result = check_document(load_bytes(data, name), shipped_packs(), Settings())
    found: dict[str, list] = {}
    for finding in result.findings:
        found.setdefault(finding.rule, []).append(finding)
    return found


@pytest.mark.parametrize(
    ("name", "data", "bad"),
    [
        ("stray.txt", REPORT.encode()[:40] + b"\xff" + REPORT.encode()[40:], 1),
        ("cut.txt", REPORT.encode() + "联系".encode()[:-1], 2),
    ],
)
def test_a_utf8_report_with_bad_bytes_is_checked_and_the_bytes_counted(name, data, bad) -> None:
    found = _findings(data, name)
    assert "input-error" not in found
    (damaged,) = found["damaged-text"]
    assert damaged.evidence.facts["bytes"] == bad
    assert "total-incomplete" in found  # the rest of the report was checked


def test_utf16_without_bom_or_ascii_is_read_as_text() -> None:
    text = "示例县人民政府二〇二一年政府信息公开工作年度报告。全年共受理申请。"
    for codec in ("utf-16-le", "utf-16-be"):
        doc = load_bytes(text.encode(codec), "unicode.txt")
        assert (doc.text, doc.encoding) == (text, codec)


def test_a_gb18030_report_is_not_mistaken_for_damaged_utf8() -> None:
    doc = load_bytes((REPORT * 3).encode("gb18030"), "gbk.txt")
    assert doc.encoding == "gb18030" and "\ufffd" not in doc.text


def test_a_processing_instruction_inside_a_paragraph_is_skipped() -> None:
    page = (
        "<html><body><p>示例县<?php echo $year; ?>人民政府</p>"
        "<table><tr><td>项目<?x?></td><td>1</td></tr><tr><td>申请</td><td>2</td></tr></table>"
        "</body></html>"
    )
    doc = load_bytes(page.encode(), "php.html")
    assert doc.text.split("\n")[:2] == ["示例县人民政府", "项目\t1"]
