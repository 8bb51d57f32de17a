"""The bank schema agrees with validate: what one requires the other does, the fixtures get
the same verdict from both wherever the schema can say the rule, and every property is
described in the words of questions/README.md, for an editor's hover."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from partnership_check.bank.load import bundled_bank_path, check_bank
from partnership_check.loading.parser import parse_text
from partnership_check.render.schemas import schema_dict, schema_json
from tests.bank.test_validation import bank_rule_ids, expectations

ROOT = Path(__file__).parents[2]
DATA = ROOT / "tests" / "data"
MINIMAL = DATA / "valid" / "minimal.yaml"
README = (ROOT / "questions" / "README.md").read_text(encoding="utf-8")
# Rules of validate that the schema says too; a fixture with one of them fails the schema.
SCHEMA_SAYS = {"schema", "answer-file-not-bank", "weight-not-positive", "no-choices"}
SCHEMA_SAYS_TOO = {"score-not-finite"}  # "inf" is text to a YAML 1.2 loader, not a number
# Every other bank rule looks across the bank (references, order, reachability): a fixture
# with only those passes the schema, which must be no stricter than validate.
CROSS_REFERENCE_RULES = bank_rule_ids() - SCHEMA_SAYS - SCHEMA_SAYS_TOO

# A question of minimal.yaml in long form, so that each model has an instance to break.
QUESTION = ("sections", 1, "questions", 1)
INSTANCES: dict[str, tuple[str | int, ...]] = {
    "partnership-check question bank": (),
    "Section": ("sections", 1),
    "Question": QUESTION,
    "Choice": ("scales", "agreement", 0),
    "Band": ("bands", 0),
    "Gate": ("sections", 1, "questions", 0, "gate"),
    "Recommendation": (*QUESTION, "recommendation"),
    "AccreditationRef": (*QUESTION, "accreditation"),
    "Leaf": (*QUESTION, "when", "all", 0, "any", 0),
    "AllOf": (*QUESTION, "when"),
    "AnyOf": (*QUESTION, "when", "all", 0),
    "NotOf": (*QUESTION, "when", "all", 1),
}


def minimal_data() -> dict[str, Any]:
    """minimal.yaml with a long-form Accreditation reference and a condition of each kind."""
    data = parse_text("minimal.yaml", MINIMAL.read_text(encoding="utf-8"))
    question = data["sections"][1]["questions"][1]
    question["accreditation"] = {"area": "1.2", "aspect": "related"}
    leaf = question["when"]
    question["when"] = {
        "all": [{"any": [leaf]}, {"not": {"question": "context.kind", "in": ["informal"]}}]
    }
    return dict(data)


def at(data: Any, loc: tuple[str | int, ...]) -> Any:
    for part in loc:
        data = data[part]
    return data


def models(schema: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each model's schema: the object form where a short form is allowed too."""
    yield schema["title"], schema
    for name, model in schema["$defs"].items():
        forms = [form for form in model.get("anyOf", [model]) if "properties" in form]
        yield name, forms[0]


def test_the_long_form_bank_is_valid_to_both() -> None:
    data = minimal_data()
    bank, problems = check_bank("b.yaml", yaml.safe_dump(data, sort_keys=False))
    assert bank is not None and problems == []
    assert Draft202012Validator(schema_dict("bank")).is_valid(data)


def test_every_key_the_schema_requires_validate_requires_too() -> None:
    schema = schema_dict("bank")
    validator = Draft202012Validator(schema)
    checked = set()
    for name, model in models(schema):
        for key in model.get("required", []):
            data = minimal_data()
            del at(data, INSTANCES[name])[key]
            assert not validator.is_valid(data), (name, key)
            bank, problems = check_bank("b.yaml", yaml.safe_dump(data, sort_keys=False))
            assert bank is None, (name, key)
            if name not in ("AllOf", "AnyOf", "NotOf"):  # without its key it is another kind
                assert any(f"{key}: required key is missing" in p.message for p in problems)
            checked.add(name)
    assert checked == set(INSTANCES)  # a new model with required keys needs an instance here


def test_every_property_is_described_in_the_words_of_the_bank_docs() -> None:
    for name, model in models(schema_dict("bank")):
        for key, node in model.get("properties", {}).items():
            assert len(node.get("description", "")) > 20, f"{name}.{key} has no description"
            assert f"`{key}`" in README, f"questions/README.md does not describe {key}"


def descriptions(node: object) -> list[str]:
    if isinstance(node, list):
        return [text for item in node for text in descriptions(item)]
    if not isinstance(node, dict):
        return []
    own = [node["description"]] if isinstance(node.get("description"), str) else []
    return own + [text for value in node.values() for text in descriptions(value)]


def test_every_description_reads_on_hover_as_one_plain_paragraph() -> None:
    """An editor shows a line break as a new paragraph and ``code`` as back-quotes."""
    found = descriptions(schema_dict("bank"))
    assert len(found) > 40
    for text in found:
        assert "\n" not in text and "`" not in text and "  " not in text, text


def fixture_files() -> list[tuple[Path, bool]]:
    """(file, whether the schema must refuse it) for every fixture where it can say."""
    files = [(path, False) for path in sorted((DATA / "valid").glob("*.yaml"))]
    files += [(bundled_bank_path(), False), (DATA / "other-bank" / "community.yaml", False)]
    for path in sorted((DATA / "invalid").glob("*.yaml")):
        rules = {rule for rule, *_ in expectations(path)}
        if rules & (SCHEMA_SAYS | SCHEMA_SAYS_TOO):
            files.append((path, True))
        elif rules <= CROSS_REFERENCE_RULES:
            files.append((path, False))
        # The rest are refused by the loader (syntax, aliases, tags, encoding), before any
        # schema: editors report those as YAML errors of their own.
    return files


def check_jsonschema_refuses(schema: Path, files: list[Path]) -> dict[str, bool]:
    """Whether check-jsonschema, with the bank schema, refuses each file: one run for all."""
    schema.write_text(schema_json("bank"), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "-o", "json", "--schemafile", str(schema)]
        + [str(path) for path in files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(done.stdout)
    refused = {e["filename"] for e in report["errors"] + report["parse_errors"]}
    return {str(path): str(path) in refused for path in files}


@pytest.fixture(scope="module")
def schema_verdicts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bool]:
    schema = tmp_path_factory.mktemp("schema") / "bank.schema.json"
    return check_jsonschema_refuses(schema, [path for path, _ in fixture_files()])


@pytest.mark.parametrize(
    ("path", "refused"), fixture_files(), ids=lambda p: p.name if isinstance(p, Path) else ""
)
def test_the_schema_gives_each_fixture_the_verdict_of_validate(
    path: Path, refused: bool, schema_verdicts: dict[str, bool]
) -> None:
    assert schema_verdicts[str(path)] == refused


# Changes to minimal.yaml, each alone, and whether the bank stays valid.
CHANGES: list[tuple[str, str, bool]] = [
    ("weight: 2\n    intro", 'weight: "0.5"\n    intro', True),
    ("weight: 2\n    intro", "weight: 0\n    intro", False),
    ("weight: 2\n    intro", 'weight: "0"\n    intro', False),
    ("weight: 2\n    intro", "weight: -1\n    intro", False),
    ("min: 60", "min: 100", True),
    ("min: 60", 'min: "60.5"', True),
    ("min: 60", "min: 120", False),
    ("min: 60", 'min: "120"', False),
    ("    intro: Nobody", "    scored: true\n    intro: Nobody", True),
    ("    intro: Nobody", "    scored: yes\n    intro: Nobody", False),
    ("id: mini", "id: 12", True),
    ("id: mini", "id: Mini", False),
    ("type: single\n", "type: scale\n", False),
    ("type: single\n", "type: text\n", False),
    ("scale: essential\n", "scale: essential\n        choices: []\n", False),
    ("dont_know: true}\n    - {id: n-a", "dont_know: true, score: 0}\n    - {id: n-a", False),
    (
        "dont_know: true}\n    - {id: n-a",
        "dont_know: true, not_applicable: true}\n    - {id: n-a",
        False,
    ),
]


@pytest.fixture(scope="module")
def changed_banks(tmp_path_factory: pytest.TempPathFactory) -> dict[int, tuple[str, bool]]:
    """Each change's bank text and whether check-jsonschema refuses it, in one run."""
    folder = tmp_path_factory.mktemp("changes")
    text = MINIMAL.read_text(encoding="utf-8")
    files = {}
    for index, (old, new, _valid) in enumerate(CHANGES):
        assert old in text, old
        path = folder / f"change-{index}.yaml"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        files[index] = path
    refused = check_jsonschema_refuses(folder / "bank.schema.json", list(files.values()))
    return {i: (path.read_text(encoding="utf-8"), refused[str(path)]) for i, path in files.items()}


@pytest.mark.parametrize("index", range(len(CHANGES)), ids=lambda i: CHANGES[i][1].strip())
def test_validate_and_the_schema_agree_on_each_change(
    index: int, changed_banks: dict[int, tuple[str, bool]]
) -> None:
    text, refused = changed_banks[index]
    valid = CHANGES[index][2]
    bank, problems = check_bank("b.yaml", text)
    assert (bank is not None and not problems) == valid, [p.message for p in problems]
    assert refused == (not valid)
