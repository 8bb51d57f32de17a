"""The batch's summary rows, kept in a temp file while the batch runs."""

from __future__ import annotations

import io
from array import array
from collections.abc import Iterator
from pathlib import Path

from ..views.summary import SummaryRow


class RowStore:
    """Summary rows kept in a temp file as JSON lines; only their sort keys stay in memory,
    so a batch of any size needs about the same memory."""

    def __init__(self, folder: Path, tag: str) -> None:
        self.path = folder / f".summary-rows.{tag}.tmp"
        self._file = self.path.open("w+b")
        self._keys: list[str] = []  # one string a row: compact, and sorts as the rows should
        self._spans = array("q")  # offset and length of each row, in the order of _keys
        self.incomplete = 0

    def add(self, row: SummaryRow) -> None:
        data = row.model_dump_json().encode("utf-8") + b"\n"
        self._spans.extend((self._file.tell(), len(data)))
        self._file.write(data)
        self._keys.append(f"{row.service.casefold()}\0{row.service}\0{row.source}")
        self.incomplete += row.incomplete

    def __len__(self) -> int:
        return len(self._keys)

    def __iter__(self) -> Iterator[SummaryRow]:
        """Rows sorted by service, then file: output never depends on the order of work."""
        self._file.flush()
        for index in sorted(range(len(self._keys)), key=self._keys.__getitem__):
            self._file.seek(self._spans[2 * index])
            yield SummaryRow.model_validate_json(self._file.read(self._spans[2 * index + 1]))
        self._file.seek(0, io.SEEK_END)

    def close(self) -> None:
        self._file.close()
        self.path.unlink(missing_ok=True)
