"""``template``: write a blank answer file (and the answers schema beside it) or print it."""

from __future__ import annotations

import os
from pathlib import Path

from ..bank.load import load_bank
from ..errors import ExitCode, UsageError
from ..loading.atomic_files import atomic_write, check_output_file, is_stdout
from ..render.answer_template import SCHEMA_FILE, render_answer_template
from ..render.schemas import schema_json
from .output_places import clear_leftovers
from .printing import document_to_stdout, to_stderr


def run_template(bank_path: Path | None, output: Path | None, force: bool = False) -> ExitCode:
    """Writes the blank answer file to ``output`` (and its schema beside it) or stdout
    (no ``output``, or ``-``).

    A file already at ``output`` may hold someone's answers: it is replaced only with
    ``force``, or when it already is this very template. Anything there but a regular
    file (a device, a named pipe) is refused, ``force`` or not.
    """
    if is_stdout(output):
        output = None
    if output is not None:
        check_output_file(output)
    bank = load_bank(bank_path)
    text = render_answer_template(bank)
    if output is None:
        document_to_stdout(text)
        return ExitCode.OK
    if not force and output.is_file() and _differs(output, text):
        raise UsageError(
            f"-o {output}: the file already exists and may hold answers; give a new file name,"
            " or add --force to replace it with a blank template"
        )
    leftovers = clear_leftovers(output.parent)
    if leftovers:
        to_stderr(leftovers)
    atomic_write(output, text)
    schema_path = output.parent / SCHEMA_FILE
    if not os.path.lexists(schema_path):  # whatever is there, even a link, is left alone
        atomic_write(schema_path, schema_json("answers", bank))
    to_stderr(f"Wrote {output} (and {schema_path} for editors that check YAML).")
    return ExitCode.OK


def _differs(path: Path, text: str) -> bool:
    try:
        return path.read_bytes() != text.encode("utf-8")
    except OSError:
        return True  # unreadable: treat it as someone's work
