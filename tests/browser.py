"""A real headless Chromium for the tests of pages ogilint writes (annotated report,
dashboard, `ogilint serve`), driven by Playwright against Debian's `chromium`.

Playwright's own browser download cannot run here (no network beyond the package
registries), so the system browser is launched by path. `.ci/run` installs it; on a
developer machine without it the browser tests skip with the one-line reason below,
and under CI=true they fail instead (a missing browser must not pass silently).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

ARTEFACTS = Path(__file__).resolve().parent / "artefacts"

# Without the background-networking flags Chromium tries to reach Google's hosts
# at every start, and this machine's closed network refuses them many at a time.
_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    return os.environ.get("OGILINT_CHROMIUM") or shutil.which("chromium")


def _missing(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One Chromium per test session (per xdist worker); pages are cheap, starts are not."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright is a test dependency: pip install -e .[test]")
    path = chromium_path()
    if path is None:
        _missing("Chromium is not installed (apt-get install chromium): browser tests skipped")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=path, args=_FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser) -> Iterator[object]:
    """A fresh page; console errors and uncaught exceptions are collected on `page.errors`."""
    context = browser.new_context()
    opened = context.new_page()
    errors: list[str] = []
    opened.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    opened.on("pageerror", lambda e: errors.append(str(e)))
    opened.errors = errors
    yield opened
    context.close()


def screenshot(page, name: str, width: int, height: int = 900) -> Path:
    """Save a full-page screenshot at a viewport width as a test artefact (tests/artefacts/)."""
    ARTEFACTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": width, "height": height})
    target = ARTEFACTS / f"{name}-{width}.png"
    page.screenshot(path=str(target), full_page=True)
    return target
