"""YAML front matter: split, parse safely, and dump in the field order of DESIGN.md."""

from __future__ import annotations

import re
from typing import Any

import yaml

from sitegen.errors import FrontMatterError

_FENCE = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*\r?\n?", re.DOTALL | re.MULTILINE)
MAX_YAML_CHARS = 1_000_000
_MAX_DEPTH = 50


class _Dumper(yaml.SafeDumper):
    """Block style, no aliases: front matter is for people to read and edit."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _str_presenter(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_presenter)


def split_front_matter(
    text: str, path: str = "", counted: frozenset[str] = frozenset()
) -> tuple[dict[str, Any], str]:
    """Return (front matter mapping, body); a file without a fence has an empty mapping.
    The values of the `counted` keys are parsed but not built: they come back as the
    number of their items."""
    match = _FENCE.match(text)
    if not match:
        return {}, text
    return parse_yaml_mapping(match.group(1), path, counted), text[match.end() :]


def parse_yaml_mapping(
    source: str, path: str = "", counted: frozenset[str] = frozenset()
) -> dict[str, Any]:
    """Safe-load a YAML mapping; tags, alias bombs and non-mappings are errors naming the file.
    Top-level `counted` keys hold the number of items of their list (0 for anything else)
    instead of its objects: the site needs only how many blocks an article's removal log
    holds, and building them was a third of loading an archive."""
    if len(source) > MAX_YAML_CHARS:
        raise FrontMatterError("front matter is larger than 1 MB", path or None)
    try:
        data = _load(source, counted)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise FrontMatterError(f"malformed front matter: {problem}", path or None, line) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise FrontMatterError("front matter must be a mapping of fields", path or None)
    return {str(k): v for k, v in data.items()}


def _load(source: str, counted: frozenset[str]) -> Any:
    """yaml.load, with the top-level `counted` values replaced by their sizes before any
    object is built (the whole text is still parsed, so a syntax error anywhere is found)."""
    loader = _loader(source)(source)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if counted and isinstance(node, yaml.MappingNode):
            node.value = [(key, _counted(key, value, counted)) for key, value in node.value]
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _counted(key: yaml.Node, value: yaml.Node, counted: frozenset[str]) -> yaml.Node:
    if not isinstance(key, yaml.ScalarNode) or key.value not in counted:
        return value
    size = len(value.value) if isinstance(value, yaml.SequenceNode) else 0
    return yaml.ScalarNode("tag:yaml.org,2002:int", str(size))


def _loader(source: str) -> type[Any]:
    """libyaml's C loader (ten times faster) when the text cannot hold an anchor or alias
    (both need `&` or `*`) nor nest deeper than _MAX_DEPTH (libyaml recurses in C and
    crashes the process on deep `[[[…`); otherwise the Python loader that refuses both."""
    fast: type[Any] | None = getattr(yaml, "CSafeLoader", None)
    if fast is None or "&" in source or "*" in source:
        return _NoAliasLoader
    if source.count("[") + source.count("{") >= _MAX_DEPTH:
        return _NoAliasLoader
    return fast


class _NoAliasLoader(yaml.SafeLoader):
    """SafeLoader that refuses anchors and aliases, so an alias bomb cannot expand, and
    nesting deeper than any front matter needs, which would exhaust Python's recursion."""

    depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            self._refuse("aliases are not allowed in front matter")
        if self.depth >= _MAX_DEPTH:
            self._refuse(f"nested more than {_MAX_DEPTH} levels deep")
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def _refuse(self, problem: str) -> None:
        mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]  # PyYAML is untyped
        raise yaml.composer.ComposerError(None, None, problem, mark)


def dump_front_matter(fields: dict[str, Any], body: str) -> str:
    """`---`-fenced YAML (keys in the given order) followed by the body."""
    yaml_text = yaml.dump(
        fields, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, indent=2
    )
    return f"---\n{yaml_text}---\n\n{body}"
