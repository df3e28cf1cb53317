"""Writing out the arithmetic a finding is about, the way a person checks it."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from linter.messages import format_decimal


def plain(value: Decimal) -> int | float:
    """A JSON-friendly number: an int when whole."""
    return int(value) if value == value.to_integral_value() else float(value)


def equation(parts: Sequence[Decimal], total: Decimal) -> str:
    """'253 + 6 + 67 + 1085 = 1411 ✓' or '247 + 50 + 1035 + 1083 = 2415 ≠ 2425'."""
    parts_sum = sum(parts, start=Decimal(0))
    left = " + ".join(format_decimal(p) for p in parts)
    if parts_sum == total:
        return f"{left} = {format_decimal(total)} ✓"
    return f"{left} = {format_decimal(parts_sum)} ≠ {format_decimal(total)}"
