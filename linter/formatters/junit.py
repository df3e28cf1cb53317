"""JUnit XML, as GitLab, Jenkins and most CI test views read it.

One <testsuite> per file, one <testcase> per rule that ran on it (classname:
the file, name: the rule id): a rule with findings fails, listing each one; a
rule without passes. A file that could not be read has its input-error case
only. Built with ElementTree, so every text is escaped as XML requires.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import TYPE_CHECKING

from linter.formatters import FormatOptions
from linter.formatters.ci import full_message
from linter.formatters.visible import visible
from linter.messages import finding_message

if TYPE_CHECKING:
    from linter.records import Catalogue, FileResult, Finding


# Characters XML 1.0 cannot hold at all (a PDF's form feed, a stray NUL): dropped.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)


def _rules_run(r: FileResult, catalogue: Catalogue) -> list[str]:
    """The rules that ran on the file: its regime's, plus any its findings name."""
    ran = [rule.id for rule in catalogue.rules if r.regime and rule.regime == r.regime]
    return list(dict.fromkeys([*ran, *(f.rule for f in r.findings)]))


def _place(f: Finding) -> str:
    return f"{f.line}:{f.column}" if not f.whole_report else "-"


def _testcase(r: FileResult, rule_id: str, catalogue: Catalogue, lang: str) -> ET.Element:
    # Paths and messages with control characters written out (`\n`, `\x1b`): a file
    # named with a newline would otherwise forge a line of the failure text.
    path = _xml_text(visible(r.path))
    case = ET.Element("testcase", classname=path, name=rule_id, file=path, time="0")
    found = [f for f in r.findings if f.rule == rule_id]
    if not found:
        return case
    messages = [
        full_message(visible(finding_message(f, catalogue, r.regime, lang)), f) for f in found
    ]
    failure = ET.SubElement(
        case,
        "failure",
        message=_xml_text(messages[0].split("\n")[0]),
        type=max(f.severity for f in found),
    )
    failure.text = _xml_text(
        "\n".join(
            f"{path}:{_place(f)}: {f.severity} [{f.rule}] {m}"
            for f, m in zip(found, messages, strict=True)
        )
    )
    return case


def _suite(r: FileResult, catalogue: Catalogue, lang: str) -> ET.Element:
    cases = [_testcase(r, rule_id, catalogue, lang) for rule_id in _rules_run(r, catalogue)]
    failures = sum(case.find("failure") is not None for case in cases)
    suite = ET.Element(
        "testsuite",
        name=_xml_text(visible(r.path)),
        tests=str(len(cases)),
        failures=str(failures),
        errors="0",
        skipped="0",
        time="0",
    )
    suite.extend(cases)
    return suite


def render(results: Sequence[FileResult], catalogue: Catalogue, options: FormatOptions) -> str:
    suites = [_suite(r, catalogue, options.lang) for r in results]
    root = ET.Element(
        "testsuites",
        name="ogilint",
        tests=str(sum(int(s.get("tests", 0)) for s in suites)),
        failures=str(sum(int(s.get("failures", 0)) for s in suites)),
        errors="0",
        time="0",
    )
    root.extend(suites)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"
