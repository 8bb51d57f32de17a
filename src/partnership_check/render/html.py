"""A report as one self-contained HTML page, for a browser, for print (A4) and for Word: its
Markdown rendered with markdown-it-py, so that the two never say different things; its chart
inline; its styles inline; no scripts and nothing fetched from anywhere.

Raw HTML in the Markdown is shown as text, never passed through (the Markdown escapes user
text already; this is a second wall). Headings get the ids GitHub gives them, so the
report's own links (``#blockers``) work in the page as they do on GitHub.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import OptionsDict

from .environment import render_bundled

# What GitHub leaves of a heading in its id: letters, digits, underscores, hyphens, spaces.
_NOT_IN_ID = re.compile(r"[^\w\- ]")
# A word this long (a path, a web address, a hostile note) may break every WORD_PIECE
# characters, so that it wraps instead of widening the page or squeezing a table's columns.
_LONG_WORD = re.compile(r"\S{40,}")
WORD_PIECE = 20
# A text bar (the Markdown's picture of a score): hidden from screen readers, which would
# read each block aloud; the score itself is in the cell beside it.
_TEXT_BAR = re.compile(r"[█░]+")


def render_html(
    markdown: str, inline_svgs: Mapping[str, str] | None = None, brief: bool = False
) -> str:
    """The page for ``markdown``: an image whose source is a key of ``inline_svgs`` is
    replaced by that SVG; with ``brief``, everything before the second ``##`` heading (the
    title, the facts under it and the brief) is a section of its own, printed alone on the
    first page."""
    md = _markdown()
    tokens = md.parse(markdown)
    _add_heading_ids(tokens)
    env = {"svgs": dict(inline_svgs or {})}
    split = _brief_end(tokens) if brief else 0
    return render_bundled(
        "page.html.j2",
        title=_title(tokens),
        brief=md.renderer.render(tokens[:split], md.options, env) if split else "",
        body=md.renderer.render(tokens[split:], md.options, env),
    )


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    md.add_render_rule("image", _image)
    md.add_render_rule("text", _text_with_breaks)
    return md


def _text_with_breaks(
    renderer: RendererHTML,
    tokens: Sequence[Token],
    idx: int,
    options: OptionsDict,
    env: dict[str, Any],
) -> str:
    """Text, escaped, with a place to break (``<wbr>``) inside any very long word, and any
    text bar hidden from screen readers."""
    content = tokens[idx].content
    parts: list[str] = []
    end = 0
    for word in _LONG_WORD.finditer(content):
        parts.append(escapeHtml(content[end : word.start()]))
        pieces = range(word.start(), word.end(), WORD_PIECE)
        parts.append(
            "<wbr>".join(escapeHtml(content[i : min(i + WORD_PIECE, word.end())]) for i in pieces)
        )
        end = word.end()
    parts.append(escapeHtml(content[end:]))
    text = "".join(parts)
    if "█" in text or "░" in text:
        text = _TEXT_BAR.sub(r'<span aria-hidden="true">\g<0></span>', text)
    return text


def _image(
    renderer: RendererHTML,
    tokens: Sequence[Token],
    idx: int,
    options: OptionsDict,
    env: dict[str, Any],
) -> str:
    """The chart inline in place of its file; any other image as markdown-it renders it."""
    svg = env["svgs"].get(tokens[idx].attrGet("src"))
    if svg is None:
        return renderer.image(tokens, idx, options, env)
    return str(svg).strip()


def _text(inline: Token) -> str:
    """The text a reader sees in an inline token: escapes resolved, markup dropped."""
    return "".join(
        child.content
        for child in inline.children or []
        if child.type in ("text", "code_inline", "softbreak")
    )


def slug(text: str) -> str:
    """The id GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens."""
    return _NOT_IN_ID.sub("", text.strip().lower()).replace(" ", "-")


def _add_heading_ids(tokens: list[Token]) -> None:
    """Gives each heading GitHub's id for it; a repeated one gets ``-1``, ``-2``... as there."""
    seen: dict[str, int] = {}
    for i, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        base = slug(_text(tokens[i + 1]))
        count = seen.get(base, 0)
        seen[base] = count + 1
        token.attrSet("id", base if count == 0 else f"{base}-{count}")


def _title(tokens: list[Token]) -> str:
    """The page's title: the text of its first top-level heading."""
    for i, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h1":
            return _text(tokens[i + 1])
    return "Partnership readiness"


def _brief_end(tokens: list[Token]) -> int:
    """Where the brief ends: at the second ``##`` heading, or at the end."""
    seen = 0
    for i, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h2" and token.level == 0:
            seen += 1
            if seen == 2:
                return i
    return len(tokens)
