"""``assess`` driven by a scripted prompter: the saved file after every step, Ctrl-C, resume."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from partnership_check.cli import main
from partnership_check.commands.assess import run_assess
from partnership_check.errors import InputError, Interrupted, UsageError
from partnership_check.interactive.prompt_specs import (
    ASSESSOR_MESSAGE,
    Action,
    PromptSpec,
    Reply,
    Ticked,
)

SMALL = Path(__file__).parents[1] / "data" / "assess" / "small.yaml"
SERVICE = "Example Record Office"


class Script:
    """Plays replies in order, recording each prompt and the file on disk when it was asked."""

    def __init__(self, folder: Path, replies: list[Any], assessor: str | None = None) -> None:
        self.folder = folder
        self.replies = list(replies)
        self.asked: list[PromptSpec] = []
        self.saved: list[dict[str, Any] | None] = []
        self.said: list[str] = []
        self.assessor = assessor  # the reply to "who is completing it?", asked at every start
        self.asked_assessor = 0

    def ask(self, spec: PromptSpec) -> Reply:
        if spec.message == ASSESSOR_MESSAGE:
            self.asked_assessor += 1
            return self.assessor
        self.asked.append(spec)
        self.saved.append(self.file_data())
        reply = self.replies.pop(0)
        if isinstance(reply, BaseException) or (
            isinstance(reply, type) and issubclass(reply, BaseException)
        ):
            raise reply
        return reply  # type: ignore[no-any-return]

    def say(self, text: str = "", style: str = "") -> None:
        self.said.append(text)

    def file_data(self) -> dict[str, Any] | None:
        files = sorted(self.folder.glob("*.answers.yaml"))
        return yaml.safe_load(files[-1].read_text(encoding="utf-8")) if files else None

    def answers_at(self, index: int) -> dict[str, Any]:
        data = self.saved[index]
        assert data is not None
        return data["answers"]  # type: ignore[no-any-return]


def _run(out: Path, script: Script, resume: Path | None = None, **kw: Any) -> int:
    return run_assess(
        bank_path=kw.get("bank", SMALL),
        out_dir=out,
        resume=resume,
        service=kw.get("service", SERVICE),
        plain=False,
        prompter=script,
        **({"formats": kw["formats"]} if "formats" in kw else {}),
    )


def test_the_closing_report_can_be_a_page_to_print(tmp_path: Path) -> None:
    replies: list[Any] = ["informal", "Kent", "fully", "", ["funding"], Action.FINISH]
    script = Script(tmp_path, replies)
    assert _run(tmp_path, script, formats=("md", "json", "html")) == 0
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
    assert "willing.legal" not in script.answers_at(12)
    assert script.asked[12].kind == "checkbox"  # straight on to the first open question
    final = yaml.safe_load(_only_answers_file(tmp_path).read_text(encoding="utf-8"))
    assert final["answers"] == {
        "context.kind": "informal",
        "context.partners": None,
        "willing.motivation": {"answer": "fully", "note": "Board minutes"},
        "benefits.sought": ["expertise"],
    }
    assert "  - Is the legal form chosen? — Not at all" in script.said
    assert "  (1 answer removed: no longer applies)" in script.said


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
    for _ in range(2):
        with pytest.raises(Interrupted):
            _run(tmp_path, Script(tmp_path, ["informal", KeyboardInterrupt]))
    names = {p.name for p in tmp_path.glob("*.answers.yaml")}
    stem = sorted(names)[-1].removesuffix(".answers.yaml")
    assert names == {f"{stem}.answers.yaml", f"{stem}-2.answers.yaml"}


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
        (None, "file-missing"),
        ("bank: [unclosed", None),
        ("bank: other\nbank_version: '1.0'\nanswers: {}\n", "answers-wrong-bank"),
        ("bank: small\nbank_version: '1.0'\nanswers: {willing.nope: fully}\n", None),
    ],
)
def test_bad_resume_file_is_an_input_error_and_left_untouched(
    tmp_path: Path, content: str | None, rule: str | None
) -> None:
    path = tmp_path / "old.answers.yaml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    script = Script(tmp_path, [])
    with pytest.raises(InputError) as caught:
        _run(tmp_path, script, resume=path)
    if rule:
        assert caught.value.problems[0].rule == rule
    assert script.asked == []
    if content is not None:
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
    with pytest.raises(Interrupted):
        _run(tmp_path, script, resume=path, service=None)
    assert "  1. What kind of partnership? — Informal collaboration" in script.said
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
    assert "Already answered (1):" in said
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
        assert final["context.kind"] == "informal" and "willing.legal" not in final


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
    assert "  (1 follow-up question added by your answer)" in script.said
    assert "Context — question 2 of 2 · 2 of 5 overall" in script.said
    quiet = Script(tmp_path, ["informal", KeyboardInterrupt])
    with pytest.raises(Interrupted):
        _run(tmp_path, quiet)
    assert not any("follow-up" in line for line in quiet.said)


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
