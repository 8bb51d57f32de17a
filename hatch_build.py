"""Build step of the wheel: precompile the package's own Jinja2 templates into Python
modules, so that no run of the tool pays for compiling them.

The templates are compiled with the settings and filter names of
``src/partnership_check/render/jinja_options.py``, the same the tool uses, and a manifest
records the Jinja2 version and the hash of each source. At run time the tool uses the
precompiled copy only when the manifest matches; otherwise it compiles from source, with
the same output. Editable installs are left alone: they always compile from source.
"""

from __future__ import annotations

import runpy
import shutil
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class PrecompileTemplates(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        import jinja2

        render = Path(self.root) / "src" / "partnership_check" / "render"
        options = runpy.run_path(str(render / "jinja_options.py"))
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(render / "templates")), **options["OPTIONS"]
        )
        # Compiling checks only that each filter and test exists; the tool's own run.
        env.filters.update(dict.fromkeys(options["FILTERS"], _unused))
        env.tests.update(dict.fromkeys(options["TESTS"], _unused))
        self._folder = Path(tempfile.mkdtemp(prefix="partnership-check-templates-"))
        env.compile_templates(
            str(self._folder), zip=None, filter_func=lambda name: name in options["TEMPLATES"]
        )
        lines = options["manifest_lines"](render / "templates", jinja2.__version__)
        (self._folder / options["MANIFEST"]).write_text("\n".join(lines) + "\n", encoding="utf-8")
        target = f"partnership_check/render/{options['COMPILED']}"
        build_data["force_include"][str(self._folder)] = target

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        folder = getattr(self, "_folder", None)
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


def _unused(*args: object) -> object:
    raise AssertionError("only compiled here, never rendered")
