"""SARIF 2.1.0, for GitHub code scanning and other static-analysis dashboards.

What GitHub's ingestion requires, and the Microsoft SARIF multitool's GitHub rules check
(tests/test_ci_clients.py runs it): every rule with a short and a full description and help
(text and Markdown); every result with a region (a whole-file finding points at line 1);
artifact URIs relative to the repository top (else the workspace root) with `uriBaseId`
%SRCROOT%, whatever the folder journeymap ran in (a workspace in a monorepo's `cx/` names
`cx/journeys/...`); `partialFingerprints` that survive lines moving, so a finding keeps its
identity (and its dismissal) across commits.
"""

from __future__ import annotations

import hashlib
import json

from journeymap import __version__, codes
from journeymap.findings import Finding
from journeymap.reporters import Report
from journeymap.textsafe import uri

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"


def _rule(code: codes.Code, docs: str | None) -> dict:
    rule = {
        "id": code.code,
        "name": code.name,
        "shortDescription": {"text": code.summary},
        "fullDescription": {"text": f"{code.summary} {code.fix}"},
        "help": {"text": f"{code.summary}\n\nWhat to do: {code.fix}",
                 "markdown": f"**{code.name}** ({code.code}): {code.summary}\n\n"
                             f"What to do: {code.fix}"},
        "defaultConfiguration": {"level": code.severity},
    }
    if docs:
        rule["helpUri"] = f"{docs}/rules/#{code.code.lower()}"
    return rule


def _location(finding: Finding, report: Report) -> dict:
    """The finding's file relative to the repository top (with %SRCROOT%), or absolute."""
    name = report.ci_path(finding)
    artifact = {"uri": uri(name)}
    if not name.startswith("/"):
        artifact["uriBaseId"] = SRCROOT
    region = {"startLine": finding.line or 1, "startColumn": finding.column or 1}
    return {"physicalLocation": {"artifactLocation": artifact, "region": region}}


def _fingerprint_key(finding: Finding, location: dict) -> str:
    """Stable while lines move: the code, the file and the YAML path (else the message)."""
    place = location["physicalLocation"]["artifactLocation"]["uri"]
    return f"{finding.code}|{place}|{finding.path or finding.message}"


def _fingerprint(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:32]


def render(report: Report) -> str:
    docs = report.docs_url.rstrip("/") if report.docs_url else None
    rules = [_rule(code, docs) for code in codes.ALL.values()]
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    results = []
    seen: dict[str, int] = {}  # a second finding at one YAML path gets its own fingerprint
    for f in report.findings:
        location = _location(f, report)
        key = _fingerprint_key(f, location)
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            key += f"|{seen[key]}"
        results.append({
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": f.severity,
            "message": {"text": f.message},
            "locations": [location],
            "partialFingerprints": {"journeymapFinding/v1": _fingerprint(key)},
        })
    document = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "journeymap",
                        "version": __version__,
                        **({"informationUri": f"{docs}/"} if docs else {}),
                        "rules": rules,
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
