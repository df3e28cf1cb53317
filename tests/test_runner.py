"""Many files at once: --jobs, the result cache, `ogilint clean`, the Dask executor."""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import multiprocessing
import os
import pickle
import shutil
import signal
from pathlib import Path

import pytest
from conftest import REPORTS, SHARED, run_ogilint

from linter import __version__
from linter.cache import FOLDER, Cache, cache_root
from linter.engine import Settings
from linter.records import FileResult
from linter.rulebook import shipped_packs
from linter.runner import run

WILD = SHARED / "corpus" / "wild" / "reports"
SMALL = REPORTS / "baoding-2018.txt"


def _inputs() -> list[str]:
    # The PDF first: it takes longest, so a pool finishes the text files before
    # it, and only the runner's ordering keeps the output in input order.
    files = [REPORTS / "huaian-2024.pdf", *sorted(REPORTS.glob("*.txt")), *sorted(WILD.iterdir())]
    return [str(f) for f in files]


@pytest.fixture(scope="module")
def one_job():
    return run_ogilint("check", *_inputs(), "--format", "json", "--jobs", "1", "--no-cache")


def test_two_jobs_give_the_same_json_as_one_in_input_order(one_job):
    two = run_ogilint("check", *_inputs(), "--format", "json", "--jobs", "2", "--no-cache")
    assert one_job.code in (0, 1), one_job.stderr
    assert [f["path"] for f in two.json["files"]] == _inputs()
    assert (two.code, two.stdout) == (one_job.code, one_job.stdout)


def test_a_killed_worker_costs_no_result():
    # Killing the pool's workers mid-run breaks every task in flight: each is run
    # again alone, and the run ends with every result, as one job gives them.
    paths = [str(p) for p in sorted(REPORTS.glob("*.txt"))] + [str(SMALL)] * 4
    packs = shipped_packs()
    expected = list(run(paths, Settings(), packs, jobs=1))
    results = run(paths, Settings(), packs, jobs=2)
    got = [next(results)]
    workers = multiprocessing.active_children()
    assert workers  # the pool is running
    for worker in workers:
        os.kill(worker.pid, signal.SIGKILL)
    got.extend(results)
    assert got == expected


# --- the cache ------------------------------------------------------------------


def _run_cached(path: Path, root: Path, settings: Settings | None = None) -> FileResult:
    settings = settings or Settings()
    (result,) = run([str(path)], settings, shipped_packs(), jobs=1, cache=Cache(root))
    return result


def _entry(root: Path) -> Path:
    (entry,) = root.glob("v1/*/*.json")
    return entry


def _reseal(body: list, key: str, version: str = __version__) -> bytes:
    """An entry as ogilint writes it, its checksum matching `body`."""
    from linter.cache import _digest

    data = json.dumps(body).encode()
    return json.dumps({"ogilint": version, "key": key, "sha256": _digest(data)}).encode() + (
        b"\n" + data
    )


def _read(entry: Path) -> tuple[dict, list]:
    head, _, body = entry.read_bytes().partition(b"\n")
    return json.loads(head), json.loads(body)


def _field(name: str) -> int:
    """Where a FileResult field sits in its entry (item 0 is the tag)."""
    return 1 + [f.name for f in dataclasses.fields(FileResult)].index(name)


@pytest.fixture()
def cached(tmp_path) -> tuple[Path, Path, FileResult]:
    """A report copied into tmp_path, checked once: (report, cache root, its result)."""
    report = tmp_path / SMALL.name
    shutil.copyfile(SMALL, report)
    root = tmp_path / FOLDER
    return report, root, _run_cached(report, root)


def test_a_valid_entry_is_used_instead_of_checking_again(cached):
    report, root, cold = cached
    entry = _entry(root)
    header, body = _read(entry)
    assert header["ogilint"] == __version__
    # A doctored year with a matching checksum shows the second run read the entry.
    assert body[_field("year")] == 2018
    body[_field("year")] = 1999
    entry.write_bytes(_reseal(body, header["key"]))
    assert _run_cached(report, root).year == 1999
    assert cold.year == 2018


def _garbage(entry: Path) -> bytes:
    return os.urandom(64)


def _truncated(entry: Path) -> bytes:
    return entry.read_bytes()[: entry.stat().st_size // 2]


def _another_version(entry: Path) -> bytes:
    header, body = _read(entry)
    return _reseal(body, header["key"], version="0.0.1")


def _another_key(entry: Path) -> bytes:
    _, body = _read(entry)
    return _reseal(body, "0" * 64)


def _checksum_off(entry: Path) -> bytes:
    head, _, body = entry.read_bytes().partition(b"\n")
    return head + b"\n" + body.replace(b"2018", b"1999", 1)  # changed without resealing


def _wrong_shape(entry: Path) -> bytes:
    # Sealed, but the findings are a string: well-formed JSON, not a result.
    header, body = _read(entry)
    body[_field("findings")] = "nothing to see"
    return _reseal(body, header["key"])


def _other_type(entry: Path) -> bytes:
    header, _ = _read(entry)
    return _reseal(["$Location", 3, 1, 3, 1, None, None, None, None, None], header["key"])


class _Marker:
    """Unpickling this creates a file: proof an entry was (wrongly) unpickled."""

    path = ""

    def __reduce__(self):
        return (Path.touch, (Path(self.path),))


def _pickle(entry: Path) -> bytes:
    marker = _Marker()
    marker.path = str(entry.parent / "unpickled")
    return pickle.dumps(marker)


@pytest.mark.parametrize(
    "corrupt",
    [
        _garbage,
        _truncated,
        _another_version,
        _another_key,
        _checksum_off,
        _wrong_shape,
        _other_type,
        _pickle,
    ],
)
def test_a_corrupt_or_stale_entry_is_ignored_and_rewritten(cached, corrupt):
    report, root, cold = cached
    entry = _entry(root)
    good = entry.read_bytes()
    entry.write_bytes(corrupt(entry))
    assert _run_cached(report, root) == cold
    assert entry.read_bytes() == good  # the fresh result replaced the bad entry
    assert not (entry.parent / "unpickled").exists()


def test_changed_bytes_name_or_settings_are_other_entries(cached):
    report, root, _ = cached
    report.write_text(report.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    _run_cached(report, root)
    _run_cached(report, root, Settings(select=frozenset({"missing-section"})))
    renamed = report.with_name("renamed.txt")
    shutil.copyfile(report, renamed)
    _run_cached(renamed, root)
    assert len(list(root.glob("v1/*/*.json"))) == 4


def test_a_cached_result_equals_the_checked_one_with_its_source_view(cached):
    # The html format's settings keep the source: the richest record there is.
    report, root, _ = cached
    settings = Settings(keep_source=True)
    cold = _run_cached(report, root, settings)
    assert cold.source is not None
    assert _run_cached(report, root, settings) == cold
    assert len(list(root.glob("v1/*/*.json"))) == 2


def test_unreadable_files_are_not_cached(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = _run_cached(empty, tmp_path / FOLDER)
    assert result.input_error
    assert not list((tmp_path / FOLDER).glob("v1/*/*.json"))


def test_the_cache_sits_beside_the_configuration_file(tmp_path):
    (tmp_path / ".ogilint.yaml").write_text("lang: en\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    assert cache_root(tmp_path / "sub") == tmp_path / FOLDER


def test_the_cli_caches_and_clean_removes_the_cache(tmp_path):
    shutil.copyfile(SMALL, tmp_path / SMALL.name)
    cold = run_ogilint("check", SMALL.name, "--format", "json", cwd=tmp_path)
    assert (tmp_path / FOLDER / "CACHEDIR.TAG").is_file()
    warm = run_ogilint("check", SMALL.name, "--format", "json", cwd=tmp_path)
    assert (warm.code, warm.stdout) == (cold.code, cold.stdout)
    cleaned = run_ogilint("clean", cwd=tmp_path)
    assert cleaned.code == 0 and "removed" in cleaned.stderr
    assert not (tmp_path / FOLDER).exists()
    run_ogilint("check", SMALL.name, "--no-cache", cwd=tmp_path)
    assert not (tmp_path / FOLDER).exists()


def test_clean_leaves_a_folder_that_is_not_a_cache(tmp_path):
    (tmp_path / FOLDER).mkdir()
    (tmp_path / FOLDER / "notes.txt").write_text("mine", encoding="utf-8")
    cleaned = run_ogilint("clean", cwd=tmp_path)
    assert cleaned.code == 0 and "no cache" in cleaned.stderr
    assert (tmp_path / FOLDER / "notes.txt").is_file()


# --- Dask -----------------------------------------------------------------------

_NO_DASK = importlib.util.find_spec("distributed") is None


@pytest.mark.skipif(
    _NO_DASK and os.environ.get("CI") != "true",
    reason="dask.distributed not installed (pip install -e '.[dask]')",
)
def test_a_dask_cluster_gives_the_same_json_as_one_job(one_job):
    from distributed import LocalCluster

    # Worker threads in this process, reached over TCP as a remote cluster would be.
    with LocalCluster(
        n_workers=1,
        threads_per_worker=2,
        processes=False,
        protocol="tcp",
        host="127.0.0.1",
        dashboard_address=None,
    ) as cluster:
        sweep = run_ogilint(
            "check",
            *_inputs(),
            "--format",
            "json",
            "--no-cache",
            "--executor",
            "dask",
            "--scheduler",
            cluster.scheduler_address,
        )
    assert (sweep.code, sweep.stdout) == (one_job.code, one_job.stdout), sweep.stderr


def test_dask_without_a_scheduler_is_a_one_line_error():
    result = run_ogilint("check", str(SMALL), "--executor", "dask")
    assert result.code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "--scheduler" in result.stderr or "ogilint[dask]" in result.stderr
