"""`ogilint serve` used as a drafter would: a real server process, a real headless Chromium.

The server is the real command (`ogilint serve --port 0`), started once for the
module; every page is driven through the browser: choose files, press the
button, read the page that comes back, download the commented Word copy.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import docx
import pytest
from annotated_page import assert_every_finding_shown
from browser import screenshot
from conftest import run_ogilint

pytest.importorskip("starlette")

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_reports"
FAULTY = SAMPLES / "example-bureau-2020-faulty.docx"
CORPUS = ROOT.parent / "shared" / "corpus" / "reports"


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    """The address of a running `ogilint serve` on a free loopback port."""
    folder = tmp_path_factory.mktemp("serve")
    log = folder / "server.log"
    with log.open("w") as errors:
        proc = subprocess.Popen(
            [sys.executable, "-m", "linter", "serve", "--port", "0", "--jobs", "2"],
            cwd=folder,
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
        )
    line = proc.stdout.readline()
    found = re.search(r"http://\S+/", line)
    assert found, (line, log.read_text())
    yield found.group(0)
    helpers = _descendants(proc.pid)
    proc.terminate()
    proc.wait(timeout=10)
    # Stopping the server stops its fork server and check workers too.
    deadline = time.monotonic() + 10
    while (alive := [p for p in helpers if Path(f"/proc/{p}").exists()]) and (
        time.monotonic() < deadline
    ):
        time.sleep(0.1)
    assert not alive, f"processes outlived the server: {alive}"
    # Uploads are never logged: the server wrote nothing about them.
    assert "faulty" not in log.read_text() and "corpus" not in log.read_text()


def _descendants(pid: int) -> list[int]:
    """Every process under `pid` (from /proc: the fork server and its workers)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        kids = children.get(todo.pop(), [])
        found += kids
        todo += kids
    return found


def _upload(page, server: str, *files: Path, lang: str = "zh") -> None:
    page.goto(f"{server}?lang={lang}")
    page.set_input_files("#files", [str(f) for f in files])
    page.click("#submit")
    page.wait_for_load_state()


def _local_only(page, server: str) -> None:
    """Every address the page names (links, sources, styles) is this server's or in-page."""
    urls = page.evaluate(
        """() => [...document.querySelectorAll('[href],[src],[action]')].map(
             e => e.getAttribute('href') || e.getAttribute('src') || e.getAttribute('action'))"""
    )
    host = urlparse(server).netloc
    for url in urls:
        parsed = urlparse(url)
        assert parsed.scheme in ("", "http", "data") and parsed.netloc in ("", host), url
    assert "@import" not in page.content() and "url(http" not in page.content()


def test_a_word_report_is_shown_annotated_and_its_commented_copy_downloads(server, page, tmp_path):
    report = run_ogilint("check", str(FAULTY), "--format", "json", "--no-cache", cwd=tmp_path)
    findings = report.json["files"][0]["findings"]
    assert findings
    _upload(page, server, FAULTY)
    assert "/r/" in page.url
    assert_every_finding_shown(page, report.json)
    _local_only(page, server)
    screenshot(page, "serve-report", 1000)
    with page.expect_download() as info:
        page.click("#word")
    saved = tmp_path / "copy.docx"
    info.value.save_as(saved)
    assert info.value.suggested_filename.endswith(".checked.docx")
    comments = list(docx.Document(str(saved)).comments)
    assert len(comments) == len(findings)
    for finding in findings:
        assert any(finding["rule"] in c.text for c in comments), finding["rule"]
    assert page.errors == []


def test_a_zip_of_the_corpus_gives_one_scorecard_row_per_report(server, page, tmp_path):
    reports = sorted(CORPUS.glob("*.txt"))
    if not reports:
        pytest.skip("the shared corpus is not here")
    archive = tmp_path / "corpus.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for report in reports:
            zf.write(report, report.name)
    _upload(page, server, archive, lang="en")
    rows = page.locator("#sweep tbody tr")
    assert rows.count() == len(reports)
    names = rows.locator("td.path").all_text_contents()
    assert sorted(Path(n).name for n in names) == [r.name for r in reports]
    _local_only(page, server)
    screenshot(page, "serve-dashboard", 1000)
    rows.first.locator("a").click()  # each row opens that report's annotated page
    page.wait_for_load_state()
    assert re.search(r"/r/[\w-]+/\d+$", page.url)
    assert Path(names[0]).name in page.locator("body").inner_text()
    assert page.errors == []


def _bomb(folder: Path) -> Path:
    """A 200 KB archive that inflates past the CLI's input limit."""
    target = folder / "bomb.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("report.txt", b"0" * (210 * 1024 * 1024))
    return target


def _image(folder: Path) -> Path:
    from PIL import Image

    target = folder / "photo.png"
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(buffer, "PNG")
    target.write_bytes(buffer.getvalue())
    return target


@pytest.mark.parametrize("make", ["empty", "image", "bomb", "outside"])
def test_a_non_report_gets_a_one_line_reason_and_the_server_keeps_answering(
    server, page, tmp_path, make
):
    if make == "empty":
        upload = tmp_path / "empty.docx"
        upload.write_bytes(b"")
    elif make == "image":
        upload = _image(tmp_path)
    elif make == "bomb":
        upload = _bomb(tmp_path)
    else:
        upload = tmp_path / "outside.zip"
        with zipfile.ZipFile(upload, "w") as zf:
            zf.writestr("../../etc/report.txt", "x")
    _upload(page, server, upload, lang="en")
    reason = page.locator(".reason")
    assert reason.count() == 1
    text = reason.inner_text()
    assert "\n" not in text.strip() and text.startswith(upload.name), text
    if make == "bomb":
        screenshot(page, "serve-refused", 800)
    page.goto(server)  # still answering
    assert page.locator("#files").count() == 1


def test_the_form_is_local_and_speaks_chinese_then_english(server, page):
    page.goto(server)
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    assert "检查" in page.locator("button").inner_text()
    _local_only(page, server)
    screenshot(page, "serve-form", 900)
    page.click("header a.lang")
    assert "Check" in page.locator("button").inner_text()
    assert page.errors == []


def test_twenty_concurrent_uploads_are_all_answered_with_their_report(server):
    """Load on loopback: 20 uploads at once (the samples in every container), bounded."""
    import time
    from concurrent.futures import ThreadPoolExecutor

    import httpx

    samples = sorted(SAMPLES.glob("example-*-faulty.*"))
    samples = [p for p in samples if p.suffix in (".docx", ".html", ".pdf", ".txt")]
    assert samples
    uploads = [samples[i % len(samples)] for i in range(20)]

    def upload(path: Path) -> tuple[float, str, str]:
        started = time.monotonic()
        with httpx.Client(timeout=120, follow_redirects=True) as client:
            files = {"files": (path.name, path.read_bytes())}
            answer = client.post(f"{server}check", files=files)
        return time.monotonic() - started, answer.text, str(answer.url)

    with ThreadPoolExecutor(max_workers=20) as pool:
        answers = list(pool.map(upload, uploads))
    for path, (_, text, url) in zip(uploads, answers, strict=True):
        assert "/r/" in url and path.name in text, (path.name, url)
    latencies = sorted(seconds for seconds, _, _ in answers)
    assert latencies[-1] < 120  # all answered; the figures go in docs/serve.md, not here
