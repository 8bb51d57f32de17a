"""The package's own templates: every one is precompiled into the wheel."""

from __future__ import annotations

from pathlib import Path

from partnership_check.render.jinja_options import TEMPLATES

TEMPLATE_FOLDER = Path(__file__).parents[2] / "src" / "partnership_check" / "render" / "templates"


def test_every_template_is_in_the_precompiled_list() -> None:
    """A template left out of the list is missing from an installed wheel, which loads the
    precompiled copies whenever the listed ones match their sources."""
    assert sorted(p.name for p in TEMPLATE_FOLDER.iterdir() if p.is_file()) == sorted(TEMPLATES)
