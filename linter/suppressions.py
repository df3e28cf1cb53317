"""Suppressions written inside a report: `ogilint: disable=rule-id[,rule-id…] 原因`.

A drafter who knows a finding is not a fault says so in the report itself,
where the next reader sees it: in a web page's comment
(`<!-- ogilint: disable=total-mismatch 全市口径含乡镇 -->`), in a Word comment
anchored on the text, or in a text or Markdown report on a line of its own that
starts with `#` or `<!--`. Loaders keep directives out of the report text (a
text report's directive line is read as an empty line, so its reason is never
taken for the report's words or figures) and record them in
`Document.directives` at the line they stand at.

A directive covers the part (top-level section, 三、…) that holds it; one
written before the first part covers the whole report. This is a stage of its
own, after checking and before the baseline: findings in, findings out, and a
directive that hid nothing is itself reported (`unused-suppression`). No check
knows suppressions exist.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from linter.document import Document
from linter.records import INPUT_ERROR, INTERNAL_ERROR, Finding
from linter.sections import Heading, Outline

UNUSED_SUPPRESSION = "unused-suppression"
# An unreadable file or a crash is never hidden: it has no part, and it must be fixed.
_NEVER = (INPUT_ERROR, INTERNAL_ERROR)

# After NFKC, so full-width ：＝，typed in a Chinese input method read as : = ,
_ADDRESSED = re.compile(r"\s*ogilint\s*:", re.IGNORECASE)
_TEXT_LINE = re.compile(r"\s*(?:#+|<!--)\s*(?=ogilint\s*:)", re.IGNORECASE)
_DISABLE = re.compile(
    r"ogilint\s*:\s*disable\s*=\s*(?P<ids>[\w-]+(?:\s*[,、]\s*[\w-]+)*)?(?P<reason>.*)",
    re.IGNORECASE | re.DOTALL,
)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def is_directive(comment: str) -> bool:
    """Does a comment (web page or Word) speak to ogilint? It starts with `ogilint:`."""
    return bool(_ADDRESSED.match(_fold(comment)))


@dataclass(frozen=True)
class Suppression:
    """One directive: the rules it names, why, and where it stands."""

    rules: tuple[str, ...]  # as written, lower-cased; empty when none could be read
    reason: str
    text: str  # the directive on one line, for messages
    line: int  # 1-based extracted line


def parse(text: str, line: int) -> Suppression:
    """The directive in `text` (a comment, or a text line without its `#`/`<!--`)."""
    folded = " ".join(_fold(text).replace("-->", " ").split())
    m = _DISABLE.search(folded)
    ids = re.split(r"\s*[,、]\s*", m["ids"]) if m and m["ids"] else []
    reason = m["reason"].strip() if m else ""
    return Suppression(tuple(i.lower() for i in ids), reason, folded, line)


def directive_line(line: str) -> str | None:
    """The directive of a text report's line (`# ogilint: …`, `<!-- ogilint: … -->`), or None."""
    folded = _fold(line)
    lead = _TEXT_LINE.match(folded)
    return folded[lead.end() :] if lead else None


def directives(doc: Document) -> list[Suppression]:
    """Every directive the loader found in `doc` (comments, or a text report's lines)."""
    return [parse(d.text, d.line + 1) for d in doc.directives]


def part_starts(doc: Document, outline: Outline) -> list[tuple[int, int]]:
    """(line, column) in the extracted text where each top-level part begins."""
    starts = []
    for heading in outline.top_level:
        span = doc.span(heading.start, heading.end)
        starts.append((span.line, span.column))
    return starts


def part_heading(outline: Outline, starts: list[tuple[int, int]], at: tuple[int, int]):
    """The top-level heading whose part holds (line, column); None before the first."""
    index = bisect.bisect_right(starts, at) - 1
    return outline.top_level[index] if index >= 0 else None


@dataclass(frozen=True)
class Outcome:
    """What the directives did to one file's findings."""

    kept: tuple[Finding, ...]
    suppressed: int
    # Each directive that hid nothing, with the rules of it that hid nothing.
    unused: tuple[tuple[Suppression, tuple[str, ...], Heading | None], ...]


def apply(
    doc: Document,
    outline: Outline,
    findings: Sequence[Finding],
    ran: Collection[str],
    known: Collection[str],
) -> Outcome:
    """`findings` without those a directive covers, and the directives that hid nothing.

    A rule named but not run on this file (ignored, selected away, or not in
    its regime's pack) is not called unused: the directive may be right for
    another run. A name that is no rule at all (a typo, or `all`, which is not
    supported) is.
    """
    found = directives(doc)
    if not found:
        return Outcome(tuple(findings), 0, ())
    starts = part_starts(doc, outline)
    scopes = [part_heading(outline, starts, (s.line, 1)) for s in found]
    used: set[tuple[int, str]] = set()
    kept = []
    for f in findings:
        where = None if f.whole_report else part_heading(outline, starts, (f.line, f.column))
        covering = [
            i
            for i, s in enumerate(found)
            if f.rule in s.rules and f.rule not in _NEVER and scopes[i] in (None, where)
        ]
        used.update((i, f.rule) for i in covering)
        if not covering:
            kept.append(f)
    unused = []
    for i, s in enumerate(found):
        idle = tuple(r for r in s.rules if (i, r) not in used and (r in ran or r not in known))
        if idle or not s.rules:
            unused.append((s, idle, scopes[i]))
    return Outcome(tuple(kept), len(findings) - len(kept), tuple(unused))
