"""Paths and streams that block, never end or cannot be opened: one line each, the run goes on.

One `ogilint check` run takes a good report and every bad path together; it
must end within seconds with one input error per bad path and the good report
checked. The tests run as root, whom file modes do not stop: an unreadable
place is made with what stops root too (a name longer than the system allows,
a path through a file, a folder nested past PATH_MAX).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPORTS

from linter.loaders import load_bytes
from linter.rulebook import RuleFileError, extra_rules

GOOD = REPORTS / "wuxi-2015.txt"
LONG_NAME = "n" * 300  # past NAME_MAX (255): os.open fails for root too


def ogilint(*args: str, cwd: Path | None = None, stdin=None, timeout: float = 60):
    return subprocess.run(
        [sys.executable, "-m", "linter", "check", "--lang", "en", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        stdin=stdin if stdin is not None else subprocess.DEVNULL,
        timeout=timeout,
        check=False,
    )


def _deep_folder(root: Path) -> None:
    """Folders nested past PATH_MAX (4096): listing the deepest fails, even for root."""
    fd = os.open(root, os.O_RDONLY)
    try:
        for _ in range(18):
            os.mkdir("d" * 250, dir_fd=fd)
            inner = os.open("d" * 250, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = inner
    finally:
        os.close(fd)


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "report.txt").write_bytes(GOOD.read_bytes())
    (folder / "blocking.txt").parent.mkdir(exist_ok=True)
    os.mkfifo(folder / "blocking.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "loop.txt").symlink_to("loop.txt")
    (folder / "up").symlink_to(folder)  # a folder link back up: never followed
    _deep_folder(folder)
    paths = {
        "fifo": folder / "blocking.txt",
        "device": folder / "zero.txt",
        "loop": folder / "loop.txt",
        "through-a-file": folder / "report.txt" / "x.txt",
        "name-too-long": folder / LONG_NAME / "x.txt",
    }
    run = ogilint("--format", "json", str(GOOD), *map(str, paths.values()), str(folder), timeout=60)
    files = {}
    for result in json.loads(run.stdout)["files"]:
        files.setdefault(result["path"], result)
    return run, files, paths, folder


def test_the_run_ends_with_exit_2_and_no_traceback(hostile_run) -> None:
    run, files, _, _ = hostile_run
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert {f["rule"] for f in files[str(GOOD)]["findings"]} == {"invalid-phone"}


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("fifo", "a named pipe (FIFO), not a file"),
        ("device", "a device, not a file"),
        ("loop", "a symbolic link loop"),
        ("through-a-file", "Not a directory"),
        ("name-too-long", "File name too long"),
    ],
)
def test_each_bad_path_is_one_input_error(hostile_run, name: str, reason: str) -> None:
    _, files, paths, _ = hostile_run
    (finding,) = files[str(paths[name])]["findings"]
    assert finding["rule"] == "input-error" and reason in finding["details"]["reason"]


def test_a_folder_is_checked_and_what_it_skipped_said_once(hostile_run) -> None:
    run, files, _, folder = hostile_run
    assert {f["rule"] for f in files[str(folder / "report.txt")]["findings"]} == {"invalid-phone"}
    (said,) = [line for line in run.stderr.splitlines() if "skipped in" in line]
    assert "1 FIFO(s) or device(s)" not in said  # the FIFO and /dev/zero are two
    assert "2 FIFO(s) or device(s), 1 looping or dangling link(s)" in said
    assert "1 sub-folder(s) that cannot be opened" in said


def test_an_endless_stdin_stops_at_the_size_limit() -> None:
    with open("/dev/zero", "rb") as endless:
        run = ogilint("--max-file-size", "1", "-", stdin=endless, timeout=30)
    assert run.returncode == 2
    assert "file too large (1,048,577 bytes; the limit is 1,048,576 bytes, 1 MB)" in run.stdout


def test_the_size_limit_comes_from_the_configuration(tmp_path) -> None:
    (tmp_path / ".ogilint.yaml").write_text("max-file-size: 0.01\n", encoding="utf-8")
    report = tmp_path / "report.txt"
    report.write_bytes(GOOD.read_bytes())
    assert report.stat().st_size > 0.01 * 1024 * 1024
    run = ogilint("-q", str(report), cwd=tmp_path)
    assert run.returncode == 2 and "file too large" in run.stdout
    assert ogilint("-q", "--max-file-size", "1", str(report), cwd=tmp_path).returncode == 0


def test_a_report_past_the_time_limit_is_an_input_error_and_the_run_goes_on(tmp_path) -> None:
    big = tmp_path / "big.txt"
    big.write_text(GOOD.read_text(encoding="utf-8") * 400, encoding="utf-8")
    run = ogilint("--format", "json", "--time-limit", "0.5", str(big), str(GOOD), timeout=60)
    big_result, good = json.loads(run.stdout)["files"]
    (finding,) = big_result["findings"]
    assert finding["details"]["code"] == "took-too-long"
    assert "took too long (over the 0.5 s limit" in finding["details"]["reason"]
    assert good["findings"] and good["findings"][0]["rule"] != "input-error"


def test_output_to_a_path_that_cannot_exist_is_one_line(tmp_path) -> None:
    run = ogilint("--output", str(tmp_path / LONG_NAME / "out.json"), str(GOOD))
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert run.stderr.strip().endswith("File name too long") and run.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("name", "make", "said"),
    [
        ("fifo.yaml", lambda p: os.mkfifo(p), "not a regular file (fifo)"),
        ("zero.yaml", lambda p: p.symlink_to("/dev/zero"), "not a regular file (device)"),
        ("loop.yaml", lambda p: p.symlink_to("loop.yaml"), "Too many levels of symbolic links"),
        (
            "code.yaml",
            lambda p: p.write_text('pack: !!python/object/apply:os.system ["true"]\nrules: []\n'),
            "could not determine a constructor for the tag",
        ),
    ],
)
def test_a_rule_folder_entry_that_is_not_a_rule_file_is_one_error(tmp_path, name, make, said):
    rules = tmp_path / "rules"
    rules.mkdir()
    make(rules / name)
    with pytest.raises(RuleFileError, match=r"cannot read rule file|invalid YAML") as caught:
        extra_rules(rules)
    assert said in str(caught.value) and "\n" not in str(caught.value)


def test_a_rule_file_cannot_include_a_file_outside_its_folder(tmp_path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (tmp_path / "outside.yaml").write_text("pack: outside\nrules: []\n", encoding="utf-8")
    (rules / "mine.yaml").write_text(
        "pack: mine\ninclude: [../outside.yaml]\nrules: []\n", encoding="utf-8"
    )
    with pytest.raises(RuleFileError, match=r"outside the folder of mine\.yaml"):
        extra_rules(rules)


def test_a_configuration_with_a_python_tag_is_refused(tmp_path) -> None:
    (tmp_path / ".ogilint.yaml").write_text(
        'lang: !!python/object/apply:os.system ["touch pwned"]\n', encoding="utf-8"
    )
    run = ogilint(str(GOOD), cwd=tmp_path)
    assert run.returncode == 2 and "could not determine a constructor" in run.stderr
    assert not (tmp_path / "pwned").exists()


def test_a_web_page_is_read_without_fetching_anything() -> None:
    with socket.create_server(("127.0.0.1", 0)) as server:
        server.settimeout(0.3)
        url = f"http://127.0.0.1:{server.getsockname()[1]}"
        page = (
            f'<html><head><link rel="stylesheet" href="{url}/a.css">'
            f'<script src="{url}/a.js"></script><meta http-equiv="refresh" content="0;{url}">'
            f'</head><body><img src="{url}/a.png"><iframe src="{url}/f"></iframe>'
            f'<object data="{url}/o"></object><p style="background:url({url}/b.png)">'
            "示例县2021年政府信息公开工作年度报告</p></body></html>"
        )
        doc = load_bytes(page.encode(), "page.html")
        assert "年度报告" in doc.text
        with pytest.raises(TimeoutError):
            server.accept()
