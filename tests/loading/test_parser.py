"""The safe loader: bad input gives one located problem, never a traceback, hang or blow-up."""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, Field, ValidationError

from partnership_check.answers.model import AnswerFile
from partnership_check.errors import InputError
from partnership_check.loading.locations import validation_problems
from partnership_check.loading.parser import MAX_DEPTH, _json_depth, load_path, parse_text
from partnership_check.loading.text_files import MAX_BYTES, read_text


def problem_of(text: str, name: str = "f.yaml") -> tuple[str, int | None, int | None, str]:
    with pytest.raises(InputError) as caught:
        parse_text(name, text)
    [problem] = caught.value.problems
    assert problem.path == name
    return problem.rule, problem.line, problem.column, problem.message


def test_scalars_stay_text_except_booleans_and_null() -> None:
    data = parse_text(
        "f.yaml",
        "a: yes\nb: no\nc: on\nd: off\ne: 1.0\nf: 2026-11-25\ng: 0x1F\nh: 1e3\n"
        "i: true\nj: False\nk: ~\nl:\nm: null\nn: '1.0'\no: 007\n",
    )
    assert data == {
        "a": "yes",
        "b": "no",
        "c": "on",
        "d": "off",
        "e": "1.0",
        "f": "2026-11-25",
        "g": "0x1F",
        "h": "1e3",
        "i": True,
        "j": False,
        "k": None,
        "l": None,
        "m": None,
        "n": "1.0",
        "o": "007",
    }


def test_answer_yes_and_bank_version_1_0_stay_as_written() -> None:
    text = (
        "bank: mini\nbank_version: 1.0\nassessed_on: 2026-11-25\n"
        "answers:\n  willing.motivation:\n    answer: yes\n    note: on\n  context.kind: no\n"
    )
    answers = AnswerFile.model_validate(parse_text("a.yaml", text))
    assert answers.bank_version == "1.0"
    entries = answers.entries()
    assert entries["willing.motivation"].value == "yes"
    assert entries["willing.motivation"].note == "on"
    assert entries["context.kind"].value == "no"


def test_empty_and_comment_only_files() -> None:
    assert problem_of("")[:2] == ("file-empty", None)
    assert problem_of("  \n\n")[:2] == ("file-empty", None)
    assert problem_of("# only a comment\n")[0] == "file-empty"


def test_syntax_error_names_line_and_column() -> None:
    rule, line, column, _message = problem_of("id: x\nlist: [a, b\nnext: 1\n")
    assert (rule, line) == ("yaml-syntax", 3)
    assert column is not None


def test_tab_indentation_is_named() -> None:
    assert problem_of("id: x\nsections:\n\t- a\n") == (
        "yaml-syntax",
        3,
        1,
        "a tab character is used for indentation; YAML needs spaces",
    )


@pytest.mark.parametrize(
    ("text", "kind"), [("- a\n- b\n", "a list"), ("just words\n", "a single value"), ("3\n", "")]
)
def test_top_level_must_be_a_mapping(text: str, kind: str) -> None:
    rule, line, _column, message = problem_of(text)
    assert (rule, line) == ("top-level-not-mapping", 1)
    assert kind in message


def test_non_utf8_bytes_are_located(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("id: x\ntitle: Caf\u00e9\n".encode("latin-1"))
    with pytest.raises(InputError) as caught:
        read_text(path)
    [problem] = caught.value.problems
    assert (problem.rule, problem.line, problem.column) == ("file-encoding", 2, 11)


def test_binary_data_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "picture.yaml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(InputError) as caught:
        read_text(path)
    assert caught.value.problems[0].rule == "file-binary"


def test_a_byte_order_mark_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfid: x\n")
    assert load_path(path) == {"id": "x"}


def test_file_above_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: b\n" * (MAX_BYTES // 5) + b"c: d\n")
    with pytest.raises(InputError) as caught:
        read_text(path)
    [problem] = caught.value.problems
    assert problem.rule == "file-too-large"
    assert "5,242,880" in problem.message


BILLION_LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{b}: &{b} [{', '.join(['*' + a] * 9)}]\n"
    for a, b in zip("abcdefghi", "bcdefghij", strict=True)
)


def test_alias_bomb_is_refused_not_expanded() -> None:
    rule, line, _column, message = problem_of(BILLION_LAUGHS)
    assert (rule, line) == ("yaml-alias", 1)
    assert "anchors and aliases" in message


def test_a_single_harmless_alias_is_refused_too() -> None:
    assert problem_of("a: &x hello\nb: *x\n")[0] == "yaml-alias"


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("a: &x hello\nb: world\n", (1, 4)),
        ("a:\n  - &first {id: one}\n  - {id: two}\n", (2, 5)),
        ("&key a: hello\n", (1, 1)),
    ],
)
def test_an_anchor_never_used_is_refused_where_it_is_written(
    text: str, place: tuple[int, int]
) -> None:
    rule, line, column, message = problem_of(text)
    assert (rule, (line, column)) == ("yaml-alias", place)
    name = text.split("&", 1)[1].split()[0]
    assert message == (
        f"anchors and aliases (& and *) are not supported; remove &{name}, and write out in"
        f" full any value *{name} stands for"
    )


def test_an_alias_says_to_write_out_what_it_stands_for() -> None:
    assert problem_of("a: hello\nb: *x\n")[1:] == (
        2,
        4,
        "anchors and aliases (& and *) are not supported; write out in full the value *x"
        " stands for",
    )


def test_python_object_tags_are_never_constructed(tmp_path: Path) -> None:
    marker = tmp_path / "constructed"
    text = f'id: !!python/object/apply:os.system ["touch {marker}"]\n'
    rule, line, column, _message = problem_of(text)
    assert (rule, line, column) == ("yaml-tag", 1, 5)
    assert not marker.exists()


@pytest.mark.parametrize("tag", ["!custom", "!!binary", "!!int", "!!python/name:os.system"])
def test_other_tags_are_refused(tag: str) -> None:
    assert problem_of(f"id: {tag} 3\n")[0] == "yaml-tag"


@pytest.mark.parametrize(
    ("text", "column"),
    [("id: !!map [a, b]\n", 5), ("id: !!seq {a: b}\n", 5), ("id: !!str [a]\n", 5)],
)
def test_a_collection_tag_on_the_wrong_kind_of_node_is_refused(text: str, column: int) -> None:
    assert problem_of(text)[:3] == ("yaml-tag", 1, column)


def test_standard_tags_and_quotes_keep_their_meaning() -> None:
    text = "a: !!str true\nb: 'null'\nc: !!bool true\nd: !!null x\nf: !!map {g: h}\n"
    assert parse_text("f.yaml", text) == {
        "a": "true",
        "b": "null",
        "c": True,
        "d": None,
        "f": {"g": "h"},
    }


def test_duplicate_keys_are_refused_where_they_repeat() -> None:
    rule, line, column, message = problem_of("id: a\nsections:\n  - id: s\n    id: t\n")
    assert (rule, line, column) == ("duplicate-key", 4, 5)
    assert "'id'" in message


def test_duplicate_keys_in_json_too() -> None:
    with pytest.raises(InputError) as caught:
        parse_text("f.json", '{"id": 1, "id": 2}', is_json=True)
    assert caught.value.problems[0].rule == "duplicate-key"


DEEP = 100_000


@pytest.mark.parametrize(
    "text",
    [
        "a: " + "[" * DEEP + "]" * DEEP + "\n",
        "a: " + "{b: " * DEEP + "c" + "}" * DEEP + "\n",
        "a:\n" + "- " * DEEP + "x\n",
        "a:\n" + "".join("  " * i + "- \n" for i in range(3)) + "- " * DEEP + "x\n",
        "".join(" " * i + "k:\n" for i in range(2_000)) + " " * 2_000 + "x\n",
    ],
    ids=["flow-lists", "flow-maps", "compact-block", "block-then-compact", "indented-maps"],
)
def test_deep_nesting_is_refused_before_the_composer_runs(text: str) -> None:
    rule, line, _column, message = problem_of(text)
    assert rule == "yaml-too-deep"
    assert line is not None
    assert str(MAX_DEPTH) in message


def test_nesting_at_the_limit_still_loads() -> None:
    text = "a: " + "[" * (MAX_DEPTH - 1) + "x" + "]" * (MAX_DEPTH - 1) + "\n"
    data: Any = parse_text("f.yaml", text)
    for _ in range(MAX_DEPTH):
        data = data["a"] if isinstance(data, dict) else data[0]
    assert data == "x"
    assert problem_of(text.replace("x", "[x]"))[0] == "yaml-too-deep"


def _limit_memory() -> None:
    limit = 400 * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


@pytest.mark.parametrize(
    "line", ["- " * 2_600_000 + "x", "[" * 2_600_000 + "]" * 2_600_000], ids=["block", "flow"]
)
def test_a_deep_file_at_the_size_limit_stays_small_in_memory(tmp_path: Path, line: str) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text(line[: MAX_BYTES - 10] + "\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "partnership_check", "validate", str(path)],
        capture_output=True,
        text=True,
        preexec_fn=_limit_memory,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    assert "[yaml-too-deep]" in done.stdout
    assert done.stderr == ""


class _Pair(BaseModel):
    items: tuple[int, ...] = Field(min_length=1)


def test_pydantic_too_short_noise_on_the_parent_is_dropped() -> None:
    text = "items:\n  - x\n"
    with pytest.raises(ValidationError) as caught:
        _Pair.model_validate(parse_text("f.yaml", text))
    problems = validation_problems("f.yaml", text, caught.value)
    assert [(p.line, p.message.split(":")[0]) for p in problems] == [(2, "items.0")]


def test_too_short_on_its_own_is_kept() -> None:
    text = "items: []\n"
    with pytest.raises(ValidationError) as caught:
        _Pair.model_validate(parse_text("f.yaml", text))
    [problem] = validation_problems("f.yaml", text, caught.value)
    assert problem.line == 1
    assert "at least 1 item" in problem.message


FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.text(max_size=300))
def test_arbitrary_text_raises_nothing_but_input_error(text: str) -> None:
    try:
        parse_text("f.yaml", text)
    except InputError as err:
        assert err.problems


@FAST
@given(st.text(alphabet="-[]{}:,&*!?|>'\"#% \n\tabc01", max_size=200))
def test_yaml_punctuation_raises_nothing_but_input_error(text: str) -> None:
    try:
        parse_text("f.yaml", text)
    except InputError as err:
        assert err.problems


scalars = st.one_of(st.text(max_size=20), st.booleans(), st.none())
documents = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=25,
)


@FAST
@given(documents)
def test_yaml_shaped_documents_round_trip_or_give_input_error(document: Any) -> None:
    text = yaml.safe_dump(document)  # escaped: unquoted NEL and friends do not round-trip
    try:
        data = parse_text("f.yaml", text)
    except InputError as err:
        assert not isinstance(document, dict) or document == {}, err.problems
        return
    assert data == document


def test_unquoted_colon_in_text_says_to_quote_it() -> None:
    text = "answers:\n  a.b:\n    note: Chair rotates: agreed at the group\n"
    with pytest.raises(InputError) as caught:
        parse_text("f.yaml", text)
    [problem] = caught.value.problems
    assert (problem.line, problem.rule) == (3, "yaml-syntax")
    assert "put the whole text in quotes" in problem.message


_HEAD = "answers:\n  a.b: fully\n"


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            _HEAD + "   a.c: fully\n",
            3,
            "this line is indented 3 spaces but the line above 2 spaces; keys at the same "
            "level must line up exactly",
        ),
        (
            _HEAD + " a.c: fully\n",
            3,
            "this line is indented 1 space but the line above 2 spaces; keys at the same "
            "level must line up exactly",
        ),
        (
            "answers:\n  a.b:fully\n  a.c: fully\n",
            3,
            "the line above has no space after its ':'; write it as key: value",
        ),
        (
            'answers:\n  a.b:\n    note: "agreed" in May\n',
            3,
            "text follows a closing quote; put the whole text inside the quotes",
        ),
        (
            'answers:\n  a.b:\n    note: "agreed in May"\n      at the group\n',
            4,
            "text follows a closing quote on the line above; put the whole text inside the quotes",
        ),
        (
            'service: "Bath Record Office\nanswers:\n  a.b:\n    note: "agreed" in May\n',
            4,
            "a quote closes here that was opened on an earlier line; look above for a quote"
            " that is never closed",
        ),
        (
            'answers:\n  a.b:\n    note: "agreed in May\n  a.c: fully\n',
            5,
            "the quote opened on line 3 is never closed; add the closing quote",
        ),
        (
            _HEAD + "  a.c fully\n  a.d: fully\n",
            3,
            "this line has no ':' after its key; write it as key: value",
        ),
        (
            _HEAD + "  a.c: @partial\n",
            3,
            "text cannot start with '@'; put the whole text in quotes (\"...\")",
        ),
        (
            'answers:\n  a.b:\n    note: "Minutes in C:\\Users\\archive"\n',
            3,
            "a backslash inside double quotes starts an escape such as \\n; write a backslash"
            " itself as two (\\\\), or put the text in single quotes ('...') instead",
        ),
        (
            "bank: b\nanswers: - a.b\n",
            2,
            "a list cannot start on the line of its key; put each '- ' item on a line of its own"
            " below the key, or put text that starts with '-' in quotes",
        ),
        (
            _HEAD + "  - a.c\n",
            3,
            "a list item stands where a key belongs; write the key it belongs to (key:) on the"
            " line above, with the items indented below it, or line it up with its list",
        ),
        (
            _HEAD + "---\nbank: b\n",
            3,
            "a line of '---' or '...' ends a document, and a file holds only one; remove that line",
        ),
    ],
)
def test_hand_editing_mistakes_say_what_to_do(text: str, line: int, message: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_text("f.yaml", text)
    [problem] = caught.value.problems
    assert (problem.line, problem.rule, problem.message) == (line, "yaml-syntax", message)


TYPOGRAPHIC = (
    "the text is in typographic quotes (\u201c \u201d or \u2018 \u2019, as a word processor types"
    ' them), which {} does not read as quotes; type them again as straight quotes ("...")'
)


@pytest.mark.parametrize(
    "note",
    [
        "\u201cTwo days a month: Senior Archivist\u201d",
        "\u2018Two days a month: Senior Archivist\u2019",
        "\u201eTwo days a month: Senior Archivist\u201c",
    ],
)
def test_a_note_in_typographic_quotes_is_told_to_use_straight_quotes(note: str) -> None:
    text = f"answers:\n  a.b:\n    answer: fully\n    note: {note}\n"
    with pytest.raises(InputError) as caught:
        parse_text("f.yaml", text)
    [problem] = caught.value.problems
    assert (problem.line, problem.rule, problem.message) == (
        4,
        "yaml-syntax",
        TYPOGRAPHIC.format("YAML"),
    )


def test_json_in_typographic_quotes_is_told_to_use_straight_quotes() -> None:
    text = '{"answers": {"a.b": \u201cfully\u201d}}'
    with pytest.raises(InputError) as caught:
        parse_text("f.json", text, is_json=True)
    [problem] = caught.value.problems
    assert (problem.column, problem.rule, problem.message) == (
        21,  # the opening quote
        "json-syntax",
        TYPOGRAPHIC.format("JSON"),
    )


def test_keys_are_always_text_and_a_repeat_in_another_spelling_is_a_duplicate() -> None:
    assert parse_text("f.yaml", "true: 1\nnull: 2\n'x': 3\n~: 4\n!!str y: 5\n") == {
        "true": "1",
        "null": "2",
        "x": "3",
        "~": "4",
        "y": "5",
    }
    assert problem_of('true: a\n"true": b\n')[:3] == ("duplicate-key", 2, 1)


@FAST
@given(documents)
def test_documents_on_one_line_in_flow_style_read_the_same(document: Any) -> None:
    text = yaml.safe_dump(document, default_flow_style=True, width=10**9)
    try:
        data = parse_text("f.yaml", text)
    except InputError as err:
        assert not isinstance(document, dict) or document == {}, err.problems
        return
    assert data == document


@FAST
@given(
    st.integers(MAX_DEPTH - 3, MAX_DEPTH + 3), st.lists(st.booleans(), min_size=80), st.booleans()
)
def test_nesting_up_to_the_limit_loads_and_deeper_is_refused(
    depth: int, lists: list[bool], flow: bool
) -> None:
    """Lists and mappings mixed, in block or flow style: the root mapping counts as one."""
    document: Any = "x"
    for as_list in lists[: depth - 1]:
        document = [document] if as_list else {"k": document}
    document = {"root": document}
    text = yaml.safe_dump(document, default_flow_style=flow, width=10**9)
    if depth <= MAX_DEPTH:
        assert parse_text("f.yaml", text) == document
    else:
        assert problem_of(text)[0] == "yaml-too-deep"


def _answers_on_one_line(size: int) -> str:
    """A flow mapping of ``size`` bytes: an answer file for an older version of the
    bundled bank, so that its answers are set aside and the file is scored."""
    head = '{bank: partnership-readiness, bank_version: "0.9", service: Bath, answers: {'
    pairs = [f"old.q{index}: fully" for index in range(size // 16)]
    return (head + ", ".join(pairs))[: size - 3].rsplit(",", 1)[0] + "}}\n"


def _limit_memory_to_200_mb() -> None:
    limit = 200 * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def test_a_4_mb_answer_file_on_one_line_is_scored_in_under_200_mb(tmp_path: Path) -> None:
    """It once took 284 MB: the node tree of every key and value, with their marks."""
    path = tmp_path / "one-line.yaml"
    path.write_text(_answers_on_one_line(4_000_000), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "partnership_check", "score", str(path), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        preexec_fn=_limit_memory_to_200_mb,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert (tmp_path / "bath-undated.md").is_file()


def _json_depth_one_character_at_a_time(text: str) -> int:
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


@FAST
@given(st.text(alphabet='[]{}"\\\\a,\n', max_size=200))
def test_json_nesting_is_measured_outside_strings(text: str) -> None:
    assert _json_depth(text) == _json_depth_one_character_at_a_time(text)


def test_json_nested_too_deep_is_refused_and_brackets_in_strings_do_not_count() -> None:
    deep = "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)
    with pytest.raises(InputError) as caught:
        parse_text("f.json", '{"a": ' + deep + "}", is_json=True)
    assert caught.value.problems[0].rule == "yaml-too-deep"
    text = '{"a": "' + "[" * 1000 + '", "b": ["\\"[{"]}'
    assert parse_text("f.json", text, is_json=True) == {"a": "[" * 1000, "b": ['"[{']}
