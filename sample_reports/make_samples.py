"""Write the fictional 2019/2021-format sample reports as web page, Word and PDF.

    .venv/bin/python sample_reports/make_samples.py [OUTPUT_DIR]

Each sample is one data description: the texts of its six parts and the
figures of its three standard tables, keyed by the template row keys of
rules/templates/standard-tables.yaml. Totals are computed, never typed, and
every identity of the tables is asserted before anything is written, so a
clean sample is consistent by construction. A faulty sample is its clean
sample with a list of `Plant`s applied: each plant changes one thing (a cell,
a sentence, the publication date) and names the findings it must cause, so
docs/sample-reports.md, expected-standard.yaml and the tests all describe
the same defects.

Every name, address, phone number and figure is invented; the first line of
each report says so. Containers are written by tests/fixtures_tables.py (real
<table> markup with rowspan/colspan, Word tables with merged cells, ruled
reportlab tables); the web page is UTF-8 so the committed file reads in a diff.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from fixtures_tables import (  # noqa: E402  (the fixtures live with the tests)
    APPLICANTS,
    REVIEW_COLUMNS,
    Report,
    TableSpec,
    application_rows,
    applications_table,
    docx_report,
    html_report,
    pdf_report,
    proactive_rows,
    proactive_table,
    review_table,
)

FICTION = "（本报告为 ogilint 示例，机构名称、地址、电话与全部数据均为虚构）"
CONTAINERS = ("html", "docx", "pdf")

Grid = dict[str, list[str]]  # template row key -> the row's cells as printed


# -- figures -----------------------------------------------------------------------------


def application_grid(layout: str, counts: dict[str, tuple[int, ...]]) -> Grid:
    """The part 三 grid from the six applicant counts of 二, 四 and each outcome row.

    总计 is the sum of a row, (七) the sum of the outcome rows, and 一 what
    balances the table: 一 = 三(七) + 四 − 二, column by column.
    """
    keys = [key for key, _ in application_rows(layout)]
    outcomes = [k for k in keys if k.startswith("三(") and k != "三(七)"]
    six = {k: list(counts[k]) for k in [*outcomes, "二", "四"]}
    six["三(七)"] = [sum(six[k][c] for k in outcomes) for c in range(6)]
    six["一"] = [six["三(七)"][c] + six["四"][c] - six["二"][c] for c in range(6)]
    assert all(v >= 0 for v in six["一"]), six["一"]
    return {k: [str(v) for v in [*six[k], sum(six[k])]] for k in keys}


def review_figures(blocks: tuple[tuple[int, int, int, int], ...]) -> list[str]:
    """The 15 figures of part 四: each block's four results and their 总计."""
    return [str(v) for block in blocks for v in (*block, sum(block))]


def check_identities(layout: str, grid: Grid, review: list[str]) -> None:
    """Every identity of the two checked tables holds (a clean sample's promise)."""
    value = {k: [int(v) for v in row] for k, row in grid.items()}
    keys = [key for key, _ in application_rows(layout)]
    outcomes = [k for k in keys if k.startswith("三(") and k != "三(七)"]
    for key, row in value.items():
        assert row[6] == sum(row[:6]), (key, row)
    for c in range(7):
        assert value["三(七)"][c] == sum(value[k][c] for k in outcomes), c
        assert value["一"][c] + value["二"][c] == value["三(七)"][c] + value["四"][c], c
    numbers = [int(v) for v in review]
    for b in range(3):
        assert numbers[5 * b + 4] == sum(numbers[5 * b : 5 * b + 4]), b
    assert len(review) == len(REVIEW_COLUMNS)


def total(grid: Grid, key: str) -> int:
    return int(grid[key][APPLICANTS.index("总计")])


# -- a sample ------------------------------------------------------------------------------


@dataclass
class Sample:
    """One report: its texts by name and the figures of its three tables.

    Texts: title, date, preamble, overview, overview_items and other (one
    paragraph per line), problems. Grids: template row key -> cells as printed.
    """

    name: str
    layout: str  # the table layout: "2019" or "2021"
    texts: dict[str, str]
    proactive: Grid
    applications: Grid
    review: list[str]
    plants: list[Plant] = field(default_factory=list)

    def copy(self, name: str) -> Sample:
        return replace(
            self,
            name=name,
            texts=dict(self.texts),
            proactive={k: list(v) for k, v in self.proactive.items()},
            applications={k: list(v) for k, v in self.applications.items()},
            review=list(self.review),
            plants=[],
        )

    def report(self, applications_shape: str = "plain") -> Report:
        t = self.texts
        blocks: list[str | TableSpec] = [FICTION, t["title"], t["date"], t["preamble"]]
        blocks += ["一、总体情况", t["overview"], *t["overview_items"].split("\n")]
        blocks += ["二、主动公开政府信息情况", proactive_table(self.layout, self.proactive)]
        blocks += ["三、收到和处理政府信息公开申请情况"]
        blocks += [applications_table(self.layout, self.applications, applications_shape)]
        blocks += ["四、政府信息公开行政复议、行政诉讼情况", review_table(self.review)]
        blocks += ["五、存在的主要问题及改进情况", t["problems"]]
        blocks += ["六、其他需要报告的事项", *t["other"].split("\n")]
        return Report(tuple(blocks), title=t["title"])


@dataclass(frozen=True)
class Plant:
    """One planted defect: what it changes and the findings it must cause."""

    summary: str  # printed by main(); docs/sample-reports.md tells the same
    rules: tuple[str, ...]  # the rule ids it causes (one per finding)
    apply: Callable[[Sample], None]


def plant(sample: Sample, *plants: Plant) -> Sample:
    for p in plants:
        p.apply(sample)
        sample.plants.append(p)
    return sample


def _set_cell(table: str, key: str, column: str, text: str) -> Callable[[Sample], None]:
    def apply(sample: Sample) -> None:
        grid = getattr(sample, table)
        columns = APPLICANTS if table == "applications" else _proactive_columns(sample, key)
        grid[key][columns.index(column)] = text

    return apply


def _proactive_columns(sample: Sample, key: str) -> tuple[str, ...]:
    return dict(proactive_rows(sample.layout))[key]


def _set_review(column: str, text: str) -> Callable[[Sample], None]:
    def apply(sample: Sample) -> None:
        sample.review[REVIEW_COLUMNS.index(column)] = text

    return apply


def _all(*steps: Callable[[Sample], None]) -> Callable[[Sample], None]:
    def apply(sample: Sample) -> None:
        for step in steps:
            step(sample)

    return apply


def _replace_text(key: str, old: str, new: str) -> Callable[[Sample], None]:
    def apply(sample: Sample) -> None:
        assert old in sample.texts[key], (key, old)
        sample.texts[key] = sample.texts[key].replace(old, new)

    return apply


# -- 示例市人民政府, 2024, the 2021 layout ----------------------------------------------------

CITY_COUNTS = {
    "二": (4, 1, 0, 0, 0, 0),
    "三(一)": (86, 5, 1, 0, 3, 1),
    "三(二)": (21, 2, 0, 0, 1, 0),
    "三(三)1": (1, 0, 0, 0, 0, 0),
    "三(三)2": (2, 0, 0, 0, 0, 0),
    "三(三)3": (1, 0, 0, 0, 0, 0),
    "三(三)4": (3, 1, 0, 0, 0, 0),
    "三(三)5": (2, 0, 0, 0, 0, 0),
    "三(三)6": (4, 0, 0, 0, 1, 0),
    "三(三)7": (3, 0, 0, 0, 0, 0),
    "三(三)8": (6, 1, 0, 0, 0, 0),
    "三(四)1": (38, 3, 0, 1, 2, 0),
    "三(四)2": (5, 0, 0, 0, 0, 0),
    "三(四)3": (2, 0, 0, 0, 0, 0),
    "三(五)1": (9, 1, 0, 0, 0, 0),
    "三(五)2": (7, 0, 0, 0, 0, 0),
    "三(五)3": (1, 0, 0, 0, 0, 0),
    "三(五)4": (2, 0, 0, 0, 0, 0),
    "三(五)5": (1, 0, 0, 0, 0, 0),
    "三(六)1": (8, 1, 0, 0, 0, 0),
    "三(六)2": (2, 0, 0, 0, 0, 0),
    "三(六)3": (5, 0, 0, 0, 1, 0),
    "四": (6, 1, 0, 0, 0, 0),
}
# 行政复议, 未经复议直接起诉, 复议后起诉: 结果维持, 结果纠正, 其他结果, 尚未审结
CITY_REVIEW = ((5, 1, 2, 1), (2, 1, 0, 1), (1, 0, 1, 0))
CITY_PROACTIVE = {
    "规章": ["2", "1", "15"],
    "行政规范性文件": ["18", "6", "95"],
    "行政许可": ["12536"],
    "行政处罚": ["3417"],
    "行政强制": ["156"],
    "行政事业性收费": ["2318.6"],
}


def _review_sentence(review: list[str]) -> str:
    """The part 一 sentence that repeats the review and litigation figures of part 四."""
    v = [int(x) for x in review]
    lit = [v[5 + k] + v[10 + k] for k in range(5)]
    return (
        f"政府信息公开行政复议{v[4]}件，其中结果维持{v[0]}件，结果纠正{v[1]}件，"
        f"其他结果{v[2]}件，尚未审结{v[3]}件；政府信息公开行政诉讼{lit[4]}件，"
        f"其中结果维持{lit[0]}件，结果纠正{lit[1]}件，其他结果{lit[2]}件，尚未审结{lit[3]}件。"
    )


def city_clean() -> Sample:
    grid = application_grid("2021", CITY_COUNTS)
    review = review_figures(CITY_REVIEW)
    check_identities("2021", grid, review)
    rules = CITY_PROACTIVE["规章"][0]
    texts = {
        "title": "示例市人民政府2024年政府信息公开工作年度报告",
        "date": "发布日期：2025-03-20",
        "preamble": (
            "本报告由示例市人民政府办公室根据《中华人民共和国政府信息公开条例》（以下简称"
            "《条例》）和政府信息公开工作年度报告格式要求编制。本报告所列数据的统计期限自"
            "2024年1月1日起至2024年12月31日止。本报告电子版可在示例市人民政府门户网站"
            "（http://www.example.gov.cn）查阅或下载。如对本报告有疑问，请与示例市人民政府"
            "办公室联系（地址：示例市人民路1号，邮编：450000，电话：0371-12345678，"
            "电子邮箱：gk@example.gov.cn）。"
        ),
        "overview": (
            "2024年，示例市人民政府认真贯彻落实《条例》，坚持以公开为常态、不公开为例外，"
            "持续推进决策、执行、管理、服务、结果公开，政府信息公开工作取得新进展。"
        ),
        "overview_items": "\n".join(
            [
                f"（一）主动公开。全年新增公开市政府规章{rules}件、行政规范性文件"
                f"{CITY_PROACTIVE['行政规范性文件'][0]}件，通过市政府门户网站主动公开政府信息"
                "5600余条，围绕优化营商环境、民生保障等主题召开新闻发布会24场。",
                f"（二）依申请公开。全年共受理政府信息公开申请{total(grid, '一')}件，"
                f"答复{total(grid, '三(七)')}件（含上年度结转申请{total(grid, '二')}件，"
                f"另有{total(grid, '四')}件顺延到下年度答复），均在法定期限内作出答复。"
                + _review_sentence(review),
                "（三）政府信息管理。落实公开属性源头认定机制，坚持“先审查、后公开”，"
                "全年对市政府文件逐件开展公开前审查，动态调整主动公开基本目录。",
                "（四）政府信息公开平台建设。优化市政府门户网站政府信息公开专栏，"
                "整合政策文件库，完善政务新媒体信息发布审核流程。",
                "（五）监督保障。将政务公开工作纳入全市高质量发展综合考核，组织开展政务公开"
                "社会评议，全年未发生政府信息公开工作责任追究情况。",
            ]
        ),
        "problems": (
            "2024年，我市政府信息公开工作仍有不足：一是政策解读形式较为单一，图解、视频解读"
            "较少；二是个别部门主动公开内容更新不够及时；三是依申请公开答复文书的规范性有待"
            "提高。下一步，我市将丰富政策解读形式，加强公开专栏日常巡查，统一答复文书格式，"
            "持续提升政府信息公开工作质量。"
        ),
        "other": "\n".join(
            [
                "（一）信息处理费收取情况。2024年，市政府严格执行《政府信息公开信息处理费管理"
                "办法》，全年收取政府信息公开信息处理费1200元；另有"
                f"{total(grid, '三(六)2')}件申请因申请人逾期未缴纳信息处理费，不再处理。",
                "（二）人大代表建议和政协提案办理情况。全年承办的人大代表建议和政协提案均已"
                "按期办结，办理复文依法公开。",
            ]
        ),
    }
    return Sample("example-city-2024-clean", "2021", texts, CITY_PROACTIVE, grid, review)


def city_faulty() -> Sample:
    sample = city_clean().copy("example-city-2024-faulty")
    grid = sample.applications
    wrong_total = str(total(grid, "三(三)4") + 1)
    received = total(grid, "一")
    return plant(
        sample,
        Plant(
            f"三(三)4 保护第三方合法权益, 总计 {wrong_total} where 3 + 1 = 4; the 总计 column "
            "therefore no longer adds up to 三(七) either",
            ("table-total-mismatch", "table-total-mismatch"),
            _set_cell("applications", "三(三)4", "总计", wrong_total),
        ),
        Plant(
            "四 结转下年度继续办理: one application moved from 商业企业 (1 → 0) to 自然人 "
            "(6 → 7); the row still adds up, but 一+二 ≠ 三(七)+四 in both columns",
            ("table-balance-mismatch", "table-balance-mismatch"),
            _all(
                _set_cell("applications", "四", "自然人", "7"),
                _set_cell("applications", "四", "商业企业", "0"),
            ),
        ),
        Plant(
            "三(五)3 要求提供公开出版物, 科研机构: “/” instead of 0",
            ("table-blank-cell",),
            _set_cell("applications", "三(五)3", "科研机构", "/"),
        ),
        Plant(
            f"part 一 (二): 受理政府信息公开申请{received + 10}件, the table's 一·总计 is "
            f"{received}",
            ("text-table-mismatch",),
            _replace_text("overview_items", f"申请{received}件", f"申请{received + 10}件"),
        ),
        Plant(
            "part 六 no longer mentions the 信息处理费 although 三(六)2 (逾期未缴纳费用) "
            f"is {total(grid, '三(六)2')}",
            ("fees-not-explained",),
            _replace_text(
                "other",
                "信息处理费收取情况。2024年，市政府严格执行《政府信息公开信息处理费管理办法》，"
                "全年收取政府信息公开信息处理费1200元；另有2件申请因申请人逾期未缴纳信息处理费，"
                "不再处理。",
                "本年度无其他需要报告的事项。",
            ),
        ),
        Plant(
            "the 考核 / 社会评议 / 责任追究 sentence of part 一 (五) replaced by one that "
            "names none of them",
            ("missing-assessment-results",),
            _replace_text(
                "overview_items",
                "将政务公开工作纳入全市高质量发展综合考核，组织开展政务公开社会评议，"
                "全年未发生政府信息公开工作责任追究情况。",
                "每季度通报各部门政府信息公开专栏更新情况，督促整改发现的问题。",
            ),
        ),
    )


# -- 示例市教育局, 2020, the 2019 layout ------------------------------------------------------

BUREAU_COUNTS = {
    "二": (2, 0, 0, 0, 0, 0),
    "三(一)": (18, 1, 0, 0, 0, 0),
    "三(二)": (4, 0, 0, 0, 0, 0),
    "三(三)1": (0, 0, 0, 0, 0, 0),
    "三(三)2": (0, 0, 0, 0, 0, 0),
    "三(三)3": (0, 0, 0, 0, 0, 0),
    "三(三)4": (1, 0, 0, 0, 0, 0),
    "三(三)5": (0, 0, 0, 0, 0, 0),
    "三(三)6": (1, 0, 0, 0, 0, 0),
    "三(三)7": (0, 0, 0, 0, 0, 0),
    "三(三)8": (0, 0, 0, 0, 0, 0),
    "三(四)1": (6, 1, 0, 0, 0, 0),
    "三(四)2": (1, 0, 0, 0, 0, 0),
    "三(四)3": (0, 0, 0, 0, 0, 0),
    "三(五)1": (2, 0, 0, 0, 0, 0),
    "三(五)2": (1, 0, 0, 0, 0, 0),
    "三(五)3": (0, 0, 0, 0, 0, 0),
    "三(五)4": (0, 0, 0, 0, 0, 0),
    "三(五)5": (0, 0, 0, 0, 0, 0),
    "三(六)": (1, 0, 0, 0, 0, 0),
    "四": (3, 0, 0, 0, 0, 0),
}
BUREAU_REVIEW = ((1, 1, 0, 0), (1, 0, 0, 0), (0, 0, 0, 0))
# 2019 layout: 上一年项目数量 / 本年增/减 / 处理决定数量, and the 第（九）项 procurement block
BUREAU_PROACTIVE = {
    "规章": ["0", "0", "0"],
    "规范性文件": ["3", "3", "21"],
    "行政许可": ["12", "0", "356"],
    "其他对外管理服务事项": ["8", "-1", "95"],
    "行政处罚": ["6", "0", "41"],
    "行政强制": ["2", "0", "3"],
    "行政事业性收费": ["2", "0"],
    "政府集中采购": ["15", "326.8"],
}


def bureau_clean(year: int = 2020, layout: str = "2019") -> Sample:
    grid = application_grid(layout, BUREAU_COUNTS)
    review = review_figures(BUREAU_REVIEW)
    check_identities(layout, grid, review)
    texts = {
        "title": f"示例市教育局{year}年政府信息公开工作年度报告",
        "date": f"发布日期：{year + 1}-01-20",
        "preamble": (
            "本报告由示例市教育局根据《中华人民共和国政府信息公开条例》（以下简称《条例》）"
            f"编制。本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
            "本报告电子版可在示例市教育局网站（http://jyj.example.gov.cn）下载。如对本报告有"
            "疑问，请与示例市教育局办公室联系（地址：示例市文化路8号，邮编：450001，"
            "电话：0371-87654321，电子邮箱：jyj@example.gov.cn）。"
        ),
        "overview": (
            f"{year}年，示例市教育局认真贯彻落实《条例》，围绕教育改革发展重点工作，"
            "推进教育领域政府信息公开。"
        ),
        "overview_items": "\n".join(
            [
                "（一）主动公开。及时公开招生入学政策、学校布局调整、教育经费使用等信息，"
                f"全年制发规范性文件{BUREAU_PROACTIVE['规范性文件'][0]}件，均已主动公开。",
                f"（二）依申请公开。全年共收到政府信息公开申请{total(grid, '一')}件，"
                f"上年结转{total(grid, '二')}件，办结{total(grid, '三(七)')}件，"
                f"另有{total(grid, '四')}件结转下年度继续办理。",
                "（三）政府信息管理。建立公开属性审查制度，发文前逐件确定公开属性。",
                "（四）政府信息公开平台建设。完善局网站政府信息公开专栏，及时更新栏目内容。",
                "（五）监督保障。明确分管领导和工作人员，定期检查各科室公开工作落实情况。",
            ]
        ),
        "problems": (
            "本局政府信息公开工作还存在一些不足：一是政策解读形式不够丰富；二是公开专栏"
            "更新不够及时；三是工作人员业务能力有待提升。下一步，我局将丰富解读形式，"
            "加强专栏维护，开展业务培训。"
        ),
        "other": "本局无其他需要报告的事项。",
    }
    name = f"example-bureau-{year}-clean"
    return Sample(name, layout, texts, dict(BUREAU_PROACTIVE), grid, review)


def bureau_faulty() -> Sample:
    sample = bureau_clean().copy("example-bureau-2020-faulty")
    wrong = str(int(sample.review[REVIEW_COLUMNS.index("复议·总计")]) + 1)
    return plant(
        sample,
        Plant(
            f"part 四: 行政复议 总计 {wrong} where 结果维持 1 + 结果纠正 1 + 0 + 0 = 2",
            ("table-total-mismatch",),
            _set_review("复议·总计", wrong),
        ),
        Plant(
            "part 二 (2019 layout): 行政强制 本年增/减 “—” instead of 0",
            ("table-blank-cell",),
            _set_cell("proactive", "行政强制", "本年增/减", "—"),
        ),
        Plant(
            "发布日期：2021-02-15, after the department deadline of 2021-01-31 (第四十九条)",
            ("late-publication",),
            _replace_text("date", "2021-01-20", "2021-02-15"),
        ),
        Plant(
            "part 五: 一是…三是 (the second item was deleted without renumbering)",
            ("enumeration-sequence",),
            _replace_text("problems", "二是公开专栏更新不够及时；三是", "三是"),
        ),
    )


def bureau_outdated() -> Sample:
    """A 2022 report still in the 2019 tables: outdated-format on parts 二 and 三, nothing else."""
    sample = bureau_clean(2022, "2019").copy("example-bureau-2022-outdated")
    sample.plants.append(
        Plant(
            "a 2022 report in the 2019 layout (part 三 with one (六)其他处理 row, part 二 with "
            "上一年项目数量 / 本年增/减 and 政府集中采购)",
            ("outdated-format", "outdated-format"),  # one per table in the old layout
            _all(),
        )
    )
    return sample


SAMPLES: dict[str, Callable[[], Sample]] = {
    "example-city-2024-clean": city_clean,
    "example-city-2024-faulty": city_faulty,
    "example-bureau-2020-clean": bureau_clean,
    "example-bureau-2020-faulty": bureau_faulty,
    "example-bureau-2022-outdated": bureau_outdated,
}

WRITERS: dict[str, Callable[[Report], bytes]] = {
    "html": html_report,
    "docx": docx_report,
    "pdf": pdf_report,
}


def write_samples(folder: Path) -> list[Path]:
    """Write every sample in every container into `folder`; returns the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, build in SAMPLES.items():
        report = build().report()
        for suffix in CONTAINERS:
            path = folder / f"{name}.{suffix}"
            path.write_bytes(WRITERS[suffix](report))
            written.append(path)
    return written


def main(argv: list[str]) -> int:
    folder = Path(argv[1]) if len(argv) > 1 else HERE
    for path in write_samples(folder):
        print(f"{path} ({path.stat().st_size:,} bytes)")
    for name, build in SAMPLES.items():
        for p in build().plants:
            print(f"{name}: {', '.join(p.rules)}: {p.summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
