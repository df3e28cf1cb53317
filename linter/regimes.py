"""Choosing the regime (rule pack) for a report, by its year.

Each shipped regime declares the report years it covers (`years:` in its
YAML; ranges may not overlap, checked at load); `--regime auto` takes the
regime whose range holds the report year. A year no regime covers (or no
year at all) falls back to `common`, the rules that hold under every
regulation, so the report is still checked for what is certain.
"""

from __future__ import annotations

from functools import lru_cache

from linter.rulebook import Regime, shipped_packs
from linter.tables.templates import Template

FALLBACK = "common"


class UnknownRegime(Exception):
    """--regime named a pack that does not exist."""


def check_requested(packs: tuple[Regime, ...], requested: str) -> None:
    """Refuse a --regime that names no regime, listing those that exist."""
    names = sorted(p.name for p in packs)
    if requested != "auto" and requested not in names:
        raise UnknownRegime(
            f"unknown regime {requested!r}; choose auto or one of {', '.join(names)}"
        )


def select_pack(packs: tuple[Regime, ...], year: int | None, requested: str = "auto") -> Regime:
    check_requested(packs, requested)
    by_name = {p.name: p for p in packs}
    if requested != "auto":
        return by_name[requested]
    if year is not None:
        for pack in packs:
            if pack.covers(year):
                return pack
    return by_name[FALLBACK]


@lru_cache(maxsize=1)
def table_templates() -> tuple[Template, ...]:
    """The standard-table templates of every shipped regime, each once."""
    found: dict[int, Template] = {}
    for regime in shipped_packs():
        for template in regime.templates:
            found.setdefault(id(template), template)
    return tuple(found.values())
