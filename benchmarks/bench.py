"""Throughput benchmark for ogilint, next to a floor and textlint measured in the same run.

Prints figures, asserts nothing (the targets are in issue 10 and docs/scale.md).

Why a floor: a figure on its own says little. The floor is what any
regex-driven checker pays at least: read each file and run one pass of a
small fixed regex set (twelve patterns: four top-level headings, a phone
number, an address, five phrases, one "共N…其中" breakdown). textlint 15 with
one custom regex rule is the nearest general-purpose tool; its row is skipped
when `npm` is missing (it is installed into a temporary prefix, never into
the repository).

Every row is one child process measured with `os.wait4`: wall time, CPU
(user + system, its pool workers included) and the peak RSS of its largest
process. Rows:

- floor, textlint, and `ogilint check` over the generated corpus (default
  2,000 reports built from the five 2008-regime shared reports, figures
  perturbed so each copy differs) with 1 job and the default jobs, each cold
  (empty cache) and cached (the same run again);
- one report: `ogilint check` on one file next to `python -c pass`;
- PDF pages/s on the shared huaian-2024.pdf (text layer), and on the same
  pages scanned (image-only, read with OCR) when the `ocr` extra is there;
- scaling: 10, 100, 1,000, 10,000 files (default jobs, no cache) and one
  file of 1, 8 and 50 MB (reports joined), to show cost linear in size.

    .venv/bin/python benchmarks/bench.py            # everything (several minutes)
    .venv/bin/python benchmarks/bench.py --quick    # 200 files, small scaling table
    .venv/bin/python benchmarks/bench.py --only corpus,single,pdf,scaling
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SOURCES = ("baoding-2018", "changzhou-2018", "luoyang-2018", "wuxi-2015", "xinxiang-2015")
YEAR_OFFSETS = range(-5, 1)  # keeps 2015/2018 reports inside ogi-2008's 2008–2018
PERTURB_RATE = 0.35  # share of eligible figures changed in each copy
SINGLE_RUNS = 5
SECTIONS = ("corpus", "single", "pdf", "scaling")

# A year: 2000–2039 standing alone (not inside a longer digit run or decimal).
_YEAR = re.compile(r"(?<![\d.])20[0-3]\d(?![\d.])")
# A figure worth perturbing: 1–6 digits, no leading zero (area codes, postcodes
# with a leading 0 and 7–8 digit phone numbers are left alone), not a date part.
_FIGURE = re.compile(r"(?<![\d.])[1-9]\d{0,5}(?![\d.])(?!\s*[年月日号])")

# The floor's twelve patterns, run as one alternation in one pass per file.
FLOOR_PATTERNS = (
    r"^[一二三四五六七八九十]+、\s*(?:概述|总体情况|基本情况)",  # the four top-level headings
    r"^[一二三四五六七八九十]+、\s*主动公开",
    r"^[一二三四五六七八九十]+、\s*(?:依申请公开|收到和处理)",
    r"^[一二三四五六七八九十]+、\s*[^\n]{0,20}?(?:行政复议|行政诉讼)",
    r"(?:0\d{2,3}[-－])?\d{7,8}",  # phone
    r"(?:地址|地点)[:：]\s*[^\s，。]{2,40}",  # address
    "政府信息公开",  # five phrases
    "依申请公开",
    "不予公开",
    "收费",
    "存在的主要问题",
    r"共[^。，,]{0,12}?\d+[^。]{0,40}?其中",  # a "共N…其中" breakdown
)
FLOOR_REGEX = "|".join(f"(?:{p})" for p in FLOOR_PATTERNS)

# textlint's one custom rule: the same "共N…其中" pattern, reported per match.
TEXTLINT_RULE = """\
"use strict";
const PATTERN = /共[^。，,]{0,12}?\\d+[^。]{0,40}?其中/g;
module.exports = function (context) {
  const { Syntax, RuleError, report, getSource } = context;
  return {
    [Syntax.Str](node) {
      const text = getSource(node);
      for (const m of text.matchAll(PATTERN)) {
        report(node, new RuleError("共N…其中", { index: m.index }));
      }
    },
  };
};
"""


@dataclass(frozen=True)
class Measure:
    """One child process: what it did and what it cost."""

    label: str
    files: int
    nbytes: int
    wall: float
    cpu: float
    rss_mb: float
    code: int = 0

    @property
    def files_per_s(self) -> float:
        return self.files / self.wall if self.wall else float("inf")

    @property
    def mb_per_s(self) -> float:
        return self.nbytes / 1e6 / self.wall if self.wall else float("inf")

    @property
    def cpu_ms_per_file(self) -> float:
        return 1000 * self.cpu / self.files if self.files else 0.0


def measure(
    label: str,
    argv: list[str],
    files: int,
    nbytes: int,
    cwd: Path | None = None,
    timeout: float | None = None,
) -> Measure | None:
    """Run `argv`, output discarded; None when it ran past `timeout` seconds."""
    # stderr to a file, not a pipe: a chatty child never blocks on a full pipe.
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        proc = subprocess.Popen(
            argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=errors, start_new_session=True
        )
        finished = _wait(proc.pid, None if timeout is None else start + timeout)
        if finished is None:
            return None
        wall = time.perf_counter() - start
        code, usage = finished
        if code not in (0, 1):
            errors.seek(0)
            tail = errors.read().decode("utf-8", "replace").strip().splitlines()[-1:]
            print(f"  ! {label}: exit {code}: {tail}", file=sys.stderr)
    cpu = usage.ru_utime + usage.ru_stime
    return Measure(label, files, nbytes, wall, cpu, usage.ru_maxrss / 1024, code)


def _wait(pid: int, deadline: float | None):
    """(exit code, rusage) of child `pid` (its waited-for children included); None: killed."""
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status), usage
        if deadline is not None and time.perf_counter() > deadline:
            os.killpg(pid, 9)
            os.wait4(pid, 0)
            return None
        time.sleep(0.005)


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


def source_texts(shared: Path) -> dict[str, str]:
    reports = shared / "corpus" / "reports"
    return {name: (reports / f"{name}.txt").read_text(encoding="utf-8") for name in SOURCES}


def build_corpus(shared: Path, out: Path, files: int, seed: int) -> list[Path]:
    """Write `files` varied copies of the shared reports into `out`; return their paths."""
    rng = random.Random(seed)
    texts = source_texts(shared)
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


def big_report(shared: Path, out: Path, megabytes: int, seed: int) -> Path:
    """One text file of about `megabytes` MB: varied reports joined end to end."""
    rng = random.Random(seed)
    texts = list(source_texts(shared).values())
    target = megabytes * 1_000_000
    path = out / f"big-{megabytes}mb.txt"
    size = 0
    with path.open("w", encoding="utf-8") as handle:
        while size < target:
            part = perturb_figures(rng.choice(texts), rng) + "\n\n"
            handle.write(part)
            size += len(part.encode("utf-8"))
    return path


# --- the rows -------------------------------------------------------------------


def floor_worker(folder: Path) -> int:
    """The floor, run as a child: read each file, one pass of the twelve-pattern set."""
    regex = re.compile(FLOOR_REGEX, re.MULTILINE)
    hits = 0
    for path in sorted(folder.glob("*.txt")):
        text = path.read_bytes().decode("utf-8")
        hits += sum(1 for _ in regex.finditer(text))
    print(hits)
    return 0


def ogilint_command() -> list[str]:
    """The installed ogilint next to this interpreter, else `python -m linter`."""
    script = Path(sys.executable).with_name("ogilint")
    return [str(script)] if script.exists() else [sys.executable, "-m", "linter"]


def install_textlint(prefix: Path) -> Path | None:
    """textlint 15 in a temporary npm prefix; None when npm is missing or the install fails."""
    npm = shutil.which("npm")
    if npm is None:
        return None
    proc = subprocess.run(
        [npm, "install", "--prefix", str(prefix), "textlint@15", "--no-audit", "--no-fund"],
        capture_output=True,
        check=False,
    )
    binary = prefix / "node_modules" / ".bin" / "textlint"
    if proc.returncode != 0 or not binary.exists():
        print(f"  (textlint install failed: {proc.stderr.decode()[-200:]!r})", file=sys.stderr)
        return None
    rules = prefix / "rules"
    rules.mkdir(exist_ok=True)
    (rules / "gong-qizhong.js").write_text(TEXTLINT_RULE, encoding="utf-8")
    return binary


def corpus_rows(args: argparse.Namespace, corpus: Path, work: Path) -> list[Measure]:
    """Floor, textlint and ogilint (1 and N jobs, cold and cached) over the corpus."""
    paths = sorted(corpus.glob("*.txt"))
    n, size = len(paths), sum(p.stat().st_size for p in paths)
    rows = [measure("floor: read + 12-pattern regex", [*_self(), "--floor", str(corpus)], n, size)]
    textlint = None if args.no_textlint else install_textlint(work / "textlint")
    if textlint is None:
        print("  (textlint row skipped: npm not available or --no-textlint)")
    else:
        rules = str(work / "textlint" / "rules")
        argv = [str(textlint), "--rulesdir", rules, "--format", "json", str(corpus / "*.txt")]
        rows.append(measure("textlint 15, 1 regex rule", argv, n, size))
    for jobs in dict.fromkeys((1, args.jobs)):
        where = work / f"cache-j{jobs}"
        where.mkdir()
        argv = [*ogilint_command(), "check", str(corpus), "--format", "json", "--jobs", str(jobs)]
        rows.append(measure(f"ogilint -j{jobs}, cold", argv, n, size, cwd=where))
        rows.append(measure(f"ogilint -j{jobs}, cached", argv, n, size, cwd=where))
    return [r for r in rows if r is not None]


def _self() -> list[str]:
    return [sys.executable, str(Path(__file__).resolve())]


def single_rows(shared: Path) -> list[Measure]:
    """One report, fresh process, best of SINGLE_RUNS: ogilint next to `python -c pass`."""
    one = shared / "corpus" / "reports" / f"{SOURCES[0]}.txt"
    size = one.stat().st_size
    pairs = (
        ("python -c pass", [sys.executable, "-c", "pass"]),
        (f"ogilint check {one.name}", [*ogilint_command(), "check", str(one), "--no-cache"]),
    )
    rows = []
    for label, argv in pairs:
        runs = [measure(label, argv, 1, size) for _ in range(SINGLE_RUNS)]
        rows.append(min((r for r in runs if r), key=lambda r: r.wall))
    return rows


def pdf_lines(shared: Path) -> list[str]:
    """Pages/s of load + check on the shared PDF, and on its pages scanned (OCR)."""
    from linter.engine import Settings, check_document
    from linter.loaders import load_bytes, pdf_pdfium
    from linter.rulebook import shipped_packs

    pdf = shared / "corpus" / "reports" / "huaian-2024.pdf"
    data = pdf.read_bytes()
    packs = shipped_packs()

    def rate(blob: bytes, name: str, runs: int) -> tuple[float, float, int]:
        # CPU time too: the pages one core reads per second, whatever else runs.
        best, cpu, pages = float("inf"), float("inf"), 0
        for _ in range(runs):
            start, start_cpu = time.perf_counter(), time.process_time()
            doc = load_bytes(blob, name)
            check_document(doc, packs, Settings())
            best = min(best, time.perf_counter() - start)
            cpu = min(cpu, time.process_time() - start_cpu)
            pages = int(doc.meta.get("pages", 0))
        return best, cpu, pages

    def line(what: str, measured: tuple[float, float, int]) -> str:
        wall, cpu, pages = measured
        return (
            f"  {what}: {pages} page(s), {wall:.2f} s wall, {cpu:.2f} CPU-s: "
            f"{pages / wall:.2f} pages/s, {pages / cpu:.2f} pages per CPU-second"
        )

    lines = [line(f"{pdf.name} (text layer)", rate(data, pdf.name, 3))]
    # The same with every page read by pdfminer, as before pdfium read the text layer.
    opened = pdf_pdfium.open_document
    pdf_pdfium.open_document = lambda _data: None
    try:
        lines.append(line(f"{pdf.name}, pdfplumber alone", rate(data, pdf.name, 3)))
    finally:
        pdf_pdfium.open_document = opened
    scan = scanned_pdf(data)
    if scan is None:
        lines.append("  scanned copy: skipped (the ocr extra is not installed)")
    else:
        lines.append(line("its first page scanned (OCR)", rate(scan, "scan.pdf", 1)))
    return lines


def scanned_pdf(data: bytes) -> bytes | None:
    """`data`'s first page as an image-only PDF at 200 dpi, as a scanner makes it (None: no OCR)."""
    import importlib.util
    import io

    if importlib.util.find_spec("rapidocr_onnxruntime") is None:
        return None
    import pypdfium2

    pdf = pypdfium2.PdfDocument(data)
    # One page: OCR takes seconds a page, and its rate is per page anyway.
    image = pdf[0].render(scale=200 / 72).to_pil().convert("L")
    buffer = io.BytesIO()
    image.save(buffer, "PDF", resolution=200)
    return buffer.getvalue()


def check_stage_lines(corpus: Path, work: Path, files: int) -> list[str]:
    """The check stage alone, in process, cold then cached: what the cache saves.

    The CLI rows include what both runs pay alike (start-up, formatting the
    output); this is the part the cache replaces, on the first `files` reports.
    """
    from linter.cache import Cache
    from linter.engine import Settings
    from linter.rulebook import shipped_packs
    from linter.runner import run

    paths = [str(p) for p in sorted(corpus.glob("*.txt"))[:files]]
    packs, settings = shipped_packs(), Settings()
    cache = Cache(work / "stage-cache")
    seconds = []
    for _ in ("cold", "cached"):
        start = time.process_time()
        for _result in run(paths, settings, packs, jobs=1, cache=cache):
            pass
        seconds.append(time.process_time() - start)
    cold, cached = seconds
    return [
        f"  {len(paths)} reports, 1 job: cold {1000 * cold / len(paths):.2f} CPU-ms/report, "
        f"cached {1000 * cached / len(paths):.2f} CPU-ms/report: {cold / cached:.0f}x"
    ]


def scaling_rows(args: argparse.Namespace, work: Path) -> list[Measure]:
    """Cost against the number of files and against the size of one file."""
    rows = []
    for count in args.scale_files:
        folder = work / f"scale-{count}"
        paths = build_corpus(args.shared, folder, count, args.seed + count)
        size = sum(p.stat().st_size for p in paths)
        argv = [*ogilint_command(), "check", str(folder), "--format", "json", "--no-cache"]
        argv += ["--jobs", str(args.jobs)]
        row = measure(f"{count} files, -j{args.jobs}", argv, count, size, timeout=args.timeout)
        rows.append(row or _timed_out(f"{count} files", count, size, args.timeout))
        shutil.rmtree(folder)
    for megabytes in args.scale_mb:
        path = big_report(args.shared, work, megabytes, args.seed)
        size = path.stat().st_size
        argv = [*ogilint_command(), "check", str(path), "--format", "json", "--no-cache"]
        row = measure(f"one file of {megabytes} MB", argv, 1, size, timeout=args.timeout)
        rows.append(row or _timed_out(f"one file of {megabytes} MB", 1, size, args.timeout))
        path.unlink()
    return rows


def _timed_out(label: str, files: int, nbytes: int, timeout: float) -> Measure:
    return Measure(f"{label} (killed at {timeout:.0f} s)", files, nbytes, timeout, 0.0, 0.0, -1)


# --- printing -------------------------------------------------------------------


def table(rows: list[Measure]) -> list[str]:
    head = "| run | files/s | MB/s | CPU ms/file | wall s | CPU s | peak RSS MB |"
    lines = [head, "|---|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        if r.code == -1:
            lines.append(f"| {r.label} | – | – | – | > {r.wall:.0f} | – | – |")
            continue
        lines.append(
            f"| {r.label} | {r.files_per_s:,.1f} | {r.mb_per_s:.2f} | {r.cpu_ms_per_file:.1f} "
            f"| {r.wall:.2f} | {r.cpu:.2f} | {r.rss_mb:.0f} |"
        )
    return lines


def ratio_lines(rows: list[Measure]) -> list[str]:
    """CPU per file and files/s of every row against the floor and textlint."""
    refs = [r for r in rows if r.label.startswith(("floor", "textlint"))]
    lines = []
    for r in rows:
        if r in refs:
            continue
        parts = [
            f"{r.cpu / ref.cpu:.1f}x the CPU and {ref.files_per_s / r.files_per_s:.2f}x the wall "
            f"time of {ref.label.split(':')[0].split(',')[0]}"
            for ref in refs
            if ref.cpu and r.files_per_s
        ]
        lines.append(f"  {r.label}: " + "; ".join(parts))
    cold = {r.label.replace(", cold", ""): r for r in rows if r.label.endswith("cold")}
    for r in rows:
        if r.label.endswith("cached"):
            first = cold.get(r.label.replace(", cached", ""))
            if first:
                lines.append(f"  {r.label}: {first.wall / r.wall:.1f}x faster than cold")
    return lines


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=2000, help="reports in the corpus (2000)")
    ap.add_argument("--seed", type=int, default=20190331, help="random seed")
    ap.add_argument(
        "--jobs", type=int, default=_cpus(), help="the N of 'N jobs' (default: the CPUs)"
    )
    ap.add_argument("--only", default=",".join(SECTIONS), help=f"sections: {','.join(SECTIONS)}")
    ap.add_argument("--quick", action="store_true", help="200 files, scaling to 1,000 files/8 MB")
    ap.add_argument("--no-textlint", action="store_true", help="skip the textlint row")
    ap.add_argument("--timeout", type=float, default=600, help="seconds before a row is killed")
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared", help="the shared folder")
    ap.add_argument("--floor", type=Path, help=argparse.SUPPRESS)  # the floor's child process
    args = ap.parse_args(argv)
    args.scale_files = (10, 100, 1000) if args.quick else (10, 100, 1000, 10000)
    args.scale_mb = (1, 8) if args.quick else (1, 8, 50)
    if args.quick and args.files == 2000:
        args.files = 200
    args.only = set(args.only.split(","))
    return args


def _load() -> str:
    """The load average: wall times mean little on a machine others are using."""
    if not hasattr(os, "getloadavg"):
        return "load unknown"
    return "load average {:.1f} {:.1f} {:.1f}".format(*os.getloadavg())


def _cpus() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def run(args: argparse.Namespace, work: Path) -> None:
    """Take every measurement asked for and print the figures."""
    started = time.perf_counter()
    print(
        f"ogilint benchmark: {args.files} files, seed {args.seed}, {_cpus()} CPUs, "
        f"N = {args.jobs}; {_load()}"
    )
    # Children first, in-process measurements last: a child forked from a
    # process that has loaded ogilint would count the parent's pages in its RSS.
    corpus = work / "corpus"
    if "corpus" in args.only:
        paths = build_corpus(args.shared, corpus, args.files, args.seed)
        size = sum(p.stat().st_size for p in paths)
        print(f"\ncorpus: {len(paths)} reports, {size / 1e6:.1f} MB\n")
        rows = corpus_rows(args, corpus, work)
        print("\n".join(table(rows)))
        print("\nratios:")
        print("\n".join(ratio_lines(rows)))
    if "single" in args.only:
        print("\none report, fresh process (best of 5):\n")
        print("\n".join(table(single_rows(args.shared))))
    if "scaling" in args.only:
        print("\nscaling:\n")
        print("\n".join(table(scaling_rows(args, work))))
    if "corpus" in args.only:
        print("\nthe check stage alone (in process, no start-up, no output):")
        print("\n".join(check_stage_lines(corpus, work, min(args.files, 500))))
    if "pdf" in args.only:
        print("\nPDF (load + check, in process):")
        print("\n".join(pdf_lines(args.shared)))
    print(f"\ntotal wall time {time.perf_counter() - started:.0f} s; {_load()}")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.floor is not None:
        return floor_worker(args.floor)
    sys.path.insert(0, str(REPO))  # the checkout's linter, even without an install
    with tempfile.TemporaryDirectory(prefix="ogilint-bench-") as tmp:
        run(args, Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
