"""JUnit XML (GitLab, Jenkins, Azure): a test suite per file checked, a test case per finding.

A file with no finding is one passing case, so the report counts every file checked. An error
is a failed case, and so is a warning under `--strict` (the run fails on it); otherwise a
warning passes with its text in system-out. Each suite carries the file in its `file`
attribute and each case names the code and position.

Two readers disagree on one point: GitLab shows a case's file only from a `file` attribute on
the test case, which the Jenkins JUnit schema (xunit-plugin junit-10.xsd) does not allow. So
`junit` is valid for Jenkins (the position in the case's name and message), and `gitlab` is
the same report with `file` (relative to the repository top) on every case. Every string is
made XML-safe.
"""

from __future__ import annotations

from collections import defaultdict
from xml.etree import ElementTree as ET

from journeymap.reporters import Report
from journeymap.textsafe import xml


def render(report: Report, case_files: bool = False) -> str:
    by_file = defaultdict(list)
    for f in report.findings:
        by_file[f.file].append(f)
    files = sorted(set(report.sources) | set(by_file))
    suites = ET.Element("testsuites", name="journeymap validate")
    total = failed = 0
    for name in files:
        findings = by_file[name]
        errors = sum(report.fails(f) for f in findings)
        suite = ET.SubElement(suites, "testsuite", name=xml(name), file=xml(name),
                              tests=str(max(len(findings), 1)), failures=str(errors),
                              errors="0", skipped="0")
        if not findings:
            ET.SubElement(suite, "testcase", classname=xml(name), name="no problems")
        named: dict[str, int] = {}  # GitLab keeps one case of a name: a second gets "(2)"
        for f in findings:
            where = f"{f.line}:{f.column}" if f.line else "whole file"
            case_name = f"{f.code} {where}"
            named[case_name] = named.get(case_name, 0) + 1
            if named[case_name] > 1:
                case_name += f" ({named[case_name]})"
            case = ET.SubElement(suite, "testcase", classname=xml(name), name=xml(case_name))
            if case_files:
                case.set("file", xml(report.ci_path(f)))
            text = xml(f"{f.location}: {f.code} {f.severity}: {f.message}")
            if report.fails(f):
                ET.SubElement(case, "failure", type=f.code, message=text).text = text
            else:
                ET.SubElement(case, "system-out").text = text
        total += max(len(findings), 1)
        failed += errors
    suites.set("tests", str(total))
    suites.set("failures", str(failed))
    suites.set("errors", "0")
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, "unicode") + "\n"
