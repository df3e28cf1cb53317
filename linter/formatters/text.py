"""The annotated report a drafter acts on.

For each file: whole-report findings first, then each finding with its
place, the section it sits in, the source line with the span underlined, and
for a sum the arithmetic. A summary closes the output. --quiet keeps one line
per finding and nothing else (for hooks and logs).

The CLI streams this format: `render_file` as each file is done, then
`render_summary` from a `Tally` (so a run over many files holds no results).
Styles and display widths come from rich; colour and the width to cut
excerpts to are the CLI's decision (`FormatOptions.color` / `.width`, see
linter/terminal.py). Everything quoted from a report or a file name is passed
through `visible`, colour or not: a report cannot write to the terminal.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rich.cells import cell_len, get_character_cell_size

from linter.formatters import FormatOptions
from linter.formatters.visible import visible
from linter.messages import finding_message
from linter.output_words import output_text, severity_word

if TYPE_CHECKING:
    from linter.records import Catalogue, FileResult, Finding

_STYLES = {
    "error": "bold red",
    "warning": "bold yellow",
    "info": "cyan",
    "dim": "dim",
    "mark": "bold magenta",
}
_ELLIPSIS = "…"  # one cell wide (rich counts East Asian ambiguous width as narrow)
_MIN_EXCERPT = 20  # cells: below this a cut excerpt says nothing; the line wraps instead

LABELS = {
    "zh": {
        "section": "所在部分",
        "report": "全文",
        "summary": "共检查 {files} 个文件:{errors} 个错误,{warnings} 个警告,{infos} 个提示",
        "clean": "未发现问题",
        "baseline": "基线:{suppressed} 个已知问题未显示,{fixed} 个已修复",
        "fixed": "    已修复 {path} [{rule}](记录时在第{line}行)",
        "page": "第{page}页",
        "paragraph": "第{paragraph}段",
        "table": "表{table}",
        "row": "第{row}行",
        "year": "{year}年",
        "repeated": "(与{year}年报告相同)",
        "ocr": "{path}:扫描件,文字经OCR识别,个别文字或数字可能识别有误",
    },
    "en": {
        "section": "section",
        "report": "whole report",
        "summary": "{files} file(s) checked: {errors} error(s), "
        "{warnings} warning(s), {infos} info",
        "clean": "no problems found",
        "baseline": "baseline: {suppressed} known finding(s) not shown, {fixed} fixed",
        "fixed": "    fixed {path} [{rule}] (line {line} when recorded)",
        "page": "page {page}",
        "paragraph": "paragraph {paragraph}",
        "table": "table {table}",
        "row": "row {row}",
        "year": "{year}",
        "repeated": "(also in the {year} report)",
        "ocr": "{path}: a scan read with OCR; a word or figure may be misrecognised",
    },
}


def _paint(text: str, style: str, options: FormatOptions) -> str:
    if not options.color:
        return text
    # Imported here: rich's styles cost ~6 ms of start-up that uncoloured output never uses.
    from rich.color import ColorSystem
    from rich.style import Style

    return Style.parse(_STYLES[style]).render(text, color_system=ColorSystem.STANDARD)


def display_width(text: str) -> int:
    """Terminal cells of `text`: CJK and full-width characters take two, combining marks none."""
    return cell_len(text)


def _head(text: str, cells: int) -> str:
    """The longest start of `text` that fits in `cells`."""
    used = 0
    for i, char in enumerate(text):
        used += get_character_cell_size(char)
        if used > cells:
            return text[:i]
    return text


def _tail(text: str, cells: int) -> str:
    """The longest end of `text` that fits in `cells`."""
    return _head(text[::-1], cells)[::-1]


def fit_excerpt(before: str, span: str, after: str, cells: int | None) -> tuple[str, int, int]:
    """The excerpt cut to `cells` display cells around its span (None: no cut).

    Gives the text, the cells before the span and the span's cells, so the
    caret line stands under the span whatever was cut. The span's start is
    kept first; then about a third of the room goes to the text before it.
    """
    whole = before + span + after
    if cells is None or cell_len(whole) <= cells:
        return whole, cell_len(before), cell_len(span)
    cells = max(cells, _MIN_EXCERPT)
    lead = _ELLIPSIS if before else ""
    if cell_len(lead + span) + 1 > cells:  # the span alone overflows: keep its start
        shown = _head(span, cells - len(lead) - 1)
        return lead + shown + _ELLIPSIS, len(lead), cell_len(shown)
    spare = cells - cell_len(span)
    lead_room = max(spare // 3, spare - cell_len(after), 1)
    fits = cell_len(before) <= lead_room
    lead = before if fits else _ELLIPSIS + _tail(before, lead_room - 1)
    trail_room = spare - cell_len(lead)
    trail = after if cell_len(after) <= trail_room else _head(after, trail_room - 1) + _ELLIPSIS
    return lead + span + trail, cell_len(lead), cell_len(span)


def _native(f: Finding, labels: dict[str, str]) -> str:
    native = f.location.native()
    parts = [
        labels[k].format(**native) for k in ("page", "paragraph", "table", "row") if k in native
    ]
    return f" ({', '.join(parts)})" if parts else ""


def _excerpt_lines(f: Finding, options: FormatOptions) -> list[str]:
    """The source line (cut to the terminal) and the caret line under the span."""
    gutter = f"    {f.line} | "
    length = f.end_column - f.column if f.end_line == f.line else 1
    start, end = f.excerpt_offset, f.excerpt_offset + length
    # A tab (between table cells) is shown as one space so the caret lines up.
    before, span, after = (
        visible(part.replace("\t", " "))
        for part in (f.excerpt[:start], f.excerpt[start:end], f.excerpt[end:])
    )
    room = None if options.width is None else options.width - cell_len(gutter)
    text, lead, marked = fit_excerpt(before, span, after, room)
    mark = _paint("^" * max(1, marked), "mark", options)
    return [gutter + text, " " * (len(gutter) - 2) + "| " + " " * lead + mark]


def _finding(f: Finding, message: str, options: FormatOptions) -> list[str]:
    labels = LABELS[options.lang]
    path = visible(f.path)
    where = f"{path}:{f.line}:{f.column}" if not f.whole_report else f"{path}:{f.line}"
    head = (
        f"{where}{_native(f, labels)}: "
        f"{_paint(severity_word(f.severity, options.lang), f.severity, options)} "
        f"[{f.rule}] {visible(message)}"
    )
    if f.repeated_from is not None:
        head += " " + labels["repeated"].format(year=f.repeated_from)
    lines = [head]
    if options.quiet:
        return lines
    if f.whole_report:
        lines.append(_paint(f"    ({labels['report']})", "dim", options))
        return lines
    if f.section:
        lines.append(_paint(f"    {labels['section']}: {visible(f.section)}", "dim", options))
    if f.excerpt:
        lines.extend(_excerpt_lines(f, options))
    if f.evidence.arithmetic:
        lines.append(f"    {visible(f.evidence.arithmetic)}")
    return lines


@dataclass
class Tally:
    """What the summary needs from the files seen so far (the files themselves are not kept)."""

    files: int = 0
    severities: Counter[str] = field(default_factory=Counter)
    rules: Counter[str] = field(default_factory=Counter)
    ocr: list[str] = field(default_factory=list)
    suppressed: int = 0  # hidden by `ogilint: disable=` directives in the reports

    def add(self, result: FileResult) -> None:
        self.files += 1
        self.suppressed += result.suppressed
        self.severities.update(str(f.severity) for f in result.findings)
        self.rules.update(f.rule for f in result.findings)
        if result.meta.get("ocr"):
            self.ocr.append(result.path)

    @classmethod
    def of(cls, results: Iterable[FileResult]) -> Tally:
        tally = cls()
        for r in results:
            tally.add(r)
        return tally

    def counts(self) -> dict[str, int]:
        """The counts every format's summary gives (see linter.formatters.summary)."""
        kinds = {"errors": "error", "warnings": "warning", "infos": "info"}
        counts = {"files": self.files} | {k: self.severities[s] for k, s in kinds.items()}
        return counts | {"suppressed": self.suppressed}


def summary_lines(results: Sequence[FileResult] | Tally, options: FormatOptions) -> list[str]:
    tally = results if isinstance(results, Tally) else Tally.of(results)
    lines = [LABELS[options.lang]["summary"].format(**tally.counts())]
    if tally.suppressed:
        lines.append(output_text("suppressed", options.lang, suppressed=tally.suppressed))
    if tally.rules:
        lines.append("  " + " · ".join(f"{rule} {n}" for rule, n in sorted(tally.rules.items())))
    lines.extend(LABELS[options.lang]["ocr"].format(path=visible(path)) for path in tally.ocr)
    return lines + _baseline_lines(options)


def _baseline_lines(options: FormatOptions) -> list[str]:
    """What --baseline hid, and each recorded finding that no longer occurs."""
    outcome = options.baseline
    if outcome is None:
        return []
    labels = LABELS[options.lang]
    head = labels["baseline"].format(suppressed=outcome.suppressed, fixed=len(outcome.fixed))
    fixed = [
        labels["fixed"].format(path=visible(e.path), rule=e.rule, line=e.line)
        for e in outcome.fixed
    ]
    return [head, *fixed]


def render_file(result: FileResult, catalogue: Catalogue, options: FormatOptions) -> str:
    """The findings of one file, ready to print as soon as that file is checked."""
    out: list[str] = []
    for f in result.findings:
        message = finding_message(f, catalogue, result.regime, options.lang)
        out.extend(_finding(f, message, options))
        if not options.quiet:
            out.append("")
    return "".join(line + "\n" for line in out)


def render_summary(tally: Tally, options: FormatOptions) -> str:
    """The closing summary (nothing with --quiet)."""
    if options.quiet:
        return ""
    return "".join(line + "\n" for line in summary_lines(tally, options))


def stream(
    results: Iterable[FileResult],
    catalogue_of: Callable[[FileResult], Catalogue],
    options: FormatOptions,
    finish: Callable[[], FormatOptions],
) -> Iterator[str]:
    """Each file's findings, then the summary written with `finish()`'s options."""
    tally = Tally()
    for result in results:
        yield render_file(result, catalogue_of(result), options)
        tally.add(result)
    yield render_summary(tally, finish())


def render(results: Sequence[FileResult], catalogue: Catalogue, options: FormatOptions) -> str:
    return "".join(stream(results, lambda _: catalogue, options, lambda: options))
