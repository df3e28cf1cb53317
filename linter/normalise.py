"""The normalised view of a text that checks match against, with a map back.

Matching is done on one canonical form so that rules are written once:
NFKC folds full-width digits and punctuation (１４１１ -> 1411, （ -> (),
OpenCC folds traditional characters to simplified (公開 -> 公开), and
whitespace that a PDF or a careless editor put around a number ("3119 件",
"2024 年") is removed. Every character of the result
remembers the index of the source character it came from, so a finding can
quote and underline the original.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Horizontal whitespace between a digit and a CJK character or a percent sign
# (either side). Removing it makes "申请 3119 件" read as "申请3119件" for every
# pattern. Whitespace between two digits is kept: in table text it separates
# cells ("3001 53 0 0 61 4 3119"), and nobody writes 1 411 in Chinese. Tabs are
# kept too: loaders render table rows with tab-separated cells.
_CJK = "\u3400-\u9fff"
_NUMBER_GAP = re.compile(rf"(?<=[0-9])[ \u00a0]+(?=[{_CJK}%])|(?<=[{_CJK}])[ \u00a0]+(?=[0-9])")


@dataclass(frozen=True)
class Normalised:
    """Normalised text and, for each of its characters, the source index."""

    text: str
    source_index: list[int]


@lru_cache(maxsize=1)
def _t2s():
    import opencc  # imported lazily: loading the dictionaries costs a few ms

    return opencc.OpenCC("t2s")


def _fold_chars(line: str, offset: int) -> tuple[list[str], list[int]]:
    """NFKC character by character where NFKC changes the length."""
    chars: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(line):
        folded = unicodedata.normalize("NFKC", ch)
        for out in folded:
            chars.append(out)
            index.append(offset + i)
    return chars, index


def _fold(line: str, offset: int) -> tuple[str, list[int]]:
    folded = unicodedata.normalize("NFKC", line)
    if len(folded) == len(line):
        text, index = folded, list(range(offset, offset + len(line)))
    else:
        chars, index = _fold_chars(line, offset)
        text = "".join(chars)
    simplified = _t2s().convert(text) if not text.isascii() else text
    if len(simplified) != len(text):
        # A phrase conversion changed the length; convert per character so the
        # map stays exact.
        simplified = "".join(_t2s().convert(c) or c for c in text)
        if len(simplified) != len(text):
            simplified = text
    return simplified, index


def _drop_number_gaps(text: str, index: list[int]) -> tuple[str, list[int]]:
    if not _NUMBER_GAP.search(text):
        return text, index
    keep_text: list[str] = []
    keep_index: list[int] = []
    last = 0
    for m in _NUMBER_GAP.finditer(text):
        keep_text.append(text[last : m.start()])
        keep_index.extend(index[last : m.start()])
        last = m.end()
    keep_text.append(text[last:])
    keep_index.extend(index[last:])
    return "".join(keep_text), keep_index


def normalise(text: str) -> Normalised:
    """Normalise `text` line by line; newlines are kept so lines stay aligned."""
    out_text: list[str] = []
    out_index: list[int] = []
    offset = 0
    for line in text.split("\n"):
        folded, index = _fold(line, offset)
        folded, index = _drop_number_gaps(folded, index)
        out_text.append(folded)
        out_index.extend(index)
        offset += len(line)
        out_text.append("\n")
        out_index.append(offset)  # the newline maps to the source newline
        offset += 1
    # The loop appended one newline too many.
    out_text.pop()
    out_index.pop()
    return Normalised("".join(out_text), out_index)
