"""Throughput benchmark for ogilint: prints figures, asserts nothing.

Why: the linter will be run over whole archives of annual reports (thousands
of files per province and year), so its speed per file matters, and a figure
on its own says little. This script therefore measures the real engine next
to a baseline taken in the same run, on the same files, on the same core.

What it does:

1. Builds a corpus of ``--files`` reports (default 2,000) from the five shared
   2008-regime reports (baoding-2018, changzhou-2018, luoyang-2018, wuxi-2015,
   xinxiang-2015 in ``<shared>/corpus/reports``). Each copy shifts every year
   20XX by one random offset in -5..0 (so the report year stays within
   2008–2018 and the ogi-2008 pack applies) and perturbs about a third of the
   other Arabic figures by up to ±10 %, so the sums and percentages the
   checks verify differ from file to file (many copies get real findings).
   The corpus goes to a temporary directory, or to ``--corpus DIR``
   (``benchmarks/corpus/`` is git-ignored for that purpose).
2. Baseline: for every file, read the bytes, decode UTF-8 and run ONE pass of
   ONE compiled regular expression that is the alternation of all the
   patterns the linter uses. "All the patterns" is counted, not guessed: the
   distinct regex strings in the shipped rule packs' params (partition totals,
   ``until`` bounds and parts, section ``headings``, ``statements``) plus the
   module-level compiled patterns of the ``linter`` package (contact fields,
   statistical period, quantities, noise, …). The count is printed. This is
   roughly the cheapest a regex-driven linter could be: everything the engine
   does beyond it (normalising, outlining, parsing numbers, the checks,
   building findings) shows up as the engine/baseline ratio.
3. Engine, in this process: ``load_path`` + ``check_document(doc,
   shipped_packs(), Settings())`` for every file. Packs are loaded before the
   clock starts, as the CLI loads them once per run.
4. Engine, as a user runs it: one ``ogilint check DIR --format json``
   subprocess over the whole corpus (start-up and JSON output included).
5. Start-up: wall time of ``ogilint check <one report>`` in a subprocess, the
   minimum of 5 runs (target: < 0.5 s).
6. Peak RSS (``resource.getrusage``) of this process and of the largest child.

The process pins itself (and so its children) to one CPU where the OS allows,
so figures are single-core figures. Runs in well under two minutes with the
defaults.

    .venv/bin/python benchmarks/bench.py [--files N] [--seed S] [--shared DIR] [--corpus DIR]
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import pkgutil
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SOURCES = ("baoding-2018", "changzhou-2018", "luoyang-2018", "wuxi-2015", "xinxiang-2015")
YEAR_OFFSETS = range(-5, 1)  # keeps 2015/2018 reports inside ogi-2008's 2008–2018
PERTURB_RATE = 0.35  # share of eligible figures changed in each copy
STARTUP_RUNS = 5
STARTUP_TARGET_S = 0.5

# A year: 2000–2039 standing alone (not inside a longer digit run or decimal).
_YEAR = re.compile(r"(?<![\d.])20[0-3]\d(?![\d.])")
# A figure worth perturbing: 1–6 digits, no leading zero (area codes, postcodes
# with a leading 0 and 7–8 digit phone numbers are left alone), not a date part.
_FIGURE = re.compile(r"(?<![\d.])[1-9]\d{0,5}(?![\d.])(?!\s*[年月日号])")
# Keys of rule params whose strings are regular expressions.
_REGEX_KEYS = frozenset({"total", "until", "headings", "statements"})
_SCOPED_FLAGS = ((re.IGNORECASE, "i"), (re.MULTILINE, "m"), (re.DOTALL, "s"), (re.VERBOSE, "x"))


@dataclass(frozen=True)
class Timing:
    """One measured pass over the corpus."""

    label: str
    seconds: float
    files: int
    nbytes: int

    @property
    def files_per_s(self) -> float:
        return self.files / self.seconds if self.seconds else float("inf")

    @property
    def mb_per_s(self) -> float:
        return self.nbytes / 1e6 / self.seconds if self.seconds else float("inf")


# --- corpus -----------------------------------------------------------------


def shift_years(text: str, offset: int) -> str:
    """Every year 20XX moved by the same offset, so the report stays self-consistent."""
    return _YEAR.sub(lambda m: str(int(m[0]) + offset), text)


def perturb_figures(text: str, rng: random.Random) -> str:
    """About PERTURB_RATE of the figures moved by up to ±10 % (at least ±1)."""

    def change(m: re.Match[str]) -> str:
        n = int(m[0])
        if 1900 <= n <= 2039 or rng.random() >= PERTURB_RATE:
            return m[0]  # years are shifted consistently elsewhere, never perturbed
        reach = max(1, n // 10)
        return str(max(0, n + rng.randint(-reach, reach)))

    return _FIGURE.sub(change, text)


def report_year(name: str) -> int:
    """The year in a source name such as 'baoding-2018'."""
    return int(name.rsplit("-", 1)[1])


def build_corpus(shared: Path, out: Path, files: int, seed: int) -> list[Path]:
    """Write `files` varied copies of the shared reports into `out`; return their paths."""
    rng = random.Random(seed)
    texts = {
        name: (shared / "corpus" / "reports" / f"{name}.txt").read_text(encoding="utf-8")
        for name in SOURCES
    }
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(files):
        name = SOURCES[i % len(SOURCES)]
        offset = rng.choice(YEAR_OFFSETS)
        text = perturb_figures(shift_years(texts[name], offset), rng)
        place = name.rsplit("-", 1)[0]
        path = out / f"{i:05d}-{place}-{report_year(name) + offset}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


# --- the patterns the linter uses --------------------------------------------


def param_regexes(params: object) -> Iterable[str]:
    """Regex strings in rule params: partition totals, bounds and parts, headings, statements."""
    if isinstance(params, dict):
        for key, value in params.items():
            if key == "parts" and isinstance(value, dict):
                yield from (v for v in value.values() if isinstance(v, str))
            elif key in _REGEX_KEYS:
                yield from ([value] if isinstance(value, str) else value)
            else:
                yield from param_regexes(value)
    elif isinstance(params, list):
        for item in params:
            yield from param_regexes(item)


def module_patterns() -> Iterable[re.Pattern[str]]:
    """Module-level compiled patterns of the linter package (not the CLI, which runs on import)."""
    import linter

    for info in pkgutil.walk_packages(linter.__path__, "linter."):
        if info.name.endswith("__main__") or info.name == "linter.cli":
            continue
        module = importlib.import_module(info.name)
        yield from (
            v
            for v in vars(module).values()
            if isinstance(v, re.Pattern) and isinstance(v.pattern, str)
        )


def linter_patterns() -> list[tuple[str, int]]:
    """Distinct (pattern, flags) pairs the linter uses, from the packs and from its code."""
    from linter.rulebook import shipped_packs

    found: dict[tuple[str, int], None] = {}
    for pack in shipped_packs():
        for rule in pack.rules:
            for pattern in param_regexes(rule.params):
                found[(pattern, 0)] = None
    for compiled in module_patterns():
        found[(compiled.pattern, compiled.flags & ~re.UNICODE)] = None
    return list(found)


def scoped(pattern: str, flags: int) -> str:
    """One alternative of the combined regex: groups unnamed, flags made local."""
    body = re.sub(r"\(\?P<\w+>", "(?:", pattern)
    local = "".join(letter for flag, letter in _SCOPED_FLAGS if flags & flag)
    return f"(?{local}:{body})" if local else f"(?:{body})"


def combined_regex(patterns: list[tuple[str, int]]) -> re.Pattern[str]:
    """All patterns as one alternation, to be run in a single pass."""
    return re.compile("|".join(scoped(p, f) for p, f in patterns))


# --- timed passes -------------------------------------------------------------


def timed(label: str, paths: list[Path], work: Callable[[Path], object]) -> Timing:
    """Run `work` on every path and time the whole pass."""
    nbytes = sum(p.stat().st_size for p in paths)
    start = time.perf_counter()
    for path in paths:
        work(path)
    return Timing(label, time.perf_counter() - start, len(paths), nbytes)


def baseline_pass(paths: list[Path], regex: re.Pattern[str]) -> Timing:
    """Read, decode and scan each file once with the combined regex."""

    def scan(path: Path) -> int:
        text = path.read_bytes().decode("utf-8")
        return sum(1 for _ in regex.finditer(text))

    return timed("baseline (read + 1 regex pass)", paths, scan)


def engine_pass(paths: list[Path]) -> tuple[Timing, Counter[str], list[str]]:
    """The real engine in this process; also the findings per rule and any crashes."""
    from linter.engine import Settings, check_document
    from linter.loaders import load_path
    from linter.rulebook import shipped_packs

    packs, settings = shipped_packs(), Settings()
    findings: Counter[str] = Counter()
    crashes: list[str] = []

    def check(path: Path) -> None:
        try:
            result = check_document(load_path(str(path)), packs, settings)
            findings.update(f.rule for f in result.findings)
        except Exception as exc:  # a crash is a result to report, not a reason to stop
            crashes.append(f"{path.name}: {type(exc).__name__}: {exc}")

    return timed("engine, in process", paths, check), findings, crashes


def ogilint_command() -> list[str]:
    """The installed ogilint next to this interpreter, else `python -m linter`."""
    script = Path(sys.executable).with_name("ogilint")
    return [str(script)] if script.exists() else [sys.executable, "-m", "linter"]


def cli_pass(corpus: Path, paths: list[Path]) -> tuple[Timing, int]:
    """One `ogilint check DIR --format json` subprocess over the corpus."""
    nbytes = sum(p.stat().st_size for p in paths)
    start = time.perf_counter()
    proc = subprocess.run(
        [*ogilint_command(), "check", str(corpus), "--format", "json"],
        capture_output=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        tail = proc.stderr.decode("utf-8", "replace").strip().splitlines()[-1:]
        raise SystemExit(f"ogilint exited {proc.returncode}: {' '.join(tail)}")
    result = json.loads(proc.stdout)
    findings = sum(len(f["findings"]) for f in result["files"])
    return Timing("engine, `ogilint check DIR`", seconds, len(result["files"]), nbytes), findings


def startup_seconds(report: Path) -> float:
    """Best-of-N wall time of checking one report in a fresh process."""
    best = float("inf")
    for _ in range(STARTUP_RUNS):
        start = time.perf_counter()
        subprocess.run(
            [*ogilint_command(), "check", str(report), "--format", "json"],
            capture_output=True,
            check=False,
        )
        best = min(best, time.perf_counter() - start)
    return best


# --- reporting ----------------------------------------------------------------


def pin_to_one_core() -> str:
    """Pin this process (and the children it starts) to one CPU, where supported."""
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity)"
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return f"pinned to CPU {cpu}"


def peak_rss_mb(who: int) -> float:
    """Peak resident set size in MB (ru_maxrss is KB on Linux, bytes on macOS)."""
    rss = resource.getrusage(who).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def row(t: Timing) -> str:
    return (
        f"  {t.label:<32} {t.seconds:8.2f} s  {t.files_per_s:9.1f} files/s  {t.mb_per_s:7.2f} MB/s"
    )


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=2000, help="reports in the corpus (2000)")
    ap.add_argument("--seed", type=int, default=20190331, help="random seed")
    ap.add_argument(
        "--per-format", type=int, default=50, help="documents per container format (0: skip)"
    )
    ap.add_argument(
        "--shared",
        type=Path,
        default=REPO.parent / "shared",
        help="the shared folder (default: ../shared beside the repository)",
    )
    ap.add_argument(
        "--corpus",
        type=Path,
        default=None,
        help="write the corpus here and keep it (e.g. benchmarks/corpus)",
    )
    return ap.parse_args(argv)


def run(args: argparse.Namespace, corpus: Path) -> None:
    """Build the corpus in `corpus`, take every measurement, print the figures."""
    print(f"ogilint benchmark: {args.files} files, seed {args.seed}, {pin_to_one_core()}")
    start = time.perf_counter()
    paths = build_corpus(args.shared, corpus, args.files, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(
        f"corpus: {len(paths)} files, {size / 1e6:.1f} MB in {corpus} "
        f"(built in {time.perf_counter() - start:.1f} s)"
    )

    patterns = linter_patterns()
    regex = combined_regex(patterns)
    print(
        f"baseline regex: alternation of {len(patterns)} patterns "
        "(rule-pack params + linter module patterns)"
    )

    base = min((baseline_pass(paths, regex) for _ in range(3)), key=lambda t: t.seconds)
    engine, findings, crashes = engine_pass(paths)
    cli, cli_findings = cli_pass(corpus, paths)
    print()
    for t in (base, engine, cli):
        print(row(t))
    print()
    print(
        f"engine/baseline throughput: in process {engine.files_per_s / base.files_per_s:.4f} "
        f"(engine takes {engine.seconds / base.seconds:.1f}x the baseline's time); "
        f"CLI {cli.files_per_s / base.files_per_s:.4f} ({cli.seconds / base.seconds:.1f}x)"
    )
    total = findings.total()
    print(
        f"findings: {total} in process, {cli_findings} from the CLI"
        + ("" if total == cli_findings else "  <-- differ")
    )
    print("  by rule: " + ", ".join(f"{rule} {n}" for rule, n in findings.most_common()))
    if crashes:
        print(f"engine crashed on {len(crashes)} file(s), e.g. {crashes[0]}")

    one = args.shared / "corpus" / "reports" / f"{SOURCES[0]}.txt"
    best = startup_seconds(one)
    verdict = "met" if best < STARTUP_TARGET_S else "MISSED"
    print(
        f"single file `ogilint check {one.name}`: {best:.3f} s "
        f"(min of {STARTUP_RUNS}; target < {STARTUP_TARGET_S} s: {verdict})"
    )
    print(
        f"peak RSS: this process {peak_rss_mb(resource.RUSAGE_SELF):.1f} MB, "
        f"largest child {peak_rss_mb(resource.RUSAGE_CHILDREN):.1f} MB"
    )
    if args.per_format:
        print(f"per container (load + check, {args.per_format} documents each):")
        for line in format_pass(args.per_format):
            print(line)
    print(f"total wall time {time.perf_counter() - start:.1f} s")


def format_pass(per_format: int) -> list[str]:
    """Load + check throughput per container, on the five reports built as each container.

    The containers are built by the same builders the format tests use
    (tests/fixtures_formats.py: python-docx, reportlab, GBK web pages), so the
    figures are for real files; building is not timed.
    """
    sys.path.insert(0, str(REPO / "tests"))
    from fixtures_formats import REPORTS, corpus_file

    from linter.engine import Settings, check_document
    from linter.loaders import load_bytes
    from linter.rulebook import shipped_packs

    packs, settings = shipped_packs(), Settings()
    lines = []
    for variant in ("gbk.html", "docx", "table.docx", "pdf"):
        files = [(f"{name}.{variant}", corpus_file(name, variant)) for name in REPORTS]
        pages = 0
        start = time.perf_counter()
        for i in range(per_format):
            name, data = files[i % len(files)]
            doc = load_bytes(data, name)
            pages += int(doc.meta.get("pages", 0))
            check_document(doc, packs, settings)
        seconds = time.perf_counter() - start
        rate = f"{per_format / seconds:7.1f} docs/s"
        if pages:
            rate += f"  {pages / seconds:7.1f} pages/s"
        lines.append(f"  {variant:<12} {per_format:4d} docs {seconds:7.2f} s  {rate}")
    return lines


def clear_corpus(corpus: Path) -> None:
    """Remove files a previous run generated (only those), so seeds and sizes never mix."""
    if corpus.is_dir():
        for stale in corpus.glob("[0-9][0-9][0-9][0-9][0-9]-*.txt"):
            stale.unlink()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    sys.path.insert(0, str(REPO))  # the checkout's linter, even without an install
    if args.corpus is not None:
        clear_corpus(args.corpus)
        run(args, args.corpus)
    else:
        with tempfile.TemporaryDirectory(prefix="ogilint-bench-") as tmp:
            run(args, Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
