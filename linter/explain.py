"""`ogilint explain RULE`: everything about a rule, rendered from its YAML entry."""

from __future__ import annotations

from linter.rulebook import Rule

_HEADINGS = {
    "zh": {
        "severity": "严重程度",
        "packs": "规则包",
        "regulation": "依据",
        "check": "检查类型",
        "pass": "通过示例",
        "fail": "不通过示例",
        "message": "提示信息",
    },
    "en": {
        "severity": "severity",
        "packs": "packs",
        "regulation": "regulation",
        "check": "check kind",
        "pass": "passing examples",
        "fail": "failing examples",
        "message": "message",
    },
}


def _example_text(example) -> str:
    text = example if isinstance(example, str) else example["text"]
    year = (
        "" if isinstance(example, str) or "year" not in example else f"  [year {example['year']}]"
    )
    return "\n".join("      " + line for line in text.rstrip("\n").split("\n")) + year


def explain_rule(rule: Rule, packs: list[str], lang: str) -> str:
    h = _HEADINGS[lang]
    lines = [
        f"{rule.id}: {rule.title[lang]}",
        "",
        f"  {h['severity']}: {rule.severity}",
        f"  {h['packs']}: {', '.join(packs)}",
        f"  {h['regulation']}: {rule.regulation[lang]}",
        f"  {h['check']}: {rule.check}",
        f"  {h['message']}: {rule.message[lang]}",
    ]
    if rule.description:
        lines += ["", *("  " + line for line in rule.description[lang].rstrip().split("\n"))]
    for kind in ("pass", "fail"):
        examples = rule.examples.get(kind) or []
        if examples:
            lines += ["", f"  {h[kind]}:"]
            for example in examples:
                lines += [_example_text(example), ""]
    return "\n".join(lines).rstrip() + "\n"
