"""The work `ogilint serve` does for one uploaded report, in a worker process.

It checks the report as `ogilint check` would (`runner.check_file`, the per-file
function of every executor), renders its annotated page (`--format html`) and,
for a Word file, the copy with a Word comment per finding (`ogilint annotate`).
All of it runs in the worker so the server's event loop only moves bytes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from linter.engine import Settings
from linter.records import FileResult


@dataclass(frozen=True)
class Checked:
    """One report's outcome: its result (without its text), its page, its commented copy."""

    result: FileResult
    page: str  # the annotated report, as `--format html` writes it
    word: bytes | None  # the .docx with comments; None for any other input


def check_upload(path: str, name: str, settings: Settings, lang: str) -> Checked:
    """Check the report saved at `path` (shown as `name`) and render what the page shows."""
    from linter.engine import catalogue
    from linter.formatters.html import html_page
    from linter.rulebook import shipped_packs
    from linter.runner import Task, check_file

    packs = shipped_packs()
    settings = replace(settings, keep_source=True)
    result = check_file(Task(path, name, settings))
    cat = catalogue([result], packs, settings)
    page = html_page([result], cat, lang)
    word = _annotated_word(path, name, result, cat, lang) if not result.input_error else None
    return Checked(replace(result, source=None), page, word)


def _annotated_word(path: str, name: str, result: FileResult, cat, lang: str) -> bytes | None:
    from linter import annotate_docx
    from linter.loaders import InputError, load_bytes, read_bytes, sniff

    data = read_bytes(path)
    if sniff(data, name) != "docx" or not annotate_docx.writes_comments():
        return None
    try:
        doc = load_bytes(data, name)
    except InputError:
        return None
    return annotate_docx.annotate(data, doc, result, cat, lang)[0]
