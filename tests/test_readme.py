"""The README's promises: two commands first, and a rule table that matches the packs."""

from __future__ import annotations

import re

from conftest import ROOT

from linter.rulebook import shipped_packs

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_starts_with_the_install_and_test_commands():
    block = re.search(r"```sh\n(.*?)```", README, re.S)
    assert block and README.index(block.group(0)) < README.index("\n## ")
    commands = block.group(1).strip().splitlines()
    assert len(commands) == 2
    assert "pip install ." in commands[0] and "ogilint check sample_reports/" in commands[0]
    assert 'pip install -e ".[test]"' in commands[1] and "pytest" in commands[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci


def test_every_shipped_rule_is_in_the_readme_table_with_its_severity():
    table = dict(re.findall(r"^\| `([a-z0-9-]+)` \| (error|warning|info) \|", README, re.M))
    for pack in shipped_packs():
        for rule in pack.rules:
            assert table.get(rule.id) == rule.severity, rule.id


def test_the_readme_names_every_shipped_rule_file():
    listed = set(re.findall(r"^\* `rules/([\w.-]+\.yaml)`", README, re.M))
    listed |= set(re.findall(r"`rules/(ogi-20\d\d\.yaml)`", README))
    assert listed == {p.name for p in (ROOT / "rules").glob("*.yaml")}
