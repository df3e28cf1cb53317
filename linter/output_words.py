"""The words of the output people read (severities, summary lines), in each language.

They are data (rules/messages/output.yaml), like every user-facing text: 错误/警告/提示
in Chinese output, error/warning/info in English. Machine formats keep the English
values their contracts define.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from linter.rulebook import SHIPPED_DATA, shipped_data

OUTPUT_WORDS = SHIPPED_DATA[0]  # messages/output.yaml, under the rules folder


@lru_cache(maxsize=1)
def _words() -> dict[str, Any]:
    return shipped_data(OUTPUT_WORDS)


def severity_word(severity: str, lang: str) -> str:
    """错误/警告/提示 in Chinese, error/warning/info in English."""
    return _words()["severity"][str(severity)][lang]


def output_text(key: str, lang: str, **values: Any) -> str:
    """A sentence of the people's output, filled in."""
    return _words()[key][lang].format(**values)
