"""The one safe parser for banks and answer files (YAML, or JSON by suffix).

Loading is built for the happy path: libyaml's C parser when present, no location
bookkeeping. Only when a file has a problem is it composed again with node marks
(:func:`locate`) so errors can name the line and column.

Safety: size limit, no NUL bytes, strict UTF-8 and no escapes of half characters (lone
surrogates), nesting depth capped before the recursive composer runs, no anchors/aliases
(so no alias bombs), no tags that build objects, duplicate keys refused. Scalars resolve
the YAML 1.2 way for booleans and null only; everything else stays text as written
(``yes``, ``1.0``, ``2026-11-25``), and pydantic turns text into numbers or dates where a
model asks for them.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..errors import InputError, Problem
from .hand_edit_hints import yaml_message
from .lone_surrogates import surrogate_problems
from .text_files import is_json, read_text

MAX_DEPTH = 64

_BaseLoader: type[yaml.SafeLoader]
try:
    _BaseLoader = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - libyaml missing
    _BaseLoader = yaml.SafeLoader


_PLAIN = "plain"  # an untagged plain scalar: may be a boolean or null
_TEXT = "text"  # an untagged quoted or block scalar: always text
_COLLECTION = "collection"  # an untagged mapping or sequence
_STR, _BOOL, _NULL = (f"tag:yaml.org,2002:{kind}" for kind in ("str", "bool", "null"))
_MAP, _SEQ = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_SCALAR, _SEQUENCE = yaml.ScalarNode, yaml.SequenceNode
# YAML 1.2 core schema, booleans and null only: "yes", "1.0" and dates stay text.
_WORDS: dict[str, bool | None] = {
    **dict.fromkeys(("true", "True", "TRUE"), True),
    **dict.fromkeys(("false", "False", "FALSE"), False),
    **dict.fromkeys(("~", "null", "Null", "NULL", ""), None),
}


class _Composer(_BaseLoader):  # type: ignore[valid-type,misc]
    """libyaml's parser and composer, with PyYAML's regex resolver replaced by a mark of
    what kind of untagged node it is: :func:`_build` turns the nodes into plain data."""

    @staticmethod
    def resolve(kind: type[yaml.Node], value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode:
            return _PLAIN if implicit[0] else _TEXT
        return _COLLECTION


def _compose(text: str) -> yaml.Node | None:
    composer = _Composer(text)
    try:
        node: yaml.Node | None = composer.get_single_node()
        return node
    finally:
        composer.dispose()


def _build(node: yaml.Node, seen: set[int] | None) -> Any:
    """Plain data (str, bool, None, list, dict) from a composed node.

    Refuses tags that would build anything else, non-text keys and duplicate keys. With
    ``seen`` (the text has a ``*``), a node met twice is an alias: refused, so no alias
    bomb ever expands. Recursion is bounded: nesting is capped before composing.
    """
    if seen is not None:
        if id(node) in seen:
            raise _refusal(
                "anchors and aliases (& and *) are not supported; write the value out in full",
                node,
            )
        seen.add(id(node))
    tag = node.tag
    if node.__class__ is _SCALAR:
        if tag is _PLAIN:
            value = node.value
            return _WORDS.get(value, value)
        if tag is _TEXT or tag == _STR:
            return node.value
        if tag == _BOOL:
            return str(node.value).lower() == "true"
        if tag == _NULL:
            return None
    elif tag is _COLLECTION or tag in (_MAP, _SEQ):
        if node.__class__ is _SEQUENCE:
            if tag == _MAP:
                raise _refusal(f"the tag {tag} is not allowed on a list; remove it", node)
            return [_build(child, seen) for child in node.value]
        if tag == _SEQ:
            raise _refusal(f"the tag {tag} is not allowed on a mapping; remove it", node)
        data: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.__class__ is not _SCALAR:
                raise _refusal("a key must be plain text, not a list or mapping", key_node)
            if seen is None and (key_node.tag is _PLAIN or key_node.tag is _TEXT):
                key = key_node.value  # the usual key; "true" or "null" stays text as a key
            else:
                key = _build(key_node, seen)
                if not isinstance(key, str):
                    key = str(key_node.value)
            if key in data:
                raise _refusal(
                    f"duplicate key {key!r}: each key may appear only once in a mapping", key_node
                )
            data[key] = _build(value_node, seen)
        return data
    raise _refusal(f"the tag {tag} is not allowed; remove it", node)


def _refusal(message: str, node: yaml.Node) -> yaml.constructor.ConstructorError:
    return yaml.constructor.ConstructorError(None, None, message, node.start_mark)


# Possessive (*+): a backtracking repeat keeps a restore point per character, which took
# over 600 MB on a 5 MB line of "- - - ...".
_PREFIX = re.compile(r"^(?:[ \t\-?:]|[&!]\S*)*+", re.MULTILINE)


def _maybe_too_deep(text: str) -> bool:
    """A cheap upper bound on nesting; true means "check properly"."""
    flow = text.count("[") + text.count("{")
    if flow > MAX_DEPTH:
        return True
    if "&" not in text and "!" not in text:
        # Then a prefix is a plain run of those characters: look only for one long enough.
        first, later = _long_prefix(MAX_DEPTH - flow)
        return first.match(text) is not None or later.search(text) is not None
    block = max((len(m) for m in _PREFIX.findall(text)), default=0)
    return flow + block + 1 > MAX_DEPTH  # + 1: a block mapping at the root has no prefix


@lru_cache(maxsize=MAX_DEPTH + 1)
def _long_prefix(length: int) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """``length`` or more prefix characters starting the first line, or a later one (found
    from its newline, a literal the regex engine scans for quickly, unlike ``^``)."""
    run = rf"[ \t\-?:]{{{length},}}"
    return re.compile(run), re.compile(rf"\n{run}")


def _nesting_problem(path: str, text: str) -> Problem | None:
    """Walks parser events (iterative in libyaml) and stops at the first level too deep."""
    depth = 0
    starts = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
    ends = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
    try:
        for event in yaml.parse(text, Loader=_BaseLoader):
            if isinstance(event, starts):
                depth += 1
                if depth > MAX_DEPTH:
                    return _too_deep_problem(path, event.start_mark)
            elif isinstance(event, ends):
                depth -= 1
    except yaml.MarkedYAMLError as err:
        if _too_deep(err):  # newer libyaml stops deep nesting itself, before our count does
            return _too_deep_problem(path, err.problem_mark)
        return None  # the real load reports the syntax error with its location
    except yaml.YAMLError:
        return None
    return None


def _too_deep_problem(path: str, mark: Any) -> Problem:
    """``mark`` is a libyaml or pure-Python position, or None."""
    return Problem(
        path=path,
        line=mark.line + 1 if mark else None,
        column=mark.column + 1 if mark else None,
        rule="yaml-too-deep",
        message=_too_deep_message(),
    )


def _too_deep_message() -> str:
    return f"nesting is deeper than {MAX_DEPTH} levels; flatten the file"


def _too_deep(err: yaml.MarkedYAMLError) -> bool:
    return "maximum nesting depth" in (err.problem or "")


def load_path(path: Path) -> Any:
    """Reads and parses one file; JSON when the suffix says so, YAML otherwise."""
    return parse_text(str(path), read_text(path), is_json=is_json(path))


def parse_text(name: str, text: str, *, is_json: bool = False) -> Any:
    """Parses text to plain data (str, bool, None, list, dict) or raises InputError."""
    if not text.strip():
        raise InputError.single(name, "file-empty", "file is empty")
    data = _parse_json(name, text) if is_json else _parse_yaml(name, text)
    surrogates = surrogate_problems(name, text, data, is_json=is_json)
    if surrogates:
        raise InputError(surrogates)
    if data is None:
        raise InputError.single(name, "file-empty", "file has no content, only comments")
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        raise InputError.single(
            name,
            "top-level-not-mapping",
            f"the file holds {kind}; it must be a mapping of keys to values",
            1,
            1,
        )
    return data


def _parse_yaml(name: str, text: str) -> Any:
    if _maybe_too_deep(text):
        problem = _nesting_problem(name, text)
        if problem is not None:
            raise InputError([problem])
    try:
        node = _compose(text)
        return None if node is None else _build(node, set() if "*" in text else None)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        message = _too_deep_message() if _too_deep(err) else yaml_message(err, text)
        raise InputError.single(name, _rule_for(err), message, line, column) from None
    except yaml.YAMLError as err:
        raise InputError.single(name, "yaml-syntax", f"not valid YAML: {err}") from None
    except RecursionError:
        raise InputError.single(
            name, "yaml-too-deep", f"nesting is deeper than {MAX_DEPTH} levels"
        ) from None


def _rule_for(err: yaml.MarkedYAMLError) -> str:
    problem = err.problem or ""
    if "duplicate key" in problem:
        return "duplicate-key"
    if _too_deep(err):
        return "yaml-too-deep"
    if "anchors and aliases" in problem:
        return "yaml-alias"
    if "tag" in problem and "not allowed" in problem:
        return "yaml-tag"
    return "yaml-syntax"


def _parse_json(name: str, text: str) -> Any:
    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for key, value in pairs:
            if key in data:
                raise InputError.single(
                    name, "duplicate-key", f"duplicate key {key!r}: each key may appear only once"
                )
            data[key] = value
        return data

    if text.count("[") + text.count("{") > MAX_DEPTH and _json_depth(text) > MAX_DEPTH:
        raise InputError.single(name, "yaml-too-deep", _too_deep_message())
    try:
        return json.loads(
            text,
            object_pairs_hook=no_duplicates,
            parse_int=str,
            parse_float=str,
            parse_constant=str,
        )
    except json.JSONDecodeError as err:
        raise InputError.single(
            name, "json-syntax", f"not valid JSON: {err.msg}", err.lineno, err.colno
        ) from None


def _json_depth(text: str) -> int:
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest
