"""Fingerprints: a finding's identity that survives edits elsewhere in the report.

A baseline (linter/baseline.py) and SARIF `partialFingerprints` both need to
recognise "the same finding" after the report was edited: a paragraph inserted
above moves every line number, so the line is not part of the identity. What
is: the rule, the top-level section the finding sits in, and the text around
the offending span (normalised, so a re-wrap or a full-width digit does not
count as a change). Two findings that still look alike (the same sum quoted
twice in one part) are told apart by their order in the file.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from linter.records import Finding

VERSION = "v1"  # bump when the recipe changes: old baselines then read as all-fixed
_CONTEXT = 20  # characters kept either side of the span: nearer edits are this finding's


def _normalised(text: str) -> str:
    """NFKC with every blank removed: wrapping and spacing are not the finding."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def _context(f: Finding) -> str:
    """The offending span and a little text either side, from the finding's excerpt."""
    if f.whole_report or not f.excerpt:
        return ""
    length = f.end_column - f.column if f.end_line == f.line else len(f.excerpt)
    start = max(0, f.excerpt_offset - _CONTEXT)
    return f.excerpt[start : f.excerpt_offset + max(length, 1) + _CONTEXT]


def recipe(f: Finding) -> str:
    """What the fingerprint hashes: rule, section and context, never line numbers."""
    return "\x1f".join((f.rule, _normalised(f.section or ""), _normalised(_context(f))))


def fingerprints(findings: Iterable[Finding]) -> list[str]:
    """One fingerprint per finding of ONE file, in order: `<hash>:<occurrence>`.

    The occurrence counts earlier findings of the same file with the same
    recipe, so twins stay distinct and keep their identity when the file is
    edited elsewhere.
    """
    seen: Counter[str] = Counter()
    out = []
    for f in findings:
        digest = hashlib.sha256(recipe(f).encode("utf-8")).hexdigest()[:32]
        seen[digest] += 1
        out.append(f"{digest}:{seen[digest]}")
    return out
