"""What a person editing YAML by hand most likely did wrong, in place of libyaml's terse
messages ("did not find expected key")."""

from __future__ import annotations

import json
import re

import yaml

# A value opened with a quote a word processor or mail program typed: to YAML it is text.
_OPENING_QUOTES = "\u201c\u201e\u2018\u201a"
_TYPOGRAPHIC_QUOTES = re.compile(rf"(?:^|:\s|-\s|\[|,)\s*[{_OPENING_QUOTES}]")


def yaml_message(err: yaml.MarkedYAMLError, text: str) -> str:
    """The message for a YAML syntax error, saying what to do about it."""
    problem = err.problem or "not valid YAML"
    if "'\\t'" in problem or "\\t" in problem or _tab_indent(err.problem_mark, text):
        return "a tab character is used for indentation; YAML needs spaces"
    if problem.startswith(("mapping values are not allowed", "did not find expected key")):
        hint = _hand_edit_hint(err.problem_mark, text)
        if hint is not None:
            return hint
    if problem.startswith("did not find expected '-' indicator") and err.context_mark:
        return _list_indent_hint(err.problem_mark, err.context_mark.column, text)
    closing = re.match(r"did not find expected ',' or '([\]}])'", problem)
    if closing and err.context_mark:
        opening = "[" if closing[1] == "]" else "{"
        return (
            f"the {opening} opened on line {err.context_mark.line + 1} is not closed before"
            f" this; separate its items with commas and end them with {closing[1]}"
        )
    if problem.startswith("found unexpected ':'"):
        return (
            "a ':' is not followed by a space; write key: value with a space after the colon,"
            " and put text that holds ':' in quotes"
        )
    if problem.startswith("mapping values are not allowed"):
        return "a value contains ': '; put the whole text in quotes (\"...\") to keep it as text"
    opened = err.context_mark
    if "quoted scalar" in (err.context or "") and "end of stream" in problem and opened:
        return f"the quote opened on line {opened.line + 1} is never closed; add the closing quote"
    hint = _scanner_hint(err, problem, text)
    if hint is not None:
        return hint
    context = f"{err.context}, " if err.context and "duplicate" not in problem else ""
    return f"{context}{problem}"


def typographic_quotes_message(language: str) -> str:
    """For text in the quotes a word processor types, which YAML and JSON do not read as
    quotes: what to type instead."""
    return (
        "the text is in typographic quotes (\u201c \u201d or \u2018 \u2019, as a word"
        f" processor types them), which {language} does not read as quotes; type them again"
        ' as straight quotes ("...")'
    )


def json_message(err: json.JSONDecodeError) -> str:
    """The message for a JSON syntax error, naming typographic quotes where they are."""
    if err.doc[err.pos : err.pos + 1] in _OPENING_QUOTES:
        return typographic_quotes_message("JSON")
    return f"not valid JSON: {err.msg}"


def yaml_mark(err: yaml.MarkedYAMLError) -> yaml.Mark | None:
    """Where to point for a YAML syntax error: libyaml finds a missing ':' only on the line
    after, so that one points at the line that lacks it."""
    if (err.problem or "").startswith("could not find expected ':'") and err.context_mark:
        return err.context_mark
    return err.problem_mark or err.context_mark


def _scanner_hint(err: yaml.MarkedYAMLError, problem: str, text: str) -> str | None:
    """The rest of libyaml's messages a person editing by hand can meet, in plain words;
    None for one that is none of these."""
    context = err.context or ""
    if problem.startswith("could not find expected ':'"):
        return "this line has no ':' after its key; write it as key: value"
    if "quoted scalar" in context and ("escape" in problem or "hexdecimal" in problem):
        return (
            "a backslash inside double quotes starts an escape such as \\n; write a backslash"
            " itself as two (\\\\), or put the text in single quotes ('...') instead"
        )
    if problem.startswith("block sequence entries are not allowed"):
        return (
            "a list cannot start on the line of its key; put each '- ' item on a line of its"
            " own below the key, or put text that starts with '-' in quotes"
        )
    expected_key = problem.startswith("did not find expected key")
    if expected_key and _starts_list_item(err.problem_mark, text):
        return (
            "a list item stands where a key belongs; write the key it belongs to (key:) on the"
            " line above, with the items indented below it, or line it up with its list"
        )
    if expected_key:
        return (
            "a key was expected here; write this line as key: value, lined up with the keys above"
        )
    if "block scalar" in context:
        return "text that starts with '|' or '>' must be in quotes; put the whole text in quotes"
    if problem.startswith(("found character that cannot start", "did not find expected node")):
        first = _character_at(err.problem_mark, text)
        return f"text cannot start with '{first}'; put the whole text in quotes (\"...\")"
    if "anchor" in context or "alias" in context:
        return "text that starts with '&' or '*' must be in quotes; put the whole text in quotes"
    if "single document" in context or "<document start>" in problem:
        return (
            "a line of '---' or '...' ends a document, and a file holds only one; remove that line"
        )
    return None


def _starts_list_item(mark: yaml.Mark | None, text: str) -> bool:
    lines = text.split("\n")
    return mark is not None and mark.line < len(lines) and lines[mark.line].lstrip().startswith("-")


def _character_at(mark: yaml.Mark | None, text: str) -> str:
    lines = text.split("\n")
    if mark is None or mark.line >= len(lines) or mark.column >= len(lines[mark.line]):
        return "this character"
    return lines[mark.line][mark.column]


def _hand_edit_hint(mark: yaml.Mark | None, text: str) -> str | None:
    """What a person editing the file by hand most likely did, from the line libyaml
    stopped at and the one above it; None when it is none of these."""
    if mark is None:
        return None
    lines = text.split("\n")
    if mark.line >= len(lines):
        return None
    line = lines[mark.line]
    before = line[: mark.column]
    if _TYPOGRAPHIC_QUOTES.search(before):
        return typographic_quotes_message("YAML")
    quoted = re.search(r"([\"']) *$", before)
    if quoted and before.strip()[:1] not in "\"'":
        value = before.split(": ", 1)[-1]
        if value.count(quoted[1]) % 2:  # this quote closes one opened on an earlier line
            return (
                "a quote closes here that was opened on an earlier line; look above for a"
                " quote that is never closed"
            )
        return "text follows a closing quote; put the whole text inside the quotes"
    above = next(
        (a for a in reversed(lines[: mark.line]) if a.strip() and not a.lstrip().startswith("#")),
        None,
    )
    if above is None or ": " in before:
        return None  # a ': ' inside a value, which the caller says how to fix
    is_key = re.match(r"\s*[^\s#:'\"][^:#]*:(?:\s|$)", line) is not None
    if not is_key and ": " in above and above.rstrip().endswith(("'", '"')):
        return (
            "text follows a closing quote on the line above; put the whole text inside the quotes"
        )
    indent, above_indent = _indent(line), _indent(above)
    items = line.lstrip(" ").startswith("- ") and above.lstrip(" ").startswith("- ")
    if items and indent != above_indent:
        return (
            f"this list item is indented {_spaces(indent)} but the items before it"
            f" {_spaces(above_indent)}; the items of a list must line up exactly"
        )
    if is_key and indent != above_indent and not above.rstrip().endswith(":"):
        return (
            f"this line is indented {_spaces(indent)} but the line above {_spaces(above_indent)};"
            " keys at the same level must line up exactly"
        )
    if indent == above_indent and re.match(r"\s*[^\s:#'\"][^:#]*:[^\s:]", above):
        return "the line above has no space after its ':'; write it as key: value"
    return None


def _list_indent_hint(mark: yaml.Mark | None, dash: int, text: str) -> str:
    """A line inside a list that lines up with neither its items (their '-' at ``dash``)
    nor the keys inside the item above."""
    lines = text.split("\n")
    line = lines[mark.line] if mark is not None and mark.line < len(lines) else ""
    indent = _indent(line)
    if line.lstrip(" ").startswith("-"):
        return (
            f"this list item is indented {_spaces(indent)} but the items before it"
            f" {_spaces(dash)}; the items of a list must line up exactly"
        )
    return (
        f"this line is indented {_spaces(indent)} but the keys of the list item above"
        f" {_spaces(dash + 2)}; keys at the same level must line up exactly"
    )


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _spaces(count: int) -> str:
    return f"{count} space" + ("" if count == 1 else "s")


def _tab_indent(mark: yaml.Mark | None, text: str) -> bool:
    """libyaml only says "cannot start any token"; see whether a tab indents that line."""
    if mark is None:
        return False
    lines = text.split("\n")
    if mark.line >= len(lines):
        return False
    indent = lines[mark.line][: mark.column + 1]
    return "\t" in indent and not indent.strip()
