"""The annotated report as one self-contained web page (`--format html`).

For each checked file: the whole extracted text, each finding highlighted on
its exact span with a note beside the paragraph (severity, rule id, message,
arithmetic, article), the loader's tables drawn as tables with the wrong cell
marked, a summary by rule that links to the findings, and a severity filter.
Several files make one page with a section per file and an index.

The page is hostile-input safe and offline: every text from a report (its
words, its path, the facts in a message) is escaped, and a Content-Security-
Policy allows only the page's own inline style and the one script whose hash
it names: no network, and nothing injected can run.

Other callers (`ogilint annotate` on non-Word input, `ogilint serve`) call
`html_page(result_or_results, catalogue, lang)`. The results need their
`source` (`FileResult.source`): check with `keep_source=True`, and the engine
attaches `linter.source_view.source_view(doc)`::

    settings = dataclasses.replace(settings, keep_source=True)
    result = check_document(doc, packs, settings)
    page = html_page(result, catalogue([result], packs, settings), lang="zh")

or attach it to a result you have: `dataclasses.replace(result,
source=source_view(doc))`. A result without a source (an unreadable file) is
shown as its findings with their excerpts.
"""

from __future__ import annotations

import base64
import hashlib
import html
from bisect import bisect_right
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from linter.formatters import FormatOptions, summary
from linter.messages import finding_message
from linter.records import FileResult
from linter.rulebook import rules_dir

if TYPE_CHECKING:
    from linter.baseline import Outcome
    from linter.records import (
        Catalogue,
        Finding,
        SourceCell,
        SourceTable,
        SourceView,
    )

NEEDS_SOURCE = True  # the engine attaches each file's text and tables (FileResult.source)

SEVERITIES = ("error", "warning", "info")
LABELS = "messages/html-report.yaml"
_ASSETS = Path(__file__).with_name("html_assets")


@lru_cache(maxsize=2)
def labels(lang: str) -> dict[str, str]:
    """The page's words in `lang` (rules/messages/html-report.yaml)."""
    words = yaml.safe_load((rules_dir() / LABELS).read_text(encoding="utf-8"))
    return {key: texts.get(lang) or texts["zh"] for key, texts in words.items()}


@lru_cache(maxsize=1)
def _assets() -> tuple[str, str]:
    css = (_ASSETS / "report.css").read_text(encoding="utf-8")
    script = (_ASSETS / "report.js").read_text(encoding="utf-8")
    return css, script


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


@dataclass(frozen=True)
class _Mark:
    """A located finding on the page: its anchor id, number and span in the source text."""

    id: str
    number: int
    severity: str
    start: int
    end: int
    cell: tuple[int, int, int] | None = None  # the grid cell it names: (table, row, cell)


@dataclass(frozen=True)
class _Page:
    """What every part of one file's section needs: its words and its findings, worded."""

    number: int  # of the file on the page, from 1
    words: dict[str, str]
    result: FileResult
    ids: dict[int, str]  # finding index -> anchor id
    notes: dict[int, str]  # finding index -> the note's HTML


def render(results: Sequence[FileResult], catalogue: Catalogue, options: FormatOptions) -> str:
    return html_page(results, catalogue, options.lang, options.baseline)


def html_page(
    results: FileResult | Sequence[FileResult],
    catalogue: Catalogue,
    lang: str = "zh",
    baseline: Outcome | None = None,
) -> str:
    """One self-contained HTML page annotating one result or several (see the module docstring).

    `catalogue` is the rules that ran (`linter.engine.catalogue(results, packs,
    settings)`); `lang` "zh" or "en"; `baseline`: what --baseline hid, said under
    the totals.
    """
    if isinstance(results, FileResult):
        results = [results]
    words = labels(lang)
    css, script = _assets()
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    policy = (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        f"script-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"
    )
    sections = [_section(i, r, catalogue, words, lang) for i, r in enumerate(results, 1)]
    index = _index(results, words) if len(results) > 1 else ""
    title = (
        words["title"] if len(results) != 1 else words["heading-one"].format(path=results[0].path)
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}">\n<head>\n'
        '<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>\n{css}</style>\n</head>\n<body>\n"
        f"{_header(results, words, title, baseline)}<main>\n{index}{''.join(sections)}</main>\n"
        f"<script>{script}</script>\n</body>\n</html>\n"
    )


def _header(
    results: Sequence[FileResult], words: dict[str, str], title: str, baseline: Outcome | None
) -> str:
    counts = summary(results)
    per = {"error": counts["errors"], "warning": counts["warnings"], "info": counts["infos"]}
    total = sum(per.values())
    boxes = "".join(
        f'<label class="sev-{s}"><input type="checkbox" value="{s}" checked> '
        f'{_e(words[s])} <span class="n">{per[s]}</span></label>'
        for s in SEVERITIES
    )
    shown = words["shown"]
    return (
        f'<header class="top"><h1>{_e(title)}</h1>'
        f'<p class="totals">{_e(words["totals"].format(**counts))}</p>{_baseline(baseline, words)}'
        "</header>\n"
        f'<div class="filter" role="group" aria-label="{_e(words["filter"])}">'
        f'<span class="what">{_e(words["filter"])}</span>{boxes}'
        f'<span class="shown" data-template="{_e(shown)}">'
        f"{_e(shown.format(shown=total, total=total))}</span></div>\n"
    )


def _baseline(outcome: Outcome | None, words: dict[str, str]) -> str:
    if outcome is None:
        return ""
    said = words["baseline"].format(suppressed=outcome.suppressed, fixed=len(outcome.fixed))
    return f'<p class="totals baseline">{_e(said)}</p>'


def _index(results: Sequence[FileResult], words: dict[str, str]) -> str:
    items = []
    for i, r in enumerate(results, 1):
        per = Counter(f.severity.value for f in r.findings)
        counts = " ".join(
            f'<span class="count sev-{s}">{_e(words[s])} {per[s]}</span>' for s in SEVERITIES
        )
        items.append(f'<li><a href="#file-{i}">{_e(r.path)}</a> {counts}</li>')
    return f'<nav class="index"><h2>{_e(words["files"])}</h2><ol>{"".join(items)}</ol></nav>\n'


def _section(
    number: int, result: FileResult, catalogue: Catalogue, words: dict[str, str], lang: str
) -> str:
    ids = {k: f"f{number}-{k + 1}" for k in range(len(result.findings))}
    notes = {
        k: _note(f, ids[k], k + 1, catalogue, result.regime, words, lang)
        for k, f in enumerate(result.findings)
    }
    page = _Page(number, words, result, ids, notes)
    whole = [notes[k] for k, f in enumerate(result.findings) if f.whole_report]
    whole_html = (
        f'<div class="whole"><h3>{_e(words["whole-report"])}</h3>{"".join(whole)}</div>'
        if whole
        else ""
    )
    body = _body(page, result.source) if result.source else _excerpts(page)
    return (
        f'<section class="file" id="file-{number}">\n<h2 class="path">{_e(result.path)}</h2>\n'
        f"{_meta(result, words)}{_rule_summary(page, catalogue, lang)}{whole_html}\n"
        f'<div class="report" aria-label="{_e(words["text"])}">\n{body}</div>\n</section>\n'
    )


def _meta(result: FileResult, words: dict[str, str]) -> str:
    parts = []
    if result.year is not None:
        parts.append(words["year"].format(year=result.year))
    if result.regime:
        parts.append(words["regime"].format(regime=result.regime))
    if result.encoding:
        parts.append(words["encoding"].format(encoding=result.encoding))
    if result.meta.get("ocr"):
        parts.append(words["ocr"])
    return f'<p class="meta">{_e(" · ".join(parts))}</p>\n' if parts else ""


def _rule_summary(page: _Page, catalogue: Catalogue, lang: str) -> str:
    words, findings = page.words, page.result.findings
    if not findings:
        return f'<p class="clean">{_e(words["no-findings"])}</p>\n'
    by_rule: dict[str, list[int]] = {}
    for k, f in enumerate(findings):
        by_rule.setdefault(f.rule, []).append(k)
    rows = []
    for rule, indexes in sorted(by_rule.items(), key=lambda kv: _rule_order(findings, kv)):
        first = findings[indexes[0]]
        title = (
            _text(catalogue.rule(rule, page.result.regime).title, lang)
            if _known(catalogue, rule)
            else ""
        )
        severities = " ".join(dict.fromkeys(findings[k].severity.value for k in indexes))
        links = " ".join(f'<a href="#{page.ids[k]}">{k + 1}</a>' for k in indexes)
        rows.append(
            f'<tr data-sev="{severities}"><td><code>{_e(rule)}</code></td>'
            f'<td class="sev sev-{first.severity.value}">{_e(words[first.severity.value])}</td>'
            f'<td>{_e(title)}</td><td class="num">{len(indexes)}</td>'
            f'<td class="links">{links}</td></tr>'
        )
    head = "".join(
        f"<th>{_e(words[k])}</th>" for k in ("rule", "severity", "what", "count", "where")
    )
    return (
        f'<details class="rules" open><summary>{_e(words["by-rule"])}</summary>'
        f'<div class="table-wrap"><table class="summary"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div></details>\n"
    )


def _rule_order(findings: Sequence[Finding], item: tuple[str, list[int]]) -> tuple[int, str]:
    """Worst severity first, then by rule id."""
    rule, indexes = item
    return (-max(findings[k].severity.rank for k in indexes), rule)


def _known(catalogue: Catalogue, rule: str) -> bool:
    return rule in catalogue.ids()


def _text(texts: Mapping[str, str] | None, lang: str) -> str:
    if not texts:
        return ""
    return str(texts.get(lang) or texts.get("zh") or "")


def _note(
    f: Finding,
    anchor: str,
    number: int,
    catalogue: Catalogue,
    regime: str | None,
    words: dict[str, str],
    lang: str,
) -> str:
    """The margin note of one finding; a whole-report note carries the finding's anchor."""
    severity = f.severity.value
    known = _known(catalogue, f.rule)
    message = finding_message(f, catalogue, regime, lang) if known else f.rule
    article = _text(catalogue.rule(f.rule, regime).article, lang) if known else ""
    where = "" if f.whole_report else f' <span class="where">{_e(_where(f, words))}</span>'
    # A located note's number jumps to its highlight; a whole-report note is the target.
    num = f'<span class="num">{number}</span>'
    if not f.whole_report:
        num = f'<a class="num" href="#{anchor}">{number}</a>'
    ident = f'id="{anchor}"' if f.whole_report else f'id="n-{anchor}"'
    arithmetic = f.evidence.arithmetic or ""
    # Shown under the message unless the message already spells it out (total-mismatch).
    arithmetic = f'<p class="arith">{_e(arithmetic)}</p>' if arithmetic not in message else ""
    article_html = (
        f'<p class="article"><span class="k">{_e(words["article"])}</span> {_e(article)}</p>'
        if article
        else ""
    )
    return (
        f'<div class="note sev-{severity}" {ident} data-sev="{severity}" data-rule="{_e(f.rule)}">'
        f'<p class="head">{num} '
        f'<span class="sev">{_e(words[severity])}</span> <code class="rule">{_e(f.rule)}</code>'
        f"{where}</p>"
        f'<p class="msg">{_e(message)}</p>{arithmetic}{article_html}</div>'
    )


def _where(f: Finding, words: dict[str, str]) -> str:
    native = f.location.native()
    parts = [words["line"].format(line=f.line)]
    if "page" in native:
        parts.append(words["page"].format(page=native["page"]))
    if "table" in native:
        parts.append(words["table"].format(table=native["table"]))
        if "row" in native and "cell" in native:
            parts.append(words["cell"].format(row=native["row"], cell=native["cell"]))
    return " · ".join(parts)


# -- the report text -------------------------------------------------------------------


def _marks(page: _Page, source: SourceView) -> list[_Mark]:
    marks = []
    for k, f in enumerate(page.result.findings):
        if f.whole_report or f.line > len(source.line_starts):
            continue
        start = source.offset(f.line, f.column)
        end = max(start + 1, source.offset(min(f.end_line, len(source.line_starts)), f.end_column))
        native = f.location
        cell = None
        if native.table is not None and native.row is not None and native.cell is not None:
            cell = (native.table, native.row, native.cell)
        marks.append(_Mark(page.ids[k], k + 1, f.severity.value, start, end, cell))
    return marks


def _body(page: _Page, source: SourceView) -> str:
    """The report's lines as paragraphs and tables, each block with the notes of its findings."""
    marks = _marks(page, source)
    lines = source.text.split("\n")
    line_of = {m.id: bisect_right(source.line_starts, m.start) - 1 for m in marks}
    notes_at: dict[int, list[str]] = {}
    for k, f in enumerate(page.result.findings):
        if not f.whole_report:
            # A place outside the text (there should be none) still shows its note, at the end.
            line = line_of.get(page.ids[k], len(lines) - 1)
            notes_at.setdefault(line, []).append(page.notes[k])
    tables = {t.first_line: t for t in source.tables}
    out: list[str] = []
    pending: list[str] = []  # notes of findings on lines not shown (blank ones)
    i = 0
    while i < len(lines):
        table = tables.get(i)
        last = table.last_line if table else i
        pending.extend(n for line in range(i, last + 1) for n in notes_at.get(line, ()))
        if table is not None:
            content = _table(table, source, marks)
        elif lines[i].strip():
            lo = source.line_starts[i]
            text = _marked(source.text, lo, lo + len(lines[i]), marks)
            content = f'<p class="text" data-line="{i + 1}">{text}</p>'
        else:
            i += 1
            continue
        out.append(_block(page, content, pending, i + 1))
        pending = []
        i = last + 1
    if pending:
        out.append(_block(page, "", pending, len(lines)))
    return "".join(out)


def _block(page: _Page, content: str, notes: list[str], line: int) -> str:
    """One paragraph or table, its notes first (they float beside it; below it on a phone)."""
    aside = f'<aside class="notes">{"".join(notes)}</aside>' if notes else ""
    return f'<div class="para" id="L{page.number}-{line}">{aside}{content}</div>\n'


def _table(table: SourceTable, source: SourceView, marks: list[_Mark]) -> str:
    """A source table as an HTML table: merged cells spanned, the cells findings point at marked."""
    bad = _bad_cells(table, marks)
    rows: dict[int, list[str]] = {}
    for index, cell in enumerate(table.cells):
        inside = [
            m for m in marks if m.start < max(cell.end, cell.start + 1) and m.end > cell.start
        ]
        text = _marked(source.text, cell.start, cell.end, inside)
        if cell.end == cell.start and inside:  # an empty cell: a visible mark with no text
            text = _empty_mark(cell.start, inside)
        classes = ["label"] if _is_label(source.text[cell.start : cell.end]) else []
        attrs = ""
        if index in bad:
            severities = [m.severity for m in bad[index]]
            classes += ["bad", f"sev-{min(severities, key=SEVERITIES.index)}"]
            attrs = f' data-sev="{" ".join(dict.fromkeys(severities))}"'
        if classes:
            attrs = f' class="{" ".join(classes)}"' + attrs
        spans = (f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "") + (
            f' colspan="{cell.colspan}"' if cell.colspan > 1 else ""
        )
        rows.setdefault(cell.row, []).append(f"<td{spans}{attrs}>{text}</td>")
    body = "".join(f"<tr>{''.join(cells)}</tr>" for _, cells in sorted(rows.items()))
    place = table.location.get("table")
    number = f' data-table="{_e(place)}"' if place is not None else ""
    return (
        f'<div class="table-wrap" data-line="{table.first_line + 1}"{number}>'
        f'<table class="grid">{body}</table></div>'
    )


def _bad_cells(table: SourceTable, marks: list[_Mark]) -> dict[int, list[_Mark]]:
    """Cell index -> the findings about that cell.

    A finding that names its grid cell (table, row, cell) marks that cell, even
    when its span is the whole row (outdated-format); one that does not, or
    whose cell is not in this table, marks the cells its span covers.
    """
    bad: dict[int, list[_Mark]] = {}
    for mark in marks:
        named = [i for i, c in enumerate(table.cells) if _names(mark, table, c)]
        covered = named or [
            i
            for i, c in enumerate(table.cells)
            if mark.start < max(c.end, c.start + 1) and mark.end > c.start
        ]
        for i in covered:
            bad.setdefault(i, []).append(mark)
    return bad


def _names(mark: _Mark, table: SourceTable, cell: SourceCell) -> bool:
    if mark.cell is None or table.location.get("table") != mark.cell[0]:
        return False
    row, column = mark.cell[1] - 1, mark.cell[2] - 1
    return (
        cell.row <= row < cell.row + cell.rowspan
        and cell.column <= column < cell.column + cell.colspan
    )


def _empty_mark(at: int, marks: list[_Mark]) -> str:
    return _anchors(marks, at) + _mark(marks, "", "hl empty")


def _anchors(marks: list[_Mark], at: int) -> str:
    """Empty targets where findings start: the rule summary's and the notes' links land here."""
    return "".join(f'<span class="anchor" id="{m.id}"></span>' for m in marks if m.start == at)


def _mark(marks: list[_Mark], content: str, classes: str = "hl") -> str:
    """`content` highlighted for `marks`, coloured by the worst of them."""
    worst = min((m.severity for m in marks), key=SEVERITIES.index)
    severities = " ".join(dict.fromkeys(m.severity for m in marks))
    ids = " ".join(m.id for m in marks)
    return (
        f'<mark class="{classes} sev-{worst}" data-sev="{severities}" data-f="{ids}">'
        f"{content}</mark>"
    )


def _is_label(text: str) -> bool:
    """A cell of words, not a figure: given room so it does not wrap one character a line."""
    return len(text) > 3 and any("\u4e00" <= ch <= "\u9fff" for ch in text)


def _marked(text: str, lo: int, hi: int, marks: list[_Mark]) -> str:
    """text[lo:hi] escaped, every finding's part of it in a <mark>.

    Overlapping findings cut the text into pieces; each piece names every
    finding covering it (`data-f`), so a finding's highlight is the pieces that
    name it. An empty anchor marks where a finding starts; a numbered reference
    where it ends links to its note.
    """
    inside = [m for m in marks if m.start < hi and m.end > lo]
    cuts = sorted({lo, hi, *(min(max(p, lo), hi) for m in inside for p in (m.start, m.end))})
    out: list[str] = []
    for a, b in pairwise(cuts):
        out.append(_anchors(inside, a))
        covering = [m for m in inside if m.start < b and m.end > a]
        out.append(_mark(covering, _e(text[a:b])) if covering else _e(text[a:b]))
        out.extend(
            f'<a class="ref sev-{m.severity}" data-sev="{m.severity}" href="#n-{m.id}">'
            f"{m.number}</a>"
            for m in inside
            if m.end == b
        )
    return "".join(out)


def _excerpts(page: _Page) -> str:
    """Without the source: each located finding's excerpt, its span marked."""
    out = []
    for k, f in enumerate(page.result.findings):
        if f.whole_report:
            continue
        length = f.end_column - f.column if f.end_line == f.line else len(f.excerpt)
        start = f.excerpt_offset
        mark = _Mark(page.ids[k], k + 1, f.severity.value, start, max(start + 1, start + length))
        text = _marked(f.excerpt, 0, len(f.excerpt), [mark])
        out.append(
            _block(
                page, f'<p class="text" data-line="{f.line}">{text}</p>', [page.notes[k]], f.line
            )
        )
    return "".join(out)
