"""The fast YAML path (journeymap's resolver and builder) gives the very data PyYAML's own
resolver and constructor give, on every file the project ships, every test case, fuzzed
journeys and the scalars where YAML 1.2 and Python disagree."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeymap.loader import yamlsafe
from tests.test_fuzz import mangled

REPO = Path(__file__).parents[1]
LIMITS = yamlsafe.Limits()


class _PyYamlLoader(yamlsafe._Loader):
    """The reference: PyYAML's resolver, and always PyYAML's constructor."""

    resolve = yaml.resolver.BaseResolver.resolve
    descend_resolver = yaml.resolver.BaseResolver.descend_resolver
    ascend_resolver = yaml.resolver.BaseResolver.ascend_resolver


def by_pyyaml(raw: bytes) -> Any:
    """What the loader gave before the builder: the data, or the exception's type."""
    try:
        text = yamlsafe.decode(raw)
        yamlsafe._check_depth(text, LIMITS)
        loader = _PyYamlLoader(text)
        loader.check_merge_duplicates = "<<" in text
        try:
            root = loader.get_single_node()
            return yamlsafe.EMPTY if root is None else loader.construct_document(root)
        finally:
            loader.dispose()
    except Exception as exc:  # any failure: load must fail too
        return type(exc)


def by_journeymap(raw: bytes) -> Any:
    try:
        return yamlsafe.load(raw, LIMITS)[1]
    except yamlsafe.YamlProblem as problem:
        return problem


def assert_same(raw: bytes) -> None:
    expected, got = by_pyyaml(raw), by_journeymap(raw)
    if isinstance(expected, type):
        assert isinstance(got, yamlsafe.YamlProblem), (raw[:200], expected, got)
    else:
        # repr: the same types, values, key order (and a NaN equals a NaN)
        assert repr(got) == repr(expected), raw[:200]


SHIPPED = sorted(p for folder in ("journeys", "standards", "sources", "actions", "tests/cases",
                                  "src/journeymap/scaffold")
                 for p in (REPO / folder).rglob("*.y*ml"))


def test_every_shipped_file_and_case_loads_the_same() -> None:
    assert len(SHIPPED) > 40
    for path in SHIPPED:
        assert_same(path.read_bytes())


@pytest.mark.parametrize("value", [
    "plain", "''", '""', "~", "null", "Null", "NULL", "", "true", "False", "TRUE", "yes", "no",
    "on", "y", "1", "+1", "-0", "017", "1_000", "0x1F", "0o17", "0b11", "1.", ".5", "-.5", "1e3",
    "1E-3", "+1.5e+3", ".inf", "-.Inf", ".NaN", "1:30", "2026-01-02", "<= 5 min",
    "9" * 30, "9" * 31, "+" + "9" * 30, "!!int 1_000", "!!int 0x1F", "!!int 17", "!!int abc",
    "!!float 1", "!!float .inf", "!!float 1_0", "!!bool yes", "!!bool true", "!!null ''",
    "!!null x", "!!str 5", "!!str [a]", "!!seq [a]", "!!map {a: 1}", "!!int [1]",
    "!custom x", "!!python/none ''", "!!binary aGk=", "!!timestamp 2026-01-02", "! 5",
    "[1, 2.5, true, ~, x]", "{1: a, 1.0: b}", "{? [a]: b}", "{a: 1, a: 2}",
])
def test_scalars_where_yaml_and_python_disagree(value: str) -> None:
    assert_same(f"key: {value}\nlist:\n  - {value}\n".encode())


def test_aliases_merges_and_duplicates() -> None:
    for text in ("a: &x {b: 1, c: [1, 2]}\nd: *x\ne: *x\n",
                 "base: &b {x: 1, y: 2}\nm:\n  <<: *b\n  x: 3\n",
                 "base: &b {x: 1}\nm:\n  <<: *b\n  z: 1\n  z: 2\n",
                 "a: 1\nb: 2\na: 3\n", "? [a, b]\n: c\n", "---\na: 1\n---\nb: 2\n"):
        assert_same(text.encode())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=mangled())
def test_mangled_journeys_load_the_same(text: str) -> None:
    assert_same(text.encode("utf-8", "surrogatepass"))


@settings(max_examples=300, deadline=None)
@given(value=st.text(alphabet="0123456789+-.eExXoO_:~!tTfFnN ", max_size=8))
def test_number_like_scalars_load_the_same(value: str) -> None:
    assert_same(f"a: {value}\nb: [{value}]\n".encode())
