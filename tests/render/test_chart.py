"""The SVG chart: a section with nothing answered yet reads "not answered yet", never 0."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from partnership_check.answers.load import LoadedAnswers
from partnership_check.answers.match import match_answers
from partnership_check.answers.model import AnswerFile
from partnership_check.bank.load import load_bank, parse_bank
from partnership_check.render.chart import render_chart
from partnership_check.scoring.results import ServiceResult
from partnership_check.scoring.score import score_service

BANK = load_bank(Path(__file__).parents[1] / "data" / "scoring" / "bank.yaml")
SVG = "{http://www.w3.org/2000/svg}"
TRACK = "#f2f2f2"  # the light track each bar is drawn on


def from_answers(answers: dict[str, Any]) -> ServiceResult:
    data = {"bank": BANK.id, "bank_version": "1.0", "service": "Testshire", "answers": answers}
    loaded = LoadedAnswers(Path("t.yaml"), "", AnswerFile.model_validate(data))
    return score_service(BANK, loaded.file, match_answers(BANK, loaded), "t.yaml")


def rows_of(svg: str) -> dict[str, list[str]]:
    """Each row's label and the texts and bar widths drawn beside it, as a reader sees them."""
    root = ElementTree.fromstring(svg)
    rows: dict[str, list[str]] = {}
    label = ""
    for element in root:
        if element.tag == f"{SVG}text" and element.get("text-anchor") == "end":
            label = element.text or ""
            rows[label] = []
        elif label and element.tag == f"{SVG}text" and element.get("font-size") is None:
            rows[label].append(element.text or "")
        elif label and element.tag == f"{SVG}rect" and element.get("fill") != TRACK:
            rows[label].append(f"bar {element.get('width')}")
    return rows


def test_a_section_not_answered_has_no_bar_and_says_so() -> None:
    result = from_answers({"willing.motivation": "largely", "willing.aims": "fully"})
    money = next(s for s in result.sections if s.id == "resources")
    assert money.score == 0.0 and money.not_answered  # the score works out to 0...
    svg = render_chart(result)
    rows = rows_of(svg)
    assert rows["Willing partners"] == ["bar 280.1", "77.8"]
    assert rows["Money and time"] == ["not answered yet"]  # ... but is never shown as 0
    assert rows["Relationships"] == ["not answered yet"]
    desc = ElementTree.fromstring(svg).find(f"{SVG}desc")
    assert desc is not None and desc.text is not None
    assert "Money and time not answered yet;" in desc.text
    assert "Willing partners 77.8;" in desc.text
    assert "0.0" not in desc.text


def test_a_section_answered_dont_know_is_a_real_zero() -> None:
    """ "Don't know" is answered: an evidence gap that earns nothing, so its 0 is drawn."""
    result = from_answers({"willing.motivation": "dont-know", "willing.aims": "dont-know"})
    assert rows_of(render_chart(result))["Willing partners"] == ["bar 0.0", "0.0"]


def test_a_blank_file_has_no_bars_at_all() -> None:
    rows = rows_of(render_chart(from_answers({})))
    assert set(rows) == {"Willing partners", "Money and time", "Relationships", "Overall"}
    assert all(texts == ["not answered yet"] for texts in rows.values())


def test_characters_xml_forbids_are_left_out_so_the_chart_always_opens() -> None:
    """A section title or service name holding \\x01, \\x0b or \\ufffe (which no XML
    document may hold, even escaped) still gives a chart an SVG viewer can open."""
    text = (Path(__file__).parents[1] / "data" / "scoring" / "bank.yaml").read_text("utf-8")
    text = text.replace("title: Willing partners", 'title: "Willing\\x01 part\\x0bners\\ufffe"')
    bank = parse_bank("hostile.yaml", text)  # structure only: validate would refuse it
    data = {"bank": bank.id, "bank_version": "1.0", "service": "Testshire\ufffe\x0b"}
    loaded = LoadedAnswers(Path("t.yaml"), "", AnswerFile.model_validate(data))
    result = score_service(bank, loaded.file, match_answers(bank, loaded), "t.yaml")
    svg = render_chart(result)
    rows = rows_of(svg)  # parses as XML
    assert "Willing partners" in rows
    title = ElementTree.fromstring(svg).find(f"{SVG}title")
    assert title is not None and title.text == "Readiness by section: Testshire, date not recorded"


def test_the_chart_names_the_service_and_the_date() -> None:
    result = from_answers({"willing.aims": "fully"}).model_copy(
        update={"assessed_on": dt.date(2026, 11, 25)}
    )
    root = ElementTree.fromstring(render_chart(result))
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == "Readiness by section: Testshire, 2026-11-25"
    heading = root.find(f"{SVG}text")
    assert heading is not None
    assert heading.text == "Testshire, 2026-11-25: readiness by section (0 to 100)"
    undated = ElementTree.fromstring(render_chart(from_answers({})))
    assert "Testshire, date not recorded" in (undated.findtext(f"{SVG}title") or "")


def test_a_section_where_nothing_applies_says_so_and_has_no_bar() -> None:
    result = from_answers({"willing.motivation": "n-a", "willing.aims": "n-a"})
    willing = next(s for s in result.sections if s.id == "willing")
    assert willing.score is None  # nothing in it applies
    svg = render_chart(result)
    assert rows_of(svg)["Willing partners"] == ["does not apply"]
    assert "Willing partners does not apply;" in (
        ElementTree.fromstring(svg).findtext(f"{SVG}desc") or ""
    )


def luminance(colour: str) -> float:
    red, green, blue = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def test_bars_differ_from_their_track_and_each_other_in_grey_too() -> None:
    """Printed in grey, a section's bar, the overall bar and the track stay apart."""
    svg = render_chart(from_answers({"willing.aims": "fully", "resources.money": "fully"}))
    fills = {e.get("fill") for e in ElementTree.fromstring(svg).iter(f"{SVG}rect")}
    fills -= {"#ffffff"}
    assert len(fills) == 3 and TRACK in fills
    greys = sorted(luminance(str(f)) for f in fills)
    assert all(b - a > 0.2 for a, b in itertools.pairwise(greys))
