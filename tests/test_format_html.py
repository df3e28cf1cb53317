"""`--format html`: the annotated report, read back in a real headless Chromium.

One run of the real CLI writes the page for the faulty sample reports (text and
web page with tables) and a hostile report; the JSON of the same inputs says
what each finding must look like on the page.
"""

from __future__ import annotations

import pickle
import re
from dataclasses import replace
from functools import lru_cache

import pytest
from annotated_page import (
    assert_every_finding_shown,
    assert_named_cells_marked,
    highlight,
    visible_notes,
)
from browser import screenshot
from conftest import SAMPLES, run_ogilint

from linter.engine import Settings, catalogue, check_document
from linter.formatters import FormatOptions, render
from linter.formatters.html import html_page, labels
from linter.loaders import load_path
from linter.rulebook import rules_dir, shipped_packs
from linter.source_view import source_view

COUNTY = SAMPLES / "example-county-2018-faulty.txt"
CITY = SAMPLES / "example-city-2024-faulty.html"
# Report text that would run if the page did not escape it (the page's own script
# sets nothing on window).
HOSTILE_LINE = '<script>window.pwned = 1</script><img src=x onerror="window.pwned = 2">'


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("html")
    text = COUNTY.read_text("utf-8").split("\n")
    # The script sits inside the paragraph with the faulty phone number, before it.
    text[3] = text[3].replace("本报告电子版", HOSTILE_LINE + "本报告电子版")
    hostile = folder / "<img src=x onerror=alert(1)>.txt"
    hostile.write_text("\n".join(text), "utf-8")
    inputs = [str(COUNTY), str(CITY), str(hostile)]
    out = folder / "report.html"
    page_run = run_ogilint("check", *inputs, "--format", "html", "--output", str(out))
    json_run = run_ogilint("check", *inputs, "--format", "json")
    assert page_run.code == 1 and json_run.code == 1, page_run.stderr
    return out, json_run.json


@pytest.fixture
def opened(page, run):
    out, report = run
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(out.as_uri())
    page.requests = requests
    return page, report


def test_every_finding_has_a_visible_highlight_or_note_and_nothing_errs(opened):
    page, report = opened
    assert_every_finding_shown(page, report)
    assert page.errors == []
    # Offline: the page asks for nothing beyond itself (no font, script or image).
    assert len(page.requests) == 1


def test_the_cells_table_findings_name_are_marked(opened):
    page, report = opened
    assert assert_named_cells_marked(page, report) >= 5


def test_the_severity_filter_hides_warnings_and_infos(opened):
    page, report = opened
    findings = [f for file in report["files"] for f in file["findings"]]
    errors = sum(f["severity"] == "error" for f in findings)
    assert visible_notes(page) == len(findings)
    warning = next(
        f"f{i}-{k}"
        for i, file in enumerate(report["files"], 1)
        for k, f in enumerate(file["findings"], 1)
        if f["severity"] == "warning" and f["excerpt"]
    )
    background = "el => getComputedStyle(el).backgroundColor"
    mark = page.locator(f'mark[data-f="{warning}"]').first
    assert mark.evaluate(background) != "rgba(0, 0, 0, 0)"
    page.uncheck('.filter input[value="warning"]')
    page.uncheck('.filter input[value="info"]')
    assert visible_notes(page) == errors < len(findings)
    assert mark.evaluate(background) == "rgba(0, 0, 0, 0)"  # the text stays, unhighlighted
    assert (
        page.locator(".filter .shown").text_content() == f"显示 {errors} / {len(findings)} 个问题"
    )
    page.check('.filter input[value="warning"]')
    page.check('.filter input[value="info"]')
    assert visible_notes(page) == len(findings)


def test_the_rule_summary_links_jump_to_the_findings(opened):
    page, _ = opened
    for i in (1, 2):
        links = page.locator(f"#file-{i} table.summary td.links a")
        for n in range(links.count()):
            link = links.nth(n)
            target = link.get_attribute("href")[1:]
            page.evaluate("window.scrollTo(0, 0)")
            link.click()
            assert page.evaluate("location.hash") == f"#{target}"
            shown = page.locator(f'mark[data-f~="{target}"]')
            element = shown.first if shown.count() else page.locator(f"#{target}")
            box = element.bounding_box()
            assert box and 0 <= box["y"] < 900, (target, box)


def test_a_script_in_the_report_is_shown_as_text_and_never_runs(opened):
    page, report = opened
    assert page.evaluate("typeof window.pwned") == "undefined"
    hostile = page.locator("#file-3")
    assert HOSTILE_LINE in hostile.locator("p.text").all_text_contents()[2]
    assert "<img src=x onerror=alert(1)>.txt" in hostile.locator("h2.path").text_content()
    # The finding after the script keeps its exact span.
    phone = next(
        k for k, f in enumerate(report["files"][2]["findings"], 1) if f["rule"] == "invalid-phone"
    )
    assert highlight(page, f"f3-{phone}")[0] == "12345678"
    assert page.errors == []


def test_notes_sit_in_the_margin_on_a_laptop_and_below_the_paragraph_on_a_phone(opened):
    page, _ = opened
    note = page.locator("#n-f1-2")  # declared-parts-mismatch, in the long paragraph 4
    text = page.locator("#L1-4 p.text")
    beside, paragraph = note.bounding_box(), text.bounding_box()
    assert beside["x"] >= paragraph["x"] + paragraph["width"]
    screenshot(page, "annotated-report", 1280)
    screenshot(page, "annotated-report", 390)
    below, paragraph = note.bounding_box(), text.bounding_box()
    assert below["y"] >= paragraph["y"] + paragraph["height"] - 1
    assert below["x"] + below["width"] <= 390
    # Nothing but a wide table scrolls sideways on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.errors == []


# -- without a browser ------------------------------------------------------------------


@lru_cache(maxsize=4)
def _checked(path, keep_source=False):
    packs = shipped_packs()
    chosen = Settings(keep_source=keep_source)
    result = check_document(load_path(str(path)), packs, chosen)
    return result, catalogue([result], packs, chosen)


def test_only_a_format_that_shows_the_report_makes_the_engine_keep_its_text():
    plain, _ = _checked(CITY)
    kept, _ = _checked(CITY, keep_source=True)
    assert plain.source is None
    assert kept.source == source_view(load_path(str(CITY)))
    assert kept.findings == plain.findings
    # Plain values: a result travels to and from a worker process.
    assert pickle.loads(pickle.dumps(kept)) == kept
    # Every cell's span in the text holds that cell of the loader's grid, merged ones too.
    doc = load_path(str(CITY))
    cells = [
        (t, c) for t, view in zip(doc.tables, kept.source.tables, strict=True) for c in view.cells
    ]
    assert len(cells) > 200
    assert all(kept.source.text[c.start : c.end] == t.rows[c.row][c.column] for t, c in cells)
    assert any(c.rowspan > 1 for _, c in cells) and any(c.colspan > 1 for _, c in cells)


def test_the_page_words_come_from_the_yaml_in_both_languages():
    words = yaml_words()
    assert words and all(set(texts) == {"zh", "en"} for texts in words.values())
    result, cat = _checked(COUNTY, keep_source=True)
    english = render("html", [result], cat, FormatOptions(lang="en"))
    assert '<html lang="en">' in english and labels("en")["by-rule"] in english
    assert "错误" not in english.split("<main>")[0]
    chinese = html_page(result, cat)  # one result, as `ogilint annotate` passes it
    assert labels("zh")["by-rule"] in chinese


def test_a_result_without_its_text_still_shows_each_finding_on_its_excerpt():
    result, cat = _checked(COUNTY, keep_source=True)
    page = html_page([replace(result, source=None)], cat)
    marks = re.findall(
        r'<mark class="hl sev-\w+" data-sev="\w+" data-f="f1-(\d+)">(.*?)</mark>', page
    )
    assert ("4", "12345678") in marks


def yaml_words():
    import yaml

    return yaml.safe_load((rules_dir() / "messages" / "html-report.yaml").read_text("utf-8"))


def test_the_arithmetic_is_shown_once_and_what_a_baseline_hid_is_said():
    from linter.baseline import Outcome

    result, cat = _checked(COUNTY, keep_source=True)
    page = html_page([result], cat, baseline=Outcome(suppressed=3, fixed=()))
    # total-mismatch says its sum in the message: no second copy under it.
    assert page.count("18 + 2 + 52 + 45 = 117 ≠ 120") == 1
    assert "基线:3 个已知问题未显示,0 个已修复" in page
    assert "基线" not in html_page([result], cat)
