"""Lines said to the person at a terminal, wrapped at spaces to its width, each wrapped line
hanging under the text of its item (after ``  12. ``, ``  - `` or ``  Note: ``), for both
prompters: a line that breaks mid-word, or runs back to the first column, is hard to read."""

from __future__ import annotations

import re
import shutil
import textwrap

from ..loading.terminal_text import terminal_text

_HANGING = re.compile(r"\s*(?:[0-9a-z]+\. |[A-Z][a-z]+: |- )?")  # "  12. ", "  Note: ", "  - "


def fitted(text: str) -> str:
    """``text`` safe for the terminal (control characters shown), each of its lines wrapped
    to the terminal's width less one column."""
    width = shutil.get_terminal_size((80, 24)).columns - 1
    lines = terminal_text(text, keep_newlines=True).split("\n")
    return "\n".join(hanging(line, width) for line in lines)


def hanging(line: str, width: int) -> str:
    """One line wrapped at spaces, its continuation under the text after a number, a dash
    or a label."""
    if len(line) <= width:
        return line
    hang = " " * len(_HANGING.match(line).group())  # type: ignore[union-attr]
    # a path or a command stays whole, to copy: the terminal wraps it if it must
    return textwrap.fill(
        line, width, subsequent_indent=hang, break_on_hyphens=False, break_long_words=False
    )
