"""The batch's summary rows, kept in a temp file while the batch runs."""

from __future__ import annotations

import io
import os
import tempfile
from array import array
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..views.summary import RowStatus, SummaryRow

# Scored rows come first, then the files not started: the order of summary.csv and .json.
_RANK: dict[RowStatus, str] = {"scored": "0", "not-started": "1"}


class RowStore:
    """Summary rows kept in a temp file as JSON lines; only their sort keys stay in memory,
    so a batch of any size needs about the same memory."""

    def __init__(self, folder: Path, tag: str) -> None:
        # Created exclusively under a name no one can guess, never through a link; the
        # tag (.pc<pid>) lets a later run clear it if this one is killed.
        fd, name = tempfile.mkstemp(prefix=f".summary-rows.{tag}.", suffix=".tmp", dir=folder)
        self.path = Path(name)
        self._file = os.fdopen(fd, "w+b")
        self.error: OSError | None = None  # the first write that failed: rows are missing
        self._keys: list[str] = []  # one string a row: compact, and sorts as the rows should
        self._spans = array("q")  # offset and length of each row, in the order of _keys
        self.scored = 0
        self.not_started = 0
        self.incomplete = 0  # of the scored rows
        self.with_problems = 0  # rows with answers that could not be read

    def add(self, row: SummaryRow) -> None:
        """Keeps the row; when it cannot be written (a full disk) the store keeps counting
        but holds no more rows, and :attr:`error` says why."""
        data = row.model_dump_json().encode("utf-8") + b"\n"
        if self.error is None:
            try:
                self._spans.extend((self._file.tell(), len(data)))
                self._file.write(data)
            except OSError as err:
                self.error = err
        self.with_problems += row.problem_count > 0
        rank = _RANK[row.status]
        self._keys.append(f"{rank}\0{row.service.casefold()}\0{row.service}\0{row.source}")
        if row.status == "scored":
            self.scored += 1
            self.incomplete += row.incomplete
        else:
            self.not_started += 1

    def __len__(self) -> int:
        return len(self._keys)

    def __iter__(self) -> Iterator[SummaryRow]:
        """Rows sorted by status, then service, then file: output never depends on the
        order of work."""
        return self._read(None)

    def having(self, status: RowStatus) -> Iterable[SummaryRow]:
        """The rows of one status, in order, read again each time they are iterated."""
        return _Having(self, _RANK[status])

    def _read(self, rank: str | None) -> Iterator[SummaryRow]:
        if self.error is not None:  # rows are missing: no summary may be made of the rest
            raise self.error
        self._file.flush()
        keys = self._keys
        for index in sorted(range(len(keys)), key=keys.__getitem__):
            if rank is not None and keys[index][0] != rank:
                continue
            self._file.seek(self._spans[2 * index])
            yield SummaryRow.model_validate_json(self._file.read(self._spans[2 * index + 1]))
        self._file.seek(0, io.SEEK_END)

    def close(self) -> None:
        """Closes and removes the temp file, even when what is buffered cannot be written."""
        try:
            self._file.close()
        except OSError as err:
            self.error = self.error or err
        finally:
            self.path.unlink(missing_ok=True)


class _Having:
    """The rows of one rank: iterable as often as a template loops over them."""

    def __init__(self, store: RowStore, rank: str) -> None:
        self._store = store
        self._rank = rank

    def __iter__(self) -> Iterator[SummaryRow]:
        return self._store._read(self._rank)
