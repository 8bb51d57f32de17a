"""The HTML report: one self-contained page made from the Markdown, checked as a browser and
a screen reader would meet it (parsed with the standard library's HTML parser)."""

from __future__ import annotations

import itertools
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest

from partnership_check.cli import main
from partnership_check.render.chart import render_chart
from partnership_check.render.html import render_html, slug
from partnership_check.render.report import render_markdown, render_reports
from partnership_check.scoring.results import ServiceResult
from tests.conftest import check_golden
from tests.render.test_report import CASES, HALF_ANSWERED, HOSTILE, STRONG, from_answers

VOID = {"meta", "br", "hr", "img", "wbr", "input", "link", "col", "area", "base", "source"}
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


class Page(HTMLParser):
    """What a checker needs of a page: every problem with its nesting, its headings in
    order, every src and href, and where the brief closes."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.problems: list[str] = []
        self.tags: list[str] = []
        self.headings: list[tuple[str, str]] = []
        self.links: list[str] = []
        self.lang: str | None = None
        self.brief_closed_at: int | None = None  # number of headings seen when it closed
        self._heading: str | None = None
        self._text: list[str] = []
        self.feed(text)
        self.close()
        if self.open:
            self.problems.append(f"never closed: {self.open}")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        found = dict(attrs)
        if tag == "html":
            self.lang = found.get("lang")
        for name in ("src", "href"):
            if found.get(name) is not None:
                self.links.append(str(found[name]))
        if tag in HEADINGS:
            self._heading, self._text = tag, []
        if tag == "section" and found.get("class") == "brief":
            tag = "section.brief"
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)  # <rect .../> and the like: opened and closed at once
        for name in ("src", "href"):
            value = dict(attrs).get(name)
            if value is not None:
                self.links.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.open or self.open[-1].split(".")[0] != tag:
            self.problems.append(f"</{tag}> closes {self.open[-1:] or 'nothing'}")
            return
        if self.open.pop() == "section.brief":
            self.brief_closed_at = len(self.headings)
        if tag == self._heading:
            self.headings.append((tag, "".join(self._text).strip()))
            self._heading = None

    def handle_data(self, data: str) -> None:
        if self._heading:
            self._text.append(data)


def html_of(result: ServiceResult, stem: str = "x") -> str:
    files = dict(render_reports(result, stem, ("html",), to_html=render_html))
    assert list(files) == [f"{stem}.html"]  # one file: the chart is inside it
    return files[f"{stem}.html"]


def check_page(text: str) -> Page:
    """Every structural promise of a report page."""
    page = Page(text)
    assert page.problems == []
    assert text.startswith('<!DOCTYPE html>\n<html lang="en-GB">')
    assert page.lang == "en-GB"
    assert "script" not in page.tags and "<script" not in text.lower()
    for link in page.links:  # nothing fetched: only the page's own headings
        assert link.startswith("#"), link
    assert "iframe" not in page.tags and "object" not in page.tags and "img" not in page.tags
    levels = [int(tag[1]) for tag, _ in page.headings]
    assert levels.count(1) == 1 and levels[0] == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels
    ids = set(_ids(text))
    for link in page.links:
        assert link[1:] in ids, f"{link} leads nowhere"
    return page


def _ids(text: str) -> list[str]:
    found: list[str] = []

    class Ids(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.extend(str(v) for k, v in attrs if k == "id")

    Ids().feed(text)
    return found


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_report_page_is_well_formed_self_contained_and_accessible(case: str) -> None:
    result = CASES[case]()
    text = html_of(result)
    page = check_page(text)
    assert page.tags.count("svg") == 1 and '<title id="chart-title">' in text
    assert "th" in page.tags and "td" in page.tags
    # the brief, then the detail: the brief's section closes before the section scores
    titles = [title for _, title in page.headings]
    assert page.brief_closed_at == titles.index("Section scores")
    assert titles.index("In brief") < page.brief_closed_at
    assert text.index("<svg") < text.index('id="section-scores"')


def test_html_says_what_the_markdown_says() -> None:
    result = CASES["bundled-many-blockers"]()
    markdown = render_markdown(result, chart_name="x.svg")
    text = html_of(result)
    page = Page(text)
    markdown_headings = [
        line.lstrip("#").strip() for line in markdown.splitlines() if line[:1] == "#"
    ]
    assert [title for _, title in page.headings] == markdown_headings
    for blocker in result.blockers:
        assert f"<strong>{blocker.text}</strong>" in text.replace("&#x27;", "'")


def test_the_markdown_chart_link_becomes_the_chart_itself() -> None:
    result = CASES["example"]()
    text = html_of(result, "office")
    svg = render_chart(result)
    assert svg.strip() in text and "office.svg" not in text


def test_internal_links_match_the_ids_github_gives() -> None:
    assert slug("Appendix: how this was scored") == "appendix-how-this-was-scored"
    assert slug("Gaps and what to do about them") == "gaps-and-what-to-do-about-them"
    text = render_html("# A\n\n## Blockers\n\n## Blockers\n\n[x](#blockers)\n")
    assert 'id="blockers"' in text and 'id="blockers-1"' in text


def test_raw_html_and_links_in_user_text_stay_text() -> None:
    result = from_answers(
        {"willing.motivation": {"answer": "partial", "note": HOSTILE}, "context.notes": HOSTILE},
        service="<img src=http://x/y.png onerror=alert(1)> " + HOSTILE,
    )
    text = html_of(result)
    check_page(text)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "&lt;img src=http://x/y.png" in text


def test_raw_html_in_a_users_own_template_is_shown_as_text(tmp_path: Path) -> None:
    mine = tmp_path / "mine.md.j2"
    mine.write_text('# {{ r.service_display | md }}\n\n<script src="http://x/a.js"></script>\n')
    files = dict(render_reports(from_answers(STRONG), "x", ("html",), mine, render_html))
    assert "<script" not in files["x.html"] and "&lt;script" in files["x.html"]


def test_a_long_unbroken_word_may_wrap() -> None:
    word = "x" * 600
    text = html_of(from_answers({"willing.motivation": {"answer": "partial", "note": word}}))
    assert word not in text
    assert "<wbr>".join(["x" * 20] * 30) in text


@pytest.mark.parametrize(
    "service", [HOSTILE, "Bell\x07 and tab\t]]> <![CDATA[ x", "\u202eevil\u202c & \"quoted\" 'x'"]
)
def test_the_chart_is_valid_xml_whatever_the_text(service: str) -> None:
    answers: dict[str, Any] = {"willing.motivation": {"answer": "partial", "note": service}}
    svg = render_chart(from_answers(answers, service=service, assessor=service))
    root = ElementTree.fromstring(svg)
    assert root.findtext("{http://www.w3.org/2000/svg}title", "").startswith("Readiness by")


GOLDEN_PAGES = {
    "strong": lambda: from_answers(
        STRONG, service="Strongshire Archives", assessed_on="2026-05-01"
    ),
    "weak-blockers": CASES["bundled-many-blockers"],
    "half-answered": lambda: from_answers(
        HALF_ANSWERED, service="Halfshire Archives", assessed_on="2026-04-01"
    ),
}


@pytest.mark.parametrize("name", sorted(GOLDEN_PAGES))
def test_golden_pages(name: str) -> None:
    result = GOLDEN_PAGES[name]()
    files = dict(render_reports(result, name, ("md", "html"), to_html=render_html))
    check_golden(f"{name}.html", files[f"{name}.html"])
    if name != "half-answered":  # its Markdown is test_report.py's golden already
        check_golden(f"{name}.md", files[f"{name}.md"])


def test_text_bars_are_hidden_from_screen_readers_beside_their_figure() -> None:
    text = html_of(from_answers(STRONG))
    assert '<td><span aria-hidden="true">██████████</span></td>' in text


# ---- the partnership view and the progress view as pages ----------------------------------

VIEWS = Path(__file__).parents[1] / "data"


@pytest.mark.parametrize(
    "args",
    [
        ["compare"] + [str(p) for p in sorted((VIEWS / "compare" / "network").glob("*.yaml"))],
        [
            "progress",
            *("--bank", str(VIEWS / "compare" / "bank.yaml")),
            *(str(VIEWS / "progress" / "old.yaml"), str(VIEWS / "progress" / "new.yaml")),
        ],
    ],
    ids=["compare", "progress"],
)
def test_views_as_pages(
    args: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / f"{args[0]}.html"
    assert main([*args, "--format", "html", "-o", str(out)]) == 0
    capsys.readouterr()
    text = out.read_text(encoding="utf-8")
    page = check_page(text)
    assert "section" not in page.tags  # no brief: a view is not one service's report
    assert out.with_suffix(".json").is_file()
    # the same words as the Markdown, which goes to stdout without -o
    assert main([*args]) == 0
    markdown = capsys.readouterr().out
    first = markdown.splitlines()[0].lstrip("# ")
    assert f'<h1 id="{slug(first)}">{first}</h1>' in text
    assert main([*args, "--format", "html"]) == 0
    assert capsys.readouterr().out == text  # byte-identical, stdout or file


def test_a_view_format_other_than_md_or_html_is_a_usage_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    files = [str(VIEWS / "progress" / "old.yaml"), str(VIEWS / "progress" / "new.yaml")]
    assert main(["progress", *files, "--format", "pdf"]) == 2
    assert "--format: 'pdf' is not one of md, html" in capsys.readouterr().err
