"""The blank answer file: it parses as written, names every question, and explains choices."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from partnership_check.answers.load import parse_answers
from partnership_check.answers.match import match_answers
from partnership_check.bank.conditions import describe_condition
from partnership_check.bank.load import parse_bank
from partnership_check.bank.model import Bank
from partnership_check.cli import main
from partnership_check.render.answer_template import render_answer_template


def test_blank_template_parses_and_matches_the_bank(mini_bank: Bank, tmp_path: Path) -> None:
    text = render_answer_template(mini_bank)
    loaded = parse_answers(tmp_path / "blank.yaml", text)
    assert loaded.file.bank == mini_bank.id
    assert loaded.file.bank_version == mini_bank.version
    assert list(loaded.file.answers) == [ref.qid for ref in mini_bank.questions]
    assert all(value is None for value in loaded.file.answers.values())
    matched = match_answers(mini_bank, loaded)
    assert all(answer.value is None for answer in matched.answers.values())


def test_template_lists_choice_ids_labels_help_and_conditions(mini_bank: Bank) -> None:
    text = render_answer_template(mini_bank)
    assert "#   partly = Partly" in text
    assert "# Help: Each partner can say in a sentence what it gains." in text
    assert "# Only if: context.kind is shared-service" in text
    assert text.startswith("# yaml-language-server: $schema=answers.schema.json\n")


def test_the_long_form_shown_in_the_header_keeps_the_whole_note(
    mini_bank: Bank, tmp_path: Path
) -> None:
    """Copied as shown, a note with ': ' and '#' in it arrives whole."""
    text = render_answer_template(mini_bank)
    head = text[: text.index("\nbank:")].splitlines()
    start = head.index("#   section.question:")
    shown = [line.removeprefix("#   ") for line in head[start : start + 3]]
    assert shown[1:] == [
        "  answer: largely",
        '  note: "What shows this: minutes of the 2025 steering group, item #4."',
    ]
    long_form = "\n".join("  " + line for line in shown)
    filled = text.replace(
        "  willing.motivation:\n",
        long_form.replace("section.question", "willing.motivation").replace("largely", "partly")
        + "\n",
    )
    loaded = parse_answers(tmp_path / "filled.yaml", filled)
    note = match_answers(mini_bank, loaded).answers["willing.motivation"].note
    assert note == "What shows this: minutes of the 2025 steering group, item #4."


def test_filled_template_keeps_unquoted_ids_as_written(mini_bank: Bank, tmp_path: Path) -> None:
    text = render_answer_template(mini_bank).replace(
        "willing.motivation:", "willing.motivation: no"
    )
    loaded = parse_answers(tmp_path / "filled.yaml", text)
    assert match_answers(mini_bank, loaded).answers["willing.motivation"].value == "no"


def test_conditions_read_as_words() -> None:
    bank = parse_bank(
        "b.yaml",
        (Path(__file__).parents[1] / "data" / "valid" / "minimal.yaml").read_text(encoding="utf-8"),
    )
    when = bank.by_id["willing.legal"].question.when
    assert when is not None
    assert describe_condition(when) == "context.kind is shared-service"


@pytest.mark.parametrize("use_output", [False, True])
def test_template_command(
    mini_bank_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], use_output: bool
) -> None:
    args = ["template", "--bank", str(mini_bank_path)]
    target = tmp_path / "blank.yaml"
    if use_output:
        args += ["-o", str(target)]
    assert main(args) == 0
    out = capsys.readouterr().out
    text = target.read_text(encoding="utf-8") if use_output else out
    assert "willing.motivation:" in text
    if use_output:
        assert out == ""
        assert (tmp_path / "answers.schema.json").is_file()


@pytest.mark.parametrize("where", ["folder", "under-a-file"])
def test_unusable_output_path_is_a_usage_error(
    where: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file.txt"
    blocker.write_text("")
    target = tmp_path if where == "folder" else blocker / "blank.yaml"
    assert main(["template", "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(target) in err and "Traceback" not in err


def test_an_existing_file_is_replaced_only_with_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Someone's filled-in answers are never lost to a blank template."""
    target = tmp_path / "blank.yaml"
    assert main(["template", "-o", str(target)]) == 0
    assert main(["template", "-o", str(target)]) == 0  # the same blank again: nothing lost
    filled = target.read_text(encoding="utf-8").replace("service:  ", "service: Kent  ", 1)
    target.write_text(filled, encoding="utf-8")
    capsys.readouterr()
    assert main(["template", "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "already exists" in err and "--force" in err
    assert target.read_text(encoding="utf-8") == filled
    assert main(["template", "-o", str(target), "--force"]) == 0
    assert "service: Kent" not in target.read_text(encoding="utf-8")


def test_template_filled_by_a_program_scores_complete(
    bundled_bank: Bank, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Round trip: blank template -> every shown question answered -> score."""
    from partnership_check.bank.conditions import condition_holds

    text = (
        render_answer_template(bundled_bank)
        .replace("service:          #", "service: Round Trip Archives  #")
        .replace("assessed_on:      #", "assessed_on: 2026-11-25  #")
    )
    chosen: dict[str, str | list[str]] = {}
    for ref in bundled_bank.questions:
        when = ref.question.when
        if when is not None and not condition_holds(when, chosen):
            continue
        if ref.question.type == "text":
            continue
        first = next(c.id for c in ref.choices if not c.special)
        chosen[ref.qid] = [first] if ref.question.type == "multi" else first
        value = f"[{first}]" if ref.question.type == "multi" else first
        text = text.replace(f"  {ref.qid}:\n", f"  {ref.qid}: {value}\n", 1)
    path = tmp_path / "filled.yaml"
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["score", str(path), "--out", str(out), "--format", "md,json", "-q"]) == 0
    result = json.loads((out / "round-trip-archives-2026-11-25.json").read_text(encoding="utf-8"))
    assert result["completeness"]["unanswered_required"] == []
    assert result["overall"]["score"] is not None
