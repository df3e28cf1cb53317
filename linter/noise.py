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
        -\s*\d+\s*- \s*$ | 第\s*\d+\s*页(?:\s*共\s*\d+\s*页)? \s*$ | \d+\s*/\s*\d+\s*$ |
        时间[::] | 附件下载 | 正文\s*$ |
        # the index box above a government page's article
        (?:索引号|发布机构|发文机关|生成日期|成文日期|主题分类|信息分类|公文种类|体裁分类)[::] |
        # the site footer: its phone and address are the webmaster's, not the report's
        主办单位[::] | 主办[::] | 承办(?:单位)?[::] | 版权所有 | 网站标识码 | 技术支持[::] |
        网站地图 | 返回顶部
    )""",
    re.VERBOSE,
)
# A line made of nothing but links and buttons ("文字版 图片解读", "打印本页 关闭窗口",
# "【打印本页】【关闭窗口】"). 附件 alone is left out: it marks the appendix.
_LINKS = re.compile(
    r"""^[\s【】\[\]|/·]*(?:
        (?:文字版|图片版|图片解读|图文解读|图解|视频解读|动漫解读|打印本页|打印|关闭窗口|关闭|
           分享到|收藏|返回顶部|保存本页|纠错|我要纠错|下载)
        [\s【】\[\]|/·:]*)+$""",
    re.VERBOSE,
)


# Furniture is short. A long line with a sentence in it that starts like furniture
# ("发布日期:2025-03-20 本报告由…") is the report glued to it: never drop the report.
_MAX_FURNITURE = 100


def is_noise(line: str) -> bool:
    """True when a normalised line is navigation, sharing or page furniture."""
    if len(line) > _MAX_FURNITURE and "。" in line:
        return False
    return bool(_NOISE.match(line) or _LINKS.match(line))


def noise_lines(lines: list[str]) -> frozenset[int]:
    """0-based indices of the noise lines among normalised `lines`."""
    return frozenset(i for i, line in enumerate(lines) if is_noise(line))
