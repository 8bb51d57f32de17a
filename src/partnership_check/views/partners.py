"""Who the partners of a partnership view are: the files admitted (a blank template, or a
second file for a service already given, is left out and named), in a stable order, with a
label for each that tells them apart and a short label for tables too wide for full names."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..scoring.results import ServiceResult
from .compare_result import LeftOut, Partner
from .headline import headline

# Full names as column headings while the heading row stays within about a page's width.
HEADING_WIDTH = 90
_SMALL_WORDS = frozenset({"of", "and", "the", "for", "in", "on", "at", "&"})


@dataclass(frozen=True)
class Admitted:
    """The partners compared, in order, and the files left out with why."""

    results: list[ServiceResult]
    left_out: list[LeftOut]


def order_partners(results: Sequence[ServiceResult]) -> list[ServiceResult]:
    """Partners by service name (case-insensitive), then file name: a stable order."""
    return sorted(
        results, key=lambda r: (r.service_display.casefold(), r.service_display, r.source)
    )


def admit(results: Sequence[ServiceResult]) -> Admitted:
    """Leaves out blank templates (nothing that counts answered) and, of two or more files
    naming the same service, all but the latest assessment (the first file by name when
    the dates tie): they would be shown as a partner called "Unnamed service", or as two
    partners where there is one."""
    left_out: list[LeftOut] = []
    started: list[ServiceResult] = []
    for r in sorted(results, key=lambda r: r.source):
        if r.completeness.started:
            started.append(r)
        else:
            left_out.append(_left_out(r, "not-started", None))
    kept: dict[str, ServiceResult] = {}
    for r in sorted(started, key=_latest_first):
        key = r.service_display.casefold()
        if not key:
            kept[f"\0{r.source}"] = r  # unnamed: told apart by its file
        elif key in kept:
            left_out.append(_left_out(r, "same-service", kept[key].source))
        else:
            kept[key] = r
    return Admitted(order_partners(list(kept.values())), left_out)


def _latest_first(r: ServiceResult) -> tuple[int, str]:
    return (-(r.assessed_on.toordinal() if r.assessed_on else 0), r.source)


def _left_out(r: ServiceResult, reason: str, kept: str | None) -> LeftOut:
    return LeftOut.model_validate(
        {
            "source": r.source,
            "file": Path(r.source).name,
            "service": r.service_display,
            "assessed_on": r.assessed_on,
            "reason": reason,
            "kept": kept,
            "kept_file": Path(kept).name if kept else None,
        }
    )


def partners(results: list[ServiceResult]) -> list[Partner]:
    """One Partner per result, labelled; short labels when full names would be too wide."""
    labels = _labels(results)
    shorts = labels
    if sum(len(label) + 3 for label in labels) > HEADING_WIDTH:
        shorts = _short_labels(labels)
    return [
        Partner.model_validate(
            {
                "label": label,
                "short": short,
                "provisional": r.completeness.provisional,
                "problems": len(r.problems) + r.problems_more,
                "unread": tuple(dict.fromkeys(p.qid for p in r.problems if p.text is not None)),
                "band_min": r.overall.band.min,
                **headline(r),
            }
        )
        for label, short, r in zip(labels, shorts, results, strict=True)
    ]


def _labels(results: Sequence[ServiceResult]) -> list[str]:
    names = [r.service_display or Path(r.source).name for r in results]
    folded = [n.casefold() for n in names]
    labels = []
    for name, key, r in zip(names, folded, results, strict=True):
        clash = folded.count(key) > 1 and r.service_display
        labels.append(f"{name} ({Path(r.source).name})" if clash else name)
    if len(set(labels)) < len(labels):  # same name and same file name in other folders
        labels = [
            f"{n} ({r.source})" if labels.count(lab) > 1 else lab
            for n, lab, r in zip(names, labels, results, strict=True)
        ]
    return labels


def _short_labels(labels: list[str]) -> list[str]:
    """Initials of each label's words ("Northshire Record Office" is NRO), numbered where
    two would be the same; a label with no letters is P and its place."""
    shorts: list[str] = []
    for index, label in enumerate(labels, start=1):
        words = [w for w in re.findall(r"[^\W\d_]+", label) if w.casefold() not in _SMALL_WORDS]
        short = "".join(w[0].upper() for w in words)[:5] or f"P{index}"
        shorts.append(short)
    for short in set(shorts):
        places = [i for i, s in enumerate(shorts) if s == short]
        if len(places) > 1:
            for number, i in enumerate(places, start=1):
                shorts[i] = f"{short}{number}"
    if len(set(shorts)) < len(shorts):  # a numbered one met another's initials
        shorts = [f"P{index}" for index in range(1, len(labels) + 1)]
    return shorts
