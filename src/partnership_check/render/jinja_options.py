"""How every template here is compiled: the Jinja2 settings, the names of our filters and
tests, and the manifest that says which sources a precompiled copy was made from. Only the
standard library is used, so that the wheel's build step (``hatch_build.py``) can run this
file to precompile the package's own templates exactly as the running tool would."""

from __future__ import annotations

import hashlib
from pathlib import Path

OPTIONS = {
    "autoescape": False,  # Markdown is escaped by the md filter; SVG text by xml
    "keep_trailing_newline": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
}
FILTERS = (
    "md",
    "xml",
    "clip",
    "score",
    "percent",
    "number",
    "bar",
    "counted",
    "pick",
    "listed",
    "change",
)
TESTS = ("long",)
TEMPLATES = (
    "report.md.j2",
    "chart.svg.j2",
    "compare.md.j2",
    "progress.md.j2",
    "summary.md.j2",
    "page.html.j2",
    "workbook_instructions.txt.j2",
)
COMPILED = "compiled"  # the folder beside templates/ that holds them precompiled
MANIFEST = "manifest.txt"


def manifest_lines(templates: Path, jinja_version: str) -> list[str]:
    """What the manifest of precompiled templates holds: the Jinja2 version, then each
    template's name and the SHA-256 of its source."""
    digests = [
        f"{name} {hashlib.sha256((templates / name).read_bytes()).hexdigest()}"
        for name in TEMPLATES
    ]
    return [f"jinja2 {jinja_version}", *digests]
