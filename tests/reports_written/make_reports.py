# ruff: noqa: E501  (report prose is written as it is printed, one paragraph a line)
"""Write the red-team reports of tests/reports_written/ (2019/2021 formats, varied containers).

    .venv/bin/python tests/reports_written/make_reports.py

Twelve reports of invented bodies, written in the phrasing real ones use
(受理…件, 办结…件, 其中…, 同比增长…%, 较上年…, 0件/无, 未收取, full-width digits,
1,411 with separators, 万元 amounts, negative 本年增/减), as GBK web pages with
page furniture, reportlab PDFs with ruled grids and wrapped headings, Word files
and page text. The prose figures are typed by hand; every one of them is
asserted against the table it restates before anything is written, and every
table identity is asserted (so a "clean" report is clean by arithmetic, not by
what ogilint says). A faulty report is a clean one with a defect planted; its
expected.yaml entry names the finding each plant must cause.

Every name, address, phone number and figure is invented.
"""

from __future__ import annotations

import html
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from fixtures_tables import (  # noqa: E402
    Report,
    TableSpec,
    _html_table,
    application_rows,
    applications_table,
    docx_report,
    pdf_report,
    proactive_table,
    review_table,
)

Grid = dict[str, list[str]]


# -- figures -------------------------------------------------------------------------------


def grid_of(layout: str, counts: dict[str, tuple[int, ...]]) -> Grid:
    """The part 三 grid: 一/二/outcomes/四 given (six columns), totals added and checked."""
    keys = [k for k, _ in application_rows(layout)]
    outcomes = [k for k in keys if k.startswith("三(") and k != "三(七)"]
    six = {k: list(counts.get(k, (0,) * 6)) for k in [*outcomes, "一", "二", "四"]}
    six["三(七)"] = [sum(six[k][c] for k in outcomes) for c in range(6)]
    for c in range(6):
        assert six["一"][c] + six["二"][c] == six["三(七)"][c] + six["四"][c], (c, six)
    return {k: [str(v) for v in [*six[k], sum(six[k])]] for k in keys}


def total(grid: Grid, key: str) -> int:
    return int(grid[key][6].replace(",", ""))


def review_of(*blocks: tuple[int, int, int, int]) -> list[str]:
    return [str(v) for b in blocks for v in (*b, sum(b))]


# -- containers ------------------------------------------------------------------------------

_HEAD = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{title}-{site}</title>
<script>var _hmt = _hmt || []; var msg = "一、通知 电话:0000-1234";</script>
</head><body>
<div class="top"><a href="/">网站首页</a> | <a href="/zwgk">政务公开</a> | <a href="/hdjl">政民互动</a>
| <a href="/bsfw">办事服务</a> | <a href="/wza">无障碍浏览</a></div>
<div class="pos">您当前的位置：<a href="/">首页</a> &gt; <a href="/zwgk">政府信息公开</a> &gt;
<a href="/zwgk/ndbg">政府信息公开年报</a></div>
<table class="xxgk-index"><tr><td>索引号：</td><td>{index}</td><td>主题分类：</td><td>其他</td></tr>
<tr><td>发布机构：</td><td>{site}</td><td>生成日期：</td><td>{date}</td></tr></table>
<div class="article">
<h1>{title}</h1>
<div class="info">来源：{site}　　发布时间：{date}　　浏览次数：1523　　【字体：<a>大</a> <a>中</a> <a>小</a>】</div>
<div class="TRS_Editor">
"""
_TAIL = """</div>
<div class="tools">【<a href="javascript:window.print()">打印</a>】　【<a href="javascript:window.close()">关闭</a>】</div>
</div>
<div class="footer"><p>主办单位：{site}办公室　　承办：信息中心</p>
<p>地址：{site_address}　　联系电话：0000-00000000</p><p>网站标识码：0000000000　　备案号：ICP备00000000号</p></div>
</body></html>
"""


@dataclass
class Page:
    """How a report is wrapped as a web page: the site's own furniture around the article."""

    site: str
    date: str
    index: str = "000000000/2024-00001"
    charset: str = "gbk"


def html_page(report: Report, page: Page) -> bytes:
    parts = []
    for block in report.blocks:
        if isinstance(block, TableSpec):
            parts.append(_html_table(block))
        elif isinstance(block, str):
            style = ' style="text-indent:2em"' if not block.startswith(("一", "二", "三", "四", "五", "六")) else ""
            parts.append(f"<p{style}>{html.escape(block)}</p>")
    head = _HEAD.format(
        charset=page.charset, title=html.escape(report.title), site=page.site,
        date=page.date, index=page.index,
    )
    text = head + "\n".join(parts) + "\n" + _TAIL.format(site=page.site, site_address="（略）")
    return text.encode(page.charset, errors="xmlcharrefreplace")


def unit_note(text: str = "单位：件") -> str:
    return text


# -- the reports ------------------------------------------------------------------------------

OUT: dict[str, bytes] = {}


def write(name: str, data: bytes) -> None:
    OUT[name] = data


def text_table(rows: list[list[str]]) -> list[str]:
    return ["\t".join(r) for r in rows]


def app_text_rows(layout: str, grid: Grid) -> list[str]:
    """Table 三 as page text, one row per line, tab between cells (a copied web table)."""
    head = [
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况",
        "自然人\t法人或其他组织\t总计",
        "商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他",
    ]
    body = []
    for key, label in application_rows(layout):
        if key == "三(一)":
            label = "三、本年度办理结果\t" + label
        if key in ("三(三)1", "三(四)1", "三(五)1") or (key == "三(六)1"):
            group = {"三(三)": "（三）不予公开", "三(四)": "（四）无法提供",
                     "三(五)": "（五）不予处理", "三(六)": "（六）其他处理"}[key[:4]]
            label = group + "\t" + label
        body.append(label + "\t" + "\t".join(grid[key]))
    return head + body


def review_text_rows(review: list[str]) -> list[str]:
    return [
        "行政复议\t行政诉讼",
        "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉",
        "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计",
        "\t".join(review),
    ]


def proactive_text_rows(layout: str, figures: Grid) -> list[str]:
    if layout == "2021":
        return [
            "第二十条第（一）项",
            "信息内容\t本年制发件数\t本年废止件数\t现行有效件数",
            "规章\t" + "\t".join(figures["规章"]),
            "行政规范性文件\t" + "\t".join(figures["行政规范性文件"]),
            "第二十条第（五）项",
            "信息内容\t本年处理决定数量",
            "行政许可\t" + figures["行政许可"][0],
            "第二十条第（六）项",
            "信息内容\t本年处理决定数量",
            "行政处罚\t" + figures["行政处罚"][0],
            "行政强制\t" + figures["行政强制"][0],
            "第二十条第（八）项",
            "信息内容\t本年收费金额（单位：万元）",
            "行政事业性收费\t" + figures["行政事业性收费"][0],
        ]
    raise ValueError(layout)


def app_counts(**rows: tuple[int, ...]) -> dict[str, tuple[int, ...]]:
    """Counts keyed as keyword-safe names: k3_1 -> 三(一), k33_4 -> 三(三)4, one/two/four."""
    names = {"one": "一", "two": "二", "four": "四"}
    out = {}
    for name, values in rows.items():
        padded = tuple(values) + (0,) * (6 - len(values))
        if name in names:
            out[names[name]] = padded
            continue
        digits = name[1:].split("_")
        group = "一二三四五六七"[int(digits[0][1]) - 1]
        out[f"三({group})" + (digits[1] if len(digits) > 1 else "")] = padded
    return out


def body(*blocks: str | TableSpec | list[str]) -> list[str | TableSpec]:
    out: list[str | TableSpec] = []
    for b in blocks:
        if isinstance(b, list):
            out.extend(b)
        else:
            out.append(b)
    return out


def check_prose(stated: dict[str, int], actual: dict[str, int]) -> None:
    for key, value in stated.items():
        assert actual[key] == value, (key, value, actual[key])


# 1. 青山区人民政府 2021, GBK web page, 2021 layout ------------------------------------------

QS_GRID = grid_of("2021", app_counts(
    one=(138, 9, 0, 0, 1, 1), two=(5, 1), k31=(62, 4, 0, 0, 1), k32=(18, 2), k33_3=(1,), k33_4=(2,), k33_6=(1,),
    k34_1=(35, 3, 0, 0, 0, 1), k34_2=(2,), k35_1=(6,), k35_2=(3,), k36_1=(4,), k36_3=(2, 1),
    four=(7,),
))
QS_REVIEW = review_of((3, 1, 0, 1), (1, 0, 0, 1), (0, 0, 0, 0))
check_prose({"一": 149, "二": 6, "三(七)": 148, "四": 7, "三(一)": 67, "三(二)": 20},
            {k: total(QS_GRID, k) for k in QS_GRID})
assert 67 + 20 + 4 + 41 + 9 + 7 == 148 and 97 + 38 + 14 == 149 and 138 + 11 == 149
assert round(138 / 149 * 100, 1) == 92.6 and round(11 / 149 * 100, 1) == 7.4
assert round((149 - 132) / 132 * 100, 1) == 12.9
QS_PROACTIVE = {
    "规章": ["0", "0", "0"], "行政规范性文件": ["5", "2", "31"], "行政许可": ["3,856"],
    "行政处罚": ["1,203"], "行政强制": ["47"], "行政事业性收费": ["1,268.53"],
}


def qingshan(faulty: bool) -> tuple[Report, Page]:
    carried = "9" if faulty else "7"
    phone = "86881234" if faulty else "027-86881234"
    grid = {k: list(v) for k, v in QS_GRID.items()}
    if faulty:
        grid["三(一)"][0] = "52"  # 62 -> 52: the row no longer adds up to its 总计 67
    title = "青山区人民政府2021年政府信息公开工作年度报告"
    blocks = body(
        title,
        "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求，由青山区人民政府办公室编制。全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项六个部分。本报告所列数据统计期限自2021年1月1日起至2021年12月31日止。本报告电子版可在青山区人民政府门户网站（www.qingshan.example.gov.cn）“政府信息公开年报”栏目下载。如对本报告有疑问，请与青山区人民政府办公室联系。",
        "地址：青山区建设大道88号",
        "邮编：430080",
        f"联系电话：{phone}",
        "电子邮箱：qsqzwgk@163.com",
        "一、总体情况",
        "2021年，青山区坚持以公开为常态、不公开为例外，围绕区委区政府中心工作，扎实推进政府信息公开工作。",
        "（一）主动公开。全年通过区政府门户网站主动公开政府信息8,612条，较上年增加1,005条；召开新闻发布会14场，发布政策解读稿件63篇。全年制发行政规范性文件5件，废止2件，截至年底现行有效31件。",
        "（二）依申请公开。2021年，全区共受理政府信息公开申请149件，同比增长12.9%（2020年为132件）。从申请主体看，自然人申请138件，占92.6%；法人或其他组织申请11件，占7.4%。从申请渠道看，网上申请97件，信函申请38件，当面申请14件。加上上年结转的6件，全年共需办理155件，已办结148件，其中予以公开67件，部分公开20件，不予公开4件，无法提供41件，不予处理9件，其他处理7件；" + f"结转下年度继续办理{carried}件。",
        "全年因政府信息公开被申请行政复议5件，其中维持3件、纠正1件、尚未审结1件；被提起行政诉讼2件，其中维持1件，尚未审结1件。",
        "（三）政府信息管理。严格落实“先审查、后公开”和“一事一审”制度，全年开展已公开信息清理2次，撤回不宜继续公开的信息37条。",
        "（四）平台建设。优化区政府门户网站“政府信息公开”专栏，新开设“优化营商环境”等专题3个；区政务新媒体矩阵共有账号42个，全年发布信息1.2万余条。",
        "（五）监督保障。将政务公开工作纳入区政府对各街道和区直部门的年度绩效考核，分值占比4%；委托第三方开展社会评议1次，群众满意率为96.3%；全年未发生因政务公开工作不力被责任追究的情况。",
        "二、主动公开政府信息情况",
        proactive_table("2021", QS_PROACTIVE),
        "三、收到和处理政府信息公开申请情况",
        applications_table("2021", grid),
        "四、政府信息公开行政复议、行政诉讼情况",
        review_table(QS_REVIEW),
        "五、存在的主要问题及改进情况",
        "2021年我区政府信息公开工作取得一定成效，但仍存在一些不足：一是部分单位政策解读形式较为单一；二是依申请公开答复的规范性有待提高；三是基层政务公开专区作用发挥不够。",
        "2022年，我区将重点做好以下工作：一是丰富政策解读形式，推广图解、视频解读；二是加强依申请公开答复文书审核，开展业务培训不少于2次；三是推动基层政务公开专区提质增效。",
        "六、其他需要报告的事项",
        "本年度我区未收取政府信息公开信息处理费。",
        "全年办理人大代表建议63件、政协委员提案88件，办复率均为100%。",
        "青山区人民政府办公室",
        "2022年3月18日",
    )
    return Report(tuple(blocks), title=title), Page("青山区人民政府", "2022-03-18")


# 2. 河西县人民政府 2019, reportlab PDF, 2019 layout (negative 本年增/减, 1,234 figures) --------

HX_GRID = grid_of("2019", app_counts(
    one=(83, 6, 0, 0, 1), two=(2,), k31=(41, 3), k32=(9, 1), k33_4=(1,), k33_5=(2,), k34_1=(22, 2, 0, 0, 1),
    k34_3=(1,), k35_2=(2,), k36=(3,), four=(4,),
))
HX_REVIEW = review_of((1, 0, 0, 0), (0, 0, 1, 0), (0, 0, 0, 0))
check_prose({"一": 90, "二": 2, "三(七)": 88, "四": 4, "三(一)": 44, "三(二)": 10},
            {k: total(HX_GRID, k) for k in HX_GRID})
assert 44 + 10 + 3 + 26 + 2 + 3 == 88 and 90 - 76 == 14 and round(14 / 76 * 100, 1) == 18.4
HX_PROACTIVE = {
    "规章": ["0", "0", "0"], "规范性文件": ["6", "6", "54"],
    "行政许可": ["236", "-12", "12,406"], "其他对外管理服务事项": ["58", "+3", "1,027"],
    "行政处罚": ["1,254", "-36", "2,318"], "行政强制": ["42", "0", "115"],
    "行政事业性收费": ["31", "-4"], "政府集中采购": ["186", "23,560.72"],
}


def hexi(faulty: bool) -> Report:
    review = list(HX_REVIEW)
    if faulty:
        review[9] = "2"  # 直接起诉 总计: 0+0+1+0 = 1, printed 2
    assessment = (
        "（五）监督保障及考核评议情况。县政府将政务公开工作纳入全县年度综合目标考核，占总分的3%；"
        "2019年组织企业和群众代表开展政务公开社会评议1次，评议结果为“满意”；全年未发生政务公开责任追究事项。"
    )
    if faulty:
        assessment = "（五）监督保障情况。县政府办公室每季度对全县政府网站和政务新媒体开展检查，通报问题18个，均已整改。"
    title = "河西县人民政府2019年政府信息公开工作年度报告"
    blocks = body(
        "河西县人民政府",
        "2019年政府信息公开工作年度报告",
        "根据新修订的《中华人民共和国政府信息公开条例》规定，现公布河西县人民政府2019年政府信息公开工作年度报告。报告中所列数据的统计期限自2019年1月1日起至2019年12月31日止。如对本报告有任何疑问，请与河西县人民政府办公室联系（地址：河西县人民路1号，邮编：735000，电话：0937-4621234，电子邮箱：hxxzwgk@126.com）。",
        "一、总体情况",
        "2019年，我县认真贯彻落实新修订的《条例》，全面推进决策、执行、管理、服务、结果公开。",
        "（一）主动公开情况。全年在县政府门户网站主动公开政府信息3,216条，其中政策文件148条、财政预决算信息412条、重点领域信息1,037条；制发规范性文件6件，均已全文公开。",
        "（二）依申请公开情况。2019年，县政府及各部门共受理政府信息公开申请90件，较上年（76件）增加14件，增长18.4%；上年结转2件。办结88件，其中予以公开44件、部分公开10件、不予公开3件、无法提供26件、不予处理2件、其他处理3件，另有4件因尚在法定期限内结转至2020年办理。",
        "全县因政府信息公开申请被提起行政复议1件、行政诉讼1件，复议结果为维持，诉讼案件因申请人撤诉结案。",
        "（三）政府信息管理情况。建立政府信息公开属性源头认定机制，拟制公文时明确主动公开、依申请公开或不予公开属性。",
        "（四）平台建设情况。完成县政府门户网站政府信息公开专栏改版，按照新《条例》调整栏目设置。",
        assessment,
        "二、主动公开政府信息情况",
        proactive_table("2019", HX_PROACTIVE),
        "三、收到和处理政府信息公开申请情况",
        applications_table("2019", HX_GRID),
        "四、政府信息公开行政复议、行政诉讼情况",
        review_table(review),
        "五、存在的主要问题及改进情况",
        "一是对新修订《条例》的学习培训还不够深入；二是部分乡镇政府信息公开专栏更新不及时。下一步，我县将组织开展新《条例》专题培训，并将专栏更新情况纳入季度检查通报。",
        "六、其他需要报告的事项",
        "本年度无其他需要报告的事项。",
    )
    return Report(tuple(blocks), title=title)


# 3. 江口市市场监督管理局 2022, Word, 2021 layout, a department -----------------------------

JK_GRID = grid_of("2021", app_counts(
    one=(11, 1), two=(1,), k31=(5, 1), k32=(2,), k34_1=(3,), k35_1=(1,), k36_3=(1,), four=(0,),
))
check_prose({"一": 12, "二": 1, "三(七)": 13, "四": 0}, {k: total(JK_GRID, k) for k in JK_GRID})
JK_PROACTIVE = {
    "规章": ["0", "0", "0"], "行政规范性文件": ["2", "1", "9"], "行政许可": ["5,136"],
    "行政处罚": ["892"], "行政强制": ["37"], "行政事业性收费": ["0"],
}


def jiangkou(faulty: bool) -> Report:
    grid = {k: list(v) for k, v in JK_GRID.items()}
    date = "2023年2月15日" if faulty else "2023年1月18日"
    if faulty:
        grid["四"][0] = "2"
        grid["四"][6] = "2"  # 一 + 二 = 13, but (七) + 四 = 15
    title = "江口市市场监督管理局2022年政府信息公开工作年度报告"
    blocks = body(
        title,
        f"（发布日期：{date}）",
        "本报告依据《中华人民共和国政府信息公开条例》和国办公开办函〔2021〕30号文件要求编制，由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项六部分组成。所列数据的统计期限自2022年1月1日起至2022年12月31日止。",
        "一、总体情况",
        "2022年，我局围绕市场监管中心工作，持续深化政务公开。全年通过局门户网站公开信息1,326条，同比下降4.2%；通过“江口市场监管”微信公众号发布信息587条。",
        "依申请公开方面，全年共收到政府信息公开申请12件，上年结转1件，全部在法定期限内办结，无结转下年度的申请。申请内容主要涉及食品经营许可、行政处罚案件和企业登记档案。",
        "本年度未发生因政府信息公开引起的行政复议、行政诉讼案件。",
        "二、主动公开政府信息情况",
        proactive_table("2021", JK_PROACTIVE),
        "三、收到和处理政府信息公开申请情况",
        applications_table("2021", grid),
        "四、政府信息公开行政复议、行政诉讼情况",
        review_table(review_of((0, 0, 0, 0), (0, 0, 0, 0), (0, 0, 0, 0))),
        "五、存在的主要问题及改进情况",
        "存在的问题：政策解读的形式和深度不够，公开内容与群众需求结合不紧。改进措施：一是加强与业务科室的沟通，做到政策文件与解读材料同步起草、同步审签、同步发布；二是结合“双随机、一公开”工作，及时公开抽查结果。",
        "六、其他需要报告的事项",
        "本机关2022年度未收取信息处理费。",
        "如对本报告有疑问，请联系江口市市场监督管理局办公室。",
        "联系电话/传真：0856-5221234",
        "通讯地址：江口市凯德大道36号",
        "江口市市场监督管理局",
        date,
    )
    return Report(tuple(blocks), title=title)


# 4. 临江市人民政府 2023, page text, two 三 tables (市政府本级 and 全市) ---------------------

LJ_ALL = grid_of("2021", app_counts(
    one=(1308, 80, 1, 1, 17, 4), two=(31, 4, 0, 0, 2, 1), k31=(564, 40, 1, 0, 10, 3), k32=(148, 12, 0, 1, 3, 0),
    k33_1=(2,), k33_2=(5,), k33_3=(7, 1), k33_4=(19, 2), k33_5=(4,), k33_6=(13, 1),
    k33_7=(6,), k33_8=(41,), k34_1=(301, 18, 0, 0, 4, 2), k34_2=(22, 1), k34_3=(9,),
    k35_1=(47, 2), k35_2=(31,), k35_3=(2,), k35_4=(3,), k35_5=(4,), k36_1=(28, 1), k36_2=(1,),
    k36_3=(37, 3, 0, 0, 1, 0), four=(45, 3, 0, 0, 1, 0),
))
LJ_OWN = grid_of("2021", app_counts(
    one=(78, 4), two=(2,), k31=(38, 2), k32=(11, 1), k33_4=(2,), k34_1=(19, 1), k35_2=(3,), k36_3=(2,),
    four=(5,),
))
LJ_REVIEW = review_of((46, 12, 9, 8), (14, 3, 2, 6), (5, 1, 0, 2))
check_prose({"一": 1411, "二": 38, "三(七)": 1400, "四": 49, "三(一)": 618, "三(二)": 164},
            {k: total(LJ_ALL, k) for k in LJ_ALL})
check_prose({"一": 82, "二": 2, "三(七)": 79, "四": 5}, {k: total(LJ_OWN, k) for k in LJ_OWN})
assert 618 + 164 + 101 + 357 + 89 + 71 == 1400 and round(47 / 1458 * 100, 1) == 3.2
assert 25 + 8 == 33


def linjiang(faulty: bool, whole_city_faulty: bool = False) -> str:
    own = {k: list(v) for k, v in LJ_OWN.items()}
    every = {k: list(v) for k, v in LJ_ALL.items()}
    if faulty:
        own["二"] = ["0", "0", "0", "0", "0", "0", "0"]  # 本级 一 + 二 = 82 ≠ 79 + 5
    if whole_city_faulty:
        every["三(一)"][0] = "546"  # 全市 (一) 自然人 564 -> 546: the row sums to 600, not 618
    rows_all = app_text_rows("2021", every)
    rows_own = app_text_rows("2021", own)
    proactive = {
        "规章": ["2", "1", "37"], "行政规范性文件": ["19", "7", "164"], "行政许可": ["98,214"],
        "行政处罚": ["26,517"], "行政强制": ["1,302"], "行政事业性收费": ["41,625.8"],
    }
    lines = [
        "临江市人民政府2023年政府信息公开工作年度报告",
        "发布时间：2024-03-26 来源：临江市人民政府办公室",
        "【字体：大 中 小】 打印本页 关闭窗口",
        "本报告根据《中华人民共和国政府信息公开条例》要求，按照国办公开办函〔2021〕30号规定的格式编制。本报告统计期限为2023年1月1日至2023年12月31日。本报告电子版可在临江市人民政府门户网站下载。如对本报告有疑问，请与临江市人民政府办公室政务公开科联系（电话：0435-3221234；地址：临江市新华路18号；邮政编码：134600）。",
        "一、总体情况",
        "2023年，全市各级行政机关认真落实政务公开各项要求，政府信息公开工作取得新进展。",
        "（一）主动公开。全市各级政府门户网站全年主动公开政府信息10.6万余条。市政府全年制定规章2件、废止1件，制发行政规范性文件19件、废止7件。",
        "（二）依申请公开。2023年，全市共新收政府信息公开申请1,411件，同比下降3.2%，上年结转38件；办结1,400件，其中予以公开618件，部分公开164件，不予公开101件，无法提供357件，不予处理89件，其他处理71件；结转下年度49件。其中，市政府本级新收申请82件，上年结转2件，办结79件，结转下年度5件。",
        "（三）行政复议和行政诉讼。全市因政府信息公开被申请行政复议75件，被提起行政诉讼33件（未经复议直接起诉25件、复议后起诉8件）。",
        "（四）监督保障。市政府将政务公开纳入对各县（市、区）政府和市直部门的绩效考核；组织开展政务公开社会评议1次；全年因政府信息公开工作不到位被问责0人。",
        "二、主动公开政府信息情况",
        *proactive_text_rows("2021", proactive),
        "三、收到和处理政府信息公开申请情况",
        "（一）市政府本级",
        *rows_own,
        "（二）全市汇总",
        *rows_all,
        "四、政府信息公开行政复议、行政诉讼情况",
        *review_text_rows(LJ_REVIEW),
        "五、存在的主要问题及改进情况",
        "一是政策解读质量仍有提升空间；二是部分县区依申请公开答复不够规范。2024年，我市将加强政策解读审核，开展依申请公开案例评查，提高答复质量。",
        "六、其他需要报告的事项",
        "2023年，全市共收取信息处理费0元。",
        "临江市人民政府办公室",
        "2024年3月26日",
        "相关链接：",
        "临江市人民政府2022年政府信息公开工作年度报告",
    ]
    return "\n".join(lines) + "\n"


# 5. 清水镇人民政府 2020, GBK web page, 2019 layout, full-width digits in the prose ----------

QSZ_GRID = grid_of("2019", app_counts(one=(3,), k31=(2,), k34_1=(1,), four=(0,)))
check_prose({"一": 3, "三(七)": 3}, {k: total(QSZ_GRID, k) for k in QSZ_GRID})


def qingshui(faulty: bool) -> tuple[Report, Page]:
    proactive = {
        "规章": ["0", "0", "0"], "规范性文件": ["0", "0", "0"], "行政许可": ["12", "0", "46"],
        "其他对外管理服务事项": ["5", "1", "230"], "行政处罚": ["3", "0", "17"],
        "行政强制": ["0", "0", "0"], "行政事业性收费": ["0", "0"], "政府集中采购": ["4", "36.8"],
    }
    if faulty:
        proactive["行政强制"] = ["/", "/", "/"]
    title = "清水镇人民政府2020年政府信息公开工作年度报告"
    blocks = body(
        title,
        "根据《中华人民共和国政府信息公开条例》规定，特编制本报告。本报告统计期限自２０２０年１月１日起至２０２０年１２月３１日止。如对本报告有任何疑问，请与清水镇党政办公室联系（地址：清水镇清水街１２号；电话：０７３６－７８１２３４５）。",
        "一、总体情况",
        "２０２０年，我镇严格按照《条例》要求，认真做好政府信息公开工作。全年通过镇政务公开栏和县政府网站镇级专栏公开信息２１６条，其中疫情防控信息８７条。",
        "全年共受理政府信息公开申请３件，均为自然人申请，已全部办结：予以公开２件，无法提供１件。全年无政府信息公开行政复议、行政诉讼案件。",
        "镇政府将政务公开工作纳入对各村（社区）和镇属单位的年度考核；２０２０年未发生政务公开责任追究事项，群众评议满意度良好。",
        "二、主动公开政府信息情况",
        "单位：件",
        proactive_table("2019", proactive),
        "三、收到和处理政府信息公开申请情况",
        "单位：件",
        applications_table("2019", QSZ_GRID),
        "四、政府信息公开行政复议、行政诉讼情况",
        "单位：件",
        review_table(review_of((0, 0, 0, 0), (0, 0, 0, 0), (0, 0, 0, 0))),
        "五、存在的主要问题及改进情况",
        "主要问题：工作人员多为兼职，业务水平有待提高。改进措施：２０２１年组织政务公开业务培训不少于２次，确保公开信息及时、准确。",
        "六、其他需要报告的事项",
        "无。",
    )
    return Report(tuple(blocks), title=title), Page("清水镇人民政府", "2021-01-28")


# 6. 南湖区教育局 2024, reportlab PDF, 2021 layout, a department that sent a fee notice -------

NH_GRID = grid_of("2021", app_counts(
    one=(25, 2), two=(3,), k31=(9, 1), k32=(4,), k33_3=(1,), k34_1=(7, 1), k35_2=(2,), k36_2=(1,),
    k36_3=(2,), four=(2,),
))
NH_REVIEW = review_of((1, 0, 0, 0), (0, 0, 0, 1), (0, 0, 0, 0))
check_prose({"一": 27, "二": 3, "三(七)": 28, "四": 2}, {k: total(NH_GRID, k) for k in NH_GRID})
assert 27 + 3 == 30


def nanhu(faulty: bool) -> Report:
    proactive = {
        "规章": ["0", "0", "0"], "行政规范性文件": ["1", "0", "6"], "行政许可": ["214"],
        "行政处罚": ["3"], "行政强制": ["0"], "行政事业性收费": ["0"],
    }
    fee_sentence = "本年度向1名申请人发出收费通知，申请人逾期未缴纳，按《政府信息公开信息处理费管理办法》规定不再处理其申请，全年实际收取信息处理费0元。"
    applications = "（二）依申请公开。本年度新收政府信息公开申请27件，加上2023年结转的3件，共30件；截至2024年12月31日，已办结28件，结转2025年继续办理2件。"
    if faulty:
        applications += "全年收取信息处理费120元。"
        fee_sentence = "本年度无其他需要报告的事项。"
    title = "南湖区教育局2024年政府信息公开工作年度报告"
    blocks = body(
        title,
        "本报告依据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》编制。报告中所列数据统计期限为2024年1月1日至2024年12月31日。如对报告有疑问，请与南湖区教育局办公室联系（地址：南湖区文化路166号，邮编：314000，电话：0573-82091234）。",
        "一、总体情况",
        "（一）主动公开。全年在区政府网站教育局专栏主动公开信息452条，同比增长6.1%，其中招生入学信息96条、教育收费信息23条。",
        applications,
        "（三）政府信息管理。落实公开属性源头认定，全年对已公开的62件文件开展评估清理。",
        "（四）平台建设。完成教育局专栏栏目调整，新增“招生入学”专题。",
        "（五）监督保障。全年开展政务公开培训2次，参训82人次。",
        "二、主动公开政府信息情况",
        proactive_table("2021", proactive),
        "三、收到和处理政府信息公开申请情况",
        applications_table("2021", NH_GRID, "messy"),
        "四、政府信息公开行政复议、行政诉讼情况",
        review_table(NH_REVIEW),
        "五、存在的主要问题及改进情况",
        "一是主动公开的及时性有待加强；二是依申请公开答复文书格式不够统一。2025年将制定答复文书范本，并建立主动公开信息月度核查机制。",
        "六、其他需要报告的事项",
        fee_sentence,
    )
    return Report(tuple(blocks), title=title)


# 7. 云溪县人民政府 2022, reportlab PDF, letter-spaced contact labels, shares in brackets -----

YX_GRID = grid_of("2021", app_counts(
    one=(1032, 45, 2, 3, 18, 6), two=(27, 3, 0, 0, 1, 0), k31=(402, 20, 1, 1, 8, 2),
    k32=(113, 6, 0, 1, 2, 1), k33_1=(1,), k33_2=(3,), k33_3=(4, 1), k33_4=(11, 1), k33_5=(2,),
    k33_6=(7,), k33_7=(5,), k33_8=(26, 1), k34_1=(268, 11, 1, 1, 5, 2), k34_2=(14, 1),
    k34_3=(6,), k35_1=(38, 2), k35_2=(19,), k35_3=(1,), k35_4=(2,), k35_5=(3,), k36_1=(21, 1),
    k36_3=(35, 2, 0, 0, 1, 0), four=(78, 2, 0, 0, 3, 1),
))
YX_REVIEW = review_of((12, 3, 4, 2), (5, 1, 1, 3), (2, 0, 1, 1))
check_prose({"一": 1106, "二": 31, "三(七)": 1053, "四": 84, "三(一)": 434, "三(二)": 123},
            {k: total(YX_GRID, k) for k in YX_GRID})
assert 434 + 123 + 62 + 309 + 65 + 60 == 1053 and 45 + 2 + 3 + 18 + 6 == 74
assert round(124 / 1230 * 100, 1) == 10.1 and round(1032 / 1106 * 100, 1) == 93.3
assert round(74 / 1106 * 100, 1) == 6.7 and round(434 / 1053 * 100, 1) == 41.2
assert 5 + 2 == 7 and 1 + 0 == 1 and 1 + 1 == 2 and 3 + 1 == 4 and 7 + 1 + 2 + 4 == 14


def yunxi(faulty: bool) -> Report:
    share = "39.2" if faulty else "41.2"
    pending = "5" if faulty else "4"
    proactive = {
        "规章": ["0", "0", "0"], "行政规范性文件": ["7", "3", "58"], "行政许可": ["28,417"],
        "行政处罚": ["6,902"], "行政强制": ["318"], "行政事业性收费": ["8,736.25"],
    }
    title = "云溪县人民政府2022年政府信息公开工作年度报告"
    blocks = body(
        title,
        "本年度报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）第四十九条、第五十条规定编制，统计期限为2022年1月1日至2022年12月31日。本报告电子版可在云溪县人民政府门户网站查阅或下载。如对本报告有疑问，请与云溪县人民政府办公室联系：",
        "地　　址：云溪县云溪大道9号",
        "邮　　编：414000",
        "联 系 电 话：0730-5721234",
        "电 子 邮 箱：yxxzwgk@163.com",
        "一、总体情况",
        "2022年，云溪县人民政府坚持以人民为中心的发展思想，全面贯彻落实《条例》，以高质量公开助力县域经济社会高质量发展。",
        "（一）主动公开。全年通过县政府门户网站主动公开政府信息1.8万余条。县政府及县政府办公室制发行政规范性文件7件，废止3件，截至年底现行有效58件。",
        f"（二）依申请公开。2022年，县政府及县直部门、各乡镇共新收政府信息公开申请1,106件，较上年（1,230件）减少124件，下降10.1%；其中自然人申请1,032件（占93.3%），法人或其他组织申请74件（占6.7%）。加上上年结转的31件，全年办结1,053件，其中予以公开434件（占{share}%），部分公开123件，不予公开62件，无法提供309件，不予处理65件，其他处理60件；结转下年度84件。",
        f"（三）行政复议和行政诉讼。全县因政府信息公开引发行政复议21件、行政诉讼14件，行政复议中维持12件、纠正3件、其他4件、尚未审结2件；行政诉讼中维持7件、纠正1件、其他2件、尚未审结{pending}件。",
        "（四）政府信息管理和平台建设。建立健全政府信息公开审查机制，全年清理过期信息2,316条；县政府门户网站全年访问量312万人次。",
        "（五）工作考核、社会评议和责任追究结果情况。县政府将政务公开工作纳入对各乡镇和县直部门的年度绩效考核，分值为3分；邀请人大代表、政协委员和群众代表开展社会评议2次；全年未发生政务公开责任追究事项。",
        "二、主动公开政府信息情况",
        proactive_table("2021", proactive),
        "三、收到和处理政府信息公开申请情况",
        applications_table("2021", YX_GRID, "messy"),
        "四、政府信息公开行政复议、行政诉讼情况",
        review_table(YX_REVIEW),
        "五、存在的主要问题及改进情况",
        "一是依申请公开申请量大、涉及面广，部分承办单位答复质量不高；二是政策解读的针对性和可读性有待增强。2023年，我县将组织依申请公开业务培训和案例评查，推行政策解读“一图读懂”“视频解读”等形式。",
        "六、其他需要报告的事项",
        "本年度全县共收取信息处理费0元。",
    )
    return Report(tuple(blocks), title=title)


# 8. 白沙市卫生健康委员会 2021, GBK page: a 2021 report still in the 2019 layout, 十二件 -------

BS_GRID = grid_of("2019", app_counts(
    one=(10, 2), two=(2,), k31=(6, 1), k32=(1,), k34_1=(3, 1), k36=(1,), four=(1,),
))
check_prose({"一": 12, "二": 2, "三(七)": 13, "四": 1, "三(一)": 7}, {k: total(BS_GRID, k) for k in BS_GRID})
assert 7 + 1 + 4 + 1 == 13


def baisha() -> tuple[Report, Page]:
    proactive = {
        "规章": ["0", "0", "0"], "规范性文件": ["3", "3", "21"],
        "行政许可": ["45", "-2", "1,873"], "其他对外管理服务事项": ["12", "0", "356"],
        "行政处罚": ["87", "5", "264"], "行政强制": ["6", "0", "11"],
        "行政事业性收费": ["4", "-1"], "政府集中采购": ["23", "1,208.6"],
    }
    title = "白沙市卫生健康委员会2021年政府信息公开工作年度报告"
    blocks = body(
        title,
        "根据《中华人民共和国政府信息公开条例》规定，现公布白沙市卫生健康委员会2021年政府信息公开工作年度报告。本报告统计期限自2021年1月1日至2021年12月31日。",
        "一、总体情况",
        "2021年，我委紧紧围绕疫情防控和卫生健康中心工作，扎实推进政府信息公开。全年主动公开疫情防控信息1,024条，发布新闻通稿86篇。",
        "全年共受理政府信息公开申请十二件，上年结转两件，办结十三件，其中予以公开七件、部分公开一件、无法提供四件、其他处理一件，结转下年度一件。本年度我委未发生政府信息公开行政复议、行政诉讼案件。",
        "二、主动公开政府信息情况",
        proactive_table("2019", proactive),
        "三、收到和处理政府信息公开申请情况",
        applications_table("2019", BS_GRID),
        "四、政府信息公开行政复议、行政诉讼情况",
        review_table(review_of((0, 0, 0, 0), (0, 0, 0, 0), (0, 0, 0, 0))),
        "五、存在的主要问题及改进情况",
        "一是信息发布的及时性有待提升；二是政策解读形式较为单一。下一步，我委将完善信息发布审核流程，丰富解读形式。",
        "六、其他需要报告的事项",
        "本年度未收取信息处理费。",
        "联系地址：白沙市健康路3号　联系电话：0371-67891234　邮箱：wjwgk@baisha.example.cn",
    )
    return Report(tuple(blocks), title=title), Page("白沙市卫生健康委员会", "2022-01-26")


# 9. 清河区人民政府 2023, Word: channels in brackets, shares, nested 一是 lists, 六 holds 考核 --

QH_GRID = grid_of("2021", app_counts(
    one=(196, 11, 0, 1, 5, 1), two=(9, 1), k31=(88, 5, 0, 1, 2, 1), k32=(27, 2), k33_3=(2,),
    k33_4=(4,), k33_6=(3,), k34_1=(41, 3, 0, 0, 2, 0), k34_2=(5,), k35_1=(9,), k35_2=(4,),
    k36_1=(6, 1), k36_3=(3,), four=(13, 1, 0, 0, 1, 0),
))
QH_REVIEW = review_of((4, 1, 1, 0), (2, 0, 0, 1), (1, 0, 0, 0))
check_prose({"一": 214, "二": 10, "三(七)": 209, "四": 15, "三(一)": 97, "三(二)": 29},
            {k: total(QH_GRID, k) for k in QH_GRID})
assert 158 + 41 + 15 == 214 and round(19 / 195 * 100, 1) == 9.7
assert round(97 / 209 * 100, 1) == 46.4 and round(29 / 209 * 100, 1) == 13.9
assert 97 + 29 + 9 + 51 + 13 + 10 == 209 and 3 + 1 == 4


def qinghe(faulty: bool) -> Report:
    period = "2022" if faulty else "2023"
    third = "四是" if faulty else "三是"
    title = "清河区人民政府2023年政府信息公开工作年度报告"
    blocks = body(
        title,
        f"本报告由清河区人民政府办公室根据《中华人民共和国政府信息公开条例》要求编制。报告中所列数据的统计期限自{period}年1月1日起至{period}年12月31日止。如对本报告有疑问，请与清河区人民政府办公室联系（地址：清河区长江路66号；邮编：226001；联系电话（传真）：0513-85101234；电子邮箱：qhqgk@126.com）。",
        "一、总体情况",
        "（一）主动公开。全年主动公开政府信息6,284条，同比增长7.5%。",
        "（二）依申请公开。全年共收到政府信息公开申请214件（其中网上申请158件、信函申请41件、当面申请15件），同比增加19件，增长9.7%；上年结转10件。办结209件，按时办结率100%；其中予以公开97件（占46.4%），部分公开29件（占13.9%），不予公开9件、无法提供51件、不予处理13件、其他处理10件。结转2024年办理15件。",
        "（三）复议诉讼。全年被申请行政复议6件、提起行政诉讼4件，未发生被纠错后拒不整改的情况。",
        "（四）平台建设。整合区政府门户网站和政务新媒体，关停“僵尸”账号3个。",
        "（五）监督保障。全年组织政务公开培训4次，培训280人次。",
        "二、主动公开政府信息情况",
        proactive_table("2021", {
            "规章": ["0", "0", "0"], "行政规范性文件": ["4", "2", "27"], "行政许可": ["9,310"],
            "行政处罚": ["2,047"], "行政强制": ["156"], "行政事业性收费": ["3,412.07"],
        }),
        "三、收到和处理政府信息公开申请情况",
        applications_table("2021", QH_GRID),
        "四、政府信息公开行政复议、行政诉讼情况",
        review_table(QH_REVIEW),
        "五、存在的主要问题及改进情况",
        "（一）存在的问题。一是政策解读的深度不够；二是依申请公开答复的规范性有待提升。",
        f"（二）改进措施。一是强化队伍建设，重点做好三方面工作：一是开展业务培训，二是组织案例评查，三是建立联络员制度；二是提升解读质量，推动解读与文件同步起草；{third}规范依申请公开办理，统一答复文书格式。",
        "六、其他需要报告的事项",
        "（一）信息处理费收取情况。本年度共发出收费通知2件，申请人均按期缴纳，实际收取信息处理费160元。",
        "（二）工作考核、社会评议和责任追究结果情况。区政府将政务公开纳入全区高质量发展综合考核；开展社会评议1次，满意率97.5%；全年无责任追究情况。",
        "（三）人大代表建议和政协提案办理情况。全年承办人大代表建议56件、政协提案71件，均按期办结。",
    )
    return Report(tuple(blocks), title=title)


def main() -> None:
    for faulty in (False, True):
        suffix = "-faulty" if faulty else ""
        report, page = qingshan(faulty)
        write(f"qingshan-2021{suffix}.html", html_page(report, page))
        write(f"hexi-2019{suffix}.pdf", pdf_report(hexi(faulty)))
        write(f"jiangkou-scj-2022{suffix}.docx", docx_report(jiangkou(faulty)))
        write(f"linjiang-2023{suffix}.txt", linjiang(faulty).encode("utf-8"))
        if faulty:
            write("linjiang-2023-faulty2.txt", linjiang(False, True).encode("utf-8"))
        report, page = qingshui(faulty)
        write(f"qingshui-2020{suffix}.html", html_page(report, page))
        write(f"nanhu-jyj-2024{suffix}.pdf", pdf_report(nanhu(faulty)))
    for faulty in (False, True):
        suffix = "-faulty" if faulty else ""
        write(f"yunxi-2022{suffix}.pdf", pdf_report(yunxi(faulty)))
        write(f"qinghe-2023{suffix}.docx", docx_report(qinghe(faulty)))
    report, page = baisha()
    write("baisha-wjw-2021.html", html_page(report, page))
    for name, data in OUT.items():
        (HERE / name).write_bytes(data)
        print(name, len(data))


if __name__ == "__main__":
    main()
