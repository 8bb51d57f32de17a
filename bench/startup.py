"""Start-up benchmark: what ``partnership-check`` costs beyond a floor that does no work.

Each figure is the median, over paired runs taken in turn (A B A B ...), of A's wall time
divided by B's, so a comparison holds while the machine's speed drifts. The floors:

- ``python -c "import typer"`` for ``--version``;
- ``bench/floor_app.py``, a minimal typer application in the same environment whose
  commands take the same kinds of options and import the same libraries (typer, PyYAML,
  pydantic; Jinja2 for score), run with the same arguments, for ``validate`` and ``score``.

Targets: ``--version`` <= 1.2x importing typer; ``validate`` of the bundled bank <= 1.15x
its floor; ``score`` of one answer file <= 1.3x its floor. Exits 1 when one is missed.

    python bench/startup.py [--runs 30]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
EXAMPLE = HERE.parent / "reports" / "example" / "example-record-office.yaml"


def _time(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def _pairs(a: list[str], b: list[str], runs: int) -> tuple[float, float, float]:
    """Median seconds of A and of B, and the median of A/B over paired runs."""
    _time(a), _time(b)  # warm the OS cache and .pyc files
    times_a, times_b, ratios = [], [], []
    for _ in range(runs):
        ta, tb = _time(a), _time(b)
        times_a.append(ta)
        times_b.append(tb)
        ratios.append(ta / tb)
    return statistics.median(times_a), statistics.median(times_b), statistics.median(ratios)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    tool = shutil.which("partnership-check")
    cli = [tool] if tool else [sys.executable, "-m", "partnership_check"]
    floor = [sys.executable, str(HERE / "floor_app.py")]
    out = Path(tempfile.mkdtemp(prefix="pc-startup-"))
    one = ["score", str(EXAMPLE), "--out", str(out)]
    checks = [
        ("--version", [*cli, "--version"], [sys.executable, "-c", "import typer"], 1.2),
        ("validate", [*cli, "validate"], [*floor, "validate"], 1.15),
        ("score one file", [*cli, *one], [*floor, *one], 1.3),
    ]
    print(f"{'command':16} {'ms':>8} {'floor ms':>9} {'ratio':>7} {'target':>7}")
    missed = 0
    for name, command, base, target in checks:
        ms, floor_ms, ratio = _pairs(command, base, args.runs)
        verdict = "meets" if ratio <= target else "MISSES"
        missed += ratio > target
        print(
            f"{name:16} {ms * 1000:8.1f} {floor_ms * 1000:9.1f} {ratio:7.2f} "
            f"{target:6.2f}x {verdict}"
        )
    shutil.rmtree(out)
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
