"""How every template here is compiled: the Jinja2 settings and the names of our filters
and tests. Plain data with no imports, so that the wheel's build step can read it to
precompile the package's own templates exactly as the running tool would."""

OPTIONS = {
    "autoescape": False,  # Markdown is escaped by the md filter; SVG text by xml
    "keep_trailing_newline": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
}
FILTERS = ("md", "xml", "clip", "whole", "number", "bar", "counted", "pick", "change")
TESTS = ("long",)
TEMPLATES = ("report.md.j2", "chart.svg.j2", "compare.md.j2", "progress.md.j2", "summary.md.j2")
COMPILED = "compiled"  # the folder beside templates/ that holds them precompiled
MANIFEST = "manifest.txt"  # in it: the Jinja2 version, then each template's name and hash
