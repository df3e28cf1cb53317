"""A run's results kept on disk until a format that writes after the last file needs them.

A format that is one document (JSON with its summary and year-to-year
findings in place, GitHub's annotations then the summary) can only be
written once every file is checked: holding every result until then made the
parent grow with the run (783 MB at 10,000 files). The CLI appends each
result here as it comes (without its facts, which it keeps: the year-to-year
stage pairs reports by them) and reads them back one at a time to write the
document: it holds one result, and each file's facts (~0.5 KB), not its findings.

Pickle, which the result cache refuses (linter/records_json.py), is safe here:
the file is an unnamed temporary file of this process that nothing else can
open or write, read back in the same run.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterator
from typing import IO

from linter.records import FileResult


class Spool:
    """Results appended in order, read back by index or all in order."""

    def __init__(self) -> None:
        # Closed by close() / the with block: the spool outlives this call.
        self._file: IO[bytes] = tempfile.TemporaryFile(prefix="ogilint-")  # noqa: SIM115
        self._offsets: list[int] = []  # where each result starts; the end is `_end`
        self._end = 0

    def append(self, result: FileResult) -> None:
        data = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        self._file.seek(self._end)
        self._file.write(data)
        self._offsets.append(self._end)
        self._end += len(data)

    def __len__(self) -> int:
        return len(self._offsets)

    def __getitem__(self, index: int) -> FileResult:
        start = self._offsets[index]
        stop = self._offsets[index + 1] if index + 1 < len(self._offsets) else self._end
        self._file.seek(start)
        return pickle.loads(self._file.read(stop - start))

    def __iter__(self) -> Iterator[FileResult]:
        for index in range(len(self._offsets)):
            yield self[index]

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
