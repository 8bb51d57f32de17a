"""A scripted prompter for ``assess``: replies played in order, prompts and lines recorded."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from partnership_check.commands.assess import run_assess
from partnership_check.interactive.prompt_specs import (
    ASSESSOR_MESSAGE,
    LIST_ANSWERS_MESSAGE,
    NOTE_MESSAGE,
    PromptSpec,
    Reply,
    set_aside_spec,
)

SMALL = Path(__file__).parents[1] / "data" / "assess" / "small.yaml"
SERVICE = "Example Record Office"
SET_ASIDE_MESSAGE = set_aside_spec(None).message
UNSCORED = ("What kind of partnership?", "Which benefits do you seek?")


class Script:
    """Plays replies in order, recording each prompt and the file on disk when it was asked."""

    def __init__(
        self,
        folder: Path,
        replies: list[Any],
        assessor: str | None = None,
        skip_notes: tuple[str, ...] = UNSCORED,
    ) -> None:
        self.folder = folder
        # The evidence note after these questions is skipped without a reply of the test's
        # own: most tests are about the answers, not the notes of unscored questions.
        self.skip_notes = skip_notes
        self.list_answers: str | None = None  # the reply to "list them first?" on resuming
        self.last_question = ""
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
        if spec.message == LIST_ANSWERS_MESSAGE:  # on resuming: carry on, unless told
            return self.list_answers
        if spec.message == NOTE_MESSAGE and self.last_question in self.skip_notes:
            return None
        if spec.message not in (NOTE_MESSAGE, SET_ASIDE_MESSAGE):
            self.last_question = spec.message
        self.asked.append(spec)
        self.saved.append(self.file_data())
        reply = self.replies.pop(0)
        if isinstance(reply, BaseException) or (
            isinstance(reply, type) and issubclass(reply, BaseException)
        ):
            raise reply
        if callable(reply):  # a step of the test's own, then the reply it returns
            reply = reply()
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


def run(out: Path, script: Script, resume: Path | None = None, **kw: Any) -> int:
    """``assess`` on the small bank; answers that cannot be saved go nowhere else unless
    the test names ``fallback_dirs``."""
    return run_assess(
        bank_path=kw.get("bank", SMALL),
        out_dir=out,
        resume=resume,
        service=kw.get("service", SERVICE),
        plain=False,
        prompter=script,
        fallback_dirs=kw.get("fallback_dirs", ()),
        **({"formats": kw["formats"]} if "formats" in kw else {}),
        to_html=kw.get("to_html"),
    )
