"""Where a data path lies in a YAML file: the line and column every finding is reported at."""

from __future__ import annotations

from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode


def locate(root: Node | None, path: tuple[Any, ...], at_key: bool = False) -> tuple[int, int]:
    """1-based (line, column) of the node at a data path; the nearest ancestor if it is missing.

    `at_key` points at the key of the last path element rather than at its value (for unknown
    keys and duplicate ids, the key is what the user must change).
    """
    node = root
    if node is None:
        return 1, 1
    for index, part in enumerate(path):
        last = index == len(path) - 1
        if isinstance(node, MappingNode):
            for key_node, value_node in node.value:
                if isinstance(key_node, ScalarNode) and key_node.value == str(part):
                    if last and at_key:
                        return key_node.start_mark.line + 1, key_node.start_mark.column + 1
                    node = value_node
                    break
            else:
                break
        elif isinstance(node, SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            break
    return node.start_mark.line + 1, node.start_mark.column + 1
