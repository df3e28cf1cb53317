"""Scanned PDFs read with OCR (the `ocr` extra): a real report's pages as images.

huaian-2024.pdf is rendered page by page with pypdfium2 and wrapped as an
image-only PDF, as a scanner would make it: once straight, and once with its
table pages blurred and speckled, one skewed by 2 degrees, one fed sideways.
Each must give what the text layer gives: the same findings and the same
figures in the same table rows. OCR is slow on a small machine, so each scan
is read once per module.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from linter.analysis import analyse
from linter.document import Document
from linter.engine import Settings, catalogue, check_document
from linter.formatters import FormatOptions, render
from linter.loaders import load_bytes
from linter.rulebook import shipped_packs

ROOT = Path(__file__).resolve().parents[1]
HUAIAN = ROOT.parent / "shared" / "corpus" / "reports" / "huaian-2024.pdf"
SCAN_DPI = 200  # a common scanner setting; the loader renders at its own DPI
BAD_PAGES = (3, 4)  # 0-based: the pages holding tables 三 and 四


@pytest.fixture(scope="module")
def original() -> bytes:
    if not HUAIAN.is_file():
        pytest.skip(f"the shared corpus is missing ({HUAIAN})")
    return HUAIAN.read_bytes()


def _render(data: bytes, pages: tuple[int, ...] | None = None) -> list:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(data)
    chosen = range(len(pdf)) if pages is None else pages
    images = [pdf[i].render(scale=SCAN_DPI / 72).to_pil().convert("L") for i in chosen]
    pdf.close()
    return images


def _image_pdf(images: list) -> bytes:
    """An image-only PDF, one page per image, as a scanner writes it."""
    buffer = io.BytesIO()
    images[0].save(buffer, "PDF", save_all=True, append_images=images[1:], resolution=SCAN_DPI)
    return buffer.getvalue()


def _scanned_badly(image, degrees: float, seed: int):
    """`image` skewed by `degrees`, with sensor noise, specks and a slight blur."""
    import numpy as np
    from PIL import Image, ImageFilter

    turned = image.rotate(degrees, resample=Image.BICUBIC, expand=True, fillcolor=255)
    rng = np.random.default_rng(seed)
    pixels = np.asarray(turned, dtype=np.float32) + rng.normal(0, 18, turned.size[::-1])
    specks = rng.random(pixels.shape)
    pixels[specks < 0.002] = 0
    pixels[specks > 0.998] = 255
    noisy = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
    return noisy.filter(ImageFilter.GaussianBlur(0.6))


def _text_layer_pages(data: bytes, pages: tuple[int, ...]) -> bytes:
    """The same pages with their text layer: what the scan must read the same as."""
    import pypdfium2

    source = pypdfium2.PdfDocument(data)
    subset = pypdfium2.PdfDocument.new()
    subset.import_pages(source, list(pages))
    buffer = io.BytesIO()
    subset.save(buffer)
    return buffer.getvalue()


def _timed_load(data: bytes, name: str, pages: int) -> Document:
    start = time.perf_counter()
    doc = load_bytes(data, name)
    seconds = time.perf_counter() - start
    print(f"\nOCR of {name}: {seconds:.1f} s, {seconds / pages:.1f} s per page")
    return doc


@pytest.fixture(scope="module")
def scanned(original) -> Document:
    return _timed_load(_image_pdf(_render(original)), "scan.pdf", 6)


@pytest.fixture(scope="module")
def badly_scanned(original) -> tuple[Document, Document]:
    """(text layer, noisy scan) of the pages with tables 三 and 四: the first skewed
    by 2 degrees, the second fed sideways."""
    first, second = _render(original, BAD_PAGES)
    images = [_scanned_badly(first, 2.0, 1), _scanned_badly(second, -90, 2)]
    scan = _timed_load(_image_pdf(images), "bad-scan.pdf", len(images))
    return load_bytes(_text_layer_pages(original, BAD_PAGES), "pages.pdf"), scan


def _record(doc: Document, lang: str = "zh", output: str = "json") -> dict | str:
    """The file's record in JSON (or the whole text output), as the CLI writes it."""
    packs, settings = shipped_packs(), Settings()
    result = check_document(doc, packs, settings)
    words = catalogue([result], packs, settings)
    out = render(output, [result], words, FormatOptions(lang=lang))
    return json.loads(out)["files"][0] if output == "json" else out


def _findings(doc: Document) -> list[tuple[str, str, str]]:
    return sorted((f["rule"], f["severity"], f["message"]) for f in _record(doc)["findings"])


def _figures(doc: Document) -> list[list[str]]:
    """Every table row's cells that hold a figure, table by table, row by row."""
    return [
        [cell for cell in row if cell.replace(".", "").isdigit()]
        for table in doc.tables
        for row in table.rows
    ]


def _similarity(a: Document, b: Document) -> float:
    """Share of characters two documents have in common (spaces and width aside)."""
    import difflib
    import unicodedata

    def plain(doc: Document) -> str:
        return "".join(unicodedata.normalize("NFKC", doc.text).split())

    return difflib.SequenceMatcher(None, plain(a), plain(b), autojunk=False).ratio()


def test_a_scanned_report_gives_the_findings_of_its_text_layer(original, scanned) -> None:
    assert scanned.meta["ocr"] is True
    assert _findings(scanned) == _findings(load_bytes(original, "huaian-2024.pdf"))


def test_a_scanned_report_keeps_its_lines_and_its_table_figures(original, scanned) -> None:
    text_layer = load_bytes(original, "huaian-2024.pdf")
    assert len(scanned.text.splitlines()) == len(text_layer.text.splitlines())
    assert _similarity(scanned, text_layer) > 0.99
    assert _figures(scanned) == _figures(text_layer)
    found = sorted(analyse(scanned).standard_tables)
    assert found == sorted(analyse(text_layer).standard_tables) != []


def test_a_skewed_sideways_noisy_scan_reads_as_its_text_layer(badly_scanned) -> None:
    text_layer, scan = badly_scanned
    assert _findings(scan) == _findings(text_layer)
    assert _figures(scan) == _figures(text_layer)
    assert _similarity(scan, text_layer) > 0.97


def test_findings_from_ocr_say_so_in_every_format(scanned) -> None:
    assert _record(scanned)["ocr"] is True
    for lang, said in (("zh", "经OCR识别"), ("en", "read with OCR")):
        text = _record(scanned, lang, "text")
        summary = text.splitlines()[-3:]  # the counts, the rules, then the OCR note
        assert any(said in line for line in summary), text


def test_a_text_pdf_is_not_marked_as_ocr(original) -> None:
    doc = load_bytes(original, "huaian-2024.pdf")
    assert "ocr" not in doc.meta and "ocr" not in _record(doc)
    assert "OCR" not in _record(doc, "en", "text")


def test_without_the_extra_a_scan_says_how_to_install_it(tmp_path) -> None:
    from PIL import Image, ImageDraw

    image = Image.new("L", (800, 1100), 255)
    ImageDraw.Draw(image).text((100, 100), "2024", fill=0)
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(_image_pdf([image]))
    hide_the_extra = (
        "import sys; sys.modules['rapidocr_onnxruntime'] = None; "
        "from linter.cli import main; sys.argv[0] = 'ogilint'; main()"
    )
    run = subprocess.run(
        [sys.executable, "-c", hide_the_extra, "check", "--lang", "en", str(scan)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert run.returncode == 2, run.stderr
    said = "cannot read: no text layer (scanned?) — install the OCR extra to read it"
    assert f'{said}: pip install "ogilint[ocr]"' in run.stdout, run.stdout
