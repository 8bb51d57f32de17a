"""Scoring: hand-computed expectations on tests/data/scoring/bank.yaml, and properties."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partnership_check.answers.load import LoadedAnswers
from partnership_check.answers.match import match_answers
from partnership_check.answers.model import AnswerFile
from partnership_check.bank.load import load_bank, parse_bank
from partnership_check.bank.model import Bank
from partnership_check.loading import names
from partnership_check.scoring import answer_score
from partnership_check.scoring import plan as work_plan
from partnership_check.scoring.bank_facts import BankFacts
from partnership_check.scoring.results import ServiceResult
from partnership_check.scoring.score import score_service

DATA = Path(__file__).parents[1] / "data" / "scoring"
BANK = load_bank(DATA / "bank.yaml")

STRONG: dict[str, Any] = yaml.safe_load((DATA / "strong.yaml").read_text(encoding="utf-8"))


def score(answers: dict[str, Any], bank: Bank = BANK, version: str = "1.0") -> ServiceResult:
    data = {"bank": bank.id, "bank_version": version, "service": "Test", "answers": answers}
    text = yaml.safe_dump(data)
    loaded = LoadedAnswers(Path("t.yaml"), text, AnswerFile.model_validate(data))
    return score_service(bank, loaded.file, match_answers(bank, loaded), "t.yaml")


def section(result: ServiceResult, sid: str) -> float | None:
    return next(s.score for s in result.sections if s.id == sid)


def mixed() -> ServiceResult:
    path = DATA / "mixed.yaml"
    from partnership_check.answers.load import load_answers

    loaded = load_answers(path)
    return score_service(BANK, loaded.file, match_answers(BANK, loaded), path.name)


def test_mixed_sections_by_hand() -> None:
    result = mixed()
    # willing: motivation largely 2/3 (weight 2) + aims fully 1 (weight 1) -> 100 * (4/3 + 1) / 3
    assert section(result, "willing") == 77.8
    # resources: money partly 1/3, time don't know 0, legal hidden -> 100 * (1/3) / 2
    assert section(result, "resources") == 16.7
    # relationship: trust n/a excluded; contacts 1 + 2 of 4; history optional, unanswered
    assert section(result, "relationship") == 75.0
    assert section(result, "context") is None and section(result, "acc") is None


def test_mixed_overall_by_hand() -> None:
    result = mixed()
    # (2 * 700/9 + 50/3 + 75) / 4 = 61.81
    assert result.overall.score == 61.8
    assert result.overall.band.id == "developing"
    assert not result.overall.capped and result.blockers == ()


def test_gaps_ranked_by_cost_with_recommendations() -> None:
    result = mixed()
    # time: 100 * 1/4 (section share) * 1 * 1 / 2 = 12.5; money: ... * 2/3 / 2 = 8.3
    assert [(g.qid, g.kind, g.cost) for g in result.gaps] == [
        ("resources.time", "dont-know", 12.5),
        ("resources.money", "low-score", 8.3),
    ]
    assert result.evidence_gaps == ("resources.time",)
    assert result.strengths == ("willing.motivation", "willing.aims", "relationship.contacts")
    phases = [(p.effort, [i.qid for i in p.items]) for p in result.work_plan]
    assert phases == [("3-months", ["resources.time"]), ("12-months", ["resources.money"])]


def test_accreditation_priorities_and_benefits_mismatch() -> None:
    result = mixed()
    assert [(a.rank, a.area, a.standing, a.partnership_help) for a in result.accreditation] == [
        (1, "1.5", "not-met", "maybe"),
        (2, "1.2", "partially-met", "yes"),
    ]
    assert result.benefits.sought == ("Securing funding", "Pooling resources", "Sharing expertise")
    assert result.benefits.commitment_score == 16.7 and result.benefits.mismatch


ADVICE = {
    "gov-standing": ("Agree who governs the service.", "3-months"),
    "fin-standing": ("Cost the forward plan.", "12-months"),
    "access-standing": ("Write an access plan.", "3-months"),
}


def advised_bank() -> Bank:
    """The scoring bank with advice on its three Accreditation standing questions."""
    text = (DATA / "bank.yaml").read_text(encoding="utf-8")
    for local, (advice, effort) in ADVICE.items():
        start = text.index(f"{{id: {local},")
        end = text.index("\n", start) - 1  # before the closing brace of the flow mapping
        extra = f", recommendation: {{text: {advice}, effort: {effort}}}"
        text = text[:end] + extra + text[end:]
    return parse_bank("advised.yaml", text)


ADVISED = advised_bank()
ACC_STRONG = {**STRONG, "resources.money": "partial", "resources.time": "none"}


def plan(result: ServiceResult) -> list[tuple[str, list[str]]]:
    return [(p.effort, [i.qid for i in p.items]) for p in result.work_plan]


def test_accreditation_priorities_carry_their_advice() -> None:
    result = score(
        {
            **ACC_STRONG,
            "acc.gov-standing": "partially-met",
            "acc.gov-help": "yes",
            "acc.fin-standing": "not-met",
            "acc.fin-help": "maybe",
            "acc.access-standing": "met",
        },
        bank=ADVISED,
    )
    advice = [(a.area, a.qid, a.recommendation, a.effort) for a in result.accreditation]
    assert advice == [
        ("1.5", "acc.fin-standing", "Cost the forward plan.", "12-months"),
        ("1.2", "acc.gov-standing", "Agree who governs the service.", "3-months"),
    ]
    # gaps: time (3 months) then money (12 months); 1.2 (partly met, help yes) joins its
    # phase after the gap; 1.5 is not met but partnership only "maybe" helps, so it stays out
    assert plan(result) == [
        ("3-months", ["resources.time", "acc.gov-standing"]),
        ("12-months", ["resources.money"]),
    ]
    item = result.work_plan[0].items[1]
    assert (item.accreditation_area, item.accreditation_name) == (
        "1.2",
        "Governance and management structures",
    )
    assert item.cost == 0.0 and not item.blocker
    assert result.work_plan[0].items[0].accreditation_area is None
    assert result.rules.accreditation_in_plan == 2


def test_at_most_two_accreditation_priorities_join_the_plan() -> None:
    answers = {
        **STRONG,
        "acc.gov-standing": "partially-met",
        "acc.gov-help": "yes",
        "acc.fin-standing": "partially-met",
        "acc.fin-help": "yes",
        "acc.access-standing": "not-met",
        "acc.access-help": "yes",
    }
    result = score(answers, bank=ADVISED)
    assert [a.area for a in result.accreditation] == ["3.2", "1.2", "1.5"]
    # no gaps at all: the plan holds only the two highest-ranked areas, 3.2 and 1.2
    assert plan(result) == [("3-months", ["acc.access-standing", "acc.gov-standing"])]
    assert all(p.left_over == 0 for p in result.work_plan)


def test_not_assessed_areas_and_areas_without_advice_stay_out_of_the_plan() -> None:
    answers = {
        **STRONG,
        "acc.gov-standing": "dont-know",
        "acc.gov-help": "yes",
        "acc.fin-standing": "partially-met",
        "acc.fin-help": "yes",
        "acc.access-standing": "met",
    }
    advised = score(answers, bank=ADVISED)
    assert [(a.area, a.standing) for a in advised.accreditation] == [
        ("1.5", "partially-met"),
        ("1.2", "not-assessed"),
    ]
    assert plan(advised) == [("12-months", ["acc.fin-standing"])]
    plain = score(answers)  # the same answers against the bank without advice
    assert plain.accreditation[0].recommendation is None and plain.work_plan == ()


def test_accreditation_items_never_displace_gaps_or_blockers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(work_plan, "PER_PHASE", 1)  # full phases with few questions
    answers = {
        "willing.motivation": "none",
        "willing.aims": "none",
        "resources.money": "none",
        "resources.time": "none",
        "relationship.trust": "none",
        "relationship.contacts": ["individuals"],
        "acc.gov-standing": "not-met",
        "acc.gov-help": "yes",
    }
    result = score(answers, bank=ADVISED)
    # gaps by cost: motivation (blocker) 33.3, aims 16.7, money, time, trust 12.5, contacts 9.4
    assert plan(result) == [
        ("quick-win", ["willing.motivation"]),
        ("3-months", ["willing.aims", "acc.gov-standing"]),
        ("12-months", ["resources.money"]),
    ]
    assert [p.left_over for p in result.work_plan] == [2, 1, 0]
    assert result.work_plan[0].items[0].blocker


def test_gate_caps_band_whatever_the_average() -> None:
    result = score({**STRONG, "willing.motivation": "none"})
    # willing 100 * (0 + 1) / 3; overall (2 * 33.3 + 100 + 100) / 4 = 66.7, band developing
    assert result.overall.score == 66.7
    assert result.overall.uncapped_band.id == "developing"
    assert result.overall.band.id == "not-ready"
    assert result.overall.capped_by == ("willing.motivation",)
    assert result.blockers[0].reason == "Partners are not willing."
    assert result.gaps[0].blocker


@pytest.mark.parametrize(
    ("value", "fires", "answered"),
    [
        ("dont-know", True, True),
        (None, True, False),
        ("partial", False, True),
        ("n-a", False, True),
    ],
)
def test_gate_on_dont_know_unanswered_and_na(
    value: str | None, fires: bool, answered: bool
) -> None:
    answers = {k: v for k, v in STRONG.items() if k != "willing.motivation"}
    if value is not None:
        answers["willing.motivation"] = value
    result = score(answers)
    assert bool(result.blockers) is fires
    if fires:
        assert result.blockers[0].answered is answered


WITHOUT_MOTIVATION = {k: v for k, v in STRONG.items() if k != "willing.motivation"}


def test_blocker_sentence_fits_what_fired_it() -> None:
    weak = score({**WITHOUT_MOTIVATION, "willing.motivation": "none"}).blockers[0]
    dont_know = score({**WITHOUT_MOTIVATION, "willing.motivation": "dont-know"}).blockers[0]
    unanswered = score(WITHOUT_MOTIVATION).blockers[0]
    assert (weak.kind, weak.why) == ("low-score", "Partners are not willing.")
    # "don't know" and no answer never assert that partners are not willing
    assert (dont_know.kind, dont_know.why) == (
        "dont-know",
        "It is not known how this stands, and a weak answer here would mean: partners are not"
        " willing.",
    )
    assert (unanswered.kind, unanswered.why) == (
        "unanswered",
        "Not answered yet, and a weak answer here would mean: partners are not willing.",
    )
    assert dont_know.reason == unanswered.reason == "Partners are not willing."


def test_blocker_sentences_the_bank_gives_are_used() -> None:
    text = (DATA / "bank.yaml").read_text(encoding="utf-8")
    gate = "gate: {at_or_below: 0, cap: not-ready, reason: Partners are not willing.}"
    assert gate in text
    bank = parse_bank(
        "bank.yaml",
        text.replace(
            gate,
            "gate: {at_or_below: 0, cap: not-ready, reason: Partners are not willing.,"
            " if_dont_know: It is not known whether partners are willing.,"
            " if_unanswered: Whether partners are willing is not answered yet.}",
        ),
    )
    dont_know = score({**WITHOUT_MOTIVATION, "willing.motivation": "dont-know"}, bank=bank)
    unanswered = score(WITHOUT_MOTIVATION, bank=bank)
    weak = score({**WITHOUT_MOTIVATION, "willing.motivation": "none"}, bank=bank)
    assert dont_know.blockers[0].why == "It is not known whether partners are willing."
    assert unanswered.blockers[0].why == "Whether partners are willing is not answered yet."
    assert weak.blockers[0].why == "Partners are not willing."


def test_unanswered_required_scores_zero_and_is_listed() -> None:
    answers = {k: v for k, v in STRONG.items() if k != "willing.aims"}
    result = score(answers)
    assert section(result, "willing") == pytest.approx(66.7)  # (2 * 1 + 0) / 3
    assert "willing.aims" in result.completeness.unanswered_required
    assert "benefits.sought" in result.completeness.unanswered_required  # not scored, still listed
    assert result.gaps[0].kind == "unanswered"


def test_not_applicable_and_optional_are_excluded() -> None:
    result = score({**STRONG, "relationship.trust": "n-a"})
    assert section(result, "relationship") == 100.0
    low = score({**STRONG, "relationship.trust": "n-a", "relationship.contacts": ["services"]})
    assert section(low, "relationship") == 25.0  # history (optional, unanswered) is left out


def test_condition_shows_and_hides_a_question() -> None:
    hidden = score({**STRONG, "resources.legal": "none"})
    assert hidden.hidden_answered == ("resources.legal",)
    assert section(hidden, "resources") == 100.0
    shown = score({**STRONG, "context.kind": "shared-service", "resources.legal": "none"})
    assert section(shown, "resources") == pytest.approx(66.7)
    assert shown.hidden_answered == ()


def test_multi_scores_sum_over_positive_total() -> None:
    result = score({**STRONG, "relationship.contacts": ["parents"]})
    assert result.question("relationship.contacts").fraction == 0.5
    dont = score({**STRONG, "relationship.contacts": ["dont-know"]})
    assert dont.question("relationship.contacts").status == "dont-know"


def test_a_text_answer_is_kept_in_the_result() -> None:
    text = "We share a reading room with the county library."
    result = score({**STRONG, "context.notes": text})
    q = result.question("context.notes")
    assert (q.status, q.answer, q.answer_labels) == ("answered", (text,), ())
    assert q.fraction is None and q.points is None and not q.gap and not q.strength
    assert result.overall.score == 100.0  # a text answer is never scored
    other = score({**STRONG, "context.notes": "Another service's text."})
    assert other.question("context.notes").answer == ("Another service's text.",)


def test_other_bank_version_scores_what_matches() -> None:
    result = score({**STRONG, "gone.question": "fully"}, version="0.9")
    assert result.unmatched == ("gone.question",)
    assert result.version_differs and result.overall.score == 100.0


def test_nothing_answered_scores_zero() -> None:
    result = score({})
    assert result.overall.score == 0.0  # required questions unanswered score 0
    assert result.overall.band.id == "not-ready"
    assert [b.qid for b in result.blockers] == ["willing.motivation"]
    assert result.completeness.answered == 0


def test_service_name_control_characters_are_removed() -> None:
    data = {"bank": BANK.id, "bank_version": "1.0", "service": "\x1b[31mRed\x07 Office\u202e"}
    loaded = LoadedAnswers(Path("t.yaml"), "", AnswerFile.model_validate(data))
    result = score_service(BANK, loaded.file, match_answers(BANK, loaded))
    assert result.service_display == "Red Office"
    assert result.slug == "red-office"


# ---- properties ---------------------------------------------------------------------------

SCORED = [ref for ref in BANK.questions if ref.question.type != "text"]


@st.composite
def answer_sets(draw: st.DrawFn) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for ref in SCORED:
        ids = [c.id for c in ref.choices]
        if ref.question.type == "multi":
            chosen = draw(st.lists(st.sampled_from(ids), unique=True, max_size=len(ids)))
            if chosen:
                answers[ref.qid] = chosen
        else:
            value = draw(st.one_of(st.none(), st.sampled_from(ids)))
            if value is not None:
                answers[ref.qid] = value
    return answers


FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(answer_sets())
def test_scores_stay_within_0_and_100(answers: dict[str, Any]) -> None:
    result = score(answers)
    for s in result.sections:
        assert s.score is None or 0 <= s.score <= 100
    assert result.overall.score is None or 0 <= result.overall.score <= 100


RAISABLE = [
    ref
    for ref in SCORED
    if ref.scored
    and ref.question.type != "multi"
    and not any(r.question.when and ref.qid in r.question.when.model_dump_json() for r in SCORED)
]


@FAST
@given(answer_sets(), st.sampled_from(RAISABLE), st.data())
def test_raising_one_answer_never_lowers_the_overall(
    answers: dict[str, Any], ref: Any, data: st.DataObject
) -> None:
    current = answers.get(ref.qid)
    choice = ref.choice_by_id.get(current) if current else None
    if choice is None or choice.not_applicable:
        return
    floor = -1.0 if choice.dont_know else choice.score
    higher = [c.id for c in ref.choices if c.score is not None and c.score > floor]
    if not higher:
        return
    before = score(answers)
    after = score({**answers, ref.qid: data.draw(st.sampled_from(higher))})
    assert (after.overall.score or 0) >= (before.overall.score or 0)


@FAST
@given(answer_sets(), st.sampled_from([r for r in SCORED if r.choice_by_id.get("n-a")]))
def test_not_applicable_never_changes_other_sections(answers: dict[str, Any], ref: Any) -> None:
    before = score(answers)
    after = score({**answers, ref.qid: "n-a"})
    for old, new in zip(before.sections, after.sections, strict=True):
        if old.id != ref.section.id:
            assert old.score == new.score


@FAST
@given(answer_sets())
def test_scoring_is_deterministic(answers: dict[str, Any]) -> None:
    assert score(answers).model_dump_json() == score(dict(answers)).model_dump_json()


# ---- benefits against commitment, unanswered Accreditation, provisional scores -----------

GATED = parse_bank(
    "gated.yaml",
    (DATA / "bank.yaml")
    .read_text(encoding="utf-8")
    .replace(
        "        recommendation: {text: Agree days per month for senior staff., effort: 3-months}",
        "        gate: {at_or_below: 0, cap: not-ready, reason: No senior time is committed.}\n"
        "        recommendation: {text: Agree days per month for senior staff., effort: 3-months}",
    ),
)
THREE = ["funding", "pooling", "expertise"]


@pytest.mark.parametrize("sought", [["funding"], THREE])
def test_benefits_never_fit_while_a_commitment_blocker_fired(sought: list[str]) -> None:
    # money fully, time none: resources scores 50 but its gate fired
    answers = {**STRONG, "resources.time": "none", "benefits.sought": sought}
    result = score(answers, bank=GATED)
    assert result.benefits.commitment_score == 50.0
    assert result.benefits.commitment_blockers == ("resources.time",)
    assert not result.benefits.fit
    assert result.benefits.mismatch is (len(sought) >= 3)  # many benefits and a blocker


def test_borderline_commitment_is_neither_a_fit_nor_a_mismatch() -> None:
    # money partly 1/3, time largely 2/3 -> 50: not low, but not enough to say it fits
    answers = {**STRONG, "resources.money": "partial", "resources.time": "largely"}
    result = score({**answers, "benefits.sought": THREE})
    assert result.benefits.commitment_score == 50.0
    assert not result.benefits.mismatch and not result.benefits.fit
    fits = score({**STRONG, "resources.time": "largely", "benefits.sought": THREE})
    assert fits.benefits.commitment_score == pytest.approx(83.3) and fits.benefits.fit


def test_unanswered_accreditation_is_not_answered_and_ranked_after_not_assessed() -> None:
    answers = {**STRONG, "acc.gov-standing": "dont-know", "acc.gov-help": "dont-know"}
    result = score(answers)
    assert [(a.area, a.standing, a.partnership_help) for a in result.accreditation] == [
        ("1.2", "not-assessed", "unknown"),
        ("1.5", "not-answered", "not-answered"),
        ("3.2", "not-answered", "not-answered"),
    ]


def test_score_is_provisional_below_half_the_counted_questions_answered() -> None:
    # six questions count: motivation, aims, money, time, trust, contacts
    few = score({"willing.motivation": "fully", "willing.aims": "none"})
    assert (few.completeness.counted_answered, few.completeness.counted_applicable) == (2, 6)
    assert few.completeness.provisional and few.completeness.started
    # the plan holds the answered gap only, not the four questions still unanswered
    assert plan(few) == [("3-months", ["willing.aims"])]
    assert {g.qid for g in few.gaps} >= {"resources.money", "relationship.trust"}
    half = score({"willing.motivation": "fully", "willing.aims": "none", "resources.money": "none"})
    assert not half.completeness.provisional
    assert "resources.time" in [i.qid for p in half.work_plan for i in p.items]
    blank = score({})
    assert not blank.completeness.started and blank.completeness.provisional
    assert blank.work_plan == ()
    assert blank.rules.provisional_below == 50.0


@settings(max_examples=500, deadline=None)
@given(st.text() | st.text(alphabet=" \x1b[m\t\u00a0\u200bab"))
def test_a_name_that_looks_clean_skips_cleaning_and_loses_nothing(raw: str) -> None:
    assert names.display_name(raw) == names._clean(raw)


def test_the_same_answer_in_many_files_keeps_each_files_own_note() -> None:
    """Results of an answer are shared between files; the notes must never be."""
    first = score({"willing.motivation": {"answer": "largely", "note": "Minutes of May."}})
    second = score({"willing.motivation": {"answer": "largely", "note": "Board paper."}})
    third = score({"willing.motivation": "largely"})
    notes = [r.question("willing.motivation").note for r in (first, second, third)]
    assert notes == ["Minutes of May.", "Board paper.", None]
    assert (
        first.question("willing.motivation").fraction
        == third.question("willing.motivation").fraction
        == round(2 / 3, 3)
    )
    assert first == score({"willing.motivation": {"answer": "largely", "note": "Minutes of May."}})


def test_a_hidden_question_drops_its_answer_and_note_even_when_seen_shown_before() -> None:
    legal = {"answer": "fully", "note": "Signed."}
    shown = score({"context.kind": "shared-service", "resources.legal": legal})
    assert (shown.question("resources.legal").status, shown.question("resources.legal").note) == (
        "answered",
        "Signed.",
    )
    hidden = score({"context.kind": "informal", "resources.legal": legal})
    legal = hidden.question("resources.legal")
    assert (legal.status, legal.note, legal.answer) == ("hidden", None, ())


def test_answers_beyond_what_is_kept_are_scored_just_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    kept = score({"willing.motivation": "largely", "willing.aims": "fully"})
    monkeypatch.setattr(answer_score, "_DISTINCT_ANSWERS", 0)  # keep nothing more from here on
    fresh = load_bank(DATA / "bank.yaml")  # a bank of its own, with nothing kept yet
    data = {"bank": fresh.id, "bank_version": "1.0", "service": "Test"}
    answers = {"willing.motivation": "largely", "willing.aims": "fully"}
    loaded = LoadedAnswers(
        Path("t.yaml"), "", AnswerFile.model_validate({**data, "answers": answers})
    )
    unkept = score_service(fresh, loaded.file, match_answers(fresh, loaded), "t.yaml")
    assert unkept == kept
    assert all(not f.answers for f in BankFacts(fresh).questions)
