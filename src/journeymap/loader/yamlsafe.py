"""Safe, bounded, position-aware YAML loading in one libyaml pass.

libyaml (`yaml.CSafeLoader`) composes the node tree (with marks, for file:line:column); a
tight builder (`_build`) turns it into data, several times faster than PyYAML's constructor,
and hands anything unusual (tags, merge keys, duplicate keys) to that constructor, which knows
every rule below. On top of PyYAML this module adds what it lacks:

- YAML 1.2 core-schema scalars: `no`, `on`, `y` stay strings, `1:30` stays a string, `017` is 17;
- duplicate keys are an error (PyYAML silently keeps the last one);
- no object tags (`!!python/...` and custom tags are refused; nothing is ever executed);
- bounds: file size, nesting depth (checked *before* composing: libyaml's composer recurses on
  the C stack and crashes near 50,000 nested `[`), and alias expansion (billion laughs);
- encoding: UTF-8 only, BOM accepted, invalid bytes reported at their line and column.

Every failure is a `YamlProblem` with a position; callers turn it into a Finding.
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass
from typing import Any, ClassVar

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from journeymap import codes
from journeymap.loader import yamlhelp

MERGE_TAG = "tag:yaml.org,2002:merge"
STR_TAG, SEQ_TAG, MAP_TAG = (f"tag:yaml.org,2002:{kind}" for kind in ("str", "seq", "map"))
INT_TAG, FLOAT_TAG, BOOL_TAG, NULL_TAG = (f"tag:yaml.org,2002:{kind}"
                                          for kind in ("int", "float", "bool", "null"))


@dataclass
class YamlProblem(Exception):
    """A file that cannot be loaded; `code` is one of the loader codes (journeymap.codes)."""

    code: str
    message: str
    line: int = 1  # 1-based; 0 means "the whole file"
    column: int = 1

    @classmethod
    def at(cls, code: str, message: str, mark: Any) -> YamlProblem:
        """A problem at a libyaml mark (0-based) or, without one, at the start of the file."""
        return cls(code, message, mark.line + 1, mark.column + 1) if mark else cls(code, message)


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 5 * 1024 * 1024
    max_depth: int = 64
    max_expanded_nodes: int = 200_000
    max_expanded_bytes: int = 10 * 1024 * 1024


# --- YAML 1.2 core schema -------------------------------------------------------------------

class _Loader(yaml.CSafeLoader):  # type: ignore[misc,name-defined]
    """CSafeLoader with YAML 1.2 core-schema scalars and duplicate-key detection."""

    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, re.Pattern[str]]]]] = {}
    check_merge_duplicates = False

    # libyaml calls these three for every node. PyYAML's versions also serve path resolvers,
    # which journeymap has none of: `resolve` gives the same tags with a fraction of the work,
    # and the other two do nothing, as C built-ins that take their arguments and ignore them
    # (a Python no-op costs a frame per node).
    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            if implicit[0]:
                for tag, regexp in self.yaml_implicit_resolvers.get(value[:1], ()):
                    if regexp.match(value):
                        return tag
            return STR_TAG
        return SEQ_TAG if kind is SequenceNode else MAP_TAG

    descend_resolver = staticmethod(operator.is_)  # (parent, index) -> ignored
    ascend_resolver = staticmethod(tuple)  # () -> ignored

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        if self.check_merge_duplicates:
            _check_duplicates(self, node)
        mapping = super().construct_mapping(node, deep=deep)
        if not self.check_merge_duplicates and len(mapping) != len(node.value):
            _check_duplicates(self, node)
        return mapping

    # Explicit tags (`!!int abc`) reach these constructors with any text, so each checks
    # its text against the YAML 1.2 core schema instead of trusting Python's int()/float(),
    # which also accept `1_000`, surrounding spaces and `infinity`.
    def construct_yaml_int(self, node: ScalarNode) -> int:
        text = _scalar_text(self, node, _INT, "an integer")
        if len(text.lstrip("+-")) > MAX_INT_DIGITS:
            raise _bad_value(node, f"integer {text[:20]}... has more than {MAX_INT_DIGITS} "
                             "digits")
        if text.startswith(("0o", "0x")):
            return int(text[2:], 8 if text[1] == "o" else 16)
        return int(text, 10)

    def construct_yaml_float(self, node: ScalarNode) -> float:
        text = _scalar_text(self, node, _FLOAT, "a number").lower()
        if text.endswith(".inf"):
            return float("-inf") if text.startswith("-") else float("inf")
        if text.endswith(".nan"):
            return float("nan")
        return float(text)

    def construct_yaml_bool(self, node: ScalarNode) -> bool:
        return _scalar_text(self, node, _BOOL, "true or false").lower() == "true"

    def construct_yaml_null(self, node: ScalarNode) -> None:
        _scalar_text(self, node, _NULL, "null")

    def construct_undefined(self, node: Node) -> Any:
        raise YamlProblem.at(
            codes.UNSAFE_TAG.code,
            f"tag {node.tag!r} is not allowed: journey files hold plain data only "
            "(no object tags); remove the tag",
            node.start_mark,
        )


#: journeymap has no use for larger integers; Python refuses over 4,300 digits anyway.
MAX_INT_DIGITS = 30
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT = re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
                    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$")
_CORE_RESOLVERS = [
    ("tag:yaml.org,2002:null", _NULL, ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:bool", _BOOL, list("tTfF")),
    ("tag:yaml.org,2002:int", _INT, list("-+0123456789")),
    ("tag:yaml.org,2002:float", _FLOAT, list("-+0123456789.")),
    (MERGE_TAG, re.compile(r"^(?:<<)$"), ["<"]),
]
for _tag, _regexp, _first in _CORE_RESOLVERS:
    _Loader.add_implicit_resolver(_tag, _regexp, _first)
_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_yaml_int)
_Loader.add_constructor("tag:yaml.org,2002:float", _Loader.construct_yaml_float)
_Loader.add_constructor("tag:yaml.org,2002:bool", _Loader.construct_yaml_bool)
_Loader.add_constructor("tag:yaml.org,2002:null", _Loader.construct_yaml_null)
# Only the plain-data tags remain: refuse !!python/*, !!binary-to-bytes surprises, custom tags.
for _tag in ("tag:yaml.org,2002:binary", "tag:yaml.org,2002:timestamp",
             "tag:yaml.org,2002:set", "tag:yaml.org,2002:omap", "tag:yaml.org,2002:pairs"):
    _Loader.add_constructor(_tag, _Loader.construct_undefined)
_Loader.add_constructor(None, _Loader.construct_undefined)


def _bad_value(node: Node, message: str) -> YamlProblem:
    return YamlProblem.at(codes.SCHEMA.code, message, node.start_mark)


def _scalar_text(loader: _Loader, node: Node, pattern: re.Pattern[str], what: str) -> str:
    if not isinstance(node, ScalarNode):
        raise _bad_value(node, f"tag {node.tag.rsplit(':', 1)[-1]!r} needs {what}, not a "
                         "list or mapping")
    text = loader.construct_scalar(node)
    if not pattern.match(text):
        raise _bad_value(node, f"{text[:40]!r} is not {what} (tag "
                         f"{node.tag.rsplit(':', 1)[-1]!r}); remove the tag or fix the value")
    return text


def _check_duplicates(loader: _Loader, node: MappingNode) -> None:
    seen: dict[Any, Node] = {}
    for key_node, _ in node.value:
        if key_node.tag == MERGE_TAG:
            continue
        key = loader.construct_object(key_node)
        try:
            first = seen.setdefault(key, key_node)
        except TypeError:
            continue  # unhashable: PyYAML reports it
        if first is not key_node:
            raise YamlProblem.at(
                codes.DUPLICATE_KEY.code,
                f"duplicate key {key!r} (first defined at line {first.start_mark.line + 1}); "
                "YAML keeps only one of them, so the other would be lost",
                key_node.start_mark,
            )


# --- the builder ----------------------------------------------------------------------------

class _Unusual(Exception):
    """Something `_build` leaves to PyYAML's constructor, which reports or builds it."""


def _build(node: Node) -> Any:
    """The data of a node tree of plain strings, numbers, booleans, nulls, lists and
    mappings, exactly as the constructor would build it; `_Unusual` for anything else.

    A scalar's tag comes from `_Loader.resolve` (its text matched the tag's pattern) or from
    the file (`!!int 1_000`), so the text is matched again wherever a tag allows less than
    Python's conversion accepts.
    """
    kind = node.__class__
    if kind is ScalarNode:
        tag, text = node.tag, node.value
        if tag == STR_TAG:
            return text
        if tag == INT_TAG and _INT.match(text) and len(text) <= MAX_INT_DIGITS \
                and not text.startswith(("0o", "0x")):
            return int(text, 10)
        if tag == FLOAT_TAG and _FLOAT.match(text) and text[-1].isdigit():
            return float(text)
        if tag == BOOL_TAG and _BOOL.match(text):
            return text.lower() == "true"
        if tag == NULL_TAG and _NULL.match(text):
            return None
        raise _Unusual
    if kind is MappingNode and node.tag == MAP_TAG:
        pairs = node.value
        try:
            mapping = {_build(key): _build(value) for key, value in pairs}
        except TypeError:  # an unhashable key
            raise _Unusual from None
        if len(mapping) != len(pairs):  # a duplicate key
            raise _Unusual
        return mapping
    if kind is SequenceNode and node.tag == SEQ_TAG:
        return [_build(item) for item in node.value]
    raise _Unusual


# --- bounds ---------------------------------------------------------------------------------

_LEADING_BLOCK = re.compile(r"^[ \-?:]*", re.MULTILINE)


def _nesting_bound(text: str) -> int:
    """A cheap upper bound of the nesting depth: flow brackets plus the deepest line prefix."""
    prefix = max(map(len, _LEADING_BLOCK.findall(text)), default=0)
    return text.count("[") + text.count("{") + prefix + 1


def _check_depth(text: str, limits: Limits) -> None:
    """Refuse deep nesting before libyaml's recursive composer can overflow the C stack.

    Most files are proven shallow by `_nesting_bound` alone; only the rest pay for a pass over
    the event stream (libyaml's parser itself is iterative and safe at any depth).
    """
    if _nesting_bound(text) <= limits.max_depth:
        return
    depth = 0
    for event in yaml.parse(text, Loader=yaml.CSafeLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > limits.max_depth:
                raise YamlProblem.at(
                    codes.LIMIT_EXCEEDED.code,
                    f"nesting deeper than {limits.max_depth} levels (limits.max_depth)",
                    event.start_mark,
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _check_expansion(root: Node, limits: Limits) -> None:
    """Refuse alias bombs: count the nodes and the bytes of text the document expands to.

    Each shared node is measured once. Bytes matter as much as nodes: one long scalar
    repeated by 8,000 aliases is few nodes but gigabytes once a report or page repeats it.
    """
    sizes: dict[int, tuple[int, int]] = {}

    def size(node: Node) -> tuple[int, int]:
        known = sizes.get(id(node))
        if known is not None:
            return known
        nodes, text = 1, 0
        if isinstance(node, ScalarNode):
            text = len(node.value)
        else:
            children = node.value if isinstance(node, SequenceNode) else \
                [child for pair in node.value for child in pair]
            for child in children:
                child_nodes, child_text = size(child)
                nodes, text = nodes + child_nodes, text + child_text
        for over, what in ((nodes > limits.max_expanded_nodes,
                            f"{limits.max_expanded_nodes:,} nodes (limits.max_expanded_nodes)"),
                           (text > limits.max_expanded_bytes,
                            f"{limits.max_expanded_bytes / 1e6:.1f} MB of text "
                            "(limits.max_expanded_bytes)")):
            if over:
                raise YamlProblem.at(codes.LIMIT_EXCEEDED.code, f"aliases expand to more "
                                     f"than {what}: is this an alias bomb?", node.start_mark)
        sizes[id(node)] = nodes, text
        return nodes, text

    size(root)


# --- decoding -------------------------------------------------------------------------------

def decode(raw: bytes) -> str:
    """UTF-8 text without BOM; invalid bytes are a YamlProblem at their line and column."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise YamlProblem(codes.ENCODING.code, "file is UTF-16: save it as UTF-8", 1, 1)
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        raise YamlProblem(
            codes.ENCODING.code,
            f"invalid UTF-8 (byte 0x{raw[exc.start]:02x}): save the file as UTF-8",
            line,
            column,
        ) from None


#: what the user wrote, for what libyaml was reading when the file ended
_UNCLOSED = {"quoted scalar": "quoted text", "flow sequence": "list ('[')",
             "flow mapping": "mapping ('{')", "block scalar": "block of text",
             "flow node": "value"}


#: what `load` returns as data for a file with no document (empty, or only comments)
EMPTY = object()


def compose(text: str) -> Node | None:
    """The node tree of text that `load` accepted (for positions of findings)."""
    loader = _Loader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def load(raw: bytes, limits: Limits) -> tuple[str, Any]:
    """Parse one file: (its text, its data, or EMPTY when it has no document).

    Raises YamlProblem. The node tree is used for the checks, then dropped: `compose` builds
    it again if positions are needed.
    """
    if len(raw) > limits.max_file_bytes:
        raise YamlProblem(
            codes.LIMIT_EXCEEDED.code,
            f"file is {len(raw) / 1e6:.1f} MB, over the {limits.max_file_bytes / 1e6:.1f} MB "
            "limit (limits.max_file_bytes)",
            0,
            0,
        )
    text = decode(raw)
    if "\x00" in text:
        raise YamlProblem(codes.ENCODING.code, "file contains a NUL byte: is it binary?", 1, 1)
    loader = _Loader(text)
    loader.check_merge_duplicates = "<<" in text
    try:
        _check_depth(text, limits)
        root = loader.get_single_node()
        if root is None:
            return text, EMPTY
        if "*" in text:
            _check_expansion(root, limits)
        try:
            return text, _build(root)
        except _Unusual:
            return text, loader.construct_document(root)
    except yaml.MarkedYAMLError as exc:
        raise _syntax_problem(exc, text, limits) from None
    except yaml.reader.ReaderError as exc:  # a control character: libyaml gives no mark
        explained = yamlhelp.control_character(text, exc.position)
        raise YamlProblem(codes.YAML_SYNTAX.code, explained.message, explained.line,
                          explained.column) from None
    except yaml.YAMLError:
        raise YamlProblem(codes.YAML_SYNTAX.code, "YAML cannot read this file", 1, 1) from None
    except RecursionError:
        raise YamlProblem(codes.LIMIT_EXCEEDED.code, "structure too deep or self-referencing",
                          1, 1) from None
    finally:
        loader.dispose()


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, limits: Limits) -> YamlProblem:
    """The user's mistake behind a libyaml error, where it was made (loader.yamlhelp)."""
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark and "end of stream" in (exc.problem or ""):
        # An unclosed quote or bracket: where it opens is what the user must fix.
        what = (exc.context or "").removeprefix("while scanning a ").removeprefix(
            "while parsing a ")
        return YamlProblem.at(
            codes.YAML_SYNTAX.code,
            f"the {_UNCLOSED.get(what, 'value')} starting here is never closed (the file "
            "ends first)", exc.context_mark)
    if "maximum nesting depth" in (exc.problem or ""):  # libyaml's own bound (1,000)
        return YamlProblem.at(codes.LIMIT_EXCEEDED.code, f"nesting deeper than "
                              f"{limits.max_depth} levels (limits.max_depth)", mark)
    if mark is not None and mark.index < len(text) and text[mark.index] == "\t":
        return YamlProblem.at(codes.YAML_SYNTAX.code,
                              "tab character: YAML indentation must use spaces, not tabs", mark)
    explained = yamlhelp.explain(exc, text)
    return YamlProblem(codes.YAML_SYNTAX.code, explained.message, explained.line,
                       explained.column)
