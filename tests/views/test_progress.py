"""progress: two assessments of one service, checked against numbers worked out by hand.

The test bank (tests/data/compare/bank.yaml) scores answers 0/1/3/4 out of 4 (fractions 0,
0.25, 0.75, 1); Willing partners has weight 2, the other counted sections 1.
  OLD (2025): willing (0.25+1)/2=62.5, plan (0+0.75)/2=37.5, relationship 0 (trust unanswered)
              -> (2x62.5+37.5+0)/4 = 40.6, "Not ready"; the motivation gate fires (Partly <= 1)
  NEW (2026): willing 100, plan (0.75+0.25)/2=50, relationship 75 -> 325/4 = 81.3, "Ready"
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from partnership_check.bank.load import load_bank
from partnership_check.bank.model import Bank
from partnership_check.cli import main
from partnership_check.commands.view_files import score_files
from partnership_check.render.views import render_progress
from partnership_check.views.progress import compare_progress
from partnership_check.views.progress_result import ProgressResult
from tests.conftest import GOLDEN, check_golden

DATA = Path(__file__).parents[1] / "data" / "progress"
BANK = Path(__file__).parents[1] / "data" / "compare" / "bank.yaml"
OLD, NEW = DATA / "old.yaml", DATA / "new.yaml"


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(BANK)


def progress_of(bank: Bank, old: Path, new: Path) -> ProgressResult:
    old_result, new_result = score_files(bank, [old, new])
    return compare_progress(bank, old_result, new_result)


@pytest.fixture(scope="module")
def view(bank: Bank) -> ProgressResult:
    return progress_of(bank, OLD, NEW)


def test_overall_and_band_change(view: ProgressResult) -> None:
    assert (view.old.score, view.new.score, view.score_change) == (40.6, 81.3, 40.7)
    assert (view.old.band, view.new.band, view.band_change) == ("Not ready", "Ready", "up")


def test_section_changes(view: ProgressResult) -> None:
    assert [(s.id, s.old, s.new, s.change) for s in view.sections] == [
        ("willing", 62.5, 100.0, 37.5),
        ("plan", 37.5, 50.0, 12.5),
        ("relationship", 0.0, 75.0, 75.0),
    ]


def test_what_moved_question_by_question(view: ProgressResult) -> None:
    assert [(q.qid, q.movement) for q in view.moved] == [
        ("willing.motivation", "up"),
        ("plan.timetable", "up"),
        ("plan.money", "down"),
        ("relationship.trust", "new-answer"),
        ("benefits.sought", "changed"),
        ("acc.governance", "up"),
        ("acc.planning", "now-unanswered"),
    ]
    assert (view.moved[2].old_answer, view.moved[2].new_answer) == ("Largely", "Partly")


def test_improved_answers_new_answers_and_new_gaps(view: ProgressResult) -> None:
    assert [g.qid for g in view.improved] == ["willing.motivation", "plan.timetable"]
    assert view.improved[1].recommendation == "Draft a timetable together."
    # trust was not answered then: a first answer is not an improvement
    assert [(g.qid, g.kind, g.new_answer) for g in view.now_answered] == [
        ("relationship.trust", "unanswered", "Largely")
    ]
    assert [(g.qid, g.kind) for g in view.new_gaps] == [("plan.money", "low-score")]
    assert view.still_open == ()


def test_blockers_cleared(view: ProgressResult) -> None:
    assert [(b.qid, b.answer, b.cap) for b in view.cleared_blockers] == [
        ("willing.motivation", "Fully", "Not ready")
    ]
    assert view.new_blockers == () and view.remaining_blockers == ()


def test_markdown_says_improved_not_acted_on(view: ProgressResult) -> None:
    markdown = render_progress(view)
    assert "acted on" not in markdown.replace("not proof that the recommendation was acted on", "")
    improved = markdown.split("## Improved since the last assessment\n", 1)[1].split("\n## ")[0]
    assert "A better answer is not proof that the recommendation was acted on." in improved
    row = "| Is there a timetable? | Work plan and money | Draft a timetable together. |"
    assert row in improved
    assert "Do partners trust each other? *(The relationship: not answered then" in improved
    assert "| Do partners trust each other? |" not in improved  # not in the improved table
    cleared = next(x for x in markdown.splitlines() if x.startswith("| Does each partner"))
    assert cleared.endswith("| Cleared | Fully | no longer (it capped the band at Not ready) |")


def test_no_warnings_for_the_same_service_a_year_on(view: ProgressResult) -> None:
    assert not (view.names_differ or view.dated_backwards or view.dates_missing)
    assert view.not_comparable == ()


def test_bank_version_change_lists_what_cannot_be_compared(bank: Bank) -> None:
    view = progress_of(bank, DATA / "old-v0.9.yaml", NEW)
    assert [(c.qid, c.only_in, c.reason) for c in view.not_comparable] == [
        ("plan.old-question", "old", "not-in-bank"),
        ("relationship.trust", "new", "maybe-new-question"),
    ]
    assert "relationship.trust" not in [q.qid for q in view.moved]
    assert [g.qid for g in view.improved] == ["willing.motivation", "plan.timetable"]
    assert view.now_answered == ()
    assert view.old.score == 40.6  # trust unanswered either way
    markdown = render_progress(view)
    assert "## Questions that cannot be compared" in markdown
    assert "version 0.9 of the bank" in markdown


def test_warns_when_names_differ_or_dates_run_backwards(bank: Bank) -> None:
    view = progress_of(bank, OLD, DATA / "renamed-earlier.yaml")
    assert view.names_differ and view.dated_backwards
    markdown = render_progress(view)
    assert '"Avon Archives" then "Avon Record Office"' in markdown
    assert "dated before the older one" in markdown


def test_markdown_matches_golden_and_parses(view: ProgressResult) -> None:
    markdown = render_progress(view)
    check_golden("progress.md", markdown)
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    titles = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert titles == [
        "Progress: Avon Archives",
        "Overall",
        "Sections",
        "Blockers",
        "Improved since the last assessment",
        "New gaps",
        "What moved, question by question",
    ]
    rows: list[int] = []
    widths: list[set[int]] = []
    for token in tokens:
        if token.type == "table_open":
            widths.append(set())
        elif token.type == "tr_open":
            rows.append(0)
        elif token.type in ("th_open", "td_open"):
            rows[-1] += 1
        elif token.type == "tr_close":
            widths[-1].add(rows[-1])
    assert widths == [{4}, {4}, {4}, {5}, {5}, {5}]


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_writes_markdown_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "progress.md"
    code, out, _ = run(
        ["progress", str(OLD), str(NEW), "--bank", str(BANK), "-o", str(target)], capsys
    )
    assert code == 0 and out == ""
    assert target.read_text("utf-8") == (GOLDEN / "progress.md").read_text("utf-8")
    data = json.loads((tmp_path / "progress.json").read_text("utf-8"))
    assert data["score_change"] == 40.7


def test_cli_stdout_twice_is_byte_identical(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["progress", str(OLD), str(NEW), "--bank", str(BANK)]
    first, second = run(args, capsys), run(args, capsys)
    assert first[0] == 0 and first[1] == second[1] != ""


def test_cli_bad_file_names_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        NEW.read_text("utf-8").replace("plan.money: partial", "plan.money: heaps"), "utf-8"
    )
    code, out, err = run(["progress", str(OLD), str(bad), "--bank", str(BANK)], capsys)
    # Only that answer is left out: the progress is shown, and the problem on stderr.
    assert code == 1 and out.startswith("# ")
    assert f"{bad}:9:15:" in err and "unknown choice 'heaps'" in err
    assert (
        "- bad.yaml is scored with 1 problem: 1 answer in it could not be read, so its question"
        " counts as not answered in that assessment"
    ) in out


def test_an_answer_that_could_not_be_read_is_not_called_not_answered(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The service did answer: saying "not answered" (or listing it as a gap still open for
    # want of an answer) tells a committee something untrue.
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        NEW.read_text("utf-8").replace("plan.money: partial", "plan.money: heaps"), "utf-8"
    )
    code, out, _ = run(["progress", str(OLD), str(bad), "--bank", str(BANK)], capsys)
    assert code == 1
    row = next(line for line in out.splitlines() if line.startswith("| Is money committed?"))
    assert "| Largely | *answer could not be read* |" in row
    assert "not answered" not in row
    moved = [line for line in out.splitlines() if line.startswith("| Is money committed?")][-1]
    assert moved.endswith("| *answer could not be read* | Answer could not be read |")


def test_cli_same_file_twice_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["progress", str(OLD), str(OLD), "--bank", str(BANK)], capsys)
    assert code == 2 and "same file" in err


@pytest.mark.parametrize("where", ["folder", "under-file"])
def test_cli_unwritable_output_is_a_usage_error_before_scoring(
    where: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_text("x", encoding="utf-8")
    target = tmp_path if where == "folder" else plain / "x.md"
    bad = tmp_path / "bad.yaml"  # a malformed file: exit 1 if scoring had started
    bad.write_text("answers: [\n", encoding="utf-8")
    code, out, err = run(
        ["progress", str(OLD), str(bad), "--bank", str(BANK), "-o", str(target)], capsys
    )
    assert code == 2 and out == ""
    assert str(target) in err and "internal error" not in err
    assert ("such as progress.md" if where == "folder" else "is a file, not a folder") in err


def test_cli_output_whose_json_would_replace_an_answer_file_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from partnership_check.loading.parser import load_path

    new = tmp_path / "office.json"  # -o office.md writes its JSON result to office.json
    new.write_text(json.dumps(load_path(NEW)), encoding="utf-8")
    before = new.read_bytes()
    code, _, err = run(
        ["progress", str(OLD), str(new), "--bank", str(BANK), "-o", str(tmp_path / "office.md")],
        capsys,
    )
    assert code == 2 and f"would replace the answer file {new}" in err
    assert new.read_bytes() == before and not (tmp_path / "office.md").exists()


def test_cli_missing_answer_file_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nonexist.yaml"
    code, out, err = run(["progress", str(OLD), str(missing), "--bank", str(BANK)], capsys)
    assert code == 2 and out == ""
    assert "no such file" in err and str(missing) in err


TYPE_BANK = DATA / "type-bank.yaml"
SHARED, NETWORK = DATA / "typed-shared.yaml", DATA / "typed-network.yaml"


def test_a_section_that_stops_counting_is_named_and_the_change_qualified() -> None:
    # Shared service: willing 75, governance 0 -> 37.5. Network: governance does not
    # apply, so readiness is willing alone, 75: the rise is all from the sections counted.
    view = progress_of(load_bank(TYPE_BANK), SHARED, NETWORK)
    assert (view.old.score, view.new.score) == (37.5, 75.0)
    assert view.counted_only_old == ("Governance of formal arrangements",)
    assert view.counted_only_new == ()
    backwards = progress_of(load_bank(TYPE_BANK), NETWORK, SHARED)
    assert backwards.counted_only_new == ("Governance of formal arrangements",)
    markdown = render_progress(view)
    assert "**The two scores are not over the same sections.**" in markdown
    assert "Governance of formal arrangements counted in the readiness score" in markdown
    assert "partly due to which sections count" in markdown


def test_a_question_that_no_longer_applies_is_not_shown_as_unanswered() -> None:
    view = progress_of(load_bank(TYPE_BANK), SHARED, NETWORK)
    gone = next(q for q in view.moved if q.qid == "governance.legal-form")
    assert gone.movement == "no-longer-asked" and not gone.new_asked and gone.old_asked
    assert [b.applies_now for b in view.cleared_blockers] == [False]
    markdown = render_progress(view)
    moved_row = next(
        line
        for line in markdown.splitlines()
        if line.startswith("| Is the legal form chosen? | Gov")
    )
    assert moved_row.endswith(
        "| Not at all | no longer asked (does not apply now) | No longer asked |"
    )
    assert "not answered" not in moved_row
    assert "Gone: no longer asked (does not apply now)" in markdown
    returning = render_progress(progress_of(load_bank(TYPE_BANK), NETWORK, SHARED))
    assert "not asked then (did not apply)" in returning


def test_no_sections_note_when_the_same_sections_count(view: ProgressResult) -> None:
    assert view.counted_only_old == view.counted_only_new == ()
    assert "not over the same sections" not in render_progress(view)


def test_a_typo_in_a_file_of_another_version_gets_its_did_you_mean(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """As with score: on stderr as a warning, and in the view beside the id it left out."""
    old = tmp_path / "old.yaml"
    text = (DATA / "old-v0.9.yaml").read_text("utf-8")
    old.write_text(text.replace("  plan.old-question: fully\n", "  relationship.trst: fully\n"))
    code, out, err = run(["progress", str(old), str(NEW), "--bank", str(BANK)], capsys)
    assert code == 0
    assert "relationship.trst: no such question in version" in err
    assert "did you mean 'relationship.trust'? [answers-unknown-question-other-version]" in err
    assert (
        "- relationship.trst: answered in the earlier file but not in this version of the bank,"
        " so it is left out: did you mean relationship.trust? If so, correct the id in the"
        " earlier file and run progress again." in out
    )
