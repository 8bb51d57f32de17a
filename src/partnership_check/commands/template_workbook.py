"""``template --format xlsx``: write the blank answer workbook, for people who answer in a
spreadsheet. Imported only for a workbook, so that openpyxl costs nothing otherwise."""

from __future__ import annotations

from pathlib import Path

from ..bank.load import load_bank
from ..errors import ExitCode, UsageError
from ..loading.atomic_files import atomic_write, check_output_file, is_stdout
from ..render.answer_workbook import render_answer_workbook
from .output_places import clear_leftovers
from .printing import to_stderr


def run_workbook_template(bank_path: Path | None, output: Path | None, force: bool) -> ExitCode:
    """Writes the blank workbook to ``output``, an .xlsx file. A file already there may be
    someone's returned workbook: it is replaced only with ``force``, or when it already is
    this very blank workbook."""
    if output is None or is_stdout(output) or output.suffix.lower() != ".xlsx":
        raise UsageError(
            "--format xlsx: give the workbook to write with -o, ending in .xlsx, for example"
            " -o blank.xlsx"
        )
    check_output_file(output)
    data = render_answer_workbook(load_bank(bank_path))
    if not force and output.is_file() and _differs(output, data):
        raise UsageError(
            f"-o {output}: the file already exists and may hold answers; give a new file name,"
            " or add --force to replace it with a blank workbook"
        )
    leftovers = clear_leftovers(output.parent)
    if leftovers:
        to_stderr(leftovers)
    atomic_write(output, data)
    to_stderr(
        f"Wrote {output}. Send a copy to each service; score the returned workbooks with"
        " `partnership-check score <folder of them>`."
    )
    return ExitCode.OK


def _differs(path: Path, data: bytes) -> bool:
    try:
        return path.read_bytes() != data
    except OSError:
        return True  # unreadable: treat it as someone's work
