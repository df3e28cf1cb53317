"""Quantities in report prose: 1411件, 1,411件, 一千四百一十一件, 3.5万余条, 84.2%.

A quantity is a number with a counting unit, a currency or a percent sign.
A bare number (a year, a phone number, a document number 〔2018〕80号, a
date 12月31日) is not a quantity, which is what keeps dates and codes out of
the arithmetic. Figures marked as approximate (约, 近, 余, 多, 以上, +) are
kept but flagged, and checks never use them as exact operands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from linter.textview import TextView

_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
# No report counts or spends 10^15 of anything (a national budget is ~10^13 元).
# A longer run of digits is an identifier or junk, and summing it would leave
# the exact range of decimal's default 28-digit context, where rounding makes
# sums lie and quantize raise: it is not read as a figure.
MAX_FIGURE_DIGITS = 15

# Counting units, longest first so that 人次 wins over 人 and 批次 over 批.
COUNT_UNITS = (
    "人次",
    "件次",
    "批次",
    "户次",
    "个",
    "件",
    "条",
    "次",
    "项",
    "篇",
    "期",
    "场",
    "户",
    "人",
    "家",
    "份",
    "批",
    "册",
    "本",
    "部",
    "台",
    "起",
    "名",
    "所",
    "处",
    "类",
    "宗",
    "张",
    "封",
    "套",
    "栏",
    "幅",
    "位",
    "辆",
    "座",
)
MONEY_UNITS = ("元",)
_UNIT = "|".join(COUNT_UNITS + MONEY_UNITS)
_ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# A figure broken by a line wrap ("申请2\n46件", PDF and <br> text) is one figure when
# its unit follows directly; "3119\n34 0 0" (two table cells) has no unit and stays two.
_WRAPPED = r"\d+\n\d+(?=[余多万亿]*\n?(?:件|条|次|人次|个|项))"
_CHINESE = r"[零〇一二两三四五六七八九十百千万亿]+"

# A unit must not be the start of a longer word that is not a count:
# 一次性, 个人, 个别, 人民, 条例, 部门, 期间, 处理, 本级, 名单, 所以 …
_NOT_A_UNIT_AFTER = r"(?!性|人|别|体|例|门|间|理|级|单|以|民|工|员|长|内|外|件|法|规|度|份额|委)"

# The two lookaheads first change no match, only where matching is tried. The first
# skips positions no quantity starts at (the pattern opens with optional words, so the
# engine could not skip ahead by itself: 3x faster). The second skips positions inside a
# run of digits unless a thousands group starts within three digits: from any other
# position inside a run, only what was already tried from the run's start could match,
# and trying it again at every digit was quadratic (49 s on a run of 20k digits).
_QUANTITY = re.compile(
    rf"""
    (?=[约近超逾大将零〇一二两三四五六七八九十百千万亿]|\d)
    (?!(?<=\d)(?!\d{{1,3}},)\d)
    (?P<pre>约|近|超过|逾|大约|将近)?
    (?:
        (?P<pct>{_ARABIC})\s*(?P<pctsign>%|‰)
      |
        (?P<num>{_WRAPPED}|{_ARABIC})
        (?P<approx1>余|多)?
        (?P<mult>万|亿)?
        (?P<approx2>余|多)?
        \n?  # PDF text wraps between a figure and its unit ("维持 25\n件")
        (?P<unit>{_UNIT}){_NOT_A_UNIT_AFTER}
      |
        (?<![第周初之统唯单同逐每])(?P<cn>{_CHINESE})
        (?P<cnapprox>余|多)?
        (?P<cnunit>{_UNIT}){_NOT_A_UNIT_AFTER}
    )
    (?P<post>以上|左右|\+)?
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class Quantity:
    """A figure with its unit, where it is in the normalised text, and whether exact."""

    value: Decimal
    unit: str  # a counting unit, 元 or %
    approx: bool
    start: int  # in Document.norm
    end: int
    line: int  # 0-based line of the normalised text
    text: str
    # percent | money | count: read millions of times by the checks, so set once here
    # (a cached_property's first read takes a lock: as slow as the whole constructor).
    kind: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        unit = self.unit
        kind = "percent" if unit in ("%", "‰") else "money" if unit in MONEY_UNITS else "count"
        object.__setattr__(self, "kind", kind)

    @property
    def scaled(self) -> bool:
        """Written in 万 or 亿 ("1.25万条"): rounded, so only comparable with its kind."""
        return "万" in self.text or "亿" in self.text

    @property
    def decimals(self) -> int:
        """Digits after the decimal point as written (for percent precision)."""
        match = re.search(r"\.(\d+)", self.text)
        return len(match.group(1)) if match else 0


def parse_chinese_numeral(text: str) -> int | None:
    """Value of a Chinese numeral (一千四百一十一, 十二, 一百零三, 二〇一八, 两万)."""
    if not text or any(
        c not in _DIGITS and c not in _SMALL_UNITS and c not in _BIG_UNITS for c in text
    ):
        return None
    if all(c in _DIGITS for c in text):
        # 二〇一八 is read digit by digit; a single digit is itself.
        return int("".join(str(_DIGITS[c]) for c in text))
    total = section = digit = 0
    for c in text:
        if c in _DIGITS:
            digit = _DIGITS[c]
        elif c in _SMALL_UNITS:
            section += (digit or 1) * _SMALL_UNITS[c]
            digit = 0
        else:
            total = (total + section + digit) * _BIG_UNITS[c]
            section = digit = 0
    return total + section + digit


def parse_year(text: str) -> int:
    """2018 for "2018" and for "二〇一八"."""
    return int(text) if text.isdigit() else parse_chinese_numeral(text) or 0


def parse_arabic(text: str) -> Decimal:
    """Value of an Arabic numeral, thousands separators allowed (1,411)."""
    return Decimal(text.replace(",", "").replace("\n", ""))


def plausible(value: Decimal) -> bool:
    """A figure a report could state: fewer than `MAX_FIGURE_DIGITS` integer digits
    and as many decimals at most."""
    exponent = value.as_tuple().exponent
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    small = value.adjusted() < MAX_FIGURE_DIGITS and decimals <= MAX_FIGURE_DIGITS
    return value.is_finite() and small


def figure(text: str) -> Decimal | None:
    """The value of an Arabic figure (separators allowed), None when implausible."""
    value = parse_arabic(text)
    return value if plausible(value) else None


def _from_match(m: re.Match[str], line: int) -> Quantity | None:
    quantity = _quantity(m, line)
    if quantity is None or _surely_plausible(quantity.text):
        return quantity
    return quantity if plausible(quantity.value) else None


def _surely_plausible(text: str) -> bool:
    """Whether a figure written as `text` is plausible without computing its value: at
    most `MAX_FIGURE_DIGITS` characters in all and no 万 or 亿 (without them a Chinese
    numeral stays below 10^5 or is read digit by digit)."""
    return len(text) <= MAX_FIGURE_DIGITS and "万" not in text and "亿" not in text


def _quantity(m: re.Match[str], line: int) -> Quantity | None:
    approx = bool(m["pre"] or m["post"])
    if m["pct"] is not None:
        return Quantity(
            parse_arabic(m["pct"]), m["pctsign"], approx, m.start(), m.end(), line, m.group(0)
        )
    if m["num"] is not None:
        value = parse_arabic(m["num"])
        if m["mult"]:
            value *= _BIG_UNITS[m["mult"]]
        approx = approx or bool(m["approx1"] or m["approx2"])
        return Quantity(value, m["unit"], approx, m.start(), m.end(), line, m.group(0))
    parsed = parse_chinese_numeral(m["cn"])
    if parsed is None or (not any(c in _DIGITS for c in m["cn"]) and m["cn"] != "十"):
        # 千家万户, 万人: a bare order of magnitude is a figure of speech.
        return None
    approx = approx or bool(m["cnapprox"])
    return Quantity(Decimal(parsed), m["cnunit"], approx, m.start(), m.end(), line, m.group(0))


def find_quantities(doc: TextView, noise_lines: frozenset[int]) -> list[Quantity]:
    """Every quantity of the document outside page noise, in text order.

    The whole text is scanned at once so that a figure wrapped away from its unit
    is still read; a quantity belongs to the line it starts on.
    """
    found: list[Quantity] = []
    for m in _QUANTITY.finditer(doc.norm):
        line = doc.norm_line_of(m.start())
        if line in noise_lines:
            continue
        q = _from_match(m, line)
        if q is not None:
            found.append(q)
    return found
