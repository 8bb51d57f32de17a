"""The answer file's details asked of the person: the service's name and who is completing
the assessment, at the start and again from the review."""

from __future__ import annotations

from ..interactive.prompt_specs import Prompter, assessor_spec, service_spec

MAX_NAME = 200  # characters of the service's name, and of the assessor's, as the file allows


def ask_service(prompter: Prompter, current: str | None = None) -> str:
    """The service's name; Enter keeps ``current`` when there is one."""
    while True:
        reply = prompter.ask(service_spec(current))
        if isinstance(reply, str) and reply.strip():
            if len(reply.strip()) <= MAX_NAME:
                return reply.strip()
            prompter.say(f"Please keep the name under {MAX_NAME} characters.")


def ask_assessor(prompter: Prompter, current: str | None = None) -> str | None:
    """Who is completing the assessment, a name or a role; none when skipped or cleared."""
    while True:
        reply = prompter.ask(assessor_spec(current))
        text = reply.strip() if isinstance(reply, str) else ""
        if len(text) <= MAX_NAME:
            return text or None
        prompter.say(f"Please keep it under {MAX_NAME} characters.")
