"""The sweep as one self-contained page: the scorecard table, sortable and filterable,
and two charts (findings per rule, reports by their most severe finding).

Everything is inline (CSS, the script, the charts as SVG drawn here), so the
page opens from a file, a mail attachment or an intranet without any network.
The table is plain HTML, readable without the script; the script sorts on a
click on a heading and hides the rows a filter does not match.

Each row links to that report's annotated page when one is written: beside the
dashboard, named after the report's file with ".html" added (`--format html
--output sweep/huaian-2024.pdf.html`), or beside the report as `ogilint annotate`
writes it (huaian-2024.checked.html); docs/sweep.md.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Sequence
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from linter.formatters import FormatOptions, summary
from linter.formatters.scorecard import COLUMNS, SEVERITY_COLUMNS, Scorecard, scorecard, word

if TYPE_CHECKING:
    from linter.records import Catalogue, FileResult

ASSETS = Path(__file__).with_name("dashboard_assets")
SEVERITIES = ("error", "warning", "info")
_BAR = 22  # px: the height of one bar of a chart, label included
_LABEL = 190  # px: the room for a bar's label on its left
_CHART_WIDTH = 440  # about a phone's width, so its labels stay legible there
# Nothing is fetched: the page may not load anything from anywhere, itself included.
_POLICY = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"
_NUMERIC = frozenset(
    {
        "year",
        "received",
        "carried_over",
        "concluded",
        "carried_forward",
        "reviews",
        "lawsuits",
        "proactive_items",
        "errors",
        "warnings",
        "infos",
    }
)


def annotated_name(path: str) -> str:
    """The file name of a report's annotated page beside the dashboard."""
    return Path(path).name + ".html"


def annotated_pages(path: str, output: str) -> list[Path]:
    """Where a report's annotated page may be, in the order looked for: beside the
    dashboard (`--format html --output DIR/<file name>.html`), then beside the report as
    `ogilint annotate` writes it (report.pdf -> report.checked.html)."""
    report = Path(path)
    return [
        Path(output).parent / annotated_name(path),
        report.with_name(f"{report.stem}.checked.html"),
    ]


def _link(path: str, output: str | None) -> str | None:
    """The relative address of the report's annotated page, if one is written."""
    if output is None or path == "-" or path.startswith("<"):
        return None
    here = Path(output).parent
    for page in annotated_pages(path, output):
        if page.is_file():
            return quote(Path(os.path.relpath(page, here)).as_posix())
    return None


def _cell(key: str, value: Any) -> str:
    if value is None:
        return '<td class="none"></td>'
    css = ' class="n"' if key in _NUMERIC else ""
    return f"<td{css}>{escape(str(value))}</td>"


def _worst(counts: dict[str, int]) -> str:
    return next((s for s in SEVERITIES if counts[SEVERITY_COLUMNS[s]]), "clean")


def _rules_cell(card: Scorecard, row: tuple[Any, ...]) -> str:
    found = [(rule, n) for rule, n in zip(card.rules, row[len(COLUMNS) :], strict=True) if n]
    text = " ".join(f"{rule}×{n}" if n > 1 else rule for rule, n in found)
    return f'<td class="rules">{escape(text)}</td>'


# The dashboard's order: who and what first, then how it fared, then the figures.
_ORDER = ("path", "issuer", "issuer_kind", "year", "regime", *SEVERITY_COLUMNS.values(), "rules")


def _order() -> tuple[str, ...]:
    return _ORDER + tuple(k for k in COLUMNS if k not in _ORDER)


def _shown_paths(results: Sequence[FileResult]) -> list[str]:
    """Each path without the folder all share (the full path is the cell's tooltip)."""
    paths = [r.path for r in results]
    parents = [os.path.dirname(p) for p in paths]
    try:
        common = os.path.commonpath(parents) if len(paths) > 1 and all(parents) else ""
    except ValueError:  # absolute and relative paths mixed
        common = ""
    return [os.path.relpath(p, common) if common else p for p in paths]


def _table(card: Scorecard, results: Sequence[FileResult], options: FormatOptions) -> str:
    lang = options.lang
    headings = dict(zip(COLUMNS, card.headings, strict=False))
    headings["rules"] = word("rules", lang, "dashboard")
    head = "".join(
        f'<th data-key="{k}" data-type="{"n" if k in _NUMERIC else "s"}" tabindex="0">'
        f"{escape(headings[k])}</th>"
        for k in _order()
    )
    body = []
    rows = zip(results, card.rows, _shown_paths(results), strict=True)
    for result, row, shown in rows:
        values = dict(zip(COLUMNS, row, strict=False))
        worst = _worst(values)
        link = (options.links or {}).get(result.path) or _link(result.path, options.output)
        name = escape(shown)
        first = f'<a href="{escape(link)}">{name}</a>' if link else name
        cells = {
            "path": f'<td class="path" title="{escape(result.path)}">{first}</td>',
            "rules": _rules_cell(card, row),
        }
        line = "".join(cells.get(k) or _cell(k, values[k]) for k in _order())
        body.append(f'<tr class="{worst}" data-worst="{worst}">{line}</tr>')
    return f'<table id="sweep"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def bar_chart(chart_id: str, title: str, bars: list[tuple[str, int, str]]) -> str:
    """A horizontal bar chart as inline SVG: (label, value, css class) per bar."""
    top = max((v for _, v, _ in bars), default=0) or 1
    room = _CHART_WIDTH - _LABEL - 50
    height = max(1, len(bars)) * _BAR + 8
    parts = [
        f'<figure class="chart" id="{chart_id}"><figcaption>{escape(title)}</figcaption>'
        f'<svg viewBox="0 0 {_CHART_WIDTH} {height}" role="img" aria-label="{escape(title)}">'
    ]
    for i, (label, value, css) in enumerate(bars):
        y = 4 + i * _BAR
        width = max(1.0, room * value / top)
        parts.append(
            f'<g class="bar {css}" data-label="{escape(label)}" data-value="{value}">'
            f'<text x="{_LABEL - 6}" y="{y + 15}" text-anchor="end">{escape(label)}</text>'
            f'<rect x="{_LABEL}" y="{y + 3}" width="{width:.1f}" height="{_BAR - 6}" rx="2"/>'
            f'<text class="v" x="{_LABEL + width + 5:.1f}" y="{y + 15}">{value}</text></g>'
        )
    parts.append("</svg></figure>")
    return "".join(parts)


def _charts(results: Sequence[FileResult], card: Scorecard, lang: str) -> str:
    per_rule = Counter(f.rule for r in results for f in r.findings)
    severity_of = {f.rule: f.severity.value for r in results for f in r.findings}
    rule_bars = [(rule, n, severity_of[rule]) for rule, n in per_rule.most_common()]
    worst = Counter(_worst(dict(zip(COLUMNS, row, strict=False))) for row in card.rows)
    names = {s: word(SEVERITY_COLUMNS[s], lang, "columns") for s in SEVERITIES}
    names["clean"] = word("clean", lang, "dashboard")
    severity_bars = [(names[s], worst[s], s) for s in (*SEVERITIES, "clean")]
    return bar_chart("by-rule", word("by_rule", lang, "dashboard"), rule_bars) + bar_chart(
        "by-severity", word("by_severity", lang, "dashboard"), severity_bars
    )


def render(results: Sequence[FileResult], catalogue: Catalogue, options: FormatOptions) -> str:
    lang = options.lang
    card = scorecard(results, catalogue, lang)
    totals = summary(results)
    texts = {
        "shown": word("shown", lang, "dashboard"),
    }
    css = (ASSETS / "dashboard.css").read_text(encoding="utf-8")
    script = (ASSETS / "dashboard.js").read_text(encoding="utf-8")
    data = json.dumps(texts, ensure_ascii=False).replace("</", "<\\/")
    title = escape(word("title", lang, "dashboard"))
    hint = escape(word("filter", lang, "dashboard"))
    return f"""<!DOCTYPE html>
<html lang="{"zh-CN" if lang == "zh" else "en"}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{_POLICY}">
<title>{title}</title>
<style>{css}</style>
</head>
<body>
<header><h1>{title}</h1>
<p id="summary">{escape(word("summary", lang, "dashboard").format(**totals))}</p></header>
<section class="charts">{_charts(results, card, lang)}</section>
<section class="table">
<div class="controls"><input id="filter" type="search" placeholder="{hint}" aria-label="{hint}">
<span id="shown"></span></div>
<div class="scroll">{_table(card, results, options)}</div>
</section>
<script type="application/json" id="texts">{data}</script>
<script>{script}</script>
</body>
</html>
"""
