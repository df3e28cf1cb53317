"""The analysis step: facts read once from a document, handed to every check."""

from __future__ import annotations

import json

import yaml
from conftest import REPORTS, ROOT, run_ogilint

from linter.analysis import analyse
from linter.document import Document
from linter.loaders import load_path
from linter.partitions import Partition

_COMMON = yaml.safe_load((ROOT / "rules" / "common.yaml").read_text(encoding="utf-8"))
_PARTITIONS = _COMMON["definitions"]["partitions"]
_AGREES = "全年受理申请11件,其中当面申请4件,网络申请5件,信函申请2件。"
_DIFFERS = "全年受理申请10件,其中当面申请4件,网络申请5件,信函申请2件。"


def test_the_document_holds_what_the_loader_produced_and_nothing_read_from_it():
    doc = load_path(str(REPORTS / "huaian-2024.txt"))
    read = ("outline", "quantities", "enumerations", "noise_lines", "standard_tables", "derived")
    assert [name for name in read if hasattr(doc, name)] == []


def test_the_facts_of_a_real_report():
    analysis = analyse(load_path(str(REPORTS / "huaian-2024.txt")))
    assert (
        analysis.title is not None
        and analysis.title[1].group(0) == "2024年政府信息公开工作年度报告"
    )
    assert (analysis.year, analysis.issuer) == (2024, "government")
    assert (
        analysis.period is not None and analysis.period.group(0) == "2024年1月1日至2024年12月31日"
    )
    assert sorted(analysis.standard_tables) == ["applications", "proactive", "review"]
    assert len(analysis.outline.top_level) == 6
    assert {f.kind for f in analysis.contact_fields} >= {"phone", "address"}


def test_a_report_without_a_title_takes_its_year_from_the_statistical_period():
    analysis = analyse(Document("x.txt", "一、概述\n统计期限自2017年1月1日起至2017年12月31日止。"))
    assert (analysis.title, analysis.year) == (None, 2017)


def test_groups_of_one_partition_set_are_read_once_however_many_rules_ask():
    analysis = analyse(Document("x.txt", _DIFFERS))
    first = analysis.groups.of([Partition.from_params(p) for p in _PARTITIONS])
    again = analysis.groups.of([Partition.from_params(p) for p in _PARTITIONS])
    assert again is first
    assert [(g.total.value, [n for n, _ in g.parts]) for g in first] == [
        (10, ["当面", "网络", "信函"])
    ]


def test_partitions_that_differ_only_in_name_keep_their_own_names():
    analysis = analyse(Document("x.txt", _DIFFERS))
    renamed = [dict(p) for p in _PARTITIONS]
    renamed[0] = {**renamed[0], "name": {"zh": "本单位渠道", "en": "our channels"}}
    shipped = analysis.groups.of([Partition.from_params(p) for p in _PARTITIONS])
    own = analysis.groups.of([Partition.from_params(p) for p in renamed])
    assert [g.partition.name["en"] for g in shipped] == ["application channels"]
    assert [g.partition.name["en"] for g in own] == ["our channels"]


def test_a_user_rule_over_the_shipped_partitions_renamed_speaks_of_its_own(tmp_path):
    # Its parts in the shipped order (sort_keys=False): equal to the shipped partitions
    # in everything but the name, which a memo keyed without names mixed up.
    renamed = [dict(p) for p in _PARTITIONS]
    renamed[0] = {**renamed[0], "name": {"zh": "本单位渠道", "en": "our channels"}}
    rule = {
        "pack": "local",
        "rules": [
            {
                "id": "local-sum",
                "severity": "error",
                "title": {"zh": "本地合计", "en": "Local total"},
                "message": {"zh": "{what}:{total}≠{sum}", "en": "{what}: {total} != {sum}"},
                "regulation": {"zh": "本单位要求", "en": "local policy"},
                "check": "sum_of_parts",
                "params": {"report": "mismatch", "partitions": renamed},
                "examples": {"pass": [_AGREES], "fail": [_DIFFERS]},
            }
        ],
    }
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "local.yaml").write_text(
        yaml.safe_dump(rule, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    report = tmp_path / "report.txt"
    report.write_text(_DIFFERS + "\n", encoding="utf-8")
    run = run_ogilint(
        "check", str(report), "--rules", str(tmp_path / "rules"), "--format", "json", "--lang", "en"
    )
    messages = {f["rule"]: f["message"] for f in json.loads(run.stdout)["files"][0]["findings"]}
    assert messages["local-sum"] == "our channels: 10 != 11"
    assert "application channels" in messages["total-mismatch"]
