"""What the terminal gets: colour, the width excerpts are cut to, and a progress bar.

Decisions (docs/design.md, "Terminal output"):
- Colour: `--color` / `--no-color` win; else NO_COLOR (set and non-empty, as
  no-color.org says) turns it off, FORCE_COLOR (set and non-empty) turns it
  on, TERM=dumb turns it off, and otherwise it follows whether stdout is a
  terminal. A file written with --output is coloured only on `--color`.
- Width: excerpts are cut to the terminal's width only when stdout is a
  terminal (COLUMNS, then the terminal's size, as rich reads them). Piped or
  written to a file they are not cut: the engine's excerpt is already a
  window of 40 characters before the span and 80 after, and a log or a grep
  wants the whole of it.
- Progress: a bar on stderr when more than `PROGRESS_FROM` files are checked,
  stderr is a terminal and TERM is not dumb. It redraws only when a file is
  done (no refresh thread: the process pool forks safely), at most every
  `_REFRESH` seconds. When stdout is the terminal too, a file's findings are
  written over the erased bar, which is drawn again below them.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, TextIO, TypeVar

if TYPE_CHECKING:
    from rich.progress import Progress

PROGRESS_FROM = 21  # files: "more than 20"
_REFRESH = 0.1  # seconds between redraws of the bar

T = TypeVar("T")


def colour_wanted(
    flag: bool | None, environ: Mapping[str, str], is_terminal: bool, to_file: bool = False
) -> bool:
    """Whether the text output is coloured (`flag`: --color True, --no-color False, else None)."""
    if flag is not None:
        return flag
    if to_file or environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR"):
        return True
    return is_terminal and environ.get("TERM") != "dumb"


def output_width(stream: TextIO) -> int | None:
    """Display cells to cut excerpts to: the terminal's width, or None when not a terminal."""
    if not stream.isatty():
        return None
    from rich.console import Console

    return Console(file=stream).width


class Output:
    """Writes the report to stdout, with a progress bar on stderr when one is wanted."""

    def __init__(
        self, stdout: TextIO, stderr: TextIO, total: int, environ: Mapping[str, str]
    ) -> None:
        self.stdout = stdout
        self._progress: Progress | None = None
        self._drawn = 0.0
        if total >= PROGRESS_FROM and stderr.isatty() and environ.get("TERM") != "dumb":
            self._progress = _bar(stderr, total)

    def files(self, items: Iterable[T]) -> Iterator[T]:
        """`items`, the bar advancing as each is consumed (and gone once they are)."""
        if self._progress is None:
            yield from items
            return
        self._progress.start()
        try:
            for item in items:
                yield item
                self._progress.advance(self._task)
                self._redraw()
        finally:
            self._progress.stop()
            self._progress = None

    def write(self, text: str) -> None:
        """Print `text` now; on a terminal with the bar showing, above it."""
        if not text:
            return
        bar = self._progress if self._progress is not None and self.stdout.isatty() else None
        if bar is not None:
            # Erase the bar's line (stopping and starting rich's Live costs ~3 ms a file).
            bar.console.control(_erase_line())
        self.stdout.write(text)
        self.stdout.flush()
        if bar is not None:
            self._redraw(force=True)  # on the fresh line below the text

    def _redraw(self, force: bool = False) -> None:
        now = time.monotonic()
        if self._progress is not None and (force or now - self._drawn >= _REFRESH):
            self._drawn = now
            self._progress.refresh()

    @property
    def _task(self):
        return self._progress.task_ids[0]


def _erase_line():
    from rich.control import Control, ControlType

    return Control(ControlType.CARRIAGE_RETURN, (ControlType.ERASE_IN_LINE, 2))


def _bar(stderr: TextIO, total: int) -> Progress:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    progress = Progress(
        "ogilint",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(file=stderr),
        transient=True,
        auto_refresh=False,
        redirect_stdout=False,
        redirect_stderr=False,
    )
    progress.add_task("check", total=total)
    return progress
