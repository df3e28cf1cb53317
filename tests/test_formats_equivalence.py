"""Every real report gives the same findings whatever container it comes in.

Each of the five 2008-regime corpus reports is built as a GB18030 text file,
UTF-8 with BOM and CRLF, a GBK web page full of site furniture, a .docx (one
paragraph per line, and a variant with the figures in Word tables) and a PDF
with wrapped paragraphs, a running header and page numbers; `ogilint check`
must report the same rule ids for each as for the plain text. The findings
carry the native location, which planted defects pin down.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from fixtures_formats import (
    CORPUS,
    REPORTS,
    TRADITIONAL,
    VARIANTS,
    corpus_file,
    pdf_document,
    report_text,
    word_document,
)

from linter.loaders import load_bytes


def ogilint(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """The real command line, in a fresh interpreter."""
    return subprocess.run(
        [sys.executable, "-m", "linter", *args], input=stdin, capture_output=True, check=False
    )


def _files(stdout: bytes) -> dict[str, dict]:
    return {Path(f["path"]).name: f for f in json.loads(stdout)["files"]}


def _rule_ids(record: dict) -> set[str]:
    return {f["rule"] for f in record["findings"]}


@pytest.fixture(scope="module")
def containers(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("containers")
    paths = {}
    for name in REPORTS:
        for variant in VARIANTS:
            path = folder / f"{name}.{variant}"
            path.write_bytes(corpus_file(name, variant))
            paths[path.name] = path
    return paths


@pytest.fixture(scope="module")
def checked(containers) -> dict[str, dict]:
    plain = [str(CORPUS / f"{name}.txt") for name in REPORTS]
    run = ogilint("check", "--format", "json", *plain, *map(str, containers.values()))
    assert run.returncode in (0, 1), run.stderr.decode()
    return _files(run.stdout)


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("name", REPORTS)
def test_same_rule_ids_as_the_plain_text(checked, name: str, variant: str) -> None:
    assert _rule_ids(checked[f"{name}.{variant}"]) == _rule_ids(checked[f"{name}.txt"])


@pytest.mark.parametrize("variant", ["gb18030.txt", "bom-crlf.txt", "docx"])
@pytest.mark.parametrize("name", REPORTS)
def test_text_and_word_keep_the_line_numbers(checked, name: str, variant: str) -> None:
    def places(record: dict) -> set[tuple[str, int]]:
        return {(f["rule"], f["line"]) for f in record["findings"]}

    record = checked[f"{name}.{variant}"]
    assert places(record) == places(checked[f"{name}.txt"])
    if variant == "docx":  # one paragraph per line: paragraph n is line n
        assert all(f.get("paragraph", f["line"]) == f["line"] for f in record["findings"])


@pytest.mark.parametrize(
    ("variant", "encoding"),
    [
        ("gb18030.txt", "gb18030"),
        ("bom-crlf.txt", "utf-8-sig"),
        ("gbk.html", "gb18030"),
        ("docx", None),
        ("pdf", None),
    ],
)
def test_the_encoding_read_is_reported(checked, variant: str, encoding: str | None) -> None:
    assert checked[f"wuxi-2015.{variant}"]["encoding"] == encoding


@pytest.mark.parametrize("variant", VARIANTS)
def test_the_traditional_report_survives_every_container(checked, variant: str) -> None:
    doc = load_bytes(corpus_file(TRADITIONAL, variant), f"report.{variant}")
    assert "2018年常州市政府信息公開年度報告" in doc.lines
    (total,) = [
        f for f in checked[f"{TRADITIONAL}.{variant}"]["findings"] if f["rule"] == "total-mismatch"
    ]
    assert "依申請公開2425件" in total["excerpt"]  # quoted as written, not simplified


def test_findings_in_word_tables_name_the_table_and_row(checked) -> None:
    (total,) = [
        f for f in checked[f"{TRADITIONAL}.table.docx"]["findings"] if f["rule"] == "total-mismatch"
    ]
    assert {"table", "row"} <= total.keys()
    assert "paragraph" not in total


def test_input_files_are_never_written(containers, checked) -> None:
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in containers.values()}
    run = ogilint("check", "--format", "json", *map(str, containers.values()))
    assert run.returncode in (0, 1)
    assert {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in containers.values()} == before
    assert {p.name for p in next(iter(containers.values())).parent.iterdir()} == set(containers)


def test_a_container_on_stdin_is_sniffed_too(checked) -> None:
    run = ogilint("check", "-", "--format", "json", stdin=corpus_file("wuxi-2015", "pdf"))
    assert _rule_ids(_files(run.stdout)["<stdin>"]) == _rule_ids(checked["wuxi-2015.txt"])


# -- planted defects, located in the original ---------------------------------------

PLANT = ("其他情形6件", "其他情形7件")  # baoding line 61: review 20 = 10 + 4 + 6 becomes 10 + 4 + 7


def _planted() -> tuple[str, int]:
    text = report_text("baoding-2018")
    assert text.count(PLANT[0]) == 1
    planted = text.replace(*PLANT)
    line = next(i for i, s in enumerate(planted.split("\n"), start=1) if PLANT[1] in s)
    return planted, line


def _planted_finding(path: Path, *args: str) -> dict:
    run = ogilint("check", "--format", "json", *args, str(path))
    (finding,) = [
        f for f in _files(run.stdout)[path.name]["findings"] if f["rule"] == "total-mismatch"
    ]
    return finding


def test_planted_defect_in_a_pdf_is_reported_on_its_page(tmp_path) -> None:
    text, line = _planted()
    data, pages = pdf_document(text, new_page_before=line)
    path = tmp_path / "baoding.pdf"
    path.write_bytes(data)
    finding = _planted_finding(path)
    assert pages[line] > 1
    assert finding["page"] == pages[line]
    shown = ogilint("check", str(path)).stdout.decode()
    assert f"baoding.pdf:{finding['line']}:{finding['column']} (第{pages[line]}页)" in shown
    extracted = ogilint("extract", str(path)).stdout.decode().split("\n")
    assert PLANT[1] in extracted[finding["line"] - 1]


def test_planted_defect_in_a_docx_is_reported_in_its_paragraph(tmp_path) -> None:
    text, _ = _planted()
    path = tmp_path / "baoding.docx"
    path.write_bytes(word_document(text, info_table=True))
    paragraphs = docx.Document(str(path)).paragraphs
    number = next(i for i, p in enumerate(paragraphs, start=1) if PLANT[1] in p.text)
    finding = _planted_finding(path)
    assert finding["paragraph"] == number
    assert finding["line"] == number + 2  # the two rows of the table before it
    shown = ogilint("check", "--lang", "en", str(path)).stdout.decode()
    assert f"baoding.docx:{finding['line']}:{finding['column']} (paragraph {number})" in shown


def test_extract_prints_the_checked_text_numbered_with_native_places(containers) -> None:
    path = containers[f"{TRADITIONAL}.table.docx"]
    shown = ogilint("extract", "--locations", str(path)).stdout.decode().split("\n")
    doc = load_bytes(path.read_bytes(), path.name)
    assert len(shown) == len(doc.lines) + 1  # and the final newline
    assert [part.strip() for part in shown[0].split(" | ")] == ["1", "第1段", doc.lines[0]]
    table = doc.tables[0]
    row = shown[table.first_line].split(" | ")
    assert row[0].strip() == str(table.first_line + 1)
    assert row[1].strip() == "表1, 第1行"
    record = json.loads(ogilint("extract", "--format", "json", str(path)).stdout)
    assert record["lines"] == doc.lines
    assert len(record["tables"]) == len(doc.tables)
    assert record["blocks"][0] == {
        "kind": "paragraph",
        "first_line": 1,
        "last_line": 1,
        "paragraph": 1,
    }
