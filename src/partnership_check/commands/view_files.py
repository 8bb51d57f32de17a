"""The files of the commands that compare answer files (``compare``, ``progress``): the
answer files read and scored, and the view written to stdout or beside its JSON result."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..bank.model import Bank
from ..errors import InputError, Problem, UsageError
from ..loading.atomic_files import atomic_write, check_output_file, is_stdout
from ..loading.file_kinds import not_regular
from ..render.views import VIEW_FORMATS
from ..scoring.bank_facts import BankFacts
from ..scoring.results import ServiceResult
from ..scoring.score import score_service
from .answer_files import read_answer_file
from .output_places import clear_leftovers, replaceable
from .printing import document_to_stdout, to_stderr


def require_files(paths: Sequence[Path]) -> None:
    """A usage error naming every path that is missing, a folder, or not a regular file
    (a named pipe, which would wait for ever, a device), before any work."""
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise UsageError(f"no such file: {', '.join(missing)}")
    folders = [str(p) for p in paths if p.is_dir()]
    if folders:
        raise UsageError(f"{', '.join(folders)}: is a folder; give answer files")
    for path in paths:
        kind = not_regular(path)
        if kind is not None:
            raise UsageError(f"{path}: is {kind}, not a file; give answer files")


def score_files(bank: Bank, paths: Sequence[Path]) -> list[ServiceResult]:
    """Loads, matches and scores each file; every bad file's problems raise one InputError.
    A file with answers that could not be read is scored without them, and each of its
    problems is printed on stderr; so are problems to check that do not stop scoring, as
    ``score`` prints them."""
    facts = BankFacts(bank)
    results: list[ServiceResult] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            loaded, matched = read_answer_file(bank, path)
        except InputError as err:
            problems.extend(err.problems)
            continue
        for left in matched.left_unanswered:
            to_stderr(left.problem.format())
        for warning in matched.warnings:  # an id of another version that looks like a typo
            to_stderr(warning.format())
        results.append(score_service(bank, loaded.file, matched, source=str(path), facts=facts))
    if problems:
        raise InputError(problems)
    return results


def json_path_for(output: Path) -> Path:
    """Where the JSON result goes beside the view ``output``: same stem, ``.json``."""
    if output.suffix.lower() == ".json":
        raise UsageError(
            f"{output}: give the Markdown file to write (e.g. partnership.md); "
            "the JSON result is written beside it with the same name and .json"
        )
    return output.with_suffix(".json")


def check_output(output: Path, example: str, inputs: Sequence[Path] = ()) -> Path | None:
    """Refuses, before any work, an ``-o`` path that cannot be written, that is not a
    regular file (a device, a named pipe, a link to one), or that would replace an answer
    file, one of the ``inputs`` or any other: returns the JSON path, or None for ``-``
    (standard output).

    ``example`` is a file name to suggest (``partnership.md``) when ``output`` is a folder.
    """
    if is_stdout(output):
        return None
    json_path = json_path_for(output)
    given = {path.resolve() for path in inputs}
    for target in (output, json_path):
        if target.is_dir():
            raise UsageError(f"-o {target}: is a folder; give a file name such as {example}")
        check_output_file(target, "-o" if target == output else f"-o {output}: its JSON result")
        if target.resolve() in given or not replaceable(target):
            raise UsageError(
                f"-o {output}: would replace the answer file {target}; give another name,"
                f" such as {example}"
            )
    return json_path


def chosen_format(output_format: str | None, output: Path | None) -> str:
    """``--format`` as given; without it, html for an ``-o`` file ending in .html or .htm
    (so that such a file holds a page, not Markdown), otherwise md."""
    if output_format is None:
        suffix = output.suffix.lower() if output is not None else ""
        output_format = "html" if suffix in (".html", ".htm") else "md"
    if output_format not in VIEW_FORMATS:
        raise UsageError(f"--format: {output_format!r} is not one of md, html")
    return output_format


def write_outputs(output: Path | None, text: str, json_text: str) -> None:
    """The view (Markdown or HTML) to stdout (no ``output``, or ``-``), or to ``output``
    with the JSON result beside it."""
    if output is None or is_stdout(output):
        document_to_stdout(text)
        return
    json_path = json_path_for(output)
    leftovers = clear_leftovers(output.parent)
    if leftovers:
        to_stderr(leftovers)
    atomic_write(output, text)
    atomic_write(json_path, json_text)
    to_stderr(f"Wrote {output} and {json_path}.")
