"""Turn pydantic's validation errors into Findings at the right line and column.

pydantic reports a `loc` such as ('stages', 0, 'touchpoints', 2, 'standards', 0, 'inline',
'target'); this walks it through the YAML node tree (skipping the tags pydantic adds for the
tagged union) and writes a message in the file's own vocabulary, with "did you mean" for
misspelled keys and values.
"""

from __future__ import annotations

import re
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from journeymap import codes
from journeymap.findings import Finding
from journeymap.hints import did_you_mean as suggest
from journeymap.model import UNION_TAGS

CODE = codes.SCHEMA.code


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _data_path(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """The loc without the tag pydantic adds for the tagged union of standards.

    The tag always follows a list index under `standards` (`standards, 0, 'use', ...`); it
    cannot be told from the data, since `use` is also a key of the item.
    """
    return tuple(
        part for index, part in enumerate(loc)
        if not (part in UNION_TAGS and index >= 2 and isinstance(loc[index - 1], int)
                and loc[index - 2] == "standards")
    )


def _model_at(root: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    model: type[BaseModel] | None = root
    for part in loc:
        if isinstance(part, int):
            continue
        if part in UNION_TAGS and (model is None or part not in model.model_fields):
            model = UNION_TAGS[part]
            continue
        if model is None or part not in model.model_fields:
            return None
        model = _inner_model(model.model_fields[part].annotation)
    return model


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


_ID_RULE = "use letters, digits, '-', '_' or '.' (no spaces or '/')"


def _message(err: dict[str, Any], root: type[BaseModel], loc: tuple[Any, ...]) -> tuple[str, bool]:
    """(message, point at the key rather than the value)."""
    kind, key = err["type"], loc[-1] if loc else None
    names = [part for part in loc if isinstance(part, str)]
    where = f"`{names[-1]}`" if names else "the file"
    if kind == "extra_forbidden":
        model = _model_at(root, err["loc"][:-1])
        known = list(model.model_fields) if model else []
        if isinstance(key, str) and key.startswith("-") and key[1:].strip() in known:
            return (f"unknown key {key!r}: put a space after '-' to start a list item "
                    f"(- {key[1:].strip()}: ...)"), True
        hint = suggest(key, known) or (f"; expected one of {', '.join(known)}" if known else "")
        return f"unknown key {key!r}{hint}", True
    if kind == "missing":
        return f"missing required key {key!r}", False
    if kind == "literal_error":
        allowed = re.findall(r"'([^']*)'", err.get("ctx", {}).get("expected", ""))
        return (
            f"{where}: {_describe(err['input'])} is not one of {', '.join(allowed)}"
            f"{suggest(err['input'], allowed)}",
            False,
        )
    if kind == "string_pattern_mismatch":
        return f"{where}: {_describe(err['input'])} is not a valid id: {_ID_RULE}", False
    if kind == "value_error":
        return f"{where}: {err['msg'].removeprefix('Value error, ')}", False
    if kind in ("model_type", "dict_type"):
        return f"{where}: expected a mapping of keys, got {_describe(err['input'])}", False
    if kind == "list_type":
        value = err["input"]
        dashed = [k for k in value if isinstance(k, str) and k.startswith("-")] \
            if isinstance(value, dict) else []
        if dashed:
            return (f"{where}: expected a list, got a mapping: put a space after '-' to start "
                    f"a list item (- {dashed[0][1:].strip()}: ...)"), False
        return f"{where}: expected a list, got {_describe(value)}", False
    message = err["msg"][0].lower() + err["msg"][1:]
    return f"{where}: {message} (got {_describe(err['input'])})", False


def shape_findings(
    exc: ValidationError, root: type[BaseModel], source: Any
) -> list[Finding]:
    """One Finding per pydantic error, positioned through `source.locate`."""
    findings = []
    errors = exc.errors(include_url=False)
    misspelled = {  # (parent loc, key) of unknown keys: a missing key spelled so is no news
        (tuple(e["loc"][:-1]), e["loc"][-1]) for e in errors if e["type"] == "extra_forbidden"
    }
    for err in errors:
        if err["type"] == "missing" and any(
            parent == tuple(err["loc"][:-1]) and suggest(key, [err["loc"][-1]])
            for parent, key in misspelled
        ):
            continue
        loc = _data_path(tuple(err["loc"]))
        message, at_key = _message(err, root, loc)
        target = loc if err["type"] != "missing" else loc[:-1]
        findings.append(source.finding(CODE, message, target, at_key=at_key))
    return findings
