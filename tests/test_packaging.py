"""The wheel carries the rule packs, so a plain `pip install .` finds them anywhere."""

from __future__ import annotations

import subprocess
import sys
import zipfile

from conftest import ROOT


def test_the_wheel_ships_the_rules_and_uses_them_from_any_directory(tmp_path):
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert build.returncode == 0, build.stderr
    (wheel,) = tmp_path.glob("ogilint-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for shipped in (
        "schema.json",
        "common.yaml",
        "ogi-2008.yaml",
        "ogi-2019.yaml",
        "ogi-2021.yaml",
        "revised.yaml",
        "templates/standard-tables.yaml",
        "messages/html-report.yaml",
    ):
        assert f"linter/rules/{shipped}" in names, shipped
    # The annotated HTML page inlines its style and script from these files.
    for asset in ("report.css", "report.js"):
        assert f"linter/formatters/html_assets/{asset}" in names, asset
    unpacked = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(unpacked)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    probe = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "from linter.rulebook import rules_dir, shipped_packs;"
        "print(rules_dir()); print(sorted(p.name for p in shipped_packs()))"
    )
    run = subprocess.run(
        [sys.executable, "-c", probe, str(unpacked)],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    where, packs = run.stdout.splitlines()
    assert where == str(unpacked / "linter" / "rules")
    assert packs == "['common', 'ogi-2008', 'ogi-2019', 'ogi-2021']"
