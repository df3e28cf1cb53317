"""The annotated report a drafter acts on.

For each file: whole-report findings first, then each finding with its
place, the section it sits in, the source line with the span underlined, and
for a sum the arithmetic. A summary closes the output. --quiet keeps one line
per finding and nothing else (for hooks and logs). Colour only when the
CLI says the output is a terminal.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from linter.formatters import FormatOptions, summary
from linter.messages import finding_message
from linter.output_words import output_text, severity_word

if TYPE_CHECKING:
    from linter.records import Catalogue, FileResult, Finding

_COLOURS = {"error": "31;1", "warning": "33;1", "info": "36", "dim": "2", "mark": "35;1"}

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
        "ocr": "{path}: a scan read with OCR; a word or figure may be misrecognised",
    },
}


def _paint(text: str, style: str, options: FormatOptions) -> str:
    return f"\033[{_COLOURS[style]}m{text}\033[0m" if options.color else text


def display_width(text: str) -> int:
    """Terminal columns of `text`: CJK and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _native(f: Finding, labels: dict[str, str]) -> str:
    native = f.location.native()
    parts = [
        labels[k].format(**native) for k in ("page", "paragraph", "table", "row") if k in native
    ]
    return f" ({', '.join(parts)})" if parts else ""


def _finding(f: Finding, message: str, options: FormatOptions) -> list[str]:
    labels = LABELS[options.lang]
    where = f"{f.path}:{f.line}:{f.column}" if not f.whole_report else f"{f.path}:{f.line}"
    head = (
        f"{where}{_native(f, labels)}: "
        f"{_paint(severity_word(f.severity, options.lang), f.severity, options)} "
        f"[{f.rule}] {message}"
    )
    lines = [head]
    if options.quiet:
        return lines
    if f.whole_report:
        lines.append(_paint(f"    ({labels['report']})", "dim", options))
        return lines
    if f.section:
        lines.append(_paint(f"    {labels['section']}: {f.section}", "dim", options))
    if f.excerpt:
        gutter = f"    {f.line} | "
        # A tab (between table cells) is shown as one space so the caret lines up.
        excerpt = f.excerpt.replace("\t", " ")
        lines.append(gutter + excerpt)
        lead = display_width(excerpt[: f.excerpt_offset])
        length = f.end_column - f.column if f.end_line == f.line else 1
        mark = "^" * max(1, display_width(excerpt[f.excerpt_offset : f.excerpt_offset + length]))
        lines.append(" " * (len(gutter) - 2) + "| " + " " * lead + _paint(mark, "mark", options))
    if f.evidence.arithmetic:
        lines.append(f"    {f.evidence.arithmetic}")
    return lines


def summary_lines(results: Sequence[FileResult], options: FormatOptions) -> list[str]:
    counts = summary(results)
    lines = [LABELS[options.lang]["summary"].format(**counts)]
    if counts["suppressed"]:
        lines.append(output_text("suppressed", options.lang, **counts))
    per_rule = Counter(f.rule for r in results for f in r.findings)
    if per_rule:
        lines.append("  " + " · ".join(f"{rule} {n}" for rule, n in sorted(per_rule.items())))
    lines.extend(
        LABELS[options.lang]["ocr"].format(path=r.path) for r in results if r.meta.get("ocr")
    )
    return lines + _baseline_lines(options)


def _baseline_lines(options: FormatOptions) -> list[str]:
    """What --baseline hid, and each recorded finding that no longer occurs."""
    outcome = options.baseline
    if outcome is None:
        return []
    labels = LABELS[options.lang]
    head = labels["baseline"].format(suppressed=outcome.suppressed, fixed=len(outcome.fixed))
    fixed = [labels["fixed"].format(path=e.path, rule=e.rule, line=e.line) for e in outcome.fixed]
    return [head, *fixed]


def render(results: Sequence[FileResult], catalogue: Catalogue, options: FormatOptions) -> str:
    out: list[str] = []
    for r in results:
        for f in r.findings:
            message = finding_message(f, catalogue, r.regime, options.lang)
            out.extend(_finding(f, message, options))
            if not options.quiet:
                out.append("")
    if not options.quiet:
        out.extend(summary_lines(results, options))
    return "\n".join(out) + ("\n" if out else "")
