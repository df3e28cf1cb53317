"""Why a file cannot be read: `InputError` codes and their words in each language.

A loader raises `InputError("encrypted-pdf", error="…")`; what that says, in
Chinese and in English, is data (rules/messages/input-errors.yaml), never
English prose translated afterwards. The English text is also the stable
`details.reason` machines read, the code `details.code`.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from linter.rulebook import rules_dir, yaml_loader

CATALOGUE = "messages/input-errors.yaml"
MAX_REASON = 200  # characters: a reason is one short line
LANGS = ("zh", "en")


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, str]]:
    """code -> {"zh": template, "en": template}."""
    import yaml  # here: a run without an unreadable file never imports it

    return yaml.load((rules_dir() / CATALOGUE).read_text(encoding="utf-8"), yaml_loader())


def one_line(text: str, limit: int = MAX_REASON) -> str:
    """`text` on one line, cut to `limit` characters (parsers' messages run long)."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def reason_texts(code: str, values: dict[str, Any]) -> dict[str, str]:
    """The reason `code` with `values` filled in, in every language."""
    templates = catalogue().get(code)
    if templates is None:  # a code without words (a test forbids it): say the code
        return {lang: one_line(code) for lang in LANGS}
    return {lang: one_line(templates[lang].format(**values)) for lang in LANGS}


class InputError(Exception):
    """The input cannot be read as a report: a code and the values its words name."""

    def __init__(self, code: str, **values: Any) -> None:
        self.code = code
        self.values = {k: one_line(v) if isinstance(v, str) else v for k, v in values.items()}
        self.texts = reason_texts(code, self.values)
        super().__init__(self.texts["en"])


def failure(exc: BaseException) -> str:
    """A caught exception as a value for a reason: "ValueError: bad header"."""
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
