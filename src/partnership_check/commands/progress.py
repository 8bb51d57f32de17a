"""``progress``: what changed between two assessments of one service, to stdout or a file."""

from __future__ import annotations

from pathlib import Path

from ..bank.load import load_bank
from ..errors import ExitCode, UsageError
from ..render.views import render_progress, view_text
from ..views.progress import compare_progress
from .view_files import check_output, chosen_format, require_files, score_files, write_outputs


def run_progress(
    old: Path,
    new: Path,
    bank_path: Path | None,
    output: Path | None,
    output_format: str | None = None,
) -> ExitCode:
    """The ``progress`` command: score both files, compare, write Markdown or HTML (and JSON
    with -o)."""
    output_format = chosen_format(output_format, output)
    if old.resolve() == new.resolve():
        raise UsageError(f"{old}: OLD and NEW are the same file; give two assessments")
    require_files([old, new])
    if output is not None:
        check_output(output, f"progress.{output_format}", [old, new])
    bank = load_bank(bank_path)
    old_result, new_result = score_files(bank, [old, new])
    result = compare_progress(bank, old_result, new_result)
    text = view_text(render_progress(result), output_format)
    write_outputs(output, text, result.model_dump_json(indent=2) + "\n")
    unread = old_result.problems or new_result.problems
    return ExitCode.PROBLEMS if unread else ExitCode.OK
