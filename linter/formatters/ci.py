"""What the CI formats (SARIF, GitHub, JUnit, GitLab) say alike.

Where a finding is in the file: lines and columns are the file's own only for
plain text; for a web page, Word or PDF file they count lines of the text
`ogilint extract` prints, which a CI viewer would pin on the wrong line of the
file. So CI formats give a line only for plain text, and the native place
(page, paragraph, table cell) in words otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath
from typing import TYPE_CHECKING
from urllib.parse import quote

if TYPE_CHECKING:
    from linter.records import FileResult, Finding, RuleInfo

# Labels of the parts of a rule's help text (the texts themselves are rule YAML).
_HELP = {
    "zh": {"article": "依据", "regimes": "规则包"},
    "en": {"article": "Article", "regimes": "packs"},
}


def in_source(result: FileResult) -> bool:
    """Do the findings' lines and columns count lines of the file itself?"""
    return result.meta.get("format") == "text"


def artifact_uri(path: str) -> str:
    """A relative path as a URI reference (Chinese names percent-encoded); absolute: file:."""
    pure = PurePath(path)
    if pure.is_absolute():
        return pure.as_uri()
    return quote(pure.as_posix(), safe="/")


def full_message(message: str, f: Finding) -> str:
    """The message, with the arithmetic on its own line when the message lacks it."""
    arithmetic = f.evidence.arithmetic
    if arithmetic and arithmetic not in message:
        return f"{message}\n{arithmetic}"
    return message


def native_place(result: FileResult, f: Finding, lang: str) -> str:
    """ "(第3页, 第12段) " for a finding in a file whose lines are not its own, else ""."""
    from linter.formatters.text import LABELS

    if in_source(result) or f.whole_report:
        return ""
    native = f.location.native()
    words = [
        LABELS[lang][key].format(**native)
        for key in ("page", "paragraph", "table", "row")
        if key in native
    ]
    return f"({', '.join(words)}) " if words else ""


def rule_help(variants: Sequence[RuleInfo], lang: str) -> str:
    """What a rule checks, then the article it enforces in each regime it ran in."""
    labels = _HELP[lang]
    first = variants[0]
    lines = [(first.help or first.title)[lang].strip(), ""]
    articles: dict[str, list[str]] = {}
    for rule in variants:
        articles.setdefault(rule.article[lang], []).append(rule.regime)
    for article, regimes in articles.items():
        where = f" ({labels['regimes']}: {', '.join(regimes)})" if len(articles) > 1 else ""
        lines.append(f"{labels['article']}{where}: {article}")
    return "\n".join(lines)
