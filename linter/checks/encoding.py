"""Text that did not decode: bytes a loader replaced with U+FFFD.

A stray byte or a file cut mid-character is read with the bad bytes replaced
(linter/loaders/text.py) rather than refused; this check says so, at the first
replaced character, with the loader's count of bad bytes (or, for text that
arrived with U+FFFD already in it, the count of those characters).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from linter.records import Evidence, Hit

if TYPE_CHECKING:
    from linter.checks.context import Context
    from linter.document import Document

REPLACEMENT = "\ufffd"


def replaced_bytes(doc: Document, params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
    first = doc.norm.find(REPLACEMENT)
    if first < 0:
        return
    count = doc.meta.get("replaced_bytes") or doc.norm.count(REPLACEMENT)
    yield Hit(first, first + 1, Evidence({"bytes": count}))
