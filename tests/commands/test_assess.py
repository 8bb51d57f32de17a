"""``assess`` driven by a scripted prompter: the saved file after every step, Ctrl-C, resume."""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from partnership_check.answers.dump import KEPT_ASIDE, dump_answers
from partnership_check.answers.model import AnswerFile
from partnership_check.cli import main
from partnership_check.commands.assess_loop import GATE_LINE
from partnership_check.errors import InputError, Interrupted, UsageError
from partnership_check.interactive.prompt_specs import CONTINUE, START_NEW, Action, Ticked
from partnership_check.loading.lock import held_lock, lock_path
from partnership_check.render.html import render_html

from .assess_script import SERVICE, SMALL, Script
from .assess_script import run as _run


def test_the_closing_report_can_be_a_page_to_print(tmp_path: Path) -> None:
    replies: list[Any] = ["informal", "Kent", "fully", "", ["funding"], Action.FINISH]
    script = Script(tmp_path, replies)
    assert _run(tmp_path, script, formats=("md", "json", "html"), to_html=render_html) == 0
    stem = _only_answers_file(tmp_path).name.removesuffix(".answers.yaml")
    page = (tmp_path / f"{stem}.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<svg" in page
    assert f"  {tmp_path / stem}.html" in script.said


def test_asks_who_is_completing_it_after_the_name_and_the_report_says_so(tmp_path: Path) -> None:
    replies: list[Any] = ["informal", "Kent", "fully", "", ["funding"], Action.FINISH]
    script = Script(tmp_path, replies, assessor="  Head of Archives & Records  ")
    assert _run(tmp_path, script) == 0
    assert script.asked_assessor == 1
    path = _only_answers_file(tmp_path)
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["assessor"] == (
        "Head of Archives & Records"
    )
    report = (tmp_path / path.name.replace(".answers.yaml", ".md")).read_text(encoding="utf-8")
    assert "- **Completed by:** Head of Archives & Records\n" in report.split("## In brief")[0]


def test_who_is_completing_it_may_be_skipped(tmp_path: Path) -> None:
    script = Script(tmp_path, [KeyboardInterrupt])
    with pytest.raises(Interrupted):
        _run(tmp_path, script)
    assert script.asked_assessor == 1
    assert "assessor" not in yaml.safe_load(_only_answers_file(tmp_path).read_text("utf-8"))


def _only_answers_file(folder: Path) -> Path:
    [path] = folder.glob("*.answers.yaml")
    return path


def test_full_run_saves_after_every_answer_and_writes_the_report(tmp_path: Path) -> None:
    script = Script(
        tmp_path,
        [
            "informal",  # context.kind
            "Kent",  # context.partners
            "fully",  # willing.motivation
            "Minutes of 3 May",  # its evidence note
            ["funding", "access"],  # benefits.sought
            Action.FINISH,
        ],
    )
    assert _run(tmp_path, script) == 0
    assert script.answers_at(0) == {}
    assert script.answers_at(1) == {"context.kind": "informal"}
    assert script.answers_at(3)["willing.motivation"] == "fully"
    assert script.answers_at(4)["willing.motivation"] == {
        "answer": "fully",
        "note": "Minutes of 3 May",
    }
    path = _only_answers_file(tmp_path)
    assert path.name.startswith("example-record-office-")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["service"] == SERVICE and data["bank"] == "small"
    assert data["answers"]["benefits.sought"] == ["funding", "access"]
    stem = path.name.removesuffix(".answers.yaml")
    assert (tmp_path / f"{stem}.md").is_file()
    result = json.loads((tmp_path / f"{stem}.json").read_text(encoding="utf-8"))
    assert result["service"] == SERVICE
    said = "\n".join(script.said)
    assert "Example Record Office: " in said and "/ 100" in said
    assert result["overall"]["band"]["label"] in said
    assert f"Written:\n  {path}\n" in said


def test_back_change_of_condition_and_review_edit(tmp_path: Path) -> None:
    script = Script(
        tmp_path,
        [
            "shared-service",
            None,  # partners skipped (optional)
            "partly",
            "",  # no note
            "no",  # willing.legal, shown because of shared-service
            "",
            Action.BACK,  # from benefits.sought back to legal
            Action.BACK,  # to motivation
            Action.BACK,  # to partners
            Action.BACK,  # to kind
            "informal",  # would hide willing.legal: asked first
            "set-aside",  # yes, remove its answer
            ["expertise"],
            "willing.motivation",  # review: change this one
            "fully",
            "Board minutes",
            Action.FINISH,
        ],
    )
    assert _run(tmp_path, script) == 0
    assert script.answers_at(6)["willing.legal"] == "no"
    assert script.asked[12].kind == "checkbox"  # straight on to the first open question
    text = _only_answers_file(tmp_path).read_text(encoding="utf-8")
    assert yaml.safe_load(text)["answers"] == {
        "context.kind": "informal",
        "context.partners": None,
        "willing.motivation": {"answer": "fully", "note": "Board minutes"},
        "willing.legal": "no",  # kept aside, marked as not applying
        "benefits.sought": ["expertise"],
    }
    assert f"  {KEPT_ASIDE}\n  willing.legal: 'no'\n" in text
    assert "willing.legal" not in [row.qid for row in script.asked[-1].rows]  # not shown
    assert "  - Is the legal form chosen? — Not at all" in script.said
    assert (
        "  (1 answer set aside: no longer applies; kept in case this answer changes back;"
        " 4 in all now)" in script.said
    )


@pytest.mark.parametrize("stop_at", [0, 1, 3, 5])
def test_ctrl_c_keeps_every_answer_and_resume_finishes(tmp_path: Path, stop_at: int) -> None:
    replies: list[Any] = ["informal", "Kent", "partly", "A note", ["funding"], Action.FINISH]
    first = Script(tmp_path, [*replies[:stop_at], KeyboardInterrupt])
    with pytest.raises(Interrupted) as caught:
        _run(tmp_path, first)
    path = _only_answers_file(tmp_path)
    message = str(caught.value)
    assert str(path) in message
    assert f"partnership-check assess --resume {path} --bank {SMALL}" in message
    assert first.file_data() == first.saved[-1]  # nothing lost between the last save and Ctrl-C

    # Stopped on the optional evidence note: resuming moves on; the answer itself is kept.
    on_note = stop_at == 3
    rest = replies[stop_at + 1 :] if on_note else replies[stop_at:]
    second = Script(tmp_path, rest)
    assert _run(tmp_path, second, resume=path, service=None) == 0
    final = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert final["answers"] == {
        "context.kind": "informal",
        "context.partners": "Kent",
        "willing.motivation": "partly" if on_note else {"answer": "partly", "note": "A note"},
        "benefits.sought": ["funding"],
    }
    assert final["service"] == SERVICE
    assert len(list(tmp_path.glob("*.answers.yaml"))) == 1


def test_ctrl_c_on_the_service_name_saves_nothing(tmp_path: Path) -> None:
    script = Script(tmp_path, [KeyboardInterrupt])
    with pytest.raises(Interrupted, match="nothing was saved"):
        _run(tmp_path, script, service=None)
    assert not list(tmp_path.glob("*.answers.yaml"))


def test_end_of_input_is_handled_like_ctrl_c(tmp_path: Path) -> None:
    script = Script(tmp_path, ["informal", EOFError])
    with pytest.raises(Interrupted):
        _run(tmp_path, script)
    assert yaml.safe_load(_only_answers_file(tmp_path).read_text())["answers"] == {
        "context.kind": "informal"
    }


def test_odd_service_name_gives_a_safe_file_name_and_is_kept_as_typed(tmp_path: Path) -> None:
    name = "../../etc/Record Office / Ünïcode"
    script = Script(tmp_path, [name, KeyboardInterrupt])
    with pytest.raises(Interrupted):
        _run(tmp_path, script, service=None)
    path = _only_answers_file(tmp_path)
    assert path.parent == tmp_path
    assert path.name.startswith("etc-record-office-unicode-")
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["service"] == name


def test_an_existing_file_is_not_overwritten(tmp_path: Path) -> None:
    with pytest.raises(Interrupted):
        _run(tmp_path, Script(tmp_path, ["informal", KeyboardInterrupt]))
    second = Script(tmp_path, [START_NEW, "informal", KeyboardInterrupt])
    with pytest.raises(Interrupted):
        _run(tmp_path, second)
    names = {p.name for p in tmp_path.glob("*.answers.yaml")}
    stem = sorted(names)[-1].removesuffix(".answers.yaml")
    assert names == {f"{stem}.answers.yaml", f"{stem}-2.answers.yaml"}


def test_starting_again_the_same_day_offers_to_carry_on(tmp_path: Path) -> None:
    with pytest.raises(Interrupted):
        _run(tmp_path, Script(tmp_path, ["informal", "Kent", KeyboardInterrupt]))
    path = _only_answers_file(tmp_path)
    again = Script(tmp_path, [CONTINUE, "fully", "", KeyboardInterrupt])
    with pytest.raises(Interrupted):
        _run(tmp_path, again)
    assert f"Answers for {SERVICE} begun today are saved in {path}." in again.said
    assert again.asked_assessor == 0  # the file says who is completing it
    assert _only_answers_file(tmp_path) == path  # no second file
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["answers"] == {
        "context.kind": "informal",
        "context.partners": "Kent",
        "willing.motivation": "fully",
    }


def test_resuming_a_file_that_does_not_exist_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such answer file"):
        _run(tmp_path, Script(tmp_path, []), resume=tmp_path / "missing.yaml")


def test_help_is_shown_on_request_and_the_question_asked_again(tmp_path: Path) -> None:
    script = Script(tmp_path, [Action.HELP, KeyboardInterrupt])
    with pytest.raises(Interrupted):
        _run(tmp_path, script)
    assert "Help: Pick the nearest; informal covers most first steps." in script.said
    assert script.asked[0] == script.asked[1]


def test_unwritable_output_folder_fails_before_the_first_question(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    script = Script(tmp_path, [])
    with pytest.raises(UsageError, match="cannot write"):
        _run(blocker / "reports", script)
    assert script.asked == []


@pytest.mark.parametrize(
    ("content", "rule"),
    [
        ("bank: [unclosed", None),
        ("bank: other\nbank_version: '1.0'\nanswers: {}\n", "answers-wrong-bank"),
        ("bank: small\nbank_version: '1.0'\nanswers: {willing.nope: fully}\n", None),
    ],
)
def test_bad_resume_file_is_an_input_error_and_left_untouched(
    tmp_path: Path, content: str, rule: str | None
) -> None:
    path = tmp_path / "old.answers.yaml"
    path.write_text(content, encoding="utf-8")
    script = Script(tmp_path, [])
    with pytest.raises(InputError) as caught:
        _run(tmp_path, script, resume=path)
    if rule:
        assert caught.value.problems[0].rule == rule
    assert script.asked == []
    assert path.read_text(encoding="utf-8") == content


def test_resume_under_another_bank_version_says_what_changed(tmp_path: Path) -> None:
    path = tmp_path / "old.answers.yaml"
    old = (
        "bank: small\nbank_version: '0.9'\nservice: Old Office\nassessed_on: 2025-01-02\n"
        "answers:\n  context.kind: informal\n  context.gone: yes\n"
        "  willing.motivation: somewhat\n"
    )
    path.write_text(old, encoding="utf-8")
    script = Script(tmp_path, ["Kent", "fully", "", ["funding"], Action.FINISH])
    assert _run(tmp_path, script, resume=path, service=None) == 0
    said = "\n".join(script.said)
    assert "version 0.9" in said and "no longer in the bank: context.gone" in said
    assert "choice no longer valid: willing.motivation" in said
    assert (tmp_path / "old.answers.yaml.bank-0.9.bak").read_text(encoding="utf-8") == old
    final = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert final["bank_version"] == "1.0"
    assert final["assessed_on"] == "2025-01-02"
    assert final["answers"]["willing.motivation"] == "fully"
    assert script.asked[0].message == "Who are the partners?"  # only what is needed


def test_resume_shows_what_was_already_answered(tmp_path: Path) -> None:
    path = tmp_path / "x.answers.yaml"
    path.write_text(
        "bank: small\nbank_version: '1.0'\nservice: X\nanswers:\n  context.kind: informal\n",
        encoding="utf-8",
    )
    script = Script(tmp_path, [KeyboardInterrupt])
    script.list_answers = "l"  # listed when asked for, under their section's heading
    with pytest.raises(Interrupted):
        _run(tmp_path, script, resume=path, service=None)
    assert "This file holds answers to 1 of the 4 questions." in script.said
    heading = script.said.index("Context")
    assert script.said[heading + 1] == "  1. What kind of partnership? — Informal collaboration"
    assert script.asked[0].message == "Who are the partners?"


def test_without_a_terminal_exits_2_fast(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "partnership_check", "assess", "--out", str(tmp_path)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "partnership-check template" in done.stderr and "score" in done.stderr
    assert not list(tmp_path.iterdir())


def test_cli_maps_no_terminal_to_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    # pytest's stdin is not a terminal
    assert main(["assess", "--bank", str(SMALL)]) == 2
    assert "not one" in capsys.readouterr().err


def _write(path: Path, answers: str) -> Path:
    path.write_text(
        f"bank: small\nbank_version: '1.0'\nservice: East\nanswers:\n{answers}", encoding="utf-8"
    )
    return path


EXT = ("md", "json", "svg")
FULL = (
    "  context.kind: shared-service\n  context.partners: Kent\n"
    "  willing.motivation: fully\n  willing.legal:\n    answer: partly\n    note: Counsel\n"
    "  benefits.sought: [funding]\n"
)


@pytest.mark.parametrize(
    ("name", "stem"), [("east-copy.yaml", "east-copy"), ("east.answers.yaml", "east")]
)
def test_resumed_file_of_any_name_gets_report_names_without_yaml(
    tmp_path: Path, name: str, stem: str
) -> None:
    path = _write(tmp_path / name, FULL)
    assert _run(tmp_path, Script(tmp_path, [Action.FINISH]), resume=path, service=None) == 0
    names = {p.name for p in tmp_path.iterdir()} - {f"{name}.before-assess.bak"}
    assert {name, f"{stem}.md", f"{stem}.json"} <= names <= {name, *(f"{stem}.{x}" for x in EXT)}


HAND_FILLED = (
    "# filled in by hand from the template\n"
    'bank: small\nbank_version: "1.0"\nservice: East   # the county service\n'
    "assessed_on:\nanswers:\n"
    "  context.kind: informal   # agreed with Kent in May\n"
    "  context.partners:\n  willing.motivation:\n  benefits.sought:\n"
)


def test_resuming_a_hand_filled_file_keeps_a_copy_of_it_first(tmp_path: Path) -> None:
    """Its comments are not in assess's layout; the copy keeps them, and only what was
    given counts as already answered."""
    path = tmp_path / "east.yaml"
    path.write_text(HAND_FILLED, encoding="utf-8")
    script = Script(tmp_path, ["fully", KeyboardInterrupt])
    with pytest.raises(Interrupted):
        _run(tmp_path, script, resume=path, service=None)
    assert script.asked[0].message == "Does each partner want this for its own reasons?"
    backup = tmp_path / "east.yaml.before-assess.bak"
    assert backup.read_text(encoding="utf-8") == HAND_FILLED
    said = "\n".join(script.said)
    assert f"A copy of it as it is now is kept at {backup}." in said
    assert "This file holds answers to 1 of the 4 questions." in said
    assert "What kind of partnership?" not in said  # not read out unless asked for
    saved = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert saved["answers"]["willing.motivation"] == "fully"
    assert saved["answers"]["context.kind"] == "informal"


def test_resuming_a_file_assess_wrote_makes_no_copy(tmp_path: Path) -> None:
    script = Script(tmp_path, ["informal", KeyboardInterrupt])
    with pytest.raises(Interrupted):
        _run(tmp_path, script)
    path = _only_answers_file(tmp_path)
    again = Script(tmp_path, [KeyboardInterrupt])
    with pytest.raises(Interrupted):
        _run(tmp_path, again, resume=path, service=None)
    assert not list(tmp_path.glob("*.bak"))
    assert not any("by hand" in line for line in again.said)


def test_a_json_answer_file_is_saved_as_json(tmp_path: Path) -> None:
    """Read as JSON by its suffix, it must stay JSON to be read again."""
    path = tmp_path / "east.json"
    path.write_text(
        json.dumps({"bank": "small", "bank_version": "1.0", "service": "East", "answers": {}}),
        encoding="utf-8",
    )
    script = Script(tmp_path, ["informal", KeyboardInterrupt])
    with pytest.raises(Interrupted):
        _run(tmp_path, script, resume=path, service=None)
    assert json.loads(path.read_text(encoding="utf-8"))["answers"] == {"context.kind": "informal"}
    assert main(["score", "--bank", str(SMALL), str(path), "--out", str(tmp_path / "o")]) == 0


@pytest.mark.parametrize("keep", [True, False])
def test_review_change_that_hides_answers_asks_first(tmp_path: Path, keep: bool) -> None:
    path = _write(tmp_path / "east.answers.yaml", FULL)
    script = Script(
        tmp_path,
        [
            "context.kind",  # review: change the deciding answer
            "informal",  # would hide willing.legal, answered with a note
            "keep" if keep else "set-aside",
            Action.FINISH,
        ],
    )
    assert _run(tmp_path, script, resume=path, service=None) == 0
    said = "\n".join(script.said)
    assert "With that answer, 1 answer you gave no longer applies" in said
    assert "  - Is the legal form chosen? — Partly (and its evidence note)" in said
    assert script.asked[2].default == "keep"
    assert "Informal collaboration" not in script.asked[2].options[0].label
    assert "Shared service" in script.asked[2].options[0].label
    assert script.asked[3].allow_finish  # straight back to review either way
    final = yaml.safe_load(path.read_text(encoding="utf-8"))["answers"]
    if keep:
        assert final == yaml.safe_load(FULL)
    else:
        assert final["context.kind"] == "informal"
        assert final["willing.legal"] == {"answer": "partly", "note": "Counsel"}  # kept aside


def test_going_back_and_changing_a_deciding_answer_asks_first(tmp_path: Path) -> None:
    replies: list[Any] = ["shared-service", "Kent", "fully", "", "partly", "Counsel"]
    replies += [Action.BACK] * 4  # back to context.kind
    replies += ["informal", "keep"]  # changed, then kept after all: on to the next open one
    replies += [["funding"], Action.FINISH]
    script = Script(tmp_path, replies)
    assert _run(tmp_path, script) == 0
    assert script.asked[11].options[0].value == "keep"
    assert script.asked[12].message == "Which benefits do you seek?"  # on where it was
    final = yaml.safe_load(_only_answers_file(tmp_path).read_text(encoding="utf-8"))["answers"]
    assert final["context.kind"] == "shared-service"
    assert final["willing.legal"] == {"answer": "partly", "note": "Counsel"}


def test_a_change_that_hides_only_unanswered_questions_asks_nothing(tmp_path: Path) -> None:
    script = Script(tmp_path, ["shared-service", "Kent", Action.BACK, Action.BACK, "informal"])
    script.replies += ["fully", "", ["access"], Action.FINISH]
    assert _run(tmp_path, script) == 0
    assert not any(spec.options and spec.options[0].value == "keep" for spec in script.asked)


def test_growing_totals_are_explained_once_per_answer(tmp_path: Path) -> None:
    script = Script(tmp_path, ["shared-service", KeyboardInterrupt])
    with pytest.raises(Interrupted):
        _run(tmp_path, script)
    assert "There are 4 questions to answer, and some answers add follow-up questions;" in (
        " ".join(script.said)
    )
    assert "Context — question 1 of 2 · 1 of about 4 overall" in script.said
    assert "  (1 follow-up question added by your answer: 5 in all now)" in script.said
    assert "Context — question 2 of 2 · 2 of 5 overall" in script.said
    quiet = Script(tmp_path, ["informal", KeyboardInterrupt])
    with pytest.raises(Interrupted):
        _run(tmp_path, quiet)
    assert not any("follow-up question added" in line for line in quiet.said)


def test_going_back_to_an_answer_that_removes_questions_says_so(tmp_path: Path) -> None:
    replies: list[Any] = ["shared-service", "Kent", Action.BACK, Action.BACK, "informal"]
    script = Script(tmp_path, [*replies, KeyboardInterrupt])
    with pytest.raises(Interrupted):
        _run(tmp_path, script)
    assert "  (1 question no longer asked after your answer: 4 in all now)" in script.said


def test_a_question_that_can_cap_the_result_says_so(tmp_path: Path) -> None:
    script = Script(tmp_path, ["informal", "Kent", KeyboardInterrupt])
    with pytest.raises(Interrupted):
        _run(tmp_path, script)
    motivation = script.said.index("Willing partners — question 1 of 1 · 3 of 4 overall")
    assert script.said[motivation + 1] == GATE_LINE
    assert script.said.count(GATE_LINE) == 1  # the other questions have no gate


def test_back_ticked_with_answers_saves_the_ticks(tmp_path: Path) -> None:
    ticked = Ticked(Action.BACK, ("funding", "access"))
    script = Script(tmp_path, ["informal", "Kent", "fully", "", ticked, KeyboardInterrupt])
    with pytest.raises(Interrupted):
        _run(tmp_path, script)
    assert script.answers_at(5)["benefits.sought"] == ["funding", "access"]
    assert script.asked[5].message.startswith("Does each partner want this")


def test_help_ticked_with_answers_asks_again_with_them_ticked(tmp_path: Path) -> None:
    ticked = Ticked(Action.HELP, ("expertise",))
    script = Script(tmp_path, ["informal", "Kent", "fully", "", ticked, ["expertise"]])
    script.replies.append(Action.FINISH)
    assert _run(tmp_path, script) == 0
    assert "Help: Tick all that apply." in script.said
    assert script.asked[5].kind == "checkbox" and script.asked[5].default == ("expertise",)
    assert script.answers_at(5).get("benefits.sought") is None  # not saved until confirmed


# -- one session per answer file ---------------------------------------------------------


def test_assess_on_a_file_another_session_holds_refuses_before_asking_anything(
    tmp_path: Path,
) -> None:
    path = _write(tmp_path / "east.answers.yaml", "  context.kind: informal\n")
    before = path.read_bytes()
    script = Script(tmp_path, [])
    with held_lock(path), pytest.raises(UsageError) as caught:
        _run(tmp_path, script, resume=path, service=None)
    message = str(caught.value)
    assert f"{path}: another session is writing it (process {os.getpid()} on " in message
    assert f"or if it is gone, delete {path}.lock and try again" in message
    assert caught.value.exit_code == 2
    assert script.asked == [] and script.said == []
    assert path.read_bytes() == before


@pytest.mark.parametrize("ending", ["finish", "ctrl-c"])
def test_assess_holds_the_lock_while_it_runs_and_lets_go_at_the_end(
    tmp_path: Path, ending: str
) -> None:
    path = _write(tmp_path / "east.answers.yaml", FULL)
    seen: list[bool] = []

    def look() -> Any:
        seen.append(lock_path(path).is_file())
        if ending == "ctrl-c":
            raise KeyboardInterrupt
        return Action.FINISH

    script = Script(tmp_path, [look])
    if ending == "finish":
        assert _run(tmp_path, script, resume=path, service=None) == 0
    else:
        with pytest.raises(Interrupted):
            _run(tmp_path, script, resume=path, service=None)
    assert seen == [True]
    assert not lock_path(path).exists()


def test_a_lock_left_by_a_session_that_died_is_taken_over_and_said(tmp_path: Path) -> None:
    path = _write(tmp_path / "east.answers.yaml", "  context.kind: informal\n")
    ended = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    pid = int(ended.stdout)
    lock_path(path).write_text(
        json.dumps(
            {"pid": pid, "host": socket.gethostname(), "started": "2026-11-25T09:30:00+00:00"}
        )
    )
    script = Script(tmp_path, ["Kent", KeyboardInterrupt])
    with pytest.raises(Interrupted):
        _run(tmp_path, script, resume=path, service=None)
    [line] = [line for line in script.said if line.startswith("Took over the lock")]
    assert f"on {path}: the session that held it (process {pid} on " in line
    assert line.endswith("is no longer running.")
    assert yaml.safe_load(path.read_text())["answers"]["context.partners"] == "Kent"


def test_a_new_file_does_not_take_a_name_another_session_is_starting(tmp_path: Path) -> None:
    today = dt.date.today().isoformat()
    starting = tmp_path / f"example-record-office-{today}.answers.yaml"
    with held_lock(starting):
        script = Script(tmp_path, ["informal", KeyboardInterrupt])
        with pytest.raises(Interrupted):
            _run(tmp_path, script)
    assert not starting.exists()
    assert (tmp_path / f"example-record-office-{today}-2.answers.yaml").is_file()


# -- long names --------------------------------------------------------------------------

LONG = "r" * 232 + ".answers.yaml"  # 245 characters: a legal name, near the limit


@pytest.mark.parametrize("by_hand", [False, True])
def test_a_file_with_a_245_character_name_is_saved_after_every_answer(
    tmp_path: Path, by_hand: bool
) -> None:
    path = _write(tmp_path / LONG, "  context.kind: informal\n")
    if not by_hand:  # in assess's own layout: no copy is needed
        file = AnswerFile(bank="small", bank_version="1.0", service="East", answers={})
        path.write_text(
            dump_answers(file.model_copy(update={"answers": {"context.kind": "informal"}})),
            encoding="utf-8",
        )
    before = path.read_bytes()
    script = Script(tmp_path, ["Kent", "fully", "", ["funding"], Action.FINISH])
    assert _run(tmp_path, script, resume=path, service=None) == 0
    assert yaml.safe_load(path.read_text())["answers"]["benefits.sought"] == ["funding"]
    assert script.answers_at(1)["context.partners"] == "Kent"  # saved at the first answer
    names = {p.name for p in tmp_path.iterdir()}
    stem = LONG.removesuffix(".answers.yaml")
    assert {LONG, f"{stem}.md", f"{stem}.json"} <= names
    assert all(len(name.encode()) <= 255 for name in names)
    assert not any(name.startswith(".") for name in names)  # no temp file left
    copies = [tmp_path / name for name in names if name.endswith(".bak")]
    assert len(copies) == by_hand
    if by_hand:
        [copy] = copies
        assert copy.read_bytes() == before and copy.name.startswith("r" * 200)
        assert f"A copy of it as it is now is kept at {copy}." in "\n".join(script.said)


def test_a_bank_version_that_looks_like_a_path_gives_a_copy_beside_the_file(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.answers.yaml"
    old = "bank: small\nbank_version: '../0.9/x'\nservice: Old\nanswers: {}\n"
    path.write_text(old, encoding="utf-8")
    with pytest.raises(Interrupted):
        _run(tmp_path, Script(tmp_path, [KeyboardInterrupt]), resume=path, service=None)
    [copy] = tmp_path.glob("*.bak")
    assert copy.parent == tmp_path and copy.read_text(encoding="utf-8") == old


def test_a_report_never_replaces_another_service_s_answers_beside_the_file(
    tmp_path: Path,
) -> None:
    path = _write(tmp_path / "office.yaml", FULL)
    other = '{"bank": "small", "bank_version": "1.0", "service": "West", "answers": {}}\n'
    (tmp_path / "office.json").write_text(other, encoding="utf-8")
    assert _run(tmp_path, Script(tmp_path, [Action.FINISH]), resume=path, service=None) == 0
    assert (tmp_path / "office.json").read_text(encoding="utf-8") == other
    assert json.loads((tmp_path / "office-2.json").read_text(encoding="utf-8"))["service"] == "East"
    assert "](office-2.svg)" in (tmp_path / "office-2.md").read_text(encoding="utf-8")


@pytest.mark.skipif(sys.platform == "win32", reason="links need privileges on Windows")
def test_the_copy_of_a_hand_filled_file_is_never_written_through_a_link(tmp_path: Path) -> None:
    path = tmp_path / "east.yaml"
    path.write_text(HAND_FILLED, encoding="utf-8")
    elsewhere = tmp_path / "elsewhere.txt"
    (tmp_path / "east.yaml.before-assess.bak").symlink_to(elsewhere)  # pointing at nothing yet
    script = Script(tmp_path, [KeyboardInterrupt])
    with pytest.raises(Interrupted):
        _run(tmp_path, script, resume=path, service=None)
    assert not elsewhere.exists()
    backup = tmp_path / "east.yaml.before-assess-2.bak"
    assert backup.read_text(encoding="utf-8") == HAND_FILLED
    assert f"A copy of it as it is now is kept at {backup}." in "\n".join(script.said)


def test_every_chosen_answer_offers_an_evidence_note(tmp_path: Path) -> None:
    replies: list[Any] = ["informal", "Terms of reference", "Kent", "fully", ""]
    replies += [["funding"], "Bid of 2026", Action.FINISH]
    script = Script(tmp_path, replies, skip_notes=())
    assert _run(tmp_path, script) == 0
    answers = yaml.safe_load(_only_answers_file(tmp_path).read_text(encoding="utf-8"))["answers"]
    assert answers["context.kind"] == {"answer": "informal", "note": "Terms of reference"}
    assert answers["benefits.sought"] == {"answer": ["funding"], "note": "Bid of 2026"}


def test_the_service_name_and_assessor_can_be_changed_from_the_review(tmp_path: Path) -> None:
    replies: list[Any] = ["informal", "Kent", "fully", "", ["funding"]]
    replies += [Action.SERVICE, "East Sussex Record Office", Action.FINISH]
    script = Script(tmp_path, replies, assessor="Archivist")
    assert _run(tmp_path, script) == 0
    data = yaml.safe_load(_only_answers_file(tmp_path).read_text(encoding="utf-8"))
    assert data["service"] == "East Sussex Record Office"
    assert script.asked[6].default == SERVICE  # Enter would keep the name as it was
    assert script.asked[7].details[0].value == "East Sussex Record Office"


def test_the_assessor_changed_from_the_review_is_saved(tmp_path: Path) -> None:
    replies: list[Any] = ["informal", "Kent", "fully", "", ["funding"], Action.ASSESSOR]
    script = Script(tmp_path, [*replies, KeyboardInterrupt], assessor="Archivist")
    with pytest.raises(Interrupted):
        _run(tmp_path, script)
    assert script.asked_assessor == 2  # at the start, and again from the review
    data = yaml.safe_load(_only_answers_file(tmp_path).read_text(encoding="utf-8"))
    assert data["assessor"] == "Archivist"


def test_answers_kept_aside_are_not_scored_and_come_back_on_resume(tmp_path: Path) -> None:
    replies: list[Any] = ["shared-service", "Kent", "fully", "", "no", "Counsel"]
    replies += [Action.BACK] * 4 + ["informal", "set-aside", KeyboardInterrupt]
    with pytest.raises(Interrupted):
        _run(tmp_path, Script(tmp_path, replies))
    path = _only_answers_file(tmp_path)
    out = str(tmp_path / "out")
    assert main(["score", str(path), "--bank", str(SMALL), "--out", out, "--format", "json"]) == 0
    [result] = (tmp_path / "out").glob("*.json")
    scored = json.loads(result.read_text(encoding="utf-8"))
    assert scored["hidden_answered"] == ["willing.legal"]  # ignored by the score
    # on resuming, changed back: the answer and its note return, and are not asked again
    script = Script(tmp_path, [Action.BACK] * 3 + ["shared-service", ["access"], Action.FINISH])
    assert _run(tmp_path, script, resume=path, service=None) == 0
    said = "\n".join(script.said)
    assert (
        "1 answer kept aside, as its question does not apply with the answers given; it comes"
        " back if a change makes it apply."
    ) in said
    assert "(1 answer given before brought back: applies again; 5 in all now)" in said
    assert "follow-up" not in said  # the question that came back is no follow-up to answer
    assert "Is the legal form chosen?" not in [spec.message for spec in script.asked]
    final = yaml.safe_load(path.read_text(encoding="utf-8"))["answers"]
    assert final["willing.legal"] == {"answer": "no", "note": "Counsel"}
    assert KEPT_ASIDE not in path.read_text(encoding="utf-8")


def test_resuming_a_file_with_a_gap_says_it_moves_on_to_the_next_question_not_answered(
    tmp_path: Path,
) -> None:
    # Nobody went back, so "on to where you were" would be untrue: the person was nowhere.
    path = tmp_path / "x.answers.yaml"
    path.write_text(
        "bank: small\nbank_version: '1.0'\nservice: X\nanswers:\n"
        "  context.kind: informal\n  willing.motivation: fully\n",
        encoding="utf-8",
    )
    script = Script(tmp_path, ["Kent", KeyboardInterrupt])
    with pytest.raises(Interrupted):
        _run(tmp_path, script, resume=path, service=None)
    assert [s.message for s in script.asked] == [
        "Who are the partners?",
        "Which benefits do you seek?",
    ]
    assert (
        "  (On to the next question not answered yet, passing over question 3, answered"
        " already; b goes back)" in script.said
    )
