"""Documents written in pieces: the same bytes as the whole-document writers, less memory.

JSON, GitHub annotations and `--output` are written after the last file from a
spool (linter/spool.py), one result at a time; the JSON records are encoded by
orjson where it writes what `json.dumps` writes, and cache entries read by it
where it reads what `json.loads` reads. Each test here fails when that piece is
taken out: the spool's year-to-year pairing, the values orjson would write its own
way, the long integers it would read as floats, a run that holds every result.
"""

from __future__ import annotations

import gc
import json
import weakref
from decimal import Decimal

from conftest import REPORTS, run_ogilint
from hypothesis import given, settings
from hypothesis import strategies as st
from test_year_to_year import _earlier, _write, make_samples

from linter import __version__
from linter.cache import _loads
from linter.engine import Settings, catalogue
from linter.formatters import FormatOptions, summary
from linter.formatters import github as github_format
from linter.formatters.ci import native_place
from linter.formatters.json import encode, file_record
from linter.formatters.text import summary_lines
from linter.formatters.visible import json_safe
from linter.history import YearToYear
from linter.messages import finding_message
from linter.records_json import from_dict, to_dict
from linter.rulebook import shipped_packs
from linter.runner import run

SEED = [REPORTS / "wuxi-2015.txt", REPORTS / "changzhou-2018.txt"]


def _whole_results(paths: list[str]):
    """Every result of `paths` with the year-to-year stage run on the whole run at once."""
    packs, plain = shipped_packs(), Settings()
    results = list(run(paths, plain, packs, jobs=1))
    return YearToYear(packs, plain).all(results), catalogue(results, packs, plain)


def _whole_json(results, described) -> str:
    """The JSON document as the whole-document writer built it: one json.dumps."""
    document = {
        "ogilint": __version__,
        "files": [file_record(r, described, "zh") for r in results],
        "summary": summary(results),
    }
    return json_safe(json.dumps(document, ensure_ascii=False, indent=2, default=str)) + "\n"


def _whole_github(results, described) -> str:
    lines = []
    for r in results:
        for f in r.findings:
            title = f"{f.rule}: {described.rule(f.rule, r.regime).title['zh']}"
            message = native_place(r, f, "zh") + finding_message(f, described, r.regime, "zh")
            lines.append(github_format.annotation(r, f, message, title))
    return "\n".join([*lines, *summary_lines(results, FormatOptions())]) + "\n"


def test_json_and_github_written_in_pieces_are_the_whole_documents(tmp_path):
    """The later year first: its carryover finding is in place, as the whole writer put it."""
    earlier = _write(tmp_path, "city-2023", _earlier(carried=(5, 1, 0, 0, 0, 0)))
    later = _write(tmp_path, "city-2024", make_samples.city_clean())
    paths = [str(later), *map(str, SEED), str(earlier)]
    results, described = _whole_results(paths)
    assert "carryover-mismatch" in {f.rule for f in results[0].findings}

    streamed = run_ogilint("check", *paths, "--format", "json", "--no-cache")
    assert streamed.stdout == _whole_json(results, described)
    annotations = run_ogilint("check", *paths, "--format", "github", "--no-cache")
    assert annotations.stdout == _whole_github(results, described)
    written = tmp_path / "out.json"
    run_ogilint("check", *paths, "--format", "json", "--no-cache", "--output", str(written))
    assert written.read_text(encoding="utf-8") == streamed.stdout


_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.sampled_from([1e-05, 1e16, 2.5e-300, -0.0, 0.1, 93.75])
    | st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from("\x00\x1f\x7f\u2028\x85"))
    | st.builds(Decimal, st.sampled_from(["1.50", "1E+3", "-0"]))
)
_KEYS = st.text(max_size=4) | st.integers() | st.sampled_from([None, True, 2.5])
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(st.text(max_size=4), inner, max_size=4)
        | st.dictionaries(_KEYS, inner, max_size=3)
    ),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None)
@given(_VALUES)
def test_a_record_is_encoded_as_json_dumps_writes_it(value):
    expected = json_safe(json.dumps(value, ensure_ascii=False, indent=2, default=str))
    assert encode(value) == expected


@settings(max_examples=200, deadline=None)
@given(
    st.recursive(
        st.integers(min_value=-(10**40), max_value=10**40)
        | st.floats(allow_nan=False)
        | st.text(max_size=5),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=3), inner),
        max_leaves=12,
    )
)
def test_a_cache_entry_reads_back_what_was_written(value):
    """Entries are written by json and read by orjson: a 29-digit figure stays an int."""
    body = json.dumps(to_dict(value), ensure_ascii=False).encode()  # as Cache.put writes
    read = from_dict(_loads(body))
    assert read == value and repr(read) == repr(value)


def test_a_spooled_run_holds_one_result_at_a_time(tmp_path):
    """Results come and go: however many files, the writer holds a few at once."""
    from linter import cli

    text = (REPORTS / "wuxi-2015.txt").read_text(encoding="utf-8")[:600]
    paths = []
    for i in range(120):
        path = tmp_path / f"r{i:03}.txt"
        path.write_text(text.replace("2015", str(1900 + i)), encoding="utf-8")
        paths.append(str(path))
    packs, plain = shipped_packs(), Settings()
    alive: list[weakref.ref] = []
    most = 0

    def results():
        nonlocal most
        for result in run(paths, plain, packs, jobs=1):
            gc.collect(0)
            most = max(most, sum(r() is not None for r in alive))  # those given before
            alive.append(weakref.ref(result))
            yield result

    stage = cli._Stage(None, None, None, "error")
    out = tmp_path / "out.json"
    cli._report(
        results(), len(paths), "json", out, FormatOptions(), stage, YearToYear(packs, plain), plain
    )
    assert len(json.loads(out.read_text(encoding="utf-8"))["files"]) == len(paths)
    assert most <= 2, f"{most} results held at once"


# Template pieces: plain placeholders, and the ones vformat refuses.
_PIECES = ("a", "中", " ", "{n}", "{m:>5}", "{n!r}", "{x}", "{{", "}}", "{}", "{0}", "{n.a}")
_BAD_PIECES = ("{n:{m}}", "{", "}", "{n!z}")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES + _BAD_PIECES), max_size=8).map("".join))
def test_a_message_is_filled_as_str_format_fills_it(template):
    """Templates are parsed once (messages.fill): the text, or the error, is vformat's."""
    from linter.messages import _FORMATTER, _Values, fill

    values = {"n": "12", "m": "共3件"}

    def outcome(write):
        try:
            return write()
        except Exception as exc:  # the same kind of failure, for a template that has one
            return type(exc)

    expected = outcome(lambda: _FORMATTER.vformat(template, (), _Values(values)))
    assert outcome(lambda: fill(template, values)) == expected
