"""The command line: thin typer commands over core functions, and the one error handler.

Each command parses its options, imports its module in ``commands/`` lazily (so
``--version`` and ``--help`` stay cheap), calls one function with plain values and returns
its exit code. :func:`main` maps every other outcome to :class:`~.errors.ExitCode`.
"""

from __future__ import annotations

import gc
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from . import __version__
from .commands.printing import to_stderr, to_stdout, write_nowhere
from .errors import ExitCode, InputError, PartnershipCheckError

if TYPE_CHECKING:  # the report modules load only for the commands that render
    from .render.report import PageRenderer

app = typer.Typer(
    name="partnership-check",
    help="Judge how ready an archive service is to enter a partnership, and turn the answers "
    "into a readiness report it can act on.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        to_stdout(f"partnership-check {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Partnership-readiness self-assessment for UK archive services."""


BankOption = Annotated[
    Path | None,
    typer.Option("--bank", help="Question bank YAML (default: the bundled bank).", dir_okay=False),
]


ViewFormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        help="md, or html: one page to print or open in Word (default: html for an -o file "
        "ending in .html, else md).",
    ),
]


def _plain_default() -> bool:
    """The plain prompter, asked for by the environment. NO_COLOR is not among these: it
    asks for no colour only, which both prompters honour."""
    return (
        os.environ.get("TERM") == "dumb"
        or os.environ.get("ACCESSIBLE") not in (None, "", "0")
        or os.environ.get("PARTNERSHIP_CHECK_PLAIN") not in (None, "", "0")
    )


@app.command()
def assess(
    bank: BankOption = None,
    out: Annotated[
        Path, typer.Option("--out", help="Folder for the answers file and report.")
    ] = Path("reports"),
    resume: Annotated[
        Path | None,
        typer.Option("--resume", help="Continue an answers file saved earlier.", dir_okay=False),
    ] = None,
    service: Annotated[
        str | None, typer.Option("--service", help="The archive service's name.")
    ] = None,
    plain: Annotated[
        bool,
        typer.Option(
            "--plain",
            help="Numbered plain-text prompts for screen readers (also ACCESSIBLE=1, "
            "TERM=dumb, PARTNERSHIP_CHECK_PLAIN=1).",
        ),
    ] = False,
    formats: Annotated[
        str, typer.Option("--format", help="The report's formats, comma-separated: md, json, html.")
    ] = "md,json",
) -> int:
    """Answer the readiness questionnaire interactively; every answer is saved as you go.

    Examples:

    \b
      partnership-check assess
      partnership-check assess --resume reports/my-office-2026-11-25.answers.yaml
      partnership-check assess --format md,json,html   # also a page to print or open in Word
    """
    from .commands.assess import NOT_A_TERMINAL, run_assess
    from .commands.score import parse_formats
    from .errors import UsageError
    from .interactive.prompt_specs import Prompter

    chosen = parse_formats(formats)
    if not sys.stdin.isatty():
        raise UsageError(NOT_A_TERMINAL)
    # Without a terminal on stdout too, plain lines; the resume command then says --plain.
    plain = plain or _plain_default() or not sys.stdout.isatty()
    prompter: Prompter
    if plain:
        from .interactive.plain_prompter import PlainPrompter

        prompter = PlainPrompter()
    else:
        from .interactive.questionary_prompter import RichPrompter

        prompter = RichPrompter()
    return run_assess(
        bank_path=bank,
        out_dir=out,
        resume=resume,
        service=service,
        plain=plain,
        prompter=prompter,
        formats=chosen,
        to_html=_page_renderer(chosen),
    )


class TemplateFormat(StrEnum):
    yaml = "yaml"
    xlsx = "xlsx"


@app.command("template")
def template_command(
    bank: BankOption = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="File to write (default or -: stdout).")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace an existing file, answers and all.")
    ] = False,
    template_format: Annotated[
        TemplateFormat | None,
        typer.Option(
            "--format",
            help="yaml (a text file) or xlsx (an Excel workbook); default: by the -o suffix.",
        ),
    ] = None,
) -> int:
    """Write a blank answer file to fill in with any editor, or a workbook to fill in with
    Excel or LibreOffice, then score.

    An existing file is never replaced without --force: it may hold answers.

    Examples:

    \b
      partnership-check template -o blank.yaml
      partnership-check template --format xlsx -o blank.xlsx
    """
    as_workbook = template_format is TemplateFormat.xlsx or (
        template_format is None and output is not None and output.suffix.lower() == ".xlsx"
    )
    if as_workbook:
        from .commands.template_workbook import run_workbook_template  # openpyxl: only here

        return run_workbook_template(bank_path=bank, output=output, force=force)
    from .commands.template import run_template

    return run_template(bank_path=bank, output=output, force=force)


@app.command()
def score(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Answer files, folders of them, or globs.", metavar="ANSWER"),
    ],
    bank: BankOption = None,
    out: Annotated[Path, typer.Option("--out", help="Folder for reports.")] = Path("reports"),
    formats: Annotated[
        str, typer.Option("--format", help="Comma-separated: md, json, html.")
    ] = "md",
    template: Annotated[
        Path | None,
        typer.Option("--template", help="Your own Jinja2 template for the Markdown report."),
    ] = None,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", help="Worker processes (default: cores).")
    ] = None,
    fail_on: Annotated[str, typer.Option("--fail-on", help="none, error or incomplete.")] = "error",
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only the summary lines.")] = False,
) -> int:
    """Score answer files and write a readiness report for each (and a summary for several).

    Examples:

    \b
      partnership-check score reports/example/example-record-office.yaml
      partnership-check score answers/ --out reports/region/ --format md,json
      partnership-check score office.yaml --format html   # to print, or open in Word
    """
    from .commands.score import ScoreOptions, parse_formats, run_score

    progress = None
    if not quiet and sys.stderr.isatty():
        from .commands.progress_bar import ProgressBar

        progress = ProgressBar
    chosen = parse_formats(formats)
    options = ScoreOptions(
        bank_path=bank,
        out_dir=out,
        formats=chosen,
        template=template,
        jobs=jobs if jobs is not None else os.cpu_count() or 1,
        fail_on=fail_on,
        quiet=quiet,
        progress=progress,
        to_html=_page_renderer(chosen),
    )
    return run_score(paths, options)


def _page_renderer(formats: tuple[str, ...]) -> PageRenderer | None:
    """The HTML page maker, imported only when a page is asked for: its Markdown parser
    costs start-up that every other run would pay for nothing."""
    if "html" not in formats:
        return None
    from .render.html import render_html

    return render_html


@app.command()
def compare(
    paths: Annotated[
        list[Path],
        typer.Argument(help="2 to 20 answer files, one per partner.", metavar="ANSWER"),
    ],
    bank: BankOption = None,
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="File to write, its .json beside it (- for stdout)."),
    ] = None,
    output_format: ViewFormatOption = None,
) -> int:
    """Compare prospective partners side by side: the partnership view.

    Examples:

    \b
      partnership-check compare answers/*.yaml -o partnership.md
      partnership-check compare answers/*.yaml --format html -o partnership.html
    """
    from .commands.compare import run_compare

    return run_compare(paths=paths, bank_path=bank, output=output, output_format=output_format)


@app.command()
def progress(
    old: Annotated[Path, typer.Argument(help="The earlier answer file.")],
    new: Annotated[Path, typer.Argument(help="The later answer file.")],
    bank: BankOption = None,
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="File to write, its .json beside it (- for stdout)."),
    ] = None,
    output_format: ViewFormatOption = None,
) -> int:
    """Show what changed between two assessments of the same service.

    Examples:

    \b
      partnership-check progress 2025.yaml 2026.yaml -o progress.md
      partnership-check progress 2025.yaml 2026.yaml --format html -o progress.html
    """
    from .commands.progress import run_progress

    return run_progress(
        old=old, new=new, bank_path=bank, output=output, output_format=output_format
    )


class ReportFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


@app.command()
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Bank files or folders of banks (default: the bundled bank).", metavar="BANK"
        ),
    ] = None,
    output_format: Annotated[
        ReportFormat, typer.Option("--format", help="text, json or github (annotations).")
    ] = ReportFormat.text,
    strict: Annotated[
        bool, typer.Option("--strict", help="Treat warnings (missing help...) as errors.")
    ] = False,
) -> int:
    """Check question-bank YAML files; for CI and pre-commit.

    Examples:

    \b
      partnership-check validate
      partnership-check validate questions/ --strict --format github
    """
    from .commands.validate import run_validate

    return run_validate(paths or [], strict=strict, output_format=output_format.value)


class SchemaKind(StrEnum):
    bank = "bank"
    answers = "answers"
    result = "result"


@app.command()
def schema(
    kind: Annotated[SchemaKind, typer.Argument(help="bank, answers or result.")],
    bank: BankOption = None,
) -> int:
    """Print the JSON Schema of a bank, an answer file or a scored result. That of answer
    files lists each question's allowed answers, from --bank (default: the bundled bank).

    Examples:

    \b
      partnership-check schema bank > bank.schema.json
      partnership-check schema answers > answers.schema.json
      partnership-check schema answers --bank my-bank.yaml > answers.schema.json
    """
    from .commands.schema import run_schema

    return run_schema(kind.value, bank)


def _say(message: str) -> None:
    for line in message.rstrip("\n").split("\n"):
        to_stderr(line)


def _usage_line(err: Exception) -> str:
    """click's three-line usage error as one line that says where to find help."""
    format_message = getattr(err, "format_message", None)
    message = format_message() if callable(format_message) else str(err)
    message = " ".join(str(message).replace("Value error, ", "").split())
    context = getattr(err, "ctx", None)
    command = getattr(context, "command_path", None) or "partnership-check"
    return f"{command}: {message} (see '{command} --help')"


def main(argv: list[str] | None = None) -> int:
    """Runs the CLI and maps every outcome to the documented exit codes; a standard stream
    closed or whose reader has gone (``>&-``, ``| head -1``) changes neither."""
    _plug_closed_streams()
    code = _run(argv if argv is not None else sys.argv[1:])
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()  # here, not at exit, where a closed pipe would print a traceback
        except BrokenPipeError:
            write_nowhere(stream)
    return code


def run() -> NoReturn:
    """The installed command: :func:`main`, then exit with its code.

    The heap is moved out of the garbage collector's sight first, so the interpreter does
    not search it for cycles again as it shuts down: that search cost a one-file ``score``
    about as much as its scoring. Every file and stream is closed and flushed by then, and
    atexit handlers still run.
    """
    code = main()
    gc.freeze()
    raise SystemExit(code)


def _plug_closed_streams() -> None:
    """A standard stream closed by the caller reads or writes the null device instead, so
    printing never fails and no file opened later takes the stream's descriptor."""
    for name, mode in (("stdin", "r"), ("stdout", "w"), ("stderr", "w")):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, mode, encoding="utf-8"))  # noqa: SIM115


def _run(args: list[str]) -> int:
    if args == ["--version"]:  # the one answer that needs no command built
        to_stdout(f"partnership-check {__version__}")
        return int(ExitCode.OK)
    command = typer.main.get_command(app)
    try:
        result = command.main(
            args=args,
            prog_name="partnership-check",
            standalone_mode=False,
        )
    except typer.Exit as done:
        return int(done.exit_code)
    except typer.Abort:
        _say("Interrupted.")
        return int(ExitCode.INTERRUPTED)
    except typer.TyperException as err:  # click's usage errors: bad option, missing file
        _say(_usage_line(err))
        return int(ExitCode.USAGE)
    except InputError as err:
        for problem in err.problems:
            _say(problem.format())
        return int(err.exit_code)
    except PartnershipCheckError as err:
        _say(f"partnership-check: {err}")
        return int(err.exit_code)
    except KeyboardInterrupt:
        _say("Interrupted.")
        return int(ExitCode.INTERRUPTED)
    except BrokenPipeError:
        return int(ExitCode.OK)
    except OSError as err:  # a file or folder the system refused: say which, no traceback
        where = " -> ".join(str(f) for f in (err.filename, err.filename2) if f)
        _say(f"partnership-check: {where or 'a file'}: {err.strerror or err}")
        return int(ExitCode.USAGE)
    except Exception as err:
        _say(
            f"partnership-check: internal error ({type(err).__name__}: {err}). "
            "This is a bug in partnership-check, not in your files: please report it to the "
            "maintainers with the command you ran and this message."
        )
        return int(ExitCode.INTERNAL)
    return int(result) if isinstance(result, int) else int(ExitCode.OK)
