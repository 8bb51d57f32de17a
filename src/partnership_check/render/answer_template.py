"""The blank answer file: to fill in offline with any editor, then ``score``.

Every question becomes a commented block (text, help, allowed choice ids with labels,
any condition) above an empty answer. The blank file parses as it is and scores as
incomplete, so a half-filled copy is always scoreable.
"""

from __future__ import annotations

import textwrap

from ..bank.conditions import describe_condition
from ..bank.model import Bank, QuestionRef

SCHEMA_FILE = "answers.schema.json"
WIDTH = 88


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
        several = "one or more, as a list like [a, b] or separated by commas"
        how = several if question.type == "multi" else "one of"
        lines += _comment(how, prefix="Answer: ")
        lines += [f"  #   {choice.id} = {choice.label}" for choice in ref.choices]
    lines.append(f"  {ref.qid}:")
    return lines


def render_answer_template(bank: Bank) -> str:
    """The blank answer file for ``bank`` as YAML text with comments."""
    lines = [
        f"# yaml-language-server: $schema={SCHEMA_FILE}",
        f"# Answer file for: {bank.title}",
        f"# (question bank {bank.id}, version {bank.version})",
        "# Fill in each answer after its colon with one of the ids or labels listed above it",
        "# (in any case). Leave it empty if you have not answered yet. To add evidence, use",
        "# the long form:",
        "#   section.question:",
        "#     answer: largely",
        '#     note: "What shows this: minutes of the 2025 steering group, item #4."',
        "# Keep a note in quotes: without them, ': ' in it is an error and ' #' ends it.",
        '# Type straight quotes ("..."): the curly ones a word processor types are not quotes.',
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
