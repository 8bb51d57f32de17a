"""Names fit to show and to use as file names: service names without control characters,
safe slugs, file names that never overwrite one already taken, and names made from another
file's name that still fit the file system."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

_UNSAFE = re.compile(r"[^a-z0-9]+")


def slugify(name: str | None, fallback: str = "unnamed-service") -> str:
    """A safe file-name stem from a service name: ASCII letters, digits and hyphens."""
    if not name:
        return fallback
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = _UNSAFE.sub("-", ascii_name.lower()).strip("-")[:60].strip("-")
    return slug or fallback


def unique_path(folder: Path, stem: str, suffix: str, taken: set[str]) -> Path:
    """``folder/stem.suffix``, or ``stem-2``, ``stem-3``... when that stem is already taken."""
    candidate = stem
    number = 2
    while candidate in taken:
        candidate = f"{stem}-{number}"
        number += 1
    taken.add(candidate)
    return folder / f"{candidate}{suffix}"


# The longest name of one path component on common file systems (ext4, XFS, btrfs, APFS,
# tmpfs: 255 bytes; NTFS: 255 UTF-16 units, never more than the UTF-8 bytes).
NAME_MAX = 255


def fitted_name(prefix: str, name: str, suffix: str) -> str:
    """``prefix + name + suffix``, with ``name`` cut short (and a hash of the whole of it
    added, so different long names stay different) when that would pass :data:`NAME_MAX`
    bytes: the name of a temp file, lock or backup made from a long file name still fits."""
    whole = f"{prefix}{name}{suffix}"
    if len(whole) * 4 <= NAME_MAX or len(whole.encode("utf-8", "surrogateescape")) <= NAME_MAX:
        return whole
    digest = "~" + hashlib.sha256(name.encode("utf-8", "surrogateescape")).hexdigest()[:8]
    room = NAME_MAX - len(f"{prefix}{digest}{suffix}".encode("utf-8", "surrogateescape"))
    cut = name.encode("utf-8", "surrogateescape")[: max(room, 0)]
    return f"{prefix}{cut.decode('utf-8', 'ignore')}{digest}{suffix}"


_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|[@-_])")  # terminal escape sequences


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]+")


def display_name(name: str | None) -> str:
    """A service name fit to show: control and direction characters removed, spaces folded."""
    if not name:
        return ""
    if name.isprintable() and "  " not in name and name[0] != " " and name[-1] != " ":
        return name  # no control, format or separator character but single inner spaces
    return _clean(name)


def _clean(name: str) -> str:
    return " ".join(_CONTROL.sub(" ", _ANSI.sub("", name)).split())
