"""Reading an answer file: its structure checked with every problem located, and what of
a faulty file can still be read, so that its answers are checked too."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import InputError, Place, Problem
from ..loading.cycle_collector import collector_paused
from ..loading.file_kinds import is_workbook
from ..loading.locations import NearMisses, locate_all, validation_problems
from ..loading.parser import parse_text
from ..loading.terminal_text import has_surrogates
from ..loading.text_files import is_json, read_text
from .model import AnswerFile, LongAnswer

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class LoadedAnswers:
    """An answer file as read: the model, where it came from, and its text for locations;
    or, read from a workbook, the cell (``Answers!D14``) of each path of keys instead."""

    path: Path
    text: str
    file: AnswerFile
    cells: Mapping[Loc, str] | None = None

    def where(self, loc: Loc) -> Place:
        return self.places([loc])[0]

    def places(self, locs: Sequence[Loc]) -> list[Place]:
        """Where each path of keys is (or its deepest ancestor), all found in one reading
        of the text."""
        if self.cells is not None:
            return [Place(cell=_nearest_cell(self.cells, loc)) for loc in locs]
        found = locate_all(self.text, [(loc, False) for loc in locs])
        return [Place(*place) if place else Place() for place in found]


def _nearest_cell(cells: Mapping[Loc, str], loc: Loc) -> str | None:
    for length in range(len(loc), 0, -1):
        cell = cells.get(loc[:length])
        if cell is not None:
            return cell
    return None


class AnswerFileError(InputError):
    """Structural problems in an answer file, and what of it could still be read: the
    file without its wrong keys and answers, so its answers can still be checked."""

    def __init__(self, problems: list[Problem], partial: LoadedAnswers | None) -> None:
        super().__init__(problems)
        self.partial = partial


def parse_answers(path: Path, text: str) -> LoadedAnswers:
    """Parses answer-file text; structural problems raise AnswerFileError with locations."""
    name = str(path)
    try:
        with collector_paused():
            data = parse_text(name, text, is_json=is_json(path))
            file = AnswerFile.model_validate(data)
    except ValidationError as err:
        partial = _without_errors(data, err)
        loaded = None if partial is None else LoadedAnswers(path=path, text=text, file=partial)
        details = _in_the_form_used(data, err)
        problems = validation_problems(name, text, err, details=details)
        raise AnswerFileError(_with_meant_keys(problems, details), loaded) from None
    return LoadedAnswers(path=path, text=text, file=file)


# An answer may take several forms; pydantic names the form in the error's place.
_FORMS: dict[str, type] = {"str": str, "list[str]": list, "LongAnswer": dict}


def _in_the_form_used(data: Any, err: ValidationError) -> list[Any]:
    """The errors of the form each answer was written in, placed without the form's name.

    pydantic reports why a wrong answer fails as every form it may take: a typo in
    ``note`` would also read as "should be a valid string" and "should be a valid list".
    Only the form the file used (a mapping, a list, or else text) says what is wrong.
    """
    details = err.errors(include_url=False)
    kept = []
    for detail in details:
        raw, loc = data, []
        for part in detail["loc"]:
            form = _FORMS.get(part) if isinstance(part, str) else None
            if form is not None and not (isinstance(raw, dict) and part in raw):
                used = raw.__class__ if isinstance(raw, dict | list) else str
                if form is not used:
                    break  # a form the file did not use
                continue
            loc.append(part)
            if isinstance(raw, dict):
                raw = raw.get(part)
            elif isinstance(raw, list) and isinstance(part, int) and 0 <= part < len(raw):
                raw = raw[part]
            else:
                raw = None
        else:
            kept.append({**detail, "loc": tuple(loc)})
    return kept or list(details)  # never fewer than one problem for a file that failed


def _with_meant_keys(problems: list[Problem], details: list[Any]) -> list[Problem]:
    """An unknown key close to a known one says which was probably meant."""
    meant: dict[str, str] = {}
    near = NearMisses()
    for detail in details:
        loc = detail["loc"]
        if detail["type"] != "extra_forbidden":
            continue
        if len(loc) == 1:
            known = list(AnswerFile.model_fields)
        elif len(loc) == 3 and loc[0] == "answers":
            known = list(LongAnswer.model_fields)
        else:
            continue
        close = near.closest(str(loc[-1]), known)
        if close:
            meant[".".join(map(str, loc))] = close
    if not meant:
        return problems
    better = []
    for problem in problems:
        dotted = problem.message.split(": ", 1)[0]
        if dotted in meant:
            message = f"{dotted}: unknown key; did you mean {meant[dotted]!r}?"
            problem = dataclasses.replace(problem, message=message)
        better.append(problem)
    return better


def _without_errors(data: dict[str, Any], err: ValidationError) -> AnswerFile | None:
    """The file with the keys and answers that failed left out, when what identifies it
    (bank and version) and the answers as a whole are sound; else None."""
    locs = [d["loc"] for d in err.errors(include_url=False)]
    top = {loc[0] for loc in locs if loc}
    if top & {"bank", "bank_version"} or ("answers",) in locs:
        return None
    bad_answers = {loc[1] for loc in locs if len(loc) > 1 and loc[0] == "answers"}
    kept = {key: value for key, value in data.items() if key not in top - {"answers"}}
    if bad_answers and isinstance(kept.get("answers"), dict):
        kept["answers"] = {q: a for q, a in kept["answers"].items() if q not in bad_answers}
    try:
        return AnswerFile.model_validate(kept)
    except ValidationError:
        return None


def load_answers(path: Path) -> LoadedAnswers:
    """Reads and parses one answer file. Its name goes into the report and the summary, so
    a name that is not UTF-8 (bytes Python keeps as lone surrogates) is a problem."""
    name = str(path)
    if has_surrogates(name):
        raise InputError.single(
            name,
            "file-name-encoding",
            "the file name is not UTF-8 (each byte that is not is shown as \\xNN), so no "
            "report can name it; rename the file",
        )
    return parse_answers(path, read_text(path))


ANSWER_SUFFIXES = (".yaml", ".yml", ".json")


def may_hold_answers(path: Path) -> bool:
    """Whether the file at ``path`` may be someone's answers, so that no output replaces
    it: a YAML or JSON file that reads as an answer file (``bank`` and ``answers`` keys at
    the top), or that mentions both and cannot be read (answers half typed in), or that
    cannot be read at all; and any Excel workbook. Other names, and nothing there, are
    not."""
    if is_workbook(path):
        return path.is_file()
    if path.suffix.lower() not in ANSWER_SUFFIXES:
        return False
    try:
        text = read_text(path)
    except InputError as err:
        return err.problems[0].rule != "file-missing"
    if not _may_name_both_keys(text, is_json(path)):
        return False
    try:
        data = parse_text(str(path), text, is_json=is_json(path))
    except InputError:
        return True
    return isinstance(data, dict) and "bank" in data and "answers" in data


def _may_name_both_keys(text: str, as_json: bool) -> bool:
    """A quick look that never misses: whether the text may hold ``bank`` and ``answers``
    keys. In JSON a key is spelt in quotes, or hidden only by ``\\u`` escapes; in YAML any
    escape may spell it. A report holds neither key, so it is not parsed here."""
    if as_json:
        escaped, bank, answers = "\\u", '"bank"', '"answers"'
    else:
        escaped, bank, answers = "\\", "bank", "answers"
    return escaped in text or (bank in text and answers in text)
