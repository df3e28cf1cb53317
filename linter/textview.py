"""The part of a document that reading its structure needs: the normalised text.

`linter.document.Document` is one. The modules that read headings and figures
(`sections`, `numbers`) name this protocol rather than `Document`, because the
normaliser itself reads headings and figures (`linter.flattened`) and so must
not depend on what depends on it. This module imports nothing.
"""

from __future__ import annotations

from typing import Protocol


class TextView(Protocol):
    """The normalised text of a document, its lines, and which lines are table rows."""

    @property
    def norm(self) -> str: ...

    @property
    def norm_lines(self) -> list[str]: ...

    @property
    def norm_line_starts(self) -> list[int]: ...

    @property
    def table_lines(self) -> frozenset[int]: ...

    @property
    def virtual_lines(self) -> dict[int, bool]: ...

    def norm_line_of(self, norm_index: int) -> int: ...
