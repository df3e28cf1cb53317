"""Page furniture that scraped and printed reports carry around the text.

A noise line is never a heading and its figures are never quantities. The
patterns are matched against the start of a normalised line (simplified
characters, half-width punctuation).
"""

from __future__ import annotations

import re

_NOISE = re.compile(
    r"""^\s*(?:
        (?:您)?当前(?:的)?位置 | 您现在的位置 | 首页\s*> |
        责任编辑 | 编辑[::] | 审核[::] | 校对[::] |
        分享到 | 扫一扫 | 相关(?:文章|链接|阅读|新闻) |
        打印(?:本页)? \s*$ | 关闭(?:窗口|本页)? \s*$ | 【?\s*字体[::大] | 字号[::] |
        (?:信息)?来源[::] | 发布(?:时间|日期)[::] | 日期[::] |
        浏览(?:次数)?[::] | 点击(?:数|量)?[::] |
        上一篇 | 下一篇 | 【\s*(?:打印|关闭) |
        -\s*\d+\s*- \s*$ | 第\s*\d+\s*页(?:\s*共\s*\d+\s*页)? \s*$ | \d+\s*/\s*\d+\s*$
    )""",
    re.VERBOSE,
)


def is_noise(line: str) -> bool:
    """True when a normalised line is navigation, sharing or page furniture."""
    return bool(_NOISE.match(line))


def noise_lines(lines: list[str]) -> frozenset[int]:
    """0-based indices of the noise lines among normalised `lines`."""
    return frozenset(i for i, line in enumerate(lines) if is_noise(line))
