"""Command line: ogilint check / annotate / serve / rules / explain / extract.

The CLI parses options, expands paths, loads inputs, calls the engine and
hands the records to a formatter. Exit codes: 0 nothing at or above
--fail-on; 1 findings at or above it; 2 usage, rule-file or input errors.
"""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from linter import __version__
from linter.formatters import FORMATS
from linter.records import Severity


def _typer() -> typer.Typer:
    return typer.Typer(
        add_completion=False,
        pretty_exceptions_enable=False,
        no_args_is_help=True,
        context_settings={"help_option_names": ["-h", "--help"]},
        help="Compliance linter for government information-disclosure annual reports "
        "(政府信息公开工作年度报告).",
    )


app = _typer()

LANGS = ("zh", "en")
SEVERITIES = tuple(s.value for s in sorted(Severity, reverse=True))  # error, warning, info
# The shipped regimes, for --help (tests/test_cli.py holds it to the packs that load).
REGIMES = ("ogi-2008", "ogi-2019", "ogi-2021", "common")


def _version(value: bool) -> None:
    if value:
        print(f"ogilint {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Compliance linter for government information-disclosure annual reports."""


def _fail(message: str) -> typer.Exit:
    print(f"ogilint: error: {message}", file=sys.stderr)
    return typer.Exit(2)


def _split(values: list[str] | None) -> frozenset[str]:
    return frozenset(v.strip() for value in values or () for v in value.split(",") if v.strip())


def expand_paths(paths: list[str], lang: str = "zh") -> list[str]:
    """Files as given; folders searched for report files, in a stable order.

    What a folder holds that cannot be read (FIFOs, link loops, unreadable
    sub-folders) is skipped and said once per folder on stderr.
    """
    from linter.folders import Skipped, report_files
    from linter.loaders import REPORT_SUFFIXES
    from linter.loaders.reasons import InputError

    out: list[str] = []
    for raw in paths:
        if raw == "-" or not _is_folder(Path(raw)):
            out.append(raw)  # reading it says what is wrong, if anything
            continue
        skipped = Skipped()
        found = [
            str(f)
            for f in report_files(Path(raw), REPORT_SUFFIXES, skipped)
            if not _config_for(f).excludes(str(f))
        ]
        # A folder with no report in it is reported (as an input error), not skipped.
        out.extend(found or [raw])
        if skipped:  # said once, not an error: the folder's reports were all checked
            note = InputError(
                "skipped-in-folder",
                folder=raw,
                special=len(skipped.special),
                links=len(skipped.links),
                folders=len(skipped.folders),
                first=skipped.first,
            )
            print(f"ogilint: {note.texts[lang]}", file=sys.stderr)
    return out


def _is_folder(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # a name too long, a folder on the way that cannot be searched
        return False


def _load_packs(rules: Path | None):
    from linter.rulebook import RuleFileError, extra_rules, shipped_packs

    try:
        packs = shipped_packs()
        return packs, tuple(extra_rules(rules, packs)) if rules else ()
    except RuleFileError as exc:
        raise _fail(str(exc)) from None


def _config_for(path: Path):
    from linter.config import ConfigError, for_path

    try:
        return for_path(path)
    except ConfigError as exc:
        raise _fail(str(exc)) from None


def _check_output(output: Path, inputs: list[str]) -> None:
    """Refuse an --output that would overwrite an input or cannot be written at all."""
    try:
        _check_output_path(output, inputs)
    except OSError as exc:  # a name too long, a folder that cannot be searched…
        raise _fail(f"--output {output}: {exc.strerror or exc}") from None


def _check_output_path(output: Path, inputs: list[str]) -> None:
    if output.is_dir():
        raise _fail(f"--output {output}: is a folder; name a file to write the report to")
    if not output.parent.is_dir():
        raise _fail(f"--output {output}: the folder {output.parent} does not exist")
    if output.exists() and any(
        p != "-" and Path(p).is_file() and os.path.samefile(p, output) for p in inputs
    ):
        raise _fail(f"--output {output} is one of the reports being checked; it was not written")


# Options `check` and `annotate` share: one declaration, the same help.
Select = Annotated[list[str] | None, typer.Option(help="Only these rule ids.")]
Ignore = Annotated[list[str] | None, typer.Option(help="Not these rule ids.")]
FailOn = Annotated[
    str | None,
    typer.Option(
        help=f"Exit 1 at findings of this severity or above: {' | '.join(SEVERITIES)} "
        "(default error)."
    ),
]
Regime = Annotated[str, typer.Option(help=f"auto (by report year) | {' | '.join(REGIMES)}.")]
Year = Annotated[int | None, typer.Option(help="Report year (overrides detection).")]
Rules = Annotated[Path | None, typer.Option(help="Folder of extra rule files.")]
Lang = Annotated[
    str | None, typer.Option(help=f"Message language: {' | '.join(LANGS)} (default zh).")
]
Baseline = Annotated[Path | None, typer.Option(help="Report only findings not recorded in FILE.")]


@app.command()
def check(
    paths: Annotated[list[str], typer.Argument(help="Files or folders; - reads stdin.")],
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            help=f"Output format: {' | '.join(FORMATS)} "
            "(default text; github when GITHUB_ACTIONS=true).",
        ),
    ] = None,
    output: Annotated[Path | None, typer.Option(help="Write the report to FILE.")] = None,
    select: Select = None,
    ignore: Ignore = None,
    fail_on: FailOn = None,
    regime: Regime = "auto",
    year: Year = None,
    rules: Rules = None,
    lang: Lang = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="One line per finding.")] = False,
    color: Annotated[
        bool | None,
        typer.Option(
            "--color/--no-color",
            help="Colour always / never (default: on a terminal, unless NO_COLOR or TERM=dumb; "
            "FORCE_COLOR forces it).",
        ),
    ] = None,
    stdin_filename: Annotated[str | None, typer.Option(help="Name for - input.")] = None,
    baseline: Baseline = None,
    write_baseline: Annotated[
        Path | None, typer.Option(help="Record today's findings in FILE (then exit 0).")
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help="Files checked at once (default: the CPUs; 1: in this process).",
        ),
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Check every file again (no .ogilint_cache/).")
    ] = False,
    executor: Annotated[
        str, typer.Option(help="process (this machine) | dask (a cluster: --scheduler).")
    ] = "process",
    scheduler: Annotated[
        str | None, typer.Option(help="Dask scheduler ADDRESS for --executor dask.")
    ] = None,
    history: Annotated[
        list[str] | None,
        typer.Option(
            help="Earlier years' reports (files or folders): this year's figures are "
            "checked against them (carryover-mismatch, stock-mismatch); not reported on."
        ),
    ] = None,
    max_file_size: Annotated[
        float | None,
        typer.Option(help="Largest report read, in MB (default 200).", min=0.001, max=4096),
    ] = None,
    time_limit: Annotated[
        float | None,
        typer.Option(help="Seconds one report may take (default 300; 0: no limit).", min=0),
    ] = None,
) -> None:
    """Check reports and print what the regulation requires and they lack."""
    from linter.formatters import FormatOptions, binary, default_format, needs_source
    from linter.runner import EXECUTORS
    from linter.terminal import colour_wanted, output_width

    output_format = output_format or default_format(os.environ)
    if output_format not in FORMATS:
        raise _fail(f"unknown format {output_format!r}; choose {', '.join(FORMATS)}")
    fail_on, lang = _run_wide(fail_on, lang)
    if executor not in EXECUTORS:
        raise _fail(f"unknown executor {executor!r}; choose {', '.join(EXECUTORS)}")
    recorded = _read_baseline(baseline, write_baseline)
    packs, settings = _settings(
        rules, regime, year, select, ignore, keep_source=needs_source(output_format)
    )
    settings = replace(settings, **_limits(max_file_size, time_limit))
    inputs = expand_paths(paths, lang)
    if output is not None:
        _check_output(output, inputs)
    elif binary(output_format) and sys.stdout.isatty():
        raise _fail(f"--format {output_format} writes a file: name it with --output FILE")
    results = _run(inputs, settings, packs, jobs, no_cache, executor, scheduler, stdin_filename)
    earlier = (
        list(
            _run(expand_paths(history), settings, packs, jobs, no_cache, executor, scheduler, None)
        )
        if history
        else []
    )
    to_file = output is not None
    options = FormatOptions(
        lang=lang,
        color=output_format == "text"
        and colour_wanted(color, os.environ, sys.stdout.isatty(), to_file),
        quiet=quiet,
        width=None if to_file else output_width(sys.stdout),
        output=output and str(output),
    )
    stage = _Stage(baseline, recorded, write_baseline, fail_on)
    # The catalogue words every file's findings: its configuration's rules and levels too.
    described = _catalogue_settings(inputs, settings, packs)
    years = _years(packs, settings, earlier)
    _report(results, len(inputs), output_format, output, options, stage, years, described)
    code = stage.exit_code()
    # Writing a baseline accepts today's findings; unreadable files still fail (2).
    raise typer.Exit(0 if write_baseline and code == 1 else code)


def _years(packs, settings, earlier):
    """The year-to-year stage (linter.history) over this run and the --history reports."""
    from linter.history import YearToYear

    return YearToYear(packs, settings, earlier)


def _limits(max_file_size: float | None, time_limit: float | None) -> dict[str, float]:
    """The run-wide size and time limits: the command line, else the configuration
    of the folder ogilint runs in."""
    from linter.limits import MAX_FILE_MB, TIME_LIMIT

    here = _config_for(Path.cwd())
    megabytes = max_file_size if max_file_size is not None else here.get("max-file-size")
    seconds = time_limit if time_limit is not None else here.get("time-limit", TIME_LIMIT)
    return {
        "max_bytes": int((megabytes or MAX_FILE_MB) * 1024 * 1024),
        "time_limit": float(seconds),
    }


class _Stage:
    """After checking, before formatting, one file at a time: the baseline and the exit code."""

    def __init__(self, baseline: Path | None, recorded, write_baseline: Path | None, fail_on):
        from linter import baseline as baselines

        self._keep = baselines.Filter(recorded, baseline) if baseline else None
        self._write = write_baseline
        self._written: list = []  # today's results, only while writing a baseline
        self._fail_on = fail_on
        self._unreadable = self._failing = False

    def __call__(self, result):
        if self._write:
            self._written.append(result)
        if self._keep:
            result = self._keep(result)
        self._unreadable = self._unreadable or result.input_error
        self._failing = self._failing or any(f.at_least(self._fail_on) for f in result.findings)
        return result

    def finish(self):
        """Write the baseline asked for; what --baseline hid (for the summary), or None."""
        from linter import baseline as baselines

        try:
            if self._write:
                count = baselines.write(self._written, self._write)
                print(f"ogilint: {count} finding(s) recorded in {self._write}", file=sys.stderr)
        except baselines.BaselineError as exc:
            raise _fail(str(exc)) from None
        return self._keep.outcome() if self._keep else None

    def exit_code(self) -> int:
        return 2 if self._unreadable else 1 if self._failing else 0


def _catalogue_settings(inputs, settings, packs):
    from linter.runner import SettingsError, catalogue_settings

    try:
        return catalogue_settings(inputs, settings, packs)
    except SettingsError as exc:
        raise _fail(str(exc)) from None


def _report(results, total: int, output_format: str, output, options, stage, years, settings):
    """Print each file's findings as it is done (text), or the document after the last file.

    Year-to-year findings need last year's report: a file is compared with the
    --history reports and those already checked; a pair whose earlier report comes
    later in the run is said after the last file (streamed) or in place (the rest).
    A format written after the last file that can be written in pieces (`stream`)
    reads the results back from a spool one at a time, so the run holds none of them.
    """
    import importlib
    from dataclasses import replace

    from linter.engine import catalogue
    from linter.formatters import render
    from linter.formatters.text import Tally
    from linter.terminal import Output

    formatter = importlib.import_module(FORMATS[output_format])
    screen = Output(sys.stdout, sys.stderr, total, os.environ)
    packs = years.packs
    catalogues: dict = {}

    def catalogue_of(result):
        # The rules a file's findings are worded from: those of its regime.
        if result.regime not in catalogues:
            catalogues[result.regime] = catalogue([result], packs, settings)
        return catalogues[result.regime]

    if output is None and hasattr(formatter, "render_file"):
        tally = Tally()
        for result in screen.files(results):
            _show(screen, formatter, stage(years.add(result)), catalogue_of, options, tally)
        for late in years.late():
            _show(screen, formatter, stage(late), catalogue_of, options, tally)
        options = replace(options, baseline=stage.finish())
        screen.write(formatter.render_summary(tally, options))
        return
    if hasattr(formatter, "stream"):
        _spooled(screen.files(results), formatter, output, options, stage, years, catalogue_of)
        return
    kept = [stage(r) for r in years.all(list(screen.files(results)))]
    options = replace(options, baseline=stage.finish())
    _write(render(output_format, kept, catalogue(kept, packs, settings), options), output)


def _show(screen, formatter, result, catalogue_of, options, tally) -> None:
    screen.write(formatter.render_file(result, catalogue_of(result), options))
    tally.add(result)


def _spooled(results, formatter, output, options, stage, years, catalogue_of) -> None:
    """Keep each result on disk as it comes, then write the document from there."""
    from dataclasses import replace

    from linter.spool import Spool

    with Spool() as spool:
        # Held: what pairs two years' reports (the facts); spooled: the rest (findings).
        lean = []
        for result in results:
            spool.append(replace(result, facts=None))
            lean.append(replace(result, findings=(), source=None))

        def full(i: int):
            return replace(spool[i], facts=lean[i].facts)

        changed = years.changed(lean, full)

        def staged():
            for i in range(len(spool)):
                yield stage(changed.get(i) or full(i))

        def finish():
            return replace(options, baseline=stage.finish())

        _write_pieces(formatter.stream(staged(), catalogue_of, options, finish), output)


def _write_pieces(pieces, output: Path | None) -> None:
    """A document written in pieces, to --output or stdout."""
    if output is None:
        for piece in pieces:
            sys.stdout.write(piece)
        return
    try:
        with output.open("w", encoding="utf-8") as handle:
            for piece in pieces:
                handle.write(piece)
    except OSError as exc:
        raise _fail(f"--output {output}: {exc.strerror or exc}") from None


def _write(output_text: str | bytes, output: Path | None) -> None:
    """The report, to --output or stdout; bytes (a workbook, a CSV with its BOM) as they are."""
    if output is None:
        if isinstance(output_text, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(output_text)
        else:
            sys.stdout.write(output_text)
        return
    try:
        if isinstance(output_text, bytes):
            output.write_bytes(output_text)
        else:
            output.write_text(output_text, encoding="utf-8")
    except OSError as exc:
        raise _fail(f"--output {output}: {exc.strerror or exc}") from None


def _run(inputs, settings, packs, jobs, no_cache, executor, scheduler, stdin_name):
    """The results of `inputs` in order, as they come (see linter.runner)."""
    from linter.cache import Cache, cache_root
    from linter.runner import SettingsError, run

    cache = None if no_cache else Cache(cache_root(Path.cwd()))
    try:
        return run(
            inputs,
            settings,
            packs,
            jobs=jobs,
            cache=cache,
            executor=executor,
            scheduler=scheduler,
            stdin_name=stdin_name,
        )
    except SettingsError as exc:
        raise _fail(str(exc)) from None


def _run_wide(fail_on: str | None, lang: str | None) -> tuple[str, str]:
    """--fail-on and --lang, else from the configuration of the folder ogilint runs in."""
    here = _config_for(Path.cwd())
    fail_on = fail_on or here.get("fail-on", "error")
    lang = lang or here.get("lang", "zh")
    if fail_on not in SEVERITIES:
        raise _fail(f"--fail-on must be one of {', '.join(SEVERITIES)} (got {fail_on!r})")
    _check_lang(lang)
    return fail_on, lang


def _settings(rules, regime, year, select, ignore, *, keep_source: bool = False):
    """The packs and the command line's settings, every name in them checked.

    `keep_source`: the chosen format shows the report's text (HTML), so results carry it.
    """
    from linter.engine import Settings
    from linter.regimes import UnknownRegime, check_requested
    from linter.runner import known_ids

    packs, extra = _load_packs(rules)
    try:
        check_requested(packs, regime)
    except UnknownRegime as exc:
        raise _fail(str(exc)) from None
    chosen, dropped = _split(select), _split(ignore)
    unknown = (chosen | dropped) - known_ids(packs, extra)
    if unknown:
        raise _fail(f"unknown rule id(s): {', '.join(sorted(unknown))} (see 'ogilint rules')")
    settings = Settings(
        select=chosen,
        ignore=dropped,
        regime=regime,
        year=year,
        extra_rules=extra,
        keep_source=keep_source,
    )
    return packs, settings


@app.command()
def annotate(
    path: Annotated[
        Path, typer.Argument(help="The report: a Word file (.docx); any other gets an HTML page.")
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="The annotated copy (default: NAME.checked.docx, or .html, beside it).",
        ),
    ] = None,
    select: Select = None,
    ignore: Ignore = None,
    fail_on: FailOn = None,
    regime: Regime = "auto",
    year: Year = None,
    rules: Rules = None,
    lang: Lang = None,
    baseline: Baseline = None,
) -> None:
    """Write a copy of a Word report with a Word comment on every finding.

    Any other report is written as the self-contained HTML page of --format html.
    """
    from linter import annotate_docx
    from linter.formatters import needs_source
    from linter.loaders import InputError, read_bytes, sniff
    from linter.runner import SettingsError, file_settings

    fail_on, lang = _run_wide(fail_on, lang)
    recorded = _read_baseline(baseline, None)
    try:
        data = read_bytes(str(path))
    except InputError as exc:
        raise _fail(f"{path}: {exc.texts['en']}") from None
    word = sniff(data, path.name) == "docx"
    packs, settings = _settings(
        rules, regime, year, select, ignore, keep_source=not word and needs_source("html")
    )
    target = output or annotate_docx.default_output(path, ".docx" if word else ".html")
    _check_output(target, [str(path)])
    try:  # its nearest configuration, as `check` reads it
        settings = file_settings(str(path), settings, packs)
    except SettingsError as exc:
        raise _fail(str(exc)) from None

    judge = _Stage(baseline, recorded, None, fail_on)

    def stage(results):  # the baseline filter, as `check` applies it
        return [judge(r) for r in results]

    if word:
        _annotate_word(path, data, target, packs, settings, stage, lang)
    else:
        _annotate_html(path, target, packs, settings, stage, lang)
    raise typer.Exit(judge.exit_code())


def _annotate_word(path: Path, data: bytes, target: Path, packs, settings, stage, lang: str):
    """Check the Word report and write its copy with a comment per finding."""
    from linter import annotate_docx
    from linter.engine import catalogue, check_document
    from linter.loaders import InputError, load_bytes

    if not annotate_docx.writes_comments():
        raise _fail(f"annotate needs python-docx >= 1.2 to write comments ({path} not annotated)")
    try:
        doc = load_bytes(data, str(path))
    except InputError as exc:
        raise _fail(f"{path}: {exc.texts['en']}") from None
    try:
        result = check_document(doc, packs, settings)
    except Exception as exc:  # a crash outside any rule: say so in one line, write nothing
        raise _fail(f"{path}: internal error: {type(exc).__name__}: {exc}") from None
    results = stage([result])
    written, count = annotate_docx.annotate(
        data, doc, results[0], catalogue(results, packs, settings), lang
    )
    _write(written, target)
    print(f"ogilint: {count} comment(s) written to {target}", file=sys.stderr)
    return results


def _annotate_html(path: Path, target: Path, packs, settings, stage, lang: str):
    """Any other report: the page of --format html, the findings marked in its text."""
    from linter.engine import catalogue
    from linter.formatters import FormatOptions, render
    from linter.runner import Task, check_file

    results = stage([check_file(Task(str(path), str(path), settings))])
    page = render("html", results, catalogue(results, packs, settings), FormatOptions(lang=lang))
    _write(page.encode("utf-8"), target)
    print(f"ogilint: report written to {target}", file=sys.stderr)
    return results


def _read_baseline(baseline: Path | None, write_baseline: Path | None):
    """The recorded findings of --baseline, read before any report is checked."""
    from linter import baseline as baselines

    if baseline and write_baseline:
        raise _fail("--baseline and --write-baseline: give one (writing replaces the old one)")
    try:
        return baselines.read(baseline) if baseline else None
    except baselines.BaselineError as exc:
        raise _fail(str(exc)) from None


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise _fail(f"--lang must be one of {', '.join(LANGS)} (got {lang!r})")


def _check_catalogue_format(output_format: str) -> None:
    if output_format not in ("text", "json"):
        raise _fail(f"unknown format {output_format!r}; choose text, json")


@app.command("rules")
def list_rules(
    lang: Annotated[str, typer.Option(help="zh or en.")] = "zh",
    rules: Annotated[Path | None, typer.Option(help="Folder of extra rule files.")] = None,
    output_format: Annotated[str, typer.Option("--format", help="text | json.")] = "text",
) -> None:
    """List every rule: id, severity, title, pack."""
    from rich.console import Console
    from rich.table import Table

    from linter.explain import severity_label

    _check_lang(lang)
    _check_catalogue_format(output_format)
    packs, extra = _load_packs(rules)
    if output_format == "json":
        from linter.formatters.rules import rules_document

        sys.stdout.write(rules_document([r for p in packs for r in p.rules] + list(extra)))
        return
    table = Table("id", "severity", "title", "packs")
    packs_of: dict[str, list[str]] = {}
    first: dict[str, object] = {}
    for rule in [r for p in packs for r in p.rules] + list(extra):
        packs_of.setdefault(rule.id, []).append(rule.pack)
        first.setdefault(rule.id, rule)
    for rule_id, rule in first.items():
        severity = severity_label(rule.severity, lang)
        table.add_row(rule_id, severity, rule.title[lang], ", ".join(packs_of[rule_id]))
    Console().print(table)


@app.command()
def explain(
    rule_id: Annotated[str, typer.Argument(help="A rule id, e.g. total-mismatch.")],
    lang: Annotated[str, typer.Option(help="zh or en.")] = "zh",
    rules: Annotated[Path | None, typer.Option(help="Folder of extra rule files.")] = None,
    output_format: Annotated[str, typer.Option("--format", help="text | json.")] = "text",
) -> None:
    """What a rule checks, the article behind it in each regime, and its examples."""
    from linter.explain import explain_rule
    from linter.formatters.rules import explain_document

    _check_lang(lang)
    _check_catalogue_format(output_format)
    packs, extra = _load_packs(rules)
    shipped = [r for p in packs for r in p.rules if r.id == rule_id]
    own = [r for r in extra if r.id == rule_id]
    matches = own if any(r.override for r in own) or not shipped else shipped
    if not matches:
        raise _fail(f"unknown rule id {rule_id!r} (see 'ogilint rules')")
    names = [p.name for p in packs]
    if output_format == "json":
        sys.stdout.write(explain_document(matches, names))
    else:
        sys.stdout.write(explain_rule(matches, names, lang))


@app.command()
def facts(
    paths: Annotated[list[str], typer.Argument(help="Report files or folders.")],
    output_format: Annotated[str, typer.Option("--format", help="json | csv.")] = "json",
    output: Annotated[Path | None, typer.Option(help="Write to FILE.")] = None,
    regime: Annotated[
        str, typer.Option(help=f"auto (by report year) | {' | '.join(REGIMES)}.")
    ] = "auto",
    year: Annotated[int | None, typer.Option(help="Report year (overrides detection).")] = None,
) -> None:
    """Print each report's facts and every figure of its tables, by template row and column."""
    from linter.engine import Settings
    from linter.formatters.facts import render_csv, render_json
    from linter.regimes import UnknownRegime, check_requested

    if output_format not in ("json", "csv"):
        raise _fail(f"unknown format {output_format!r}; choose json, csv")
    packs, _ = _load_packs(None)
    try:
        check_requested(packs, regime)
    except UnknownRegime as exc:
        raise _fail(str(exc)) from None
    settings = Settings(regime=regime, year=year)
    inputs = expand_paths(paths)
    if output is not None:
        _check_output(output, inputs)
    results = list(_run(inputs, settings, packs, None, False, "process", None, None))
    _write(render_json(results) if output_format == "json" else render_csv(results), output)
    raise typer.Exit(2 if any(r.facts is None for r in results) else 0)


@app.command()
def extract(
    path: Annotated[str, typer.Argument(help="A report file; - reads stdin.")],
    output_format: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
    locations: Annotated[
        bool, typer.Option("--locations", help="Show each line's page, paragraph or table row.")
    ] = False,
    lang: Annotated[str, typer.Option(help="zh or en (location labels).")] = "zh",
    stdin_filename: Annotated[str | None, typer.Option(help="Name for - input.")] = None,
) -> None:
    """Print the text ogilint checks, numbered as findings number their lines."""
    from linter.extract import render_json, render_text
    from linter.loaders import InputError, load_bytes, load_path, read_stdin

    if output_format not in ("text", "json"):
        raise _fail(f"unknown format {output_format!r}; choose text, json")
    _check_lang(lang)
    shown = stdin_filename or "<stdin>" if path == "-" else path
    try:
        doc = load_bytes(read_stdin(sys.stdin.buffer), shown) if path == "-" else load_path(path)
    except InputError as exc:
        raise _fail(f"{shown}: cannot read: {exc}") from None
    if output_format == "json":
        sys.stdout.write(render_json(doc))
    else:
        sys.stdout.write(render_text(doc, locations, lang))


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="The address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="The port (0: any free one).")] = 8765,
    config: Annotated[
        Path | None, typer.Option("--config", help="A .ogilint.yaml whose settings apply.")
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", min=1, help="Reports checked at once (default: the CPUs)."),
    ] = None,
) -> None:
    """A local web page: drop reports, read the findings in place (docs/serve.md).

    It prints its address and opens nothing; nothing is fetched from elsewhere.
    """
    from linter.config import Config, ConfigError, load
    from linter.runner import default_jobs

    try:
        from linter import server
    except ImportError as exc:
        raise _fail(f"serve needs {exc.name}: pip install 'ogilint[serve]'") from None
    try:
        settings = load(config) if config else Config()
    except ConfigError as exc:
        raise _fail(str(exc)) from None
    except OSError as exc:
        raise _fail(f"--config {config}: {exc.strerror or exc}") from None
    try:
        server.serve(host, port, settings, jobs or default_jobs())
    except OSError as exc:
        raise _fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


@app.command()
def clean(
    path: Annotated[Path, typer.Argument(help="The folder ogilint runs in.")] = Path("."),
) -> None:
    """Remove the result cache (.ogilint_cache/) that checks from PATH use."""
    from linter.cache import cache_root
    from linter.cache import clean as remove

    root = cache_root(path.resolve())
    removed = remove(root)
    print(f"ogilint: {'removed' if removed else 'no cache at'} {root}", file=sys.stderr)


@app.command("config")
def show_config(
    path: Annotated[Path, typer.Argument(help="A report or a folder.")] = Path("."),
) -> None:
    """The settings configuration files give PATH, each with the file it comes from."""
    import json

    config = _config_for(path)
    if not config.values:
        print(f"{path}: no .ogilint.yaml or [tool.ogilint] found; the defaults apply")
        return
    for key, value in config.values.items():
        print(f"{key}: {json.dumps(value, ensure_ascii=False)}  # {config.sources[key]}")


@app.command()
def init(
    path: Annotated[Path, typer.Argument(help="The folder to write .ogilint.yaml in.")] = Path("."),
) -> None:
    """Write a commented .ogilint.yaml (every key at its default) into PATH."""
    from linter.config import TEMPLATE, YAML_NAME

    target = path / YAML_NAME
    if not path.is_dir():
        raise _fail(f"{path}: no such folder")
    if target.exists():
        raise _fail(f"{target} exists; it was left as it is")
    target.write_text(TEMPLATE.read_text(encoding="utf-8"), encoding="utf-8")
    print(f"ogilint: wrote {target}", file=sys.stderr)


def main() -> None:
    _app_for(sys.argv[1:])(prog_name="ogilint")


def _app_for(argv: list[str]) -> typer.Typer:
    """`app`, with only the command `argv` names when it names one.

    typer builds every command's options from its signature on each run
    (~10 ms, most of it for commands the run does not use); the app with the one
    command asked for parses and helps exactly as the whole one does.
    """
    name = argv[0] if argv else None
    chosen = [c for c in app.registered_commands if _command_name(c) == name]
    if not chosen:  # --help, --version, a mistyped command: the whole app says what there is
        return app
    one = _typer()
    one.registered_callback = app.registered_callback
    one.registered_commands = chosen
    return one


def _command_name(info) -> str:
    return info.name or info.callback.__name__.lower().replace("_", "-")
