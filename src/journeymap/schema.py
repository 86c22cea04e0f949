"""JSON Schema (draft 2020-12) of journey and library files, for editors and CI.

Editors use it through the yaml-language-server modeline:
`# yaml-language-server: $schema=../.journeymap/journey.schema.json`.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from journeymap import __version__

SchemaKind = Literal["journey", "library"]
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def json_schema(kind: SchemaKind) -> dict[str, Any]:
    from journeymap.model import Journey, Library

    model = Journey if kind == "journey" else Library
    body = model.model_json_schema()
    return {
        "$schema": DIALECT,
        "$id": f"urn:journeymap:schema:{kind}:v1",
        "title": f"journeymap {kind} file (format v1, journeymap {__version__})",
        **{k: v for k, v in body.items() if k != "title"},
    }


def schema_text(kind: SchemaKind) -> str:
    return json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n"
