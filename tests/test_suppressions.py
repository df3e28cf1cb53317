"""`ogilint: disable=…` written inside a real report: text line, web page comment, Word comment.

changzhou-2018 (seed corpus) has total-mismatch on line 61 (part 三: 247 + 50 + 1035 + 1083 =
2415 ≠ 2425) and invalid-email on line 5 (before part 一). A second total-mismatch is
put in part 四 (培训12次, 其中市级8次、辖市区6次: 8 + 6 = 14 > 12), so a directive of
part 三 can be seen to leave the same rule elsewhere alone. Each form of the report
holds the same two directives: `disable=total-mismatch` in part 三 (it hides line 61)
and `disable=invalid-email` in part 二 (the e-mail is not in part 二: it hides nothing,
so it is reported as unused-suppression).
"""

from __future__ import annotations

import io
import re

import pytest
from conftest import REPORTS, run_ogilint

SOURCE = (REPORTS / "changzhou-2018.txt").read_text(encoding="utf-8").split("\n")
PART_2, PART_3, PART_4 = 20, 56, 76  # 0-based lines of 二、 三、 四、 in changzhou-2018.txt
IN_PART_3 = "ogilint: disable=total-mismatch 渠道之外另有12345热线转办10件,已核实"
IN_PART_2 = "ogilint: disable=invalid-email"
DEFECT = "2018年全市組織政府信息公開培訓12次,其中市級培訓8次、轄市區培訓6次。"


def _paragraphs() -> list[tuple[str | None, str]]:
    """(directive or None, line) of the edited report, in order; directives before their line."""
    out: list[tuple[str | None, str]] = []
    for i, line in enumerate(SOURCE):
        if not line.strip():
            continue
        out.append((None, line))
        if i == PART_2:
            out.append((IN_PART_2, ""))
        elif i == PART_3:
            out.append((IN_PART_3, ""))
        elif i == PART_4:
            out.append((None, DEFECT))
    return out


def _as_text() -> str:
    return "\n".join(f"# {d}" if d else line for d, line in _paragraphs()) + "\n"


def _as_html() -> str:
    body = "".join(f"<!-- {d} -->" if d else f"<p>{line}</p>" for d, line in _paragraphs())
    return f'<html><head><meta charset="utf-8"></head><body>{body}</body></html>'


def _as_docx() -> bytes:
    import docx

    document = docx.Document()
    last = None
    for directive, line in _paragraphs():
        if directive:  # a Word comment on the paragraph above (the heading or first line)
            document.add_comment(last.runs, text=directive, author="审核人", initials="SH")
        else:
            last = document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def checked(tmp_path_factory):
    folder = tmp_path_factory.mktemp("suppressed")
    (folder / "changzhou.txt").write_text(_as_text(), encoding="utf-8")
    (folder / "changzhou.html").write_text(_as_html(), encoding="utf-8")
    (folder / "changzhou.docx").write_bytes(_as_docx())
    luoyang = (REPORTS / "luoyang-2018.txt").read_text(encoding="utf-8")
    # Before the first part: the whole report. missing-fees is about the whole report.
    directive = "<!-- ogilint: disable=missing-fees,all 本单位依法不收取任何费用 -->\n"
    (folder / "luoyang.md").write_text(directive + luoyang, encoding="utf-8")
    run = run_ogilint("check", str(folder), "--format", "json")
    assert run.code == 1, run.stderr
    return {f["path"].rsplit("/", 1)[1]: f for f in run.json["files"]}, run.json["summary"]


@pytest.mark.parametrize("name", ["changzhou.txt", "changzhou.html", "changzhou.docx"])
def test_a_directive_hides_its_parts_finding_and_not_the_same_rule_elsewhere(checked, name):
    files, _ = checked
    found = files[name]["findings"]
    sums = [f for f in found if f["rule"] == "total-mismatch"]
    assert [f["section"][:2] for f in sums] == ["四、"], sums  # part 三's is hidden
    assert sums[0]["details"]["arithmetic"] == "8 + 6 = 14 ≠ 12"
    assert files[name]["suppressed"] == 1
    assert "invalid-email" in {f["rule"] for f in found}  # its directive is in another part


@pytest.mark.parametrize("name", ["changzhou.txt", "changzhou.html", "changzhou.docx"])
def test_a_directive_that_hides_nothing_is_reported_where_it_stands(checked, name):
    files, _ = checked
    unused = [f for f in files[name]["findings"] if f["rule"] == "unused-suppression"]
    assert len(unused) == 1 and unused[0]["severity"] == "info"
    assert unused[0]["details"]["rules"] == ["invalid-email"]
    assert unused[0]["section"].startswith("二、")
    if name.endswith(".txt"):  # the directive's own line
        line = _as_text().split("\n").index(f"# {IN_PART_2}") + 1
        assert (unused[0]["line"], unused[0]["column"]) == (line, 1)


def test_a_directive_before_the_first_part_covers_the_whole_report(checked):
    files, summary = checked
    luoyang = files["luoyang.md"]
    rules = [f["rule"] for f in luoyang["findings"]]
    assert "missing-fees" not in rules and "missing-contact" in rules
    # `all` is no rule id: refused as unused rather than hiding everything
    unused = [f for f in luoyang["findings"] if f["rule"] == "unused-suppression"]
    assert [u["details"]["rules"] for u in unused] == [["all"]]
    assert luoyang["suppressed"] == 1
    assert summary["suppressed"] == 4


def test_the_directive_line_is_not_report_text(checked):
    # "12345热线转办10件" in the reason is no figure of the report, and the line no heading.
    files, _ = checked
    assert {f["rule"] for f in files["changzhou.txt"]["findings"]} == {
        "total-mismatch",
        "invalid-email",
        "unused-suppression",
    }


def test_the_text_summary_counts_the_suppressed_findings_in_each_language(tmp_path):
    report = tmp_path / "changzhou.txt"
    report.write_text(_as_text(), encoding="utf-8")
    zh = run_ogilint("check", str(report))
    assert "报告内的抑制指令隐藏了 1 个问题" in zh.stdout
    assert ": 错误 [total-mismatch]" in zh.stdout and ": 提示 [unused-suppression]" in zh.stdout
    en = run_ogilint("check", str(report), "--lang", "en")
    assert "1 finding(s) suppressed by directives in the reports" in en.stdout
    assert ": error [total-mismatch]" in en.stdout and ": info [unused-suppression]" in en.stdout


def test_unused_suppression_can_be_ignored_like_any_rule(tmp_path):
    report = tmp_path / "changzhou.txt"
    report.write_text(_as_text(), encoding="utf-8")
    run = run_ogilint("check", str(report), "--format", "json", "--ignore", "unused-suppression")
    assert "unused-suppression" not in run.rules() and run.json["summary"]["suppressed"] == 1


def test_the_readme_example_is_the_real_output(tmp_path):
    from conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("\n## Suppressions inside a report\n") :]
    written, shown = re.findall(r"```text\n(.*?)```", section, re.S)[:2]
    lines = list(SOURCE)  # the two directives, each after its part's heading
    directives = [w for w in written.split("\n") if w.startswith("# ogilint")]
    lines[PART_3 + 1 : PART_3 + 1] = [directives[1]]
    lines[PART_2 + 1 : PART_2 + 1] = [directives[0]]
    (tmp_path / "changzhou-2018.txt").write_text("\n".join(lines), encoding="utf-8")
    run = run_ogilint("check", "changzhou-2018.txt", cwd=tmp_path)
    assert run.stdout == shown
