"""The validate command: fixtures that state their own expectations, formats, exit codes."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from partnership_check.bank import rules
from partnership_check.bank.load import bundled_bank_path
from partnership_check.bank.validation import check_file, validate_files
from partnership_check.cli import main
from partnership_check.commands.validate import bank_files

DATA = Path(__file__).parents[1] / "data"
INVALID = sorted((DATA / "invalid").iterdir())
VALID = sorted((DATA / "valid").glob("*.yaml"))
EXPECT = b"# expect:"


Expected = tuple[str, int | None, int | None, str]  # rule, line, column, severity


def expectations(path: Path) -> list[Expected]:
    """(rule, line, column, severity) from the fixture's leading
    ``# expect: rule [line:column] [warning]``."""
    found: list[Expected] = []
    for raw in path.read_bytes().splitlines():
        if not raw.startswith(EXPECT):
            break
        words = raw[len(EXPECT) :].decode().split()
        place = re.fullmatch(r"(\d+):(\d+)", words[1]) if len(words) > 1 else None
        line, column = (int(place[1]), int(place[2])) if place else (None, None)
        severity = "warning" if words[-1] == "warning" else "error"
        assert len(words) == 1 + (place is not None) + (severity == "warning"), (
            f"{path.name}: {raw.decode()!r} is not '# expect: rule [line:column] [warning]'"
        )
        found.append((words[0], line, column, severity))
    return found


def test_every_invalid_fixture_states_what_it_expects() -> None:
    assert INVALID, "no invalid fixtures found"
    for path in INVALID:
        assert expectations(path), f"{path.name} has no '# expect:' line"


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_invalid_fixture_gives_exactly_the_expected_problems(path: Path) -> None:
    """Each problem at its exact line and column: the key or value it is about."""
    problems = check_file(path)
    got = [(p.rule, p.line, p.column, p.severity) for p in problems]
    assert got == expectations(path)
    for problem in problems:
        assert problem.path == str(path)
        assert "Traceback" not in problem.message


def bank_rule_ids() -> set[str]:
    """The rule id of every finding the bank rules make: the ``rule`` of each
    ``Finding(...)`` in bank/rules.py, each written out there as a string."""
    tree = ast.parse(Path(rules.__file__).read_text(encoding="utf-8"))
    ids: set[str] = set()
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Finding"):
            continue
        named = [k.value for k in node.keywords if k.arg == "rule"]
        rule = node.args[1] if len(node.args) > 1 else named[0]
        assert isinstance(rule, ast.Constant) and isinstance(rule.value, str), ast.dump(rule)
        ids.add(rule.value)
    return ids


def test_every_bank_rule_has_a_fixture_that_places_it_exactly() -> None:
    ids = bank_rule_ids()
    assert {"band-not-rising", "condition-never-holds", "rename-unknown-target"} <= ids
    placed = {rule for path in INVALID for rule, _, column, _ in expectations(path) if column}
    assert sorted(ids - placed) == []


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_fixture_is_clean_under_strict(path: Path) -> None:
    result = validate_files(bank_files([path]), strict=True)
    assert [p.format() for p in result.problems] == []
    assert not result.failed


def test_bundled_bank_is_clean_under_strict() -> None:
    result = validate_files(bank_files([bundled_bank_path()]), strict=True)
    assert [p.format() for p in result.problems] == []


def test_no_path_checks_the_bundled_bank(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["files"] == [str(bundled_bank_path())]


def test_text_format_lists_problems_then_a_summary(
    capsys: pytest.CaptureFixture[str],
) -> None:
    bands = DATA / "invalid" / "bands.yaml"
    code = main(["validate", str(DATA / "valid" / "minimal.yaml"), str(bands)])
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    assert out[0] == (
        f"{bands}:13:32: error: the first band must start at min 0, not 10 [band-not-from-zero]"
    )
    assert len(out) == 4
    assert out[-1] == "2 files checked: 3 errors, 0 warnings"


def test_clean_run_says_so_and_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(DATA / "valid" / "minimal.yaml")]) == 0
    assert capsys.readouterr().out == "1 file checked: no problems\n"


def test_warnings_alone_pass_unless_strict(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(DATA / "invalid" / "unused-scale.yaml")
    assert main(["validate", path]) == 0
    relaxed = capsys.readouterr().out
    assert "warning: scale 'frequency' is not used" in relaxed
    assert relaxed.endswith("1 file checked: 0 errors, 1 warning\n")
    assert main(["validate", "--strict", path]) == 1
    strict = capsys.readouterr().out
    assert "error: scale 'frequency' is not used" in strict
    assert strict.endswith("1 file checked: 1 error, 0 warnings\n")


def test_json_format_is_a_stable_document(capsys: pytest.CaptureFixture[str]) -> None:
    path = DATA / "invalid" / "renames.yaml"
    assert main(["validate", "--format", "json", str(path)]) == 1
    first = capsys.readouterr().out
    main(["validate", "--format", "json", str(path)])
    assert capsys.readouterr().out == first
    document = json.loads(first)
    assert document["files_checked"] == 1
    assert document["valid"] is False
    assert document["counts"] == {"errors": 2, "warnings": 0}
    assert document["problems"][0] == {
        "path": str(path),
        "line": 8,
        "column": 3,
        "severity": "error",
        "rule": "rename-old-exists",
        "message": "'trust.open' is renamed, but a question with that id still exists",
    }


def test_github_format_gives_escaped_workflow_commands(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    odd = tmp_path / "100%, really: bank.yaml"
    odd.write_text("id: x\nid: y\n", encoding="utf-8")
    empty = tmp_path / "empty.yaml"
    empty.write_text("", encoding="utf-8")
    assert main(["validate", "--format", "github", str(odd), str(empty)]) == 1
    out = capsys.readouterr().out.splitlines()
    escaped = str(odd).replace("%", "%25").replace(":", "%3A").replace(",", "%2C")
    assert out[0] == (
        f"::error file={escaped},line=2,col=1,title=duplicate-key::"
        "duplicate key 'id': each key may appear only once in a mapping"
    )
    assert out[1] == f"::error file={empty},title=file-empty::file is empty"
    assert out[2] == "2 files checked: 2 errors, 0 warnings"


def test_github_message_escapes_percent_and_newlines() -> None:
    from partnership_check.errors import Problem
    from partnership_check.render.problems import annotation

    problem = Problem(path="a.yaml", line=1, column=2, rule="r", message="50%\r\nnext")
    assert annotation(problem) == "::error file=a.yaml,line=1,col=2,title=r::50%25%0D%0Anext"


def test_missing_path_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope.yaml"
    assert main(["validate", str(DATA / "valid"), str(missing)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"partnership-check: no such file or folder: {missing}\n"


def test_folder_without_banks_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes.txt").write_text("not a bank", encoding="utf-8")
    assert main(["validate", str(tmp_path)]) == 2
    assert "no .yaml or .yml files in folder" in capsys.readouterr().err


def test_folder_with_one_bad_bank_checks_them_all(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = (DATA / "valid" / "minimal.yaml").read_text(encoding="utf-8")
    (tmp_path / "a.yaml").write_text(good, encoding="utf-8")
    (tmp_path / "b.yml").write_bytes(b"id: \xff\n")
    (tmp_path / "c.yaml").write_text(good, encoding="utf-8")
    (tmp_path / "README.md").write_text("not checked", encoding="utf-8")
    assert main(["validate", str(tmp_path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"{tmp_path / 'b.yml'}:1:5: error: byte 0xff is not valid UTF-8; save the file as UTF-8 "
        "[file-encoding]",
        "3 files checked: 1 error, 0 warnings",
    ]


def test_the_same_file_twice_is_checked_once() -> None:
    path = DATA / "valid" / "minimal.yaml"
    assert validate_files(bank_files([path, path, path.parent / "." / path.name])).files == [
        str(path)
    ]


def test_every_bad_input_file_is_reported_and_the_rest_still_checked(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["validate", str(DATA / "invalid"), str(DATA / "valid")]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[-1].startswith(f"{len(INVALID) + len(VALID)} files checked: ")
    reported = {line.split(":", 1)[0] for line in out[:-1]}
    assert reported == {str(path) for path in INVALID}


def test_validate_does_not_import_the_prompt_or_template_libraries() -> None:
    code = (
        "import sys\n"
        "from partnership_check.cli import main\n"
        "assert main(['validate']) == 0\n"
        "heavy = sorted(m for m in ('questionary', 'jinja2') if m in sys.modules)\n"
        "print(','.join(heavy) or 'none')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.splitlines()[-1] == "none"


def test_structural_problems_come_in_file_order(tmp_path: Path) -> None:
    text = (DATA / "valid" / "minimal.yaml").read_text(encoding="utf-8")
    head, sections = text.split("sections:\n", 1)
    bands_at = head.index("bands:\n")
    moved = head[:bands_at] + "sections:\n" + sections + head[bands_at:]
    path = tmp_path / "moved.yaml"
    path.write_text(moved.replace("min: 60", "min: x").replace("id: kind", "id: Kind"), "utf-8")
    lines = [p.line for p in check_file(path)]
    assert len(lines) == 2
    assert lines == sorted(lines)


def test_pre_commit_hook_runs_validate_on_bank_files() -> None:
    import re

    import yaml

    hooks = yaml.safe_load((Path(__file__).parents[2] / ".pre-commit-hooks.yaml").read_text())
    [hook] = [h for h in hooks if h["id"] == "partnership-check-validate"]
    assert hook["entry"] == "partnership-check validate"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is True
    files = re.compile(hook["files"])
    assert files.search("questions/partnership-readiness.yaml")
    assert files.search("questions/regional.yml")
    assert not files.search("reports/answers.yaml")
