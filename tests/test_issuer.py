"""Who issued a report, read from its title (deadlines and 第五十条第四项 depend on it)."""

from __future__ import annotations

import pytest

from linter.analysis import analyse
from linter.document import Document
from linter.issuer import DEPARTMENT, GOVERNMENT


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("淮安市人民政府\n2024 年政府信息公开工作年度报告", GOVERNMENT),
        ("巫溪县2015年政府信息公开工作年度报告", GOVERNMENT),
        ("2018年常州市政府信息公开年度报告", GOVERNMENT),
        ("示例地区行政公署2020年政府信息公开工作年度报告", GOVERNMENT),
        ("示例市教育局2020年政府信息公开工作年度报告", DEPARTMENT),
        ("示例市教育局2020年度政府信息公开工作报告", DEPARTMENT),
        ("示例市自然资源和规划局关于2020年政府信息公开工作年度报告", DEPARTMENT),
        ("2020年示例市教育局政府信息公开工作年度报告", DEPARTMENT),
        ("2020年政府信息公开工作年度报告\n示例市教育局", DEPARTMENT),
        ("示例市教育局二〇二〇年政府信息公开工作年度报告", DEPARTMENT),
        ("示例市教育局政府信息公开工作年度报告（2020年度）", DEPARTMENT),
        ("示例市人民政府研究室2020年政府信息公开工作年度报告", DEPARTMENT),
        ("示例市人民政府办公室2020年政府信息公开工作年度报告", DEPARTMENT),
        ("示例海关2020年政府信息公开工作年度报告", DEPARTMENT),
        ("中国人民银行示例市分行2020年政府信息公开工作年度报告", DEPARTMENT),
        ("一、总体情况\n全年工作有序开展。", None),
    ],
)
def test_issuer_from_the_title(title, kind):
    assert analyse(Document("x.txt", title + "\n一、总体情况\n正文。")).issuer == kind
