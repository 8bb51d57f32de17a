"""JSON Schema export: deterministic, and accepted by check-jsonschema for real YAML files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from partnership_check.bank.load import bundled_bank_path, load_bank
from partnership_check.cli import main
from partnership_check.render.schemas import DIALECT, TITLES, schema_dict, schema_json

DATA = Path(__file__).parents[1] / "data"
VALID_BANKS = sorted((DATA / "valid").glob("*.yaml"))
KINDS = ["bank", "answers", "result"]

# Unquoted values a YAML 1.2 loader reads as numbers or dates, as people type them.
ANSWERS = """\
bank: mini
bank_version: 1.0
service: Example Record Office
assessed_on: 2026-11-25
assessor:
answers:
  context.kind: shared-service
  willing.motivation:
    answer: partly
    note: yes, mostly; minuted 2025-03-01.
  willing.legal: no
"""


def check_jsonschema(schema: Path, *files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--schemafile", str(schema), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def write_schema(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / f"{kind}.schema.json"
    path.write_text(schema_json(kind), encoding="utf-8")
    return path


@pytest.mark.parametrize("kind", KINDS)
def test_schema_is_deterministic_and_titled(kind: str) -> None:
    text = schema_json(kind)
    assert text == schema_json(kind)
    assert text.endswith("}\n")
    document = json.loads(text)
    assert document["$schema"] == DIALECT
    assert document["title"] == TITLES[kind]
    assert text == json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    Draft202012Validator.check_schema(document)


@pytest.mark.parametrize("kind", KINDS)
def test_schema_command_prints_it(kind: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", kind]) == 0
    bank = load_bank(bundled_bank_path()) if kind == "answers" else None
    assert capsys.readouterr().out == schema_json(kind, bank)


def test_valid_banks_and_the_bundled_bank_pass_check_jsonschema(tmp_path: Path) -> None:
    done = check_jsonschema(write_schema(tmp_path, "bank"), *VALID_BANKS, bundled_bank_path())
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        (("id: kind", "id: Kind"), "'Kind'"),
        (("kind: context", "kind: contxt"), "'contxt'"),
        (("weight: 2\n    intro", "wieght: 2\n    intro"), "wieght"),
        (("score: 1}", "score: lots}"), "'lots'"),
        (('accreditation: "1.2"', 'accreditation: "12"'), "accreditation"),
    ],
)
def test_a_broken_bank_fails_check_jsonschema(
    tmp_path: Path, change: tuple[str, str], complaint: str
) -> None:
    text = (DATA / "valid" / "minimal.yaml").read_text(encoding="utf-8")
    assert change[0] in text
    bank = tmp_path / "broken.yaml"
    bank.write_text(text.replace(*change), encoding="utf-8")
    done = check_jsonschema(write_schema(tmp_path, "bank"), bank)
    assert done.returncode == 1
    assert complaint in done.stdout


def test_answers_typed_as_people_type_them_pass(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(ANSWERS, encoding="utf-8")
    done = check_jsonschema(write_schema(tmp_path, "answers"), answers)
    assert done.returncode == 0, done.stdout + done.stderr


def test_answers_with_an_unknown_key_or_a_bad_date_fail(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(ANSWERS.replace("assessor:", "asessor:"), encoding="utf-8")
    schema = write_schema(tmp_path, "answers")
    assert "asessor" in check_jsonschema(schema, answers).stdout
    answers.write_text(ANSWERS.replace("2026-11-25", "25/11/26"), encoding="utf-8")
    assert check_jsonschema(schema, answers).returncode == 1


@pytest.mark.parametrize("date", ["25/11/2026", "3/4/2026", "03/04/2026"])
def test_answers_dated_day_first_pass(tmp_path: Path, date: str) -> None:
    """The tool reads a UK date, day first, so an editor must not mark it wrong."""
    answers = tmp_path / "answers.yaml"
    answers.write_text(ANSWERS.replace("2026-11-25", date), encoding="utf-8")
    done = check_jsonschema(write_schema(tmp_path, "answers"), answers)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("date", ["25/13/2026", "32/11/2026", "25/11/26", "2026/11/25"])
def test_a_day_first_date_the_tool_refuses_fails(date: str) -> None:
    validator = Draft202012Validator(
        schema_dict("answers"), format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    base = {"bank": "mini", "bank_version": "1.0", "answers": {}}
    assert validator.is_valid({**base, "assessed_on": "25/11/2026"})
    assert not validator.is_valid({**base, "assessed_on": date})


def test_text_fields_accept_numbers_and_ids_whole_numbers_only() -> None:
    validator = Draft202012Validator(schema_dict("answers"))
    base = {"bank": "mini", "bank_version": "1.0"}
    assert validator.is_valid({**base, "bank_version": 1.0, "answers": {"a.b": 2024}})
    assert not validator.is_valid({**base, "bank_version": True})
    bank = Draft202012Validator(schema_dict("bank"))
    choice = bank.schema["$defs"]["Choice"]
    assert Draft202012Validator(choice).is_valid({"id": 7, "label": 2020, "score": "1.5"})
    assert not Draft202012Validator(choice).is_valid({"id": 1.5, "label": "x"})
    assert not Draft202012Validator(choice).is_valid({"id": "x", "label": "x", "score": "lots"})


def test_a_scored_result_matches_the_result_schema(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(ANSWERS, encoding="utf-8")
    out = tmp_path / "out"
    bank = DATA / "valid" / "minimal.yaml"
    code = main(["score", str(answers), "--bank", str(bank), "--out", str(out), "--format", "json"])
    assert code == 0
    [result] = sorted(out.glob("*.json"))
    done = check_jsonschema(write_schema(tmp_path, "result"), result)
    assert done.returncode == 0, done.stdout + done.stderr


SCORING_BANK = DATA / "scoring" / "bank.yaml"
FORGIVING = DATA / "forgiving"


def test_the_answers_schema_of_a_bank_takes_answers_as_the_tool_reads_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ids and labels in any case, spaces, typographic quotes, commas: as score reads them."""
    assert main(["schema", "answers", "--bank", str(SCORING_BANK)]) == 0
    schema = tmp_path / "answers.schema.json"
    schema.write_text(capsys.readouterr().out, encoding="utf-8")
    done = check_jsonschema(schema, FORGIVING / "canonical.yaml", FORGIVING / "as-typed.yaml")
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        (("willing.motivation: Largely", "willing.motivation: largley"), "['willing.motivation']"),
        (("[Securing funding,", "[Securing fundng,"), "['benefits.sought']"),
        (
            ("Between individuals, between", "Between individuals, betwen"),
            "['relationship.contacts']",
        ),
        (("willing.aims:", "willing.aimz:"), "'willing.aimz' was unexpected"),
        (("answer: PARTLY", "answer: PARTLY\n    nte: x"), "['resources.money']"),
    ],
)
def test_the_answers_schema_of_a_bank_flags_a_wrong_answer_under_its_question(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], change: tuple[str, str], complaint: str
) -> None:
    assert main(["schema", "answers", "--bank", str(SCORING_BANK)]) == 0
    schema = tmp_path / "answers.schema.json"
    schema.write_text(capsys.readouterr().out, encoding="utf-8")
    text = (FORGIVING / "as-typed.yaml").read_text(encoding="utf-8")
    assert change[0] in text
    typo = tmp_path / "typo.yaml"
    typo.write_text(text.replace(*change), encoding="utf-8")
    done = check_jsonschema(schema, typo)
    assert done.returncode == 1
    assert complaint in done.stdout


def test_each_question_lists_its_answers_for_editors() -> None:
    schema = schema_dict("answers", load_bank(SCORING_BANK))
    motivation = schema["properties"]["answers"]["properties"]["willing.motivation"]
    assert motivation["title"] == "Does each partner want this for its own reasons?"
    assert "largely (Largely)" in motivation["description"]
    assert "dont-know (Don't know)" in motivation["description"]
    assert "n-a (Not applicable)" in motivation["description"]
    enum = motivation["anyOf"][1]["anyOf"][0]["enum"]
    assert {"largely", "Largely", "dont-know", "Don't know"} <= set(enum)
    assert schema["properties"]["bank"]["enum"] == ["scoring-test"]
