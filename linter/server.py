"""`ogilint serve`: a local web page where a drafter drops reports and reads the findings.

One form (Chinese; English with `?lang=en`) takes one or more reports or .zip
archives of them, the report year, the regime and a rule selection. Each report
is checked in a worker process (`linter.serve_check`, through the runner's
per-file function), so a long PDF never holds up the event loop or another
upload. The answer is the annotated page of `--format html`; a Word report adds
a link to its copy with Word comments; several reports give the scorecard
dashboard with a link to each report's page.

Privacy: uploads are written to a temporary folder that is removed before the
response is sent, their names and contents are never logged (uvicorn's access
log is off), and the pages load nothing from anywhere: the form's own CSS and
script come from this server, the report pages are self-contained. What a
response links to (the pages, the commented copy) is kept in memory under an
unguessable token for `KEEP_SECONDS`, at most `KEEP_RESULTS` uploads.
"""

from __future__ import annotations

import asyncio
import html
import secrets
import shutil
import signal
import tempfile
import time
from collections import OrderedDict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any

import yaml
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from linter.engine import Settings
from linter.rulebook import rules_dir
from linter.serve_check import Checked, check_upload
from linter.uploads import Saved, UploadError, is_zip, safe_name, unpack

LABELS = "messages/serve.yaml"
ASSETS = Path(__file__).with_name("serve_assets")
MAX_FILES = 50  # files in one upload (an archive counts as one)
MAX_REQUEST = 256 * 1024 * 1024  # bytes in one upload, all files together
KEEP_RESULTS = 32  # uploads whose pages stay reachable
KEEP_SECONDS = 3600
YEARS = (2000, 2100)
_POLICY = (
    "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)


@lru_cache(maxsize=2)
def labels(lang: str) -> dict[str, str]:
    """The page's words in `lang` (rules/messages/serve.yaml)."""
    words = yaml.safe_load((rules_dir() / LABELS).read_text(encoding="utf-8"))
    return {key: texts.get(lang) or texts["zh"] for key, texts in words.items()}


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _lang(value: str | None) -> str:
    return "en" if value == "en" else "zh"


@dataclass
class Kept:
    """What one upload's answer links to."""

    names: list[str]
    checked: list[Checked]
    lang: str
    dashboard: str | None = None
    created: float = field(default_factory=time.monotonic)


@dataclass
class Service:
    """The server's state: the rule packs, the --config settings, the pool, the kept results."""

    packs: tuple
    config: Any  # linter.config.Config (empty without --config)
    pool: ProcessPoolExecutor
    kept: OrderedDict[str, Kept] = field(default_factory=OrderedDict)

    def keep(self, entry: Kept) -> str:
        token = secrets.token_urlsafe(16)
        self.kept[token] = entry
        while len(self.kept) > KEEP_RESULTS:
            self.kept.popitem(last=False)
        return token

    def find(self, token: str) -> Kept | None:
        now = time.monotonic()
        for old in [t for t, k in self.kept.items() if now - k.created > KEEP_SECONDS]:
            del self.kept[old]
        return self.kept.get(token)


class Refused(Exception):
    """An upload or form refused as a whole: its one-line reason, already worded."""


def _reason(code: str, lang: str, **values: Any) -> str:
    return labels(lang)[code].format(**values)


def form_page(lang: str, regimes: list[str], reasons: list[str] = ()) -> str:
    """The upload form (`regimes`: the packs' names), with a refused upload's reasons above."""
    w = labels(lang)
    other = "zh" if lang == "en" else "en"
    options = [f'<option value="auto">{_e(w["regime-auto"])}</option>'] + [
        f'<option value="{r}">{r}</option>' for r in regimes
    ]
    alerts = "".join(f'<p class="reason" role="alert">{_e(r)}</p>' for r in reasons)
    return f"""<!DOCTYPE html>
<html lang="{"zh-CN" if lang == "zh" else "en"}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(w["title"])}</title>
<link rel="stylesheet" href="/assets/serve.css">
<script src="/assets/serve.js" defer></script>
</head>
<body>
<header><h1>{_e(w["title"])}</h1>
<a class="lang" href="/?lang={other}">{_e(w["other-lang"])}</a></header>
<main>
{alerts}
<p>{_e(w["intro"])}</p>
<form id="upload" method="post" action="/check?lang={lang}" enctype="multipart/form-data">
<label id="drop" class="drop"><span class="choose">{_e(w["choose"])}</span>
<input id="files" type="file" name="files" multiple>
<span>{_e(w["drop"])}</span><span id="chosen"></span></label>
<div class="settings">
<label>{_e(w["year"])} <input name="year" inputmode="numeric" size="6"></label>
<label>{_e(w["regime"])} <select name="regime">{"".join(options)}</select></label>
<label>{_e(w["select"])} <input name="select" size="40"></label>
</div>
<button id="submit" type="submit">{_e(w["submit"])}</button>
<p id="progress" hidden>{_e(w["checking"])}</p>
</form>
</main>
</body>
</html>
"""


def _bar(token: str, index: int | None, entry: Kept) -> str:
    """The links the server adds above a report page or the dashboard."""
    w = labels(entry.lang)
    links = [f'<a href="/?lang={entry.lang}">{_e(w["back"])}</a>']
    if len(entry.checked) > 1 and index is not None:
        links.append(f'<a href="/r/{token}">{_e(labels(entry.lang)["title"])}</a>')
    if index is not None and entry.checked[index].word is not None:
        links.append(
            f'<a id="word" href="/r/{token}/{index}/word" download>{_e(w["download"])}</a>'
        )
    style = (
        "padding:.5em 1em;background:#eef3f8;border-bottom:1px solid #ccd;display:flex;gap:1.5em"
    )
    return f'<nav class="serve-bar" style="{style}">{"".join(links)}</nav>'


def _with_bar(page: str, bar: str) -> str:
    head, body, rest = page.partition("<body>")
    return f"{head}{body}\n{bar}{rest}" if body else bar + page


def _page(text: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(text, status, headers={"Content-Security-Policy": _POLICY})


async def home(request: Request) -> Response:
    service: Service = request.app.state.service
    return _page(form_page(_lang(request.query_params.get("lang")), _regimes(service)))


def _regimes(service: Service) -> list[str]:
    return sorted(p.name for p in service.packs)


async def check(request: Request) -> Response:
    service: Service = request.app.state.service
    lang = _lang(request.query_params.get("lang"))
    try:
        token = await _check_upload(request, service, lang)
    except Refused as exc:
        return _page(form_page(lang, _regimes(service), [str(exc)]), 400)
    entry = service.kept[token]
    if len(entry.checked) == 1:
        only = entry.checked[0]
        if only.result.input_error:
            return _page(
                form_page(
                    lang, _regimes(service), [_one_line(entry.names[0], only, service, lang)]
                ),
                422,
            )
        return RedirectResponse(f"/r/{token}/0", 303)
    return RedirectResponse(f"/r/{token}", 303)


def _one_line(name: str, checked: Checked, service: Service, lang: str) -> str:
    from linter.engine import catalogue
    from linter.messages import finding_message

    result = checked.result
    cat = catalogue([result], service.packs, Settings())
    message = finding_message(result.findings[0], cat, result.regime, lang)
    return f"{name}: {message}"


async def _check_upload(request: Request, service: Service, lang: str) -> str:
    size = int(request.headers.get("content-length") or 0)
    if size > MAX_REQUEST:
        raise Refused(_reason("request-too-large", lang, limit_mb=MAX_REQUEST // 1024**2))
    async with request.form(max_files=MAX_FILES, max_fields=20) as form:
        settings = _settings(form, service, lang)
        uploads = [u for u in form.getlist("files") if getattr(u, "filename", None)]
        if not uploads:
            raise Refused(_reason("no-file", lang))
        with tempfile.TemporaryDirectory(prefix="ogilint-serve-") as folder:
            saved = await asyncio.to_thread(_save_all, uploads, Path(folder), lang)
            settings = _config_settings(settings, saved, service)
            loop = asyncio.get_running_loop()
            futures = [
                loop.run_in_executor(
                    service.pool, check_upload, str(s.path), s.name, settings[i], lang
                )
                for i, s in enumerate(saved)
            ]
            checked = list(await asyncio.gather(*futures))
    entry = Kept([s.name for s in saved], checked, lang)
    token = service.keep(entry)
    if len(checked) > 1:
        entry.dashboard = await asyncio.to_thread(_dashboard, token, entry, service)
    return token


def _save_all(uploads: list, folder: Path, lang: str) -> list[Saved]:
    """Each upload written into `folder`; each archive unpacked there."""
    saved: list[Saved] = []
    for number, upload in enumerate(uploads):
        name = safe_name(upload.filename)
        upload.file.seek(0)
        head = upload.file.read(4)
        upload.file.seek(0)
        target = folder / f"u{number}{PurePosixPath(name).suffix.lower()}"
        with target.open("wb") as out:
            shutil.copyfileobj(upload.file, out)
        if not is_zip(name, head):
            saved.append(Saved(name, target))
            continue
        inner = folder / f"z{number}"
        inner.mkdir()
        try:
            saved += [Saved(f"{name}/{s.name}", s.path) for s in unpack(target, inner)]
        except UploadError as exc:
            raise Refused(f"{name}: {_reason(exc.code, lang, **exc.values)}") from None
    if len(saved) > MAX_FILES * 10:
        raise Refused(_reason("too-many-files", lang, limit=MAX_FILES * 10))
    return saved


def _settings(form, service: Service, lang: str) -> Settings:
    """The form's year, regime and rule selection, each checked as the CLI checks it."""
    from linter.regimes import UnknownRegime, check_requested
    from linter.runner import known_ids

    year_text = str(form.get("year") or "").strip()
    year = None
    if year_text:
        if not year_text.isdigit() or not YEARS[0] <= int(year_text) <= YEARS[1]:
            raise Refused(_reason("bad-year", lang, low=YEARS[0], high=YEARS[1]))
        year = int(year_text)
    regime = str(form.get("regime") or "auto").strip()
    try:
        check_requested(service.packs, regime)
    except UnknownRegime:
        raise Refused(_reason("bad-regime", lang, regime=regime)) from None
    raw = str(form.get("select") or "").replace("，", ",")
    chosen = frozenset(v.strip() for v in raw.split(",") if v.strip())
    unknown = chosen - known_ids(service.packs, ())
    if unknown:
        raise Refused(_reason("unknown-rules", lang, ids=", ".join(sorted(unknown))))
    return Settings(select=chosen, regime=regime, year=year)


def _config_settings(settings: Settings, saved: list[Saved], service: Service) -> list[Settings]:
    """Each report's settings: the form's, then --config's where the form is silent."""
    from linter.runner import SettingsError, apply_config

    try:
        return [apply_config(service.config, s.name, settings, service.packs) for s in saved]
    except SettingsError as exc:
        raise Refused(str(exc)) from None


def _dashboard(token: str, entry: Kept, service: Service) -> str:
    from linter.engine import catalogue
    from linter.formatters import FormatOptions
    from linter.formatters.dashboard import render

    results = [c.result for c in entry.checked]
    links = {r.path: f"/r/{token}/{i}" for i, r in reversed(list(enumerate(results)))}
    cat = catalogue(results, service.packs, Settings())
    page = render(results, cat, FormatOptions(lang=entry.lang, links=links))
    return _with_bar(page, _bar(token, None, entry))


def _kept(request: Request) -> tuple[str, Kept] | Response:
    service: Service = request.app.state.service
    token = request.path_params["token"]
    entry = service.find(token)
    if entry is None:
        lang = _lang(request.query_params.get("lang"))
        return _page(form_page(lang, _regimes(service), [_reason("expired", lang)]), 404)
    return token, entry


async def summary_page(request: Request) -> Response:
    found = _kept(request)
    if isinstance(found, Response):
        return found
    token, entry = found
    if entry.dashboard is None:
        return RedirectResponse(f"/r/{token}/0", 303)
    return HTMLResponse(entry.dashboard)


def _index(request: Request, entry: Kept) -> int | None:
    index = request.path_params["index"]
    return index if 0 <= index < len(entry.checked) else None


def _report_at(request: Request) -> Response | tuple[str, Kept, int]:
    """The kept upload and the index of the report the path names, or the error response."""
    found = _kept(request)
    if isinstance(found, Response):
        return found
    token, entry = found
    index = _index(request, entry)
    if index is None:
        return Response(status_code=404)
    return token, entry, index


async def report_page(request: Request) -> Response:
    found = _report_at(request)
    if isinstance(found, Response):
        return found
    token, entry, index = found
    return HTMLResponse(_with_bar(entry.checked[index].page, _bar(token, index, entry)))


async def word_copy(request: Request) -> Response:
    found = _report_at(request)
    if isinstance(found, Response):
        return found
    _, entry, index = found
    if entry.checked[index].word is None:
        return Response(status_code=404)
    stem = PurePosixPath(entry.names[index]).stem
    return Response(
        entry.checked[index].word,
        media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        headers={"Content-Disposition": _attachment(f"{stem}.checked.docx")},
    )


def _attachment(name: str) -> str:
    from urllib.parse import quote

    return f"attachment; filename=\"report.checked.docx\"; filename*=UTF-8''{quote(name)}"


async def asset(request: Request) -> Response:
    name = request.path_params["name"]
    kinds = {"serve.css": "text/css", "serve.js": "text/javascript"}
    if name not in kinds:
        return Response(status_code=404)
    return Response((ASSETS / name).read_bytes(), media_type=kinds[name])


def app(service: Service) -> Starlette:
    routes = [
        Route("/", home),
        Route("/check", check, methods=["POST"]),
        Route("/assets/{name}", asset),
        Route("/favicon.ico", lambda request: Response(status_code=204)),
        Route("/r/{token}", summary_page),
        Route("/r/{token}/{index:int}", report_page),
        Route("/r/{token}/{index:int}/word", word_copy),
    ]
    application = Starlette(routes=routes)
    application.state.service = service
    return application


def make_pool(jobs: int) -> ProcessPoolExecutor:
    """Worker processes for the checks, started by a fork server (the server has threads)."""
    import multiprocessing

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["linter.serve_check", "linter.runner"])
    return ProcessPoolExecutor(jobs, mp_context=context)


def _exit_on_signal(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def serve(host: str, port: int, config, jobs: int) -> None:
    """Bind, print the address, and answer until interrupted (the caller checked `config`)."""
    import socket

    import uvicorn

    from linter.rulebook import shipped_packs

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    bound = sock.getsockname()[1]
    shown = f"[{host}]" if family == socket.AF_INET6 else host
    # uvicorn re-raises the SIGTERM it caught once it has stopped; by default that
    # kills the process before the pool is shut down, and the fork server and its
    # workers outlive the server. Raising SystemExit instead lets the pool close.
    signal.signal(signal.SIGTERM, _exit_on_signal)
    with make_pool(jobs) as pool:
        service = Service(shipped_packs(), config, pool)
        settings = uvicorn.Config(
            app(service), log_level="warning", access_log=False, lifespan="off"
        )
        print(f"ogilint serve: http://{shown}:{bound}/  (Ctrl-C stops)", flush=True)
        uvicorn.Server(settings).run(sockets=[sock])
