"""Problem reporters: a validation result as text, JSON or GitHub Actions annotations.

Each reporter is a pure function from the result to the whole output; ``REPORTERS`` maps
the ``--format`` name to it.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from ..bank.validation import ValidationResult
from ..errors import Problem
from ..loading.terminal_text import json_fit_to_print, terminal_text
from .wording import counted


def summary(result: ValidationResult) -> str:
    """One line, e.g. ``2 files checked: 3 errors, 1 warning``."""
    checked = f"{counted(len(result.files), 'file')} checked"
    if not result.problems:
        return f"{checked}: no problems"
    return f"{checked}: {counted(result.errors, 'error')}, {counted(result.warnings, 'warning')}"


def problems_text(result: ValidationResult) -> str:
    """``path:line:col: severity: message [rule]`` per problem, then the summary line."""
    lines = [problem.format() for problem in result.problems]
    lines.append(summary(result))
    return "\n".join(lines) + "\n"


def problems_json(result: ValidationResult) -> str:
    """A stable JSON document: files checked, counts, and every problem."""
    document = {
        "files_checked": len(result.files),
        "files": result.files,
        "strict": result.strict,
        "valid": not result.failed,
        "counts": {"errors": result.errors, "warnings": result.warnings},
        "problems": [problem.to_dict() for problem in result.problems],
    }
    return json_fit_to_print(json.dumps(document, indent=2, ensure_ascii=False)) + "\n"


def _escape_data(value: str) -> str:
    escaped = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return terminal_text(escaped)  # other control characters: the runner's log is a terminal


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def annotation(problem: Problem) -> str:
    """One GitHub Actions workflow command, escaped the way the runner expects, with
    control characters shown as escapes."""
    properties = [f"file={_escape_property(problem.path)}"]
    if problem.line is not None:
        properties.append(f"line={problem.line}")
        if problem.column is not None:
            properties.append(f"col={problem.column}")
    properties.append(f"title={_escape_property(problem.rule)}")
    return f"::{problem.severity} {','.join(properties)}::{_escape_data(problem.message)}"


def problems_github(result: ValidationResult) -> str:
    """Workflow commands that show each problem on the changed line, then the summary."""
    lines = [annotation(problem) for problem in result.problems]
    lines.append(summary(result))
    return "\n".join(lines) + "\n"


REPORTERS: dict[str, Callable[[ValidationResult], str]] = {
    "text": problems_text,
    "json": problems_json,
    "github": problems_github,
}


def render_problems(result: ValidationResult, fmt: str) -> str:
    """The whole output of ``validate`` in the chosen format."""
    return REPORTERS[fmt](result)
