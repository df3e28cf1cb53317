"""GitHub Actions workflow commands: one annotation per finding, then the summary.

`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`, escaped
as the Actions toolkit escapes them (`%`, CR and LF everywhere; `:` and `,`
in properties too). GitHub shows only ten annotations of each level per step,
so the text summary follows (it lands in the job log, where nothing is cut).
Chosen by the CLI when GITHUB_ACTIONS=true and no --format is given.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from linter.formatters import FormatOptions
from linter.formatters.ci import full_message, in_source, native_place
from linter.formatters.text import Tally, summary_lines
from linter.formatters.visible import visible
from linter.messages import finding_message

if TYPE_CHECKING:
    from linter.records import Catalogue, FileResult, Finding

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """The toolkit's escapeData: the message of a command."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """The toolkit's escapeProperty: a `key=value` of a command."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(r: FileResult, f: Finding, message: str, title: str) -> str:
    # Control characters from a report or a file name are written out (`\x1b`) before
    # the toolkit's escaping: the log would pass them to whoever reads it raw.
    props = {"file": visible(r.path)}
    if in_source(r) and not f.whole_report:
        props |= {"line": str(f.line), "col": str(f.column)}
        if f.end_line != f.line or f.end_column > f.column:
            props |= {"endLine": str(f.end_line), "endColumn": str(f.end_column)}
    props["title"] = title
    head = ",".join(f"{key}={escape_property(value)}" for key, value in props.items())
    return f"::{COMMANDS[f.severity]} {head}::{escape_data(full_message(visible(message), f))}"


def stream(
    results: Iterable[FileResult],
    catalogue_of: Callable[[FileResult], Catalogue],
    options: FormatOptions,
    finish: Callable[[], FormatOptions],
) -> Iterator[str]:
    """Each file's annotations as it comes, then the summary written with `finish()`'s options."""
    tally = Tally()
    for r in results:
        catalogue = catalogue_of(r)
        yield "".join(_annotation(r, f, catalogue, options) + "\n" for f in r.findings)
        tally.add(r)
    yield "\n".join(summary_lines(tally, finish())) + "\n"


def _annotation(r: FileResult, f: Finding, catalogue: Catalogue, options: FormatOptions) -> str:
    rule = catalogue.rule(f.rule, r.regime)
    message = native_place(r, f, options.lang) + finding_message(
        f, catalogue, r.regime, options.lang
    )
    return annotation(r, f, message, f"{f.rule}: {rule.title[options.lang]}")


def render(results: Sequence[FileResult], catalogue: Catalogue, options: FormatOptions) -> str:
    return "".join(stream(results, lambda _: catalogue, options, lambda: options))
