"""The rule catalogue as JSON: `ogilint rules --format json` and `explain --format json`.

Both languages at once (machines pick), every regime's variant with the
packs it applies to, examples as they stand in the YAML. Rendered from the
same `Rule` entries as the text of `rules` and `explain`, nothing restated.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from linter import __version__
from linter.explain import variant_packs
from linter.rulebook import Rule


def _dump(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2, default=str) + "\n"


def rules_document(rules: Sequence[Rule]) -> str:
    """Each rule id once: severity, check kind, title, and the packs it is in."""
    packs_of: dict[str, list[str]] = {}
    first: dict[str, Rule] = {}
    for rule in rules:
        packs = packs_of.setdefault(rule.id, [])
        if rule.pack not in packs:
            packs.append(rule.pack)
        first.setdefault(rule.id, rule)
    return _dump(
        {
            "ogilint": __version__,
            "rules": [
                {
                    "id": rule_id,
                    "severity": rule.severity,
                    "check": rule.check,
                    "title": dict(rule.title),
                    "packs": packs_of[rule_id],
                }
                for rule_id, rule in first.items()
            ],
        }
    )


def explain_document(copies: Sequence[Rule], pack_names: Sequence[str]) -> str:
    """Everything about one rule: each variant with its packs, article, texts, examples."""
    variants = variant_packs(list(copies), list(pack_names))
    first = variants[0][1]
    return _dump(
        {
            "ogilint": __version__,
            "id": first.id,
            "severity": first.severity,
            "check": first.check,
            "variants": [
                {
                    "packs": packs,
                    "title": dict(rule.title),
                    "message": dict(rule.message),
                    "regulation": dict(rule.regulation),
                    "description": dict(rule.description) if rule.description else None,
                    "examples": {kind: list(v or []) for kind, v in rule.examples.items()},
                    "source": rule.source,
                }
                for packs, rule in variants
            ],
        }
    )
