"""The 2019/2021 standard tables, end to end, on real web pages, Word files and PDFs.

The samples in sample_reports/ (written by make_samples.py) are a fictional
people's government's 2024 report in the 2021 layout and a fictional
department's 2020 report in the 2019 layout, each clean and with planted
defects, plus a 2022 report still in the 2019 layout. Each is checked in all
three containers by one run of the real command line: a clean sample must
give nothing at all, a faulty one exactly its planted findings, each named
by its cell (details table / row / column) and placed natively (PDF page;
table, row and cell of a grid).

The messy PDF is built here: the part 三 table set the way real PDFs come
(header cells wrapped over several lines, 三、本年度办理结果 standing
vertically one character per line, group labels as merged cells wrapped in a
narrow column, long item labels wrapped with the figures on the first line
only), once on one page and once running over a page break; it must parse to
the right 27 × 7 grid and a planted defect in it must be found at its cell.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import ModuleType
from typing import Any

import pdfplumber
import pytest
from conftest import ROOT, SAMPLES, run_ogilint
from fixtures_tables import (
    APPLICANTS,
    NOTE,
    PageBreak,
    Report,
    TableSpec,
    application_rows,
    pdf_report,
    split_table,
)

from linter.analysis import analyse
from linter.loaders import load_path

CONTAINERS = ("html", "docx", "pdf")
CLEAN = ("example-city-2024-clean", "example-bureau-2020-clean")
CHECK_EXPECTATIONS = ROOT.parent / "shared" / "tools" / "check_expectations.py"


def _make_samples() -> ModuleType:
    """sample_reports/make_samples.py, imported from its path (it is a script, not a package)."""
    spec = importlib.util.spec_from_file_location("make_samples", SAMPLES / "make_samples.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


make_samples = _make_samples()


def _findings(stdout: str) -> dict[str, list[dict[str, Any]]]:
    return {Path(f["path"]).name: f["findings"] for f in json.loads(stdout)["files"]}


@pytest.fixture(scope="module")
def checked() -> dict[str, list[dict[str, Any]]]:
    """Every committed sample in every container, checked by one run of the CLI."""
    paths = [
        str(SAMPLES / f"{name}.{suffix}") for name in make_samples.SAMPLES for suffix in CONTAINERS
    ]
    run = run_ogilint("check", *paths, "--format", "json")
    assert run.code in (0, 1), run.stderr
    return _findings(run.stdout)


# -- the clean samples -------------------------------------------------------------------


@pytest.mark.parametrize("suffix", CONTAINERS)
@pytest.mark.parametrize("name", CLEAN)
def test_clean_sample_gives_no_finding_at_all(checked, name, suffix):
    found = checked[f"{name}.{suffix}"]
    assert found == [], [(f["rule"], f["line"], f["message"]) for f in found]


# -- the faulty samples: exactly the planted findings, at their cells -----------------------


@dataclass(frozen=True)
class Expected:
    """A finding a planted defect must cause: rule, extracted line, details, native place.

    `cell` is the (table, row, cell) of the grid the finding sits in (the
    same in the three containers: they carry the same grid; a row or cell of
    None: any); `page` is the PDF page, `paragraph` the Word body paragraph of
    a finding in prose.
    """

    rule: str
    line: int | range  # a range: any line of it (a finding about a whole table)
    details: dict[str, Any] = field(default_factory=dict)
    cell: tuple[int, int | None, int | None] | None = None
    page: int | None = None
    paragraph: int | None = None


def _applications_row(key: str, layout: str = "2021") -> int:
    """1-based grid row of a part 三 row in the samples (three header rows above it)."""
    return 3 + [k for k, _ in application_rows(layout)].index(key) + 1


def _at(key: str, column: str) -> tuple[int, int, int]:
    """(table, row, cell) of a part 三 cell: table 2 (after part 二), three label columns."""
    return 2, _applications_row(key), 3 + APPLICANTS.index(column) + 1


def _applications(row: str, column: str, **details: Any) -> dict[str, Any]:
    return {"table": "applications", "row": row, "column": column, "layout": "2021", **details}


EXPECTED = {
    "example-city-2024-faulty": [
        Expected("missing-assessment-results", 1),
        Expected(
            "text-table-mismatch",
            8,
            {"table": "applications", "row": "一", "columns": ["总计"], "stated": 246},
            page=1,
            paragraph=8,
        ),
        Expected(
            "table-total-mismatch",
            38,
            _applications("三(三)4", "总计", stated=5, computed=4),
            _at("三(三)4", "总计"),
            page=3,
        ),
        Expected(
            "table-blank-cell",
            48,
            _applications("三(五)3", "科研机构", text="/"),
            _at("三(五)3", "科研机构"),
            page=3,
        ),
        Expected(
            "fees-not-explained",
            52,
            {"table": "applications", "row": "三(六)2", "column": "总计"},
            _at("三(六)2", "总计"),
            page=3,
        ),
        Expected(
            "table-balance-mismatch",
            54,
            _applications("三(七)", "自然人", left=215, right=216),
            _at("三(七)", "自然人"),
            page=3,
        ),
        Expected(
            "table-balance-mismatch",
            54,
            _applications("三(七)", "商业企业", left=15, right=14),
            _at("三(七)", "商业企业"),
            page=3,
        ),
        Expected(
            "table-total-mismatch",
            54,
            _applications("三(七)", "总计", stated=234, computed=235),
            _at("三(七)", "总计"),
            page=3,
        ),
    ],
    "example-bureau-2020-faulty": [
        Expected(
            "late-publication",
            3,
            {"published": "2021-02-15", "deadline": "2021-01-31", "issuer": "department"},
            page=1,
            paragraph=3,
        ),
        Expected(
            "table-blank-cell",
            24,
            {"table": "proactive", "row": "行政强制", "column": "本年增/减", "text": "—"},
            (1, 12, 3),
            page=2,
        ),
        Expected(
            "table-total-mismatch",
            62,
            {"table": "review", "row": "四", "column": "复议·总计", "stated": 3, "computed": 2},
            (3, 4, 5),
            page=3,
        ),
        Expected("enumeration-sequence", 64, {"found": 3, "expected": 2}, page=3, paragraph=16),
    ],
    "example-bureau-2022-outdated": [
        Expected(
            "outdated-format",
            range(15, 35),  # part 二 in the 2019 layout too (上一年项目数量 / 本年增/减)
            {"found": "2019", "expected": "2021", "table": "proactive"},
            (1, None, None),
            page=2,
        ),
        Expected(
            "outdated-format",
            range(35, 58),  # a finding about the whole part 三 table (lines 35–57)
            {"found": "2019", "expected": "2021", "table": "applications"},
            (2, None, None),
            page=3,
        ),
    ],
}


def _matches(found: dict[str, Any], want: Expected, suffix: str) -> bool:
    lines = want.line if isinstance(want.line, range) else (want.line,)
    if found["rule"] != want.rule or found["line"] not in lines:
        return False
    if any(found["details"].get(k) != v for k, v in want.details.items()):
        return False
    native = {k: found[k] for k in ("page", "paragraph", "table", "row", "cell") if k in found}
    expected: dict[str, int] = {}
    if want.cell:
        for key, value in zip(("table", "row", "cell"), want.cell, strict=True):
            expected[key] = found.get(key) if value is None else value
    if suffix == "pdf" and want.page:
        expected["page"] = want.page
    if suffix == "docx" and want.paragraph:
        expected["paragraph"] = want.paragraph
    return native == expected


@pytest.mark.parametrize("suffix", CONTAINERS)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_faulty_sample_gives_exactly_its_planted_findings(checked, name, suffix):
    found = list(checked[f"{name}.{suffix}"])
    missed = []
    for want in EXPECTED[name]:
        hit = next((f for f in found if _matches(f, want, suffix)), None)
        if hit is None:
            missed.append(want)
        else:
            found.remove(hit)
    extra = [(f["rule"], f["line"], f["details"]) for f in found]
    assert not missed and not extra, f"missed {missed}; not planted {extra}"


def test_every_plant_is_accounted_for():
    """The plants make_samples.py applies name exactly the rules the tests expect."""
    for name, build in make_samples.SAMPLES.items():
        planted = sorted(rule for p in build().plants for rule in p.rules)
        assert planted == sorted(e.rule for e in EXPECTED.get(name, [])), name


# -- the committed files --------------------------------------------------------------------


def test_committed_samples_are_what_make_samples_writes(tmp_path):
    """The committed files are up to date with make_samples.py.

    Web pages must match byte for byte; Word files and PDFs (whose bytes
    depend on the python-docx and reportlab versions, though a rebuild with
    the same versions is byte-identical) must read back to the same text and
    tables.
    """
    for path in make_samples.write_samples(tmp_path):
        committed = SAMPLES / path.name
        stale = f"{path.name} is stale: run .venv/bin/python sample_reports/make_samples.py"
        if path.suffix == ".html":
            assert committed.read_bytes() == path.read_bytes(), stale
            continue
        fresh, old = load_path(str(path)), load_path(str(committed))
        assert fresh.text == old.text, stale
        assert [t.rows for t in fresh.tables] == [t.rows for t in old.tables], stale


def test_samples_are_small():
    for name in make_samples.SAMPLES:
        for suffix in CONTAINERS:
            assert (SAMPLES / f"{name}.{suffix}").stat().st_size < 200 * 1024


def test_the_three_containers_extract_to_the_same_lines():
    """So one line number serves the web page, the Word file and the PDF alike."""
    for name in make_samples.SAMPLES:
        texts = {s: load_path(str(SAMPLES / f"{name}.{s}")).text for s in CONTAINERS}
        assert texts["html"] == texts["docx"] == texts["pdf"], name


@pytest.mark.skipif(not CHECK_EXPECTATIONS.exists(), reason="../shared/tools is not beside us")
def test_expected_standard_yaml_holds():
    proc = subprocess.run(
        [
            sys.executable,
            str(CHECK_EXPECTATIONS),
            str(SAMPLES / "expected-standard.yaml"),
            str(SAMPLES),
            "--ogilint",
            str(Path(sys.executable).parent / "ogilint"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


# -- the messy PDF -----------------------------------------------------------------------------


def _messy(report: Report, split_at: str | None = None) -> Report:
    """`report` with its part 三 table in the messy shape, optionally over a page break.

    With `split_at` (a template row key), the table runs over a page break
    before that row, the two header rows repeated on top of the continuation.
    """
    blocks: list[Any] = []
    for block in report.blocks:
        if isinstance(block, TableSpec) and any(c.text == NOTE for c in block.cells):
            if split_at is None:
                blocks.append(block)
            else:
                at = 2 + [k for k, _ in application_rows("2021")].index(split_at)
                top, bottom = split_table(block, at, repeat=2)
                blocks += [top, PageBreak(), bottom]
        else:
            blocks.append(block)
    return Report(tuple(blocks), report.title)


@pytest.fixture(scope="module")
def messy(tmp_path_factory) -> dict[str, Path]:
    """The clean city report with the messy part 三 table, and a faulty variant of each."""
    folder = tmp_path_factory.mktemp("messy")
    clean = make_samples.city_clean()
    faulty = clean.copy("faulty")
    # 5.要求行政机关确认或重新出具已获取信息 is the label that wraps: its 总计 off by one.
    faulty.applications["三(五)5"][APPLICANTS.index("总计")] = "2"
    paths = {}
    for name, sample in (("clean", clean), ("faulty", faulty)):
        for split_at in (None, "三(四)3"):
            stem = name + ("-split" if split_at else "")
            paths[stem] = folder / f"{stem}.pdf"
            paths[stem].write_bytes(pdf_report(_messy(sample.report("messy"), split_at)))
    return paths


def test_messy_pdf_is_really_in_the_messy_shape(messy):
    """The raw text layer shows what real PDFs show (as in huaian-2024.pdf)."""
    with pdfplumber.open(messy["clean"]) as pdf:
        page = pdf.pages[2]
        table = max(page.find_tables(), key=lambda t: len(t.rows))
        tallest = max(table.cells, key=lambda box: box[3] - box[1])
        # 三、本年度办理结果 stands in its merged cell one character per line
        assert page.crop(tallest).extract_text().split("\n") == ["三、", *"本年度办理结果"]
        cells = [page.crop(box).extract_text() for box in table.cells]
        lines = (page.extract_text() or "").split("\n")
    # the header cells wrapped over two or more lines (all but the short and the wide ones)
    wrapped = {text.replace("\n", "") for text in cells if "\n" in text}
    assert {NOTE, "商业企业", "科研机构", "社会公益组织", "法律服务机构"} <= wrapped
    assert "（三）不予公开" in wrapped and "（六）其他处理" in wrapped  # narrow group cells
    # a wrapped item label with its figures on the first line only
    first = lines.index("5.要求行政机关确认或重新出具 1 0 0 0 0 0 1")
    assert lines[first + 1] == "已获取信息"


def _applications_grid(doc) -> Any:
    return next(t for t in doc.tables if any("本年新收" in cell for cell in t.rows[2]))


def test_messy_pdf_parses_to_the_27_by_7_grid(messy):
    doc = load_path(str(messy["clean"]))
    grid = make_samples.city_clean().applications
    keys = [k for k, _ in application_rows("2021")]
    table = _applications_grid(doc)
    assert len(table.rows) == 27 and {len(r) for r in table.rows} == {10}
    # two header rows over the 7 figure columns
    assert table.rows[0][3:] == ("自然人", *["法人或其他组织"] * 5, "总计")
    assert table.rows[1][3:] == APPLICANTS
    assert table.rows[0][0] == table.rows[1][0] == NOTE
    # 25 data rows of 7 figures, in template order
    assert [list(r[3:]) for r in table.rows[2:]] == [grid[k] for k in keys]
    # the labels: 三 joined from its vertical characters, group cells, wrapped items
    labels = dict(application_rows("2021"))
    for r, key in enumerate(keys, start=2):
        row = table.rows[r]
        if key in ("一", "二", "四"):
            assert row[:3] == (labels[key],) * 3
        else:
            assert row[0] == "三、本年度办理结果"
        if key.startswith("三(三)"):
            assert row[1:3] == ("（三）不予公开", labels[key])
    assert table.rows[2 + keys.index("三(五)5")][2] == "5.要求行政机关确认或重新出具已获取信息"
    assert (4, 0, 22, 1) in table.spans  # 三、本年度办理结果 spans the 22 rows under it
    assert (6, 1, 8, 1) in table.spans  # （三）不予公开 spans its eight items


@pytest.mark.parametrize("variant", ["clean", "clean-split"])
def test_messy_pdf_maps_every_row_to_its_template_row(messy, variant):
    doc = load_path(str(messy[variant]))
    matched = analyse(doc).standard_tables["applications"]
    grid = make_samples.city_clean().applications
    assert matched.layout == "2021"
    assert set(matched.rows) == set(grid)
    for key, figures in grid.items():
        assert [c.text for c in matched.rows[key].cells] == figures, key
        assert matched.cell(key, "总计").value == int(figures[-1])
    if variant.endswith("split"):  # one table per page, 三(四)3 first on the second
        parts = [t for t in doc.tables if len(t.rows[0]) == 10]
        assert [t.location["page"] for t in parts] == [2, 3]
        assert parts[1].rows[2][1:3] == ("", "3.补正后申请内容仍不明确")


@pytest.mark.parametrize("variant", ["clean", "clean-split"])
def test_messy_pdf_clean_gives_no_finding(messy, variant):
    run = run_ogilint("check", str(messy[variant]), "--format", "json")
    found = _findings(run.stdout)[messy[variant].name]
    assert found == [], [(f["rule"], f["line"], f["message"]) for f in found]


@pytest.mark.parametrize("variant", ["faulty", "faulty-split"])
def test_messy_pdf_defect_is_found_at_its_cell(messy, variant):
    run = run_ogilint("check", str(messy[variant]), "--format", "json")
    found = _findings(run.stdout)[messy[variant].name]
    got = sorted(
        (f["rule"], f["details"]["row"], f["details"]["column"], f["details"]["stated"])
        for f in found
    )
    assert got == [
        ("table-total-mismatch", "三(七)", "总计", 234),  # the 总计 column sums to 235
        ("table-total-mismatch", "三(五)5", "总计", 2),  # 1 + 0 + 0 + 0 + 0 + 0 = 1
    ]
    assert {f["page"] for f in found} == {3}  # the split table's continuation is on page 3 too
    wrapped = next(f for f in found if f["details"]["row"] == "三(五)5")
    assert wrapped["details"]["computed"] == 1 and wrapped["cell"] == 10


def test_borderless_pdf_tables_are_still_read(tmp_path):
    """The same clean report with its tables drawn without cell borders gives nothing."""
    report = make_samples.city_clean().report()
    blocks = tuple(
        replace(b, ruled=False) if isinstance(b, TableSpec) else b for b in report.blocks
    )
    path = tmp_path / "borderless.pdf"
    path.write_bytes(pdf_report(Report(blocks, report.title)))
    run = run_ogilint("check", str(path), "--format", "json")
    assert _findings(run.stdout)[path.name] == []


# -- explain ---------------------------------------------------------------------------------


def test_explain_table_balance_mismatch_shows_identity_article_and_example():
    run = run_ogilint("explain", "table-balance-mismatch")
    assert run.code == 0, run.stderr
    out = run.stdout
    assert "本年新收 + 上年结转 = 本年度办理结果总计 + 结转下年度继续办理" in out  # the identity
    assert "国办公开办函〔2021〕30号" in out and "第一项加第二项之和" in out  # the article
    assert "3119 + 34 = 3153 = 3050 + 103" in out  # a worked example
    assert "四、结转下年度继续办理 4 1 0 0 0 0 5" in out  # a failing table
