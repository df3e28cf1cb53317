"""Rendering a rule's message template in the language a formatter wants."""

from __future__ import annotations

import string
from decimal import Decimal
from typing import Any

from linter.records import Catalogue, Evidence, Finding, Term


def format_value(value: Any, lang: str) -> str:
    """A placeholder value as text: numbers without trailing zeros, texts in `lang`."""
    if isinstance(value, Term):
        return format_value(value.words, lang)
    if isinstance(value, dict) and "zh" in value:
        return str(value.get(lang) or value["zh"])
    if isinstance(value, Decimal):
        return format_decimal(value)
    if isinstance(value, (list, tuple)):
        sep = "、" if lang == "zh" else ", "
        return sep.join(format_value(v, lang) for v in value)
    return str(value)


def format_decimal(value: Decimal) -> str:
    """1411 for Decimal('1411'), 125.34 for Decimal('125.340'), never 1.411E+3."""
    if value == value.to_integral_value():
        # Not quantize: it raises past the context's 28 digits.
        return format(value.to_integral_value(), "f")
    text = format(value.normalize(), "f")
    return text


class _Values(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render(template: dict[str, str], evidence: Evidence, lang: str) -> str:
    """Fill the `lang` template of a rule text with the evidence's facts."""
    text = template.get(lang) or template["zh"]
    values = evidence.placeholders()
    rendered = _Values({k: format_value(v, lang) for k, v in values.items()})
    return string.Formatter().vformat(text, (), rendered)


def finding_message(finding: Finding, catalogue: Catalogue, regime: str | None, lang: str) -> str:
    """The finding's message in `lang`, from the variant of its rule that ran under `regime`."""
    return render(catalogue.rule(finding.rule, regime).message, finding.evidence, lang)


def bilingual(template: dict[str, str], **values: Any) -> dict[str, str]:
    """A rule text fragment (zh and en, from YAML) filled in for both languages.

    Checks do not know the user's language; they give both renderings and the
    formatter picks one when it renders the rule's message.
    """
    return {
        lang: text.format_map(_Values({k: format_value(v, lang) for k, v in values.items()}))
        for lang, text in template.items()
    }
