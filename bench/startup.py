"""Start-up benchmark: how much ``partnership-check`` costs before it does any work.

Reports medians over interleaved runs and, above all, ratios measured in the same run:
``--version`` and ``--help`` against ``python -c "import typer"`` and bare ``python -c pass``,
and ``validate`` of the bundled bank. Target: ``--version`` within 1.3x of importing typer.

    python bench/startup.py [--runs 30]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time


def _time(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    tool = shutil.which("partnership-check")
    cli = [tool] if tool else [sys.executable, "-m", "partnership_check"]
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        'python -c "import typer"': [sys.executable, "-c", "import typer"],
        "partnership-check --version": [*cli, "--version"],
        "partnership-check --help": [*cli, "--help"],
        "partnership-check validate": [*cli, "validate"],
    }
    for command in commands.values():  # warm the OS cache and .pyc files
        _time(command)
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, command in commands.items():
            samples[name].append(_time(command))
    median = {name: statistics.median(values) for name, values in samples.items()}

    base = median["python -c pass"]
    typer_cost = median['python -c "import typer"']
    print(f"{'command':32} {'median ms':>10} {'x pass':>8} {'x typer':>8}")
    for name, value in median.items():
        print(f"{name:32} {value * 1000:10.1f} {value / base:8.2f} {value / typer_cost:8.2f}")
    ratio = median["partnership-check --version"] / typer_cost
    verdict = "meets" if ratio <= 1.3 else "MISSES"
    print(f"\n--version / import typer = {ratio:.2f} ({verdict} the 1.3x target)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
