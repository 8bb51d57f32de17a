"""``template``: a blank answer file to fill in offline with any editor, then ``score``.

Every question becomes a commented block (text, help, allowed choice ids with labels,
any condition) above an empty answer. The blank file parses as it is and scores as
incomplete, so a half-filled copy is always scoreable.
"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

from .bank import AllOf, AnyOf, Bank, Condition, Leaf, QuestionRef, load_bank

SCHEMA_FILE = "answers.schema.json"
WIDTH = 88


def describe_condition(condition: Condition) -> str:
    """A condition in words, e.g. ``context.partnership-type is shared-service or spin-out``."""
    if isinstance(condition, Leaf):
        options = " or ".join(condition.in_) if condition.in_ else "(nothing)"
        return f"{condition.question} is {options}"
    if isinstance(condition, AllOf):
        return " and ".join(_grouped(c) for c in condition.all)
    if isinstance(condition, AnyOf):
        return " or ".join(_grouped(c) for c in condition.any)
    return f"not ({describe_condition(condition.not_)})"


def _grouped(condition: Condition) -> str:
    text = describe_condition(condition)
    return text if isinstance(condition, Leaf) else f"({text})"


def _comment(text: str, indent: str = "  ", prefix: str = "") -> list[str]:
    width = WIDTH - len(indent) - 2
    lines = textwrap.wrap(
        prefix + " ".join(text.split()), width=width, subsequent_indent=" " * len(prefix)
    )
    return [f"{indent}# {line}".rstrip() for line in lines]


def _question_block(ref: QuestionRef) -> list[str]:
    question = ref.question
    lines = [""]
    lines += _comment(question.text)
    if question.help:
        lines += _comment(question.help, prefix="Help: ")
    if question.when is not None:
        lines += _comment(describe_condition(question.when), prefix="Only if: ")
    if question.type == "text":
        lines += _comment("free text (quote it if it contains a colon)", prefix="Answer: ")
    else:
        how = "one or more, as a list like [a, b]" if question.type == "multi" else "one of"
        lines += _comment(how, prefix="Answer: ")
        lines += [f"  #   {choice.id} = {choice.label}" for choice in ref.choices]
    lines.append(f"  {ref.qid}:")
    return lines


def render_template(bank: Bank) -> str:
    """The blank answer file for ``bank`` as YAML text with comments."""
    lines = [
        f"# yaml-language-server: $schema={SCHEMA_FILE}",
        f"# Answer file for: {bank.title}",
        f"# (question bank {bank.id}, version {bank.version})",
        "# Fill in each answer after its colon with one of the ids listed above it. Leave it",
        "# empty if you have not answered yet. To add evidence, use the long form:",
        "#   section.question:",
        "#     answer: largely",
        '#     note: "What shows this: minutes of the 2025 steering group, item #4."',
        "# Keep a note in quotes: without them, ': ' in it is an error and ' #' ends it.",
        "# Then run: partnership-check score THIS-FILE.yaml",
        f"bank: {bank.id}",
        f'bank_version: "{bank.version}"',
        "service:          # your archive service's name",
        "assessed_on:      # the date of the assessment, YYYY-MM-DD",
        "assessor:         # optional: who answered",
        "answers:",
    ]
    current = None
    for ref in bank.questions:
        if ref.section is not current:
            current = ref.section
            lines += ["", f"  # == {current.title} " + "=" * max(3, 70 - len(current.title))]
            if current.intro:
                lines += _comment(current.intro)
        lines += _question_block(ref)
    return "\n".join(lines) + "\n"


def run_template(bank_path: Path | None, output: Path | None, force: bool = False) -> int:
    """Writes the blank answer file to ``output`` (and its schema beside it) or stdout.

    A file already at ``output`` may hold someone's answers: it is replaced only with
    ``force``, or when it already is this very template.
    """
    from .errors import UsageError
    from .files import atomic_write, check_output_file

    if output is not None:
        check_output_file(output)
    text = render_template(load_bank(bank_path))
    if output is None:
        sys.stdout.write(text)
        return 0
    if not force and output.is_file() and _differs(output, text):
        raise UsageError(
            f"-o {output}: the file already exists and may hold answers; give a new file name,"
            " or add --force to replace it with a blank template"
        )
    atomic_write(output, text)
    schema_path = output.parent / SCHEMA_FILE
    if not schema_path.exists():
        from .schemas import schema_json

        atomic_write(schema_path, schema_json("answers"))
    sys.stderr.write(f"Wrote {output} (and {schema_path} for editors that check YAML).\n")
    return 0


def _differs(path: Path, text: str) -> bool:
    try:
        return path.read_bytes() != text.encode("utf-8")
    except OSError:
        return True  # unreadable: treat it as someone's work
