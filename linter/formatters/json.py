"""The JSON contract: every later format is built from the same records.

{"ogilint": "<version>",
 "files": [{"path", "regime", "year", "encoding", ("ocr": true for a scan),
            ("suppressed": n when directives in the report hid findings), "findings": [
     {"rule", "severity", "message", "line", "column", "end_line", "end_column",
      "section", "excerpt", "details", (+ "page" / "paragraph" / "table" / "row" / "cell")}]}],
 "summary": {"files", "errors", "warnings", "infos", "suppressed"},
 (with --baseline) "baseline": {"suppressed", "fixed": [{"path", "rule", "fingerprint", "line"}]}}

`message` is in --lang; `details` is the finding's evidence (linter/records.py).

The document is written one file at a time (`stream`): the text is exactly what
`json.dumps(document, ensure_ascii=False, indent=2, default=str)` gives for the
whole document (tests/test_formats_stream.py holds it to that), but no run holds
more than one file's record. Each record is encoded by orjson when it is there
(json.dumps with an indent runs in pure Python: ~0.4 ms a report); the few
values orjson writes differently (floats in exponent form, integers past 64
bits, keys that are not strings, text that is not valid UTF-8) are given to it
already written by `json`, or the record falls back to `json` whole.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from linter import __version__
from linter.formatters import FormatOptions
from linter.formatters.visible import json_safe
from linter.messages import finding_message

if TYPE_CHECKING:
    from linter.records import Catalogue, FileResult, Finding

try:
    import orjson
except ImportError:  # a plain-Python install still writes the same bytes, slower
    orjson = None  # type: ignore[assignment]

_INDENT = "\n    "  # a file record sits two levels deep in the document


def finding_record(f: Finding, message: str) -> dict[str, Any]:
    record = {
        "rule": f.rule,
        "severity": f.severity.value,
        "message": message,
        "line": f.line,
        "column": f.column,
        "end_line": f.end_line,
        "end_column": f.end_column,
        "section": f.section,
        "excerpt": f.excerpt,
        "details": f.details,
    }
    record.update(f.location.native())
    if f.repeated_from is not None:
        record["repeated_from"] = f.repeated_from  # the same fault in that year's report
    return record


def file_record(r: FileResult, catalogue: Catalogue, lang: str) -> dict[str, Any]:
    return {
        "path": r.path,
        "regime": r.regime,
        "year": r.year,
        "encoding": r.encoding,
        "findings": [
            finding_record(f, finding_message(f, catalogue, r.regime, lang)) for f in r.findings
        ],
        # A scan's text came from OCR (linter/loaders/ocr.py): every finding may rest on it.
        **({"ocr": True} if r.meta.get("ocr") else {}),
        # Findings hidden by `ogilint: disable=` directives in the report itself.
        **({"suppressed": r.suppressed} if r.suppressed else {}),
    }


def stream(
    results: Iterable[FileResult],
    catalogue_of: Callable[[FileResult], Catalogue],
    options: FormatOptions,
    finish: Callable[[], FormatOptions],
) -> Iterator[str]:
    """The document in pieces: its head, each file's record as it comes, then the summary.

    `catalogue_of(result)` words a result's findings; `finish()`, called after the
    last result, gives the options the summary is written with (--baseline's outcome).
    """
    from linter.formatters.text import Tally

    yield '{\n  "ogilint": ' + json.dumps(__version__, ensure_ascii=False) + ',\n  "files": ['
    tally = Tally()
    for result in results:
        record = file_record(result, catalogue_of(result), options.lang)
        yield ("," if tally.files else "") + _INDENT + encode(record).replace("\n", _INDENT)
        tally.add(result)
    yield ("\n  ]" if tally.files else "]") + "," + _rest(tally.counts(), finish())[1:] + "\n"


def _rest(counts: dict[str, int], options: FormatOptions) -> str:
    """The document's members after "files", as json.dumps writes them (with its braces)."""
    rest: dict[str, Any] = {"summary": counts}
    if options.baseline is not None:
        rest["baseline"] = {
            "suppressed": options.baseline.suppressed,
            "fixed": [
                {"path": e.path, "rule": e.rule, "fingerprint": e.fingerprint, "line": e.line}
                for e in options.baseline.fixed
            ],
        }
    return json_safe(json.dumps(rest, ensure_ascii=False, indent=2, default=str))


def render(results: Sequence[FileResult], catalogue: Catalogue, options: FormatOptions) -> str:
    return "".join(stream(results, lambda _: catalogue, options, lambda: options))


def encode(value: Any) -> str:
    """`value` as `json.dumps(value, ensure_ascii=False, indent=2, default=str)` writes it."""
    if orjson is not None:
        try:
            text = orjson.dumps(_as_json_writes(value), option=orjson.OPT_INDENT_2).decode()
        except (TypeError, ValueError, RecursionError):  # a lone surrogate, a key…
            pass
        else:
            return json_safe(text)
    return json_safe(json.dumps(value, ensure_ascii=False, indent=2, default=str))


class _OnlyJson(ValueError):
    """A value orjson cannot be made to write as json does (a key that is not a string)."""


# What orjson writes exactly as json does. An int past 64 bits it refuses (the
# record then goes to json whole); every other value is written by json first.
_NATIVE = frozenset({str, int, bool, type(None)})


def _as_json_writes(value: Any) -> Any:
    """`value` with what orjson would write differently already written as json writes it.

    orjson writes 1e-05 as 0.00001 and writes an enum or a dataclass its own
    way: such values go in as `orjson.Fragment` (written as they are) holding
    json's text, or as the `str()` json's `default=str` would have turned them
    into. Most values are native: tested inline, not by a call each.
    """
    if isinstance(value, dict):
        if not all(type(k) is str for k in value):
            raise _OnlyJson("a key that is not a string")
        return {k: v if type(v) in _NATIVE else _as_json_writes(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [v if type(v) in _NATIVE else _as_json_writes(v) for v in value]
    if type(value) in _NATIVE:
        return value
    if isinstance(value, str):  # a str subclass (an enum of strings): its text
        return str.__str__(value)
    if isinstance(value, int | float):  # floats, int subclasses: json's own text
        return orjson.Fragment(json.dumps(value))
    return str(value)  # anything else: json.dumps(default=str) writes str(value)
