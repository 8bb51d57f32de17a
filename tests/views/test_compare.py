"""compare: the partnership view, checked against numbers worked out by hand.

The test bank (tests/data/compare/bank.yaml) scores answers 0/1/3/4 out of 4, so answers earn
fractions 0, 0.25, 0.75 and 1. Willing partners has weight 2; the other two counted sections 1.
Hand-worked section scores (mean fraction x 100) and overall (weighted mean of section scores):
  Avon:    willing (1+1)/2=100, plan (0.25+0)/2=12.5, relationship 0.75=75 -> 287.5/4=71.9
  Bath:    willing (0.25+0.75)/2=50, plan (0+1)/2=50, relationship 100 -> 250/4=62.5, but the
           motivation gate (score 1 <= 1) caps the band at "Not ready"
  Corsham: willing (0.75+0 don't know)/2=37.5, plan (0 unanswered+0.25)/2=12.5, relationship 25
           -> 112.5/4=28.1
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from partnership_check.answers.match import read_answers
from partnership_check.bank.load import load_bank
from partnership_check.bank.model import Bank
from partnership_check.cli import main
from partnership_check.commands.view_files import score_files
from partnership_check.errors import UsageError
from partnership_check.render.views import render_compare
from partnership_check.scoring.score import score_service
from partnership_check.views.compare import compare_results
from partnership_check.views.compare_result import PartnershipResult
from tests.conftest import GOLDEN as GOLDEN_DIR
from tests.conftest import check_golden

DATA = Path(__file__).parents[1] / "data" / "compare"
BANK = DATA / "bank.yaml"
BATH_FILE = DATA / "bath.yaml"
FILES = [DATA / "corsham.yaml", BATH_FILE, DATA / "avon.yaml"]  # not in name order
AVON, BATH, CORSHAM = "Avon Archives", "Bath Record Office", "Corsham History Centre"


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(BANK)


@pytest.fixture(scope="module")
def view(bank: Bank) -> PartnershipResult:
    return compare_results(bank, score_files(bank, FILES))


def tables(markdown: str) -> list[list[list[str]]]:
    """Every GFM table as rows of cell texts (header row first)."""
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    found: list[list[list[str]]] = []
    cell = False
    for token in tokens:
        if token.type == "table_open":
            found.append([])
        elif token.type == "tr_open":
            found[-1].append([])
        elif token.type in ("th_open", "td_open"):
            cell = True
        elif token.type == "inline" and cell:
            found[-1][-1].append(token.content)
            cell = False
    return found


def headings(markdown: str) -> list[str]:
    tokens = MarkdownIt("commonmark").parse(markdown)
    return [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]


def test_partners_ordered_by_name_with_hand_worked_scores(view: PartnershipResult) -> None:
    assert [p.label for p in view.partners] == [AVON, BATH, CORSHAM]
    assert [p.score for p in view.partners] == [71.9, 62.5, 28.1]
    assert [p.band for p in view.partners] == ["Developing", "Not ready", "Not ready"]
    assert [p.capped for p in view.partners] == [False, True, False]


def test_weakest_partner_and_spread_per_success_factor(view: PartnershipResult) -> None:
    rows = {s.id: s for s in view.sections}
    assert set(rows) == {"willing", "plan", "relationship"}  # benefits and acc are not scored
    assert rows["willing"].scores == (100.0, 50.0, 37.5)
    assert rows["willing"].weakest == (CORSHAM,)
    assert rows["willing"].spread == 62.5
    assert rows["plan"].weakest == (AVON, CORSHAM)  # a tie names both
    assert rows["plan"].spread == 37.5
    assert rows["relationship"].weakest == (CORSHAM,)
    assert rows["relationship"].spread == 75.0


def test_shared_gaps_need_half_the_partners(view: PartnershipResult) -> None:
    # 3 partners: shared from 2. Timetable is a gap for Avon and Bath (Corsham left it blank,
    # which is shown but not counted), money for Avon (0) and Corsham (0.25); motivation only
    # for Bath, so not shared.
    assert view.rules.shared_from == 2
    assert [(g.qid, g.partners) for g in view.shared_gaps] == [
        ("plan.timetable", (AVON, BATH)),
        ("plan.money", (AVON, CORSHAM)),
    ]
    assert view.shared_gaps[0].kinds == ("low-score", "low-score")
    assert view.shared_gaps[0].not_answered == (CORSHAM,)
    assert view.shared_gaps[1].can_help == (BATH,)
    assert view.shared_gaps[1].cells == ("low-score", "strong", "low-score")
    assert view.shared_gaps[0].cells == ("low-score", "low-score", "unanswered")


def test_complementary_strengths_name_who_can_help_whom(view: PartnershipResult) -> None:
    assert [(c.qid, c.can_help, c.could_learn) for c in view.complementary] == [
        ("willing.motivation", (AVON, CORSHAM), (BATH,)),
        ("willing.free-choice", (AVON, BATH), (CORSHAM,)),  # Corsham: don't know
        # plan.money (Bath strong, Avon and Corsham weak) is a shared gap, shown there;
        # relationship.trust is about the partnership: there the answers differ instead
    ]


def test_blockers_per_partner(view: PartnershipResult) -> None:
    assert [(b.partner, b.qid, b.answer, b.cap) for b in view.blockers] == [
        (BATH, "willing.motivation", "Partly", "Not ready")
    ]


def test_blocker_of_dont_know_or_no_answer_says_so(bank: Bank, tmp_path: Path) -> None:
    bath = BATH_FILE.read_text(encoding="utf-8")
    unsure, blank = tmp_path / "unsure.yaml", tmp_path / "blank.yaml"
    unsure.write_text(
        bath.replace("willing.motivation: partial", "willing.motivation: dont-know"), "utf-8"
    )
    blank.write_text(
        bath.replace("  willing.motivation: partial\n", "").replace("Bath", "Box"), "utf-8"
    )
    markdown = render_compare(compare_results(bank, score_files(bank, [unsure, blank])))
    table = next(t for t in tables(markdown) if t[0][-2] == "Why it matters")
    assert [row[:1] + row[2:-1] for row in table[1:]] == [
        [
            "Bath Record Office",
            "Don't know",
            "Not ready (lowered its band)",
            "It is not known how this stands, and a weak answer here would mean: partners are"
            " not yet willing.",
        ],
        [
            "Box Record Office",
            "*not answered*",
            "Not ready (lowered its band)",
            "Not answered yet, and a weak answer here would mean: partners are not yet willing.",
        ],
    ]


def test_benefits_shared_and_sought_by_some(view: PartnershipResult) -> None:
    rows = {b.id: b for b in view.benefits.rows}
    assert rows["funding"].everyone and rows["funding"].sought_by == (AVON, BATH, CORSHAM)
    assert rows["skills"].sought_by == (AVON,) and not rows["skills"].everyone
    assert rows["visibility"].sought_by == (CORSHAM,)
    assert view.benefits.not_answered == ()


def test_accreditation_areas_weak_for_two_or_more(view: PartnershipResult) -> None:
    assert [(a.area, a.weak, a.help_yes, a.help_maybe) for a in view.accreditation] == [
        ("1.2", (AVON, BATH), (AVON,), (BATH,)),
        ("1.3", (AVON, CORSHAM), (), (AVON,)),
    ]
    assert view.accreditation[0].standings == (
        "Not met (help: Yes)",
        "Partly met (help: Possibly)",
        "Met",
    )


def test_work_plan_puts_shared_gaps_first_then_blockers(view: PartnershipResult) -> None:
    plan = {p.effort: [i.qid for i in p.items] for p in view.work_plan}
    # willing.motivation fired Bath's blocker: it leads the plan, before the phases
    assert [(i.qid, i.blocker_for) for i in view.blocker_actions] == [
        ("willing.motivation", (BATH,))
    ]
    assert plan == {
        "quick-win": ["plan.timetable"],
        "3-months": ["willing.free-choice", "relationship.trust"],
        "12-months": ["plan.money"],
    }
    trust = view.work_plan[1].items[1]
    assert trust.scope == "partnership" and trust.views_differ and trust.can_help == ()


def test_two_partners_share_a_gap_only_when_both_have_it(bank: Bank) -> None:
    view = compare_results(bank, score_files(bank, [DATA / "avon.yaml", DATA / "bath.yaml"]))
    assert view.rules.shared_from == 2
    assert [g.qid for g in view.shared_gaps] == ["plan.timetable"]


def test_a_second_file_for_a_service_is_left_out_and_named(bank: Bank, tmp_path: Path) -> None:
    text = (DATA / "avon.yaml").read_text(encoding="utf-8")
    (tmp_path / "avon-2026.yaml").write_text(text, encoding="utf-8")
    older = text.replace("assessed_on: 2026-03-01", "assessed_on: 2025-03-01")
    assert older != text
    (tmp_path / "avon-2025.yaml").write_text(older, encoding="utf-8")
    files = [tmp_path / "avon-2025.yaml", tmp_path / "avon-2026.yaml", BATH_FILE]
    view = compare_results(bank, score_files(bank, files))
    assert [p.label for p in view.partners] == [AVON, BATH]
    assert [(o.file, o.reason, o.kept) for o in view.left_out] == [
        ("avon-2025.yaml", "same-service", str(tmp_path / "avon-2026.yaml"))
    ]
    assert "avon-2025.yaml (Avon Archives): another file for the same service" in (
        render_compare(view)
    )
    with pytest.raises(UsageError, match=r"at least 2 services; left out: .*avon-2025\.yaml"):
        compare_results(bank, score_files(bank, files[:2]))


def test_a_blank_template_is_left_out_not_a_partner(bank: Bank, tmp_path: Path) -> None:
    blank = tmp_path / "blank.yaml"
    blank.write_text(
        "bank: cmp\nbank_version: '1.0'\nservice:\nanswers:\n  willing.motivation:\n",
        encoding="utf-8",
    )
    view = compare_results(bank, score_files(bank, [*FILES, blank]))
    assert len(view.partners) == 3
    assert [(o.file, o.reason) for o in view.left_out] == [("blank.yaml", "not-started")]
    assert "Unnamed service" not in render_compare(view)


def test_markdown_matches_golden_and_has_its_structure(view: PartnershipResult) -> None:
    markdown = render_compare(view)
    check_golden("compare.md", markdown)
    assert headings(markdown) == [
        "Partnership view: 3 prospective partners",
        "Partners",
        "Blockers",
        "Where partners see the partnership differently",
        "Scores side by side",
        "Success factors: the weakest partner",
        "Shared gaps: tackle them together",
        "Complementary strengths: who can help whom",
        "Benefits sought",
        "Accreditation priorities in common",
        "Combined work plan",
        "Clear the blockers first",
        "Quick wins: start now",
        "Within 3 months",
        "Within 12 months",
        "How this was compared",
    ]
    found = tables(markdown)
    widths = [{len(row) for row in table} for table in found]
    # partners, blockers, views that differ, side by side (section + 3), factors, shared,
    # complements, benefits (benefit + 3 + count), accreditation (area + 3 + help)
    assert widths == [{6}, {6}, {4}, {4}, {5}, {5}, {4}, {5}, {5}]
    assert found[3][1] == ["**Overall readiness**", "**71.9**", "**62.5**", "**28.1**"]


def test_user_text_is_escaped(bank: Bank, tmp_path: Path) -> None:
    text = (DATA / "avon.yaml").read_text(encoding="utf-8")
    (tmp_path / "a.yaml").write_text(
        text.replace("Avon Archives", '"Avon | `North` <b>Archives</b>"'), encoding="utf-8"
    )
    markdown = render_compare(
        compare_results(bank, score_files(bank, [tmp_path / "a.yaml", DATA / "bath.yaml"]))
    )
    assert "Avon \\| \\`North\\` \\<b>Archives\\</b>" in markdown  # only what would render
    assert markdown.count("<b>") == markdown.count("\\<b>")  # every tag escaped
    html = MarkdownIt("commonmark").enable("table").render(markdown)
    assert "<td>Avon | `North` &lt;b&gt;Archives&lt;/b&gt;</td>" in html
    for table in tables(markdown):
        assert len({len(row) for row in table}) == 1  # the | did not split a cell


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_writes_markdown_and_json_beside_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "partnership.md"
    code, out, err = run(
        ["compare", *map(str, FILES), "--bank", str(BANK), "-o", str(target)], capsys
    )
    assert code == 0 and out == ""
    assert target.read_text(encoding="utf-8") == (GOLDEN_DIR / "compare.md").read_text("utf-8")
    data = json.loads((tmp_path / "partnership.json").read_text(encoding="utf-8"))
    assert [p["label"] for p in data["partners"]] == [AVON, BATH, CORSHAM]
    assert "partnership.json" in err


def test_cli_stdout_is_deterministic(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["compare", *map(str, FILES), "--bank", str(BANK)]
    first = run(args, capsys)
    second = run(args, capsys)
    assert first[0] == 0 and first[1] == second[1]
    reordered = run(["compare", *map(str, reversed(FILES)), "--bank", str(BANK)], capsys)
    assert reordered[1] == first[1]


@pytest.mark.parametrize("count", [1, 21])
def test_cli_wrong_number_of_files_is_a_usage_error(
    count: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = []
    for i in range(count):
        path = tmp_path / f"p{i}.yaml"
        shutil.copy(DATA / "avon.yaml", path)
        paths.append(str(path))
    code, _, err = run(["compare", *paths, "--bank", str(BANK)], capsys)
    assert code == 2
    assert f"got {count}" in err


def test_cli_same_file_twice_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["compare", str(FILES[0]), str(FILES[0]), "--bank", str(BANK)], capsys)
    assert code == 2 and "more than once" in err


def test_cli_reports_every_bad_file_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad_choice = tmp_path / "bad-choice.yaml"
    bad_choice.write_text(
        (DATA / "avon.yaml").read_text("utf-8").replace("plan.money: none", "plan.money: lots"),
        encoding="utf-8",
    )
    bad_yaml = tmp_path / "bad-yaml.yaml"
    bad_yaml.write_text("bank: cmp\nbank_version: '1.0'\nanswers: [\n", encoding="utf-8")
    code, out, err = run(
        ["compare", str(bad_choice), str(DATA / "bath.yaml"), str(bad_yaml), "--bank", str(BANK)],
        capsys,
    )
    assert code == 1 and out == ""
    assert f"{bad_choice}:9:15:" in err and "lots" in err
    assert f"{bad_yaml}:" in err


def test_cli_refuses_json_name_for_the_markdown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(
        ["compare", *map(str, FILES), "--bank", str(BANK), "-o", str(tmp_path / "x.json")],
        capsys,
    )
    assert code == 2 and "Markdown" in err
    assert not (tmp_path / "x.json").exists()


@pytest.mark.parametrize(
    ("where", "message"),
    [
        ("folder", "is a folder; give a file name such as partnership.md"),
        ("under-file", "is a file, not a folder"),
        ("deep-under-file", "is a file, not a folder"),
    ],
)
def test_cli_unwritable_output_is_a_usage_error_before_scoring(
    where: str, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_text("x", encoding="utf-8")
    target = {
        "folder": tmp_path,
        "under-file": plain / "x.md",
        "deep-under-file": plain / "a" / "x.md",
    }[where]
    bad = tmp_path / "bad.yaml"  # a malformed file: exit 1 if scoring had started
    bad.write_text("answers: [\n", encoding="utf-8")
    code, out, err = run(
        ["compare", str(FILES[0]), str(bad), "--bank", str(BANK), "-o", str(target)], capsys
    )
    assert code == 2 and out == ""
    assert message in err and str(target) in err
    assert "internal error" not in err and err.count("\n") == 1


def test_cli_output_over_an_answer_file_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A slip such as ``-o b.yaml`` must not replace a partner's answers with the view."""
    partner = tmp_path / "partner.yaml"
    partner.write_bytes(FILES[1].read_bytes())
    code, out, err = run(
        ["compare", str(FILES[0]), str(partner), "--bank", str(BANK), "-o", str(partner)], capsys
    )
    assert code == 2 and out == ""
    assert f"would replace the answer file {partner}" in err and err.count("\n") == 1
    assert partner.read_bytes() == FILES[1].read_bytes()


def test_cli_missing_answer_file_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nonexist.yaml"
    code, out, err = run(["compare", str(missing), str(FILES[0]), "--bank", str(BANK)], capsys)
    assert code == 2 and out == ""
    assert "no such file" in err and str(missing) in err


def test_cli_folder_as_answer_file_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(["compare", str(tmp_path), str(FILES[0]), "--bank", str(BANK)], capsys)
    assert code == 2 and "is a folder" in err


DORSET = "Dorset History Centre"
HALF_DONE = DATA / "dorset-half-done.yaml"  # answered Willing partners only


def test_a_section_a_partner_has_not_answered_is_left_out_of_weakest_and_spread(
    bank: Bank,
) -> None:
    view = compare_results(bank, score_files(bank, [DATA / "avon.yaml", BATH_FILE, HALF_DONE]))
    rows = {s.id: s for s in view.sections}
    plan = rows["plan"]
    assert plan.scores == (12.5, 50.0, 0.0)  # Dorset's own report scores it 0
    assert plan.answered == (True, True, False) and plan.not_answered == (DORSET,)
    assert plan.weakest == (AVON,) and (plan.lowest, plan.highest) == (12.5, 50.0)
    assert plan.spread == 37.5
    assert rows["relationship"].weakest == (AVON,) and rows["relationship"].spread == 25.0
    assert rows["willing"].answered == (True, True, True) and rows["willing"].not_answered == ()


def test_a_section_only_one_partner_answered_is_not_compared(bank: Bank) -> None:
    view = compare_results(bank, score_files(bank, [DATA / "avon.yaml", HALF_DONE]))
    plan = {s.id: s for s in view.sections}["plan"]
    assert plan.weakest == () and plan.spread is None
    assert (plan.lowest, plan.highest) == (12.5, 12.5)
    markdown = render_compare(view)
    side_by_side, factors = tables(markdown)[1:3]
    assert ["Work plan and money", "12.5", "*not answered*"] in side_by_side
    assert "*Not answered* means the partner has not answered" in markdown
    assert factors[0][-1] == "Not answered yet"
    plan_row = next(row for row in factors if row[0] == "Work plan and money")
    assert plan_row[1] == f"not compared: only {AVON} answered it"
    assert plan_row[4] == "\u2013" and plan_row[5] == DORSET
    assert "(wide)" not in markdown  # Dorset's zeros are not a disagreement


def test_unanswered_questions_never_make_a_gap_shared(bank: Bank) -> None:
    view = compare_results(bank, score_files(bank, [DATA / "avon.yaml", BATH_FILE, HALF_DONE]))
    # Money: Avon answered "none", Bath is strong, Dorset did not answer. Counting Dorset's
    # blank would make it "shared"; it is Avon's gap alone, which Bath can help with.
    assert [(g.qid, g.partners, g.not_answered) for g in view.shared_gaps] == [
        ("plan.timetable", (AVON, BATH), (DORSET,))
    ]
    assert ("plan.money", (BATH,), (AVON,)) in [
        (c.qid, c.can_help, c.could_learn) for c in view.complementary
    ]
    items = [item for phase in view.work_plan for item in phase.items]
    assert all(DORSET not in item.partners for item in items)
    timetable = next(item for item in items if item.qid == "plan.timetable")
    assert timetable.not_answered == (DORSET,)
    markdown = render_compare(view)
    shared = tables(markdown)[4]
    assert shared[1][1:4] == ["gap", "gap", "not answered"]
    assert f"Not answered yet by {DORSET}." in markdown


def test_side_by_side_legend_has_no_not_answered_note_when_all_answered(
    view: PartnershipResult,
) -> None:
    markdown = render_compare(view)
    assert "*not answered*" not in tables(markdown)[1:2][0][1]
    assert "*Not answered* means" not in markdown
    assert "Not answered yet |" not in markdown


def test_cli_a_partner_with_a_typo_is_compared_marked_and_its_problem_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    typo = tmp_path / "avon.yaml"
    typo.write_text(
        (DATA / "avon.yaml").read_text("utf-8").replace("plan.money: none", "plan.money: nnone"),
        encoding="utf-8",
    )
    out = tmp_path / "partnership.md"
    others = [str(DATA / "bath.yaml"), str(DATA / "corsham.yaml")]
    code, _, err = run(["compare", str(typo), *others, "--bank", str(BANK), "-o", str(out)], capsys)
    assert code == 1
    assert f"{typo}:9:15: error: plan.money: unknown choice 'nnone' (did you mean 'none'?)" in err
    text = out.read_text(encoding="utf-8")
    [partners] = [t for t in tables(text) if t[0][:2] == ["Partner", "Answer file"]]
    avon = next(row for row in partners if row[0] == "Avon Archives")
    assert avon[3].endswith("(scored with 1 problem)")
    assert [row[0] for row in partners[1:]] == [
        "Avon Archives",
        "Bath Record Office",
        "Corsham History Centre",
    ]
    result = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    assert [p["problems"] for p in result["partners"]] == [1, 0, 0]


def test_a_bank_without_benefits_or_accreditation_gets_a_view_silent_on_both(
    tmp_path: Path,
) -> None:
    """The partnership view, like the report, says nothing of what the bank does not
    declare: no benefits section, no Accreditation section, not even to say there is none."""
    other = Path(__file__).parents[1] / "data" / "other-bank"
    bank = load_bank(other / "community.yaml")
    second = tmp_path / "ashby.yaml"
    text = (other / "millbrook.yaml").read_text(encoding="utf-8")
    second.write_text(text.replace("Millbrook", "Ashby"), encoding="utf-8")
    results = []
    for path in (other / "millbrook.yaml", second):
        loaded, matched = read_answers(bank, path)
        results.append(score_service(bank, loaded.file, matched, path.name))
    markdown = render_compare(compare_results(bank, results)).casefold()
    assert "## combined work plan" in markdown
    for words in ("benefit", "accreditation"):
        assert words not in markdown, words


def test_two_partners_are_both_partners_not_all_two(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "two.md"
    files = [str(DATA / "avon.yaml"), str(DATA / "bath.yaml")]
    assert run(["compare", *files, "--bank", str(BANK), "-o", str(out)], capsys)[0] == 0
    text = out.read_text(encoding="utf-8")
    assert "both partners" in text
    assert "all 2 " not in text


def test_no_complementary_strength_beyond_the_shared_gaps_says_other(
    view: PartnershipResult,
) -> None:
    # The shared gaps table above already shows a partner strong where others have a gap,
    # so the line under "Complementary strengths" must not say no question is.
    assert view.shared_gaps[1].can_help
    text = render_compare(view.model_copy(update={"complementary": ()}))
    assert "No other question is strong for one partner and a gap for another." in text
    alone = view.model_copy(update={"complementary": (), "shared_gaps": ()})
    assert "No question is strong for one partner and a gap for another." in render_compare(alone)


def test_a_partner_whose_answer_could_not_be_read_is_not_said_not_to_have_answered(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Avon did answer whether partners trust each other; its answer was mistyped. Saying
    it has "not answered yet" would tell the meeting something untrue."""
    typo = tmp_path / "avon.yaml"
    typo.write_text(
        (DATA / "avon.yaml")
        .read_text("utf-8")
        .replace("relationship.trust: largely", "relationship.trust: lagrely"),
        encoding="utf-8",
    )
    out = tmp_path / "partnership.md"
    others = [str(DATA / "bath.yaml"), str(DATA / "corsham.yaml")]
    assert run(["compare", str(typo), *others, "--bank", str(BANK), "-o", str(out)], capsys)[0] == 1
    text = out.read_text(encoding="utf-8")
    [row] = [line for line in text.splitlines() if line.startswith("| Do partners trust")]
    assert row.endswith("| Avon Archives (answer could not be read) |")
    [item] = [line for line in text.splitlines() if "Hold a frank joint workshop" in line]
    assert "The answer of Avon Archives could not be read." in item
    assert "Not answered yet by Avon" not in text


def test_an_output_file_ending_in_html_gets_a_page_without_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`-o partnership.html` alone writes a page, not Markdown in a file named .html; an
    explicit --format still decides."""
    files = [str(DATA / "avon.yaml"), str(DATA / "bath.yaml")]
    page, markdown = tmp_path / "view.html", tmp_path / "asked.html"
    assert run(["compare", *files, "--bank", str(BANK), "-o", str(page)], capsys)[0] == 0
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    args = ["compare", *files, "--bank", str(BANK), "--format", "md", "-o", str(markdown)]
    assert run(args, capsys)[0] == 0
    assert markdown.read_text(encoding="utf-8").startswith("# Partnership view")
