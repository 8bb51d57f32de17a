"""The files of the commands that compare answer files (``compare``, ``progress``): the
answer files read and scored, and the view written to stdout or beside its JSON result."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from ..answers.match import read_answers
from ..bank.model import Bank
from ..errors import InputError, Problem, UsageError
from ..loading.atomic_files import atomic_write, check_output_file
from ..render.views import VIEW_FORMATS
from ..scoring.bank_facts import BankFacts
from ..scoring.results import ServiceResult
from ..scoring.score import score_service


def require_files(paths: Sequence[Path]) -> None:
    """A usage error naming every path that is missing or a folder, before any work."""
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise UsageError(f"no such file: {', '.join(missing)}")
    folders = [str(p) for p in paths if p.is_dir()]
    if folders:
        raise UsageError(f"{', '.join(folders)}: is a folder; give answer files")


def score_files(bank: Bank, paths: Sequence[Path]) -> list[ServiceResult]:
    """Loads, matches and scores each file; every bad file's problems raise one InputError."""
    facts = BankFacts(bank)
    results: list[ServiceResult] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            loaded, matched = read_answers(bank, path)
        except InputError as err:
            problems.extend(err.problems)
            continue
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


def check_output(output: Path, example: str, inputs: Sequence[Path] = ()) -> Path:
    """Refuses an ``-o`` path that cannot be written, or that would replace one of the
    ``inputs`` (someone's answers), before any work: returns the JSON path.

    ``example`` is a file name to suggest (``partnership.md``) when ``output`` is a folder.
    """
    json_path = json_path_for(output)
    given = {path.resolve() for path in inputs}
    for target in (output, json_path):
        if target.is_dir():
            raise UsageError(f"-o {target}: is a folder; give a file name such as {example}")
        if target.resolve() in given:
            raise UsageError(
                f"-o {output}: would replace the answer file {target}; give another name,"
                f" such as {example}"
            )
        check_output_file(target)
    return json_path


def check_format(output_format: str) -> None:
    if output_format not in VIEW_FORMATS:
        raise UsageError(f"--format: {output_format!r} is not one of md, html")


def write_outputs(output: Path | None, text: str, json_text: str) -> None:
    """The view (Markdown or HTML) to stdout, or to ``output`` with the JSON result beside it."""
    if output is None:
        sys.stdout.write(text)
        return
    json_path = json_path_for(output)
    atomic_write(output, text)
    atomic_write(json_path, json_text)
    sys.stderr.write(f"Wrote {output} and {json_path}.\n")
