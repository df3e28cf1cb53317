"""What a terminal gets: width in display cells, colour, progress, streaming, and no raw control.

The real CLI runs with its stdout (and stderr) on a pseudo-terminal, as a user
at a terminal runs it, and piped, as CI and scripts run it.
"""

from __future__ import annotations

import json
import os
import pty
import re
import select
import shutil
import subprocess
import sys
import time
import unicodedata
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES, run_ogilint

from linter.formatters.text import fit_excerpt
from linter.terminal import colour_wanted

COUNTY = SAMPLES / "example-county-2018-faulty.txt"  # CJK lines far wider than 60 cells
CITY_HTML = SAMPLES / "example-city-2024-faulty.html"
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
# Any control character but the line break: what must never reach the reader raw.
_RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def cells(text: str) -> int:
    """Display cells, counted independently of rich: wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _env(**changes: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS")}
    env["TERM"] = "xterm-256color"
    for key, value in changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def _drain(fds: list[int], out: dict[int, bytes], timeout: float = 60) -> None:
    """Read every pty until its writer is gone."""
    deadline = time.monotonic() + timeout
    while fds and time.monotonic() < deadline:
        ready, _, _ = select.select(fds, [], [], 1)
        for fd in ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # the follower side closed: nothing more
                chunk = b""
            if chunk:
                out[fd] += chunk
            else:
                fds.remove(fd)


def on_a_terminal(*args: str, env: dict[str, str], stderr_tty: bool = False) -> tuple[str, str]:
    """Run the CLI with stdout (and, if asked, stderr) on pseudo-terminals: (stdout, stderr)."""
    out_leader, out_follower = pty.openpty()
    err_leader, err_follower = pty.openpty() if stderr_tty else (None, None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "linter", *args],
        stdout=out_follower,
        stderr=err_follower if stderr_tty else subprocess.PIPE,
        cwd=ROOT,
        env=env,
    )
    os.close(out_follower)
    fds = [out_leader] + ([err_leader] if stderr_tty else [])
    if stderr_tty:
        os.close(err_follower)
    out = {fd: b"" for fd in fds}
    _drain(list(fds), out)
    err = out[err_leader] if stderr_tty else proc.stderr.read()
    proc.wait(timeout=60)
    for fd in fds:
        os.close(fd)
    decode = lambda b: b.decode("utf-8").replace("\r\n", "\n")  # noqa: E731 (the pty's CRLF)
    return decode(out[out_leader]), decode(err)


# --- width in display cells, and the caret ---------------------------------------------


def _spans(path: Path) -> dict[tuple[int, int], str]:
    """Each finding's offending text, from the findings' places and the source lines."""
    lines = path.read_text(encoding="utf-8").splitlines()
    (result,), _ = _check([path])
    return {
        (f.line, f.column): lines[f.line - 1][f.column - 1 : f.end_column - 1]
        for f in result.findings
        if f.excerpt and f.end_line == f.line
    }


def _at_cell(text: str, start: int, width: int) -> str:
    """The characters of `text` that occupy display cells start .. start+width."""
    shown, used = [], 0
    for char in text:
        if start <= used < start + width:
            shown.append(char)
        used += cells(char)
    return "".join(shown)


def test_excerpts_are_cut_to_the_terminal_width_in_cells_with_the_caret_under_the_span():
    spans = _spans(COUNTY)
    out, _ = on_a_terminal("check", str(COUNTY), env=_env(COLUMNS="60"))
    assert "\x1b[" in out  # colour on a terminal, by default
    lines = [_ANSI.sub("", line) for line in out.splitlines()]
    checked = cut = 0
    for i, line in enumerate(lines):
        if head := re.match(r"(\S.*?):(\d+):(\d+)(?: \([^)]*\))?: ", line):
            span = spans.get((int(head[2]), int(head[3])))
        if not re.match(r" +\d+ \| ", line):
            continue
        source, caret = line, lines[i + 1]
        assert cells(source) <= 60 and cells(caret) <= 60, source
        gutter = source.index(" | ") + 3
        start = cells(caret[gutter:]) - cells(caret[gutter:].lstrip(" "))
        under = _at_cell(source[gutter:], start, caret.count("^"))
        # What the caret stands under is the offending text (its start, when cut).
        assert under and span.startswith(under.rstrip("…")), (source, caret, span)
        checked += 1
        cut += "…" in source
    assert checked >= 6 and cut >= 4


def test_a_cut_excerpt_keeps_the_caret_on_the_span_at_every_width():
    before, span, after = "全县共受理政府信息公开申请" * 3, "120件", ",其中当面申请18件" * 4
    for width in (None, *range(20, 200)):  # up to the whole excerpt, uncut
        text, lead, marked = fit_excerpt(before, span, after, width)
        assert cells(text) <= (width or 999), width
        assert _at_cell(text, lead, marked) == span, width


# --- colour --------------------------------------------------------------------------------


def _coloured(out: str) -> bool:
    return "\x1b[" in out and "total-mismatch" in out


def test_no_color_turns_colour_off_only_when_set_and_not_empty():
    assert _coloured(on_a_terminal("check", str(COUNTY), env=_env(NO_COLOR=""))[0])
    name = str(COUNTY.relative_to(ROOT))
    plain = on_a_terminal("check", name, env=_env(NO_COLOR="1", COLUMNS="100"))[0]
    assert not _coloured(plain) and "total-mismatch" in plain
    # The README shows this very output (a terminal 100 columns wide).
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = re.search(r"## What the output looks like\n.*?```text\n(.*?)```", readme, re.S)
    assert shown and shown[1] == plain


def test_force_color_colours_a_pipe_which_gets_whole_excerpts_and_term_dumb_is_plain():
    piped = run_ogilint("check", str(COUNTY), env=_env(FORCE_COLOR="1", COLUMNS="60")).stdout
    assert _coloured(piped)
    # Piped, excerpts are not cut: there is no terminal width to fit.
    plain = _ANSI.sub("", piped)
    assert "…" not in plain and max(cells(line) for line in plain.splitlines()) > 100
    dumb = on_a_terminal("check", str(COUNTY), env=_env(TERM="dumb"))[0]
    assert not _coloured(dumb) and "total-mismatch" in dumb


def test_the_colour_flags_win_over_terminal_and_environment():
    forced = _env(FORCE_COLOR="1")
    assert not _coloured(on_a_terminal("check", str(COUNTY), "--no-color", env=forced)[0])
    assert colour_wanted(True, {"NO_COLOR": "1", "TERM": "dumb"}, is_terminal=False)
    assert not colour_wanted(None, {"FORCE_COLOR": "1"}, is_terminal=True, to_file=True)


# --- progress and streaming ----------------------------------------------------------------

MANY = 40  # more than the 20 that bring the bar, and than a pool reads ahead on a few cores


@pytest.fixture(scope="module")
def many(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("many")
    for i in range(MANY):
        shutil.copy(COUNTY, folder / f"r{i:02}.txt")
    return folder


def test_results_stream_per_file_and_a_progress_bar_shows_on_a_terminal(many):
    last = many / f"r{MANY - 1:02}.txt"
    os.utime(last, (0, last.stat().st_mtime))  # atime 0: reading it sets it (relatime)
    out_leader, out_follower = pty.openpty()
    err_leader, err_follower = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "linter", "check", str(many)],
        stdout=out_follower,
        stderr=err_follower,
        cwd=ROOT,
        env=_env(COLUMNS="100"),
    )
    os.close(out_follower)
    os.close(err_follower)
    # The first file's findings are on the terminal before the last file is read: the
    # run writes as it goes (and, once the terminal's buffer is full, waits for us).
    ready, _, _ = select.select([out_leader], [], [], 60)
    assert ready
    read_before_first_output = last.stat().st_atime != 0
    out = {out_leader: b"", err_leader: b""}
    _drain([out_leader, err_leader], out)
    proc.wait(timeout=60)
    os.close(out_leader)
    os.close(err_leader)
    if last.stat().st_atime == 0:
        pytest.skip("this file system does not record reads (atime)")
    assert not read_before_first_output
    stdout, stderr = out[out_leader].decode(), out[err_leader].decode()
    assert stdout.count("[total-mismatch]") == MANY
    assert f"/{MANY}" in stderr and "━" in stderr  # the bar, counting files
    assert "[total-mismatch]" not in stderr


def test_no_progress_bar_when_stderr_is_piped(many):
    out, err = on_a_terminal("check", "-q", str(many), env=_env())
    assert out.count("[total-mismatch]") == MANY
    assert err == ""


# --- control characters from the report and the file name --------------------------------


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    """A folder of reports that try to write to the terminal."""
    folder = tmp_path_factory.mktemp("hostile")
    text = COUNTY.read_text(encoding="utf-8")
    attack = "\x1b[2J\x1b]0;pwned\x07\x9b31m"
    (folder / "escapes.txt").write_text(text.replace("电子邮箱", attack + "电子邮箱", 1), "utf-8")
    page = CITY_HTML.read_text(encoding="utf-8")
    entity = "&#x1b;[2J&#x1b;]0;pwned&#x7;"
    (folder / "entities.html").write_text(page.replace("依申请公开。", "依申请公开。" + entity, 1))
    forged = "a\nforged.txt:1: 错误 [forged] x\x1b[2J.txt"
    (folder / forged).write_text(text, encoding="utf-8")
    return folder


def _check(paths: list[Path]):
    """The results of checking `paths` in this process, and the catalogue to word them."""
    from linter.engine import Settings, catalogue, check_document
    from linter.loaders import load_path
    from linter.rulebook import shipped_packs

    packs = shipped_packs()
    results = [check_document(load_path(str(p)), packs, Settings()) for p in paths]
    return results, catalogue(results, packs, Settings())


QUOTED = "\x1b[2J\x9b31m@x"  # report text a message quotes


def _quoting(result):
    """`result` with one message quoting hostile report text.

    No shipped rule quotes text that can hold a control character today (the values they
    quote are phone numbers, addresses, figures), but a message is written from whatever
    its facts say, so it is escaped like the rest.
    """
    findings = list(result.findings)
    i = next(i for i, f in enumerate(findings) if f.rule == "invalid-email")
    facts = {**findings[i].evidence.facts, "value": QUOTED}
    findings[i] = replace(findings[i], evidence=replace(findings[i].evidence, facts=facts))
    return replace(result, findings=tuple(findings))


@pytest.fixture(scope="module")
def checked(hostile):
    results, rules = _check(sorted(hostile.iterdir()))
    return [_quoting(results[0]), *results[1:]], rules


def test_the_hostile_reports_carry_raw_control_characters(checked):
    # Else the tests below would prove nothing: the escapes reach the findings' excerpts.
    results, _ = checked
    excerpts = [f.excerpt for r in results for f in r.findings]
    assert sum("\x1b[2J" in e for e in excerpts) >= 2
    assert any("\n" in r.path for r in results)


def test_no_text_format_lets_a_control_character_through(checked):
    from linter.formatters import FormatOptions, render

    results, rules = checked
    for name in ("text", "github", "junit"):
        for quiet in (False, True):
            shown = render(name, results, rules, FormatOptions(quiet=quiet))
            assert not _RAW_CONTROL.search(shown), name
            # Written out, visibly: from an excerpt or a file name, and from a message.
            assert "\\x1b[2J" in shown and "\\x1b[2J\\x9b31m@x" in shown, name
            # The newline in the file name started no line of its own.
            assert not any(line.startswith("forged.txt") for line in shown.splitlines()), name
    github = render("github", results, rules, FormatOptions())
    annotations = [line for line in github.splitlines() if line.startswith("::")]
    assert len(annotations) == sum(len(r.findings) for r in results)


def _strings(data) -> list[str]:
    if isinstance(data, dict):
        return [s for v in data.values() for s in _strings(v)]
    if isinstance(data, list):
        return [s for v in data for s in _strings(v)]
    return [data] if isinstance(data, str) else []


def test_json_formats_keep_the_text_and_escape_it(checked):
    from linter.formatters import FormatOptions, render

    results, rules = checked
    for name in ("json", "sarif", "gitlab"):
        shown = render(name, results, rules, FormatOptions())
        assert not _RAW_CONTROL.search(shown), name
        texts = _strings(json.loads(shown))
        assert any(QUOTED in text for text in texts), name  # the same text, once parsed


def test_a_file_name_with_a_newline_forges_no_quiet_line(hostile, checked):
    run = run_ogilint("check", "-q", str(hostile))
    lines = run.stdout.splitlines()
    results, _ = checked
    assert len(lines) == sum(len(r.findings) for r in results)
    assert all(line.startswith(str(hostile) + "/") for line in lines)
    assert not any("[forged]" in line.split(": ", 1)[1].split("]")[0] for line in lines)
    assert not _RAW_CONTROL.search(run.stdout)
    text = run_ogilint("check", "--no-color", str(hostile)).stdout
    assert not _RAW_CONTROL.search(text) and "\\x1b[2J\\x1b]0;pwned\\x07\\x9b31m" in text
