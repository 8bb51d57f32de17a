"""The Markdown report: structure (parsed with markdown-it-py), escaping, golden files."""

from __future__ import annotations

import gc
import json
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from partnership_check.answers.load import LoadedAnswers, load_answers
from partnership_check.answers.match import match_answers
from partnership_check.answers.model import AnswerFile
from partnership_check.bank.load import load_bank, parse_bank
from partnership_check.bank.model import Bank
from partnership_check.errors import UsageError
from partnership_check.render import filters
from partnership_check.render.chart import render_chart
from partnership_check.render.environment import bundled_environment
from partnership_check.render.filters import NOTE_LIMIT, escape_inline
from partnership_check.render.report import render_json, render_markdown, render_reports
from partnership_check.scoring.bank_facts import BankFacts
from partnership_check.scoring.results import ServiceResult
from partnership_check.scoring.score import score_service
from tests.conftest import check_golden

ROOT = Path(__file__).parents[2]
DATA = Path(__file__).parents[1] / "data" / "scoring"
EXAMPLE = ROOT / "reports" / "example"
BANK = load_bank(DATA / "bank.yaml")

H2 = [
    "In brief",
    "Section scores",
    "Strengths",
    "Gaps and what to do about them",
    "Accreditation priorities",
    "Work plan",
    "Benefits sought",
    "Next steps",
    "Completeness",
    "Appendix: answers and evidence notes",
    "Appendix: how this was scored",
]
# ... and, when there are more gaps than the gaps table shows, an appendix with the rest
H2_MANY_GAPS = [*H2[:-2], "Appendix: further gaps", *H2[-2:]]


NONE = "\N{EN DASH}"  # an empty cell in the report
ACC_HEAD = [
    "Priority",
    "Requirement",
    "Standing",
    "Could partnership help?",
    "What to do",
    "Effort",
]


def scored(path: Path, bank: Bank = BANK) -> ServiceResult:
    loaded = load_answers(path)
    return score_service(bank, loaded.file, match_answers(bank, loaded), path.name)


def from_answers(answers: dict[str, Any], **extra: Any) -> ServiceResult:
    data = {"bank": BANK.id, "bank_version": "1.0", "answers": answers, **extra}
    loaded = LoadedAnswers(Path("t.yaml"), "", AnswerFile.model_validate(data))
    return score_service(BANK, loaded.file, match_answers(BANK, loaded), "t.yaml")


def parse(text: str) -> list[Token]:
    return MarkdownIt("commonmark").enable("table").parse(text)


def headings(tokens: list[Token], level: str) -> list[str]:
    return [
        plain(tokens[i + 1])
        for i, t in enumerate(tokens)
        if t.type == "heading_open" and t.tag == level
    ]


def plain(inline: Token) -> str:
    """The text a reader sees: markup and escapes resolved."""
    return "".join(c.content for c in inline.children or [] if c.type in ("text", "code_inline"))


def tables(tokens: list[Token]) -> list[list[list[str]]]:
    """Each table as rows of cell texts (header row first)."""
    found: list[list[list[str]]] = []
    row: list[str] = []
    for i, t in enumerate(tokens):
        if t.type == "table_open":
            found.append([])
        elif t.type == "tr_open":
            row = []
        elif t.type in ("th_open", "td_open"):
            row.append(tokens[i + 1].content if tokens[i + 1].type == "inline" else "")
        elif t.type == "tr_close":
            found[-1].append(row)
    return found


def test_structure_headings_and_tables() -> None:
    tokens = parse(render_markdown(scored(DATA / "mixed.yaml"), chart_name="c.svg"))
    assert headings(tokens, "h1") == ["Partnership readiness: Testshire Archives"]
    assert headings(tokens, "h2") == H2
    found = tables(tokens)
    heads = [t[0] for t in found]
    assert ["Section", "Score", "Out of 100", "Weight", "Answered"] in heads
    assert ACC_HEAD in heads
    for table in found:
        assert all(len(row) == len(table[0]) for row in table)
    sections = found[heads.index(["Section", "Score", "Out of 100", "Weight", "Answered"])]
    assert sections[1][:3] == ["Willing partners", "77.8", "████████░░"]
    assert sections[-1][1] == "**61.8**"
    images = [c for t in tokens if t.children for c in t.children if c.type == "image"]
    assert [i.attrs["src"] for i in images] == ["c.svg"]


def test_no_chart_link_without_a_chart() -> None:
    assert ".svg" not in render_markdown(scored(DATA / "mixed.yaml"))


HOSTILE = "A | B `code` <script>alert(1)</script> *bold* [link](http://x) # &amp; \\ _u_ ~~s~~"
# Escaped only where the text would otherwise render differently: the hash sign between
# spaces and the lone backslash stay as typed.
HOSTILE_ESCAPED = (
    r"A \| B \`code\` \<script>alert(1)\</script> \*bold\* \[link](http://x) # \&amp; "
    "\\"
    r" \_u\_ \~\~s\~\~"
)


def test_user_text_cannot_break_tables_or_inject_markup() -> None:
    result = from_answers(
        {
            "willing.motivation": {"answer": "partial", "note": HOSTILE + "\n\n# heading\n| x |"},
            "context.notes": HOSTILE,
        },
        service="- 1. " + HOSTILE,
    )
    text = render_markdown(result)
    tokens = parse(text)
    assert headings(tokens, "h2") == H2
    children = [c for t in tokens if t.children for c in t.children]
    kinds = {c.type for c in children} | {t.type for t in tokens}
    assert not kinds & {"html_inline", "html_block", "s_open"}
    links = [c.attrs["href"] for c in children if c.type == "link_open"]
    assert links and all(str(href).startswith("#") for href in links)  # only the report's own
    code = {c.content for c in children if c.type == "code_inline"}
    assert "code" not in code  # only the template's own question ids are code
    emphasised: list[str] = []
    depth = 0
    for c in children:
        depth += (
            c.nesting if c.type in ("em_open", "em_close", "strong_open", "strong_close") else 0
        )
        if depth and c.type == "text":
            emphasised.append(c.content)
    assert not {"bold", "u", "s"} & set(emphasised)
    title = headings(tokens, "h1")[0]
    assert title == "Partnership readiness: - 1. " + " ".join(HOSTILE.split())
    summary = text.split("## In brief\n\n", 1)[1].splitlines()[0]
    assert summary.startswith("\\- 1. A \\| B")  # not a list item
    for table in tables(tokens):
        assert all(len(row) == len(table[0]) for row in table)
    gap_rows = next(t for t in tables(tokens) if t[0][0] == "#")
    assert gap_rows[1][3] == "Partly"
    # ... and the text is all there, escaped, in the name, the text answer and the note
    assert f"- **Service:** \\- 1. {HOSTILE_ESCAPED}\n" in text
    assert f"(`context.notes`): {HOSTILE_ESCAPED}\n" in text
    assert f"  - Evidence: {HOSTILE_ESCAPED} # heading \\| x \\|\n" in text
    # ... and a reader sees the text itself, as typed
    shown = " ".join(HOSTILE.split())
    words = {c.content for c in children if c.type == "text"}
    assert f"Evidence: {shown} # heading | x |" in words
    assert f" - 1. {shown}" in words  # the service's name, after "Service:"


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("a|b", "a\\|b"),
        ("`x`", "\\`x\\`"),
        ("<b>", "\\<b>"),
        ("line\nbreak\r\n", "line break"),
        ("tab\there", "tab here"),
        ("bell\x07", "bell"),
        ("&copy;", "\\&copy;"),
        ("&#169; &#xA9;", "\\&#169; \\&#xA9;"),
        ("- item", "\\- item"),
        ("12. item", "12\\. item"),
        ("a - b 1. c", "a - b 1. c"),
        ("1.0", "1.0"),
        # as typed: nothing here changes how the line renders
        ("R&D & Q&A", "R&D & Q&A"),
        ("item #4 #shared-service", "item #4 #shared-service"),
        ("#shared-service", "#shared-service"),
        (r"S:\Archives\Bath", r"S:\Archives\Bath"),
        ("plan_v2_final", "plan_v2_final"),
        ("a > b, [draft]!", "a > b, \\[draft]!"),
        # ... and escaped where it would: a heading, a quote, a closing hash, an escape
        ("# heading", "\\# heading"),
        ("## heading", "\\## heading"),
        ("> quoted", "\\> quoted"),
        ("Office #", "Office \\#"),
        ("Office ##", "Office \\##"),
        (r"a\*b", r"a\\\*b"),
        ("ends with \\", "ends with \\\\"),
        ("_under_ and snake_case", "\\_under\\_ and snake_case"),
    ],
)
def test_escape_inline(raw: str, escaped: str) -> None:
    assert escape_inline(raw) == escaped


@settings(max_examples=500, deadline=None)
@given(st.text() | st.text(alphabet=" -1.)_*\t\n\u00a0\u200bab"))
def test_the_quick_path_of_escaping_changes_nothing(raw: str) -> None:
    """Text that looks plain skips the escaping work; it must come out just as if it had
    been through it."""
    assert filters.escape_note(raw) == filters._escape_all(raw)


def test_long_note_is_shortened_with_a_pointer() -> None:
    note = "evidence " * (NOTE_LIMIT // 4)
    result = from_answers({"willing.aims": {"answer": "fully", "note": note}})
    text = render_markdown(result)
    line = next(x for x in text.splitlines() if "Evidence:" in x)
    assert len(line) < NOTE_LIMIT + 200
    assert "shortened; the full note is in t.yaml" in line


def test_capped_band_and_blocker_are_explained() -> None:
    strong: dict[str, Any] = {
        "willing.motivation": "none",
        "willing.aims": "fully",
        "resources.money": "fully",
        "resources.time": "fully",
        "relationship.trust": "fully",
        "relationship.contacts": ["individuals", "services", "parents"],
    }
    text = render_markdown(from_answers(strong))
    assert "would place the service in the band **Developing**" in text
    assert "cap it at **Not yet ready**" in text or "caps it at **Not yet ready**" in text
    assert "Partners are not willing." in text


def test_json_result_round_trips() -> None:
    result = scored(DATA / "mixed.yaml")
    text = render_json(result)
    assert json.loads(text)["overall"]["score"] == 61.8
    assert ServiceResult.model_validate_json(text) == result


def test_chart_is_svg_with_escaped_text() -> None:
    result = from_answers({"willing.aims": "fully"}, service="<A & B>")
    sections = tuple(
        s.model_copy(update={"title": "Risk <\"R&D\"> 'x'"}) if s.id == "willing" else s
        for s in result.sections
    )
    bands = tuple(b.model_copy(update={"label": f"{b.label} <&>"}) for b in result.bands)
    svg = render_chart(result.model_copy(update={"sections": sections, "bands": bands}))
    assert svg.startswith("<svg") and "&lt;A &amp; B&gt;" in svg and "<A & B>" not in svg
    assert "Risk &lt;&#34;R&amp;D&#34;&gt; &#39;x&#39;" in svg and "R&D" not in svg
    assert "&lt;&amp;&gt; (" in svg and "<&>" not in svg
    ElementTree.fromstring(svg)  # well-formed XML whatever the text


def test_rendering_is_deterministic(tmp_path: Path) -> None:
    result = scored(DATA / "mixed.yaml")
    first = [p.read_bytes() for p in write_reports_to(result, tmp_path, "x", ("md", "json"))]
    second = [p.read_bytes() for p in write_reports_to(result, tmp_path, "x", ("md", "json"))]
    assert first == second
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.json", "x.md", "x.svg"]


def test_user_template(tmp_path: Path) -> None:
    mine = tmp_path / "mine.md.j2"
    mine.write_text("# {{ r.service_display | md }}: {{ r.overall.score | score }}\n")
    assert render_markdown(scored(DATA / "mixed.yaml"), mine) == "# Testshire Archives: 61.8\n"
    broken = tmp_path / "broken.md.j2"
    broken.write_text("{% if %}\n")
    with pytest.raises(UsageError, match=r"broken\.md\.j2:1"):
        render_markdown(scored(DATA / "mixed.yaml"), broken)
    unknown = tmp_path / "unknown.md.j2"
    unknown.write_text("{{ r.nothing_here }}\n")
    with pytest.raises(UsageError, match="template error"):
        render_markdown(scored(DATA / "mixed.yaml"), unknown)


def test_golden_report(tmp_path: Path) -> None:
    written = write_reports_to(scored(DATA / "mixed.yaml"), tmp_path, "mixed", ("md", "json"))
    for path in written:
        check_golden(f"mixed{path.suffix}", path.read_text(encoding="utf-8"))


def test_committed_example_report_is_current(tmp_path: Path) -> None:
    """reports/example/ must show what the tool produces today."""
    answers = EXAMPLE / "example-record-office.yaml"
    result = scored(answers, load_bank())
    stem = f"{result.slug}-{result.assessed_on}"
    for path in write_reports_to(result, tmp_path, stem):
        committed = EXAMPLE / path.name
        assert committed.read_bytes() == path.read_bytes(), (
            f"{committed} is stale: run partnership-check score {answers} --out {EXAMPLE}"
        )


def write_reports_to(
    result: ServiceResult, folder: Path, stem: str, formats: tuple[str, ...] = ("md",)
) -> list[Path]:
    """The report's files written into ``folder``, as ``score`` names them."""
    written = []
    for name, text in render_reports(result, stem, formats):
        (folder / name).write_text(text, encoding="utf-8", newline="")
        written.append(folder / name)
    return written


def section_text(text: str, title: str) -> str:
    return text.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def brief_part(text: str, title: str) -> str:
    """One part of the brief (``### Blockers``, ``### Start now``), up to the next heading."""
    brief = section_text(text, "In brief")
    return brief.split(f"\n### {title}\n", 1)[1].split("\n#", 1)[0]


def test_accreditation_advice_reaches_the_table_and_the_work_plan() -> None:
    """The example office: 1.3 and 1.6 are partly met and partnership could help."""
    text = render_markdown(scored(EXAMPLE / "example-record-office.yaml", load_bank()))
    table = next(t for t in tables(parse(text)) if t[0] == ACC_HEAD)
    rows = {row[1]: row for row in table[1:]}
    assert rows["1.5 Resources: finance"][2:] == [
        "Not met",
        "Possibly",  # the label the person chose
        "Set out what the service needs to fund its plan and look at joint bids or pooled"
        " budgets with partners to close gaps.",
        "12 months",
    ]
    assessed_first = rows["3.2 Access plans and planning"][4]
    assert assessed_first.startswith("Find out where the service stands first. If it falls short,")
    plan = section_text(text, "Work plan")
    labelled = [line for line in plan.splitlines() if "Accreditation priority" in line]
    assert labelled == [
        "5. Draft or refresh the forward plan with clear priorities and resources, and include"
        " planned partnership work in it. (Accreditation priority: 1.3 Forward planning;"
        " partnership could help)",
        "1. Identify skills gaps and single points of failure in the team, and explore shared"
        " posts, secondments or joint training with partners. (Accreditation priority: 1.6"
        " Resources: workforce; partnership could help)",
    ]
    assert "After them come the top 2 Accreditation priorities" in plan
    # finance is ranked first but partnership only "maybe" helps, so it is not in the plan
    assert "fund its plan" not in plan
    scoring = section_text(text, "Appendix: how this was scored")
    assert "at most 2 of the highest-ranked Accreditation priorities" in scoring
    assert "never takes the place of a gap or a blocker" in scoring


def test_work_plan_without_accreditation_items_says_nothing_of_them() -> None:
    text = render_markdown(scored(DATA / "mixed.yaml"))  # the test bank gives no advice
    assert "After them come" not in section_text(text, "Work plan")
    table = next(t for t in tables(parse(text)) if t[0] == ACC_HEAD)
    assert [row[4:] for row in table[1:]] == [[NONE, NONE], [NONE, NONE]]


def blocker_line(result: ServiceResult, start: str) -> str:
    return next(
        x
        for x in brief_part(render_markdown(result), "Blockers").splitlines()
        if x.startswith(f"- **{start}")
    )


def test_unanswered_blocker_says_so_and_asserts_nothing() -> None:
    result = from_answers({"willing.aims": "fully"})
    line = blocker_line(result, "Does each partner")
    assert line == (
        "- **Does each partner want this for its own reasons?** (Willing partners): Not answered"
        " yet, and a weak answer here would mean: partners are not willing. Until it is"
        " answered, the band is capped at **Not yet ready**. **To clear it:** answer this"
        " question; if the answer is weak, talk to each partner about what it wants."
    )
    # the brief says once, before the list, that it did not lower the band
    assert "1 blocker fired but did not lower the band" in section_text(
        render_markdown(result), "In brief"
    )


def test_dont_know_blocker_says_it_is_not_known_and_asserts_nothing() -> None:
    line = blocker_line(
        from_answers({**STRONG, "willing.motivation": "dont-know"}), "Does each partner"
    )
    assert "answered *Don't know*. It is not known how this stands" in line
    assert "Partners are not willing." not in line and "This caps the band" not in line
    assert "Until it is known, the band is capped at **Not yet ready**." in line


def test_weak_answer_blocker_gives_the_reason() -> None:
    line = blocker_line(from_answers({**STRONG, "willing.motivation": "none"}), "Does each")
    assert "answered *Not at all*. Partners are not willing. This caps the band at" in line


def test_bundled_bank_gives_its_own_sentence_for_each_case() -> None:
    answers = {**example_answers(), "work-plan.senior-support": "dont-know"}
    del answers["resources.time"]
    result = full_bank(answers)
    assert [(b.qid, b.kind) for b in result.blockers] == [
        ("resources.time", "unanswered"),
        ("work-plan.senior-support", "dont-know"),
    ]
    time = blocker_line(result, "How much staff time")
    assert "How much staff time your service has committed is not answered yet" in time
    assert "No staff time has been committed" not in time
    senior = blocker_line(result, "Have senior managers")
    assert "It is not known whether senior managers in each partner have backed" in senior
    assert "Senior managers have not backed the work plan" not in senior


# ---- clean Markdown for every case, and text that fits the case ---------------------------

STRONG: dict[str, Any] = yaml.safe_load((DATA / "strong.yaml").read_text(encoding="utf-8"))
FULL = load_bank()


def full_bank(answers: dict[str, Any]) -> ServiceResult:
    data = {"bank": FULL.id, "bank_version": FULL.version, "answers": answers}
    loaded = LoadedAnswers(Path("t.yaml"), "", AnswerFile.model_validate(data))
    return score_service(FULL, loaded.file, match_answers(FULL, loaded), "t.yaml")


def example_answers() -> dict[str, Any]:
    return dict(load_answers(EXAMPLE / "example-record-office.yaml").file.answers)


CASES = {
    "blank": lambda: from_answers({}),
    "one-blocker": lambda: from_answers({**STRONG, "willing.motivation": "none"}),
    "no-blocker-with-notes": lambda: scored(DATA / "mixed.yaml"),
    "strong": lambda: from_answers(STRONG),
    "bundled-blank": lambda: full_bank({}),
    "bundled-provisional": lambda: full_bank({"willing.shared-motivation": "partial"}),
    "bundled-many-blockers": lambda: full_bank(
        {
            **example_answers(),
            "willing.shared-motivation": "none",
            "resources.time": "none",
            "work-plan.senior-support": "none",
        }
    ),
    "example": lambda: scored(EXAMPLE / "example-record-office.yaml", FULL),
}


def list_items(tokens: list[Token], section: str) -> list[str]:
    """Texts of the top-level list items under one heading, up to the next heading."""
    inside = False
    items: list[str] = []
    for i, t in enumerate(tokens):
        if t.type == "heading_open":
            inside = plain(tokens[i + 1]) == section
        elif inside and t.type == "list_item_open" and t.level in (0, 1):
            items.append(tokens[i + 2].content)
    return items


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_section_renders_cleanly(case: str) -> None:
    result = CASES[case]()
    text = render_markdown(result)
    lines = text.splitlines()
    for number, line in enumerate(lines[1:], start=1):
        if line.startswith("#"):
            assert lines[number - 1] == "", f"no blank line before {line!r}"
    tokens = parse(text)
    assert headings(tokens, "h2") == (
        H2_MANY_GAPS if len(result.gaps) > 10 and result.completeness.started else H2
    )
    blockers = list_items(tokens, "Blockers")
    if result.blockers:
        assert len(blockers) == len(result.blockers)
        for b, item in zip(result.blockers, blockers, strict=True):
            assert item.startswith(f"**{b.text}**") and item.count("**") == 6
            assert "**To clear it:** " in item
    else:
        assert blockers == []
        assert "### Blockers" not in text
    steps = list_items(tokens, "Next steps")
    numbers = [line.split(".")[0] for line in section_text(text, "Next steps").splitlines() if line]
    assert numbers == [str(n) for n in range(1, len(steps) + 1)]
    for table in tables(tokens):
        assert all(len(row) == len(table[0]) for row in table)


def test_many_blockers_are_separate_list_items() -> None:
    result = CASES["bundled-many-blockers"]()
    assert len(result.blockers) == 3
    text = brief_part(render_markdown(result), "Blockers")
    assert [line[:4] for line in text.strip().splitlines()] == ["- **"] * 3


def test_benefits_never_said_to_fit_while_a_commitment_blocker_fired() -> None:
    # one benefit, money and time scoring 50+ but the staff-time gate fired
    answers = {
        **example_answers(),
        "benefits.sought": ["funding"],
        "resources.time": "none",
        "resources.senior-time": "protected",
        "resources.money": "fully",
        "resources.core-work": "fully",
    }
    result = full_bank(answers)
    assert result.benefits.commitment_score is not None
    assert result.benefits.commitment_score >= 50
    assert result.benefits.commitment_blockers == ("resources.time",)
    benefits = section_text(render_markdown(result), "Benefits sought")
    assert "fit what the service can commit" not in benefits
    assert "It is not yet clear that the service can commit" in benefits
    assert "a blocker fired there" in benefits
    scoring = section_text(render_markdown(result), "Appendix: how this was scored")
    assert 'only when the section "Money and, above all, time" scores 60 or more' in scoring


def test_unanswered_accreditation_reads_not_answered() -> None:
    text = render_markdown(from_answers({**STRONG, "acc.gov-standing": "dont-know"}))
    table = next(t for t in tables(parse(text)) if t[0] == ACC_HEAD)
    assert [row[1:4] for row in table[1:]] == [
        ["1.2 Governance and management structures", "Not assessed", "Not answered"],
        ["1.5 Resources: finance", "Not answered", "Not answered"],
        ["3.2 Access plans and planning", "Not answered", "Not answered"],
    ]
    assert "then not assessed" in section_text(text, "Appendix: how this was scored")


def test_advice_after_a_colon_or_comma_is_joined_in_lower_case() -> None:
    text = render_markdown(scored(EXAMPLE / "example-record-office.yaml", FULL))
    assert "If it falls short, gather what you know" in text
    assert "falls short: " not in text
    blank = render_markdown(full_bank({"acc-organisation.governance": "not-assessed"}))
    assert "Answer where the service stands first. If it falls short, review the mission" in blank


def test_next_steps_fit_the_case() -> None:
    mixed_steps = section_text(render_markdown(scored(DATA / "mixed.yaml")), "Next steps")
    assert "Talk about the first phase of the work plan together" in mixed_steps
    assert "blockers" not in mixed_steps
    assert "Keep the evidence notes below" in mixed_steps  # mixed.yaml has one note
    strong = section_text(render_markdown(from_answers(STRONG)), "Next steps")
    assert "Talk about" not in strong and "Keep the evidence notes" not in strong
    assert "Add evidence notes to your answers" in strong
    capped = render_markdown(from_answers({**STRONG, "willing.motivation": "none"}))
    assert "Talk about the blockers and the first phase" in section_text(capped, "Next steps")


def test_blank_answer_file_says_the_assessment_is_not_filled_in() -> None:
    text = render_markdown(full_bank({}))
    summary = section_text(text, "In brief")
    assert "The assessment has not been filled in yet" in summary
    assert "out of 100" not in summary and "blockers fired" not in summary
    assert "No work plan yet" in section_text(text, "Work plan")
    assert "###" not in section_text(text, "Work plan")
    assert "Talk about" not in section_text(text, "Next steps")
    overall = next(t for t in tables(parse(text)) if t[0][0] == "Section")[-1]
    assert overall[1:3] == ["**" + NONE + "**", "not answered yet"]


def test_provisional_score_says_so_and_leaves_unanswered_out_of_the_plan() -> None:
    result = full_bank({"willing.shared-motivation": "partial", "resources.time": "none"})
    text = render_markdown(result)
    summary = section_text(text, "In brief")
    assert "scores **" in summary and "out of 100** for partnership readiness so far" in summary
    assert "This score is provisional: only 2 of the 33 questions" in summary
    plan_text = section_text(text, "Work plan")
    assert "unanswered questions are left out of the plan: answer them first" in plan_text
    assert len([line for line in plan_text.splitlines() if line[:2] == "1."]) == 1
    assert ">Overall (provisional)</text>" in render_chart(result)


HALF_ANSWERED: dict[str, Any] = {
    "context.kind": "informal",
    "context.notes": "We share a reading room with the library.",
    "willing.aims": {"answer": "partial", "note": "Aims drafted, not signed."},
    "resources.money": "fully",
}


def test_golden_half_answered_report() -> None:
    """2 of the 6 questions that count are answered (under half): the score is provisional
    and the work plan holds only the answered gap, not the four unanswered ones."""
    result = from_answers(HALF_ANSWERED, service="Halfshire Archives", assessed_on="2026-04-01")
    text = render_markdown(result)
    summary = section_text(text, "In brief")
    assert "scores **18.1 out of 100** for partnership readiness so far" in summary
    assert "This score is provisional: only 2 of the 6 questions that count" in summary
    assert "4 of 15 applicable questions are answered (26%)." in summary
    overall = next(t for t in tables(parse(text)) if t[0][0] == "Section")[-1]
    assert overall[2].endswith(" provisional")
    plan_text = section_text(text, "Work plan")
    assert "the 4 unanswered questions are left out of the plan: answer them first" in plan_text
    assert [line for line in plan_text.splitlines() if line[:2] == "1."] == [
        "1. Agree shared aims in writing. (Willing partners)"
    ]
    assert "Talk to each partner" in section_text(text, "Gaps and what to do about them")
    assert "Talk to each partner" not in plan_text  # unanswered, though a blocker
    check_golden("half-answered.md", text)


def test_start_now_leads_with_what_the_answers_given_call_for() -> None:
    """More than half answered, so not provisional, but the two questions on using
    Accreditation are not: the work plan counts them as gaps and its first quick win is for
    one of them, yet the brief must not tell a committee to act on advice for a question
    the service has not answered. It gives the actions the answers call for, then says
    what the plan holds for the unanswered questions and when that applies."""
    answers = example_answers()
    del answers["accreditation-use.self-assessed"], answers["accreditation-use.priorities"]
    text = render_markdown(full_bank(answers))
    assert "This score is provisional" not in section_text(text, "In brief")
    scores = next(t for t in tables(parse(text)) if t[0][0] == "Section")
    [row] = [r for r in scores if r[0] == "Using Accreditation to set priorities"]
    assert row[1:3] == [NONE, "not answered yet"]
    unanswered_advice = "Compare the partnership's aims with your weaker Accreditation areas"
    assert unanswered_advice in section_text(text, "Work plan").split("\n1. ", 2)[1]
    assert brief_part(text, "Start now").strip().split("\n\n") == [
        "The first 3 actions of the [work plan](#work-plan) that follow from the answers given:",
        "1. Ask each senior sponsor for a small, fixed commitment, such as one meeting a quarter"
        " and a named deputy for decisions. (Money and, above all, time; quick win)\n"
        "2. Draft short terms of reference covering decisions, disagreements and records, and"
        " have every partner agree them; The National Archives can give guidance, but the"
        " partners decide. (Leadership among peers; quick win)\n"
        "3. Name the accountable person in each partner and agree how and when they report back"
        " to their parent body. (Leadership among peers; quick win)",
        "The plan also gives advice for 2 questions not answered yet (Using Accreditation to set"
        " priorities). Answer them to see whether that advice applies: it does only where an"
        " answer is weak.",
    ]
    assert unanswered_advice not in section_text(text, "In brief")


def test_start_now_when_the_plan_holds_only_advice_for_unanswered_questions() -> None:
    answers = {k: v for k, v in STRONG.items() if k != "resources.time"}
    text = render_markdown(from_answers(answers))
    assert "This score is provisional" not in section_text(text, "In brief")
    assert "1. Agree days per month for senior staff. (Money and time)" in section_text(
        text, "Work plan"
    )
    assert brief_part(text, "Start now").strip() == (
        "The [work plan](#work-plan) gives advice only for 1 question not answered yet (Money"
        " and time). Answer it to see whether that advice applies: it does only if the answer"
        " is weak."
    )


def test_a_text_answer_is_shown_in_the_appendix_on_one_line_and_cut_when_long() -> None:
    answers = {**STRONG, "context.notes": "We share a reading room\nwith the county library."}
    appendix = section_text(
        render_markdown(from_answers(answers)), "Appendix: answers and evidence notes"
    )
    assert (
        "- **Anything else?** (`context.notes`): We share a reading room with the county library.\n"
        in appendix
    )
    blank = render_markdown(from_answers(STRONG))
    assert "- **Anything else?** (`context.notes`): *not answered*\n" in blank
    long = render_markdown(from_answers({**STRONG, "context.notes": "archive " * NOTE_LIMIT}))
    line = next(x for x in long.splitlines() if "(`context.notes`)" in x)
    assert line.endswith(" archive …") and len(line) < NOTE_LIMIT + 100


def test_chart_marks_a_capped_overall_band() -> None:
    capped = from_answers({**STRONG, "willing.motivation": "none"})
    assert capped.overall.capped
    svg = render_chart(capped)
    assert ">Overall (capped at Not yet ready)</text>" in svg
    assert "Overall (capped at Not yet ready) 66.7." in svg
    assert ">Overall</text>" in render_chart(from_answers(STRONG))


def test_question_weights_other_than_one_are_shown() -> None:
    text = section_text(
        render_markdown(scored(DATA / "mixed.yaml")), "Appendix: answers and evidence notes"
    )
    assert "(`willing.motivation`; weight 2): Largely" in text
    assert "(`willing.aims`): Fully" in text  # weight 1 is not shown
    scoring = section_text(
        render_markdown(scored(DATA / "mixed.yaml")), "Appendix: how this was scored"
    )
    assert "weight 1 unless the appendix gives another" in scoring


# ---- "How this was scored" states the rules of the answers' own bank -----------------------

SMALL_BANK = """\
id: small
version: "1"
title: Small bank
description: Built in the test.
bands:
  - {id: low, label: Low, min: 0, meaning: Start here.}
  - {id: high, label: High, min: 50, meaning: Go ahead.}
sections:
  - id: trust
    title: Trust, and talking
    kind: relationship
    questions:
      - id: open
        text: Do partners share problems openly?
        type: single
        choices:
          - {id: no, label: No, score: 0}
          - {id: yes, label: Yes, score: 2}
      - id: habits
        text: Which habits do partners share?
        type: multi
        choices:
          - {id: meet, label: Regular meetings, score: 2}
          - {id: blame, label: Blaming each other, score: %(blame)s}
      - id: story
        text: Tell us about the last joint project.
        type: text
  - id: about
    title: About you
    kind: context
    questions:
      - id: size
        text: How many staff?
        type: single
        choices:
          - {id: few, label: Under five}
          - {id: many, label: Five or more}
%(more)s"""

BENEFITS_SECTION = """\
  - id: benefits
    title: Benefits sought
    kind: benefits
    scored: true
    questions:
      - id: sought
        text: Which benefits does your service hope to gain?
        type: multi
        choices:
          - {id: funding, label: Secure funding}
          - {id: skills, label: Share skills}
      - id: agreed
        text: Do partners agree on the benefits?
        type: single
        choices:
          - {id: no, label: No, score: 0}
          - {id: yes, label: Yes, score: 1}
"""


def scoring_text(blame: int = 1, more: str = "") -> str:
    """The "How this was scored" section of a blank report on the small bank."""
    bank = parse_bank("small.yaml", SMALL_BANK % {"blame": blame, "more": more})
    data = {"bank": bank.id, "bank_version": bank.version, "answers": {}}
    loaded = LoadedAnswers(Path("t.yaml"), "", AnswerFile.model_validate(data))
    result = score_service(bank, loaded.file, match_answers(bank, loaded), "t.yaml")
    return section_text(render_markdown(result), "Appendix: how this was scored")


def test_scoring_text_states_the_rule_for_negative_scores() -> None:
    text = scoring_text(blame=-1)
    assert "some options score below zero and take marks away" in text
    assert "between the lowest total possible" in text
    assert "positive scores" not in text and "ticking every option earns full marks" not in text


def test_scoring_text_without_negative_scores_gives_the_simple_rule() -> None:
    text = scoring_text(blame=1)
    assert "ticking every option earns full marks" in text
    assert "below zero" not in text


def test_scoring_text_names_the_sections_that_count_and_those_that_do_not() -> None:
    text = scoring_text(more=BENEFITS_SECTION)
    assert (
        'The sections that count towards the score are "Trust, and talking" and'
        ' "Benefits sought". "About you" does not count towards it.'
    ) in text
    assert "success factors" not in text


def test_scoring_text_for_a_bank_without_benefits_says_nothing_of_them() -> None:
    text = scoring_text()
    assert 'The section that counts towards the score is "Trust, and talking".' in text
    assert "benefit" not in text.lower()
    assert "Accreditation" not in text
    assert "no question in this question bank is a blocker" in text


def test_scoring_text_names_the_questions_left_out_as_unscored() -> None:
    text = scoring_text(more=BENEFITS_SECTION)
    assert (
        "Within the sections that count, 2 questions carry no score, so they are left out:"
        ' "Tell us about the last joint project." (Trust, and talking);'
        ' "Which benefits does your service hope to gain?" (Benefits sought).'
    ) in text
    assert "How many staff?" not in text  # its section does not count at all


def test_scoring_text_of_the_bundled_bank() -> None:
    text = section_text(render_markdown(CASES["example"]()), "Appendix: how this was scored")
    assert '"The working relationship", "Benefits sought" and "Governance of formal' in text
    assert (
        'one question carries no score, so it is left out: "Which benefits does your service'
        ' hope to gain from the partnership?" (Benefits sought).'
    ) in text
    assert "This question bank has 4 blockers" in text
    assert 'when 3 or more benefits are sought and the section "Money and, above all, time"' in text


# ---- the brief: one page for a head of service, then the detail ----------------------------


def test_the_brief_gives_every_blocker_with_what_clears_it_three_actions_and_the_chart() -> None:
    result = CASES["bundled-many-blockers"]()
    text = render_markdown(result, chart_name="c.svg")
    brief = section_text(text, "In brief")
    assert text.index("## In brief") < text.index("## Section scores")
    assert "scores **" in brief and f"band **{result.overall.band.label}**" in brief
    blockers = [line for line in brief_part(text, "Blockers").splitlines() if line]
    assert len(blockers) == len(result.blockers) == 3
    clears = {
        "willing.shared-motivation": "Talk to each partner in turn about what it wants",
        "resources.time": "Agree with managers how many days a month named staff will give",
        "work-plan.senior-support": "Brief a senior manager in each partner on the work plan",
    }
    for b, line in zip(result.blockers, blockers, strict=True):
        assert line.startswith(f"- **{b.text}**")
        assert f"**To clear it:** {clears[b.qid]}" in line
    start = brief_part(text, "Start now")
    assert start.startswith("\nAfter the blockers, the first 3 actions of the [work plan]")
    actions = [line for line in start.splitlines() if line[:1].isdigit()]
    # the plan's first items after those that clear a blocker, given with their blocker
    plan = [item for phase in result.work_plan for item in phase.items if not item.blocker]
    assert len(actions) == 3
    for n, (line, item) in enumerate(zip(actions, plan, strict=False), start=1):
        assert line.startswith(f"{n}. {item.recommendation} (")
    assert "![Bar chart of the section scores" in brief and "](c.svg)" in brief
    assert "the table under [Section scores](#section-scores)" in brief


def test_the_brief_of_a_provisional_score_says_how_much_is_answered() -> None:
    text = render_markdown(CASES["bundled-provisional"]())
    brief = section_text(text, "In brief")
    assert "This score is provisional: only 1 of the 33 questions that count" in brief
    assert "In all, 1 of " in brief and "applicable questions are answered (" in brief


def test_the_brief_of_a_blank_file_gives_no_score_and_no_actions() -> None:
    brief = section_text(render_markdown(CASES["bundled-blank"]()), "In brief")
    assert "has not been filled in yet" in brief and "out of 100" not in brief
    assert "Answer the questions first" in brief_part(render_markdown(full_bank({})), "Start now")


def test_the_brief_names_who_completed_the_assessment() -> None:
    text = render_markdown(from_answers(STRONG, assessor="Head of Archives & Records"))
    assert "- **Completed by:** Head of Archives" in text.split("## In brief")[0]
    assert "- **Completed by:** not recorded" in render_markdown(from_answers(STRONG))


def test_strengths_are_grouped_by_section_with_the_strongest_first() -> None:
    text = section_text(render_markdown(from_answers(STRONG)), "Strengths")
    items = [line for line in text.splitlines() if line.startswith("- ")]
    assert text.startswith("\n6 answers score well")
    assert items[0] == (
        "- **Willing partners**, 2 strengths: Does each partner want this for its own reasons?"
        " *Fully*; Are the aims agreed? *Fully*."
    )
    example = section_text(render_markdown(CASES["example"]()), "Strengths")
    coalition = next(x for x in example.splitlines() if "A coalition of the willing" in x)
    # "Largely" is a strength too, but the two answered "Fully" are the strongest
    assert coalition.endswith("*Fully*; and 1 more.") and "*Largely*" not in coalition


def test_the_gaps_table_holds_the_largest_ten_and_an_appendix_the_rest() -> None:
    result = CASES["example"]()
    assert len(result.gaps) == 20
    text = render_markdown(result)
    found = tables(parse(text))
    gap_tables = [t for t in found if t[0][0] == "#"]
    assert [[row[0] for row in t[1:]] for t in gap_tables] == [
        [str(n) for n in range(1, 11)],
        [str(n) for n in range(11, 21)],
    ]
    assert "the other 10 are in [Appendix: further gaps](#appendix-further-gaps)" in text
    assert text.index("## Appendix: further gaps") > text.index("## Completeness")
    assert text.rstrip().endswith("|")  # the bands table of the last appendix, how it was scored
    assert text.index("## Appendix: how this was scored") > text.index("## Appendix: answers")


def test_evidence_notes_start_a_line_of_their_own_when_rendered() -> None:
    html = MarkdownIt("commonmark").render(render_markdown(scored(DATA / "mixed.yaml")))
    assert "<li>Evidence: " in html


# ---- Markdown that reads as plain text --------------------------------------------------

MARKUP_ALPHABET = "ab1 #&;\\`*_[]()<>|~!{}:-+=.)/'\"xX"
# Where the report puts user text: the Markdown around it, and the text a reader sees there.
CONTEXTS = {
    "heading": ("# Partnership readiness: ", "\n", "Partnership readiness: {}"),
    "list": ("- **Service:** ", "\n", "Service: {}"),
    "cell": ("| Section |\n|---|\n| ", " |\n", "{}"),
    "strong": ("- **", "** (Section)\n", "{} (Section)"),
    "emphasis": ("answered *", "*.\n", "answered {}."),
    "ordered": ("1. ", " (Section)\n", "{} (Section)"),
}


def shown_text(markdown: str) -> tuple[str, set[str]]:
    """The text a reader sees in the last inline of ``markdown``, and what else it holds."""
    inline = [t for t in parse(markdown) if t.type == "inline"][-1]
    children = inline.children or []
    text = "".join(c.content for c in children if c.type == "text")
    return text, {c.type for c in children}


@settings(max_examples=600, deadline=None)
@given(
    st.text(alphabet=MARKUP_ALPHABET, min_size=1, max_size=24).filter(str.strip),
    st.sampled_from(sorted(CONTEXTS)),
)
def test_escaped_text_renders_as_typed_in_every_place_it_goes(raw: str, place: str) -> None:
    """Whatever is escaped, a reader sees exactly the text typed, and no markup from it."""
    before, after, seen = CONTEXTS[place]
    text, kinds = shown_text(before + escape_inline(raw) + after)
    assert text == seen.format(" ".join(raw.split()))
    ours = {"strong": {"strong_open", "strong_close"}, "emphasis": {"em_open", "em_close"}}
    ours["list"] = ours["strong"]
    assert kinds <= {"text", *ours.get(place, set())}


def test_plain_text_fixture_reads_as_typed() -> None:
    """An ampersand, hash signs, a Windows path and an underscore inside a word stay as typed
    in the Markdown, where a person opening the file in a text editor reads them."""
    text = render_markdown(scored(DATA / "plain-text.yaml"))
    assert text.startswith("# Partnership readiness: Blackmoor & Vale County Record Office #2\n")
    assert "- **Completed by:** Records & Archives Manager (R&D lead)\n" in text
    assert (
        "(`context.notes`): Item #4 of the R&D plan; see S:\\Archives\\Partnership\\plan_v2.docx\n"
    ) in text
    assert (
        "  - Evidence: Agreed at meeting #12 (minutes in S:\\Archives\\Minutes); Q&A follows"
        " #shared-service\n"
    ) in text
    assert "\\&" not in text and "\\#" not in text and "\\\\" not in text


def test_a_rendered_report_leaves_no_cycle_behind() -> None:
    """A report's template context (with the result in it) is freed once rendered, not left
    to the garbage collector: in a batch of thousands that is a whole result per report."""
    facts = BankFacts(BANK)  # made once for a batch, as score makes it
    loaded = load_answers(DATA / "mixed.yaml")
    matched = match_answers(BANK, loaded)
    render_markdown(score_service(BANK, loaded.file, matched, facts=facts), chart_name="x.svg")
    gc.collect()
    gc.disable()
    try:
        result = score_service(BANK, loaded.file, matched, facts=facts)
        render_markdown(result, chart_name="x.svg")
        render_chart(result)
        del result
        assert gc.collect() == 0
    finally:
        gc.enable()


def test_report_and_chart_read_attributes_not_dict_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    """What report.py and chart.py hand the templates has attributes for every name they
    read: reading a dict's key as ``row.y`` costs Jinja2 a caught exception each, some two
    hundred a chart."""
    env = bundled_environment()
    fallbacks: list[str] = []
    plain = env.getattr

    def counted(obj: Any, attribute: str) -> Any:
        if not hasattr(obj, attribute):
            fallbacks.append(f"{type(obj).__name__}.{attribute}")
        return plain(obj, attribute)

    monkeypatch.setattr(env, "getattr", counted)
    half = from_answers({"willing.motivation": "fully", "track.joint-projects": "none"})
    for result in (scored(DATA / "mixed.yaml"), half):
        render_markdown(result, chart_name="x.svg")
        render_chart(result)
    assert fallbacks == []
