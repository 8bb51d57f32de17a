"""Writing the view of a command that compares answer files (``compare``, ``progress``).

Markdown goes to stdout, or to a file with the JSON result beside it; templates are the
package's own, rendered with the report's filters.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from .errors import UsageError


def json_path_for(output: Path) -> Path:
    """Where the JSON result goes beside the Markdown file ``output``: same stem, ``.json``."""
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
    from .files import check_output_file

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


def write_outputs(output: Path | None, markdown: str, json_text: str) -> None:
    """Markdown to stdout, or Markdown to ``output`` and the JSON result beside it."""
    from .files import atomic_write

    if output is None:
        sys.stdout.write(markdown)
        return
    json_path = json_path_for(output)
    try:
        atomic_write(output, markdown)
        atomic_write(json_path, json_text)
    except OSError as err:  # checked up front; this is a race or a permission problem
        reason = err.strerror or str(err)
        raise UsageError(f"-o {output}: cannot write ({reason})") from None
    sys.stderr.write(f"Wrote {output} and {json_path}.\n")


def render_template(name: str, **context: object) -> str:
    """Renders a bundled template with report.py's environment and filters (``md`` escapes)."""
    from .report import render_bundled

    return render_bundled(name, **context)
