"""Limits on one report: the bytes read of it and the seconds spent on it.

The size limit is applied where the bytes are read (linter/loaders). The time
limit interrupts the Python code that loads and checks one file with SIGALRM:
what is interrupted is that file only, which becomes an input error "took too
long", and the run goes on. A signal is handled only on the main thread, so
elsewhere (threads of a distributed worker) the limit is not applied; C code
(a PDF library's decoder) is interrupted when it returns to Python, which the
container limits (linter/loaders) keep short.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

MAX_FILE_MB = 200  # default of --max-file-size / max-file-size
TIME_LIMIT = 300  # seconds, default of --time-limit / time-limit: OCR of a long scan fits


class _Expired(BaseException):
    """Raised by the alarm: a BaseException, so no `except Exception` in a loader
    or around a rule can swallow it and run on without a limit."""


def _expire(signum: int, frame: object) -> None:
    raise _Expired


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Run the block for at most `seconds`, then raise InputError("took-too-long")."""
    usable = (
        seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return
    previous = signal.signal(signal.SIGALRM, _expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _Expired:
        from linter.loaders.reasons import InputError  # here: the loaders import this module

        raise InputError("took-too-long", seconds=seconds) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
