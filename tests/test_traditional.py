"""The list of characters OpenCC may change, which lets simplified text skip OpenCC."""

from __future__ import annotations

from conftest import REPORTS

from linter.normalise import _t2s
from linter.traditional import may_change

# Every block OpenCC's t2s dictionaries hold keys in: CJK ideographs and their
# extensions, compatibility ideographs.
_BLOCKS = ((0x3400, 0xA000), (0xF900, 0xFB00), (0x20000, 0x32000))


def test_every_character_opencc_changes_alone_is_listed():
    candidates = [chr(c) for first, end in _BLOCKS for c in range(first, end)]
    converted = _t2s().convert("\n".join(candidates)).split("\n")
    changed = [c for c, s in zip(candidates, converted, strict=True) if c != s]
    assert len(changed) > 4000
    assert [c for c in changed if not may_change(c)] == []


def test_a_character_only_a_phrase_changes_is_listed():
    assert _t2s().convert("藉口") == "借口"
    assert may_change("藉口")


def test_a_simplified_report_skips_opencc_and_a_traditional_one_does_not(reports=REPORTS):
    assert not may_change((reports / "wuxi-2015.txt").read_text("utf-8"))
    assert may_change((reports / "changzhou-2018.txt").read_text("utf-8"))
