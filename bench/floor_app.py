"""The start-up floor for ``bench/startup.py``: a minimal typer application whose commands
take the same kinds of options as ``partnership-check validate`` and ``score`` and import
the same libraries (typer, PyYAML, pydantic; Jinja2 for score), and do nothing else.

    python bench/floor_app.py validate [BANK...] [--format text] [--strict]
    python bench/floor_app.py score ANSWER... [--out DIR] [--format md] [--jobs N] ...
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import pydantic  # noqa: F401  (imported, as partnership-check imports it)
import typer
import yaml  # noqa: F401

app = typer.Typer(add_completion=False, rich_markup_mode=None)


@app.command()
def validate(
    paths: Annotated[list[Path] | None, typer.Argument()] = None,
    output_format: Annotated[str, typer.Option("--format")] = "text",
    strict: Annotated[bool, typer.Option("--strict")] = False,
) -> None:
    """Parses the options of ``validate``."""


@app.command()
def score(
    paths: Annotated[list[Path], typer.Argument()],
    bank: Annotated[Path | None, typer.Option("--bank")] = None,
    out: Annotated[Path, typer.Option("--out")] = Path("reports"),
    formats: Annotated[str, typer.Option("--format")] = "md",
    template: Annotated[Path | None, typer.Option("--template")] = None,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j")] = None,
    fail_on: Annotated[str, typer.Option("--fail-on")] = "error",
    quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False,
) -> None:
    """Parses the options of ``score`` and imports Jinja2, as ``score`` renders with it."""
    import jinja2  # noqa: F401


if __name__ == "__main__":
    app()
