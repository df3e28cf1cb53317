"""`ogilint explain RULE`: everything about a rule, rendered from its YAML entry.

A rule has one entry; where its article, wording or examples differ by
regime, each variant is shown under the regimes it applies to.
"""

from __future__ import annotations

from linter.output_words import severity_word
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
        "title": "标题",
        "every": "所有规则包",
    },
    "en": {
        "severity": "severity",
        "packs": "packs",
        "regulation": "regulation",
        "check": "check kind",
        "pass": "passing examples",
        "fail": "failing examples",
        "message": "message",
        "title": "title",
        "every": "every pack",
    },
}


def _example_text(example, indent: str) -> str:
    text = example if isinstance(example, str) else example["text"]
    year = (
        "" if isinstance(example, str) or "year" not in example else f"  [year {example['year']}]"
    )
    return "\n".join(indent + line for line in text.rstrip("\n").split("\n")) + year


def variant_packs(copies: list[Rule], pack_names: list[str]) -> list[tuple[list[str], Rule]]:
    """Each variant once, with the packs it applies to, in pack order."""
    grouped: dict[tuple, tuple[list[str], Rule]] = {}
    for rule in copies:
        packs, _ = grouped.setdefault((rule.source, rule.regimes), ([], rule))
        if rule.pack not in packs:
            packs.append(rule.pack)
    order = {name: i for i, name in enumerate(pack_names)}
    for packs, rule in grouped.values():
        if not rule.regimes and rule.pack not in order:  # a user rule: every pack
            packs[:] = []
        packs.sort(key=lambda name: order.get(name, len(order)))
    return list(grouped.values())


def _body(rule: Rule, lang: str, indent: str, title: bool) -> list[str]:
    h = _HEADINGS[lang]
    lines = [f"{indent}{h['title']}: {rule.title[lang]}"] if title else []
    lines += [
        f"{indent}{h['regulation']}: {rule.regulation[lang]}",
        f"{indent}{h['message']}: {rule.message[lang]}",
    ]
    if rule.description:
        lines += ["", *(indent + line for line in rule.description[lang].rstrip().split("\n"))]
    for kind in ("pass", "fail"):
        examples = rule.examples.get(kind) or []
        if examples:
            lines += ["", f"{indent}{h[kind]}:"]
            for example in examples:
                lines += [_example_text(example, indent + "    "), ""]
            lines.pop()  # no blank line after the last example
    return lines


def explain_rule(copies: list[Rule], pack_names: list[str], lang: str) -> str:
    """`copies`: the rule as each pack loaded it (one per pack and variant)."""
    h = _HEADINGS[lang]
    variants = variant_packs(copies, pack_names)
    first = variants[0][1]
    every = sorted({p for packs, _ in variants for p in packs}, key=pack_names.index)
    lines = [
        f"{first.id}: {first.title[lang]}",
        "",
        f"  {h['severity']}: {severity_label(first.severity, lang)}",
        f"  {h['packs']}: {', '.join(every) or h['every']}",
        f"  {h['check']}: {first.check}",
    ]
    if len(variants) == 1:
        lines += _body(first, lang, "  ", title=False)
    else:
        for packs, rule in variants:
            lines += ["", f"  [{', '.join(packs)}]"]
            lines += _body(rule, lang, "    ", title=rule.title != first.title)
    return "\n".join(lines).rstrip() + "\n"


def severity_label(severity: str, lang: str) -> str:
    """错误 (error) in Chinese: the word to read and the value a configuration file takes."""
    word = severity_word(severity, lang)
    return word if word == severity else f"{word} ({severity})"
