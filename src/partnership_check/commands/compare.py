"""``compare``: the partnership view of 2-20 prospective partners, to stdout or a file."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..bank.load import load_bank
from ..errors import ExitCode, UsageError
from ..render.views import render_compare, view_text
from ..views.compare import MAX_PARTNERS, MIN_PARTNERS, compare_results, left_out_reason
from .printing import to_stderr
from .view_files import check_output, chosen_format, require_files, score_files, write_outputs


def run_compare(
    paths: Sequence[Path],
    bank_path: Path | None,
    output: Path | None,
    output_format: str | None = None,
) -> ExitCode:
    """The ``compare`` command: score each file, compare, write Markdown or HTML (and JSON
    with -o)."""
    output_format = chosen_format(output_format, output)
    if not MIN_PARTNERS <= len(paths) <= MAX_PARTNERS:
        raise UsageError(
            f"compare takes {MIN_PARTNERS} to {MAX_PARTNERS} answer files, one per partner; "
            f"got {len(paths)}"
        )
    seen: dict[Path, Path] = {}
    for path in paths:
        key = path.resolve()
        if key in seen:
            raise UsageError(f"{path}: given more than once (each partner's file once)")
        seen[key] = path
    require_files(paths)
    if output is not None:
        check_output(output, f"partnership.{output_format}", paths)
    bank = load_bank(bank_path)
    result = compare_results(bank, score_files(bank, paths))
    for o in result.left_out:
        to_stderr(f"{o.source}: left out, {left_out_reason(o)}")
    text = view_text(render_compare(result), output_format)
    write_outputs(output, text, result.model_dump_json(indent=2) + "\n")
    return ExitCode.PROBLEMS if any(p.problems for p in result.partners) else ExitCode.OK
