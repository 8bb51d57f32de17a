"""Which files ``score`` reads: files as given, folders searched, globs expanded, and the
answer files in the output folder that no report may replace."""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

from ..answers.load import ANSWER_SUFFIXES
from ..errors import UsageError
from ..loading.file_kinds import is_workbook, not_regular

_GLOB_CHARS = frozenset("*?[")


class Inputs(NamedTuple):
    """The answer files to score, and the entries of folders and globs passed over for
    not being regular files (a named pipe, a link to a device), each with what it is."""

    files: list[str]
    skipped: list[tuple[str, str]]


def _is_answer_file(path: str, out_dir: Path | None) -> bool:
    name = os.path.basename(path)
    suffix = os.path.splitext(name)[1].lower()
    if is_workbook(name):
        return not name.startswith("~$")  # what Excel keeps beside a workbook it has open
    if suffix not in ANSWER_SUFFIXES or name.endswith(".schema.json"):
        return False
    # JSON in the output folder is an earlier run's results, not answers.
    return suffix != ".json" or out_dir is None or Path(path).resolve().parent != out_dir


def expand_paths(paths: Sequence[Path], out_dir: Path | None = None) -> Inputs:
    """Files as given; folders searched (not recursively) and globs expanded, sorted.

    Inside folders, workbooks (``.xlsx``, and ``.xlsm`` to be refused) are answer files;
    JSON Schemas (``*.schema.json``) and JSON files in the output folder
    (results of an earlier run) are passed over, and so are sub-folders; an answer file's
    name on something not a regular file is passed over too, and listed as skipped. A
    file given by name must be a regular file. Files are named by plain strings, read
    from the folder as a stream: a batch of thousands costs little memory.
    """
    skip = out_dir.resolve() if out_dir is not None and out_dir.exists() else None
    found: dict[str, None] = {}  # in order, each file once
    skipped: list[tuple[str, str]] = []
    for path in paths:
        before = len(skipped)
        if path.is_dir():
            with os.scandir(path) as entries:  # the entry knows a regular file: no look
                names = sorted(
                    (e.path, e.is_file()) for e in entries if _is_answer_file(e.path, skip)
                )
            inside = _regular(names, skipped)
            if not inside:
                raise UsageError(
                    f"{path}: no .yaml, .yml, .json or .xlsx answer files in this folder"
                    + "".join(f"; {name} is {kind}" for name, kind in skipped[before:])
                )
            found.update(dict.fromkeys(inside))
        elif os.path.lexists(path):
            kind = not_regular(path)
            if kind is not None:
                raise UsageError(f"{path}: is {kind}, not a file; give answer files or folders")
            found[str(path)] = None
        elif _GLOB_CHARS & set(str(path)):
            names = [
                (str(m), False)
                for m in sorted(Path(m) for m in glob.glob(str(path)))
                if _is_answer_file(str(m), skip)
            ]
            matches = _regular(names, skipped)
            if not matches:
                raise UsageError(
                    f"{path}: no answer files match this pattern"
                    + "".join(f"; {name} is {kind}" for name, kind in skipped[before:])
                )
            found.update(dict.fromkeys(matches))
        else:
            raise UsageError(f"{path}: no such file or folder")
    return Inputs(list(found), skipped)


def _regular(names: Iterable[tuple[str, bool]], skipped: list[tuple[str, str]]) -> list[str]:
    """The regular files (links to them too) among ``names``, each with whether it is
    already known to be one; what else is there goes to ``skipped`` with what it is,
    except folders, which are never searched."""
    kept = []
    for name, is_file in names:
        kind = None if is_file else not_regular(name)
        if kind is None:
            kept.append(name)
        elif kind != "a folder":
            skipped.append((name, kind))
    return kept


def answers_in(files: list[str], out_dir: Path) -> frozenset[str]:
    """Names of the answer files that sit in ``out_dir`` and could be taken for a report's
    or summary's name: only JSON ones can, as reports are .md, .svg, .json and .csv."""
    folder = os.path.realpath(out_dir)
    return frozenset(
        os.path.basename(real)
        for real in (os.path.realpath(f) for f in files if f.lower().endswith(".json"))
        if os.path.dirname(real) == folder
    )
