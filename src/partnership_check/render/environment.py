"""The one Jinja2 environment: our filters and label maps, the package's own templates,
and a user's report template run sandboxed.

The package's templates are precompiled when the wheel is built (``hatch_build.py``) and
loaded as Python modules, so no run pays for compiling them. When the precompiled copy is
missing (an editable install) or does not match (another Jinja2, an edited template), they
are compiled from source instead, with the same result.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from ..errors import InputError, UsageError
from ..loading.text_files import read_text
from . import labels
from .filters import bar, change, clip, escape_inline, is_long, number, percent, score, xml
from .jinja_options import COMPILED, FILTERS, MANIFEST, OPTIONS, TESTS, manifest_lines
from .wording import counted, listed, pick

_FILTERS: dict[str, Callable[..., Any]] = {
    "md": escape_inline,
    "xml": xml,
    "clip": clip,
    "score": score,
    "percent": percent,
    "number": number,
    "bar": bar,
    "counted": counted,
    "pick": pick,
    "listed": listed,
    "change": change,
}
_TESTS: dict[str, Callable[..., Any]] = {"long": is_long}
assert tuple(_FILTERS) == FILTERS and tuple(_TESTS) == TESTS, "keep jinja_options in step"


def _new(
    kind: type[jinja2.Environment], loader: jinja2.BaseLoader | None = None
) -> jinja2.Environment:
    """An environment of ``kind`` with our settings, filters, tests and label maps."""
    env = kind(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        autoescape=OPTIONS["autoescape"],
        keep_trailing_newline=OPTIONS["keep_trailing_newline"],
        trim_blocks=OPTIONS["trim_blocks"],
        lstrip_blocks=OPTIONS["lstrip_blocks"],
    )
    env.filters.update(_FILTERS)
    env.tests.update(_TESTS)
    env.globals.update(labels.GLOBALS)
    return env


def _package() -> Path:
    return Path(__file__).resolve().parent


def _precompiled(folder: Path) -> bool:
    """The precompiled templates are there, made by this Jinja2 from these very sources."""
    try:
        lines = (folder / MANIFEST).read_text(encoding="utf-8").splitlines()
    except OSError:
        return False
    return lines == manifest_lines(_package() / "templates", jinja2.__version__)


@lru_cache(maxsize=1)
def bundled_environment() -> jinja2.Environment:
    """The environment of the package's own templates, not sandboxed: rendering thousands
    of reports is several times faster without the sandbox's checks."""
    compiled = _package() / COMPILED
    loader: jinja2.BaseLoader
    if _precompiled(compiled):
        loader = jinja2.ModuleLoader(str(compiled))
    else:
        loader = jinja2.FileSystemLoader(str(_package() / "templates"))
    return _new(jinja2.Environment, loader)


@lru_cache(maxsize=8)
def bundled(name: str) -> jinja2.Template:
    return bundled_environment().get_template(name)


@lru_cache(maxsize=8)
def load_template(path: Path | None = None) -> jinja2.Template:
    """The report template, compiled once: a user's file (sandboxed), or the bundled one."""
    if path is None:
        return bundled("report.md.j2")
    try:
        source = read_text(path)
    except InputError as err:
        raise UsageError(f"--template: {err.problems[0].format()}") from None
    env = _new(SandboxedEnvironment)
    try:
        return env.from_string(source)
    except jinja2.TemplateSyntaxError as err:
        raise UsageError(f"{path}:{err.lineno}: template error: {err.message}") from None


def render(template: jinja2.Template, name: str, **context: Any) -> str:
    """The whole text, ending in a newline; a template's own error is a usage error.

    As ``template.render`` does, but the context is emptied afterwards: a template's macros
    live in its context and hold it, so without that the context, and the result it was
    given, would wait for the garbage collector rather than go at once, a whole result
    model a report in a batch.
    """
    env = template.environment
    ctx = template.new_context(context)
    try:
        try:
            text: str = env.concat(template.root_render_func(ctx))
        except Exception:
            env.handle_exception()  # raises it again, placed at the template's own line
    except jinja2.TemplateError as err:
        raise UsageError(f"{name}: template error: {err}") from None
    finally:
        ctx.vars.clear()
    return text if text.endswith("\n") else text + "\n"


def render_bundled(name: str, **context: Any) -> str:
    """Renders one of the package's own templates (``compare.md.j2``...)."""
    return render(bundled(name), name, **context)


def stream_bundled(name: str, **context: Any) -> Iterator[str]:
    """Renders one of the package's own templates piece by piece."""
    try:
        yield from bundled(name).generate(**context)
    except jinja2.TemplateError as err:
        raise UsageError(f"{name}: template error: {err}") from None
