"""JUnit XML: one test case per file checked, failing with its findings (GitLab, Jenkins)."""

from __future__ import annotations

from collections import defaultdict
from xml.etree import ElementTree as ET

from journeymap.reporters import Report
from journeymap.textsafe import xml


def render(report: Report) -> str:
    by_file = defaultdict(list)
    for f in report.findings:
        by_file[f.file].append(f)
    files = sorted(set(report.sources) | set(by_file))
    failures = sum(1 for name in files if any(f.severity == "error" for f in by_file[name]))
    suite = ET.Element(
        "testsuite",
        name="journeymap validate",
        tests=str(len(files)),
        failures=str(failures),
        errors="0",
        skipped="0",
    )
    for name in files:
        case = ET.SubElement(suite, "testcase", classname="journeymap", name=xml(name))
        errors = [f for f in by_file[name] if f.severity == "error"]
        if errors:
            failure = ET.SubElement(
                case, "failure", message=f"{len(errors)} error(s)", type="journeymap"
            )
            failure.text = xml("\n".join(f"{f.location}: {f.code} {f.message}" for f in errors))
        warnings = [f for f in by_file[name] if f.severity == "warning"]
        if warnings:
            out = ET.SubElement(case, "system-out")
            out.text = xml("\n".join(f"{f.location}: {f.code} {f.message}" for f in warnings))
    ET.indent(suite)
    suites = ET.Element("testsuites")
    suites.append(suite)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, "unicode") + "\n"
