"""The progress bar of a batch on a terminal (files done, rate, time left). Only ``cli.py``
imports it, and only when stderr is a terminal, so nothing else pays for rich's progress."""

from __future__ import annotations

from types import TracebackType

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn


class ProgressBar:
    """A rich progress bar on stderr: ``with ProgressBar(total) as advance: advance()``."""

    def __init__(self, total: int) -> None:
        self._bar = Progress(
            TextColumn("Scoring"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeRemainingColumn(),
            console=Console(stderr=True),
        )
        self._task = self._bar.add_task("score", total=total, rate="")

    def __enter__(self) -> ProgressBar:
        self._bar.start()
        return self

    def __call__(self) -> None:
        speed = self._bar.tasks[0].speed
        self._bar.update(self._task, advance=1, rate=f"{speed:,.0f} files/s" if speed else "")

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._bar.stop()
