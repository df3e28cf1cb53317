"""Rendering a rule's message template in the language a formatter wants."""

from __future__ import annotations

import string
from decimal import Decimal
from functools import lru_cache
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


class TemplateError(ValueError):
    """A message template that is not plain text with named placeholders."""


def template_problem(text: str) -> str | None:
    """Why `text` cannot be a message template, or None.

    Templates come from rule files, users' included: only `{name}` placeholders
    (with an optional format spec) are allowed, never `{0}`, `{x.attr}` or
    `{x[key]}`, which would let a rule file reach into Python objects, and the
    braces must balance, or every finding of the rule would fail to render.
    """
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as exc:
        return f"{exc} (write {{{{ and }}}} for literal braces)"
    for _, field, spec, _ in parsed:
        if field is None:
            continue
        if not field.isidentifier():
            return f"placeholder {{{field}}} must be a plain name like {{count}}"
        if spec and "{" in spec:
            return f"placeholder {{{field}}} has a nested placeholder in its format"
    return None


class _NamesOnly(string.Formatter):
    """str.format limited to named placeholders: no attribute or index lookups."""

    def get_field(self, field_name: str, args: Any, kwargs: Any) -> tuple[Any, str]:
        if not field_name.isidentifier():
            raise TemplateError(f"placeholder {{{field_name}}} is not a plain name")
        return self.get_value(field_name, args, kwargs), field_name


_FORMATTER = _NamesOnly()


def fill(text: str, values: dict[str, str]) -> str:
    """`text` with its `{name}` placeholders filled; unknown names are left as written.

    What `_FORMATTER.vformat` gives, from the template parsed once (string.Formatter
    parses it again in Python on every call: ~12 % of a cached run's CPU); a
    template that is not plain named placeholders goes to vformat, which raises.
    """
    pieces = _plain_pieces(text)
    if pieces is None:
        return _FORMATTER.vformat(text, (), _Values(values))
    out = []
    for literal, field, spec, conversion in pieces:
        out.append(literal)
        if field is not None:
            value = values[field] if field in values else "{" + field + "}"
            out.append(format(_FORMATTER.convert_field(value, conversion), spec))
    return "".join(out)


@lru_cache(maxsize=1024)
def _plain_pieces(text: str) -> tuple[tuple[str, str | None, str, str | None], ...] | None:
    """The parse of a template whose placeholders are plain names without nested ones."""
    try:
        pieces = tuple(_FORMATTER.parse(text))
    except ValueError:
        return None
    for _, field, spec, _ in pieces:
        if field is not None and (not field.isidentifier() or "{" in (spec or "")):
            return None
    return pieces


def render(template: dict[str, str], evidence: Evidence, lang: str) -> str:
    """Fill the `lang` template of a rule text with the evidence's facts."""
    text = template.get(lang) or template["zh"]
    values = evidence.placeholders()
    return fill(text, {k: format_value(v, lang) for k, v in values.items()})


def finding_message(finding: Finding, catalogue: Catalogue, regime: str | None, lang: str) -> str:
    """The finding's message in `lang`, from the variant of its rule that ran under `regime`."""
    return render(catalogue.rule(finding.rule, regime).message, finding.evidence, lang)


def bilingual(template: dict[str, str], **values: Any) -> dict[str, str]:
    """A rule text fragment (zh and en, from YAML) filled in for both languages.

    Checks do not know the user's language; they give both renderings and the
    formatter picks one when it renders the rule's message.
    """
    return {
        lang: fill(text, {k: format_value(v, lang) for k, v in values.items()})
        for lang, text in template.items()
    }
