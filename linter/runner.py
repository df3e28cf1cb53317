"""Running the checks over many files: per-file settings, the cache, and the executors.

`check_file` is the unit of work: one `Task` (picklable: a name, the file's
settings, and its bytes when the parent already read them) in, one
`FileResult` out. `run` feeds it every input and yields the results in input
order as they come, through one of three executors:

- in process (`jobs=1`, or a single input: a pool would only add start-up);
- a local process pool (`jobs=N`), started only when a file must be checked;
- a Dask distributed cluster (`executor="dask"`, `scheduler=ADDRESS`).

At most `WINDOW_PER_WORKER` tasks per worker are in flight or waiting to be
yielded, so neither the parent nor the workers hold a whole run in memory:
a slow file at the head holds the others back rather than letting results
pile up. Per-file settings (configuration files) are resolved before the
first result, so a bad configuration stops the run before any output.
"""

from __future__ import annotations

import os
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import BrokenExecutor, Future
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from linter.engine import Settings
from linter.records import FileResult
from linter.rulebook import Rule

WINDOW_PER_WORKER = 4  # enough to keep a worker busy while the parent writes results
EXECUTORS = ("process", "dask")


class SettingsError(Exception):
    """A configuration that cannot be used for some file; str() is the one-line reason."""


@dataclass(frozen=True)
class Task:
    """One file to check: everything a worker needs, and nothing it would have to look up."""

    path: str  # where to read the file ("-": the bytes are in `data`)
    name: str  # the name findings carry (the path, or --stdin-filename)
    settings: Settings
    data: bytes | None = None  # the bytes, when the parent read them (stdin, the cache)


def default_jobs() -> int:
    """The CPUs this process may run on (not the machine's count, under a CPU limit)."""
    if hasattr(os, "process_cpu_count"):  # Python 3.13+
        return os.process_cpu_count() or 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def check_file(task: Task) -> FileResult:
    """The findings of one file: the per-file function every executor runs."""
    from linter.engine import input_error
    from linter.limits import time_limit
    from linter.loaders import InputError, load_bytes, read_bytes
    from linter.rulebook import shipped_packs

    packs = shipped_packs()  # loaded once per process (cached)
    limit = task.settings.max_bytes
    try:
        # The time limit covers reading, loading and checking: past it the file is
        # an input error and the worker goes on with the next one.
        with time_limit(task.settings.time_limit):
            if task.data is None and _is_folder(task.path):
                raise InputError("no-reports")  # expand_paths keeps only folders without reports
            data = task.data if task.data is not None else read_bytes(task.path, limit)
            doc = load_bytes(data, task.name, limit)
            return _checked(doc, task, packs)
    except InputError as exc:
        return input_error(task.name, exc.code, exc.texts, packs, task.settings)


def _checked(doc, task: Task, packs) -> FileResult:
    from linter.engine import check_document, internal_error

    try:
        return check_document(doc, packs, task.settings)
    except Exception as exc:  # one bad file must not stop a batch
        # A crash outside any rule (a rule's own crash is its finding): say so, go on.
        finding = internal_error(task.name, "(engine)", exc, packs)
        return FileResult(task.name, None, task.settings.year, doc.encoding, (finding,))


def _is_folder(path: str) -> bool:
    try:
        return Path(path).is_dir()
    except OSError:  # a name too long: reading it says so
        return False


def known_ids(packs, extra) -> set[str]:
    """Every rule id shipped or given with --rules."""
    return {r.id for p in packs for r in p.rules} | {r.id for r in extra}


def file_settings(path: str, cli: Settings, packs) -> Settings:
    """The settings for one file: its nearest configuration, where the command line is silent."""
    from linter.config import ConfigError, for_path

    try:
        config = for_path(Path.cwd() if path == "-" else Path(path))
    except ConfigError as exc:
        raise SettingsError(str(exc)) from None
    return apply_config(config, path, cli, packs)


def apply_config(config, path: str, cli: Settings, packs) -> Settings:
    """`cli` with `config`'s settings (a `linter.config.Config`) where the command line is silent.

    `ogilint serve --config FILE` applies one file this way to every upload.
    """
    from linter.regimes import UnknownRegime, check_requested

    if not config.values:
        return cli
    extra = cli.extra_rules
    # `rules:` folders load beside the shipped packs and --rules: unlike other options,
    # --rules adds to them, since the file's other keys may name the rules they hold.
    if config.get("rules"):
        extra = _join_rules(
            extra, _config_rules(config.sources["rules"], tuple(config.get("rules")))
        )
    for key in ("select", "ignore", "per-file-ignores", "severity"):
        named = config.get(key) or []
        if key == "severity":
            ids = set(named)
        elif isinstance(named, dict):
            ids = {i for v in named.values() for i in v}
        else:
            ids = set(named)
        unknown = ids - known_ids(packs, extra)
        if unknown:
            where = config.sources[key]
            raise SettingsError(f"{where}: {key}: unknown rule id(s): {', '.join(sorted(unknown))}")
    regime = cli.regime if cli.regime != "auto" else config.get("regime", "auto")
    try:
        check_requested(packs, regime)
    except UnknownRegime as exc:
        raise SettingsError(f"{config.sources.get('regime', '')}: {exc}") from None
    return replace(
        cli,
        select=cli.select or frozenset(config.get("select", ())),
        ignore=(cli.ignore or frozenset(config.get("ignore", ()))) | config.ignored_for(path),
        regime=regime,
        year=cli.year if cli.year is not None else config.get("year"),
        extra_rules=extra,
        severity=tuple(sorted((config.get("severity") or {}).items())),
    )


@lru_cache(maxsize=32)
def _config_rules(source: Path, folders: tuple[str, ...]) -> tuple[Rule, ...]:
    """The rules of a configuration's `rules:` folders (relative to the file naming them)."""
    from linter.rulebook import RuleFileError, extra_rules, shipped_packs

    found: list[Rule] = []
    for name in folders:
        folder = (source.parent / name).resolve()
        if not folder.is_dir():
            raise SettingsError(f"{source}: rules: {folder} is not a folder of rule files")
        try:
            found.extend(extra_rules(folder, shipped_packs()))
        except RuleFileError as exc:
            raise SettingsError(str(exc)) from None
    return _join_rules((), found)


def _join_rules(given, configured) -> tuple[Rule, ...]:
    """--rules and a configuration's rules, each once; one id from two files is refused."""
    # Keyed with the regimes: a rule's variants share its id and entry.
    joined = {(r.id, r.source, r.regimes): r for r in (*given, *configured)}
    files: dict[str, str] = {}
    for rule in joined.values():
        first = files.setdefault(rule.id, rule.source)
        if first.rsplit(":", 1)[0] != rule.source.rsplit(":", 1)[0]:
            raise SettingsError(f"rule {rule.id!r} is in {first} and in {rule.source}")
    return tuple(joined.values())


def catalogue_settings(paths: list[str], settings: Settings, packs) -> Settings:
    """The settings the run's catalogue describes: every file's extra rules and overrides.

    Called after `run` (any configuration error has been raised by then; the
    files' configurations and rule folders are cached).
    """
    per_file = [file_settings(p, settings, packs) for p in paths]
    extra = {(r.id, r.source, r.regimes): r for s in per_file for r in s.extra_rules}
    levels = {k: v for s in per_file for k, v in s.severity}
    return replace(
        settings,
        extra_rules=tuple(extra.values()) or settings.extra_rules,
        severity=tuple(sorted(levels.items())),
    )


def run(
    paths: list[str],
    settings: Settings,
    packs,
    *,
    jobs: int | None = None,
    cache=None,
    executor: str = "process",
    scheduler: str | None = None,
    stdin_name: str | None = None,
    read_stdin: Callable[[], bytes] | None = None,
) -> Iterator[FileResult]:
    """The result of every path, in input order, yielded as soon as it and those before are done.

    `cache` is a `linter.cache.Cache` or None. Raises SettingsError (before
    yielding anything) when a file's configuration cannot be used.
    """
    jobs = default_jobs() if jobs is None else max(1, jobs)
    tasks = [
        Task(p, (stdin_name or "<stdin>") if p == "-" else p, file_settings(p, settings, packs))
        for p in paths
    ]
    # One byte past the size limit: an endless stdin stops there (and is refused).
    read_stdin = read_stdin or (lambda: sys.stdin.buffer.read(settings.max_bytes + 1))
    if executor == "dask":
        client = _dask_client(scheduler)  # connect now: a wrong address fails before any output
        return _ordered(tasks, cache, lambda: client, client.workers, read_stdin)
    if jobs == 1 or len(tasks) == 1:
        return _ordered(tasks, cache, _InProcess, 1, read_stdin)
    return _ordered(tasks, cache, lambda: _pool(min(jobs, len(tasks))), jobs, read_stdin)


class _InProcess:
    """An executor that runs each task when it is submitted (the `jobs=1` path)."""

    def __enter__(self) -> _InProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def submit(self, fn: Callable[[Task], FileResult], task: Task) -> Future:
        future: Future = Future()
        future.set_result(fn(task))
        return future


def _pool(workers: int):
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork starts a worker in milliseconds with the rule packs already loaded;
    # it is unsafe only when other threads may hold locks (a progress bar's),
    # and then a fork server gives clean workers instead.
    methods = multiprocessing.get_all_start_methods()
    single = threading.active_count() == 1
    method = "fork" if sys.platform == "linux" and single else None
    if method is None and "forkserver" in methods:
        method = "forkserver"
    context = multiprocessing.get_context(method)
    return ProcessPoolExecutor(workers, mp_context=context, initializer=_worker_setup)


def _worker_setup() -> None:
    # Ctrl-C is the parent's to handle (it cancels what has not started); a
    # worker that took it too would print a traceback of its own.
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _dask_client(scheduler: str | None):
    try:
        from distributed import Client
    except ImportError:
        raise SettingsError(
            "--executor dask needs Dask distributed: pip install 'ogilint[dask]'"
        ) from None
    if not scheduler:
        raise SettingsError("--executor dask needs --scheduler ADDRESS (e.g. tcp://host:8786)")
    try:
        return _DaskExecutor(Client(scheduler, timeout="10s"))
    except (OSError, ValueError, TypeError) as exc:  # TimeoutError is an OSError
        raise SettingsError(f"--scheduler {scheduler}: cannot connect: {exc}") from None


class _DaskExecutor:
    """A Dask client seen as an executor: `submit` gives a future with `result()` and `done()`."""

    def __init__(self, client) -> None:
        self.client = client

    def __enter__(self) -> _DaskExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.client.close()

    def submit(self, fn: Callable[[Task], FileResult], task: Task):
        # pure=False: two files with equal bytes and names still get their own task.
        return self.client.submit(fn, task, pure=False)

    @property
    def workers(self) -> int:
        return max(1, sum(self.client.nthreads().values()))


def _ordered(
    tasks: list[Task], cache, start: Callable[[], Any], jobs: int, read_stdin
) -> Iterator[FileResult]:
    """Yield each task's result in order, running only the cache misses, within the window."""
    # Slots hold a finished result, or (future, key, task) for a task in flight.
    pending: deque[FileResult | tuple[Any, str | None, Task]] = deque()
    with _Lazy(start) as executor:
        window = max(1, jobs) * WINDOW_PER_WORKER
        for task in tasks:
            pending.append(_prepare(task, cache, executor, read_stdin))
            if executor.started:
                window = executor.workers * WINDOW_PER_WORKER
            while pending and (len(pending) >= window or _ready(pending[0])):
                yield _finish(pending.popleft(), cache)
        while pending:
            yield _finish(pending.popleft(), cache)


def _prepare(task: Task, cache, executor: _Lazy, read_stdin):
    """A cache hit as a result; otherwise the task submitted, with the key to store it under."""
    from linter.loaders import InputError, read_bytes

    if task.path == "-":
        task = replace(task, data=read_stdin())
    if cache is None or (task.data is None and _is_folder(task.path)):
        return executor.submit(check_file, task), None, task
    try:
        data = (
            task.data if task.data is not None else read_bytes(task.path, task.settings.max_bytes)
        )
    except InputError:
        return executor.submit(check_file, task), None, task  # the worker words the reason
    key = cache.key(data, task.name, task.settings)
    hit = cache.get(key, task.name)
    if hit is not None:
        return hit
    # The bytes go along: the key is of the bytes checked, even if the file changes meanwhile.
    task = replace(task, data=data)
    return executor.submit(check_file, task), key, task


def _ready(slot) -> bool:
    return isinstance(slot, FileResult) or slot[0].done()


def _finish(slot, cache) -> FileResult:
    if isinstance(slot, FileResult):
        return slot
    future, key, task = slot
    try:
        result = future.result()
    except BrokenExecutor:
        # A worker died (killed, out of memory) and took every task in flight
        # with it: each is run again alone, so only a file that kills its own
        # process is lost, and that one as a finding, not a traceback.
        result = _alone(task)
    except Exception as exc:  # the executor's own failure (a cluster worker lost)
        result = _crashed(task, exc)
    if key is not None and not _timed_out(result):  # a busier machine might not time out
        cache.put(key, result)
    return result


def _timed_out(result: FileResult) -> bool:
    return any(
        f.evidence.facts.get("code") == "took-too-long" for f in result.findings if f.whole_report
    )


def _alone(task: Task) -> FileResult:
    """`task` run in a fresh process of its own."""
    try:
        with _pool(1) as solo:
            return solo.submit(check_file, task).result()
    except Exception as exc:
        return _crashed(task, exc)


def _crashed(task: Task, exc: BaseException) -> FileResult:
    from linter.engine import internal_error
    from linter.rulebook import shipped_packs

    finding = internal_error(task.name, "(engine)", exc, shipped_packs())
    return FileResult(task.name, None, task.settings.year, None, (finding,))


class _Lazy:
    """An executor started at its first submission (a fully cached run starts no pool)."""

    def __init__(self, start: Callable[[], Any]) -> None:
        self._start = start
        self._executor: Any = None

    @property
    def started(self) -> bool:
        return self._executor is not None

    @property
    def workers(self) -> int:
        return getattr(self._executor, "workers", None) or getattr(
            self._executor, "_max_workers", 1
        )

    def submit(self, fn: Callable[[Task], FileResult], task: Task):
        if self._executor is None:
            self._executor = self._start()
        try:
            return self._executor.submit(fn, task)
        except BrokenExecutor:  # a worker died: the tasks after it get a new pool
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = self._start()
            return self._executor.submit(fn, task)

    def __enter__(self) -> _Lazy:
        return self

    def __exit__(self, kind: object, *exc: object) -> None:
        if self._executor is None:
            return
        shutdown = getattr(self._executor, "shutdown", None)
        if kind is not None and shutdown is not None:
            # An early exit (a closed pipe, Ctrl-C): drop the tasks not yet started.
            shutdown(wait=False, cancel_futures=True)
        else:
            self._executor.__exit__(None, None, None)
