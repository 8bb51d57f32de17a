"""Which files ``score`` reads: files as given, folders searched, globs expanded, and the
answer files in the output folder that no report may replace."""

from __future__ import annotations

import glob
import os
from collections.abc import Sequence
from pathlib import Path

from ..errors import UsageError

ANSWER_SUFFIXES = (".yaml", ".yml", ".json")
_GLOB_CHARS = frozenset("*?[")


def _is_answer_file(path: str, out_dir: Path | None) -> bool:
    name = os.path.basename(path)
    suffix = os.path.splitext(name)[1].lower()
    if suffix not in ANSWER_SUFFIXES or name.endswith(".schema.json"):
        return False
    # JSON in the output folder is an earlier run's results, not answers.
    return suffix != ".json" or out_dir is None or Path(path).resolve().parent != out_dir


def expand_paths(paths: Sequence[Path], out_dir: Path | None = None) -> list[str]:
    """Files as given; folders searched (not recursively) and globs expanded, sorted.

    Inside folders, JSON Schemas (``*.schema.json``) and JSON files in the output folder
    (results of an earlier run) are passed over. Files are named by plain strings, read
    from the folder as a stream: a batch of thousands costs little memory.
    """
    skip = out_dir.resolve() if out_dir is not None and out_dir.exists() else None
    found: dict[str, None] = {}  # in order, each file once
    for path in paths:
        if path.is_dir():
            with os.scandir(path) as entries:
                inside = sorted(
                    e.path for e in entries if _is_answer_file(e.path, skip) and e.is_file()
                )
            if not inside:
                raise UsageError(f"{path}: no .yaml, .yml or .json answer files in this folder")
            found.update(dict.fromkeys(inside))
        elif path.exists():
            found[str(path)] = None
        elif _GLOB_CHARS & set(str(path)):
            matches = [
                str(m)
                for m in sorted(Path(m) for m in glob.glob(str(path)))
                if m.is_file() and _is_answer_file(str(m), skip)
            ]
            if not matches:
                raise UsageError(f"{path}: no answer files match this pattern")
            found.update(dict.fromkeys(matches))
        else:
            raise UsageError(f"{path}: no such file or folder")
    return list(found)


def answers_in(files: list[str], out_dir: Path) -> frozenset[str]:
    """Names of the answer files that sit in ``out_dir`` and could be taken for a report's
    or summary's name: only JSON ones can, as reports are .md, .svg, .json and .csv."""
    folder = os.path.realpath(out_dir)
    return frozenset(
        os.path.basename(real)
        for real in (os.path.realpath(f) for f in files if f.lower().endswith(".json"))
        if os.path.dirname(real) == folder
    )
