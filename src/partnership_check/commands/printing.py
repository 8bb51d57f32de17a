"""What the commands print: every line fit for a terminal (control characters from file names
or files shown as escapes), and a reader that has gone away (``| head -1``) never stops the
work: what follows goes nowhere, and every file is still written."""

from __future__ import annotations

import io
import os
import sys
from typing import TextIO

from ..loading.terminal_text import terminal_text


def to_stdout(line: str) -> None:
    """One line of output, shown with its control characters escaped."""
    _write(sys.stdout, terminal_text(line) + "\n")


def to_stderr(line: str) -> None:
    """One line of messages (a problem, what was written), escaped in the same way."""
    _write(sys.stderr, terminal_text(line) + "\n")


def document_to_stdout(text: str) -> None:
    """A whole document (Markdown, JSON, a problem list) on stdout, its lines kept."""
    _write(sys.stdout, terminal_text(text, keep_newlines=True))


def _write(stream: TextIO, text: str) -> None:
    try:
        stream.write(text)
        stream.flush()  # a closed pipe shows here, not at some later line
    except BrokenPipeError:
        write_nowhere(stream)


def write_nowhere(stream: TextIO) -> None:
    """Points a standard stream whose reader has gone at the null device, so that what is
    still buffered or printed later is dropped instead of failing."""
    try:
        descriptor = stream.fileno()
    except (OSError, ValueError, io.UnsupportedOperation):
        return  # not a real file (a test's capture): nothing to point elsewhere
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, descriptor)
    finally:
        os.close(null)
