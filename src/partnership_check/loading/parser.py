"""The one safe parser for banks and answer files (YAML, or JSON by suffix).

Loading is built for the happy path: plain data is built straight from the events of
libyaml's C parser (when present), in one pass, with no node tree and no location
bookkeeping, so time and memory grow only with the size of the file. Only when a file has
a problem is it read again (:mod:`.locations`) so errors can name the line and column.

Safety: size limit, no NUL bytes, strict UTF-8 and no escapes of half characters (lone
surrogates), nesting depth capped as the events come (nothing recurses), no anchors or
aliases, used or not (so no alias bombs), no tags that build objects, duplicate keys refused.
Scalars resolve the YAML 1.2 way for booleans and null only; everything else stays text as
written (``yes``, ``1.0``, ``2026-11-25``), and pydantic turns text into numbers or dates
where a model asks for them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from itertools import accumulate
from pathlib import Path
from typing import Any

import yaml

from ..errors import InputError, Problem
from .hand_edit_hints import json_message, yaml_mark, yaml_message
from .lone_surrogates import surrogate_problems
from .text_files import is_json, read_text

MAX_DEPTH = 64

_Parser: type[yaml.SafeLoader]
try:
    _Parser = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - libyaml missing
    _Parser = yaml.SafeLoader

_STR, _BOOL, _NULL = (f"tag:yaml.org,2002:{kind}" for kind in ("str", "bool", "null"))
_MAP, _SEQ = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_UNTAGGED = (None, "!")  # no tag, or the non-specific "!": resolved by the kind of scalar
# YAML 1.2 core schema, booleans and null only: "yes", "1.0" and dates stay text.
_WORDS: dict[str, bool | None] = {
    **dict.fromkeys(("true", "True", "TRUE"), True),
    **dict.fromkeys(("false", "False", "FALSE"), False),
    **dict.fromkeys(("~", "null", "Null", "NULL", ""), None),
}
_SCALAR, _ALIAS = yaml.ScalarEvent, yaml.AliasEvent
_SEQ_START = yaml.SequenceStartEvent
_MAP_END, _SEQ_END = yaml.MappingEndEvent, yaml.SequenceEndEvent
_WANT_KEY: Any = object()  # a mapping waiting for its next key
_IN_LIST: Any = object()  # a list, which takes every value as it comes


def _load(text: str) -> Any:
    """Plain data (str, bool, None, list, dict) from the text's parser events, or None for a
    stream without a document. Raises yaml errors, with the place, for what it refuses."""
    parser = _Parser(text)
    get: Callable[[], Any] = parser.get_event
    try:
        get()  # the stream starts
        start = get()
        if isinstance(start, yaml.StreamEndEvent):
            return None
        data = _document(get)
        get()  # the document ends
        after = get()
        if not isinstance(after, yaml.StreamEndEvent):
            raise yaml.composer.ComposerError(
                "expected a single document in the stream",
                start.start_mark,
                "but found another document",
                after.start_mark,
            )
        return data
    finally:
        parser.dispose()


def _document(get: Callable[[], Any]) -> Any:
    """The document's root value, built as its events come, with no recursion.

    ``data`` is the mapping or list being filled and ``key`` what it waits for: the next
    key (``_WANT_KEY``), the key's value (the key itself), or any value (``_IN_LIST``);
    the mappings and lists it is inside wait on ``outer`` with their keys. This loop is
    most of the time a large file takes, so the common case (plain text) is inline.
    """
    outer: list[tuple[Any, Any]] = []
    data: Any = None
    key: Any = None
    while True:
        event = get()
        kind = event.__class__
        if kind is _MAP_END or kind is _SEQ_END:
            if not outer:
                return data
            value = data
            data, key = outer.pop()
        elif kind is _ALIAS or event.anchor is not None:
            # An anchor is refused where it is written, used or not (an alias without an
            # anchor before it, too), so nothing is ever expanded.
            raise _refusal(_anchor_message(event.anchor, kind is _ALIAS), event.start_mark)
        elif kind is _SCALAR:
            untagged = event.tag in _UNTAGGED
            if key is _WANT_KEY:
                key = event.value if untagged and event.value not in data else _key(event, data)
                continue
            value = event.value if untagged else _scalar(event)
            if untagged and event.implicit[0]:
                value = _WORDS.get(value, value)
        else:  # a mapping or a list starts
            if key is _WANT_KEY:
                _key(event, data)  # refuses it: a key must be plain text
            if data is not None:
                if len(outer) + 1 >= MAX_DEPTH:
                    raise _TooDeep(event.start_mark)
                outer.append((data, key))
            data = _collection(event)
            key = _IN_LIST if kind is _SEQ_START else _WANT_KEY
            continue
        if data is None:
            return value  # the document is one scalar
        if key is _IN_LIST:
            data.append(value)
        else:
            data[key] = value
            key = _WANT_KEY


def _scalar(event: Any) -> Any:
    tag = event.tag
    if tag in _UNTAGGED:
        value = event.value
        return _WORDS.get(value, value) if event.implicit[0] else value
    if tag == _STR:
        return event.value
    if tag == _BOOL:
        return str(event.value).lower() == "true"
    if tag == _NULL:
        return None
    raise _refusal(f"the tag {tag} is not allowed; remove it", event.start_mark)


def _key(event: Any, mapping: dict[str, Any]) -> str:
    """A mapping's key: always its text as written ("true" and "null" stay text)."""
    if event.__class__ is not _SCALAR:
        raise _refusal("a key must be plain text, not a list or mapping", event.start_mark)
    tag = event.tag
    if tag not in _UNTAGGED and tag not in (_STR, _BOOL, _NULL):
        raise _refusal(f"the tag {tag} is not allowed; remove it", event.start_mark)
    key: str = event.value
    if key in mapping:
        raise _refusal(
            f"duplicate key {key!r}: each key may appear only once in a mapping",
            event.start_mark,
        )
    return key


def _collection(event: Any) -> dict[str, Any] | list[Any]:
    tag = event.tag
    is_list = event.__class__ is _SEQ_START
    if tag in _UNTAGGED or tag == (_SEQ if is_list else _MAP):
        return [] if is_list else {}
    if tag in (_MAP, _SEQ):
        kind = "list" if is_list else "mapping"
        raise _refusal(f"the tag {tag} is not allowed on a {kind}; remove it", event.start_mark)
    raise _refusal(f"the tag {tag} is not allowed; remove it", event.start_mark)


def _anchor_message(name: str | None, alias: bool) -> str:
    """What to do about an anchor (``&x``) or an alias (``*x``): an anchor no alias uses
    only needs removing."""
    shown = name if name and len(name) <= 40 else "x"
    if alias:
        return (
            "anchors and aliases (& and *) are not supported; write out in full the value"
            f" *{shown} stands for"
        )
    return (
        f"anchors and aliases (& and *) are not supported; remove &{shown}, and write out in"
        f" full any value *{shown} stands for"
    )


def _refusal(message: str, mark: Any) -> yaml.constructor.ConstructorError:
    return yaml.constructor.ConstructorError(None, None, message, mark)


class _TooDeep(Exception):
    """Nesting went past MAX_DEPTH at ``mark``."""

    def __init__(self, mark: Any) -> None:
        super().__init__(mark)
        self.mark = mark


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
    try:
        return _load(text)
    except _TooDeep as err:
        raise InputError([_too_deep_problem(name, err.mark)]) from None
    except yaml.MarkedYAMLError as err:
        mark = yaml_mark(err)
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        message = _too_deep_message() if _too_deep(err) else yaml_message(err, text)
        raise InputError.single(name, _rule_for(err), message, line, column) from None
    except yaml.YAMLError as err:
        raise InputError.single(name, "yaml-syntax", f"not valid YAML: {err}") from None


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
            name, "json-syntax", json_message(err), err.lineno, err.colno
        ) from None


# A JSON string, or one left open at the end of the text, brackets in it being text.
_JSON_STRING = re.compile(r'"[^"\\]*(?:\\[\s\S][^"\\]*)*(?:"|\\?\Z)')
_NOT_BRACKETS = re.compile(r"[^\[\]{}]+")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def _json_depth(text: str) -> int:
    """How deep the brackets outside strings nest, worked out by regular expressions and
    :func:`itertools.accumulate` rather than a loop over every character."""
    brackets = _NOT_BRACKETS.sub("", _JSON_STRING.sub("", text))
    return max(0, max(accumulate(map(_STEP.__getitem__, brackets)), default=0))
