"""`ogilint annotate`: a copy of a Word report with a Word comment on every finding.

The copies are made by the real command line and read back with python-docx:
which paragraph or table cell each comment's range starts in (the
`w:commentRangeStart` ids in the body XML), and which text it covers. The
oracle for "the right place" is python-docx's own view of the document
(`document.paragraphs`, `table.cell(row, column)`), not ogilint's mapping.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest
import yaml
from conftest import SAMPLES, Run, run_ogilint
from docx.oxml.ns import qn
from fixtures_formats import report_text, word_document

from linter.loaders import load_bytes
from linter.loaders.legacy import find_soffice

COUNTY = SAMPLES / "example-county-2018-faulty.txt"
CITY = SAMPLES / "example-city-2024-faulty.docx"
CITY_CLEAN = SAMPLES / "example-city-2024-clean.docx"


@dataclass(frozen=True)
class Comment:
    author: str
    initials: str
    text: str
    paragraph: object  # the w:p its range starts in
    covered: str  # the body text between its range start and end

    @property
    def rule(self) -> str:
        return re.search(r"\[([a-z0-9-]+)\]", self.text).group(1)

    def in_cell(self) -> object | None:
        parent = self.paragraph.getparent()
        return parent if parent.tag == qn("w:tc") else None


def read_comments(path: Path) -> tuple[docx.document.Document, list[Comment]]:
    """The comments of a .docx with where each range starts and the text it covers."""
    document = docx.Document(str(path))
    starts, covered, open_ids = {}, {}, set()
    for element in document.element.body.iter():
        if element.tag == qn("w:commentRangeStart"):
            cid = element.get(qn("w:id"))
            open_ids.add(cid)
            covered[cid] = ""
            paragraph = element
            while paragraph.tag != qn("w:p"):
                paragraph = paragraph.getparent()
            starts[cid] = paragraph
        elif element.tag == qn("w:commentRangeEnd"):
            open_ids.discard(element.get(qn("w:id")))
        elif element.tag == qn("w:t"):
            for cid in open_ids:
                covered[cid] += element.text or ""
    comments = [
        Comment(c.author, c.initials, c.text, starts[str(c.comment_id)], covered[str(c.comment_id)])
        for c in document.comments
    ]
    return document, comments


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def cli(*args: str) -> Run:
    """The command line in this process (the county fixture runs it as a subprocess too)."""
    from typer.testing import CliRunner

    from linter.cli import app

    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    return Run(result.exit_code, result.stdout, result.stderr)


def findings(path: Path, *options: str) -> list[dict]:
    return cli("check", str(path), "--format", "json", *options).json["files"][0]["findings"]


# -- a report built in Word with runs split, a list number and a line break ----------------


EMAIL = "[email protected]"


def _tracked(tag: str, text: str):
    """A w:del (its text in w:delText) or a w:hyperlink holding one run of `text`."""
    from docx.oxml import OxmlElement

    wrapper = OxmlElement(tag)
    if tag == "w:del":
        wrapper.set(qn("w:id"), "901")
        wrapper.set(qn("w:author"), "drafter")
    else:
        wrapper.set(qn("w:anchor"), "contact")
    run, piece = OxmlElement("w:r"), OxmlElement("w:delText" if tag == "w:del" else "w:t")
    piece.text = text
    run.append(piece)
    wrapper.append(run)
    return wrapper


def _county_docx() -> bytes:
    """The faulty sample county report as Word would store it after editing.

    The sum paragraph is cut into runs of five characters, every other one bold
    (the total 120 straddles two runs); the percentage paragraph is a numbered
    list item (Word renders "1. " in front, the runs do not hold it); the
    contact paragraph has a line break before its phone number, a tracked
    deletion and the e-mail address as a hyperlink.
    """
    document = docx.Document()
    for line in COUNTY.read_text(encoding="utf-8").split("\n"):
        if "申请120件" in line:
            paragraph = document.add_paragraph()
            for i in range(0, len(line), 5):
                paragraph.add_run(line[i : i + 5]).bold = i // 5 % 2 == 1
        elif "95.8%" in line:
            document.add_paragraph(line, style="List Number")
        elif "电话:12345678" in line:
            before, after = line.split("电话:", 1)
            middle, rest = after.split(EMAIL, 1)
            paragraph = document.add_paragraph()
            paragraph.add_run(before).add_break()
            paragraph.add_run("电话:" + middle)
            paragraph._p.append(_tracked("w:del", "旧邮箱"))  # deleted: not displayed
            paragraph._p.append(_tracked("w:hyperlink", EMAIL))
            paragraph.add_run(rest)
        else:
            document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def county(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("county")
    source = folder / "county.docx"
    source.write_bytes(_county_docx())
    before = sha256(source)
    run = run_ogilint("annotate", str(source))  # no -o: county.checked.docx beside it
    document, comments = read_comments(folder / "county.checked.docx")
    return {
        "run": run,
        "source": source,
        "before": before,
        "document": document,
        "comments": comments,
        "findings": findings(source),
    }


def test_one_comment_per_finding_by_ogilint(county):
    assert county["run"].code == 1  # findings at error: exit as check does
    assert Counter(c.rule for c in county["comments"]) == Counter(
        f["rule"] for f in county["findings"]
    )
    assert len(county["comments"]) == len(county["findings"]) == 8
    assert {(c.author, c.initials) for c in county["comments"]} == {("ogilint", "OG")}
    assert "8 comment(s) written to" in county["run"].stderr


def test_each_comment_covers_the_offending_text(county):
    covered = {c.rule: c.covered for c in county["comments"]}
    assert covered["total-mismatch"] == "120件"  # across a plain and a bold run
    assert covered["percent-mismatch"] == "95.8%"  # after a list number the runs do not hold
    assert covered["invalid-phone"] == "12345678"  # on the second line of its paragraph
    assert covered["invalid-email"] == EMAIL  # inside a hyperlink, after a tracked deletion
    assert covered["declared-parts-mismatch"] == "六个部分"
    assert covered["missing-fees"] == "示例县2018年政府信息公开工作年度报告"  # the title


def test_each_comment_is_on_its_findings_paragraph(county):
    paragraphs = [p._p for p in county["document"].paragraphs]
    by_rule = {f["rule"]: f for f in county["findings"]}
    for comment in county["comments"]:
        finding = by_rule[comment.rule]
        if finding.get("paragraph"):
            assert comment.paragraph is paragraphs[finding["paragraph"] - 1], comment.rule
    title = next(c for c in county["comments"] if c.rule == "missing-fees")
    assert title.text.splitlines()[-1] == "(针对全文)"


def test_the_comment_holds_message_rule_arithmetic_and_article(county):
    total = next(c for c in county["comments"] if c.rule == "total-mismatch")
    lines = total.text.splitlines()
    assert lines[0] == "合计120与申请渠道之和117不符(相差3):18 + 2 + 52 + 45 = 117 ≠ 120"
    assert lines[1] == "[total-mismatch] 错误"
    assert lines[2] == "18 + 2 + 52 + 45 = 117 ≠ 120"
    assert lines[3].startswith("依据:")


def test_the_text_and_its_formatting_are_kept(county):
    original = county["source"].read_bytes()
    annotated = (county["source"].parent / "county.checked.docx").read_bytes()
    assert load_bytes(annotated, "a.docx").text == load_bytes(original, "o.docx").text

    def bold_map(document):
        return [
            [(ch, bool(run.bold)) for run in p.runs for ch in run.text] for p in document.paragraphs
        ]

    assert bold_map(county["document"]) == bold_map(docx.Document(io.BytesIO(original)))


def test_the_original_is_unchanged(county):
    assert sha256(county["source"]) == county["before"]


# -- the sample report with standard tables ---------------------------------------------


@pytest.fixture(scope="module")
def city(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("city")
    source = folder / CITY.name
    shutil.copyfile(CITY, source)
    before = sha256(source)
    target = folder / "city.checked.docx"
    run = cli("annotate", str(source), "-o", str(target))
    document, comments = read_comments(target)
    return {
        "run": run,
        "source": source,
        "before": before,
        "target": target,
        "document": document,
        "comments": comments,
        "findings": findings(source),
    }


def test_table_findings_are_on_their_cell(city):
    assert city["run"].code == 1
    assert sha256(city["source"]) == city["before"]
    assert [c.rule for c in city["comments"]] == [f["rule"] for f in city["findings"]]
    tables = city["document"].tables
    in_cells = 0
    for comment, finding in zip(city["comments"], city["findings"], strict=True):
        if "table" in finding:
            cell = tables[finding["table"] - 1].cell(finding["row"] - 1, finding["cell"] - 1)
            assert comment.in_cell() is cell._tc, finding
            assert comment.covered == cell.text
            in_cells += 1
    assert in_cells == 6


def test_libreoffice_reads_every_comment(city, tmp_path):
    """LibreOffice converts the annotated copy to PDF, each comment a PDF note."""
    soffice = find_soffice()
    if soffice is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice is installed by .ci/run; soffice not found")
        pytest.skip("LibreOffice (soffice) is not installed")
    export = 'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}'
    command = [
        soffice,
        f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        export,
        "--outdir",
        str(tmp_path),
        str(city["target"]),
    ]
    done = subprocess.run(
        command,
        capture_output=True,
        timeout=120,
        env={**os.environ, "HOME": str(tmp_path)},
        check=False,
    )
    pdf = tmp_path / "city.checked.pdf"
    assert done.returncode == 0 and pdf.exists(), done.stderr.decode(errors="replace")
    notes = _pdf_notes(pdf)
    assert Counter(re.search(r"\[([a-z0-9-]+)\]", n).group(1) for n in notes) == Counter(
        f["rule"] for f in city["findings"]
    )


def _pdf_notes(pdf: Path) -> list[str]:
    """The contents of the note (/Text) annotations of every page."""
    import pdfplumber
    from pdfminer.pdftypes import resolve1

    notes = []
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            for annot in resolve1(page.page_obj.annots) or []:
                annot = resolve1(annot)
                contents = annot.get("Contents")
                if getattr(annot.get("Subtype"), "name", None) == "Text" and contents:
                    notes.append(
                        contents.decode("utf-16")
                        if contents[:2] == b"\xfe\xff"
                        else contents.decode("latin-1")
                    )
    return notes


# -- filters, exit codes, refusals ----------------------------------------------------------


def test_the_filters_of_check_apply(tmp_path):
    source = tmp_path / CITY.name
    shutil.copyfile(CITY, source)
    chosen = "table-total-mismatch,table-balance-mismatch"
    run = cli("annotate", str(source), "--select", chosen, "--lang", "en")
    _, comments = read_comments(tmp_path / "example-city-2024-faulty.checked.docx")
    assert run.code == 1
    assert {c.text.splitlines()[1] for c in comments} == {
        "[table-total-mismatch] error",
        "[table-balance-mismatch] error",
    }
    assert (
        sorted(c.rule for c in comments)
        == ["table-balance-mismatch"] * 2 + ["table-total-mismatch"] * 2
    )


def test_the_configuration_beside_the_report_applies(tmp_path):
    source = tmp_path / CITY.name
    shutil.copyfile(CITY, source)
    (tmp_path / ".ogilint.yaml").write_text("ignore: [table-blank-cell, text-table-mismatch]\n")
    cli("annotate", str(source), "-o", str(tmp_path / "out.docx"))
    _, comments = read_comments(tmp_path / "out.docx")
    rules = {c.rule for c in comments}
    assert len(comments) == 6 and not rules & {"table-blank-cell", "text-table-mismatch"}


def test_a_baseline_hides_known_findings(tmp_path):
    source = tmp_path / CITY.name
    shutil.copyfile(CITY, source)
    baseline = tmp_path / "baseline.json"
    assert cli("check", str(source), "--write-baseline", str(baseline)).code == 0
    run = cli(
        "annotate", str(source), "--baseline", str(baseline), "-o", str(tmp_path / "out.docx")
    )
    _, comments = read_comments(tmp_path / "out.docx")
    assert (run.code, comments) == (0, [])


def test_output_onto_the_input_is_refused(tmp_path):
    source = tmp_path / "report.docx"
    shutil.copyfile(CITY_CLEAN, source)
    before = sha256(source)
    run = cli("annotate", str(source), "-o", str(source))
    assert run.code == 2
    assert run.stderr.strip().count("\n") == 0
    assert "is one of the reports being checked" in run.stderr
    assert sha256(source) == before


def test_a_clean_report_gets_no_comment_and_exit_0(tmp_path):
    source = tmp_path / "clean.docx"
    shutil.copyfile(CITY_CLEAN, source)
    run = cli("annotate", str(source))
    _, comments = read_comments(tmp_path / "clean.checked.docx")
    assert (run.code, comments) == (0, [])


def test_a_report_that_is_not_word_becomes_the_html_page(tmp_path):
    """The county sample as text: the page of --format html, beside it, one note a finding."""
    source = tmp_path / COUNTY.name
    shutil.copyfile(COUNTY, source)
    run = cli("annotate", str(source), "--ignore", "invalid-phone")
    page = (tmp_path / "example-county-2018-faulty.checked.html").read_text(encoding="utf-8")
    expected = findings(source, "--ignore", "invalid-phone")
    assert run.code == 1
    assert page.lower().startswith("<!doctype html")
    assert sorted(re.findall(r'<div class="note [^"]*"[^>]*data-rule="([a-z-]+)"', page)) == sorted(
        f["rule"] for f in expected
    )
    assert len(expected) == 7


# -- a real shared report, its figures in table cells and inside a frame ---------------------


def test_a_shared_report_with_figures_in_cells(reports, tmp_path):
    """changzhou-2018 (traditional characters) with its figure paragraphs in Word tables."""
    source = tmp_path / "changzhou.docx"
    source.write_bytes(word_document(report_text("changzhou-2018"), figures_in_table=True))
    run = cli("annotate", str(source))
    document, comments = read_comments(tmp_path / "changzhou.checked.docx")
    expected = findings(source)
    assert run.code == 1
    assert [c.rule for c in comments] == [f["rule"] for f in expected]
    for comment, finding in zip(comments, expected, strict=True):
        cell = document.tables[finding["table"] - 1].cell(finding["row"] - 1, finding["cell"] - 1)
        assert comment.in_cell() is cell._tc
    total = next(c for c in comments if c.rule == "total-mismatch")
    assert total.covered == "2425件"


def test_the_words_of_a_comment_are_in_the_catalogue():
    from linter import annotate_docx

    source = Path(annotate_docx.__file__).read_text(encoding="utf-8")
    used = set(re.findall(r'_word\(\s*"([a-z-]+)"', source)) | {"error", "warning", "info"}
    words = yaml.safe_load((Path(annotate_docx.rules_dir()) / annotate_docx.WORDS).read_text())
    assert used <= set(words)
    assert all(set(words[key]) == {"zh", "en"} for key in words)
    assert not re.search(r"[\u4e00-\u9fff]", source)  # no Chinese words in the code


def test_a_shared_report_inside_a_frame(reports, tmp_path):
    """wuxi-2015 laid out in a one-cell frame table: its paragraphs are the body's."""
    document = docx.Document()
    cell = document.add_table(rows=1, cols=1).cell(0, 0)
    lines = report_text("wuxi-2015").split("\n")
    cell.paragraphs[0].add_run(lines[0])
    for line in lines[1:]:
        cell.add_paragraph(line)
    source = tmp_path / "framed.docx"
    document.save(str(source))
    cli("annotate", str(source))
    annotated, comments = read_comments(tmp_path / "framed.checked.docx")
    frame = annotated.tables[0].cell(0, 0)._tc
    phone = [c for c in comments if c.rule == "invalid-phone"]
    assert [(c.covered, c.in_cell() is frame) for c in phone] == [("51528016", True)]
    assert len(comments) == len(findings(source))


def test_the_readme_excerpt_is_the_real_output(city):
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("<!-- annotate:begin") : readme.index("<!-- annotate:end")]
    blocks = re.findall(r"```text\n(.*?)```", section, re.S)
    stderr = city["run"].stderr.replace(str(city["target"]), "city.checked.docx")
    assert blocks[0] in stderr
    paragraphs = [p._p for p in city["document"].paragraphs]
    listing = ""
    for comment, finding in zip(city["comments"], city["findings"], strict=True):
        if comment.in_cell() is not None:
            where = f"table {finding['table']}, row {finding['row']}, cell {finding['cell']}"
        else:
            where = f"paragraph {paragraphs.index(comment.paragraph) + 1}"
        body = "".join(f"  {line}\n" for line in comment.text.splitlines())
        listing += f'{where} "{comment.covered}"\n{body}'
    entries = re.split(r"\n(?=\S)", blocks[1].strip())
    assert len(entries) == 3
    for entry in entries:
        assert entry + "\n" in listing, entry


def test_the_installed_python_docx_writes_comments():
    from importlib.metadata import version

    assert tuple(int(x) for x in version("python-docx").split(".")[:2]) >= (1, 2)
    assert hasattr(docx.document.Document, "add_comment")


def test_a_finding_without_a_place_goes_on_the_nearest_paragraph(county, tmp_path):
    """A place the document does not have (it changed since the check): said, not dropped."""
    from linter import annotate_docx
    from linter.engine import Settings, catalogue
    from linter.records import FileResult, Finding, Location, Severity
    from linter.rulebook import shipped_packs

    data = county["source"].read_bytes()
    doc = load_bytes(data, "county.docx")
    line = next(i for i, text in enumerate(doc.lines, 1) if "申请120件" in text)
    lost = Finding(
        "county.docx",
        "total-mismatch",
        Severity.ERROR,
        Location(line, 3, line, 5, paragraph=10_000),
    )
    result = FileResult("county.docx", "ogi-2008", 2018, None, (lost,))
    written, count = annotate_docx.annotate(
        data, doc, result, catalogue([result], shipped_packs(), Settings()), "zh"
    )
    (tmp_path / "out.docx").write_bytes(written)
    _, comments = read_comments(tmp_path / "out.docx")
    assert count == len(comments) == 1
    assert "申请120件" in comments[0].covered  # the whole paragraph at that line
    assert comments[0].text.splitlines()[-1] == "(未能在文档中精确定位,批注在最近的段落)"
