"""Where one process spends its time: CPU-ms per report and a cProfile table.

Builds (or reuses) the generated corpus of benchmarks/bench.py, checks every
report in this process with the shipped packs (loaded before the clock
starts, as the CLI loads them once per run) and prints the CPU time per
report, then the functions that took the most time. Figures only; it asserts
nothing. docs/scale.md records what it showed and what was done about it.

    .venv/bin/python benchmarks/hotspots.py [--files N] [--corpus DIR] [--top K] [--sort KEY]
    .venv/bin/python benchmarks/hotspots.py --no-profile   # CPU-ms per report alone
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

from bench import build_corpus  # noqa: E402  (a script beside this one)


def check_all(paths: list[Path]) -> int:
    """Load and check every path; return the number of findings."""
    from linter.engine import Settings, check_document
    from linter.loaders import load_path
    from linter.rulebook import shipped_packs

    packs, settings = shipped_packs(), Settings()
    return sum(len(check_document(load_path(str(p)), packs, settings).findings) for p in paths)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=300, help="reports to check (300)")
    ap.add_argument("--seed", type=int, default=20190331, help="random seed of the corpus")
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared", help="shared folder")
    ap.add_argument("--corpus", type=Path, help="write/reuse the corpus here (default: temp)")
    ap.add_argument("--top", type=int, default=30, help="rows of the profile (30)")
    ap.add_argument("--sort", default="tottime", help="pstats sort key (tottime)")
    ap.add_argument("--no-profile", action="store_true", help="time only, no cProfile")
    return ap.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = args.corpus or Path(tmp)
        paths = sorted(corpus.glob("*.txt"))[: args.files]
        if len(paths) < args.files:
            paths = build_corpus(args.shared, corpus, args.files, args.seed)
        from linter.rulebook import shipped_packs

        shipped_packs()  # outside the clock, as in a CLI run
        check_all(paths[:5])  # warm the lazy imports and caches
        profiler = None if args.no_profile else cProfile.Profile()
        start = time.process_time()
        if profiler:
            profiler.enable()
        findings = check_all(paths)
        if profiler:
            profiler.disable()
        cpu = time.process_time() - start
        size = sum(p.stat().st_size for p in paths) / 1e6
        print(
            f"{len(paths)} reports, {size:.1f} MB, {findings} findings: "
            f"{cpu * 1000 / len(paths):.2f} CPU-ms per report"
            + (" (under cProfile)" if profiler else "")
        )
        if profiler:
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats(args.sort).print_stats(args.top)
            print(out.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
