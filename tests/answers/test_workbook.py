"""Answers read from a filled-in workbook: the same results as the same answers in YAML,
and every way a workbook can be wrong reported at its sheet and cell, with a rule id."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from partnership_check.bank.load import bundled_bank_path, load_bank
from partnership_check.cli import main

from .workbooks import A_DATE, SMALL, blank, fill, row_of, with_parts


def score(capsys: pytest.CaptureFixture[str], bank: Path, *paths: Path, out: Path) -> Any:
    """Runs ``score`` with JSON reports: the exit code, stderr's lines, each result."""
    code = main(
        ["score", "--bank", str(bank), *map(str, paths), "--out", str(out), "--format", "json"]
    )
    err = capsys.readouterr().err
    results = {}
    for report in sorted(out.glob("*.json")):
        if report.name != "summary.json":
            data = json.loads(report.read_text(encoding="utf-8"))
            data.pop("source")
            results[report.name] = data
    return code, err.splitlines(), results


SMALL_YAML = """\
bank: small
bank_version: "1.0"
service: 'East & Co: "County" Archives'
assessed_on: 2026-11-25
assessor: Head of Archives
answers:
  context.kind: shared-service
  context.partners: 'Kent: "County" Archives, #2'
  willing.motivation: fully
  willing.legal:
    answer: partly
    note: 'Counsel''s advice: "a trust", item #4'
  benefits.sought: [funding, access]
"""


def test_a_workbook_filled_in_scores_as_the_same_answers_in_yaml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workbook = fill(
        blank(tmp_path),
        tmp_path / "east.xlsx",
        service='East & Co: "County" Archives',
        date=A_DATE,  # a date typed in Excel is a date cell
        assessor="Head of Archives",
        answers={
            "context.kind": "Shared service",  # a label, as the drop-down gives it
            "context.partners": 'Kent: "County" Archives, #2',
            "willing.motivation": "fully",  # a choice id typed
            "willing.legal": "Partly",
            "benefits.sought": ["funding", "access"],
        },
        notes={"willing.legal": 'Counsel\'s advice: "a trust", item #4'},
    )
    (tmp_path / "yaml").mkdir()
    answers = tmp_path / "yaml" / "east.yaml"
    answers.write_text(SMALL_YAML, encoding="utf-8")
    from_workbook = score(capsys, SMALL, workbook, out=tmp_path / "a")
    from_yaml = score(capsys, SMALL, answers, out=tmp_path / "b")
    assert from_workbook == from_yaml
    code, err, results = from_workbook
    assert (code, err) == (0, [])
    [result] = results.values()
    assert result["overall"]["band"]["id"] == "ready"


def _bundled_answers() -> tuple[dict[str, Any], dict[str, Any], dict[str, str]]:
    """An answer to every question of the bundled bank: ids for YAML, and what a person
    types in the workbook (a label, in turn an id, a label in capitals is left out)."""
    bank = load_bank(bundled_bank_path())
    ids: dict[str, Any] = {}
    typed: dict[str, Any] = {}
    notes: dict[str, str] = {}
    for number, ref in enumerate(bank.questions):
        choice = ref.choices[number % len(ref.choices)]
        if ref.question.type == "multi":
            ticked = [c.id for c in ref.choices[: 1 + number % 3]]
            ids[ref.qid] = typed[ref.qid] = ticked
        else:
            ids[ref.qid] = choice.id
            typed[ref.qid] = choice.label if number % 2 else choice.id
        if number % 4 == 0:
            notes[ref.qid] = f'Minutes: "item #{number}", agreed: yes'
    return ids, typed, notes


def test_the_bundled_bank_in_a_workbook_scores_as_in_yaml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids, typed, notes = _bundled_answers()
    bank = bundled_bank_path()
    workbook = fill(
        blank(tmp_path, bank=bank),
        tmp_path / "kent.xlsx",
        service="Kent Archives",
        date="2026-11-25",  # a date typed as text
        answers=typed,
        notes=notes,
    )
    as_yaml: dict[str, Any] = {}
    for qid, value in ids.items():
        as_yaml[qid] = {"answer": value, "note": notes[qid]} if qid in notes else value
    info = load_bank(bank)
    (tmp_path / "yaml").mkdir()
    answers = tmp_path / "yaml" / "kent.json"
    answers.write_text(
        json.dumps(
            {
                "bank": info.id,
                "bank_version": info.version,
                "service": "Kent Archives",
                "assessed_on": "2026-11-25",
                "answers": as_yaml,
            }
        ),
        encoding="utf-8",
    )
    from_workbook = score(capsys, bank, workbook, out=tmp_path / "a")
    assert from_workbook == score(capsys, bank, answers, out=tmp_path / "b")
    assert from_workbook[0] in (0, 1)  # 1: answers hidden by a condition are listed
    assert from_workbook[2]


def test_a_typo_in_a_label_is_named_by_its_cell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workbook = fill(
        blank(tmp_path),
        tmp_path / "west.xlsx",
        service="West",
        answers={"context.kind": "Informal collaboration", "willing.motivation": "fuly"},
    )
    code, err, _results = score(capsys, SMALL, workbook, out=tmp_path / "out")
    assert code == 1
    assert (
        f"{workbook}:Answers!D10: error: willing.motivation: unknown choice 'fuly'"
        " (did you mean 'fully'?); allowed: no, partly, fully, dont-know, n-a"
        " [answers-bad-choice]"
    ) in err


def _problems(capsys: pytest.CaptureFixture[str], path: Path, out: Path) -> list[str]:
    code, err, results = score(capsys, SMALL, path, out=out)
    assert (code, results) == (1, {})
    return [line for line in err if ": error: " in line]


def _edited(tmp_path: Path, edit: Any, **kw: Any) -> Path:
    return fill(blank(tmp_path), tmp_path / "filled.xlsx", service="East", edit=edit, **kw)


def _rename_answers(book: Workbook) -> None:
    book["Answers"].title = "My answers"


def _delete_bank_sheet(book: Workbook) -> None:
    del book["Bank"]


def _delete_a_row(book: Workbook) -> None:
    book["Answers"].delete_rows(row_of(book, "context.partners"))


def _insert_a_row(book: Workbook) -> None:
    book["Answers"].insert_rows(row_of(book, "willing.legal"))


def _swap_two_rows(book: Workbook) -> None:
    sheet = book["Answers"]
    one, two = row_of(book, "context.kind"), row_of(book, "context.partners")
    sheet[f"G{one}"], sheet[f"G{two}"] = "context.partners", "context.kind"


def _merge_over_an_answer(book: Workbook) -> None:
    row = row_of(book, "willing.motivation")
    book["Answers"].merge_cells(f"D{row}:E{row}")


def _formula_for_an_answer(book: Workbook) -> None:
    book["Answers"][f"D{row_of(book, 'willing.motivation')}"] = '=IF(1=1,"Fully","Partly")'


def _another_bank(book: Workbook) -> None:
    book["Bank"]["B1"] = "other-bank"


def _a_bad_tick(book: Workbook) -> None:
    book["Answers"][f"D{row_of(book, 'benefits.sought:access')}"] = "maybe"


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            _rename_answers,
            ": error: no sheet named 'Answers' (the sheets are 'Instructions', 'My answers',"
            " 'Bank'); the answers are read from the sheets of the blank workbook as they were"
            " named: rename it back, or undo that, or copy the answers into a new blank"
            " workbook from `template` [workbook-sheet-missing]",
        ),
        (_delete_bank_sheet, ": error: no sheet named 'Bank' ("),
        (
            _delete_a_row,
            ":Answers!G9: error: the question id here should be 'context.partners', not"
            " 'willing.motivation': rows were moved, inserted or deleted",
        ),
        (_insert_a_row, ":Answers!G11: error: the question id here should be 'willing.legal'"),
        (_swap_two_rows, ":Answers!G8: error: the question id here should be 'context.kind'"),
        (
            _merge_over_an_answer,
            ":Answers!D10: error: cells D10:E10 are merged over an answer; unmerge them so that"
            " each answer and note has its own cell [workbook-merged-cells]",
        ),
        (
            _formula_for_an_answer,
            ":Answers!D10: error: a formula without a saved value (formulas are not worked out)",
        ),
        (
            _another_bank,
            ":Bank!B1: error: answers are for bank 'other-bank', not 'small'; give --bank with"
            " the file of that bank [answers-wrong-bank]",
        ),
        (
            _a_bad_tick,
            ":Answers!D15: error: benefits.sought: 'maybe' is not a tick; choose 'Yes' in the"
            " rows that apply and leave the others empty [answers-bad-choice]",
        ),
    ],
)
def test_a_workbook_changed_out_of_shape_is_one_located_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], edit: Any, expected: str
) -> None:
    path = _edited(tmp_path, edit, answers={"willing.motivation": "Fully"})
    [problem] = _problems(capsys, path, tmp_path / "out")
    assert problem.startswith(str(path))
    assert expected in problem


def test_a_date_not_in_the_form_asked_is_named_by_its_cell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _edited(tmp_path, None, date="2026/11/25", answers={"willing.motivation": "fuly"})
    assert _problems(capsys, path, tmp_path / "out") == [
        f"{path}:Answers!D4: error: assessed_on: not a date; write it as DD/MM/YYYY or"
        " YYYY-MM-DD, for example 25/11/2026 or 2026-11-25 [schema]",
        f"{path}:Answers!D10: error: willing.motivation: unknown choice 'fuly' (did you mean"
        " 'fully'?); allowed: no, partly, fully, dont-know, n-a [answers-bad-choice]",
    ]


_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_EXTERNAL_LINK = {
    "xl/externalLinks/externalLink1.xml": (
        f'<externalLink xmlns="{_MAIN}" xmlns:r="{_RELS}"><externalBook r:id="rId1">'
        '<sheetNames><sheetName val="Sheet1"/></sheetNames></externalBook></externalLink>'
    ),
    "xl/externalLinks/_rels/externalLink1.xml.rels": (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{_RELS}/externalLinkPath"'
        ' Target="file:///never/read/other.xlsx" TargetMode="External"/></Relationships>'
    ),
}


def _saved_value(formula: str, value: str, external: bool) -> Any:
    """A part changer: the answer cell D10 holds ``formula`` with the value Excel saved
    for it; with ``external``, the formula names another workbook, linked as Excel does."""

    def change(name: str, content: bytes) -> bytes:
        text = content.decode()
        if name == "xl/worksheets/sheet2.xml":
            start = text.index('<c r="D10"')
            end = text.index("</c>", start)
            cell = f'<c r="D10" t="str"><f>{formula}</f><v>{value}</v>'
            return (text[:start] + cell + text[end:]).encode()
        if not external:
            return content
        if name == "xl/workbook.xml":
            references = (
                '<externalReferences><externalReference r:id="rId99"/></externalReferences>'
            )
            return text.replace("</sheets>", "</sheets>" + references).encode()
        if name == "xl/_rels/workbook.xml.rels":
            link = (
                f'<Relationship Type="{_RELS}/externalLink"'
                ' Target="externalLinks/externalLink1.xml" Id="rId99" />'
            )
            return text.replace("</Relationships>", link + "</Relationships>").encode()
        if name == "[Content_Types].xml":
            kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"
            part = (
                f'<Override PartName="/xl/externalLinks/externalLink1.xml" ContentType="{kind}" />'
            )
            return text.replace("</Types>", part + "</Types>").encode()
        return content

    return change


@pytest.mark.parametrize(
    ("formula", "external"),
    [('IF(1=1,"Fully","Partly")', False), ("[1]Sheet1!A1", True)],
)
def test_a_formula_is_read_as_the_value_excel_saved(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], formula: str, external: bool
) -> None:
    path = _edited(tmp_path, None)
    saved = with_parts(path, tmp_path / "saved.xlsx", _saved_value(formula, "Partly", external))
    if external:
        with zipfile.ZipFile(saved, "a") as archive:
            for name, content in _EXTERNAL_LINK.items():
                archive.writestr(name, content)
    code, err, results = score(capsys, SMALL, saved, out=tmp_path / "out")
    assert (code, err) == (0, [])
    [result] = results.values()
    [given] = [
        q for s in result["sections"] for q in s["questions"] if q["qid"].endswith("motivation")
    ]
    assert given["answer"] == ["partly"]


def _part_bomb(name: str, content: bytes) -> bytes:
    if name == "xl/theme/theme1.xml":
        return content + b" " * (5 * 1024 * 1024)  # packs to a few kilobytes
    return content


def _big_sheet(name: str, content: bytes) -> bytes:
    if name == "xl/worksheets/sheet3.xml":
        return content.replace(b"</sheetData>", b" " * (1024 * 1024) + b"</sheetData>")
    return content


def _entities(name: str, content: bytes) -> bytes:
    if name == "xl/workbook.xml":
        laughs = b'<!DOCTYPE w [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        return laughs + content
    return content


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (
            lambda p, o: with_parts(p, o, _part_bomb),
            "error: the workbook unpacks to 5,2",
        ),
        (
            lambda p, o: with_parts(p, o, _big_sheet),
            "error: the workbook's sheets unpack to 1,0",
        ),
        (lambda p, o: with_parts(p, o, _entities), "error: the workbook is damaged"),
        (
            lambda p, o: o.write_bytes(b"PK\x03\x04 not really") and o,
            "error: this is not an Excel workbook",
        ),
        (
            lambda p, o: o.write_bytes(p.read_bytes()[:3000]) and o,
            "error: this is not an Excel workbook",
        ),
        (
            lambda p, o: with_parts(p, o, lambda n, c: None if n == "xl/workbook.xml" else c),
            "error: this zip file is not an Excel workbook",
        ),
        (
            lambda p, o: with_parts(
                p, o, lambda n, c: b"<worksheet" if n == "xl/worksheets/sheet2.xml" else c
            ),
            "error: the workbook is damaged",
        ),
    ],
)
def test_a_workbook_that_cannot_be_read_safely_is_refused_before_reading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], make: Any, expected: str
) -> None:
    path = make(_edited(tmp_path, None), tmp_path / "bad.xlsx")
    [problem] = _problems(capsys, path, tmp_path / "out")
    assert problem.startswith(f"{path}: error: ")
    assert expected in problem


def test_macros_are_refused_by_name_and_by_content(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    filled = _edited(tmp_path, None)
    as_xlsm = tmp_path / "filled.xlsm"
    shutil.copyfile(filled, as_xlsm)
    hidden = tmp_path / "hidden.xlsx"
    with_parts(filled, hidden, lambda n, c: c)
    with zipfile.ZipFile(hidden, "a") as archive:
        archive.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0")
    for path in (as_xlsm, hidden):
        [problem] = _problems(capsys, path, tmp_path / "out")
        assert problem.startswith(f"{path}: error: ")
        assert problem.endswith("[workbook-macros]")


def test_a_bad_workbook_in_a_folder_leaves_the_others_scored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "returns"
    folder.mkdir()
    empty = blank(tmp_path)
    fill(empty, folder / "a.xlsx", service="East", answers={"willing.motivation": "Fully"})
    (folder / "b.xlsx").write_bytes(b"not a workbook")
    fill(empty, folder / "c.xlsx", service="West", answers={"willing.motivation": "Partly"})
    (folder / "~$a.xlsx").write_bytes(b"Excel's note that a.xlsx is open")
    code, err, results = score(capsys, SMALL, folder, out=tmp_path / "out")
    assert code == 1
    assert sorted(results) == ["east-undated.json", "west-undated.json"]
    assert [line for line in err if "error" in line] == [
        f"{folder / 'b.xlsx'}: error: this is not an Excel workbook; save it from Excel or"
        " LibreOffice as an Excel workbook (.xlsx) [workbook-unreadable]"
    ]


def test_a_workbook_for_another_version_is_read_by_its_question_ids(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def older(book: Workbook) -> None:
        book["Bank"]["B2"] = "0.9"
        book["Answers"][f"G{row_of(book, 'context.partners')}"] = "context.old-question"

    path = _edited(
        tmp_path,
        older,
        answers={"context.partners": "Kent", "willing.motivation": "Fully"},
    )
    code, err, results = score(capsys, SMALL, path, out=tmp_path / "out")
    assert code == 0
    assert any("context.old-question = Kent" in line for line in err)
    [result] = results.values()
    answered = {q["qid"]: q["answer"] for s in result["sections"] for q in s["questions"]}
    assert answered["willing.motivation"] == ["fully"]
