"""The rule pages, the check-kind page and the README table are generated from the YAML."""

from __future__ import annotations

import re
import shutil

from conftest import ROOT, run_ogilint

from linter.docs import generated, stale


def test_the_generated_docs_are_up_to_date():
    assert stale() == [], "rule docs are stale: run `python -m linter.docs`"


def test_a_hand_edit_or_a_page_of_a_removed_rule_is_stale(tmp_path):
    shutil.copy(ROOT / "README.md", tmp_path / "README.md")
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    page = tmp_path / "docs" / "rules" / "missing-fees.md"
    page.write_text(page.read_text(encoding="utf-8") + "edited\n", encoding="utf-8")
    (tmp_path / "docs" / "rules" / "gone.md").write_text("old\n", encoding="utf-8")
    assert set(stale(tmp_path)) == {page, tmp_path / "docs" / "rules" / "gone.md"}


def test_each_rule_page_gives_every_regimes_article_and_examples():
    page = generated()[ROOT / "docs" / "rules" / "missing-problems.md"]
    ogi_2008, revised = page.split("## ogi-2019, ogi-2021")
    assert "## ogi-2008" in ogi_2008 and "《条例》(2008)第三十二条第(五)项" in ogi_2008
    assert "《条例》(2019)第五十条第(四)项" in revised and "五、存在问题及改进情况" in revised
    assert "severity: **error**" in page


WRITING = (ROOT / "docs" / "writing-rules.md").read_text(encoding="utf-8")


def test_the_rule_in_writing_rules_loads_runs_and_explains(tmp_path):
    block = re.search(r"```yaml\n(.*?)```", WRITING, re.S)
    assert block, "docs/writing-rules.md shows its rule in a ```yaml block"
    (tmp_path / "local.yaml").write_text(block.group(1), encoding="utf-8")
    explained = run_ogilint("explain", "missing-interpretation", "--rules", str(tmp_path))
    assert explained.code == 0 and "政府信息公开工作要点" in explained.stdout
    shown = re.findall(r"```text\n(.*?)```", WRITING, re.S)
    report_ok, report_bad = shown[0], shown[1]
    args = ("--rules", str(tmp_path), "--format", "json", "--select", "missing-interpretation")
    good = run_ogilint("check", "-", *args, stdin=report_ok.encode())
    bad = run_ogilint("check", "-", *args, stdin=report_bad.encode())
    assert good.code == 0 and good.rules() == set()
    assert bad.rules() == {"missing-interpretation"}
    assert "政策解读" in bad.json["files"][0]["findings"][0]["message"]


def test_the_sample_expectations_name_every_rule_of_their_regime():
    import yaml

    from linter.rulebook import shipped_packs

    packs = shipped_packs()
    for name in ("expected.yaml", "expected-standard.yaml"):
        reports = yaml.safe_load((ROOT / "sample_reports" / name).read_text("utf-8"))["reports"]
        for report, expected in reports.items():
            pack = next(p for p in packs if p.covers(expected["year"]))
            listed = {*expected.get("must_not", ()), *(m["rule"] for m in expected["must"])}
            assert {r.id for r in pack.rules} <= listed, (name, report)
