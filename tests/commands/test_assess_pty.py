"""``assess`` in a real pseudo-terminal, as a person would use it (pexpect).

The assertions are on the saved answer file, not on what the screen looked like.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

pexpect = pytest.importorskip("pexpect")
pyte = pytest.importorskip("pyte")

SMALL = Path(__file__).parents[1] / "data" / "assess" / "small.yaml"
TIMEOUT = 30
DOWN = "\x1b[B"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")


def _env(**extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PARTNERSHIP_CHECK_PLAIN", "NO_COLOR", "ACCESSIBLE", "COLUMNS", "LINES")
    }
    env["TERM"] = "xterm"
    env["PROMPT_TOOLKIT_NO_CPR"] = "1"  # nobody answers cursor-position requests here
    env.update(extra)
    return env


def _spawn(
    *args: str,
    cwd: Path,
    env: dict[str, str] | None = None,
    width: int = 120,
    rows: int = 40,
    bank: Path = SMALL,
) -> Any:
    command = shutil.which("partnership-check")
    argv = [command] if command else [sys.executable, "-m", "partnership_check"]
    return pexpect.spawn(
        argv[0],
        [*argv[1:], "assess", "--bank", str(bank), *args],
        cwd=str(cwd),
        env=_env(**(env or {})),
        dimensions=(rows, width),
        timeout=TIMEOUT,
        encoding="utf-8",
    )


def _step(child: Any, label: str, keys: str, ready: str = "then Enter") -> None:
    """Waits for the position line, then for the prompt itself to be drawn, then types."""
    child.expect_exact(label)
    child.expect_exact(ready)
    child.send(keys)


def _assessor(child: Any, keys: str = "\r") -> None:
    """Who is completing it: asked after the service's name; Enter skips."""
    child.expect_exact("Who is completing this assessment?")
    child.send(keys)


def _note(child: Any, keys: str) -> None:
    child.expect_exact("Evidence note")
    child.send(keys)


def _finish(child: Any) -> None:
    child.expect_exact("Review your answers")
    child.expect(r"type a number from 1 to \d+")
    child.send("f")  # at once, wherever the pointer is


def _exit_code(child: Any) -> int:
    child.expect(pexpect.EOF)
    child.close()
    return int(child.exitstatus if child.exitstatus is not None else 128 + child.signalstatus)


def _answers(folder: Path) -> tuple[Path, dict[str, Any]]:
    [path] = folder.glob("*.answers.yaml")
    return path, yaml.safe_load(path.read_text(encoding="utf-8"))


def test_full_run_with_back_and_review_to_the_report(tmp_path: Path) -> None:
    out = tmp_path / "reports"
    child = _spawn("--out", str(out), cwd=tmp_path)
    child.expect_exact("Name of the archive service")
    child.send("Example Record Office\r")
    _assessor(child, "Head of Archives\r")
    _step(child, "1 of about 4 overall", "2\r")  # shared service: reveals the legal question
    _note(child, "\r")
    _step(child, "2 of 5 overall", "Kent and Medway\r", ready="goes back")
    _step(child, "3 of 5 overall", "3\r")
    _note(child, "Minutes of 3 May\r")
    _step(child, "4 of 5 overall", "b")  # back to motivation, at once
    _step(child, "3 of 5 overall", "2\r")  # change it to partly
    _note(child, "\r")  # Enter keeps the note
    _step(child, "4 of 5 overall", "1\r")
    _note(child, "\r")
    _step(child, "5 of 5 overall", f" {DOWN} \r", ready="Space ticks")
    _note(child, "\r")
    _finish(child)
    child.expect_exact("Written:")
    assert _exit_code(child) == 0
    path, data = _answers(out)
    assert data["service"] == "Example Record Office"
    assert data["assessor"] == "Head of Archives"
    assert data["answers"] == {
        "context.kind": "shared-service",
        "context.partners": "Kent and Medway",
        "willing.motivation": {"answer": "partly", "note": "Minutes of 3 May"},
        "willing.legal": "no",
        "benefits.sought": ["funding", "expertise"],
    }
    stem = path.name.removesuffix(".answers.yaml")
    assert (out / f"{stem}.md").is_file() and (out / f"{stem}.json").is_file()


def test_ctrl_c_mid_way_then_resume_loses_nothing(tmp_path: Path) -> None:
    child = _spawn("--out", str(tmp_path), "--service", "Example Record Office", cwd=tmp_path)
    _assessor(child)
    _step(child, "1 of about 4 overall", "1\r")
    _note(child, "\r")
    _step(child, "2 of 4 overall", "Kent\r", ready="goes back")
    _step(child, "3 of 4 overall", "4\r")  # don't know
    _note(child, "Ask the chair\r")
    _step(child, "4 of 4 overall", "\x03", ready="Space ticks")
    child.expect(r"To carry on where you left off:\s+(partnership-check assess --resume \S+)")
    command = child.match.group(1)
    assert _exit_code(child) == 130
    path, saved = _answers(tmp_path)
    assert str(path) in command
    assert saved["answers"] == {
        "context.kind": "informal",
        "context.partners": "Kent",
        "willing.motivation": {"answer": "dont-know", "note": "Ask the chair"},
    }

    child = _spawn("--resume", str(path), cwd=tmp_path)
    child.expect_exact("This file holds answers to 3 of the 4 questions.")
    child.expect_exact("Type l and Enter to list them first")
    child.send("\r")
    _step(child, "4 of 4 overall", f"{DOWN}{DOWN} \r", ready="Space ticks")
    _note(child, "\r")
    child.expect_exact("Review your answers")
    child.expect_exact("type a number from 1 to 4")
    child.send("1\r")  # change the first answer
    _step(child, "1 of 4 overall", "1\r")
    _note(child, "\r")
    _finish(child)
    assert _exit_code(child) == 0
    _, final = _answers(tmp_path)
    assert final["answers"] == {**saved["answers"], "benefits.sought": ["access"]}


def test_closing_the_terminal_keeps_the_answers(tmp_path: Path) -> None:
    child = _spawn("--out", str(tmp_path), "--service", "Example Record Office", cwd=tmp_path)
    _assessor(child)
    _step(child, "1 of about 4 overall", "1\r")
    _note(child, "\r")
    _step(child, "2 of 4 overall", "Kent\r", ready="goes back")
    child.expect_exact("3 of 4 overall")
    child.expect_exact("then Enter")
    child.kill(signal.SIGHUP)
    assert _exit_code(child) == 130
    _, saved = _answers(tmp_path)
    assert saved["answers"] == {"context.kind": "informal", "context.partners": "Kent"}


def test_plain_mode_reads_numbers_line_by_line(tmp_path: Path) -> None:
    child = _spawn("--out", str(tmp_path), "--plain", cwd=tmp_path)
    lines = [
        ("Name of the archive service", "Example Record Office"),
        ("Who is completing this assessment?", ""),
        ("What kind of partnership?", "2"),
        ("Evidence note", ""),
        ("Who are the partners?", "Kent"),
        ("Does each partner want this", "9"),  # out of range: asked again
        ("Please type a number from 1 to 5.", "3"),
        ("Evidence note", ""),
        ("Is the legal form chosen?", "b"),  # back
        ("Does each partner want this", ""),  # Enter keeps "Fully"
        ("Evidence note", ""),
        ("Is the legal form chosen?", "h"),  # help
        ("Help: A legal form fits", "2"),
        ("Evidence note", "Counsel's opinion"),
        ("Which benefits do you seek?", "1 3"),
        ("Evidence note", ""),
        ("Review your answers", "f"),
    ]
    transcript = []
    for expected, typed in lines:
        child.expect_exact(expected)
        child.expect_exact("> ")
        transcript.append(child.before)
        child.sendline(typed)
    child.expect_exact("Written:")
    assert _exit_code(child) == 0
    _, data = _answers(tmp_path)
    assert data["answers"] == {
        "context.kind": "shared-service",
        "context.partners": "Kent",
        "willing.motivation": "fully",
        "willing.legal": {"answer": "partly", "note": "Counsel's opinion"},
        "benefits.sought": ["funding", "access"],
    }
    screen = "".join(transcript)
    assert "  1. Not at all" in screen
    # no colour and no cursor movement: only plain text and line ends reach the screen
    assert not re.search(r"\x1b\[[0-9;?]*[A-Za-z]", screen)


def test_a_second_assess_on_the_same_file_refuses_at_once(tmp_path: Path) -> None:
    first = _spawn("--out", str(tmp_path), "--service", "Example Record Office", cwd=tmp_path)
    _assessor(first)
    _step(first, "1 of about 4 overall", "1\r")
    _note(first, "\r")
    _step(first, "2 of 4 overall", "Kent\r", ready="goes back")
    first.expect_exact("3 of 4 overall")
    first.expect_exact("then Enter")
    path, saved = _answers(tmp_path)

    second = _spawn("--resume", str(path), cwd=tmp_path)
    second.expect(r"another session is writing it \(process (\d+) on ")
    assert int(second.match.group(1)) == first.pid
    second.expect_exact(f"delete {path}.lock and try again")
    assert _exit_code(second) == 2
    assert "Resuming" not in (second.before or "")
    assert _answers(tmp_path)[1] == saved

    first.send("3\r")  # the first session goes on as if nothing happened
    _note(first, "\r")
    _step(first, "4 of 4 overall", " \r", ready="Space ticks")
    _note(first, "\r")
    _finish(first)
    assert _exit_code(first) == 0
    assert _answers(tmp_path)[1]["answers"]["benefits.sought"] == ["funding"]
    assert not list(tmp_path.glob("*.lock"))


def test_a_save_that_fails_asks_what_next_and_saves_elsewhere(tmp_path: Path) -> None:
    out, other = tmp_path / "reports", tmp_path / "other"
    other.mkdir()
    child = _spawn("--out", str(out), "--service", "Example Record Office", cwd=tmp_path)
    _assessor(child)
    _step(child, "1 of about 4 overall", "1\r")
    _note(child, "\r")
    child.expect_exact("2 of 4 overall")
    child.expect_exact("goes back")
    path, _ = _answers(out)
    path.unlink()
    path.mkdir()  # a folder where the file is: every save there fails
    child.send("Kent\r")
    child.expect(r"Could not save to\s[\s\S]*?Is\s+a\s+directory\.")  # wrapped to fit
    child.expect_exact("Your answer is kept for now. What next?")
    child.expect_exact("then Enter")
    child.send("2\r")  # save to another file
    child.expect_exact("Save the answers to which file or folder?")
    child.send(f"{other}\r")
    child.expect(r"from\s+now\s+on\.")
    _step(child, "3 of 4 overall", "\x03")
    child.expect(r"To carry on where you left off:\s+partnership-check assess --resume (\S+)")
    assert child.match.group(1) == str(other / path.name)
    assert _exit_code(child) == 130
    _, saved = _answers(other)
    assert saved["answers"] == {"context.kind": "informal", "context.partners": "Kent"}


def test_resuming_a_named_pipe_is_refused_at_once(tmp_path: Path) -> None:
    pipe = tmp_path / "answers.yaml"
    os.mkfifo(pipe)
    child = _spawn("--resume", str(pipe), cwd=tmp_path)
    child.expect_exact("is a named pipe, not a regular file")  # not a wait for ever
    assert _exit_code(child) == 1
    assert pipe.is_fifo() and sorted(p.name for p in tmp_path.iterdir()) == ["answers.yaml"]


def test_a_stray_enter_records_nothing_and_says_what_to_do(tmp_path: Path) -> None:
    child = _spawn("--out", str(tmp_path), "--service", "Example Record Office", cwd=tmp_path)
    _assessor(child)
    _step(child, "1 of about 4 overall", "1\r")
    _note(child, "\r")
    _step(child, "2 of 4 overall", "Kent\r", ready="goes back")
    _step(child, "3 of 4 overall", "3\r")
    _note(child, "\r\r")  # the habit "answer, Enter to skip the note", once too often
    child.expect_exact("4 of 4 overall")
    child.expect_exact("Space ticks")
    child.send("\r\x03")  # benefits: nothing ticked, so Enter records nothing
    assert _exit_code(child) == 130
    _, saved = _answers(tmp_path)
    assert "benefits.sought" not in saved["answers"]


def test_enter_on_an_unanswered_choice_question_says_what_to_do(tmp_path: Path) -> None:
    child = _spawn("--out", str(tmp_path), "--service", "Example Record Office", cwd=tmp_path)
    _assessor(child)
    _step(child, "1 of about 4 overall", "\r")  # nothing chosen yet: Enter only says what to do
    child.expect_exact("Nothing is chosen yet")
    child.send("\r")
    child.expect_exact("Nothing is chosen yet")
    child.send("\x03")
    assert _exit_code(child) == 130
    assert not list(tmp_path.glob("*.answers.yaml")) or _answers(tmp_path)[1]["answers"] == {}


_COLOUR = re.compile(r"\x1b\[[0-9;]*(?:3[0-9]|4[0-9]|9[0-7])[;m]")  # a foreground or background


def test_no_color_alone_keeps_the_arrow_key_prompts_without_colour(tmp_path: Path) -> None:
    child = _spawn("--out", str(tmp_path), "--service", "X", cwd=tmp_path, env={"NO_COLOR": "1"})
    _assessor(child)
    screen = []
    for text in ("1 of about 4 overall", "(Arrow keys or number, then Enter)", "h) Help for this"):
        child.expect_exact(text)
        screen.append(child.before)
    child.sendintr()
    assert _exit_code(child) == 130
    assert not _COLOUR.search("".join(screen))


def test_accessible_selects_the_plain_prompts(tmp_path: Path) -> None:
    child = _spawn("--out", str(tmp_path), "--service", "X", cwd=tmp_path, env={"ACCESSIBLE": "1"})
    child.expect_exact("Who is completing this assessment?")
    child.sendline("")
    child.expect_exact("  1. Informal collaboration")
    child.expect_exact("> ")
    child.sendintr()
    assert _exit_code(child) == 130


def test_back_from_a_note_asks_the_question_again(tmp_path: Path) -> None:
    child = _spawn("--out", str(tmp_path), "--service", "Example Record Office", cwd=tmp_path)
    _assessor(child)
    _step(child, "1 of about 4 overall", "1\r")
    _note(child, "\r")
    _step(child, "2 of 4 overall", "Kent\r", ready="goes back")
    _step(child, "3 of 4 overall", "3\r")
    _note(child, "\x1b")  # Esc: back to the question just answered, not a note
    _step(child, "3 of 4 overall", "1\r")  # on its answer (Fully): change it to Not at all
    _note(child, "<\r")  # < goes back too, and is not saved as the note
    _step(child, "3 of 4 overall", "\r")  # Enter keeps Not at all
    _note(child, "Minutes\r")
    child.expect_exact("4 of 4 overall")
    child.expect_exact("Space ticks")
    child.sendintr()
    assert _exit_code(child) == 130
    _, saved = _answers(tmp_path)
    assert saved["answers"]["willing.motivation"] == {"answer": "no", "note": "Minutes"}


def test_forward_after_back_returns_to_where_the_person_was(tmp_path: Path) -> None:
    child = _spawn("--out", str(tmp_path), "--service", "Example Record Office", cwd=tmp_path)
    _assessor(child)
    _step(child, "1 of about 4 overall", "1\r")
    _note(child, "\r")
    _step(child, "2 of 4 overall", "Kent\r", ready="goes back")
    _step(child, "3 of 4 overall", "3\r")
    _note(child, "\r")
    _step(child, "4 of 4 overall", "b", ready="Space ticks")  # back, at once
    _step(child, "3 of 4 overall", "b")
    _step(child, "2 of 4 overall", "\r", ready="goes back")  # Enter keeps Kent
    child.expect(r"On to the next question not answered yet, passing over question 3,\s+answered")
    _step(child, "4 of 4 overall", " \r", ready="Space ticks")
    _note(child, "\r")
    _finish(child)
    assert _exit_code(child) == 0
    _, saved = _answers(tmp_path)
    assert saved["answers"]["willing.motivation"] == "fully"
    assert saved["answers"]["benefits.sought"] == ["funding"]


# -- the review, as the screen shows it ------------------------------------------------

LONG = """\
bank: small
bank_version: "1.0"
service: East Sussex Record Office
assessed_on: 2026-11-25
answers:
  context.kind: shared-service
  context.partners: Brighton and Hove City Council, the University of Sussex, and the Keep's trust
  willing.motivation:
    answer: partly
    note: "Minutes of the joint board, 3 May 2026, item 4: each partner stated its reasons"
  willing.legal: dont-know
  benefits.sought: [funding, expertise, access]
"""


class _Screen:
    """What a terminal of the child's size shows, from everything the child wrote."""

    def __init__(self, child: Any, rows: int, columns: int) -> None:
        self.screen = pyte.Screen(columns, rows)
        self.stream = pyte.Stream(self.screen)
        child.logfile_read = self

    def write(self, text: str) -> None:
        self.stream.feed(text)

    def flush(self) -> None:
        pass

    def lines(self) -> list[str]:
        return [line.rstrip() for line in self.screen.display]

    def wait_for(self, child: Any, text: str) -> list[str]:
        """Reads until ``text`` is on the screen (a redraw may send only what changed)."""
        while not any(text in line for line in self.lines()):
            child.read_nonblocking(4096, timeout=TIMEOUT)
        return self.lines()


def _words_in_order(text: str, screen: str) -> bool:
    """Every word of ``text`` on the screen, in order: nothing cut, however wrapped."""
    return re.search(r"\s+".join(re.escape(w) for w in text.split()), screen) is not None


@pytest.mark.parametrize(("rows", "columns"), [(24, 80), (20, 60)])
def test_the_review_shows_every_answer_in_full_at_common_widths(
    tmp_path: Path, rows: int, columns: int
) -> None:
    path = tmp_path / "east.answers.yaml"
    path.write_text(LONG, encoding="utf-8")
    child = _spawn("--resume", str(path), cwd=tmp_path, width=columns, rows=rows)
    screen = _Screen(child, rows, columns)
    child.expect_exact("Type l and Enter")
    child.send("\r")  # carry on, without listing the answers first
    top = screen.wait_for(child, "type a number from 1 to 5")
    child.send("5")  # the last answer
    bottom = screen.wait_for(child, "Going to 5")
    child.send("f")
    child.expect_exact("Written:")
    assert _exit_code(child) == 0
    assert all(len(line) <= columns for line in top + bottom)
    shown = "\n".join(top) + "\n" + "\n".join(bottom)
    for text in [
        "Service: East Sussex Record Office",
        "Context",
        "Willing partners",
        "2. Who are the partners?",
        "Answer: Brighton and Hove City Council, the University of Sussex, and the Keep's trust",
        "Note: Minutes of the joint board, 3 May 2026, item 4: each partner stated its reasons",
        "4. Is the legal form chosen? Answer: Don't know",
        "5. Which benefits do you seek?",
        "Answer: Securing funding; Sharing expertise; Better access for users",
    ]:
        assert _words_in_order(text, shown), text


def test_plain_review_lists_each_number_once_and_says_how_to_finish(tmp_path: Path) -> None:
    path = tmp_path / "east.answers.yaml"
    path.write_text(LONG, encoding="utf-8")
    child = _spawn("--resume", str(path), "--plain", cwd=tmp_path, width=60)
    child.expect_exact("This file holds answers to 5 of the 5 questions.")
    child.expect_exact("Type l and Enter to list them first")
    child.expect_exact("> ")
    child.sendline("")  # carry on: straight to the review, nothing read out twice
    child.expect_exact("Type a number to change it, f to finish")
    review = child.before
    child.expect_exact("> ")
    child.sendline("f")
    child.expect_exact("Written:")
    assert _exit_code(child) == 0
    lines = [line.rstrip() for line in review.split("\r\n")]
    assert all(len(line) <= 60 for line in lines)
    numbered = [line for line in lines if re.match(r"\s*\d+\.", line)]
    assert [line.split(".")[0].strip() for line in numbered] == ["1", "2", "3", "4", "5"]
    assert "  4. Is the legal form chosen?" in lines and "      Answer: Don't know" in lines
    flat = " ".join(review.split())
    assert "Note: Minutes of the joint board, 3 May 2026, item 4: each partner" in flat
    assert flat.count("Brighton and Hove City Council") == 1  # not listed before the review


def test_answers_a_changed_condition_hides_are_kept_aside_and_restored(tmp_path: Path) -> None:
    child = _spawn("--out", str(tmp_path), "--service", "Example Record Office", cwd=tmp_path)
    _assessor(child)
    _step(child, "1 of about 4 overall", "2\r")  # shared service: the legal question is asked
    _note(child, "\r")
    _step(child, "2 of 5 overall", "Kent\r", ready="goes back")
    _step(child, "3 of 5 overall", "3\r")
    _note(child, "\r")
    _step(child, "4 of 5 overall", "2\r")
    _note(child, "Counsel's opinion\r")
    _step(child, "5 of 5 overall", "b", ready="Space ticks")
    _step(child, "4 of 5 overall", "b")
    _step(child, "3 of 5 overall", "b")
    _step(child, "2 of 5 overall", "\x1b", ready="goes back")
    _step(child, "1 of 5 overall", "1\r")  # informal: the legal question no longer applies
    child.expect_exact("Change the answer and set those answers aside?")
    child.expect_exact("then Enter")
    child.send("2\r")
    child.expect(r"1 answer set aside: no longer applies")
    _note(child, "\r")
    _step(child, "4 of 4 overall", "b", ready="Space ticks")
    _step(child, "3 of 4 overall", "b")
    _step(child, "2 of 4 overall", "\x1b", ready="goes back")
    _step(child, "1 of 4 overall", "2\r")  # shared service again
    child.expect(r"1 answer given before brought back: applies again")
    _note(child, "\r")
    _step(child, "5 of 5 overall", " \r", ready="Space ticks")  # not asked the legal form
    _note(child, "\r")
    _finish(child)
    assert _exit_code(child) == 0
    _, saved = _answers(tmp_path)
    assert saved["answers"]["willing.legal"] == {"answer": "partly", "note": "Counsel's opinion"}


def test_starting_again_with_the_same_name_offers_to_carry_on(tmp_path: Path) -> None:
    child = _spawn("--out", str(tmp_path), "--service", "Example Record Office", cwd=tmp_path)
    _assessor(child, "Archivist\r")
    _step(child, "1 of about 4 overall", "1\r")
    _note(child, "\r")
    _step(child, "2 of 4 overall", "\x03", ready="goes back")
    assert _exit_code(child) == 130
    path, _ = _answers(tmp_path)

    child = _spawn("--out", str(tmp_path), "--service", "Example Record Office", cwd=tmp_path)
    child.expect(r"Answers for Example Record Office begun today are saved in\s+")
    child.expect_exact("Carry on with those answers?")
    child.expect_exact("then Enter")
    child.send("1\r")
    child.expect_exact("This file holds answers to 1 of the 4 questions.")
    child.expect_exact("Type l and Enter")
    child.send("\r")
    _step(child, "2 of 4 overall", "Kent\r", ready="goes back")
    _step(child, "3 of 4 overall", "\x03")
    assert _exit_code(child) == 130
    assert [p.name for p in tmp_path.glob("*.answers.yaml")] == [path.name]
    _, saved = _answers(tmp_path)
    assert saved["assessor"] == "Archivist"
    assert saved["answers"] == {"context.kind": "informal", "context.partners": "Kent"}


def test_a_note_typed_but_not_entered_is_kept_by_ctrl_c(tmp_path: Path) -> None:
    child = _spawn("--out", str(tmp_path), "--service", "Example Record Office", cwd=tmp_path)
    _assessor(child)
    _step(child, "1 of about 4 overall", "1\r")
    _note(child, "\r")
    _step(child, "2 of 4 overall", "Kent\r", ready="goes back")
    _step(child, "3 of 4 overall", "3\r")
    _note(child, "Minutes of 3 May")
    child.expect_exact("Minutes of 3 May")  # on the screen, not yet entered
    child.sendintr()
    child.expect_exact("The note you were typing is saved with its answer.")
    assert _exit_code(child) == 130
    _, saved = _answers(tmp_path)
    assert saved["answers"]["willing.motivation"] == {"answer": "fully", "note": "Minutes of 3 May"}


# -- lines that wrap hang under the text of their item -------------------------------------

LONG_TEXTS = {
    "Willing partners": "A coalition of willing partners",
    "Is the legal form chosen?": "Is the legal form of the partnership chosen, and does it"
    " suit the collections, the users and the law?",
    "Does each partner want this for its own reasons?": "Does each partner want this"
    " partnership for its own reasons, and can it say what it gains in a sentence?",
}
SET_ASIDE_ITEM = (
    f"- {LONG_TEXTS['Is the legal form chosen?']} \N{EM DASH} Partly (and its evidence note)"
)
GAP_ITEM = (
    "1. A coalition of willing partners: "
    + LONG_TEXTS["Does each partner want this for its own reasons?"]
)


def _item_lines(lines: list[str], first: str, until: str) -> list[str]:
    """The lines of the item whose first line starts with ``first``, up to ``until``."""
    start = next(n for n, line in enumerate(lines) if line.startswith(first))
    end = next(n for n in range(start, len(lines)) if lines[n].startswith(until))
    return lines[start:end]


def _hangs(item: list[str], text: str, indent: int) -> bool:
    """Whether the item holds ``text`` whole and every line after its first hangs at
    ``indent`` columns, under its text."""
    rest = item[1:]
    return (
        bool(rest)  # it wrapped, so there is a continuation to look at
        and all(len(line) - len(line.lstrip()) == indent for line in rest)
        and _words_in_order(text, "\n".join(item))
    )


@pytest.mark.parametrize("plain", [False, True], ids=["arrow-keys", "plain"])
@pytest.mark.parametrize(("rows", "columns"), [(24, 80), (20, 60)])
def test_answers_set_aside_and_the_biggest_gaps_hang_under_their_text(
    tmp_path: Path, rows: int, columns: int, plain: bool
) -> None:
    bank = tmp_path / "bank.yaml"
    text = SMALL.read_text(encoding="utf-8")
    for short, long in LONG_TEXTS.items():
        assert short in text
        text = text.replace(short, long)
    bank.write_text(text, encoding="utf-8")
    path = tmp_path / "east.answers.yaml"
    path.write_text(
        LONG.replace(
            "willing.legal: dont-know",
            "willing.legal:\n    answer: partly\n    note: Counsel's opinion",
        ),
        encoding="utf-8",
    )
    mode = ("--plain",) if plain else ()
    child = _spawn("--resume", str(path), *mode, cwd=tmp_path, width=columns, rows=rows, bank=bank)
    screen = _Screen(child, rows, columns)
    child.expect_exact("Type l and Enter")
    child.send("\r")  # carry on to the review
    child.expect_exact("Type a number to change it" if plain else "type a number from 1 to 5")
    child.send("1\r")  # change the kind of partnership
    label, ready = ("What kind of partnership?", "> ") if plain else ("1 of 5", "then Enter")
    _step(child, label, "1\r", ready=ready)  # informal: the legal form no longer applies
    # the last choice is drawn last; what the screen shows has been read, so not expected
    asked = screen.wait_for(child, "Yes, change it and set them aside")
    child.send("2\r")
    _note(child, "\r")
    child.expect_exact("Type a number to change it" if plain else "type a number from 1 to 4")
    child.send("f\r" if plain else "f")
    child.expect_exact("Written:")
    assert _exit_code(child) == 0
    done = screen.lines()
    assert all(len(line) <= columns for line in asked + done)
    set_aside = _item_lines(asked, "  - ", "? Change" if not plain else "Change")
    assert _hangs(set_aside, SET_ASIDE_ITEM, 4), set_aside
    gap = _item_lines(done, "  1. ", "Written:")
    assert _hangs(gap, GAP_ITEM, 5), gap
