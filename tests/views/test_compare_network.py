"""compare of a proposed regional network of six services, scored with the bundled bank.

tests/data/compare/network/: Northshire says a chair is agreed ("Fully", with a note) and
the other five do not (partly, not at all or don't know, some with notes); Hillside has a
shared building in mind, the rest a formal network; Westmoor has set no staff time aside (a
blocker); Southport answered under half of what counts (provisional); all six say they
communicate well and that there is no written work plan. Also there: a blank template and an
older assessment of Northshire, both to be left out.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from partnership_check.bank.load import load_bank
from partnership_check.bank.model import Bank
from partnership_check.commands.view_files import score_files
from partnership_check.render.views import render_compare
from partnership_check.views.compare import compare_results
from partnership_check.views.compare_result import PartnershipResult
from tests.conftest import check_golden

NETWORK = Path(__file__).parents[1] / "data" / "compare" / "network"
NORTHSHIRE, WESTMOOR = "Northshire Record Office", "Westmoor Record Office"
SOUTHPORT, HILLSIDE = "Southport City Archive", "Hillside Community Archive"


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank()


@pytest.fixture(scope="module")
def view(bank: Bank) -> PartnershipResult:
    return compare_results(bank, score_files(bank, sorted(NETWORK.glob("*.yaml"))))


@pytest.fixture(scope="module")
def markdown(view: PartnershipResult) -> str:
    return render_compare(view)


def test_golden(markdown: str) -> None:
    check_golden("compare-network.md", markdown)


def test_the_blank_template_and_the_older_file_are_left_out(view: PartnershipResult) -> None:
    assert len(view.partners) == 6
    assert [(o.file, o.reason) for o in view.left_out] == [
        ("blank.yaml", "not-started"),
        ("northshire-2025.yaml", "same-service"),
    ]
    assert "Unnamed service" not in render_compare(view)


def test_headline_names_the_least_ready_and_leads_with_what_to_discuss(
    view: PartnershipResult, markdown: str
) -> None:
    assert view.headline.least_ready == (SOUTHPORT,) and view.headline.provisional
    assert [t.kind for t in view.headline.topics] == [
        "blockers",
        "different-partnerships",
        "views-differ",
    ]
    first = markdown.split("\n## ")[0]  # the headline, before the first section
    assert "The least ready is **Southport City Archive**" in first
    assert "provisional" in first
    assert "1. **Blockers:**" in first and "2. **Different partnerships in mind:**" in first


def test_the_chair_disagreement_shows_every_answer_and_note_side_by_side(
    view: PartnershipResult, markdown: str
) -> None:
    chair = next(f for f in view.shared_facts if f.qid == "leadership.chair")
    assert chair.agreement == "differ"
    views = {a.partner: a.view for a in chair.answers}
    assert views[NORTHSHIRE] == "in-place" and views[SOUTHPORT] == "dont-know"
    assert views[HILLSIDE] == "missing"
    section = markdown.split("## Where partners see the partnership differently")[1]
    section = section.split("\n## ")[0]
    rows = _rows(section)
    assert [
        NORTHSHIRE,
        "Fully",
        "Northshire chairs for 2026-27; rotation agreed at the March meeting",
    ] in rows
    assert [
        HILLSIDE,
        "Not at all",
        "We assumed Northshire would lead, but nobody has asked us",
    ] in rows
    assert "Can help:" not in section and "strong" not in section.casefold()
    # the chair question is the furthest apart, so it comes first
    assert section.index("Is it agreed who will chair") < section.index("Does each prospective")


def test_consensus_is_reported_as_evidence(view: PartnershipResult, markdown: str) -> None:
    agreed = {f.qid: f.agreement for f in view.shared_facts}
    assert agreed["relationship.communication"] == "agree-in-place"
    assert agreed["work-plan.plan"] == "agree-missing"
    assert "- **In place**, say all 6 partners that answered: Do partners have agreed" in markdown
    assert (
        "- **Missing**, say all 6 partners that answered: Is there a written work plan" in markdown
    )


def test_different_partnerships_in_mind_are_said_at_the_top(
    view: PartnershipResult, markdown: str
) -> None:
    kind = next(f for f in view.shared_facts if f.qid == "context.partnership-type")
    assert kind.context and kind.agreement == "differ"
    assert markdown.index("## Different partnerships in mind") < markdown.index("## Partners")
    assert [HILLSIDE, "Shared building"] in _rows(markdown)


def test_every_blocker_shows_and_leads_the_plan(view: PartnershipResult, markdown: str) -> None:
    fired = {(b.partner, b.qid) for b in view.blockers}
    assert (WESTMOOR, "resources.time") in fired
    listed = {(p, i.qid) for i in view.blocker_actions for p in i.blocker_for}
    assert listed == fired
    in_phases = {i.qid for phase in view.work_plan for i in phase.items}
    assert not in_phases & {qid for _, qid in fired}
    plan = markdown.split("## Combined work plan")[1]
    assert plan.index("### Clear the blockers first") < plan.index("### Quick wins")


def test_a_provisional_partner_is_marked_where_its_figures_appear(markdown: str) -> None:
    partners = _table_after(markdown, "## Partners")
    southport = next(row for row in partners if row[0] == SOUTHPORT)
    assert southport[4].endswith("(provisional)")
    side_by_side = _table_after(markdown, "## Scores side by side")
    assert "SCA (provisional)" in side_by_side[0]


def test_six_partners_get_short_labels_with_a_legend(view: PartnershipResult) -> None:
    assert [p.short for p in view.partners] == ["EUA", "HCA", "NRO", "RCRO", "SCA", "WRO"]


def _rows(markdown: str) -> list[list[str]]:
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    rows: list[list[str]] = []
    cell = False
    for token in tokens:
        if token.type == "tr_open":
            rows.append([])
        elif token.type in ("th_open", "td_open"):
            cell = True
        elif token.type == "inline" and cell:
            rows[-1].append(token.content)
            cell = False
    return [[c for c in row] for row in rows]


def _table_after(markdown: str, heading: str) -> list[list[str]]:
    return _rows(markdown.split(heading, 1)[1].split("\n## ")[0])
