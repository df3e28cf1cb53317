"""`ogilint rules --format json` and `explain --format json`: the catalogue for machines."""

from __future__ import annotations

from conftest import run_ogilint

from linter.rulebook import shipped_packs


def test_rules_json_lists_each_shipped_rule_once_with_its_packs():
    run = run_ogilint("rules", "--format", "json")
    assert run.code == 0, run.stderr
    listed = run.json["rules"]
    ids = [r["id"] for r in listed]
    assert len(ids) == len(set(ids))
    packs = shipped_packs()
    expected = {rule.id: rule for pack in packs for rule in pack.rules}
    assert set(ids) == set(expected)
    for entry in listed:
        rule = expected[entry["id"]]
        assert (entry["severity"], entry["check"]) == (rule.severity, rule.check)
        assert set(entry["title"]) == {"zh", "en"}
        assert entry["packs"] == [p.name for p in packs if any(r.id == rule.id for r in p.rules)]


def test_explain_json_gives_every_variant_with_its_packs_and_examples():
    run = run_ogilint("explain", "missing-proactive", "--format", "json")
    assert run.code == 0, run.stderr
    doc = run.json
    assert (doc["id"], doc["severity"]) == ("missing-proactive", "error")
    variants = doc["variants"]
    assert len(variants) >= 2  # the 2008 and the revised regulation's articles
    assert len({v["regulation"]["zh"] for v in variants}) == len(variants)
    named = [p for v in variants for p in v["packs"]]
    assert len(named) == len(set(named)) and {"ogi-2008", "ogi-2021"} <= set(named)
    assert all(v["examples"]["pass"] and v["examples"]["fail"] for v in variants)
    text = run_ogilint("explain", "missing-proactive").stdout
    for v in variants:
        assert v["regulation"]["zh"] in text  # the same entries as the text


def test_an_unknown_catalogue_format_is_one_line_and_exit_2():
    for command in (("rules",), ("explain", "total-mismatch")):
        run = run_ogilint(*command, "--format", "yaml")
        assert run.code == 2 and run.stderr.strip() == (
            "ogilint: error: unknown format 'yaml'; choose text, json"
        )
