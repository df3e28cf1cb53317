"""Choosing the rule pack for a report: a table of year ranges, read from the packs.

Each shipped pack declares the report years it covers (`years:` in its YAML);
`--regime auto` takes the pack whose range holds the report year. A year no
pack covers (or no year at all) falls back to `common`, the rules that hold
under every regulation, so the report is still checked for what is certain.
"""

from __future__ import annotations

from linter.rulebook import Pack

FALLBACK = "common"


class UnknownRegime(Exception):
    """--regime named a pack that does not exist."""


def select_pack(packs: tuple[Pack, ...], year: int | None, requested: str = "auto") -> Pack:
    by_name = {p.name: p for p in packs}
    if requested != "auto":
        if requested not in by_name:
            raise UnknownRegime(
                f"unknown regime {requested!r}; choose auto or one of {', '.join(sorted(by_name))}"
            )
        return by_name[requested]
    if year is not None:
        for pack in packs:
            if pack.covers(year):
                return pack
    return by_name[FALLBACK]
