"""JUnit XML for GitLab: `junit` with each test case's `file`, which GitLab shows and the
Jenkins schema does not allow (journeymap.reporters.junit says why there are two)."""

from __future__ import annotations

from journeymap.reporters import Report, junit


def render(report: Report) -> str:
    return junit.render(report, case_files=True)
