"""Hostile names and text: nothing from a file reaches the terminal as a control sequence,
and text that cannot be written as UTF-8 is a problem of its file, never a crash."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partnership_check.cli import main
from partnership_check.commands.assess import run_assess
from partnership_check.errors import InputError
from partnership_check.interactive.plain_prompter import PlainPrompter
from partnership_check.interactive.prompt_specs import Option, PromptSpec, fit_to_print
from partnership_check.interactive.questionary_prompter import RichPrompter

DATA = Path(__file__).parents[1] / "data"
MINI = str(DATA / "valid" / "minimal.yaml")
HOSTILE = DATA / "invalid" / "control-characters.yaml"
TITLE = "\x1b]0;pwned\x07"  # sets the terminal's title
CLEAR = "\x1b[2J"  # clears the screen
LINK = "\x1b]8;;http://example.com\x1b\\"  # starts a hyperlink


def answers(service: str = "Okay Office", **extra: object) -> dict[str, object]:
    data: dict[str, object] = {"bank": "mini", "bank_version": "1.0", "service": service}
    data["assessed_on"] = "2026-01-01"
    data["answers"] = {"context.kind": "informal", "willing.motivation": "fully"}
    data.update(extra)
    return data


def write(path: Path, data: dict[str, object]) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")  # JSON is YAML too
    return path


def raw_controls(text: str) -> list[str]:
    """Every character a terminal would act on, but the newline."""
    return [c for c in text if (ord(c) < 0x20 and c != "\n") or 0x7F <= ord(c) <= 0x9F]


def latin1_name(folder: Path, name: bytes) -> Path:
    """A file whose name is not UTF-8, as Python gives it (bytes kept as surrogates)."""
    path = folder / os.fsdecode(name)
    try:
        path.write_text("", encoding="utf-8")
    except (OSError, UnicodeError):
        pytest.skip("this file system takes only UTF-8 file names")
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


# -- lone surrogates and file names that are not UTF-8 ----------------------------------------


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_half_characters_and_names_not_utf8_are_problems_of_their_files(
    jobs: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    good = write(folder / "good.yaml", answers())
    note = answers(answers={"willing.motivation": {"answer": "fully", "note": "\udfff"}})
    note_at = write(folder / "note.json", note).read_text().index("\\udfff") + 1
    key_at = write(folder / "key.json", answers(answers={"willing.x\udc00": "fully"}))
    key_at = key_at.read_text().index("\\udc00") + 1  # json writes it as the escape
    latin = write(latin1_name(folder, b"caf\xe9.yaml"), answers("Café"))
    out = tmp_path / "out"
    code, stdout, err = run(
        capsys, "score", str(folder), "--bank", MINI, "--out", str(out), "-j", jobs
    )
    assert code == 1 and "internal error" not in err
    lines = err.splitlines()
    assert lines == [
        f"{folder}/caf\\xe9.yaml: error: the file name is not UTF-8 (each byte that is not is"
        " shown as \\xNN), so no report can name it; rename the file [file-name-encoding]",
        f"{folder / 'key.json'}:1:{key_at}: error: \\udc00 is half of a surrogate pair, not a"
        " character, and cannot be saved as UTF-8; remove it, or write the character it was"
        " meant to be [text-surrogate]",
        f"{folder / 'note.json'}:1:{note_at}: error: \\udfff is half of a surrogate pair, not a"
        " character, and cannot be saved as UTF-8; remove it, or write the character it was"
        " meant to be [text-surrogate]",
    ]
    assert stdout.startswith("Scored 1 of 4 answer files, 3 could not be scored")
    assert sorted(p.name for p in out.iterdir()) == [
        "okay-office-2026-01-01.md",
        "okay-office-2026-01-01.svg",
        "summary.csv",
        "summary.json",
        "summary.md",
    ]  # no temp files left
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert [f["source"] for f in summary["could_not_be_scored"]] == [
        f"{folder}/caf\\xe9.yaml",
        str(folder / "key.json"),
        str(folder / "note.json"),
    ]
    assert [r["source"] for r in summary["rows"]] == [str(good)]
    assert latin.exists()


def test_compare_names_a_file_whose_name_is_not_utf8(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    latin = write(latin1_name(tmp_path, b"\xe9ast.yaml"), answers("East"))
    other = write(tmp_path / "west.yaml", answers("West"))
    code, stdout, err = run(capsys, "compare", str(latin), str(other), "--bank", MINI)
    assert (code, stdout) == (1, "")
    assert err == (
        f"{tmp_path}/\\xe9ast.yaml: error: the file name is not UTF-8 (each byte that is not is"
        " shown as \\xNN), so no report can name it; rename the file [file-name-encoding]\n"
    )


# -- control characters and escape sequences --------------------------------------------------


def test_score_shows_escape_sequences_in_names_and_keys_never_sends_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    named = write(folder / f"office{TITLE}.yaml", answers(f"Evil{CLEAR}{LINK}Office"))
    write(folder / "unknown.yaml", answers(**{f"key{CLEAR}": 1}))
    out = tmp_path / f"out{TITLE}"
    code, stdout, err = run(capsys, "score", str(folder), "--bank", MINI, "--out", str(out))
    assert code == 1
    assert raw_controls(stdout + err) == []
    assert "key\\x1b[2J: unknown key" in err
    assert f"Reports in {tmp_path}/out\\x1b]0;pwned\\x07;" in stdout
    cells = list(csv.DictReader((out / "summary.csv").open(encoding="utf-8-sig", newline="")))
    assert [c["source"] for c in cells] == [
        f"{folder}/office\\x1b]0;pwned\\x07.yaml",
        str(folder / "unknown.yaml"),
    ]
    assert raw_controls((out / "summary.csv").read_text(encoding="utf-8-sig")) == []
    code, stdout, err = run(capsys, "score", str(named), "--bank", MINI, "--out", str(out))
    assert code == 0 and raw_controls(stdout + err) == [] and "\\x1b]0;pwned" in stdout


@pytest.mark.parametrize("output_format", ["text", "github", "json"])
def test_validate_finds_control_characters_and_prints_none(
    output_format: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bank = tmp_path / f"bank{TITLE}.yaml"
    bank.write_bytes(HOSTILE.read_bytes())
    code, stdout, err = run(capsys, "validate", str(bank), "--format", output_format)
    assert code == 1 and err == ""
    assert raw_controls(stdout) == []
    assert stdout.count("text-control-character") == 5
    assert "no problems" not in stdout
    if output_format == "json":
        assert json.loads(stdout)["files"] == [str(bank)]  # the same data, escaped
    else:
        assert "bank\\x1b]0;pwned\\x07.yaml" in stdout


def test_assess_refuses_a_bank_with_control_characters(tmp_path: Path) -> None:
    prompter = PlainPrompter(io.StringIO(""), io.StringIO())
    with pytest.raises(InputError) as raised:
        run_assess(HOSTILE, tmp_path, None, "Office", True, prompter=prompter)
    lines = [problem.format() for problem in raised.value.problems]
    assert len(lines) == 5 and raw_controls("".join(lines)) == []


def test_assess_shows_escape_sequences_of_a_hand_edited_file(tmp_path: Path) -> None:
    """The service name, answers and notes of a file filled in by hand reach the screen
    as visible escapes, in the plain prompts and in the closing lines."""
    data = answers(f"Evil{TITLE}Office")
    data["answers"] = {
        "context.kind": "informal",
        "willing.motivation": {"answer": "fully", "note": f"see {LINK}minutes"},
    }
    resume = write(tmp_path / f"hand{CLEAR}.answers.yaml", data)
    screen = io.StringIO()
    code = run_assess(
        Path(MINI),
        tmp_path,
        resume,
        None,
        True,
        prompter=PlainPrompter(io.StringIO("l\nf\n"), screen),
    )
    assert code == 0
    shown = screen.getvalue()
    assert raw_controls(shown) == []
    assert "for Evil\\x1b]0;pwned\\x07Office" in shown
    assert f"{tmp_path}/hand\\x1b[2J.answers.yaml" in shown


def test_prompts_show_the_bank_words_escaped_and_keep_the_answers(
    capsys: pytest.CaptureFixture[str],
) -> None:
    spec = PromptSpec(
        kind="select",
        message=f"Question{TITLE}?",
        options=(Option("a\x1b", f"Label{CLEAR}"),),
        default="a\x1b",
        instruction=f"({LINK})",
    )
    shown = fit_to_print(spec)
    assert (shown.message, shown.options[0].label) == (
        "Question\\x1b]0;pwned\\x07?",
        "Label\\x1b[2J",
    )
    assert raw_controls(shown.instruction or "") == []
    assert (shown.options[0].value, shown.default) == ("a\x1b", "a\x1b")  # answers as they are
    screen = io.StringIO()
    assert PlainPrompter(io.StringIO("1\n"), screen).ask(spec) == "a\x1b"
    assert raw_controls(screen.getvalue()) == []
    RichPrompter().say(f"Title{TITLE}", "bold")
    assert capsys.readouterr().out == "Title\\x1b]0;pwned\\x07\n"


# -- any hostile name or text, at the command level -------------------------------------------

PIECES = [
    TITLE,
    CLEAR,
    LINK,
    "\x9b2J",
    "\x07",
    "\t",
    "\r",
    "\n",
    "\x00",
    "\x7f",
    "\u202e",
    "\udfff",
    "\ud800",
    "=HYPERLINK(",
    "+cmd|",
    "-2+3",
    "@SUM(",
    "Môn —",
    '"',
    "\\",
    ": #",
]
hostile_text = st.lists(st.sampled_from(PIECES) | st.text(max_size=3), max_size=4).map("".join)
NAME_PIECES = [b"\x1b]0;pwned\x07", b"\x1b[2J", b"\xe9", b"\xff", b"=cmd", b"\t", b"\r", b"\n"]
hostile_name = st.lists(
    st.sampled_from([*NAME_PIECES, "Môn".encode(), b"\xe2\x80\xae", b"a"]), min_size=1, max_size=4
).map(b"".join)


def _answer_text(service: str, note: str, key: str, *, as_json: bool) -> str:
    data = answers(service, **{key: "x"} if key else {})
    data["answers"] = {"willing.motivation": {"answer": "fully", "note": note}}
    if as_json:
        return json.dumps(data)  # a half character as its escape, which JSON allows
    # YAML keeps other text as it is (a raw control character is for the reader to refuse)
    return json.dumps(data, ensure_ascii=False).encode("utf-8", "backslashreplace").decode()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    names=st.lists(hostile_name, min_size=2, max_size=2, unique=True),
    texts=st.lists(hostile_text, min_size=3, max_size=3),
    as_json=st.booleans(),
)
def test_hostile_names_and_text_never_crash_or_reach_the_terminal(
    names: list[bytes], texts: list[str], as_json: bool
) -> None:
    """score, validate and compare on files with hostile names and contents: only the
    documented exit codes, never an internal error, never a raw control character."""
    suffix = b".json" if as_json else b".yaml"
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "in"
        folder.mkdir()
        files = []
        for index, name in enumerate(names):
            path = folder / os.fsdecode(name + suffix)
            text = _answer_text(texts[0], texts[1], texts[2] if index else "", as_json=as_json)
            try:
                path.write_text(text, encoding="utf-8")
            except OSError:
                pytest.skip("this file system takes only UTF-8 file names")
            files.append(str(path))
        bank = folder / os.fsdecode(names[0] + b".bank.yaml")
        title = json.dumps(texts[0]).replace("\\ud", "\\\\ud")  # YAML has no half characters
        bank.write_text(Path(MINI).read_text("utf-8").replace("Minimal bank", title), "utf-8")
        out = Path(temp) / "out"
        for args in (
            ["score", str(folder), "--bank", MINI, "--out", str(out), "-j", "1"],
            ["score", files[0], "--bank", MINI, "--out", str(out), "-j", "1"],
            ["validate", str(bank)],
            ["validate", str(bank), "--format", "github"],
            ["validate", str(bank), "--format", "json"],
            ["compare", *files, "--bank", MINI],
        ):
            stdout, stderr = io.StringIO(), io.StringIO()
            with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
                code = main(args)
            shown = stdout.getvalue() + stderr.getvalue()
            assert code in (0, 1, 2), (args, shown)
            assert "internal error" not in shown
            assert raw_controls(shown) == [], (args, shown)
            shown.encode("utf-8")  # no half character either
        assert not [p.name for p in out.iterdir() if p.name.endswith(".tmp")]
